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
