"""Leistungsminderung in euros: § 31a Abs. 1 (10/20/30 % of the Regelbedarf), § 31b Abs. 2 (how long),
§ 31a Abs. 4 (cap; rent and heating untouched), § 32 (a missed appointment: 10 % for one month)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ..catalog import StoredUnit
from .builder import Builder
from .law import AMOUNT, CARDINALS, FigureMissing, LawSource, LawUnit, parse_amount, parse_cardinal
from .model import Calculation, Euro, Message, Percent, money
from .regelbedarf import adult_rules, rates

Units = LawSource | Sequence[StoredUnit]
LEVELS_RULE = "§ 31a Abs. 1 SGB II"
DURATION_RULE = "§ 31b Abs. 2 SGB II"
CAP_RULE = "§ 31a Abs. 4 SGB II"
MISSED_RULE = "§ 32 Abs. 1 SGB II"
MISSED_DURATION_RULE = "§ 32 Abs. 2 SGB II"
_CARDINAL = "|".join(sorted(CARDINALS, key=len, reverse=True))
Situation = Literal["single", "partner", "unknown"]


@dataclass(frozen=True)
class MinderungRules:
    percents: tuple[Decimal, ...]  # first, further, every further breach (§ 31a Abs. 1 Sätze 1–3)
    months: tuple[int, ...]  # their Minderungszeiträume (§ 31b Abs. 2 Nr. 1–3)
    cap: Decimal
    missed_percent: Decimal  # § 32 Abs. 1
    missed_months: int  # § 32 Abs. 2
    levels: LawUnit
    duration: LawUnit
    cap_unit: LawUnit
    missed: LawUnit
    missed_duration: LawUnit


def _missing(what: str, citation: str) -> FigureMissing:
    return FigureMissing(Message("missing.figure", {"what": Message(what), "citation": citation}), citation)


def minderung_rules(units: Units) -> MinderungRules:
    source = LawSource.of(units)
    levels, duration, cap_unit = source.get(LEVELS_RULE), source.get(DURATION_RULE), source.get(CAP_RULE)
    missed, missed_duration = source.get(MISSED_RULE), source.get(MISSED_DURATION_RULE)
    flat = lambda unit: re.sub(r"\s+", " ", unit.text)  # noqa: E731
    percents = tuple(parse_amount(p) for p in re.findall(
        rf"mindert sich das Bürgergeld um ({AMOUNT}) Prozent des nach § 20 jeweils maßgeb\w+ Regelbedarfs", flat(levels)))
    months = tuple(parse_cardinal(m) for m in re.findall(
        rf"in den Fällen des § 31a Absatz 1 Satz \d (?:jeweils )?({_CARDINAL}|\d+) Monat", flat(duration)))
    cap = re.search(rf"auf insgesamt ({AMOUNT}) Prozent des nach § 20 maßgebenden Regelbedarfs begrenzt", flat(cap_unit))
    m_percent = re.search(rf"mindert sich das Bürgergeld jeweils um ({AMOUNT}) Prozent", flat(missed))
    m_months = re.search(rf"Der Minderungszeitraum beträgt ({_CARDINAL}|\d+) Monat", flat(missed_duration))
    if len(percents) != 3:
        raise _missing("what.minderung_levels", LEVELS_RULE)
    if len(months) != 3:
        raise _missing("what.minderung_months", DURATION_RULE)
    if not cap:
        raise _missing("what.minderung_cap", CAP_RULE)
    if not (m_percent and m_months):
        raise _missing("what.minderung_missed", MISSED_RULE)
    return MinderungRules(percents, months, parse_amount(cap.group(1)), parse_amount(m_percent.group(1)),
                          parse_cardinal(m_months.group(1)), levels, duration, cap_unit, missed, missed_duration)


def _period(months: int) -> Message:
    return Message("lm.period_one" if months == 1 else "lm.period_many", {"months": months})


def leistungsminderung(units: Units, *, situation: Situation = "unknown", percent: Decimal | None = None,
                       level: int | None = None, missed_appointment: bool = False,
                       year: int | None = None) -> Calculation:
    """How many euros a Minderung takes per month, and for how long. `percent` (10, 20, 30 as the person
    states it) or `level` (1 = first breach, 2 = second, 3 = every further one) picks one level; without them every level is shown. `missed_appointment`: § 32 instead of § 31a.
    Without the household (`unknown`) the amounts are those of a person living alone, said in a note."""
    year = year or date.today().year
    b = Builder("leistungsminderung", Message("lm.title"))
    try:
        rules = minderung_rules(units)
        adults = adult_rules(units)
        stufe = adults.partner if situation == "partner" else adults.single
        b.step("rb.stufe_partner" if situation == "partner" else "rb.stufe_single",
               adults.sources["partner" if situation == "partner" else "single"], stufe=stufe)
        r = rates(units, year)
        if stufe not in r.amounts:
            raise FigureMissing(Message("missing.stufe", {"stufe": stufe}), r.sources[0].citation)
        base = r.amounts[stufe]
        b.step("mb.base", *r.sources, stufe=stufe, amount=Euro(base))
        if situation == "unknown":
            b.note("lm.note_assumption", stufe=stufe)
        b.note("lm.note_rent", rules.cap_unit)
        if missed_appointment:
            amount = money(base * rules.missed_percent / 100)
            b.step("lm.missed", rules.missed, rules.missed_duration, percent=Percent(rules.missed_percent),
                   base=Euro(base), amount=Euro(amount), months=rules.missed_months)
            b.note("lm.note_cap", rules.cap_unit, cap=Percent(rules.cap))
            return b.done("lm.result_missed", amount, {"percent": rules.missed_percent, "base": base},
                          amount=Euro(amount), months=rules.missed_months)
        amounts = [money(base * p / 100) for p in rules.percents]
        for n, (p, months, amount) in enumerate(zip(rules.percents, rules.months, amounts), start=1):
            b.step(f"lm.level{n}", rules.levels, rules.duration, percent=Percent(p), base=Euro(base),
                   amount=Euro(amount), months=months)
        b.note("lm.note_year")
        b.note("lm.note_cap", rules.cap_unit, cap=Percent(rules.cap))
        n = rules.percents.index(percent) if percent in rules.percents else (level - 1 if level in (1, 2, 3) else None)
        if n is not None:
            chosen = rules.percents[n]
            return b.done("lm.result_one", amounts[n], {"percent": chosen, "base": base}, amount=Euro(amounts[n]),
                          percent=Percent(chosen), period=_period(rules.months[n]))
        return b.done("lm.result_all", amounts[0], {f"level{n}": a for n, a in enumerate(amounts, start=1)},
                      a1=Euro(amounts[0]), a2=Euro(amounts[1]), a3=Euro(amounts[2]),
                      m1=rules.months[0], m2=rules.months[1], m3=rules.months[2])
    except FigureMissing as exc:
        return b.failed(exc)
