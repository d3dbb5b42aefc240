"""Saved offers: a SQLite table in the index folder; every save is written to the catalog's audit log."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from assistant.catalog import Catalog
from assistant.config import Settings, get_settings

_SCHEMA = """
CREATE TABLE IF NOT EXISTS offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    actor TEXT NOT NULL,
    source_name TEXT NOT NULL,
    title TEXT,
    data TEXT NOT NULL          -- JSON: checked field values and requirements
);
"""


class OfferStore:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.settings.index_dir.mkdir(parents=True, exist_ok=True)
        self.path: Path = self.settings.index_dir / "offers.sqlite3"
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path)

    def save(self, values: dict[str, Any], *, actor: str, source_name: str) -> int:
        with self._connect() as conn:
            cur = conn.execute("INSERT INTO offers (ts, actor, source_name, title, data) VALUES (?, ?, ?, ?, ?)",
                               (time.time(), actor, source_name, values.get("title"), json.dumps(values, ensure_ascii=False)))
            offer_id = int(cur.lastrowid)
        catalog = Catalog(self.settings.catalog_path)
        try:
            catalog.audit(actor, "offer-save", f"Stellenangebot {offer_id}: {values.get('title') or 'ohne Titel'} ({source_name})")
        finally:
            catalog.close()
        return offer_id

    def list(self, limit: int = 200) -> list[dict[str, Any]]:
        with self._connect() as conn:
            rows = conn.execute("SELECT id, ts, actor, source_name, data FROM offers ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [{"id": r[0], "ts": r[1], "actor": r[2], "source_name": r[3], **json.loads(r[4])} for r in rows]

    def get(self, offer_id: int) -> dict[str, Any] | None:
        with self._connect() as conn:
            row = conn.execute("SELECT id, ts, actor, source_name, data FROM offers WHERE id = ?", (int(offer_id),)).fetchone()
        return None if row is None else {"id": row[0], "ts": row[1], "actor": row[2], "source_name": row[3], **json.loads(row[4])}

    def count(self) -> int:
        with self._connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM offers").fetchone()[0])
