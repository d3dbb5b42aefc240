"""Answering: checks on fixed strings, sentence cutting, language, history, and the extractive answer
for real against the index of the default corpus."""

from __future__ import annotations

import argparse
import json

import pytest

from assistant.model import Audience

from assistant.answering import prompts
from assistant.answering.checks import (
    check_answer,
    clean_citations,
    count_uncited,
    find_figures,
    unsupported_figures,
)
from assistant.answering.extractive import extract, split_passage, split_sentences
from assistant.answering.service import answer, answer_stream, normalize_history, retrieval_question
from assistant.answering.types import AnswerMode
from assistant.catalog import StoredUnit
from assistant.model import Unit

# --- citations -----------------------------------------------------------------------------------


def test_citations_naming_no_shown_source_are_removed_and_counted() -> None:
    text = "Erstens gilt A [1]. Zweitens B [2, 9]. Drittens C [8]. Viertens D [1-3]. Fünftens E [1][2]."
    cleaned, removed, cited = clean_citations(text, [1, 2, 3])
    assert cleaned == "Erstens gilt A [1]. Zweitens B [2]. Drittens C. Viertens D [1][2][3]. Fünftens E [1][2]."
    assert removed == (8, 9)
    assert cited == (1, 2, 3)


def test_uncited_statements_are_counted() -> None:
    text = ("Dazu steht in den Vorschriften:\n\nDer Regelbedarf beträgt 563 Euro [1]. "
            "Das Jobcenter zahlt monatlich im Voraus.")
    assert count_uncited(text) == 1


# --- figures -------------------------------------------------------------------------------------


def test_figures_are_found_in_their_written_forms() -> None:
    surfaces = [f.surface for f in find_figures(
        "Es sind 563 Euro, 1.500 €, 1 500 Euro, 20 Prozent, 35 %, sechs Monate, 3 Wochen und € 12,50; "
        "das Jahr 2026 und § 22 Abs. 1 sind keine Beträge.")]
    assert surfaces == ["563 Euro", "1.500 €", "1 500 Euro", "20 Prozent", "35 %", "sechs Monate", "3 Wochen",
                        "€ 12,50"]


@pytest.mark.parametrize(("answer_text", "source"), [
    ("Der Freibetrag beträgt 1.500 Euro.", "ein Betrag von 1 500 Euro"),
    ("Der Freibetrag beträgt 1 500 Euro.", "ein Betrag von 1.500 Euro"),
    ("Der Freibetrag beträgt 1500 €.", "ein Betrag von 1.500,00 Euro"),
    ("Abgesetzt werden 20 %.", "auf 20 Prozent"),
    ("Abgesetzt werden 20 Prozent.", "zu 20 vom Hundert"),
    ("Die Frist beträgt 6 Monate.", "für die Dauer von sechs Monaten"),
    ("Die Frist beträgt sechs Monate.", "innerhalb von 6 Monaten"),
    ("Bis zu 3 Wochen sind möglich.", "bis zu drei Wochen im Kalenderjahr"),
    ("Regelbedarfsstufe 1: 563 Euro.", "gültig ab | Regelbedarfsstufe 1\n1. Januar 2026 | 563"),  # table cell
    ("Der Mehrbedarf beträgt 2,25 Prozent.", "beträgt 2,25 Prozent."),
])
def test_figures_supported_across_formats(answer_text: str, source: str) -> None:
    assert unsupported_figures(answer_text, [source]) == ()


@pytest.mark.parametrize(("answer_text", "source", "flagged"), [
    ("Sie bekommen 600 Euro.", "1. Januar 2026 | 563 | 506", "600 Euro"),
    ("Abgesetzt werden 30 Prozent.", "auf 20 Prozent", "30 Prozent"),
    ("Die Frist beträgt sechs Monate.", "innerhalb von 6 Wochen", "sechs Monate"),
    ("Die Frist beträgt 3 Wochen.", "nach § 3 gilt eine Frist von einem Monat", "3 Wochen"),
    ("Der Freibetrag beträgt 15.000 Euro.", "15 Euro", "15.000 Euro"),
])
def test_figures_without_source_are_flagged(answer_text: str, source: str, flagged: str) -> None:
    assert unsupported_figures(answer_text, [source]) == (flagged,)


def test_check_answer_traces_figures_only_to_cited_sources() -> None:
    sources = {1: "Der Regelbedarf: 1. Januar 2026 | 563", 2: "ein Mehrbedarf von 35 Prozent"}
    text = "Der Regelbedarf beträgt 563 Euro [1]. Der Mehrbedarf beträgt 35 Prozent [1]. Mehr steht da nicht [5]."
    cleaned, checks, cited = check_answer(text, sources)
    assert cited == (1,)
    assert checks.removed_citations == (5,)
    assert checks.unsupported == ("35 Prozent",)  # it is in [2], but [2] is not cited
    assert not checks.ok
    assert cleaned.endswith("Mehr steht da nicht.")


# --- cutting units into pieces -------------------------------------------------------------------


def test_sentence_split_keeps_german_abbreviations_and_ordinals() -> None:
    text = ("Nach § 22 Abs. 1 S. 3 gilt das z. B. für Mieter. Das gilt nach Satz 1. Die Frist beginnt am "
            "1. Januar 2026. Vgl. Rz. 21.27. Bis zur Vollendung des 15. Lebensjahres gilt Nr. 3. Ende.")
    assert split_sentences(text) == [
        "Nach § 22 Abs. 1 S. 3 gilt das z. B. für Mieter.", "Das gilt nach Satz 1.",
        "Die Frist beginnt am 1. Januar 2026.", "Vgl. Rz. 21.27.",
        "Bis zur Vollendung des 15. Lebensjahres gilt Nr. 3.", "Ende."]


def test_table_rows_carry_header_and_caption() -> None:
    pieces = split_passage("Regelbedarfsstufen nach § 28 in Euro\n"
                           "gültig ab | Regelbedarfsstufe 1 | Regelbedarfsstufe 2\n"
                           "1. Januar 2025 | 563 | 506\n1. Januar 2026 | 563 | 506")
    assert [p.kind for p in pieces] == ["row", "row"]
    assert pieces[1].year == 2026
    assert pieces[1].text == ("Regelbedarfsstufen nach § 28 in Euro, gültig ab 1. Januar 2026:\n"
                              "Regelbedarfsstufe 1 – 563\nRegelbedarfsstufe 2 – 506")  # "Stufe – Betrag" rows
    assert "1. Januar 2026 | 563 | 506" in pieces[1].highlights


def test_list_items_keep_their_lead_in() -> None:
    pieces = split_passage("(3) Ein Betrag ist abzusetzen. Dieser beläuft sich\n1. bis 520 Euro auf 20 Prozent,\n"
                           "2. bis 1 000 Euro auf 30 Prozent.")
    items = [p for p in pieces if p.kind == "item"]
    assert [p.context for p in items] == ["Dieser beläuft sich", "Dieser beläuft sich"]
    assert pieces[0].text == "Ein Betrag ist abzusetzen."  # Absatz number dropped


# --- language, history ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Wie hoch ist der Regelbedarf?", "de"),
    ("How much money do I get for rent?", "en"),
    ("Kira için ne kadar para alırım?", "tr"),
    ("Сколько денег я получу на квартиру?", "ru"),
    ("Скільки грошей я отримаю на житло?", "uk"),
    ("كم يبلغ الإيجار الذي يدفعه مركز العمل؟", "ar"),
    ("Und für Kinder?", "de"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert prompts.detect_language(text) == lang


def test_history_forms_and_follow_up_questions() -> None:
    pairs = normalize_history([("Wie hoch ist der Regelbedarf?", "563 Euro [1].")])
    dicts = normalize_history([{"role": "user", "content": "Wie hoch ist der Regelbedarf?"},
                               {"role": "assistant", "content": "563 Euro [1]."}])
    assert pairs == dicts == [("Wie hoch ist der Regelbedarf?", "563 Euro [1].")]
    assert retrieval_question("Und für Kinder?", pairs) == "Wie hoch ist der Regelbedarf? Und für Kinder?"
    long_question = "Wann muss ich eine Ortsabwesenheit beim Jobcenter beantragen?"
    assert retrieval_question(long_question, pairs) == long_question
    assert retrieval_question("Und für Kinder?", []) == "Und für Kinder?"


# --- extractive on fixed units -------------------------------------------------------------------


def _unit(doc: str, label: str, text: str, visibility: str = "public") -> StoredUnit:
    return StoredUnit(label, Unit(doc, label, text, section=label), "law", visibility, "2026-01-01", 1)


ANLAGE = ("gültig ab | Regelbedarfsstufe 1 | Regelbedarfsstufe 2\n" +
          "\n".join(f"1. Januar {y} | {v} | {v - 57}"
                    for y, v in ((2023, 502), (2024, 563), (2025, 563), (2026, 563))) +
          "\nRegelbedarfsstufe 1:\nFür jede erwachsene Person, die in einer Wohnung lebt und für die nicht "
          "Regelbedarfsstufe 2 gilt.\nRegelbedarfsstufe 6:\n"
          "Für ein Kind bis zur Vollendung des sechsten Lebensjahres.")


# SGB XII is quoted where SGB II refers to it: § 20 Abs. 1a does ("entsprechend § 28 des Zwölften Buches")
PARAGRAPH_20_1A = _unit("SGB II", "§ 20 Abs. 1a", "(1a) Der Regelbedarf wird in Höhe der jeweiligen "
                        "Regelbedarfsstufe entsprechend § 28 des Zwölften Buches anerkannt. Das Nähere regelt eine "
                        "Verordnung.")


def test_extract_picks_the_row_of_the_year_asked() -> None:
    units = [PARAGRAPH_20_1A, _unit("SGB XII", "Anlage", ANLAGE)]
    ex = extract("Wie hoch ist der Regelbedarf für eine alleinstehende Person im Jahr 2026?", units, "citizen")
    assert ex.text.startswith(prompts.lead_in("citizen", "de", "regelbedarf"))
    assert "gültig ab 1. Januar 2026:\nRegelbedarfsstufe 1 – 563\nRegelbedarfsstufe 2 – 506" in ex.text
    assert "2023" not in ex.text and "2025" not in ex.text
    number = [su.unit.label for su in ex.units].index("Anlage") + 1
    row_block = next(block for block in ex.text.split("\n\n") if "1. Januar 2026" in block)
    assert row_block.endswith(f"[{number}]")
    assert "Für jede erwachsene Person" in ex.text  # the definition of Regelbedarfsstufe 1


def test_extract_lead_in_in_the_citizens_language() -> None:
    units = [PARAGRAPH_20_1A, _unit("SGB XII", "Anlage", ANLAGE)]
    ex = extract("How much is the standard benefit for a single adult in 2026?", units, "citizen", "en")
    assert ex.text.startswith(prompts.lead_in("citizen", "en", "regelbedarf"))
    assert "563" in ex.text


# --- for real, against the index of the default corpus -----------------------------------------

REGELBEDARF_2026 = "Wie hoch ist der Regelbedarf für eine alleinstehende Person im Jahr 2026?"


@pytest.fixture(scope="module")
def retriever(built_workspace):
    from assistant.retrieval.retriever import Retriever

    return Retriever(built_workspace)


def _search_only(retriever):
    """Settings without curated answers and calculators: the search-based answer these tests are about."""
    return retriever.ws.settings.model_copy(update={"faq_enabled": False, "calculators_enabled": False})


@pytest.mark.parametrize("question,language", [
    ("Dostałem spadek po babci. Czy muszę to zgłosić do Jobcenter?", "pl"),
    ("هل يدفع الجوب سنتر تكاليف الانتقال إلى شقة جديدة؟", "ar"),
])
def test_search_answer_notices_are_in_the_citizens_language(retriever, question: str, language: str) -> None:
    from assistant import i18n

    a = answer(question, "citizen", retriever=retriever, settings=_search_only(retriever))
    assert a.mode is AnswerMode.EXTRACTIVE and a.language == language, (a.mode, a.language)
    assert i18n.text("notice.extractive", language) in a.notice, a.notice
    assert i18n.text("notice.citizen", language) in a.notice
    assert prompts.NOTICE_EXTRACTIVE not in a.notice  # not the German text


def test_regelbedarf_2026_extractive(retriever) -> None:
    a = answer(REGELBEDARF_2026, "citizen", retriever=retriever, settings=_search_only(retriever))
    assert a.mode is AnswerMode.EXTRACTIVE and a.complete
    assert prompts.NOTICE_EXTRACTIVE in a.notice and prompts.NOTICE_CITIZEN in a.notice
    cited = {(s.doc, s.label): s for s in a.sources}
    stating = [key for key in (("RBSFV 2026", "§ 2"), ("SGB XII", "Anlage")) if key in cited]
    assert stating, list(cited)
    source = cited[stating[0]]
    assert "2026" in a.text  # the table's "gültig ab" line precedes its rows
    assert any("563" in line for line in a.text.split("\n"))
    assert f"[{source.number}]" in a.text
    assert any("563" in h for h in source.highlights)
    assert source.stand and source.passage and source.citation in ("§ 2 RBSFV 2026", "Anlage SGB XII")
    assert a.checks.ok and a.checks.uncited_statements == 0


def test_weather_is_refused(retriever) -> None:
    a = answer("Wie wird das Wetter morgen in Heppenheim?", "citizen", retriever=retriever)
    assert a.mode is AnswerMode.REFUSED and not a.sources
    assert "Jobcenter vor Ort" in a.text
    staff = answer("Wie wird das Wetter morgen in Heppenheim?", "staff", retriever=retriever)
    assert staff.refused and "Fachaufsicht" in staff.text


def test_internal_guideline_never_reaches_citizens(retriever) -> None:
    question = "Was steht in der internen KdU-Richtlinie des Beispielkreises zur Mietobergrenze für eine Person?"
    staff = answer(question, "staff", retriever=retriever)
    assert any(s.visibility == "internal" for s in staff.sources)  # the content exists and staff get it
    assert "487,50" in staff.text
    citizen = answer(question, "citizen", retriever=retriever)
    assert all(s.visibility == "public" for s in citizen.sources)
    assert "487,50" not in citizen.text and "Beispielkreis" not in citizen.text


def test_stream_without_model_is_one_complete_answer(retriever) -> None:
    parts = list(answer_stream("Wie lange darf ich ohne Zustimmung verreisen?", "citizen", retriever=retriever,
                               settings=_search_only(retriever)))
    assert len(parts) == 1 and parts[0].complete and parts[0].mode is AnswerMode.EXTRACTIVE
    assert parts[0].sources and "[1]" in parts[0].text


def test_foreign_language_citizen_gets_lead_in_and_german_quotes(retriever) -> None:
    a = answer("How much is the standard benefit for a single adult in 2026?", "citizen", retriever=retriever,
               settings=_search_only(retriever))
    assert a.language == "en"
    assert a.text.startswith(prompts.lead_in(Audience.CITIZEN, "en", "regelbedarf"))
    assert "[1]" in a.text


def test_follow_up_uses_history(retriever) -> None:
    history = [(REGELBEDARF_2026, "Regelbedarfsstufe 1: 563 [1]")]
    a = answer("Und für Kinder bis sechs Jahre?", "citizen", history, retriever=retriever)
    assert a.mode is AnswerMode.EXTRACTIVE
    tables = {("SGB XII", "Anlage"), ("FW § 20", "Anlage"), ("RBSFV 2026", "§ 2")}
    assert tables & {(s.doc, s.label) for s in a.sources}  # the Regelbedarf tables, found through the history
    assert "Regelbedarfsstufe 6" in a.text


def test_cli_ask_json(built_workspace, capsys) -> None:
    from assistant.cli import cmd_ask

    args = argparse.Namespace(question=REGELBEDARF_2026, audience="citizen", json=True)
    assert cmd_ask(args, built_workspace) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["mode"] in ("extractive", "curated", "computed") and "563" in out["text"]
    assert out["sources"] and all({"citation", "stand", "link"} <= s.keys() for s in out["sources"])


def test_named_paragraph_is_quoted_first(retriever) -> None:
    """Regression: "Was regelt § 11b Abs. 3 SGB II?" used to quote only a guideline Randzeichen."""
    result = answer("Was regelt § 11b Abs. 3 SGB II?", "staff", retriever=retriever)
    assert result.sources[0].citation == "§ 11b Abs. 3 SGB II"
    assert "[1]" in result.text.split("\n\n", 2)[1]
