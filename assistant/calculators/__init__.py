"""Calculators for "how much" questions: exact, cited, every figure read from the indexed law units.

    units = Workspace().catalog.active_units()
    calc = calculate("Minijob 556 Euro, wie viel darf ich behalten?", units)   # Calculation | None
    calc.result, calc.steps, calc.outlook, calc.citations, calc.render(language)  # de en tr ar uk ru pl fa
    shown_language("ps") == "fa", shown_language("fr") == "de"
    freibetrag(556, False, units); regelbedarf(units, age=10, year=2026); regelbedarf_wechsel(units, birthday=18)
    mehrbedarf_alleinerziehend([3, 5], units); haushalt_bedarf(1, [4, 9], units); vermoegen_freibetrag(3, units, karenzzeit=None)
    schulbedarf(units, year=2026, children=2); mehrbedarf_warmwasser(stufen_for_household(2, [3], units), units)

`calculate` returns None for questions that are not "how much" questions or lack the person's
figures; a recognised question whose legal figure cannot be read gives a Calculation with
`computable=False` and a German reason ("Nicht berechenbar: …"). `units` may also be a `LawSource`
built once (`LawSource(units)`); passing the same unit list again reuses the last one.
"""

from .einkommen import aufwandsentschaedigung, freibetrag
from .haushalt import haushalt_bedarf
from .law import FigureMissing, LawSource
from .mehrbedarf import mehrbedarf_alleinerziehend, mehrbedarf_schwangerschaft, mehrbedarf_warmwasser, stufen_for_household
from .minderung import leistungsminderung
from .model import Calculation, Message, Step, format_euro
from .questions import calculate
from .regelbedarf import regelbedarf, regelbedarf_couple, regelbedarf_overview, regelbedarf_wechsel
from .schule import schulbedarf, teilhabe
from .texts import LANGUAGES, shown_language
from .vermoegen import vermoegen_freibetrag

__all__ = [
    "Calculation", "FigureMissing", "LANGUAGES", "shown_language", "aufwandsentschaedigung", "calculate", "LawSource", "Message", "Step", "format_euro", "freibetrag", "haushalt_bedarf", "leistungsminderung",
    "mehrbedarf_alleinerziehend", "mehrbedarf_schwangerschaft", "mehrbedarf_warmwasser", "regelbedarf",
    "regelbedarf_couple", "regelbedarf_overview", "regelbedarf_wechsel", "schulbedarf", "stufen_for_household",
    "teilhabe", "vermoegen_freibetrag",
]
