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


from ..catalog import StoredUnit
from ..model import Audience, DocKind, UnitRole
from ..retrieval.query import QueryAnalysis, analyse_query
from ..retrieval.lexical import words
from ..sources.text import german_stemmer
from .checks import find_figures
from . import prompts
from .sentences import (expired_until, is_heading, limited_sentence, referenced_laws, split_sentences,
                        strip_footnote_marks)

MAX_PIECES = 4
MIN_PIECES = 2
MAX_UNITS = 3
CANDIDATE_UNITS = 6
MAX_PIECE_CHARS = 600
MAX_LIST_CHARS = 700  # a list intro shown with its items when the whole list is this short
SECOND_ROW_SHARE = 0.85  # a second row of the same table must score this share of the first
RELATIVE_FLOOR = 0.35  # pieces below this share of the best score are not shown (beyond MIN_PIECES)
SKIPPED_ROLES = {UnitRole.CHANGELOG, UnitRole.PREAMBLE}
DUPLICATE_OVERLAP = 0.8  # share of the shorter piece's words found in an already quoted piece: a repeat
DUPLICATE_MIN_WORDS = 5
EXPIRED_FACTOR = 0.5  # a rule whose time limit has passed is still shown (marked), but not first
ASKED_MIN_SCORE = 0.5  # the question's own words (idf-weighted) that a sentence of a named unit must carry
ASKED_TERM_WEIGHT = 0.8  # only the question's words (and family words), not glossary expansions
# Laws quoted only where an SGB II text refers to them (or the question names them); retrieval still lists them
REFERRED_ONLY_DOCS = ("SGB XII", "SGB III")
# Question words for family members: the law speaks of the "Kind" (a parent asks about "meine Tochter")
FAMILY_WORDS = frozenset({
    "eltern", "elternteil", "vater", "mutter", "sohn", "sohnes", "tochter", "söhne", "töchter", "baby", "mama",
    "papa", "alleinerziehend", "alleinerziehende", "kinder", "kindern", "kindes",
})
FAMILY_STEM = "kind"

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




def stems(text: str) -> list[str]:
    stem = german_stemmer().stemWord
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
    heading: bool = False  # a heading line ("4.4 Sonstiges Einkommen"): never quoted as a statement
    expired: date | None = None  # the rule held only until this date (in the past)
    limiting: bool = False  # "Satz 3 gilt nur für Anträge, die bis zum … gestellt werden": shown as the mark
    sentence_no: int = 0  # the sentence's number within its Absatz ("Satz 3"), 0 for rows and items

    def shown(self, asked_years: Sequence[int] = ()) -> str:
        """The text to quote; a row of a table whose columns are years shows only the year that applies;
        a rule whose end date has passed carries it ("(galt nur bis 31.12.2023)")."""
        columns = _year_columns(self.header) if self.kind == "row" else {}
        text = self.text
        if columns:
            keep = wanted_years(list(columns.values()), asked_years)
            hidden = {k for k, y in columns.items() if y not in keep}
            text = _row_text(self.header, self.cells, self.context, hidden)
        if self.expired is not None:
            text = f"{text} ({prompts.expired_mark(self.expired)})"
        return text


def _clip(text: str, limit: int = MAX_PIECE_CHARS) -> str:
    text = _ABSATZ_MARK_RE.sub("", text.strip())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " […]"


_EMPTY_CELLS = ("", "–", "-")
_DATA_CELL_RE = re.compile(r"^[\d.,\s]+$|\d\s*(?:Euro|EUR|€|Prozent|%)")


def _row_text(header: Sequence[str], cells: Sequence[str], caption: str, hidden: Set[int] = frozenset()) -> str:
    """A table row made readable as "Stufe – Betrag" lines.

    With a header: the row's first cell names it ("gültig ab 1. Januar 2026:"), then one line per column,
    "header – cell" ("Regelbedarfsstufe 1 – 563"); a row with a single value stays one line
    ("1. Mukoviszidose – MB in % der RBS 1: 30"). Without a header: "cell – cell" ("520,01 Euro – 1.000,00 Euro:
    30 Prozent"). Columns in `hidden` are left out; footnote marks are dropped.
    """
    cells = [strip_footnote_marks(c).strip() for c in cells]
    if header and len(header) == len(cells):
        head = [strip_footnote_marks(h).rstrip(":").strip() for h in header]
        values = [(h, c) for k, (h, c) in enumerate(zip(head, cells))
                  if k > 0 and k not in hidden and c not in _EMPTY_CELLS]
        key = f"{head[0]} {cells[0]}".strip() if head[0] and cells[0] else (cells[0] or head[0])
        if len(values) >= 2:
            first = f"{caption}, {key}" if caption else key
            return f"{first}:\n" + "\n".join(f"{h} – {c}" if h else c for h, c in values)
        body = key
        if values:
            h, c = values[0]
            body = f"{cells[0]} – {h}: {c}" if h and cells[0] else f"{key} – {c}"
        return f"{caption}:\n{body}" if caption else body
    shown = [c for c in cells if c not in _EMPTY_CELLS]
    joiner = ": " if any("–" in c for c in shown[:-1]) else " – "
    body = joiner.join([" – ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else "".join(shown)
    return f"{caption}:\n{body}" if caption else body


def _is_data_row(cells: Sequence[str]) -> bool:
    """A row of figures ("100,01 Euro – 520,00 Euro | 20 Prozent"), not a header row."""
    return sum(1 for c in cells if _DATA_CELL_RE.search(c)) >= max(1, len(cells) - 1)


def _continuation_row(line: str, width: int) -> list[str] | None:
    """A row that lost its separator after a two-column table of figures
    ("1.000,01 Euro – 1.500,00 Euro (mit minderj. Kind) 10 Prozent") → its two cells."""
    if width != 2:
        return None
    m = re.match(r"^(\d.*?)\s+(\d+(?:,\d+)?\s*(?:Prozent|%|Euro|€))$", line.strip())
    return [m.group(1), m.group(2)] if m else None


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


def split_passage(text: str, today: date | None = None) -> list[Piece]:
    """Cut a unit's text into pieces: sentences, list items (with lead-in), table rows (with header).

    Heading lines are marked (never quoted as statements); a sentence whose time limit lies before `today`
    (default: the current date) is marked expired, and so is the sentence a limiting sentence names
    ("Satz 3 gilt nur für Anträge, die bis zum 31. Dezember 2023 gestellt werden.").
    """
    today = today or date.today()
    lines = [ln.rstrip() for ln in text.split("\n")]
    sentence_no = 0
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
            raw_lines = lines[i:j]
            while j < len(lines) and (extra := _continuation_row(lines[j], len(rows[0]))) is not None:
                rows.append(extra)
                raw_lines.append(lines[j])
                j += 1
            caption = ""
            if pieces and pieces[-1].kind == "sentence" and pieces[-1].order == order - 1:
                prev = pieces[-1]
                if len(prev.text) < 150 and not prev.text.endswith((".", ";", ",")):
                    caption = prev.text.rstrip(":")
                    pieces.pop()
            has_header = len(rows) > 1 and not _is_data_row(rows[0]) and any(_is_data_row(r) for r in rows[1:])
            has_header = has_header or (len(rows) > 1 and not any(_is_data_row(r) for r in rows))
            header, body = (rows[0], rows[1:]) if has_header else ([], rows)
            group += 1
            header_line = lines[i]
            for k, cells in enumerate(body, start=1 if header else 0):
                raw = raw_lines[k]
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
        heading = is_heading(stripped) and not _LIST_ITEM_RE.match(following)
        for sentence in split_sentences(stripped):
            context = label_line
            piece = Piece(_clip(sentence), (sentence,), order, "sentence", -1, context, heading=heading)
            if not heading:
                sentence_no += 1
                piece.sentence_no = sentence_no
                piece.expired = expired_until(sentence, today)
            pieces.append(piece)
            order += 1
            last_sentence = sentence if not heading else ""
            label_line = ""
        i += 1
    _mark_limited(pieces)
    for p in pieces:
        p.terms = set(stems(" ".join((p.context, p.text))))
        p.figures = p.kind == "row" or any(f.kind in ("eur", "pct") for f in find_figures(p.text))
    return pieces


def _mark_limited(pieces: list[Piece]) -> None:
    """A sentence that limits others ("Satz 3 gilt nur … bis zum 31. Dezember 2023 …") passes its end date
    to them and is itself shown only as that mark."""
    by_number = {p.sentence_no: p for p in pieces if p.kind == "sentence" and p.sentence_no}
    for p in pieces:
        targets = limited_sentence(p.text) if p.expired is not None else ()
        hit = [by_number[n] for n in targets if n in by_number and n != p.sentence_no]
        for target in hit:
            target.expired = p.expired
        if hit:
            p.limiting = True


# --- scoring -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionTerms:
    weights: dict[str, float]
    years: tuple[int, ...]
    amount: bool


def question_terms(question: str, query: QueryAnalysis | None = None) -> QuestionTerms:
    """The weighted terms of a question; `query` is retrieval's analysis of it (expansions, amount)."""
    if query is None or query.text != question:
        query = analyse_query(question)
    weights: dict[str, float] = {}
    stem = german_stemmer().stemWord
    for w in words(question):
        if w in QUESTION_STOPWORDS:
            continue
        if w.isdigit():
            weights.setdefault(w, 0.5)
            continue
        weights[stem(w)] = 1.0
    for legal in query.expansions:
        for w in words(legal):
            if w.isdigit() or w in QUESTION_STOPWORDS:
                continue
            weights.setdefault(stem(w), 0.6)
    if any(w in FAMILY_WORDS for w in words(question)):
        weights[FAMILY_STEM] = max(weights.get(FAMILY_STEM, 0.0), ASKED_TERM_WEIGHT)  # "meine Tochter" → "Kind"
    years = tuple(int(y) for y in _YEAR_RE.findall(question))
    return QuestionTerms(weights, years, query.amount)


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
        if p.heading or p.limiting:
            s = 0.0  # a heading is no statement; a limiting sentence is shown as the mark of what it limits
        elif p.expired is not None:
            s *= EXPIRED_FACTOR
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


MAX_TABLE_ROWS = 6  # a table without a header row (tiers: "100,01 Euro – 520,00 Euro | 20 Prozent") this short is
# shown whole when one of its rows is chosen: one tier alone misleads


def _expand_table(piece: Piece, pieces: list[Piece]) -> Piece:
    """A chosen row of a short table without a header is shown with all its rows, the caption once."""
    if piece.kind != "row" or piece.header:
        return piece
    rows = [p for p in pieces if p.kind == "row" and p.group == piece.group]
    if len(rows) < 2 or len(rows) > MAX_TABLE_ROWS:
        return piece
    lines = [_row_text((), p.cells, "") for p in rows]
    text = (f"{piece.context}:\n" if piece.context else "") + "\n".join(lines)
    highlights = tuple(dict.fromkeys(h for p in rows for h in p.highlights))
    whole = Piece(text, highlights, rows[0].order, "row", piece.group, piece.context, None, piece.terms,
                  piece.figures)
    whole.cells = piece.cells
    return whole


PINNED_PIECES = 2
PINNED_BONUS = 100.0


def _word_set(text: str) -> set[str]:
    return set(stems(CITATION_MARK_RE.sub("", text)))


CITATION_MARK_RE = re.compile(r"\[\d+\]")


def is_repeat(text: str, quoted: Sequence[set[str]]) -> bool:
    """Does `text` say what an already quoted piece says (the law's sentence and a guideline quoting it)?"""
    words_ = _word_set(text)
    if len(words_) < DUPLICATE_MIN_WORDS:
        return any(words_ == q for q in quoted)
    for q in quoted:
        shared = len(words_ & q)
        if shared >= DUPLICATE_OVERLAP * min(len(words_), len(q)) and min(len(words_), len(q)) >= DUPLICATE_MIN_WORDS:
            return True
    return False


def quoted_laws(question: str, units: Sequence[StoredUnit]) -> set[str]:
    """The laws of REFERRED_ONLY_DOCS that may be quoted: those the question or an SGB II text among `units`
    names ("§ 28 des Zwölften Buches" → SGB XII)."""
    allowed = referenced_laws(question)
    for su in units:
        if su.unit.doc not in REFERRED_ONLY_DOCS:
            allowed |= referenced_laws(su.unit.text)
    return allowed


def extract(question: str, units: Sequence[StoredUnit], audience: Audience | str = Audience.CITIZEN,
            language: str = "de", pinned: int = 0, today: date | None = None,
            query: QueryAnalysis | None = None) -> Extract:
    """Quote the pieces of `units` (best first, as ranked) that best answer `question`.

    The first `pinned` units were named in the question (`§ 11b Abs. 3`): their opening is always quoted,
    and so are the sentences of such a unit that the question's words point to. SGB XII and SGB III are
    quoted only where an SGB II text that is quoted refers to them (or the question names them); a sentence
    is never quoted twice (also not as a guideline's quotation of the law). Citizens get a lead-in and a
    next step for the topic of the cited sections.
    """
    audience = Audience.coerce(audience)
    candidates = [su for su in units if su.unit.role not in SKIPPED_ROLES][:CANDIDATE_UNITS] or list(units)[:1]
    q = question_terms(question, query)
    per_unit = [split_passage(su.unit.text, today) for su in candidates]
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
            if rank < pinned and p.order < PINNED_PIECES and not (p.heading or p.limiting):
                s += PINNED_BONUS  # the passage the question names comes first, whatever its wording
            scored.append((s, rank, p))
    scored.sort(key=lambda x: (-x[0], x[1], x[2].order))
    if q.amount and scored:
        # "how much" is answered by a figure: the best piece with one goes first, if it is on topic at all
        figure_at = next((i for i, (s, _, p) in enumerate(scored) if p.figures and s > 0), None)
        if figure_at and scored[figure_at][0] >= 0.2 * scored[0][0]:
            scored.insert(0, scored.pop(figure_at))

    chosen, unit_order = _choose(scored, per_unit, candidates, quoted_laws(question, candidates), q)
    _quote_references(question, chosen, unit_order, per_unit, candidates, scored)
    for rank in range(min(pinned, len(candidates))):
        if rank in chosen:
            _add_asked(chosen[rank], per_unit[rank], q, idf, [p for ps in chosen.values() for p in ps])

    blocks: list[str] = []
    cited: list[StoredUnit] = []
    highlights: list[tuple[str, ...]] = []
    for rank in unit_order:
        number = len(cited) + 1
        cited.append(candidates[rank])
        highlights.append(tuple(h for p in sorted(chosen[rank], key=lambda p: p.order) for h in p.highlights))
        blocks.extend(_render_unit_pieces(chosen[rank], number, q.years))
    if not blocks:
        return Extract(prompts.no_sentence_text(language if audience.is_citizen else "de"), (), ())
    topic = topic_of(cited) if audience.is_citizen else None
    text = prompts.lead_in(audience, language, topic) + "\n\n" + "\n\n".join(blocks)
    if topic:
        text += "\n\n" + prompts.next_step_text(topic, language)
    return Extract(text, tuple(cited), tuple(highlights))


def _choose(scored: list[tuple[float, int, Piece]], per_unit: list[list[Piece]], candidates: Sequence[StoredUnit],
            allowed_laws: Set[str], q: QuestionTerms) -> tuple[dict[int, list[Piece]], list[int]]:
    """The pieces to quote, per unit rank, and the order of the units."""
    chosen: dict[int, list[Piece]] = {}
    unit_order: list[int] = []
    row_scores: list[tuple[float, _RowKey]] = []
    quoted: list[set[str]] = []
    best = scored[0][0] if scored else 0.0
    taken = 0
    for s, rank, p in scored:
        if taken >= MAX_PIECES or s <= 0:
            break
        if taken >= MIN_PIECES and s < RELATIVE_FLOOR * best:
            break
        doc = candidates[rank].unit.doc
        if doc in REFERRED_ONLY_DOCS and doc not in allowed_laws:
            continue  # SGB XII / SGB III where no SGB II text refers to them
        if rank not in chosen and len(chosen) >= MAX_UNITS:
            continue
        if p.kind == "row":
            same_table = [rs for rs, c in row_scores if c.unit == rank and c.group == p.group]
            if same_table and not p.header and any(c.group == p.group and c.kind == "row"
                                                   for c in chosen.get(rank, [])):
                continue  # the whole table is shown already
            if len(same_table) >= 2 or (same_table and s < SECOND_ROW_SHARE * same_table[0]):
                continue  # a second row of a table only when it matches about as well as the first
        if any(c.kind == "sentence" and c.group >= 0 and c.group == p.group and p.kind == "item"
               for c in chosen.get(rank, [])):
            continue  # the list is already shown with its lead-in
        piece = _expand_table(_expand_list_intro(p, per_unit[rank]), per_unit[rank])
        if is_repeat(piece.shown(q.years), quoted):
            continue  # said already (the law's sentence, then a guideline quoting it)
        if p.kind == "row":
            row_scores.append((s, _RowKey(rank, p.group)))
        if rank not in chosen:
            unit_order.append(rank)
        chosen.setdefault(rank, []).append(piece)
        quoted.append(_word_set(piece.shown(q.years)))
        taken += 1
    if not chosen and candidates:
        rank = next((r for r, su in enumerate(candidates)
                     if su.unit.doc not in REFERRED_ONLY_DOCS or su.unit.doc in allowed_laws), None)
        first = [p for p in per_unit[rank] if not (p.heading or p.limiting)][:MIN_PIECES] if rank is not None else []
        if first:
            chosen[rank] = first
            unit_order.append(rank)
    return chosen, unit_order


def _quote_references(question: str, chosen: dict[int, list[Piece]], unit_order: list[int],
                      per_unit: list[list[Piece]], candidates: Sequence[StoredUnit],
                      scored: list[tuple[float, int, Piece]]) -> None:
    """SGB XII / SGB III quoted although the SGB II text that refers to them is not: quote that reference
    too (its sentence naming the law, else its best one), before the unit it justifies."""
    for law in REFERRED_ONLY_DOCS:
        ranks = [r for r in unit_order if candidates[r].unit.doc == law]
        quoted_refs = quoted_laws(question, [candidates[r] for r in unit_order])
        if not ranks or law in quoted_refs:
            continue
        referring = next((r for r, su in enumerate(candidates)
                          if su.unit.doc not in REFERRED_ONLY_DOCS and law in referenced_laws(su.unit.text)), None)
        if referring is None:
            continue
        pieces = [p for p in per_unit[referring] if not (p.heading or p.limiting)]
        naming = [p for p in pieces if law in referenced_laws(" ".join(p.highlights))]
        best = {id(p): sc for sc, r, p in scored if r == referring}
        options = naming or pieces
        if not options:
            continue
        piece = _expand_list_intro(max(options, key=lambda p: best.get(id(p), 0.0)), per_unit[referring])
        if referring not in chosen:
            unit_order.insert(unit_order.index(ranks[0]), referring)
        chosen.setdefault(referring, []).append(piece)


def _add_asked(chosen: list[Piece], pieces: list[Piece], q: QuestionTerms, idf: dict[str, float],
               everything: list[Piece]) -> None:
    """Inside a unit the question names, the sentence its own words point to ("Kind" → the 1 500-Euro
    sentence of § 11b Abs. 3), when it is not quoted yet: the unit's words shared by all its pieces
    (its subject) do not count, only what sets one sentence apart."""
    taken = {p.order for p in chosen}
    taken |= {p.order for c in chosen for p in pieces if p.kind == "item" and c.group >= 0 and p.group == c.group}
    quoted = [_word_set(p.shown(q.years)) for p in everything]
    opening = set().union(*(p.terms for p in chosen)) if chosen else set()
    best, best_score = None, 0.0
    for p in pieces:
        if p.order in taken or p.heading or p.limiting or p.kind == "row" or _FRAGMENT_RE.match(p.text):
            continue
        score = sum(w * idf.get(t, 1.0) for t, w in q.weights.items()
                    if w >= ASKED_TERM_WEIGHT and _term_match(t, p.terms) and not _term_match(t, opening))
        if score > best_score:
            best, best_score = p, score
    if best is not None and best_score >= ASKED_MIN_SCORE and not is_repeat(best.text, quoted):
        chosen.append(best)


# --- topics (for the citizen's lead-in and next step) ---------------------------------------------

_SECTION_RE = re.compile(r"§\s*(\d+)([a-z]?)")
SGB_II_TOPICS: tuple[tuple[tuple[int, ...], str], ...] = (
    ((11,), "einkommen"), ((12,), "vermoegen"), ((22,), "unterkunft"), ((20, 23), "regelbedarf"),
    ((21,), "mehrbedarf"), ((28, 29, 30), "bildung"), ((31, 32), "leistungsminderung"),
    ((36, 37, 41), "antrag"), ((2, 10, 15, 56, 59, 60, 61), "pflichten"),
)
SGB_I_PFLICHTEN = range(60, 68)  # Mitwirkung des Leistungsberechtigten


def unit_topic(su: StoredUnit) -> str | None:
    """The citizen topic of a cited unit (prompts.TOPICS) from its section, or None."""
    u = su.unit
    doc = u.doc
    if doc.startswith("KdU-Richtlinie"):
        return "unterkunft"
    if doc == "Bürgergeld-V":
        return "einkommen"
    if doc.startswith("RBSFV"):
        return "bildung" if "Schulbedarf" in u.text else "regelbedarf"
    if doc == "SGB XII" and u.section.startswith("Anlage"):
        return "bildung" if "34" in u.label or "Schulbedarf" in u.text else "regelbedarf"
    guideline = su.kind == DocKind.GUIDELINE
    source = doc if guideline else (u.section or u.label)
    m = _SECTION_RE.search(source)
    if not m:
        return None
    number = int(m.group(1))
    if doc == "SGB I":
        return "pflichten" if number in SGB_I_PFLICHTEN else None
    if doc != "SGB II" and not guideline:
        return None
    if guideline and "Anlage" in u.label and number == 20:
        return "regelbedarf"
    return next((topic for numbers, topic in SGB_II_TOPICS if number in numbers), None)


def topic_of(cited: Sequence[StoredUnit]) -> str | None:
    """The topic of an answer: that of its first cited unit with one."""
    return next((t for t in (unit_topic(su) for su in cited) if t), None)


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
