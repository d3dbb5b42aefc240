"""Curated entries that state the same figure a calculator works out: beside a computed answer they would
repeat it, so they are not added as a further part ("Außerdem") of that answer."""

from __future__ import annotations

SAME_FIGURE: dict[str, frozenset[str]] = {
    "aufwandsentschaedigung": frozenset({"einkommen-ehrenamt-uebungsleiter"}),
    "freibetrag": frozenset({"einkommen-minijob", "einkommen-erwerbstaetigenfreibetrag"}),
    "haushalt_bedarf": frozenset({"regelbedarf-hoehe-2026", "regelbedarf-alleinstehend", "regelbedarf-paare",
                                  "regelbedarf-kinder", "mehrbedarf-alleinerziehend"}),
    "leistungsminderung": frozenset({"bescheid-leistungsminderung", "bescheid-meldeversaeumnis"}),
    "mehrbedarf_alleinerziehend": frozenset({"mehrbedarf-alleinerziehend"}),
    "mehrbedarf_schwangerschaft": frozenset({"mehrbedarf-schwangerschaft"}),
    "mehrbedarf_warmwasser": frozenset({"mehrbedarf-warmwasser-dezentral"}),
    "regelbedarf": frozenset({"regelbedarf-hoehe-2026", "regelbedarf-alleinstehend", "regelbedarf-kinder",
                              "regelbedarf-u25-bei-eltern"}),
    "regelbedarf_paar": frozenset({"regelbedarf-hoehe-2026", "regelbedarf-paare"}),
    "regelbedarf_tabelle": frozenset({"regelbedarf-hoehe-2026"}),
    "regelbedarf_wechsel": frozenset({"regelbedarf-geburtstag-stufenwechsel"}),
    "schulbedarf": frozenset({"bildung-schulbedarf"}),
    "teilhabe": frozenset({"bildung-teilhabe-verein-musik"}),
    "vermoegen": frozenset({"vermoegen-erstes-jahr-grenze", "vermoegen-freibetrag-15000", "vermoegen-karenzzeit"}),
}


def answered_by_calculation(kind: str) -> frozenset[str]:
    return SAME_FIGURE.get(kind, frozenset())
