"""Normalised forms of dates, amounts and hours as they are written in German job offers."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}
MONTH_RX = "|".join(MONTHS)


def iso_date(day: int, month: int, year: int) -> str | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_of(name: str) -> int | None:
    return MONTHS.get(name.lower())


def german_number(text: str) -> float | None:
    """'3.413,85' → 3413.85, '38,5' → 38.5, '450' → 450.0."""
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None
