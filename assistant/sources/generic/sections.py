"""Blocks to citable units: sections by heading path (or by page / running number when a document has
no headings), long sections split at paragraph, line, sentence and word boundaries, unique labels."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.model import Unit, UnitRole
from assistant.sources.generic.blocks import Block, Parsed
from assistant.sources.text import PATH_SEPARATOR, split_sentences

MAX_UNIT_CHARS = 2500  # sections longer than this are split into parts at paragraph boundaries
PREAMBLE_LABEL = "Vorbemerkung"  # text before the first section heading


@dataclass
class Section:
    path: tuple[str, ...]
    paragraphs: list[str]
    pages: list[int | None]  # the page of each paragraph (PDF), else None
    label: str = ""  # fixed label (page / running number), else the joined path
    start_page: int | None = None  # the page of the section's heading


def split_sections(blocks: list[Block], parsed: Parsed) -> tuple[list[Section], str]:
    """Cut blocks into sections by heading path; return them with the document title found."""
    headings = [b for b in blocks if b.level]
    title = parsed.style_title
    title_block: Block | None = None
    if not title and headings:
        first = headings[0]
        sole_top = sum(1 for h in headings if h.level <= first.level) == 1
        if sole_top and (first.level == 1 or blocks[0] is first or parsed.paged):
            title_block = first  # the sole top heading names the document
            title = first.text
    if not title:
        title = parsed.meta_title
    if not title:
        title = next((h.text for h in headings if h.level == 1), "")

    content = [b for b in blocks if b is not title_block]
    if not any(b.level for b in content):
        return _headingless_sections(content, paged=parsed.paged), title

    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    current = Section(path=(), paragraphs=[], pages=[], label=PREAMBLE_LABEL)
    for block in content:
        if block.level:
            sections.append(current)
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            current = Section(path=tuple(text for _, text in stack), paragraphs=[], pages=[], start_page=block.page)
            continue
        current.paragraphs.append(block.text)
        current.pages.append(block.page)
    sections.append(current)
    return [s for s in sections if s.paragraphs], title


def _headingless_sections(blocks: list[Block], *, paged: bool) -> list[Section]:
    """No headings: one section per PDF page ("Seite 3"), else running parts ("Abschnitt 2")."""
    if paged:
        by_page: dict[int, Section] = {}
        for block in blocks:
            page = block.page or 1
            section = by_page.setdefault(page, Section(path=(), paragraphs=[], pages=[], label=f"Seite {page}"))
            section.paragraphs.append(block.text)
            section.pages.append(page)
        return [by_page[p] for p in sorted(by_page)]
    return [
        Section(path=(), paragraphs=part, pages=[None] * len(part), label=f"Abschnitt {n}")
        for n, (part, _page) in enumerate(_split_paragraphs([b.text for b in blocks], [None] * len(blocks)), start=1)
    ]


def make_units(doc_name: str, sections: list[Section], *, paged: bool) -> list[Unit]:
    units: list[Unit] = []
    used: set[str] = set()
    for section in sections:
        base = section.label or PATH_SEPARATOR.join(section.path)
        parts = _split_paragraphs(section.paragraphs, section.pages)
        for number, (paragraphs, page) in enumerate(parts, start=1):
            label = _unique(base if number == 1 else f"{base} (Teil {number})", used)
            if number == 1 and section.start_page is not None:
                page = section.start_page
            units.append(
                Unit(
                    doc=doc_name,
                    label=label,
                    text="\n\n".join(paragraphs),
                    section=section.path[0] if section.path else base,
                    title=section.path[-1] if section.path else "",
                    breadcrumb=section.path,
                    role=UnitRole.TEXT,
                    page=page if paged else None,
                    order=len(units),
                )
            )
    return units


def _split_paragraphs(
    paragraphs: list[str], pages: list[int | None], limit: int = MAX_UNIT_CHARS
) -> list[tuple[list[str], int | None]]:
    """Pack paragraphs greedily into parts of at most `limit` characters; an over-long paragraph
    is cut at line, then sentence, then word boundaries. Each part comes with its first page."""
    pieces = [(piece, page) for paragraph, page in zip(paragraphs, pages) for piece in _cut(paragraph.strip(), limit)]
    parts: list[tuple[list[str], int | None]] = []
    size = 0
    for piece, page in pieces:
        if parts and size + 2 + len(piece) <= limit:
            parts[-1][0].append(piece)
            size += 2 + len(piece)
        else:
            parts.append(([piece], page))
            size = len(piece)
    return parts


def _cut(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text] if text else []
    for split, joiner in ((_lines, "\n"), (split_sentences, " "), (str.split, " ")):
        pieces = [p for p in split(text) if p.strip()]
        if len(pieces) > 1:
            out: list[str] = []
            for piece in pieces:
                if out and len(out[-1]) + len(joiner) + len(piece) <= limit:
                    out[-1] = out[-1] + joiner + piece
                else:
                    out.extend(_cut(piece, limit) if len(piece) > limit else [piece])
            return out
    return [text[i : i + limit] for i in range(0, len(text), limit)]


def _unique(label: str, used: set[str]) -> str:
    candidate, n = label, 2
    while candidate in used:
        candidate, n = f"{label} ({n})", n + 1
    used.add(candidate)
    return candidate


def _lines(text: str) -> list[str]:
    return text.split("\n")
