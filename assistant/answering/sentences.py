"""German sentence splitting that survives legal text: `Abs. 2`, `Nr. 1`, `z. B.`, `S. 3`, `1. Januar`."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset({
    "abs", "nr", "nrn", "art", "vgl", "bzw", "ggf", "rz", "rn", "buchst", "lit", "ziff", "ca", "evtl", "inkl",
    "zzgl", "insb", "sog", "gem", "bspw", "max", "min", "mind", "hs", "bzgl", "abschn", "anm", "aufl", "bd",
    "ff", "kap", "lfd", "mio", "mrd", "str", "tel", "vs", "zt", "dr", "prof", "st", "nachf", "od", "ua",
    "einschl", "entspr", "erg", "grds", "i", "jew", "lt", "ggü", "sgb", "abk", "anl", "allg", "beschl",
    "az", "bgbl", "fn", "zb", "usf",
})
REFERENCE_WORDS = frozenset({
    "satz", "sätze", "absatz", "absätze", "abs", "nummer", "nummern", "nr", "§", "§§", "buchstabe", "halbsatz",
    "artikel", "art", "kapitel", "abschnitt", "anlage", "teil", "und", "oder", "bis", "rz", "randzeichen",
})
MONTHS = frozenset({
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "dezember", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez",
})

_BOUNDARY_RE = re.compile(r"([.!?])\s+(?=[„\"(\[]?[A-ZÄÖÜ0-9§])")


def split_sentences(line: str) -> list[str]:
    """German sentence split that keeps `Abs. 2`, `Nr. 1`, `z. B.`, `S. 3`, `1. Januar`, `15. Lebensjahr` together."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(line):
        end = m.start(1)
        before = line[start:end]
        tokens = before.split()
        if not tokens:
            continue
        last = tokens[-1].lstrip("(„\"[")
        following = line[m.end():].split(maxsplit=1)
        nxt = following[0].strip("„\"([,.;:").lower() if following else ""
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
