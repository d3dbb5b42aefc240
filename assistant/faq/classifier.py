"""A linear classifier over e5 vectors that tells which curated entry a question asks for.

Trained on the entries' own texts (every question variant in every language, and the answer texts as e5
passages) and on questions no entry answers (corpus/faq-training/), not on evaluation questions. Nearest-variant
similarity found the right entry first for 62 % of the tuning questions; this classifier for 86 %, with
probabilities that separate right from wrong matches better (scripts/calibrate_faq.py). A fitted model is kept as plain arrays (no pickle), keyed by the hash of what it was
trained on: the shipped file for the default entries, a cache file in the index for edited ones.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntryClassifier:
    key: str
    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, dim)
    bias: np.ndarray  # (classes,)

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        logits = self.weights @ np.asarray(vector, dtype=np.float32) + self.bias
        logits -= logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(tmp, key=np.array(self.key), classes=np.array(self.classes),
                            weights=self.weights, bias=self.bias)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> EntryClassifier | None:
        try:
            with np.load(path) as data:
                return cls(str(data["key"]), tuple(str(c) for c in data["classes"]),
                           data["weights"].astype(np.float32), data["bias"].astype(np.float32))
        except (OSError, KeyError, ValueError) as exc:
            log.warning("classifier file %s unreadable: %s", path, exc)
            return None


def training_key(labels: Sequence[str], text_hashes: Sequence[str], regularisation: float) -> str:
    digest = hashlib.sha256(f"C={regularisation}".encode())
    for label, h in sorted(zip(labels, text_hashes)):
        digest.update(f"\x1e{label}\x1f{h}".encode())
    return digest.hexdigest()


def fit(labels: Sequence[str], vectors: np.ndarray, regularisation: float, key: str) -> EntryClassifier:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=regularisation, max_iter=3000).fit(vectors, list(labels))
    return EntryClassifier(key, tuple(str(c) for c in model.classes_), model.coef_.astype(np.float32),
                           model.intercept_.astype(np.float32))


def trained_classifier(labels: Sequence[str], text_hashes: Sequence[str], vectors: np.ndarray, *,
                       regularisation: float, candidates: Sequence[Path], cache: Path) -> EntryClassifier:
    """The classifier for exactly these training texts: a stored one whose key matches, else fitted and cached."""
    key = training_key(labels, text_hashes, regularisation)
    for path in (*candidates, cache):
        if path.exists():
            stored = EntryClassifier.load(path)
            if stored is not None and stored.key == key:
                return stored
    if len(set(labels)) < 2:  # nothing to tell apart: an empty classifier matches nothing
        return EntryClassifier(key, (), np.zeros((0, vectors.shape[1]), np.float32), np.zeros(0, np.float32))
    log.info("fitting the curated-answer classifier on %d texts", len(labels))
    model = fit(labels, vectors, regularisation, key)
    try:
        model.save(cache)
    except OSError as exc:
        log.warning("classifier not cached: %s", exc)
    return model
