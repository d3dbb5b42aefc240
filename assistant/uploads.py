"""Uploaded files: copied to safe names under `<index_dir>/uploads/`, discarded when not ingested, and the file
behind a document version (what the web app serves under /dateien/…)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
import unicodedata
from functools import lru_cache
from pathlib import Path

from .catalog import VersionInfo
from .config import PROJECT_ROOT, Settings
from .sources import file_sha256, read_manifest

_UNSAFE = re.compile(r"[^A-Za-z0-9._äöüÄÖÜß-]+")
MAX_NAME = 120


def safe_upload_name(original: str) -> str:
    """A plain file name from whatever the browser sent: no directories, no hidden files, no odd characters.

    `../../etc/passwd.pdf` → `passwd.pdf`, `C:\\Users\\x\\Bericht (neu).pdf` → `Bericht_neu_.pdf`.
    """
    name = unicodedata.normalize("NFC", str(original or "")).replace("\\", "/").split("/")[-1]
    name = name.replace("\x00", "")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip("._-") or "datei"
    suffix = _UNSAFE.sub("", suffix).lower()[:10]
    stem = stem[: MAX_NAME - len(suffix) - 1]
    return f"{stem}.{suffix}" if suffix else stem


def store_upload(settings: Settings, temp_path: str | Path, original_name: str | None = None) -> Path:
    """Copy an uploaded file into `<index_dir>/uploads/<time>-<random>/<safe name>` and return the new path."""
    source = Path(temp_path)
    name = safe_upload_name(original_name or source.name)
    folder = settings.uploads_dir / f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True, exist_ok=False)
    target = (folder / name).resolve()
    if target.parent != folder.resolve():  # cannot happen after safe_upload_name; checked anyway
        raise ValueError("unsafe upload name")
    shutil.copyfile(source, target)
    os.chmod(target, 0o640)
    return target


def discard_upload(settings: Settings, path: Path) -> None:
    """Remove an uploaded file (and its folder) that was not ingested; never anything outside uploads/."""
    try:
        path = path.resolve()
        uploads = settings.uploads_dir.resolve()
        if uploads in path.parents and path.is_file():
            path.unlink()
            if path.parent != uploads and not any(path.parent.iterdir()):
                path.parent.rmdir()
    except OSError:
        pass


@lru_cache(maxsize=256)
def _sha_of(path: str, mtime: float, size: int) -> str:  # cached by file identity
    return file_sha256(Path(path))


def document_file(settings: Settings, version: VersionInfo) -> Path | None:
    """The file a document version was read from, if it is still there unchanged (same sha256)."""
    candidates: list[Path] = []
    if version.source and not re.match(r"^[a-z]+://", version.source):
        p = Path(version.source)
        candidates.append(p if p.is_absolute() else PROJECT_ROOT / p)
    try:
        for entry in read_manifest(settings.corpus_dir):
            if entry.name == version.name:
                candidates.append(entry.path)
    except (OSError, ValueError):
        pass
    for path in candidates:
        try:
            st = path.stat()
        except OSError:
            continue
        if path.is_file() and _sha_of(str(path), st.st_mtime, st.st_size) == version.sha256:
            return path
    return None

