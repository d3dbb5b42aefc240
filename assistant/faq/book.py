"""The curated answers a running process serves: the active entries and their matcher, reloaded when the
catalog changes (an ingest, or an editor's change in the Redaktion)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from ..model import Audience
from ..workspace import Workspace
from .matcher import FaqMatcher, Match, query_vectors
from .store import EntryStatus, FaqStore, StoredEntry

log = logging.getLogger(__name__)


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

    def _load(self) -> None:
        settings = self.ws.settings
        generation = self.ws.catalog.generation()
        entries = FaqStore(self.ws.catalog).entries()
        served = {e.entry.id: e for e in entries if e.status is EntryStatus.ACTIVE}
        variants = [(entry_id, q) for entry_id, e in served.items() for t in e.entry.texts.values() for q in t.questions]
        vectors = query_vectors([q for _, q in variants], self.ws.embedder, self.ws.catalog, settings.corpus_dir)
        self.served = served
        self.matcher = FaqMatcher(variants, vectors, threshold=settings.faq_threshold,
                                  lexical_weight=settings.faq_lexical_weight, min_margin=settings.faq_min_margin)
        self._generation = generation
        log.info("curated answers: %d served of %d", len(served), len(entries))

    def refresh(self) -> None:
        with self._lock:
            if self._generation != self.ws.catalog.generation():
                self._load()

    def allowed(self, audience: Audience) -> set[str]:
        if audience == Audience.CITIZEN:
            return {i for i, e in self.served.items() if e.entry.for_citizens()}
        return {i for i, e in self.served.items() if e.entry.for_staff()}

    def find(self, question: str, audience: Audience, query_vector=None) -> CuratedHit | None:
        if not self.ws.settings.faq_enabled:
            return None
        self.refresh()
        if self.matcher is None or not self.served:
            return None
        vector = self.ws.embedder.embed_query(question) if query_vector is None else query_vector
        match = self.matcher.match(question, vector, self.allowed(audience))
        return CuratedHit(self.served[match.entry_id], match) if match else None


_books: dict[int, FaqBook] = {}
_books_lock = threading.Lock()


def faq_book(workspace: Workspace) -> FaqBook:
    """One book per workspace (the app, the CLI and the tests each hold one)."""
    with _books_lock:
        book = _books.get(id(workspace))
        if book is None or book.ws is not workspace:
            book = _books[id(workspace)] = FaqBook(workspace)
        return book
