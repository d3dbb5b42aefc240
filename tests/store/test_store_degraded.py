"""A real Chroma server stopped, restarted empty, and filled from another catalog (issue 15, item 2).

While the vector store is not usable the assistant answers from lexical search (BM25 and exact
references) with a German notice, `status` and the staff views say what is wrong with the store, and the
CLI names the store in its error. Before the fix: a service or CLI started while the server was down
failed with "Unerwarteter Fehler (ValueError)", one started against an empty server refused everything,
`status` listed the documents as if all was well, and an ingest in the running service failed with
"Collection does not exist".
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import cli
from assistant.answering.service import answer
from assistant.catalog import Catalog
from assistant.config import PROJECT_ROOT, Settings
from assistant.health import NOTICE_LEXICAL, StoreState, check_store
from assistant.ingest import Ingestor
from assistant.model import Audience, Visibility
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace
from conftest import CORPUS, free_port

QUESTIONS = ["Wie lange dauert die Karenzzeit beim Vermögen?", "Was regelt § 20 SGB II?",
             "Welche Kosten der Unterkunft und Heizung werden übernommen?"]
NOTE = "# Sprechstunde\n\nDie offene Sprechstunde zum Bürgergeld ist dienstags von 9 bis 12 Uhr im Raum Zebrafink.\n"


class ChromaServer:
    """`chroma run` on a fixed port, stopped and started again with the same or another data folder."""

    def __init__(self) -> None:
        self.binary = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
        assert self.binary, "the chroma CLI ships with the chromadb package"
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self, data: Path) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        pytest.fail("chroma server did not start")

    def stop(self, kill: bool = False) -> None:
        if self.proc is not None:
            self.proc.kill() if kill else self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


class KillServerAfterSwitch(Catalog):
    """The real catalog; right after a version switch commits, the Chroma server is killed (SIGKILL)."""

    def __init__(self, path: Path, server: ChromaServer) -> None:
        super().__init__(path)
        self.server = server

    def activate_version(self, *args, **kwargs) -> int:
        version_id = super().activate_version(*args, **kwargs)
        self.server.stop(kill=True)
        return version_id


@pytest.fixture()
def server() -> ChromaServer:
    srv = ChromaServer()
    yield srv
    srv.stop()


def _cli(settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str]:
    """`python -m assistant …` in this process, on these settings: (exit code, stdout + stderr)."""
    monkeypatch.setattr(cli, "Workspace", lambda: Workspace(settings))
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, " ".join((out.out + out.err).split())


def _lexical_answers(retriever: Retriever) -> int:
    """How many of QUESTIONS get a sourced citizen answer that says it comes from lexical search only."""
    good = 0
    for question in QUESTIONS:
        result = answer(question, Audience.CITIZEN, retriever=retriever)
        good += bool(result.sources) and not result.refused and result.notice.startswith(NOTICE_LEXICAL)
    return good


def test_server_down_then_back_empty_then_foreign(server: ChromaServer, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture) -> None:
    settings = Settings(index_dir=tmp_path / "index", chroma_mode="server", chroma_host="127.0.0.1",
                        chroma_port=server.port, store_retry_s=0.0)
    server.start(tmp_path / "chroma-1")
    ws = Workspace(settings)
    assert not Ingestor(ws).ingest_paths([CORPUS / "gesetze" / "sgb_2.xml"]).failed
    running = Retriever(ws)  # the service, started while the store was up
    assert running.store_health.ok and running.store_notice == ""
    note = tmp_path / "notiz.md"
    note.write_text(NOTE, encoding="utf-8")

    # --- the server is down ------------------------------------------------------------------------------
    server.stop()
    env = {**os.environ, "JCA_INDEX_DIR": str(settings.index_dir), "JCA_CHROMA_MODE": "server",
           "JCA_CHROMA_PORT": str(server.port), "PYTHONPATH": str(PROJECT_ROOT), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-m", "assistant", "ask", QUESTIONS[0], "--json"], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-500:]
    asked = json.loads(proc.stdout)
    assert asked["mode"] != "refused" and asked["notice"].startswith(NOTICE_LEXICAL)
    assert any(s["citation"].startswith("§ 12") for s in asked["sources"]), asked["sources"]

    started_down = Retriever(Workspace(settings))  # a service started while the server is down
    assert started_down.store_health.state is StoreState.UNREACHABLE
    assert _lexical_answers(started_down) == len(QUESTIONS)

    code, out = _cli(settings, monkeypatch, capsys, "status")
    assert code == 0 and f"Chroma-Server 127.0.0.1:{server.port}" in out and "nicht erreichbar" in out, out
    from assistant.accounts import UserStore
    from ui.app import AssistantApp

    ui = AssistantApp(Workspace(settings), UserStore(None), started_down)
    assert "nicht erreichbar" in ui.shared.store_hint() and "nicht erreichbar" in ui.shared.store_hint(live=True)
    code, out = _cli(settings, monkeypatch, capsys, "ingest", str(note), "--name", "Notiz", "--visibility", "public")
    assert code == 1, out  # a service that failed, not refused input
    assert "Vektorspeicher (Chroma-Server" in out and "Der Index ist unverändert" in out, out
    assert "Unerwarteter Fehler" not in out
    assert ws.catalog.active_version("Notiz") is None

    # --- back, but empty (restarted without its data) ---------------------------------------------------
    server.start(tmp_path / "chroma-2")
    code, out = _cli(settings, monkeypatch, capsys, "status")
    assert code == 0 and "ist leer" in out and "484 Einheiten" in out, out
    fresh = Retriever(Workspace(settings))
    assert fresh.store_health.state is StoreState.EMPTY
    assert _lexical_answers(fresh) == len(QUESTIONS)
    assert _lexical_answers(started_down) == len(QUESTIONS)  # it noticed the server is back, but empty
    assert started_down.store_health.state is StoreState.EMPTY
    assert "ist leer" in ui.shared.store_hint() and "ist leer" in ui.shared.store_hint(live=True)

    # --- another catalog's collection of the same name ------------------------------------------------
    other = Workspace(Settings(index_dir=tmp_path / "other", chroma_mode="server", chroma_host="127.0.0.1",
                               chroma_port=server.port))
    assert not Ingestor(other).ingest_paths([note], name="Fremd", visibility=Visibility.PUBLIC).failed
    assert check_store(ws).state is StoreState.FOREIGN
    code, out = _cli(settings, monkeypatch, capsys, "status")
    assert code == 0 and "fremde Sammlung" in out, out
    assert _lexical_answers(Retriever(Workspace(settings))) == len(QUESTIONS)

    # --- the next ingest in the running service repairs the store --------------------------------------
    summary = Ingestor(ws).ingest_paths([note], name="Notiz", visibility=Visibility.PUBLIC)
    assert not summary.failed, [r.error for r in summary.failed]
    assert check_store(ws).ok
    for retriever in (running, started_down, fresh):
        result = answer(QUESTIONS[0], Audience.CITIZEN, retriever=retriever)
        assert retriever.store_notice == "" and not result.notice.startswith(NOTICE_LEXICAL)
        assert any(s.citation.startswith("§ 12") for s in result.sources)
    code, out = _cli(settings, monkeypatch, capsys, "status")
    assert code == 0 and "485 von 485 Vektoren vorhanden" in out, out
    assert ui.shared.store_hint() == "" and ui.shared.store_hint(live=True) == ""


def test_failure_after_the_switch_is_reported_as_such(server: ChromaServer, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture) -> None:
    """Issue 15, item 3: Chroma killed right after the switch; before the fix the CLI said "Der Index ist
    unverändert" although the new version was live."""
    settings = Settings(index_dir=tmp_path / "index", chroma_mode="server", chroma_host="127.0.0.1",
                        chroma_port=server.port)
    data = tmp_path / "chroma"
    server.start(data)
    note = tmp_path / "notiz.md"
    note.write_text(NOTE, encoding="utf-8")
    ws = Workspace(settings)
    assert not Ingestor(ws).ingest_paths([note], name="Notiz", visibility=Visibility.PUBLIC).failed
    old = ws.catalog.active_version("Notiz")

    note.write_text(NOTE + "\nIn den Ferien entfällt die Sprechstunde.\n", encoding="utf-8")
    ws.__dict__["catalog"] = KillServerAfterSwitch(settings.catalog_path, server)  # Workspace.catalog is cached
    monkeypatch.setattr(cli, "Workspace", lambda: ws)
    code = cli.main(["ingest", str(note), "--name", "Notiz", "--visibility", "public"])
    out = " ".join((capsys.readouterr().err).split())
    new = ws.catalog.active_version("Notiz")
    assert new.id != old.id and new.n_units == 1  # the switch happened: the new version is live
    assert code == 1, out  # a service that failed, not refused input
    assert "Die neue Version von „Notiz“ ist bereits aktiv" in out and "fehlgeschlagen" in out, out
    assert "Vektorspeicher (Chroma-Server" in out, out
    assert "unverändert" not in out, out

    # the server comes back with its data: the next ingest removes the old version's vector
    server.start(data)
    ws.__dict__["catalog"] = Catalog(settings.catalog_path)
    assert not Ingestor(ws).ingest_paths([note], name="Notiz", visibility=Visibility.PUBLIC).failed
    assert ws.store.all_ids() == ws.catalog.active_chroma_ids()
