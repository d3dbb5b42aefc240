"""Persönlicher Schulbedarf: § 28 Abs. 3 SGB II → § 34 Abs. 3, 3a SGB XII → amounts in the Anlage / RBSFV."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..catalog import StoredUnit
from .builder import Builder
from .law import MONTHS, FigureMissing, LawSource, parse_amount
from .model import Calculation, DayMonth, Euro, Message

Units = LawSource | Sequence[StoredUnit]
SGB2_RULE = "§ 28 Abs. 3 SGB II"
SGB12_RULE = "§ 34 Abs. 3a SGB XII"
TABLE_HEADER = r"Teilbetrag für das im jeweiligen Kalenderjahr beginnende erste Schulhalbjahr"
TABLE_DOCS = ("RBSFV", "SGB XII")


def _day_month(text: str) -> DayMonth | str:
    """ "1. August" → DayMonth(1, 8), shown with the reader's month name; an unknown form stays as the law writes it."""
    m = re.fullmatch(r"(\d{1,2})\. (\w+)", text)
    month = MONTHS.get(m.group(2).lower()) if m else None
    return DayMonth(int(m.group(1)), month) if m and month else text


def schulbedarf(units: Units, *, year: int | None = None, children: int = 1) -> Calculation:
    """The two Teilbeträge for the school half-years beginning in `year`, per pupil and for `children` pupils."""
    year = year or date.today().year
    b = Builder("schulbedarf", Message("sb.title", {"year": year}))
    try:
        source = LawSource.of(units)
        m, rule = source.find(SGB2_RULE, r"ersten? Schulhalbjahr regelmäßig zum (\d{1,2}\. \w+) und für das zweite "
                                         r"Schulhalbjahr regelmäßig zum (\d{1,2}\. \w+)", Message("what.school_dates"))
        first_date, second_date = _day_month(m.group(1)), _day_month(m.group(2))
        b.step("sb.rule", rule, first=first_date, second=second_date)
        _, ref = source.find(SGB12_RULE, r"fortgeschrieben", Message("what.school_update"))
        b.step("sb.update", ref)
        rows = [r for r in source.table_rows(TABLE_HEADER, TABLE_DOCS) if r.valid_from.year == year]
        if not rows:
            raise FigureMissing(Message("missing.school_year", {"year": year}), "Anlage zu § 34 SGB XII")
        rows.sort(key=lambda r: not r.source.citation.startswith("§"))
        row = rows[0]
        amounts = []
        for cell in row.cells[:2]:
            cm = re.fullmatch(r"(\d+(?:,\d+)?)(?:\s*Euro)?", cell)
            if not cm:
                raise FigureMissing(Message("missing.school_year", {"year": year}), row.source.citation)
            amounts.append(parse_amount(cm.group(1)))
        first, second = amounts
        sources = tuple(dict.fromkeys(r.source for r in rows))
        b.step("sb.amounts", *sources, year=year, first=Euro(first), second=Euro(second),
               first_date=first_date, second_date=second_date)
        per_child = first + second
        total = per_child * children
        if children > 1:
            b.step("sb.children", n=children, per_child=Euro(per_child), total=Euro(total))
        return b.done("sb.result", total, {"erstes_halbjahr": first, "zweites_halbjahr": second, "per_child": per_child},
                      first=Euro(first), second=Euro(second), per_child=Euro(per_child), total=Euro(total),
                      n=children, year=year, first_date=first_date, second_date=second_date)
    except FigureMissing as exc:
        return b.failed(exc)


def teilhabe(units: Units, *, children: int = 1) -> Calculation:
    """§ 28 Abs. 7 SGB II: the monthly lump sum for clubs, music lessons and leisure of minors."""
    b = Builder("teilhabe", Message("th.title"))
    try:
        m, unit = LawSource.of(units).find("§ 28 Abs. 7 SGB II", r"pauschal (\d+(?:,\d+)?) Euro monatlich.*?das (\d+)\. Lebensjahr",
                                           Message("what.teilhabe"))
        amount, age = parse_amount(m.group(1)), int(m.group(2))
        b.step("th.rule", unit, amount=Euro(amount), age=age)
        total = amount * children
        if children > 1:
            b.step("th.children", n=children, amount=Euro(amount), total=Euro(total))
        b.note("th.note")
        return b.done("th.result", total, {"per_child": amount}, amount=Euro(amount), total=Euro(total), n=children)
    except FigureMissing as exc:
        return b.failed(exc)

