"""List the tuning questions the curated-answer matcher misses or matches wrongly, with its top-3 entries.

    python scripts/faq_misses.py            # misses and wrong matches on eval/faq/tune.jsonl at the configured threshold
    python scripts/faq_misses.py --all      # every tuning question
    python scripts/faq_misses.py --sync     # first bring corpus/faq/*.toml into the catalog (as `ingest` does)
    python scripts/faq_misses.py --check    # training texts: none too close to a tuning question, none in two entries
    python scripts/faq_misses.py --semantic 0.95   # training texts whose e5 vector is that close to a tuning question's

Only the tuning file is read: eval/faq/test.jsonl is the held-out split and is never looked at here.
A question is *missed* when its expected entry (or an "also" one) is not matched, *wrong* when another entry is.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.progress import track  # noqa: E402

from assistant.faq.book import faq_book  # noqa: E402
from assistant.faq.store import sync_default_entries  # noqa: E402
from assistant.model import Audience  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402

TUNE = ROOT / "eval" / "faq" / "tune.jsonl"
MAX_WRONG = 0.03  # as in scripts/calibrate_faq.py
TOO_CLOSE = 0.85  # difflib ratio from which a training text counts as a light edit of a tuning question


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" ?!.")


def check_training() -> int:
    """Training texts (question variants, not-covered questions) must not copy tuning questions, and no variant
    may stand in two entries; exit code 1 when one does."""
    from assistant.config import Settings
    from assistant.faq.book import not_covered_questions
    from assistant.faq.entries import load_dir

    settings = Settings()
    owners: dict[str, set[str]] = {}
    for entry in load_dir(settings.faq_dir):
        for text in entry.texts.values():
            for q in text.questions:
                owners.setdefault(_norm(q), set()).add(entry.id)
    for q in not_covered_questions(settings):
        owners.setdefault(_norm(q), set()).add("<not covered>")
    tune = [_norm(json.loads(line)["question"]) for line in TUNE.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    problems = [f"in {sorted(ids)}: {q!r}" for q, ids in owners.items() if len(ids) > 1]
    for q in track(list(owners), description="Trainingstexte prüfen", transient=True):
        matcher = difflib.SequenceMatcher(None, "", q)  # b (cached) = the training text
        for t in tune:
            matcher.set_seq1(t)
            if matcher.real_quick_ratio() >= TOO_CLOSE and matcher.quick_ratio() >= TOO_CLOSE \
                    and matcher.ratio() >= TOO_CLOSE:
                problems.append(f"close to a tuning question ({matcher.ratio():.2f}): {q!r} ~ {t!r}")
    print("\n".join(problems) or f"{len(owners)} training texts: none in two places, none close to a tuning question")
    return 1 if problems else 0


def semantic_neighbours(ws: Workspace, limit: float) -> int:
    """Training texts (variants, not-covered questions) that mean nearly the same as a tuning question, to review
    by hand for paraphrases; the vectors come from the catalog's cache or the shipped file where they exist."""
    from assistant.faq.book import not_covered_questions
    from assistant.faq.entries import load_dir
    from assistant.faq.matcher import text_vectors

    texts = sorted({q for e in load_dir(ws.settings.faq_dir) for t in e.texts.values() for q in t.questions}
                   | set(not_covered_questions(ws.settings)))
    vectors = text_vectors(texts, ws.embedder, ws.catalog, ws.settings.corpus_dir)
    rows = [json.loads(line) for line in TUNE.read_text(encoding="utf-8").splitlines() if line.strip()]
    tune = np.stack([ws.embedder.embed_query(r["question"]) for r in track(rows, description="Fragen einbetten",
                                                                           transient=True)])
    similarity = vectors @ tune.T
    hits = sorted(((float(similarity[i, j]), texts[i], rows[j]["question"]) for i, j in
                   zip(*np.nonzero(similarity >= limit))), reverse=True)
    for sim, text, question in hits:
        print(f"{sim:.3f}  {text!r}\n       ~ {question!r}")
    print(f"{len(hits)} pairs with cosine >= {limit}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true", help="list every question, not only misses and wrong matches")
    parser.add_argument("--sync", action="store_true", help="sync corpus/faq into the catalog first")
    parser.add_argument("--threshold", type=float, help="probability limit (default: JCA_FAQ_THRESHOLD)")
    parser.add_argument("--check", action="store_true", help="only check the training texts against the tuning file")
    parser.add_argument("--semantic", type=float, help="list training texts with this cosine or more to a tuning question")
    args = parser.parse_args()
    if args.check:
        return check_training()
    ws = Workspace()
    if args.semantic is not None:
        return semantic_neighbours(ws, args.semantic)
    if args.sync:
        print("sync", sync_default_entries(ws.catalog, ws.settings.faq_dir))
    threshold = ws.settings.faq_threshold if args.threshold is None else args.threshold
    book = faq_book(ws)
    book.refresh()
    allowed = book.allowed(Audience.CITIZEN)
    rows = [json.loads(line) for line in TUNE.read_text(encoding="utf-8").splitlines() if line.strip()]
    status: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    tops: list[tuple[float, bool | None]] = []  # per question: top probability, right (None: nothing ranked)
    for q in track(rows, description="Fragen prüfen", transient=True):
        vector = np.asarray(ws.embedder.embed_query(q["question"]), dtype=np.float32)
        ranked = book.matcher.ranked(vector, allowed, limit=3)
        ok = {q.get("expected"), *q.get("also", [])} - {None}
        top = ranked[0] if ranked else None
        tops.append((top.score, top.entry_id in ok) if top else (0.0, None))
        matched = top is not None and top.score >= threshold
        if matched and top.entry_id in ok:
            state = "right"
        elif matched:
            state = "WRONG"
        elif ok:
            state = "miss"
        else:
            state = "null-ok"
        status[state] += 1
        if state in ("miss", "WRONG") and q.get("expected"):
            weak[q["expected"]] += 1
        if args.all or state in ("miss", "WRONG"):
            listed = "  ".join(f"{m.entry_id}={m.score:.2f}" for m in ranked)
            print(f"{state:5} {q['id']} [{q['language']}/{q['kind']}] exp={q.get('expected')} "
                  f"{q['question'][:110]!r}\n      {listed}")
    expected_n = sum(1 for q in rows if q.get("expected"))
    print(f"\nthreshold {threshold:.2f}: {dict(status)}; coverage {status['right'] / max(1, expected_n):.3f}, "
          f"wrong {status['WRONG'] / max(1, len(rows)):.3f}")
    print("entries with most misses:", ", ".join(f"{e}×{n}" for e, n in weak.most_common(40)))
    best = None  # the probability limit alone (as scripts/calibrate_faq.py without the other gates)
    for limit in np.arange(0.10, 0.95, 0.01):
        right = sum(1 for p, r in tops if r and p >= limit)
        wrong = sum(1 for p, r in tops if r is False and p >= limit)
        if wrong / len(rows) <= MAX_WRONG and (best is None or right > best[1]):
            best = (float(limit), right, wrong)
    if best:
        print(f"best probability limit with wrong <= {MAX_WRONG:.0%}: {best[0]:.2f} → coverage "
              f"{best[1] / max(1, expected_n):.3f}, wrong {best[2] / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
