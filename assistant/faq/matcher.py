"""Which curated entry a question asks for: a classifier over e5 vectors trained on the entries' own texts
(classifier.py); optionally also gated by the similarity of the entry's nearest question variant. The limits are
calibrated on eval/faq/tune.jsonl by scripts/calibrate_faq.py and live in config."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..catalog import Catalog
from ..embedding import Embedder
from .classifier import EntryClassifier

QUERY_KIND = "query"  # question variants are embedded as e5 queries, like the citizen's question
PASSAGE_KIND = "passage"  # answer texts as e5 passages
NOT_COVERED = ""  # the classifier's class of questions no entry answers (entry ids are never empty)


@dataclass(frozen=True)
class Match:
    entry_id: str
    score: float  # the classifier's probability for the entry
    dense: float  # cosine similarity of the entry's nearest question variant
    margin: float  # lead of the probability over the next entry (first match only)
    variant: str


def text_hash(text: str, kind: str = QUERY_KIND) -> str:
    return hashlib.sha256(f"{kind}\x1f{text}".encode()).hexdigest()


def shipped_query_vectors_path(corpus_dir: Path, model: str) -> Path:
    return corpus_dir / "embeddings" / f"faq-{model}.npz"


def shipped_classifier_path(corpus_dir: Path, model: str) -> Path:
    return corpus_dir / "embeddings" / f"faq-classifier-{model}.npz"


def embed_texts(embedder: Embedder, texts: Sequence[str], kind: str = QUERY_KIND) -> np.ndarray:
    if kind == PASSAGE_KIND:
        return np.asarray(embedder.embed_passages(list(texts)), dtype=np.float32)
    batch = getattr(embedder, "embed_queries", None)
    if batch is not None:
        return np.asarray(batch(list(texts)), dtype=np.float32)
    return np.stack([embedder.embed_query(t) for t in texts]).astype(np.float32)


def text_vectors(texts: Sequence[str], embedder: Embedder, catalog: Catalog, corpus_dir: Path,
                 kind: str = QUERY_KIND, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Vectors of the texts (as e5 queries or passages): from the catalog's cache, the shipped file, or embedded."""
    model = f"{embedder.name}:{kind}"
    hashes = [text_hash(t, kind) for t in texts]
    found = catalog.cached_embeddings(model, hashes)
    path = shipped_query_vectors_path(corpus_dir, embedder.name)
    missing = set(hashes) - set(found)
    if missing and path.exists():
        with np.load(path) as data:
            shipped_hashes, shipped_vectors = data["hashes"], data["vectors"]  # each access decompresses: once
        shipped = {str(h): shipped_vectors[i] for i, h in enumerate(shipped_hashes) if str(h) in missing}
        if shipped:
            catalog.store_embeddings(model, shipped)
            found.update(shipped)
    todo = sorted({h: t for h, t in zip(hashes, texts) if h not in found}.items())
    for start in range(0, len(todo), 32):
        chunk = todo[start:start + 32]
        if progress:
            progress(start, len(todo))
        fresh = dict(zip((h for h, _ in chunk), embed_texts(embedder, [t for _, t in chunk], kind)))
        catalog.store_embeddings(model, fresh)
        found.update(fresh)
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([found[h] for h in hashes]).astype(np.float32)


class FaqMatcher:
    """`ranked()` orders the entries by the classifier; `match()` applies the calibrated limits."""

    def __init__(self, variants: Sequence[tuple[str, str]], vectors: np.ndarray, classifier: EntryClassifier, *,
                 threshold: float, min_dense: float, min_margin: float, confident_floor: float = 1.0,
                 confident_ratio: float = 1.0) -> None:
        self.entry_ids = [e for e, _ in variants]
        self.texts = [t for _, t in variants]
        self.vectors = vectors
        self.classifier = classifier
        self.threshold = threshold
        self.min_dense = min_dense
        self.min_margin = min_margin
        self.confident_floor = confident_floor
        self.confident_ratio = confident_ratio
        rows: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(self.entry_ids):
            rows[entry].append(i)
        self._rows = {entry: np.array(r) for entry, r in rows.items()}  # the variants of each entry

    def ranked(self, query_vector: np.ndarray, allowed: set[str] | None = None, limit: int = 5) -> list[Match]:
        """The most probable entries (those it may serve), best first."""
        if not self.texts or not self.classifier.classes:
            return []
        vector = np.asarray(query_vector, dtype=np.float32)
        probabilities = self.classifier.probabilities(vector)
        dense = self.vectors @ vector
        order = [i for i in np.argsort(-probabilities)
                 if self.classifier.classes[i] in self._rows
                 and (allowed is None or self.classifier.classes[i] in allowed)][: limit + 1]
        out: list[Match] = []
        for rank, i in enumerate(order[:limit]):
            entry = self.classifier.classes[i]
            rows = self._rows[entry]
            nearest = int(rows[np.argmax(dense[rows])])
            runner = float(probabilities[order[rank + 1]]) if rank + 1 < len(order) else 0.0
            out.append(Match(entry, float(probabilities[i]), float(dense[nearest]),
                             float(probabilities[i]) - runner if rank == 0 else 0.0, self.texts[nearest]))
        return out

    def probabilities(self, query_vector: np.ndarray) -> dict[str, float]:
        """The classifier's probability per class: every entry, and NOT_COVERED (no entry answers it)."""
        values = self.classifier.probabilities(np.asarray(query_vector, dtype=np.float32))
        return dict(zip(self.classifier.classes, map(float, values)))

    def accepts(self, match: Match, not_covered: float | None = None) -> bool:
        """Above the threshold; or, given the probability that no entry answers the whole question
        (`not_covered`), below it but clearly ahead (`clearly_ahead`)."""
        if match.dense < self.min_dense:
            return False
        if match.score >= self.threshold and match.margin >= self.min_margin:
            return True
        return not_covered is not None and self.clearly_ahead(match, not_covered)

    def clearly_ahead(self, match: Match, not_covered: float = 0.0) -> bool:
        """At least `confident_floor` and `confident_ratio` times as likely as the runner-up entry and as the class
        of questions no entry answers: a question that spreads its probability over many entries but clearly
        points to one (first match only: `margin` is the lead over the runner-up)."""
        runner = max(match.score - match.margin, not_covered)
        return (match.score >= self.confident_floor and match.margin > 0
                and match.score >= self.confident_ratio * runner)

    def match(self, query_vector: np.ndarray, allowed: set[str] | None = None,
              agreeing: Collection[str] = (), bonus: float = 0.0, candidates: int = 5) -> Match | None:
        """The best entry if it passes the limits. Entries in `agreeing` (their cited sections are among
        retrieval's top units) get `bonus` added to their probability before the best one is chosen."""
        ranked = self.ranked(query_vector, allowed, limit=candidates if bonus else 1)
        if not ranked:
            return None
        rescored = [replace(m, score=m.score + (bonus if m.entry_id in agreeing else 0.0)) for m in ranked]
        best = max(rescored, key=lambda m: m.score)
        if best is not rescored[0]:
            runner = max(m.score for m in rescored if m is not best)
            best = replace(best, margin=best.score - runner)
        if self.accepts(best):
            return best
        if best.score < self.confident_floor:
            return None  # cannot be clearly ahead: spare the classifier's second pass
        not_covered = self.probabilities(query_vector).get(NOT_COVERED, 0.0)
        return best if self.accepts(best, not_covered) else None
