"""German legal text: headings, rules with an end date, references to other laws; sentence splitting
(`split_sentences`, which survives `Abs. 2`, `Nr. 1`, `z. B.`, `1. Januar`) lives in `sources.text`."""

from __future__ import annotations

import re
from datetime import date

from ..sources.text import MONTH_NAMES, split_sentences

__all__ = ["expired_until", "is_heading", "limited_sentence", "referenced_laws", "split_sentences",
           "strip_footnote_marks"]

# --- headings ------------------------------------------------------------------------------------

# Finite verbs and participles that make a line a statement rather than a heading ("Sonstiges Einkommen")
VERB_FORMS = frozenset({
    "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "hatten",
    "kann", "können", "konnte", "muss", "müssen", "darf", "dürfen", "soll", "sollen", "sollte", "will", "wollen",
    "gilt", "gelten", "galt", "gibt", "geben", "bleibt", "bleiben", "besteht", "bestehen", "erhält", "erhalten",
    "liegt", "liegen", "beträgt", "betragen", "umfasst", "umfassen", "richtet", "richten", "gehört", "gehören",
    "zählt", "zählen", "kommt", "kommen", "entfällt", "entfallen", "erfolgt", "erfolgen", "steht", "stehen",
    "findet", "finden", "regelt", "regeln", "beläuft", "bemisst", "mindert", "vermindert", "erhöht", "tritt",
    "treten", "sieht", "setzt", "ergibt", "ergeben", "handelt", "bedarf", "fällt", "fallen", "vorliegen",
    "vorliegt", "anerkannt", "berücksichtigt", "erbracht", "gewährt", "abzusetzen", "anzurechnen",
    "anzuerkennen", "beziehen", "bezieht", "leben", "lebt", "wohnt", "wohnen", "heißt", "bedeutet",
})
_NUMBERED_HEADING_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|[A-Z]\.|[IVX]{1,4}\.)\s+\S")
_SENTENCE_END = (".", ":", ";", ",", "!", "?")
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 8  # an unnumbered line without a verb is a heading only when it is this short


def is_heading(line: str) -> bool:
    """A heading line of a guideline ("4.4 Sonstiges Einkommen", "Anrechnung von Kindergeld"), not a statement:
    short, no closing punctuation, no verb; numbered, or at most a few words."""
    text = line.strip()
    if not text or len(text) > HEADING_MAX_CHARS or text.endswith(_SENTENCE_END):
        return False
    tokens = re.findall(r"[^\W\d_]+", text)
    if any(t.lower() in VERB_FORMS for t in tokens):
        return False
    if _NUMBERED_HEADING_RE.match(text):
        return True
    return 0 < len(tokens) <= HEADING_MAX_WORDS and text[0].isupper()


# --- rules with an end date ----------------------------------------------------------------------

_MONTH_NUMBERS = {m: k for k, m in enumerate(MONTH_NAMES, start=1)}
_DATE_RE = re.compile(
    r"\bbis\s+(?:zum\s+|einschließlich\s+|zur\s+)?(?:(?P<d1>\d{1,2})\.\s?(?P<month>"
    + "|".join(m.capitalize() for m in _MONTH_NUMBERS) + r")\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4}))")
# words that make "bis zum <Datum>" the time limit of the rule itself
_LIMIT_WORDS_RE = re.compile(r"\b(?:gilt|gelten|galt|gültig|nur|längstens|befristet|gestellt|erbracht|beginnen|"
                             r"begonnen|erhalten|gewährt|Zeitraum|Zeit vom)\b")
# "in der bis zum … geltenden Fassung", "geboren": a date that limits something else
_NOT_A_LIMIT_RE = re.compile(r"\b(?:Fassung|geboren\w*|Geborene\w*|außer Kraft|a\. ?F\.)")
_SATZ_RE = re.compile(r"^(?:Die\s+)?Sätze?\s+(\d{1,2})(?:\s+(?:und|bis)\s+(\d{1,2}))?\s+gilt|^Satz\s+(\d{1,2})\b")


def expired_until(sentence: str, today: date) -> date | None:
    """The end date of the rule a sentence states, when it lies before `today` ("Satz 3 gilt nur für Anträge,
    die bis zum 31. Dezember 2023 gestellt werden."); None for a current rule or a date that limits nothing."""
    if _NOT_A_LIMIT_RE.search(sentence) or not _LIMIT_WORDS_RE.search(sentence):
        return None
    latest: date | None = None
    for m in _DATE_RE.finditer(sentence):
        try:
            if m.group("y1"):
                end = date(int(m.group("y1")), _MONTH_NUMBERS[m.group("month").lower()], int(m.group("d1")))
            else:
                end = date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        except ValueError:
            continue
        latest = end if latest is None or end > latest else latest
    return latest if latest is not None and latest < today else None


def limited_sentence(sentence: str) -> tuple[int, ...]:
    """The sentence numbers a limiting sentence refers to: "Satz 3 gilt nur …" → (3,); none → ()."""
    m = _SATZ_RE.match(sentence.strip())
    if not m:
        return ()
    if m.group(3):
        return (int(m.group(3)),)
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    return tuple(range(first, max(first, last) + 1))


# --- references to other laws ---------------------------------------------------------------------

LAW_REFERENCES = {
    "SGB XII": re.compile(r"SGB\s*XII\b|Zwölften\s+Buch|Zwölfte\s+Buch|XII\.\s*Buch"),
    "SGB III": re.compile(r"SGB\s*III\b|Dritten\s+Buch|Dritte\s+Buch|III\.\s*Buch"),
}


def referenced_laws(text: str) -> set[str]:
    """The laws of LAW_REFERENCES a text names ("§ 28 des Zwölften Buches" → SGB XII)."""
    return {law for law, pattern in LAW_REFERENCES.items() if pattern.search(text)}


_FOOTNOTE_MARK_RE = re.compile(r"(?<=\S)[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def strip_footnote_marks(text: str) -> str:
    """"100,01 Euro²" → "100,01 Euro": footnote marks of a table cell."""
    return _FOOTNOTE_MARK_RE.sub("", text)
