"""The monthly need of a whole household without housing costs: the Regelbedarf of every person (§ 20, § 23
SGB II), the Sofortzuschlag of the children (§ 72), the Mehrbedarf of a single parent (§ 21 Abs. 3).

"How much do we get in total?" is answered with this sum, not with one of its parts. Kindergeld and other
income are deducted by the Jobcenter; the Kindergeld amount is not in the indexed law, so it is named, not
computed. Housing and heating (§ 22) are paid on top and depend on the flat.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ..catalog import StoredUnit
from .builder import Builder
from .law import FigureMissing, LawSource
from .mehrbedarf import SINGLE_PARENT_RULE, mehrbedarf_alleinerziehend
from .model import Calculation, Euro, Message
from .regelbedarf import INCOME_RULE, adult_rules, rates, sofortzuschlag, stufe_for_age

Units = LawSource | Sequence[StoredUnit]
HOUSING_RULE = "§ 22 Abs. 1 SGB II"


def haushalt_bedarf(adults: int, children_ages: Sequence[int], units: Units, *, year: int | None = None,
                    rent: Decimal | int | float | str | None = None) -> Calculation:
    """`adults`: 1 (living alone or raising the children alone) or 2 (a couple); `children_ages`: the
    children living with them, in completed years; `rent`: the rent the person states, added as stated (whether
    it is appropriate is the Jobcenter's decision)."""
    year = year or date.today().year
    rent = Decimal(str(rent)) if rent is not None else None
    b = Builder("haushalt_bedarf", Message("hh.title_rent" if rent else "hh.title", {"year": year}))
    try:
        source = LawSource.of(units)
        rules = adult_rules(source)
        r = rates(source, year)
        bonus = sofortzuschlag(source, year)
        total = Decimal(0)

        def amount_of(stufe: int) -> Decimal:
            if stufe not in r.amounts:
                raise FigureMissing(Message("missing.stufe", {"stufe": stufe}), r.sources[0].citation)
            return r.amounts[stufe]

        if adults >= 2:
            each = amount_of(rules.partner)
            b.step("hh.couple", rules.sources["partner"], *r.sources, stufe=rules.partner, amount=Euro(each),
                   total=Euro(each * 2))
            total += each * 2
        else:
            own = amount_of(rules.single)
            b.step("hh.you", rules.sources["single"], *r.sources, stufe=rules.single, amount=Euro(own))
            total += own
        for age in sorted(children_ages):
            stufe, sources, _ = stufe_for_age(age, source)
            base = amount_of(stufe)
            if bonus is not None and stufe in bonus[0]:
                extra = bonus[1]
                b.step("hh.child_bonus", *sources, bonus[2], age=age, stufe=stufe, amount=Euro(base),
                       bonus=Euro(extra), total=Euro(base + extra))
                total += base + extra
            else:
                b.step("hh.child", *sources, age=age, stufe=stufe, amount=Euro(base))
                total += base
        minors = [a for a in children_ages if a < rules.majority]
        if adults == 1 and minors:
            extra_need = mehrbedarf_alleinerziehend(minors, source, year=year)
            if not extra_need.computable or extra_need.value is None:
                raise FigureMissing(Message("missing.figure", {"what": Message("what.single_parent"),
                                                               "citation": SINGLE_PARENT_RULE}), SINGLE_PARENT_RULE)
            b.step("hh.single_parent", source.get(SINGLE_PARENT_RULE), amount=Euro(extra_need.value),
                   percent=extra_need.result_message.params["percent"])
            total += extra_need.value
        b.step("hh.sum", total=Euro(total))
        if rent:
            b.step("hh.rent", source.get(HOUSING_RULE), rent=Euro(rent))
            total += rent
            b.step("hh.sum_rent", total=Euro(total))
        if children_ages:
            try:
                _, income = source.find(INCOME_RULE, r"Kindergeld für zur Bedarfsgemeinschaft gehörende Kinder",
                                        Message("what.kindergeld"))
                b.explain("hh.kindergeld", income)
            except FigureMissing:
                pass
        b.explain("hh.other_income")
        if not rent:
            try:
                b.explain("hh.housing", source.get(HOUSING_RULE))
            except FigureMissing:
                b.explain("hh.housing")
        persons = adults + len(children_ages)
        return b.done("hh.result_rent" if rent else "hh.result", total, {"total": total}, total=Euro(total),
                      persons=persons)
    except FigureMissing as exc:
        return b.failed(exc)
