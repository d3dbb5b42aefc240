"""DOCX through python-docx, after the container is checked: styled headings, paragraphs, lists, tables."""

from __future__ import annotations

import io
import re
import zipfile

from assistant.config import Settings
from assistant.errors import InvalidDocumentError
from assistant.sources.generic.blocks import Block, Parsed, clean_heading, clean_meta_title
from assistant.sources.limits import check_zip
from assistant.sources.text import squash as _squash

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


def parse_docx(data: bytes, filename: str, settings: Settings) -> Parsed:
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
        meta_title = clean_meta_title(document.core_properties.title or "")
    except Exception:
        meta_title = ""

    blocks: list[Block] = []
    style_title = ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = _docx_table_rows(item)
            if rows:
                blocks.append(Block("\n".join(rows)))
            continue
        if not isinstance(item, Paragraph):
            continue
        text = _squash(item.text)
        if not text:
            continue
        if _docx_is_title(item):
            if not style_title:
                style_title = clean_heading(text)
                continue
        level = _docx_heading_level(item)
        if level is not None and len(text) <= 200:
            blocks.append(Block(clean_heading(text), level=level))
        else:
            style_name = (item.style.name or "").lower() if item.style is not None else ""
            blocks.append(Block(f"- {text}" if "list" in style_name or "liste" in style_name else text))
    return Parsed(blocks, meta_title=meta_title, style_title=style_title)
