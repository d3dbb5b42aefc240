"""The entry format: one TOML file per topic under corpus/faq/, one `[[entry]]` table per curated answer.

```toml
[[entry]]
id = "einkommen-minijob"            # unique, lowercase, stable (the review history hangs on it)
topic = "Einkommen"                 # shown to editors, groups entries
audience = "citizen"                # citizen | staff | both
reviewed = "2026-12-02"             # the day the text was checked against the cited units
citations = ["§ 11b Abs. 2 SGB II", "§ 11b Abs. 3 SGB II"]

[entry.de]
questions = ["Wie viel darf ich beim Minijob behalten?", "…"]
answer = "…"                        # Einfache Sprache, about 60–150 words
next_step = "…"                     # "Was Sie jetzt tun können"

[entry.en]                          # and tr, ar, uk, ru, pl, fa
questions = ["…"]
answer = "…"
next_step = "…"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("de", "en", "tr", "ar", "uk", "ru", "pl", "fa")
AUDIENCES: tuple[str, ...] = ("citizen", "staff", "both")


class EntryFormatError(ValueError):
    """A file or entry that does not follow the format (German message for editors)."""


@dataclass(frozen=True)
class LanguageText:
    questions: tuple[str, ...]
    answer: str
    next_step: str


@dataclass(frozen=True)
class Entry:
    id: str
    topic: str
    audience: str
    reviewed: str
    citations: tuple[str, ...]
    texts: dict[str, LanguageText] = field(default_factory=dict)
    source: str = ""  # file it was read from

    def text(self, language: str) -> LanguageText:
        """The text in the language, German when there is none."""
        return self.texts.get(language) or self.texts["de"]

    def for_citizens(self) -> bool:
        return self.audience in ("citizen", "both")

    def for_staff(self) -> bool:
        return self.audience in ("staff", "both")


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise EntryFormatError(f"{where}: erwartet wird eine Liste von Texten.")
    return tuple(v.strip() for v in value)


def entry_from_dict(raw: dict, source: str = "") -> Entry:
    entry_id = str(raw.get("id", "")).strip()
    if not entry_id:
        raise EntryFormatError(f"{source}: Ein Eintrag hat keine id.")
    where = f"{source} [{entry_id}]"
    audience = str(raw.get("audience", "citizen"))
    if audience not in AUDIENCES:
        raise EntryFormatError(f"{where}: audience muss citizen, staff oder both sein.")
    texts: dict[str, LanguageText] = {}
    for lang in LANGUAGES:
        block = raw.get(lang)
        if block is None:
            continue
        if not isinstance(block, dict):
            raise EntryFormatError(f"{where}: [{lang}] muss eine Tabelle sein.")
        texts[lang] = LanguageText(
            questions=_strings(block.get("questions", []), f"{where} {lang}.questions"),
            answer=str(block.get("answer", "")).strip(),
            next_step=str(block.get("next_step", "")).strip(),
        )
    if "de" not in texts:
        raise EntryFormatError(f"{where}: Der deutsche Text [entry.de] fehlt.")
    return Entry(id=entry_id, topic=str(raw.get("topic", "")).strip(), audience=audience,
                 reviewed=str(raw.get("reviewed", "")).strip(),
                 citations=_strings(raw.get("citations", []), f"{where} citations"), texts=texts, source=source)


def load_file(path: Path) -> list[Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EntryFormatError(f"{path.name}: Die Datei ist kein gültiges TOML ({exc}).") from exc
    return [entry_from_dict(raw, path.name) for raw in data.get("entry", [])]


def load_dir(folder: Path) -> list[Entry]:
    """All entries of all files in the folder, sorted by file name; ids must be unique."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        for e in load_file(path):
            if e.id in seen:
                raise EntryFormatError(f"{path.name}: Die id „{e.id}“ gibt es schon in {seen[e.id]}.")
            seen[e.id] = path.name
            entries.append(e)
    return entries


def _toml_string(value: str) -> str:
    if "\n" in value:
        return '"""\n' + value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '"""'
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_toml(entry: Entry) -> str:
    """One `[[entry]]` table in the format above (what an editor edits and what a diff shows)."""
    lines = ["[[entry]]", f"id = {_toml_string(entry.id)}", f"topic = {_toml_string(entry.topic)}",
             f"audience = {_toml_string(entry.audience)}", f"reviewed = {_toml_string(entry.reviewed)}",
             "citations = [" + ", ".join(_toml_string(c) for c in entry.citations) + "]"]
    for lang in LANGUAGES:
        t = entry.texts.get(lang)
        if t is None:
            continue
        lines += ["", f"[entry.{lang}]", "questions = [", *(f"  {_toml_string(q)}," for q in t.questions), "]",
                  f"answer = {_toml_string(t.answer)}", f"next_step = {_toml_string(t.next_step)}"]
    return "\n".join(lines) + "\n"


def from_toml(text: str) -> Entry:
    """Exactly one entry from an editor's TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EntryFormatError(f"Der Text ist kein gültiges TOML: {exc}") from exc
    raw = data.get("entry")
    if not isinstance(raw, list) or len(raw) != 1:
        raise EntryFormatError("Erwartet wird genau ein Eintrag, beginnend mit [[entry]].")
    return entry_from_dict(raw[0], "Redaktion")
