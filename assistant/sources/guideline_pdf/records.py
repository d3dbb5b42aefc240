"""The record types the stages pass on: spans and lines as read, tables, margin notes, rows, pages, the identity."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.sources.guideline_pdf.patterns import CHAR_FIXES, SUPERSCRIPT
from assistant.sources.text import squash


@dataclass
class Span:
    text: str
    size: float
    bold: bool
    bbox: tuple[float, float, float, float]
    superscript: bool = False


@dataclass
class Line:
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float
    spans: list[Span]
    text: str = ""
    size: float = 0.0
    bold: bool = False
    markers: tuple[str, ...] = ()  # footnote numbers referenced in this line

    def finish(self) -> None:
        visible = [s for s in self.spans if s.text.strip()]
        main = max(visible, key=lambda s: len(s.text.strip()))
        self.size = main.size
        self.bold = all(s.bold for s in visible)
        parts: list[str] = []
        markers: list[str] = []
        first_visible = True
        previous: Span | None = None
        for span in self.spans:
            raw = span.text.strip()
            if (
                raw
                and not first_visible
                and raw.isdigit()
                and len(raw) <= 2
                and (span.superscript or span.size < 0.8 * self.size)
            ):
                parts.append(raw.translate(SUPERSCRIPT))
                markers.append(raw)
            else:
                if (
                    previous is not None
                    and parts
                    and not parts[-1][-1:].isspace()
                    and not span.text[:1].isspace()
                    and span.bbox[0] - previous.bbox[2] > 0.2 * self.size
                ):
                    parts.append(" ")  # spans set apart without a space character
                parts.append(span.text)
            if raw:
                first_visible = False
                previous = span
        self.text = squash("".join(parts).translate(CHAR_FIXES))
        self.markers = tuple(markers)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Table:
    bbox: tuple[float, float, float, float]
    rows: list[tuple[float, list[str]]]  # (top y, cell texts)


@dataclass
class Note:
    page: int
    y0: float
    label: str
    first: str  # first Randzeichen number, for the section
    title: str


@dataclass
class Row:
    """One visual line of body text (or one table row), the unit of the assembly."""

    page: int
    y0: float
    y1: float
    x0: float
    text: str
    size: float
    bold: bool
    table: bool = False
    markers: tuple[str, ...] = ()


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    tables: list[Table]
    # filled by classify
    notes: list[Note] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    anlage: tuple[str, str] | None = None  # (label, title) from the running header
    has_leaders: bool = False

    @property
    def portrait(self) -> bool:
        return self.width < self.height


@dataclass
class Identity:
    name: str
    title: str
    stand: str
    stand_text: str
    paragraphs: tuple[str, ...]  # "21" or "11", "11a", "11b"
    section: str  # "§ 21" or "§ 11-11b"
