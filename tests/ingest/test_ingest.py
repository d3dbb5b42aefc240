"""Ingestion on the real corpus: counts, incremental updates, law update, bad input, crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pymupdf
import pytest

from assistant.config import Settings
from assistant.ingest import Ingestor
from assistant.model import Audience, Visibility
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace
from conftest import CORPUS, CORPUS_SOURCES, copy_to, snapshot

EXPECTED_DOCS = {
    "SGB I", "SGB II", "SGB III", "SGB X", "SGB XII", "Bürgergeld-V", "RBSFV 2026",
    "FW § 5", "FW § 6", "FW § 7", "FW § 8", "FW § 9", "FW § 10", "FW § 11-11b", "FW § 12", "FW § 16",
    "FW § 19", "FW § 20", "FW § 21", "KdU-Richtlinie Beispielkreis",
}


def test_default_corpus_is_fully_indexed(built_workspace: Workspace) -> None:
    versions = {v.name: v for v in built_workspace.catalog.active_versions()}
    assert set(versions) == EXPECTED_DOCS
    assert versions["SGB II"].stand == "2025-12-22"
    assert versions["FW § 21"].stand == "2024-11-25"
    assert versions["KdU-Richtlinie Beispielkreis"].visibility == Visibility.INTERNAL
    assert all(v.n_units > 0 for v in versions.values())
    assert built_workspace.store.all_ids() == built_workspace.catalog.active_chroma_ids()


def test_chroma_metadata_carries_the_citation(built_workspace: Workspace) -> None:
    got = built_workspace.store.collection.get(where={"label": "§ 22 Abs. 1"}, include=["metadatas", "documents"])
    meta = [m for m in got["metadatas"] if m["doc"] == "SGB II"]
    assert len(meta) == 1
    m = meta[0]
    assert m["stand"] == "2025-12-22" and m["visibility"] == "public" and m["kind"] == "law"
    assert m["link"] == "https://www.gesetze-im-internet.de/sgb_2/__22.html"
    rz = built_workspace.store.collection.get(where={"label": "Rz. 21.27"}, include=["metadatas"])["metadatas"]
    assert rz and rz[0]["doc"] == "FW § 21" and rz[0]["page"] > 0


def test_unchanged_reingest_embeds_nothing(built_workspace: Workspace) -> None:
    summary = Ingestor(built_workspace).ingest_corpus(CORPUS)
    assert {r.status for r in summary.reports} == {"unchanged"}
    assert summary.total("embedded") == 0


def test_law_update_reports_changed_sections_and_activates_new_text(index_copy: Workspace) -> None:
    ingestor = Ingestor(index_copy)
    old = ingestor.ingest_paths([CORPUS_SOURCES / "gii-2025-02" / "sgb_2.xml.zip"]).reports[0]
    assert old.name == "SGB II" and old.status == "updated"
    assert old.stand_before == "2025-12-22" and old.stand_after == "2025-02-24"
    new = ingestor.ingest_paths([CORPUS / "gesetze" / "sgb_2.xml"]).reports[0]
    assert new.stand_after == "2025-12-22"
    assert new.changed_sections == old.changed_sections
    assert new.changed_sections == ["§ 11a", "§ 16", "§ 31a", "§ 31b", "§ 52a"]
    assert new.changed + new.added + new.removed == 6
    assert new.embedded == 0  # both versions' texts were embedded before: served from the cache
    active = index_copy.catalog.active_version("SGB II")
    assert active.stand == "2025-12-22"
    assert len(index_copy.catalog.versions_of("SGB II")) == 3
    assert index_copy.store.all_ids() == index_copy.catalog.active_chroma_ids()


def test_changed_document_reembeds_only_changed_units(index_copy: Workspace, tmp_path: Path) -> None:
    source = CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md"
    text = source.read_text(encoding="utf-8")
    assert "487,50 Euro" in text
    changed = tmp_path / source.name
    changed.write_text(text.replace("487,50 Euro", "499,00 Euro"), encoding="utf-8")
    report = Ingestor(index_copy).ingest_paths([changed], name="KdU-Richtlinie Beispielkreis",
                                               visibility=Visibility.INTERNAL).reports[0]
    assert report.status == "updated"
    assert report.changed == 1 and report.added == 0 and report.removed == 0
    assert report.embedded == 1
    assert report.unchanged > 0


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("bomb.xml", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(30):  # 30 MB of zeros in ~30 kB: rejected by its compression ratio
                fh.write(chunk)
    return path


def _encrypted_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Geheim")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    return path


def _writing(data: bytes):
    def write(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return write


BAD_FILES = {
    "empty.pdf": _writing(b""),
    "corrupt.pdf": _writing(b"%PDF-1.7\n" + os.urandom(2000)),
    "encrypted.pdf": _encrypted_pdf,
    "not_a_law.xml": _writing("<html><body>Hallo</body></html>".encode()),
    "broken.xml": _writing(b"<dokumente><norm>"),
    "bomb.xml.zip": _zip_bomb,
    "program.exe": _writing(b"MZ" + b"\0" * 100),
    "garbage.docx": _writing(os.urandom(500)),
}


@pytest.mark.parametrize("filename", sorted(BAD_FILES))
def test_bad_input_fails_clearly_and_changes_nothing(built_workspace: Workspace, tmp_path: Path, filename: str) -> None:
    path = BAD_FILES[filename](tmp_path / filename)
    before = snapshot(built_workspace)
    summary = Ingestor(built_workspace).ingest_paths([path])
    assert [r.status for r in summary.reports] == ["failed"]
    message = summary.reports[0].error
    assert filename in message and "kann nicht aufgenommen werden" in message
    assert snapshot(built_workspace) == before


def test_oversized_file_is_rejected(built_workspace: Workspace, tmp_path: Path) -> None:
    small_limit = Workspace(Settings(index_dir=built_workspace.settings.index_dir, max_upload_bytes=10_000))
    before = snapshot(built_workspace)
    report = Ingestor(small_limit).ingest_paths([CORPUS / "gesetze" / "sgb_2.xml"]).reports[0]
    assert report.status == "failed" and "größer als" in report.error
    assert snapshot(built_workspace) == before


def test_cli_bad_input_exit_code_and_german_message(tmp_path: Path) -> None:
    bad = tmp_path / "kaputt.pdf"
    bad.write_bytes(b"nicht wirklich ein PDF")
    env = {**os.environ, "JCA_INDEX_DIR": str(tmp_path / "index")}
    proc = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(bad)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode != 0
    assert "kaputt.pdf" in proc.stderr and "kann nicht aufgenommen werden" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_cli_status_json_and_show(built_workspace: Workspace) -> None:
    env = {**os.environ, "JCA_INDEX_DIR": str(built_workspace.settings.index_dir)}
    status = subprocess.run([sys.executable, "-m", "assistant", "status", "--json"], capture_output=True,
                            text=True, env=env, timeout=120, check=True)
    data = json.loads(status.stdout)
    assert {d["name"] for d in data["documents"]} == EXPECTED_DOCS
    show = subprocess.run([sys.executable, "-m", "assistant", "show", "§ 22 Abs. 1 SGB II"], capture_output=True,
                          text=True, env=env, timeout=120, check=True)
    assert "Karenzzeit" in show.stdout and "2025-12-22" in show.stdout


def test_remove_withdraws_document_from_search(index_copy: Workspace) -> None:
    retriever = Retriever(index_copy)
    assert any(h.unit.doc == "FW § 21" for h in retriever.retrieve("Mehrbedarf Alleinerziehende Rz. 21.27", Audience.STAFF).hits)
    assert Ingestor(index_copy).remove("FW § 21")
    hits = retriever.retrieve("Mehrbedarf Alleinerziehende Rz. 21.27", Audience.STAFF).hits
    assert all(h.unit.doc != "FW § 21" for h in hits)
    assert index_copy.store.all_ids() == index_copy.catalog.active_chroma_ids()


KILL_SCRIPT = """
import sys
from pathlib import Path
from assistant.config import Settings
from assistant.ingest import Ingestor
from assistant.workspace import Workspace
ws = Workspace(Settings(index_dir=Path(sys.argv[1])))
Ingestor(ws).ingest_paths([Path(sys.argv[2])])
"""


def test_kill_during_ingestion_keeps_old_version_searchable(index_copy: Workspace, tmp_path: Path) -> None:
    """kill -9 in the middle of a law update: the old version stays whole; the next run repairs."""
    index_dir = index_copy.settings.index_dir
    zipped = CORPUS_SOURCES / "gii-2025-02" / "sgb_2.xml.zip"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(index_dir), str(zipped)])
    time.sleep(4.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    ws = Workspace(Settings(index_dir=index_dir))
    active = ws.catalog.active_version("SGB II")
    assert active.stand in ("2025-12-22", "2025-02-24")  # old or new, never a mix
    units = ws.catalog.units_of_version(active.id)
    assert len(units) == active.n_units
    hits = Retriever(ws).retrieve("§ 22 Abs. 1 SGB II", Audience.STAFF).hits
    assert hits[0].unit.label == "§ 22 Abs. 1" and hits[0].unit.stand == active.stand
    Ingestor(ws).repair()
    assert ws.store.all_ids() == ws.catalog.active_chroma_ids()


def test_cli_unreachable_chroma_server_gives_german_message(tmp_path: Path) -> None:
    """Regression: an unexpected failure (here: no Chroma server on the port) printed a traceback."""
    env = {**os.environ, "JCA_INDEX_DIR": str(tmp_path / "index"), "JCA_CHROMA_MODE": "server",
           "JCA_CHROMA_HOST": "127.0.0.1", "JCA_CHROMA_PORT": "1"}
    env.pop("JCA_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr + proc.stdout
    err = " ".join(proc.stderr.split())
    # issue 15: the message names the vector store and what it means for the index
    assert "Vektorspeicher (Chroma-Server 127.0.0.1:1)" in err and "Der Index ist unverändert" in err, err
    assert "Unerwarteter Fehler" not in err
