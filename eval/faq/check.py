"""Check the FAQ matcher questions against the curated entries in corpus/faq.

- every expected / also id exists;
- no question equals an entry question variant (case- and space-insensitive, any language);
- questions too similar to a variant (difflib ratio >= 0.85) are listed as light edits;
- ids unique, no question twice, languages known; counts per file, language and kind;
- entries without any question are listed.

    .venv/bin/python eval/faq/check.py        (exit code 1 on an error)
"""

from __future__ import annotations

import difflib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from assistant.faq.entries import load_dir  # noqa: E402

LANGS = {"de", "en", "tr", "ar", "uk", "ru", "pl", "fa", "ps", "fr"}
LIGHT_EDIT = 0.85


def norm(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" ?!.")


def trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def closest(question: str, variants: dict[str, set[str]], shortlist: int = 8) -> tuple[str, float]:
    """The most similar variant by difflib ratio, computed on a trigram-Jaccard shortlist."""
    grams = trigrams(question)
    ranked = sorted(variants, key=lambda v: -len(grams & variants[v]) / (len(grams | variants[v]) or 1))
    scored = [(v, difflib.SequenceMatcher(None, question, v).ratio()) for v in ranked[:shortlist]]
    return max(scored, key=lambda item: item[1])


def main() -> int:
    entries = load_dir(ROOT / "corpus" / "faq")
    ids = {e.id for e in entries}
    variants = {norm(q): e.id for e in entries for t in e.texts.values() for q in t.questions}
    grams_of = {v: trigrams(v) for v in variants}
    errors: list[str] = []
    warnings: list[str] = []
    seen_ids: set[str] = set()
    seen_q: set[str] = set()
    covered: Counter[str] = Counter()
    for name in ("tune.jsonl", "test.jsonl"):
        rows = [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        langs, kinds = Counter(), Counter()
        for r in rows:
            where = f"{name} {r['id']}"
            if r["id"] in seen_ids:
                errors.append(f"{where}: id twice")
            seen_ids.add(r["id"])
            if r["language"] not in LANGS:
                errors.append(f"{where}: language {r['language']}")
            for ref in ([r["expected"]] if r["expected"] else []) + r.get("also", []):
                if ref not in ids:
                    errors.append(f"{where}: unknown entry id {ref}")
            if r.get("also") and not r["expected"]:
                errors.append(f"{where}: also without expected")
            q = norm(r["question"])
            if q in seen_q:
                errors.append(f"{where}: question twice")
            seen_q.add(q)
            if q in variants:
                errors.append(f"{where}: identical to a variant of {variants[q]}")
            elif r["expected"]:  # a null question may be lexically close on purpose
                best, ratio = closest(q, grams_of)
                if ratio >= LIGHT_EDIT:
                    warnings.append(f"{where}: light edit of a variant of {variants[best]} ({ratio:.2f}): {best}")
            if r["expected"]:
                covered[r["expected"]] += 1
            langs[r["language"]] += 1
            kinds["null" if r["expected"] is None else "entry"] += 1
        print(f"{name}: {len(rows)} questions, {dict(kinds)}, languages {dict(sorted(langs.items()))}")
    missing = sorted(ids - set(covered))
    print(f"entries {len(ids)}, covered {len(ids) - len(missing)}; without a question: {missing}")
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
