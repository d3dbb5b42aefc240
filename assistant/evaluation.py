"""The eval command's harness: run questions, write one JSON line each, compute the figures."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import DocKind, Visibility

SECTION_RE = re.compile(r"^(§\s*\d+[a-z]*|Anlage(?:\s+\d+)?)")
SCORED_KINDS = {"answerable", "temporal"}


def section_of(label: str) -> str:
    m = SECTION_RE.match(label or "")
    return re.sub(r"\s+", " ", m.group(1)) if m else (label or "")


def matches_section(gold: dict, result: dict) -> bool:
    """Same document and section; any unit of a guideline counts (its Randzeichen have no sections)."""
    if gold["doc"] != result["doc"]:
        return False
    if not gold.get("unit") or result.get("kind") == DocKind.GUIDELINE:
        return True
    return section_of(gold["unit"]) == section_of(result["unit"])


def matches_unit(gold: dict, result: dict) -> bool:
    if gold["doc"] != result["doc"]:
        return False
    g, r = gold.get("unit", ""), result["unit"]
    if not g:
        return True
    if g == r:
        return True
    g_sec, r_sec = section_of(g), section_of(r)
    if not g_sec or g_sec != r_sec:
        return False
    # a passage covering a whole section counts for every Absatz in it, and a section-level gold
    # is met by any Absatz of that section
    return r == r_sec or g == g_sec


def first_hit_rank(golds: list[dict], results: list[dict], match: Callable[[dict, dict], bool]) -> int | None:
    for rank, result in enumerate(results, start=1):
        if any(match(g, result) for g in golds):
            return rank
    return None


@dataclass
class Figures:
    n: int = 0
    hit1: float = 0.0
    hit5: float = 0.0
    mrr: float = 0.0
    unit_hit1: float = 0.0
    unit_hit5: float = 0.0
    unit_mrr: float = 0.0


def _figures(rows: list[tuple[int | None, int | None]]) -> Figures:
    n = len(rows)
    if not n:
        return Figures()

    def agg(ranks: list[int | None]) -> tuple[float, float, float]:
        return (sum(1 for r in ranks if r == 1) / n, sum(1 for r in ranks if r and r <= 5) / n,
                sum(1 / r for r in ranks if r) / n)

    s = agg([r[0] for r in rows])
    u = agg([r[1] for r in rows])
    return Figures(n, *s, *u)


def summarize(questions: list[dict], outputs: list[dict]) -> dict:
    """Hit@1/Hit@5/MRR (section and unit level), refusal accuracy, leaks, per kind and language."""
    by_id = {o["id"]: o for o in outputs}
    scored: list[tuple[dict, tuple[int | None, int | None]]] = []
    refusals: list[bool] = []
    wrongly_refused = 0
    leaks = 0
    leak_questions: list[str] = []
    for q in questions:
        out = by_id[q["id"]]
        results = out["results"]
        if q["audience"] == "citizen":
            leaked = [r for r in results if r.get("visibility") != Visibility.PUBLIC]
            if leaked:
                leaks += len(leaked)
                leak_questions.append(q["id"])
        if q["kind"] in SCORED_KINDS:
            ranks = (first_hit_rank(q["gold"], results, matches_section),
                     first_hit_rank(q["gold"], results, matches_unit))
            scored.append((q, ranks))
            wrongly_refused += int(out["refused"])
        elif q["kind"] == "out_of_scope":
            refusals.append(bool(out["refused"]))
    per_kind: dict[str, list] = defaultdict(list)
    per_lang: dict[str, list] = defaultdict(list)
    for q, ranks in scored:
        per_kind[q["kind"]].append(ranks)
        per_lang[q.get("language", "de")].append(ranks)
    overall = _figures([r for _, r in scored])
    return {
        "overall": overall.__dict__,
        "per_kind": {k: _figures(v).__dict__ for k, v in sorted(per_kind.items())},
        "per_language": {k: _figures(v).__dict__ for k, v in sorted(per_lang.items())},
        "out_of_scope": {"n": len(refusals), "refusal_accuracy": (sum(refusals) / len(refusals)) if refusals else None},
        "answerable_refused": wrongly_refused,
        "leaks": leaks,
        "leak_questions": leak_questions,
        "misses": [
            {"id": q["id"], "question": q["question"], "section_rank": r[0],
             "top": [f"{x['doc']} {x['unit']}" for x in by_id[q["id"]]["results"][:3]]}
            for q, r in scored if r[0] != 1
        ],
    }


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_retrieval(questions: Iterable[dict], retriever, k: int = 10,
                  progress: Callable[[int], None] | None = None) -> list[dict]:
    outputs = []
    for i, q in enumerate(questions):
        result = retriever.retrieve(q["question"], q.get("audience", "citizen"), k=k)
        outputs.append({
            "id": q["id"], "audience": q.get("audience", "citizen"), "refused": not result.relevant,
            "confidence": round(result.confidence, 4),
            "results": [
                {"doc": h.unit.doc, "unit": h.unit.label, "kind": h.unit.kind, "visibility": h.unit.visibility,
                 "score": round(h.score, 4)}
                for h in result.hits
            ],
        })
        if progress:
            progress(i + 1)
    return outputs


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).lower()


def run_answers(questions: Iterable[dict], retriever, progress: Callable[[int], None] | None = None) -> list[dict]:
    """Generate an answer per question (the configured backend, extractive by default), with timings."""
    import time

    from .answering.service import answer_stream

    outputs = []
    for i, q in enumerate(questions):
        start = time.perf_counter()
        first: float | None = None
        final = None
        for final in answer_stream(q["question"], q.get("audience", "citizen"), retriever=retriever):
            if first is None and final.text:
                first = time.perf_counter() - start
        total = time.perf_counter() - start
        cited = [int(n) for n in re.findall(r"\[(\d+)\]", final.text)]
        outputs.append({
            "id": q["id"], "audience": q.get("audience", "citizen"), "refused": final.refused,
            "mode": final.mode.value, "answer": final.text,
            "sources": [{"number": s.number, "doc": s.doc, "unit": s.label, "visibility": s.visibility}
                        for s in final.sources],
            "citations": cited, "removed_citations": list(final.checks.removed_citations),
            "unsupported": list(final.checks.unsupported),
            "first_output_s": round(first if first is not None else total, 4), "total_s": round(total, 4),
        })
        if progress:
            progress(i + 1)
    return outputs


def summarize_answers(questions: list[dict], outputs: list[dict]) -> dict:
    """must_contain coverage, citation validity, unsupported-figure rate, refusal accuracy, leaks, timings."""
    by_id = {o["id"]: o for o in outputs}
    needed = found = 0
    answered = with_unsupported = 0
    citations = valid_citations = 0
    refusals: list[bool] = []
    wrongly_refused = leaks = 0
    for q in questions:
        out = by_id[q["id"]]
        shown = {s["number"] for s in out["sources"]}
        if q["audience"] == "citizen":
            leaks += sum(1 for s in out["sources"] if s["visibility"] != Visibility.PUBLIC)
        if q["kind"] == "out_of_scope":
            refusals.append(out["refused"])
            continue
        if q["kind"] not in SCORED_KINDS:
            continue
        if out["refused"]:
            wrongly_refused += 1
            continue
        answered += 1
        with_unsupported += bool(out["unsupported"])
        citations += len(out["citations"]) + len(out["removed_citations"])
        valid_citations += sum(1 for n in out["citations"] if n in shown)
        text = _normalised(out["answer"])
        for fact in q.get("must_contain", []):
            needed += 1
            found += _normalised(fact) in text
    firsts = sorted(o["first_output_s"] for o in outputs)
    totals = sorted(o["total_s"] for o in outputs)

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0.0

    return {
        "answered": answered,
        "must_contain_coverage": found / needed if needed else None,
        "citation_validity": valid_citations / citations if citations else None,
        "unsupported_rate": with_unsupported / answered if answered else None,
        "refusal_accuracy": sum(refusals) / len(refusals) if refusals else None,
        "answerable_refused": wrongly_refused,
        "leaks": leaks,
        "first_output_p50_s": pct(firsts, 50), "first_output_p95_s": pct(firsts, 95),
        "total_p50_s": pct(totals, 50), "total_p95_s": pct(totals, 95),
    }
