"""The search-based answer, cleaned: on the real units of the default corpus (the session index).

No heading as a statement, no sentence twice, table rows as "Stufe – Betrag", SGB XII / SGB III only where
SGB II refers to them, an expired rule marked, the sentence of a named Absatz that the question asks about,
and for citizens a lead-in and a next step per topic in their language.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant import i18n
from assistant.answering import prompts
from assistant.answering.checks import statements
from assistant.answering.extractive import extract, split_passage, topic_of
from assistant.answering.sentences import expired_until, is_heading, referenced_laws
from assistant.catalog import StoredUnit


@pytest.fixture(scope="module")
def units(built_workspace) -> dict[tuple[str, str], StoredUnit]:
    return {(su.unit.doc, su.unit.label): su for su in built_workspace.catalog.active_units()}


def _quoted(text: str) -> list[str]:
    """The statements of an answer without their [n] and without the lead-in and the next step."""
    body = [s for s in statements(text) if re.search(r"\[\d+\]", s)]
    return [re.sub(r"\s*\[\d+\]", "", s).strip() for s in body]


# --- 1. headings ---------------------------------------------------------------------------------


def test_numbered_heading_is_no_statement(units) -> None:
    su = units[("FW § 11-11b", "Rz. 11.65")]
    assert "4.4 Sonstiges Einkommen" in su.unit.text
    headings = [p for p in split_passage(su.unit.text) if p.heading]
    assert any(p.text == "4.4 Sonstiges Einkommen" for p in headings)
    ex = extract("Was zählt als sonstiges Einkommen?", [su], "staff")
    assert ex.units and "4.4 Sonstiges Einkommen" not in ex.text


def test_heading_detection_keeps_statements() -> None:
    assert is_heading("4.4 Sonstiges Einkommen")
    assert is_heading("Anrechnung von Kindergeld")
    assert not is_heading("Dieser beläuft sich")  # a list's lead-in has its verb
    assert not is_heading("Der Regelbedarf wird anerkannt.")


# --- 2. no sentence twice ------------------------------------------------------------------------


def test_law_and_guideline_quoting_it_give_the_sentence_once(units) -> None:
    law, quote = units[("SGB II", "§ 10 Abs. 1")], units[("FW § 10", "Gesetzestext")]
    ex = extract("Welche Arbeit ist zumutbar und wann nicht?", [law, quote, law], "staff")
    quoted = [re.sub(r"\W+", " ", s).strip().lower() for s in _quoted(ex.text)]
    assert quoted and len(quoted) == len(set(quoted)), ex.text
    assert "Einer erwerbsfähigen leistungsberechtigten Person ist jede Arbeit zumutbar" in ex.text


# --- 3. table rows -------------------------------------------------------------------------------


def test_tier_table_reads_as_tier_and_percentage(units) -> None:
    su = units[("FW § 11-11b", "Rz. 11.157")]
    ex = extract("Welche Bruttoteilbetragsstufen gelten beim Erwerbstätigenfreibetrag?", [su], "staff")
    assert "100,01 Euro – 520,00 Euro: 20 Prozent" in ex.text
    assert "520,01 Euro – 1.000,00 Euro: 30 Prozent" in ex.text
    assert "1.000,01 Euro – 1.500,00 Euro (mit minderj. Kind): 10 Prozent" in ex.text
    assert "²" not in ex.text and "20 Prozent: 30 Prozent" not in ex.text


def test_regelbedarf_table_reads_as_stufe_and_amount(units) -> None:
    su = units[("RBSFV 2026", "§ 2")]
    ex = extract("Wie hoch sind die Regelbedarfsstufen 2026?", [su], "citizen")
    block = next(b for b in ex.text.split("\n\n") if "Regelbedarfsstufe 1 – 563" in b)
    assert "gültig ab 1. Januar 2026:" in block and "Regelbedarfsstufe 6 – 357" in block
    assert block.endswith("[1]") and "; Regelbedarfsstufe" not in ex.text


# --- 4. SGB XII / SGB III only where SGB II refers to them ---------------------------------------


def test_sgb_xii_quoted_only_with_the_sgb_ii_reference(units) -> None:
    xii = units[("SGB XII", "§ 27a Abs. 1")]
    unrelated = units[("SGB II", "§ 20 Abs. 2")]
    assert not referenced_laws(unrelated.unit.text)
    question = "Was gehört zum notwendigen Lebensunterhalt?"
    ex = extract(question, [xii, unrelated], "citizen")
    assert all(su.unit.doc != "SGB XII" for su in ex.units), ex.text
    named = extract(question + " nach dem SGB XII", [xii, unrelated], "citizen")
    assert any(su.unit.doc == "SGB XII" for su in named.units)
    referring = units[("SGB II", "§ 20 Abs. 1a")]
    assert "Zwölften Buches" in referring.unit.text
    with_ref = extract("Wie hoch ist der Regelbedarf?", [units[("SGB XII", "Anlage")], referring], "citizen")
    docs = [su.unit.doc for su in with_ref.units]
    assert "SGB XII" in docs and "SGB II" in docs  # the reference is quoted with it


# --- 5. a rule with an end date ------------------------------------------------------------------


def test_expired_heating_bill_rule_is_marked(units) -> None:
    su = units[("SGB II", "§ 37 Abs. 2")]
    pieces = split_passage(su.unit.text, date(2026, 1, 15))
    heating = next(p for p in pieces if "Heizenergiekosten" in p.text)
    limiting = next(p for p in pieces if p.text.startswith("Satz 3 gilt nur"))
    assert heating.expired == date(2023, 12, 31) and limiting.limiting
    ex = extract("Wirkt der Antrag bei einer Heizkostenabrechnung auf den Fälligkeitsmonat zurück?", [su],
                 "citizen", today=date(2026, 1, 15))
    assert "Satz 3 gilt nur" not in ex.text
    if "Heizenergiekosten" in ex.text:
        line = next(b for b in ex.text.split("\n\n") if "Heizenergiekosten" in b)
        assert "(galt nur bis 31.12.2023)" in line
    before = split_passage(su.unit.text, date(2023, 6, 1))
    assert all(p.expired is None for p in before)  # still in force then


def test_dates_that_limit_nothing_are_not_end_dates() -> None:
    today = date(2026, 1, 1)
    assert expired_until("Satz 3 gilt nur für Anträge, die bis zum 31. Dezember 2023 gestellt werden.", today)
    assert expired_until("§ 3 in der bis zum 31. Dezember 2022 geltenden Fassung gilt weiter.", today) is None
    assert expired_until("Für nach dem 01.01.1952 bis 31.12.1963 Geborene gilt die Anhebung.", today) is None
    assert expired_until("Die Regelungen sind nur noch bis 31.12.2027 gültig.", today) is None


# --- 6. the sentence of a named Absatz that the question asks about -------------------------------


@pytest.mark.parametrize("question", [
    "Was gilt nach § 11b Abs. 3 SGB II für Eltern?",
    "Welcher Freibetrag nach § 11b Abs. 3 gilt, wenn meine Tochter bei mir wohnt?",
])
def test_named_absatz_gives_the_sentence_the_question_asks_about(units, question: str) -> None:
    su = units[("SGB II", "§ 11b Abs. 3")]
    others = [units[("SGB II", "§ 11b Abs. 2")], units[("SGB II", "§ 21 Abs. 3")]]
    ex = extract(question, [su, *others], "citizen", pinned=1)
    assert "Betrag von 1 500 Euro" in ex.text, ex.text
    assert "ein weiterer Betrag abzusetzen" in ex.text  # the defining first sentence stays


# --- 7. lead-in and next step per topic, in the citizen's language ---------------------------------


def test_topics_from_the_cited_sections(units) -> None:
    assert topic_of([units[("SGB II", "§ 11b Abs. 3")]]) == "einkommen"
    assert topic_of([units[("SGB II", "§ 12 Abs. 2")]]) == "vermoegen"
    assert topic_of([units[("SGB II", "§ 22 Abs. 1")]]) == "unterkunft"
    assert topic_of([units[("RBSFV 2026", "§ 2")]]) == "regelbedarf"
    assert topic_of([units[("FW § 21", "Rz. 21.8")]]) == "mehrbedarf"
    assert topic_of([units[("SGB II", "§ 31a Abs. 1")]]) == "leistungsminderung"
    assert topic_of([units[("SGB II", "§ 37 Abs. 1")]]) == "antrag"
    assert topic_of([units[("SGB II", "§ 28 Abs. 2")]]) == "bildung"
    assert topic_of([units[("SGB I", "§ 60 Abs. 1")]]) == "pflichten"


@pytest.mark.parametrize("language", ["de", "ar", "uk"])
def test_citizen_gets_topic_lead_in_and_next_step(units, language: str) -> None:
    su = units[("SGB II", "§ 22 Abs. 1")]
    ex = extract("Miete Heizung angemessen", [su], "citizen", language)
    assert ex.text.startswith(i18n.text("topic.unterkunft.lead_in", language))
    step = prompts.next_step_text("unterkunft", language)
    assert ex.text.endswith(step) and i18n.text("label.next_steps", language) in step
    staff = extract("Miete Heizung angemessen", [su], "staff")
    assert i18n.text("label.next_steps", "de") not in staff.text
    assert staff.text.startswith(prompts.lead_in("staff", "de"))


def test_nothing_to_quote_in_the_citizens_language(units) -> None:
    ex = extract("Was gilt?", [units[("SGB XII", "§ 27a Abs. 1")]], "citizen", "en")
    assert ex.text == prompts.no_sentence_text("en") and not ex.units


def test_every_topic_text_in_every_language_without_figures() -> None:
    for topic in prompts.TOPICS:
        for part in ("lead_in", "next_step"):
            texts = i18n.MESSAGES[f"topic.{topic}.{part}"]
            assert set(texts) == set(i18n.LANGUAGES), (topic, part)
            for lang, text in texts.items():
                assert not re.search(r"\d", text), (topic, part, lang)
                if part == "lead_in":
                    assert text.rstrip().endswith(":"), (topic, lang)  # introduces quotations, no statement
