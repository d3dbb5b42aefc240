"""The curated answers a running process serves: the active entries and their matcher, reloaded when the
catalog changes (an ingest, or an editor's change in the Redaktion)."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from ..catalog import StoredUnit
from ..config import Settings
from ..model import Audience, DocKind
from ..retrieval.features import PRIMARY_LAW
from ..workspace import Workspace
from .classifier import trained_classifier
from .matcher import (NOT_COVERED, PASSAGE_KIND, FaqMatcher, Match, embed_texts, shipped_classifier_path, text_hash,
                      text_vectors)
from .parts import question_parts
from .store import EntryStatus, FaqStore, StoredEntry

log = logging.getLogger(__name__)

SECTION_RE = re.compile(r"§\s*\d+[a-z]?")


@dataclass(frozen=True)
class CuratedHit:
    stored: StoredEntry
    match: Match


class FaqBook:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self._lock = threading.Lock()
        self._generation = -1
        self.served: dict[str, StoredEntry] = {}
        self.matcher: FaqMatcher | None = None
        self._sections: dict[str, frozenset[tuple[str, str]]] = {}

    def _load(self) -> None:
        settings = self.ws.settings
        generation = self.ws.catalog.generation()
        entries = FaqStore(self.ws.catalog).entries()
        served = {e.entry.id: e for e in entries if e.status is EntryStatus.ACTIVE}
        self.matcher = build_matcher(self.ws, served) if served else None
        self.served = served
        self._sections = {entry_id: frozenset(section_key(su) for su in e.units) for entry_id, e in served.items()}
        self._generation = generation
        log.info("curated answers: %d served of %d", len(served), len(entries))

    def refresh(self) -> None:
        with self._lock:
            if self._generation != self.ws.catalog.generation():
                self._load()

    def allowed(self, audience: Audience) -> set[str]:
        if audience.is_citizen:
            return {i for i, e in self.served.items() if e.entry.for_citizens()}
        return {i for i, e in self.served.items() if e.entry.for_staff()}

    def agreeing(self, evidence: Sequence[StoredUnit]) -> set[str]:
        """Entries that cite a section among the first units retrieval found for the question."""
        found = {section_key(su) for su in evidence[: self.ws.settings.faq_agreement_depth]}
        return {entry_id for entry_id, sections in self._sections.items() if sections & found}

    def find(self, question: str, audience: Audience, query_vector=None,
             evidence: Sequence[StoredUnit] = ()) -> CuratedHit | None:
        settings = self.ws.settings
        if not settings.faq_enabled:
            return None
        self.refresh()
        if self.matcher is None or not self.served:
            return None
        vector = self.ws.embedder.embed_query(question) if query_vector is None else query_vector
        match = self.matcher.match(vector, self.allowed(audience), agreeing=self.agreeing(evidence),
                                   bonus=settings.faq_agreement_bonus)
        return CuratedHit(self.served[match.entry_id], match) if match else None

    def suggest(self, question: str, audience: Audience, query_vector=None) -> CuratedHit | None:
        """The likeliest entry when `find` served none: at least `faq_suggest_threshold`, and likelier than
        the class of questions no entry answers."""
        settings = self.ws.settings
        if not settings.faq_enabled or settings.faq_suggest_threshold >= 1:
            return None
        self.refresh()
        if self.matcher is None:
            return None
        vector = self.ws.embedder.embed_query(question) if query_vector is None else query_vector
        ranked = self.matcher.ranked(vector, self.allowed(audience), limit=1)
        if not ranked or ranked[0].score < settings.faq_suggest_threshold:
            return None
        if ranked[0].score <= self.matcher.probabilities(vector).get(NOT_COVERED, 0.0):
            return None
        return CuratedHit(self.served[ranked[0].entry_id], ranked[0])

    def find_parts(self, question: str, audience: Audience, query_vector=None, *,
                   answered: Collection[str] | None = None, limit: int = 2,
                   part_vectors: Sequence[Callable[[], np.ndarray]] | None = None) -> list[CuratedHit]:
        """Entries for the parts of a question that asks several things ("… und welche Unterlagen brauche ich?")
        or wraps its question in a story, each part matched on its own with the same limits. An entry counts
        when the whole question makes it likely too (a part read without its context may mean something else:
        "Was gibt es für die Erstausstattung?" after "Ich bin schwanger" is not the flat's furniture), or when
        the part alone makes it very likely (`faq_parts_alone`) and the whole question not negligible.
        `answered`: the entries the main answer already covers (a curated entry, or those a calculation makes
        redundant); None when there is no main answer."""
        settings = self.ws.settings
        parts = question_parts(question)
        # with a main answer, a lone question part is that same question: only further parts add anything
        if (not settings.faq_enabled or limit <= 0 or parts == [question.strip()]
                or (answered is not None and len(parts) < 2)):
            return []
        self.refresh()
        if self.matcher is None:
            return []
        allowed = self.allowed(audience)
        whole = self.ws.embedder.embed_query(question) if query_vector is None else query_vector
        in_context = whole_probabilities = self.matcher.probabilities(whole)
        taken = set(answered or ())
        # the whole question's probabilities among the entries not answered yet
        rest = max(1.0 - sum(in_context.get(e, 0.0) for e in taken), 1e-6)
        in_context = {e: p / rest for e, p in in_context.items() if e in allowed and e not in taken}
        found: list[CuratedHit] = []
        vectors = [later() for later in part_vectors] if part_vectors else embed_texts(self.ws.embedder, parts)
        for index, vector in enumerate(vectors):
            # the part's likeliest entries, weighed by how likely the whole question makes them
            ranked = self.matcher.ranked(vector, allowed, limit=settings.faq_parts_candidates + len(taken))
            candidates = [m for m in ranked if m.entry_id not in taken][: settings.faq_parts_candidates]
            if not candidates:
                continue
            # a part an entry already given answers nearly as well as its best candidate adds nothing ("What is
            # the BuT?" after the BuT overview)
            given = max((m.score for m in ranked if m.entry_id in taken), default=0.0)
            if given >= settings.faq_parts_answered_ratio * candidates[0].score:
                continue
            weighed = [(m.score * in_context.get(m.entry_id, 0.0), m) for m in candidates
                       if m.score * in_context.get(m.entry_id, 0.0) >= settings.faq_parts_min_weight]
            # a further part that is a sentence of its own ("Mein Bewilligungszeitraum ist abgelaufen … Krieg ich
            # für März Geld?") and makes an entry likely on its own: that entry counts even when the whole
            # question, dominated by the other part, gives it little (a short fragment leans on its context)
            alone = [m for m in candidates[:1]
                     if (found or answered is not None) and m.score >= settings.faq_parts_alone
                     and whole_probabilities.get(m.entry_id, 0.0) >= settings.faq_parts_alone_context
                     and len(parts[index].split()) >= settings.faq_parts_alone_min_words]
            if alone:
                match = alone[0]
            elif weighed:
                _, match = max(weighed, key=lambda pair: pair[0])
            else:
                continue
            if answered is None and not found and not self.matcher.accepts(match):
                continue  # the main answer: the part must pass the limits a whole question passes
            taken.add(match.entry_id)
            found.append(CuratedHit(self.served[match.entry_id], match))
            if len(found) >= limit:
                break
        return found


def section_key(su: StoredUnit) -> tuple[str, str]:
    """(law, section) a unit belongs to; a guideline's Randzeichen counts for the SGB II section it explains."""
    section = SECTION_RE.match(su.unit.section)
    name = section.group(0) if section else su.unit.section
    return (PRIMARY_LAW if su.kind == DocKind.GUIDELINE else su.unit.doc, name)


def training_texts(served: dict[str, StoredEntry]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(entry, question variant) in every language, and (entry, answer text) in every language."""
    variants = [(entry_id, q) for entry_id, e in served.items() for t in e.entry.texts.values() for q in t.questions]
    answers = [(entry_id, t.answer) for entry_id, e in served.items() for t in e.entry.texts.values()]
    return variants, answers


def not_covered_questions(settings: Settings) -> list[str]:
    """Questions no entry answers (neighbouring topics, small talk): the classifier's "not covered" class."""
    path = settings.faq_not_covered_file
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def build_matcher(ws: Workspace, served: dict[str, StoredEntry]) -> FaqMatcher:
    settings = ws.settings
    variants, answers = training_texts(served)
    negatives = not_covered_questions(settings)
    variant_vectors = text_vectors([q for _, q in variants], ws.embedder, ws.catalog, settings.corpus_dir)
    answer_vectors = text_vectors([a for _, a in answers], ws.embedder, ws.catalog, settings.corpus_dir,
                                  kind=PASSAGE_KIND)
    negative_vectors = text_vectors(negatives, ws.embedder, ws.catalog, settings.corpus_dir)
    labels = [e for e, _ in variants] + [e for e, _ in answers] + [NOT_COVERED] * len(negatives)
    hashes = ([text_hash(q) for _, q in variants] + [text_hash(a, PASSAGE_KIND) for _, a in answers]
              + [text_hash(q) for q in negatives])
    classifier = trained_classifier(
        labels, hashes, np.vstack([variant_vectors, answer_vectors, negative_vectors]),
        regularisation=settings.faq_regularisation,
        candidates=[shipped_classifier_path(settings.corpus_dir, ws.embedder.name)],
        cache=settings.index_dir / f"faq-classifier-{ws.embedder.name}.npz")
    return FaqMatcher(variants, variant_vectors, classifier, threshold=settings.faq_threshold,
                      min_dense=settings.faq_min_dense, min_margin=settings.faq_min_margin,
                      confident_floor=settings.faq_confident_floor, confident_ratio=settings.faq_confident_ratio)


_books: dict[int, FaqBook] = {}
_books_lock = threading.Lock()


def faq_book(workspace: Workspace) -> FaqBook:
    """One book per workspace (the app, the CLI and the tests each hold one)."""
    with _books_lock:
        book = _books.get(id(workspace))
        if book is None or book.ws is not workspace:
            book = _books[id(workspace)] = FaqBook(workspace)
        return book
