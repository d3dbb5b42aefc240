"""The "Stellenangebote" tab of the staff app: paste an offer, see the prefilled form beside the original
with every source span highlighted (all text HTML-escaped), correct, save (audit log), export JSON/CSV.

File upload (e-mail with PDF) is on the CLI for now (`python -m assistant offer FILE`); the staff app has no
upload registration in ui/security.py yet.
"""

from __future__ import annotations

import html
import json
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import UserFacingError
from assistant.offers import extract_offer, read_offer_text, split_offers
from assistant.offers.export import offer_values, to_csv, to_jobposting
from assistant.offers.model import FIELD_LABELS, NOT_FOUND, ExtractedOffer
from assistant.offers.store import OfferStore


def highlighted_source(offer: ExtractedOffer) -> str:
    """The source text with each field's span in <mark title="Feld">; everything else escaped."""
    spans = sorted({(v.start, v.end, FIELD_LABELS.get(k, k)) for k, v in offer.fields.items()}
                   | {(r.start, r.end, "Anforderung") for r in offer.requirements})
    out, pos = [], 0
    for start, end, label in spans:
        if start < pos:  # overlapping spans: the earlier one wins
            continue
        out.append(html.escape(offer.text[pos:start]))
        out.append(f'<mark title="{html.escape(label)}">{html.escape(offer.text[start:end])}</mark>')
        pos = end
    out.append(html.escape(offer.text[pos:]))
    return '<div style="white-space: pre-wrap; font-family: monospace; font-size: 0.85em">' + "".join(out) + "</div>"


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


def build_offers_tab(settings: Settings) -> None:
    """Components and events of the tab; call inside `with gr.Tab("Stellenangebote"):`."""
    gr.Markdown("Stellenangebot als Text einfügen (aus E-Mail, PDF oder Webseite). Die Felder werden vorbefüllt; "
                "jeder Wert ist im Originaltext markiert. Bitte prüfen und korrigieren, dann speichern.")
    pasted = gr.Textbox(label="Text des Stellenangebots", lines=10, max_length=100_000)
    analyse = gr.Button("Auslesen", variant="primary")
    notice = gr.Markdown("")
    with gr.Row():
        form = gr.Dataframe(headers=["Feld", "Wert"], datatype=["str", "str"], interactive=True, label="Vorschlag",
                            col_count=(2, "fixed"))
        original = gr.HTML("")
    with gr.Row():
        save = gr.Button("Speichern")
        export_json = gr.Button("Export JSON (schema.org)")
        export_csv = gr.Button("Export CSV")
    exported = gr.Code(label="Export", language="json")
    source_name = gr.State("eingefügter Text")

    def run(text: str):
        try:
            source = read_offer_text(text)[0]
        except UserFacingError as exc:
            return gr.update(value=[]), "", f"**Fehler:** {html.escape(exc.message)}"
        spans = split_offers(source.text)
        offer = extract_offer(source.text[spans[0][0]:spans[0][1]], source.name)
        note = (f"**Hinweis:** Der Text enthält offenbar {len(spans)} Stellenangebote; gezeigt wird das erste."
                if len(spans) > 1 else "")
        return _form_rows(offer), highlighted_source(offer), note

    def do_save(rows, name: str, request: gr.Request):
        values = _values_from_rows(rows)
        if not any(v for k, v in values.items() if k != "requirements"):
            return "**Fehler:** Es gibt nichts zu speichern."
        actor = getattr(request, "username", None) or "unbekannt"
        offer_id = OfferStore(settings).save(values, actor=actor, source_name=name)
        return f"Gespeichert als Stellenangebot {offer_id}."

    analyse.click(run, [pasted], [form, original, notice], api_visibility="private")
    save.click(do_save, [form, source_name], [notice], api_visibility="private")
    export_json.click(lambda rows: json.dumps(to_jobposting(_values_from_rows(rows)), ensure_ascii=False, indent=2),
                      [form], [exported], api_visibility="private")
    export_csv.click(lambda rows: to_csv([_values_from_rows(rows)]), [form], [exported], api_visibility="private")


__all__ = ["build_offers_tab", "highlighted_source", "offer_values"]
