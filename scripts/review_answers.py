"""Write the citizen answers to a list of questions as one Markdown file, for a reader's review (issue 9).

    python scripts/review_answers.py eval/review/citizen-questions.txt --out eval/review/answers.md
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.progress import track  # noqa: E402

from assistant.answering.service import answer  # noqa: E402
from assistant.model import Audience  # noqa: E402
from assistant.retrieval.retriever import Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402


def _questions(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, question = line.split("\t", 1)
            rows.append((language.strip(), question.strip()))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    retriever = Retriever(Workspace())
    parts = [f"# Citizen answers for review ({time.strftime('%Y-%m-%d')})\n"]
    for n, (language, question) in enumerate(track(_questions(args.questions), description="Antworten"), 1):
        started = time.perf_counter()
        result = answer(question, Audience.CITIZEN, retriever=retriever)
        seconds = time.perf_counter() - started
        sources = "\n".join(f"- [{s.number}] {s.citation} (Stand {s.stand})" for s in result.sources)
        parts.append(f"## {n}. ({language}) {question}\n\nmode: {result.mode.value}, language shown: "
                     f"{result.language}, {seconds:.2f} s\n\n{result.text}\n\n_{result.notice}_\n\n{sources}\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(parts), encoding="utf-8")
    print(f"{args.out}: {len(parts) - 1} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
