"""The "Stellenangebote" tab of the staff app: upload an employer's file (e-mail with PDF/DOCX attachments, PDF,
DOCX, HTML, TXT) or paste the text, see the prefilled form beside the original with every source span
highlighted (all text HTML-escaped), correct, save (audit log), export JSON/CSV.

Uploads go through ui.security like the Redaktion's: only logged-in staff can upload, every upload is recorded
for its user, and a call naming a file that user did not upload is refused (here again, before anything is
read). Gradio's temporary copy is deleted as soon as it has been read, good or bad; only the text stays in the
session until "Speichern" stores the checked values.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import UserFacingError
from assistant.offers import extract_offer, read_offer_file, read_offer_text, split_offers
from assistant.offers.export import offer_values, to_csv, to_jobposting
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


def _values_from_rows(rows: Any) -> dict[str, Any]:
    data = rows.values.tolist() if hasattr(rows, "values") else list(rows or [])
    by_label = {str(r[0]): str(r[1]) for r in data if len(r) >= 2}
    values: dict[str, Any] = {}
    for key, label in FIELD_LABELS.items():
        value = by_label.get(label, NOT_FOUND).strip()
        values[key] = None if value in {"", NOT_FOUND} else value
    reqs = by_label.get("Anforderungen", NOT_FOUND)
    values["requirements"] = [] if reqs in {"", NOT_FOUND} else [r.strip() for r in reqs.split("|") if r.strip()]
    return values


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

    shown = [form, original, notice, pick, candidates, source_name]
    upload.upload(tab.read_file, [upload], [*shown, upload], api_name="angebot_datei", api_visibility="undocumented",
                  concurrency_limit=2)
    analyse.click(tab.read_text, [pasted], shown, api_name="angebot_text", api_visibility="undocumented")
    pick.input(tab.pick, [pick, candidates], shown, api_visibility="private")
    save.click(tab.save, [form, source_name], [notice], api_visibility="private")
    export_json.click(tab.export_json, [form], [exported], api_visibility="private")
    export_csv.click(tab.export_csv, [form], [exported], api_visibility="private")
    return tab


__all__ = ["OffersAccess", "OffersTab", "build_offers_tab", "highlighted_source", "offer_candidates", "offer_values"]
