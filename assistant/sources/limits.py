"""The limits every input file meets once: the upload size, and the checks against zip bombs.

`read_limited` is the one place a file's size is compared with `max_upload_bytes`; `check_zip` and
`read_zip_member` are the one place an archive (a law's xml.zip, a DOCX) is checked before it is unpacked.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..config import Settings
from ..errors import InvalidDocumentError

MAX_ZIP_ENTRIES = 10_000
# A high compression ratio only matters once the unpacked size does (small XML parts compress well).
RATIO_CHECK_FROM_BYTES = 256 * 1024
_ZIP_CHUNK = 1 << 20
_MB = 1024 * 1024


def check_size(name: str, size: int, settings: Settings) -> None:
    """Refuse an empty file or one above the upload limit (one wording for every format)."""
    if size == 0:
        raise InvalidDocumentError(name, "Die Datei ist leer.")
    if size > settings.max_upload_bytes:
        raise InvalidDocumentError(
            name, f"Die Datei ist größer als die erlaubten {settings.max_upload_bytes / _MB:.0f} MB "
                  f"({size / _MB:.1f} MB).")


def check_path(path: Path, settings: Settings) -> None:
    """The file exists and is within the limits, from its directory entry alone (nothing is read)."""
    try:
        if not path.is_file():
            raise InvalidDocumentError(path.name, "Die Datei wurde nicht gefunden.")
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidDocumentError(path.name, _unreadable(exc)) from exc
    check_size(path.name, size, settings)


def read_limited(path: Path, settings: Settings, *, checked: bool = False) -> tuple[bytes, float]:
    """The file's bytes and modification time; `checked=True` when `check_path` has already run."""
    if not checked:
        check_path(path, settings)
    try:
        mtime = path.stat().st_mtime
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidDocumentError(path.name, _unreadable(exc)) from exc
    if not data:
        raise InvalidDocumentError(path.name, "Die Datei ist leer.")
    return data, mtime


def _unreadable(exc: OSError) -> str:
    return f"Die Datei kann nicht gelesen werden ({exc.strerror or type(exc).__name__})."


def _bomb(name: str, kind: str) -> InvalidDocumentError:
    return InvalidDocumentError(
        name, f"Die {kind} entpackt sich zu einer unverhältnismäßig großen Datenmenge (möglicherweise eine "
              "„ZIP-Bombe“) und wird aus Sicherheitsgründen nicht verarbeitet.")


def check_zip(infos: list[zipfile.ZipInfo], name: str, settings: Settings, *, kind: str = "ZIP-Datei") -> None:
    """Refuse an archive by its directory: too many members, or a declared unpacked size above
    `max_unzipped_bytes`, or (beyond RATIO_CHECK_FROM_BYTES) a compression ratio above `max_zip_ratio`."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InvalidDocumentError(
            name, f"Die {kind} enthält ungewöhnlich viele Bestandteile und wird aus Sicherheitsgründen abgelehnt.")
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > settings.max_unzipped_bytes or (
        unpacked > RATIO_CHECK_FROM_BYTES and unpacked > settings.max_zip_ratio * max(packed, 1)
    ):
        raise _bomb(name, kind)


def read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, settings: Settings,
                    *, kind: str = "ZIP-Datei") -> bytes:
    """One member's bytes, counted while reading: the headers `check_zip` trusted can lie."""
    limit = min(settings.max_unzipped_bytes, info.file_size)
    if info.file_size > RATIO_CHECK_FROM_BYTES:
        limit = min(limit, int(settings.max_zip_ratio * max(info.compress_size, 1)))
    buf = io.BytesIO()
    total = 0
    with zf.open(info) as member:
        while chunk := member.read(_ZIP_CHUNK):
            total += len(chunk)
            if total > limit:
                raise _bomb(name, kind)
            buf.write(chunk)
    return buf.getvalue()
