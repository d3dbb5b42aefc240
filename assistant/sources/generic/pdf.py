"""PDF through pymupdf: headings from the outline or from font size and weight, ruled tables as rows,
running headers, footers and page numbers dropped."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.errors import InvalidDocumentError
from assistant.sources.generic.blocks import STAND_SEARCH_CHARS, Block, Parsed, clean_heading, clean_meta_title
from assistant.sources.pdf import opened_pdf
from assistant.sources.text import join_all
from assistant.sources.text import squash as _squash

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:seite\s+)?\d{1,4}(?:\s*(?:/|von)\s*\d{1,4})?(?:\s*-)?$", re.IGNORECASE)
_DOT_LEADER = re.compile(r"(?:\.\s*){4,}\d*\s*$|…+\s*\d+\s*$")  # "1.2 Titel ........ 7"

_Box = tuple[float, float, float, float]


@dataclass
class _PdfLine:
    text: str
    size: float
    bold: bool
    page: int
    block: int
    y0: float
    y1: float


@dataclass
class _PdfContent:
    lines: list[_PdfLine]
    tables: dict[int, list[tuple[_Box, str]]]  # page → (bbox, rows) in top-to-bottom order
    heights: dict[int, float]
    toc: list[tuple[int, str, int]]  # the PDF outline (bookmarks): level, title, page
    first_page_text: str


def parse_pdf(data: bytes, filename: str) -> Parsed:
    with opened_pdf(data, filename) as document:
        meta_title = clean_meta_title((document.metadata or {}).get("title") or "")
        content = _pdf_content(document)

    if not content.lines and not any(content.tables.values()):
        raise InvalidDocumentError(
            filename, "Die Datei enthält keinen lesbaren Text (vermutlich ein eingescanntes Dokument ohne Texterkennung)."
        )
    lines = _drop_running_lines(content.lines, content.heights)
    levels, starts = _toc_heading_levels(content.toc, lines)
    if not levels:
        levels, starts = _font_heading_levels(lines), set()
    blocks = _pdf_blocks(lines, content.tables, levels, starts)
    return Parsed(blocks, meta_title=meta_title, paged=True, stand_probe=content.first_page_text)


def _pdf_content(document) -> _PdfContent:
    """All text lines with font size and weight, ruled tables as ` | ` rows, the outline."""
    lines: list[_PdfLine] = []
    tables: dict[int, list[tuple[_Box, str]]] = {}
    heights: dict[int, float] = {}
    first_page_text = ""
    for index, page in enumerate(document, start=1):
        heights[index] = float(page.rect.height) or 842.0
        if index == 1:
            first_page_text = page.get_text()[:STAND_SEARCH_CHARS]
        page_tables = _pdf_tables(page)
        tables[index] = page_tables
        content = page.get_text("dict", sort=True)
        for block_no, block in enumerate(content.get("blocks", [])):
            if block.get("type", 0) != 0:
                continue
            for line in block.get("lines", []):
                spans = [s for s in line.get("spans", []) if s.get("text")]
                text = _squash("".join(s["text"] for s in spans))
                if not text:
                    continue
                weighted = [(len(s["text"].strip()), s) for s in spans if s["text"].strip()]
                chars = sum(n for n, _ in weighted) or 1
                size = sum(n * float(s.get("size", 0)) for n, s in weighted) / chars
                bold = all(_span_is_bold(s) for _, s in weighted) if weighted else False
                bbox = tuple(float(v) for v in line.get("bbox", (0, 0, 0, 0)))
                if any(_inside(bbox, table_box) for table_box, _ in page_tables):
                    continue  # the table's text comes as rows
                lines.append(_PdfLine(text, round(size * 2) / 2, bold, index, block_no, bbox[1], bbox[3]))
    toc: list[tuple[int, str, int]] = []
    try:
        for entry in document.get_toc(simple=True):
            if len(entry) >= 3 and isinstance(entry[1], str) and int(entry[2]) >= 1:
                toc.append((int(entry[0]), entry[1], int(entry[2])))
    except Exception:
        toc = []
    return _PdfContent(lines, tables, heights, toc, first_page_text)


def _pdf_tables(page) -> list[tuple[_Box, str]]:
    """Ruled tables on the page, top to bottom. Only pages with a grid of lines are searched:
    pymupdf's detector costs ~0.2 s a page even where there is nothing to find."""
    try:
        if not _has_ruling(page):
            return []
        try:
            found = page.find_tables(use_layout=False).tables  # the layout model is slow and not needed here
        except TypeError:  # pymupdf before the layout option
            found = page.find_tables().tables
        words = page.get_text("words", sort=True) if found else []
        out: list[tuple[_Box, str]] = []
        for table in found:
            rows = _pdf_table_rows(table, words)
            if len(rows) >= 2:
                out.append((tuple(float(v) for v in table.bbox), "\n".join(rows)))
        return sorted(out, key=lambda item: item[0][1])
    except Exception:
        return []  # table detection is a nicety; the plain text still comes through


def _has_ruling(page) -> bool:
    """At least three distinct horizontal and three vertical rules (a grid, not a frame)."""
    horizontal: set[int] = set()
    vertical: set[int] = set()
    for drawing in page.get_cdrawings():
        for item in drawing.get("items", ()):
            if item[0] == "l":
                (x0, y0), (x1, y1) = item[1], item[2]
                if abs(y0 - y1) < 1 and abs(x1 - x0) >= 10:
                    horizontal.add(round(y0))
                elif abs(x0 - x1) < 1 and abs(y1 - y0) >= 5:
                    vertical.add(round(x0))
            elif item[0] == "re":
                x0, y0, x1, y1 = item[1]
                width, height = abs(x1 - x0), abs(y1 - y0)
                if height < 3 and width >= 10:  # thin filled rectangles are how Word draws borders
                    horizontal.add(round(y0))
                elif width < 3 and height >= 5:
                    vertical.add(round(x0))
                elif width >= 10 and height >= 5:
                    horizontal.update((round(y0), round(y1)))
                    vertical.update((round(x0), round(x1)))
            if len(horizontal) >= 3 and len(vertical) >= 3:
                return True
    return False


def _pdf_table_rows(table, words: list) -> list[str]:
    """A ruled table as ` | ` rows; cell text from the page's words (pymupdf's own cell text
    drops spaces with some fonts), each word in the cell that holds its centre."""
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if cell is None:  # covered by a merged cell
                continue
            x0, y0, x1, y1 = cell
            inside = [
                w[4] for w in words
                if x0 - 1 <= (w[0] + w[2]) / 2 <= x1 + 1 and y0 - 1 <= (w[1] + w[3]) / 2 <= y1 + 1
            ]
            cells.append(_squash(" ".join(inside)))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _span_is_bold(span: dict) -> bool:
    font = str(span.get("font", "")).lower()
    return bool(int(span.get("flags", 0)) & 16) or any(w in font for w in ("bold", "black", "heavy", "semibold"))


def _inside(box: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] - 1 <= cx <= outer[2] + 1 and outer[1] - 1 <= cy <= outer[3] + 1


def _drop_running_lines(lines: list[_PdfLine], heights: dict[int, float]) -> list[_PdfLine]:
    """Drop page numbers and header/footer lines repeated near the top or bottom of most pages."""
    pages = len(heights)

    def in_margin(line: _PdfLine) -> bool:
        height = heights.get(line.page, 842.0)
        return line.y1 < height * 0.1 or line.y0 > height * 0.9

    def key(line: _PdfLine) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    repeated: set[str] = set()
    if pages >= 3:
        pages_per_key = Counter(k for k, _page in {(key(line), line.page) for line in lines if in_margin(line)})
        frequent = {k for k, n in pages_per_key.items() if n >= max(3, pages // 2)}
        by_key: dict[str, list[_PdfLine]] = {}
        for line in lines:
            if in_margin(line) and key(line) in frequent:
                by_key.setdefault(key(line), []).append(line)
        repeated = {k for k, group in by_key.items() if _runs(group)}
    return [
        line for line in lines
        if not (in_margin(line) and (key(line) in repeated or _PAGE_NUMBER.match(line.text)))
    ]


def _runs(group: list[_PdfLine]) -> bool:
    """Lines alike but for their numbers are a running header or footer when most repeat the same text
    ("Stand: 01.03.2025"), or when a number counts the pages ("Seite 3 von 10"); lines that differ from
    page to page otherwise ("Eintrag 4711 …" on each of 1,000 pages) are the content."""
    same_text = Counter(line.text.strip().lower() for line in group).most_common(1)[0][1]
    if same_text * 2 >= len(group):
        return True
    offsets = Counter(off for line in group for off in {int(n) - line.page for n in re.findall(r"\d{1,6}", line.text)})
    return bool(offsets) and offsets.most_common(1)[0][1] >= 0.8 * len(group)


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _toc_heading_levels(toc: list[tuple[int, str, int]], lines: list[_PdfLine]) -> tuple[dict[int, int], set[int]]:
    """Headings from the PDF outline: each bookmark is matched to the line(s) on its page that
    spell its title. Used only when most bookmarks are found; else ({}, set())."""
    if not toc:
        return {}, set()
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    levels: dict[int, int] = {}
    starts: set[int] = set()
    matched = 0
    for level, title, page in toc:
        target = _letters(title)
        if not target:
            continue
        candidates = by_page.get(page, [])
        found = False
        for pos, first in enumerate(candidates):
            if first in levels:
                continue
            spelled = ""
            for end in range(pos, min(pos + 4, len(candidates))):
                line_index = candidates[end]
                if line_index in levels:
                    break
                spelled += _letters(lines[line_index].text)
                if spelled == target:
                    for k in candidates[pos : end + 1]:
                        levels[k] = max(1, min(6, level))
                    starts.add(first)
                    found = True
                    break
                if not target.startswith(spelled):
                    break
            if found:
                break
        matched += found
    if matched < max(1, len(toc) // 2):
        return {}, set()
    return levels, starts


def _font_heading_levels(lines: list[_PdfLine]) -> dict[int, int]:
    """Heading level per line index: larger-than-body fonts by size rank, then bold short blocks."""
    if not lines:
        return {}
    size_chars: Counter[float] = Counter()
    for line in lines:
        size_chars[line.size] += len(line.text)
    body = size_chars.most_common(1)[0][0]

    by_block: dict[tuple[int, int], list[int]] = {}
    for i, line in enumerate(lines):
        by_block.setdefault((line.page, line.block), []).append(i)

    def plausible(text: str) -> bool:
        return (
            2 <= len(text) <= 150
            and any(ch.isalpha() for ch in text)
            and not _PAGE_NUMBER.match(text)
            and not _DOT_LEADER.search(text)  # a table-of-contents line
        )

    large: dict[int, float] = {}
    bold_only: set[int] = set()
    for members in by_block.values():
        for i in members:
            line = lines[i]
            if line.size >= body * 1.15 and line.size - body >= 1.0 and plausible(line.text):
                large[i] = line.size
        body_members = [i for i in members if i not in large]
        if (
            body_members
            and len(body_members) <= 2
            and all(lines[i].bold and abs(lines[i].size - body) < 1.0 for i in body_members)
            and sum(len(lines[i].text) for i in body_members) <= 120
            and all(plausible(lines[i].text) for i in body_members)
            and not lines[body_members[-1]].text.endswith((".", ",", ";"))
        ):
            bold_only.update(body_members)

    body_line_count = max(1, len(lines) - len(large))
    if len(bold_only) > body_line_count * 0.4:
        bold_only = set()  # a document set mostly in bold: weight says nothing
    sizes = sorted(set(large.values()), reverse=True)[:5]
    levels: dict[int, int] = {}
    for i, size in large.items():
        levels[i] = sizes.index(size) + 1 if size in sizes else len(sizes)
    bold_level = min(6, len(sizes) + 1)
    for i in bold_only:
        levels[i] = bold_level
    return levels


def _pdf_blocks(
    lines: list[_PdfLine], tables: dict[int, list[tuple[_Box, str]]], levels: dict[int, int], starts: set[int]
) -> list[Block]:
    """Lines → heading and paragraph blocks (a paragraph is one pymupdf block); each table is
    placed before the first line below its top edge."""
    blocks: list[Block] = []
    pending = {page: list(items) for page, items in tables.items() if items}
    body: list[str] = []
    body_key: tuple[int, int] | None = None
    body_page: int | None = None
    heading: list[str] = []
    heading_level = 0
    heading_key: tuple[int, int] | None = None
    heading_page: int | None = None

    def flush_body() -> None:
        nonlocal body, body_key
        if body:
            blocks.append(Block(join_all(body), page=body_page))
        body, body_key = [], None

    def flush_heading() -> None:
        nonlocal heading, heading_level, heading_key
        if heading:
            text = clean_heading(join_all(heading))
            if text:
                blocks.append(Block(text, level=heading_level, page=heading_page))
        heading, heading_level, heading_key = [], 0, None

    def emit_tables(page: int, before_y: float | None) -> None:
        items = pending.get(page, [])
        while items and (before_y is None or items[0][0][1] <= before_y):
            flush_heading()
            flush_body()
            blocks.append(Block(items.pop(0)[1], page=page))

    last_page: int | None = None
    for i, line in enumerate(lines):
        if last_page is not None and line.page != last_page:
            emit_tables(last_page, None)
        last_page = line.page
        emit_tables(line.page, line.y0)
        key = (line.page, line.block)
        level = levels.get(i, 0)
        if level:
            flush_body()
            if heading and (i in starts or heading_key != key or heading_level != level):
                flush_heading()
            heading.append(line.text)
            heading_level, heading_key, heading_page = level, key, line.page
            continue
        flush_heading()
        if body_key != key:
            flush_body()
            body_key, body_page = key, line.page
        body.append(line.text)
    flush_heading()
    flush_body()
    for page in sorted(pending):
        emit_tables(page, None)
    return blocks
