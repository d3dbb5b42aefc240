"""The editorial service on the real corpus: preview changes nothing, confirm ingests, every step is audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.editorial import EditorialService, FileProblem, Outcome, PendingUpload, PreviewItem, Refused, Upload
from assistant.model import Visibility
from assistant.workspace import Workspace
from conftest import CORPUS, snapshot

KDU = "KdU-Richtlinie Beispielkreis"
KDU_FILE = CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md"


def _actions(ws: Workspace, actor: str) -> list[tuple[str, str]]:
    return [(action, detail) for _, who, action, detail in ws.catalog.audit_log(1000) if who == actor]


def _uploaded_files(ws: Workspace) -> list:
    folder = ws.settings.uploads_dir
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_preview_confirm_withdraw_and_audit(index_copy: Workspace, tmp_path: Path) -> None:
    ws, service = index_copy, EditorialService(index_copy)
    old = ws.catalog.active_version(KDU)
    assert old is not None and old.visibility == "internal"
    new_text = KDU_FILE.read_text(encoding="utf-8").replace("487,50 Euro", "499,00 Euro")
    assert new_text != KDU_FILE.read_text(encoding="utf-8")
    upload = tmp_path / "browser-temp.md"
    upload.write_text(new_text, encoding="utf-8")

    before = snapshot(ws)
    preview = service.preview([Upload(str(upload), "../KdU neu.md")], "erik", name=KDU)
    assert snapshot(ws) == before  # a preview changes nothing in the index
    [item] = preview.items
    assert isinstance(item, PreviewItem) and item.file == "KdU_neu.md"  # copied to a safe name
    assert item.report.status == "updated" and item.report.changed >= 1 and item.report.changed_sections
    assert item.visibility is Visibility.INTERNAL  # a new version keeps the document's visibility
    assert ws.settings.uploads_dir.resolve() in item.path.resolve().parents and item.path.exists()
    [pending] = preview.pending
    assert PendingUpload.from_state(pending.to_state()) == pending  # survives the session state

    [result] = service.ingest(preview.pending, "erik")
    assert result.outcome is Outcome.DONE and result.name == KDU, result
    assert result.report is not None and result.report.changed == item.report.changed
    new = ws.catalog.active_version(KDU)
    assert new.id != old.id and new.visibility == "internal"
    assert ws.catalog.active_version_by_id(old.id) is None and ws.catalog.active_version_by_id(new.id) == new
    texts = " ".join(u.unit.text for u in ws.catalog.units_of_version(new.id))
    assert "499,00 Euro" in texts and "487,50 Euro" not in texts
    assert ("ingest", f"{KDU} → Version {new.id} (Stand {new.stand})") in _actions(ws, "erik")

    again = service.preview([Upload(str(upload), "KdU neu.md")], "erik", name=KDU)
    [unchanged] = service.ingest(again.pending, "erik")
    assert unchanged.outcome is Outcome.UNCHANGED and ws.catalog.active_version(KDU).id == new.id
    assert not Path(again.pending[0].path).exists()  # the copy of an unchanged file is discarded

    assert service.withdraw(KDU, "erik") is True
    assert KDU not in [v.name for v in service.documents()]
    assert ("remove", KDU) in _actions(ws, "erik")
    assert service.withdraw(KDU, "erik") is False


def test_preview_refuses_foreign_paths_and_reports_unreadable_files(index_copy: Workspace, tmp_path: Path) -> None:
    ws, service = index_copy, EditorialService(index_copy)
    before = snapshot(ws)
    file = tmp_path / "erreichbarkeit.md"  # a new document, not one of the corpus (that would be a duplicate)
    file.write_text("# Erreichbarkeit\n\n## Sprechzeiten\n\nDas Jobcenter ist montags bis freitags erreichbar.\n",
                    encoding="utf-8")
    with pytest.raises(Refused) as refused:
        service.preview([Upload(str(file), file.name)], "erik", owned=lambda _path: False)
    assert refused.value.error and "nicht in dieser Sitzung hochgeladen" in refused.value.message
    assert ("upload-abgelehnt", "Datei nicht in dieser Sitzung hochgeladen") in _actions(ws, "erik")
    assert _uploaded_files(ws) == []  # nothing was read or copied
    with pytest.raises(Refused) as empty:
        service.preview([], "erik")
    assert not empty.value.error
    with pytest.raises(Refused):
        service.preview([Upload(str(file), "a.md"), Upload(str(file), "b.md")], "erik", name="Ein Name")

    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.7\nkaputt")
    preview = service.preview([Upload(str(broken), "kaputt.pdf"), Upload(str(file), file.name)], "erik",
                              visibility=Visibility.PUBLIC)
    problem, item = preview.items
    assert isinstance(problem, FileProblem) and problem.message
    assert isinstance(item, PreviewItem) and item.visibility is Visibility.PUBLIC
    assert [p.file for p in preview.pending] == [item.file]
    assert any(action == "upload-abgelehnt" and "kaputt.pdf" in detail for action, detail in _actions(ws, "erik"))
    assert _uploaded_files(ws) == [item.path]  # the unreadable file's copy is gone at once
    service.discard(preview.pending)
    assert _uploaded_files(ws) == []
    assert snapshot(ws) == before
    assert service.cancel() is False  # nothing running


def test_faq_confirm_refuses_unknown_entries(built_workspace: Workspace) -> None:
    service = EditorialService(built_workspace)
    with pytest.raises(Refused):
        service.faq_confirm("gibt-es-nicht", "erik")
    assert service.faq_retire("gibt-es-nicht", "erik") is False
