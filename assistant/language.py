"""The language of a citizen's question, from a sentence or two, offline.

Ten languages are told apart: de, en, tr, ar, uk, ru, pl, fa, ps, fr. The script decides the family
(Arabic script → ar/fa/ps, Cyrillic → uk/ru, Latin → de/en/tr/pl/fr); letters that only one language of the
family uses decide next; the packaged language model of py3langid (restricted to the family) decides the rest.
German legal words inside a foreign question ("Does the Jobcenter pay my Miete?") are blanked out first, so
they do not pull the question to German; what is left too short to judge is German, the default.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

DEFAULT_LANGUAGE = "de"
LANGUAGES = ("de", "en", "tr", "ar", "uk", "ru", "pl", "fa", "ps", "fr")
ARABIC_SCRIPT = ("ar", "fa", "ps")
CYRILLIC = ("uk", "ru")
LATIN = ("de", "en", "tr", "pl", "fr")

# Below this many letters (after the German terms are blanked out) a Latin-script text is not judged.
MIN_LETTERS = 4
# A Latin-script text this short must win by this probability to leave the German default.
SHORT_LETTERS = 12
SHORT_MIN_PROBABILITY = 0.7
# Weight (in log-likelihood units of the model) of one letter or one function word that marks a language.
LETTER_CUE_WEIGHT = 3.0
WORD_CUE_WEIGHT = 4.0

# German words of the Bürgergeld world that people keep in German when they ask in another language.
# Matched as word prefixes, case-insensitive ("Kindergeld" also blanks "Kindergeldes").
GERMAN_TERMS = (
    "bürgergeld", "buergergeld", "jobcenter", "job-center", "arbeitsagentur", "agentur für arbeit", "miete",
    "kindergeld", "kinderzuschlag", "wohngeld", "elterngeld", "regelbedarf", "regelsatz", "mehrbedarf",
    "minijob", "midijob", "kaution", "nebenkosten", "heizkosten", "betriebskosten", "bescheid", "widerspruch",
    "kooperationsplan", "eingliederungsvereinbarung", "ortsabwesenheit", "bedarfsgemeinschaft",
    "schonvermögen", "vermögen", "karenzzeit", "erstausstattung", "klassenfahrt", "zusicherung",
    "leistungsminderung", "sanktion", "weiterbewilligung", "bewilligung", "antrag", "unterhalt",
    "unterhaltsvorschuss", "krankenkasse", "familienkasse", "ausländerbehörde", "sozialamt", "sozialgericht",
    "freibetrag", "grundfreibetrag", "einkommen", "anrechnung", "bildung und teilhabe", "bildungspaket",
    "schulbedarf", "aufstocker", "aufstocken", "zuverdienst", "meldepflicht", "meldetermin", "termin",
    "mitwirkung", "rückforderung", "aufrechnung", "darlehen", "umzug", "mietschulden", "stromschulden",
    "wohnung", "grundsicherung", "sozialhilfe", "rente", "pfändung", "p-konto", "schwangerschaft",
    "alleinerziehend", "warmwasser", "sgb", "frau", "herr",
)
_TERMS_RE = re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(t) for t in GERMAN_TERMS) + r")[^\W\d_]*",
                       re.IGNORECASE)
_NOISE_RE = re.compile(r"https?://\S+|www\.\S+|§+\s*\d+\w*|\d+")

_ARABIC_SCRIPT_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_LATIN_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")

# Letters that mark one language within its script family (the text is lowered first).
LETTER_CUES: dict[str, str] = {
    "ps": "ټډړږښګڼۍېځڅ",
    "fa": "پچژگکی",
    "ar": "يكةى",  # Arabic yeh, kaf, teh marbuta, alef maksura: Persian and Pashto write ی and ک instead
    "uk": "іїєґ",
    "ru": "ыэъё",
    "pl": "ąćęłńśźżó",
    "tr": "ğış",
    "fr": "éèêàùâîôûëïœ",
    "de": "äöüß",
}
# Frequent short words that belong to one language of the family (question words, pronouns, particles,
# greetings); they carry short questions that the model alone cannot judge ("Kooperationsplan nedir?").
WORD_CUES: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "de": "der die das ist ich und was wie wer wann wo warum mein meine hilfe danke bitte bekomme kann muss "
          "darf für nicht zu hallo auch oder noch gibt",
    "en": "the what how is are can do does my i you for hello help thanks please get much when where who with "
          "and of have should",
    "fr": "le la les est je mon ma que quoi combien pour avec bonjour merci aide une des du puis quand où "
          "est-ce qui",
    "tr": "ne nedir nasıl nasil kadar mi mı mu mü var yok için icin merhaba neden nerede zaman bir ve ben benim "
          "miyim mıyım alabilir teşekkür lütfen",
    "pl": "czy jak ile jest się sie mam mogę moge gdzie kiedy dla jestem żeby też bardzo dzień dobry dziękuję "
          "proszę co nie",
    "uk": "що чи як коли скільки мені мене треба можна занадто розумію будь ласка дякую гроші дитину допомога "
          "отримати але також якщо потрібно де хто або вже тому це теж дуже",
    "ru": "что как когда сколько мне меня нужно можно слишком понимаю пожалуйста спасибо деньги ребенка ребёнка "
          "помощь получить но также если где кто или уже поэтому это тоже очень ли",
    "fa": "است می را چه آیا چطور چگونه کجا چرا هستم دارم برای با این نمی خیلی چیست کنم کنید",
    "ps": "زه زما د ته څه کوم شم شي دی ده یم ولې چیرته څنګه څومره په له سره دې هغه کولی ورکوي لپاره",
    "ar": "هل ما ماذا كيف كم متى أين لماذا أنا عندي يمكنني الذي التي على إلى في",
}.items()}
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Pashto also writes the Persian letters پ چ ژ ک ی, so they count for both; ç is Turkish and French,
# ö and ü are German and Turkish (the German terms are blanked out before).
_CUE_TARGETS: dict[str, tuple[str, ...]] = {"fa": ("fa", "ps")}
_LETTER_EXTRA: dict[str, tuple[str, ...]] = {"ç": ("tr", "fr"), "ö": ("tr",), "ü": ("tr",)}


def _letter_targets() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for lang, letters in LETTER_CUES.items():
        for char in letters:
            table[char] = table.get(char, ()) + _CUE_TARGETS.get(lang, (lang,))
    for char, langs in _LETTER_EXTRA.items():
        table[char] = tuple(dict.fromkeys(table.get(char, ()) + langs))
    return table


_LETTER_TARGETS = _letter_targets()


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The py3langid model (shipped inside the package), loaded once, restricted to LANGUAGES."""
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    ident.set_languages(list(LANGUAGES))
    return ident


def warm_up() -> None:
    """Load the model now (about 1–2 s) instead of at the first question; call it when an app starts."""
    _identifier()


def _family(text: str) -> tuple[str, ...] | None:
    """The script family with the most letters in the text (None without letters)."""
    counts = {ARABIC_SCRIPT: len(_ARABIC_SCRIPT_RE.findall(text)), CYRILLIC: len(_CYRILLIC_RE.findall(text)),
              LATIN: len(_LATIN_RE.findall(text))}
    family = max(counts, key=lambda k: counts[k])
    return family if counts[family] else None


def _scores(text: str, family: tuple[str, ...]) -> dict[str, float]:
    """Per language of the family: the model's log-likelihood plus a bonus per marking letter."""
    ranked = dict(_identifier().rank(text))
    scores = {lang: float(ranked[lang]) for lang in family}
    for char in text.lower():
        for lang in _LETTER_TARGETS.get(char, ()):
            if lang in scores:
                scores[lang] += LETTER_CUE_WEIGHT
    for word in _WORD_RE.findall(text.lower()):
        for lang in family:
            if word in WORD_CUES[lang]:
                scores[lang] += WORD_CUE_WEIGHT
    return scores


def _probability(scores: dict[str, float], best: str, text: str) -> float:
    """The share of the best language, with the model's length temperature (square root of the bytes)."""
    temperature = math.sqrt(max(len(text.encode("utf-8")), 1))
    top = scores[best]
    weights = {k: math.exp((v - top) / temperature) for k, v in scores.items()}
    return weights[best] / sum(weights.values())


def detect_language(text: str) -> str:
    """The language of a short question: one of LANGUAGES, German when unsure."""
    cleaned = _NOISE_RE.sub(" ", text or "")
    stripped = " ".join(_TERMS_RE.sub(" ", cleaned).split())
    family = _family(stripped)
    if family is None:
        return DEFAULT_LANGUAGE
    scores = _scores(stripped, family)
    best = max(scores, key=lambda k: scores[k])
    if family is LATIN and best != DEFAULT_LANGUAGE:
        letters = sum(1 for c in stripped if c.isalpha())
        if letters < MIN_LETTERS:
            return DEFAULT_LANGUAGE
        if letters < SHORT_LETTERS and _probability(scores, best, stripped) < SHORT_MIN_PROBABILITY:
            return DEFAULT_LANGUAGE
    return best
