"""The Redaktion at /redaktion (role editor): documents, upload → preview → confirm, withdraw, curated answers,
audit log. The workflow is `assistant.editorial.EditorialService`; this module checks the role, renders the
outcomes in German Markdown and lays out the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.accounts import EDITOR_ROLES
from assistant.editorial import (FileProblem, IngestResult, Outcome, PendingUpload, Preview, PreviewItem, Refused,
                                 Upload)
from assistant.errors import UserFacingError
from assistant.faq.entries import EntryFormatError, from_toml, to_toml
from assistant.faq.store import EntryStatus
from assistant.ingest import CONFIRM_REPLACE_LABEL, duration_text
from assistant.model import Visibility

from . import render
from .common import LOGOUT_PATH, REFUSAL, STAFF_PATH, Shared, fmt_time

FAQ_TEMPLATE = """[[entry]]
id = "thema-kurzname"
topic = "Thema"
audience = "citizen"
reviewed = "{today}"
citations = ["§ 11b Abs. 2 SGB II"]

[entry.de]
questions = ["Wie fragen Menschen das im Alltag?"]
answer = "Die Antwort in Einfacher Sprache (60 bis 150 Wörter)."
next_step = "Was die Person jetzt tun kann."
"""
VISIBILITY_CHOICES = {"öffentlich": Visibility.PUBLIC, "intern": Visibility.INTERNAL}  # "automatisch": by kind


@dataclass(frozen=True)
class DocumentViews:
    """The document table, the audit log and the two document pickers."""

    documents: list[list[Any]]
    audit: list[list[Any]]
    names: list[str]

    def outputs(self) -> tuple:
        return self.documents, self.audit, gr.update(choices=self.names, value=None), gr.update(choices=self.names)


@dataclass(frozen=True)
class UploadView:
    """The upload tab after an action: the message, the pending files (session state), the confirm button."""

    message: str
    pending: list[dict]
    can_confirm: bool = False

    def outputs(self) -> tuple:
        return self.message, self.pending, gr.update(interactive=self.can_confirm)


def upload_of(f: Any) -> Upload | None:
    """The temporary path and original name of a gr.File value."""
    if f is None:
        return None
    path = f if isinstance(f, str) else getattr(f, "path", None) or getattr(f, "name", None)
    original = getattr(f, "orig_name", None) or (Path(path).name if path else "")
    return Upload(str(path), original) if path else None


def problem_text(problem: FileProblem) -> str:
    if problem.file is None:
        return f"**Fehler:** {render.md_text(problem.message)}"
    return f"**Fehler:** **{render.md_text(problem.file)}**: {render.md_text(problem.message)}"


def preview_text(item: PreviewItem) -> str:
    r, vis = item.report, item.visibility
    vis_text = (render.VISIBILITY_LABELS.get(vis.value, vis.value) if vis
                else "automatisch (Gesetze und Weisungen öffentlich, andere Dokumente intern)")
    name, file = render.md_text(r.name), render.md_text(item.file)
    if r.status == "added":
        head = f"**Neues Dokument: {name}** aus {file}: Stand {render.german_date(r.stand_after)}, {r.added} Einheiten"
    else:
        stand = render.german_date(r.stand_after)
        if r.stand_before and r.stand_before != r.stand_after:
            stand = f"{render.german_date(r.stand_before)} → {stand}"
        head = (f"**Neue Version: {name}** aus {file}: Stand {stand}; {r.added} neu, {r.changed} geändert, "
                f"{r.removed} entfernt, {r.unchanged} unverändert")
    text = f"{head} · Sichtbarkeit: {vis_text}"
    if r.to_embed:
        text += f" · einzubetten: {r.to_embed} Einheiten, {duration_text(r.estimated_seconds)}"
    if r.replacement_changes:  # another kind or visibility, or a law shrunk: needs the confirmation box
        text += (f"\n\n**Achtung, grundlegende Änderung:** {render.md_text(' · '.join(r.replacement_changes))}. "
                 f"Zum Aufnehmen „{CONFIRM_REPLACE_LABEL}“ ankreuzen.")
    if r.status == "updated":
        if r.changed_sections:
            shown = render.md_text(", ".join(r.changed_sections[:60]))
            more = f" und {len(r.changed_sections) - 60} weitere" if len(r.changed_sections) > 60 else ""
            text += f"\n\nGeänderte Abschnitte: {shown}{more}"
        else:
            text += "\n\nKeine inhaltlichen Änderungen."
    return text


def preview_message(preview: Preview) -> str:
    lines = [preview_text(i) if isinstance(i, PreviewItem) else problem_text(i) for i in preview.items]
    if preview.pending:
        lines.append("\nMit **„Aufnehmen“** werden diese Änderungen übernommen.")
    return "\n\n".join(lines)


def ingest_text(result: IngestResult) -> str:
    file, name = render.md_text(result.file), render.md_text(result.name)
    if result.outcome is Outcome.CANCELLED:
        rest = result.not_ingested
        return (f"**Abgebrochen:** {render.md_text(result.message)}"
                + (f" Nicht aufgenommen: {render.md_text(', '.join(rest))}." if rest else ""))
    if result.outcome is Outcome.FAILED:
        where = "" if result.message_names_file else f"**{file}**: "
        return f"**Fehler:** {where}{render.md_text(result.message)}"
    if result.outcome is Outcome.UNCHANGED:
        return f"**{name}**: unverändert (diese Datei ist bereits aufgenommen)."
    r = result.report
    assert r is not None
    return (f"**Erledigt:** **{name}**: aufgenommen – {r.added} neu, {r.changed} geändert, "
            f"{r.removed} entfernt, {r.unchanged} unverändert "
            f"(Stand {render.german_date(r.stand_after)}, {result.seconds:.1f} s).")


def _pending(state: Sequence[dict] | None) -> list[PendingUpload]:
    return [PendingUpload.from_state(item) for item in state or []]


class EditorUI:
    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.service = shared.editorial

    def _user(self, request: gr.Request | None) -> str | None:
        return self.shared.user_with(request, EDITOR_ROLES)

    # --- documents -------------------------------------------------------------------------------

    def document_rows(self) -> list[list[Any]]:
        return [[v.name, render.KIND_LABELS.get(v.kind, v.kind),
                 render.VISIBILITY_LABELS.get(v.visibility, v.visibility), render.german_date(v.stand),
                 v.n_units, fmt_time(v.ingested_at), v.id] for v in self.service.documents()]

    def audit_rows(self, limit: int = 200) -> list[list[Any]]:
        return [[fmt_time(ts), actor, render.ACTION_LABELS.get(action, action), detail]
                for ts, actor, action, detail in self.service.audit_log(limit)]

    def views(self) -> DocumentViews:
        rows = self.document_rows()
        return DocumentViews(rows, self.audit_rows(), [row[0] for row in rows])

    def editor_load(self, request: gr.Request) -> tuple:
        user = self._user(request)
        if not user:
            return (REFUSAL, [], [], gr.update(choices=[]), gr.update(choices=[]))
        extra = f' · <a href="{STAFF_PATH}/" target="_self">Mitarbeitende</a>'
        hint = self.shared.index_hint() or self.shared.store_hint(live=True)
        return (render.login_line(user, "Redaktion", LOGOUT_PATH, extra, hint), *self.views().outputs())

    def editor_refresh(self, request: gr.Request) -> tuple:
        if not self._user(request):
            return ([], [], gr.skip(), gr.skip())
        return self.views().outputs()

    def preview_uploads(self, files: list[Any] | None, visibility: str, name: str | None,
                        pending: list[dict] | None, request: gr.Request) -> tuple:
        """Copy the uploads to safe names and show what ingesting them would change; nothing is changed yet."""
        user = self._user(request)
        if not user:
            return UploadView(REFUSAL, pending or []).outputs()
        uploads = [u for u in (upload_of(f) for f in files or []) if u]
        try:
            preview = self.service.preview(uploads, user, visibility=VISIBILITY_CHOICES.get(visibility), name=name,
                                           owned=lambda path: self.shared.uploads.owned_by(user, path),
                                           replaces=_pending(pending))
        except Refused as exc:
            return UploadView(f"**Fehler:** {exc.message}" if exc.error else exc.message, []).outputs()
        new_pending = [p.to_state() for p in preview.pending]
        return UploadView(preview_message(preview), new_pending, bool(new_pending)).outputs()

    def ingest_pending(self, pending: list[dict] | None, request: gr.Request, confirm_replace: bool = False,
                       progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008
        """Ingest the previewed files (from the server-side session state, never from the client)."""
        user = self._user(request)
        if not user:
            return (*UploadView(REFUSAL, pending or []).outputs(), gr.skip(), gr.skip(), gr.skip(), gr.skip())
        if not pending:
            return (*UploadView("Nichts zum Aufnehmen. Bitte zuerst Dateien hochladen und „Änderungen prüfen“.",
                                []).outputs(), *self.views().outputs())
        results = self.service.ingest(_pending(pending), user, confirm_replace=bool(confirm_replace),
                                      progress=lambda fraction, what: progress(fraction, desc=what))
        message = "\n\n".join(ingest_text(r) for r in results)
        return (*UploadView(message, []).outputs(), *self.views().outputs())

    def cancel_ingest(self, request: gr.Request) -> str:
        """Ask the running ingestion to stop before its next embedding batch (the index stays as it was)."""
        if not self._user(request):
            return REFUSAL
        if not self.service.cancel():
            return "Es läuft gerade keine Aufnahme."
        return "Abbruch angefordert – die Aufnahme hält nach dem laufenden Schritt an."

    def discard_pending(self, pending: list[dict] | None, request: gr.Request) -> tuple:
        if not self._user(request):
            return REFUSAL, pending or [], gr.skip()
        self.service.discard(_pending(pending))
        return UploadView("Verworfen – es wurde nichts geändert.", []).outputs()

    def withdraw(self, name: str | None, confirmed: bool, request: gr.Request) -> tuple:
        unchanged = (gr.skip(),) * 5
        user = self._user(request)
        if not user:
            return (REFUSAL, *unchanged)
        if not name:
            return ("Bitte ein Dokument auswählen.", *unchanged)
        if not confirmed:
            return ("Bitte bestätigen Sie das Zurückziehen mit dem Häkchen.", *unchanged)
        try:
            removed = self.service.withdraw(name, user)
        except UserFacingError as exc:
            return (f"**Fehler:** {render.md_text(exc.message)}", *unchanged[:4], False)
        shown = render.md_text(name)
        message = (f"**Erledigt:** „{shown}“ wurde zurückgezogen und ist nicht mehr durchsuchbar." if removed
                   else f"„{shown}“ ist nicht (mehr) im Index.")
        return (message, *self.views().outputs(), False)

    # --- curated answers -------------------------------------------------------------------------

    def faq_rows(self) -> list[list[Any]]:
        return [[e.entry.id, e.entry.topic, e.status.value, e.entry.audience, render.german_date(e.entry.reviewed),
                 "Redaktion" if e.origin == "editor" else "Korpus", e.updated_by]
                for e in self.service.faq.entries()]

    def faq_review_html(self) -> str:
        pending = [e for e in self.service.faq.entries() if e.status is EntryStatus.REVIEW]
        if not pending:
            return '<p class="jca-empty">Keine Einträge zu prüfen: Alle zitierten Fundstellen sind unverändert.</p>'
        parts = [f"<p><strong>{len(pending)} Einträge zu prüfen</strong> – eine zitierte Fundstelle hat sich geändert. "
                 "Bis zur Bestätigung erhalten Bürgerinnen und Bürger dazu die Antwort aus der Suche.</p>"]
        for e in pending:
            parts.append(f"<h4>{render.html.escape(e.entry.id)} – {render.html.escape(e.entry.topic)}</h4>")
            for change in e.changes:
                parts.append(f"<p><strong>{render.html.escape(change.citation)}</strong></p>"
                             + render.word_diff_html(change.old_text, change.new_text))
        return "".join(parts)

    def _faq_views(self) -> tuple:
        ids = [e.entry.id for e in self.service.faq.entries()]
        return self.faq_rows(), self.faq_review_html(), gr.update(choices=ids)

    def faq_refresh(self, request: gr.Request) -> tuple:
        if not self._user(request):
            return [], REFUSAL, gr.skip()
        return self._faq_views()

    def faq_open(self, entry_id: str | None, request: gr.Request) -> tuple:
        if not self._user(request):
            return gr.skip(), REFUSAL
        if not entry_id:
            return FAQ_TEMPLATE.format(today=datetime.now().date().isoformat()), "Neuer Eintrag: Vorlage geladen."
        stored = self.service.faq.get(entry_id)
        if stored is None:
            return gr.skip(), "Diesen Eintrag gibt es nicht."
        return to_toml(stored.entry), f"Eintrag **{render.md_text(entry_id)}** geladen (Status: {stored.status.value})."

    def faq_preview(self, text: str, request: gr.Request) -> str:
        """How the entry reads for citizens, and what the integrity checks find; nothing is stored."""
        if not self._user(request):
            return REFUSAL
        try:
            entry = from_toml(text or "")
        except EntryFormatError as exc:
            return f"**Fehler:** {render.md_text(str(exc))}"
        problems = self.service.faq_check(entry)
        de = entry.texts["de"]
        lines = [f"**Vorschau ({render.md_text(entry.id)}):**", f"> {render.md_text(de.answer)}",
                 f"> **Was Sie jetzt tun können:** {render.md_text(de.next_step)}",
                 f"Fundstellen: {render.md_text(', '.join(entry.citations))}"]
        if problems:
            lines.append("**Prüfung nicht bestanden:**\n" + "\n".join(f"- {render.md_text(p.message)}" for p in problems))
        else:
            lines.append("**Prüfung bestanden:** Sprachen vollständig, Fundstellen vorhanden und öffentlich, "
                         "alle Zahlen stehen in den zitierten Fundstellen.")
        return "\n\n".join(lines)

    def faq_save(self, text: str, request: gr.Request) -> tuple:
        unchanged = (gr.skip(),) * 3
        user = self._user(request)
        if not user:
            return (REFUSAL, *unchanged)
        try:
            entry = from_toml(text or "")
        except EntryFormatError as exc:
            return (f"**Fehler:** {render.md_text(str(exc))}", *unchanged)
        problems = self.service.faq_save(entry, user)
        if problems:
            listed = "\n".join(f"- {render.md_text(p.message)}" for p in problems)
            return (f"**Nicht gespeichert** – die Prüfung hat Fehler gefunden:\n{listed}", *unchanged)
        return (f"**Gespeichert:** „{render.md_text(entry.id)}“ ist geprüft und wird beantwortet.", *self._faq_views())

    def faq_confirm(self, entry_id: str | None, request: gr.Request) -> tuple:
        unchanged = (gr.skip(),) * 3
        user = self._user(request)
        if not user:
            return (REFUSAL, *unchanged)
        try:
            stored = self.service.faq_confirm(entry_id or "", user)
        except Refused as exc:
            return (f"**Nicht bestätigt:** {exc.message}" if exc.error else exc.message, *unchanged)
        return (f"**Bestätigt:** „{render.md_text(stored.entry.id)}“ gilt für die geänderten Fundstellen weiter.",
                *self._faq_views())

    def faq_retire(self, entry_id: str | None, confirmed: bool, request: gr.Request) -> tuple:
        unchanged = (gr.skip(),) * 3
        user = self._user(request)
        if not user:
            return (REFUSAL, *unchanged)
        if not entry_id or not confirmed:
            return ("Bitte einen Eintrag auswählen und das Zurückziehen bestätigen.", *unchanged)
        if not self.service.faq_retire(entry_id, user):
            return ("Diesen Eintrag gibt es nicht.", *unchanged)
        return (f"**Zurückgezogen:** „{render.md_text(entry_id)}“ wird nicht mehr beantwortet.", *self._faq_views())

    # --- layout ----------------------------------------------------------------------------------

    def blocks(self) -> gr.Blocks:
        # Gradio's own copies of uploads are deleted after a day (ours live in <index_dir>/uploads/).
        with gr.Blocks(title="Redaktion – Jobcenter-Assistent", analytics_enabled=False,
                       delete_cache=(3600, 86400)) as demo:
            gr.Markdown("# Jobcenter-Assistent · Redaktion")
            welcome = gr.HTML("")
            pending = gr.State([])
            with gr.Tab("Dokumente"):
                docs = gr.Dataframe(headers=["Dokument", "Art", "Sichtbarkeit", "Stand", "Einheiten",
                                             "zuletzt aufgenommen", "Version"],
                                    interactive=False, wrap=True, label="Aktive Dokumente im Index")
                refresh = gr.Button("Aktualisieren")
            with gr.Tab("Hochladen / ersetzen"):
                gr.Markdown("Neue Dokumente hochladen oder ein vorhandenes durch eine neue Version ersetzen. "
                            "Zuerst werden die Änderungen angezeigt; erst **„Aufnehmen“** ändert den Index.")
                files = gr.File(label="Dateien (PDF, XML/ZIP von gesetze-im-internet.de, DOCX, Markdown, HTML, Text)",
                                file_count="multiple", type="filepath")
                with gr.Row():
                    visibility = gr.Radio(["automatisch", *VISIBILITY_CHOICES], value="automatisch",
                                          label="Sichtbarkeit",
                                          info="öffentlich: auch für die Bürgerinfo; intern: nur Mitarbeitende")
                    name = gr.Dropdown([], value=None, allow_custom_value=True, label="Dokumentname (optional)",
                                       info="Einen vorhandenen Namen wählen, um dieses Dokument zu ersetzen.")
                with gr.Row():
                    preview_btn = gr.Button("Änderungen prüfen", variant="secondary")
                    confirm_btn = gr.Button("Aufnehmen", variant="primary", interactive=False)
                    discard_btn = gr.Button("Verwerfen")
                    cancel_btn = gr.Button("Aufnahme abbrechen", variant="stop")
                confirm_replace = gr.Checkbox(label=CONFIRM_REPLACE_LABEL, value=False,
                                              info="nötig, wenn eine Ersetzung Art oder Sichtbarkeit ändert "
                                                   "oder ein Gesetz stark verkleinert")
                upload_msg = gr.Markdown("")
            with gr.Tab("Zurückziehen"):
                withdraw_name = gr.Dropdown([], label="Dokument")
                withdraw_ok = gr.Checkbox(label="Ja, dieses Dokument aus dem Index zurückziehen", value=False)
                withdraw_btn = gr.Button("Zurückziehen", variant="stop")
                withdraw_msg = gr.Markdown("")
            with gr.Tab("Häufige Fragen"):
                gr.Markdown("Geprüfte Antworten für die Bürgerinfo. Jede Antwort ist an die Fundstellen gebunden, "
                            "die sie zitiert: Ändert eine Aufnahme deren Text, ist der Eintrag **zu prüfen** und wird "
                            "bis zur Bestätigung nicht beantwortet.")
                faq_table = gr.Dataframe(headers=["Eintrag", "Thema", "Status", "Zielgruppe", "geprüft am", "Herkunft",
                                                  "zuletzt von"], interactive=False, wrap=True,
                                         label="Einträge")
                faq_review = gr.HTML("")
                with gr.Row():
                    faq_pick = gr.Dropdown([], value=None, label="Eintrag", allow_custom_value=False)
                    faq_open_btn = gr.Button("Öffnen / neuer Eintrag")
                    faq_confirm_btn = gr.Button("Geänderte Fundstellen bestätigen")
                faq_text = gr.Code(label="Eintrag (TOML: Fragen, Antwort und nächster Schritt je Sprache)",
                                   language=None, lines=22)
                with gr.Row():
                    faq_preview_btn = gr.Button("Vorschau und Prüfung")
                    faq_save_btn = gr.Button("Speichern", variant="primary")
                    faq_retire_ok = gr.Checkbox(label="Ja, zurückziehen", value=False)
                    faq_retire_btn = gr.Button("Zurückziehen", variant="stop")
                faq_msg = gr.Markdown("")
            with gr.Tab("Protokoll"):
                audit = gr.Dataframe(headers=["Zeit", "Wer", "Aktion", "Details"], interactive=False, wrap=True,
                                     label="Protokoll der Änderungen")
                audit_refresh = gr.Button("Aktualisieren")
            views = [docs, audit, withdraw_name, name]
            demo.load(self.editor_load, None, [welcome, *views], api_visibility="private")
            faq_views = [faq_table, faq_review, faq_pick]
            demo.load(self.faq_refresh, None, faq_views, api_visibility="private")
            faq_open_btn.click(self.faq_open, [faq_pick], [faq_text, faq_msg], api_visibility="private")
            faq_preview_btn.click(self.faq_preview, [faq_text], faq_msg, api_name="faq_pruefen",
                                  api_visibility="undocumented")
            faq_save_btn.click(self.faq_save, [faq_text], [faq_msg, *faq_views], api_name="faq_speichern",
                               api_visibility="undocumented", concurrency_limit=1)
            faq_confirm_btn.click(self.faq_confirm, [faq_pick], [faq_msg, *faq_views], api_name="faq_bestaetigen",
                                  api_visibility="undocumented", concurrency_limit=1)
            faq_retire_btn.click(self.faq_retire, [faq_pick, faq_retire_ok], [faq_msg, *faq_views],
                                 api_name="faq_zurueckziehen", api_visibility="undocumented", concurrency_limit=1)
            refresh.click(self.editor_refresh, None, views, api_visibility="private")
            audit_refresh.click(self.editor_refresh, None, views, api_visibility="private")
            preview_btn.click(self.preview_uploads, [files, visibility, name, pending],
                              [upload_msg, pending, confirm_btn], api_name="pruefen", api_visibility="undocumented")
            confirm_btn.click(self.ingest_pending, [pending, confirm_replace],
                              [upload_msg, pending, confirm_btn, *views],
                              api_name="aufnehmen", api_visibility="undocumented", concurrency_limit=1
                              ).then(lambda: False, None, confirm_replace, api_visibility="private")  # once only
            cancel_btn.click(self.cancel_ingest, None, upload_msg, api_name="abbrechen", api_visibility="undocumented",
                             concurrency_limit=None)
            discard_btn.click(self.discard_pending, [pending], [upload_msg, pending, confirm_btn],
                              api_visibility="private")
            withdraw_btn.click(self.withdraw, [withdraw_name, withdraw_ok], [withdraw_msg, *views, withdraw_ok],
                               api_name="zurueckziehen", api_visibility="undocumented", concurrency_limit=1)
        return demo
