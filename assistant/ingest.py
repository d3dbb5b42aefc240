"""Ingestion: parse → diff against the catalog → embed new text only → swap versions atomically.

Order of writes, so that a crash at any point leaves the previous version fully searchable:
1. vectors of the new version go into Chroma under ids of their own (old ones stay);
2. one SQLite transaction makes the new version active (the switch);
3. vectors no active unit needs are deleted.
A crash before 2 leaves unused vectors, after 2 stale ones; `repair()` removes both on the next run,
and retrieval ignores any vector that is not active in the catalog meanwhile.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import re
import stat
import threading
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .catalog import StoredUnit, VersionInfo
from .config import Settings
from .errors import IngestCancelled, InvalidDocumentError, ReplacementRefused, UserFacingError
from .model import DocKind, Document, Unit, Visibility
from .sources import check_file, file_sha256, parse_file, read_manifest
from .textprep import indexed_text
from .workspace import Workspace

ProgressCallback = Callable[[int, int, str], None]  # (done, total, what)
log = logging.getLogger(__name__)


@dataclass
class DocumentReport:
    file: str
    name: str = ""
    status: str = ""  # added | updated | unchanged | failed
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0
    changed_sections: list[str] = field(default_factory=list)
    stand_before: str = ""
    stand_after: str = ""
    error: str = ""
    # fundamental changes of a replacement, in German ("Art: Gesetz → Sonstiges"); they need confirmation
    replacement_changes: list[str] = field(default_factory=list)
    to_embed: int = 0  # texts without a vector yet (preview)
    estimated_seconds: float = 0.0  # their embedding time (preview)


@dataclass
class IngestSummary:
    reports: list[DocumentReport]
    seconds: float

    def total(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.reports)

    @property
    def failed(self) -> list[DocumentReport]:
        return [r for r in self.reports if r.status == "failed"]


KIND_LABELS = {"law": "Gesetz", "guideline": "Weisung", "other": "Sonstiges"}
VISIBILITY_LABELS = {"public": "öffentlich", "internal": "intern"}
CONFIRM_REPLACE_LABEL = "Grundlegende Änderung bestätigen"  # the confirmation box in the Redaktion
CONFIRM_HINT = (f"Bitte ausdrücklich bestätigen (Befehlszeile: --confirm-replace; Redaktion: "
                f"„{CONFIRM_REPLACE_LABEL}“ ankreuzen).")


def replacement_changes(old: VersionInfo | None, doc: Document, min_unit_ratio: float) -> list[str]:
    """What makes replacing `old` by `doc` more than a new version: another kind or visibility, or a law
    shrunk below `min_unit_ratio` of its units. German lines for the preview and the refusal."""
    if old is None:
        return []
    changes = []
    if old.kind != doc.kind:
        changes.append(f"Art: {KIND_LABELS.get(old.kind, old.kind)} → {KIND_LABELS.get(doc.kind, doc.kind)}")
    if old.visibility != doc.visibility:
        changes.append(f"Sichtbarkeit: {VISIBILITY_LABELS.get(old.visibility, old.visibility)} → "
                       f"{VISIBILITY_LABELS.get(doc.visibility, doc.visibility)}")
    if old.kind == DocKind.LAW and len(doc.units) < min_unit_ratio * old.n_units:
        changes.append(f"Einheiten: {old.n_units} → {len(doc.units)}")
    return changes


def duration_text(seconds: float) -> str:
    """A rough duration in German: "unter 1 min", "etwa 4 min", "etwa 1 h 20 min"."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "unter 1 min"
    if minutes < 60:
        return f"etwa {minutes} min"
    return f"etwa {minutes // 60} h {minutes % 60} min" if minutes % 60 else f"etwa {minutes // 60} h"


def check_path(path: Path, settings: Settings) -> None:
    """What the file system says about a path, before any parser opens it (InvalidDocumentError, German).

    A symbolic link is followed only to a file in the link's own folder (or the corpus or uploads folder):
    `notiz.md → /etc/passwd` is refused. A folder, a named pipe or a device gets its own message.
    """
    name = path.name or str(path)
    if path.is_symlink():
        target = path.resolve()
        roots = {settings.corpus_dir.resolve(), settings.uploads_dir.resolve()}
        if path.parent.resolve() != Path(path.anchor or "/").resolve():
            roots.add(path.parent.resolve())
        if not any(target.is_relative_to(root) for root in roots):
            raise InvalidDocumentError(name, f"Die Datei ist ein Verweis (Symlink) auf „{target}“ außerhalb ihres "
                                             "Ordners; solchen Verweisen wird nicht gefolgt.")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InvalidDocumentError(name, "Die Datei wurde nicht gefunden.") from None
    except PermissionError:
        raise InvalidDocumentError(name, "Die Datei darf nicht gelesen werden (fehlende Berechtigung).") from None
    except OSError as exc:
        raise InvalidDocumentError(name, f"Die Datei ist nicht zugänglich ({exc.strerror or type(exc).__name__}).") from exc
    if stat.S_ISDIR(mode):
        raise InvalidDocumentError(name, "Das ist ein Ordner, keine Datei. Bitte die Dateien darin einzeln angeben "
                                         "(z. B. ordner/*.pdf).")
    if not stat.S_ISREG(mode):
        raise InvalidDocumentError(name, "Das ist keine gewöhnliche Datei (sondern z. B. eine benannte Pipe, ein "
                                         "Gerät oder ein Socket).")


def chroma_id(unit: Unit, visibility: str, stand: str) -> str:
    return hashlib.sha256(f"{unit.content_hash}|{visibility}|{stand}".encode()).hexdigest()[:32]


def _unit_key(units: list[Unit]) -> list[tuple[str, int]]:
    """(label, n-th occurrence): split parts of one Absatz share a label."""
    seen: Counter[str] = Counter()
    keys = []
    for u in units:
        keys.append((u.label, seen[u.label]))
        seen[u.label] += 1
    return keys


def _metadata(unit: Unit, kind: str, visibility: str, stand: str) -> dict:
    """Everything a citation needs, stored beside the vector."""
    return {
        "doc": unit.doc, "label": unit.label, "section": unit.section, "title": unit.title,
        "breadcrumb": " › ".join(unit.breadcrumb), "role": str(unit.role), "kind": str(kind),
        "visibility": str(visibility), "stand": stand, "link": unit.link,
        "page": unit.page if unit.page is not None else -1,
    }


class IngestFailed(UserFacingError):
    """An ingestion stopped by an error; the message says which documents are live and which are not."""

    refused_input = False

    def __init__(self, message: str, switched: tuple[str, ...]) -> None:
        super().__init__(message)
        self.switched = switched  # documents whose new version became active in this run


def _reason(exc: BaseException) -> str:
    return exc.message if isinstance(exc, UserFacingError) else f"Unerwarteter Fehler ({type(exc).__name__})"


def failure_report(file: str, name: str, switched: list[str], exc: BaseException) -> IngestFailed:
    """What an error during ingestion left behind, in German: the switch is the point of no return."""
    log.info("ingestion of %s failed", file, exc_info=exc)  # the service's log (INFO); not shown by the CLI
    reason = _reason(exc)
    if name and name in switched:
        others = [n for n in switched if n != name]
        text = (f"Die neue Version von „{name}“ ist bereits aktiv; der Schritt danach (Aufräumen des "
                f"Vektorspeichers) ist fehlgeschlagen: {reason} Die nächste Aufnahme holt ihn nach.")
    else:
        others = list(switched)
        text = f"Die Aufnahme von „{file}“ ist fehlgeschlagen: {reason} Dieses Dokument ist unverändert."
    if others:
        text += f" Bereits in diesem Lauf aktiv geworden: {', '.join(f'„{n}“' for n in others)}."
    elif not (name and name in switched):
        text += " Der Index ist unverändert."
    return IngestFailed(text, tuple(switched))


class Ingestor:
    def __init__(self, workspace: Workspace, progress: ProgressCallback | None = None,
                 cancel: threading.Event | None = None) -> None:
        """`cancel`, once set, stops the run before the next embedding batch or document (IngestCancelled);
        the document being ingested stays as it was."""
        self.ws = workspace
        self.progress = progress or (lambda done, total, what: None)
        self.cancel = cancel
        self.confirm_replace = False  # set per run by ingest_paths / ingest_corpus

    @contextmanager
    def _lock(self) -> Iterator[None]:
        lock_path = self.ws.settings.index_dir / "ingest.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise UserFacingError("Es läuft bereits eine Aufnahme in den Index. Bitte später erneut versuchen.") from exc
            yield

    # --- public API ------------------------------------------------------------------------------

    def ingest_corpus(self, corpus_dir: Path | None = None, actor: str = "", *,
                      confirm_replace: bool = False) -> IngestSummary:
        self.confirm_replace = confirm_replace
        corpus_dir = corpus_dir or self.ws.settings.corpus_dir
        entries = read_manifest(corpus_dir)
        jobs = [(e.path, e.name, e.visibility, e.source) for e in entries]
        summary = self._run(jobs, actor)
        from .faq.store import sync_default_entries  # the curated answers cite the units just ingested

        self.faq_sync = sync_default_entries(self.ws.catalog, corpus_dir / "faq")
        return summary

    def ingest_paths(self, paths: list[Path], *, name: str | None = None,
                     visibility: Visibility | None = None, actor: str = "",
                     confirm_replace: bool = False) -> IngestSummary:
        """Ingest files; a replacement that changes kind or visibility or shrinks a law (see
        `replacement_changes`) is refused (report status failed) unless `confirm_replace`."""
        if name and len(paths) > 1:
            raise UserFacingError("Ein Name (--name) kann nur für eine einzelne Datei vergeben werden.")
        self.confirm_replace = confirm_replace
        return self._run([(p, name, visibility, "") for p in paths], actor)

    def preview(self, path: Path, *, name: str | None = None,
                visibility: Visibility | None = None) -> DocumentReport:
        """What ingesting this file would change, without changing anything."""
        report = DocumentReport(file=path.name)
        check_path(path, self.ws.settings)
        doc = parse_file(path, self.ws.settings, name=name, visibility=visibility)
        self._check_size(doc, path)
        self._check_duplicate(doc, path)
        self._diff(doc, report)
        present = self.ws.store.all_ids()
        new_units = [u for u in doc.units if chroma_id(u, doc.visibility, doc.stand) not in present]
        todo = self._embedding_plan(new_units)[3]
        report.to_embed = len(todo)
        report.estimated_seconds = len(todo) * self._seconds_per_unit([t for _, t in todo])
        return report

    def _check_size(self, doc: Document, path: Path) -> None:
        limit = self.ws.settings.max_units_per_document
        if len(doc.units) > limit:
            raise InvalidDocumentError(path.name, f"Sie ergibt {len(doc.units)} Einheiten; erlaubt sind höchstens "
                                                  f"{limit} je Dokument (JCA_MAX_UNITS_PER_DOCUMENT). Bitte die "
                                                  "Datei aufteilen.")

    def _check_duplicate(self, doc: Document, path: Path) -> None:
        """The same file under a second name would be a second document with the same text."""
        for v in self.ws.catalog.active_versions():
            if v.sha256 == doc.sha256 and v.name != doc.name:
                raise InvalidDocumentError(path.name, f"Der gleiche Inhalt ist bereits als „{v.name}“ aufgenommen. "
                                                      f"Um ihn zu ersetzen, den Namen „{v.name}“ verwenden.")

    def _seconds_per_unit(self, texts: list[str]) -> float:
        """Embedding seconds per text: configured, or measured on an evenly spread sample of `texts`."""
        settings = self.ws.settings
        if settings.embedding_seconds_per_unit is not None or not texts:
            return settings.embedding_seconds_per_unit or 0.0
        n = min(settings.embedding_sample_units, len(texts))
        sample = [texts[i * len(texts) // n] for i in range(n)]
        self.ws.embedder.embed_passages(sample[:1])  # loads the model outside the measurement
        start = time.perf_counter()
        self.ws.embedder.embed_passages(sample)
        return (time.perf_counter() - start) / n

    def _check_cancel(self, what: str) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise IngestCancelled(f"Die Aufnahme von „{what}“ wurde abgebrochen. Dieses Dokument ist unverändert.")

    def remove(self, name: str, actor: str = "") -> bool:
        with self._lock():
            active = self.ws.catalog.active_version(name)
            if active is None:
                return False
            self.ws.catalog.withdraw(name, actor)
            try:
                self._delete_unused_vectors()
            except Exception as exc:  # noqa: BLE001 - the withdrawal is done; say so
                raise IngestFailed(f"„{name}“ ist bereits aus dem Index entfernt; das Löschen seiner Vektoren ist "
                                   f"fehlgeschlagen: {_reason(exc)} Die nächste Aufnahme holt es nach.", ()) from exc
            return True

    def repair(self) -> int:
        """Bring Chroma in line with the catalog after a crash: drop unused vectors, restore missing ones."""
        removed = self._delete_unused_vectors()
        active = self.ws.catalog.active_units()
        present = self.ws.store.all_ids()
        missing = [su for su in active if su.chroma_id not in present]
        if missing:
            self._upsert_vectors(missing)
        return removed + len(missing)

    # --- the work --------------------------------------------------------------------------------

    def _run(self, jobs: list[tuple[Path, str | None, Visibility | None, str]], actor: str) -> IngestSummary:
        start = time.perf_counter()
        reports: list[DocumentReport] = []
        switched: list[str] = []
        with self._lock():
            try:
                self.repair()
            except Exception as exc:  # noqa: BLE001 - reported with what it means for the index
                raise IngestFailed(f"Die Aufnahme hat nicht begonnen: {_reason(exc)} Der Index ist unverändert.",
                                   ()) from exc
            for i, (path, name, visibility, source) in enumerate(jobs):
                self._check_cancel(path.name)
                self.progress(i, len(jobs), path.name)
                report = DocumentReport(file=path.name)
                try:
                    self._ingest_one(path, name, visibility, source, actor, report, switched)
                except InvalidDocumentError as exc:
                    report.status, report.error = "failed", exc.message
                except (IngestCancelled, ReplacementRefused):
                    if not switched:  # their own message says it all: nothing changed
                        raise
                    raise failure_report(path.name, report.name, switched, sys.exc_info()[1]) from None
                except Exception as exc:  # noqa: BLE001 - reported with what is live and what is not
                    raise failure_report(path.name, report.name, switched, exc) from exc
                reports.append(report)
            self.progress(len(jobs), len(jobs), "")
        return IngestSummary(reports, time.perf_counter() - start)

    def _unchanged(self, path: Path, name: str | None, visibility: Visibility | None) -> DocumentReport | None:
        sha = file_sha256(path)
        for v in self.ws.catalog.active_versions():
            if v.sha256 == sha and (name is None or v.name == name) and (visibility is None or v.visibility == visibility):
                return DocumentReport(file=path.name, name=v.name, status="unchanged", unchanged=v.n_units,
                                      stand_before=v.stand, stand_after=v.stand)
        return None

    def _ingest_one(self, path: Path, name: str | None, visibility: Visibility | None, source: str,
                    actor: str, report: DocumentReport, switched: list[str]) -> None:
        check_path(path, self.ws.settings)
        check_file(path, self.ws.settings)
        if same := self._unchanged(path, name, visibility):
            report.__dict__.update(same.__dict__)
            return
        doc = parse_file(path, self.ws.settings, name=name, visibility=visibility, source=source, checked=True)
        report.name = doc.name
        self._check_size(doc, path)
        self._check_duplicate(doc, path)
        self._diff(doc, report)
        if report.replacement_changes and not self.confirm_replace:
            raise ReplacementRefused(path.name, f"Sie würde „{doc.name}“ grundlegend ändern "
                                                f"({'; '.join(report.replacement_changes)}). {CONFIRM_HINT}")
        ids = [chroma_id(u, doc.visibility, doc.stand) for u in doc.units]
        self._add_vectors(doc, ids, report)
        self.ws.catalog.activate_version(doc, list(zip(ids, doc.units)), actor=actor)
        switched.append(doc.name)  # from here on the new version is live, whatever fails next
        self._delete_unused_vectors()
        self.ws.catalog.prune_history()

    def _diff(self, doc: Document, report: DocumentReport) -> None:
        report.name = doc.name
        old = self.ws.catalog.active_version(doc.name)
        old_units = [su.unit for su in self.ws.catalog.units_of_version(old.id)] if old else []
        old_map = dict(zip(_unit_key(old_units), old_units))
        new_map = dict(zip(_unit_key(list(doc.units)), doc.units))
        sections: set[str] = set()
        for key, unit in new_map.items():
            before = old_map.get(key)
            if before is None:
                report.added += 1
                sections.add(unit.section or unit.label)
            elif before.text != unit.text or before.footnotes != unit.footnotes:
                report.changed += 1
                sections.add(unit.section or unit.label)
            else:
                report.unchanged += 1
        for key, unit in old_map.items():
            if key not in new_map:
                report.removed += 1
                sections.add(unit.section or unit.label)
        report.changed_sections = sorted(sections, key=_section_sort_key)
        report.stand_before = old.stand if old else ""
        report.stand_after = doc.stand
        report.status = "added" if old is None else "updated"
        report.replacement_changes = replacement_changes(old, doc, self.ws.settings.replace_min_unit_ratio)

    def _add_vectors(self, doc: Document, ids: list[str], report: DocumentReport) -> None:
        present = self.ws.store.all_ids()
        todo = [(cid, u) for cid, u in zip(ids, doc.units) if cid not in present]
        if not todo:
            return
        vectors = self._embed([u for _, u in todo], report)
        self.ws.store.upsert(
            [cid for cid, _ in todo], vectors, [indexed_text(u) for _, u in todo],
            [_metadata(u, doc.kind, doc.visibility, doc.stand) for _, u in todo],
        )

    def _embedding_plan(self, units: list[Unit]) -> tuple[list[str], list[str], dict[str, np.ndarray],
                                                           list[tuple[str, str]]]:
        """(texts, their hashes, cached vectors by hash, (hash, text) still to embed) for the units."""
        embedder, settings = self.ws.embedder, self.ws.settings
        texts = [indexed_text(u, settings.embedding_max_chars) for u in units]
        hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        cached = self.ws.catalog.cached_embeddings(embedder.name, hashes)
        if settings.use_shipped_embeddings:
            cached.update(shipped_embeddings(settings.corpus_dir, embedder.name, set(hashes) - set(cached)))
        todo = sorted({h: t for h, t in zip(hashes, texts) if h not in cached}.items())
        return texts, hashes, cached, todo

    def _embed(self, units: list[Unit], report: DocumentReport | None = None) -> np.ndarray:
        """Vectors for the units' text, from the cache where the same text was embedded before."""
        embedder, settings = self.ws.embedder, self.ws.settings
        texts, hashes, cached, todo = self._embedding_plan(units)
        fresh: dict[str, np.ndarray] = {}
        batch = settings.embedding_batch_size
        for start in range(0, len(todo), batch):
            self._check_cancel(units[0].doc)  # between batches: nothing of this document is written yet
            chunk = todo[start:start + batch]
            self.progress(start, len(todo), f"Einbettung {units[0].doc}")
            for (h, _), vec in zip(chunk, embedder.embed_passages([t for _, t in chunk])):
                fresh[h] = vec
        if fresh:
            self.ws.catalog.store_embeddings(embedder.name, fresh)
        if report is not None:
            report.embedded += len(fresh)
        all_vectors = {**cached, **fresh}
        return np.stack([all_vectors[h] for h in hashes]) if hashes else np.zeros((0, embedder.dim), np.float32)

    def _upsert_vectors(self, stored: list[StoredUnit]) -> None:
        vectors = self._embed([su.unit for su in stored])
        metadatas = [_metadata(su.unit, su.kind, su.visibility, su.stand) for su in stored]
        self.ws.store.upsert([su.chroma_id for su in stored], vectors,
                             [indexed_text(su.unit) for su in stored], metadatas)

    def _delete_unused_vectors(self) -> int:
        unused = sorted(self.ws.store.all_ids() - self.ws.catalog.active_chroma_ids())
        if unused:
            self.ws.store.delete(unused)
        return len(unused)


def shipped_embeddings_path(corpus_dir: Path, model: str) -> Path:
    return corpus_dir / "embeddings" / f"{model}.npz"


def shipped_embeddings(corpus_dir: Path, model: str, wanted: set[str]) -> dict[str, np.ndarray]:
    """Vectors shipped with the default corpus (made by `make embeddings` with the same model).

    Keyed by the hash of the exact text embedded, so a changed text or parser never reuses a vector.
    """
    path = shipped_embeddings_path(corpus_dir, model)
    if not wanted or not path.exists():
        return {}
    with np.load(path) as data:
        hashes, vectors = data["hashes"], data["vectors"]
    return {str(h): vectors[i] for i, h in enumerate(hashes) if str(h) in wanted}


def export_embeddings(workspace: Workspace) -> Path:
    """Write the vectors of all active public and internal units of the default corpus to corpus/embeddings/."""
    embedder = workspace.embedder
    texts = [indexed_text(su.unit, workspace.settings.embedding_max_chars) for su in workspace.catalog.active_units()]
    hashes = sorted({hashlib.sha256(t.encode()).hexdigest() for t in texts})
    cached = workspace.catalog.cached_embeddings(embedder.name, hashes)
    missing = [h for h in hashes if h not in cached]
    if missing:
        raise UserFacingError(f"{len(missing)} Einheiten haben noch keinen Vektor; bitte zuerst aufnehmen.")
    path = shipped_embeddings_path(workspace.settings.corpus_dir, embedder.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, hashes=np.array(hashes), vectors=np.stack([cached[h] for h in hashes]))
    return path


def _section_sort_key(section: str) -> tuple:
    m = re.match(r"§\s*(\d+)([a-z]*)", section)
    return (0, int(m.group(1)), m.group(2)) if m else (1, 0, section)
