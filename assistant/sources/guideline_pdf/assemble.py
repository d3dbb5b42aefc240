"""Cutting the rows of all pages, in reading order, into units: change log, law text, Randzeichen, Anlagen."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from assistant.model import Unit, UnitRole
from assistant.sources.guideline_pdf.patterns import (
    ANLAGE_HEADING,
    CHANGELOG_HEADING,
    HEADING_SIZE,
    LAW_GROUP,
    LEADERS,
    NOTE_TOLERANCE,
    NUMBERED_HEADING,
    PART_HEADING_SIZE,
    SUBNUMBERED_HEADING,
    TOC_HEADING,
    VERSION,
)
from assistant.sources.guideline_pdf.records import Identity, Note, Page, Row
from assistant.sources.text import join_lines


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
    last: Row | None = None
    markers: set[tuple[int, str]] = field(default_factory=set)
    footnotes: list[str] = field(default_factory=list)
    anlage: bool = False

    @property
    def empty(self) -> bool:
        return not self.paragraphs

    def add(self, row: Row, *, separate: bool = False) -> None:
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


class Assembler:
    """Walks the rows of all pages in reading order and cuts them into units."""

    def __init__(self, doc_name: str, identity: Identity) -> None:
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

    def run(self, pages: list[Page]) -> list[Unit]:
        for page in pages:
            if self.phase == "toc" and page.number > self.toc_page and self._guidance_begins(page):
                self._start_body()
            events: list[tuple[float, int, object]] = [(row.y0, 1, row) for row in page.rows]
            for note in page.notes:
                after = [row.y0 for row in page.rows if row.y0 >= note.y0 - NOTE_TOLERANCE]
                events.append((min(after) if after else page.height, 0, note))
            events.sort(key=lambda e: (e[0], e[1]))
            if page.anlage and self.phase == "body":
                self._anlage(page.anlage[0], page.anlage[1], page.number)
            rows = [e[2] for e in events]
            i = 0
            while i < len(rows):
                item = rows[i]
                if isinstance(item, Note):
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
    def _guidance_begins(page: Page) -> bool:
        """After the table of contents: the first page with a margin note or a body heading."""
        if page.notes:
            return True
        return any(
            row.bold and row.size >= HEADING_SIZE and not row.table and not LEADERS.search(row.text)
            for row in page.rows
        ) and not page.has_leaders

    def _row(self, rows: list, i: int) -> int:
        """Handle rows[i] (merging a heading that runs over several rows); return the next index."""
        row: Row = rows[i]
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
        if row.bold and row.size >= PART_HEADING_SIZE and not row.table:
            text, i = self._merge_heading(rows, i, row.size)
            self._part_heading(text, row)
            return i
        version = VERSION.match(row.text)
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
                and row.size >= HEADING_SIZE
                and NUMBERED_HEADING.match(row.text)
                and not LEADERS.search(row.text)
            ):
                self._start_body()  # a guideline without table of contents
                return i
            self.current.add(row)
        return i + 1

    def _merge_heading(self, rows: list, i: int, size: float) -> tuple[str, int]:
        """Join a heading with the rows continuing it (same size, bold, directly below)."""
        first: Row = rows[i]
        text, last = first.text, first
        j = i + 1
        while j < len(rows):
            nxt = rows[j]
            if not isinstance(nxt, Row) or nxt.table or not nxt.bold or abs(nxt.size - size) > 0.6:
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
            if not (tight or loose) or NUMBERED_HEADING.match(nxt.text) or ANLAGE_HEADING.match(nxt.text):
                break
            text = join_lines(text, nxt.text)
            last = nxt
            j += 1
        return text, j

    def _part_heading(self, text: str, row: Row) -> None:
        if TOC_HEADING.match(text):
            self._close()
            self.phase = "toc"
            self.toc_page = row.page
            return
        if CHANGELOG_HEADING.match(text):
            self._close()
            self.phase = "changelog"
            return
        # anything else in large bold type before the guidance is a heading of the quoted law
        heading = text.rstrip(":").strip()
        group = bool(LAW_GROUP.match(heading))
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
            if not group and self.current.breadcrumb and not LAW_GROUP.match(self.current.breadcrumb[-1]):
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

    def _is_heading(self, row: Row) -> bool:
        if row.table or not row.bold or len(row.text) > 220:
            return False
        if row.size >= HEADING_SIZE and row.x0 < 200:
            return True
        return row.size >= 10.5 and SUBNUMBERED_HEADING.match(row.text) is not None

    def _heading(self, text: str, row: Row) -> None:
        unit = self.current
        if unit is not None and unit.anlage and unit.empty and not unit.title and text.startswith("Anlage"):
            # the appendix's own heading under a running header that only says "Anlage 2"
            unit.title = re.sub(r"^Anlage\s*(\d+[a-z]?\b)?\s*[:–-]?\s*", "", text)
            unit.breadcrumb = (f"{unit.label}: {unit.title}",)
            self.headings = [(0, unit.breadcrumb[0])]
            return
        anlage = ANLAGE_HEADING.match(text)
        if anlage:
            label = "Anlage" + (f" {anlage.group('num')}" if anlage.group("num") else "")
            self._anlage(label, (anlage.group("rest") or "").strip(), row.page)
            return
        m = NUMBERED_HEADING.match(text)
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

    def _note(self, note: Note) -> None:
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

    def _text(self, row: Row) -> None:
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

    def _footnotes(self, page: Page) -> None:
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
