"""What the layers after the whole-question match add to the curated answers, on a labelled FAQ set (eval/faq/).

    python scripts/faq_layers_eval.py eval/faq/tune.jsonl     # tune on this one
    python scripts/faq_layers_eval.py eval/faq/test.jsonl     # once per method, report as it comes

Counts, over all questions: answered right / wrong by the whole question alone (as scripts/calibrate_faq.py),
then with the parts: questions answered through a part (right / wrong) and further entries ("Außerdem") whose
entry the labels name or do not name; then the entries offered for a similar question (mode "suggested",
only where retrieval finds the question covered): right / wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.progress import track  # noqa: E402

from assistant.faq.book import faq_book  # noqa: E402
from assistant.faq.parts import question_parts  # noqa: E402
from assistant.model import Audience  # noqa: E402
from assistant.retrieval.retriever import Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--show", action="store_true", help="print every part-based match")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    ws = Workspace()
    book = faq_book(ws)
    retriever = Retriever(ws)
    counts = dict.fromkeys(("right", "wrong", "parts_right", "parts_wrong", "also_named", "also_unnamed",
                            "split", "suggested_right", "suggested_wrong"), 0)
    for row in track(rows, description="Fragen"):
        question = row["question"]
        named = {row.get("expected"), *row.get("also", [])} - {None}
        main_hit = book.find(question, Audience.CITIZEN)
        if main_hit is not None:
            counts["right" if main_hit.stored.entry.id in named else "wrong"] += 1
        found = []
        if question_parts(question) != [question.strip()]:
            counts["split"] += 1
            found = book.find_parts(question, Audience.CITIZEN,
                                    answered={main_hit.stored.entry.id} if main_hit else None)
        if main_hit is None and not found and retriever.retrieve(question, Audience.CITIZEN, k=8).relevant:
            near = book.suggest(question, Audience.CITIZEN)
            if near is not None:
                counts["suggested_right" if near.stored.entry.id in named else "suggested_wrong"] += 1
                if args.show:
                    print("suggested:", row["id"], near.stored.entry.id, "labels:", sorted(named))
        if main_hit is None and found:
            first, found = found[0], found[1:]
            counts["parts_right" if first.stored.entry.id in named else "parts_wrong"] += 1
            if args.show:
                print("part answers:", row["id"], first.stored.entry.id, "labels:", sorted(named))
        for hit in found:
            counts["also_named" if hit.stored.entry.id in named else "also_unnamed"] += 1
            if args.show:
                print("außerdem:", row["id"], hit.stored.entry.id, "labels:", sorted(named))
    n = len(rows)
    expected = sum(1 for r in rows if r.get("expected"))
    print(json.dumps({"questions": n, "with_entry": expected, "split_into_parts": counts["split"],
                      "whole_right": counts["right"], "whole_wrong": counts["wrong"],
                      "coverage_whole": round(counts["right"] / max(1, expected), 3),
                      "coverage_with_parts": round((counts["right"] + counts["parts_right"]) / max(1, expected), 3),
                      "wrong_whole": round(counts["wrong"] / max(1, n), 3),
                      "wrong_with_parts": round((counts["wrong"] + counts["parts_wrong"]) / max(1, n), 3),
                      "further_entries_named": counts["also_named"],
                      "further_entries_unnamed": counts["also_unnamed"],
                      "suggested_right": counts["suggested_right"], "suggested_wrong": counts["suggested_wrong"]},
                     indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
