"""Turn an uploaded offer (.eml with attachments, .pdf, .docx, .html, .txt) or pasted text into plain text.

The document parsers of `assistant.sources.generic` do the format work (size limit, encrypted or image-only
PDF, broken DOCX, binary data), so offers and documents reject bad input with the same German messages.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from assistant.config import Settings, get_settings
from assistant.errors import InvalidDocumentError
from assistant.sources.generic import Parsed, decode_text, parse_docx, parse_html, parse_pdf
from assistant.sources.limits import check_size, read_limited

# typographic ligatures a PDF's text layer may hold ("qualiﬁziert"): the rules and the staff read plain letters
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
OFFER_EXTENSIONS: frozenset[str] = frozenset({".eml", ".pdf", ".docx", ".html", ".htm", ".txt", ".md"})
MAX_PASTED_CHARS = 100_000


@dataclass(frozen=True)
class OfferSource:
    """One readable part of an upload: the mail body or an attachment, or the whole file."""

    name: str
    text: str


def _blocks_text(parsed: Parsed) -> str:
    return "\n\n".join(block.text for block in parsed.blocks if block.text.strip())


def _text_of(data: bytes, filename: str, settings: Settings) -> str:
    """The plain text of one file; a file without readable text or one a parser fails on is refused."""
    try:
        text = _parsed_text(data, filename, settings)
    except InvalidDocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - a library failed on this file: the file is the problem
        raise InvalidDocumentError(filename, "Die Datei ist beschädigt oder kann nicht gelesen werden.") from exc
    if not text.strip():
        raise InvalidDocumentError(filename, "Die Datei enthält keinen lesbaren Text.")
    return text


def _parsed_text(data: bytes, filename: str, settings: Settings) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix == ".pdf":
        return _blocks_text(parse_pdf(data, filename)).translate(_LIGATURES)
    if suffix == ".docx":
        return _blocks_text(parse_docx(data, filename, settings))
    if suffix in {".html", ".htm"}:
        return _blocks_text(parse_html(data, filename))
    if suffix in {".txt", ".md"}:
        return decode_text(data, filename).strip()
    raise InvalidDocumentError(
        filename, "Dieses Dateiformat wird für Stellenangebote nicht unterstützt (erlaubt: E-Mail .eml, PDF, DOCX, "
                  "HTML, TXT)."
    )


def _mail_parts(data: bytes, filename: str, settings: Settings) -> list[OfferSource]:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a broken file
        raise InvalidDocumentError(filename, "Die E-Mail kann nicht gelesen werden.") from exc
    if not isinstance(message, EmailMessage) or not (message.keys()):
        raise InvalidDocumentError(filename, "Die Datei ist keine E-Mail (.eml).")
    parts: list[OfferSource] = []
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = body.get_content()
        if body.get_content_type() == "text/html":
            content = _blocks_text(parse_html(content.encode("utf-8"), filename))
        if content.strip():
            subject = str(message.get("subject") or "").strip()
            parts.append(OfferSource(f"{filename} (Text der E-Mail)", (subject + "\n\n" if subject else "") + content.strip()))
    for attachment in message.iter_attachments():
        name = attachment.get_filename() or "Anhang"
        if Path(name).suffix.lower() not in {".pdf", ".docx", ".html", ".htm", ".txt"}:
            continue
        payload = attachment.get_payload(decode=True) or b""
        check_size(name, len(payload), settings)
        parts.append(OfferSource(name, _text_of(payload, name, settings)))
    if not parts:
        raise InvalidDocumentError(filename, "Die E-Mail enthält weder Text noch einen lesbaren Anhang (PDF, DOCX).")
    return parts


def read_offer_file(path: Path, *, display_name: str | None = None, settings: Settings | None = None) -> list[OfferSource]:
    """The readable parts of an uploaded offer; any problem with the file is an `InvalidDocumentError`."""
    settings = settings or get_settings()
    filename = display_name or path.name
    if Path(filename).suffix.lower() not in OFFER_EXTENSIONS:
        raise InvalidDocumentError(
            filename, "Dieses Dateiformat wird für Stellenangebote nicht unterstützt (erlaubt: E-Mail .eml, PDF, "
                      "DOCX, HTML, TXT)."
        )
    data, _ = read_limited(path, settings)
    if Path(filename).suffix.lower() == ".eml":
        return _mail_parts(data, filename, settings)
    return [OfferSource(filename, _text_of(data, filename, settings))]


def read_offer_text(text: str, name: str = "eingefügter Text") -> list[OfferSource]:
    """Pasted text as an offer source."""
    if not text or not text.strip():
        raise InvalidDocumentError(name, "Es wurde kein Text eingefügt.")
    if len(text) > MAX_PASTED_CHARS:
        raise InvalidDocumentError(name, f"Der Text ist zu lang (mehr als {MAX_PASTED_CHARS:,} Zeichen).".replace(",", "."))
    return [OfferSource(name, text.replace("\r\n", "\n").strip())]
