"""Exact references in running text: `§ 22 Abs. 1 SGB II`, `§§ 11, 11a`, `Rz. 21.27`, `Anlage zu § 28 SGB XII`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Law names as people write them → canonical document names
LAW_ALIASES: dict[str, str] = {
    "sgb ii": "SGB II", "sgb 2": "SGB II", "sgbii": "SGB II", "sgb2": "SGB II",
    "sgb i": "SGB I", "sgb 1": "SGB I",
    "sgb iii": "SGB III", "sgb 3": "SGB III",
    "sgb x": "SGB X", "sgb 10": "SGB X",
    "sgb xii": "SGB XII", "sgb 12": "SGB XII",
    "bürgergeld-v": "Bürgergeld-V", "bürgergeldverordnung": "Bürgergeld-V", "bürgergeld-verordnung": "Bürgergeld-V",
    "alg ii-v": "Bürgergeld-V", "alg-ii-v": "Bürgergeld-V", "algiiv": "Bürgergeld-V",
    "rbsfv 2026": "RBSFV 2026", "rbsfv": "RBSFV 2026",
}
DEFAULT_LAW = "SGB II"

_LAW = r"(?P<law>SGB\s*(?:XII|III|II|X|I|12|10|3|2|1)\b|B[üu]rgergeld-?V(?:erordnung)?|Alg\s*II-?V|RBSFV(?:\s*2026)?)"
_SECTION = r"(?P<num>\d+[a-z]?)"
_ABS = r"(?:\s*(?:Abs\.|Absatz|Abs)\s*(?P<abs>\d+[a-z]?))?"
_SATZ = r"(?:\s*(?:S\.|Satz)\s*\d+)?(?:\s*(?:Nr\.|Nummer)\s*\d+)?"
SECTION_RE = re.compile(rf"§§?\s*{_SECTION}{_ABS}{_SATZ}(?:\s+{_LAW})?", re.IGNORECASE)
MORE_SECTIONS_RE = re.compile(r"\s*(?:,|und|bis|u\.)\s*(?P<num>\d+[a-z]?)\b")
ANLAGE_RE = re.compile(rf"Anlage(?:\s+(?P<n>\d+))?(?:\s+zu\s+§\s*(?P<num>\d+[a-z]?))?(?:\s+{_LAW})?", re.IGNORECASE)
RZ_RE = re.compile(r"\b(?:Rz\.?|Rn\.?|Randzeichen|Randziffer|Randnummer)\s*(?P<rz>(?P<par>\d+[a-z]?)\.\d+)", re.IGNORECASE)
BARE_RZ_RE = re.compile(r"\((?P<rz>(?P<par>\d+[a-z]?)\.\d+)\)")
FW_RE = re.compile(r"\bFW\s*§\s*(?P<num>\d+[a-z]?)", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    doc: str  # canonical document name
    label: str  # "§ 22 Abs. 1", "§ 22", "Rz. 21.27", "Anlage"
    section: str = ""  # "§ 22" for law references


def canonical_law(text: str | None) -> str:
    if not text:
        return DEFAULT_LAW
    key = re.sub(r"\s+", " ", text.strip().lower())
    key = re.sub(r"sgb\s*", "sgb ", key)
    return LAW_ALIASES.get(key, LAW_ALIASES.get(key.replace(" ", ""), DEFAULT_LAW))


def guideline_for_rz(par: str) -> str:
    """The guideline document a Randzeichen number belongs to: 21.27 → FW § 21, 11b.3 → FW § 11-11b."""
    if re.fullmatch(r"11[ab]?", par):
        return "FW § 11-11b"
    return f"FW § {par}"


def find_references(text: str) -> list[Reference]:
    refs: list[Reference] = []
    taken = [m.span() for m in ANLAGE_RE.finditer(text) if m.group("num")]
    taken += [m.span() for m in FW_RE.finditer(text)]
    for m in SECTION_RE.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue
        law = canonical_law(m.group("law"))
        if m.group("law") is None:
            # "§ 22 ... SGB XII" later in the sentence: take the next law name within a few words
            tail = re.match(rf"[^§]{{0,40}}?{_LAW}", text[m.end():], re.IGNORECASE)
            law = canonical_law(tail.group("law")) if tail else DEFAULT_LAW
        nums = [m.group("num")]
        if m.group(0).startswith("§§"):
            pos = m.end()
            while more := MORE_SECTIONS_RE.match(text, pos):
                nums.append(more.group("num"))
                pos = more.end()
        for i, num in enumerate(nums):
            section = f"§ {num}"
            label = f"{section} Abs. {m.group('abs')}" if m.group("abs") and i == 0 else section
            refs.append(Reference(law, label, section))
    for m in ANLAGE_RE.finditer(text):
        if m.group("num") or m.group("law"):
            label = f"Anlage {m.group('n')}" if m.group("n") else "Anlage"
            refs.append(Reference(canonical_law(m.group("law")) if m.group("law") else "SGB XII", label, label))
    for m in RZ_RE.finditer(text):
        refs.append(Reference(guideline_for_rz(m.group("par")), f"Rz. {m.group('rz')}"))
    for m in FW_RE.finditer(text):
        if not RZ_RE.search(text):
            refs.append(Reference(guideline_for_rz(m.group("num")), ""))
    seen: set[Reference] = set()
    return [r for r in refs if not (r in seen or seen.add(r))]
