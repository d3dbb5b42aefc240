"""The editorial workflow behind the Redaktion: preview → confirm → audit, as a service the UI only calls.

Documents: uploads are copied to safe names and previewed (nothing in the index changes); confirming ingests
the previewed files one at a time under one lock (cancellable between embedding batches); withdrawing removes a
document. Curated answers: check, save, confirm changed citations, retire. Every action that changes the index
or is refused for a reason worth knowing leaves an audit entry; the messages in the outcomes are German, without
markup (the UI formats them).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .catalog import VersionInfo
from .errors import IngestCancelled, InvalidDocumentError, UserFacingError
from .faq.entries import Entry
from .faq.store import FaqStore, StoredEntry
from .ingest import DocumentReport, Ingestor
from .model import Visibility
from .uploads import discard_upload, safe_upload_name, store_upload
from .workspace import Workspace

log = logging.getLogger(__name__)

ProgressFn = Callable[[float, str], None]  # (fraction done, what is happening)


def natural_key(name: str) -> list:
    """"SGB II" before "SGB X", "Rz. 2" before "Rz. 10"."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


class Refused(UserFacingError):
    """A request the workflow does not carry out; `error` marks the ones shown as an error."""

    def __init__(self, message: str, error: bool = False) -> None:
        super().__init__(message)
        self.error = error


@dataclass(frozen=True)
class Upload:
    """A file the browser sent: where the web server put it, and the name it had on the editor's computer."""

    temp_path: str
    original_name: str


@dataclass(frozen=True)
class PendingUpload:
    """A previewed file waiting for "Aufnehmen"; kept in the server-side session state as a plain dict."""

    path: str
    file: str
    name: str
    visibility: Visibility | None = None

    def to_state(self) -> dict[str, Any]:
        return {"path": self.path, "file": self.file, "name": self.name,
                "visibility": self.visibility.value if self.visibility else None}

    @classmethod
    def from_state(cls, item: dict[str, Any]) -> PendingUpload:
        vis = item.get("visibility")
        return cls(str(item["path"]), str(item["file"]), str(item.get("name") or ""), Visibility(vis) if vis else None)


@dataclass(frozen=True)
class FileProblem:
    """A file that could not be previewed or ingested; `file` is None when the message names it already."""

    file: str | None
    message: str


@dataclass(frozen=True)
class PreviewItem:
    file: str
    path: Path  # the safe copy under uploads/ that "Aufnehmen" reads
    report: DocumentReport
    visibility: Visibility | None  # None: chosen by kind on ingestion (laws and guidelines public)


@dataclass
class Preview:
    items: list[PreviewItem | FileProblem] = field(default_factory=list)

    @property
    def pending(self) -> list[PendingUpload]:
        return [PendingUpload(str(i.path), i.file, i.report.name, i.visibility)
                for i in self.items if isinstance(i, PreviewItem)]


class Outcome(StrEnum):
    DONE = "done"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    file: str
    name: str = ""
    message: str = ""  # FAILED, CANCELLED
    report: DocumentReport | None = None  # DONE
    seconds: float = 0.0
    not_ingested: tuple[str, ...] = ()  # CANCELLED: the files after this one
    message_names_file: bool = False  # FAILED: the message says which file already


class EditorialService:
    """The Redaktion's actions over one Workspace; one ingestion or withdrawal at a time."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.settings = workspace.settings
        self._lock = threading.Lock()
        self._cancel = threading.Event()  # set by cancel(), checked between embedding batches

    # --- reading ---------------------------------------------------------------------------------

    def documents(self) -> list[VersionInfo]:
        return sorted(self.ws.catalog.active_versions(), key=lambda v: natural_key(v.name))

    def audit_log(self, limit: int = 200) -> list[tuple[float, str, str, str]]:
        return self.ws.catalog.audit_log(limit)

    @property
    def ingesting(self) -> bool:
        return self._lock.locked()

    # --- documents -------------------------------------------------------------------------------

    def preview(self, uploads: Sequence[Upload], actor: str, *, visibility: Visibility | None = None,
                name: str | None = None, owned: Callable[[str], bool] = lambda _path: True,
                replaces: Sequence[PendingUpload] = ()) -> Preview:
        """Copy the uploads to safe names and report what ingesting them would change; the index stays as it is.

        `owned` tells whether this actor uploaded a temporary path (a path named by the client but not uploaded
        by them is refused before anything is read); `replaces` is an earlier unconfirmed preview, discarded.
        """
        self.discard(replaces)
        if not uploads:
            raise Refused("Bitte zuerst eine oder mehrere Dateien auswählen.")
        if any(not owned(u.temp_path) for u in uploads):
            self.ws.catalog.audit(actor, "upload-abgelehnt", "Datei nicht in dieser Sitzung hochgeladen")
            raise Refused("Diese Datei wurde nicht in dieser Sitzung hochgeladen und kann nicht verwendet werden. "
                          "Bitte die Datei über „Dateien“ hochladen.", error=True)
        name = (name or "").strip() or None
        if name and len(uploads) > 1:
            raise Refused("Ein Dokumentname kann nur für eine einzelne Datei vergeben werden. Bitte den Namen leeren "
                          "oder nur eine Datei hochladen.")
        preview = Preview()
        for upload in uploads:
            preview.items.append(self._preview_one(upload, actor, visibility, name))
        return preview

    def _preview_one(self, upload: Upload, actor: str, visibility: Visibility | None,
                     name: str | None) -> PreviewItem | FileProblem:
        try:
            stored = store_upload(self.settings, upload.temp_path, upload.original_name)
        except OSError:
            log.exception("could not store upload")
            return FileProblem(safe_upload_name(upload.original_name), "Die Datei konnte nicht gespeichert werden.")
        existing = self.ws.catalog.active_version(name) if name else None
        if visibility is None and existing is not None:
            visibility = Visibility(existing.visibility)
        try:
            report = Ingestor(self.ws).preview(stored, name=name, visibility=visibility)
        except InvalidDocumentError as exc:
            discard_upload(self.settings, stored)
            self.ws.catalog.audit(actor, "upload-abgelehnt", f"{stored.name}: {exc.reason}")
            return FileProblem(None, exc.message)
        except UserFacingError as exc:
            discard_upload(self.settings, stored)
            return FileProblem(stored.name, exc.message)
        except Exception:  # noqa: BLE001
            log.exception("preview failed")
            discard_upload(self.settings, stored)
            return FileProblem(stored.name, "Die Datei konnte nicht gelesen werden (interner Fehler).")
        if visibility is None and (current := self.ws.catalog.active_version(report.name)) is not None:
            visibility = Visibility(current.visibility)  # a new version keeps the document's visibility
        return PreviewItem(stored.name, stored, report, visibility)

    def ingest(self, pending: Sequence[PendingUpload], actor: str, *, confirm_replace: bool = False,
               progress: ProgressFn | None = None) -> list[IngestResult]:
        """Ingest previewed files in order (each one transaction); stops at a cancel request."""
        progress = progress or (lambda _fraction, _what: None)
        results: list[IngestResult] = []
        total = len(pending)
        with self._lock:
            self._cancel.clear()
            for i, item in enumerate(pending):
                path = Path(item.path)

                def report_progress(done: int, steps: int, what: str, i: int = i, item: PendingUpload = item) -> None:
                    fraction = (i + (done / steps if steps else 0.0)) / total
                    progress(fraction, f"{item.file}: {what or 'Aufnahme'}"[:80])

                progress(i / total, f"Aufnahme {item.file}")
                try:
                    summary = Ingestor(self.ws, report_progress, self._cancel).ingest_paths(
                        [path], name=item.name or None, visibility=item.visibility, actor=actor,
                        confirm_replace=bool(confirm_replace))
                except IngestCancelled as exc:
                    self.ws.catalog.audit(actor, "aufnahme-abgebrochen", item.file)
                    results.append(IngestResult(Outcome.CANCELLED, item.file, item.name, exc.message,
                                                not_ingested=tuple(p.file for p in pending[i + 1:])))
                    break
                except UserFacingError as exc:
                    results.append(IngestResult(Outcome.FAILED, item.file, item.name, exc.message))
                    continue
                except Exception:  # noqa: BLE001
                    log.exception("ingestion failed")
                    self.ws.catalog.audit(actor, "aufnahme-fehler", f"{item.file}: interner Fehler")
                    results.append(IngestResult(Outcome.FAILED, item.file, item.name,
                                                "Die Aufnahme ist fehlgeschlagen (interner Fehler). "
                                                "Der Index ist unverändert."))
                    continue
                for r in summary.reports:
                    if r.error:
                        discard_upload(self.settings, path)
                        self.ws.catalog.audit(actor, "aufnahme-fehler", f"{item.file}: {r.error}")
                        results.append(IngestResult(Outcome.FAILED, item.file, r.name,
                                                    f"{r.error} Der Index ist unverändert.",
                                                    message_names_file=True))
                    elif r.status == "unchanged":
                        discard_upload(self.settings, path)
                        results.append(IngestResult(Outcome.UNCHANGED, item.file, r.name, report=r))
                    else:
                        results.append(IngestResult(Outcome.DONE, item.file, r.name, report=r,
                                                    seconds=summary.seconds))
            progress(1.0, "fertig")
        return results

    def cancel(self) -> bool:
        """Ask the running ingestion to stop before its next embedding batch; False when none is running."""
        if not self._lock.locked():
            return False
        self._cancel.set()
        return True

    def discard(self, pending: Sequence[PendingUpload]) -> None:
        """Forget an unconfirmed preview: its copies under uploads/ are deleted."""
        for item in pending:
            discard_upload(self.settings, Path(item.path))

    def withdraw(self, name: str, actor: str) -> bool:
        """Remove a document from the index (audited by the catalog); False when it is not in the index."""
        with self._lock:
            return Ingestor(self.ws).remove(name, actor=actor)

    # --- curated answers -------------------------------------------------------------------------

    @property
    def faq(self) -> FaqStore:
        return FaqStore(self.ws.catalog)

    def faq_check(self, entry: Entry) -> list:
        """What the integrity checks find for an entry as it would be saved; nothing is stored."""
        from .faq.integrity import check_entry
        from .retrieval.lookup import UnitLookup

        return check_entry(entry, UnitLookup(self.ws.catalog.active_units()))

    def faq_save(self, entry: Entry, actor: str) -> list:
        """Store an entry if it passes the checks (audited); the problems otherwise."""
        return self.faq.save(entry, actor)

    def faq_confirm(self, entry_id: str, actor: str) -> StoredEntry:
        """Accept the changed citations of an entry (audited); Refused when it is unknown or no longer passes."""
        stored = self.faq.get(entry_id or "")
        if stored is None:
            raise Refused("Bitte einen Eintrag auswählen.")
        if stored.problems:
            raise Refused("Der Eintrag besteht die Prüfung nicht mehr (z. B. eine Zahl steht nicht mehr im "
                          "Gesetz). Bitte zuerst bearbeiten und speichern.", error=True)
        self.faq.confirm(stored.entry.id, actor)
        return stored

    def faq_retire(self, entry_id: str, actor: str) -> bool:
        return self.faq.retire(entry_id, actor)
