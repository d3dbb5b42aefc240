"""Reading the PDF: text lines with their spans, and ruled tables read from the page's drawings."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

import pymupdf

from assistant.errors import InvalidDocumentError
from assistant.sources.guideline_pdf.patterns import CHAR_FIXES, SUPERSCRIPT, TEXT_FLAGS
from assistant.sources.guideline_pdf.records import Line, Page, Span, Table
from assistant.sources.pdf import opened_pdf
from assistant.sources.text import join_lines, squash


def read_pdf(data: bytes, filename: str) -> list[Page]:
    """All text lines (and ruled tables) of the PDF; every pymupdf failure becomes InvalidDocumentError."""
    with opened_pdf(data, filename) as doc:
        pages = [_read_page(page) for page in doc]
    if not any(line.text for page in pages for line in page.lines):
        raise InvalidDocumentError(
            filename, "Die PDF-Datei enthält keinen auslesbaren Text (möglicherweise nur eingescannte Bilder)."
        )
    return pages


def _read_page(page: pymupdf.Page) -> Page:
    number = page.number + 1
    lines: list[Line] = []
    for block in page.get_text("dict", flags=TEXT_FLAGS)["blocks"]:
        if block.get("type", 0) != 0:
            continue
        for raw in block.get("lines", []):
            spans = [
                Span(
                    text=s["text"],
                    size=float(s["size"]),
                    bold=bool(s["flags"] & pymupdf.TEXT_FONT_BOLD) or "bold" in s["font"].lower(),
                    bbox=tuple(s["bbox"]),
                    superscript=bool(s["flags"] & pymupdf.TEXT_FONT_SUPERSCRIPT),
                )
                for s in raw["spans"]
                if s["text"]
            ]
            if not any(s.text.strip() for s in spans):
                continue
            line = Line(number, *raw["bbox"], spans)
            line.finish()
            if line.text:
                lines.append(line)
    tables = _read_tables(page, lines)
    return Page(number, page.rect.width, page.rect.height, lines, tables)


def _grid_segments(page: pymupdf.Page) -> list[tuple[str, float, float, float, float]]:
    """Horizontal ("h") and vertical ("v") ruling lines among the page's drawings, as rectangles."""
    segments: list[tuple[str, float, float, float, float]] = []
    for drawing in page.get_cdrawings():
        x0, y0, x1, y1 = drawing["rect"]
        if x1 - x0 <= 2.5 and y1 - y0 >= 6:
            segments.append(("v", x0, y0, x1, y1))
        elif y1 - y0 <= 2.5 and x1 - x0 >= 6:
            segments.append(("h", x0, y0, x1, y1))
        else:
            for item in drawing.get("items", ()):
                if item[0] != "l":
                    continue
                (ax, ay), (bx, by) = item[1], item[2]
                if abs(ax - bx) < 1 and abs(ay - by) >= 6:
                    segments.append(("v", min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
                elif abs(ay - by) < 1 and abs(ax - bx) >= 6:
                    segments.append(("h", min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    return segments


def _boundaries(values: list[float], tolerance: float = 2.5) -> list[float]:
    """Cluster coordinates of ruling lines into grid boundaries."""
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= tolerance:
            continue
        result.append(value)
    return result


def _grids(segments: list[tuple[str, float, float, float, float]]) -> list[tuple[list[float], list[float]]]:
    """Tables as (column boundaries, row boundaries): rulings connected by crossings.

    A ruling counts only if it crosses at least two rulings of the other direction, so frames
    around text, underlines and separator lines do not make tables.
    """
    tol = 2.0
    hs = [s for s in segments if s[0] == "h"]
    vs = [s for s in segments if s[0] == "v"]

    def crosses(h: tuple, v: tuple) -> bool:
        vx, hy = (v[1] + v[3]) / 2, (h[2] + h[4]) / 2
        return h[1] - tol <= vx <= h[3] + tol and v[2] - tol <= hy <= v[4] + tol

    for _ in range(3):  # drop rulings without two crossings until stable
        hs2 = [h for h in hs if sum(1 for v in vs if crosses(h, v)) >= 2]
        vs2 = [v for v in vs if sum(1 for h in hs2 if crosses(h, v)) >= 2]
        if len(hs2) == len(hs) and len(vs2) == len(vs):
            break
        hs, vs = hs2, vs2
    if len(hs) < 2 or len(vs) < 2:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if crosses(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for i, h in enumerate(hs):
        groups[find(i)][0].append(h)
    for j, v in enumerate(vs):
        groups[find(len(hs) + j)][1].append(v)
    grids = []
    for group_h, group_v in groups.values():
        xs = _boundaries([(v[1] + v[3]) / 2 for v in group_v])
        ys = _boundaries([(h[2] + h[4]) / 2 for h in group_h])
        if len(xs) >= 3 and len(ys) >= 2:  # at least two columns and one row
            grids.append((xs, ys))
    return grids


def _read_tables(page: pymupdf.Page, lines: list[Line]) -> list[Table]:
    """Ruled tables as rows of cell texts; the lines inside a table are removed from `lines`.

    The tables of these PDFs are drawn with ruling lines, so the grid is read from the page's
    drawings (see `_grids`), and each text span goes to the grid cell holding its centre.
    (pymupdf's `find_tables` gives similar rows but costs about 0.15 s per page, which would
    triple the parse time of the twelve PDFs.)
    """
    segments = _grid_segments(page)
    if sum(1 for s in segments if s[0] == "v") < 2 or sum(1 for s in segments if s[0] == "h") < 2:
        return []
    tables: list[Table] = []
    for xs, ys in _grids(segments):
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        texts: list[list[list[tuple[float, float, str, bool]]]] = [
            [[] for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)
        ]
        consumed: list[Line] = []
        for line in lines:
            cx = (line.x0 + line.x1) / 2
            if not (bbox[0] <= cx <= bbox[2] and bbox[1] <= line.cy <= bbox[3]):
                continue
            for span in line.spans:
                if not span.text.strip():
                    continue
                sx = (span.bbox[0] + span.bbox[2]) / 2
                sy = (span.bbox[1] + span.bbox[3]) / 2
                c = min(max(bisect.bisect(xs, sx) - 1, 0), len(xs) - 2)
                r = min(max(bisect.bisect(ys, sy) - 1, 0), len(ys) - 2)
                sup = span.text.strip().isdigit() and span.size < 0.8 * line.size
                texts[r][c].append((round(line.y0), span.bbox[0], span.text, sup))
            consumed.append(line)
        rows: list[tuple[float, list[str]]] = []
        for r, pieces_row in enumerate(texts):
            values = [_cell_text(pieces) for pieces in pieces_row]
            if not any(values):
                continue
            if rows and _continues(rows[-1][1], values):
                rows[-1][1][:] = [join_lines(a, b) for a, b in zip(rows[-1][1], values)]
                continue
            rows.append((ys[r], values))
        if not rows:
            continue
        used = [any(values[c] for _, values in rows) for c in range(len(xs) - 1)]
        for _, values in rows:
            values[:] = [v for c, v in enumerate(values) if used[c]]
            while values and not values[-1]:
                values.pop()
        for line in consumed:
            lines.remove(line)
        tables.append(Table(bbox, rows))
    return tables


def _continues(previous: list[str], values: list[str]) -> bool:
    """A table row that only carries the wrapped rest of the row above ("Fä-" / "higkeiten")."""
    if values[0] or len(previous) != len(values):
        return False
    for before, text in zip(previous, values):
        if not text:
            continue
        if not before:
            return False
        if not (before.endswith("-") or text[0].islower() or re.search(r"\b[a-zäöüß]+$", before)):
            return False
    return True


def _cell_text(pieces: list[tuple[float, float, str, bool]]) -> str:
    by_line: dict[float, list[tuple[float, str, bool]]] = defaultdict(list)
    for y, x, text, sup in pieces:
        by_line[y].append((x, text, sup))
    text = ""
    for y in sorted(by_line):
        line = "".join(t.strip().translate(SUPERSCRIPT) if sup else t for _, t, sup in sorted(by_line[y]))
        text = join_lines(text, squash(line.translate(CHAR_FIXES)))
    return text
