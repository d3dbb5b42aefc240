"""Question memory (issue 10): the labelled training questions as evidence for new ones.

A new question that is close (e5 cosine) to training questions probably needs the units those questions
needed: the ranker gets, per candidate, the similarity and rank of the nearest training question whose
gold holds the candidate (unit and section level), and the gold units of the nearest training questions
join the candidate pool. The scope check gets the similarity to the nearest answerable and the nearest
out-of-scope training question.

The memory holds only the train split (eval/sets/train.jsonl): its vectors, ids, origin groups and golds,
in `question_memory.npz` next to this module, written by `make train-ranker`. Training features of a
training question are computed without the questions of its own origin group (leave-one-group-out), as
a new question would see them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..catalog import StoredUnit
from ..evaluation import SCORED_KINDS, section_of
from ..model import DocKind

MEMORY_PATH = Path(__file__).with_name("question_memory.npz")
WRITTEN_BLOCK = 6  # written questions (no origin page) are grouped by id blocks: their topic clusters


def origin_group(question: dict) -> str:
    """The group a question shares evidence with: its origin page, or (written questions) its id block."""
    origin = question.get("origin", "")
    if origin and origin != "written":
        return origin
    digits = "".join(c for c in question["id"] if c.isdigit())
    return f"written-{int(digits or 0) // WRITTEN_BLOCK}"


@dataclass(frozen=True)
class MemoryItem:
    qid: str
    group: str
    answerable: bool
    gold: tuple[dict, ...]


@dataclass(frozen=True)
class QuestionMemory:
    embedder: str
    vectors: np.ndarray  # len(items) × dim, L2-normalised float32
    items: tuple[MemoryItem, ...]

    def similarities(self, query_vector: np.ndarray, exclude_group: str | None = None) -> np.ndarray:
        """Cosine of the question to every memory question; -1 for the excluded group (and on a dimension
        mismatch, e.g. the store was not usable and the query vector is a placeholder)."""
        v = np.asarray(query_vector, dtype=np.float32)
        if v.shape[0] != self.vectors.shape[1] or not len(self.items):
            return np.full(len(self.items), -1.0, dtype=np.float32)
        sims = self.vectors @ v
        if exclude_group is not None:
            sims = np.where(self._groups == exclude_group, -1.0, sims).astype(np.float32)
        return sims

    @property
    def _groups(self) -> np.ndarray:
        return np.array([it.group for it in self.items], dtype=object)

    @property
    def answerable(self) -> np.ndarray:
        return np.array([it.answerable for it in self.items], dtype=bool)

    def to_file(self, path: Path) -> None:
        meta = {"embedder": self.embedder,
                "items": [{"id": it.qid, "group": it.group, "answerable": it.answerable, "gold": list(it.gold)}
                          for it in self.items]}
        np.savez_compressed(path, vectors=self.vectors.astype(np.float16),
                            meta=np.array(json.dumps(meta, ensure_ascii=False)))

    @classmethod
    def from_file(cls, path: Path) -> QuestionMemory:
        with np.load(path) as data:
            meta = json.loads(str(data["meta"]))
            vectors = data["vectors"].astype(np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        items = tuple(MemoryItem(d["id"], d["group"], bool(d["answerable"]), tuple(d["gold"])) for d in meta["items"])
        return cls(meta["embedder"], vectors / np.maximum(norms, 1e-9), items)


def build_memory(questions: list[dict], vectors: list[np.ndarray], embedder: str) -> QuestionMemory:
    """The memory of these (training) questions: answerable ones with gold, and out-of-scope ones."""
    items, rows = [], []
    for q, v in zip(questions, vectors):
        answerable = q["kind"] in SCORED_KINDS and bool(q.get("gold"))
        if not answerable and q["kind"] != "out_of_scope":
            continue
        items.append(MemoryItem(q["id"], origin_group(q), answerable, tuple(q.get("gold", ()) if answerable else ())))
        rows.append(np.asarray(v, dtype=np.float32))
    matrix = np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return QuestionMemory(embedder, matrix / np.maximum(norms, 1e-9), tuple(items))


@lru_cache(maxsize=2)
def load_memory(path: Path = MEMORY_PATH) -> QuestionMemory | None:
    return QuestionMemory.from_file(path) if path.exists() else None


class MemoryGold:
    """Each memory question's gold as unit indices of the active units (unit level and section level), by the
    matching rules of `evaluation.matches_unit` / `matches_section`, looked up by label and section."""

    def __init__(self, memory: QuestionMemory, units: list[StoredUnit]) -> None:
        by_label: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_section: dict[tuple[str, str], list[int]] = defaultdict(list)
        whole_section: dict[tuple[str, str], list[int]] = defaultdict(list)  # a unit covering a whole section
        by_doc: dict[str, list[int]] = defaultdict(list)
        guideline: dict[str, list[int]] = defaultdict(list)
        for i, su in enumerate(units):
            doc, label = su.unit.doc, su.unit.label
            sec = section_of(label)
            by_label[(doc, label)].append(i)
            by_section[(doc, sec)].append(i)
            if label == sec:
                whole_section[(doc, sec)].append(i)
            by_doc[doc].append(i)
            if su.kind == DocKind.GUIDELINE:
                guideline[doc].append(i)
        self.unit_gold: list[np.ndarray] = []
        self.section_gold: list[np.ndarray] = []
        for it in memory.items:
            u: set[int] = set()
            s: set[int] = set()
            for g in it.gold:
                doc, label = g["doc"], g.get("unit", "")
                if not label:
                    u.update(by_doc.get(doc, ()))
                    s.update(by_doc.get(doc, ()))
                    continue
                sec = section_of(label)
                u.update(by_label.get((doc, label), ()))
                if sec:
                    u.update(whole_section.get((doc, sec), ()))
                    if label == sec:
                        u.update(by_section.get((doc, sec), ()))
                s.update(by_section.get((doc, sec), ()))
                s.update(guideline.get(doc, ()))
            self.unit_gold.append(np.array(sorted(u), dtype=np.int64))
            self.section_gold.append(np.array(sorted(s), dtype=np.int64))
