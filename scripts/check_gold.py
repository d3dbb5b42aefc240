"""Check eval question files against the built catalog (read-only).

For every question: the fields follow ../shared/eval/README.md, ids are unique across all files
given, every gold unit exists in the active corpus (doc + label, doc + section for a section-level
gold such as "§ 22", or the document alone for an empty unit), and every must_contain fact occurs
in the text of one of the gold units (case-insensitive, whitespace-normalised, "1.500" = "1 500").
Out-of-scope questions need an empty gold and an "office" naming the responsible office.
Optionally (--against FILE ...) no question may be a near-duplicate of one in the reference files.

Usage: .venv/bin/python scripts/check_gold.py eval/sets/*.jsonl [--against ../shared/eval/dev.jsonl]
Exit code 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import get_settings  # noqa: E402
from assistant.evaluation import section_of  # noqa: E402

KINDS = {"answerable", "out_of_scope", "access", "injection", "temporal"}
AUDIENCES = {"staff", "citizen"}
LANGUAGES = {"de", "en", "tr", "ar", "uk", "ru", "pl", "fa", "ps", "fr"}
OFFICES = {
    "familienkasse", "wohngeldstelle", "rentenversicherung", "auslaenderbehoerde", "sozialgericht",
    "krankenkasse", "finanzamt", "schuldnerberatung", "arbeitsrecht", "sozialamt", "elterngeldstelle",
    "none",
}
REQUIRED = ("id", "question", "language", "audience", "kind", "gold", "must_contain", "origin")
# Jaccard similarity of word sets above which two questions count as near-duplicates
NEAR_DUPLICATE_JACCARD = 0.8
WORD_RE = re.compile(r"\w+", re.UNICODE)
THOUSANDS_RE = re.compile(r"(?<=\d)[.\s\u00a0\u202f](?=\d{3}(?!\d))")


def normalise(text: str) -> str:
    """Lower case, one space for any whitespace, no thousands separators, one kind of dash/quote."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = THOUSANDS_RE.sub("", text)
    text = text.replace("–", "-").replace("—", "-").replace("„", '"').replace("“", '"').replace("”", '"')
    return text


@dataclass
class Corpus:
    """Active units of the catalog: by (doc, label), by (doc, section), by doc."""

    by_label: dict[tuple[str, str], str] = field(default_factory=dict)
    by_section: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    by_doc: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, catalog_path: Path) -> Corpus:
        conn = sqlite3.connect(f"file:{catalog_path}?mode=ro", uri=True)
        rows = conn.execute(
            "SELECT u.doc, u.label, u.section, u.title, u.text FROM units u "
            "JOIN documents d ON d.active_version = u.version_id"
        ).fetchall()
        conn.close()
        corpus = cls()
        for doc, label, section, title, text in rows:
            norm = normalise(f"{title} {text}")
            corpus.by_label[(doc, label)] = norm
            corpus.by_section[(doc, section)].append(norm)
            corpus.by_section[(doc, section_of(label))].append(norm)
            corpus.by_doc[doc].append(norm)
        return corpus

    def texts(self, doc: str, unit: str) -> list[str] | None:
        """Texts a gold names, or None when the gold does not exist in the corpus."""
        if doc not in self.by_doc:
            return None
        if not unit:
            return self.by_doc[doc]
        if (doc, unit) in self.by_label:
            return [self.by_label[(doc, unit)]]
        if unit == section_of(unit) and (doc, unit) in self.by_section:
            return self.by_section[(doc, unit)]
        return None


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD_RE.findall(text)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def check_question(q: dict, corpus: Corpus) -> list[str]:
    problems: list[str] = []
    missing = [k for k in REQUIRED if k not in q]
    if missing:
        return [f"missing fields {missing}"]
    if q["kind"] not in KINDS:
        problems.append(f"unknown kind {q['kind']!r}")
    if q["audience"] not in AUDIENCES:
        problems.append(f"unknown audience {q['audience']!r}")
    if q["language"] not in LANGUAGES:
        problems.append(f"unknown language {q['language']!r}")
    if not q["question"].strip():
        problems.append("empty question")
    if not (q["origin"] == "written" or q["origin"].startswith(("http://", "https://"))):
        problems.append(f"origin must be 'written' or a URL, not {q['origin']!r}")
    if q["kind"] == "out_of_scope":
        if q["gold"] or q["must_contain"]:
            problems.append("out_of_scope question with gold or must_contain")
        if q.get("office") not in OFFICES:
            problems.append(f"out_of_scope needs office in {sorted(OFFICES)}, got {q.get('office')!r}")
        return problems
    if q["kind"] in {"answerable", "temporal"} and not q["gold"]:
        problems.append("answerable question without gold")
    gold_texts: list[str] = []
    for g in q["gold"]:
        texts = corpus.texts(g.get("doc", ""), g.get("unit", ""))
        if texts is None:
            problems.append(f"gold not in corpus: {g.get('doc')!r} {g.get('unit')!r}")
        else:
            gold_texts.extend(texts)
    for fact in q["must_contain"]:
        needle = normalise(fact)
        if not any(needle in t for t in gold_texts):
            problems.append(f"must_contain {fact!r} not in any gold unit")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--against", nargs="*", type=Path, default=[],
                        help="reference question files no question may nearly duplicate")
    parser.add_argument("--catalog", type=Path, default=None, help="catalog (default: the configured index)")
    args = parser.parse_args(argv)

    corpus = Corpus.load(args.catalog or get_settings().catalog_path)
    reference = []
    for path in args.against:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                reference.append((r["id"], words(r["question"])))

    failures = 0
    seen_ids: dict[str, str] = {}
    seen_questions: dict[str, str] = {}
    kinds: Counter[tuple[str, str]] = Counter()
    for path in args.files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                q = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: invalid JSON ({exc})")
                failures += 1
                continue
            problems = check_question(q, corpus)
            qid = q.get("id", "?")
            if qid in seen_ids:
                problems.append(f"duplicate id (also {seen_ids[qid]})")
            seen_ids[qid] = where
            text_key = normalise(q.get("question", ""))
            if text_key in seen_questions:
                problems.append(f"same question as {seen_questions[text_key]}")
            seen_questions[text_key] = qid
            qwords = words(q.get("question", ""))
            for rid, rwords in reference:
                if jaccard(qwords, rwords) >= NEAR_DUPLICATE_JACCARD:
                    problems.append(f"near-duplicate of reference question {rid}")
            for p in problems:
                print(f"{where} [{qid}]: {p}")
            failures += bool(problems)
            kinds[(path.name, q.get("kind", "?"))] += 1

    total = sum(kinds.values())
    for (name, kind), count in sorted(kinds.items()):
        print(f"  {name:24} {kind:14} {count}")
    print(f"{total} questions checked, {failures} with failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
