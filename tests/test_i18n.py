"""Citizen texts in every language: complete, placeholders consistent, fallbacks, and wired into prompts
and the privacy warning."""

from __future__ import annotations

import pytest

from assistant import i18n
from assistant.answering import prompts
from assistant.language import detect_language
from assistant.model import Audience
from assistant.privacy import KIND_KEYS, WARNING, find_personal_data, warning_text

EIGHT = ("de", "en", "tr", "ar", "uk", "ru", "pl", "fa")
REQUIRED = (
    "citizen_note", "privacy.warning", "notice.citizen", "notice.extractive", "notice.fallback",
    "notice.generated", "notice.unsupported", "refusal.citizen", "lead_in.citizen", "no_sentence",
    "label.next_steps", "label.sources", "label.more_sources", "label.law_in_german", "label.calculation",
    "label.result", "label.faq", "label.reviewed", "label.automatic", "refusal_office.scope",
    *(f"refusal_office.{office}" for office in i18n.OFFICES),
)


def test_required_messages_exist() -> None:
    assert set(REQUIRED) <= set(i18n.MESSAGES)
    assert len(i18n.OFFICES) == 10
    offices = {k.split(".", 1)[1] for k in i18n.MESSAGES if k.startswith("refusal_office.")}
    assert offices == set(i18n.OFFICES) | {"scope"}


@pytest.mark.parametrize("key", sorted(i18n.MESSAGES))
def test_every_key_in_every_language_with_the_same_placeholders(key: str) -> None:
    texts = i18n.MESSAGES[key]
    assert set(EIGHT) <= set(texts) and set(texts) == set(i18n.LANGUAGES), key
    for lang, template in texts.items():
        assert template.strip(), (key, lang)
        assert key == "list_separator" or template == template.strip(), (key, lang)
        assert i18n.placeholders(template) == i18n.placeholders(texts["de"]), (key, lang)


def test_longer_texts_are_translated_and_read_as_their_language() -> None:
    """No German text left standing in another language, and each translation reads as its language."""
    for key, texts in i18n.MESSAGES.items():
        for lang, template in texts.items():
            if lang != "de" and len(texts["de"]) >= 40:
                assert template != texts["de"], (key, lang)
            if len(template) >= 60:
                assert detect_language(template) == lang, (key, lang)


def test_fields_and_fallbacks() -> None:
    assert i18n.text("label.reviewed", "de", date="01.03.2026") == (
        "Diese Antwort wurde von der Redaktion geprüft am 01.03.2026.")
    assert "01.03.2026" in i18n.text("label.reviewed", "ar", date="01.03.2026")
    assert i18n.text("label.sources", "ps") == i18n.text("label.sources", "fa")  # Pashto → Persian
    assert i18n.text("label.sources", "xx") == "Quellen"  # unknown language → German
    assert i18n.text("label.sources", "FR") == "Sources"
    assert i18n.is_rtl("ar") and i18n.is_rtl("ps") and not i18n.is_rtl("uk")
    with pytest.raises(KeyError):
        i18n.text("label.reviewed", "en")  # a missing field is an error, not a stray "{date}"
    with pytest.raises(KeyError):
        i18n.text("no.such.key", "de")


def test_prompts_read_their_texts_from_i18n() -> None:
    assert prompts.NOTICE_CITIZEN == i18n.text("notice.citizen")
    assert prompts.NOTICE_UNSUPPORTED.format(figures="9 Euro") == i18n.text("notice.unsupported", figures="9 Euro")
    assert prompts.lead_in(Audience.CITIZEN, "pl") == i18n.text("lead_in.citizen", "pl")
    assert prompts.lead_in(Audience.CITIZEN, "ps") == i18n.text("lead_in.citizen", "fa")
    assert prompts.lead_in(Audience.STAFF, "pl") == prompts.LEAD_IN[("de", Audience.STAFF)]
    assert prompts.notice_text("citizen", Audience.CITIZEN, "tr") == i18n.text("notice.citizen", "tr")
    assert prompts.notice_text("fallback", Audience.STAFF, "tr") == prompts.NOTICE_FALLBACK  # staff: German
    german = prompts.refusal_text(Audience.CITIZEN, "de")
    assert german == prompts.REFUSAL[Audience.CITIZEN] and "Jobcenter vor Ort" in german
    french = prompts.refusal_text(Audience.CITIZEN, "fr")
    assert french.startswith(i18n.text("refusal.citizen", "fr")) and french.endswith(german)
    assert prompts.refusal_text(Audience.STAFF, "fr") == prompts.REFUSAL[Audience.STAFF]
    office = prompts.office_refusal_text("familienkasse", "uk")
    assert "Familienkasse" in office and office.startswith(i18n.text("refusal_office.scope", "uk"))
    assert office.endswith(i18n.text("refusal_office.familienkasse", "de"))
    assert prompts.office_refusal_text("sozialamt").count("Sozialamt") >= 2


def test_privacy_warning_in_every_language() -> None:
    kinds = find_personal_data("IBAN DE89 3704 0044 0532 0130 00, Telefon 0171 2345678, a.b@example.org")
    assert kinds == ["IBAN", "E-Mail-Adresse", "Telefonnummer"]
    assert warning_text(kinds) == WARNING.format(kinds="IBAN, E-Mail-Adresse, Telefonnummer")  # old signature
    for lang in i18n.LANGUAGES:
        shown = warning_text(kinds, lang)
        for kind in kinds:
            assert i18n.text(KIND_KEYS[kind], lang) in shown, (lang, kind)
        assert "{" not in shown
    assert "عنوان بريد إلكتروني" in warning_text(kinds, "ar") and "، " in warning_text(kinds, "ar")
    assert set(KIND_KEYS.values()) == {k for k in i18n.MESSAGES if k.startswith("privacy.kind.")}
