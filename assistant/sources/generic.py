"""Parsers for the editors' own documents: Markdown, plain text, HTML, DOCX and PDF.

Every format is first turned into a flat list of blocks (headings with a level, body
paragraphs, tables as ` | ` rows, each with its PDF page); one shared step then cuts the
blocks into citable units by heading path (or by page / running number when a document
has no headings), splits long sections at paragraph boundaries and reads the Stand.

Every failure caused by the file itself becomes an `InvalidDocumentError` with a German
reason; no library exception escapes `parse_generic`.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from assistant.config import Settings, get_settings
from assistant.errors import InvalidDocumentError
from assistant.model import DocKind, Document, Unit, UnitRole, Visibility
from assistant.sources.limits import check_zip, read_limited
from assistant.sources.pdf import opened_pdf
from assistant.sources.text import PATH_SEPARATOR, find_stand, join_all, split_sentences
from assistant.sources.text import squash as _squash

logger = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".docx", ".pdf"})

MAX_UNIT_CHARS = 2500  # sections longer than this are split into parts at paragraph boundaries
STAND_SEARCH_CHARS = 2000  # the Stand is looked for in the document's first characters
PREAMBLE_LABEL = "Vorbemerkung"  # text before the first section heading

@dataclass(frozen=True)
class _Block:
    """One heading (level 1–6) or body paragraph (level 0) in reading order."""

    text: str
    level: int = 0
    page: int | None = None


@dataclass(frozen=True)
class _Parsed:
    blocks: list[_Block]
    meta_title: str = ""  # docx core title, PDF metadata title, HTML <title>
    style_title: str = ""  # a paragraph styled "Title"/"Titel" (docx)
    paged: bool = False  # PDF: units fall back to pages, not running numbers
    stand_probe: str = ""  # where to look for the Stand first (PDF: page 1 with its running header)


# --------------------------------------------------------------------------- public API


def parse_generic(
    path: Path,
    *,
    name: str | None = None,
    visibility: Visibility = Visibility.INTERNAL,
    stand: str | None = None,
    settings: Settings | None = None,
    data: bytes | None = None,
) -> Document:
    """Parse one editor document (.md, .txt, .html/.htm, .docx, .pdf) into a `Document`.

    `name` defaults to the document's title; `stand` (ISO or `TT.MM.JJJJ`) overrides the
    Stand read from the document; `data` are the file's bytes when the caller has read them
    (within the limits) already. Raises `InvalidDocumentError` for anything unreadable.
    """
    path = Path(path)
    settings = settings or get_settings()
    filename = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        allowed = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise InvalidDocumentError(
            filename, f"Der Dateityp „{suffix or '(ohne Endung)'}“ wird nicht unterstützt (erlaubt: {allowed})."
        )
    if data is None:
        data, modified_at = read_limited(path, settings)
    else:
        modified_at = path.stat().st_mtime
    stand_override = _normalise_stand_parameter(stand, filename) if stand is not None else None

    try:
        if suffix in (".md", ".markdown"):
            parsed = _parse_markdown(_decode_text(data, filename))
        elif suffix == ".txt":
            parsed = _parse_plain_text(_decode_text(data, filename))
        elif suffix in (".html", ".htm"):
            parsed = _parse_html(data, filename)
        elif suffix == ".docx":
            parsed = _parse_docx(data, filename, settings)
        else:
            parsed = _parse_pdf(data, filename)
    except InvalidDocumentError:
        raise
    except Exception as exc:  # a library failed on this file: the file is the problem, not the caller
        logger.debug("parsing %s failed", path, exc_info=True)  # the user reads the German one-liner below
        raise InvalidDocumentError(
            filename, f"Die Datei ist beschädigt oder kann nicht gelesen werden ({type(exc).__name__})."
        ) from exc

    blocks = [b for b in parsed.blocks if b.text.strip()]
    if not any(b.level == 0 for b in blocks):
        raise InvalidDocumentError(filename, "Die Datei enthält keinen lesbaren Text.")

    sections, title = _sections(blocks, parsed)
    title = title or _readable_stem(path)
    doc_name = (name or "").strip() or title
    units = _units(doc_name, sections, paged=parsed.paged)
    if not units:
        raise InvalidDocumentError(filename, "Die Datei enthält keinen lesbaren Text.")

    notes: tuple[str, ...] = ()
    if stand_override is not None:
        stand_iso, stand_text = stand_override
    else:
        found = find_stand(parsed.stand_probe[:STAND_SEARCH_CHARS]) or find_stand(
            "\n".join(b.text for b in blocks)[:STAND_SEARCH_CHARS]
        )
        if found is not None:
            stand_iso, stand_text = found
        else:
            modified = datetime.fromtimestamp(modified_at).date()
            stand_iso = modified.isoformat()
            stand_text = f"Stand: {modified:%d.%m.%Y} (Änderungsdatum der Datei)"
            notes = ("Kein Stand im Dokument gefunden; das Änderungsdatum der Datei wurde verwendet.",)

    return Document(
        name=doc_name,
        kind=DocKind.OTHER,
        title=title,
        stand=stand_iso,
        stand_text=stand_text,
        units=tuple(units),
        visibility=Visibility(visibility),
        source=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        notes=notes,
    )


# --------------------------------------------------------------------------- reading and decoding


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # category Cc without tab, newlines, form feed


def _decode_text(data: bytes, filename: str) -> str:
    """UTF-16 (with BOM), UTF-8 (with or without BOM), else cp1252; binary data is rejected."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidDocumentError(filename, "Die Zeichenkodierung der Datei ist nicht lesbar.") from exc
    else:
        if b"\x00" in data:
            raise InvalidDocumentError(filename, "Die Datei enthält Binärdaten und ist keine Textdatei.")
        for encoding in ("utf-8", "utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InvalidDocumentError(
                filename, "Die Zeichenkodierung der Datei ist nicht lesbar (erwartet UTF-8 oder Windows-1252)."
            )
    text = text.removeprefix("\ufeff")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > max(2, len(text) // 100):
        raise InvalidDocumentError(filename, "Die Datei enthält Binärdaten und ist keine Textdatei.")
    if not text.strip():
        raise InvalidDocumentError(filename, "Die Datei enthält keinen lesbaren Text.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- Markdown and plain text

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Bounded and bracket-free inside, so that a run of "[" or "](" cannot make the search backtrack.
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]\(([^()\n]{0,2000})\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\(([^()\n]{0,2000})\)")


def _drop_html_comments(text: str) -> str:
    """Markdown without `<!-- … -->`, in one pass (an unclosed comment runs to the end, as in HTML)."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        out.append(text[pos:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _clean_inline_markdown(line: str) -> str:
    line = _MD_IMAGE.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "").replace("`", "")
    line = re.sub(r"^\s{0,3}>\s?", "", line)  # blockquote marker
    if line.lstrip().startswith("|") or line.rstrip().endswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        line = " | ".join(cells)
    return line.rstrip()


def _parse_markdown(text: str) -> _Parsed:
    return _parse_lines(_drop_html_comments(text), markdown=True)


def _parse_plain_text(text: str) -> _Parsed:
    """Plain text: paragraphs at blank lines; a single line underlined with === or --- is a heading."""
    return _parse_lines(text, markdown=False)


def _parse_lines(text: str, *, markdown: bool) -> _Parsed:
    blocks: list[_Block] = []
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        body = _join_soft_lines(paragraph)
        if body:
            blocks.append(_Block(body))
        paragraph.clear()

    for raw in text.split("\n"):
        if markdown and _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            paragraph.append(raw.rstrip())
            continue
        if markdown and (m := _ATX.match(raw)):
            flush()
            heading = _clean_heading(_clean_inline_markdown(m.group(2) or ""))
            if heading:
                blocks.append(_Block(heading, level=len(m.group(1))))
            continue
        setext = _SETEXT.match(raw)
        if setext and len(paragraph) == 1 and len(setext.group(1)) >= 3 and len(paragraph[0]) <= 120:
            heading = _clean_heading(paragraph[0])
            paragraph.clear()
            if heading:
                blocks.append(_Block(heading, level=1 if setext.group(1)[0] == "=" else 2))
            continue
        if not raw.strip():
            flush()
            continue
        if markdown:
            if _TABLE_SEPARATOR.match(raw) and "|" in raw:
                continue
            if re.match(r"^ {0,3}([-*_])(\s*\1){2,}\s*$", raw):  # thematic break
                flush()
                continue
            raw = _clean_inline_markdown(raw)
        paragraph.append(raw.rstrip())
    flush()
    return _Parsed(blocks)


_LIST_ITEM = re.compile(r"^\s*(?:[-*+•–]|\d{1,3}[.)]|[a-z][.)])\s+")


def _join_soft_lines(lines: list[str]) -> str:
    """Join wrapped lines with spaces; list items and table rows keep their own line."""
    out: list[list[str]] = []  # lines of the output, each a list of joined pieces (no quadratic joining)
    for line in lines:
        if not line.strip():
            continue
        if not out or _LIST_ITEM.match(line) or " | " in line or " | " in out[-1][-1]:
            out.append([line.strip()])
        else:
            out[-1].append(line.strip())
    return "\n".join(" ".join(parts) for parts in out).strip()


# --------------------------------------------------------------------------- HTML

_HTML_DROP = ("script", "style", "nav", "noscript", "template", "svg", "iframe", "object", "head")
_HTML_LEAF_BLOCKS = {"p", "li", "pre", "dt", "dd", "figcaption", "caption", "address", "summary", "blockquote"}
_HTML_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_HTML_CONTAINERS = {
    "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "dl",
    "figure", "details", "form", "fieldset", "center", "hgroup",
}


def _parse_html(data: bytes, filename: str) -> _Parsed:
    """HTML through lxml (C, linear): headings, paragraphs, lists and tables as blocks, scripts dropped."""
    from bs4 import UnicodeDammit
    from lxml import etree
    from lxml import html as lxml_html

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidDocumentError(filename, "Die Datei enthält Binärdaten und ist keine HTML-Datei.")
    depth = html_nesting_depth(data)
    if depth > MAX_HTML_DEPTH:
        raise InvalidDocumentError(filename, f"Die HTML-Datei ist zu tief verschachtelt (mehr als {MAX_HTML_DEPTH} "
                                             "Ebenen). Bitte als einfaches HTML oder als PDF speichern.")
    markup = UnicodeDammit(data, is_html=True).unicode_markup or ""
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    if not markup.strip():
        raise InvalidDocumentError(filename, "Die Datei enthält keinen lesbaren Text.")
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise InvalidDocumentError(filename, "Die HTML-Datei kann nicht gelesen werden.") from exc
    title = root.find(".//title")
    meta_title = _squash(title.text_content()) if title is not None else ""
    for element in list(root.iter(*_HTML_DROP)):
        element.drop_tree()

    blocks: list[_Block] = []
    inline: list[str] = []

    def flush() -> None:
        text = _squash("".join(inline))
        if text:
            blocks.append(_Block(text))
        inline.clear()

    def walk(node) -> None:
        if isinstance(node.tag, str) and node.text and node.text.strip():
            inline.append(node.text)
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""  # "" for comments, PIs
            if not tag:
                pass
            elif tag in _HTML_HEADINGS:
                flush()
                heading = _clean_heading(_html_text(child))
                if heading:
                    blocks.append(_Block(heading, level=_HTML_HEADINGS[tag]))
            elif tag == "table":
                flush()
                rows = _html_table_rows(child)
                if rows:
                    blocks.append(_Block("\n".join(rows)))
            elif tag in _HTML_LEAF_BLOCKS:
                flush()
                if _wraps_structure(child):
                    walk(child)  # a block that wraps structure: descend instead of flattening
                    flush()
                else:
                    text = child.text_content().strip("\n") if tag == "pre" else _html_text(child)
                    if text:
                        blocks.append(_Block(f"- {text}" if tag == "li" else text))
            elif tag in _HTML_CONTAINERS:
                flush()
                walk(child)
                flush()
            elif tag == "br":
                inline.append(" ")
            else:  # inline element (span, a, strong, …): its text runs on with the surrounding text
                inline.append(_html_text(child, squash=False))
            if child.tail and child.tail.strip():
                inline.append(child.tail)

    walk(root)
    flush()
    return _Parsed(blocks, meta_title=_clean_heading(meta_title))


MAX_HTML_DEPTH = 256  # real pages nest a few dozen levels; deeper input is refused before it is parsed
_TAG_RE = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]{0,30})\b[^<>]{0,4000}?(/?)>")
_HTML_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
              b"source", b"track", b"wbr"}
_HTML_SELF_CLOSING = {b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option", b"thead", b"tbody", b"tfoot"}


def html_nesting_depth(data: bytes) -> int:
    """The deepest element nesting, in one linear pass over the tags (elements that close themselves
    implicitly, such as <p> and <li>, and void elements do not count)."""
    depth = deepest = 0
    for m in _TAG_RE.finditer(data):
        name = m.group(2).lower()
        if name in _HTML_VOID or name in _HTML_SELF_CLOSING or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_HTML_DEPTH:  # enough to refuse; the rest need not be read
                    break
    return deepest


def _wraps_structure(node) -> bool:
    return any(isinstance(d.tag, str) and (d.tag == "table" or d.tag in _HTML_HEADINGS) for d in node.iterdescendants())


_HTML_BREAKING = {
    "br", "p", "div", "li", "tr", "td", "th", "ul", "ol", "dl", "dt", "dd", "table", "section", "article",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "hr",
}


def _html_text(node, *, squash: bool = True) -> str:
    """An element's text: inline markup joins without spaces (`Miet<b>ober</b>grenze`),
    block elements and line breaks separate words (depth is bounded by MAX_HTML_DEPTH)."""
    parts: list[str] = []

    def collect(element) -> None:
        if isinstance(element.tag, str):
            if element.tag in _HTML_BREAKING:
                parts.append(" ")
            if element.text:
                parts.append(element.text)
        for child in element:
            collect(child)
            if child.tail:
                parts.append(child.tail)

    collect(node)
    text = "".join(parts)
    return _squash(text) if squash else text


def _html_table_rows(table) -> list[str]:
    rows: list[str] = []
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table"), None) is not table:
            continue  # rows of a nested table are part of their cell's text
        cells = [_html_text(cell) for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


# --------------------------------------------------------------------------- DOCX

_DOCX_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|ueberschrift)\s*(\d)$", re.IGNORECASE)
_DOCX_TITLE_STYLES = {"title", "titel"}


def _check_docx_container(data: bytes, filename: str, settings: Settings) -> None:
    """Reject non-zip files, zips without a Word document, and zip bombs, before python-docx opens them."""
    broken = "Die Datei ist keine gültige Word-Datei (DOCX) oder beschädigt."
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise InvalidDocumentError(
                filename, "Die Datei ist im alten Word-Format (.doc); bitte als .docx speichern."
            )
        raise InvalidDocumentError(filename, broken)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InvalidDocumentError(filename, broken) from exc
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(re.fullmatch(r"word/document\d*\.xml", n) for n in names):
        raise InvalidDocumentError(
            filename, "Die Datei ist keine gültige Word-Datei (DOCX): das Hauptdokument (document.xml) fehlt."
        )
    check_zip(infos, filename, settings, kind="Word-Datei")


def _docx_heading_level(paragraph) -> int | None:
    """Heading level from the paragraph style or the style it is based on ("Heading 2", "Überschrift 2")."""
    style = paragraph.style
    for _ in range(4):
        if style is None:
            return None
        for candidate in (style.name or "", getattr(style, "style_id", "") or ""):
            if m := _DOCX_HEADING_STYLE.match(candidate.strip()):
                return max(1, min(6, int(m.group(1))))
        style = getattr(style, "base_style", None)
    return None


def _docx_is_title(paragraph) -> bool:
    style = paragraph.style
    return style is not None and (style.name or "").strip().lower() in _DOCX_TITLE_STYLES


def _docx_table_rows(table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats in python-docx
                continue
            seen.add(id(cell._tc))
            cells.append(_squash(" ".join(p.text for p in cell.paragraphs)))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _parse_docx(data: bytes, filename: str, settings: Settings) -> _Parsed:
    _check_docx_container(data, filename, settings)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise InvalidDocumentError(filename, "Die Datei ist keine gültige Word-Datei (DOCX) oder beschädigt.") from exc

    meta_title = ""
    try:
        meta_title = _clean_meta_title(document.core_properties.title or "")
    except Exception:
        meta_title = ""

    blocks: list[_Block] = []
    style_title = ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = _docx_table_rows(item)
            if rows:
                blocks.append(_Block("\n".join(rows)))
            continue
        if not isinstance(item, Paragraph):
            continue
        text = _squash(item.text)
        if not text:
            continue
        if _docx_is_title(item):
            if not style_title:
                style_title = _clean_heading(text)
                continue
        level = _docx_heading_level(item)
        if level is not None and len(text) <= 200:
            blocks.append(_Block(_clean_heading(text), level=level))
        else:
            style_name = (item.style.name or "").lower() if item.style is not None else ""
            blocks.append(_Block(f"- {text}" if "list" in style_name or "liste" in style_name else text))
    return _Parsed(blocks, meta_title=meta_title, style_title=style_title)


# --------------------------------------------------------------------------- PDF

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


def _parse_pdf(data: bytes, filename: str) -> _Parsed:
    with opened_pdf(data, filename) as document:
        meta_title = _clean_meta_title((document.metadata or {}).get("title") or "")
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
    return _Parsed(blocks, meta_title=meta_title, paged=True, stand_probe=content.first_page_text)


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
) -> list[_Block]:
    """Lines → heading and paragraph blocks (a paragraph is one pymupdf block); each table is
    placed before the first line below its top edge."""
    blocks: list[_Block] = []
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
            blocks.append(_Block(join_all(body), page=body_page))
        body, body_key = [], None

    def flush_heading() -> None:
        nonlocal heading, heading_level, heading_key
        if heading:
            text = _clean_heading(join_all(heading))
            if text:
                blocks.append(_Block(text, level=heading_level, page=heading_page))
        heading, heading_level, heading_key = [], 0, None

    def emit_tables(page: int, before_y: float | None) -> None:
        items = pending.get(page, [])
        while items and (before_y is None or items[0][0][1] <= before_y):
            flush_heading()
            flush_body()
            blocks.append(_Block(items.pop(0)[1], page=page))

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


# --------------------------------------------------------------------------- sections and units


@dataclass
class _Section:
    path: tuple[str, ...]
    paragraphs: list[str]
    pages: list[int | None]  # the page of each paragraph (PDF), else None
    label: str = ""  # fixed label (page / running number), else the joined path
    start_page: int | None = None  # the page of the section's heading


def _sections(blocks: list[_Block], parsed: _Parsed) -> tuple[list[_Section], str]:
    """Cut blocks into sections by heading path; return them with the document title found."""
    headings = [b for b in blocks if b.level]
    title = parsed.style_title
    title_block: _Block | None = None
    if not title and headings:
        first = headings[0]
        sole_top = sum(1 for h in headings if h.level <= first.level) == 1
        if sole_top and (first.level == 1 or blocks[0] is first or parsed.paged):
            title_block = first  # the sole top heading names the document
            title = first.text
    if not title:
        title = parsed.meta_title
    if not title:
        title = next((h.text for h in headings if h.level == 1), "")

    content = [b for b in blocks if b is not title_block]
    if not any(b.level for b in content):
        return _headingless_sections(content, paged=parsed.paged), title

    sections: list[_Section] = []
    stack: list[tuple[int, str]] = []
    current = _Section(path=(), paragraphs=[], pages=[], label=PREAMBLE_LABEL)
    for block in content:
        if block.level:
            sections.append(current)
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            current = _Section(path=tuple(text for _, text in stack), paragraphs=[], pages=[], start_page=block.page)
            continue
        current.paragraphs.append(block.text)
        current.pages.append(block.page)
    sections.append(current)
    return [s for s in sections if s.paragraphs], title


def _headingless_sections(blocks: list[_Block], *, paged: bool) -> list[_Section]:
    """No headings: one section per PDF page ("Seite 3"), else running parts ("Abschnitt 2")."""
    if paged:
        by_page: dict[int, _Section] = {}
        for block in blocks:
            page = block.page or 1
            section = by_page.setdefault(page, _Section(path=(), paragraphs=[], pages=[], label=f"Seite {page}"))
            section.paragraphs.append(block.text)
            section.pages.append(page)
        return [by_page[p] for p in sorted(by_page)]
    return [
        _Section(path=(), paragraphs=part, pages=[None] * len(part), label=f"Abschnitt {n}")
        for n, (part, _page) in enumerate(_split_paragraphs([b.text for b in blocks], [None] * len(blocks)), start=1)
    ]


def _units(doc_name: str, sections: list[_Section], *, paged: bool) -> list[Unit]:
    units: list[Unit] = []
    used: set[str] = set()
    for section in sections:
        base = section.label or PATH_SEPARATOR.join(section.path)
        parts = _split_paragraphs(section.paragraphs, section.pages)
        for number, (paragraphs, page) in enumerate(parts, start=1):
            label = _unique(base if number == 1 else f"{base} (Teil {number})", used)
            if number == 1 and section.start_page is not None:
                page = section.start_page
            units.append(
                Unit(
                    doc=doc_name,
                    label=label,
                    text="\n\n".join(paragraphs),
                    section=section.path[0] if section.path else base,
                    title=section.path[-1] if section.path else "",
                    breadcrumb=section.path,
                    role=UnitRole.TEXT,
                    page=page if paged else None,
                    order=len(units),
                )
            )
    return units


def _split_paragraphs(
    paragraphs: list[str], pages: list[int | None], limit: int = MAX_UNIT_CHARS
) -> list[tuple[list[str], int | None]]:
    """Pack paragraphs greedily into parts of at most `limit` characters; an over-long paragraph
    is cut at line, then sentence, then word boundaries. Each part comes with its first page."""
    pieces = [(piece, page) for paragraph, page in zip(paragraphs, pages) for piece in _cut(paragraph.strip(), limit)]
    parts: list[tuple[list[str], int | None]] = []
    size = 0
    for piece, page in pieces:
        if parts and size + 2 + len(piece) <= limit:
            parts[-1][0].append(piece)
            size += 2 + len(piece)
        else:
            parts.append(([piece], page))
            size = len(piece)
    return parts


def _cut(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text] if text else []
    for split, joiner in ((_lines, "\n"), (split_sentences, " "), (str.split, " ")):
        pieces = [p for p in split(text) if p.strip()]
        if len(pieces) > 1:
            out: list[str] = []
            for piece in pieces:
                if out and len(out[-1]) + len(joiner) + len(piece) <= limit:
                    out[-1] = out[-1] + joiner + piece
                else:
                    out.extend(_cut(piece, limit) if len(piece) > limit else [piece])
            return out
    return [text[i : i + limit] for i in range(0, len(text), limit)]


# --------------------------------------------------------------------------- small helpers


def _unique(label: str, used: set[str]) -> str:
    candidate, n = label, 2
    while candidate in used:
        candidate, n = f"{label} ({n})", n + 1
    used.add(candidate)
    return candidate


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _clean_heading(text: str) -> str:
    return _squash(text).rstrip(":").strip()


def _clean_meta_title(title: str) -> str:
    title = _squash(title)
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title)
    title = re.sub(r"\.(docx?|pdf|odt|rtf)$", "", title, flags=re.IGNORECASE)
    if title.lower() in {"", "untitled", "unbenannt", "titel", "title", "dokument", "document", "folie 1"}:
        return ""
    return title


def _readable_stem(path: Path) -> str:
    stem = re.sub(r"[_\s]+", " ", path.stem).strip()
    return stem or path.name


def _normalise_stand_parameter(stand: str, filename: str) -> tuple[str, str]:
    value = stand.strip()
    parsed: date | None = None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.strptime(value, fmt).date()
            break
        except ValueError:
            continue
    if parsed is None:
        raise InvalidDocumentError(
            filename, f"Das angegebene Stand-Datum „{stand}“ ist ungültig (erwartet TT.MM.JJJJ oder JJJJ-MM-TT)."
        )
    return parsed.isoformat(), f"Stand: {parsed:%d.%m.%Y}"
