"""The eval harness: metrics on fixed outputs, and answers generated for real on a few dev questions."""

from __future__ import annotations

import re

from assistant.evaluation import load_questions, run_answers, summarize, summarize_answers
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace
from conftest import DEV_SET

QUESTIONS = [
    {"id": "a", "question": "…", "audience": "citizen", "kind": "answerable", "language": "de",
     "gold": [{"doc": "SGB II", "unit": "§ 22 Abs. 1"}], "must_contain": ["sechs Monate"]},
    {"id": "b", "question": "…", "audience": "citizen", "kind": "out_of_scope", "language": "de",
     "gold": [], "must_contain": []},
]


def test_retrieval_metrics_on_fixed_outputs() -> None:
    outputs = [
        {"id": "a", "refused": False, "results": [
            {"doc": "SGB XII", "unit": "§ 35 Abs. 1", "visibility": "public"},
            {"doc": "SGB II", "unit": "§ 22 Abs. 3", "visibility": "public"},
            {"doc": "KdU", "unit": "x", "visibility": "internal"}]},
        {"id": "b", "refused": True, "results": []},
    ]
    s = summarize(QUESTIONS, outputs)
    assert s["overall"]["hit1"] == 0 and s["overall"]["hit5"] == 1 and s["overall"]["mrr"] == 0.5
    assert s["overall"]["unit_hit5"] == 0
    assert s["out_of_scope"]["refusal_accuracy"] == 1.0
    assert s["leaks"] == 1


def test_answer_metrics_on_fixed_outputs() -> None:
    outputs = [
        {"id": "a", "refused": False, "answer": "Höchstens für sechs  Monate [1]. Mehr [3].",
         "sources": [{"number": 1, "visibility": "public"}, {"number": 2, "visibility": "public"}],
         "citations": [1, 3], "removed_citations": [], "unsupported": ["600 Euro"],
         "first_output_s": 0.1, "total_s": 0.2},
        {"id": "b", "refused": False, "answer": "x", "sources": [], "citations": [], "removed_citations": [],
         "unsupported": [], "first_output_s": 0.1, "total_s": 0.3},
    ]
    s = summarize_answers(QUESTIONS, outputs)
    assert s["must_contain_coverage"] == 1.0
    assert s["citation_validity"] == 0.5
    assert s["unsupported_rate"] == 1.0
    assert s["refusal_accuracy"] == 0.0


def test_answers_are_generated_and_scored_on_dev_questions(built_workspace: Workspace) -> None:
    questions = [q for q in load_questions(DEV_SET) if q["id"] in {"d06", "d22", "d26"}]
    outputs = run_answers(questions, Retriever(built_workspace))
    by_id = {o["id"]: o for o in outputs}
    assert not by_id["d06"]["refused"] and re.search(r"\bein(em)? Jahr", by_id["d06"]["answer"])
    assert by_id["d06"]["citations"] and by_id["d06"]["mode"] in ("extractive", "curated")
    s = summarize_answers(questions, outputs)
    assert s["leaks"] == 0 and s["citation_validity"] == 1.0
