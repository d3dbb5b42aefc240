"""The Bürgerinfo at /: public, audience "citizen" (public sources only), no login, questions not stored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.model import Audience

from .chat import Chat, chat_column
from .common import STAFF_PATH, Shared

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


class CitizenUI:
    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.chat = Chat(shared, Audience.CITIZEN)

    def ask_citizen(self, question: str, chat: dict[str, Any] | None) -> Iterator[tuple]:
        for view in self.chat.ask(question, chat):
            yield view.outputs()

    def clear_chat(self) -> tuple:
        return Chat.cleared().outputs()

    def blocks(self) -> gr.Blocks:
        settings = self.shared.settings
        with gr.Blocks(title="Bürgerinfo – Jobcenter-Assistent", analytics_enabled=False) as demo:
            gr.Markdown("# Bürgerinfo Bürgergeld")
            gr.Markdown(CITIZEN_NOTE, elem_classes=["jca-note"])
            hint = gr.Markdown(self.shared.index_hint(citizen=True))
            c = chat_column(citizen=True, max_question_chars=self.shared.settings.max_question_chars)
            gr.Examples(CITIZEN_EXAMPLES, inputs=[c["question"]], label="Beispielfragen zum Start")
            gr.Markdown(f"<small>[Anmeldung für Mitarbeitende]({STAFF_PATH}/)</small>")
            c["send"].click(self.ask_citizen, [c["question"], c["state"]], c["outputs"], api_name="frage",
                            concurrency_limit=settings.ui_concurrency)
            c["question"].submit(self.ask_citizen, [c["question"], c["state"]], c["outputs"],
                                 api_visibility="private", concurrency_limit=settings.ui_concurrency)
            c["clear"].click(self.clear_chat, None, c["outputs"], api_visibility="private")
            demo.load(lambda: self.shared.index_hint(citizen=True), None, hint, api_visibility="private")
        return demo
