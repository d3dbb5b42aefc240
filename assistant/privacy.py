"""Personal data in free text: a few patterns that must never be sent on, stored or echoed.

Used by the citizen chat: a question that contains an IBAN, a telephone number, an e-mail address
or an identification number of a person is not answered; the citizen sees a gentle warning instead.
The patterns aim at few false alarms on legal questions ("§ 11b Abs. 3", "563 Euro", "01.07.2026").
"""

from __future__ import annotations

import re

from . import i18n

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# German IBAN (22 characters), with or without blanks, checksum not required (a typo is still personal data)
IBAN_DE_RE = re.compile(r"\bDE\s?\d{2}(?:\s?\d){18}\b", re.IGNORECASE)
# Other IBANs: country code, check digits, 11–30 letters/digits; accepted only with a valid checksum
IBAN_RE = re.compile(r"\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30})\b")
# Telephone numbers: +49 / 0049 / a leading 0, then at least 6 more digits; blanks, slashes, hyphens allowed
PHONE_RE = re.compile(r"(?<![\w.,])(?:\+|00)\d[\d \t/()-]{5,}\d|(?<![\w.,])0\d{2,5}(?:[ \t/-]?\d){4,}(?![\w.,]\d)")
# Sozialversicherungsnummer: 2 digits, 6 digits (birth date), a letter, 3 digits
SV_NUMBER_RE = re.compile(r"\b\d{2}\s?\d{6}\s?[A-Z]\s?\d{3}\b")
# Nummer der Bedarfsgemeinschaft (e.g. 12345BG0012345) and Kundennummer of the Bundesagentur (e.g. 123A456789)
BG_NUMBER_RE = re.compile(r"\b\d{5}\s?BG\s?\d{7}\b", re.IGNORECASE)
CUSTOMER_NUMBER_RE = re.compile(r"\b\d{3}[A-Z]\d{6}\b")
# Steuer-Identifikationsnummer: 11 digits
TAX_ID_RE = re.compile(r"(?<![\d.,])\d{2}\s?\d{3}\s?\d{3}\s?\d{3}(?![\d.,])")

WARNING = i18n.MESSAGES["privacy.warning"][i18n.DEFAULT_LANGUAGE]  # German template with {kinds}
# The kinds find_personal_data reports (German names) → their message ids in assistant/i18n.py
KIND_KEYS = {
    "IBAN": "privacy.kind.iban",
    "E-Mail-Adresse": "privacy.kind.email",
    "Telefonnummer": "privacy.kind.phone",
    "Sozialversicherungsnummer": "privacy.kind.sv_number",
    "Kunden- oder BG-Nummer": "privacy.kind.customer_number",
    "Steuer-Identifikationsnummer": "privacy.kind.tax_id",
}


def _iban_checksum_ok(candidate: str) -> bool:
    s = re.sub(r"\s", "", candidate).upper()
    rearranged = s[4:] + s[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def _phone_digits_ok(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    return 7 <= len(digits) <= 15


def find_personal_data(text: str) -> list[str]:
    """The kinds of personal data found in the text (German names, in order of the checks); [] if none."""
    kinds: list[str] = []
    rest = text  # what the later checks see: found IBANs and e-mail addresses blanked out
    rest = IBAN_DE_RE.sub(" ", rest)
    rest = IBAN_RE.sub(lambda m: " " if _iban_checksum_ok(m.group(1)) else m.group(0), rest)
    if rest != text:
        kinds.append("IBAN")
    if EMAIL_RE.search(rest):
        kinds.append("E-Mail-Adresse")
        rest = EMAIL_RE.sub(" ", rest)
    if any(_phone_digits_ok(m.group(0)) for m in PHONE_RE.finditer(rest)):
        kinds.append("Telefonnummer")
        rest = PHONE_RE.sub(" ", rest)
    if SV_NUMBER_RE.search(rest):
        kinds.append("Sozialversicherungsnummer")
    if BG_NUMBER_RE.search(rest) or CUSTOMER_NUMBER_RE.search(rest):
        kinds.append("Kunden- oder BG-Nummer")
    elif TAX_ID_RE.search(rest):
        kinds.append("Steuer-Identifikationsnummer")
    return kinds


def contains_personal_data(text: str) -> bool:
    return bool(find_personal_data(text))


def warning_text(kinds: list[str], language: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The gentle warning for the kinds found, in the citizen's language (German by default)."""
    names = [i18n.text(KIND_KEYS[k], language) if k in KIND_KEYS else k for k in kinds]
    return i18n.text("privacy.warning", language, kinds=i18n.text("list_separator", language).join(names))
