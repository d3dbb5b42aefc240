"""Parser for the Bundesagentur für Arbeit's "Fachliche Weisungen" (guideline PDFs) to the SGB II.

Layout of these PDFs (checked with pymupdf on the twelve published files):

* page 1 is a title page ("Fachliche Weisungen / § 21 SGB II / Mehrbedarfe") whose footer
  carries the Stand ("Stand: 25.11.2024");
* every page has a running header ("Fachliche Weisungen § 21 SGB II", sometimes a second line
  such as "Gesetzestext" or "Anlage 2") and footer ("BA Zentrale …", "Seite N", "Stand: …");
* then come the change log ("Wesentliche Änderungen", sections "Fassung vom …"), the quoted
  law text ("Gesetzestext", "Gesetzestexte aus angrenzenden Gesetzen", "Auszug aus …") and the
  table of contents ("Inhaltsverzeichnis");
* the guidance proper has its body text at x ≈ 71–407 pt and a right-hand margin column
  (x ≈ 432 pt) with the Randzeichen: a short bold margin title plus the number, "Allgemein
  (21.8)", or "(Rz. 12.14)" in FW § 12.  The body paragraph level with a margin note starts
  that Randzeichen, which runs until the next note, across pages;
* appendices ("Anlage 1: …") follow, mostly tables, sometimes on landscape pages.

The parser works on lines and spans (`page.get_text("dict")`), not on pymupdf's blocks, since
pymupdf sometimes merges a margin note into the body block beside it; the margin column is
recognised by position, so the Randzeichen that body text cites in parentheses are never taken
for unit starts.  Tables are drawn with ruling lines; their grid is read from the page's
drawings and they are kept as text rows with cells joined by " | ".
"""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf

from assistant.config import get_settings
from assistant.errors import InvalidDocumentError
from assistant.model import DocKind, Document, Visibility
from assistant.sources.guideline_pdf.assemble import Assembler
from assistant.sources.guideline_pdf.classify import classify, identify
from assistant.sources.guideline_pdf.layout import read_pdf
from assistant.sources.guideline_pdf.patterns import MARGIN_X0, NOTE_NUMBER, TEXT_FLAGS
from assistant.sources.limits import read_limited
from assistant.sources.text import squash

__all__ = ["is_guideline_pdf", "parse_guideline_pdf"]


def is_guideline_pdf(doc: pymupdf.Document) -> bool:
    """True for a BA "Fachliche Weisungen" PDF to the SGB II: the title on the first pages and a
    Randzeichen in the margin column within the first 25 pages (so that, say, a local instruction
    that merely mentions the Fachliche Weisungen goes to the generic parser instead)."""
    try:
        if doc.needs_pass or doc.page_count == 0:
            return False
        text = squash(" ".join(doc[i].get_text() for i in range(min(3, doc.page_count))))
        if "Fachliche Weisungen" not in text or re.search(r"SGB\s*II\b", text) is None:
            return False
        for i in range(min(25, doc.page_count)):
            page = doc[i]
            if page.rect.width >= page.rect.height:
                continue
            for block in page.get_text("dict", flags=TEXT_FLAGS)["blocks"]:
                for line in block.get("lines", []):
                    if not MARGIN_X0[0] <= line["bbox"][0] <= MARGIN_X0[1]:
                        continue
                    m = NOTE_NUMBER.search("".join(s["text"] for s in line["spans"]).strip())
                    if m and (m.group("open") or m.group("close") or m.group("rz")):
                        return True
    except Exception:  # pymupdf raises for damaged files; those are not guidelines we can read
        return False
    return False


def parse_guideline_pdf(
    path: Path, *, name: str | None = None, visibility: Visibility = Visibility.PUBLIC, data: bytes | None = None
) -> Document:
    """Parse one guideline PDF into a Document with one unit per Randzeichen.

    Besides the Randzeichen (role TEXT, label "Rz. 21.27") the document gets units for the change
    log (role CHANGELOG), the quoted law text (role LAW_QUOTE), guidance before the first
    Randzeichen (role PREAMBLE) and the appendices (role TEXT, label "Anlage 1").  Raises
    InvalidDocumentError for files that are empty, damaged, encrypted or not such a guideline.
    `data` are the file's bytes when the caller has read them (within the limits) already.
    """
    path = Path(path)
    if data is None:
        data, _ = read_limited(path, get_settings())
    pages = read_pdf(data, path.name)
    identity = identify(pages, path)
    doc_name = name or identity.name
    classify(pages, identity.paragraphs)
    units = Assembler(doc_name, identity).run(pages)
    if not any(u.label.startswith("Rz. ") for u in units):
        raise InvalidDocumentError(
            path.name, "In der PDF-Datei wurden keine Randzeichen einer Fachlichen Weisung gefunden."
        )
    return Document(
        name=doc_name,
        kind=DocKind.GUIDELINE,
        title=identity.title,
        stand=identity.stand,
        stand_text=identity.stand_text,
        units=tuple(units),
        visibility=visibility,
        source=str(path),
    )
