"""The vector store: ChromaDB, embedded (PersistentClient) or a Chroma server (HttpClient).

Every operation turns a lost store (server down, collection gone, an embedded store rewritten by another
process) into `StoreUnavailable`, a German message that names the vector store. `reopen()` drops the
client and opens it again: the embedded client caches the store's state per path (chromadb's
SharedSystemClient), so a write by another process is only seen after a reopen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from .config import Settings
from .errors import UserFacingError

log = logging.getLogger(__name__)
T = TypeVar("T")


class StoreUnavailable(UserFacingError):
    """The vector store cannot be used: the Chroma server is down, or the collection is missing or stale."""

    refused_input = False

    def __init__(self, settings: Settings, cause: BaseException) -> None:
        super().__init__(f"Der Vektorspeicher ({describe_store(settings)}) ist nicht erreichbar oder nicht "
                         f"nutzbar ({type(cause).__name__}).")
        log.info("vector store not usable: %r", cause)
        self.cause = cause


def describe_store(settings: Settings) -> str:
    if settings.chroma_mode == "server":
        return f"Chroma-Server {settings.chroma_host}:{settings.chroma_port}"
    return f"Chroma eingebettet in {settings.chroma_path}"


def _store_errors() -> tuple[type[BaseException], ...]:
    import httpx
    from chromadb.errors import InternalError, NotFoundError

    return (NotFoundError, InternalError, httpx.TransportError, ConnectionError)


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_mode == "server":
        headers = {"X-Chroma-Token": settings.chroma_token} if settings.chroma_token else None
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, headers=headers, settings=chroma_settings
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def _close_client(client) -> None:
    """Release the client; an embedded store's cached state is dropped so the next client reads the disk."""
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = getattr(client, "_identifier", None)
    try:
        client.close()
    except Exception:  # noqa: BLE001 - closing a broken client must not hide the reopen
        log.debug("closing the Chroma client failed", exc_info=True)
    # Another client of the same path in this process keeps the old state alive: new clients must not get
    # it. Its reference count stays, so closing that other client later never stops the new state.
    if identifier:
        SharedSystemClient._identifier_to_system.pop(identifier, None)


class VectorStore:
    """One Chroma collection per embedding model, so switching models never mixes dimensions."""

    def __init__(self, settings: Settings, model_name: str) -> None:
        self.settings = settings
        safe_model = "".join(c if c.isalnum() else "-" for c in model_name).strip("-")[:40] or "model"
        self.name = f"{settings.collection_prefix}-{safe_model}"
        self._lock = threading.RLock()
        self._client = None
        self._collection = None
        self._open()

    def _open(self) -> None:
        try:
            client = make_client(self.settings)
            collection = client.get_or_create_collection(
                name=self.name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
        except (ValueError, *_store_errors()) as exc:  # HttpClient: ValueError "Could not connect …"
            raise StoreUnavailable(self.settings, exc) from exc
        self._client, self._collection = client, collection

    @property
    def collection(self):
        if self._collection is None:
            with self._lock:
                if self._collection is None:
                    self._open()
        return self._collection

    def reopen(self) -> None:
        """A fresh client and collection: after another process wrote, or after the server came back."""
        with self._lock:
            old, self._client, self._collection = self._client, None, None
            if old is not None:
                _close_client(old)
            self._open()

    def _call(self, op: Callable[[], T]) -> T:
        """Run one operation; a stale client (another process wrote, the server restarted) gets one reopen.

        Operations hold the lock, so a reopen by another thread never closes a client in use."""
        errors = _store_errors()
        with self._lock:
            try:
                return op()
            except errors as first:
                log.info("vector store operation failed (%s), reopening", type(first).__name__)
                try:
                    self.reopen()
                    return op()
                except StoreUnavailable:
                    raise
                except errors as exc:
                    raise StoreUnavailable(self.settings, exc) from exc

    def count(self) -> int:
        return self._call(lambda: self.collection.count())

    def all_ids(self) -> set[str]:
        def op() -> set[str]:
            ids: set[str] = set()
            offset, page = 0, 5000
            while True:
                got = self.collection.get(include=[], limit=page, offset=offset)["ids"]
                ids.update(got)
                if len(got) < page:
                    return ids
                offset += page

        return self._call(op)

    def existing(self, ids: list[str]) -> set[str]:
        """The ids of these the store holds."""
        def op() -> set[str]:
            found: set[str] = set()
            for start in range(0, len(ids), 1000):
                found.update(self.collection.get(ids=ids[start:start + 1000], include=[])["ids"])
            return found

        return self._call(op)

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these ids (ids the store does not hold are left out)."""
        def op() -> dict[str, np.ndarray]:
            found: dict[str, np.ndarray] = {}
            for start in range(0, len(ids), 1000):
                got = self.collection.get(ids=ids[start:start + 1000], include=["embeddings"])
                found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
            return found

        return self._call(op)

    def upsert(self, ids: list[str], vectors: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        for start in range(0, len(ids), 1000):
            end = start + 1000
            self._call(lambda start=start, end=end: self.collection.upsert(
                ids=ids[start:end], embeddings=vectors[start:end].tolist(), documents=documents[start:end],
                metadatas=metadatas[start:end]))

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 1000):
            self._call(lambda start=start: self.collection.delete(ids=ids[start:start + 1000]))
