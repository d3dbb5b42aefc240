"""The answer without a language model: the sentences of the top units that best answer the question.

Each unit is cut into pieces (sentences, list items with their lead-in, table rows with their header);
pieces are scored by the question's terms (stemmed, with glossary expansions and compound parts),
by amounts when the question asks "how much", by a year the question names, and by the unit's rank.
The best 2–4 pieces from up to 3 units are quoted, each followed by its [n]. Nothing is added but a
fixed lead-in, so every statement of the answer is a quotation of the cited unit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import Stemmer

from ..catalog import StoredUnit
from ..model import Audience, UnitRole
from ..retrieval.glossary import expansions, is_amount_question
from ..retrieval.lexical import words
from .checks import find_figures
from .prompts import NO_SENTENCE, lead_in
from .sentences import split_sentences

MAX_PIECES = 4
MIN_PIECES = 2
MAX_UNITS = 3
CANDIDATE_UNITS = 6
MAX_PIECE_CHARS = 600
MAX_LIST_CHARS = 700  # a list intro shown with its items when the whole list is this short
SECOND_ROW_SHARE = 0.85  # a second row of the same table must score this share of the first
RELATIVE_FLOOR = 0.35  # pieces below this share of the best score are not shown (beyond MIN_PIECES)
SKIPPED_ROLES = {UnitRole.CHANGELOG, UnitRole.PREAMBLE}

# Words of the question that say nothing about its subject
QUESTION_STOPWORDS = frozenset({
    "hoch", "höhe", "viel", "viele", "gibt", "bekomme", "bekommt", "bekommen", "kriege", "kriegt", "erhalte",
    "erhält", "jahr", "jahre", "jahren", "frage", "darf", "dürfen", "müssen", "wann", "warum", "wieso", "weshalb",
    "wer", "welchen", "welche", "welcher", "welches", "brauche", "gilt", "genau", "eigentlich", "bitte",
    "betrag", "beträgt", "derzeit", "aktuell", "momentan", "zurzeit", "stimmt", "heißt", "bedeutet",
})

_LIST_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}[a-z]?\.|[a-z]{1,2}\)|[a-z]\.|[-•–*])\s+")
_ABSATZ_MARK_RE = re.compile(r"^\(\d+[a-z]?\)\s*")
_FRAGMENT_RE = re.compile(r"^[^(\s]*\)|^[a-zäöü,;]")
_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def stems(text: str) -> list[str]:
    stem = _stemmer().stemWord
    return [stem(w) for w in words(text)]


# --- cutting a unit into pieces ------------------------------------------------------------------


@dataclass
class Piece:
    text: str  # what the answer shows
    highlights: tuple[str, ...]  # lines or sentences of the passage, verbatim, for the sources panel
    order: int
    kind: str = "sentence"  # sentence | item | row
    group: int = -1  # list or table this piece belongs to
    context: str = ""  # list lead-in or table caption, shown once before the piece
    year: int | None = None
    terms: set[str] = field(default_factory=set)
    figures: bool = False
    header: tuple[str, ...] = ()  # table rows: the header row's cells
    cells: tuple[str, ...] = ()  # table rows: the row's cells

    def shown(self, asked_years: Sequence[int] = ()) -> str:
        """The text to quote; a row of a table whose columns are years shows only the year that applies."""
        columns = _year_columns(self.header) if self.kind == "row" else {}
        if not columns:
            return self.text
        keep = wanted_years(list(columns.values()), asked_years)
        hidden = {k for k, y in columns.items() if y not in keep}
        return _row_text(self.header, self.cells, self.context, hidden)


def _clip(text: str, limit: int = MAX_PIECE_CHARS) -> str:
    text = _ABSATZ_MARK_RE.sub("", text.strip())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " […]"


def _row_text(header: Sequence[str], cells: Sequence[str], caption: str, hidden: Set[int] = frozenset()) -> str:
    """A table row made readable: `caption – header: cell; header: cell` (columns in `hidden` left out)."""
    if header and len(header) == len(cells):
        pairs = [f"{h.rstrip(':').strip()}: {c}" if h.strip() else c
                 for k, (h, c) in enumerate(zip(header, cells)) if c and c not in ("–", "-") and k not in hidden]
        body = "; ".join(pairs)
    else:
        body = " | ".join(cells)
    return f"{caption} – {body}" if caption else body


def _year_columns(header: Sequence[str]) -> dict[int, int]:
    """Columns headed by a year ("ab 01.01.2024", "2025"): a table whose columns are the years."""
    out = {}
    for k, cell in enumerate(header):
        years = _YEAR_RE.findall(cell)
        if k > 0 and len(years) == 1:
            out[k] = int(years[0])
    return out if len(out) >= 2 else {}


def wanted_years(available: Sequence[int], asked: Sequence[int]) -> set[int]:
    """The years of a table that apply: for each year asked the latest one not after it ("gültig ab"),
    or, when no year is asked, the latest one not after today."""
    if not available:
        return set()
    out = set()
    for year in asked or (date.today().year,):
        earlier = [y for y in available if y <= year]
        out.add(max(earlier) if earlier else min(available))
    return out


def split_passage(text: str) -> list[Piece]:
    """Cut a unit's text into pieces: sentences, list items (with lead-in), table rows (with header)."""
    lines = [ln.rstrip() for ln in text.split("\n")]
    pieces: list[Piece] = []
    order = 0
    group = 0
    i = 0
    last_sentence = ""  # lead-in for a following list
    label_line = ""  # "Regelbedarfsstufe 1:" before its definition
    list_group = -1
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if " | " in line:
            # a table: caption (the line before, if it is a short title), header, rows
            j = i
            while j < len(lines) and " | " in lines[j]:
                j += 1
            rows = [[c.strip() for c in ln.split(" | ")] for ln in lines[i:j]]
            caption = ""
            if pieces and pieces[-1].kind == "sentence" and pieces[-1].order == order - 1:
                prev = pieces[-1]
                if len(prev.text) < 150 and not prev.text.endswith((".", ";", ",")):
                    caption = prev.text
                    pieces.pop()
            header, body = (rows[0], rows[1:]) if len(rows) > 1 else ([], rows)
            group += 1
            header_line = lines[i]
            for k, cells in enumerate(body, start=1):
                raw = lines[i + k] if header else lines[i]
                years = [int(y) for y in _YEAR_RE.findall(cells[0])] or [int(y) for y in _YEAR_RE.findall(raw)]
                piece = Piece(_row_text(header, cells, caption),
                              tuple(x for x in (caption, header_line if header else "", raw) if x),
                              order, "row", group, caption, years[0] if years else None)
                piece.header, piece.cells = tuple(header), tuple(cells)
                pieces.append(piece)
                order += 1
            i = j
            list_group = -1
            continue
        if _LIST_ITEM_RE.match(line):
            if list_group < 0:
                group += 1
                list_group = group
                if pieces and pieces[-1].kind == "sentence" and pieces[-1].text == _clip(last_sentence):
                    pieces[-1].group = list_group  # the lead-in sentence belongs to the list
            pieces.append(Piece(_clip(line.strip()), (line.strip(),), order, "item", list_group,
                                _clip(last_sentence, 300)))
            order += 1
            i += 1
            continue
        list_group = -1
        stripped = line.strip()
        following = next((ln for ln in lines[i + 1:] if ln.strip()), "")
        if stripped.endswith(":") and len(stripped) < 80 and following and not _LIST_ITEM_RE.match(following) \
                and " | " not in following:
            label_line = stripped  # a short label, e.g. "Regelbedarfsstufe 1:", read with the next line
            i += 1
            continue
        for sentence in split_sentences(stripped):
            context = label_line
            pieces.append(Piece(_clip(sentence), (sentence,), order, "sentence", -1, context))
            order += 1
            last_sentence = sentence
            label_line = ""
        i += 1
    for p in pieces:
        p.terms = set(stems(" ".join((p.context, p.text))))
        p.figures = p.kind == "row" or any(f.kind in ("eur", "pct") for f in find_figures(p.text))
    return pieces


# --- scoring -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionTerms:
    weights: dict[str, float]
    years: tuple[int, ...]
    amount: bool


def question_terms(question: str) -> QuestionTerms:
    weights: dict[str, float] = {}
    stem = _stemmer().stemWord
    for w in words(question):
        if w in QUESTION_STOPWORDS:
            continue
        if w.isdigit():
            weights.setdefault(w, 0.5)
            continue
        weights[stem(w)] = 1.0
    for legal in expansions(question):
        for w in words(legal):
            if w.isdigit() or w in QUESTION_STOPWORDS:
                continue
            weights.setdefault(stem(w), 0.6)
    years = tuple(int(y) for y in _YEAR_RE.findall(question))
    return QuestionTerms(weights, years, is_amount_question(question))


def _term_match(term: str, piece_terms: set[str]) -> float:
    if term in piece_terms:
        return 1.0
    if len(term) >= 5 and not term.isdigit():
        for t in piece_terms:
            if len(t) > len(term) and (t.startswith(term) or t.endswith(term)):
                return 0.6  # compound: "regelbedarf" in "regelbedarfsstuf"
    return 0.0


def score_pieces(q: QuestionTerms, pieces: list[Piece], rank_factor: float, idf: dict[str, float]) -> list[float]:
    scores = []
    group_years: dict[int, list[int]] = {}
    for p in pieces:
        if p.kind == "row" and p.year is not None:
            group_years.setdefault(p.group, []).append(p.year)
    wanted = {g: wanted_years(years, q.years) for g, years in group_years.items()}
    for p in pieces:
        s = sum(w * idf.get(t, 1.0) * _term_match(t, p.terms) for t, w in q.weights.items())
        if p.kind == "row":
            s *= 0.8  # the header carries the terms of every row alike
            if p.year is not None:
                if p.year in wanted.get(p.group, ()):
                    s += 2.0 if q.years else 1.0
                else:
                    s *= 0.15
        if q.amount and p.figures:
            s += 1.5
        if p.kind == "sentence" and _FRAGMENT_RE.match(p.text):
            s = 0.0  # a scrap of a table or layout ("Kind) 10 Prozent"), not a sentence
        if p.kind != "row":  # long sentences match by sheer length; a row's length is its table's
            s /= 1.0 + 0.12 * math.sqrt(max(0, len(p.terms) - 12))
        scores.append(s * rank_factor)
    return scores


# --- the answer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RowKey:
    unit: int
    group: int


@dataclass(frozen=True)
class Extract:
    text: str
    units: tuple[StoredUnit, ...]  # cited units, unit k is [k+1]
    highlights: tuple[tuple[str, ...], ...]  # per cited unit


def _render_unit_pieces(chosen: list[Piece], number: int, asked_years: Sequence[int] = ()) -> list[str]:
    blocks: list[str] = []
    shown_context: set[tuple[int, str]] = set()
    for p in sorted(chosen, key=lambda p: p.order):
        context = p.context if p.kind in ("item", "sentence") else ""
        if p.kind == "row" and p.context:
            context = ""  # the caption is already part of the row text
        key = (p.group, context)
        text = p.shown(asked_years)
        if context and key not in shown_context and context != p.text:
            text = f"{_clip(context, 300)} … {text}" if p.kind == "item" else f"{context} {text}"
            shown_context.add(key)
        blocks.append(f"{text} [{number}]")
    return blocks


def _expand_list_intro(piece: Piece, pieces: list[Piece]) -> Piece:
    """A chosen sentence that opens a short list is shown with the list's items."""
    if piece.kind != "sentence" or piece.group < 0:
        return piece
    items = [p for p in pieces if p.kind == "item" and p.group == piece.group]
    if not items or len(piece.text) + sum(len(p.text) for p in items) > MAX_LIST_CHARS:
        return piece
    text = piece.text + "\n" + "\n".join(p.text for p in items)
    return Piece(text, piece.highlights + tuple(h for p in items for h in p.highlights), piece.order, "sentence",
                 piece.group, "", None, piece.terms, piece.figures)


PINNED_PIECES = 2
PINNED_BONUS = 100.0


def extract(question: str, units: Sequence[StoredUnit], audience: Audience | str = Audience.CITIZEN,
            language: str = "de", pinned: int = 0) -> Extract:
    """Quote the pieces of `units` (best first, as ranked) that best answer `question`.

    The first `pinned` units were named in the question (`§ 11b Abs. 3`): their opening is always quoted.
    """
    audience = Audience(audience)
    candidates = [su for su in units if su.unit.role not in SKIPPED_ROLES][:CANDIDATE_UNITS] or list(units)[:1]
    q = question_terms(question)
    per_unit = [split_passage(su.unit.text) for su in candidates]
    n_pieces = sum(len(p) for p in per_unit) or 1
    df: dict[str, int] = {}
    for pieces in per_unit:
        for p in pieces:
            for t in q.weights:
                if _term_match(t, p.terms):
                    df[t] = df.get(t, 0) + 1
    idf = {t: math.log(1 + n_pieces / (1 + df.get(t, 0))) for t in q.weights}

    scored: list[tuple[float, int, Piece]] = []
    for rank, (su, pieces) in enumerate(zip(candidates, per_unit)):
        factor = 1.0 / (1.0 + 0.3 * rank) * (0.6 if su.unit.role == UnitRole.LAW_QUOTE else 1.0)
        for s, p in zip(score_pieces(q, pieces, factor, idf), pieces):
            if rank < pinned and p.order < PINNED_PIECES:
                s += PINNED_BONUS  # the passage the question names comes first, whatever its wording
            scored.append((s, rank, p))
    scored.sort(key=lambda x: (-x[0], x[1], x[2].order))
    if q.amount and scored:
        # "how much" is answered by a figure: the best piece with one goes first, if it is on topic at all
        figure_at = next((i for i, (s, _, p) in enumerate(scored) if p.figures and s > 0), None)
        if figure_at and scored[figure_at][0] >= 0.2 * scored[0][0]:
            scored.insert(0, scored.pop(figure_at))

    chosen: dict[int, list[Piece]] = {}
    unit_order: list[int] = []
    row_scores: list[tuple[float, _RowKey]] = []
    best = scored[0][0] if scored else 0.0
    taken = 0
    for s, rank, p in scored:
        if taken >= MAX_PIECES or s <= 0:
            break
        if taken >= MIN_PIECES and s < RELATIVE_FLOOR * best:
            break
        if rank not in chosen and len(chosen) >= MAX_UNITS:
            continue
        if p.kind == "row":
            same_table = [rs for rs, c in row_scores if c.unit == rank and c.group == p.group]
            if len(same_table) >= 2 or (same_table and s < SECOND_ROW_SHARE * same_table[0]):
                continue  # a second row of a table only when it matches about as well as the first
            row_scores.append((s, _RowKey(rank, p.group)))
        if any(c.kind == "sentence" and c.group >= 0 and c.group == p.group and p.kind == "item"
               for c in chosen.get(rank, [])):
            continue  # the list is already shown with its lead-in
        if rank not in chosen:
            unit_order.append(rank)
        chosen.setdefault(rank, []).append(_expand_list_intro(p, per_unit[rank]))
        taken += 1
    if not chosen and candidates:
        first = per_unit[0][:MIN_PIECES]
        if first:
            chosen[0] = first
            unit_order.append(0)

    blocks: list[str] = []
    cited: list[StoredUnit] = []
    highlights: list[tuple[str, ...]] = []
    for rank in unit_order:
        number = len(cited) + 1
        cited.append(candidates[rank])
        highlights.append(tuple(h for p in sorted(chosen[rank], key=lambda p: p.order) for h in p.highlights))
        blocks.extend(_render_unit_pieces(chosen[rank], number, q.years))
    if not blocks:
        return Extract(NO_SENTENCE, (), ())
    text = lead_in(audience, language) + "\n\n" + "\n\n".join(blocks)
    return Extract(text, tuple(cited), tuple(highlights))



def supporting_lines(statements: Sequence[str], passage: str, question: str = "") -> tuple[str, ...]:
    """For each statement, the passage sentence/line that supports it best (for highlighting).

    Shared terms count, numbers double; the question's terms (e.g. its year) break ties.
    """
    pieces = split_passage(passage)
    asked = set(stems(question))
    out: list[str] = []
    for statement in statements:
        terms = set(stems(statement))
        best, best_score = None, 1.5
        for p in pieces:
            score = sum((2.0 if t.isdigit() else 1.0) * _term_match(t, p.terms) for t in terms)
            score += 0.5 * sum(1 for t in asked if t in p.terms)
            if score > best_score:
                best, best_score = p, score
        if best is not None:
            out.extend(h for h in best.highlights if h not in out)
    return tuple(out)
