"""Guards of ingestion (issue 15, items 5–7): fundamental replacements need confirmation, a cap on units per
document with a time estimate, cancelling a running ingestion, and hostile paths on the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import InvalidDocumentError
from assistant.ingest import Ingestor
from assistant.model import Audience, Visibility
from assistant.retrieval.lookup import UnitLookup
from assistant.retrieval.references import find_references
from assistant.workspace import Workspace
from conftest import CORPUS


def snapshot(ws: Workspace) -> tuple:
    versions = [(v.name, v.id, v.sha256, v.n_units, v.stand, v.visibility) for v in ws.catalog.active_versions()]
    return versions, sorted(ws.store.all_ids()), ws.catalog.generation()


@pytest.fixture()
def index_copy(built_workspace: Workspace, tmp_path: Path) -> Workspace:
    target = tmp_path / "index"
    shutil.copytree(built_workspace.settings.index_dir, target)
    return Workspace(Settings(index_dir=target))


def same_index(ws: Workspace, **settings: object) -> Workspace:
    """Another workspace on the same index with other settings."""
    return Workspace(Settings(index_dir=ws.settings.index_dir, **settings))


def cli(index_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JCA_INDEX_DIR": str(index_dir), "COLUMNS": "400"}
    env.pop("JCA_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def citizen_sees_section_20(ws: Workspace) -> bool:
    """§ 20 SGB II as the exact-reference lookup serves it to citizens (from the catalog: the running search
    of this process would keep an old view of a store another process changed, which is issue 15, item 1)."""
    lookup = UnitLookup(ws.catalog.active_units())
    return any(su.unit.doc == "SGB II" and su.unit.label.startswith("§ 20")
               for ref in find_references("§ 20 Abs. 1 SGB II") for su in lookup.resolve(ref, Audience.CITIZEN))


# --- item 5: a replacement that changes kind, visibility or most of a law needs confirmation ----------


def test_cli_refuses_fundamental_replacement_unless_confirmed(index_copy: Workspace, tmp_path: Path) -> None:
    index_dir = index_copy.settings.index_dir
    note = tmp_path / "note.md"
    note.write_text("# Notiz\n\nNur eine interne Notiz zum Regelbedarf.\n", encoding="utf-8")
    law_units = index_copy.catalog.active_version("SGB II").n_units
    assert citizen_sees_section_20(index_copy)
    before = snapshot(index_copy)

    refused = cli(index_dir, "ingest", str(note), "--visibility", "internal", "--name", "SGB II")
    assert refused.returncode != 0, refused.stdout
    assert "Traceback" not in refused.stderr + refused.stdout
    assert "Art: Gesetz → Sonstiges" in refused.stderr
    assert "Sichtbarkeit: öffentlich → intern" in refused.stderr
    assert f"Einheiten: {law_units} → 1" in refused.stderr
    assert "--confirm-replace" in refused.stderr
    ws = Workspace(Settings(index_dir=index_dir))
    assert snapshot(ws) == before and citizen_sees_section_20(ws)  # citizens keep § 20 SGB II

    confirmed = cli(index_dir, "ingest", str(note), "--visibility", "internal", "--name", "SGB II",
                    "--confirm-replace")
    assert confirmed.returncode == 0, confirmed.stderr
    ws = Workspace(Settings(index_dir=index_dir))
    active = ws.catalog.active_version("SGB II")
    assert active.visibility == Visibility.INTERNAL and active.n_units == 1
    assert not citizen_sees_section_20(ws)  # what the editor confirmed


def test_preview_shows_the_fundamental_changes(index_copy: Workspace, tmp_path: Path) -> None:
    """The preview lists them; an ordinary new version (same kind and visibility) lists nothing."""
    built_workspace = index_copy
    law_units = built_workspace.catalog.active_version("SGB II").n_units
    note = tmp_path / "sgb_2.xml"  # a "law" of one paragraph under the name of SGB II
    text = (CORPUS / "gesetze" / "sgb_2.xml").read_text(encoding="utf-8")
    head, rest = text.split("<norm", 1)
    norms = rest.split("<norm")
    small = head + "<norm" + norms[0] + "<norm" + norms[30].split("</norm>")[0] + "</norm></dokumente>\n"
    note.write_text(small, encoding="utf-8")
    report = Ingestor(built_workspace).preview(note)
    assert report.name == "SGB II"
    assert report.replacement_changes == [f"Einheiten: {law_units} → {report.added + report.changed + report.unchanged}"]
    before = snapshot(built_workspace)
    refused = Ingestor(built_workspace).ingest_paths([note]).reports[0]
    assert refused.status == "failed" and "Einheiten:" in refused.error
    assert snapshot(built_workspace) == before
    same = Ingestor(built_workspace).preview(CORPUS / "gesetze" / "sgb_2.xml")
    assert same.replacement_changes == []


def test_redaktion_preview_shows_changes_and_needs_the_confirmation_box(index_copy: Workspace, tmp_path: Path) -> None:
    import gradio as gr

    from test_ui import EDITOR, _users_file, as_upload
    from ui.app import AssistantApp
    from ui.auth import UserStore

    index_copy = same_index(index_copy, embedding_seconds_per_unit=0.02)  # no measurement needed here
    core = AssistantApp(index_copy, UserStore(_users_file(tmp_path)))
    editor = gr.Request(username=EDITOR[0])
    law_units = index_copy.catalog.active_version("SGB II").n_units
    note = tmp_path / "note.md"
    note.write_text("# Notiz\n\nNur eine interne Notiz.\n", encoding="utf-8")
    message, pending, _ = core.preview_uploads([as_upload(core, EDITOR[0], note)], "intern", "SGB II", [], editor)
    assert f"Art: Gesetz → Sonstiges · Sichtbarkeit: öffentlich → intern · Einheiten: {law_units} → 1" in message
    before = snapshot(index_copy)
    refused = core.ingest_pending(pending, editor)[0]
    assert "grundlegend" in refused and "Der Index ist unverändert" in refused
    assert snapshot(index_copy) == before and citizen_sees_section_20(index_copy)
    message, pending, _ = core.preview_uploads([as_upload(core, EDITOR[0], note)], "intern", "SGB II", [], editor)
    done = core.ingest_pending(pending, editor, True)[0]
    assert "Erledigt" in done, done
    assert index_copy.catalog.active_version("SGB II").n_units == 1


# --- item 6: a cap on units per document, an embedding-time estimate, cancelling ---------------------


def big_markdown(path: Path, sections: int, words: int = 12) -> Path:
    """A generated Markdown file: one citable unit per section, each text unique (nothing is cached)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# Großes Handbuch\n\n")
        for i in range(sections):
            fh.write(f"## Abschnitt {i}\n\n" + " ".join(f"Regel{i}-{w}" for w in range(words))
                     + f" gilt für den Fall {i} im Jobcenter.\n\n")
    return path


def test_units_per_document_are_capped(index_copy: Workspace, tmp_path: Path) -> None:
    big = big_markdown(tmp_path / "handbuch.md", 2500)  # 2,500 sections (the default cap: 2,000 units)
    before = snapshot(index_copy)
    with pytest.raises(InvalidDocumentError, match="2500 Einheiten; erlaubt sind höchstens 2000"):
        Ingestor(index_copy).preview(big)  # old code: a preview of 2,500 new units (then about 40 min of embedding)
    report = Ingestor(index_copy).ingest_paths([big]).reports[0]
    assert report.status == "failed" and "JCA_MAX_UNITS_PER_DOCUMENT" in report.error and report.embedded == 0
    assert snapshot(index_copy) == before
    raised = same_index(index_copy, max_units_per_document=3000, embedding_seconds_per_unit=0.02)
    assert Ingestor(raised).preview(big).added == 2500  # configurable


def test_preview_estimates_the_embedding_time(index_copy: Workspace, tmp_path: Path) -> None:
    doc = big_markdown(tmp_path / "handbuch.md", 120)
    measured = Ingestor(index_copy).preview(doc)
    assert measured.to_embed == 120 and measured.estimated_seconds > 0
    fixed = same_index(index_copy, embedding_seconds_per_unit=1.5)
    report = Ingestor(fixed).preview(doc)
    assert report.to_embed == 120 and report.estimated_seconds == pytest.approx(180.0)
    known = Ingestor(index_copy).preview(CORPUS / "gesetze" / "sgb_2.xml")
    assert known.to_embed == 0 and known.estimated_seconds == 0  # everything embedded already


def test_cancel_stops_a_real_ingestion_between_batches(index_copy: Workspace, tmp_path: Path) -> None:
    import threading

    from assistant.errors import IngestCancelled

    index_copy = same_index(index_copy, embedding_batch_size=4)  # many short batches: a quick test
    doc = big_markdown(tmp_path / "handbuch.md", 400)
    before = snapshot(index_copy)
    cancel = threading.Event()
    batches: list[int] = []

    def progress(done: int, total: int, what: str) -> None:
        if what.startswith("Einbettung"):
            batches.append(done)
            if done >= 2 * index_copy.settings.embedding_batch_size:
                cancel.set()

    with pytest.raises(IngestCancelled, match="abgebrochen"):
        Ingestor(index_copy, progress, cancel).ingest_paths([doc], name="Handbuch")
    assert len(batches) == 3 and batches[-1] < 400  # stopped mid-way, after the third batch had started
    assert snapshot(index_copy) == before
    assert index_copy.catalog.active_version("Handbuch") is None
    again = Ingestor(index_copy).ingest_paths([CORPUS / "gesetze" / "sgb_2.xml"]).reports[0]
    assert again.status == "unchanged"  # the lock was released


def test_redaktion_cancel_button_stops_the_running_ingestion(index_copy: Workspace, tmp_path: Path) -> None:
    import threading
    import time

    import gradio as gr

    from test_ui import EDITOR, _users_file, as_upload
    from ui.app import AssistantApp
    from ui.auth import UserStore

    index_copy = same_index(index_copy, embedding_batch_size=4, embedding_seconds_per_unit=0.02)
    core = AssistantApp(index_copy, UserStore(_users_file(tmp_path)))
    editor = gr.Request(username=EDITOR[0])
    doc = big_markdown(tmp_path / "handbuch.md", 1500)
    message, pending, _ = core.preview_uploads([as_upload(core, EDITOR[0], doc)], "intern", "Handbuch", [], editor)
    assert "einzubetten: 1500 Einheiten, unter 1 min" in message, message  # 1,500 × 0.02 s
    assert core.cancel_ingest(editor) == "Es läuft gerade keine Aufnahme."
    before = snapshot(index_copy)
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(core.ingest_pending(pending, editor)[0]))
    start = time.monotonic()
    worker.start()
    while not core._ingest_lock.locked() and time.monotonic() - start < 10:
        time.sleep(0.05)
    time.sleep(1.0)  # well into the embedding (1,500 new texts take far longer)
    assert "Abbruch angefordert" in core.cancel_ingest(editor)
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert "Abgebrochen" in result[0] and "unverändert" in result[0], result[0]
    assert snapshot(index_copy) == before
    assert any(a == "aufnahme-abgebrochen" for _, _, a, _ in index_copy.catalog.audit_log(5))
