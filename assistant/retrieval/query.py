"""What a question is, analysed once in retrieval and carried in its result: language, glossary
expansions, amount question. Answering (extractive quotes, notices) reads it from there."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from ..errors import UserFacingError
from ..language import detect_language
from .glossary import expansions, is_amount_question

__all__ = ["QueryAnalysis", "QuestionTooLong", "analyse_query", "check_length", "too_long_text"]


class QuestionTooLong(UserFacingError):
    """A question longer than `JCA_MAX_QUESTION_CHARS`: refused with a message, never cut silently."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(too_long_text(length, limit))
        self.length = length
        self.limit = limit


def too_long_text(length: int, limit: int) -> str:
    return (f"Ihre Frage ist zu lang: {length:,} Zeichen. Erlaubt sind höchstens {limit:,} Zeichen. "
            "Bitte stellen Sie die Frage kürzer.").replace(",", ".")


def check_length(question: str, settings: Settings) -> None:
    """Raise `QuestionTooLong` when the question exceeds the one limit of `Settings.max_question_chars`."""
    if len(question) > settings.max_question_chars:
        raise QuestionTooLong(len(question), settings.max_question_chars)


@dataclass(frozen=True)
class QueryAnalysis:
    text: str  # what is searched (a follow-up question completed by the one before it)
    language: str  # of the question as asked (not of an earlier question put in front of it)
    expansions: tuple[str, ...]  # the glossary's legal terms for everyday or foreign words
    amount: bool  # "how much" question

    @property
    def expanded(self) -> str:
        return " ".join([self.text, *self.expansions])


def analyse_query(text: str, asked: str | None = None) -> QueryAnalysis:
    """The analysis of the search text `text`; the language is that of `asked` (default: `text`)."""
    return QueryAnalysis(text=text, language=detect_language(asked if asked is not None else text),
                         expansions=tuple(expansions(text)), amount=is_amount_question(text))
