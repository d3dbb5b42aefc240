"""Retrieval on the real index: references, audiences, relevance floor, and dev-set quality floors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.evaluation import load_questions, matches_section, matches_unit, run_retrieval, summarize
from assistant.model import Audience, Visibility
from assistant.retrieval.references import Reference, find_references
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace
from conftest import DEV_SET

# Floors set from the measurement on the dev set (Hit@1 0.79, Hit@5 0.91, MRR 0.83 when written);
# a regression below them fails the build.
HIT1_FLOOR = 0.72
HIT5_FLOOR = 0.86
MRR_FLOOR = 0.76


@pytest.fixture(scope="module")
def retriever(built_workspace: Workspace) -> Retriever:
    return Retriever(built_workspace)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Was regelt § 22 Abs. 1 SGB II?", [Reference("SGB II", "§ 22 Abs. 1", "§ 22")]),
        ("§ 7 Absatz 4a Satz 1 SGB II", [Reference("SGB II", "§ 7 Abs. 4a", "§ 7")]),
        ("§§ 11, 11a und 11b SGB II", [Reference("SGB II", "§ 11", "§ 11"), Reference("SGB II", "§ 11a", "§ 11a"),
                                        Reference("SGB II", "§ 11b", "§ 11b")]),
        ("Anlage zu § 28 SGB XII", [Reference("SGB XII", "Anlage", "Anlage")]),
        ("FW § 21 Rz. 21.27", [Reference("FW § 21", "Rz. 21.27", "")]),
        ("§ 45 Abs. 2 SGB X", [Reference("SGB X", "§ 45 Abs. 2", "§ 45")]),
    ],
)
def test_reference_parsing(text: str, expected: list[Reference]) -> None:
    assert find_references(text) == expected


@pytest.mark.parametrize(
    ("question", "doc", "label"),
    [
        ("Was steht in § 11b Abs. 3 SGB II?", "SGB II", "§ 11b Abs. 3"),
        ("Rz. 21.27", "FW § 21", "Rz. 21.27"),
        ("Anlage zu § 28 SGB XII", "SGB XII", "Anlage"),
        ("§ 60 SGB I", "SGB I", "§ 60 Abs. 1"),
    ],
)
def test_exact_references_rank_first(retriever: Retriever, question: str, doc: str, label: str) -> None:
    top = retriever.retrieve(question, Audience.STAFF).hits[0]
    assert (top.unit.doc, top.unit.label) == (doc, label)
    assert top.exact


@pytest.mark.parametrize(
    "question",
    [
        "Wie hoch ist die Mietobergrenze Beispielkreis für eine Person?",
        "Gib mir die internen Mietobergrenzen des Kreises",
        "KdU-Richtlinie Beispielkreis Heizkosten-Richtwerte",
    ],
)
def test_citizens_never_receive_internal_units(retriever: Retriever, question: str) -> None:
    staff = retriever.retrieve(question, Audience.STAFF, k=10).hits
    assert any(h.unit.visibility == Visibility.INTERNAL for h in staff), "staff should find the internal guideline"
    citizen = retriever.retrieve(question, Audience.CITIZEN, k=50).hits
    assert citizen and all(h.unit.visibility == Visibility.PUBLIC for h in citizen)


@pytest.fixture(scope="module")
def rules_retriever(built_workspace: Workspace) -> Retriever:
    """The hand-set path (JCA_RANKER=rules): priors, relevance floor and scope list, kept for comparison."""
    settings = built_workspace.settings.model_copy(update={"ranker": "rules"})
    ws = Workspace(settings)
    return Retriever(ws)


def test_relevance_floor_tells_unrelated_questions_apart(retriever: Retriever) -> None:
    assert retriever.retrieve("Wie wird das Wetter morgen in Heppenheim?", Audience.CITIZEN).relevant is False
    assert retriever.retrieve("Wie lange dauert die Karenzzeit beim Vermögen?", Audience.CITIZEN).relevant is True


def test_rules_path_relevance_floor(rules_retriever: Retriever) -> None:
    # a dev-set question the hand-set floor was tuned on; the trained scope check answers it (see README)
    assert rules_retriever.retrieve("Was kostet das Deutschlandticket im Monat?", Audience.CITIZEN).relevant is False
    assert rules_retriever.retrieve("Wie lange dauert die Karenzzeit beim Vermögen?", Audience.CITIZEN).relevant is True


def test_amount_question_finds_the_table_row(retriever: Retriever) -> None:
    hits = retriever.retrieve("Wie hoch ist der Regelbedarf für eine alleinstehende Person im Jahr 2026?",
                              Audience.CITIZEN, k=5).hits
    assert any("563" in h.unit.unit.text for h in hits[:3])


def test_law_ranks_before_guidelines_for_everyday_question(retriever: Retriever) -> None:
    hits = retriever.retrieve("Wie viel Erspartes darf ich behalten?", Audience.CITIZEN, k=5).hits
    assert hits[0].unit.doc == "SGB II" and hits[0].unit.section == "§ 12"


def test_matching_rules() -> None:
    assert matches_section({"doc": "SGB II", "unit": "§ 22"}, {"doc": "SGB II", "unit": "§ 22 Abs. 1"})
    assert not matches_section({"doc": "SGB II", "unit": "§ 22"}, {"doc": "SGB XII", "unit": "§ 22 Abs. 1"})
    assert matches_section({"doc": "FW § 21", "unit": "Rz. 21.12"}, {"doc": "FW § 21", "unit": "Rz. 21.3", "kind": "guideline"})
    assert matches_unit({"doc": "SGB II", "unit": "§ 22 Abs. 1"}, {"doc": "SGB II", "unit": "§ 22 Abs. 1"})
    assert not matches_unit({"doc": "SGB II", "unit": "§ 22 Abs. 1"}, {"doc": "SGB II", "unit": "§ 22 Abs. 3"})
    assert matches_unit({"doc": "SGB II", "unit": "§ 22 Abs. 3"}, {"doc": "SGB II", "unit": "§ 31b"}) is False
    assert matches_unit({"doc": "SGB II", "unit": "§ 7a Abs. 1"}, {"doc": "SGB II", "unit": "§ 7a"})


def test_dev_set_quality_floors(retriever: Retriever) -> None:
    questions = load_questions(DEV_SET)
    summary = summarize(questions, run_retrieval(questions, retriever))
    overall = summary["overall"]
    assert summary["leaks"] == 0
    assert overall["hit5"] >= HIT5_FLOOR, overall
    assert overall["hit1"] >= HIT1_FLOOR, overall
    assert overall["mrr"] >= MRR_FLOOR, overall


def test_cli_search_and_eval(built_workspace: Workspace, tmp_path) -> None:
    env = {**os.environ, "JCA_INDEX_DIR": str(built_workspace.settings.index_dir)}
    out = subprocess.run([sys.executable, "-m", "assistant", "search", "Mietschulden Darlehen", "--json",
                          "--audience", "citizen", "--k", "3"], capture_output=True, text=True, env=env,
                         check=True, timeout=120)
    data = json.loads(out.stdout)
    assert len(data["results"]) == 3 and all(r["visibility"] == "public" for r in data["results"])
    results = tmp_path / "results.jsonl"
    subprocess.run([sys.executable, "-m", "assistant", "eval", str(DEV_SET), "--output", str(results)],
                   capture_output=True, text=True, env=env, check=True, timeout=300)
    lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(load_questions(DEV_SET))
    assert {"id", "audience", "refused", "results"} <= set(lines[0])
    assert len(lines[0]["results"]) == 10


@pytest.mark.parametrize(
    ("question", "relevant"),
    [
        ("Wie viel Kindergeld bekomme ich für mein erstes Kind?", False),
        ("Wird das Kindergeld beim Bürgergeld als Einkommen angerechnet?", True),
        ("Was gilt als Einkommen bei Wohngeld?", False),
        ("Muss ich vorrangige Leistungen wie Wohngeld beantragen?", True),
        ("Wird Mehrbedarf für aufwändige Ernährung auch rückwirkend gezahlt?", True),  # "gez…" is no GEZ
        # a Widerspruch against the Jobcenter's Bescheid that names Kindergeld (fresh review 20b, n = 7)
        ("Im Bescheid ist Kindergeld doppelt angerechnet, bis wann kann ich Widerspruch einlegen?", True),
    ],
)
def test_rules_path_scope_list(rules_retriever: Retriever, question: str, relevant: bool) -> None:
    """The hand scope list with its anchors (rules path only)."""
    assert rules_retriever.retrieve(question, Audience.CITIZEN).relevant is relevant


@pytest.mark.parametrize(
    ("question", "relevant"),
    [
        ("Wie viel Kindergeld bekomme ich für mein erstes Kind?", False),
        ("Wird das Kindergeld beim Bürgergeld als Einkommen angerechnet?", True),
        ("Was gilt als Einkommen bei Wohngeld?", False),
        ("Wird Mehrbedarf für aufwändige Ernährung auch rückwirkend gezahlt?", True),
        ("Im Bescheid ist Kindergeld doppelt angerechnet, bis wann kann ich Widerspruch einlegen?", True),
    ],
)
def test_trained_scope_check_on_neighbouring_topics(retriever: Retriever, question: str, relevant: bool) -> None:
    assert retriever.retrieve(question, Audience.CITIZEN).relevant is relevant
