"""The web app: one FastAPI process with three separately mounted Gradio apps.

    /               Bürgerinfo     public; audience "citizen" (public sources only), no storage of questions
    /mitarbeitende  Mitarbeitende  login (role staff or editor); chat with sources panel, feedback, calculators,
                                   job offers (upload or paste, prefilled form, save, export)
    /redaktion      Redaktion      login (role editor); documents, upload/preview/replace, withdraw, audit log
    /dateien/…      the PDF or file behind a cited document (internal documents only for logged-in staff)

Roles are enforced on the server twice: each Gradio app has its own `auth` (its queue and upload routes
answer 401 without that app's login cookie), and every staff and editor handler checks
`request.username` against the users file again before doing anything (a German refusal otherwise).
All answers, retrieval and ingestion come from the `assistant` library; nothing here ranks or prompts.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import gradio as gr  # noqa: E402
from ui.offers_tab import OffersAccess, OffersTab, build_offers_tab  # noqa: E402
from fastapi import FastAPI, HTTPException, Request  # noqa: E402
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse  # noqa: E402
from starlette.routing import Mount  # noqa: E402

from assistant.answering.service import answer_stream  # noqa: E402
from assistant.answering.types import Answer, Source  # noqa: E402
from assistant.errors import IngestCancelled, InvalidDocumentError, UserFacingError  # noqa: E402
from assistant.faq.entries import EntryFormatError, from_toml, to_toml  # noqa: E402
from assistant.faq.store import EntryStatus, FaqStore  # noqa: E402
from assistant.language import detect_language  # noqa: E402
from assistant.ingest import CONFIRM_REPLACE_LABEL, DocumentReport, Ingestor, duration_text  # noqa: E402
from assistant.model import Audience, Visibility  # noqa: E402
from assistant.privacy import find_personal_data, warning_text  # noqa: E402
from assistant.retrieval.query import too_long_text  # noqa: E402
from assistant.retrieval.retriever import Retriever  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402

from . import render  # noqa: E402
from .auth import EDITOR_ROLES, STAFF_ROLES, LoginThrottled, UserStore  # noqa: E402
from .guard import QueueJoinGuard  # noqa: E402
from .security import CLIENT_ADDRESS, SecurityLayer, UploadRegistry  # noqa: E402
from .files import discard_upload, document_file, safe_upload_name, store_upload  # noqa: E402

log = logging.getLogger(__name__)

STAFF_PATH = "/mitarbeitende"
EDITOR_PATH = "/redaktion"
FILES_PATH = "/dateien"
LOGOUT_PATH = "/abmelden"
INLINE_SUFFIXES = frozenset({".pdf"})  # shown in the browser; every other original is a download

REFUSAL = "Keine Berechtigung. Bitte melden Sie sich mit einem passenden Konto an."
EMPTY_INDEX = ("**Hinweis:** Der Index ist noch leer: Es sind keine Dokumente aufgenommen. "
               "Bitte zuerst `python -m assistant ingest` ausführen oder in der Redaktion Dokumente hochladen.")
EMPTY_INDEX_CITIZEN = ("**Hinweis:** Die Bürgerinfo ist gerade nicht verfügbar, weil noch keine Dokumente bereitstehen. "
                       "Bitte versuchen Sie es später noch einmal.")
ERROR_TEXT = "Es ist ein technischer Fehler aufgetreten. Bitte versuchen Sie es noch einmal."
MAX_TURNS = 10

CITIZEN_NOTE = (
    "**Allgemeine Informationen zum Bürgergeld** – keine Entscheidung über Ihren Fall. "
    "Die Antworten stammen aus Gesetzen und Weisungen; jede Aussage nennt ihre Quelle. "
    "Was in Ihrem Fall gilt, entscheidet Ihr Jobcenter.\n\n"
    "Bitte schreiben Sie **keine persönlichen Daten** in Ihre Frage (Name, Adresse, IBAN, Telefonnummer, "
    "E-Mail, Kundennummer). Ihre Fragen werden nicht gespeichert. "
    "Sie können auch in Ihrer Sprache fragen (z. B. English, Türkçe, Українська, Русский, العربية)."
)
CITIZEN_EXAMPLES = [
    "Wie hoch ist der Regelbedarf für eine alleinstehende Person?",
    "Bekomme ich mehr Geld, wenn ich mein Kind allein erziehe?",
    "Wie viel darf ich zum Bürgergeld dazuverdienen?",
    "Wie viel Vermögen darf ich haben?",
    "Zahlt das Jobcenter meine Miete und Heizung?",
    "How much money do I get for my child?",
]
STAFF_EXAMPLES = [
    "Welche Absetzbeträge gelten bei Erwerbstätigkeit nach § 11b SGB II?",
    "Was regelt Rz. 21.27 zum Mehrbedarf?",
    "Wann ist eine Person erwerbsfähig?",
    "Mietobergrenze im Beispielkreis für zwei Personen?",
]

CSS = """
.jca-sources { max-height: 70vh; overflow-y: auto; font-size: 0.92em; }
.jca-source { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 6px 10px; margin-bottom: 8px; }
.jca-source summary { cursor: pointer; }
.jca-num { font-weight: 700; color: var(--color-accent); }
.jca-meta { color: var(--body-text-color-subdued); margin: 4px 0; }
.jca-passage { white-space: normal; line-height: 1.45; }
.jca-passage mark { background: #fff3a3; color: inherit; padding: 0 1px; }
.jca-empty { color: var(--body-text-color-subdued); }
.jca-note { border-left: 4px solid var(--color-accent); padding-left: 10px; }
.jca-warning { border-left: 4px solid #d97706; padding-left: 10px; background: #fff7ed; }
.jca-diff { width: 100%; border-collapse: collapse; font-size: 0.9em; margin-bottom: 10px; }
.jca-diff td, .jca-diff th { border: 1px solid var(--border-color-primary); padding: 6px; vertical-align: top; width: 50%; }
.jca-diff del { background: #fde2e2; } .jca-diff ins { background: #dcfce7; text-decoration: none; }
"""

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
CALCULATORS = ["Freibetrag bei Arbeit", "Regelbedarf nach Alter", "Kind hat Geburtstag (6, 14, 18)",
               "Mehrbedarf Alleinerziehende", "Vermögensfreibetrag", "Schulbedarf"]


def make_theme() -> gr.themes.Base:
    """System fonts only: nothing is loaded from the internet."""
    return gr.themes.Default(font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
                             font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"])


def _username(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None) if request is not None else None


def _fmt_time(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%d.%m.%Y %H:%M")


def _natural_key(name: str) -> list:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def _warning(text: str) -> dict:
    return gr.update(value=text, visible=bool(text))


def _new_chat() -> dict[str, Any]:
    return {"messages": [], "history": [], "last": None}


class AssistantApp:
    """The handlers of all three apps over one Workspace and one shared Retriever."""

    def __init__(self, workspace: Workspace, users: UserStore, retriever: Retriever | None = None) -> None:
        self.ws = workspace
        self.settings = workspace.settings
        self.users = users
        self.retriever = retriever or Retriever(workspace)
        self._gradio_apps: dict[str, Any] = {}  # mount path → Gradio's App (its login tokens)
        self.blocks: dict[str, gr.Blocks] = {}  # mount path → Blocks
        self._ingest_lock = threading.Lock()
        self._cancel_ingest = threading.Event()  # set by "Aufnahme abbrechen", checked between embedding batches
        self.uploads = UploadRegistry()  # upload paths per logged-in user, filled by ui.security
        self.offers_tab: OffersTab | None = None  # the handlers of "Stellenangebote", set by staff_blocks

    # --- roles -----------------------------------------------------------------------------------

    def user_with(self, request: gr.Request | None, roles: frozenset[str]) -> str | None:
        """The logged-in user if the users file gives them one of the roles, else None."""
        name = _username(request)
        return name if self.users.has_role(name, roles) else None

    def index_hint(self, citizen: bool = False) -> str:
        try:
            built = self.ws.is_built()
        except Exception:  # noqa: BLE001 - a broken catalog must not take the page down
            log.exception("catalog not readable")
            built = False
        return "" if built else (EMPTY_INDEX_CITIZEN if citizen else EMPTY_INDEX)

    def store_hint(self, live: bool = False) -> str:
        """The vector store's state for staff and editors when it is not (fully) usable; `live` asks it now."""
        from assistant.health import check_store

        try:
            health = check_store(self.ws) if live else self.retriever.store_health
        except Exception:  # noqa: BLE001 - a broken catalog must not take the page down
            log.exception("vector store state not readable")
            return ""
        return f"**Hinweis:** {health.message}" if health is not None and not health.ok else ""

    def pdf_link(self, source: Source) -> str:
        """/dateien/<version id>/<file name>#page=N for documents without a web link."""
        version = self.ws.catalog.active_version(source.doc)
        if version is None:
            return ""
        path = document_file(self.settings, version)
        if path is None:
            return ""
        page = f"#page={source.page}" if source.page else ""
        return f"{FILES_PATH}/{version.id}/{safe_upload_name(path.name)}{page}"

    # --- chat (citizen and staff) ----------------------------------------------------------------

    def _chat(self, question: str, chat: dict[str, Any] | None, audience: Audience) -> Iterator[tuple]:
        """Yields (messages, chat state, sources html, status markdown, question box, warning) for one question."""
        for out in self._chat_steps(question, chat, audience):
            yield (*out[:-1], _warning(out[-1]))

    def _chat_steps(self, question: str, chat: dict[str, Any] | None, audience: Audience) -> Iterator[tuple]:
        chat = chat or _new_chat()
        citizen = audience == Audience.CITIZEN
        question = (question or "").strip()
        if not question:
            yield (gr.skip(), chat, gr.skip(), gr.skip(), gr.skip(), "")
            return
        if len(question) > self.settings.max_question_chars:
            yield (gr.skip(), chat, gr.skip(), gr.skip(), gr.skip(),
                   too_long_text(len(question), self.settings.max_question_chars))
            return
        if citizen:
            kinds = find_personal_data(question)
            if kinds:  # nothing is sent to retrieval, stored or shown back
                yield (gr.skip(), chat, gr.skip(), gr.skip(), gr.skip(), warning_text(kinds, detect_language(question)))
                return
            if self.settings.log_citizen_questions:
                log.info("citizen question: %s", question)
        if hint := self.index_hint(citizen):
            yield (gr.skip(), chat, gr.skip(), gr.skip(), gr.skip(), hint)
            return

        messages = list(chat["messages"]) + [{"role": "user", "content": render.escape_tags(question)}]
        yield (messages + [{"role": "assistant", "content": "…"}], chat, gr.skip(), "*Suche in den Quellen …*",
               "", "")
        last: Answer | None = None
        try:
            for last in answer_stream(question, audience, chat["history"], retriever=self.retriever):
                shown = messages + [{"role": "assistant", "content": render.chat_text(last)}]
                if last.complete:
                    break
                yield (shown, chat, render.sources_html(last, self.pdf_link, citizen=citizen),
                       render.status_markdown(last, citizen=citizen), gr.skip(), "")
        except UserFacingError as exc:
            yield (messages + [{"role": "assistant", "content": exc.message}], chat, gr.skip(), "", gr.skip(), "")
            return
        except Exception:  # noqa: BLE001
            log.exception("answering failed")  # the question itself is not logged
            yield (messages + [{"role": "assistant", "content": ERROR_TEXT}], chat, gr.skip(), "", gr.skip(), "")
            return
        if last is None:
            yield (messages + [{"role": "assistant", "content": ERROR_TEXT}], chat, gr.skip(), "", gr.skip(), "")
            return
        messages.append({"role": "assistant", "content": render.chat_text(last)})
        new_chat = {
            "messages": messages[-2 * MAX_TURNS:],
            "history": (list(chat["history"]) + [(question, last.text)])[-MAX_TURNS:],
            "last": last,
        }
        yield (messages, new_chat, render.sources_html(last, self.pdf_link, citizen=citizen),
               render.status_markdown(last, citizen=citizen), gr.skip(), "")

    def ask_citizen(self, question: str, chat: dict[str, Any] | None) -> Iterator[tuple]:
        yield from self._chat(question, chat, Audience.CITIZEN)

    def ask_staff(self, question: str, chat: dict[str, Any] | None, request: gr.Request) -> Iterator[tuple]:
        if not self.user_with(request, STAFF_ROLES):
            yield (gr.skip(), chat, gr.skip(), gr.skip(), gr.skip(), _warning(REFUSAL))
            return
        yield from self._chat(question, chat, Audience.STAFF)

    def clear_chat(self) -> tuple:
        return [], _new_chat(), render.sources_html(None), "", "", _warning("")

    def clear_staff_chat(self, request: gr.Request) -> tuple:
        if not self.user_with(request, STAFF_ROLES):
            return (gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), _warning(REFUSAL))
        return self.clear_chat()

    def feedback(self, rating: int, comment: str, chat: dict[str, Any] | None, request: gr.Request) -> tuple[str, Any]:
        user = self.user_with(request, STAFF_ROLES)
        if not user:
            return REFUSAL, gr.skip()
        last: Answer | None = (chat or {}).get("last")
        if last is None:
            return "Es gibt noch keine Antwort, die bewertet werden kann.", gr.skip()
        comment = (comment or "").strip()[:2000]
        self.ws.catalog.add_feedback(user, last.question, last.text, rating, comment)
        return "Danke für Ihre Rückmeldung – sie wurde gespeichert.", ""

    def feedback_up(self, comment: str, chat: dict[str, Any] | None, request: gr.Request) -> tuple[str, Any]:
        return self.feedback(1, comment, chat, request)

    def feedback_down(self, comment: str, chat: dict[str, Any] | None, request: gr.Request) -> tuple[str, Any]:
        return self.feedback(-1, comment, chat, request)

    def staff_welcome(self, request: gr.Request) -> str:
        user = self.user_with(request, STAFF_ROLES)
        if not user:
            return REFUSAL
        role = "Redaktion" if self.users.role_of(user) == "editor" else "Mitarbeitende"
        extra = f' · <a href="{EDITOR_PATH}/" target="_self">Redaktion</a>' if role == "Redaktion" else ""
        return render.login_line(user, role, LOGOUT_PATH, extra, self.index_hint() or self.store_hint())

    # --- editor ----------------------------------------------------------------------------------

    def document_rows(self) -> list[list[Any]]:
        rows = []
        for v in sorted(self.ws.catalog.active_versions(), key=lambda v: _natural_key(v.name)):
            rows.append([v.name, render.KIND_LABELS.get(v.kind, v.kind),
                         render.VISIBILITY_LABELS.get(v.visibility, v.visibility), render.german_date(v.stand),
                         v.n_units, _fmt_time(v.ingested_at), v.id])
        return rows

    def audit_rows(self, limit: int = 200) -> list[list[Any]]:
        return [[_fmt_time(ts), actor, render.ACTION_LABELS.get(action, action), detail]
                for ts, actor, action, detail in self.ws.catalog.audit_log(limit)]

    def _editor_views(self) -> tuple:
        names = sorted((v.name for v in self.ws.catalog.active_versions()), key=_natural_key)
        return (self.document_rows(), self.audit_rows(), gr.update(choices=names, value=None),
                gr.update(choices=names))

    def editor_load(self, request: gr.Request) -> tuple:
        user = self.user_with(request, EDITOR_ROLES)
        if not user:
            return (REFUSAL, [], [], gr.update(choices=[]), gr.update(choices=[]))
        extra = f' · <a href="{STAFF_PATH}/" target="_self">Mitarbeitende</a>'
        hint = self.index_hint() or self.store_hint(live=True)
        return (render.login_line(user, "Redaktion", LOGOUT_PATH, extra, hint), *self._editor_views())

    def editor_refresh(self, request: gr.Request) -> tuple:
        if not self.user_with(request, EDITOR_ROLES):
            return ([], [], gr.skip(), gr.skip())
        return self._editor_views()

    def preview_uploads(self, files: list[Any] | None, visibility: str, name: str | None,
                        pending: list[dict] | None, request: gr.Request) -> tuple[str, list[dict], Any]:
        """Copy the uploads to safe names and show what ingesting them would change; nothing is changed yet."""
        user = self.user_with(request, EDITOR_ROLES)
        if not user:
            return REFUSAL, pending or [], gr.update(interactive=False)
        for item in pending or []:  # a new preview replaces an unconfirmed one
            discard_upload(self.settings, Path(item["path"]))
        paths = [self._upload_path(f) for f in (files or [])]
        paths = [p for p in paths if p]
        if not paths:
            return "Bitte zuerst eine oder mehrere Dateien auswählen.", [], gr.update(interactive=False)
        foreign = [original for temp, original in paths if not self.uploads.owned_by(user, temp)]
        if foreign:  # a path the client named that was not uploaded by this editor: nothing is read or copied
            self.ws.catalog.audit(user, "upload-abgelehnt", "Datei nicht in dieser Sitzung hochgeladen")
            return ("**Fehler:** Diese Datei wurde nicht in dieser Sitzung hochgeladen und kann nicht verwendet werden. "
                    "Bitte die Datei über „Dateien“ hochladen.", [], gr.update(interactive=False))
        name = (name or "").strip() or None
        if name and len(paths) > 1:
            return ("Ein Dokumentname kann nur für eine einzelne Datei vergeben werden. Bitte den Namen leeren "
                    "oder nur eine Datei hochladen.", [], gr.update(interactive=False))
        vis = {"öffentlich": Visibility.PUBLIC, "intern": Visibility.INTERNAL}.get(visibility)
        lines: list[str] = []
        new_pending: list[dict] = []
        for temp, original in paths:
            try:
                stored = store_upload(self.settings, temp, original)
            except OSError:
                log.exception("could not store upload")
                lines.append(f"**Fehler:** **{render.md_text(safe_upload_name(original))}**: "
                             "Die Datei konnte nicht gespeichert werden.")
                continue
            item_vis = vis
            existing = self.ws.catalog.active_version(name) if name else None
            if item_vis is None and existing is not None:
                item_vis = Visibility(existing.visibility)
            try:
                report = Ingestor(self.ws).preview(stored, name=name, visibility=item_vis)
            except InvalidDocumentError as exc:
                discard_upload(self.settings, stored)
                lines.append(f"**Fehler:** {render.md_text(exc.message)}")
                self.ws.catalog.audit(user, "upload-abgelehnt", f"{stored.name}: {exc.reason}")
                continue
            except UserFacingError as exc:
                discard_upload(self.settings, stored)
                lines.append(f"**Fehler:** **{render.md_text(stored.name)}**: {render.md_text(exc.message)}")
                continue
            except Exception:  # noqa: BLE001
                log.exception("preview failed")
                discard_upload(self.settings, stored)
                lines.append(f"**Fehler:** **{render.md_text(stored.name)}**: "
                             "Die Datei konnte nicht gelesen werden (interner Fehler).")
                continue
            if item_vis is None and (current := self.ws.catalog.active_version(report.name)) is not None:
                item_vis = Visibility(current.visibility)  # a new version keeps the document's visibility
            lines.append(self._preview_line(stored.name, report, item_vis))
            new_pending.append({"path": str(stored), "file": stored.name, "name": report.name,
                                "visibility": item_vis.value if item_vis else None})
        if new_pending:
            lines.append("\nMit **„Aufnehmen“** werden diese Änderungen übernommen.")
        return "\n\n".join(lines), new_pending, gr.update(interactive=bool(new_pending))

    @staticmethod
    def _upload_path(f: Any) -> tuple[str, str] | None:
        """(temporary path, original name) of a gr.File value."""
        if f is None:
            return None
        path = f if isinstance(f, str) else getattr(f, "path", None) or getattr(f, "name", None)
        original = getattr(f, "orig_name", None) or (Path(path).name if path else "")
        return (str(path), original) if path else None

    @staticmethod
    def _preview_line(file: str, r: DocumentReport, vis: Visibility | None) -> str:
        vis_text = (render.VISIBILITY_LABELS.get(vis.value, vis.value) if vis
                    else "automatisch (Gesetze und Weisungen öffentlich, andere Dokumente intern)")
        name, file = render.md_text(r.name), render.md_text(file)
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

    def ingest_pending(self, pending: list[dict] | None, request: gr.Request, confirm_replace: bool = False,
                       progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008
        """Ingest the previewed files (from the server-side session state, never from the client)."""
        user = self.user_with(request, EDITOR_ROLES)
        if not user:
            return (REFUSAL, pending or [], gr.update(interactive=False), gr.skip(), gr.skip(), gr.skip(), gr.skip())
        if not pending:
            return ("Nichts zum Aufnehmen. Bitte zuerst Dateien hochladen und „Änderungen prüfen“.", [],
                    gr.update(interactive=False), *self._editor_views())
        lines: list[str] = []
        total = len(pending)
        with self._ingest_lock:
            self._cancel_ingest.clear()
            for i, item in enumerate(pending):
                path = Path(item["path"])

                def report_progress(done: int, steps: int, what: str, i: int = i) -> None:
                    fraction = (i + (done / steps if steps else 0.0)) / total
                    progress(fraction, desc=f"{item['file']}: {what or 'Aufnahme'}"[:80])

                progress(i / total, desc=f"Aufnahme {item['file']}")
                vis = Visibility(item["visibility"]) if item.get("visibility") else None
                try:
                    summary = Ingestor(self.ws, report_progress, self._cancel_ingest).ingest_paths(
                        [path], name=item["name"] or None, visibility=vis, actor=user,
                        confirm_replace=bool(confirm_replace))
                except IngestCancelled as exc:
                    self.ws.catalog.audit(user, "aufnahme-abgebrochen", item["file"])
                    rest = [p["file"] for p in pending[i + 1:]]
                    lines.append(f"**Abgebrochen:** {render.md_text(exc.message)}"
                                 + (f" Nicht aufgenommen: {render.md_text(', '.join(rest))}." if rest else ""))
                    break
                except UserFacingError as exc:
                    lines.append(f"**Fehler:** **{render.md_text(item['file'])}**: {render.md_text(exc.message)}")
                    continue
                except Exception:  # noqa: BLE001
                    log.exception("ingestion failed")
                    self.ws.catalog.audit(user, "aufnahme-fehler", f"{item['file']}: interner Fehler")
                    lines.append(f"**Fehler:** **{render.md_text(item['file'])}**: Die Aufnahme ist fehlgeschlagen (interner Fehler). "
                                 "Der Index ist unverändert.")
                    continue
                for r in summary.reports:
                    if r.error:
                        discard_upload(self.settings, path)
                        self.ws.catalog.audit(user, "aufnahme-fehler", f"{item['file']}: {r.error}")
                        lines.append(f"**Fehler:** {render.md_text(r.error)} Der Index ist unverändert.")
                    elif r.status == "unchanged":
                        discard_upload(self.settings, path)
                        lines.append(f"**{render.md_text(r.name)}**: unverändert (diese Datei ist bereits aufgenommen).")
                    else:
                        lines.append(f"**Erledigt:** **{render.md_text(r.name)}**: aufgenommen – {r.added} neu, {r.changed} geändert, "
                                     f"{r.removed} entfernt, {r.unchanged} unverändert "
                                     f"(Stand {render.german_date(r.stand_after)}, {summary.seconds:.1f} s).")
            progress(1.0, desc="fertig")
        return ("\n\n".join(lines), [], gr.update(interactive=False), *self._editor_views())

    def cancel_ingest(self, request: gr.Request) -> str:
        """Ask the running ingestion to stop before its next embedding batch (the index stays as it was)."""
        if not self.user_with(request, EDITOR_ROLES):
            return REFUSAL
        if not self._ingest_lock.locked():
            return "Es läuft gerade keine Aufnahme."
        self._cancel_ingest.set()
        return "Abbruch angefordert – die Aufnahme hält nach dem laufenden Schritt an."

    def discard_pending(self, pending: list[dict] | None, request: gr.Request) -> tuple[str, list, Any]:
        if not self.user_with(request, EDITOR_ROLES):
            return REFUSAL, pending or [], gr.skip()
        for item in pending or []:
            discard_upload(self.settings, Path(item["path"]))
        return "Verworfen – es wurde nichts geändert.", [], gr.update(interactive=False)

    def withdraw(self, name: str | None, confirmed: bool, request: gr.Request) -> tuple:
        user = self.user_with(request, EDITOR_ROLES)
        if not user:
            return (REFUSAL, gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip())
        if not name:
            return ("Bitte ein Dokument auswählen.", gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip())
        if not confirmed:
            return ("Bitte bestätigen Sie das Zurückziehen mit dem Häkchen.", gr.skip(), gr.skip(), gr.skip(),
                    gr.skip(), gr.skip())
        try:
            with self._ingest_lock:
                removed = Ingestor(self.ws).remove(name, actor=user)
        except UserFacingError as exc:
            return (f"**Fehler:** {render.md_text(exc.message)}", gr.skip(), gr.skip(), gr.skip(), gr.skip(), False)
        shown = render.md_text(name)
        message = (f"**Erledigt:** „{shown}“ wurde zurückgezogen und ist nicht mehr durchsuchbar." if removed
                   else f"„{shown}“ ist nicht (mehr) im Index.")
        return (message, *self._editor_views(), False)

    # --- curated answers (Redaktion) ---------------------------------------------------------------

    @property
    def faq(self) -> FaqStore:
        return FaqStore(self.ws.catalog)

    def faq_rows(self) -> list[list[Any]]:
        return [[e.entry.id, e.entry.topic, e.status.value, e.entry.audience, render.german_date(e.entry.reviewed),
                 "Redaktion" if e.origin == "editor" else "Korpus", e.updated_by]
                for e in self.faq.entries()]

    def faq_review_html(self) -> str:
        pending = [e for e in self.faq.entries() if e.status is EntryStatus.REVIEW]
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
        ids = [e.entry.id for e in self.faq.entries()]
        return self.faq_rows(), self.faq_review_html(), gr.update(choices=ids)

    def faq_refresh(self, request: gr.Request) -> tuple:
        if not self.user_with(request, EDITOR_ROLES):
            return [], REFUSAL, gr.skip()
        return self._faq_views()

    def faq_open(self, entry_id: str | None, request: gr.Request) -> tuple[str, str]:
        if not self.user_with(request, EDITOR_ROLES):
            return gr.skip(), REFUSAL
        if not entry_id:
            return FAQ_TEMPLATE.format(today=datetime.now().date().isoformat()), "Neuer Eintrag: Vorlage geladen."
        stored = self.faq.get(entry_id)
        if stored is None:
            return gr.skip(), "Diesen Eintrag gibt es nicht."
        return to_toml(stored.entry), f"Eintrag **{render.md_text(entry_id)}** geladen (Status: {stored.status.value})."

    def faq_preview(self, text: str, request: gr.Request) -> str:
        """How the entry reads for citizens, and what the integrity checks find; nothing is stored."""
        if not self.user_with(request, EDITOR_ROLES):
            return REFUSAL
        from assistant.faq.integrity import check_entry
        from assistant.retrieval.lookup import UnitLookup

        try:
            entry = from_toml(text or "")
        except EntryFormatError as exc:
            return f"**Fehler:** {render.md_text(str(exc))}"
        problems = check_entry(entry, UnitLookup(self.ws.catalog.active_units()))
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
        user = self.user_with(request, EDITOR_ROLES)
        if not user:
            return (REFUSAL, gr.skip(), gr.skip(), gr.skip())
        try:
            entry = from_toml(text or "")
        except EntryFormatError as exc:
            return (f"**Fehler:** {render.md_text(str(exc))}", gr.skip(), gr.skip(), gr.skip())
        problems = self.faq.save(entry, user)
        if problems:
            listed = "\n".join(f"- {render.md_text(p.message)}" for p in problems)
            return (f"**Nicht gespeichert** – die Prüfung hat Fehler gefunden:\n{listed}", gr.skip(), gr.skip(),
                    gr.skip())
        return (f"**Gespeichert:** „{render.md_text(entry.id)}“ ist geprüft und wird beantwortet.", *self._faq_views())

    def faq_confirm(self, entry_id: str | None, request: gr.Request) -> tuple:
        user = self.user_with(request, EDITOR_ROLES)
        if not user:
            return (REFUSAL, gr.skip(), gr.skip(), gr.skip())
        stored = self.faq.get(entry_id or "")
        if stored is None:
            return ("Bitte einen Eintrag auswählen.", gr.skip(), gr.skip(), gr.skip())
        if stored.problems:
            return ("**Nicht bestätigt:** Der Eintrag besteht die Prüfung nicht mehr (z. B. eine Zahl steht nicht mehr im "
                    "Gesetz). Bitte zuerst bearbeiten und speichern.", gr.skip(), gr.skip(), gr.skip())
        self.faq.confirm(stored.entry.id, user)
        return (f"**Bestätigt:** „{render.md_text(stored.entry.id)}“ gilt für die geänderten Fundstellen weiter.",
                *self._faq_views())

    def faq_retire(self, entry_id: str | None, confirmed: bool, request: gr.Request) -> tuple:
        user = self.user_with(request, EDITOR_ROLES)
        if not user:
            return (REFUSAL, gr.skip(), gr.skip(), gr.skip())
        if not entry_id or not confirmed:
            return ("Bitte einen Eintrag auswählen und das Zurückziehen bestätigen.", gr.skip(), gr.skip(), gr.skip())
        if not self.faq.retire(entry_id, user):
            return ("Diesen Eintrag gibt es nicht.", gr.skip(), gr.skip(), gr.skip())
        return (f"**Zurückgezogen:** „{render.md_text(entry_id)}“ wird nicht mehr beantwortet.", *self._faq_views())

    # --- calculators (Mitarbeitende) ---------------------------------------------------------------

    def calculate(self, kind: str, gross: float | None, minor_child: bool, age: float | None, birthday: str | None,
                  children_ages: str, persons: float | None, karenzzeit: str, children: float | None,
                  request: gr.Request) -> str:
        if not self.user_with(request, STAFF_ROLES):
            return REFUSAL
        from assistant import calculators as calc

        units = self.retriever.units
        try:
            if kind == CALCULATORS[0]:
                result = calc.freibetrag(gross or 0, bool(minor_child), units)
            elif kind == CALCULATORS[1]:
                result = calc.regelbedarf(units, age=int(age or 0))
            elif kind == CALCULATORS[2]:
                result = calc.regelbedarf_wechsel(units, birthday=int(birthday or 18))
            elif kind == CALCULATORS[3]:
                ages = [int(a) for a in re.findall(r"\d+", children_ages or "")]
                if not ages:
                    return "Bitte das Alter der Kinder angeben, z. B. „3, 5“."
                result = calc.mehrbedarf_alleinerziehend(ages, units)
            elif kind == CALCULATORS[4]:
                choice = {"in der Karenzzeit": True, "nach der Karenzzeit": False}.get(karenzzeit)
                result = calc.vermoegen_freibetrag(max(1, int(persons or 1)), units, karenzzeit=choice)
            else:
                result = calc.schulbedarf(units, children=max(1, int(children or 1)))
        except (ValueError, TypeError):
            return "Die Angaben sind unvollständig oder ungültig. Bitte prüfen Sie die Eingaben."
        except Exception:  # noqa: BLE001
            log.exception("calculator failed")
            return ERROR_TEXT
        return result.render("de")

    # --- files -----------------------------------------------------------------------------------

    def _cookie_user(self, request: Request, roles: frozenset[str]) -> str | None:
        for mount in self._gradio_apps:
            user = self.token_user(mount, request.cookies)
            if user and self.users.has_role(user, roles):
                return user
        return None

    @staticmethod
    def _tokens_of(app: Any, cookies: Any) -> list[str]:
        return [t for t in (cookies.get(f"access-token-{app.cookie_id}"),
                            cookies.get(f"access-token-unsecure-{app.cookie_id}")) if t]

    def token_user(self, mount: str, cookies: Any) -> str | None:
        """The user a login cookie of the app at `mount` belongs to, if they still have the app's role."""
        app = self._gradio_apps.get(mount)
        if app is None:
            return None
        roles = EDITOR_ROLES if mount == EDITOR_PATH else STAFF_ROLES
        for token in self._tokens_of(app, cookies):
            user = app.tokens.get(token)
            if user and self.users.has_role(user, roles):
                return user
        return None

    def revoke_stale(self, mount: str, cookies: Any) -> None:
        """Drop the login token of a user whose role no longer admits them to this app."""
        app = self._gradio_apps.get(mount)
        if app is None:
            return
        roles = EDITOR_ROLES if mount == EDITOR_PATH else STAFF_ROLES
        for token in self._tokens_of(app, cookies):
            user = app.tokens.get(token)
            if user is not None and not self.users.has_role(user, roles):
                app.tokens.pop(token, None)
                self.ws.catalog.audit(user, "abmeldung", f"{mount}: Rolle geändert, Sitzung beendet")

    def logout_everywhere(self, request: Request) -> RedirectResponse:
        """One logout for Mitarbeitende and Redaktion: every token of the user ends, cookies are deleted."""
        users = {u for m in self._gradio_apps for u in [self._raw_token_user(m, request.cookies)] if u}
        response = RedirectResponse("/", status_code=302)
        for app in self._gradio_apps.values():
            for token, user in list(app.tokens.items()):
                if user in users:
                    app.tokens.pop(token, None)
            response.delete_cookie(f"access-token-{app.cookie_id}", path="/")
            response.delete_cookie(f"access-token-unsecure-{app.cookie_id}", path="/")
        return response

    def _raw_token_user(self, mount: str, cookies: Any) -> str | None:
        app = self._gradio_apps[mount]
        return next((app.tokens[t] for t in self._tokens_of(app, cookies) if t in app.tokens), None)

    def serve_file(self, request: Request, version_id: int, filename: str) -> FileResponse:
        version = next((v for v in self.ws.catalog.active_versions() if v.id == version_id), None)
        if version is None:
            raise HTTPException(404, "Dokument nicht gefunden.")
        if version.visibility != Visibility.PUBLIC and not self._cookie_user(request, STAFF_ROLES):
            raise HTTPException(403, "Dieses Dokument ist intern. Bitte als Mitarbeitende anmelden.")
        path = document_file(self.settings, version)
        if path is None or filename != safe_upload_name(path.name):
            raise HTTPException(404, "Die Datei zu diesem Dokument liegt nicht vor.")
        inline = path.suffix.lower() in INLINE_SUFFIXES
        media = "application/pdf" if inline else "application/octet-stream"  # never rendered as a page
        return FileResponse(path, media_type=media, filename=safe_upload_name(path.name),
                            content_disposition_type="inline" if inline else "attachment")

    # --- the three Blocks ------------------------------------------------------------------------

    def _chat_column(self, citizen: bool) -> dict[str, Any]:
        c: dict[str, Any] = {}
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                c["chatbot"] = gr.Chatbot(label="Gespräch", height=520, buttons=["copy", "copy_all"],
                                          sanitize_html=True, allow_tags=False, layout="bubble",
                                          placeholder=("Stellen Sie eine Frage zum Bürgergeld." if citizen else
                                                       "Frage zu SGB II, Weisungen oder internen Richtlinien."))
                c["warning"] = gr.Markdown("", elem_classes=["jca-warning"], visible=False)
                with gr.Row():
                    c["question"] = gr.Textbox(label="Ihre Frage", placeholder="Frage eingeben …", lines=2,
                                               max_lines=6, scale=5, autofocus=True, max_length=self.settings.max_question_chars)
                    with gr.Column(scale=1, min_width=120):
                        c["send"] = gr.Button("Fragen", variant="primary")
                        c["clear"] = gr.Button("Neues Gespräch")
                c["status"] = gr.Markdown("")
            with gr.Column(scale=2):
                gr.Markdown("### Quellen")
                c["sources"] = gr.HTML(render.sources_html(None))
        c["state"] = gr.State(_new_chat())
        return c

    def citizen_blocks(self) -> gr.Blocks:
        with gr.Blocks(title="Bürgerinfo – Jobcenter-Assistent", analytics_enabled=False) as demo:
            gr.Markdown("# Bürgerinfo Bürgergeld")
            gr.Markdown(CITIZEN_NOTE, elem_classes=["jca-note"])
            hint = gr.Markdown(self.index_hint(citizen=True))
            c = self._chat_column(citizen=True)
            gr.Examples(CITIZEN_EXAMPLES, inputs=[c["question"]], label="Beispielfragen zum Start")
            gr.Markdown(f"<small>[Anmeldung für Mitarbeitende]({STAFF_PATH}/)</small>")
            outputs = [c["chatbot"], c["state"], c["sources"], c["status"], c["question"], c["warning"]]
            c["send"].click(self.ask_citizen, [c["question"], c["state"]], outputs, api_name="frage",
                            concurrency_limit=self.settings.ui_concurrency)
            c["question"].submit(self.ask_citizen, [c["question"], c["state"]], outputs, api_visibility="private",
                                 concurrency_limit=self.settings.ui_concurrency)
            c["clear"].click(self.clear_chat, None, outputs, api_visibility="private")
            demo.load(lambda: self.index_hint(citizen=True), None, hint, api_visibility="private")
        return demo

    def staff_blocks(self) -> gr.Blocks:
        # Gradio's copies of offer files are deleted once read; anything left goes after a day.
        with gr.Blocks(title="Mitarbeitende – Jobcenter-Assistent", analytics_enabled=False,
                       delete_cache=(3600, 86400)) as demo:
            gr.Markdown("# Jobcenter-Assistent · Mitarbeitende")
            welcome = gr.HTML("")
            with gr.Tab("Fragen"):
                c = self._chat_column(citizen=False)
                with gr.Row():
                    comment = gr.Textbox(label="Kommentar zur letzten Antwort (optional)", scale=4, max_length=2000)
                    up = gr.Button("Hilfreich", scale=1)
                    down = gr.Button("Nicht hilfreich", scale=1)
                feedback_msg = gr.Markdown("")
                gr.Examples(STAFF_EXAMPLES, inputs=[c["question"]], label="Beispielfragen")
            with gr.Tab("Rechner"):
                gr.Markdown("Berechnungen nach dem Gesetz: Jeder Betrag und jeder Prozentsatz wird aus der zitierten "
                            "Fundstelle im Index gelesen. Eine Gesetzesänderung ändert das Ergebnis.")
                kind = gr.Radio(CALCULATORS, value=CALCULATORS[0], label="Rechner")
                with gr.Row():
                    gross = gr.Number(label="Bruttoeinkommen aus Arbeit (Euro im Monat)", value=556, minimum=0)
                    minor_child = gr.Checkbox(label="mit minderjährigem Kind", value=False)
                    age = gr.Number(label="Alter (Jahre)", value=10, minimum=0, maximum=120, precision=0)
                    birthday = gr.Dropdown(["6", "14", "18"], value="18", label="Geburtstag")
                with gr.Row():
                    children_ages = gr.Textbox(label="Alter der Kinder (z. B. 3, 5)", value="3, 5")
                    persons = gr.Number(label="Personen in der Bedarfsgemeinschaft", value=1, minimum=1, precision=0)
                    karenzzeit = gr.Radio(["in der Karenzzeit", "nach der Karenzzeit", "beides"], value="beides",
                                          label="Vermögen")
                    children = gr.Number(label="Schulkinder", value=1, minimum=1, precision=0)
                calc_btn = gr.Button("Berechnen", variant="primary")
                calc_out = gr.Markdown("")
                calc_btn.click(self.calculate, [kind, gross, minor_child, age, birthday, children_ages, persons,
                                                karenzzeit, children], calc_out, api_name="rechnen",
                               api_visibility="undocumented")
            with gr.Tab("Stellenangebote"):
                self.offers_tab = build_offers_tab(self.settings, OffersAccess(
                    user_of=lambda request: self.user_with(request, STAFF_ROLES), uploads=self.uploads,
                    audit=self.ws.catalog.audit))
            outputs = [c["chatbot"], c["state"], c["sources"], c["status"], c["question"], c["warning"]]
            c["send"].click(self.ask_staff, [c["question"], c["state"]], outputs, api_name="frage",
                            api_visibility="undocumented", concurrency_limit=self.settings.ui_concurrency)
            c["question"].submit(self.ask_staff, [c["question"], c["state"]], outputs, api_visibility="private",
                                 concurrency_limit=self.settings.ui_concurrency)
            c["clear"].click(self.clear_staff_chat, None, outputs, api_visibility="private")
            up.click(self.feedback_up, [comment, c["state"]], [feedback_msg, comment], api_name="lob",
                     api_visibility="undocumented")
            down.click(self.feedback_down, [comment, c["state"]], [feedback_msg, comment], api_name="kritik",
                       api_visibility="undocumented")
            demo.load(self.staff_welcome, None, welcome, api_visibility="private")
        return demo

    def editor_blocks(self) -> gr.Blocks:
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
                    visibility = gr.Radio(["automatisch", "öffentlich", "intern"], value="automatisch",
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
            confirm_btn.click(self.ingest_pending, [pending, confirm_replace], [upload_msg, pending, confirm_btn, *views],
                              api_name="aufnehmen", api_visibility="undocumented", concurrency_limit=1
                              ).then(lambda: False, None, confirm_replace, api_visibility="private")  # once only
            cancel_btn.click(self.cancel_ingest, None, upload_msg, api_name="abbrechen", api_visibility="undocumented",
                             concurrency_limit=None)
            discard_btn.click(self.discard_pending, [pending], [upload_msg, pending, confirm_btn],
                              api_visibility="private")
            withdraw_btn.click(self.withdraw, [withdraw_name, withdraw_ok], [withdraw_msg, *views, withdraw_ok],
                               api_name="zurueckziehen", api_visibility="undocumented", concurrency_limit=1)
        return demo

    # --- the ASGI app ----------------------------------------------------------------------------

    def _auth(self, roles: frozenset[str], app_name: str):
        def check(username: str, password: str) -> bool:
            client = CLIENT_ADDRESS.get()
            try:
                ok = self.users.authenticate(username, password, roles, client=client)
            except LoginThrottled as exc:
                raise HTTPException(429, exc.message) from None
            if ok:
                self.ws.catalog.audit(username[:64], "anmeldung", app_name)
            else:  # typed-in names are recorded only when such an account exists
                known = self.users.exists(username)
                self.ws.catalog.audit(username[:64] if known else "-", "anmeldung-fehlgeschlagen",
                                      f"{app_name}: {'falsches Passwort' if known else 'unbekannter Benutzername'}"
                                      f" (Adresse {client})")
            return ok
        return check

    def create_app(self) -> FastAPI:
        app = FastAPI(title="Jobcenter-Assistent", docs_url=None, redoc_url=None, openapi_url=None)

        @app.get(f"{FILES_PATH}/{{version_id}}/{{filename}}")
        def files_route(request: Request, version_id: int, filename: str) -> FileResponse:  # noqa: ARG001
            return self.serve_file(request, version_id, filename)

        @app.get(LOGOUT_PATH)
        def logout_route(request: Request) -> RedirectResponse:
            return self.logout_everywhere(request)

        @app.get("/healthz", response_class=PlainTextResponse)
        def healthz() -> str:
            return "ok"

        @app.get(STAFF_PATH)
        def staff_slash() -> RedirectResponse:
            return RedirectResponse(f"{STAFF_PATH}/")

        @app.get(EDITOR_PATH)
        def editor_slash() -> RedirectResponse:
            return RedirectResponse(f"{EDITOR_PATH}/")

        common = dict(theme=make_theme(), css=CSS, footer_links=[], run_history=False, ssr_mode=False,
                      pwa=False, mcp_server=False, show_error=False)
        users_note = "" if len(self.users) else " (Es sind noch keine Konten angelegt: python -m assistant add-user …)"
        self.blocks = {STAFF_PATH: self.staff_blocks(), EDITOR_PATH: self.editor_blocks(), "/": self.citizen_blocks()}
        gr.mount_gradio_app(app, self.blocks[STAFF_PATH], STAFF_PATH, auth=self._auth(STAFF_ROLES, "Mitarbeitende"),
                            auth_message="Anmeldung für Mitarbeitende des Jobcenters." + users_note,
                            max_file_size=self.settings.max_upload_bytes, **common)
        gr.mount_gradio_app(app, self.blocks[EDITOR_PATH], EDITOR_PATH, auth=self._auth(EDITOR_ROLES, "Redaktion"),
                            auth_message="Anmeldung für die Redaktion." + users_note,
                            max_file_size=self.settings.max_upload_bytes, **common)
        gr.mount_gradio_app(app, self.blocks["/"], "/", max_file_size="1kb", **common)
        app.add_middleware(QueueJoinGuard, blocks=self.blocks)
        mounts = {STAFF_PATH: ("Mitarbeitende – Jobcenter-Assistent", "Anmeldung für Mitarbeitende des Jobcenters."
                               + users_note, True),  # job offer files (tab "Stellenangebote")
                  EDITOR_PATH: ("Redaktion – Jobcenter-Assistent", "Anmeldung für die Redaktion." + users_note, True),
                  "/": ("Bürgerinfo", "", False)}
        app.add_middleware(SecurityLayer, token_user=self.token_user, revoke=self.revoke_stale, mounts=mounts,
                           uploads=self.uploads)
        for route in app.routes:
            if isinstance(route, Mount) and route.path in (STAFF_PATH, EDITOR_PATH):
                self._gradio_apps[route.path] = route.app
        return app


def purge_old_feedback(ws: Workspace) -> int:
    days = ws.settings.feedback_retention_days
    if days <= 0:
        return 0
    with ws.catalog.transaction() as conn:
        cur = conn.execute("DELETE FROM feedback WHERE ts < ?", (time.time() - days * 86400,))
    return cur.rowcount or 0


def create_app(workspace: Workspace | None = None, users: UserStore | None = None,
               retriever: Retriever | None = None) -> tuple[FastAPI, AssistantApp]:
    """The ASGI app and the object holding its handlers (tests reach the handlers through it)."""
    ws = workspace or Workspace()
    users = users or UserStore.from_settings(ws.settings)
    if not len(users):
        log.warning("No accounts configured: /mitarbeitende and /redaktion cannot be used. "
                    "Create one with: python -m assistant add-user NAME --role staff|editor")
    try:
        purge_old_feedback(ws)
    except Exception:  # noqa: BLE001
        log.exception("could not purge old feedback")
    core = AssistantApp(ws, users, retriever)
    if core.index_hint() == "":
        try:  # load the embedding model, the curated answers and the language model now, not on the first question
            ws.embedder.embed_query("Bürgergeld")
            from assistant.faq.book import faq_book
            from assistant.language import warm_up

            faq_book(ws).refresh()
            warm_up()
        except Exception:  # noqa: BLE001
            log.exception("warm-up failed")
    return core.create_app(), core
