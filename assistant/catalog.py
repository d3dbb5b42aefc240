"""The catalog (SQLite): documents, their versions, the units of each version, and the embedding cache.

The catalog is the source of truth for what is searchable: a unit is active when it belongs to the
active version of its document. Switching a document to a new version is one SQLite transaction,
so a crash leaves either the old or the new version active, never a mix.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import Citation, DocKind, DocumentVersion, Unit, UnitRole, Visibility

__all__ = ["Catalog", "StoredUnit", "VersionInfo"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    visibility TEXT NOT NULL,
    active_version INTEGER,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    visibility TEXT NOT NULL,
    title TEXT NOT NULL,
    stand TEXT NOT NULL,
    stand_text TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    link TEXT NOT NULL,
    notes TEXT NOT NULL,
    status TEXT NOT NULL,          -- active | superseded | withdrawn
    n_units INTEGER NOT NULL,
    ingested_at REAL NOT NULL,
    ingested_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS units (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    chroma_id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    doc TEXT NOT NULL,
    label TEXT NOT NULL,
    section TEXT NOT NULL,
    title TEXT NOT NULL,
    breadcrumb TEXT NOT NULL,
    role TEXT NOT NULL,
    page INTEGER,
    link TEXT NOT NULL,
    footnotes TEXT NOT NULL,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (version_id, ord)
);
CREATE INDEX IF NOT EXISTS units_chroma ON units(chroma_id);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    ts REAL NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS faq_entries (          -- curated answers (assistant/faq/store.py)
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,            -- the entry as JSON
    origin TEXT NOT NULL,          -- corpus | editor
    file_hash TEXT NOT NULL,       -- hash of the entry as shipped (corpus origin)
    retired INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS faq_basis (            -- cited units' text when the entry was last reviewed
    entry_id TEXT NOT NULL,
    citation TEXT NOT NULL,
    unit_text TEXT NOT NULL,
    unit_hash TEXT NOT NULL,
    PRIMARY KEY (entry_id, citation)
);
CREATE TABLE IF NOT EXISTS feedback (
    ts REAL NOT NULL, actor TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
    rating INTEGER NOT NULL, comment TEXT NOT NULL
);
"""


@dataclass(frozen=True, kw_only=True)
class VersionInfo(DocumentVersion):
    """A stored version: its description, and the catalog's own data about it."""

    id: int
    status: str
    n_units: int
    ingested_at: float


@dataclass(frozen=True)
class StoredUnit:
    """A unit as the catalog holds it, with the document data a citation needs."""

    chroma_id: str
    unit: Unit
    kind: str
    visibility: str
    stand: str
    version_id: int

    @property
    def doc(self) -> str:
        return self.unit.doc

    @property
    def label(self) -> str:
        return self.unit.label

    @property
    def section(self) -> str:
        return self.unit.section

    @property
    def citation(self) -> Citation:
        return Citation(self.unit.doc, self.kind, self.unit.label)


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- reading -------------------------------------------------------------------------------

    def generation(self) -> int:
        row = self._conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def active_versions(self) -> list[VersionInfo]:
        rows = self._conn.execute(
            "SELECT v.* FROM versions v JOIN documents d ON d.active_version = v.id ORDER BY v.name"
        ).fetchall()
        return [self._version(r) for r in rows]

    def active_version(self, name: str) -> VersionInfo | None:
        row = self._conn.execute(
            "SELECT v.* FROM versions v JOIN documents d ON d.active_version = v.id WHERE d.name = ?",
            (name,),
        ).fetchone()
        return self._version(row) if row else None

    def active_version_by_id(self, version_id: int) -> VersionInfo | None:
        """The version with this id if it is the active version of its document (what /dateien/ may serve)."""
        row = self._conn.execute(
            "SELECT v.* FROM versions v JOIN documents d ON d.active_version = v.id WHERE v.id = ?",
            (version_id,),
        ).fetchone()
        return self._version(row) if row else None

    def versions_of(self, name: str) -> list[VersionInfo]:
        rows = self._conn.execute("SELECT * FROM versions WHERE name = ? ORDER BY id", (name,)).fetchall()
        return [self._version(r) for r in rows]

    def units_of_version(self, version_id: int) -> list[StoredUnit]:
        return list(self._units("u.version_id = ?", (version_id,)))

    def active_units(self) -> list[StoredUnit]:
        return list(self._units("d.active_version = u.version_id", ()))

    def active_chroma_ids(self) -> set[str]:
        rows = self._conn.execute(
            "SELECT u.chroma_id FROM units u JOIN documents d ON d.active_version = u.version_id"
        ).fetchall()
        return {r[0] for r in rows}

    def _units(self, where: str, params: tuple) -> Iterable[StoredUnit]:
        rows = self._conn.execute(
            "SELECT u.*, v.kind, v.visibility, v.stand FROM units u "
            "JOIN versions v ON v.id = u.version_id "
            "LEFT JOIN documents d ON d.name = v.name "
            f"WHERE {where} ORDER BY v.name, u.ord",
            params,
        ).fetchall()
        for r in rows:
            (version_id, chroma_id, ord_, doc, label, section, title, breadcrumb, role, page, link,
             footnotes, text, _hash, kind, visibility, stand) = r
            unit = Unit(
                doc=doc, label=label, text=text, section=section, title=title,
                breadcrumb=tuple(json.loads(breadcrumb)), role=UnitRole(role), page=page, link=link,
                footnotes=footnotes, order=ord_,
            )
            yield StoredUnit(chroma_id, unit, kind, visibility, stand, version_id)

    @staticmethod
    def _version(r: tuple) -> VersionInfo:
        (id_, name, kind, visibility, title, stand, stand_text, source, sha, link, notes, status,
         n_units, ingested_at, _by) = r
        return VersionInfo(id=id_, name=name, kind=DocKind(kind), visibility=Visibility(visibility), title=title,
                           stand=stand, stand_text=stand_text, source=source, sha256=sha, link=link,
                           notes=tuple(json.loads(notes)), status=status, n_units=n_units, ingested_at=ingested_at)

    # --- embedding cache -----------------------------------------------------------------------

    def cached_embeddings(self, model: str, text_hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(text_hashes), 500):
            chunk = text_hashes[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for h, blob in self._conn.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN ({marks})",
                (model, *chunk),
            ):
                found[h] = np.frombuffer(blob, dtype=np.float32)
        return found

    def store_embeddings(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                [(model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()],
            )

    # --- writing -------------------------------------------------------------------------------

    def activate_version(self, version: DocumentVersion, units: list[tuple[str, Unit]], actor: str = "") -> int:
        """Record a new version with its units (Chroma id, unit) and make it the active one, in one transaction."""
        v = version
        name, kind, visibility, stand = v.name, str(v.kind), str(v.visibility), v.stand
        now = time.time()
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO versions (name, kind, visibility, title, stand, stand_text, source, sha256,"
                " link, notes, status, n_units, ingested_at, ingested_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                (name, kind, visibility, v.title, stand, v.stand_text, v.source, v.sha256, v.link,
                 json.dumps(list(v.notes), ensure_ascii=False), len(units), now, actor),
            )
            version_id = int(cur.lastrowid)
            conn.executemany(
                "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (version_id, cid, i, u.doc, u.label, u.section, u.title,
                     json.dumps(list(u.breadcrumb), ensure_ascii=False), str(u.role), u.page, u.link,
                     u.footnotes, u.text, u.content_hash)
                    for i, (cid, u) in enumerate(units)
                ],
            )
            conn.execute(
                "UPDATE versions SET status = 'superseded' WHERE name = ? AND id != ? AND status = 'active'",
                (name, version_id),
            )
            conn.execute(
                "INSERT INTO documents (name, kind, visibility, active_version, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind,"
                " visibility = excluded.visibility, active_version = excluded.active_version,"
                " updated_at = excluded.updated_at",
                (name, kind, visibility, version_id, now),
            )
            self._bump_generation(conn)
            self._audit(conn, actor, "ingest", f"{name} → Version {version_id} (Stand {stand})")
        return version_id

    def withdraw(self, name: str, actor: str = "") -> bool:
        with self.transaction() as conn:
            row = conn.execute("SELECT active_version FROM documents WHERE name = ?", (name,)).fetchone()
            if row is None or row[0] is None:
                return False
            conn.execute("UPDATE versions SET status = 'withdrawn' WHERE id = ?", (row[0],))
            conn.execute("DELETE FROM documents WHERE name = ?", (name,))
            self._bump_generation(conn)
            self._audit(conn, actor, "remove", name)
        return True

    def prune_history(self, keep_per_document: int = 2) -> None:
        """Drop unit rows of old, inactive versions beyond the most recent few (version rows stay)."""
        with self.transaction() as conn:
            conn.execute(
                "DELETE FROM units WHERE version_id IN (SELECT id FROM versions v WHERE status != 'active'"
                " AND (SELECT COUNT(*) FROM versions w WHERE w.name = v.name AND w.id > v.id) >= ?)",
                (keep_per_document,),
            )

    def audit(self, actor: str, action: str, detail: str) -> None:
        with self.transaction() as conn:
            self._audit(conn, actor, action, detail)

    def audit_log(self, limit: int = 100) -> list[tuple[float, str, str, str]]:
        return self._conn.execute(
            "SELECT ts, actor, action, detail FROM audit ORDER BY ts DESC LIMIT ?", (limit,)
        ).fetchall()

    def add_feedback(self, actor: str, question: str, answer: str, rating: int, comment: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?)",
                         (time.time(), actor, question, answer, rating, comment))

    def feedback_count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def purge_feedback(self, older_than_days: float, now: float | None = None) -> int:
        """Delete feedback older than the retention period; returns how many rows went. 0 days keeps everything."""
        if older_than_days <= 0:
            return 0
        cutoff = (time.time() if now is None else now) - older_than_days * 86400
        with self.transaction() as conn:
            cur = conn.execute("DELETE FROM feedback WHERE ts < ?", (cutoff,))
        return cur.rowcount or 0

    @staticmethod
    def _audit(conn: sqlite3.Connection, actor: str, action: str, detail: str) -> None:
        conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?)", (time.time(), actor or "cli", action, detail))

    @staticmethod
    def _bump_generation(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
            " SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
        )
