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
_LAST_SHORT_PHRASE = re.compile(rf"\s+(?:{_CONJUNCTION})\s+(?=(?:auch |noch )?(?:die |den |das |eine? |the |a )?[\w-]{{4,}}"
                                rf"\s*[?؟!.]*\s*$)", re.IGNORECASE)
# words that open a new topic at the start of a sentence ("Und nebenbei: …", "Außerdem …"); stripped from a part
_TOPIC_CHANGE = (r"und|außerdem|ausserdem|nebenbei|zweitens|drittens|zusätzlich|dazu|and|also|besides|"
                 r"additionally|secondly|plus|кроме того|и ещё|и еще|крім того|і ще|poza tym|oprócz tego|"
                 r"ayrıca|bir de|همچنین|ضمناً|ضمنا|أيضاً|أيضا|بالإضافة إلى ذلك")
_OPENS_NEW_TOPIC = re.compile(rf"^(?:{_TOPIC_CHANGE})(?:\s+(?:nebenbei|noch|auch|noch was|ещё|еще))?(?=[\s:,.]|$)[\s:,.-]*",
                              re.IGNORECASE)
# a statement that names a need or a cost ("… braucht Nachhilfe, das kostet 15 € die Stunde")
_NAMES_A_NEED = re.compile(r"\d|€|euro\b|kostet|kosten\b|brauch|benötig|need|cost|стоит|коштує|нужн|потрібн|"
                           r"kosztuje|potrzeb|tutuyor|lazım|gerek|تكلف|يكلف|أحتاج|يحتاج|هزینه|لازم", re.IGNORECASE)
# a question that refers back to what the statements before it named ("Zahlt das Jobcenter was davon?")
_REFERS_BACK = re.compile(r"\b(?:das|dies|dieses|davon|dafür|dazu|beides|die kosten|it|that|this|these|those|them|"
                          r"both|это|этого|за это|це|цього|za to|to|bunu|bunları)\b|ذلك|هذا|اینها|این", re.IGNORECASE)
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
    cleaned = [_OPENS_NEW_TOPIC.sub("", p.strip(" ,;:-")) or p.strip(" ,;:-") for p in parts]
    asked = [p for p in cleaned if len(re.sub(r"\W", "", p)) >= MIN_PART_CHARS and _asks(p)]
    if len(asked) == 1:
        needs = _needs_asked_about(parts[: cleaned.index(asked[0])], asked[0])
        if needs:
            return needs[:MAX_PARTS]
    if not asked or (len(asked) == 1 and len(cleaned) == 1):
        return [question.strip()]
    # the story before the first question is that question's context ("… nur 900 € Arbeitslosengeld. Kann ich
    # zusätzlich Bürgergeld bekommen?" asks about topping up, not about Bürgergeld in general)
    first = cleaned.index(asked[0])
    story = " ".join(p for p in cleaned[:first] if p)
    if story and len(asked) > 1:
        asked[0] = f"{story} {asked[0]}"
    return asked[:MAX_PARTS]


def _needs_asked_about(before_question: list[str], asked: str) -> list[str]:
    """"Meine Tochter braucht Nachhilfe, 15 € die Stunde. Und das Mittagessen kostet 4,50 € am Tag. Zahlt das
    Jobcenter was davon?": statements before the one question, each opening a new topic ("Und …", "Außerdem …")
    and naming a need, each with that question, when the question refers back to them; [] otherwise."""
    if not _REFERS_BACK.search(asked):
        return []
    before = [p.strip(" ,;:-") for p in before_question]
    groups: list[list[str]] = []
    for statement in before:
        if not statement:
            continue
        rest = _OPENS_NEW_TOPIC.sub("", statement)
        if not groups or rest != statement:
            groups.append([rest or statement])
        else:
            groups[-1].append(statement)
    groups = [g for g in groups if _NAMES_A_NEED.search(" ".join(g))]
    if len(groups) < 2:
        return []
    return [f"{' '.join(g)} {asked}" for g in groups]


_OPENS_WITH_QUESTION_WORD = re.compile(rf"^{_QUESTION_START}", re.IGNORECASE)


def _asks(part: str) -> bool:
    """A question, not the context before it ("Ich bin schwanger." tells; "Gibt es Erstausstattung?" asks)."""
    return part.endswith(("?", "؟")) or bool(_OPENS_WITH_QUESTION_WORD.match(part))
