"""HTML through lxml (C, linear): headings, paragraphs, lists and tables as blocks, scripts dropped."""

from __future__ import annotations

import re

from assistant.errors import InvalidDocumentError
from assistant.sources.generic.blocks import Block, Parsed, clean_heading
from assistant.sources.text import squash as _squash

_HTML_DROP = ("script", "style", "nav", "noscript", "template", "svg", "iframe", "object", "head")
_HTML_LEAF_BLOCKS = {"p", "li", "pre", "dt", "dd", "figcaption", "caption", "address", "summary", "blockquote"}
_HTML_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_HTML_CONTAINERS = {
    "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "dl",
    "figure", "details", "form", "fieldset", "center", "hgroup",
}


def parse_html(data: bytes, filename: str) -> Parsed:
    """HTML through lxml (C, linear): headings, paragraphs, lists and tables as blocks, scripts dropped."""
    from bs4 import UnicodeDammit
    from lxml import etree
    from lxml import html as lxml_html

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidDocumentError(filename, "Die Datei enthält Binärdaten und ist keine HTML-Datei.")
    depth = html_nesting_depth(data)
    if depth > MAX_HTML_DEPTH:
        raise InvalidDocumentError(filename, f"Die HTML-Datei ist zu tief verschachtelt (mehr als {MAX_HTML_DEPTH} "
                                             "Ebenen). Bitte als einfaches HTML oder als PDF speichern.")
    markup = UnicodeDammit(data, is_html=True).unicode_markup or ""
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    if not markup.strip():
        raise InvalidDocumentError(filename, "Die Datei enthält keinen lesbaren Text.")
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise InvalidDocumentError(filename, "Die HTML-Datei kann nicht gelesen werden.") from exc
    title = root.find(".//title")
    meta_title = _squash(title.text_content()) if title is not None else ""
    for element in list(root.iter(*_HTML_DROP)):
        element.drop_tree()

    blocks: list[Block] = []
    inline: list[str] = []

    def flush() -> None:
        text = _squash("".join(inline))
        if text:
            blocks.append(Block(text))
        inline.clear()

    def walk(node) -> None:
        if isinstance(node.tag, str) and node.text and node.text.strip():
            inline.append(node.text)
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""  # "" for comments, PIs
            if not tag:
                pass
            elif tag in _HTML_HEADINGS:
                flush()
                heading = clean_heading(_html_text(child))
                if heading:
                    blocks.append(Block(heading, level=_HTML_HEADINGS[tag]))
            elif tag == "table":
                flush()
                rows = _html_table_rows(child)
                if rows:
                    blocks.append(Block("\n".join(rows)))
            elif tag in _HTML_LEAF_BLOCKS:
                flush()
                if _wraps_structure(child):
                    walk(child)  # a block that wraps structure: descend instead of flattening
                    flush()
                else:
                    text = child.text_content().strip("\n") if tag == "pre" else _html_text(child)
                    if text:
                        blocks.append(Block(f"- {text}" if tag == "li" else text))
            elif tag in _HTML_CONTAINERS:
                flush()
                walk(child)
                flush()
            elif tag == "br":
                inline.append(" ")
            else:  # inline element (span, a, strong, …): its text runs on with the surrounding text
                inline.append(_html_text(child, squash=False))
            if child.tail and child.tail.strip():
                inline.append(child.tail)

    walk(root)
    flush()
    return Parsed(blocks, meta_title=clean_heading(meta_title))


MAX_HTML_DEPTH = 256  # real pages nest a few dozen levels; deeper input is refused before it is parsed
_TAG_RE = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]{0,30})\b[^<>]{0,4000}?(/?)>")
_HTML_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
              b"source", b"track", b"wbr"}
_HTML_SELF_CLOSING = {b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option", b"thead", b"tbody", b"tfoot"}


def html_nesting_depth(data: bytes) -> int:
    """The deepest element nesting, in one linear pass over the tags (elements that close themselves
    implicitly, such as <p> and <li>, and void elements do not count)."""
    depth = deepest = 0
    for m in _TAG_RE.finditer(data):
        name = m.group(2).lower()
        if name in _HTML_VOID or name in _HTML_SELF_CLOSING or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_HTML_DEPTH:  # enough to refuse; the rest need not be read
                    break
    return deepest


def _wraps_structure(node) -> bool:
    return any(isinstance(d.tag, str) and (d.tag == "table" or d.tag in _HTML_HEADINGS) for d in node.iterdescendants())


_HTML_BREAKING = {
    "br", "p", "div", "li", "tr", "td", "th", "ul", "ol", "dl", "dt", "dd", "table", "section", "article",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "hr",
}


def _html_text(node, *, squash: bool = True) -> str:
    """An element's text: inline markup joins without spaces (`Miet<b>ober</b>grenze`),
    block elements and line breaks separate words (depth is bounded by MAX_HTML_DEPTH)."""
    parts: list[str] = []

    def collect(element) -> None:
        if isinstance(element.tag, str):
            if element.tag in _HTML_BREAKING:
                parts.append(" ")
            if element.text:
                parts.append(element.text)
        for child in element:
            collect(child)
            if child.tail:
                parts.append(child.tail)

    collect(node)
    text = "".join(parts)
    return _squash(text) if squash else text


def _html_table_rows(table) -> list[str]:
    rows: list[str] = []
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table"), None) is not table:
            continue  # rows of a nested table are part of their cell's text
        cells = [_html_text(cell) for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows
