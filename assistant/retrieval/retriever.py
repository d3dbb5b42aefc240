"""retrieve(): exact references ∪ BM25 ∪ dense (Chroma) → learned ranking and scope check.

The default (`JCA_RANKER=learned`) ranks candidates with the LightGBM model of `ranker.py` over the
features of `features.py` and decides relevance with the trained scope check; `JCA_RANKER=rules` keeps
the earlier hand-set path (weighted fusion, RankingParams priors, law-first grouping, relevance floor
and scope list) for comparison.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..catalog import StoredUnit
from ..health import NOTICE_LEXICAL, StoreHealth, StoreState, judge
from ..model import Audience, DocKind, UnitRole
from ..store import StoreUnavailable, describe_store
from ..textprep import indexed_text
from ..workspace import Workspace
from .features import Analysis, Analyzer, dense_text, query_info
from .glossary import challenges_decision, covered_by_glossary, has_anchor, outside_topics
from .lexical import QUERY_NOISE, LexicalIndex, SubsetIndex, audience_index, german_nouns, is_german, words
from .lookup import UnitLookup
from .memory import QuestionMemory, load_memory
from .query import QueryAnalysis, analyse_query, check_length
from .ranker import load_ranker, load_scope_model, order_candidates, scope_features
from .references import Reference, find_references

log = logging.getLogger(__name__)

__all__ = ["Hit", "RankingParams", "RetrievalResult", "Retriever"]


@dataclass(frozen=True)
class RankingParams:
    """Fusion and ranking weights (measured on the dev set; see README, 'Retrieval')."""

    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    rrf_k: float = 20.0
    guideline_factor: float = 0.85
    other_factor: float = 0.9
    quote_factor: float = 0.3  # law text quoted inside a guideline: the law itself should rank
    changelog_factor: float = 0.2
    table_boost: float = 1.6  # units with amount tables, for "how much" questions
    expand_dense: bool = True
    title_weight: float = 0.5  # BM25 over section titles and breadcrumbs, shared by a section's units
    fusion: str = "rrf"
    primary_law: str = "SGB II"
    law_first_ratio: float = 0.5  # a guideline's law section moves before it if scored at least this share
    per_section: int = 2  # units of one section before the next section gets its turn
    rare_term_max_df: int = 50  # a word in fewer units than this is specific to a topic
    support_depth: int = 5  # the top units that must contain one of the question's specific words  # "rrf" (reciprocal ranks) or "score" (min-max normalised scores)
    # The assistant is about SGB II: laws it only refers to rank behind it unless named in the question.
    doc_factors: MappingProxyType = field(default_factory=lambda: MappingProxyType(
        {"SGB XII": 0.6, "SGB III": 0.6}))


@dataclass(frozen=True)
class Hit:
    unit: StoredUnit
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    exact: bool = False


@dataclass(frozen=True)
class RetrievalResult:
    question: str
    audience: Audience
    hits: list[Hit]
    relevant: bool
    confidence: float
    references: list[Reference] = field(default_factory=list)
    office: str | None = None  # when not relevant: the office responsible for the topic, if known
    lexical_only: bool = False  # the vector store was not usable: BM25 and exact references only
    query: QueryAnalysis | None = None  # language, expansions, amount question (made from `question` if not given)

    def __post_init__(self) -> None:
        if self.query is None:
            object.__setattr__(self, "query", analyse_query(self.question))


class Retriever:
    """Holds the lexical index and reference lookup for the active units; reloads when the catalog changes.

    The catalog's generation (bumped at every switch, also by another process such as a CLI `ingest`) is
    read before each question; when it changed, the vector store is reopened (an embedded Chroma client
    does not see other processes' writes) and everything is reloaded. When the store is not usable
    (server down, restarted empty, a foreign collection), retrieval works on the lexical side alone and
    `store_notice` says so; the store is tried again every `JCA_STORE_RETRY_S` seconds.
    """

    def __init__(self, workspace: Workspace, params: RankingParams | None = None) -> None:
        self.ws = workspace
        self.params = params or RankingParams()
        self._lock = threading.Lock()
        self._generation = -1
        self.store_health: StoreHealth | None = None
        self._store_checked = 0.0
        self._load(reopen=False)

    @property
    def dense_available(self) -> bool:
        return self.store_health is not None and self.store_health.dense_usable

    @property
    def store_notice(self) -> str:
        """The German notice for answers while the vector search is not usable ("" when it is)."""
        return "" if self.dense_available or not self.units else NOTICE_LEXICAL

    def _load(self, reopen: bool = True) -> None:
        generation = self.ws.catalog.generation()
        units = self.ws.catalog.active_units()
        self.units = units
        self._position = {su.chroma_id: i for i, su in enumerate(units)}
        # what each audience may see (Audience.may_see), as a mask over the active units
        self._visible = {a: np.array([a.may_see(su.visibility) for su in units], dtype=bool) for a in Audience}
        self._cited_by_primary = cited_sections(
            [su.unit.text for su in units if su.unit.doc == self.params.primary_law])
        self._prior = np.array([self._unit_prior(su) for su in units], dtype=np.float32)
        self._has_table = np.array([" | " in su.unit.text for su in units], dtype=bool)
        texts = [indexed_text(su.unit) for su in units]
        self.lexical = LexicalIndex(texts) if units else None
        sections: dict[tuple[str, str], int] = {}
        self._section_of = np.array(
            [sections.setdefault((su.unit.doc, su.unit.section or su.unit.label), len(sections)) for su in units],
            dtype=np.int64,
        )
        section_titles = [""] * len(sections)
        for su, sid in zip(units, self._section_of):
            if not section_titles[sid]:
                section_titles[sid] = " ".join([su.unit.title, *su.unit.breadcrumb[-2:]])
        self.titles = LexicalIndex(section_titles) if units else None
        # each audience's BM25 statistics over the units (and sections with a unit) it may see, so that
        # adding or changing an internal document never shifts a citizen's ranking; audiences that see the
        # same units share one index
        self._lexical: dict[Audience, LexicalIndex | SubsetIndex | None] = dict.fromkeys(Audience, self.lexical)
        self._titles: dict[Audience, LexicalIndex | SubsetIndex | None] = dict.fromkeys(Audience, self.titles)
        if units:
            shared: dict[bytes, tuple] = {}
            for a, mask in self._visible.items():
                if mask.tobytes() not in shared:
                    visible_sections = np.zeros(len(sections), dtype=bool)
                    visible_sections[self._section_of[mask]] = True
                    shared[mask.tobytes()] = (audience_index(texts, mask, self.lexical),
                                              audience_index(section_titles, visible_sections, self.titles))
                self._lexical[a], self._titles[a] = shared[mask.tobytes()]
        self.lookup = UnitLookup(units)
        self._analyzers: dict[Audience, Analyzer | None] = dict.fromkeys(Audience)
        learned = self.ws.settings.ranker == "learned"
        self.ranker = load_ranker() if learned else None
        self.scope = load_scope_model() if learned else None
        self.memory = self._usable_memory(load_memory()) if learned else None
        vectors = self._unit_vectors(units, reopen) if units else None
        self._vectors = vectors
        if learned and units:
            matrix = vectors if vectors is not None else self._no_vectors(units)
            by_index: dict[int, Analyzer] = {}
            for a in Audience:
                lexical, titles = self._lexical[a], self._titles[a]
                if id(lexical) not in by_index:
                    by_index[id(lexical)] = Analyzer(units, lexical, titles, self._section_of,
                                                     self._cited_by_primary, self.lookup, matrix, _anchor_section,
                                                     self.memory)
                self._analyzers[a] = by_index[id(lexical)]
        self._generation = generation

    def _usable_memory(self, memory: QuestionMemory | None) -> QuestionMemory | None:
        """The question memory, if made with this embedder (other vectors are not comparable)."""
        if memory is not None and memory.embedder != self.ws.embedder.name:
            log.info("question memory made with %s, not %s: not used", memory.embedder, self.ws.embedder.name)
            return None
        return memory

    def use_memory(self, memory: QuestionMemory | None) -> None:
        """Rebuild the analyzers with another question memory (training builds one before writing it)."""
        with self._lock:
            self.memory = self._usable_memory(memory)
            for analyzer in {id(a): a for a in self._analyzers.values() if a is not None}.values():
                analyzer.set_memory(self.memory)

    @property
    def analyzer(self) -> Analyzer | None:
        """The analyzer over all active units (staff statistics)."""
        return self._analyzers[Audience.STAFF]

    def lexical_for(self, audience: Audience | str) -> LexicalIndex | SubsetIndex | None:
        """BM25 over the units the audience may see, with their statistics (scores 0 elsewhere)."""
        return self._lexical[Audience.coerce(audience)]

    def analyzer_for(self, audience: Audience | str) -> Analyzer | None:
        """The analyzer with the audience's BM25 statistics (citizens: public units only)."""
        return self._analyzers[Audience.coerce(audience)]

    def _no_vectors(self, units: list[StoredUnit]) -> np.ndarray:
        """The analyzer's matrix while the store is not usable: one zero column, dense scores all 0."""
        return np.zeros((len(units), 1), dtype=np.float32)

    def _read_vectors(self, ids: list[str], reopen: bool) -> tuple[dict[str, np.ndarray], int]:
        store = self.ws.store  # raises StoreUnavailable when the store cannot be opened
        if reopen:
            store.reopen()
        found = store.vectors(ids)
        return found, (len(found) if len(found) == len(ids) else store.count())

    def _unit_vectors(self, units: list[StoredUnit], reopen: bool) -> np.ndarray | None:
        """The stored (normalised) vector of every active unit, read once from Chroma: dense scores of all
        candidates come from one matrix product instead of a nearest-neighbour query. None when the
        store is not usable (the state is in `store_health`)."""
        ids = [su.chroma_id for su in units]
        name = describe_store(self.ws.settings)
        self._store_checked = time.monotonic()
        try:
            vectors, total = self._read_vectors(ids, reopen)
        except StoreUnavailable as exc:
            log.info("vector store not usable, answering from lexical search: %s", exc.message)
            self.store_health = StoreHealth(StoreState.UNREACHABLE, name, len(ids), detail=exc.message)
            return None
        self.store_health = judge(name, len(ids), len(vectors), total)
        if not self.store_health.ok:
            log.info("%s", self.store_health.message)
        if not self.store_health.dense_usable:
            return None
        dim = len(next(iter(vectors.values())))
        matrix = np.stack([vectors.get(cid, np.zeros(dim, dtype=np.float32)) for cid in ids])
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return (matrix / np.maximum(norms, 1e-9)).astype(np.float32)

    def _unit_prior(self, su: StoredUnit) -> float:
        p = self.params
        factor = {DocKind.LAW: 1.0, DocKind.GUIDELINE: p.guideline_factor}.get(su.kind, p.other_factor)
        if (su.unit.doc, _anchor_section(su.unit)) not in self._cited_by_primary:
            factor *= p.doc_factors.get(su.unit.doc, 1.0)
        if su.unit.role == UnitRole.LAW_QUOTE:
            factor *= p.quote_factor
        elif su.unit.role == UnitRole.CHANGELOG:
            factor *= p.changelog_factor
        return factor

    def refresh(self) -> None:
        with self._lock:
            if self.ws.catalog.generation() != self._generation:
                self._load()
            elif (self.units and not self.dense_available
                  and time.monotonic() - self._store_checked >= self.ws.settings.store_retry_s):
                self._retry_store()

    def _retry_store(self) -> None:
        """The store was not usable: is it back (with the active vectors)?"""
        vectors = self._unit_vectors(self.units, reopen=True)
        self._vectors = vectors
        if vectors is not None and self.analyzer is not None:
            for analyzer in {id(a): a for a in self._analyzers.values() if a is not None}.values():
                analyzer.vectors = vectors
            log.info("vector store usable again")

    def retrieve(self, question: str, audience: Audience | str = Audience.CITIZEN, k: int = 10,
                 as_of: str | None = None, *, asked: str | None = None) -> RetrievalResult:
        """The best `k` units the audience may see. `asked` is the question as the person asked it when
        `question` completes a follow-up with the question before it (the answer's language is its).

        Raises `QuestionTooLong` (a German message) above `JCA_MAX_QUESTION_CHARS`."""
        audience = Audience.coerce(audience)
        check_length(question, self.ws.settings)
        query = analyse_query(question, asked)
        self.refresh()
        if not self.units or not question.strip():
            return RetrievalResult(question, audience, [], False, 0.0, query=query)
        allowed = self._allowed(audience, as_of)
        if self.analyzer is not None and self.ranker is not None:
            return self._retrieve_learned(query, audience, k, allowed)
        p = self.params

        extra = list(query.expansions)
        expanded = query.expanded

        lexical = self.lexical_for(audience).scores(expanded)
        lexical[~allowed] = 0.0
        dense = self._dense_scores(expanded if p.expand_dense and extra else question, audience, allowed)
        lexical_only = dense is None
        if dense is None:
            dense = np.zeros(len(self.units), dtype=np.float32)

        fused = (self._fuse(dense, lexical) + self._title_scores(expanded, audience)) * self._prior
        if query.amount:
            fused = np.where(self._has_table, fused * p.table_boost, fused)
        fused[~allowed] = 0.0

        references = find_references(question)
        exact_ids: list[str] = []
        for ref in references:
            exact_ids.extend(su.chroma_id for su in self.lookup.resolve(ref, audience))

        hits: list[Hit] = []
        seen: set[int] = set()

        def add(i: int, score: float, exact: bool = False) -> None:
            seen.add(i)
            hits.append(Hit(self.units[i], score, float(dense[i]), float(lexical[i]), exact))

        top = float(fused.max())
        for cid in exact_ids:
            if (i := self._position[cid]) not in seen:
                add(i, max(top, float(fused[i])) + 1.0, exact=True)
        for i in self._diversified(self._law_first(fused)):
            if len(hits) >= k:
                break
            if i not in seen:
                add(i, float(fused[i]))
        confidence = self._confidence(dense, bool(exact_ids))
        if lexical_only:
            relevant = self._lexically_relevant(question, bool(exact_ids), hits)
        else:
            relevant = bool(exact_ids) or (
                confidence >= self.ws.settings.relevance_floor
                and self._in_scope(question, self._tokens_of(hits[: p.support_depth]))
                and (bool(extra) or self._specific_terms_supported(question, self._tokens_of(hits[: p.support_depth]))))
        return RetrievalResult(question, audience, hits[:k], relevant, confidence, references,
                               lexical_only=lexical_only, query=query)

    def _allowed(self, audience: Audience, as_of: str | None) -> np.ndarray:
        allowed = self._visible[audience].copy()
        if as_of:
            allowed &= np.array([su.stand <= as_of for su in self.units], dtype=bool)
        return allowed

    def analyse(self, question: str, audience: Audience | str, as_of: str | None = None,
                vector: np.ndarray | None = None, exclude_group: str | None = None) -> Analysis:
        """Candidates and features of a question, as `retrieve()` computes them (training calls this;
        `vector` is the question's embedding when the caller has it already; `exclude_group`: the question
        memory's questions of this origin group are left out)."""
        audience = Audience.coerce(audience)
        check_length(question, self.ws.settings)
        self.refresh()
        analyzer = self.analyzer_for(audience)
        info = query_info(question, analyzer.lexical)
        if vector is None:
            vector = self.ws.embedder.embed_query(dense_text(info))
        return analyzer.analyse(question, audience, self._allowed(audience, as_of), vector, info, exclude_group)

    def rank(self, analysis: Analysis) -> tuple[list[int], list[float]]:
        scores = self.ranker.score(analysis.features)
        ranked = order_candidates(analysis, scores, self._section_of, self.ws.settings.ranker_per_section)
        by_unit = {int(c): float(s) for c, s in zip(analysis.candidates, scores)}
        return ranked, [by_unit[i] for i in ranked]

    def judge_scope(self, analysis: Analysis, ranked: list[int], scores: list[float]) -> tuple[bool, str | None]:
        """(relevant, office): exact references and challenges of a Jobcenter decision are always relevant;
        otherwise the trained scope check."""
        if analysis.exact_first or challenges_decision(analysis.info.question):
            return True, None
        if self.scope is None:
            return bool(ranked), None
        x = scope_features(self.analyzer_for(analysis.audience), analysis, ranked, scores)
        if self.scope.p_out_of_scope(x, analysis.info.question) < self.scope.threshold:
            return True, None
        return False, self.scope.office(analysis.info.question)

    def _retrieve_learned(self, query: QueryAnalysis, audience: Audience, k: int,
                          allowed: np.ndarray) -> RetrievalResult:
        question = query.text
        analyzer = self.analyzer_for(audience)
        info = query_info(question, analyzer.lexical, query)
        dense = analyzer.vectors.shape[1] > 1  # `_no_vectors` while the store is not usable
        vector = self.ws.embedder.embed_query(dense_text(info)) if dense else np.zeros(1, dtype=np.float32)
        analysis = analyzer.analyse(question, audience, allowed, vector, info)
        ranked, scores = self.rank(analysis)
        exact = set(analysis.exact_first)  # they lead the ranking (the answer quotes their opening)
        hits = [Hit(self.units[i], s, float(analysis.dense[i]), float(analysis.bm25[i]), i in exact)
                for i, s in zip(ranked[:k], scores[:k])]
        if dense:
            relevant, office = self.judge_scope(analysis, ranked, scores)
        else:  # the trained scope check needs the dense signals
            relevant, office = self._lexically_relevant(question, bool(analysis.exact_first), hits), None
        confidence = 1.0 if analysis.exact_first else float(analysis.dense.max())
        return RetrievalResult(question, audience, hits, relevant, confidence,
                               list(analysis.info.references), office, lexical_only=not dense, query=query)

    def _lexically_relevant(self, question: str, exact: bool, hits: list[Hit]) -> bool:
        """Without vectors: exact references, or sources that match the question's words and topic."""
        if exact:
            return True
        top = [h for h in hits[: self.params.support_depth] if h.lexical > 0]
        if not top:
            return False
        found = self._tokens_of(top)
        return self._in_scope(question, found) and self._specific_terms_supported(question, found)

    def _law_first(self, fused: np.ndarray) -> list[int]:
        """Ranked units, with each guideline Randzeichen preceded by the best unit of the section it explains.

        Guidelines speak closer to everyday words and would crowd the law out; this keeps them beside
        the law rather than in its place.
        """
        order = [int(i) for i in np.argsort(-fused) if fused[i] > 0][: self.ws.settings.candidate_k]
        best_law: dict[str, int] = {}
        for i in order:
            su = self.units[i]
            if su.kind == DocKind.LAW and su.unit.doc == self.params.primary_law:
                best_law.setdefault(su.unit.section, i)
        ranked: list[int] = []
        placed: set[int] = set()
        for i in order:
            su = self.units[i]
            law = best_law.get(su.unit.section) if su.kind == DocKind.GUIDELINE else None
            if law is not None and law not in placed and fused[law] >= self.params.law_first_ratio * fused[i]:
                ranked.append(law)
                placed.add(law)
            if i not in placed:
                ranked.append(i)
                placed.add(i)
        return ranked

    def _diversified(self, ranked: list[int]) -> list[int]:
        """At most `per_section` units of a section in a row; the rest follow after the other sections."""
        counts: dict[int, int] = {}
        first, deferred = [], []
        for i in ranked:
            sid = int(self._section_of[i])
            counts[sid] = counts.get(sid, 0) + 1
            (first if counts[sid] <= self.params.per_section else deferred).append(i)
        return first + deferred

    def _dense_scores(self, query: str, audience: Audience, allowed: np.ndarray) -> np.ndarray | None:
        """Cosine of the `candidate_k` nearest units the audience may see (0 elsewhere), from the active units'
        vectors read at load time; None when the store is not usable.

        Not a Chroma nearest-neighbour query: an embedded Chroma opened after another process's ingest can
        return neighbours from an older HNSW index that lacks the new units, for as long as the process runs
        (seen under load in tests/ingest/test_live_index.py), while the vectors read by id are complete."""
        vectors = self._vectors
        if not self.dense_available or vectors is None:
            return None
        scores = np.zeros(len(self.units), dtype=np.float32)
        similarity = vectors @ np.asarray(self.ws.embedder.embed_query(query), dtype=np.float32)
        visible = np.flatnonzero(allowed)
        k = min(self.ws.settings.candidate_k, len(visible))
        if k:
            nearest = visible[np.argpartition(-similarity[visible], k - 1)[:k]]
            scores[nearest] = similarity[nearest]
        return scores

    def _fuse(self, dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """Weighted fusion over the candidates of each side: reciprocal ranks or normalised scores."""
        p = self.params
        if p.fusion == "score":
            fused = np.zeros_like(dense)
            for scores, weight in ((dense, p.dense_weight), (lexical, p.lexical_weight)):
                candidates = scores > 0
                if not candidates.any():
                    continue
                lo, hi = float(scores[candidates].min()), float(scores.max())
                fused += np.where(candidates, weight * (scores - lo) / max(hi - lo, 1e-6), 0.0)
            return fused
        fused = np.zeros_like(dense)
        for scores, weight in ((dense, p.dense_weight), (lexical, p.lexical_weight)):
            candidates = np.flatnonzero(scores > 0)
            if not len(candidates):
                continue
            ranked = candidates[np.argsort(-scores[candidates])][: self.ws.settings.candidate_k]
            fused[ranked] += weight / (p.rrf_k + np.arange(1, len(ranked) + 1))
        return fused * (p.rrf_k + 1)

    def _title_scores(self, query: str, audience: Audience = Audience.STAFF) -> np.ndarray:
        """Reciprocal rank of each unit's section among the sections whose titles match the query."""
        p = self.params
        if not p.title_weight:
            return np.zeros(len(self.units), dtype=np.float32)
        scores = self._titles[audience].scores(query)
        matched = np.flatnonzero(scores > 0)
        section_rrf = np.zeros(len(scores), dtype=np.float32)
        ranked = matched[np.argsort(-scores[matched])][: self.ws.settings.candidate_k]
        section_rrf[ranked] = p.title_weight * (p.rrf_k + 1) / (p.rrf_k + np.arange(1, len(ranked) + 1))
        return section_rrf[self._section_of]

    def _confidence(self, dense: np.ndarray, exact: bool) -> float:
        """Cosine similarity of the closest unit: low means nothing in the sources is near the question."""
        if exact:
            return 1.0
        return float(dense.max()) if len(dense) else 0.0

    def _tokens_of(self, hits: list[Hit]) -> frozenset[str]:
        """The lexical tokens of these units (computed once, when the index was built)."""
        return frozenset().union(*(self.lexical.token_sets[self._position[h.unit.chroma_id]] for h in hits))

    def _in_scope(self, question: str, found: frozenset[str]) -> bool:
        """A question about a neighbouring topic (Kindergeld, Mietrecht …) is answered only when it asks
        within the Bürgergeld context and the best sources speak of that topic."""
        topics = outside_topics(question)
        if not topics or challenges_decision(question):
            return True
        if not has_anchor(question):
            return False
        return all(any(t in found for t in self.lexical.tokens(topic)) for topic in topics)

    def _specific_terms_supported(self, question: str, found: frozenset[str]) -> bool:
        """Do the question's specific words (rare or unknown in the corpus) occur in the best sources?

        A German question whose specific terms ("Deutschlandticket", "Mindestlohn") appear in none of
        the top sources is about something else — unless the glossary recognised its everyday words
        (then the law says it in other terms, as "Mitgliedsbeitrag" → "Teilhabe … Sport, Spiel, Kultur").
        Other languages rely on the similarity floor alone.
        """
        if not is_german(question):
            return True
        df, limit = self.lexical.document_frequency, self.params.rare_term_max_df
        specific = [
            w for w in words(" ".join(german_nouns(question)))
            if len(w) >= 5 and w.isalpha() and w not in QUERY_NOISE and not covered_by_glossary(w)
            and df.get(self.lexical.tokens(w)[0], 0) < limit
        ]
        if not specific:
            return True
        return any(t in found for w in specific for t in (*self.lexical.tokens(w), self.lexical.head_stem(w)))


BOOK_NAMES = {"Ersten": "SGB I", "Dritten": "SGB III", "Zehnten": "SGB X", "Zwölften": "SGB XII"}
CITATION_RE = re.compile(
    r"§§?\s*(?P<nums>\d+[a-z]?(?:\s*(?:,|und|bis)\s*\d+[a-z]?)*)[^§]{0,80}?des\s+"
    r"(?P<book>Ersten|Dritten|Zehnten|Zwölften)\s+Buches")


def cited_sections(texts: list[str]) -> set[tuple[str, str]]:
    """Sections of other books that the primary law cites ("§§ 28a und 40 des Zwölften Buches")."""
    cited: set[tuple[str, str]] = set()
    for text in texts:
        for m in CITATION_RE.finditer(text):
            for num in re.findall(r"\d+[a-z]?", m.group("nums")):
                cited.add((BOOK_NAMES[m.group("book")], f"§ {num}"))
    return cited


def _anchor_section(unit) -> str:
    """The section a unit belongs to; an Anlage "(zu § 28)" belongs to § 28."""
    if unit.section.startswith("Anlage") and (m := re.search(r"zu\s+§\s*(\d+[a-z]?)", unit.title)):
        return f"§ {m.group(1)}"
    return unit.section
