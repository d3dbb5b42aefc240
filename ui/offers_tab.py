"""The "Stellenangebote" tab of the staff app: upload an employer's file (e-mail with PDF/DOCX attachments, PDF,
DOCX, HTML, TXT) or paste the text, see the prefilled form beside the original with every source span
highlighted (all text HTML-escaped), correct, save (audit log), export JSON/CSV; below, the list of saved offers
(open one into the form, export one or all as JSON/CSV; opening and exporting are written to the audit log too).

Uploads go through ui.security like the Redaktion's: only logged-in staff can upload, every upload is recorded
for its user, and a call naming a file that user did not upload is refused (here again, before anything is
read). Gradio's temporary copy is deleted as soon as it has been read, good or bad; only the text stays in the
session until "Speichern" stores the checked values.
"""

from __future__ import annotations

import html
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import UserFacingError
from assistant.offers import extract_offer, read_offer_file, read_offer_text, split_offers
from assistant.offers.export import coerce_values, offer_values, to_csv, to_jobposting
from assistant.offers.model import FIELD_LABELS, NOT_FOUND, ExtractedOffer
from assistant.offers.proposals import add_model_proposals
from assistant.offers.reader import OFFER_EXTENSIONS, OfferSource
from assistant.offers.store import OfferStore

from .files import discard_gradio_upload, safe_upload_name
from .security import UploadRegistry

log = logging.getLogger(__name__)

REFUSAL = "Kein Zugriff: Bitte als Mitarbeitende anmelden."
FOREIGN_FILE = ("Diese Datei wurde nicht in dieser Sitzung hochgeladen und kann nicht verwendet werden. "
                "Bitte die Datei über „Datei hochladen“ auswählen.")
UPLOAD_TYPES = sorted(OFFER_EXTENSIONS - {".md"})


@dataclass(frozen=True)
class OffersAccess:
    """What the tab needs from the app: who is calling (None unless staff), whose uploads are whose, the audit log."""

    user_of: Callable[[gr.Request | None], str | None]
    uploads: UploadRegistry
    audit: Callable[[str, str, str], None]


def highlighted_source(offer: ExtractedOffer) -> str:
    """The source text with each field's span in <mark title="Feld">; everything else escaped."""
    model = " (Vorschlag des Sprachmodells)"
    spans = sorted({(v.start, v.end, FIELD_LABELS.get(k, k) + (model if v.by_model else "")) for k, v in offer.fields.items()}
                   | {(r.start, r.end, "Anforderung" + (model if r.by_model else "")) for r in offer.requirements})
    out, pos = [], 0
    for start, end, label in spans:
        if start < pos:  # overlapping spans: the earlier one wins
            continue
        out.append(html.escape(offer.text[pos:start]))
        out.append(f'<mark title="{html.escape(label)}">{html.escape(offer.text[start:end])}</mark>')
        pos = end
    out.append(html.escape(offer.text[pos:]))
    return ('<div class="jca-offer-source" style="white-space: pre-wrap; font-family: monospace; font-size: 0.85em">'
            + "".join(out) + "</div>")


def _form_rows(offer: ExtractedOffer) -> list[list[str]]:
    return [[label, offer.display(key)] for key, label in FIELD_LABELS.items()] + [
        ["Anforderungen", " | ".join(str(r.value) for r in offer.requirements) or NOT_FOUND]]


SAVED_HEADERS = ["Nr.", "Gespeichert am", "von", "Stellenbezeichnung", "Arbeitgeber", "Arbeitsort", "Quelle"]


def _rows_of_values(values: dict[str, Any]) -> list[list[str]]:
    """The form rows of stored (checked) values."""
    def shown(value: Any) -> str:
        if value is None or value == "":
            return NOT_FOUND
        return ("ja" if value else "nein") if isinstance(value, bool) else str(value)
    rows = [[label, shown(values.get(key))] for key, label in FIELD_LABELS.items()]
    return rows + [["Anforderungen", " | ".join(values.get("requirements") or []) or NOT_FOUND]]


def _saved_row(item: dict[str, Any]) -> list[str]:
    when = time.strftime("%d.%m.%Y %H:%M", time.localtime(item["ts"]))
    return [str(item["id"]), when, item["actor"], item.get("title") or NOT_FOUND, item.get("employer") or NOT_FOUND,
            item.get("municipality") or NOT_FOUND, item["source_name"]]


def _values_from_rows(rows: Any) -> dict[str, Any]:
    data = rows.values.tolist() if hasattr(rows, "values") else list(rows or [])
    if isinstance(rows, dict):  # a Dataframe value as the API sends it: {"headers": …, "data": …}
        data = list(rows.get("data") or [])
    by_label = {str(r[0]): str(r[1]) for r in data if len(r) >= 2}
    values: dict[str, Any] = {}
    for key, label in FIELD_LABELS.items():
        value = by_label.get(label, NOT_FOUND).strip()
        values[key] = None if value in {"", NOT_FOUND} else value
    reqs = by_label.get("Anforderungen", NOT_FOUND)
    values["requirements"] = [] if reqs in {"", NOT_FOUND} else [r.strip() for r in reqs.split("|") if r.strip()]
    return coerce_values(values)


def offer_candidates(sources: list[OfferSource]) -> list[dict[str, str]]:
    """One entry per offer found: each part of the file (mail text, each attachment), split into its offers."""
    candidates: list[dict[str, str]] = []
    for source in sources:
        spans = split_offers(source.text)
        for i, (start, end) in enumerate(spans, 1):
            part = f" – Angebot {i} von {len(spans)}" if len(spans) > 1 else ""
            candidates.append({"label": f"{len(candidates) + 1}. {source.name}{part}", "source": source.name,
                               "text": source.text[start:end]})
    return candidates


def _richest(candidates: list[dict[str, str]]) -> int:
    """The candidate with the most fields found (the attachment rather than "anbei unser Angebot")."""
    def found(c: dict[str, str]) -> int:
        offer = extract_offer(c["text"], c["source"])
        return len(offer.fields) + len(offer.requirements)
    return max(range(len(candidates)), key=lambda i: found(candidates[i]))


def _upload_path(value: Any) -> tuple[str, str] | None:
    """(temporary path, original name) of a gr.File value (a path: Gradio keeps the uploaded file's name)."""
    if value is None:
        return None
    path = value if isinstance(value, str) else getattr(value, "path", None) or getattr(value, "name", None)
    original = getattr(value, "orig_name", None) or (Path(path).name if path else "")
    return (str(path), str(original)) if path else None


class OffersTab:
    """The tab's handlers; each checks the caller's role itself (defence in depth behind Gradio's login)."""

    def __init__(self, settings: Settings, access: OffersAccess) -> None:
        self.settings = settings
        self.access = access

    def _show(self, candidates: list[dict[str, str]], index: int, note: str = "") -> tuple:
        chosen = candidates[index]
        offer, dropped = add_model_proposals(extract_offer(chosen["text"], chosen["source"]), self.settings)
        by_model = [FIELD_LABELS.get(k, k) for k, v in offer.fields.items() if v.by_model]
        by_model += ["Anforderung"] * sum(r.by_model for r in offer.requirements)
        if by_model or dropped:
            note = (note + " " if note else "") + (
                f"Vom Sprachmodell vorgeschlagen und im Text gefunden: {', '.join(dict.fromkeys(by_model)) or 'nichts'}"
                f"{f'; {dropped} Vorschläge ohne Fundstelle im Text verworfen' if dropped else ''}. Bitte besonders prüfen.")
        if len(candidates) > 1:
            note = (note + " " if note else "") + (
                f"**Hinweis:** Die Quelle enthält {len(candidates)} Teile oder Stellenangebote; gezeigt wird "
                f"„{html.escape(chosen['label'])}“. Unter „Angebot“ lässt sich ein anderes wählen.")
        choices = gr.update(choices=[c["label"] for c in candidates], value=chosen["label"],
                            visible=len(candidates) > 1)
        return _form_rows(offer), highlighted_source(offer), note, choices, candidates, chosen["source"]

    def _error(self, message: str) -> tuple:
        return ([], "", f"**Fehler:** {html.escape(message)}", gr.update(choices=[], value=None, visible=False), [],
                "")

    def read_text(self, text: str, request: gr.Request) -> tuple:
        if not self.access.user_of(request):
            return self._error(REFUSAL)
        try:
            sources = read_offer_text(text)
        except UserFacingError as exc:
            return self._error(exc.message)
        candidates = offer_candidates(sources)
        return self._show(candidates, 0)

    def read_file(self, file: Any, request: gr.Request) -> tuple:
        """Read an uploaded file of this user; its temporary copy is deleted afterwards, whatever the outcome."""
        user = self.access.user_of(request)
        if not user:
            return (*self._error(REFUSAL), None)
        item = _upload_path(file)
        if item is None:
            return (*self._error("Bitte zuerst eine Datei auswählen."), None)
        temp, original = item
        if not self.access.uploads.owned_by(user, temp):  # nothing is read, copied or deleted
            self.access.audit(user, "upload-abgelehnt", "Stellenangebot: Datei nicht in dieser Sitzung hochgeladen")
            return (*self._error(FOREIGN_FILE), None)
        name = safe_upload_name(original)
        try:
            sources = read_offer_file(Path(temp), display_name=name, settings=self.settings)
            candidates = offer_candidates(sources)
        except UserFacingError as exc:
            self.access.audit(user, "upload-abgelehnt", f"Stellenangebot {name}: {exc.message}"[:300])
            return (*self._error(exc.message), None)
        except Exception:  # noqa: BLE001
            log.exception("reading an offer file failed")
            return (*self._error(f"Die Datei „{name}“ konnte nicht gelesen werden (interner Fehler)."), None)
        finally:
            discard_gradio_upload(temp)
        return (*self._show(candidates, _richest(candidates), f"Gelesen: **{html.escape(name)}**."), None)

    def pick(self, label: str, candidates: list[dict[str, str]] | None, request: gr.Request) -> tuple:
        if not self.access.user_of(request):
            return self._error(REFUSAL)
        candidates = candidates or []
        index = next((i for i, c in enumerate(candidates) if c["label"] == label), None)
        if index is None:
            return (gr.skip(),) * 6
        return self._show(candidates, index)

    def save(self, rows: Any, name: str, request: gr.Request) -> str:
        user = self.access.user_of(request)
        if not user:
            return REFUSAL
        values = _values_from_rows(rows)
        if not any(v for k, v in values.items() if k != "requirements"):
            return "**Fehler:** Es gibt nichts zu speichern."
        offer_id = OfferStore(self.settings).save(values, actor=user, source_name=name or "eingefügter Text")
        return f"Gespeichert als Stellenangebot {offer_id}."

    def export_json(self, rows: Any, request: gr.Request) -> str:
        if not self.access.user_of(request):
            return REFUSAL
        return json.dumps(to_jobposting(_values_from_rows(rows)), ensure_ascii=False, indent=2)

    def export_csv(self, rows: Any, request: gr.Request) -> str:
        if not self.access.user_of(request):
            return REFUSAL
        return to_csv([_values_from_rows(rows)])

    # --- the saved offers ------------------------------------------------------------------------------

    def saved_list(self, request: gr.Request) -> list[list[str]]:
        """The saved offers, newest first (nothing for a caller who is not staff)."""
        if not self.access.user_of(request):
            return []
        return [_saved_row(item) for item in OfferStore(self.settings).list()]

    def pick_saved(self, rows: Any, event: gr.SelectData) -> Any:
        """The number of the saved offer whose row was clicked."""
        data = rows.values.tolist() if hasattr(rows, "values") else list(rows or [])
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        try:
            return int(data[int(index)][0])
        except (IndexError, TypeError, ValueError):
            return gr.skip()

    def open_saved(self, offer_id: Any, request: gr.Request) -> tuple:
        """Load a saved offer into the form (its checked values; the original text is not stored)."""
        user = self.access.user_of(request)
        if not user:
            return self._error(REFUSAL)
        item = self._saved(offer_id)
        if item is None:
            return self._error("Kein gespeichertes Stellenangebot mit dieser Nummer.")
        self.access.audit(user, "offer-open", f"Stellenangebot {item['id']} geöffnet")
        when = time.strftime("%d.%m.%Y %H:%M", time.localtime(item["ts"]))
        note = (f"Gespeichertes Stellenangebot **{item['id']}** geöffnet (gespeichert am {when} von "
                f"{html.escape(item['actor'])}, Quelle: {html.escape(item['source_name'])}). Das Original wird nicht "
                "gespeichert; geänderte Werte werden mit „Speichern“ als neues Stellenangebot abgelegt.")
        return (_rows_of_values(item), "", note, gr.update(choices=[], value=None, visible=False), [],
                item["source_name"])

    def export_saved(self, offer_id: Any, fmt: str, request: gr.Request) -> str:
        """One saved offer (its number given) or all saved offers (no number) as JSON or CSV."""
        user = self.access.user_of(request)
        if not user:
            return REFUSAL
        store = OfferStore(self.settings)
        if offer_id in (None, "", 0):
            items = store.list(limit=10_000)
        else:
            item = self._saved(offer_id)
            if item is None:
                return "Kein gespeichertes Stellenangebot mit dieser Nummer."
            items = [item]
        if not items:
            return "Es sind noch keine Stellenangebote gespeichert."
        values = [coerce_values({k: v for k, v in item.items() if k not in {"id", "ts", "actor", "source_name"}})
                  for item in items]
        numbers = ", ".join(str(item["id"]) for item in items)
        self.access.audit(user, "offer-export", f"Stellenangebote {numbers} als {fmt.upper()} exportiert"[:300])
        if fmt == "csv":
            return to_csv(values)
        postings = [to_jobposting(v) for v in values]
        return json.dumps(postings[0] if len(postings) == 1 else postings, ensure_ascii=False, indent=2)

    def export_saved_json(self, offer_id: Any, request: gr.Request) -> str:
        return self.export_saved(offer_id, "json", request)

    def export_saved_csv(self, offer_id: Any, request: gr.Request) -> str:
        return self.export_saved(offer_id, "csv", request)

    def _saved(self, offer_id: Any) -> dict[str, Any] | None:
        try:
            number = int(float(offer_id))
        except (TypeError, ValueError):
            return None
        return OfferStore(self.settings).get(number)


def build_offers_tab(settings: Settings, access: OffersAccess) -> OffersTab:
    """Components and events of the tab; call inside `with gr.Tab("Stellenangebote"):`."""
    tab = OffersTab(settings, access)
    gr.Markdown("Stellenangebot als Datei hochladen (E-Mail .eml mit PDF- oder Word-Anhang, PDF, DOCX, HTML, TXT) "
                "oder als Text einfügen. Die Felder werden vorbefüllt; jeder Wert ist im Originaltext markiert. "
                "Bitte prüfen und korrigieren, dann speichern.")
    with gr.Row():
        # No `file_types`: Gradio would refuse other types in English; the reader refuses them in German.
        upload = gr.File(label="Datei hochladen (" + ", ".join(UPLOAD_TYPES) + ")", file_count="single",
                         type="filepath", scale=1)
        with gr.Column(scale=2):
            pasted = gr.Textbox(label="… oder Text des Stellenangebots", lines=6, max_length=100_000)
            analyse = gr.Button("Text auslesen", variant="primary")
    notice = gr.Markdown("")
    pick = gr.Dropdown([], value=None, label="Angebot", visible=False, allow_custom_value=False)
    with gr.Row():
        form = gr.Dataframe(headers=["Feld", "Wert"], datatype=["str", "str"], interactive=True, label="Vorschlag",
                            col_count=(2, "fixed"), max_height=900)
        original = gr.HTML("", label="Original")
    with gr.Row():
        save = gr.Button("Speichern")
        export_json = gr.Button("Export JSON (schema.org)")
        export_csv = gr.Button("Export CSV")
    exported = gr.Code(label="Export", language="json")
    candidates = gr.State([])
    source_name = gr.State("eingefügter Text")
    with gr.Accordion("Gespeicherte Stellenangebote", open=True):
        saved = gr.Dataframe(headers=SAVED_HEADERS, datatype=["str"] * len(SAVED_HEADERS), interactive=False,
                             label="Gespeicherte Stellenangebote (neueste zuerst; Zeile anklicken wählt die Nummer)",
                             max_height=400)
        with gr.Row():
            saved_id = gr.Number(label="Nr. des gespeicherten Angebots (leer = alle beim Export)", precision=0,
                                 value=None)  # no minimum: an empty field arrives as 0 and means "all"
            refresh = gr.Button("Liste aktualisieren")
            open_saved = gr.Button("Öffnen")
            saved_json = gr.Button("Export JSON (schema.org)")
            saved_csv = gr.Button("Export CSV")

    shown = [form, original, notice, pick, candidates, source_name]
    upload.upload(tab.read_file, [upload], [*shown, upload], api_name="angebot_datei", api_visibility="undocumented",
                  concurrency_limit=2)
    analyse.click(tab.read_text, [pasted], shown, api_name="angebot_text", api_visibility="undocumented")
    pick.input(tab.pick, [pick, candidates], shown, api_visibility="private")
    save.click(tab.save, [form, source_name], [notice], api_visibility="private").then(
        tab.saved_list, None, [saved], api_visibility="private")
    refresh.click(tab.saved_list, None, [saved], api_name="angebote_liste", api_visibility="undocumented")
    saved.select(tab.pick_saved, [saved], [saved_id], api_visibility="private")
    open_saved.click(tab.open_saved, [saved_id], shown, api_visibility="private")
    saved_json.click(tab.export_saved_json, [saved_id], [exported], api_visibility="private")
    saved_csv.click(tab.export_saved_csv, [saved_id], [exported], api_visibility="private")
    export_json.click(tab.export_json, [form], [exported], api_visibility="private")
    export_csv.click(tab.export_csv, [form], [exported], api_visibility="private")
    return tab


__all__ = ["OffersAccess", "OffersTab", "build_offers_tab", "highlighted_source", "offer_candidates", "offer_values"]
