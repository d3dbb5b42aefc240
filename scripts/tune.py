"""Compare ranking configurations on a question set (development tool, not a test).

Usage: JCA_INDEX_DIR=… python scripts/tune.py ../shared/eval/dev.jsonl
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import load_questions, run_retrieval, summarize  # noqa: E402
from assistant.retrieval.retriever import RankingParams, Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402


def main() -> None:
    questions = load_questions(Path(sys.argv[1]))
    ws = Workspace()
    embed = ws.embedder.embed_query
    ws.embedder.embed_query = lru_cache(maxsize=None)(embed)  # same query text → same vector
    base = RankingParams()
    variants = {
        "default": base,
        "dense only": replace(base, lexical_weight=0.0),
        "bm25 only": replace(base, dense_weight=0.0),
        "no doc priors": replace(base, doc_factors=MappingProxyType({})),
        "lex 0.4": replace(base, lexical_weight=0.4),
        "lex 0.8": replace(base, lexical_weight=0.8),
        "lex 1.0": replace(base, lexical_weight=1.0),
        "rrf k 60": replace(base, rrf_k=60.0),
        "rrf k 5": replace(base, rrf_k=5.0),
        "no dense expansion": replace(base, expand_dense=False),
        "table 1.0": replace(base, table_boost=1.0),
        "table 1.6": replace(base, table_boost=1.6),
        "table 2.0": replace(base, table_boost=2.0),
        "per section 1": replace(base, per_section=1),
        "per section 3": replace(base, per_section=3),
        "per section 99": replace(base, per_section=99),
        "no titles": replace(base, title_weight=0.0),
        "titles 0.3": replace(base, title_weight=0.3),
        "titles 0.8": replace(base, title_weight=0.8),
        "score fusion": replace(base, fusion="score"),
        "score fusion lex 1.0": replace(base, fusion="score", lexical_weight=1.0),
        "score fusion lex 0.4": replace(base, fusion="score", lexical_weight=0.4),
        "rrf k60 lex 0.8": replace(base, rrf_k=60.0, lexical_weight=0.8),
        "xii/iii 0.6": replace(base, doc_factors=MappingProxyType({"SGB XII": 0.6, "SGB III": 0.6})),
        "xii/iii 0.5": replace(base, doc_factors=MappingProxyType({"SGB XII": 0.5, "SGB III": 0.5})),
        "xii/iii/x 0.6": replace(base, doc_factors=MappingProxyType({"SGB XII": 0.6, "SGB III": 0.6, "SGB X": 0.85})),
        "xii/iii 0.85": replace(base, doc_factors=MappingProxyType({"SGB XII": 0.85, "SGB III": 0.85})),
        "guideline 0.7": replace(base, guideline_factor=0.7),
        "guideline 1.0": replace(base, guideline_factor=1.0),
    }
    print(f"{'variant':24} Hit@1 Hit@5  MRR  uHit@1 uHit@5 refuse")
    for name, params in variants.items():
        r = Retriever(ws, params)
        s = summarize(questions, run_retrieval(questions, r))
        o = s["overall"]
        print(f"{name:24} {o['hit1']:.2f}  {o['hit5']:.2f}  {o['mrr']:.2f}  {o['unit_hit1']:.2f}   "
              f"{o['unit_hit5']:.2f}   {s['out_of_scope']['refusal_accuracy']:.2f}")


if __name__ == "__main__":
    main()
