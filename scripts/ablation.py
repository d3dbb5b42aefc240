"""Ablation of the learned ranker: each feature group removed in turn → validation Hit@1 / Hit@5.

Trains on the same data as scripts/train_ranker.py (train split, plus dev/extra with --extra yes) and
scores the validation split only; prints a Markdown table. The rules path (JCA_RANKER=rules) is the
last row for comparison.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import get_settings  # noqa: E402
from assistant.evaluation import run_retrieval, summarize  # noqa: E402
from assistant.retrieval import training as T  # noqa: E402
from assistant.retrieval.features import FEATURE_GROUPS  # noqa: E402
from assistant.retrieval.retriever import Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", choices=["yes", "no"], default="yes",
                        help="dev.jsonl + eval/extra.jsonl as extra training data (as the shipped model)")
    args = parser.parse_args()
    settings = get_settings().model_copy(update={"ranker": "learned"})
    ws = Workspace(settings)
    retriever = Retriever(ws)
    cache = T.VectorCache(ws.embedder)
    print("features …", file=sys.stderr, flush=True)
    train = T.collect(retriever, T.load_split("train"), cache)
    if args.extra == "yes":
        train += T.collect(retriever, T.extra_questions(), cache)
    valid_questions = T.load_split("validation")
    valid = T.collect(retriever, valid_questions, cache)
    per_section = settings.ranker_per_section
    section_of = retriever._section_of

    rows = []
    for drop in ((), *((g,) for g in FEATURE_GROUPS)):
        print(f"training without {drop or 'nothing'} …", file=sys.stderr, flush=True)
        model, trees = T.train_ranker(train, drop=drop, log=lambda m: None)
        s = T.figures(retriever, valid, T.rankings(model, valid, section_of, per_section, drop=drop))["overall"]
        rows.append((f"− {drop[0]}" if drop else "all features", s, trees))
    rules = Retriever(Workspace(settings.model_copy(update={"ranker": "rules"})))
    s = summarize(valid_questions, run_retrieval(valid_questions, rules))["overall"]
    rows.append(("rules (RankingParams, no model)", s, 0))

    print(f"\nValidation split ({rows[0][1]['n']} scored questions), ranker trained on "
          f"train{' + dev + extra' if args.extra == 'yes' else ''}:\n")
    print("| features | Hit@1 | Hit@5 | MRR | unit Hit@1 | trees |")
    print("|---|---|---|---|---|---|")
    for name, s, trees in rows:
        print(f"| {name} | {s['hit1']:.2f} | {s['hit5']:.2f} | {s['mrr']:.2f} | {s['unit_hit1']:.2f} | {trees or '–'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
