"""Parsers for the editors' own documents: Markdown, plain text, HTML, DOCX and PDF.

Every format is first turned into a flat list of blocks (headings with a level, body
paragraphs, tables as ` | ` rows, each with its PDF page); one shared step then cuts the
blocks into citable units by heading path (or by page / running number when a document
has no headings), splits long sections at paragraph boundaries and reads the Stand.

Every failure caused by the file itself becomes an `InvalidDocumentError` with a German
reason; no library exception escapes `parse_generic`.

Modules: `blocks` (the intermediate form), one reader per format (`markdown`, `html`, `docx`, `pdf`),
`sections` (blocks to units); this package holds the entry point.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date, datetime
from pathlib import Path

from assistant.config import Settings, get_settings
from assistant.errors import InvalidDocumentError
from assistant.model import DocKind, Document, Visibility
from assistant.sources.generic.blocks import STAND_SEARCH_CHARS, Block, Parsed
from assistant.sources.generic.docx import parse_docx
from assistant.sources.generic.html import MAX_HTML_DEPTH, html_nesting_depth, parse_html
from assistant.sources.generic.markdown import decode_text, parse_markdown, parse_plain_text
from assistant.sources.generic.pdf import parse_pdf
from assistant.sources.generic.sections import MAX_UNIT_CHARS, PREAMBLE_LABEL, make_units, split_sections
from assistant.sources.limits import read_limited
from assistant.sources.text import find_stand

__all__ = [
    "MAX_HTML_DEPTH", "MAX_UNIT_CHARS", "PREAMBLE_LABEL", "SUPPORTED_EXTENSIONS", "Block", "Parsed", "decode_text",
    "find_stand", "html_nesting_depth", "parse_docx", "parse_generic", "parse_html", "parse_pdf",
]

logger = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".docx", ".pdf"})


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
            parsed = parse_markdown(decode_text(data, filename))
        elif suffix == ".txt":
            parsed = parse_plain_text(decode_text(data, filename))
        elif suffix in (".html", ".htm"):
            parsed = parse_html(data, filename)
        elif suffix == ".docx":
            parsed = parse_docx(data, filename, settings)
        else:
            parsed = parse_pdf(data, filename)
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

    sections, title = split_sections(blocks, parsed)
    title = title or _readable_stem(path)
    doc_name = (name or "").strip() or title
    units = make_units(doc_name, sections, paged=parsed.paged)
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
