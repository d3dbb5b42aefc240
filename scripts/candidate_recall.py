"""Candidate recall per source (issue 10): where do the gold sections of the questions enter the pool?

For each scored question of the given splits (train / validation; never test): is a gold section among
the top N units of each source (exact references, BM25 expanded, BM25 plain, section titles, dense, the
law units linked from guideline candidates) and among the pool the ranker sees, at several N; and where
the union misses, which source comes closest (the gold's best rank per source).

    python scripts/candidate_recall.py validation train [--sizes 30,100,200,400] [--misses]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from assistant.config import get_settings  # noqa: E402
from assistant.evaluation import SCORED_KINDS, matches_section  # noqa: E402
from assistant.model import Audience  # noqa: E402
from assistant.retrieval import training as T  # noqa: E402
from assistant.retrieval.features import dense_text, query_info  # noqa: E402
from assistant.retrieval.ranker import order_candidates  # noqa: E402
from assistant.retrieval.retriever import Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402


def gold_mask(retriever: Retriever, golds: list[dict]) -> np.ndarray:
    units = retriever.units
    return np.array([any(matches_section(g, {"doc": su.unit.doc, "unit": su.unit.label, "kind": su.kind})
                         for g in golds) for su in units], dtype=bool)


def best_rank(scores: np.ndarray, gold: np.ndarray) -> int | None:
    """1-based rank of the best-scored gold unit among the positive scores (None: no positive gold)."""
    g = scores[gold]
    if not len(g) or g.max() <= 0:
        return None
    return int((scores > g.max()).sum()) + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="+")
    parser.add_argument("--sizes", default="10,30,60,100,200,400")
    parser.add_argument("--misses", action="store_true", help="list the questions whose gold is not in the pool")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    settings = get_settings().model_copy(update={"ranker": "learned"})
    ws = Workspace(settings)
    retriever = Retriever(ws)
    cache = T.VectorCache(ws.embedder)
    for split in args.splits:
        questions = [q for q in T.load_split(split) if q["kind"] in SCORED_KINDS and q.get("gold")]
        rows = []
        for q in questions:
            audience = Audience.coerce(q.get("audience", "citizen"))
            analyzer = retriever.analyzer_for(audience)
            text = q["question"][: settings.max_question_chars]
            info = query_info(text, analyzer.lexical)
            vector = cache.get(dense_text(info))
            analysis = retriever.analyse(text, audience, vector=vector)
            gold = gold_mask(retriever, q["gold"])
            allowed = retriever._allowed(audience, None)
            title_units = analyzer.titles.scores(info.expanded)[retriever._section_of] * allowed
            sources = {
                "bm25": best_rank(analysis.bm25, gold),
                "bm25_raw": best_rank(analysis.bm25_raw, gold),
                "dense": best_rank(analysis.dense, gold),
                "title(unit)": best_rank(title_units, gold),
            }
            exact = bool(gold[analysis.exact_first].any()) if analysis.exact_first else False
            in_pool = bool(gold[analysis.candidates].any())
            ranked, _ = retriever.rank(analysis)
            final = next((r + 1 for r, i in enumerate(ranked) if gold[i]), None)
            rows.append((q, sources, exact, in_pool, final, len(analysis.candidates)))
        n = len(rows)
        print(f"== {split}: {n} scored questions, pool size mean {np.mean([r[5] for r in rows]):.0f}")
        header = "source".ljust(14) + "".join(f"@{s:<6}" for s in sizes)
        print(header)
        for name in rows[0][1]:
            line = name.ljust(14)
            for s in sizes:
                line += f"{sum(1 for r in rows if r[1][name] and r[1][name] <= s) / n:<7.2f}"
            print(line)
        for s in sizes:
            pass
        union = {s: sum(1 for r in rows if any(v and v <= s for v in r[1].values())) / n for s in sizes}
        print("any source".ljust(14) + "".join(f"{union[s]:<7.2f}" for s in sizes))
        print(f"exact references: {sum(r[2] for r in rows) / n:.2f}; pool (ranker's candidates): "
              f"{sum(r[3] for r in rows) / n:.2f}; final Hit@5 {sum(1 for r in rows if r[4] and r[4] <= 5) / n:.2f}, "
              f"Hit@10 {sum(1 for r in rows if r[4] and r[4] <= 10) / n:.2f}, Hit@1 {sum(1 for r in rows if r[4] == 1) / n:.2f}")
        if args.misses:
            for q, src, exact, in_pool, final, _ in rows:
                if not final or final > 5:
                    ranks = " ".join(f"{k}={v}" for k, v in src.items())
                    golds = "; ".join(f"{g['doc']} {g.get('unit', '')}" for g in q["gold"])
                    print(f"  {q['id']} pool={int(in_pool)} final={final} {ranks} | {golds} | {q['question'][:90]}")
    cache.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
