"""Train the learned ranker and the scope check (make train-ranker).

Reads eval/sets/train.jsonl (training) and eval/sets/validation.jsonl (number of trees, whether the
dev/extra sets help as extra training data, the scope check's regularisation and refusal threshold);
never the test split. Writes assistant/retrieval/ranker_model.txt, scope_model.json and question_memory.npz (the
train split's vectors and golds) and prints the
figures (train in-sample, validation, and the rules path on validation for comparison).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from assistant.config import get_settings  # noqa: E402
from assistant.evaluation import run_retrieval, summarize  # noqa: E402
from assistant.retrieval import training as T  # noqa: E402
from assistant.retrieval.memory import MEMORY_PATH  # noqa: E402
from assistant.retrieval.ranker import RANKER_PATH, SCOPE_PATH, SCOPE_FEATURES, ScopeModel  # noqa: E402
from assistant.retrieval.retriever import Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402

FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
STAMP = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - STAMP:6.1f} s] {msg}", flush=True)


def fmt(summary: dict) -> str:
    o = summary["overall"]
    oos = summary["out_of_scope"]
    ref = "–" if oos["refusal_accuracy"] is None else f"{oos['refusal_accuracy']:.2f}"
    return (f"n={o['n']} Hit@1 {o['hit1']:.2f} Hit@5 {o['hit5']:.2f} MRR {o['mrr']:.2f} | unit Hit@1 "
            f"{o['unit_hit1']:.2f} Hit@5 {o['unit_hit5']:.2f} | OOS refused {ref} (n={oos['n']}), answerable "
            f"refused {summary['answerable_refused']}, leaks {summary['leaks']}")


def collect_all(retriever: Retriever, cache: T.VectorCache, sets: dict[str, list[dict]]) -> dict[str, list[T.Sample]]:
    out = {}
    for name, qs in sets.items():
        log(f"features for {name} ({len(qs)} questions)")
        step = max(1, len(qs) // 5)
        out[name] = T.collect(retriever, qs, cache,
                              progress=lambda n, qs=qs: n % step == 0 and log(f"  {n}/{len(qs)}"))
    return out


def cross_fitted(samples: list[T.Sample], section_of: np.ndarray, per_section: int, rounds: int):
    """Rankings of each training question by a ranker that did not see it (for the scope check)."""
    folds = [samples[i::FOLDS] for i in range(FOLDS)]
    out: dict[int, tuple] = {}
    for f in range(FOLDS):
        rest = [s for g, fold in enumerate(folds) if g != f for s in fold]
        model, _ = T.train_ranker(rest, log=lambda m: None, rounds=rounds)
        for s, r in zip(folds[f], T.rankings(model, folds[f], section_of, per_section)):
            out[id(s)] = r
    return [out[id(s)] for s in samples]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="measure only, keep the model files")
    parser.add_argument("--skip-rules", action="store_true", help="do not measure the rules path for comparison")
    parser.add_argument("--extra", choices=["auto", "yes", "no"], default="auto",
                        help="dev.jsonl + eval/extra.jsonl as extra training data (auto: if validation gains)")
    args = parser.parse_args()

    settings = get_settings().model_copy(update={"ranker": "learned"})
    ws = Workspace(settings)
    retriever = Retriever(ws)
    per_section = settings.ranker_per_section
    sets = {"train": T.load_split("train"), "validation": T.load_split("validation"), "extra": T.extra_questions()}
    if not sets["train"]:
        log("no eval/sets/train.jsonl: training on dev.jsonl + eval/extra.jsonl only")
        sets["train"], sets["extra"] = sets["extra"], []
    cache = T.VectorCache(ws.embedder)
    # the question memory of the training split (its questions are analysed without their own origin group)
    memory = T.memory_of(retriever, sets["train"], cache)
    retriever.use_memory(memory)
    log(f"question memory: {len(memory.items)} training questions")
    samples = collect_all(retriever, cache, sets)
    train, valid, extra = samples["train"], samples["validation"], samples["extra"]
    section_of = retriever._section_of

    def recall(ss: list[T.Sample]) -> float:
        scored = [s for s in ss if s.question["kind"] in T.SCORED_KINDS and s.question.get("gold")]
        return sum(bool(s.labels.any()) for s in scored) / max(len(scored), 1)

    log(f"candidate recall (a gold section among the candidates): train {recall(train):.2f}, "
        f"validation {recall(valid):.2f}")

    # ranker: with or without the dev/extra questions as extra training data, chosen on validation
    variants = {"train": train}
    if extra and args.extra in ("auto", "yes"):
        variants["train+extra"] = train + extra
    if args.extra == "yes":
        variants.pop("train", None)
    best_name, best_key, best_model, best_rounds = "", (-1.0,), "", 0
    for name, data in variants.items():
        log(f"training ranker on {name}")
        model, rounds = T.train_ranker(data, log=log)
        s = T.figures(retriever, valid, T.rankings(model, valid, section_of, per_section))
        log(f"  validation: {fmt(s)}")
        o = s["overall"]
        key = (o["hit1"] + o["hit5"] + o["mrr"], o["unit_hit1"])
        if key > best_key:
            best_name, best_key, best_model, best_rounds = name, key, model, rounds
    fit_set = variants[best_name]
    log(f"ranker kept: trained on {best_name}")

    # scope check: evidence of cross-fitted rankings on the training questions, threshold on validation
    log("cross-fitted rankings for the scope check")
    oof = cross_fitted(fit_set, section_of, per_section, best_rounds)
    Xs, texts, ys = T.scope_rows(retriever, fit_set, oof)
    valid_ranked = T.rankings(best_model, valid, section_of, per_section)
    Xv, texts_v, yv = T.scope_rows(retriever, valid, valid_ranked)
    log(f"scope check: {int(ys.sum())} out-of-scope / {len(ys)} training questions, "
        f"{int(yv.sum())} / {len(yv)} validation")
    best_scope, best_score = None, (-1.0,)
    for c in C_GRID:
        for bow_weight in (0.0, 1.0, 2.0):
            lin = T.fit_linear(Xs, texts, ys, c, bow_weight=bow_weight)
            p = np.array([ScopeModel(lin, 0.5, {}).p_out_of_scope(x, t) for x, t in zip(Xv, texts_v)])
            thr = T.choose_threshold(p[yv == 0], p[yv == 1])
            refused_oos = float((p[yv == 1] >= thr).mean()) if (yv == 1).any() else 0.0
            refused_ans = float((p[yv == 0] >= thr).mean()) if (yv == 0).any() else 0.0
            score = (refused_oos - refused_ans, -abs(np.log10(c)))
            log(f"  C={c:<4} words×{bow_weight}: OOS refused {refused_oos:.2f}, answerable refused "
                f"{refused_ans:.2f} at threshold {thr:.3f}")
            if score > best_score:
                best_score, best_scope = score, (lin, thr, c, bow_weight)
    lin, thr, c, bow_weight = best_scope
    oos_questions = [s.question for s in fit_set if s.question["kind"] == "out_of_scope" and s.question.get("office")]
    offices = T.office_models([q["question"] for q in oos_questions], [q["office"] for q in oos_questions])
    scope = ScopeModel(lin, thr, offices)
    log(f"scope check kept: C={c}, words×{bow_weight}, threshold {thr:.3f}; offices: {sorted(offices)}")
    office_valid = [s.question for s in valid if s.question["kind"] == "out_of_scope" and s.question.get("office")]
    if office_valid:
        right = sum((scope.office(q["question"]) or "none") == q["office"] for q in office_valid)
        log(f"office on validation: {right}/{len(office_valid)} right")

    train_ranked = T.rankings(best_model, train, section_of, per_section)
    log(f"train (in-sample): {fmt(T.figures(retriever, train, train_ranked, T.refusals(retriever, scope, train, train_ranked)))}")
    learned_valid = T.figures(retriever, valid, valid_ranked, T.refusals(retriever, scope, valid, valid_ranked))
    log(f"validation, learned: {fmt(learned_valid)}")
    for ps in (0, 1, 3):
        alt = T.rankings(best_model, valid, section_of, ps)
        log(f"  (per_section={ps}: {fmt(T.figures(retriever, valid, alt))})")
    rules_valid = {"overall": {}}
    if not args.skip_rules:
        rules = Retriever(Workspace(settings.model_copy(update={"ranker": "rules"})))
        rules_valid = summarize(sets["validation"], run_retrieval(sets["validation"], rules))
        log(f"validation, rules:   {fmt(rules_valid)}")

    if not args.no_write:
        RANKER_PATH.write_text(best_model, encoding="utf-8")
        T.write_json(SCOPE_PATH, scope.to_json())
        memory.to_file(MEMORY_PATH)
        log(f"wrote {RANKER_PATH.name} ({RANKER_PATH.stat().st_size // 1024} KB), "
            f"{SCOPE_PATH.name} ({SCOPE_PATH.stat().st_size // 1024} KB), "
            f"{MEMORY_PATH.name} ({MEMORY_PATH.stat().st_size // 1024} KB)")
    report = {"ranker_trained_on": best_name, "scope": {"C": c, "words": bow_weight, "threshold": thr},
              "validation_learned": learned_valid["overall"], "validation_rules": rules_valid["overall"],
              "scope_features": list(SCOPE_FEATURES)}
    Path("/tmp/jca-train-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
