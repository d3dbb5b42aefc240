"""Training and offline evaluation of the learned ranker and the scope check (make train-ranker).

The samples are `Retriever.analyse()` results — the very features `retrieve()` computes — with a graded
label per candidate from the question's gold sources.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import PROJECT_ROOT
from ..evaluation import SCORED_KINDS, load_questions, matches_section, matches_unit, summarize
from .features import COL, FEATURE_GROUPS, FEATURE_NAMES, FEATURES, Analysis, dense_text, query_info
from .memory import QuestionMemory, build_memory, origin_group
from .ranker import (OFFICES, SCOPE_FEATURES, LearnedRanker, LinearBow, ScopeModel, bag_of_words,
                     order_candidates, scope_features)

SETS_DIR = PROJECT_ROOT / "eval" / "sets"
EXTRA_SETS = (PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl", PROJECT_ROOT / "eval" / "extra.jsonl")
VECTOR_CACHE = Path("/tmp/jca-ranker-vectors.npz")

LGB_PARAMS = {
    "objective": "lambdarank", "metric": "ndcg", "eval_at": [1, 5], "learning_rate": 0.05, "num_leaves": 15,
    "min_data_in_leaf": 50, "feature_fraction": 0.5, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "lambdarank_truncation_level": 20, "verbose": -1, "seed": 7, "deterministic": True,
    "force_row_wise": True, "num_threads": 1, "max_bin": 63,
}
MAX_ROUNDS = 300
EARLY_STOP = 40
CV_FOLDS = 5
REFUSE_ANSWERABLE_MAX = 0.05  # the scope threshold keeps answerable questions refused at or below this share


@dataclass
class Sample:
    question: dict
    analysis: Analysis
    labels: np.ndarray  # per candidate; empty meaning for unscored kinds


def split_path(name: str) -> Path:
    return SETS_DIR / f"{name}.jsonl"


def grade(golds: list[dict], doc: str, label: str, kind: str) -> int:
    """3: the primary gold unit; 2: another gold unit; 1: a gold section (or guideline document); 0: other."""
    result = {"doc": doc, "unit": label, "kind": kind}
    best = 0
    for n, g in enumerate(golds):
        if g.get("unit") and matches_unit(g, result):
            best = max(best, 3 if n == 0 else 2)
        elif matches_section(g, result):
            best = max(best, 1)
    return best


class VectorCache:
    """Question embeddings kept between training runs (the embedding is the slow part)."""

    def __init__(self, embedder, path: Path = VECTOR_CACHE) -> None:
        self.embedder = embedder
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        self.dirty = False
        if path.exists():
            with np.load(path) as data:
                self.vectors = {k: data[k] for k in data.files}

    def get(self, text: str) -> np.ndarray:
        key = hashlib.sha1(f"{self.embedder.name}\x1f{text}".encode()).hexdigest()
        if key not in self.vectors:
            self.vectors[key] = np.asarray(self.embedder.embed_query(text), dtype=np.float32)
            self.dirty = True
        return self.vectors[key]

    def save(self) -> None:
        if self.dirty:
            np.savez(self.path, **self.vectors)
            self.dirty = False


def collect(retriever, questions: Iterable[dict], cache: VectorCache,
            progress: Callable[[int], None] | None = None) -> list[Sample]:
    samples = []
    max_chars = retriever.ws.settings.max_question_chars
    memory_ids = {it.qid for it in retriever.memory.items} if retriever.memory is not None else set()
    for n, q in enumerate(questions, start=1):
        text = q["question"][:max_chars]
        vector = cache.get(dense_text(query_info(text, retriever.lexical)))
        # a question of the memory is analysed without the questions of its own origin group
        exclude = origin_group(q) if q["id"] in memory_ids else None
        analysis = retriever.analyse(text, q.get("audience", "citizen"), vector=vector, exclude_group=exclude)
        labels = np.zeros(len(analysis.candidates), dtype=np.int32)
        if q["kind"] in SCORED_KINDS and q.get("gold"):
            units = retriever.units
            labels = np.array([grade(q["gold"], units[i].doc, units[i].label, units[i].kind) for i in analysis.candidates],
                              dtype=np.int32)
        samples.append(Sample(q, analysis, labels))
        if progress:
            progress(n)
    cache.save()
    return samples


def _matrix(samples: Sequence[Sample], drop: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    rows = [s for s in samples if s.labels.any()]
    X = np.vstack([s.analysis.features for s in rows]) if rows else np.zeros((0, len(FEATURES)), np.float32)
    y = np.concatenate([s.labels for s in rows]) if rows else np.zeros(0, np.int32)
    X = masked(X, drop)
    return X, y, [len(s.labels) for s in rows]


def masked(X: np.ndarray, drop: Sequence[str]) -> np.ndarray:
    """Features of the dropped groups set to a constant (the model cannot use them)."""
    if not drop:
        return X
    X = X.copy()
    cols = [COL[n] for n, g in FEATURES if g in drop]
    X[:, cols] = 0.0
    return X


def train_ranker(train: Sequence[Sample], valid: Sequence[Sample] = (), drop: Sequence[str] = (),
                 log: Callable[[str], None] = print, rounds: int | None = None) -> tuple[str, int]:
    """LambdaMART on the train samples; the number of trees is chosen by 5-fold cross-validation over
    the training questions (ndcg@5), so the validation split stays a measurement."""
    import lightgbm as lgb

    X, y, groups = _matrix(train, drop)
    dtrain = lgb.Dataset(X, y, group=groups, feature_name=list(FEATURE_NAMES), free_raw_data=False)
    if rounds is None:
        cv = lgb.cv(LGB_PARAMS, dtrain, num_boost_round=MAX_ROUNDS, nfold=CV_FOLDS, stratified=False,
                    shuffle=True, seed=7, callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)])
        curve = cv["valid ndcg@5-mean"]
        rounds = int(np.argmax(curve)) + 1
    booster = lgb.train(LGB_PARAMS, dtrain, num_boost_round=rounds)
    log(f"  ranker: {len(groups)} questions, {len(y)} candidates, {rounds} trees")
    return booster.model_to_string(), rounds


def rankings(model_text: str, samples: Sequence[Sample], section_of: np.ndarray, per_section: int,
             drop: Sequence[str] = ()) -> list[tuple[list[int], list[float]]]:
    ranker = LearnedRanker(model_text)
    out = []
    for s in samples:
        scores = ranker.score(masked(s.analysis.features, drop))
        ranked = order_candidates(s.analysis, scores, section_of, per_section)
        by_unit = {int(c): float(v) for c, v in zip(s.analysis.candidates, scores)}
        out.append((ranked, [by_unit[i] for i in ranked]))
    return out


def outputs(retriever, samples: Sequence[Sample], ranked: Sequence[tuple[list[int], list[float]]],
            refused: Sequence[bool] | None = None, k: int = 10) -> list[dict]:
    """The eval command's output lines for these samples."""
    rows = []
    for n, (s, (order, scores)) in enumerate(zip(samples, ranked)):
        rows.append({
            "id": s.question["id"], "audience": s.question.get("audience", "citizen"),
            "refused": bool(refused[n]) if refused is not None else False,
            "results": [{"doc": retriever.units[i].doc, "unit": retriever.units[i].label,
                         "kind": retriever.units[i].kind, "visibility": retriever.units[i].visibility, "score": round(v, 4)}
                        for i, v in zip(order[:k], scores[:k])],
        })
    return rows


def figures(retriever, samples: Sequence[Sample], ranked, refused=None) -> dict:
    return summarize([s.question for s in samples], outputs(retriever, samples, ranked, refused))


# --- scope check --------------------------------------------------------------------------------

def scope_target(q: dict) -> int | None:
    """1 out of scope, 0 answerable, None for kinds the scope check is not measured on."""
    if q["kind"] == "out_of_scope":
        return 1
    if q["kind"] in SCORED_KINDS:
        return 0
    return None


def _bow_matrix(texts: Sequence[str], vocab: dict[str, int]) -> np.ndarray:
    M = np.zeros((len(texts), len(vocab)), dtype=np.float64)
    for r, t in enumerate(texts):
        toks = bag_of_words(t)
        for tok in toks:
            if (c := vocab.get(tok)) is not None:
                M[r, c] = 1.0 / np.sqrt(len(toks))
    return M


def _vocabulary(texts: Sequence[str], min_count: int = 2) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in texts:
        for tok in bag_of_words(t):
            counts[tok] = counts.get(tok, 0) + 1
    return {tok: n for n, tok in enumerate(sorted(t for t, c in counts.items() if c >= min_count))}


def fit_linear(numeric: np.ndarray | None, texts: Sequence[str], y: np.ndarray, c: float,
               bow_weight: float = 1.0, numeric_names: tuple[str, ...] = SCOPE_FEATURES) -> LinearBow:
    from sklearn.linear_model import LogisticRegression

    vocab = _vocabulary(texts) if bow_weight > 0 else {}
    parts = []
    if numeric is not None:
        mean = numeric.mean(axis=0)
        scale = numeric.std(axis=0)
        scale[scale < 1e-9] = 1.0
        parts.append((numeric - mean) / scale)
    else:
        mean = scale = np.zeros(0)
        numeric_names = ()
    bow = _bow_matrix(texts, vocab) * bow_weight
    parts.append(bow)
    Z = np.hstack(parts)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(Z, y)
    coef = model.coef_[0]
    k = len(numeric_names)
    words_coef = {tok: float(coef[k + col] * bow_weight) for tok, col in vocab.items()}
    return LinearBow(numeric_names, mean, scale, coef[:k].astype(np.float64), words_coef, float(model.intercept_[0]))


def choose_threshold(p_answerable: Sequence[float], p_oos: Sequence[float],
                     max_refused: float = REFUSE_ANSWERABLE_MAX) -> float:
    """The lowest threshold that refuses at most `max_refused` of the answerable questions (so the most
    out-of-scope ones), placed halfway to the next answerable probability."""
    a = sorted(p_answerable, reverse=True)
    if not a:
        return 0.5
    allowed = int(np.floor(max_refused * len(a)))
    # refusing the `allowed` highest answerable ones is permitted; the threshold sits above the next one
    floor = a[allowed] if allowed < len(a) else 0.0
    above = [p for p in list(a[:allowed]) + list(p_oos) if p > floor]
    upper = min(above) if above else floor + 1e-3
    return float(min(floor + (upper - floor) / 2, 0.999))


def office_models(texts: Sequence[str], offices: Sequence[str], c: float = 2.0) -> dict[str, LinearBow]:
    """One-vs-rest bag-of-words models for the office that handles a refused question's topic."""
    labels = [o if o in OFFICES else "none" for o in offices]
    models = {}
    for office in sorted(set(labels)):
        y = np.array([int(o == office) for o in labels])
        if y.sum() == 0 or y.sum() == len(y):
            continue
        models[office] = fit_linear(None, texts, y, c)
    return models


def scope_rows(retriever, samples: Sequence[Sample], ranked) -> tuple[np.ndarray, list[str], np.ndarray]:
    X, texts, y = [], [], []
    for s, (order, scores) in zip(samples, ranked):
        t = scope_target(s.question)
        if t is None or s.analysis.exact_first:
            continue
        X.append(scope_features(retriever.analyzer_for(s.analysis.audience), s.analysis, order, scores))
        texts.append(s.analysis.info.question)
        y.append(t)
    return np.array(X), texts, np.array(y)


def refusals(retriever, scope: ScopeModel, samples: Sequence[Sample], ranked) -> list[bool]:
    out = []
    for s, (order, scores) in zip(samples, ranked):
        if s.analysis.exact_first:
            out.append(False)
            continue
        x = scope_features(retriever.analyzer_for(s.analysis.audience), s.analysis, order, scores)
        out.append(scope.p_out_of_scope(x, s.analysis.info.question) >= scope.threshold)
    return out


def memory_of(retriever, questions: Sequence[dict], cache: VectorCache) -> QuestionMemory:
    """The question memory of these (training) questions, with the vectors the ranker's dense side uses."""
    max_chars = retriever.ws.settings.max_question_chars
    vectors = [cache.get(dense_text(query_info(q["question"][:max_chars], retriever.lexical))) for q in questions]
    return build_memory(list(questions), vectors, retriever.ws.embedder.name)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def load_split(name: str) -> list[dict]:
    if name == "test":
        raise ValueError("the test split is scored once per method, never trained or tuned on")
    path = split_path(name)
    return load_questions(path) if path.exists() else []


def extra_questions() -> list[dict]:
    return [q for p in EXTRA_SETS if p.exists() for q in load_questions(p)]


__all__ = ["FEATURE_GROUPS", "Sample", "collect", "train_ranker", "rankings", "figures", "fit_linear",
           "choose_threshold", "office_models", "scope_rows", "refusals", "load_split", "extra_questions"]
