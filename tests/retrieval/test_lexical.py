"""The BM25 side of retrieval (`retrieval/lexical.py`) on the units of the real corpus: German stems and
compound parts, ranking, query noise, and the citizens' index that holds public units only."""

from __future__ import annotations

import random

import numpy as np
import pytest

from assistant.ingest import indexed_text
from assistant.model import Audience
from assistant.retrieval.lexical import LexicalIndex, SubsetIndex, audience_index, words
from assistant.workspace import Workspace

SAMPLED_UNITS = 60
QUERY_WORDS = 5
KDU_COST_CUTTING = "4. Karenzzeit und Kostensenkungsverfahren › 4.2 Kostensenkungsaufforderung"


@pytest.fixture(scope="module")
def corpus(built_workspace: Workspace) -> tuple[list, list[str], LexicalIndex]:
    units = built_workspace.catalog.active_units()
    texts = [indexed_text(su.unit) for su in units]
    return units, texts, LexicalIndex(texts)


def _position(units: list, label: str) -> int:
    return next(i for i, su in enumerate(units) if su.unit.label == label)


def test_inflected_forms_share_one_stem_and_stopwords_are_dropped(corpus) -> None:
    _units, _texts, index = corpus
    assert index.tokens("Leistungen") == index.tokens("Leistung")
    assert index.tokens("Einkommens") == index.tokens("Einkommen")
    assert index.tokens("Unterkünfte") == index.tokens("Unterkunft")  # the umlaut of the plural folds too
    assert index.tokens("Kosten der Unterkunft") == index.tokens("Kosten Unterkunft")
    assert words("Die Kosten der Unterkunft und Heizung") == ["kosten", "unterkunft", "heizung"]


def test_compounds_are_also_indexed_by_their_parts(corpus) -> None:
    units, _texts, index = corpus
    tokens = index.tokens("Kostensenkungsaufforderung")
    assert tokens[0] == "kostensenkungsaufforder" and "aufforder" in tokens[1:]
    scores = index.scores("Aufforderung")  # found through the compound's part
    assert scores[_position(units, KDU_COST_CUTTING)] > 0


def test_the_unit_with_the_query_words_ranks_first(corpus) -> None:
    units, _texts, index = corpus
    scores = index.scores("Kostensenkungsaufforderung Vorlage KdU-07")
    assert int(np.argmax(scores)) == _position(units, KDU_COST_CUTTING)
    # each sampled unit, searched by its rarest words: first (second at worst, beside a near-duplicate part)
    rng = random.Random(12)
    ranks = []
    for i in rng.sample(range(len(units)), SAMPLED_UNITS):
        candidates = [w for w in dict.fromkeys(words(units[i].unit.text)) if w.isalpha() and len(w) > 3]
        rare = sorted(candidates, key=lambda w: (sum(index.document_frequency[t] for t in index.tokens(w)), w))
        scores = index.scores(" ".join(rare[:QUERY_WORDS]))
        ranks.append(int((scores > scores[i]).sum()))
    assert max(ranks) <= 1, ranks
    assert ranks.count(0) >= 0.9 * SAMPLED_UNITS, ranks


def test_words_every_question_contains_do_not_count(corpus) -> None:
    _units, _texts, index = corpus
    assert np.array_equal(index.scores("Bürgergeld Jobcenter Mietschulden"), index.scores("Mietschulden"))
    assert not index.scores("der die das und").any()  # stopwords only: nothing is relevant


def test_the_citizens_index_never_scores_internal_units_and_has_its_own_statistics(corpus) -> None:
    units, texts, index = corpus
    public = np.array([Audience.CITIZEN.may_see(su.visibility) for su in units], dtype=bool)
    assert 0 < public.sum() < len(units)  # the corpus has internal units (the KdU-Richtlinie)
    citizen = audience_index(texts, public, index)
    assert isinstance(citizen, SubsetIndex)
    query = "Kostensenkungsaufforderung Vorlage KdU-07 Ansprechpersonen Fachteam"
    assert index.scores(query)[~public].max() > 0  # staff find the internal unit ...
    scores = citizen.scores(query)
    assert not scores[~public].any()  # ... citizens never score it
    alone = LexicalIndex([t for t, keep in zip(texts, public) if keep]).scores(query)
    assert np.allclose(scores[public], alone)  # idf and lengths of the public units only
    staff = np.array([Audience.STAFF.may_see(su.visibility) for su in units], dtype=bool)
    assert staff.all() and audience_index(texts, staff, index) is index
