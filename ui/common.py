"""What the three apps share: mount paths, German texts, theme and CSS, and the `Shared` context (workspace,
accounts, retriever, upload registry, editorial service) with the role check every handler starts with."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import gradio as gr

from assistant.accounts import Role, UserStore
from assistant.editorial import EditorialService
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace

from .security import UploadRegistry

log = logging.getLogger(__name__)

STAFF_PATH = "/mitarbeitende"
EDITOR_PATH = "/redaktion"
FILES_PATH = "/dateien"
LOGOUT_PATH = "/abmelden"

REFUSAL = "Keine Berechtigung. Bitte melden Sie sich mit einem passenden Konto an."
EMPTY_INDEX = ("**Hinweis:** Der Index ist noch leer: Es sind keine Dokumente aufgenommen. "
               "Bitte zuerst `python -m assistant ingest` ausführen oder in der Redaktion Dokumente hochladen.")
EMPTY_INDEX_CITIZEN = ("**Hinweis:** Die Bürgerinfo ist gerade nicht verfügbar, weil noch keine Dokumente bereitstehen. "
                       "Bitte versuchen Sie es später noch einmal.")
ERROR_TEXT = "Es ist ein technischer Fehler aufgetreten. Bitte versuchen Sie es noch einmal."

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


def make_theme() -> gr.themes.Base:
    """System fonts only: nothing is loaded from the internet."""
    return gr.themes.Default(font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
                             font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"])


def username(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None) if request is not None else None


def fmt_time(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%d.%m.%Y %H:%M")


def warning_update(text: str) -> dict[str, Any]:
    return gr.update(value=text, visible=bool(text))


class Shared:
    """One Workspace, one Retriever, the accounts and the uploads, shared by the three apps."""

    def __init__(self, workspace: Workspace, users: UserStore, retriever: Retriever | None = None) -> None:
        self.ws = workspace
        self.settings = workspace.settings
        self.users = users
        self.retriever = retriever or Retriever(workspace)
        self.uploads = UploadRegistry()  # upload paths per logged-in user, filled by ui.security
        self.editorial = EditorialService(workspace)

    def user_with(self, request: gr.Request | None, roles: frozenset[Role]) -> str | None:
        """The logged-in user if the users file gives them one of the roles, else None."""
        name = username(request)
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
