"""The web app: one FastAPI process with three separately mounted Gradio apps.

    /               Bürgerinfo     public; audience "citizen" (public sources only), no storage of questions
                                   (ui/citizen.py)
    /mitarbeitende  Mitarbeitende  login (role staff or editor); chat with sources panel, feedback, calculators,
                                   job offers (ui/staff.py, ui/offers_tab.py)
    /redaktion      Redaktion      login (role editor); documents, upload/preview/replace, withdraw, audit log
                                   (ui/editor.py over assistant/editorial.py)
    /dateien/…      the PDF or file behind a cited document (internal documents only for logged-in staff)

Roles are enforced on the server twice: each Gradio app has its own `auth` (its queue and upload routes
answer 401 without that app's login cookie), and every staff and editor handler checks
`request.username` against the users file again before doing anything (a German refusal otherwise).
All answers, retrieval and ingestion come from the `assistant` library; this module only assembles the apps.
"""

from __future__ import annotations

import logging
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import gradio as gr  # noqa: E402
from fastapi import FastAPI, HTTPException, Request  # noqa: E402
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse  # noqa: E402
from starlette.routing import Mount  # noqa: E402

from assistant.accounts import EDITOR_ROLES, STAFF_ROLES, UserStore  # noqa: E402
from assistant.model import Audience  # noqa: E402
from assistant.retrieval.retriever import Retriever  # noqa: E402
from assistant.uploads import document_file, safe_upload_name  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402

from .chat import MAX_TURNS  # noqa: E402,F401 - part of the app's public face (tests)
from .citizen import CitizenUI  # noqa: E402
from .common import (CSS, EDITOR_PATH, FILES_PATH, LOGOUT_PATH, REFUSAL, STAFF_PATH, Shared,  # noqa: E402,F401
                     make_theme)
from .editor import EditorUI  # noqa: E402
from .guard import QueueJoinGuard  # noqa: E402
from .security import SecurityLayer  # noqa: E402
from .sessions import Sessions  # noqa: E402
from .staff import StaffUI  # noqa: E402

log = logging.getLogger(__name__)

INLINE_SUFFIXES = frozenset({".pdf"})  # shown in the browser; every other original is a download


class AssistantApp:
    """The three apps over one Workspace and one shared Retriever, and the routes around them."""

    def __init__(self, workspace: Workspace, users: UserStore, retriever: Retriever | None = None) -> None:
        self.shared = Shared(workspace, users, retriever)
        self.citizen = CitizenUI(self.shared)
        self.staff = StaffUI(self.shared)
        self.editor = EditorUI(self.shared)
        self.sessions = Sessions(users, workspace.catalog)
        self.blocks: dict[str, gr.Blocks] = {}  # mount path → Blocks

    ws = property(lambda self: self.shared.ws)
    settings = property(lambda self: self.shared.settings)
    users = property(lambda self: self.shared.users)
    retriever = property(lambda self: self.shared.retriever)
    uploads = property(lambda self: self.shared.uploads)
    editorial = property(lambda self: self.shared.editorial)
    offers_tab = property(lambda self: self.staff.offers_tab)

    def serve_file(self, request: Request, version_id: int, filename: str) -> FileResponse:
        version = self.ws.catalog.active_version_by_id(version_id)
        if version is None:
            raise HTTPException(404, "Dokument nicht gefunden.")
        if not Audience.CITIZEN.may_see(version.visibility) and not self.sessions.cookie_user(request, STAFF_ROLES):
            raise HTTPException(403, "Dieses Dokument ist intern. Bitte als Mitarbeitende anmelden.")
        path = document_file(self.settings, version)
        if path is None or filename != safe_upload_name(path.name):
            raise HTTPException(404, "Die Datei zu diesem Dokument liegt nicht vor.")
        inline = path.suffix.lower() in INLINE_SUFFIXES
        media = "application/pdf" if inline else "application/octet-stream"  # never rendered as a page
        return FileResponse(path, media_type=media, filename=safe_upload_name(path.name),
                            content_disposition_type="inline" if inline else "attachment")

    def create_app(self) -> FastAPI:
        app = FastAPI(title="Jobcenter-Assistent", docs_url=None, redoc_url=None, openapi_url=None)

        @app.get(f"{FILES_PATH}/{{version_id}}/{{filename}}")
        def files_route(request: Request, version_id: int, filename: str) -> FileResponse:
            return self.serve_file(request, version_id, filename)

        @app.get(LOGOUT_PATH)
        def logout_route(request: Request) -> RedirectResponse:
            return self.sessions.logout_everywhere(request)

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
        staff_login = "Anmeldung für Mitarbeitende des Jobcenters." + users_note
        editor_login = "Anmeldung für die Redaktion." + users_note
        self.blocks = {STAFF_PATH: self.staff.blocks(), EDITOR_PATH: self.editor.blocks(), "/": self.citizen.blocks()}
        login = self.sessions.login_check
        gr.mount_gradio_app(app, self.blocks[STAFF_PATH], STAFF_PATH, auth=login(STAFF_ROLES, "Mitarbeitende"),
                            auth_message=staff_login, max_file_size=self.settings.max_upload_bytes, **common)
        gr.mount_gradio_app(app, self.blocks[EDITOR_PATH], EDITOR_PATH, auth=login(EDITOR_ROLES, "Redaktion"),
                            auth_message=editor_login, max_file_size=self.settings.max_upload_bytes, **common)
        gr.mount_gradio_app(app, self.blocks["/"], "/", max_file_size="1kb", **common)
        app.add_middleware(QueueJoinGuard, blocks=self.blocks)
        mounts = {STAFF_PATH: ("Mitarbeitende – Jobcenter-Assistent", staff_login, True),  # job offer files
                  EDITOR_PATH: ("Redaktion – Jobcenter-Assistent", editor_login, True),
                  "/": ("Bürgerinfo", "", False)}
        app.add_middleware(SecurityLayer, token_user=self.sessions.token_user, revoke=self.sessions.revoke_stale,
                           mounts=mounts, uploads=self.uploads)
        for route in app.routes:
            if isinstance(route, Mount) and route.path in (STAFF_PATH, EDITOR_PATH):
                self.sessions.gradio_apps[route.path] = route.app
        return app


def create_app(workspace: Workspace | None = None, users: UserStore | None = None,
               retriever: Retriever | None = None) -> tuple[FastAPI, AssistantApp]:
    """The ASGI app and the object holding its handlers (tests reach the handlers through it)."""
    ws = workspace or Workspace()
    users = users or UserStore.from_settings(ws.settings)
    if not len(users):
        log.warning("No accounts configured: /mitarbeitende and /redaktion cannot be used. "
                    "Create one with: python -m assistant add-user NAME --role staff|editor")
    try:
        ws.catalog.purge_feedback(ws.settings.feedback_retention_days)
    except Exception:  # noqa: BLE001
        log.exception("could not purge old feedback")
    core = AssistantApp(ws, users, retriever)
    if core.shared.index_hint() == "":
        try:  # load the embedding model, the curated answers and the language model now, not on the first question
            ws.embedder.embed_query("Bürgergeld")
            from assistant.faq.book import faq_book
            from assistant.language import warm_up

            faq_book(ws).refresh()
            warm_up()
        except Exception:  # noqa: BLE001
            log.exception("warm-up failed")
    return core.create_app(), core
