"""Query understanding: everyday words and other languages → the law's own terms."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GLOSSARY_PATH = Path(__file__).with_name("glossary.toml")

# "How much" in the languages citizens write in: such questions are answered by tables of amounts.
AMOUNT_QUESTION_RE = re.compile(
    r"\b(wie\s*(?:hoch|viel)|welche[rn]?\s+betrag|betrag|höhe|how\s+much|amount|ne\s+kadar|"
    r"сколько|скільки|розмір|размер|كم)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GlossaryEntry:
    patterns: tuple[re.Pattern[str], ...]
    legal: str


@lru_cache(maxsize=4)
def load_glossary(path: Path = GLOSSARY_PATH) -> tuple[GlossaryEntry, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = []
    for item in data.get("entry", []):
        patterns = tuple(
            re.compile(r"(?<![^\W_])" + re.escape(t.strip()) + (r"(?![^\W_])" if t.endswith(" ") else ""),
                       re.IGNORECASE)
            for t in item["terms"]
        )
        entries.append(GlossaryEntry(patterns, item["legal"]))
    return tuple(entries)


def expansions(question: str) -> list[str]:
    """The legal terms of every glossary entry whose everyday term occurs in the question."""
    return [e.legal for e in load_glossary() if any(p.search(question) for p in e.patterns)]


def is_amount_question(question: str) -> bool:
    return bool(AMOUNT_QUESTION_RE.search(question))


def covered_by_glossary(word: str) -> bool:
    """Is this everyday word one the glossary translates into the law's terms?"""
    return any(p.search(word) for e in load_glossary() for p in e.patterns)


@dataclass(frozen=True)
class Scope:
    outside: tuple[re.Pattern[str], ...]
    anchors: tuple[re.Pattern[str], ...]
    remedies: tuple[re.Pattern[str], ...] = ()


def _pattern(term: str) -> re.Pattern[str]:
    """Prefix match at a word start ("riester" → "Riester-Rente"); short terms ("GEZ") as whole words."""
    term = term.strip()
    end = r"(?![^\W_])" if len(term) <= 4 else ""
    return re.compile(r"(?<![^\W_])" + re.escape(term) + end, re.IGNORECASE)


@lru_cache(maxsize=4)
def load_scope(path: Path = GLOSSARY_PATH) -> Scope:
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("scope", {})
    return Scope(tuple(_pattern(t) for t in data.get("outside", [])),
                 tuple(_pattern(t) for t in data.get("anchors", [])),
                 tuple(_pattern(t) for t in data.get("remedies", [])))


def outside_topics(question: str) -> list[str]:
    """The neighbouring topics (not covered by the sources) that the question names."""
    return [m.group(0) for p in load_scope().outside if (m := p.search(question))]


def has_anchor(question: str) -> bool:
    """Does the question name the Bürgergeld context ("beim Bürgergeld", "angerechnet")?"""
    return any(p.search(question) for p in load_scope().anchors)


def challenges_decision(question: str) -> bool:
    """Does the question challenge a Jobcenter decision (a Widerspruch word and the Bürgergeld context)?"""
    return any(p.search(question) for p in load_scope().remedies) and has_anchor(question)


@lru_cache(maxsize=4)
def load_offices(path: Path = GLOSSARY_PATH) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("offices", {})
    return tuple((office, tuple(_pattern(t) for t in terms)) for office, terms in data.items())


def office_terms(question: str) -> dict[str, list[str]]:
    """The other offices' matters a question names: office → the words that name them."""
    found: dict[str, list[str]] = {}
    for office, patterns in load_offices():
        hits = [m.group(0) for p in patterns if (m := p.search(question))]
        if hits:
            found[office] = hits
    return found
