"""The catalog owns its SQL: feedback retention and looking up an active version by id."""

from __future__ import annotations

import time

from assistant.workspace import Workspace


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
