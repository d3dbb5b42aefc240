"""Personal data in a citizen's question (`assistant/privacy.py`): what is caught, what legal questions
must not trip, and the warning in the citizen's language."""

from __future__ import annotations

import pytest

from assistant import i18n
from assistant.privacy import KIND_KEYS, contains_personal_data, find_personal_data, warning_text


@pytest.mark.parametrize("text,kinds", [
    ("Meine IBAN ist DE89 3704 0044 0532 0130 00", ["IBAN"]),
    ("Konto DE89370400440532013000, bitte prüfen", ["IBAN"]),
    ("IBAN GB82 WEST 1234 5698 7654 32", ["IBAN"]),  # foreign IBAN with a valid checksum
    ("Schreiben Sie an anna.muster@example.org", ["E-Mail-Adresse"]),
    ("Rufen Sie mich an: 0171 2345678", ["Telefonnummer"]),
    ("Tel. +49 30 1234567", ["Telefonnummer"]),
    ("SV-Nummer 65 170839 J 003", ["Sozialversicherungsnummer"]),
    ("Meine BG-Nummer ist 12345BG0012345", ["Kunden- oder BG-Nummer"]),
    ("Kundennummer 123A456789", ["Kunden- oder BG-Nummer"]),
    ("Steuer-ID 12 345 678 901", ["Steuer-Identifikationsnummer"]),
    ("DE89 3704 0044 0532 0130 00 und anna@example.org", ["IBAN", "E-Mail-Adresse"]),
])
def test_personal_data_is_found_by_kind(text: str, kinds: list[str]) -> None:
    assert find_personal_data(text) == kinds
    assert contains_personal_data(text)


@pytest.mark.parametrize("text", [
    "Wie hoch ist der Regelbedarf nach § 20 Abs. 1a SGB II ab 01.07.2026? Sind es 563 Euro?",
    "Was regelt § 11b Abs. 3 Satz 2 Nr. 1 SGB II?",
    "Ich verdiene 1.250,50 Euro brutto im Monat.",
    "Bescheid vom 12.03.2025, Aktenzeichen 2025/1234",
    "IBAN GB82 WEST 1234 5698 7654 33",  # checksum wrong: not an account number
])
def test_legal_questions_with_numbers_are_not_personal_data(text: str) -> None:
    assert find_personal_data(text) == []


def test_the_warning_names_the_kinds_in_the_citizens_language() -> None:
    german = warning_text(["IBAN", "Telefonnummer"])
    assert "IBAN, Telefonnummer" in german and "nicht gespeichert" in german
    for language in i18n.LANGUAGES:
        text = warning_text(["Telefonnummer"], language)
        assert i18n.text(KIND_KEYS["Telefonnummer"], language) in text
        assert "{" not in text  # every placeholder filled
    assert warning_text(["IBAN"], "en") != warning_text(["IBAN"])
