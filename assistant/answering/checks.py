"""Checks on a finished answer: citations must name shown sources, figures must occur in a cited source.

A figure is an amount (`563 Euro`, `1.500 €`), a percentage (`20 Prozent`, `35 %`) or a period
(`sechs Monate`, `3 Wochen`). German and English number formats are both read; number words
(`ein` … `zwölf`) count as their digits, so `sechs Monaten` in a source supports `6 Monate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .sentences import split_sentences
from .types import AnswerChecks

# --- citations -----------------------------------------------------------------------------------

CITATION_RE = re.compile(r"[ \t]?\[(\s*\d{1,3}(?:\s*(?:,|;|–|-|und|and)\s*\d{1,3})*\s*)\]")
_CITATION_PART_RE = re.compile(r"(\d{1,3})\s*(?:(–|-)\s*(\d{1,3}))?")
_ANY_CITATION_RE = re.compile(r"\[\d{1,3}\]")


def _numbers_in_group(group: str) -> list[int]:
    out: list[int] = []
    for m in _CITATION_PART_RE.finditer(group):
        start = int(m.group(1))
        end = int(m.group(3)) if m.group(3) else start
        if end < start or end - start > 20:
            end = start
        out.extend(range(start, end + 1))
    return out


def clean_citations(text: str, shown: Iterable[int]) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Normalise `[1, 2]`/`[1-3]` to `[1][2]`, drop numbers that name no shown source.

    Returns (text, removed numbers, cited numbers), numbers sorted and unique.
    """
    valid = set(shown)
    removed: set[int] = set()
    cited: set[int] = set()

    def repl(m: re.Match[str]) -> str:
        nums = list(dict.fromkeys(_numbers_in_group(m.group(1))))
        keep = [n for n in nums if n in valid]
        removed.update(n for n in nums if n not in valid)
        cited.update(keep)
        if not keep:
            return ""
        lead = " " if m.group(0)[0] in " \t" else ""
        return lead + "".join(f"[{n}]" for n in keep)

    cleaned = CITATION_RE.sub(repl, text)
    return cleaned, tuple(sorted(removed)), tuple(sorted(cited))


def cited_numbers(text: str) -> list[int]:
    """The source numbers a text cites, in order of first appearance."""
    out: list[int] = []
    for m in CITATION_RE.finditer(text):
        for n in _numbers_in_group(m.group(1)):
            if n not in out:
                out.append(n)
    return out


# --- figures -------------------------------------------------------------------------------------

NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "achtzehn": 18, "zwanzig": 20, "dreißig": 30,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}
_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SEP = r"[.,\u00a0\u202f\u2009 ]"
# digits: grouped thousands ("1.500", "1 500", "1,500,00"), or plain with optional decimals ("2,25")
_DIGITS = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.,]\d{{1,2}})?|\d+(?:[.,]\d+)?"
_NUM = rf"(?:(?<![\d.,])(?:{_DIGITS})(?![.,]?\d)|\b(?:{_WORD_ALT})\b)"

_UNIT_PATTERNS = {
    "eur": r"(?:Euros?|EUR|€|евро|євро|يورو)(?![^\W\d_])",
    "pct": r"(?:%|Prozent\b|Prozentpunkte\b|vom\s+Hundert\b|v\.\s?H\.|percent\b|per\s+cent\b|процент\w*|"
           r"відсот\w*|بالمئة|في\s+المئة)",
    "day": r"(?:Kalender|Werk|Arbeits)?(?:[Tt]age?n?|[Tt]ages)\b|days?\b",
    "week": r"(?:Kalender)?[Ww]ochen?\b|weeks?\b",
    "month": r"(?:Kalender)?[Mm]onat(?:e|en|s)?\b|months?\b",
    "year": r"(?:Kalender)?[Jj]ahr(?:e|en|es)?\b|years?\b",
}
_UNIT_ALT = "|".join(f"(?P<{k}>{v})" for k, v in _UNIT_PATTERNS.items())
FIGURE_RE = re.compile(rf"(?P<num>{_NUM})[\s\u00a0\u202f]*(?:{_UNIT_ALT})", re.IGNORECASE)
EURO_BEFORE_RE = re.compile(rf"(?:€|EUR)[\s\u00a0]*(?P<num>{_DIGITS})")
PERCENT_BEFORE_RE = re.compile(rf"(?:%|\byüzde)[\s\u00a0]?(?P<num>{_DIGITS})", re.IGNORECASE)  # Turkish "%20"
LEBENSJAHR_RE = re.compile(r"(?<!\d)(?P<num>\d{1,2})\.\s*Lebensjahr\w*")
NUMBER_RE = re.compile(_NUM, re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    surface: str  # as written: "1.500 Euro"
    kind: str  # eur | pct | day | week | month | year
    values: frozenset[Decimal]  # every reading of the number ("1,500" → 1500 and 1.5)


def number_values(token: str) -> frozenset[Decimal]:
    """All plausible values of a written number: German and English separators, number words."""
    t = token.strip().lower()
    if t in NUMBER_WORDS:
        return frozenset({Decimal(NUMBER_WORDS[t])})
    t = re.sub(r"[\u00a0\u202f\u2009 ]", "", t)
    readings: set[str] = set()
    for group, decimal in ((".", ","), (",", ".")):  # German, then English
        whole, _, frac = t.partition(decimal)
        if group in frac or decimal in frac or len(frac) == 3:
            continue  # "1.500" and "1,500" group thousands; decimals have 1–2 digits
        parts = whole.split(group)
        if len(parts) > 1 and not all(len(p) == 3 for p in parts[1:]):
            continue
        readings.add("".join(parts) + (f".{frac}" if frac else ""))
    out: set[Decimal] = set()
    for r in readings:
        try:
            out.add(Decimal(r).normalize())
        except InvalidOperation:
            continue
    return frozenset(out)


def find_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    for m in FIGURE_RE.finditer(text):
        kind = next(k for k in _UNIT_PATTERNS if m.group(k))
        num = m.group("num")
        if kind == "eur" and num.lower() in NUMBER_WORDS:
            continue  # "ein Euro" is rarely a figure worth tracing
        figures.append(Figure(m.group(0).strip(), kind, number_values(num)))
    for m in EURO_BEFORE_RE.finditer(text):
        figures.append(Figure(m.group(0).strip(), "eur", number_values(m.group("num"))))
    for m in PERCENT_BEFORE_RE.finditer(text):
        figures.append(Figure(m.group(0).strip(), "pct", number_values(m.group("num"))))
    for m in LEBENSJAHR_RE.finditer(text):
        figures.append(Figure(m.group(0).strip(), "year", number_values(m.group("num"))))
    return figures


@dataclass(frozen=True)
class _SourceFacts:
    numbers: frozenset[Decimal]
    figures: frozenset[tuple[str, Decimal]]
    mentions_percent: bool


def _source_facts(text: str) -> _SourceFacts:
    numbers: set[Decimal] = set()
    for m in NUMBER_RE.finditer(text):
        if m.group(0).lower() in NUMBER_WORDS:
            continue
        numbers |= number_values(m.group(0))
    figures = {(f.kind, v) for f in find_figures(text) for v in f.values}
    return _SourceFacts(frozenset(numbers), frozenset(figures),
                        bool(re.search(r"%|Prozent|vom Hundert", text, re.IGNORECASE)))


def _supported(figure: Figure, facts: _SourceFacts) -> bool:
    if any((figure.kind, v) in facts.figures for v in figure.values):
        return True
    if figure.kind == "eur":
        return bool(figure.values & facts.numbers)  # tables state the unit once, in the caption
    if figure.kind == "pct":
        return facts.mentions_percent and bool(figure.values & facts.numbers)
    return False


def unsupported_figures(text: str, cited_texts: Iterable[str]) -> tuple[str, ...]:
    """Figures of `text` that occur in none of the cited source texts, in order, without repeats."""
    facts = [_source_facts(t) for t in cited_texts]
    out: list[str] = []
    for figure in find_figures(text):
        if not any(_supported(figure, f) for f in facts) and figure.surface not in out:
            out.append(figure.surface)
    return tuple(out)


# --- statements ----------------------------------------------------------------------------------

_ONLY_CITATIONS_RE = re.compile(r"^(?:\s*\[\d{1,3}\])+\s*[.,;]?$")


def _logical_lines(text: str) -> list[str]:
    """Lines of the answer, with a list's lead-in and items joined to the line that closes them
    ("… wenn sie" / "1. …oder" / "2. … sind. [1]" is one statement, cited once at its end)."""
    lines: list[str] = []
    pending = ""
    for line in text.split("\n"):
        if not line.strip():
            if pending:
                lines.append(pending)
                pending = ""
            continue
        pending = f"{pending} {line.strip()}" if pending else line.strip()
        if re.search(r"[.!?:;]\s*(\[\d+(?:[,–-]\s*\d+)*\]\s*)*$|\]\s*$", pending):
            lines.append(pending)
            pending = ""
    if pending:
        lines.append(pending)
    return lines


def statements(text: str) -> list[str]:
    """Statements of an answer: its lines cut into sentences; citations after the full stop stay attached."""
    out: list[str] = []
    for line in _logical_lines(text):
        for part in split_sentences(line.strip()):
            if out and _ONLY_CITATIONS_RE.match(part):
                out[-1] = f"{out[-1]} {part}"
            elif part:
                out.append(part)
    return out


def _is_statement(s: str) -> bool:
    words = re.findall(r"[^\W\d_]{2,}", s)
    return len(words) >= 4 and not s.rstrip().endswith(":")


_NEXT_STEP_RE = re.compile(r"^\*\*[^*\n]{3,60}:\*\*")  # "**Was Sie jetzt tun können:** …" (a template, not law)


def count_uncited(text: str) -> int:
    """Statements without [n]; the bold next-step paragraph of citizen answers is advice, not a statement."""
    kept = "\n".join(line for line in text.split("\n") if not _NEXT_STEP_RE.match(line.strip()))
    return sum(1 for s in statements(kept) if _is_statement(s) and not _ANY_CITATION_RE.search(s))


# --- all checks ----------------------------------------------------------------------------------


def check_answer(text: str, sources: Mapping[int, str]) -> tuple[str, AnswerChecks, tuple[int, ...]]:
    """Run every check on an answer against the shown sources ({number: passage}).

    Returns the cleaned text (invalid citations removed), the checks, and the cited numbers.
    """
    cleaned, removed, cited = clean_citations(text, sources.keys())
    unsupported = unsupported_figures(cleaned, [sources[n] for n in cited])
    return cleaned, AnswerChecks(removed_citations=removed, unsupported=unsupported,
                                 uncited_statements=count_uncited(cleaned)), cited
