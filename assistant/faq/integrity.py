"""Checks an entry must pass before it is served: languages complete, citations exist (and are public for
citizens), and every figure of every language occurs in a cited unit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..catalog import StoredUnit
from ..model import Audience
from ..retrieval.lookup import UnitLookup
from ..retrieval.references import find_references
from .entries import LANGUAGES, Entry

MIN_WORDS, MAX_WORDS = 40, 180  # German answer; the guideline is about 60–150 words

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_REFERENCE_RE = re.compile(
    r"§§?\s*\d+[a-z]?(?:\s*(?:Abs\.|Absatz)\s*\d+[a-z]?)?(?:\s*(?:Satz|S\.)\s*\d+)?(?:\s*(?:Nr\.|Nummer)\s*\d+)?"
    r"|\b(?:Rz\.|Randzeichen)\s*\d+[a-z]?\.\d+|\bSGB\s+[IVX]+\b|\bRBSFV\s+\d{4}\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"(?<![\d])\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?(?![\d])|(?<![\d])\d+(?:[.,]\d+)?(?![\d])")
_YEAR_RE = re.compile(r"^(19|20)\d\d$")


def _canonical(raw: str) -> str:
    s = raw.replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[., ]\d{3})+", s):  # 1.500 / 1,500 / 1 500 → 1500
        return re.sub(r"[., ]", "", s)
    m = re.fullmatch(r"(\d{1,3}(?:[., ]\d{3})+)([.,])(\d+)", s)  # 1.234,56 / 1,234.56
    if m:
        whole, frac = re.sub(r"[., ]", "", m.group(1)), m.group(3)
    else:
        whole, _, frac = s.replace(",", ".").partition(".")
    frac = frac.rstrip("0")
    return f"{int(whole)}.{frac}" if frac else str(int(whole))


def figures(text: str) -> set[str]:
    """The numbers of a text in one canonical form ("1.500" → "1500", "563,00" → "563", "0,5" → "0.5"),
    without years and without the numbers of legal references (§ 11b Abs. 3, Rz. 21.27, SGB II)."""
    text = _REFERENCE_RE.sub(" ", text.translate(_DIGITS))
    return {c for raw in _NUMBER_RE.findall(text) if not _YEAR_RE.match(c := _canonical(raw))}


@dataclass(frozen=True)
class Problem:
    entry_id: str
    message: str  # German, for editors

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.message}"


def resolve_citation(citation: str, lookup: UnitLookup) -> list[StoredUnit]:
    """The active units a citation names exactly (an Absatz, a Randzeichen, a whole section or Anlage)."""
    found: list[StoredUnit] = []
    for ref in find_references(citation):
        for su in lookup.resolve(ref, Audience.STAFF):
            if su.unit.label == ref.label or su.unit.section == ref.label:
                found.append(su)
    return found


def check_entry(entry: Entry, lookup: UnitLookup, languages: Sequence[str] = LANGUAGES) -> list[Problem]:
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(entry.id, message))

    for lang in languages:
        t = entry.texts.get(lang)
        if t is None:
            bad(f"Die Sprache „{lang}“ fehlt.")
        elif not (t.questions and t.answer and t.next_step):
            bad(f"[{lang}]: Fragen, Antwort und nächster Schritt müssen alle ausgefüllt sein.")
    de = entry.texts.get("de")
    if de is not None:
        n_words = len(de.answer.split())
        if not MIN_WORDS <= n_words <= MAX_WORDS:
            bad(f"Die deutsche Antwort hat {n_words} Wörter (erwartet {MIN_WORDS}–{MAX_WORDS}).")
    if not entry.citations:
        bad("Der Eintrag nennt keine Fundstelle.")
    cited: list[StoredUnit] = []
    for citation in entry.citations:
        units = resolve_citation(citation, lookup)
        if not units:
            bad(f"Die Fundstelle „{citation}“ gibt es im Index nicht.")
            continue
        if entry.for_citizens() and not all(Audience.CITIZEN.may_see(su.visibility) for su in units):
            bad(f"Die Fundstelle „{citation}“ ist intern und darf in einem Bürger-Eintrag nicht stehen.")
        cited.extend(units)
    if cited:
        known = set().union(*(figures(su.unit.text) for su in cited))
        for lang, t in entry.texts.items():
            missing = sorted(figures(f"{t.answer}\n{t.next_step}") - known)
            if missing:
                bad(f"[{lang}]: Diese Zahlen stehen in keiner zitierten Fundstelle: {', '.join(missing)}.")
    return problems


def check_entries(entries: Iterable[Entry], units: list[StoredUnit]) -> dict[str, list[Problem]]:
    """Problems per entry id (an entry with an empty list passed every check)."""
    lookup = UnitLookup(units)
    return {e.id: check_entry(e, lookup) for e in entries}
