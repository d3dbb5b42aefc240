"""The learned ranker (LightGBM LambdaMART over `features.FEATURES`) and the trained scope check.

Both models are small files next to this module, written by `make train-ranker`
(scripts/train_ranker.py): `ranker_model.txt` (LightGBM text format) and `scope_model.json`
(a logistic scope check over evidence features and a bag of words, its refusal threshold, and the
office classifier for refused questions).
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..sources.text import german_stemmer
from .features import FEATURE_NAMES, Analysis, Analyzer
from .glossary import covered_by_glossary, has_anchor, office_terms
from .lexical import QUERY_NOISE, german_nouns, is_german, words

RANKER_PATH = Path(__file__).with_name("ranker_model.txt")
SCOPE_PATH = Path(__file__).with_name("scope_model.json")
OFFICES = ("familienkasse", "wohngeldstelle", "rentenversicherung", "auslaenderbehoerde", "sozialgericht",
           "krankenkasse", "finanzamt", "schuldnerberatung", "arbeitsrecht", "sozialamt", "elterngeldstelle", "none")
SCOPE_DEPTH = 5  # the top units whose words the scope check compares with the question


class LearnedRanker:
    def __init__(self, model_text: str) -> None:
        import lightgbm as lgb

        self.booster = lgb.Booster(model_str=model_text)
        names = tuple(self.booster.feature_name())
        if names != FEATURE_NAMES:
            raise ValueError("ranker model was trained on other features; run `make train-ranker`")

    def score(self, X: np.ndarray) -> np.ndarray:
        if not len(X):
            return np.zeros(0, dtype=np.float32)
        return np.asarray(self.booster.predict(X, num_threads=1), dtype=np.float32)


@lru_cache(maxsize=2)
def load_ranker(path: Path = RANKER_PATH) -> LearnedRanker | None:
    """The shipped ranker; None (the rules path is used) when missing or trained on other features."""
    if not path.exists():
        return None
    try:
        return LearnedRanker(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        warnings.warn(str(exc), stacklevel=2)
        return None


def order_candidates(analysis: Analysis, scores: np.ndarray, section_of: np.ndarray, per_section: int) -> list[int]:
    """Unit indices in rank order: the first unit of each exact reference, then by model score, with at
    most `per_section` units of a section before the other sections get their turn (0 = no limit)."""
    ranked = [int(analysis.candidates[r]) for r in np.argsort(-scores, kind="stable")]
    head = list(analysis.exact_first)
    leading = set(head)
    rest = [i for i in ranked if i not in leading]
    if per_section <= 0:
        return head + rest
    counts: dict[int, int] = {}
    for i in head:
        counts[int(section_of[i])] = counts.get(int(section_of[i]), 0) + 1
    first, deferred = [], []
    for i in rest:
        sid = int(section_of[i])
        counts[sid] = counts.get(sid, 0) + 1
        (first if counts[sid] <= per_section else deferred).append(i)
    return head + first + deferred


# --- scope check -------------------------------------------------------------------------------

SCOPE_FEATURES = ("dense_max", "dense_top5", "bm25_max", "bm25_raw_max", "cov_top1", "cov_top5", "nouns_found",
                  "rare_unsupported", "unknown_share", "expansions", "german", "q_len", "ranker_top", "ranker_gap",
                  "office_named", "office_in_top", "terms_unsupported", "mem_answerable", "mem_out_of_scope",
                  "mem_oos_share", "office_no_anchor")
MEMORY_SCOPE_DEPTH = 5  # the nearest training questions whose share of out-of-scope ones is a scope feature


def bag_of_words(question: str) -> list[str]:
    """Stemmed words and five-letter prefixes (inflected Turkish, Russian, Ukrainian words share them)."""
    stem = german_stemmer().stemWord
    out: list[str] = []
    for w in words(question):
        if w.isdigit():
            continue
        out.append("s:" + stem(w))
        if len(w) > 5:
            out.append("p:" + w[:5])
    return list(dict.fromkeys(out))


def scope_features(analyzer: Analyzer, analysis: Analysis, ranked: list[int], top_scores: list[float]) -> np.ndarray:
    """Evidence for "the sources answer this": similarity, lexical scores, and how many of the question's
    words the best units contain."""
    lex = analyzer.lexical
    info = analysis.info
    qtok = set(info.tokens)
    idf = analyzer.idf
    weight = sum(idf.get(t, 1.0) for t in qtok) or 1.0
    top = ranked[:SCOPE_DEPTH]
    found: set[str] = set().union(*(lex.token_sets[i] for i in top)) if top else set()
    first = lex.token_sets[top[0]] if top else frozenset()
    noun_tokens = [lex.tokens(n)[0] for n in info.nouns]
    df = lex.document_frequency
    rare = [t for t in qtok if df.get(t, 0) < 50]
    dense_sorted = np.sort(analysis.dense)[::-1]
    named = [w for words_ in office_terms(info.question).values() for w in words_]
    named_tokens = [lex.tokens(w) for w in named]
    values = {
        "dense_max": float(dense_sorted[0]) if len(dense_sorted) else 0.0,
        "dense_top5": float(dense_sorted[:5].mean()) if len(dense_sorted) else 0.0,
        "bm25_max": float(analysis.bm25.max()) if len(analysis.bm25) else 0.0,
        "bm25_raw_max": float(analysis.bm25_raw.max()) if len(analysis.bm25_raw) else 0.0,
        "cov_top1": sum(idf.get(t, 1.0) for t in qtok & first) / weight,
        "cov_top5": sum(idf.get(t, 1.0) for t in qtok & found) / weight,
        "nouns_found": (sum(t in found for t in noun_tokens) / len(noun_tokens)) if noun_tokens else 1.0,
        "rare_unsupported": float(sum(t not in found for t in rare)),
        "unknown_share": (sum(df.get(t, 0) == 0 for t in qtok) / len(qtok)) if qtok else 0.0,
        "expansions": float(len(info.extra)),
        "german": float(info.german),
        "q_len": math.log1p(len(qtok)),
        "ranker_top": top_scores[0] if top_scores else 0.0,
        "ranker_gap": (top_scores[0] - top_scores[min(4, len(top_scores) - 1)]) if top_scores else 0.0,
        "office_named": float(len(office_terms(info.question))),
        "office_in_top": (sum(all(t in found for t in toks) for toks in named_tokens) / len(named_tokens))
        if named_tokens else 1.0,
        "terms_unsupported": float(_specific_terms_unsupported(analyzer, info.question, found)),
        **_memory_evidence(analyzer, analysis),
        # another office's matter named outside the Bürgergeld context ("Anspruch auf Kindergeld", not
        # "Kindergeld angerechnet"): 32 of the training questions, all out of scope
        "office_no_anchor": float(bool(named) and not has_anchor(info.question)),
    }
    return np.array([values[n] for n in SCOPE_FEATURES], dtype=np.float64)


def _memory_evidence(analyzer: Analyzer, analysis: Analysis) -> dict[str, float]:
    """How close the question is to the answerable and to the out-of-scope training questions."""
    sims = analysis.memory
    if analyzer.memory is None or sims is None or not len(sims) or sims.max() <= -1.0:
        return {"mem_answerable": 0.0, "mem_out_of_scope": 0.0, "mem_oos_share": 0.0}
    answerable = analyzer.memory.answerable
    usable = sims > -1.0
    a, o = sims[answerable & usable], sims[~answerable & usable]
    nearest = [j for j in np.argsort(-sims) if usable[j]][:MEMORY_SCOPE_DEPTH]
    return {"mem_answerable": float(a.max()) if len(a) else 0.0, "mem_out_of_scope": float(o.max()) if len(o) else 0.0,
            "mem_oos_share": float(np.mean([not answerable[j] for j in nearest])) if nearest else 0.0}


SPECIFIC_MAX_DF = 50  # a word in fewer units than this is specific to a topic


def _specific_terms_unsupported(analyzer: Analyzer, question: str, found: set[str]) -> bool:
    """A German question whose specific nouns (rare or unknown in the corpus, not known to the glossary)
    occur in none of the best units ("Deutschlandticket", "Mindestlohn")."""
    if not is_german(question):
        return False
    lex = analyzer.lexical
    df = lex.document_frequency
    specific = [w for w in words(" ".join(german_nouns(question)))
                if len(w) >= 5 and w.isalpha() and w not in QUERY_NOISE and not covered_by_glossary(w)
                and df.get(lex.tokens(w)[0], 0) < SPECIFIC_MAX_DF]
    if not specific:
        return False
    return not any(t in found for w in specific for t in (*lex.tokens(w), lex.head_stem(w)))


@dataclass(frozen=True)
class LinearBow:
    """A logistic model over standardised numeric features and a binary bag of words (L2-normalised)."""

    numeric: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bow: dict[str, float]
    intercept: float

    def logit(self, x: np.ndarray | None, question: str) -> float:
        z = self.intercept
        if len(self.numeric) and x is not None:
            z += float(((x - self.mean) / self.scale) @ self.coef)
        toks = bag_of_words(question)
        if toks:
            z += sum(self.bow.get(t, 0.0) for t in toks) / math.sqrt(len(toks))
        return z

    @classmethod
    def from_json(cls, d: dict) -> LinearBow:
        return cls(tuple(d.get("numeric", ())), np.array(d.get("mean", []), dtype=np.float64),
                   np.array(d.get("scale", []), dtype=np.float64), np.array(d.get("coef", []), dtype=np.float64),
                   dict(d.get("bow", {})), float(d["intercept"]))

    def to_json(self) -> dict:
        return {"numeric": list(self.numeric), "mean": self.mean.round(6).tolist(),
                "scale": self.scale.round(6).tolist(), "coef": self.coef.round(6).tolist(),
                "bow": {k: round(v, 5) for k, v in sorted(self.bow.items()) if abs(v) >= 1e-4},
                "intercept": round(self.intercept, 6)}


@dataclass(frozen=True)
class ScopeModel:
    refuse: LinearBow  # logit of "out of scope"
    threshold: float  # refuse when P(out of scope) ≥ threshold
    offices: dict[str, LinearBow]  # one-vs-rest logits per office

    def p_out_of_scope(self, x: np.ndarray, question: str) -> float:
        z = self.refuse.logit(x, question)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def office(self, question: str) -> str | None:
        """The office whose matters the question names (the lexicon), else the bag-of-words guess."""
        named = office_terms(question)
        if named:
            return max(named, key=lambda o: len(named[o]))
        if not self.offices:
            return None
        best = max(self.offices, key=lambda o: self.offices[o].logit(None, question))
        return None if best == "none" else best

    @classmethod
    def from_json(cls, d: dict) -> ScopeModel:
        if tuple(d["refuse"]["numeric"]) != SCOPE_FEATURES:
            raise ValueError("scope model was trained on other features; run `make train-ranker`")
        return cls(LinearBow.from_json(d["refuse"]), float(d["threshold"]),
                   {k: LinearBow.from_json(v) for k, v in d.get("offices", {}).items()})

    def to_json(self) -> dict:
        return {"refuse": self.refuse.to_json(), "threshold": round(self.threshold, 6),
                "offices": {k: v.to_json() for k, v in self.offices.items()}}


@lru_cache(maxsize=2)
def load_scope_model(path: Path = SCOPE_PATH) -> ScopeModel | None:
    if not path.exists():
        return None
    try:
        return ScopeModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except ValueError as exc:
        warnings.warn(str(exc), stacklevel=2)
        return None
