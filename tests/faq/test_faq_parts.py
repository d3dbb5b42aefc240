"""Questions that ask several things get an entry per part ("Außerdem"); a question wrapped in a story is matched
by its asking part. Real index, real matcher (fresh review 20b: n7 refused, n8/n10 half answered)."""

from __future__ import annotations

import json
import re

import pytest

from assistant.answering.service import answer
from assistant.answering.types import Answer, AnswerMode
from assistant.faq.book import faq_book
from assistant.faq.calculations import SAME_FIGURE
from assistant.faq.entries import load_dir
from assistant.faq.parts import question_parts
from assistant.model import Audience
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace

from conftest import CORPUS, PROJECT_ROOT

ENTRY_IDS = {e.id for e in load_dir(CORPUS / "faq")}


@pytest.fixture(scope="module")
def retriever(built_workspace: Workspace) -> Retriever:
    return Retriever(built_workspace)


@pytest.mark.parametrize(("question", "parts"), [
    ("Wie beantrage ich Bürgergeld, geht das online und welche Unterlagen brauche ich?",
     ["Wie beantrage ich Bürgergeld, geht das online?", "welche Unterlagen brauche ich?"]),
    ("Gibt es Geld für Schulsachen und Klassenfahrt?", ["Gibt es Geld für Schulsachen?", "Klassenfahrt?"]),
    ("Der Bescheid ist falsch. Wie lange habe ich Zeit?", ["Wie lange habe ich Zeit?"]),
    # the story before the first of several questions is that question's context
    ("Mein ALG I ist zu niedrig. Kann ich aufstocken? Wo stelle ich den Antrag?",
     ["Mein ALG I ist zu niedrig. Kann ich aufstocken?", "Wo stelle ich den Antrag?"]),
    ("Ich bin in der 14. Woche schwanger, bekomme ich mehr Geld?", ["Ich bin in der 14. Woche schwanger, bekomme ich mehr Geld?"]),
    ("Ich habe Schulden beim Jobcenter und kann die nie zahlen.", ["Ich habe Schulden beim Jobcenter und kann die nie zahlen."]),
    ("мне пришло письмо, что это значит и можно ли это оспорить?", ["мне пришло письмо, что это значит?", "можно ли это оспорить?"]),
])
def test_question_parts(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def _numbers_resolve(result: Answer) -> None:
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", result.text)}
    assert cited and cited <= {s.number for s in result.sources}, (cited, [s.number for s in result.sources])
    assert [s.number for s in result.sources] == list(range(1, len(result.sources) + 1))


def test_a_curated_answer_adds_the_entry_for_the_second_part(retriever: Retriever) -> None:
    result = answer("Wie beantrage ich Bürgergeld, geht das auch online und welche Unterlagen muss ich mitbringen?",
                    Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == "antrag-stellen"
    assert "**Außerdem:" in result.text and "Kontoauszüge" in result.text.split("**Außerdem:")[1]
    assert result.text.count("**Was Sie jetzt tun können:**") == 2
    _numbers_resolve(result)


def test_a_computed_answer_adds_the_entry_for_the_other_part(retriever: Retriever) -> None:
    result = answer("Meine Tochter kommt in die 5. Klasse, gibt es Geld für Schulsachen und die Klassenfahrt?",
                    Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.COMPUTED and result.entry_id == "schulbedarf" and "195 Euro" in result.text
    also = result.text.split("**Außerdem:")
    assert len(also) == 2 and "Klassenfahrt" in also[1] and "Schulbedarf 2026" not in also[1]
    assert "§ 28 Abs. 2 SGB II" in {s.citation for s in result.sources}
    _numbers_resolve(result)


def test_a_question_inside_a_story_is_answered_not_refused(retriever: Retriever) -> None:
    """fresh-20b n7: the word Kindergeld sent a Widerspruch question to the Familienkasse (deadline at risk)."""
    result = answer("Im Bescheid ist mein Kindergeld zweimal abgezogen worden. Wie lange habe ich Zeit für einen "
                    "Widerspruch?", Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == "bescheid-widerspruch", (result.mode, result.text[:300])
    _numbers_resolve(result)


def test_the_story_decides_what_the_first_question_asks(retriever: Retriever) -> None:
    # fresh review 20c, question 12: "zusätzlich Bürgergeld" read alone matched nothing, so the application entry
    # answered and the "yes, you can top up" of the ALG-I entry was missing
    result = answer("Ich hab meinen Job verloren und bekomme nur 900 € Arbeitslosengeld, Miete ist 650 warm, das "
                    "reicht nicht. Kann ich zusätzlich Bürgergeld bekommen? Wie stell ich den Antrag und welche "
                    "Unterlagen brauch ich?", Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == "einkommen-arbeitslosengeld-aufstocken"
    assert "**Außerdem:" in result.text
    _numbers_resolve(result)


def test_a_single_question_gets_no_further_part(retriever: Retriever) -> None:
    for question in ("Muss ich meinen Urlaub beim Jobcenter genehmigen lassen?",
                     "Minijob, 556 Euro im Monat, wie viel darf ich behalten?"):
        assert "**Außerdem:" not in answer(question, Audience.CITIZEN, retriever=retriever).text, question


def test_further_parts_rarely_add_an_entry_the_labels_do_not_name(built_workspace: Workspace) -> None:
    """On the tune set (225 questions, nearly all single-topic) parts add an entry the labels do not name 3 times
    with the shipped limits (calibrated there; 2 of them debatable labels, 1 a null question)."""
    book = faq_book(built_workspace)
    rows = [json.loads(line) for line in (PROJECT_ROOT / "eval" / "faq" / "tune.jsonl").read_text(encoding="utf-8").splitlines()]
    unnamed = 0
    for row in rows:
        if question_parts(row["question"]) == [row["question"].strip()]:
            continue
        main = book.find(row["question"], Audience.CITIZEN)
        found = book.find_parts(row["question"], Audience.CITIZEN, answered={main.stored.entry.id} if main else None)
        named = {row["expected"], *row.get("also", [])}
        unnamed += sum(1 for hit in found if hit.stored.entry.id not in named)
    assert unnamed <= 3, unnamed


def test_entries_a_calculation_repeats_exist() -> None:
    assert {e for ids in SAME_FIGURE.values() for e in ids} <= ENTRY_IDS


def _workspace_with(built_workspace: Workspace, **settings) -> Workspace:
    return Workspace(built_workspace.settings.model_copy(update=settings))


def test_an_unsure_match_is_offered_as_the_answer_to_a_similar_question(built_workspace: Workspace) -> None:
    """Below the matcher's threshold the likeliest entry is shown as a similar question's checked answer, said so
    first (tune: 20 of 30 such offers right at 0.30, where the search-based answer was the alternative)."""
    strict = _workspace_with(built_workspace, faq_threshold=0.999, faq_confident_floor=1.0)
    retriever = Retriever(strict)
    entry = next(e for e in load_dir(CORPUS / "faq") if e.id == "pflichten-urlaub-ortsabwesenheit")
    result = answer(entry.texts["de"].questions[0], Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.SUGGESTED and result.entry_id == entry.id, (result.mode, result.text[:200])
    assert result.text.startswith("Ich habe keine geprüfte Antwort gefunden, die sicher zu Ihrer Frage passt.")
    assert entry.texts["de"].answer in result.text and "Stellen Sie die Frage bitte genauer" in result.text
    _numbers_resolve(result)
    arabic = answer(entry.texts["ar"].questions[0], Audience.CITIZEN, retriever=retriever)
    assert arabic.mode is AnswerMode.SUGGESTED and arabic.language == "ar" and "Ich habe" not in arabic.text
    # a neighbouring topic (retrieval's scope check) gets no offer
    for question in ("Wie viel Kindergeld gibt es 2026 pro Kind?", "Wann ist die nächste Bundestagswahl?"):
        assert answer(question, Audience.CITIZEN, retriever=retriever).mode is not AnswerMode.SUGGESTED, question


def test_offers_can_be_turned_off(built_workspace: Workspace) -> None:
    retriever = Retriever(_workspace_with(built_workspace, faq_threshold=0.999, faq_confident_floor=1.0,
                                          faq_suggest_threshold=1.0))
    entry = next(e for e in load_dir(CORPUS / "faq") if e.id == "pflichten-urlaub-ortsabwesenheit")
    assert answer(entry.texts["de"].questions[0], Audience.CITIZEN, retriever=retriever).mode is not AnswerMode.SUGGESTED


def test_a_household_total_ends_with_the_familys_next_step(retriever: Retriever) -> None:
    """Regression: a merge mapped the household total to the Regelbedarf topic too, and the later key won."""
    result = answer("Ich bin alleinerziehend mit zwei Kindern (4 und 9). Wie viel Bürgergeld bekommen wir insgesamt?",
                    Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.COMPUTED and result.entry_id == "haushalt_bedarf" and "1.562,68 Euro" in result.text
    assert "Unterhaltsvorschuss" in result.text.split("**Was Sie jetzt tun können:**")[1]


# --- fresh review 20d, defects 2 and 7: the second topic of a message, and the "suggested" header ---------------

@pytest.mark.parametrize(("question", "parts"), [
    # needs stated as statements, one question referring back to them: a part per need, each with the question
    ("Mein Sohn braucht Nachhilfe in Deutsch, das kostet 20 € die Stunde. Außerdem kostet das Mittagessen in der "
     "Schule 4 € am Tag. Zahlt das Jobcenter das?",
     ["Mein Sohn braucht Nachhilfe in Deutsch, das kostet 20 € die Stunde. Zahlt das Jobcenter das?",
      "kostet das Mittagessen in der Schule 4 € am Tag. Zahlt das Jobcenter das?"]),
    # a connector that opens a new topic is no part of the part
    ("Wann kommt das Geld? Und nebenbei: Muss ich eine Erbschaft melden?",
     ["Wann kommt das Geld?", "Muss ich eine Erbschaft melden?"]),
    # one need only: the question stays whole
    ("Mein Sohn braucht Nachhilfe, das kostet 20 € die Stunde. Zahlt das Jobcenter das?",
     ["Zahlt das Jobcenter das?"]),
])
def test_parts_of_needs_and_new_topics(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def _review_question(n: int) -> str:
    lines = [line for line in (PROJECT_ROOT / "eval" / "review" / "fresh-20d.txt").read_text(encoding="utf-8")
             .splitlines() if line and not line.startswith("#")]
    return lines[n - 1].split("\t", 1)[1]


def _entries(book, question: str) -> list[str]:
    main = book.find(question, Audience.CITIZEN)
    found = book.find_parts(question, Audience.CITIZEN, answered={main.stored.entry.id} if main else None)
    return ([main.stored.entry.id] if main else []) + [hit.stored.entry.id for hit in found]


def test_two_needs_stated_before_one_question_get_both_entries(built_workspace: Workspace) -> None:
    """fresh-20d Q7: Nachhilfe and Mittagessen as statements, "Zahlt das … das Jobcenter?" (was one part, no entry)."""
    entries = _entries(faq_book(built_workspace), _review_question(7))
    assert entries[:2] == ["bildung-lernfoerderung", "bildung-mittagessen"], entries


def test_a_part_confidently_matched_on_its_own_is_kept(built_workspace: Workspace) -> None:
    """fresh-20d Q12: the Weiterbewilligung part (0.48 alone, 0.01 for the whole question) was dropped."""
    entries = _entries(faq_book(built_workspace), _review_question(12))
    assert entries[0] == "wohnen-guthaben-nebenkosten"
    assert "antrag-bewilligungszeitraum-weiterbewilligung" in entries, entries


@pytest.mark.xfail(strict=True, reason=(
    "open gap: with the classifier retrained for the session-10 entries the Zusicherung part weighs 0.056 against "
    "the 0.06 floor; lowering the floor to 0.05 adds it here but adds two wrong entries elsewhere (fresh-20b Q4, "
    "fresh-20d Q17), and tune.jsonl does not move between 0.045 and 0.06"))
def test_moving_out_under_25_gets_the_zusicherung_rule(built_workspace: Workspace) -> None:
    """fresh-20d Q8: flat and furniture at 20; the furniture entry answers, the Zusicherung rule must follow."""
    entries = _entries(faq_book(built_workspace), _review_question(8))
    assert entries[0] == "erstausstattung-wohnung"
    assert {"wohnen-unter-25-zusicherung", "regelbedarf-u25-auszug"} & set(entries[1:]), entries


def test_an_entry_clearly_ahead_is_served_not_suggested(retriever: Retriever) -> None:
    """fresh-20d Q15 (tr): einkommen-unterhalt 0.39 against 0.09 opened with "no checked answer surely fits"."""
    result = answer(_review_question(15), Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == "einkommen-unterhalt", (result.mode, result.text[:200])


def test_a_seized_account_in_polish_gets_the_pfaendung_entry(retriever: Retriever) -> None:
    """fresh-20d Q19 (pl): was a suggestion (0.34 against 0.24); with the P-Konto steps written into geld-pfaendung
    in session 10 the entry is the clear answer (0.65) and is served as curated, in Polish."""
    result = answer(_review_question(19), Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == "geld-pfaendung", (result.mode, result.text[:200])
    assert result.language == "pl" and "P-Konto" in result.text


def test_a_polish_suggestion_addresses_the_asker_formally(retriever: Retriever) -> None:
    """fresh-20d defect 7: the suggested header said "twojego pytania" (informal) to a citizen."""
    result = answer("Czy muszę przyjąć każdą pracę, którą zaproponuje mi Jobcenter?", Audience.CITIZEN,
                    retriever=retriever)
    assert result.mode is AnswerMode.SUGGESTED, (result.mode, result.text[:200])
    assert "Pana/Pani pytania" in result.text and "twojego pytania" not in result.text
