"""The vector store: ChromaDB, embedded (PersistentClient) or a Chroma server (HttpClient)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import Settings


@dataclass(frozen=True)
class DenseHit:
    chroma_id: str
    similarity: float  # cosine similarity


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


class VectorStore:
    """One Chroma collection per embedding model, so switching models never mixes dimensions."""

    def __init__(self, settings: Settings, model_name: str) -> None:
        self._client = make_client(settings)
        safe_model = "".join(c if c.isalnum() else "-" for c in model_name).strip("-")[:40] or "model"
        self.collection = self._client.get_or_create_collection(
            name=f"{settings.collection_prefix}-{safe_model}",
            metadata={"hnsw:space": "cosine"},
            embedding_function=None,
        )

    def all_ids(self) -> set[str]:
        ids: set[str] = set()
        offset, page = 0, 5000
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            ids.update(got)
            if len(got) < page:
                return ids
            offset += page

    def upsert(self, ids: list[str], vectors: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        for start in range(0, len(ids), 1000):
            end = start + 1000
            self.collection.upsert(
                ids=ids[start:end],
                embeddings=vectors[start:end].tolist(),
                documents=documents[start:end],
                metadatas=metadatas[start:end],
            )

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 1000):
            self.collection.delete(ids=ids[start:start + 1000])

    def query(self, vector: np.ndarray, n: int, where: dict | None = None) -> list[DenseHit]:
        count = self.collection.count()
        if count == 0:
            return []
        res = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=min(n, count), where=where, include=["distances"]
        )
        return [DenseHit(cid, 1.0 - float(dist)) for cid, dist in zip(res["ids"][0], res["distances"][0])]
