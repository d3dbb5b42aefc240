"""Scoring the extractor against hand-labelled offers (eval/offers/labels.jsonl, format in its README)."""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.offers.extract import extract_offer
from assistant.offers.model import ExtractedOffer

# label path in labels.jsonl → extractor field key
SCALAR_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",), "employer": ("employer",), "contact_person": ("contact_person",), "email": ("email",),
    "phone": ("phone",), "postcode": ("postcode",), "municipality": ("municipality",), "start_date": ("start_date",),
    "working_time_kind": ("working_time", "kind"), "hours_per_week": ("working_time", "hours_per_week"),
    "contract_kind": ("contract", "kind"), "contract_end": ("contract", "end_or_duration"),
    "pay_amount": ("pay", "amount"), "pay_period": ("pay", "period"), "pay_tariff": ("pay", "tariff"),
    "application_deadline": ("application", "deadline"),
}
# the target groups
GROUPS: dict[str, tuple[str, ...]] = {
    "Titel": ("title",), "Arbeitgeber": ("employer",), "Ort": ("postcode", "municipality"),
    "Kontakt": ("contact_person", "email", "phone"), "Arbeitszeit": ("working_time_kind", "hours_per_week"),
    "Vergütung": ("pay_amount", "pay_tariff"), "Beginn": ("start_date",), "Vertragsart": ("contract_kind",),
    "Anforderungen": ("requirements",),
}
_TEXT_FIELDS = {"title", "employer", "contact_person", "municipality"}


def _norm(text: str) -> str:
    return re.sub(r"[^\wäöüß]+", " ", str(text).lower()).strip()


def _text_match(pred: str, gold: str) -> bool:
    p, g = _norm(pred), _norm(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    pt, gt = set(p.split()), set(g.split())
    return (p in g or g in p) and len(pt & gt) / len(pt | gt) >= 0.5


def matches(key: str, pred: Any, gold: Any) -> bool:
    if key in _TEXT_FIELDS:
        return _text_match(str(pred), str(gold))
    if key in {"hours_per_week", "pay_amount"}:
        try:
            return abs(float(pred) - float(gold)) < 0.01
        except (TypeError, ValueError):
            return False
    if key == "phone":
        return re.sub(r"\D", "", str(pred)) == re.sub(r"\D", "", str(gold))
    if key == "pay_tariff":
        return _norm(pred).replace(" ", "") == _norm(gold).replace(" ", "")
    return str(pred).strip().lower() == str(gold).strip().lower()


def _gold(fields: dict, path: tuple[str, ...]) -> Any:
    value: Any = fields
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    n: int = 0
    per_field: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    all_present_right: int = 0
    no_correction: int = 0
    seconds_max: float = 0.0
    seconds_total: float = 0.0
    unsupported_values: int = 0  # values whose span is not in the source (must be 0)
    errors: list[str] = field(default_factory=list)

    def group(self, name: str) -> Counts:
        total = Counts()
        for key in GROUPS[name]:
            total.add(self.per_field[key])
        return total


def score_offer(offer: ExtractedOffer, fields: dict) -> tuple[dict[str, Counts], bool, bool]:
    counts: dict[str, Counts] = {}
    missed_present = spurious = False
    for key, path in SCALAR_FIELDS.items():
        gold = _gold(fields, path)
        pred = offer.value(key)
        c = Counts()
        if gold is not None and pred is not None and matches(key, pred, gold):
            c.tp = 1
        else:
            if pred is not None:
                c.fp = 1
                spurious = True
            if gold is not None:
                c.fn = 1
                missed_present = True
        counts[key] = c
    gold_reqs = list(fields.get("requirements") or [])
    # a requirement matches by its normalised value ("Deutschkenntnisse (B2)") or by its span, since the labels
    # are verbatim substrings of the text ("Deutschkenntnisse mindestens B2")
    preds = [(str(r.value), r.raw) for r in offer.requirements]
    c, unused = Counts(), list(preds)
    for g in gold_reqs:
        hit = next((p for p in unused if _text_match(p[0], g) or _text_match(p[1], g)), None)
        if hit is None:
            c.fn += 1
        else:
            c.tp += 1
            unused.remove(hit)
    c.fp = len(unused)
    counts["requirements"] = c
    missed_present = missed_present or c.fn > 0
    return counts, not missed_present, not missed_present and not spurious and c.fp == 0


def evaluate(labels_path: Path, split: str | None = None) -> Report:
    report = Report()
    base = labels_path.parent
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if split and row.get("split") != split:
            continue
        text = (base / row["text_file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        offer = extract_offer(text, row["id"])
        elapsed = time.perf_counter() - t0
        report.seconds_total += elapsed
        report.seconds_max = max(report.seconds_max, elapsed)
        for value in [*offer.fields.values(), *offer.requirements]:
            if text[value.start:value.end] != value.raw:
                report.unsupported_values += 1
        counts, present_ok, clean = score_offer(offer, row["fields"])
        for key, c in counts.items():
            report.per_field[key].add(c)
        report.n += 1
        report.all_present_right += present_ok
        report.no_correction += clean
    return report
