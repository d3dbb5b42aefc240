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

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from assistant.config import get_settings
from assistant.errors import InvalidDocumentError
from assistant.model import DocKind, Document, Unit, UnitRole, Visibility
from assistant.sources.limits import read_limited
from assistant.sources.text import de_date, find_stand, join_lines, squash

__all__ = ["is_guideline_pdf", "parse_guideline_pdf"]

# --- layout constants (PDF points) -------------------------------------------------------------

_MARGIN_X0 = (412.0, 452.0)  # x0 of margin-column lines on portrait pages
_TOP_BAND = 95.0  # running header lines start above this y (both orientations)
_BOTTOM_BAND = 90.0  # running footer lines start within this distance of the page bottom
_NOTE_TOLERANCE = 7.0  # a body line up to this much above a margin note still starts its unit
_HEADING_SIZE = 11.8  # bold body lines at least this large are headings
_PART_HEADING_SIZE = 13.5  # "Wesentliche Änderungen", "Gesetzestext", "Inhaltsverzeichnis"
_COLUMN_GAP = 20.0  # a horizontal gap this wide between two pieces of one row separates cells

_TEXT_FLAGS = pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES

# --- text patterns -----------------------------------------------------------------------------

_PARA_RANGE = r"(\d{1,3}[a-z]?)(?:\s*[-–]\s*(\d{1,3}[a-z]?))?"
_TITLE_PARA = re.compile(r"^§§?\s*" + _PARA_RANGE + r"\s+SGB\s*II\b")
_HEADER_PARA = re.compile(r"Fachliche\s+Weisungen\s+(?:zu\s+)?§§?\s*" + _PARA_RANGE + r"\s+SGB\s*II\b")
_FILE_PARA = re.compile(r"Par_(\d{1,3}[a-z]?)((?:_\d{1,3}[a-z]?)*)", re.IGNORECASE)
# A Randzeichen in the margin column: "(21.8)", "Allgemein (21.8)", "(Rz. 12.14)", "(Rz12.7)",
# "(7.50 – 7.51)"; a few notes in the real files lack one parenthesis ("(7.111", "21.49)").
_RZ_NUMBER = r"\d{1,3}[a-z]?\.\d{1,3}[a-z]?"
_NOTE_NUMBER = re.compile(
    r"(?:^|(?<=\s))(?P<open>\()?\s*(?P<rz>Rz\.?\s*)?(?P<a>" + _RZ_NUMBER + r")"
    r"(?:\s*[-–]\s*(?P<b>" + _RZ_NUMBER + r"))?\s*(?P<close>\))?\s*$"
)
_HEADER_PATTERNS = (
    re.compile(r"^Seite\s+\d+(\s*(von|/)\s*\d+)?$"),
    re.compile(r"^Stand:?\s*\d{1,2}\.\d{1,2}\.\d{2,4}$"),
    re.compile(r"^BA[\s-]*Zentrale\b"),
    re.compile(r"^Fachliche\s+Weisungen\b.*\bSGB\s*II$"),
)
_ANLAGE_HEADER = re.compile(r"^Anlage\b\s*(?P<num>\d+[a-z]?)?\s*(?:[:–-]\s*)?(?P<rest>.*)$")
_ANLAGE_HEADING = re.compile(r"^Anlage(?:\s+(?P<num>\d+[a-z]?))?\s*(?:[:–-]\s*(?P<rest>.*)|$)")
_CHANGELOG_HEADING = re.compile(r"^Wesentliche\s+Änderungen", re.IGNORECASE)
_TOC_HEADING = re.compile(r"^Inhaltsverzeichnis", re.IGNORECASE)
_LAW_GROUP = re.compile(r"^(Gesetzestext|Weitere\s+Gesetzestexte|Bekanntmachung)", re.IGNORECASE)
_VERSION = re.compile(r"^Fassung\s+vom\s+(\d{1,2}\.\d{1,2}\.\d{4})")
_LEADERS = re.compile(r"(\.\s?){5,}\s*\d*\s*$|\.{8,}")
_NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
_SUBNUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)+\.?\s+\S")
_LIST_LABEL = re.compile(r"^(\d+(\.\d+)*\.?|[a-z]\)|\(\d+[a-z]?\)|[•▪◦o–-])$")

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_CHAR_FIXES = str.maketrans({"\uf0e0": "→", "\uf0b7": "•", "\u02d9": ".", "\u0618": None, "\u00ad": None})


# --- public API --------------------------------------------------------------------------------


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
            for block in page.get_text("dict", flags=_TEXT_FLAGS)["blocks"]:
                for line in block.get("lines", []):
                    if not _MARGIN_X0[0] <= line["bbox"][0] <= _MARGIN_X0[1]:
                        continue
                    m = _NOTE_NUMBER.search("".join(s["text"] for s in line["spans"]).strip())
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
    pages = _read_pdf(data, path.name)
    identity = _identify(pages, path)
    doc_name = name or identity.name
    _classify(pages, identity.paragraphs)
    units = _Assembler(doc_name, identity).run(pages)
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


# --- reading the PDF ---------------------------------------------------------------------------


@dataclass
class _Span:
    text: str
    size: float
    bold: bool
    bbox: tuple[float, float, float, float]
    superscript: bool = False


@dataclass
class _Line:
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float
    spans: list[_Span]
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
        previous: _Span | None = None
        for span in self.spans:
            raw = span.text.strip()
            if (
                raw
                and not first_visible
                and raw.isdigit()
                and len(raw) <= 2
                and (span.superscript or span.size < 0.8 * self.size)
            ):
                parts.append(raw.translate(_SUPERSCRIPT))
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
        self.text = squash("".join(parts).translate(_CHAR_FIXES))
        self.markers = tuple(markers)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class _Table:
    bbox: tuple[float, float, float, float]
    rows: list[tuple[float, list[str]]]  # (top y, cell texts)


@dataclass
class _Note:
    page: int
    y0: float
    label: str
    first: str  # first Randzeichen number, for the section
    title: str


@dataclass
class _Row:
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
class _Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[_Line]
    tables: list[_Table]
    # filled by _classify
    notes: list[_Note] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    anlage: tuple[str, str] | None = None  # (label, title) from the running header
    has_leaders: bool = False

    @property
    def portrait(self) -> bool:
        return self.width < self.height


def _read_pdf(data: bytes, filename: str) -> list[_Page]:
    """All text lines (and ruled tables) of the PDF; every pymupdf failure becomes InvalidDocumentError."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # FileDataError, EmptyFileError, RuntimeError from MuPDF
        raise InvalidDocumentError(filename, "Die Datei ist keine lesbare PDF-Datei oder beschädigt.") from exc
    try:
        if doc.needs_pass or doc.is_encrypted:
            raise InvalidDocumentError(
                filename, "Die PDF-Datei ist verschlüsselt oder mit einem Passwort geschützt."
            )
        if doc.page_count == 0:
            raise InvalidDocumentError(filename, "Die PDF-Datei enthält keine Seiten.")
        pages = [_read_page(page) for page in doc]
    except InvalidDocumentError:
        raise
    except Exception as exc:
        raise InvalidDocumentError(filename, "Die PDF-Datei ist beschädigt und kann nicht gelesen werden.") from exc
    finally:
        doc.close()
    if not any(line.text for page in pages for line in page.lines):
        raise InvalidDocumentError(
            filename, "Die PDF-Datei enthält keinen auslesbaren Text (möglicherweise nur eingescannte Bilder)."
        )
    return pages


def _read_page(page: pymupdf.Page) -> _Page:
    number = page.number + 1
    lines: list[_Line] = []
    for block in page.get_text("dict", flags=_TEXT_FLAGS)["blocks"]:
        if block.get("type", 0) != 0:
            continue
        for raw in block.get("lines", []):
            spans = [
                _Span(
                    text=s["text"],
                    size=float(s["size"]),
                    bold=bool(s["flags"] & pymupdf.TEXT_FONT_BOLD) or "bold" in s["font"].lower(),
                    bbox=tuple(s["bbox"]),
                    superscript=bool(s["flags"] & pymupdf.TEXT_FONT_SUPERSCRIPT),
                )
                for s in raw["spans"]
                if s["text"]
            ]
            if not any(s.text.strip() for s in spans):
                continue
            line = _Line(number, *raw["bbox"], spans)
            line.finish()
            if line.text:
                lines.append(line)
    tables = _read_tables(page, lines)
    return _Page(number, page.rect.width, page.rect.height, lines, tables)


def _grid_segments(page: pymupdf.Page) -> list[tuple[str, float, float, float, float]]:
    """Horizontal ("h") and vertical ("v") ruling lines among the page's drawings, as rectangles."""
    segments: list[tuple[str, float, float, float, float]] = []
    for drawing in page.get_cdrawings():
        x0, y0, x1, y1 = drawing["rect"]
        if x1 - x0 <= 2.5 and y1 - y0 >= 6:
            segments.append(("v", x0, y0, x1, y1))
        elif y1 - y0 <= 2.5 and x1 - x0 >= 6:
            segments.append(("h", x0, y0, x1, y1))
        else:
            for item in drawing.get("items", ()):
                if item[0] != "l":
                    continue
                (ax, ay), (bx, by) = item[1], item[2]
                if abs(ax - bx) < 1 and abs(ay - by) >= 6:
                    segments.append(("v", min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
                elif abs(ay - by) < 1 and abs(ax - bx) >= 6:
                    segments.append(("h", min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    return segments


def _boundaries(values: list[float], tolerance: float = 2.5) -> list[float]:
    """Cluster coordinates of ruling lines into grid boundaries."""
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= tolerance:
            continue
        result.append(value)
    return result


def _grids(segments: list[tuple[str, float, float, float, float]]) -> list[tuple[list[float], list[float]]]:
    """Tables as (column boundaries, row boundaries): rulings connected by crossings.

    A ruling counts only if it crosses at least two rulings of the other direction, so frames
    around text, underlines and separator lines do not make tables.
    """
    tol = 2.0
    hs = [s for s in segments if s[0] == "h"]
    vs = [s for s in segments if s[0] == "v"]

    def crosses(h: tuple, v: tuple) -> bool:
        vx, hy = (v[1] + v[3]) / 2, (h[2] + h[4]) / 2
        return h[1] - tol <= vx <= h[3] + tol and v[2] - tol <= hy <= v[4] + tol

    for _ in range(3):  # drop rulings without two crossings until stable
        hs2 = [h for h in hs if sum(1 for v in vs if crosses(h, v)) >= 2]
        vs2 = [v for v in vs if sum(1 for h in hs2 if crosses(h, v)) >= 2]
        if len(hs2) == len(hs) and len(vs2) == len(vs):
            break
        hs, vs = hs2, vs2
    if len(hs) < 2 or len(vs) < 2:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if crosses(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for i, h in enumerate(hs):
        groups[find(i)][0].append(h)
    for j, v in enumerate(vs):
        groups[find(len(hs) + j)][1].append(v)
    grids = []
    for group_h, group_v in groups.values():
        xs = _boundaries([(v[1] + v[3]) / 2 for v in group_v])
        ys = _boundaries([(h[2] + h[4]) / 2 for h in group_h])
        if len(xs) >= 3 and len(ys) >= 2:  # at least two columns and one row
            grids.append((xs, ys))
    return grids


def _read_tables(page: pymupdf.Page, lines: list[_Line]) -> list[_Table]:
    """Ruled tables as rows of cell texts; the lines inside a table are removed from `lines`.

    The tables of these PDFs are drawn with ruling lines, so the grid is read from the page's
    drawings (see `_grids`), and each text span goes to the grid cell holding its centre.
    (pymupdf's `find_tables` gives similar rows but costs about 0.15 s per page, which would
    triple the parse time of the twelve PDFs.)
    """
    segments = _grid_segments(page)
    if sum(1 for s in segments if s[0] == "v") < 2 or sum(1 for s in segments if s[0] == "h") < 2:
        return []
    tables: list[_Table] = []
    for xs, ys in _grids(segments):
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        texts: list[list[list[tuple[float, float, str, bool]]]] = [
            [[] for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)
        ]
        consumed: list[_Line] = []
        for line in lines:
            cx = (line.x0 + line.x1) / 2
            if not (bbox[0] <= cx <= bbox[2] and bbox[1] <= line.cy <= bbox[3]):
                continue
            for span in line.spans:
                if not span.text.strip():
                    continue
                sx = (span.bbox[0] + span.bbox[2]) / 2
                sy = (span.bbox[1] + span.bbox[3]) / 2
                c = min(max(bisect.bisect(xs, sx) - 1, 0), len(xs) - 2)
                r = min(max(bisect.bisect(ys, sy) - 1, 0), len(ys) - 2)
                sup = span.text.strip().isdigit() and span.size < 0.8 * line.size
                texts[r][c].append((round(line.y0), span.bbox[0], span.text, sup))
            consumed.append(line)
        rows: list[tuple[float, list[str]]] = []
        for r, pieces_row in enumerate(texts):
            values = [_cell_text(pieces) for pieces in pieces_row]
            if not any(values):
                continue
            if rows and _continues(rows[-1][1], values):
                rows[-1][1][:] = [join_lines(a, b) for a, b in zip(rows[-1][1], values)]
                continue
            rows.append((ys[r], values))
        if not rows:
            continue
        used = [any(values[c] for _, values in rows) for c in range(len(xs) - 1)]
        for _, values in rows:
            values[:] = [v for c, v in enumerate(values) if used[c]]
            while values and not values[-1]:
                values.pop()
        for line in consumed:
            lines.remove(line)
        tables.append(_Table(bbox, rows))
    return tables


def _continues(previous: list[str], values: list[str]) -> bool:
    """A table row that only carries the wrapped rest of the row above ("Fä-" / "higkeiten")."""
    if values[0] or len(previous) != len(values):
        return False
    for before, text in zip(previous, values):
        if not text:
            continue
        if not before:
            return False
        if not (before.endswith("-") or text[0].islower() or re.search(r"\b[a-zäöüß]+$", before)):
            return False
    return True


def _cell_text(pieces: list[tuple[float, float, str, bool]]) -> str:
    by_line: dict[float, list[tuple[float, str, bool]]] = defaultdict(list)
    for y, x, text, sup in pieces:
        by_line[y].append((x, text, sup))
    text = ""
    for y in sorted(by_line):
        line = "".join(t.strip().translate(_SUPERSCRIPT) if sup else t for _, t, sup in sorted(by_line[y]))
        text = join_lines(text, squash(line.translate(_CHAR_FIXES)))
    return text


# --- document identity -------------------------------------------------------------------------


@dataclass
class _Identity:
    name: str
    title: str
    stand: str
    stand_text: str
    paragraphs: tuple[str, ...]  # "21" or "11", "11a", "11b"
    section: str  # "§ 21" or "§ 11-11b"


def _expand_paragraphs(first: str, last: str | None) -> tuple[str, ...]:
    if not last or last == first:
        return (first,)
    m1, m2 = re.fullmatch(r"(\d+)([a-z]?)", first), re.fullmatch(r"(\d+)([a-z]?)", last)
    if m1 and m2 and m1.group(1) == m2.group(1) and m2.group(2):
        start = ord(m1.group(2)) - ord("a") + 1 if m1.group(2) else 0
        stop = ord(m2.group(2)) - ord("a") + 1
        return tuple(m1.group(1) + ("" if i == 0 else chr(ord("a") + i - 1)) for i in range(start, stop + 1))
    return (first, last)


def _identify(pages: list[_Page], path: Path) -> _Identity:
    first = pages[0]
    big = sorted((ln for ln in first.lines if ln.size >= _PART_HEADING_SIZE), key=lambda ln: (ln.y0, ln.x0))
    para: tuple[str, str | None] | None = None
    subject: list[str] = []
    for i, line in enumerate(big):
        m = _TITLE_PARA.match(line.text)
        if m:
            para = (m.group(1), m.group(2))
            subject = [ln.text for ln in big[i + 1 :] if not _TITLE_PARA.match(ln.text)]
            break
    if para is None:  # the running header: "Fachliche Weisungen § 21 SGB II"
        for page in pages[:6]:
            for line in page.lines:
                m = _HEADER_PARA.search(line.text)
                if m and line.y0 < _TOP_BAND:
                    para = (m.group(1), m.group(2))
                    break
            if para:
                break
    if para is None:
        m = _FILE_PARA.search(path.stem)
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
    return _Identity(f"FW {section}", title, stand, stand_text, paragraphs, section)


def _subject_from_law_heading(pages: list[_Page], para: str) -> str:
    pattern = re.compile(r"^§\s*" + re.escape(para) + r"(\s+SGB\s*II)?$")
    for page in pages[1:8]:
        big = sorted((ln for ln in page.lines if ln.size >= _PART_HEADING_SIZE and ln.bold), key=lambda ln: ln.y0)
        for line, following in zip(big, big[1:]):
            if pattern.match(line.text) and following.y0 - line.y0 < 2 * line.size:
                return following.text
    return ""


# --- classifying the lines of each page --------------------------------------------------------


def _parse_note_number(text: str, paragraphs: tuple[str, ...]) -> tuple[str, str, str] | None:
    """(label, first number, title part) if a margin line ends with a Randzeichen number."""
    m = _NOTE_NUMBER.search(text)
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


def _classify(pages: list[_Page], paragraphs: tuple[str, ...]) -> None:
    """Split each page's lines into margin notes, running headers/footers, footnotes and body rows."""
    # 1. margin notes (portrait pages only; the Anlagen in landscape have no margin column)
    margin_lines: set[int] = set()
    for page in pages:
        if not page.portrait:
            continue
        candidates = sorted(
            (ln for ln in page.lines if _MARGIN_X0[0] <= ln.x0 <= _MARGIN_X0[1] and ln.bold),
            key=lambda ln: ln.y0,
        )
        pending: list[_Line] = []
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
            page.notes.append(_Note(page.number, top, label, number, title))
            margin_lines.update(id(ln) for ln in [*pending, line])
            pending = []

    # 2. running headers and footers: known patterns, or the same text in the band on 2+ pages
    def band(page: _Page, line: _Line) -> str | None:
        if line.y0 < _TOP_BAND:
            return "top"
        if line.y0 > page.height - _BOTTOM_BAND:
            return "bottom"
        return None

    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            where = band(page, line)
            if where and id(line) not in margin_lines and not _LIST_LABEL.match(line.text):
                seen[(where, _header_key(line.text, where))].add(page.number)
    for page in pages:
        body: list[_Line] = []
        header_texts: list[str] = []
        for line in page.lines:
            if id(line) in margin_lines:
                continue
            where = band(page, line)
            if where and (
                any(p.match(line.text) for p in _HEADER_PATTERNS)
                or len(seen[(where, _header_key(line.text, where))]) >= 2
                or (where == "top" and _ANLAGE_HEADER.match(line.text) and line.bold)
            ):
                if where == "top":
                    header_texts.append(line.text)
                continue
            body.append(line)
        for i, text in enumerate(header_texts):
            m = _ANLAGE_HEADER.match(text)
            if m:
                label = "Anlage" + (f" {m.group('num')}" if m.group("num") else "")
                title = m.group("rest").strip()
                if not title:
                    others = [t for t in header_texts[i + 1 :] if not any(p.match(t) for p in _HEADER_PATTERNS)]
                    title = others[0] if others else ""
                page.anlage = (label, title)
                break
        body = _split_footnotes(page, body)
        page.rows = _rows(body) + [
            _Row(page.number, top, top + 1, table.bbox[0], " | ".join(cells), 0.0, False, table=True)
            for table in page.tables
            for top, cells in table.rows
        ]
        page.rows.sort(key=lambda row: (row.y0, row.x0))
        page.has_leaders = any(_LEADERS.search(row.text) for row in page.rows)


def _split_footnotes(page: _Page, lines: list[_Line]) -> list[_Line]:
    """Remove the footnotes at the page bottom ("¹ Lediglich bei …") into page.footnotes."""
    lines = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    start = None
    for i, line in enumerate(lines):
        if line.y0 < page.height * 0.45 or line.x0 > _MARGIN_X0[0]:
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
        if max(s.size for s in visible) > 10.5 or line.x0 > _MARGIN_X0[0]:
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


def _rows(lines: list[_Line]) -> list[_Row]:
    """Group lines that share a baseline ("3." + "Mehrbedarf für …", "•" + text) into rows."""
    rows: list[list[_Line]] = []
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
            sep = " | " if gap > _COLUMN_GAP and not _LIST_LABEL.match(prev.text) else " "
            text = text + sep + line.text
        visible = [ln for ln in row if ln.text]
        result.append(
            _Row(
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


# --- assembling units --------------------------------------------------------------------------


@dataclass
class _Builder:
    label: str
    role: UnitRole
    page: int
    title: str = ""
    breadcrumb: tuple[str, ...] = ()
    section: str = ""
    first_number: str = ""
    paragraphs: list[str] = field(default_factory=list)
    last: _Row | None = None
    markers: set[tuple[int, str]] = field(default_factory=set)
    footnotes: list[str] = field(default_factory=list)
    anlage: bool = False

    @property
    def empty(self) -> bool:
        return not self.paragraphs

    def add(self, row: _Row, *, separate: bool = False) -> None:
        text = row.text
        prev = self.last
        new = separate or prev is None or row.table or prev.table or text.startswith(("•", "▪"))
        if not new and prev is not None:
            if row.page != prev.page:
                new = bool(re.search(r"[.!?:;]$", self.paragraphs[-1])) and not self.paragraphs[-1].endswith("-")
            else:
                new = (row.y0 - prev.y0) > 1.45 * max(row.size, prev.size, 1.0) or row.y0 < prev.y0 - 2
        if new or not self.paragraphs:
            self.paragraphs.append(text)
        else:
            self.paragraphs[-1] = join_lines(self.paragraphs[-1], text)
        self.markers.update((row.page, m) for m in row.markers)
        self.last = row

    def text(self) -> str:
        return "\n".join(p for p in self.paragraphs if p)


class _Assembler:
    """Walks the rows of all pages in reading order and cuts them into units."""

    def __init__(self, doc_name: str, identity: _Identity) -> None:
        self.doc_name = doc_name
        self.identity = identity
        self.units: list[_Builder] = []
        self.current: _Builder | None = None
        self.phase = "title"  # title → changelog → law → toc → body
        self.toc_page = 0
        self.headings: list[tuple[int, str]] = []  # (level, text)
        self.pending_headings: list[str] = []
        self.last_numbered_level = 0
        self.law_group: str = ""

    # -- phases before the guidance proper

    def run(self, pages: list[_Page]) -> list[Unit]:
        for page in pages:
            if self.phase == "toc" and page.number > self.toc_page and self._guidance_begins(page):
                self._start_body()
            events: list[tuple[float, int, object]] = [(row.y0, 1, row) for row in page.rows]
            for note in page.notes:
                after = [row.y0 for row in page.rows if row.y0 >= note.y0 - _NOTE_TOLERANCE]
                events.append((min(after) if after else page.height, 0, note))
            events.sort(key=lambda e: (e[0], e[1]))
            if page.anlage and self.phase == "body":
                self._anlage(page.anlage[0], page.anlage[1], page.number)
            rows = [e[2] for e in events]
            i = 0
            while i < len(rows):
                item = rows[i]
                if isinstance(item, _Note):
                    if self.phase != "body":
                        self._start_body()
                    self._note(item)
                    i += 1
                    continue
                i = self._row(rows, i)
            self._footnotes(page)
        self._close()
        return self._finish()

    @staticmethod
    def _guidance_begins(page: _Page) -> bool:
        """After the table of contents: the first page with a margin note or a body heading."""
        if page.notes:
            return True
        return any(
            row.bold and row.size >= _HEADING_SIZE and not row.table and not _LEADERS.search(row.text)
            for row in page.rows
        ) and not page.has_leaders

    def _row(self, rows: list, i: int) -> int:
        """Handle rows[i] (merging a heading that runs over several rows); return the next index."""
        row: _Row = rows[i]
        if self.phase == "title" and row.page == 1:
            return i + 1  # the title page
        if self.phase == "body":
            unit = self.current
            untitled_anlage = (
                unit is not None and unit.anlage and unit.empty and not unit.title
                and row.bold and not row.table and row.text.startswith("Anlage")
            )
            if self._is_heading(row) or untitled_anlage:
                text, i = self._merge_heading(rows, i, row.size)
                self._heading(text, row)
                return i
            self._text(row)
            return i + 1
        if row.bold and row.size >= _PART_HEADING_SIZE and not row.table:
            text, i = self._merge_heading(rows, i, row.size)
            self._part_heading(text, row)
            return i
        version = _VERSION.match(row.text)
        if version and row.bold and self.phase in ("title", "changelog"):
            self.phase = "changelog"
            self._open(
                f"Wesentliche Änderungen (Fassung vom {version.group(1)})",
                UnitRole.CHANGELOG,
                row.page,
                title=f"Fassung vom {version.group(1)}",
                breadcrumb=("Wesentliche Änderungen", f"Fassung vom {version.group(1)}"),
            )
            return i + 1
        if self.phase == "changelog":
            if self.current is None or self.current.role != UnitRole.CHANGELOG:
                self._open("Wesentliche Änderungen", UnitRole.CHANGELOG, row.page, breadcrumb=("Wesentliche Änderungen",))
            self.current.add(row)
        elif self.phase == "law":
            if (
                row.bold
                and row.size >= _HEADING_SIZE
                and _NUMBERED_HEADING.match(row.text)
                and not _LEADERS.search(row.text)
            ):
                self._start_body()  # a guideline without table of contents
                return i
            self.current.add(row)
        return i + 1

    def _merge_heading(self, rows: list, i: int, size: float) -> tuple[str, int]:
        """Join a heading with the rows continuing it (same size, bold, directly below)."""
        first: _Row = rows[i]
        text, last = first.text, first
        j = i + 1
        while j < len(rows):
            nxt = rows[j]
            if not isinstance(nxt, _Row) or nxt.table or not nxt.bold or abs(nxt.size - size) > 0.6:
                break
            dy = nxt.y0 - last.y0
            if nxt.page != last.page or dy <= 0:
                break
            tight = dy <= 1.3 * size
            loose = dy <= 1.8 * size and (
                nxt.text[:1].islower()
                or nxt.text.startswith("(")
                or re.search(r"\b[a-zäöüß]+-?$", last.text) is not None
            )
            if not (tight or loose) or _NUMBERED_HEADING.match(nxt.text) or _ANLAGE_HEADING.match(nxt.text):
                break
            text = join_lines(text, nxt.text)
            last = nxt
            j += 1
        return text, j

    def _part_heading(self, text: str, row: _Row) -> None:
        if _TOC_HEADING.match(text):
            self._close()
            self.phase = "toc"
            self.toc_page = row.page
            return
        if _CHANGELOG_HEADING.match(text):
            self._close()
            self.phase = "changelog"
            return
        # anything else in large bold type before the guidance is a heading of the quoted law
        heading = text.rstrip(":").strip()
        group = bool(_LAW_GROUP.match(heading))
        if self.phase != "law" or self.current is None or self.current.role != UnitRole.LAW_QUOTE:
            self.phase = "law"
            self.law_group = heading if group else "Gesetzestext"
            path = (heading,) if group else ("Gesetzestext", heading)
            self._open_law(path, row.page)
            return
        if group:
            self.law_group = heading
            path: tuple[str, ...] = (heading,)
        else:
            path = (self.law_group, heading)
        if self.current.empty:  # consecutive headings: refine the open unit's path
            if not group and self.current.breadcrumb and not _LAW_GROUP.match(self.current.breadcrumb[-1]):
                path = self.current.breadcrumb[:-1] + (heading,)
            elif not group:
                path = self.current.breadcrumb + (heading,)
            self._retitle_law(path)
            return
        self._open_law(path, row.page)

    def _open_law(self, path: tuple[str, ...], page: int) -> None:
        self._open("", UnitRole.LAW_QUOTE, page, breadcrumb=path)
        self._retitle_law(path)

    def _retitle_law(self, path: tuple[str, ...]) -> None:
        unit = self.current
        unit.breadcrumb = path
        specific = [p for p in path if not re.fullmatch(r"Gesetzestext", p, re.IGNORECASE)]
        unit.title = specific[-1] if specific else "Gesetzestext"
        first_law = not any(u.role == UnitRole.LAW_QUOTE for u in self.units)
        unit.label = "Gesetzestext" if first_law else f"Gesetzestext: {unit.title}"
        m = re.match(r"^§\s*(\d+[a-z]?)\b(?!\s*(SGB\s*(?!II\b)|Bürgergeld|[A-Z][A-Za-z]*G\b))", unit.title)
        if m and m.group(1) in self.identity.paragraphs:
            unit.section = f"§ {m.group(1)}"

    # -- the guidance proper

    def _start_body(self) -> None:
        self._close()
        self.phase = "body"
        self.headings = []
        self._open("Vorbemerkung", UnitRole.PREAMBLE, 0, title="Vorbemerkung")

    def _is_heading(self, row: _Row) -> bool:
        if row.table or not row.bold or len(row.text) > 220:
            return False
        if row.size >= _HEADING_SIZE and row.x0 < 200:
            return True
        return row.size >= 10.5 and _SUBNUMBERED_HEADING.match(row.text) is not None

    def _heading(self, text: str, row: _Row) -> None:
        unit = self.current
        if unit is not None and unit.anlage and unit.empty and not unit.title and text.startswith("Anlage"):
            # the appendix's own heading under a running header that only says "Anlage 2"
            unit.title = re.sub(r"^Anlage\s*(\d+[a-z]?\b)?\s*[:–-]?\s*", "", text)
            unit.breadcrumb = (f"{unit.label}: {unit.title}",)
            self.headings = [(0, unit.breadcrumb[0])]
            return
        anlage = _ANLAGE_HEADING.match(text)
        if anlage:
            label = "Anlage" + (f" {anlage.group('num')}" if anlage.group("num") else "")
            self._anlage(label, (anlage.group("rest") or "").strip(), row.page)
            return
        m = _NUMBERED_HEADING.match(text)
        if m:
            level = m.group(1).count(".") + 1
            self.last_numbered_level = level
        else:
            level = self.last_numbered_level + 1
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text))
        unit = self.current
        if unit is not None and unit.empty:
            if unit.role == UnitRole.TEXT and not unit.anlage:
                margin = unit.breadcrumb[-1:] if unit.title and unit.breadcrumb[-1:] == (unit.title,) else ()
                unit.breadcrumb = self._path() + margin
            elif unit.role == UnitRole.PREAMBLE or unit.anlage:
                unit.breadcrumb = self._path()
            if unit.page == 0:
                unit.page = row.page
        else:
            self.pending_headings.append(text)

    def _path(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.headings)

    def _note(self, note: _Note) -> None:
        self.pending_headings = []
        path = self._path()
        self._open(
            note.label,
            UnitRole.TEXT,
            note.page,
            title=note.title or (path[-1] if path else ""),
            breadcrumb=path + ((note.title,) if note.title else ()),
        )
        self.current.first_number = note.first
        if note.title.lower().startswith("aufgehoben"):
            self.current.paragraphs.append("aufgehoben")

    def _anlage(self, label: str, title: str, page: int) -> None:
        unit = self.current
        if unit is not None and unit.anlage and unit.label == label:
            if title and not unit.title:
                unit.title = title
                unit.breadcrumb = (f"{label}: {title}",)
            return
        self.pending_headings = []
        self.headings = []
        self.last_numbered_level = 0
        crumb = f"{label}: {title}" if title else label
        self._open(label, UnitRole.TEXT, page, title=title, breadcrumb=(crumb,))
        self.current.anlage = True
        # headings inside the appendix ("Teil 1:") nest below it
        self.headings = [(0, crumb)]

    def _text(self, row: _Row) -> None:
        unit = self.current
        if unit is None:
            return
        if self.pending_headings:
            for heading in self.pending_headings:
                unit.paragraphs.append(heading)
            unit.last = None
            self.pending_headings = []
        if unit.page == 0:
            unit.page = row.page
        unit.add(row)

    # -- bookkeeping

    def _open(
        self,
        label: str,
        role: UnitRole,
        page: int,
        *,
        title: str = "",
        breadcrumb: tuple[str, ...] = (),
    ) -> None:
        self._close()
        self.current = _Builder(label, role, page, title=title, breadcrumb=breadcrumb)

    def _close(self) -> None:
        unit = self.current
        self.current = None
        self.pending_headings = []
        if unit is None:
            return
        if unit.empty and unit.role != UnitRole.TEXT:
            return
        self.units.append(unit)

    def _footnotes(self, page: _Page) -> None:
        for number, text in page.footnotes.items():
            note = f"{number} {text}"
            owners = [u for u in [*self.units, self.current] if u is not None and (page.number, number) in u.markers]
            if not owners and self.current is not None:
                owners = [self.current]
            for unit in owners:
                if note not in unit.footnotes:
                    unit.footnotes.append(note)

    def _finish(self) -> list[Unit]:
        builders = [u for u in self.units if u.paragraphs or u.label.startswith("Rz. ")]
        self._assign_sections(builders)
        units: list[Unit] = []
        used: dict[str, int] = {}
        for order, builder in enumerate(builders):
            label = builder.label or "Abschnitt"
            used[label] = used.get(label, 0) + 1
            if used[label] > 1:
                label = f"{label} ({used[label]})"
            units.append(
                Unit(
                    doc=self.doc_name,
                    label=label,
                    text=builder.text(),
                    section=builder.section or self.identity.section,
                    title=builder.title,
                    breadcrumb=tuple(b for b in builder.breadcrumb if b),
                    role=builder.role,
                    page=builder.page or None,
                    footnotes="\n".join(builder.footnotes),
                    order=order,
                )
            )
        return units

    def _assign_sections(self, builders: list[_Builder]) -> None:
        """The § each Randzeichen belongs to; for FW §§ 11-11b decided per chapter.

        Randzeichen numbers with the letter ("11a.3") name their §.  Otherwise, in a guideline
        covering several §§, each top-level chapter belongs to the § its text cites most among
        the covered ones ("§ 11a" in the chapter on privileged income).
        """
        paragraphs = self.identity.paragraphs
        for b in builders:
            if b.first_number:
                prefix = b.first_number.split(".")[0]
                if len(paragraphs) == 1 or prefix != paragraphs[0]:
                    b.section = f"§ {prefix}"
        if len(paragraphs) == 1:
            return
        chapters: dict[str, list[_Builder]] = defaultdict(list)  # insertion order = reading order
        for b in builders:
            if b.first_number and not b.section:
                chapters[b.breadcrumb[0] if b.breadcrumb else ""].append(b)
        if not chapters:
            return
        patterns = [re.compile(r"§§?\s*" + re.escape(p) + r"(?![a-z0-9])") for p in paragraphs]
        counts = [
            [len(pattern.findall(" ".join(b.text() for b in members))) for pattern in patterns]
            for members in chapters.values()
        ]
        # The chapters follow the order of the §§: choose the non-decreasing assignment of
        # chapters to §§ that agrees with the most citations (a small dynamic programme).
        n, k = len(counts), len(paragraphs)
        best = [[0] * k for _ in range(n)]
        back = [[0] * k for _ in range(n)]
        for j in range(k):
            best[0][j] = counts[0][j]
        for i in range(1, n):
            for j in range(k):
                prev = max(range(j + 1), key=lambda q: (best[i - 1][q], -q))
                best[i][j] = best[i - 1][prev] + counts[i][j]
                back[i][j] = prev
        j = max(range(k), key=lambda q: (best[n - 1][q], -q))
        choice = [0] * n
        for i in range(n - 1, -1, -1):
            choice[i] = j
            j = back[i][j]
        for members, index in zip(chapters.values(), choice):
            for b in members:
                b.section = f"§ {paragraphs[index]}"
