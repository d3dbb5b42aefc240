"""Write tune.jsonl and test.jsonl from questions.py.

Ids and the split are stable once published: a question whose text is already in tune.jsonl or
test.jsonl keeps its id and its file (so nothing that was tuned on moves into the test file).
New questions get the next free ids. They are split about 50/50: the new questions of one entry
alternate between the files, and which file gets the first one is chosen so that every entry with
two or more questions appears in both files and both files stay balanced in size and per language.
Questions without an entry are grouped by kind.

    .venv/bin/python eval/faq/build.py
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from questions import LATE, NULL, POSITIVE, Row

HERE = Path(__file__).resolve().parent
FILES = ("tune", "test")


def read(name: str) -> list[dict]:
    path = HERE / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def group_key(record: dict) -> str:
    return record["expected"] or f"null:{record['kind']}"


def imbalance(files: dict[str, list[dict]]) -> int:
    tune, test = files["tune"], files["test"]
    languages = Counter(r["language"] for r in tune)
    languages.subtract(Counter(r["language"] for r in test))
    groups_tune = Counter(group_key(r) for r in tune)
    groups_test = Counter(group_key(r) for r in test)
    one_sided = sum(1 for g in set(groups_tune) | set(groups_test)
                    if groups_tune[g] + groups_test[g] >= 2 and min(groups_tune[g], groups_test[g]) == 0)
    return 100 * one_sided + 2 * abs(len(tune) - len(test)) + sum(abs(v) for v in languages.values())


def build(rows: list[Row], previous: dict[str, tuple[str, dict]]) -> dict[str, list[dict]]:
    files: dict[str, list[dict]] = {name: [] for name in FILES}
    used = [int(record["id"][1:]) for _, record in previous.values()]
    next_number = max(used, default=0) + 1
    fresh: dict[str, list[dict]] = defaultdict(list)
    for expected, language, question, also, kind, note in rows:
        record = {"id": "", "question": question, "language": language, "expected": expected,
                  "kind": kind, "note": note}
        if also:
            record["also"] = list(also)
        if question in previous:
            name, old = previous[question]
            record["id"] = old["id"]
            files[name].append(record)
        else:
            record["id"] = f"f{next_number:03d}"
            next_number += 1
            fresh[group_key(record)].append(record)
    for group in fresh.values():  # order of questions.py
        options = []
        for start in (0, 1):
            trial = {name: list(files[name]) for name in FILES}
            for position, record in enumerate(group):
                trial[FILES[(position + start) % 2]].append(record)
            options.append((imbalance(trial), start, trial))
        files = min(options, key=lambda option: option[:2])[2]
    for name in FILES:
        files[name].sort(key=lambda r: r["id"])
    return files


def main() -> None:
    previous = {record["question"]: (name, record) for name in FILES for record in read(name)}
    files = build(POSITIVE + LATE + NULL, previous)
    for name, records in files.items():
        with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(", ".join(f"{name} {len(records)}" for name, records in files.items()))


if __name__ == "__main__":
    main()
