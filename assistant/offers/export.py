"""Export of checked offers: schema.org JobPosting JSON and CSV (one row per offer)."""

from __future__ import annotations

import csv
import io
from typing import Any

from assistant.offers.model import FIELD_LABELS, ExtractedOffer, JobPosting
from assistant.offers.normalise import german_number

_NUMBER_KEYS = ("hours_per_week", "pay_amount")
_FLAG_KEYS = ("shift", "pay_negotiable")

_EMPLOYMENT = {"Vollzeit": "FULL_TIME", "Teilzeit": "PART_TIME", "Minijob": "PART_TIME", "befristet": "TEMPORARY",
               "Praktikum": "INTERN", "Ausbildung": "OTHER"}


def offer_values(offer: ExtractedOffer) -> dict[str, Any]:
    """Field key → value (None = nicht gefunden), requirements as a list of strings."""
    values: dict[str, Any] = {key: offer.value(key) for key in FIELD_LABELS}
    values["requirements"] = [str(r.value) for r in offer.requirements]
    return values


def coerce_values(values: dict[str, Any]) -> dict[str, Any]:
    """Values as typed by staff in the form (all text) → numbers and flags where the field is one
    ("38,5" → 38.5, "ja"/"True" → True); a number that cannot be read is kept as text."""
    out = dict(values)
    for key in _NUMBER_KEYS:
        value = out.get(key)
        if isinstance(value, str):
            number = german_number(value.replace("€", "").replace("Euro", "").strip())
            out[key] = number if number is not None else value
    for key in _FLAG_KEYS:
        value = out.get(key)
        if isinstance(value, str):
            out[key] = value.strip().lower() in {"true", "ja", "1", "x", "wahr"}
    return out


def to_jobposting(values: dict[str, Any]) -> dict[str, Any]:
    values = coerce_values(values)
    employment = [_EMPLOYMENT[v] for v in (values.get("working_time_kind"), values.get("contract_kind")) if v in _EMPLOYMENT]
    salary = None
    if values.get("pay_amount") is not None or values.get("pay_tariff"):
        salary = {"@type": "MonetaryAmount", "currency": "EUR",
                  "value": {"@type": "QuantitativeValue", "value": values.get("pay_amount"),
                            "unitText": values.get("pay_period") or "MONTH"}}
        if values.get("pay_tariff"):
            salary["description"] = values["pay_tariff"]
    place = {k: v for k, v in (("postalCode", values.get("postcode")), ("addressLocality", values.get("municipality"))) if v}
    contact = {k: v for k, v in (("name", values.get("contact_person")), ("email", values.get("email")),
                                 ("telephone", values.get("phone"))) if v}
    posting = JobPosting(
        title=values.get("title"),
        hiringOrganization={"@type": "Organization", "name": values["employer"]} if values.get("employer") else None,
        jobLocation={"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": "DE", **place}} if place else None,
        employmentType=employment,
        jobStartDate=values.get("start_date"),
        validThrough=values.get("application_deadline"),
        baseSalary=salary,
        workHours=(f"{values['hours_per_week']:g} Stunden pro Woche" if isinstance(values.get("hours_per_week"), float)
                   else values.get("hours_per_week") or None),
        qualifications=list(values.get("requirements") or []),
        applicationContact={"@type": "ContactPoint", **contact} if contact else None,
    )
    return posting.model_dump(by_alias=True, exclude_none=True)


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([*FIELD_LABELS.values(), "Anforderungen"])
    for values in rows:
        writer.writerow([("" if values.get(k) is None else values.get(k)) for k in FIELD_LABELS]
                        + [" | ".join(values.get("requirements") or [])])
    return buffer.getvalue()
