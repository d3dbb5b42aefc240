"""The pieces a running process needs, opened once: settings, catalog, embedder, vector store."""

from __future__ import annotations

from functools import cached_property

from . import runtime
from .catalog import Catalog
from .config import Settings, get_settings
from .embedding import Embedder, get_embedder
from .store import VectorStore


class Workspace:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        runtime.configure_blas(self.settings.blas_threads)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self.settings.catalog_path)

    @cached_property
    def embedder(self) -> Embedder:
        return get_embedder(self.settings)

    @cached_property
    def store(self) -> VectorStore:
        return VectorStore(self.settings, self.embedder.name)

    def is_built(self) -> bool:
        return self.settings.catalog_path.exists() and bool(self.catalog.active_versions())
