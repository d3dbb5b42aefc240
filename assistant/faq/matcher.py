"""Which curated entry a question asks for: dense (e5, every language) and lexical similarity to the entries'
question variants, with its own calibrated threshold (scripts/calibrate_faq.py writes it into config)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..catalog import Catalog
from ..embedding import Embedder
from ..retrieval.lexical import QUERY_NOISE, words

QUERY_KIND = "query"  # cache key suffix: variants are embedded as e5 queries, like the question



@dataclass(frozen=True)
class Match:
    entry_id: str
    score: float  # combined similarity of the best variant
    dense: float
    lexical: float
    margin: float  # distance to the best variant of another entry
    variant: str


def _hash(text: str) -> str:
    return hashlib.sha256(f"{QUERY_KIND}\x1f{text}".encode()).hexdigest()


def shipped_query_vectors_path(corpus_dir: Path, model: str) -> Path:
    return corpus_dir / "embeddings" / f"faq-{model}.npz"


def embed_queries(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    batch = getattr(embedder, "embed_queries", None)
    if batch is not None:
        return np.asarray(batch(list(texts)), dtype=np.float32)
    return np.stack([embedder.embed_query(t) for t in texts]) if texts else np.zeros((0, 384), np.float32)


def query_vectors(texts: Sequence[str], embedder: Embedder, catalog: Catalog, corpus_dir: Path,
                  progress=None) -> np.ndarray:
    """Vectors of the texts as queries: from the catalog's cache, the shipped file, or embedded now."""
    model = f"{embedder.name}:{QUERY_KIND}"
    hashes = [_hash(t) for t in texts]
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
        fresh = dict(zip((h for h, _ in chunk), embed_queries(embedder, [t for _, t in chunk])))
        catalog.store_embeddings(model, fresh)
        found.update(fresh)
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return np.stack([found[h] for h in hashes]).astype(np.float32)


def _tokens(text: str) -> frozenset[str]:
    from ..retrieval.lexical import _stemmer

    stem = _stemmer().stemWord
    return frozenset(stem(w) for w in words(text) if w not in QUERY_NOISE)


class FaqMatcher:
    """Nearest question variant per entry; `match()` applies the threshold and the margin rule."""

    def __init__(self, variants: Sequence[tuple[str, str]], vectors: np.ndarray, *, threshold: float,
                 lexical_weight: float, min_margin: float) -> None:
        self.entry_ids = [e for e, _ in variants]
        self.texts = [t for _, t in variants]
        self.vectors = vectors
        self.token_sets = [_tokens(t) for t in self.texts]
        self.threshold = threshold
        self.lexical_weight = lexical_weight
        self.min_margin = min_margin

    def ranked(self, question: str, query_vector: np.ndarray, allowed: set[str] | None = None) -> list[Match]:
        """Entries by the score of their best variant (at most one per entry), best first."""
        if not self.texts:
            return []
        dense = self.vectors @ np.asarray(query_vector, dtype=np.float32)
        q = _tokens(question)
        lexical = np.array([len(q & t) / max(1, len(q | t)) for t in self.token_sets], dtype=np.float32)
        combined = dense + self.lexical_weight * lexical
        best: dict[str, int] = {}
        for i in np.argsort(-combined):
            entry = self.entry_ids[i]
            if (allowed is None or entry in allowed) and entry not in best:
                best[entry] = int(i)
        order = list(best.items())
        out: list[Match] = []
        for rank, (entry, i) in enumerate(order):
            runner = float(combined[order[rank + 1][1]]) if rank + 1 < len(order) else 0.0
            out.append(Match(entry, float(combined[i]), float(dense[i]), float(lexical[i]),
                             float(combined[i]) - runner if rank == 0 else 0.0, self.texts[i]))
        return out

    def match(self, question: str, query_vector: np.ndarray, allowed: set[str] | None = None) -> Match | None:
        ranked = self.ranked(question, query_vector, allowed)
        if not ranked:
            return None
        top = ranked[0]
        if top.score >= self.threshold and top.margin >= self.min_margin:
            return top
        return None
