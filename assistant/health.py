"""The state of the vector store against the catalog: reachable, complete, empty or foreign.

The catalog is the source of truth; the store is healthy when it holds a vector for every active unit.
A Chroma server that was restarted without its data holds none ("leer"); one whose collection of the same
name was filled from another catalog holds vectors, but not the active ones ("fremd"). While the store is
not usable, retrieval answers from the lexical side (BM25 and exact references) and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from .store import StoreUnavailable, describe_store

if TYPE_CHECKING:
    from .workspace import Workspace

NOTICE_LEXICAL = ("Die Vektorsuche ist gerade nicht erreichbar; die Antwort stützt sich nur auf die Stichwortsuche "
                  "und genannte Fundstellen und kann deshalb weniger genau sein.")


class StoreState(StrEnum):
    OK = "ok"
    UNREACHABLE = "unreachable"  # the server does not answer, or the embedded store cannot be opened
    EMPTY = "empty"  # reachable, but holds no vectors (e.g. a Chroma server restarted without its data)
    FOREIGN = "foreign"  # holds vectors, but none of the active units (another catalog's collection)
    INCOMPLETE = "incomplete"  # holds the vectors of some active units, not all


@dataclass(frozen=True)
class StoreHealth:
    state: StoreState
    store: str  # which store ("Chroma-Server 127.0.0.1:8000")
    expected: int = 0  # active units (catalog)
    present: int = 0  # of those, with a vector in the store
    total: int = 0  # vectors in the collection
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state is StoreState.OK

    @property
    def dense_usable(self) -> bool:
        """Vector search can be used (for the units that have a vector)."""
        return self.state in (StoreState.OK, StoreState.INCOMPLETE)

    @property
    def message(self) -> str:
        """One German sentence for `status` and the staff views; empty when all is well."""
        repair = "Die Antworten stützen sich bis dahin nur auf die Stichwortsuche."
        if self.state is StoreState.UNREACHABLE:
            return f"Der Vektorspeicher ({self.store}) ist nicht erreichbar. {repair}"
        if self.state is StoreState.EMPTY:
            return (f"Der Vektorspeicher ({self.store}) ist leer, der Katalog nennt {self.expected} Einheiten. "
                    f"Bitte „python -m assistant ingest“ ausführen, um die Vektoren wiederherzustellen. {repair}")
        if self.state is StoreState.FOREIGN:
            return (f"Der Vektorspeicher ({self.store}) enthält {self.total} Vektoren, aber keinen der "
                    f"{self.expected} aktiven Einheiten (eine fremde Sammlung?). Bitte „python -m assistant "
                    f"ingest“ ausführen. {repair}")
        if self.state is StoreState.INCOMPLETE:
            return (f"Im Vektorspeicher ({self.store}) fehlen {self.expected - self.present} von {self.expected} "
                    "Vektoren; diese Einheiten findet nur die Stichwortsuche. Bitte „python -m assistant ingest“ "
                    "ausführen.")
        return ""


def judge(store: str, expected: int, present: int, total: int) -> StoreHealth:
    if present >= expected:
        return StoreHealth(StoreState.OK, store, expected, present, total)
    if total == 0:
        return StoreHealth(StoreState.EMPTY, store, expected, present, total)
    state = StoreState.FOREIGN if present == 0 else StoreState.INCOMPLETE
    return StoreHealth(state, store, expected, present, total)


def check_store(workspace: Workspace) -> StoreHealth:
    """Compare the store with the catalog (opens the store afresh, so it sees other processes' writes)."""
    name = describe_store(workspace.settings)
    active = sorted(workspace.catalog.active_chroma_ids())
    try:
        store = workspace.store
        store.reopen()
        total = store.count()
        present = len(store.existing(active)) if active and total else 0
    except StoreUnavailable as exc:
        return StoreHealth(StoreState.UNREACHABLE, name, len(active), detail=exc.message)
    return judge(name, len(active), present, total)
