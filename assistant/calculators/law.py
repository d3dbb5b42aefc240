"""Reading the figures of a calculation from the indexed law units.

Only the structure of a rule lives in code; every amount, percentage, age and period is read
with a regular expression from the text of the active unit that states it. A figure that cannot be
read raises `FigureMissing` with a German reason, and the calculation says "nicht berechenbar".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..catalog import StoredUnit
from ..model import Audience, Citation
from ..retrieval.lookup import UnitLookup
from ..retrieval.references import find_references
from .model import Message

# German number words as the law writes them (ordinals for ages, cardinals for counts and periods)
ORDINALS = {
    "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "fünften": 5, "sechsten": 6, "siebten": 7,
    "achten": 8, "neunten": 9, "zehnten": 10, "elften": 11, "zwölften": 12, "dreizehnten": 13,
    "vierzehnten": 14, "fünfzehnten": 15, "sechzehnten": 16, "siebzehnten": 17, "achtzehnten": 18,
    "fünfundzwanzigsten": 25,
}
CARDINALS = {
    "ein": 1, "einem": 1, "einer": 1, "eines": 1, "einen": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "sechzehn": 16, "achtzehn": 18,
}
MONTHS = {
    "januar": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}
# an amount as the law prints it: "100", "1 200", "40 000", "1.500", "51,50"
AMOUNT = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
ORDINAL = r"(?:\d{1,2}\.|[a-zäöüß]+en)"


_LAST: dict[str, tuple[tuple, "LawSource"]] = {}


class FigureMissing(Exception):
    """A figure the calculation needs is not in the indexed units (or not in the expected form)."""

    def __init__(self, reason: Message, citation: str = "") -> None:
        super().__init__(reason.text("de"))
        self.reason = reason
        self.citation = citation


def parse_amount(text: str) -> Decimal:
    cleaned = re.sub(r"[ \u00a0\u202f.](?=\d{3}\b)", "", text.strip())
    return Decimal(cleaned.replace(",", "."))


def parse_ordinal(text: str) -> int:
    text = text.strip().lower()
    if text.endswith("."):
        return int(text[:-1])
    if text in ORDINALS:
        return ORDINALS[text]
    raise ValueError(text)


def parse_cardinal(text: str) -> int:
    text = text.strip().lower()
    return int(text) if text.isdigit() else CARDINALS[text]


@dataclass(frozen=True)
class LawUnit:
    citation: str  # "§ 11b Abs. 3 SGB II"
    text: str = field(repr=False)  # all parts of the unit joined
    stand: str  # ISO date of the document version


@dataclass(frozen=True)
class TableRow:
    valid_from: date
    cells: tuple[str, ...]  # the cells after the date column
    header: tuple[str, ...]  # the header cells after the date column
    source: LawUnit


class LawSource:
    """The active units a calculator may read (public law only), by citation and by table."""

    def __init__(self, units: Iterable[StoredUnit]) -> None:
        self._units = [su for su in units if Audience.CITIZEN.may_see(su.visibility) and su.kind == "law"]
        self._lookup = UnitLookup(self._units)

    @classmethod
    def of(cls, units: LawSource | Sequence[StoredUnit]) -> LawSource:
        """A source for these units; the last one built is reused while the same unit list is passed."""
        if isinstance(units, LawSource):
            return units
        key = tuple(su.chroma_id for su in units)  # content hashes: a changed law gives another key
        cached = _LAST.get("source")
        if cached is None or cached[0] != key:
            cached = (key, cls(units))
            _LAST["source"] = cached
        return cached[1]

    def get(self, citation: str) -> LawUnit:
        """The unit a citation names; `FigureMissing` when the index does not hold it."""
        refs = find_references(citation)
        hits: list[StoredUnit] = []
        if refs:
            found = self._lookup.resolve(refs[0], Audience.CITIZEN)
            hits = [su for su in found if su.unit.label == refs[0].label]
        if not hits:
            raise FigureMissing(Message("missing.unit", {"citation": citation}), citation)
        first = hits[0]
        text = "\n".join(su.unit.text for su in hits if su.unit.label == first.unit.label)
        return LawUnit(citation, text, first.stand)

    def find(self, citation: str, pattern: str | re.Pattern[str], what: Message) -> tuple[re.Match[str], LawUnit]:
        """The first match of `pattern` in the unit; `FigureMissing` naming `what` otherwise."""
        unit = self.get(citation)
        match = re.search(pattern, _flat(unit.text), re.IGNORECASE)
        if match is None:
            raise FigureMissing(Message("missing.figure", {"what": what, "citation": citation}), citation)
        return match, unit

    def table_rows(self, header_pattern: str, docs: Sequence[str]) -> list[TableRow]:
        """Rows of every table (in the given documents, or documents starting with a name) whose header matches.

        Rows start with a date ("1. Januar 2026") or a year ("2026"); cells are separated by "|".
        """
        rows: list[TableRow] = []
        header_re = re.compile(header_pattern, re.IGNORECASE)
        for su in self._units:
            if su.unit.role != "text":
                continue
            if not any(su.unit.doc == d or su.unit.doc.startswith(d + " ") for d in docs):
                continue
            if not header_re.search(su.unit.text):
                continue
            source = LawUnit(_pretty_citation(su), su.unit.text, su.stand)
            header: tuple[str, ...] = ()
            for line in su.unit.text.splitlines():
                cells = [c.strip() for c in line.split("|")]
                if len(cells) < 2:
                    continue
                if not (start := _row_date(cells[0])):
                    if header_re.search(line):
                        header = tuple(cells[1:])
                    continue
                rows.append(TableRow(start, tuple(cells[1:]), header, source))
        return rows


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _row_date(cell: str) -> date | None:
    if m := re.fullmatch(r"(\d{1,2})\.\s*([A-Za-zäöü]+)\s+(\d{4})", cell):
        month = MONTHS.get(m.group(2).lower())
        return date(int(m.group(3)), month, int(m.group(1))) if month else None
    if m := re.fullmatch(r"(\d{4})", cell):
        return date(int(m.group(1)), 1, 1)
    return None


def _pretty_citation(su: StoredUnit) -> str:
    """`Anlage (zu § 34)` → `Anlage zu § 34 SGB XII`; the title says which section an Anlage belongs to."""
    label = su.unit.label
    if label.startswith("Anlage"):
        m = re.search(r"zu\s*§\s*(\d+[a-z]?)", label + " " + su.unit.title)
        if m:
            label = f"Anlage zu § {m.group(1)}"
    return str(Citation(su.unit.doc, su.kind, label))
