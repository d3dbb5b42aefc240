"""Data model of a prefilled offer: each field a value with the exact span of the source it came from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

NOT_FOUND = "nicht gefunden"

# Field keys in display order, with their German labels (UI, CSV header).
FIELD_LABELS: dict[str, str] = {
    "title": "Stellenbezeichnung",
    "employer": "Arbeitgeber",
    "contact_person": "Ansprechperson",
    "email": "E-Mail",
    "phone": "Telefon",
    "postcode": "Postleitzahl",
    "municipality": "Arbeitsort",
    "start_date": "Beginn",
    "working_time_kind": "Arbeitszeit",
    "hours_per_week": "Stunden pro Woche",
    "shift": "Schichtarbeit",
    "contract_kind": "Vertragsart",
    "contract_end": "Befristung bis / Dauer",
    "pay_amount": "Vergütung (Euro)",
    "pay_period": "Vergütung pro",
    "pay_tariff": "Tarif",
    "pay_negotiable": "Vergütung nach Vereinbarung",
    "application_route": "Bewerbungsweg",
    "application_deadline": "Bewerbungsfrist",
}


class FieldValue(BaseModel):
    """A value read from the source: `raw` is source[start:end]; `value` is raw or its normalised form."""

    value: Any
    raw: str
    start: int
    end: int
    by_model: bool = False  # proposed by the language model (and found in the source), not by the rules


class ExtractedOffer(BaseModel):
    """What the extractor proposes for one offer; a key missing from `fields` means "nicht gefunden"."""

    text: str
    source_name: str = ""
    fields: dict[str, FieldValue] = Field(default_factory=dict)
    requirements: list[FieldValue] = Field(default_factory=list)
    several_offers: bool = False  # the source seems to hold more than one offer

    def value(self, key: str) -> Any:
        field = self.fields.get(key)
        return field.value if field is not None else None

    def display(self, key: str) -> str:
        field = self.fields.get(key)
        if field is None:
            return NOT_FOUND
        return ("ja" if field.value else "nein") if isinstance(field.value, bool) else str(field.value)


class JobPosting(BaseModel):
    """The subset of schema.org `JobPosting` the export fills (https://schema.org/JobPosting)."""

    context: str = Field(default="https://schema.org", alias="@context")
    type: str = Field(default="JobPosting", alias="@type")
    title: str | None = None
    hiringOrganization: dict[str, Any] | None = None
    jobLocation: dict[str, Any] | None = None
    employmentType: list[str] = Field(default_factory=list)
    jobStartDate: str | None = None
    validThrough: str | None = None
    baseSalary: dict[str, Any] | None = None
    workHours: str | None = None
    qualifications: list[str] = Field(default_factory=list)
    applicationContact: dict[str, Any] | None = None

    model_config = {"populate_by_name": True}
