"""Query understanding (`retrieval/glossary.py` and the shipped glossary.toml): everyday words to the law's
terms, amount questions, neighbouring topics and the offices that handle them."""

from __future__ import annotations

import tomllib

import pytest

from assistant.retrieval.glossary import (
    GLOSSARY_PATH,
    expansions,
    has_anchor,
    is_amount_question,
    load_glossary,
    load_offices,
    office_terms,
    outside_topics,
)


def _entries() -> list[dict]:
    return tomllib.loads(GLOSSARY_PATH.read_text(encoding="utf-8"))["entry"]


def test_every_everyday_term_of_the_shipped_glossary_expands_to_its_legal_terms() -> None:
    entries = _entries()
    assert len(load_glossary()) == len(entries) > 20
    for entry in entries:
        for term in entry["terms"]:
            question = f"Frage: {term.strip()} bitte?"
            assert entry["legal"] in expansions(question), (term, entry["legal"])


def test_terms_match_at_a_word_start_and_terms_with_a_blank_only_as_whole_words() -> None:
    assert "Vermögen Freibetrag Karenzzeit erhebliches Vermögen" in expansions("Was ist mit meinen Ersparnissen?")
    assert expansions("Ich habe Mietschulden")[0].startswith("Schulden Sicherung der Unterkunft")
    lodging = "Unterkunft Bedarfe für Unterkunft und Heizung angemessen"
    assert lodging in expansions("Ich suche eine Wohnung")
    assert lodging not in expansions("Ich habe eine Zweitwohnung")  # "wohnung" inside a word is no match
    car = "Kraftfahrzeug angemessenes Kraftfahrzeug Vermögen nicht zu berücksichtigen"
    assert car in expansions("Can I keep my car ?") and car not in expansions("I need a carpet")  # "car " is whole
    assert expansions("Wann beginnt der Bewilligungszeitraum?") == []


@pytest.mark.parametrize("question", [
    "Wie hoch ist der Regelbedarf?", "Wie viel bekomme ich?", "How much do I get?", "Ne kadar alırım?",
    "Сколько денег я получу?", "Welcher Betrag steht mir zu?",
])
def test_amount_questions_in_several_languages(question: str) -> None:
    assert is_amount_question(question)


@pytest.mark.parametrize("question", ["Wann muss ich den Antrag stellen?", "Was ist eine Bedarfsgemeinschaft?"])
def test_other_questions_are_not_amount_questions(question: str) -> None:
    assert not is_amount_question(question)


def test_neighbouring_topics_anchors_and_offices() -> None:
    assert outside_topics("Bekomme ich Kindergeld und Elterngeld?") == ["Kindergeld", "Elterngeld"]
    assert outside_topics("Wie hoch ist der Regelbedarf?") == []
    assert has_anchor("Wird das Kindergeld beim Bürgergeld angerechnet?")
    assert not has_anchor("Wann zahlt die Familienkasse?")
    assert office_terms("Wann zahlt die Familienkasse das Kindergeld?") == {"familienkasse": ["Kindergeld", "Familienkasse"]}
    assert "Wohngeld" in office_terms("Kann ich Wohngeld beantragen?").get("wohngeldstelle", [])
    assert {office for office, _ in load_offices()} >= {"familienkasse", "wohngeldstelle", "rentenversicherung"}
