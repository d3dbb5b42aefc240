"""One visibility rule (`Audience.visible` in assistant/model.py), and one test per layer that applies it.

Each layer test uses the real corpus, index and Chroma, and a question whose best unit for staff is
internal (the fictitious KdU-Richtlinie Beispielkreis): were the layer's filter missing, that unit
would reach a citizen through it. The other layers stay in place, so each test fails on its own layer.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from assistant.answering.service import answer
from assistant.model import Audience, Visibility
from assistant.retrieval.references import Reference
from assistant.retrieval.retriever import RetrievalResult, Retriever
from assistant.workspace import Workspace

QUESTION = "Wie hoch ist die Mietobergrenze Beispielkreis für eine Person?"
INTERNAL_DOC = "KdU-Richtlinie Beispielkreis"


@pytest.fixture(scope="module")
def retriever(built_workspace: Workspace) -> Retriever:
    return Retriever(built_workspace)


@pytest.fixture(scope="module")
def rules_retriever(built_workspace: Workspace) -> Retriever:
    settings = built_workspace.settings.model_copy(update={"ranker": "rules"})
    return Retriever(Workspace(settings))


def _internal(retriever: Retriever) -> np.ndarray:
    return np.array([su.visibility == Visibility.INTERNAL for su in retriever.units], dtype=bool)


def test_the_rule() -> None:
    assert Audience.CITIZEN.may_see("public") and Audience.CITIZEN.may_see(Visibility.PUBLIC)
    assert not Audience.CITIZEN.may_see("internal") and not Audience.CITIZEN.may_see("")
    assert all(a.may_see(v) for a in (Audience.STAFF, Audience.EDITOR) for v in Visibility)
    assert Audience.coerce("citizen") is Audience.CITIZEN and Audience.coerce(Audience.STAFF) is Audience.STAFF
    with pytest.raises(ValueError):
        Audience.coerce("admin")


def test_staff_get_the_internal_unit_first(retriever: Retriever) -> None:
    """The premise of the layer tests: for staff, this question's best unit is internal."""
    top = retriever.retrieve(QUESTION, Audience.STAFF).hits[0]
    assert top.unit.visibility == Visibility.INTERNAL and top.unit.doc == INTERNAL_DOC


def test_layer_lexical_index_scores_no_internal_unit_for_citizens(retriever: Retriever) -> None:
    internal = _internal(retriever)
    staff = retriever.lexical_for(Audience.STAFF).scores(QUESTION)
    assert int(np.argmax(staff)) in np.flatnonzero(internal)  # BM25 over all units ranks it first
    citizen = retriever.lexical_for(Audience.CITIZEN).scores(QUESTION)
    assert citizen.max() > 0 and not citizen[internal].any()


def test_layer_mask_keeps_internal_units_out_of_citizen_candidates(retriever: Retriever) -> None:
    internal = _internal(retriever)
    staff = retriever.analyse(QUESTION, Audience.STAFF)
    assert internal[int(np.argmax(staff.dense))]  # the dense side too would rank it first
    citizen = retriever.analyse(QUESTION, Audience.CITIZEN)
    assert len(citizen.candidates) and not internal[citizen.candidates].any()
    assert not citizen.dense[internal].any() and not citizen.bm25_raw[internal].any()


def test_layer_rules_dense_fills_every_slot_with_units_the_audience_may_see(rules_retriever: Retriever) -> None:
    """The rules path scores the `candidate_k` nearest units among those the audience may see: for a citizen
    all of them are public (taking the nearest of all units first would let internal ones take slots)."""
    r = rules_retriever
    k = r.ws.settings.candidate_k
    everyone = r._dense_scores(QUESTION, Audience.STAFF, np.ones(len(r.units), dtype=bool))
    assert everyone[_internal(r)].any()
    citizen = r._dense_scores(QUESTION, Audience.CITIZEN, r._visible[Audience.CITIZEN])
    assert int((citizen != 0).sum()) == k and not citizen[_internal(r)].any()


def test_layer_lookup_resolves_no_internal_reference_for_citizens(retriever: Retriever) -> None:
    ref = Reference(INTERNAL_DOC, "")
    assert retriever.lookup.resolve(ref, Audience.STAFF)
    assert retriever.lookup.resolve(ref, Audience.CITIZEN) == []


class _LeakyRetriever:
    """The real retriever, except that a citizen's hits start with the internal unit staff get first and
    count as relevant: as if every retrieval filter had failed. The answer service must still drop it."""

    def __init__(self, real: Retriever) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def retrieve(self, question: str, audience: Audience | str = Audience.CITIZEN, k: int = 10,
                 as_of: str | None = None, *, asked: str | None = None) -> RetrievalResult:
        result = self._real.retrieve(question, audience, k, as_of, asked=asked)
        leaked = self._real.retrieve(question, Audience.STAFF, k, as_of).hits[0]
        assert leaked.unit.visibility == Visibility.INTERNAL
        return dataclasses.replace(result, hits=[leaked, *result.hits], relevant=True)


def test_layer_answer_service_drops_internal_hits_for_citizens(retriever: Retriever) -> None:
    leaky = _LeakyRetriever(retriever)
    staff = answer(QUESTION, Audience.STAFF, retriever=leaky)
    assert staff.sources and staff.sources[0].visibility == Visibility.INTERNAL
    citizen = answer(QUESTION, Audience.CITIZEN, retriever=leaky)
    assert citizen.sources and all(s.visibility == Visibility.PUBLIC for s in citizen.sources)
    assert "487,50" not in citizen.text and "Beispielkreis" not in citizen.text
