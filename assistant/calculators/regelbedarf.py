"""Regelbedarf by Regelbedarfsstufe, age and year (§ 20, § 23 SGB II; Anlage zu § 28 SGB XII; RBSFV)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ..catalog import StoredUnit
from .builder import Builder
from .law import AMOUNT, MONTHS, ORDINAL, FigureMissing, LawSource, LawUnit, parse_amount, parse_ordinal
from .model import Calculation, Euro, Message, Series

Situation = Literal["single", "partner", "adult_child"]
Units = LawSource | Sequence[StoredUnit]

RATE_TABLE_HEADER = r"gültig ab\s*\|\s*Regelbedarfsstufe 1"
RATE_TABLE_DOCS = ("RBSFV", "SGB XII")
CHILD_RULE = "§ 23 SGB II"
ADULT_RULE = "§ 20 Abs. 2 SGB II"
PARTNER_RULE = "§ 20 Abs. 4 SGB II"
HOUSEHOLD_RULE = "§ 7 Abs. 3 SGB II"
SOFORT_RULE = "§ 72 Abs. 1 SGB II"
INCOME_RULE = "§ 11 Abs. 1 SGB II"


@dataclass(frozen=True)
class Rates:
    valid_from: date
    amounts: dict[int, Decimal]  # Stufe → Euro per month
    sources: tuple[LawUnit, ...]  # the tables that state them (RBSFV first)
    newer_missing: bool  # the year asked for is later than the newest row in the index


@dataclass(frozen=True)
class AgeBand:
    low: int  # age in completed years, inclusive
    high: int  # exclusive
    stufe: int
    sources: tuple[LawUnit, ...]


@dataclass(frozen=True)
class AdultRules:
    single: int
    partner: int
    other: int  # other adults in the Bedarfsgemeinschaft, e.g. a grown-up child at home
    majority: int  # the age from which the adult Stufen apply (upper bound of the child bands)
    child_limit: int  # unmarried children belong to the parents' Bedarfsgemeinschaft below this age
    sources: dict[str, LawUnit]


def rates(units: Units, year: int | None = None) -> Rates:
    """The amounts of all six Stufen for the year (newest row valid on 1 January of that year)."""
    source = LawSource.of(units)
    year = year or date.today().year
    rows = source.table_rows(RATE_TABLE_HEADER, RATE_TABLE_DOCS)
    if not rows:
        raise FigureMissing(Message("missing.rates"), "Anlage zu § 28 SGB XII")
    day = date(year, 1, 1)
    valid = [r for r in rows if r.valid_from <= day]
    if not valid:
        raise FigureMissing(Message("missing.rates_year", {"year": year}), "Anlage zu § 28 SGB XII")
    start = max(r.valid_from for r in valid)
    # the ordinance of the year first (cited as "§ 2 RBSFV 2026"), then the Anlage it completes
    chosen = sorted((r for r in valid if r.valid_from == start), key=lambda r: not r.source.citation.startswith("§"))
    amounts: dict[int, Decimal] = {}
    for col, head in enumerate(chosen[0].header):
        if m := re.fullmatch(r"Regelbedarfsstufe (\d)", head):
            amounts[int(m.group(1))] = parse_amount(chosen[0].cells[col])
    if not amounts:
        raise FigureMissing(Message("missing.rates"), chosen[0].source.citation)
    newest = max(r.valid_from for r in rows)
    return Rates(start, amounts, tuple(dict.fromkeys(r.source for r in chosen)),
                 newer_missing=year > newest.year)


_BAND_RE = re.compile(
    rf"(?:vom Beginn des (?P<start>{ORDINAL}) )?bis zur Vollendung des (?P<end>{ORDINAL}) Lebensjahres"
    rf"|im (?P<within>{ORDINAL}) Lebensjahr")
_STUFE_AFTER = re.compile(r"\s*ein Betrag in Höhe der Regelbedarfsstufe (\d)")


def age_bands(units: Units) -> list[AgeBand]:
    """Children's Stufen by age: § 23 Nr. 1 SGB II, then § 20 Abs. 2 Satz 2 Nr. 1 SGB II up to majority."""
    source = LawSource.of(units)
    child = source.get(CHILD_RULE)
    nr1 = re.search(r"1\.\s(.*?)(?:;|\n2\.)", child.text, re.DOTALL)
    clause = re.sub(r"\s+", " ", nr1.group(1)) if nr1 else ""
    bands: list[AgeBand] = []
    for m in _BAND_RE.finditer(clause):
        tail = _STUFE_AFTER.match(clause, m.end())
        if not tail:
            continue
        stufe = int(tail.group(1))
        if m.group("within"):
            n = parse_ordinal(m.group("within"))
            low, high = n - 1, n
        else:
            low = parse_ordinal(m.group("start")) - 1 if m.group("start") else 0
            high = parse_ordinal(m.group("end"))
        bands.append(AgeBand(low, high, stufe, (child,)))
    if not bands:
        raise FigureMissing(Message("missing.figure", {"what": Message("what.child_bands"), "citation": CHILD_RULE}), CHILD_RULE)
    m, adult = source.find(ADULT_RULE, rf"Regelbedarfsstufe (\d), sofern sie das ({ORDINAL}) Lebensjahr noch nicht vollendet",
                           Message("what.youth_band"))
    stufe, high = int(m.group(1)), parse_ordinal(m.group(2))
    last = max(bands, key=lambda b: b.high)
    if last.stufe == stufe:
        bands[bands.index(last)] = AgeBand(last.low, high, stufe, (child, adult))
    else:
        bands.append(AgeBand(last.high, high, stufe, (adult,)))
    return sorted(bands, key=lambda b: b.low)


def adult_rules(units: Units) -> AdultRules:
    source = LawSource.of(units)
    m1, adult = source.find(ADULT_RULE, r"alleinstehend oder alleinerziehend.*?Regelbedarfsstufe (\d)", Message("what.stufe_single"))
    m3, _ = source.find(ADULT_RULE, r"Regelbedarfsstufe (\d) in den übrigen Fällen", Message("what.stufe_other"))
    m2, partner = source.find(PARTNER_RULE, rf"das ({ORDINAL}) Lebensjahr vollendet.*?Regelbedarfsstufe (\d)", Message("what.stufe_partner"))
    mk, household = source.find(HOUSEHOLD_RULE, rf"unverheirateten Kinder.*?das ({ORDINAL}) Lebensjahr noch nicht vollendet",
                                Message("what.child_limit"))
    majority = max(b.high for b in age_bands(source))
    return AdultRules(int(m1.group(1)), int(m2.group(2)), int(m3.group(1)), majority, parse_ordinal(mk.group(1)),
                      {"single": adult, "other": adult, "partner": partner, "household": household})


def stufe_for_age(age: int, units: Units, situation: Situation = "adult_child") -> tuple[int, tuple[LawUnit, ...], AgeBand | None]:
    for band in age_bands(units):
        if band.low <= age < band.high:
            return band.stufe, band.sources, band
    rules = adult_rules(units)
    if age < rules.majority:
        raise FigureMissing(Message("missing.age", {"age": age}), CHILD_RULE)
    key = "other" if situation == "adult_child" else situation
    return getattr(rules, key), (rules.sources[key],), None


def _age_step(b: Builder, age: int, stufe: int, sources: tuple[LawUnit, ...], band: AgeBand | None,
              situation: Situation) -> None:
    if band is not None:
        b.step("rb.stufe_age", *sources, age=age, stufe=stufe, low=band.low, last=band.high - 1)
    else:
        b.step(f"rb.stufe_{situation}", *sources, stufe=stufe)


def _amount_step(b: Builder, r: Rates, stufe: int, year: int) -> Decimal:
    if stufe not in r.amounts:
        raise FigureMissing(Message("missing.stufe", {"stufe": stufe}), r.sources[0].citation)
    b.step("rb.amount", *r.sources, stufe=stufe, amount=Euro(r.amounts[stufe]), valid_from=r.valid_from.strftime("%d.%m.%Y"))
    if r.newer_missing:
        b.note("rb.newer_missing", year=year, valid_from=r.valid_from.strftime("%d.%m.%Y"))
    return r.amounts[stufe]


def regelbedarf(units: Units, *, stufe: int | None = None, age: int | None = None, year: int | None = None,
                situation: Situation = "single") -> Calculation:
    """The monthly Regelbedarf of one person: by Stufe, or by age (children) and situation (adults)."""
    year = year or date.today().year
    b = Builder("regelbedarf", Message("rb.title", {"year": year}))
    try:
        if stufe is None and age is None:
            return regelbedarf_overview(units, year=year)
        if stufe is None:
            stufe, sources, band = stufe_for_age(age, units, situation)
            _age_step(b, age, stufe, sources, band, situation)
        elif stufe not in range(1, 7):
            raise FigureMissing(Message("missing.stufe", {"stufe": stufe}))
        amount = _amount_step(b, rates(units, year), stufe, year)
        if (age is not None and situation == "adult_child") or band_child(age, units):
            return _child_result(b, units, age, stufe, amount, year)
        b.note("rb.plus_housing")
        return b.done("rb.result", amount, {f"stufe_{stufe}": amount}, stufe=stufe, amount=Euro(amount), year=year)
    except FigureMissing as exc:
        return b.failed(exc)


def band_child(age: int | None, units: Units) -> bool:
    """Is `age` in one of the children's age bands (§ 23 Nr. 1, § 20 Abs. 2 Satz 2 Nr. 1 SGB II)?"""
    return age is not None and any(b.low <= age < b.high for b in age_bands(units))


_SOFORT_RE = (rf"Regelbedarfsstufen ((?:\d, )*\d oder \d) zu Grunde liegt, haben zusätzlich Anspruch auf einen "
              rf"monatlichen Sofortzuschlag in Höhe von ({AMOUNT}) Euro")


def sofortzuschlag(units: Units, year: int) -> tuple[frozenset[int], Decimal, LawUnit] | None:
    """§ 72 Abs. 1 SGB II: the Stufen that get the Sofortzuschlag and its amount on 1 January of `year`;
    None when the index lacks the rule or it was not paid yet then ("erstmalig für den Monat Juli 2022")."""
    try:
        m, unit = LawSource.of(units).find(SOFORT_RULE, _SOFORT_RE, Message("what.sofortzuschlag"))
    except FigureMissing:
        return None
    first = re.search(r"erstmalig für den Monat ([A-Za-zäöü]+) (\d{4}) erbracht", re.sub(r"\s+", " ", unit.text))
    if first and MONTHS.get(first.group(1).lower()) and date(year, 1, 1) < date(int(first.group(2)), MONTHS[first.group(1).lower()], 1):
        return None
    return frozenset(int(n) for n in re.findall(r"\d", m.group(1))), parse_amount(m.group(2)), unit


def _child_result(b: Builder, units: Units, age: int, stufe: int, amount: Decimal, year: int) -> Calculation:
    """A child's or young adult's Regelbedarf, with the Sofortzuschlag and the note on Kindergeld."""
    values = {f"stufe_{stufe}": amount}
    bonus = sofortzuschlag(units, year)
    if bonus is not None and stufe in bonus[0]:
        stufen, extra, unit = bonus
        total = amount + extra
        values.update(sofortzuschlag=extra, zusammen=total)
        b.step("rb.sofortzuschlag", unit, stufen=Series(tuple(sorted(stufen)), "or"), bonus=Euro(extra))
        b.step("rb.child_sum", amount=Euro(amount), bonus=Euro(extra), total=Euro(total))
        result = ("rb.result_child_bonus", {"bonus": Euro(extra), "total": Euro(total)})
    else:
        result = ("rb.result_child", {})
    try:
        _, income = LawSource.of(units).find(INCOME_RULE, r"Kindergeld für zur Bedarfsgemeinschaft gehörende Kinder",
                                             Message("what.kindergeld"))
        b.note("rb.note_kindergeld", income)
    except FigureMissing:
        pass
    b.note("rb.plus_housing_child")
    return b.done(result[0], amount, values, age=age, stufe=stufe, amount=Euro(amount), year=year, **result[1])


def regelbedarf_overview(units: Units, *, year: int | None = None) -> Calculation:
    year = year or date.today().year
    b = Builder("regelbedarf_tabelle", Message("rb.title", {"year": year}))
    try:
        r = rates(units, year)
        for stufe in sorted(r.amounts):
            b.step("rb.amount", *r.sources, stufe=stufe, amount=Euro(r.amounts[stufe]),
                   valid_from=r.valid_from.strftime("%d.%m.%Y"))
        if r.newer_missing:
            b.note("rb.newer_missing", year=year, valid_from=r.valid_from.strftime("%d.%m.%Y"))
        b.note("rb.plus_housing")
        return b.done("rb.result_table", None, {f"stufe_{s}": a for s, a in r.amounts.items()},
                      year=year, single=Euro(r.amounts.get(1, Decimal(0))))
    except FigureMissing as exc:
        return b.failed(exc)


def regelbedarf_couple(units: Units, *, year: int | None = None) -> Calculation:
    year = year or date.today().year
    b = Builder("regelbedarf_paar", Message("rb.title", {"year": year}))
    try:
        rules = adult_rules(units)
        b.step("rb.stufe_partner", rules.sources["partner"], stufe=rules.partner)
        amount = _amount_step(b, rates(units, year), rules.partner, year)
        total = amount * 2
        b.step("rb.couple_sum", amount=Euro(amount), total=Euro(total))
        b.note("rb.plus_housing")
        return b.done("rb.result_couple", total, {"per_person": amount}, amount=Euro(amount), total=Euro(total))
    except FigureMissing as exc:
        return b.failed(exc)


def regelbedarf_wechsel(units: Units, *, birthday: int, year: int | None = None,
                        situation: Situation = "adult_child") -> Calculation:
    """A child turns `birthday`: the Stufe before and after, with both amounts."""
    year = year or date.today().year
    b = Builder("regelbedarf_wechsel", Message("rb.change_title", {"age": birthday}))
    try:
        r = rates(units, year)
        old, old_src, old_band = stufe_for_age(birthday - 1, units, situation)
        new, new_src, new_band = stufe_for_age(birthday, units, situation)
        _age_step(b, birthday - 1, old, old_src, old_band, situation)
        _age_step(b, birthday, new, new_src, new_band, situation)
        old_amount = _amount_step(b, r, old, year)
        new_amount = old_amount if new == old else _amount_step(b, r, new, year)
        values = {"old": old_amount, "new": new_amount, "old_stufe": Decimal(old), "new_stufe": Decimal(new)}
        if new_band is None and situation == "adult_child":
            rules = adult_rules(units)
            b.note("rb.note_adult_child", rules.sources["household"], limit=rules.child_limit, stufe=new)
            b.note("rb.note_own_flat", stufe=rules.single, amount=Euro(r.amounts.get(rules.single, Decimal(0))))
        if new == old:
            return b.done("rb.change_none", new_amount, values, age=birthday, stufe=new, amount=Euro(new_amount))
        diff = new_amount - old_amount
        key = "rb.change_less" if diff < 0 else "rb.change_more" if diff > 0 else "rb.change_same_amount"
        return b.done(key, new_amount, values, age=birthday, old=old, new=new, old_amount=Euro(old_amount),
                      new_amount=Euro(new_amount), diff=Euro(abs(diff)))
    except FigureMissing as exc:
        return b.failed(exc)
