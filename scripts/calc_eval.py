"""Measure the calculators on eval/calculator_questions.jsonl: recognised, computed right, false triggers.

Usage: .venv/bin/python scripts/calc_eval.py [file] [-v]
A question counts as right when `calculate` returns the expected kind and, for a computable case, the
expected main figure (to the cent); a not-computable case must say "nicht berechenbar". Questions
with expected_kind null are not "how much" questions and must give None.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from assistant.calculators import calculate
from assistant.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def evaluate(path: Path, verbose: bool = False) -> dict[str, int]:
    units = Workspace().catalog.active_units()
    counts = {"how_much": 0, "recognised": 0, "right": 0, "negatives": 0, "false_triggers": 0}
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        calc = calculate(case["question"], units)
        if case["expected_kind"] is None:
            counts["negatives"] += 1
            counts["false_triggers"] += calc is not None
            ok = calc is None
        else:
            counts["how_much"] += 1
            recognised = calc is not None and calc.kind == case["expected_kind"]
            counts["recognised"] += recognised
            if case["computable"]:
                ok = recognised and calc.computable and calc.value == Decimal(case["expected_value"])
            else:
                ok = recognised and not calc.computable
            counts["right"] += ok
        if verbose or not ok:
            got = f"{calc.kind}: {calc.result}" if calc else "None"
            print(f"{'ok ' if ok else 'ERR'} {case['id']} {case['question']}\n    → {got}")
    return counts


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    result = evaluate(Path(args[0]) if args else ROOT / "eval" / "calculator_questions.jsonl", "-v" in sys.argv)
    print(f"how-much questions: {result['how_much']}, recognised {result['recognised']}, computed right {result['right']}; "
          f"other questions: {result['negatives']}, false triggers {result['false_triggers']}")
