"""How a unit is presented to the search indexes: its text with the context that makes it findable."""

from __future__ import annotations

from .model import Unit
from .sources.text import PATH_SEPARATOR


def indexed_text(unit: Unit, max_chars: int | None = None) -> str:
    """Title, breadcrumb and label in front of the text: section titles carry much of the meaning."""
    head = PATH_SEPARATOR.join(p for p in (*unit.breadcrumb, unit.title) if p)
    text = f"{unit.doc} {unit.label}. {head}\n{unit.text}" if head else f"{unit.doc} {unit.label}.\n{unit.text}"
    return text[:max_chars] if max_chars else text
