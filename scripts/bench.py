"""Benchmark (not a test): ingestion times, index size, peak memory, retrieval latency.

Each phase runs in its own process so that its peak memory (ru_maxrss) is its own.
Usage: python scripts/bench.py [--index-dir DIR] [--questions ../shared/eval/dev.jsonl] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHASE = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from assistant.config import Settings
from assistant.ingest import Ingestor
from assistant.workspace import Workspace
ws = Workspace(Settings(index_dir=Path(sys.argv[1])))
paths = [Path(p) for p in sys.argv[3:]]
if paths:
    s = Ingestor(ws).ingest_paths(paths, name=sys.argv[2] or None)
else:
    s = Ingestor(ws).ingest_corpus()
print(json.dumps({"seconds": time.perf_counter() - t0, "ingest_seconds": s.seconds,
    "embedded": s.total("embedded"), "added": s.total("added"), "changed": s.total("changed"),
    "removed": s.total("removed"), "unchanged": s.total("unchanged"),
    "failed": [r.error for r in s.failed],
    "units": {v.name: v.n_units for v in ws.catalog.active_versions()},
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

RETRIEVAL = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from assistant.config import Settings
from assistant.evaluation import load_questions
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace
ws = Workspace(Settings(index_dir=Path(sys.argv[1])))
r = Retriever(ws)
r.retrieve("Aufwärmen", "staff")
load = time.perf_counter() - t0
qs = load_questions(Path(sys.argv[2]))
lat = []
for q in qs:
    t = time.perf_counter(); r.retrieve(q["question"], q["audience"], k=10); lat.append((time.perf_counter() - t) * 1000)
lat.sort()
pct = lambda p: lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))]
print(json.dumps({"index_load_seconds": load, "queries": len(lat), "p50_ms": pct(50), "p95_ms": pct(95),
    "max_ms": lat[-1], "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str, env: dict | None = None) -> dict:
    import os

    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def changed_guideline(tmp: Path) -> Path:
    """FW § 21 with one sentence added to the body of one page: a realistic small revision."""
    import pymupdf

    source = ROOT / "corpus" / "weisungen" / "FW_SGB_II_Par_21_Mehrbedarfe.pdf"
    target = tmp / source.name
    with pymupdf.open(source) as doc:
        page = doc[9]
        blocks = [b for b in page.get_text("blocks") if b[0] < 300 and b[4].strip()]
        x0, y1 = blocks[-1][0], blocks[-1][3]
        page.insert_text((x0, y1 + 11), "Ergänzung: Dieser Satz wurde für den Benchmark eingefügt.", fontsize=9)
        doc.save(target)
    return target


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / (1024 * 1024)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT.parent / "shared" / "eval" / "dev.jsonl"))
    parser.add_argument("--json")
    parser.add_argument("--from-scratch", action="store_true",
                        help="also build once without the shipped vectors (embeds every unit; slow)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jca-bench-"))
    index = tmp / "index"
    try:
        report: dict = {}
        print("Kaltstart: Index des Standardkorpus aufbauen …", flush=True)
        report["cold_build"] = run(PHASE, str(index), "")
        report["index_size_mb"] = dir_size_mb(index)
        print("Erneute Aufnahme ohne Änderungen …", flush=True)
        report["unchanged_reingest"] = run(PHASE, str(index), "")
        print("Eine geänderte Weisung (FW § 21) aufnehmen …", flush=True)
        report["changed_guideline"] = run(PHASE, str(index), "FW § 21", str(changed_guideline(tmp)))
        print("Retrieval-Latenz über alle Fragen …", flush=True)
        report["retrieval"] = run(RETRIEVAL, str(index), args.questions)
        if args.from_scratch:
            print("Kaltstart ohne mitgelieferte Vektoren (alle Einheiten einbetten) …", flush=True)
            scratch = tmp / "scratch"
            report["cold_build_from_scratch"] = run(PHASE, str(scratch), "", env={"JCA_USE_SHIPPED_EMBEDDINGS": "false"})
        report["self_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
