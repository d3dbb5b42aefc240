"""Erwerbstätigenfreibetrag: § 11b Abs. 2 (Grundfreibetrag) and § 11b Abs. 3 (tiers, ceiling) SGB II."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..catalog import StoredUnit
from .builder import Builder
from .law import AMOUNT, FigureMissing, LawSource, LawUnit, parse_amount
from .model import Calculation, Euro, Message, Percent, money

Units = LawSource | Sequence[StoredUnit]
BASE_RULE = "§ 11b Abs. 2 SGB II"
TIER_RULE = "§ 11b Abs. 3 SGB II"
YOUTH_RULE = "§ 11b Abs. 2b SGB II"


@dataclass(frozen=True)
class Tier:
    low: Decimal
    high: Decimal
    percent: Decimal


@dataclass(frozen=True)
class FreibetragRules:
    base: Decimal  # Grundfreibetrag
    proof_threshold: Decimal  # above this income, higher actual expenses may replace the base
    tiers: tuple[Tier, ...]
    ceiling: Decimal  # top of the last tier
    ceiling_child: Decimal  # instead, with a minor child
    base_unit: LawUnit
    tier_unit: LawUnit


_TIER_RE = re.compile(
    rf"der ({AMOUNT}) Euro übersteigt und nicht mehr als ({AMOUNT}) Euro beträgt, auf ({AMOUNT}) Prozent")


def freibetrag_rules(units: Units) -> FreibetragRules:
    source = LawSource.of(units)
    m, base_unit = source.find(BASE_RULE, rf"ein Betrag von insgesamt ({AMOUNT}) Euro monatlich", Message("what.base"))
    base = parse_amount(m.group(1))
    m_proof, _ = source.find(BASE_RULE, rf"mehr als ({AMOUNT}) Euro", Message("what.proof"))
    tier_unit = source.get(TIER_RULE)
    flat = re.sub(r"\s+", " ", tier_unit.text)
    tiers = tuple(Tier(parse_amount(a), parse_amount(b), parse_amount(p)) for a, b, p in _TIER_RE.findall(flat))
    if not tiers:
        raise FigureMissing(Message("missing.figure", {"what": Message("what.tiers"), "citation": TIER_RULE}), TIER_RULE)
    m_child = re.search(rf"Anstelle des Betrages von ({AMOUNT}) Euro tritt.*?minderjähriges Kind.*?ein Betrag von ({AMOUNT}) Euro", flat)
    if not m_child:
        raise FigureMissing(Message("missing.figure", {"what": Message("what.ceiling_child"), "citation": TIER_RULE}), TIER_RULE)
    ceiling = tiers[-1].high
    if parse_amount(m_child.group(1)) != ceiling:
        raise FigureMissing(Message("missing.figure", {"what": Message("what.ceiling_child"), "citation": TIER_RULE}), TIER_RULE)
    return FreibetragRules(base, parse_amount(m_proof.group(1)), tiers, ceiling, parse_amount(m_child.group(2)),
                           base_unit, tier_unit)


def freibetrag(gross: Decimal | int | float | str, minor_child: bool, units: Units, *,
               net: Decimal | int | float | str | None = None, under_25_in_training: bool = False,
               net_assumed: bool = False, only_net_known: bool = False, lives_with_partner: bool = False,
               year: int | None = None, rent: Decimal | int | float | str | None = None) -> Calculation:
    """What of a monthly gross income from work stays free (is not counted against Bürgergeld).

    The outlook says what else decides whether Bürgergeld is left, with the example of a person who lives
    alone (Regelbedarfsstufe 1 from the units) unless the person has a minor child or a partner; with the
    stated `rent` (rent and heating) the example gives what is left.
    """
    gross = Decimal(str(gross))
    b = Builder("freibetrag", Message("fb.title", {"gross": Euro(gross)}))
    try:
        if under_25_in_training:
            m, unit = LawSource.of(units).find(YOUTH_RULE, r"der Betrag nach (§ 8 Absatz 1a des Vierten Buches)", Message("what.youth"))
            b.cite(unit)
            raise FigureMissing(Message("missing.external", {"rule": m.group(1), "citation": YOUTH_RULE}), YOUTH_RULE)
        rules = freibetrag_rules(units)
        if only_net_known:
            b.note("fb.note_only_net", amount=Euro(gross))
        parts: list[Decimal] = []
        base = min(gross, rules.base)
        parts.append(base)
        if gross <= rules.base:
            b.step("fb.base_all", rules.base_unit, gross=Euro(gross), base=Euro(rules.base))
        else:
            b.step("fb.base", rules.base_unit, base=Euro(rules.base))
        ceiling = rules.ceiling_child if minor_child else rules.ceiling
        if minor_child:
            b.step("fb.ceiling_child", rules.tier_unit, ceiling=Euro(ceiling), normal=Euro(rules.ceiling))
        tiers = list(rules.tiers[:-1]) + [Tier(rules.tiers[-1].low, ceiling, rules.tiers[-1].percent)]
        for tier in tiers:
            if gross <= tier.low:
                break
            part = min(gross, tier.high) - tier.low
            amount = money(part * tier.percent / 100)
            parts.append(amount)
            b.step("fb.tier", rules.tier_unit, percent=Percent(tier.percent), low=Euro(tier.low), high=Euro(tier.high),
                   part=Euro(part), amount=Euro(amount))
        if gross > ceiling:
            b.step("fb.above", rules.tier_unit, ceiling=Euro(ceiling))
        total = money(sum(parts, Decimal(0)))
        if len(parts) > 1:
            b.step("fb.sum", parts=" + ".join(str(Euro(p)) for p in parts), total=Euro(total))
        if not minor_child and gross > rules.ceiling:
            b.note("fb.note_child", ceiling=Euro(rules.ceiling_child))
        if gross > rules.proof_threshold:
            b.note("fb.note_proof", threshold=Euro(rules.proof_threshold), base=Euro(rules.base))
        values = {"freibetrag": total}
        if net is not None:
            net = Decimal(str(net))
            counted = max(net - total, Decimal(0))
            values["angerechnet"] = money(counted)
            b.step("fb.counted_assumed" if net_assumed else "fb.counted", net=Euro(net), total=Euro(total), counted=Euro(counted))
        if only_net_known:
            b.explain("fb.out_what")
            b.explain("fb.out_formula")
        else:
            values.update(_outlook(b, units, total, None if net is None else money(max(net - total, Decimal(0))),
                     alone=not (minor_child or lives_with_partner), year=year,
                     rent=None if rent is None else Decimal(str(rent))))
        return b.done("fb.result_net" if only_net_known else "fb.result", total, values, total=Euro(total), gross=Euro(gross))
    except FigureMissing as exc:
        return b.failed(exc)


def _outlook(b: Builder, units: Units, total: Decimal, counted: Decimal | None, *, alone: bool,
             year: int | None, rent: Decimal | None = None) -> dict[str, Decimal]:
    """What was computed, what else decides the Bürgergeld, and the example of a person living alone;
    returns the example's figures ("bedarf_beispiel", "buergergeld_beispiel" when rent and net pay are known)."""
    from .regelbedarf import ADULT_RULE, adult_rules, rates

    b.explain("fb.out_what" if counted is None else "fb.out_what_net")
    b.explain("fb.out_formula")
    if not alone:
        b.explain("fb.out_household")
        return {}
    try:
        stufe = adult_rules(units).single
        r = rates(units, year or date.today().year)
        rb = r.amounts[stufe]
        adult_unit = LawSource.of(units).get(ADULT_RULE)
    except (FigureMissing, KeyError):
        b.explain("fb.out_household")
        return {}
    if rent is not None:
        need = rb + rent
        if counted is None:
            b.explain("fb.out_rent_threshold", adult_unit, *r.sources, stufe=stufe, rb=Euro(rb), rent=Euro(rent),
                      need=Euro(need), total=Euro(total), threshold=Euro(need + total))
            b.explain("fb.out_next")
        elif counted < need:
            b.explain("fb.out_rent_left", adult_unit, *r.sources, stufe=stufe, rb=Euro(rb), rent=Euro(rent),
                      need=Euro(need), counted=Euro(counted), left=Euro(need - counted))
        else:
            b.explain("fb.out_rent_none", adult_unit, *r.sources, stufe=stufe, rb=Euro(rb), rent=Euro(rent),
                      need=Euro(need), counted=Euro(counted))
        b.explain("fb.out_rent_note")
        figures = {"bedarf_beispiel": need}
        if counted is not None:
            figures["buergergeld_beispiel"] = max(need - counted, Decimal(0))
        return figures
    if counted is None:
        b.explain("fb.out_single_threshold", adult_unit, *r.sources, stufe=stufe, rb=Euro(rb), total=Euro(total),
                  threshold=Euro(rb + total))
        b.explain("fb.out_next")
    elif counted < rb:
        b.explain("fb.out_single_left", adult_unit, *r.sources, stufe=stufe, rb=Euro(rb), counted=Euro(counted),
                  left=Euro(rb - counted))
    else:
        b.explain("fb.out_single_gap", adult_unit, *r.sources, stufe=stufe, rb=Euro(rb), counted=Euro(counted),
                  gap=Euro(counted - rb))
    return {}


EHRENAMT_RULE = "§ 11a Abs. 1 SGB II"


def aufwandsentschaedigung(amount: Decimal | int | float | str, units: Units, *, per: str = "month") -> Calculation:
    """Tax-free allowances for voluntary work (Übungsleiter, Ehrenamt): § 11a Abs. 1 Nr. 5 SGB II.

    The yearly limit stood in SGB II itself until 2025; since then the law refers to the limit of the
    Einkommensteuergesetz, which is not in the index, so the result is "nicht berechenbar".
    """
    amount = Decimal(str(amount))
    b = Builder("aufwandsentschaedigung", Message("ea.title", {"amount": Euro(amount)}))
    try:
        unit = LawSource.of(units).get(EHRENAMT_RULE)
        b.cite(unit)
        flat = re.sub(r"\s+", " ", unit.text)
        own = re.search(rf"Aufwandsentschädigungen oder Einnahmen aus nebenberuflichen Tätigkeiten.*?einen Betrag in Höhe von "
                        rf"({AMOUNT}) Euro im Kalenderjahr nicht überschreiten", flat)
        if own is None:
            ref = re.search(r"Aufwandsentschädigungen oder Einnahmen aus nebenberuflichen Tätigkeiten.*?bis zur Höhe des in "
                            r"(§ 3 Nummer 26 des Einkommensteuergesetzes) genannten Betrags", flat)
            if ref:
                raise FigureMissing(Message("missing.external_law", {"rule": ref.group(1), "citation": EHRENAMT_RULE}), EHRENAMT_RULE)
            raise FigureMissing(Message("missing.figure", {"what": Message("what.ehrenamt"), "citation": EHRENAMT_RULE}), EHRENAMT_RULE)
        limit = parse_amount(own.group(1))
        yearly = amount * 12 if per == "month" else amount
        b.step("ea.limit", unit, limit=Euro(limit))
        if per == "month":
            b.step("ea.yearly", amount=Euro(amount), yearly=Euro(yearly))
        free = min(yearly, limit)
        counted = yearly - free
        b.step("ea.free", yearly=Euro(yearly), free=Euro(free), counted=Euro(counted))
        key = "ea.result_all" if counted == 0 else "ea.result_part"
        return b.done(key, free, {"frei_jahr": free, "anrechenbar_jahr": counted}, free=Euro(free), counted=Euro(counted))
    except FigureMissing as exc:
        return b.failed(exc)
