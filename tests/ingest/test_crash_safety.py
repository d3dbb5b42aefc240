"""Crash safety of ingestion: SIGKILL at random points (and at each write phase) while a changed document is ingested.

Each run works on a fresh copy of the built index (a new path, so no in-process Chroma cache sees stale data).
After the kill: every document is wholly in its old or its new version, retrieval returns only active units,
`repair()` brings Chroma in line with the catalog, and re-running the ingestion activates the new version.

The child process prints a marker before and after each write phase; the last marker before the kill tells
the phase it was killed in. Seeds and delays are printed (run with `-s` to see them).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.ingest import Ingestor
from assistant.model import Audience, Visibility
from assistant.retrieval.retriever import Retriever
from assistant.sources import file_sha256
from assistant.workspace import Workspace
from conftest import CORPUS, CORPUS_SOURCES

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("JCA_CRASH_SEED", "20260401"))
RANDOM_RUNS = int(os.environ.get("JCA_CRASH_RANDOM_RUNS", "3"))
KDU_NAME = "KdU-Richtlinie Beispielkreis"

# The child ingests one file; wrappers print a marker around each phase (instrumentation only, same code path).
# With CRASH_PAUSE_AT=<marker> it sleeps after that marker, so the parent can kill it inside that window.
CHILD = r"""
import os, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.ingest import Ingestor
from assistant.model import Visibility
from assistant.workspace import Workspace

pause = os.environ.get("CRASH_PAUSE_AT", "")

def mark(what):
    print(what, flush=True)
    if what == pause:
        time.sleep(120)

def wrap(obj, attr, before, after):
    original = getattr(obj, attr)
    def wrapped(*a, **k):
        mark(before)
        out = original(*a, **k)
        mark(after)
        return out
    setattr(obj, attr, wrapped)

index_dir, path, name, visibility = sys.argv[1], Path(sys.argv[2]), sys.argv[3] or None, sys.argv[4] or None
ws = Workspace(Settings(index_dir=Path(index_dir), use_shipped_embeddings=False))
ingestor = Ingestor(ws)
in_doc = {"on": False}
original_diff = ingestor._diff
def diff(*a, **k):
    mark("parsed")
    in_doc["on"] = True
    return original_diff(*a, **k)
ingestor._diff = diff
wrap(ingestor, "_embed", "embed-start", "embed-done")
wrap(ws.store, "upsert", "upsert-start", "upsert-done")
wrap(ws.catalog, "activate_version", "switch-start", "switch-done")
wrap(ws.catalog, "prune_history", "prune-start", "prune-done")
original_cleanup = ingestor._delete_unused_vectors
def cleanup():
    mark("cleanup-start" if in_doc["on"] else "repair-start")
    n = original_cleanup()
    mark("cleanup-done" if in_doc["on"] else "repair-done")
    return n
ingestor._delete_unused_vectors = cleanup
mark("started")
summary = ingestor.ingest_paths([path], name=name, visibility=Visibility(visibility) if visibility else None)
assert not summary.failed, summary.failed[0].error
mark("finished")
"""


@dataclass
class Scenario:
    key: str
    path: Path
    name: str
    visibility: str
    query: str
    new_stand: str | None = None
    pass_name: bool = True  # False for laws: the parser names them

    def ingest_args(self) -> tuple[str | None, Visibility | None]:
        if not self.pass_name:
            return None, None
        return self.name, Visibility(self.visibility) if self.visibility else None


@dataclass
class Outcome:
    delay: float | None
    pause_at: str | None
    last_marker: str
    catalog_phase: str
    missing_before_repair: int
    unused_before_repair: int


def _guideline_md(tmp: Path, seed: int, sections: int = 60) -> Path:
    """The internal KdU guideline plus many new sections with text no vector exists for (forces embedding work)."""
    rng = random.Random(seed)
    words = ["Unterkunft", "Heizung", "Angemessenheit", "Mietobergrenze", "Bruttokaltmiete", "Wohnfläche",
             "Haushalt", "Nebenkosten", "Kostensenkung", "Umzug", "Kaution", "Darlehen", "Prüfung", "Frist"]
    text = (CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md").read_text(encoding="utf-8")
    parts = [text.rstrip(), "", f"# Ergänzende Hinweise (Prüfstand {seed})", ""]
    for i in range(sections):
        body = " ".join(rng.choice(words) for _ in range(40))
        parts += [f"## Hinweis {i + 1}: {rng.choice(words)} und {rng.choice(words)}", "",
                  f"Nach Hinweis {i + 1} ({seed}) gilt: {body}. Der Betrag beträgt {rng.randint(100, 999)},00 Euro.", ""]
    path = tmp / "KdU_Richtlinie_Beispielkreis.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _child(index_dir: Path, sc: Scenario, pause_at: str | None = None) -> tuple[subprocess.Popen, list[str], threading.Thread]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    if pause_at:
        env["CRASH_PAUSE_AT"] = pause_at
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(index_dir), str(sc.path),
                             sc.name if sc.pass_name else "", sc.visibility if sc.pass_name else ""],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    markers: list[str] = []

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            markers.append(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return proc, markers, reader


def _active_map(ws: Workspace) -> dict[str, tuple]:
    return {v.name: (v.id, v.sha256, v.n_units, v.stand) for v in ws.catalog.active_versions()}


def _check_after_kill(ws: Workspace, base: dict[str, tuple], sc: Scenario, new_sha: str) -> tuple[str, int, int]:
    """Old or new, never a mix; retrieval sees only active units. Returns (phase by catalog, missing, unused)."""
    active = _active_map(ws)
    assert set(active) == set(base), (sorted(active), sorted(base))
    for name, (vid, sha, n_units, _stand) in active.items():
        assert len(ws.catalog.units_of_version(vid)) == n_units, name  # fully in one version
        if name != sc.name:
            assert active[name] == base[name], name  # other documents untouched
    target_sha = active[sc.name][1]
    switched = target_sha == new_sha
    assert switched or active[sc.name] == base[sc.name], "target document is neither old nor new"
    active_ids = ws.catalog.active_chroma_ids()
    present = ws.store.all_ids()
    missing, unused = active_ids - present, present - active_ids
    retriever = Retriever(ws)
    for audience in (Audience.STAFF, Audience.CITIZEN):
        hits = retriever.retrieve(sc.query, audience).hits
        assert hits, (sc.query, audience)
        assert {h.unit.chroma_id for h in hits} <= active_ids
        for h in hits:
            if h.unit.doc == sc.name:
                assert h.unit.version_id == active[sc.name][0]
    if not switched:
        phase = "before switch, vectors partly/fully written" if unused else "before switch, nothing written"
    else:
        phase = "after switch, before cleanup" if unused else "after switch and cleanup"
    return phase, len(missing), len(unused)


def _repair_and_finish(ws: Workspace, sc: Scenario, new_sha: str) -> None:
    Ingestor(ws).repair()
    assert ws.store.all_ids() == ws.catalog.active_chroma_ids()
    name, visibility = sc.ingest_args()
    summary = Ingestor(ws).ingest_paths([sc.path], name=name, visibility=visibility)
    assert not summary.failed, summary.failed[0].error
    assert summary.reports[0].status in ("updated", "unchanged")
    active = ws.catalog.active_version(sc.name)
    assert active.sha256 == new_sha
    if sc.new_stand:
        assert active.stand == sc.new_stand
    assert len(ws.catalog.units_of_version(active.id)) == active.n_units
    assert ws.store.all_ids() == ws.catalog.active_chroma_ids()
    hits = Retriever(ws).retrieve(sc.query, Audience.STAFF).hits
    assert hits and all(h.unit.version_id == active.id for h in hits if h.unit.doc == sc.name)


def _run_once(base_dir: Path, run_dir: Path, sc: Scenario, *, delay: float | None = None,
              pause_at: str | None = None) -> Outcome:
    shutil.copytree(base_dir, run_dir)
    base_ws = Workspace(Settings(index_dir=base_dir))
    base, new_sha = _active_map(base_ws), file_sha256(sc.path)
    proc, markers, reader = _child(run_dir, sc, pause_at)
    if pause_at:
        deadline = time.monotonic() + 300
        while pause_at not in markers and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert pause_at in markers, (pause_at, markers, proc.stderr.read() if proc.poll() is not None else "")
    else:
        time.sleep(delay or 0.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=5)
    stderr = proc.stderr.read()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    assert "Traceback" not in stderr, stderr[-3000:]
    last = markers[-1] if markers else "(before start: imports/model)"
    ws = Workspace(Settings(index_dir=run_dir, use_shipped_embeddings=False))
    phase, missing, unused = _check_after_kill(ws, base, sc, new_sha)
    _repair_and_finish(ws, sc, new_sha)
    return Outcome(delay, pause_at, last, phase, missing, unused)


def _calibrate(base_dir: Path, run_dir: Path, sc: Scenario) -> float:
    shutil.copytree(base_dir, run_dir)
    start = time.monotonic()
    proc, markers, reader = _child(run_dir, sc)
    proc.wait(timeout=600)
    reader.join(timeout=5)
    assert proc.returncode == 0 and markers[-1] == "finished", (markers, proc.stderr.read())
    return time.monotonic() - start


PAUSE_POINTS = ("upsert-done", "switch-done")


def _campaign(base_dir: Path, tmp: Path, sc: Scenario, seed: int) -> list[Outcome]:
    duration = _calibrate(base_dir, tmp / f"{sc.key}-calibrate", sc)
    rng = random.Random(seed)
    delays = [round(rng.uniform(0.3, duration), 2) for _ in range(RANDOM_RUNS)]
    print(f"\n[{sc.key}] seed={seed} full run={duration:.1f} s delays={delays}")
    outcomes = []
    for i, delay in enumerate(delays):
        outcomes.append(_run_once(base_dir, tmp / f"{sc.key}-run{i}", sc, delay=delay))
    for point in PAUSE_POINTS:
        outcomes.append(_run_once(base_dir, tmp / f"{sc.key}-{point}", sc, pause_at=point))
    for o in outcomes:
        how = f"delay {o.delay:5.2f} s" if o.delay is not None else f"paused at {o.pause_at}"
        print(f"[{sc.key}] {how}: last marker {o.last_marker!r}; catalog: {o.catalog_phase}; "
              f"missing vectors {o.missing_before_repair}, unused {o.unused_before_repair}")
    assert all(o.missing_before_repair == 0 for o in outcomes), "an active unit lacked its vector after a kill"
    return outcomes


@pytest.fixture()
def base_copy(built_workspace: Workspace, tmp_path: Path) -> Path:
    target = tmp_path / "base"
    shutil.copytree(built_workspace.settings.index_dir, target)
    return target


def test_kill_during_law_update_to_2025(base_copy: Path, tmp_path: Path) -> None:
    sc = Scenario("law-2025", CORPUS_SOURCES / "gii-2025-02" / "sgb_2.xml.zip", "SGB II", "",
                  "Was regelt § 31a SGB II?", new_stand="2025-02-24", pass_name=False)
    _campaign(base_copy, tmp_path, sc, SEED)


def test_kill_during_law_update_back_to_2026(base_copy: Path, tmp_path: Path) -> None:
    ws = Workspace(Settings(index_dir=base_copy))
    report = Ingestor(ws).ingest_paths([CORPUS_SOURCES / "gii-2025-02" / "sgb_2.xml.zip"]).reports[0]
    assert report.stand_after == "2025-02-24"
    ws.catalog.close()
    sc = Scenario("law-2026", CORPUS / "gesetze" / "sgb_2.xml", "SGB II", "", "Was regelt § 31a SGB II?",
                  new_stand="2025-12-22", pass_name=False)
    _campaign(base_copy, tmp_path, sc, SEED + 1)


def test_kill_during_guideline_update_with_embedding(base_copy: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    path = _guideline_md(src, SEED + 2)
    sc = Scenario("guideline-md", path, KDU_NAME, str(Visibility.INTERNAL.value),
                  "Mietobergrenze Bruttokaltmiete Angemessenheit Hinweis")
    _campaign(base_copy, tmp_path, sc, SEED + 2)
