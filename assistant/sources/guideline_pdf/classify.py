"""The document's identity (§§, title, Stand) and each page's lines sorted into margin notes, running
headers and footers, footnotes and body rows."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from assistant.errors import InvalidDocumentError
from assistant.sources.guideline_pdf.patterns import (
    ANLAGE_HEADER,
    BOTTOM_BAND,
    COLUMN_GAP,
    FILE_PARA,
    HEADER_PARA,
    HEADER_PATTERNS,
    LEADERS,
    LIST_LABEL,
    MARGIN_X0,
    NOTE_NUMBER,
    PART_HEADING_SIZE,
    TITLE_PARA,
    TOP_BAND,
)
from assistant.sources.guideline_pdf.records import Identity, Line, Note, Page, Row
from assistant.sources.text import de_date, find_stand, join_lines, squash


# --- document identity -------------------------------------------------------------------------


def _expand_paragraphs(first: str, last: str | None) -> tuple[str, ...]:
    if not last or last == first:
        return (first,)
    m1, m2 = re.fullmatch(r"(\d+)([a-z]?)", first), re.fullmatch(r"(\d+)([a-z]?)", last)
    if m1 and m2 and m1.group(1) == m2.group(1) and m2.group(2):
        start = ord(m1.group(2)) - ord("a") + 1 if m1.group(2) else 0
        stop = ord(m2.group(2)) - ord("a") + 1
        return tuple(m1.group(1) + ("" if i == 0 else chr(ord("a") + i - 1)) for i in range(start, stop + 1))
    return (first, last)


def identify(pages: list[Page], path: Path) -> Identity:
    first = pages[0]
    big = sorted((ln for ln in first.lines if ln.size >= PART_HEADING_SIZE), key=lambda ln: (ln.y0, ln.x0))
    para: tuple[str, str | None] | None = None
    subject: list[str] = []
    for i, line in enumerate(big):
        m = TITLE_PARA.match(line.text)
        if m:
            para = (m.group(1), m.group(2))
            subject = [ln.text for ln in big[i + 1 :] if not TITLE_PARA.match(ln.text)]
            break
    if para is None:  # the running header: "Fachliche Weisungen § 21 SGB II"
        for page in pages[:6]:
            for line in page.lines:
                m = HEADER_PARA.search(line.text)
                if m and line.y0 < TOP_BAND:
                    para = (m.group(1), m.group(2))
                    break
            if para:
                break
    if para is None:
        m = FILE_PARA.search(path.stem)
        if not m:
            raise InvalidDocumentError(
                path.name, "Die PDF-Datei ist keine Fachliche Weisung zum SGB II (kein Paragraf erkennbar)."
            )
        rest = [p for p in m.group(2).split("_") if p]
        para = (m.group(1).lstrip("0") or "0", rest[-1].lstrip("0") if rest else None)
    first_para, last_para = para[0], para[1]
    paragraphs = _expand_paragraphs(first_para, last_para)
    section = f"§ {first_para}" if len(paragraphs) == 1 else f"§ {first_para}-{paragraphs[-1]}"
    para_text = f"§ {first_para}" if len(paragraphs) == 1 else f"§§ {first_para}-{paragraphs[-1]}"

    title = f"Fachliche Weisungen {para_text} SGB II"
    subject_text = ""
    for part in subject:
        part = part.strip()
        if subject_text.endswith((" -", " –")):
            subject_text = subject_text[:-2].rstrip() + " – " + part
        else:
            subject_text = join_lines(subject_text, part)
    subject_text = subject_text.rstrip(" -–")
    if not subject_text:  # e.g. FW § 10: the law heading "§ 10 SGB II / Zumutbarkeit" names it
        subject_text = _subject_from_law_heading(pages, first_para)
    if subject_text:
        title += f" – {subject_text}"

    stand = stand_text = ""
    for page in pages[:3]:
        found = find_stand(" ".join(line.text for line in page.lines))
        if found:
            stand = found[0]
            stand_text = f"Stand: {de_date(stand)}"
            break
    return Identity(f"FW {section}", title, stand, stand_text, paragraphs, section)


def _subject_from_law_heading(pages: list[Page], para: str) -> str:
    pattern = re.compile(r"^§\s*" + re.escape(para) + r"(\s+SGB\s*II)?$")
    for page in pages[1:8]:
        big = sorted((ln for ln in page.lines if ln.size >= PART_HEADING_SIZE and ln.bold), key=lambda ln: ln.y0)
        for line, following in zip(big, big[1:]):
            if pattern.match(line.text) and following.y0 - line.y0 < 2 * line.size:
                return following.text
    return ""


# --- classifying the lines of each page --------------------------------------------------------


def _parse_note_number(text: str, paragraphs: tuple[str, ...]) -> tuple[str, str, str] | None:
    """(label, first number, title part) if a margin line ends with a Randzeichen number."""
    m = NOTE_NUMBER.search(text)
    if not m or not (m.group("open") or m.group("close") or m.group("rz")):
        return None
    first, last = m.group("a"), m.group("b")
    if first.split(".")[0] not in paragraphs or (last and last.split(".")[0] not in paragraphs):
        return None
    label = f"Rz. {first}" + (f"–{last}" if last else "")
    return label, first, text[: m.start()].strip()


def _header_key(text: str, where: str) -> str:
    """Footers differ only in numbers ("Seite 3"); header lines repeat verbatim."""
    text = squash(text).lower()
    return re.sub(r"\d+", "#", text) if where == "bottom" else text


def classify(pages: list[Page], paragraphs: tuple[str, ...]) -> None:
    """Split each page's lines into margin notes, running headers/footers, footnotes and body rows."""
    # 1. margin notes (portrait pages only; the Anlagen in landscape have no margin column)
    margin_lines: set[int] = set()
    for page in pages:
        if not page.portrait:
            continue
        candidates = sorted(
            (ln for ln in page.lines if MARGIN_X0[0] <= ln.x0 <= MARGIN_X0[1] and ln.bold),
            key=lambda ln: ln.y0,
        )
        pending: list[Line] = []
        for line in candidates:
            if pending and line.y0 - pending[-1].y1 > 4:
                pending = []
            parsed = _parse_note_number(line.text, paragraphs)
            if parsed is None:
                pending.append(line)
                continue
            label, number, title_part = parsed
            title = ""
            for piece in [ln.text for ln in pending] + ([title_part] if title_part else []):
                title = join_lines(title, piece)
            top = pending[0].y0 if pending else line.y0
            page.notes.append(Note(page.number, top, label, number, title))
            margin_lines.update(id(ln) for ln in [*pending, line])
            pending = []

    # 2. running headers and footers: known patterns, or the same text in the band on 2+ pages
    def band(page: Page, line: Line) -> str | None:
        if line.y0 < TOP_BAND:
            return "top"
        if line.y0 > page.height - BOTTOM_BAND:
            return "bottom"
        return None

    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            where = band(page, line)
            if where and id(line) not in margin_lines and not LIST_LABEL.match(line.text):
                seen[(where, _header_key(line.text, where))].add(page.number)
    for page in pages:
        body: list[Line] = []
        header_texts: list[str] = []
        for line in page.lines:
            if id(line) in margin_lines:
                continue
            where = band(page, line)
            if where and (
                any(p.match(line.text) for p in HEADER_PATTERNS)
                or len(seen[(where, _header_key(line.text, where))]) >= 2
                or (where == "top" and ANLAGE_HEADER.match(line.text) and line.bold)
            ):
                if where == "top":
                    header_texts.append(line.text)
                continue
            body.append(line)
        for i, text in enumerate(header_texts):
            m = ANLAGE_HEADER.match(text)
            if m:
                label = "Anlage" + (f" {m.group('num')}" if m.group("num") else "")
                title = m.group("rest").strip()
                if not title:
                    others = [t for t in header_texts[i + 1 :] if not any(p.match(t) for p in HEADER_PATTERNS)]
                    title = others[0] if others else ""
                page.anlage = (label, title)
                break
        body = _split_footnotes(page, body)
        page.rows = _rows(body) + [
            Row(page.number, top, top + 1, table.bbox[0], " | ".join(cells), 0.0, False, table=True)
            for table in page.tables
            for top, cells in table.rows
        ]
        page.rows.sort(key=lambda row: (row.y0, row.x0))
        page.has_leaders = any(LEADERS.search(row.text) for row in page.rows)


def _split_footnotes(page: Page, lines: list[Line]) -> list[Line]:
    """Remove the footnotes at the page bottom ("¹ Lediglich bei …") into page.footnotes."""
    lines = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    start = None
    for i, line in enumerate(lines):
        if line.y0 < page.height * 0.45 or line.x0 > MARGIN_X0[0]:
            continue
        visible = [s for s in line.spans if s.text.strip()]
        if (
            len(visible) >= 2
            and visible[0].text.strip().isdigit()
            and visible[0].size < 7.6
            and all(s.size <= 10.5 for s in visible[1:])
        ):
            start = i
            break
    if start is None:
        return lines
    body, current = lines[:start], None
    for line in lines[start:]:
        visible = [s for s in line.spans if s.text.strip()]
        if max(s.size for s in visible) > 10.5 or line.x0 > MARGIN_X0[0]:
            body.append(line)
            continue
        head = visible[0].text.strip()
        if head.isdigit() and visible[0].size < 7.6:
            current = head
            page.footnotes[current] = line.text[len(head) :].strip()
        elif current is not None:
            page.footnotes[current] = join_lines(page.footnotes[current], line.text)
        else:
            body.append(line)
    return body


def _rows(lines: list[Line]) -> list[Row]:
    """Group lines that share a baseline ("3." + "Mehrbedarf für …", "•" + text) into rows."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.y0, ln.x0)):
        for row in rows[-3:]:
            ref = row[0]
            if abs(line.cy - ref.cy) <= 3 and min(line.y1, ref.y1) - max(line.y0, ref.y0) > 0:
                row.append(line)
                break
        else:
            rows.append([line])
    result = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        text = row[0].text
        for prev, line in zip(row, row[1:]):
            gap = line.x0 - prev.x1
            sep = " | " if gap > COLUMN_GAP and not LIST_LABEL.match(prev.text) else " "
            text = text + sep + line.text
        visible = [ln for ln in row if ln.text]
        result.append(
            Row(
                page=row[0].page,
                y0=min(ln.y0 for ln in row),
                y1=max(ln.y1 for ln in row),
                x0=row[0].x0,
                text=text,
                size=max(ln.size for ln in visible),
                bold=all(ln.bold for ln in visible),
                markers=tuple(m for ln in row for m in ln.markers),
            )
        )
    return result
