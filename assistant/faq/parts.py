"""The parts of a question that asks several things at once.

"Wie stelle ich den Antrag, geht das online und welche Unterlagen brauche ich?" asks two things; the curated
answer for the whole question covers the first, and the second part, matched on its own, finds the entry for
the documents. Only clear boundaries split: the end of a sentence, or "und"/"oder" (and their equivalents)
before a new question word or before a last short noun phrase ("… Schulsachen und Klassenfahrt?").
"""

from __future__ import annotations

import re

# what opens a new question after "und"/"oder": a question word, or a verb with its subject ("kann ich", "gibt es");
# German and English in full, the other languages' question words (they mostly split on "?")
_WH = (r"wie|was|wann|wo|wer|warum|wieso|welche[rsnm]?|what|how|when|where|who|why|which|"
       r"можно|можу|сколько|скільки|как|як|что|що|когда|коли|где|чи|czy|ile|jak|kiedy|gdzie|"
       r"كيف|ماذا|هل|متى|أين|چطور|چگونه|آیا|کجا")
_VERB = (r"gibt|geht|muss|müssen|kann|können|darf|dürfen|bekomme|bekommen|kriege|kriegen|zahlt|zahlen|brauche|"
         r"brauchen|soll|sollte|is|are|can|do|does|must|should|will")
_SUBJECT = r"ich|man|es|das|er|sie|wir|mir|mich|i|we|you|it|he|she|they|there"
_QUESTION_START = rf"(?:(?:{_WH})\b|(?:{_VERB})\s+(?:{_SUBJECT})\b|gibts\b)"
_CONJUNCTION = r"und|oder|and|or|и|і|ve|lub|або|или|veya|یا"
_SENTENCE_END = re.compile(r"(?:(?<=[?!؟])|(?<=[^\d]\.))\s+(?=\S)")  # "14. Woche" is no sentence end
_BEFORE_QUESTION_WORD = re.compile(rf"[,،]?\s+(?:(?:{_CONJUNCTION})\s+|و)(?={_QUESTION_START})", re.IGNORECASE)
# "… für Schulsachen und Klassenfahrt?": one or two words after the last "und"
_LAST_SHORT_PHRASE = re.compile(rf"\s+(?:{_CONJUNCTION})\s+(?=(?:die |den |das |eine? |the |a )?[\w-]{{4,}}\s*[?؟!.]*\s*$)",
                                re.IGNORECASE)
MIN_PART_CHARS = 4
MAX_PARTS = 4


def question_parts(question: str) -> list[str]:
    """The parts that ask, in order, without the statements around a lone question ("Der Bescheid ist falsch.
    Wie lange habe ich Zeit?" → ["Wie lange habe ich Zeit?"]); with several questions, the statements before the
    first one stay with it as its context; the whole question when nothing separates its parts."""
    parts: list[str] = []
    for sentence in _SENTENCE_END.split(question.strip()):
        clauses = _BEFORE_QUESTION_WORD.split(sentence)
        for clause in clauses:
            pieces = _LAST_SHORT_PHRASE.split(clause)
            # the pieces of one question all ask, though only the last one carries the "?"
            asks = len(clauses) > 1 or clause.rstrip().endswith(("?", "؟"))
            parts += [p + "?" if asks and not p.rstrip().endswith(("?", "؟")) else p for p in pieces]
    cleaned = [p.strip(" ,;:-") for p in parts]
    asked = [p for p in cleaned if len(re.sub(r"\W", "", p)) >= MIN_PART_CHARS and _asks(p)]
    if not asked or (len(asked) == 1 and len(cleaned) == 1):
        return [question.strip()]
    # the story before the first question is that question's context ("… nur 900 € Arbeitslosengeld. Kann ich
    # zusätzlich Bürgergeld bekommen?" asks about topping up, not about Bürgergeld in general)
    first = cleaned.index(asked[0])
    story = " ".join(p for p in cleaned[:first] if p)
    if story and len(asked) > 1:
        asked[0] = f"{story} {asked[0]}"
    return asked[:MAX_PARTS]


_OPENS_WITH_QUESTION_WORD = re.compile(rf"^{_QUESTION_START}", re.IGNORECASE)


def _asks(part: str) -> bool:
    """A question, not the context before it ("Ich bin schwanger." tells; "Gibt es Erstausstattung?" asks)."""
    return part.endswith(("?", "؟")) or bool(_OPENS_WITH_QUESTION_WORD.match(part))
