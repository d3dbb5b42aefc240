"""Markdown and plain text: decoding the bytes, then paragraphs, headings, lists and tables as blocks."""

from __future__ import annotations

import re

from assistant.errors import InvalidDocumentError
from assistant.sources.generic.blocks import Block, Parsed, clean_heading

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # category Cc without tab, newlines, form feed


def decode_text(data: bytes, filename: str) -> str:
    """UTF-16 (with BOM), UTF-8 (with or without BOM), else cp1252; binary data is rejected."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidDocumentError(filename, "Die Zeichenkodierung der Datei ist nicht lesbar.") from exc
    else:
        if b"\x00" in data:
            raise InvalidDocumentError(filename, "Die Datei enthält Binärdaten und ist keine Textdatei.")
        for encoding in ("utf-8", "utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InvalidDocumentError(
                filename, "Die Zeichenkodierung der Datei ist nicht lesbar (erwartet UTF-8 oder Windows-1252)."
            )
    text = text.removeprefix("\ufeff")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > max(2, len(text) // 100):
        raise InvalidDocumentError(filename, "Die Datei enthält Binärdaten und ist keine Textdatei.")
    if not text.strip():
        raise InvalidDocumentError(filename, "Die Datei enthält keinen lesbaren Text.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Bounded and bracket-free inside, so that a run of "[" or "](" cannot make the search backtrack.
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]\(([^()\n]{0,2000})\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\(([^()\n]{0,2000})\)")


def _drop_html_comments(text: str) -> str:
    """Markdown without `<!-- … -->`, in one pass (an unclosed comment runs to the end, as in HTML)."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        out.append(text[pos:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _clean_inline_markdown(line: str) -> str:
    line = _MD_IMAGE.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "").replace("`", "")
    line = re.sub(r"^\s{0,3}>\s?", "", line)  # blockquote marker
    if line.lstrip().startswith("|") or line.rstrip().endswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        line = " | ".join(cells)
    return line.rstrip()


def parse_markdown(text: str) -> Parsed:
    return _parse_lines(_drop_html_comments(text), markdown=True)


def parse_plain_text(text: str) -> Parsed:
    """Plain text: paragraphs at blank lines; a single line underlined with === or --- is a heading."""
    return _parse_lines(text, markdown=False)


def _parse_lines(text: str, *, markdown: bool) -> Parsed:
    blocks: list[Block] = []
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        body = _join_soft_lines(paragraph)
        if body:
            blocks.append(Block(body))
        paragraph.clear()

    for raw in text.split("\n"):
        if markdown and _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            paragraph.append(raw.rstrip())
            continue
        if markdown and (m := _ATX.match(raw)):
            flush()
            heading = clean_heading(_clean_inline_markdown(m.group(2) or ""))
            if heading:
                blocks.append(Block(heading, level=len(m.group(1))))
            continue
        setext = _SETEXT.match(raw)
        if setext and len(paragraph) == 1 and len(setext.group(1)) >= 3 and len(paragraph[0]) <= 120:
            heading = clean_heading(paragraph[0])
            paragraph.clear()
            if heading:
                blocks.append(Block(heading, level=1 if setext.group(1)[0] == "=" else 2))
            continue
        if not raw.strip():
            flush()
            continue
        if markdown:
            if _TABLE_SEPARATOR.match(raw) and "|" in raw:
                continue
            if re.match(r"^ {0,3}([-*_])(\s*\1){2,}\s*$", raw):  # thematic break
                flush()
                continue
            raw = _clean_inline_markdown(raw)
        paragraph.append(raw.rstrip())
    flush()
    return Parsed(blocks)


_LIST_ITEM = re.compile(r"^\s*(?:[-*+•–]|\d{1,3}[.)]|[a-z][.)])\s+")


def _join_soft_lines(lines: list[str]) -> str:
    """Join wrapped lines with spaces; list items and table rows keep their own line."""
    out: list[list[str]] = []  # lines of the output, each a list of joined pieces (no quadratic joining)
    for line in lines:
        if not line.strip():
            continue
        if not out or _LIST_ITEM.match(line) or " | " in line or " | " in out[-1][-1]:
            out.append([line.strip()])
        else:
            out[-1].append(line.strip())
    return "\n".join(" ".join(parts) for parts in out).strip()
