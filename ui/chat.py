"""The chat shared by the Bürgerinfo and the staff app: one question streamed to a typed `ChatView`.

A `ChatView` says what changes on the page (None: leave that component as it is); `outputs()` turns it into
the values of the six Gradio outputs (chatbot, state, sources, status, question box, warning).
The links to document files are looked up once per answer (`DocumentLinks`), not for every streamed partial.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.answering.service import answer_stream
from assistant.answering.types import Answer, Source
from assistant.catalog import VersionInfo
from assistant.errors import UserFacingError
from assistant.language import detect_language
from assistant.model import Audience
from assistant.retrieval.query import too_long_text
from assistant.privacy import find_personal_data, warning_text
from assistant.uploads import document_file, safe_upload_name

from . import render
from .common import ERROR_TEXT, FILES_PATH, Shared, warning_update

log = logging.getLogger(__name__)

MAX_TURNS = 10


def new_chat() -> dict[str, Any]:
    return {"messages": [], "history": [], "last": None}


@dataclass(frozen=True)
class ChatView:
    """One update of the chat; None leaves a component unchanged (gr.skip())."""

    messages: list[dict] | None = None
    chat: dict[str, Any] | None = None
    sources: str | None = None
    status: str | None = None
    question: str | None = None
    warning: str = ""

    def outputs(self) -> tuple:
        skip = lambda value: gr.skip() if value is None else value  # noqa: E731
        return (skip(self.messages), skip(self.chat), skip(self.sources), skip(self.status), skip(self.question),
                warning_update(self.warning))


class DocumentLinks:
    """/dateien/<version id>/<file name>#page=N for documents without a web link, read once per answer.

    The active versions are read from the catalog on the first lookup; each document's file is found once.
    """

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self._versions: dict[str, VersionInfo] | None = None
        self._files: dict[str, str] = {}  # document name → path without the page ("" when there is no file)

    def _base(self, doc: str) -> str:
        if doc not in self._files:
            if self._versions is None:
                self._versions = {v.name: v for v in self.shared.ws.catalog.active_versions()}
            version = self._versions.get(doc)
            path = document_file(self.shared.settings, version) if version is not None else None
            self._files[doc] = f"{FILES_PATH}/{version.id}/{safe_upload_name(path.name)}" if path else ""
        return self._files[doc]

    def __call__(self, source: Source) -> str:
        base = self._base(source.doc)
        if not base:
            return ""
        return base + (f"#page={source.page}" if source.page else "")


class Chat:
    """The question → answer loop of one audience."""

    def __init__(self, shared: Shared, audience: Audience) -> None:
        self.shared = shared
        self.audience = audience
        self.citizen = audience.is_citizen

    def ask(self, question: str, chat: dict[str, Any] | None) -> Iterator[ChatView]:
        chat = chat or new_chat()
        citizen, settings = self.citizen, self.shared.settings
        question = (question or "").strip()
        if not question:
            yield ChatView(chat=chat)
            return
        if len(question) > settings.max_question_chars:
            yield ChatView(chat=chat, warning=too_long_text(len(question), settings.max_question_chars))
            return
        if citizen:
            kinds = find_personal_data(question)
            if kinds:  # nothing is sent to retrieval, stored or shown back
                yield ChatView(chat=chat, warning=warning_text(kinds, detect_language(question)))
                return
            if settings.log_citizen_questions:
                log.info("citizen question: %s", question)
        if hint := self.shared.index_hint(citizen):
            yield ChatView(chat=chat, warning=hint)
            return

        messages = list(chat["messages"]) + [{"role": "user", "content": render.escape_tags(question)}]
        yield ChatView(messages + [{"role": "assistant", "content": "…"}], chat, status="*Suche in den Quellen …*",
                       question="")
        links = DocumentLinks(self.shared)
        failed = lambda text: ChatView(messages + [{"role": "assistant", "content": text}], chat, status="")  # noqa: E731
        last: Answer | None = None
        try:
            for last in answer_stream(question, self.audience, chat["history"], retriever=self.shared.retriever):
                if last.complete:
                    break
                yield ChatView(messages + [{"role": "assistant", "content": render.chat_text(last)}], chat,
                               render.sources_html(last, links, citizen=citizen),
                               render.status_markdown(last, citizen=citizen))
        except UserFacingError as exc:
            yield failed(exc.message)
            return
        except Exception:  # noqa: BLE001
            log.exception("answering failed")  # the question itself is not logged
            yield failed(ERROR_TEXT)
            return
        if last is None:
            yield failed(ERROR_TEXT)
            return
        messages.append({"role": "assistant", "content": render.chat_text(last)})
        new_state = {
            "messages": messages[-2 * MAX_TURNS:],
            "history": (list(chat["history"]) + [(question, last.text)])[-MAX_TURNS:],
            "last": last,
        }
        yield ChatView(messages, new_state, render.sources_html(last, links, citizen=citizen),
                       render.status_markdown(last, citizen=citizen))

    @staticmethod
    def cleared() -> ChatView:
        return ChatView([], new_chat(), render.sources_html(None), "", "")


def chat_column(citizen: bool, max_question_chars: int) -> dict[str, Any]:
    """The chat layout: conversation, warning, question box and buttons on the left, sources on the right."""
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
                                           max_lines=6, scale=5, autofocus=True, max_length=max_question_chars)
                with gr.Column(scale=1, min_width=120):
                    c["send"] = gr.Button("Fragen", variant="primary")
                    c["clear"] = gr.Button("Neues Gespräch")
            c["status"] = gr.Markdown("")
        with gr.Column(scale=2):
            gr.Markdown("### Quellen")
            c["sources"] = gr.HTML(render.sources_html(None))
    c["state"] = gr.State(new_chat())
    c["outputs"] = [c["chatbot"], c["state"], c["sources"], c["status"], c["question"], c["warning"]]
    return c
