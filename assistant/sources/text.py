"""Text helpers every parser (and the answer step) shares, each written once.

Whitespace squashing, joining lines broken at a hyphen, German sentence splitting that survives
`Abs. 2`, `z. B.` and `1. Januar`, dates and the Stand of a document, and the German stemmer.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import Stemmer

PATH_SEPARATOR = " › "  # between the parts of a heading path ("2. Mietobergrenzen › Heizkosten")


# --- whitespace and line joining -------------------------------------------------------------------

def squash(text: str) -> str:
    """All runs of whitespace (non-breaking spaces included) as one space, trimmed."""
    return " ".join(text.split())


# After a line-break hyphen these words show that the hyphen is a real one, standing for an elided
# compound part: "Kranken-" + "und Pflegeversicherung", "Ein-" + "oder Auszahlung".
KEEP_HYPHEN_BEFORE = frozenset({"und", "oder", "bzw", "sowie", "als", "bis", "noch", "wie"})


def join_lines(text: str, line: str) -> str:
    """Append a line to running text, undoing line-break hyphenation ("Leis-" + "tungen" → "Leistungen").

    A hyphen before a capital stays without a space ("Bürgergeld-" + "Gesetz"), one before a word of
    KEEP_HYPHEN_BEFORE stays with a space ("Kranken- und …"); a line after "/" runs on ("und/" + "oder").
    """
    if not text:
        return line
    if not line:
        return text
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
        word = line.split(" ", 1)[0].rstrip(",.;:").lower()
        if line[0].islower() and word not in KEEP_HYPHEN_BEFORE:
            return text[:-1] + line
        if line[0].islower():
            return text + " " + line
        return text + line
    if text.endswith("/"):
        return text + line
    return text + " " + line


def join_all(lines: list[str]) -> str:
    """The lines of one paragraph or table cell as running text (empty lines skipped)."""
    out = ""
    for line in lines:
        out = join_lines(out, line.strip())
    return out


# --- sentences -------------------------------------------------------------------------------------

ABBREVIATIONS = frozenset({
    "abs", "nr", "nrn", "art", "vgl", "bzw", "ggf", "rz", "rn", "buchst", "lit", "ziff", "ca", "evtl", "inkl",
    "zzgl", "insb", "sog", "gem", "bspw", "max", "min", "mind", "hs", "bzgl", "abschn", "anm", "aufl", "bd",
    "ff", "kap", "lfd", "mio", "mrd", "str", "tel", "vs", "zt", "dr", "prof", "st", "nachf", "od", "ua",
    "einschl", "entspr", "erg", "grds", "i", "jew", "lt", "ggü", "sgb", "abk", "anl", "allg", "beschl",
    "az", "bgbl", "fn", "zb", "usf",
})
# words before an Absatz or Satz number: "Satz 2. Die …" ends a sentence, "des 15. Lebensjahres" does not
REFERENCE_WORDS = frozenset({
    "satz", "sätze", "absatz", "absätze", "abs", "nummer", "nummern", "nr", "§", "§§", "buchstabe", "halbsatz",
    "artikel", "art", "kapitel", "abschnitt", "anlage", "teil", "und", "oder", "bis", "rz", "randzeichen",
})
MONTH_NAMES = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
               "november", "dezember")
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)} | {"jänner": 1, "maerz": 3}
MONTHS = frozenset(MONTH_NAMES) | {
    "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez",
}

_BOUNDARY_RE = re.compile(r"([.!?])\s+(?=[„\"(\[]?[A-ZÄÖÜ0-9§])")
_TOKEN_RE = re.compile(r"\S+")
_TOKEN_WINDOW = 64  # characters before a boundary that hold its last two words, as a rule


def _last_tokens(line: str, start: int, end: int) -> list[str]:
    """The last two words of line[start:end] without copying the whole stretch (linear over a long line)."""
    low = max(start, end - _TOKEN_WINDOW)
    tokens = line[low:end].split()
    if low == start:
        return tokens[-2:]
    if len(tokens) >= 3:
        return tokens[-2:]  # the first may be cut off by the window, the last two are whole
    out: list[str] = []
    i = end
    while len(out) < 2:
        while i > start and line[i - 1].isspace():
            i -= 1
        if i <= start:
            break
        j = i
        while j > start and not line[j - 1].isspace():
            j -= 1
        out.append(line[j:i])
        i = j
    return out[::-1]


def split_sentences(line: str) -> list[str]:
    """German sentence split that keeps `Abs. 2`, `Nr. 1`, `z. B.`, `S. 3`, `1. Januar`, `15. Lebensjahr` together.

    Linear in the length of the line (the generic parser cuts paragraphs of megabytes with it)."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(line):
        end = m.start(1)
        tokens = _last_tokens(line, start, end)
        if not tokens:
            continue
        last = tokens[-1].lstrip("(„\"[")
        following = _TOKEN_RE.match(line, m.end())
        nxt = following.group(0).strip("„\"([,.;:").lower() if following else ""
        if m.group(1) == ".":
            low = last.lower()
            if re.fullmatch(r"[^\W\d_]+(?:\.[^\W\d_]+)+", low) or low in ABBREVIATIONS:
                continue  # "z.B", "i.V.m", "Abs"
            if len(last) == 1 and last.isalpha():
                continue  # "z. B.", "d. h.", "S. 3", "i. V. m."
            if last.isdigit() and len(last) <= 2:
                previous = tokens[-2].lower().strip("(,.") if len(tokens) > 1 else ""
                if nxt in MONTHS or previous not in REFERENCE_WORDS:
                    continue  # an ordinal: "1. Januar", "des 15. Lebensjahres"
        out.append(line[start:m.end(1)].strip())
        start = m.end()
    rest = line[start:].strip()
    if rest:
        out.append(rest)
    return out


# --- dates and the Stand ----------------------------------------------------------------------------

DATE_RE = re.compile(r"\b(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\b")  # 22.12.2025, 1. 7. 2023
DATE_AFTER_V_RE = re.compile(r"\bv(?:om)?\.?\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")  # "G v. 22.12.2025"
STAND_NUMERIC_RE = re.compile(r"\bStand\W{0,6}(?:vom\s+)?(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b", re.IGNORECASE)
STAND_ISO_RE = re.compile(r"\bStand\W{0,6}(?:vom\s+)?(\d{4})-(\d{2})-(\d{2})\b", re.IGNORECASE)
STAND_MONTH_RE = re.compile(r"\bStand\W{0,6}(" + "|".join(MONTH_NUMBERS) + r")\s+(\d{4})\b", re.IGNORECASE)


def iso_date(day: int | str, month: int | str, year: int | str) -> str | None:
    """`2025-12-22` for day, month, year (as numbers or digit strings); None for an impossible date."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def de_date(iso: str) -> str:
    """`2025-12-22` → `22.12.2025`."""
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


def latest_date(text: str) -> str | None:
    """The latest valid date in `text` (ISO): those after "v."/"vom" if any ("G v. 22.12.2025"), else any."""
    dates = [d for d in (iso_date(*m.groups()) for m in DATE_AFTER_V_RE.finditer(text)) if d]
    if not dates:
        dates = [d for d in (iso_date(*m.groups()) for m in DATE_RE.finditer(text)) if d]
    return max(dates) if dates else None


def find_stand(text: str) -> tuple[str, str] | None:
    """The first valid `Stand: TT.MM.JJJJ` / `Stand: JJJJ-MM-TT` / `Stand: Monat JJJJ` in `text`,
    as (ISO date, the text as written); a month alone means its first day."""
    candidates: list[tuple[int, str, str]] = []
    for m in STAND_NUMERIC_RE.finditer(text):
        if iso := iso_date(m.group(1), m.group(2), m.group(3)):
            candidates.append((m.start(), iso, m.group(0)))
    for m in STAND_ISO_RE.finditer(text):
        if iso := iso_date(m.group(3), m.group(2), m.group(1)):
            candidates.append((m.start(), iso, m.group(0)))
    for m in STAND_MONTH_RE.finditer(text):
        if iso := iso_date(1, MONTH_NUMBERS[m.group(1).lower()], m.group(2)):
            candidates.append((m.start(), iso, m.group(0)))
    if not candidates:
        return None
    _, iso, raw = min(candidates)
    raw = re.sub(r"^Stand\W*", "Stand: ", squash(raw), flags=re.IGNORECASE)
    return iso, raw


# --- stems -------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def german_stemmer() -> Stemmer.Stemmer:
    """The Snowball stemmer for German (one instance per process)."""
    return Stemmer.Stemmer("german")
