"""Mehrbedarfe of § 21 SGB II: Alleinerziehung (Abs. 3), Schwangerschaft (Abs. 2), Warmwasser (Abs. 7)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ..catalog import StoredUnit
from .builder import Builder
from .law import AMOUNT, CARDINALS, ORDINAL, FigureMissing, LawSource, LawUnit, parse_amount, parse_cardinal, parse_ordinal
from .model import Calculation, Euro, Message, Percent, Series, money
from .regelbedarf import Situation, adult_rules, age_bands, rates, stufe_for_age

Units = LawSource | Sequence[StoredUnit]
SINGLE_PARENT_RULE = "§ 21 Abs. 3 SGB II"
PREGNANCY_RULE = "§ 21 Abs. 2 SGB II"
HOT_WATER_RULE = "§ 21 Abs. 7 SGB II"
_NUMBER_WORD = "|".join(sorted(CARDINALS, key=len, reverse=True))


@dataclass(frozen=True)
class SingleParentRules:
    rate: Decimal  # Nr. 1
    young_age: int  # "mit einem Kind unter sieben Jahren"
    counts: tuple[int, ...]  # "mit zwei oder drei Kindern …"
    count_age: int  # "… unter 16 Jahren"
    per_child: Decimal  # Nr. 2
    cap: Decimal
    unit: LawUnit


def single_parent_rules(units: Units) -> SingleParentRules:
    source = LawSource.of(units)
    unit = source.get(SINGLE_PARENT_RULE)
    flat = re.sub(r"\s+", " ", unit.text)
    what = Message("what.single_parent")
    m1 = re.search(rf"in Höhe von ({AMOUNT}) Prozent des nach § 20 Absatz 2 maßgebenden Bedarfs, wenn sie mit einem Kind "
                   rf"unter (\d+|{_NUMBER_WORD}) Jahren oder mit ((?:{_NUMBER_WORD}|\d+)(?: oder (?:{_NUMBER_WORD}|\d+))*) "
                   rf"Kindern unter (\d+|{_NUMBER_WORD}) Jahren", flat)
    m2 = re.search(rf"in Höhe von ({AMOUNT}) Prozent des nach § 20 Absatz 2 maßgebenden Bedarfs für jedes Kind", flat)
    m3 = re.search(rf"höchstens jedoch in Höhe von ({AMOUNT}) Prozent", flat)
    if not (m1 and m2 and m3):
        raise FigureMissing(Message("missing.figure", {"what": what, "citation": SINGLE_PARENT_RULE}), SINGLE_PARENT_RULE)
    counts = tuple(parse_cardinal(w) for w in m1.group(3).split(" oder "))
    return SingleParentRules(parse_amount(m1.group(1)), parse_cardinal(m1.group(2)), counts, parse_cardinal(m1.group(4)),
                             parse_amount(m2.group(1)), parse_amount(m3.group(1)), unit)


def _base_amount(b: Builder, units: Units, year: int, stufe: int) -> Decimal:
    r = rates(units, year)
    if stufe not in r.amounts:
        raise FigureMissing(Message("missing.stufe", {"stufe": stufe}), r.sources[0].citation)
    b.step("mb.base", *r.sources, stufe=stufe, amount=Euro(r.amounts[stufe]))
    return r.amounts[stufe]


def mehrbedarf_alleinerziehend(children_ages: Sequence[int], units: Units, *, year: int | None = None) -> Calculation:
    year = year or date.today().year
    b = Builder("mehrbedarf_alleinerziehend", Message("ae.title"))
    try:
        rules = single_parent_rules(units)
        adults = adult_rules(units)
        minors = sorted(a for a in children_ages if a < adults.majority)
        if not minors:
            raise FigureMissing(Message("ae.no_minor", {"majority": adults.majority}), SINGLE_PARENT_RULE)
        b.step("ae.children", rules.unit, n=len(minors), ages=Series(tuple(minors)), majority=adults.majority)
        young = [a for a in minors if a < rules.young_age]
        under_count_age = [a for a in minors if a < rules.count_age]
        rule1 = Decimal(0)
        if young:
            rule1 = rules.rate
            b.step("ae.rule1_young", rules.unit, rate=Percent(rules.rate), age=rules.young_age)
        elif len(under_count_age) in rules.counts:
            rule1 = rules.rate
            b.step("ae.rule1_count", rules.unit, rate=Percent(rules.rate), n=len(under_count_age), age=rules.count_age)
        else:
            b.step("ae.rule1_no", rules.unit, rate=Percent(rules.rate), young=rules.young_age, age=rules.count_age,
                   counts=Series(rules.counts, "or"))
        rule2 = rules.per_child * len(minors)
        b.step("ae.rule2", rules.unit, per_child=Percent(rules.per_child), n=len(minors), total=Percent(rule2))
        percent = max(rule1, rule2)
        if rule2 > rule1 and rule2 > rules.cap:
            percent = rules.cap
            b.step("ae.cap", rules.unit, cap=Percent(rules.cap))
        b.step("ae.choose", percent=Percent(percent))
        b.step("ae.stufe", adults.sources["single"], stufe=adults.single)
        base = _base_amount(b, units, year, adults.single)
        amount = money(base * percent / 100)
        b.step("mb.amount", percent=Percent(percent), base=Euro(base), amount=Euro(amount))
        return b.done("ae.result", amount, {"percent": percent, "base": base}, amount=Euro(amount), percent=Percent(percent))
    except FigureMissing as exc:
        return b.failed(exc)


def mehrbedarf_schwangerschaft(units: Units, *, situation: Situation | Literal["unknown"] = "single",
                               age: int | None = None, year: int | None = None) -> Calculation:
    """17 % (as § 21 Abs. 2 states) of the pregnant woman's Regelbedarf; `situation="unknown"` gives the
    amount for a woman living alone (the main value) and the one with a partner side by side."""
    year = year or date.today().year
    b = Builder("mehrbedarf_schwangerschaft", Message("sw.title"))
    try:
        source = LawSource.of(units)
        m, unit = source.find(PREGNANCY_RULE, rf"nach der ({ORDINAL}) Schwangerschaftswoche.*?Mehrbedarf von ({AMOUNT}) Prozent",
                              Message("what.pregnancy"))
        week, percent = parse_ordinal(m.group(1)), parse_amount(m.group(2))
        b.step("sw.rule", unit, week=week, percent=Percent(percent))
        if age is not None and age < adult_rules(units).majority:
            stufe, sources, band = stufe_for_age(age, units)
            b.step("rb.stufe_age", *sources, age=age, stufe=stufe, low=band.low if band else age, last=band.high - 1 if band else age)
        elif situation == "unknown":
            adults = adult_rules(units)
            r = rates(units, year)
            amounts: dict[str, Decimal] = {}
            for who, stufe in (("single", adults.single), ("partner", adults.partner)):
                if stufe not in r.amounts:
                    raise FigureMissing(Message("missing.stufe", {"stufe": stufe}), r.sources[0].citation)
                base = r.amounts[stufe]
                amounts[who] = money(base * percent / 100)
                b.step(f"sw.if_{who}", adults.sources[who], *r.sources, stufe=stufe, base=Euro(base), percent=Percent(percent),
                       amount=Euro(amounts[who]))
            b.note("sw.note_assumption")
            return b.done("sw.result_both", amounts["single"], {"percent": percent, "single": amounts["single"],
                                                                "partner": amounts["partner"]},
                          single=Euro(amounts["single"]), partner=Euro(amounts["partner"]), week=week)
        else:
            adults = adult_rules(units)
            stufe = adults.partner if situation == "partner" else adults.single
            b.step("rb.stufe_partner" if situation == "partner" else "rb.stufe_single",
                   adults.sources["partner" if situation == "partner" else "single"], stufe=stufe)
        base = _base_amount(b, units, year, stufe)
        amount = money(base * percent / 100)
        b.step("mb.amount", percent=Percent(percent), base=Euro(base), amount=Euro(amount))
        return b.done("sw.result", amount, {"percent": percent, "base": base}, amount=Euro(amount), week=week)
    except FigureMissing as exc:
        return b.failed(exc)


@dataclass(frozen=True)
class HotWaterRate:
    percent: Decimal
    stufen: frozenset[int]


def hot_water_rates(units: Units) -> tuple[list[HotWaterRate], LawUnit]:
    """§ 21 Abs. 7 Satz 2 Nr. 1–4: percentage by the person's Regelbedarf; each item names its rule or age band."""
    source = LawSource.of(units)
    unit = source.get(HOT_WATER_RULE)
    adults = adult_rules(source)
    bands = age_bands(source)
    found: list[HotWaterRate] = []
    for item in re.finditer(rf"^\d\.\s+({AMOUNT}) Prozent (.*?)(?=^\d\.\s|\Z|^Höhere)", unit.text, re.MULTILINE | re.DOTALL):
        percent, rest = parse_amount(item.group(1)), re.sub(r"\s+", " ", item.group(2))
        stufen: set[int] = set()
        if "Absatz 2 Satz 1" in rest:  # alone or single parent; other adults (Satz 2 Nr. 2); partners (Abs. 4)
            stufen |= {adults.single, adults.other, adults.partner}
        if "Satz 2 Nummer 1" in rest:
            stufen.add(next(b.stufe for b in bands if b.high == adults.majority))
        for m in re.finditer(rf"(?:vom Beginn des (?P<start>{ORDINAL}) )?bis zur Vollendung des (?P<end>{ORDINAL}) Lebensjahres"
                             rf"|im (?P<within>{ORDINAL}) Lebensjahr", rest):
            if m.group("within"):
                age = parse_ordinal(m.group("within")) - 1
            else:
                age = parse_ordinal(m.group("end")) - 1
            stufen |= {b.stufe for b in bands if b.low <= age < b.high}
        if stufen:
            found.append(HotWaterRate(percent, frozenset(stufen)))
    if not found:
        raise FigureMissing(Message("missing.figure", {"what": Message("what.hot_water"), "citation": HOT_WATER_RULE}), HOT_WATER_RULE)
    return found, unit


def mehrbedarf_warmwasser(stufen: Sequence[int], units: Units, *, year: int | None = None) -> Calculation:
    """Decentral hot water for every person of the household, given by their Regelbedarfsstufe."""
    year = year or date.today().year
    b = Builder("mehrbedarf_warmwasser", Message("ww.title"))
    try:
        table, unit = hot_water_rates(units)
        r = rates(units, year)
        total = Decimal(0)
        for i, stufe in enumerate(stufen, start=1):
            rate = next((t for t in table if stufe in t.stufen), None)
            if rate is None or stufe not in r.amounts:
                raise FigureMissing(Message("missing.stufe", {"stufe": stufe}), HOT_WATER_RULE)
            amount = money(r.amounts[stufe] * rate.percent / 100)
            total += amount
            b.step("ww.person", unit, *r.sources, n=i, stufe=stufe, percent=Percent(rate.percent),
                   base=Euro(r.amounts[stufe]), amount=Euro(amount))
        if len(stufen) > 1:
            b.step("ww.sum", total=Euro(total))
        return b.done("ww.result", total, {}, total=Euro(total), n=len(stufen))
    except FigureMissing as exc:
        return b.failed(exc)


def stufen_for_household(adults: int, children_ages: Sequence[int], units: Units) -> list[int]:
    """Regelbedarfsstufen of a household: one adult alone → single; two adults → partners; children by age."""
    rules = adult_rules(units)
    own = [rules.single] if adults == 1 else [rules.partner] * 2 + [rules.other] * max(adults - 2, 0)
    return own + [stufe_for_age(a, units)[0] for a in children_ages]
