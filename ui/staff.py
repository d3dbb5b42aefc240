"""The staff app at /mitarbeitende (role staff or editor): chat with sources, feedback, calculators, job offers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.accounts import STAFF_ROLES, Role
from assistant.answering.types import Answer
from assistant.model import Audience

from . import render
from .chat import Chat, ChatView, chat_column
from .common import EDITOR_PATH, ERROR_TEXT, LOGOUT_PATH, REFUSAL, Shared
from .offers_tab import OffersAccess, OffersTab, build_offers_tab

log = logging.getLogger(__name__)

STAFF_EXAMPLES = [
    "Welche Absetzbeträge gelten bei Erwerbstätigkeit nach § 11b SGB II?",
    "Was regelt Rz. 21.27 zum Mehrbedarf?",
    "Wann ist eine Person erwerbsfähig?",
    "Mietobergrenze im Beispielkreis für zwei Personen?",
]
CALCULATORS = ["Freibetrag bei Arbeit", "Regelbedarf nach Alter", "Kind hat Geburtstag (6, 14, 18)",
               "Mehrbedarf Alleinerziehende", "Vermögensfreibetrag", "Schulbedarf"]
MAX_COMMENT_CHARS = 2000


class StaffUI:
    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.chat = Chat(shared, Audience.STAFF)
        self.offers_tab: OffersTab | None = None  # the handlers of "Stellenangebote", set by blocks()

    def _user(self, request: gr.Request | None) -> str | None:
        return self.shared.user_with(request, STAFF_ROLES)

    # --- chat and feedback -----------------------------------------------------------------------

    def ask_staff(self, question: str, chat: dict[str, Any] | None, request: gr.Request) -> Iterator[tuple]:
        if not self._user(request):
            yield ChatView(chat=chat, warning=REFUSAL).outputs()
            return
        for view in self.chat.ask(question, chat):
            yield view.outputs()

    def clear_staff_chat(self, request: gr.Request) -> tuple:
        if not self._user(request):
            return ChatView(warning=REFUSAL).outputs()
        return Chat.cleared().outputs()

    def feedback(self, rating: int, comment: str, chat: dict[str, Any] | None, request: gr.Request) -> tuple[str, Any]:
        user = self._user(request)
        if not user:
            return REFUSAL, gr.skip()
        last: Answer | None = (chat or {}).get("last")
        if last is None:
            return "Es gibt noch keine Antwort, die bewertet werden kann.", gr.skip()
        comment = (comment or "").strip()[:MAX_COMMENT_CHARS]
        self.shared.ws.catalog.add_feedback(user, last.question, last.text, rating, comment)
        return "Danke für Ihre Rückmeldung – sie wurde gespeichert.", ""

    def feedback_up(self, comment: str, chat: dict[str, Any] | None, request: gr.Request) -> tuple[str, Any]:
        return self.feedback(1, comment, chat, request)

    def feedback_down(self, comment: str, chat: dict[str, Any] | None, request: gr.Request) -> tuple[str, Any]:
        return self.feedback(-1, comment, chat, request)

    def staff_welcome(self, request: gr.Request) -> str:
        user = self._user(request)
        if not user:
            return REFUSAL
        editor = self.shared.users.role_of(user) == Role.EDITOR
        extra = f' · <a href="{EDITOR_PATH}/" target="_self">Redaktion</a>' if editor else ""
        hint = self.shared.index_hint() or self.shared.store_hint()
        return render.login_line(user, "Redaktion" if editor else "Mitarbeitende", LOGOUT_PATH, extra, hint)

    # --- calculators -----------------------------------------------------------------------------

    def calculate(self, kind: str, gross: float | None, minor_child: bool, age: float | None, birthday: str | None,
                  children_ages: str, persons: float | None, karenzzeit: str, children: float | None,
                  request: gr.Request) -> str:
        if not self._user(request):
            return REFUSAL
        from assistant import calculators as calc

        units = self.shared.retriever.units
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

    # --- layout ----------------------------------------------------------------------------------

    def blocks(self) -> gr.Blocks:
        settings = self.shared.settings
        # Gradio's copies of offer files are deleted once read; anything left goes after a day.
        with gr.Blocks(title="Mitarbeitende – Jobcenter-Assistent", analytics_enabled=False,
                       delete_cache=(3600, 86400)) as demo:
            gr.Markdown("# Jobcenter-Assistent · Mitarbeitende")
            welcome = gr.HTML("")
            with gr.Tab("Fragen"):
                c = chat_column(citizen=False, max_question_chars=self.shared.settings.max_question_chars)
                with gr.Row():
                    comment = gr.Textbox(label="Kommentar zur letzten Antwort (optional)", scale=4,
                                         max_length=MAX_COMMENT_CHARS)
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
                self.offers_tab = build_offers_tab(settings, OffersAccess(
                    user_of=self._user, uploads=self.shared.uploads, audit=self.shared.ws.catalog.audit))
            c["send"].click(self.ask_staff, [c["question"], c["state"]], c["outputs"], api_name="frage",
                            api_visibility="undocumented", concurrency_limit=settings.ui_concurrency)
            c["question"].submit(self.ask_staff, [c["question"], c["state"]], c["outputs"], api_visibility="private",
                                 concurrency_limit=settings.ui_concurrency)
            c["clear"].click(self.clear_staff_chat, None, c["outputs"], api_visibility="private")
            up.click(self.feedback_up, [comment, c["state"]], [feedback_msg, comment], api_name="lob",
                     api_visibility="undocumented")
            down.click(self.feedback_down, [comment, c["state"]], [feedback_msg, comment], api_name="kritik",
                       api_visibility="undocumented")
            demo.load(self.staff_welcome, None, welcome, api_visibility="private")
        return demo
