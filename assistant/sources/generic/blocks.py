"""The intermediate form every format is read into: a flat list of blocks in reading order.

A block is a heading (level 1–6) or a body paragraph (level 0; list items as `- …`, tables as
` | ` rows), with its PDF page. `Parsed` carries the blocks and what each format knows of the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.sources.text import squash as _squash

STAND_SEARCH_CHARS = 2000  # the Stand is looked for in the document's first characters


@dataclass(frozen=True)
class Block:
    """One heading (level 1–6) or body paragraph (level 0) in reading order."""

    text: str
    level: int = 0
    page: int | None = None


@dataclass(frozen=True)
class Parsed:
    blocks: list[Block]
    meta_title: str = ""  # docx core title, PDF metadata title, HTML <title>
    style_title: str = ""  # a paragraph styled "Title"/"Titel" (docx)
    paged: bool = False  # PDF: units fall back to pages, not running numbers
    stand_probe: str = ""  # where to look for the Stand first (PDF: page 1 with its running header)


def clean_heading(text: str) -> str:
    return _squash(text).rstrip(":").strip()


def clean_meta_title(title: str) -> str:
    title = _squash(title)
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title)
    title = re.sub(r"\.(docx?|pdf|odt|rtf)$", "", title, flags=re.IGNORECASE)
    if title.lower() in {"", "untitled", "unbenannt", "titel", "title", "dokument", "document", "folie 1"}:
        return ""
    return title
