"""Parsers, one per format, behind one entry point: `parse_file`."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..errors import InvalidDocumentError
from ..model import Document, Visibility
from .limits import check_path, read_limited

LAW_EXTENSIONS = {".xml", ".zip"}
GENERIC_EXTENSIONS = {".md", ".markdown", ".txt", ".html", ".htm", ".docx"}
SUPPORTED_EXTENSIONS = LAW_EXTENSIONS | GENERIC_EXTENSIONS | {".pdf"}


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    name: str
    visibility: Visibility
    source: str


def read_manifest(corpus_dir: Path) -> list[ManifestEntry]:
    data = tomllib.loads((corpus_dir / "manifest.toml").read_text(encoding="utf-8"))
    return [
        ManifestEntry(corpus_dir / d["file"], d["name"], Visibility(d.get("visibility", "public")),
                      d.get("source", ""))
        for d in data.get("document", [])
    ]


def check_file(path: Path, settings: Settings) -> None:
    """Reject what no parser should see: missing, unknown extension, empty, oversized."""
    name = path.name
    if not path.is_file():
        raise InvalidDocumentError(name, "Die Datei wurde nicht gefunden.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        allowed = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise InvalidDocumentError(name, f"Das Dateiformat „{suffix or 'ohne Endung'}“ wird nicht unterstützt (erlaubt: {allowed}).")
    check_path(path, settings)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parse_file(
    path: Path, settings: Settings, *, name: str | None = None,
    visibility: Visibility | None = None, source: str = "", checked: bool = False,
) -> Document:
    """Parse any supported file into a Document; bad input raises InvalidDocumentError (German message).

    The file is checked (`check_file`, skipped with `checked=True` when the caller has just run it)
    and read once; the parsers get its bytes.
    """
    if not checked:
        check_file(path, settings)
    data, _ = read_limited(path, settings, checked=True)
    suffix = path.suffix.lower()
    try:
        if suffix in LAW_EXTENSIONS:
            from .gii_xml import parse_gii, read_gii_bytes

            doc = parse_gii(read_gii_bytes(path, settings, data), str(path), name=name,
                            visibility=visibility or Visibility.PUBLIC, settings=settings)
        elif suffix == ".pdf" and _is_guideline(data):
            from .guideline_pdf import parse_guideline_pdf

            doc = parse_guideline_pdf(path, name=name, visibility=visibility or Visibility.PUBLIC, data=data)
        else:
            from .generic import parse_generic

            doc = parse_generic(path, name=name, visibility=visibility or Visibility.INTERNAL, settings=settings,
                                data=data)
    except InvalidDocumentError:
        raise
    except (MemoryError, RecursionError, ValueError, OSError, KeyError, IndexError) as exc:
        raise InvalidDocumentError(path.name, f"Die Datei konnte nicht gelesen werden ({type(exc).__name__}).") from exc
    if not doc.units:
        raise InvalidDocumentError(path.name, "Die Datei enthält keinen zitierfähigen Text.")
    return replace(doc, source=source or str(path), sha256=hashlib.sha256(data).hexdigest())


def _is_guideline(data: bytes) -> bool:
    import pymupdf

    from .guideline_pdf import is_guideline_pdf

    try:
        with pymupdf.open(stream=data, filetype="pdf") as pdf:
            if pdf.needs_pass:
                return False
            return is_guideline_pdf(pdf)
    except Exception:  # corrupt files are reported by the parser that reads them
        return False
