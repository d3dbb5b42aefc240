"""The same ingestion and retrieval against a real Chroma server (`chroma run`) that the test starts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.ingest import Ingestor
from assistant.model import Audience, Visibility
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace
from conftest import CORPUS, free_port


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with the chromadb package"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_ingest_and_retrieve_against_chroma_server(chroma_server: int, tmp_path: Path) -> None:
    ws = Workspace(Settings(index_dir=tmp_path / "index", chroma_mode="server", chroma_host="127.0.0.1",
                            chroma_port=chroma_server))
    ingestor = Ingestor(ws)
    summary = ingestor.ingest_paths([CORPUS / "gesetze" / "sgb_2.xml"])
    summary2 = ingestor.ingest_paths([CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md"],
                                     name="KdU-Richtlinie Beispielkreis", visibility=Visibility.INTERNAL)
    assert not summary.failed and not summary2.failed
    assert not (tmp_path / "index" / "chroma").exists()  # vectors live on the server, not on local disk
    assert ws.store.all_ids() == ws.catalog.active_chroma_ids()

    retriever = Retriever(ws)
    top = retriever.retrieve("Wie lange dauert die Karenzzeit beim Vermögen?", Audience.CITIZEN).hits[0]
    assert (top.unit.doc, top.unit.section) == ("SGB II", "§ 12")
    question = "Mietobergrenze Beispielkreis für einen Einpersonenhaushalt"
    staff = retriever.retrieve(question, Audience.STAFF).hits
    citizen = retriever.retrieve(question, Audience.CITIZEN, k=50).hits
    assert staff[0].unit.visibility == Visibility.INTERNAL
    assert citizen and all(h.unit.visibility == Visibility.PUBLIC for h in citizen)
    assert all(h.dense == 0 or h.unit.visibility == Visibility.PUBLIC for h in citizen)
