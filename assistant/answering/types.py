"""What an answer is: text with numbered sources, how it was made, and what the checks found."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Answer", "AnswerChecks", "AnswerMode", "Source"]


class AnswerMode(StrEnum):
    GENERATED = "generated"  # written by a language model from the sources, then checked
    EXTRACTIVE = "extractive"  # the sources' own sentences, no language model
    REFUSED = "refused"  # the stored sources do not cover the question
    CURATED = "curated"  # a reviewed answer of the Redaktion ("Häufige Fragen"), tied to the units it cites
    COMPUTED = "computed"  # a calculator's result, every figure read from a cited unit
    # a reviewed entry for a similar question, when the matcher is not sure enough to serve it as the answer;
    # the answer says so first
    SUGGESTED = "suggested"


@dataclass(frozen=True)
class Source:
    number: int  # [n] in the answer text
    citation: str  # "§ 20 Abs. 2 SGB II", "FW § 21 SGB II, Rz. 21.27"
    doc: str
    label: str
    title: str
    stand: str  # ISO date
    kind: str
    visibility: str
    passage: str  # the unit's full text
    link: str
    page: int | None = None
    highlights: tuple[str, ...] = ()  # sentences of the passage that support the answer


@dataclass(frozen=True)
class AnswerChecks:
    removed_citations: tuple[int, ...] = ()  # [n] that named no shown source
    unsupported: tuple[str, ...] = ()  # amounts, percentages, deadlines not found in any cited source
    uncited_statements: int = 0

    @property
    def ok(self) -> bool:
        return not (self.removed_citations or self.unsupported)


@dataclass(frozen=True)
class Answer:
    question: str
    audience: str
    text: str
    mode: AnswerMode
    sources: tuple[Source, ...] = ()
    checks: AnswerChecks = field(default_factory=AnswerChecks)
    notice: str = ""  # e.g. "Automatisch erstellt aus den Quellen (kein Sprachmodell verfügbar)."
    complete: bool = True  # False while streaming
    language: str = "de"
    fallback_reason: str = ""  # why the language model was not used although one is configured (German)
    entry_id: str = ""  # the curated entry (mode CURATED) or the calculation kind (mode COMPUTED)

    @property
    def refused(self) -> bool:
        return self.mode is AnswerMode.REFUSED
