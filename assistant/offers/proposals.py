"""Values a configured language model proposes for the fields the rules left empty — kept only when grounded.

When `JCA_LLM_BACKEND` is not `extractive`, the model gets the offer's text and answers with JSON (field → value,
copied from the text). A proposal is kept only if it is found in the source: verbatim (ignoring case and
spacing) for text fields and requirements, or as a normalised form for numbers (38.5 ↔ "38,5"), dates
("2024-04-01" ↔ "01.04.2024" or "1. April 2024") and kinds ("Teilzeit" ↔ the word in the text). Everything
else is dropped, so the form never shows a value that does not occur in the source. The rules' values are
never replaced; any model failure leaves the offer as the rules made it.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from assistant.config import Settings
from assistant.offers.model import FIELD_LABELS, ExtractedOffer, FieldValue
from assistant.offers.normalise import MONTH_RX, german_number, iso_date, month_of

log = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "employer", "contact_person", "email", "phone", "postcode", "municipality", "pay_tariff",
               "application_route")
NUMBER_FIELDS = ("hours_per_week", "pay_amount")
DATE_FIELDS = ("start_date", "application_deadline", "contract_end")
KIND_FIELDS = {"working_time_kind": ("Vollzeit", "Teilzeit", "Minijob"),
               "contract_kind": ("unbefristet", "befristet", "Ausbildung", "Praktikum")}
MAX_TEXT_CHARS = 12_000

SYSTEM_PROMPT = (
    "Du liest deutsche Stellenangebote aus. Antworte nur mit einem JSON-Objekt. Schlüssel: "
    + ", ".join(f'"{k}" ({v})' for k, v in FIELD_LABELS.items() if k not in ("shift", "pay_negotiable", "pay_period"))
    + ', "requirements" (Liste der Anforderungen). Werte wörtlich aus dem Text kopieren; Daten als JJJJ-MM-TT, '
    "Stunden und Beträge als Zahl. Was nicht im Text steht, weglassen. Nichts erfinden."
)

_NUMBER_RX = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?")
_DATE_NUM_RX = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b")
_DATE_NAMED_RX = re.compile(r"(\d{1,2})\.\s?(" + MONTH_RX + r")\s+(\d{4})\b", re.IGNORECASE)
_MONTH_YEAR_RX = re.compile(r"\b(" + MONTH_RX + r")\s+(\d{4})\b", re.IGNORECASE)
_ASAP_RX = re.compile(r"\bab sofort\b|\bzum nächstmöglichen Zeitpunkt\b|\bnächstmöglich\w*\b", re.IGNORECASE)


def _verbatim(text: str, value: str) -> tuple[int, int] | None:
    """The span of `value` in `text`, ignoring case and runs of white space; None if it is not there."""
    words = str(value).split()
    if not words or len(str(value)) > 400:
        return None
    m = re.search(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", text, re.IGNORECASE)
    return m.span() if m else None


def _number(text: str, value: Any) -> tuple[int, int] | None:
    try:
        wanted = float(str(value).replace(",", "."))
    except ValueError:
        return None
    for m in _NUMBER_RX.finditer(text):
        found = german_number(m.group(0))
        if found is not None and abs(found - wanted) < 0.005:
            return m.span()
    return None


def _date(text: str, value: Any) -> tuple[int, int, str] | None:
    value = str(value).strip()
    if value.lower() == "ab sofort":
        m = _ASAP_RX.search(text)
        return (*m.span(), "ab sofort") if m else None
    for m in _DATE_NUM_RX.finditer(text):
        if iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) == value:
            return (*m.span(), value)
    for m in _DATE_NAMED_RX.finditer(text):
        month = month_of(m.group(2))
        if month and iso_date(int(m.group(1)), month, int(m.group(3))) == value:
            return (*m.span(), value)
    for m in _MONTH_YEAR_RX.finditer(text):
        month = month_of(m.group(1))
        if month and f"{int(m.group(2)):04d}-{month:02d}" == value:
            return (*m.span(), value)
    return None


def ground(text: str, key: str, value: Any) -> FieldValue | None:
    """The proposal as a FieldValue with its span in `text`, or None when the source does not hold it."""
    if value is None or isinstance(value, (dict, list)) or str(value).strip() == "":
        return None
    span: tuple[int, int] | None = None
    normalised: Any = None
    if key in TEXT_FIELDS:
        span = _verbatim(text, str(value))
    elif key in NUMBER_FIELDS:
        span = _number(text, value)
        normalised = german_number(text[span[0]:span[1]]) if span else None
    elif key in DATE_FIELDS:
        found = _date(text, value)
        if found:
            span, normalised = found[:2], found[2]
    elif key in KIND_FIELDS:
        kind = next((k for k in KIND_FIELDS[key] if k.lower() == str(value).strip().lower()), None)
        span = _verbatim(text, kind) if kind else None
        normalised = kind
    if span is None:
        return None
    raw = text[span[0]:span[1]]
    return FieldValue(value=raw if normalised is None else normalised, raw=raw, start=span[0], end=span[1],
                      by_model=True)


def parse_reply(reply: str) -> dict[str, Any]:
    """The JSON object in a model's reply (also inside a ```json fence); {} when there is none."""
    start, end = reply.find("{"), reply.rfind("}")
    if start < 0 or end <= start:
        return {}
    try:
        data = json.loads(reply[start:end + 1])
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def add_model_proposals(offer: ExtractedOffer, settings: Settings) -> tuple[ExtractedOffer, int]:
    """The offer with the model's grounded proposals for empty fields added; (offer, number dropped).

    Without a configured model, or when it fails, the offer is returned unchanged."""
    if settings.llm_backend == "extractive":
        return offer, 0
    from assistant.answering.llm import LLMUnavailable, stream_chat

    try:
        reply = "".join(stream_chat(settings, [("system", SYSTEM_PROMPT), ("user", offer.text[:MAX_TEXT_CHARS])]))
    except LLMUnavailable as exc:
        log.info("no model proposals: %s", exc.message)
        return offer, 0
    proposals = parse_reply(reply)
    fields = dict(offer.fields)
    requirements = list(offer.requirements)
    dropped = 0
    for key, value in proposals.items():
        if key == "requirements" and isinstance(value, list):
            known = {r.raw.lower() for r in requirements} | {str(r.value).lower() for r in requirements}
            for item in value:
                grounded = ground(offer.text, "title", item) if isinstance(item, str) else None  # verbatim rule
                if grounded is None:
                    dropped += 1
                elif grounded.raw.lower() not in known and not any(
                        r.start <= grounded.start and grounded.end <= r.end for r in requirements):
                    requirements.append(grounded)
                    known.add(grounded.raw.lower())
            continue
        if key not in FIELD_LABELS or key in fields:
            continue  # unknown key, or the rules found it already
        grounded = ground(offer.text, key, value)
        if grounded is None:
            dropped += 1
            log.info("model proposal for %s dropped: not in the source", key)
        else:
            fields[key] = grounded
    result = offer.model_copy(update={"fields": fields, "requirements": sorted(requirements, key=lambda r: r.start)})
    return result, dropped
