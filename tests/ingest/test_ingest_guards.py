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
from assistant.retrieval.retriever import Retriever
from assistant.retrieval.references import find_references
from assistant.workspace import Workspace
from conftest import CORPUS, snapshot


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
    from assistant.accounts import UserStore
    from ui.app import AssistantApp

    index_copy = same_index(index_copy, embedding_seconds_per_unit=0.02)  # no measurement needed here
    core = AssistantApp(index_copy, UserStore(_users_file(tmp_path)))
    editor = gr.Request(username=EDITOR[0])
    law_units = index_copy.catalog.active_version("SGB II").n_units
    note = tmp_path / "note.md"
    note.write_text("# Notiz\n\nNur eine interne Notiz.\n", encoding="utf-8")
    message, pending, _ = core.editor.preview_uploads([as_upload(core, EDITOR[0], note)], "intern", "SGB II", [], editor)
    assert f"Art: Gesetz → Sonstiges · Sichtbarkeit: öffentlich → intern · Einheiten: {law_units} → 1" in message
    before = snapshot(index_copy)
    refused = core.editor.ingest_pending(pending, editor)[0]
    assert "grundlegend" in refused and "Der Index ist unverändert" in refused
    assert snapshot(index_copy) == before and citizen_sees_section_20(index_copy)
    message, pending, _ = core.editor.preview_uploads([as_upload(core, EDITOR[0], note)], "intern", "SGB II", [], editor)
    done = core.editor.ingest_pending(pending, editor, True)[0]
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
    from assistant.accounts import UserStore
    from ui.app import AssistantApp

    index_copy = same_index(index_copy, embedding_batch_size=4, embedding_seconds_per_unit=0.02)
    core = AssistantApp(index_copy, UserStore(_users_file(tmp_path)))
    editor = gr.Request(username=EDITOR[0])
    doc = big_markdown(tmp_path / "handbuch.md", 1500)
    message, pending, _ = core.editor.preview_uploads([as_upload(core, EDITOR[0], doc)], "intern", "Handbuch", [], editor)
    assert "einzubetten: 1500 Einheiten, unter 1 min" in message, message  # 1,500 × 0.02 s
    assert core.editor.cancel_ingest(editor) == "Es läuft gerade keine Aufnahme."
    before = snapshot(index_copy)
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(core.editor.ingest_pending(pending, editor)[0]))
    start = time.monotonic()
    worker.start()
    while not core.editorial.ingesting and time.monotonic() - start < 10:
        time.sleep(0.05)
    time.sleep(1.0)  # well into the embedding (1,500 new texts take far longer)
    assert "Abbruch angefordert" in core.editor.cancel_ingest(editor)
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert "Abgebrochen" in result[0] and "unverändert" in result[0], result[0]
    assert snapshot(index_copy) == before
    assert any(a == "aufnahme-abgebrochen" for _, _, a, _ in index_copy.catalog.audit_log(5))


# --- item 7: hostile paths, exit codes, duplicates, running headers, no tracebacks -------------------


def broken_table_docx(path: Path) -> Path:
    """A valid DOCX whose table has a non-numeric gridSpan: python-docx fails inside parse_generic."""
    import io
    import zipfile

    import docx

    document = docx.Document()
    document.add_heading("Titel", 1)
    document.add_paragraph("Text eins.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "a"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode().replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="abc"/>', 1).encode()
            zout.writestr(item, data)
    return path


def test_cli_refuses_hostile_paths_with_clear_messages_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "notiz.md").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "ordner.md").mkdir()
    broken_table_docx(tmp_path / "tabelle.docx")
    index_dir = tmp_path / "index"
    proc = cli(index_dir, "ingest", *(str(tmp_path / n) for n in ("notiz.md", "pipe.md", "ordner.md", "tabelle.docx")))
    err = proc.stderr
    assert proc.returncode == 2, (proc.returncode, err)  # rejected input (old code: 0, /etc/passwd was ingested)
    assert "„notiz.md“" in err and "Verweis (Symlink) auf „/etc/passwd“" in err
    assert "„pipe.md“ kann nicht aufgenommen werden: Das ist keine gewöhnliche Datei" in err
    assert "„ordner.md“ kann nicht aufgenommen werden: Das ist ein Ordner, keine Datei" in err
    assert "„tabelle.docx“ kann nicht aufgenommen werden: Die Datei ist beschädigt" in err
    assert "nicht gefunden" not in err
    assert "Traceback" not in err + proc.stdout  # parse_generic logs its traceback at debug level only
    ws = Workspace(Settings(index_dir=index_dir))
    assert ws.catalog.active_versions() == []


def test_cli_internal_error_has_its_own_exit_code(tmp_path: Path) -> None:
    """A crash (here: no Chroma server on the port) exits with 1, a rejected file with 2."""
    note = tmp_path / "notiz.md"
    note.write_text("# Notiz\n\nText.\n", encoding="utf-8")
    env = {**os.environ, "JCA_INDEX_DIR": str(tmp_path / "index"), "JCA_CHROMA_MODE": "server",
           "JCA_CHROMA_HOST": "127.0.0.1", "JCA_CHROMA_PORT": "1", "COLUMNS": "400"}
    env.pop("JCA_DEBUG", None)
    crash = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(note)], capture_output=True, text=True,
                           env=env, timeout=300)
    assert crash.returncode == 1 and "Chroma-Server 127.0.0.1:1" in crash.stderr, crash.stderr[-300:]
    rejected = cli(tmp_path / "index", "ingest", str(tmp_path / "fehlt.md"))
    assert rejected.returncode == 2 and "nicht gefunden" in rejected.stderr


def test_same_content_under_a_second_name_is_refused(index_copy: Workspace, tmp_path: Path) -> None:
    source = CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md"
    copy = tmp_path / "Kopie.md"
    shutil.copyfile(source, copy)
    before = snapshot(index_copy)
    for kwargs in ({"name": "Zweitname"}, {"visibility": Visibility.PUBLIC}):
        report = Ingestor(index_copy).ingest_paths([copy], **kwargs).reports[0]
        assert report.status == "failed", (kwargs, report)
        assert "bereits als „KdU-Richtlinie Beispielkreis“ aufgenommen" in report.error
    assert snapshot(index_copy) == before
    with pytest.raises(InvalidDocumentError, match="KdU-Richtlinie Beispielkreis"):
        Ingestor(index_copy).preview(copy, name="Zweitname")


def test_distinct_first_lines_of_many_pages_are_not_running_headers(tmp_path: Path) -> None:
    """1,000 pages, each with one line at the top that differs from page to page: all kept. A running
    header repeats the same text, a page counter counts the pages (both still dropped, see test_generic)."""
    import pymupdf

    from assistant.sources.generic import parse_generic

    pages = 1000
    document = pymupdf.open()
    for i in range(pages):
        page = document.new_page()
        page.insert_text((72, 40), f"Eintrag {1000 + 7 * i}: Antrag Nummer {(i * 13) % 997} ist eingegangen.",
                         fontsize=11)
    path = tmp_path / "eingangsbuch.pdf"
    document.save(path)
    doc = parse_generic(path)  # old code: "Die Datei enthält keinen lesbaren Text."
    text = "\n".join(u.text for u in doc.units)
    assert all(f"Eintrag {1000 + 7 * i}:" in text for i in range(pages))


CITIZEN_QUESTIONS = ["Wie hoch ist der Regelbedarf für Alleinstehende?", "Wird meine Miete übernommen?",
                     "Wie viel Vermögen darf ich behalten?", "Muss ich einen Umzug vorher mitteilen?"]


@pytest.mark.slow  # two full retriever loads and an ingestion: 1–3 min on a shared machine
def test_internal_documents_do_not_shift_citizen_bm25(index_copy: Workspace, tmp_path: Path) -> None:
    """BM25 statistics per audience: an internal document full of the questions' words changes nothing
    for citizens (scores and ranks), while staff rankings see it."""
    def ranking(retriever: Retriever, question: str, audience: Audience) -> list[tuple[str, float, float]]:
        hits = retriever.retrieve(question, audience, k=10).hits
        return [(h.unit.chroma_id, round(h.score, 5), round(h.lexical, 5)) for h in hits]

    before = Retriever(index_copy)
    citizen_before = {q: ranking(before, q, Audience.CITIZEN) for q in CITIZEN_QUESTIONS}
    staff_before = {q: ranking(before, q, Audience.STAFF) for q in CITIZEN_QUESTIONS}
    internal = tmp_path / "Arbeitshilfe.md"
    with internal.open("w", encoding="utf-8") as fh:
        fh.write("# Arbeitshilfe intern\n\n")
        for i in range(40):
            fh.write(f"## Hinweis {i}\n\nRegelbedarf Miete Vermögen Umzug Alleinstehende Hinweis {i}: intern "
                     "zu prüfen, Regelbedarf und Miete und Vermögen.\n\n")
    report = Ingestor(index_copy).ingest_paths([internal], name="Arbeitshilfe", visibility=Visibility.INTERNAL)
    assert report.reports[0].status == "added"
    after = Retriever(index_copy)
    assert {q: ranking(after, q, Audience.CITIZEN) for q in CITIZEN_QUESTIONS} == citizen_before
    assert {q: ranking(after, q, Audience.STAFF) for q in CITIZEN_QUESTIONS} != staff_before
