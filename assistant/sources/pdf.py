"""Opening a PDF for the parsers, with one German message for each way it can fail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from assistant.errors import InvalidDocumentError

if TYPE_CHECKING:
    import pymupdf


@contextmanager
def opened_pdf(data: bytes, filename: str) -> Iterator[pymupdf.Document]:
    """The PDF, open while the block runs. A file MuPDF cannot open, an encrypted one, one without pages, and any
    failure while the block reads it become InvalidDocumentError."""
    import pymupdf

    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # FileDataError, EmptyFileError, RuntimeError from MuPDF
        raise InvalidDocumentError(filename, "Die Datei ist keine lesbare PDF-Datei oder beschädigt.") from exc
    try:
        if document.needs_pass or document.is_encrypted:
            raise InvalidDocumentError(
                filename, "Die PDF-Datei ist verschlüsselt (passwortgeschützt); bitte ohne Kennwort speichern.")
        if document.page_count == 0:
            raise InvalidDocumentError(filename, "Die PDF-Datei enthält keine Seiten.")
        yield document
    except InvalidDocumentError:
        raise
    except Exception as exc:
        raise InvalidDocumentError(filename, "Die PDF-Datei ist beschädigt und kann nicht gelesen werden.") from exc
    finally:
        document.close()
