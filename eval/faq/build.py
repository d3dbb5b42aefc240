"""Write tune.jsonl and test.jsonl from questions.py (deterministic split, about 50/50).

Questions of one entry alternate between tune and test, so every entry with two or more
questions appears in both files; the starting file alternates from entry to entry.
Questions without an entry alternate within their kind.

    .venv/bin/python eval/faq/build.py
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from questions import LATE, NULL, POSITIVE, Row

HERE = Path(__file__).resolve().parent


def split(rows: list[Row]) -> tuple[list[dict], list[dict]]:
    records: list[dict] = []
    for number, (expected, language, question, also, kind, note) in enumerate(rows, start=1):
        record = {"id": f"f{number:03d}", "question": question, "language": language,
                  "expected": expected, "kind": kind, "note": note}
        if also:
            record["also"] = list(also)
        records.append(record)
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        key = record["expected"] or f"null:{record['kind']}"
        groups[key].append(record)
    tune: list[dict] = []
    test: list[dict] = []
    flip = 0
    for key in groups:  # insertion order = order in questions.py
        for position, record in enumerate(groups[key]):
            (tune if (position + flip) % 2 == 0 else test).append(record)
        flip ^= len(groups[key]) % 2  # an odd group hands the extra question to the other side next
    by_id = lambda r: r["id"]
    return sorted(tune, key=by_id), sorted(test, key=by_id)


def write(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    tune, test = split(POSITIVE + LATE + NULL)
    write(HERE / "tune.jsonl", tune)
    write(HERE / "test.jsonl", test)
    print(f"tune {len(tune)}, test {len(test)}")


if __name__ == "__main__":
    main()
