"""Candidates and their features for the learned ranker and the scope check.

One code path for training and serving: `Analyzer.analyse()` gathers the candidates of a question
(exact references ∪ BM25 full text ∪ BM25 titles ∪ dense ∪ the law units that candidate guideline
Randzeichen explain) and computes one feature row per candidate; `scripts/train_ranker.py` calls the
same method on the training questions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..catalog import StoredUnit
from ..model import Audience, DocKind, UnitRole
from .query import QueryAnalysis, analyse_query
from .lexical import QUERY_NOISE, LexicalIndex, german_nouns, is_german, words
from .lookup import UnitLookup
from .memory import MemoryGold, QuestionMemory
from .references import Reference, find_references

PRIMARY_LAW = "SGB II"
DOC_GROUPS = ("SGB II", "SGB XII", "SGB III", "SGB X", "SGB I", "FW", "Verordnung", "other")
ROLES = (UnitRole.TEXT, UnitRole.LAW_QUOTE, UnitRole.CHANGELOG, UnitRole.PREAMBLE)

# Cheap question-type cues (German first, then the languages citizens write in).
DEFINITION_RE = re.compile(
    r"\b(was\s+(ist|sind|bedeutet|heißt|versteht\s+man|gilt\s+als|zählt)|wer\s+(gehört|zählt|gilt|ist)|"
    r"definition|begriff|what\s+(is|are|does)|ne\s+demek|что\s+такое|що\s+таке)\b", re.IGNORECASE)
PROCEDURE_RE = re.compile(
    r"\b(antrag|beantrag\w*|frist\w*|unterlagen|nachweis\w*|melden|widerspruch|formular|wie\s+gehe|"
    r"wo\s+muss|wann\s+muss|bescheid|apply|application|deadline|başvur\w*|заяв\w*|подать)\b", re.IGNORECASE)
ELIGIBILITY_RE = re.compile(
    r"\b(anspruch|steht\s+mir|stehen\s+mir|bekomme\s+ich|bekommen\s+wir|kann\s+ich|darf\s+ich|dürfen\s+wir|"
    r"berechtigt|voraussetzung\w*|entitled|eligible|can\s+i|am\s+i|hakkım|alabilir|имею\s+право|можно|маю\s+право)\b",
    re.IGNORECASE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
ABSATZ_IN_TEXT_RE = re.compile(r"§\s*(?P<sec>\d+[a-z]?)\s*(?:Absatz|Abs\.)\s*(?P<abs>\d+[a-z]?)")
ABSATZ_BARE_RE = re.compile(r"\b(?:Absatz|Abs\.)\s*(?P<abs>\d+[a-z]?)\b")
ABS_LABEL_RE = re.compile(r"Abs\.\s*(\d+)")

# Pool sizes per retriever (candidates = their union).
POOL_BM25 = 150
POOL_BM25_RAW = 50
POOL_DENSE = 200
POOL_TITLE_SECTIONS = 8
POOL_LINKED_FROM = 10  # the best guideline candidates whose law units join the pool
MISSING_RANK = 200.0
RARE_MAX_DF = 50  # a token in fewer units than this is specific to a topic
MEMORY_DEPTH = 20  # the nearest training questions whose golds give memory features
MEMORY_COUNT_DEPTH = 5  # … of which these count how often a section is gold
MEMORY_POOL_FROM = 5  # the gold units of the nearest training questions join the pool
MEMORY_POOL_MAX_UNITS = 12  # … when the gold names at most this many units (not a whole guideline)
MEMORY_MISSING_RANK = 50.0

# (feature name, group) — the group is what the ablation removes.
FEATURES: tuple[tuple[str, str], ...] = (
    ("dense", "dense"), ("dense_gap", "dense"), ("dense_rank", "dense"),
    ("bm25", "bm25"), ("bm25_rank", "bm25"), ("bm25_raw", "bm25"), ("bm25_raw_rank", "bm25"),
    ("bm25_raw_abs", "bm25"),
    ("title", "title"), ("title_rank", "title"), ("title_cov", "title"),
    ("text_cov", "overlap"), ("rare_hits", "overlap"),
    ("exact_unit", "exact"), ("exact_section", "exact"), ("doc_named", "exact"), ("other_doc_named", "exact"),
    *((f"doc_{g.replace(' ', '_')}", "doc") for g in DOC_GROUPS),
    ("cited_by_primary", "doc"), ("log_len", "doc"), ("has_table", "doc"), ("first_absatz", "doc"),
    ("absatz_no", "doc"),
    *((f"role_{r.value}", "doc") for r in ROLES),
    ("sec_dense", "section"), ("sec_bm25", "section"), ("sec_title", "section"), ("sec_count", "section"),
    ("sec_rank", "section"),
    ("gl_unit_dense", "links"), ("gl_unit_bm25", "links"), ("gl_sec_dense", "links"), ("gl_sec_bm25", "links"),
    ("gl_count", "links"), ("law_dense", "links"), ("law_bm25", "links"),
    ("q_amount", "query"), ("q_definition", "query"), ("q_procedure", "query"), ("q_eligibility", "query"),
    ("q_german", "query"), ("q_cyrillic", "query"), ("q_arabic", "query"), ("q_names_law", "query"),
    ("q_expansions", "query"), ("q_len", "query"), ("amount_table", "query"),
    ("mem_unit", "memory"), ("mem_sec", "memory"), ("mem_unit_rank", "memory"), ("mem_sec_rank", "memory"),
    ("mem_unit_gap", "memory"), ("mem_sec_count", "memory"), ("mem_top", "memory"),
)
FEATURE_NAMES = tuple(n for n, _ in FEATURES)
FEATURE_GROUPS = tuple(dict.fromkeys(g for _, g in FEATURES))
COL = {n: i for i, n in enumerate(FEATURE_NAMES)}


def doc_group(su: StoredUnit) -> str:
    doc = su.unit.doc
    if doc in DOC_GROUPS:
        return doc
    if su.kind == DocKind.GUIDELINE:
        return "FW"
    if doc in ("Bürgergeld-V", "RBSFV 2026"):
        return "Verordnung"
    return "other"


@dataclass(frozen=True)
class QueryInfo:
    question: str
    expanded: str
    extra: tuple[str, ...]
    references: tuple[Reference, ...]
    tokens: tuple[str, ...]  # stemmed topical tokens of the question itself
    amount: bool
    definition: bool
    procedure: bool
    eligibility: bool
    german: bool
    cyrillic: bool
    arabic: bool
    nouns: tuple[str, ...]


def query_info(question: str, lexical: LexicalIndex, query: QueryAnalysis | None = None) -> QueryInfo:
    """The ranker's view of a question; `query` is its analysis when retrieval has made it already."""
    query = query if query is not None and query.text == question else analyse_query(question)
    extra = query.expansions
    topical = " ".join(w for w in words(question) if w not in QUERY_NOISE)
    tokens = tuple(t for t in dict.fromkeys(lexical.tokens(topical)) if t) if topical else ()
    return QueryInfo(
        question=question, expanded=" ".join([question, *extra]), extra=extra,
        references=tuple(find_references(question)), tokens=tokens,
        amount=query.amount, definition=bool(DEFINITION_RE.search(question)),
        procedure=bool(PROCEDURE_RE.search(question)), eligibility=bool(ELIGIBILITY_RE.search(question)),
        german=is_german(question), cyrillic=bool(CYRILLIC_RE.search(question)),
        arabic=bool(ARABIC_RE.search(question)), nouns=tuple(german_nouns(question)),
    )


def dense_text(info: QueryInfo) -> str:
    """What the dense side embeds: the question with the glossary's legal terms (everyday and foreign words
    alone are far from the law's wording in e5-small; measured on the training questions)."""
    return info.expanded if info.extra else info.question


def guideline_links(units: list[StoredUnit]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (guideline unit, law unit it explains, specific?) built from the Randzeichen's own words.

    A Randzeichen belongs to the SGB II section its guideline explains (`unit.section`); when its
    breadcrumb, title or text names an Absatz of that section ("§ 7 Absatz 3", "nach Absatz 2") it is
    linked to that Absatz specifically, otherwise to every Absatz of the section.
    """
    law_units: dict[str, list[int]] = {}
    law_label: dict[tuple[str, str], int] = {}
    for i, su in enumerate(units):
        if su.kind == DocKind.LAW and su.unit.doc == PRIMARY_LAW:
            law_units.setdefault(su.unit.section, []).append(i)
            law_label[(su.unit.section, su.unit.label)] = i
    g_idx, l_idx, specific = [], [], []
    for gi, su in enumerate(units):
        if su.kind != DocKind.GUIDELINE or su.unit.role != UnitRole.TEXT:
            continue
        sections = [s for s in re.findall(r"§\s*\d+[a-z]?", su.unit.section)]
        sections = [re.sub(r"\s+", " ", s) for s in sections]
        named: set[int] = set()
        head = " ".join([*su.unit.breadcrumb, su.unit.title])
        for text in (head, su.unit.text):
            for m in ABSATZ_IN_TEXT_RE.finditer(text):
                if (j := law_label.get((f"§ {m['sec']}", f"§ {m['sec']} Abs. {m['abs']}"))) is not None:
                    if f"§ {m['sec']}" in sections:
                        named.add(j)
        for m in ABSATZ_BARE_RE.finditer(head):
            for s in sections:
                if (j := law_label.get((s, f"{s} Abs. {m['abs']}"))) is not None:
                    named.add(j)
        for j in sorted(named):
            g_idx.append(gi)
            l_idx.append(j)
            specific.append(True)
        for s in sections:
            for j in law_units.get(s, []):
                if j not in named:
                    g_idx.append(gi)
                    l_idx.append(j)
                    specific.append(False)
    return np.array(g_idx, dtype=np.int64), np.array(l_idx, dtype=np.int64), np.array(specific, dtype=bool)


@dataclass
class Analysis:
    """One question's candidates, their features, and the evidence the scope check reads."""

    info: QueryInfo
    candidates: np.ndarray  # unit indices
    features: np.ndarray  # len(candidates) × len(FEATURES)
    exact_first: list[int]  # the first unit of each exact reference, in order (unit indices)
    dense: np.ndarray  # cosine of every unit (0 where not allowed)
    bm25_raw: np.ndarray
    bm25: np.ndarray
    audience: Audience = Audience.STAFF  # whose statistics (citizens: the public units only)
    memory: np.ndarray | None = None  # cosine to each training question of the memory (-1: excluded)


class Analyzer:
    """Per-corpus structures built once at index load; `analyse()` per question."""

    def __init__(self, units: list[StoredUnit], lexical: LexicalIndex, titles: LexicalIndex,
                 section_of: np.ndarray, cited_by_primary: set[tuple[str, str]], lookup: UnitLookup,
                 vectors: np.ndarray, anchor_section, memory: QuestionMemory | None = None) -> None:
        self.units = units
        self.set_memory(memory)
        self.lexical = lexical
        self.titles = titles
        self.section_of = section_of
        self.lookup = lookup
        self.vectors = vectors
        n = len(units)
        self.position = {su.chroma_id: i for i, su in enumerate(units)}
        static = np.zeros((n, len(FEATURES)), dtype=np.float32)
        for i, su in enumerate(units):
            static[i, COL[f"doc_{doc_group(su).replace(' ', '_')}"]] = 1.0
            static[i, COL[f"role_{UnitRole(su.unit.role).value}"]] = 1.0
            static[i, COL["cited_by_primary"]] = float((su.unit.doc, anchor_section(su.unit)) in cited_by_primary)
            static[i, COL["log_len"]] = math.log1p(len(su.unit.text))
            static[i, COL["has_table"]] = float(" | " in su.unit.text)
            m = ABS_LABEL_RE.search(su.unit.label)
            static[i, COL["absatz_no"]] = float(m.group(1)) if m else 0.0
            static[i, COL["first_absatz"]] = float(bool(m) and m.group(1) == "1")
        self.static = static
        self.n_sections = int(section_of.max()) + 1 if n else 0
        self.section_units: dict[int, list[int]] = {}
        for i, sid in enumerate(section_of):
            self.section_units.setdefault(int(sid), []).append(i)
        self.link_g, self.link_l, self.link_specific = guideline_links(units)
        self.is_guideline = np.array([su.kind == DocKind.GUIDELINE for su in units], dtype=bool)
        self.idf = {t: math.log(1 + lexical.size / (1 + df)) for t, df in lexical.document_frequency.items()}
        self.section_tokens = titles.token_sets
        self.unit_postings = _postings(lexical.token_sets)  # token → the units (sections) that contain it
        self.section_postings = _postings(titles.token_sets)
        self.doc_of = np.array([su.unit.doc for su in units], dtype=object)
        self.section_key = np.array([f"{su.unit.doc}\x1f{su.unit.section}" for su in units], dtype=object)

    def set_memory(self, memory: QuestionMemory | None) -> None:
        self.memory = memory
        self.memory_gold = MemoryGold(memory, self.units) if memory is not None else None

    # --- signals over every unit -------------------------------------------------------------
    def dense_scores(self, query_vector: np.ndarray, allowed: np.ndarray) -> np.ndarray:
        scores = self.vectors @ np.asarray(query_vector, dtype=np.float32)
        return np.where(allowed, scores, 0.0).astype(np.float32)

    def analyse(self, question: str, audience: Audience, allowed: np.ndarray, query_vector: np.ndarray,
                info: QueryInfo | None = None, exclude_group: str | None = None) -> Analysis:
        """`exclude_group`: the memory's questions of this origin group are not used (training features of
        a training question, computed as for a new question)."""
        info = info or query_info(question, self.lexical)
        dense = self.dense_scores(query_vector, allowed)
        bm25 = np.where(allowed, self.lexical.scores(info.expanded), 0.0).astype(np.float32)
        bm25_raw = np.where(allowed, self.lexical.scores(question), 0.0).astype(np.float32)
        title_sec = self.titles.scores(info.expanded)

        exact_ids: list[int] = []
        exact_first: list[int] = []
        exact_sections: set[tuple[str, str]] = set()
        named_docs = {r.doc for r in info.references}
        for ref in info.references:
            resolved = [self.position[su.chroma_id] for su in self.lookup.resolve(ref, audience)]
            resolved = [i for i in resolved if allowed[i]]
            if resolved and resolved[0] not in exact_first:
                exact_first.append(resolved[0])
            exact_ids.extend(resolved)
            if ref.section:
                exact_sections.add((ref.doc, ref.section))

        pool: dict[int, None] = dict.fromkeys(exact_ids)
        for scores, size in ((bm25, POOL_BM25), (bm25_raw, POOL_BM25_RAW), (dense, POOL_DENSE)):
            for i in _top(scores, size):
                pool.setdefault(int(i), None)
        for sid in _top(title_sec, POOL_TITLE_SECTIONS):
            for i in self.section_units.get(int(sid), [])[:12]:
                if allowed[i]:
                    pool.setdefault(i, None)
        # law units explained by the best guideline candidates
        g_best = [i for i in pool if self.is_guideline[i]]
        g_best.sort(key=lambda i: -(dense[i] + bm25[i] / max(float(bm25.max()), 1e-6)))
        chosen = set(g_best[:POOL_LINKED_FROM])
        if chosen:
            mask = np.isin(self.link_g, list(chosen)) & self.link_specific
            for j in self.link_l[mask]:
                if allowed[j]:
                    pool.setdefault(int(j), None)
        sims = (self.memory.similarities(query_vector, exclude_group) if self.memory is not None
                else np.zeros(0, dtype=np.float32))
        for j in self._memory_order(sims)[:MEMORY_POOL_FROM]:
            gold = self.memory_gold.unit_gold[j]
            if len(gold) <= MEMORY_POOL_MAX_UNITS:
                for i in gold:
                    if allowed[i]:
                        pool.setdefault(int(i), None)
        cands = np.fromiter(pool.keys(), dtype=np.int64, count=len(pool))
        X = self._features(info, cands, dense, bm25, bm25_raw, title_sec, set(exact_ids), exact_sections,
                           named_docs)
        self._memory_features(X, cands, sims)
        return Analysis(info, cands, X, exact_first, dense, bm25_raw, bm25, Audience.coerce(audience), sims)

    def _memory_order(self, sims: np.ndarray) -> list[int]:
        """The answerable memory questions, nearest first (excluded ones left out)."""
        if self.memory is None or not len(sims):
            return []
        order = np.argsort(-sims)
        answerable = self.memory.answerable
        return [int(j) for j in order[:4 * MEMORY_DEPTH] if answerable[j] and sims[j] > -1.0]

    def _memory_features(self, X: np.ndarray, cands: np.ndarray, sims: np.ndarray) -> None:
        """Per candidate: the nearest training question whose gold holds it (similarity, rank, gap to the
        nearest of all), unit and section level; how many of the nearest few name its section."""
        n = len(self.units)
        unit_sim = np.zeros(n, dtype=np.float32)
        sec_sim = np.zeros(n, dtype=np.float32)
        missing = math.log1p(MEMORY_MISSING_RANK)
        unit_rank = np.full(n, missing, dtype=np.float32)
        sec_rank = np.full(n, missing, dtype=np.float32)
        count = np.zeros(n, dtype=np.float32)
        order = self._memory_order(sims)[:MEMORY_DEPTH]
        top = float(sims[order[0]]) if order else 0.0
        for rank, j in enumerate(order, start=1):
            u, s = self.memory_gold.unit_gold[j], self.memory_gold.section_gold[j]
            unit_sim[u] = np.maximum(unit_sim[u], sims[j])
            sec_sim[s] = np.maximum(sec_sim[s], sims[j])
            unit_rank[u] = np.minimum(unit_rank[u], math.log1p(rank))
            sec_rank[s] = np.minimum(sec_rank[s], math.log1p(rank))
            if rank <= MEMORY_COUNT_DEPTH:
                count[s] += 1.0
        X[:, COL["mem_unit"]] = unit_sim[cands]
        X[:, COL["mem_sec"]] = sec_sim[cands]
        X[:, COL["mem_unit_rank"]] = unit_rank[cands]
        X[:, COL["mem_sec_rank"]] = sec_rank[cands]
        X[:, COL["mem_unit_gap"]] = np.where(unit_sim[cands] > 0, top - unit_sim[cands], 1.0)
        X[:, COL["mem_sec_count"]] = count[cands]
        X[:, COL["mem_top"]] = top

    def _features(self, info: QueryInfo, cands: np.ndarray, dense: np.ndarray, bm25: np.ndarray,
                  bm25_raw: np.ndarray, title_sec: np.ndarray, exact_ids: set[int],
                  exact_sections: set[tuple[str, str]], named_docs: set[str]) -> np.ndarray:
        X = self.static[cands].copy()
        n = len(cands)
        d = dense[cands]
        X[:, COL["dense"]] = d
        X[:, COL["dense_gap"]] = float(dense.max()) - d
        X[:, COL["dense_rank"]] = _ranks(dense, cands)
        bmax = max(float(bm25.max()), 1e-6)
        rmax = max(float(bm25_raw.max()), 1e-6)
        X[:, COL["bm25"]] = bm25[cands] / bmax
        X[:, COL["bm25_rank"]] = _ranks(bm25, cands)
        X[:, COL["bm25_raw"]] = bm25_raw[cands] / rmax
        X[:, COL["bm25_raw_rank"]] = _ranks(bm25_raw, cands)
        X[:, COL["bm25_raw_abs"]] = bm25_raw[cands]
        sec = self.section_of[cands]
        tmax = max(float(title_sec.max()), 1e-6)
        X[:, COL["title"]] = title_sec[sec] / tmax
        X[:, COL["title_rank"]] = _ranks(title_sec, sec)

        qtok = set(info.tokens)
        idf = self.idf
        qweight = sum(idf.get(t, 1.0) for t in qtok) or 1.0
        n_units = len(self.units)
        text_weight = np.zeros(n_units, dtype=np.float32)
        rare_count = np.zeros(n_units, dtype=np.float32)
        title_weight = np.zeros(self.n_sections, dtype=np.float32)
        for t in qtok:
            w = idf.get(t, 1.0)
            if (units_with := self.unit_postings.get(t)) is not None:
                text_weight[units_with] += w
                if self.lexical.document_frequency.get(t, 0) < RARE_MAX_DF:
                    rare_count[units_with] += 1.0
            if (sections_with := self.section_postings.get(t)) is not None:
                title_weight[sections_with] += w
        X[:, COL["text_cov"]] = text_weight[cands] / qweight
        X[:, COL["rare_hits"]] = rare_count[cands]
        X[:, COL["title_cov"]] = title_weight[sec] / qweight
        X[:, COL["exact_unit"]] = np.isin(cands, np.fromiter(exact_ids, dtype=np.int64, count=len(exact_ids)))
        keys = self.section_key[cands]
        X[:, COL["exact_section"]] = np.isin(keys, np.array(["\x1f".join(k) for k in exact_sections], dtype=object))
        docs = self.doc_of[cands]
        named = np.isin(docs, np.array(sorted(named_docs), dtype=object))
        X[:, COL["doc_named"]] = named
        X[:, COL["other_doc_named"]] = ~named if named_docs else False

        # section aggregates over the candidates
        bn = X[:, COL["bm25"]]
        sec_dense = np.zeros(self.n_sections, dtype=np.float32)
        sec_bm25 = np.zeros(self.n_sections, dtype=np.float32)
        sec_count = np.zeros(self.n_sections, dtype=np.float32)
        np.maximum.at(sec_dense, sec, d)
        np.maximum.at(sec_bm25, sec, bn)
        np.add.at(sec_count, sec, 1.0)
        X[:, COL["sec_dense"]] = sec_dense[sec]
        X[:, COL["sec_bm25"]] = sec_bm25[sec]
        X[:, COL["sec_title"]] = X[:, COL["title"]]
        X[:, COL["sec_count"]] = sec_count[sec]
        combined = d + bn
        order = np.lexsort((-combined, sec))
        rank_in = np.zeros(n, dtype=np.float32)
        prev, k = -1, 0
        for r in order:
            k = k + 1 if sec[r] == prev else 1
            prev = sec[r]
            rank_in[r] = k
        X[:, COL["sec_rank"]] = rank_in

        # guideline ↔ law links: a law unit carries the evidence of the Randzeichen that explain it,
        # a Randzeichen the evidence of the law unit it explains
        n_units = len(self.units)
        bnorm_all = bm25 / bmax
        g_d, g_b = dense[self.link_g], bnorm_all[self.link_g]
        unit_d = np.zeros(n_units, dtype=np.float32)
        unit_b = np.zeros(n_units, dtype=np.float32)
        sec_d = np.zeros(n_units, dtype=np.float32)
        sec_b = np.zeros(n_units, dtype=np.float32)
        count = np.zeros(n_units, dtype=np.float32)
        spec = self.link_specific
        np.maximum.at(unit_d, self.link_l[spec], g_d[spec])
        np.maximum.at(unit_b, self.link_l[spec], g_b[spec])
        np.maximum.at(sec_d, self.link_l, g_d)
        np.maximum.at(sec_b, self.link_l, g_b)
        strong = g_d >= float(dense.max()) - 0.03
        np.add.at(count, self.link_l[strong], 1.0)
        law_d = np.zeros(n_units, dtype=np.float32)
        law_b = np.zeros(n_units, dtype=np.float32)
        l_d, l_b = dense[self.link_l], bnorm_all[self.link_l]
        np.maximum.at(law_d, self.link_g, l_d)
        np.maximum.at(law_b, self.link_g, l_b)
        X[:, COL["gl_unit_dense"]] = unit_d[cands]
        X[:, COL["gl_unit_bm25"]] = unit_b[cands]
        X[:, COL["gl_sec_dense"]] = sec_d[cands]
        X[:, COL["gl_sec_bm25"]] = sec_b[cands]
        X[:, COL["gl_count"]] = count[cands]
        X[:, COL["law_dense"]] = law_d[cands]
        X[:, COL["law_bm25"]] = law_b[cands]

        X[:, COL["q_amount"]] = float(info.amount)
        X[:, COL["q_definition"]] = float(info.definition)
        X[:, COL["q_procedure"]] = float(info.procedure)
        X[:, COL["q_eligibility"]] = float(info.eligibility)
        X[:, COL["q_german"]] = float(info.german)
        X[:, COL["q_cyrillic"]] = float(info.cyrillic)
        X[:, COL["q_arabic"]] = float(info.arabic)
        X[:, COL["q_names_law"]] = float(bool(named_docs))
        X[:, COL["q_expansions"]] = float(len(info.extra))
        X[:, COL["q_len"]] = float(len(info.tokens))
        X[:, COL["amount_table"]] = X[:, COL["has_table"]] * float(info.amount)
        return X


def _postings(token_sets: list[frozenset[str]]) -> dict[str, np.ndarray]:
    lists: dict[str, list[int]] = {}
    for i, tokens in enumerate(token_sets):
        for t in tokens:
            lists.setdefault(t, []).append(i)
    return {t: np.array(ix, dtype=np.int64) for t, ix in lists.items()}


def _top(scores: np.ndarray, size: int) -> np.ndarray:
    positive = np.flatnonzero(scores > 0)
    if len(positive) > size:
        positive = positive[np.argpartition(-scores[positive], size)[:size]]
    return positive[np.argsort(-scores[positive])]


def _ranks(scores: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """log(1 + rank) of scores[idx] among all positive scores; MISSING_RANK where the score is 0."""
    values = scores[idx]
    positive = np.sort(scores[scores > 0])[::-1]
    rank = np.searchsorted(-positive, -values, side="left") + 1
    out = np.log1p(rank.astype(np.float32))
    out[values <= 0] = math.log1p(MISSING_RANK)
    return out
