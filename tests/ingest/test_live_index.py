"""A running service and a CLI in another process share one embedded index (issue 15, item 1).

The serving process holds an open Chroma client (as `serve` does) and answers citizen questions while a
real `python -m assistant ingest` / `remove` in a subprocess changes the index. Before the fix every
question after the other process's switch failed with chromadb's `InternalError: Error finding id`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from assistant.answering.service import answer
from assistant.config import PROJECT_ROOT, Settings
from assistant.ingest import Ingestor
from assistant.model import Audience
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace
from conftest import CORPUS

NOTE = """# Offene Sprechstunde

Die offene Sprechstunde des Jobcenters Beispielstadt zum Bürgergeld findet jeden Dienstag von 9 bis 12 Uhr
im Raum Zebrafink statt. Eine Anmeldung ist nicht nötig.
"""
NOTE_QUESTION = "Wann ist die offene Sprechstunde im Raum Zebrafink?"
QUESTIONS = ["Wie lange dauert die Karenzzeit beim Vermögen?", "Welche Kosten der Unterkunft werden übernommen?"]


def _cli(index_dir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "JCA_INDEX_DIR": str(index_dir), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
           "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen([sys.executable, "-m", "assistant", *args], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _note_found(retriever: Retriever) -> bool:
    hits = retriever.retrieve(NOTE_QUESTION, Audience.CITIZEN, k=3).hits
    return any(h.unit.doc == "Notiz" for h in hits)


def _serve_while(proc: subprocess.Popen, retrievers: list[Retriever], until, timeout: float = 300) -> tuple[int, int]:
    """Answer citizen questions on every retriever while `proc` runs and until `until()` holds: (answers, errors)."""
    answers = errors = 0
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = proc.poll() is not None
        for retriever in retrievers:
            try:
                result = answer(QUESTIONS[answers % len(QUESTIONS)], Audience.CITIZEN, retriever=retriever)
                assert result.sources, result.text
                answers += 1
            except Exception:  # noqa: BLE001 - counted: the service shows "technischer Fehler" for these
                errors += 1
        if done:
            try:
                if all(until(r) for r in retrievers):
                    break
            except Exception:  # noqa: BLE001 - a failing search counts like a failing answer
                errors += 1
        time.sleep(0.2)  # leave the CLI process some of the two cores
    return answers, errors


def test_cli_ingest_and_remove_in_another_process_keep_the_service_answering(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    ws = Workspace(Settings(index_dir=index_dir))
    summary = Ingestor(ws).ingest_paths([CORPUS / "gesetze" / "sgb_2.xml"])
    assert not summary.failed
    # the learned ranker reads the vectors once; the rules path queries Chroma with a `where` filter per question
    learned = Retriever(ws)
    rules = Retriever(Workspace(Settings(index_dir=index_dir, ranker="rules")))
    retrievers = [learned, rules]
    assert not any(_note_found(r) for r in retrievers)
    note = tmp_path / "notiz.md"
    note.write_text(NOTE, encoding="utf-8")

    proc = _cli(index_dir, "ingest", str(note), "--visibility", "public", "--name", "Notiz")
    answers, errors = _serve_while(proc, retrievers, _note_found)
    out, err = proc.communicate()
    assert proc.returncode == 0, out + err
    assert errors == 0, f"{errors} of {answers + errors} citizen answers failed during and after the CLI ingest"
    assert all(_note_found(r) for r in retrievers)
    assert all(r.store_notice == "" for r in retrievers)  # dense search is back, not lexical only
    assert learned.retrieve(NOTE_QUESTION, Audience.CITIZEN).hits[0].dense > 0.5

    proc = _cli(index_dir, "remove", "Notiz")
    answers, errors = _serve_while(proc, retrievers, lambda r: not _note_found(r))
    out, err = proc.communicate()
    assert proc.returncode == 0, out + err
    assert errors == 0, f"{errors} of {answers + errors} citizen answers failed during and after the CLI remove"
    assert not any(_note_found(r) for r in retrievers)
