"""Vermögensfreibeträge: § 12 Abs. 4 SGB II in the Karenzzeit (§ 12 Abs. 3), § 12 Abs. 2 after it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ..catalog import StoredUnit
from .builder import Builder
from .law import AMOUNT, CARDINALS, FigureMissing, LawSource, parse_amount, parse_cardinal
from .model import Calculation, Euro, Message

Units = LawSource | Sequence[StoredUnit]
AFTER_RULE = "§ 12 Abs. 2 SGB II"
PERIOD_RULE = "§ 12 Abs. 3 SGB II"
KARENZ_RULE = "§ 12 Abs. 4 SGB II"
_NUMBER_WORD = "|".join(sorted(CARDINALS, key=len, reverse=True))


def vermoegen_freibetrag(persons: int, units: Units, *, karenzzeit: bool | None = None,
                         savings: Decimal | int | float | str | None = None) -> Calculation:
    """Protected savings of a Bedarfsgemeinschaft of `persons`; `karenzzeit` None gives both periods."""
    one = persons == 1
    b = Builder("vermoegen", Message("vm.title_one" if one else "vm.title", {"persons": persons}))
    try:
        source = LawSource.of(units)
        values: dict[str, Decimal] = {}
        if karenzzeit is not False:
            m, period_unit = source.find(PERIOD_RULE, rf"Karenzzeit von ({_NUMBER_WORD}|\d+) (Jahr|Jahren|Monat|Monaten)",
                                         Message("what.karenzzeit"))
            length = parse_cardinal(m.group(1))
            b.step("vm.period_" + ("year" if m.group(2).startswith("Jahr") else "month"), period_unit, n=length)
            m, unit = source.find(KARENZ_RULE, rf"({AMOUNT}) Euro für die leistungsberechtigte Person sowie ({AMOUNT}) Euro für jede weitere",
                                  Message("what.karenz_amounts"))
            first, further = parse_amount(m.group(1)), parse_amount(m.group(2))
            total = first + further * (persons - 1)
            values["karenzzeit"] = total
            if persons > 1:
                b.step("vm.karenz", unit, first=Euro(first), further=Euro(further), others=persons - 1, total=Euro(total))
            else:
                b.step("vm.karenz_one", unit, first=Euro(first))
            b.note("vm.note_home", unit)
        if karenzzeit is not True:
            m, unit = source.find(AFTER_RULE, rf"für jede Person in der Bedarfsgemeinschaft ein Betrag in Höhe von ({AMOUNT}) Euro",
                                  Message("what.after_amount"))
            per_person = parse_amount(m.group(1))
            after = per_person * persons
            values["nach_karenzzeit"] = after
            b.step("vm.after", unit, per_person=Euro(per_person), persons=persons, total=Euro(after))
            if persons > 1 and re.search(r"nicht ausgeschöpfte Freibeträge", source.get(AFTER_RULE).text):
                b.note("vm.note_transfer", unit)
        if savings is not None:
            savings = Decimal(str(savings))
            for key, limit in values.items():
                b.step(f"vm.compare_{key}_" + ("below" if savings <= limit else "above"),
                       savings=Euro(savings), limit=Euro(limit), diff=Euro(abs(savings - limit)))
        b.note("vm.note_protected")
        if karenzzeit is None and savings is not None:
            # the person's savings against both limits: say first whether they stand in the way
            karenz, after = values["karenzzeit"], values["nach_karenzzeit"]
            key = ("vm.result_savings_ok" if savings <= after else "vm.result_savings_karenz_only" if savings <= karenz
                   else "vm.result_savings_above")
            diff = savings - (after if savings <= karenz else karenz)
            return b.done(key, karenz, values, savings=Euro(savings), karenz=Euro(karenz), after=Euro(after),
                          diff=Euro(max(diff, Decimal(0))))
        if karenzzeit is None:
            return b.done("vm.result_both_one" if one else "vm.result_both", values["karenzzeit"], values, karenz=Euro(values["karenzzeit"]),
                          after=Euro(values["nach_karenzzeit"]), persons=persons)
        key, value = ("karenzzeit", "vm.result_karenz") if karenzzeit else ("nach_karenzzeit", "vm.result_after")
        value += "_one" if one else ""
        return b.done(value, values[key], values, total=Euro(values[key]), persons=persons)
    except FigureMissing as exc:
        return b.failed(exc)
