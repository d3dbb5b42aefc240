"""The curated answers as the running system holds them: in the catalog, each tied to the text of the units it cites.

* The shipped files (corpus/faq/*.toml) are the starting point; `sync_corpus()` brings new or changed
  entries of the files into the catalog. An entry an editor saved in the Redaktion wins over the file.
* For every entry the catalog keeps the text of each cited unit as it was when the entry was last
  reviewed ("basis"). When a law update changes one of those units, the entry is **zu prüfen**: it is not
  served, and the Redaktion sees the old and the new text until an editor confirms or edits it.
* An entry is served only when it passes the integrity checks against the active units.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..catalog import Catalog, StoredUnit
from ..retrieval.lookup import UnitLookup
from .entries import Entry, EntryFormatError, entry_from_dict, load_dir
from .integrity import Problem, check_entry, resolve_citation



class EntryStatus(StrEnum):
    ACTIVE = "aktiv"  # served
    REVIEW = "zu prüfen"  # a cited unit changed since the last review
    INVALID = "fehlerhaft"  # fails an integrity check
    RETIRED = "zurückgezogen"


@dataclass(frozen=True)
class ChangedCitation:
    citation: str
    old_text: str
    new_text: str  # "" when the unit no longer exists


@dataclass(frozen=True)
class StoredEntry:
    entry: Entry
    origin: str
    status: EntryStatus
    problems: tuple[Problem, ...] = ()
    changes: tuple[ChangedCitation, ...] = ()
    updated_at: float = 0.0
    updated_by: str = ""
    units: tuple[StoredUnit, ...] = field(default=(), repr=False)  # the cited active units, in citation order


def entry_to_dict(entry: Entry) -> dict:
    data = {"id": entry.id, "topic": entry.topic, "audience": entry.audience, "reviewed": entry.reviewed,
            "citations": list(entry.citations)}
    for lang, t in entry.texts.items():
        data[lang] = {"questions": list(t.questions), "answer": t.answer, "next_step": t.next_step}
    return data


def _entry_hash(entry: Entry) -> str:
    return hashlib.sha256(json.dumps(entry_to_dict(entry), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _units_text(units: Iterable[StoredUnit]) -> str:
    return "\n\n".join(su.unit.text for su in units)


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class FaqStore:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    # --- reading ---------------------------------------------------------------------------------

    def _rows(self) -> list[tuple]:
        return self.catalog._conn.execute("SELECT id, data, origin, retired, updated_at, updated_by "
                                          "FROM faq_entries ORDER BY id").fetchall()

    def _basis(self) -> dict[str, dict[str, tuple[str, str]]]:
        rows = self.catalog._conn.execute("SELECT entry_id, citation, unit_text, unit_hash FROM faq_basis").fetchall()
        basis: dict[str, dict[str, tuple[str, str]]] = {}
        for entry_id, citation, text, digest in rows:
            basis.setdefault(entry_id, {})[citation] = (text, digest)
        return basis

    def entries(self, units: list[StoredUnit] | None = None) -> list[StoredEntry]:
        """Every entry with its status against the active units."""
        units = self.catalog.active_units() if units is None else units
        lookup = UnitLookup(units)
        basis = self._basis()
        out: list[StoredEntry] = []
        for entry_id, data, origin, retired, updated_at, updated_by in self._rows():
            try:
                entry = entry_from_dict(json.loads(data), "Katalog")
            except (EntryFormatError, ValueError):
                continue
            cited: list[StoredUnit] = []
            changes: list[ChangedCitation] = []
            for citation in entry.citations:
                found = resolve_citation(citation, lookup)
                cited.extend(found)
                old = basis.get(entry_id, {}).get(citation)
                new_text = _units_text(found)
                if old is None or old[1] != _text_hash(new_text):
                    changes.append(ChangedCitation(citation, old[0] if old else "", new_text))
            problems = tuple(check_entry(entry, lookup))
            if retired:
                status = EntryStatus.RETIRED
            elif changes:
                status = EntryStatus.REVIEW
            elif problems:
                status = EntryStatus.INVALID
            else:
                status = EntryStatus.ACTIVE
            out.append(StoredEntry(entry, origin, status, problems, tuple(changes), updated_at, updated_by,
                                   tuple(cited)))
        return out

    def get(self, entry_id: str) -> StoredEntry | None:
        return next((e for e in self.entries() if e.entry.id == entry_id), None)

    # --- writing ---------------------------------------------------------------------------------

    def _write(self, conn, entry: Entry, origin: str, actor: str, lookup: UnitLookup, file_hash: str = "") -> None:
        conn.execute("INSERT OR REPLACE INTO faq_entries VALUES (?, ?, ?, ?, 0, ?, ?)",
                     (entry.id, json.dumps(entry_to_dict(entry), ensure_ascii=False), origin, file_hash,
                      time.time(), actor))
        self._write_basis(conn, entry, lookup)

    @staticmethod
    def _write_basis(conn, entry: Entry, lookup: UnitLookup) -> None:
        conn.execute("DELETE FROM faq_basis WHERE entry_id = ?", (entry.id,))
        for citation in entry.citations:
            text = _units_text(resolve_citation(citation, lookup))
            conn.execute("INSERT INTO faq_basis VALUES (?, ?, ?, ?)", (entry.id, citation, text, _text_hash(text)))

    def sync_corpus(self, entries: list[Entry], actor: str = "korpus") -> dict[str, int]:
        """Bring the shipped entries into the catalog: new ones are added (reviewed against today's units),
        changed ones replace their older shipped version; an editor's version is never overwritten."""
        lookup = UnitLookup(self.catalog.active_units())
        with self.catalog.transaction() as conn:
            known = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, origin, file_hash FROM faq_entries")}
            counts = {"neu": 0, "geändert": 0, "unverändert": 0}
            for entry in entries:
                digest = _entry_hash(entry)
                if entry.id not in known:
                    self._write(conn, entry, "corpus", actor, lookup, digest)
                    counts["neu"] += 1
                elif known[entry.id][0] == "corpus" and known[entry.id][1] != digest:
                    self._write(conn, entry, "corpus", actor, lookup, digest)
                    counts["geändert"] += 1
                else:
                    counts["unverändert"] += 1
            if counts["neu"] or counts["geändert"]:
                self.catalog._audit(conn, actor, "faq-sync", f"{counts['neu']} neu, {counts['geändert']} geändert")
                self.catalog._bump_generation(conn)
        return counts

    def save(self, entry: Entry, actor: str) -> list[Problem]:
        """An editor's new or changed entry: stored only when it passes every check; reviewed as of now."""
        units = self.catalog.active_units()
        lookup = UnitLookup(units)
        problems = check_entry(entry, lookup)
        if problems:
            return problems
        with self.catalog.transaction() as conn:
            existed = conn.execute("SELECT 1 FROM faq_entries WHERE id = ?", (entry.id,)).fetchone() is not None
            self._write(conn, entry, "editor", actor, lookup)
            self.catalog._audit(conn, actor, "faq-geaendert" if existed else "faq-neu", entry.id)
            self.catalog._bump_generation(conn)
        return []

    def confirm(self, entry_id: str, actor: str) -> bool:
        """The editor checked the entry against the changed units: today's texts become the basis."""
        lookup = UnitLookup(self.catalog.active_units())
        with self.catalog.transaction() as conn:
            row = conn.execute("SELECT data FROM faq_entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                return False
            entry = entry_from_dict(json.loads(row[0]), "Katalog")
            self._write_basis(conn, entry, lookup)
            conn.execute("UPDATE faq_entries SET updated_at = ?, updated_by = ? WHERE id = ?",
                         (time.time(), actor, entry_id))
            self.catalog._audit(conn, actor, "faq-bestaetigt", entry_id)
            self.catalog._bump_generation(conn)
        return True

    def retire(self, entry_id: str, actor: str) -> bool:
        with self.catalog.transaction() as conn:
            cur = conn.execute("UPDATE faq_entries SET retired = 1, updated_at = ?, updated_by = ? WHERE id = ?",
                               (time.time(), actor, entry_id))
            if not cur.rowcount:
                return False
            self.catalog._audit(conn, actor, "faq-zurueckgezogen", entry_id)
            self.catalog._bump_generation(conn)
        return True


def sync_default_entries(catalog: Catalog, faq_dir) -> dict[str, int]:
    """The shipped entries of corpus/faq/ into the catalog (called by `ingest` of the default corpus)."""
    if not faq_dir.exists():
        return {"neu": 0, "geändert": 0, "unverändert": 0}
    return FaqStore(catalog).sync_corpus(load_dir(faq_dir))

