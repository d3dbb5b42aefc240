"""Language detection: accuracy per language on the written test questions, and a few exact cases."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from assistant.answering import prompts
from assistant.language import DEFAULT_LANGUAGE, LANGUAGES, detect_language

from conftest import EVAL

QUESTIONS = EVAL / "language_questions.jsonl"
MIN_OVERALL = 0.95
MIN_PER_LANGUAGE = 0.90


def _rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_question_file_covers_every_language() -> None:
    rows = _rows()
    per_language = Counter(r["language"] for r in rows)
    assert len(rows) >= 200
    assert set(per_language) == set(LANGUAGES)
    assert min(per_language.values()) >= 20, per_language
    assert len({r["text"] for r in rows}) == len(rows)  # no question twice


def test_accuracy_overall_and_per_language() -> None:
    rows = _rows()
    right, total = Counter(), Counter()
    wrong = []
    for row in rows:
        got = detect_language(row["text"])
        total[row["language"]] += 1
        if got == row["language"]:
            right[row["language"]] += 1
        else:
            wrong.append((row["language"], got, row["text"]))
    assert sum(right.values()) / len(rows) >= MIN_OVERALL, wrong
    for lang in LANGUAGES:
        assert right[lang] / total[lang] >= MIN_PER_LANGUAGE, (lang, [w for w in wrong if w[0] == lang])


@pytest.mark.parametrize(("text", "lang"), [
    ("Kindergeld?", "de"),  # a German term alone is German
    ("Bürgergeld 2026", "de"),
    ("Und für Kinder?", "de"),
    ("Wird mein Minijob beim Bürgergeld angerechnet?", "de"),
    ("Does the Jobcenter pay my Miete?", "en"),  # German terms do not pull an English question to German
    ("Is Kindergeld counted as income for Bürgergeld?", "en"),
    ("Kooperationsplan nedir?", "tr"),
    ("Czy Jobcenter płaci za mieszkanie?", "pl"),  # the old detector said English or German
    ("Combien puis-je gagner avec un Minijob ?", "fr"),
    ("Скільки грошей на дитину?", "uk"),
    ("Сколько денег на ребенка?", "ru"),
    ("هل يحسب Kindergeld كدخل؟", "ar"),
    ("آیا Kindergeld درآمد حساب می‌شود؟", "fa"),
    ("ایا Kindergeld د عاید په توګه حسابیږي؟", "ps"),
])
def test_exact_cases(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "12345", "§ 11b Abs. 3", "???", "🙂🙂", "ok", "https://example.org/x"])
def test_no_language_to_judge_is_german(text: str) -> None:
    assert detect_language(text) == DEFAULT_LANGUAGE


def test_long_and_odd_input_still_gives_a_language() -> None:
    assert detect_language("Wie hoch ist der Regelbedarf? " * 200) == "de"
    assert detect_language("How much is the standard benefit? " * 200) == "en"
    assert detect_language("\x00\u200b" + "Сколько денег на ребенка?") == "ru"


def test_prompts_delegate_to_the_detector() -> None:
    for row in _rows()[::7]:
        assert prompts.detect_language(row["text"]) == detect_language(row["text"])
    assert set(prompts.LANGUAGE_NAMES) == set(LANGUAGES)
