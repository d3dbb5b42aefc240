"""Content gaps found by the independent review of 20 fresh citizen questions (eval/review/fresh-20d-ratings.md,
sections 3, 5 and 6): the curated texts say what the law in the corpus says, in every language, and the new
entry on Kinderzuschlag/Wohngeld (§ 12a SGB II) is served on the real corpus with the real matcher."""

from __future__ import annotations

import pytest

from assistant.answering.service import answer
from assistant.answering.types import AnswerMode
from assistant.faq.entries import LANGUAGES, load_dir
from assistant.faq.integrity import check_entry
from assistant.model import Audience
from assistant.retrieval.lookup import UnitLookup
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace

from conftest import CORPUS

ENTRIES = {e.id: e for e in load_dir(CORPUS / "faq")}
CHANGED = ("antrag-bewilligungszeitraum-weiterbewilligung", "geld-pfaendung", "wohnen-mietschulden",
           "pflichten-kooperationsplan", "pflichten-termine-meldepflicht", "anspruch-studium",
           "mehrbedarf-behinderung-teilhabe", "anspruch-altersrente", "vorrang-kinderzuschlag-wohngeld")


@pytest.fixture(scope="module")
def retriever(built_workspace: Workspace) -> Retriever:
    return Retriever(built_workspace)


def _de(entry_id: str) -> str:
    t = ENTRIES[entry_id].texts["de"]
    return f"{t.answer}\n{t.next_step}"


def test_the_changed_entries_pass_every_check_in_every_language(built_workspace: Workspace) -> None:
    lookup = UnitLookup(built_workspace.catalog.active_units())
    for entry_id in CHANGED:
        entry = ENTRIES[entry_id]
        assert set(LANGUAGES) <= set(entry.texts), entry_id
        assert check_entry(entry, lookup) == [], entry_id


def test_a_forgotten_weiterbewilligungsantrag_works_back_to_the_first_of_the_month() -> None:
    entry = ENTRIES["antrag-bewilligungszeitraum-weiterbewilligung"]
    text = _de(entry.id)
    assert "wirkt auf den Ersten des Monats zurück" in text and "sofort" in text
    assert "Sonst kann eine Lücke entstehen" not in text  # suggested that the filing month is lost
    assert "§ 37 Abs. 2 SGB II" in entry.citations
    assert "first day of the month" in entry.texts["en"].answer


def test_the_content_gaps_of_the_review_are_closed() -> None:
    assert "P-Konto" in _de("geld-pfaendung") and "Schuldnerberatung" in _de("geld-pfaendung")
    assert all("P-Konto" in t.answer for t in ENTRIES["geld-pfaendung"].texts.values())
    assert "Räumungsklage" in _de("wohnen-mietschulden") and "Übernahmeerklärung" in _de("wohnen-mietschulden")
    plan = ENTRIES["pflichten-kooperationsplan"]
    assert "Der Plan selbst führt nicht zu einer Kürzung" in plan.texts["de"].answer
    assert {"§ 15 Abs. 5 SGB II", "§ 15 Abs. 6 SGB II", "§ 31 Abs. 1 SGB II"} <= set(plan.citations)
    appointment = ENTRIES["pflichten-termine-meldepflicht"].texts["de"]
    assert "Vorstellungsgespräch" in appointment.answer
    assert "Einladung der Firma" in appointment.next_step and "neuen Termin" in appointment.next_step
    study = ENTRIES["anspruch-studium"]
    assert "§ 27 Abs. 3 SGB II" in study.citations and "Darlehen" in study.texts["de"].answer
    assert "abgelehnt" in study.texts["de"].next_step
    disability = ENTRIES["mehrbedarf-behinderung-teilhabe"]
    assert "Merkzeichen G" in disability.texts["de"].answer and "§ 23 SGB II" in disability.citations
    pension = _de("anspruch-altersrente")
    assert all(w in pension for w in ("Wohngeldstelle", "Sozialamt", "Angehörigen"))


def test_the_new_entry_cites_paragraph_12a_and_names_both_offices() -> None:
    entry = ENTRIES["vorrang-kinderzuschlag-wohngeld"]
    assert entry.citations == ("§ 12a SGB II",) or list(entry.citations) == ["§ 12a SGB II"]
    assert entry.for_citizens()
    for lang in LANGUAGES:
        text = entry.texts[lang].answer + entry.texts[lang].next_step
        assert "Familienkasse" in text and "Wohngeldstelle" in text, lang
        assert len(entry.texts[lang].questions) >= 3, lang


@pytest.mark.parametrize("question,language", [
    ("Ich arbeite Vollzeit, meine Frau ist zu Hause, wir haben zwei Kinder und es reicht nicht. "
     "Sollen wir Bürgergeld beantragen oder lieber Kinderzuschlag?", "de"),
    ("أعمل ولدي ثلاثة أطفال والراتب لا يكفي. هل أطلب Kinderzuschlag أم Bürgergeld؟", "ar"),
])
def test_a_working_family_asking_about_kinderzuschlag_gets_the_new_entry(retriever: Retriever, question: str,
                                                                        language: str) -> None:
    result = answer(question, Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == "vorrang-kinderzuschlag-wohngeld", (
        result.mode, result.entry_id, result.text[:200])
    assert result.language == language
    assert any(s.label == "§ 12a" for s in result.sources), [s.citation for s in result.sources]


def test_a_plain_wohngeld_application_question_is_still_not_forced_onto_an_entry(retriever: Retriever) -> None:
    result = answer("Wie beantrage ich Wohngeld bei der Stadt?", Audience.CITIZEN, retriever=retriever)
    assert result.mode is not AnswerMode.CURATED
