"""Shared fixtures: the real corpus, and one fully built index of it for the whole test session."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.config import PROJECT_ROOT, Settings  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402

SHARED = PROJECT_ROOT.parent / "shared"
CORPUS_SOURCES = SHARED / "corpus-sources"
DEV_SET = SHARED / "eval" / "dev.jsonl"
CORPUS = PROJECT_ROOT / "corpus"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
EVAL = PROJECT_ROOT / "eval"


def free_port() -> int:
    """A loopback port with nothing listening (bound and released) for a test server or a dead endpoint."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The default corpus ingested once into a temporary index (real parsers, real model, real Chroma).

    Set JCA_TEST_INDEX to a directory to reuse an index between local runs (it is brought up to date
    incrementally, so a stale one is repaired, not trusted).
    """
    from assistant.ingest import Ingestor

    reuse = os.environ.get("JCA_TEST_INDEX")
    index_dir = Path(reuse) if reuse else tmp_path_factory.mktemp("index")
    ws = Workspace(Settings(index_dir=index_dir))
    summary = Ingestor(ws).ingest_corpus(CORPUS)
    assert not summary.failed, [r.error for r in summary.failed]
    return ws


@pytest.fixture()
def fresh_workspace(tmp_path: Path) -> Workspace:
    """An empty index of its own, for tests that change the index."""
    return Workspace(Settings(index_dir=tmp_path / "index"))


def copy_to(tmp_path: Path, source: Path, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    shutil.copyfile(source, target)
    return target


def snapshot(ws: Workspace) -> tuple:
    """Everything that must not change when an ingestion fails or is refused."""
    versions = [(v.name, v.id, v.sha256, v.n_units, v.stand, v.visibility) for v in ws.catalog.active_versions()]
    return versions, sorted(ws.store.all_ids()), ws.catalog.generation()


@pytest.fixture()
def index_copy(built_workspace: Workspace, tmp_path: Path) -> Workspace:
    """A private copy of the built index, for tests that change it."""
    target = tmp_path / "index"
    shutil.copytree(built_workspace.settings.index_dir, target)
    return Workspace(Settings(index_dir=target))
