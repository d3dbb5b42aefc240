"""Templates of every text a calculation shows: German (Einfache Sprache) and English here, Turkish, Arabic,
Ukrainian, Russian, Polish and Persian in texts_<language>.py, each with the same keys and placeholders
(checked in tests). Law citations, the names of benefits the citizen meets in letters (Bürgergeld, Jobcenter,
Bescheid) and amounts stay as the law writes them ("194,80 Euro") in every language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Calculation

DE: dict[str, str] = {
    "and": " und ",
    "or": " oder ",
    "list_sep": ", ",
    "date.day_month": "{day}. {month}",
    "month.1": "Januar",
    "month.2": "Februar",
    "month.3": "März",
    "month.4": "April",
    "month.5": "Mai",
    "month.6": "Juni",
    "month.7": "Juli",
    "month.8": "August",
    "month.9": "September",
    "month.10": "Oktober",
    "month.11": "November",
    "month.12": "Dezember",
    "not_computable": "Nicht berechenbar: {reason}",
    # missing figures (reasons)
    "missing.unit": "Die Vorschrift {citation} ist im Index nicht vorhanden.",
    "missing.figure": "In {citation} steht {what} nicht in der erwarteten Form.",
    "missing.rates": "Die Tabelle der Regelbedarfsstufen ist im Index nicht vorhanden.",
    "missing.rates_year": "Für das Jahr {year} ist im Index kein Betrag der Regelbedarfsstufen enthalten.",
    "missing.age": "Für das Alter {age} ist im Index keine Regelbedarfsstufe zu finden.",
    "missing.stufe": "Für die Regelbedarfsstufe {stufe} ist im Index kein Betrag enthalten.",
    "missing.school_year": "Für das Jahr {year} ist im Index kein Betrag für den Schulbedarf enthalten.",
    "missing.external": "Der Freibetrag richtet sich nach {rule} ({citation}). Dieses Gesetz ist nicht im Index, deshalb können wir den Betrag nicht ausrechnen. Fragen Sie bitte Ihr Jobcenter.",
    "what.base": "der Grundfreibetrag",
    "what.proof": "die Grenze für höhere Absetzbeträge",
    "what.tiers": "die Stufen des Freibetrags",
    "what.ceiling_child": "die Grenze für Eltern minderjähriger Kinder",
    "what.youth": "der Freibetrag für junge Menschen in Ausbildung",
    "what.child_bands": "die Altersgrenzen der Regelbedarfsstufen für Kinder",
    "what.youth_band": "die Altersgrenze für Jugendliche",
    "what.stufe_single": "die Regelbedarfsstufe für Alleinstehende",
    "what.stufe_other": "die Regelbedarfsstufe für weitere Erwachsene",
    "what.stufe_partner": "die Regelbedarfsstufe für Paare",
    "what.child_limit": "die Altersgrenze für Kinder in der Bedarfsgemeinschaft",
    "what.single_parent": "der Prozentsatz für Alleinerziehende",
    "what.pregnancy": "der Prozentsatz für Schwangere",
    "what.hot_water": "der Prozentsatz für Warmwasser",
    "what.karenzzeit": "die Dauer der Karenzzeit",
    "what.karenz_amounts": "der Freibetrag in der Karenzzeit",
    "what.after_amount": "der Freibetrag nach der Karenzzeit",
    "what.school_dates": "die Zahlungstermine für den Schulbedarf",
    "what.school_update": "die Fortschreibung des Schulbedarfs",
    "what.teilhabe": "der Betrag für Teilhabe",
    "what.sofortzuschlag": "der Sofortzuschlag",
    "what.kindergeld": "die Regel zum Kindergeld",
    # Regelbedarf
    "rb.title": "Regelbedarf {year}",
    "rb.stufe_age": "Mit {age} Jahren gilt die Regelbedarfsstufe {stufe} (Alter {low} bis {last} Jahre).",
    "rb.stufe_single": "Erwachsene, die allein leben oder alleinerziehend sind, bekommen die Regelbedarfsstufe {stufe}.",
    "rb.stufe_partner": "Leben zwei erwachsene Partner zusammen, bekommt jede Person die Regelbedarfsstufe {stufe}.",
    "rb.stufe_adult_child": "Wer volljährig ist und als Kind bei den Eltern in der Bedarfsgemeinschaft lebt, bekommt die Regelbedarfsstufe {stufe}.",
    "rb.amount": "Regelbedarfsstufe {stufe}: {amount} im Monat (gilt ab {valid_from}).",
    "rb.newer_missing": "Für {year} ist im Index noch kein neuer Betrag. Angegeben ist der Betrag ab {valid_from}.",
    "rb.plus_housing": "Dazu kommen die Kosten für Unterkunft und Heizung und, wenn sie vorliegen, Mehrbedarfe.",
    "rb.couple_sum": "Für beide zusammen: 2 × {amount} = {total}.",
    "rb.result": "Der Regelbedarf beträgt {amount} im Monat (Regelbedarfsstufe {stufe}, {year}).",
    "rb.result_table": "Die Regelbedarfe {year} stehen oben. Eine alleinstehende Person bekommt {single} im Monat.",
    "rb.result_couple": "Ein Paar bekommt zusammen {total} Regelbedarf im Monat ({amount} pro Person).",
    "rb.change_title": "Regelbedarf: Kind wird {age}",
    "rb.change_less": "Ab dem {age}. Geburtstag gilt Stufe {new} statt Stufe {old}: {new_amount} statt {old_amount} im Monat, also {diff} weniger.",
    "rb.change_more": "Ab dem {age}. Geburtstag gilt Stufe {new} statt Stufe {old}: {new_amount} statt {old_amount} im Monat, also {diff} mehr.",
    "rb.change_same_amount": "Ab dem {age}. Geburtstag gilt Stufe {new} statt Stufe {old}. Der Betrag bleibt gleich: {new_amount} im Monat.",
    "rb.change_none": "Mit {age} Jahren ändert sich die Stufe nicht. Es bleibt bei Stufe {stufe}: {amount} im Monat.",
    "rb.note_adult_child": "Das gilt, solange Ihr Kind bei Ihnen wohnt: Unverheiratete Kinder unter {limit} Jahren gehören zu Ihrer Bedarfsgemeinschaft, also zu der Familie, die zusammen Bürgergeld bekommt (Stufe {stufe}).",
    "rb.sofortzuschlag": "Kinder und junge Erwachsene mit den Regelbedarfsstufen {stufen} bekommen zusätzlich einen Sofortzuschlag von {bonus} im Monat.",
    "rb.child_sum": "Zusammen: {amount} + {bonus} = {total} im Monat.",
    "rb.result_child": "Mit {age} Jahren gibt es {amount} Regelbedarf im Monat (Regelbedarfsstufe {stufe}, {year}). Der Regelbedarf ist das Geld für Essen, Kleidung und den Alltag.",
    "rb.result_child_bonus": "Mit {age} Jahren gibt es {amount} Regelbedarf im Monat (Regelbedarfsstufe {stufe}, {year}) und {bonus} Sofortzuschlag, zusammen {total}. Der Regelbedarf ist das Geld für Essen, Kleidung und den Alltag.",
    "rb.note_kindergeld": "Das Kindergeld zählt als Einkommen des Kindes: Es wird vom Bedarf des Kindes abgezogen, soweit das Kind es für seinen Lebensunterhalt braucht.",
    "rb.plus_housing_child": "Dazu kommt der Anteil des Kindes an Miete und Heizung.",
    "rb.note_own_flat": "Zieht Ihr Kind mit Zustimmung des Jobcenters in eine eigene Wohnung, gilt Stufe {stufe}: {amount}.",
    # Freibetrag
    "fb.title": "Freibetrag bei {gross} Einkommen aus Arbeit",
    "fb.base_all": "Ihr Einkommen ({gross}) ist nicht höher als der Grundfreibetrag von {base}. Der Grundfreibetrag ist ein fester Betrag, der immer frei bleibt. Ihr Einkommen bleibt also ganz frei.",
    "fb.base": "Grundfreibetrag: {base} bleiben immer frei. Das ist ein fester Betrag, zum Beispiel für Fahrtkosten und Versicherungen.",
    "fb.ceiling_child": "Sie haben ein minderjähriges Kind. Deshalb zählt der Freibetrag bis {ceiling} Einkommen (sonst bis {normal}).",
    "fb.tier": "{percent} von dem Teil zwischen {low} und {high}: {percent} von {part} = {amount}.",
    "fb.above": "Einkommen über {ceiling} erhöht den Freibetrag nicht mehr.",
    "fb.sum": "Zusammen: {parts} = {total}.",
    "fb.counted": "Angerechnet wird Ihr Nettoeinkommen minus Freibetrag: {net} − {total} = {counted}.",
    "fb.counted_assumed": "Beim Minijob ist das Netto meist gleich dem Brutto. Dann werden angerechnet: {net} − {total} = {counted}.",
    "fb.note_child": "Mit einem minderjährigen Kind wäre der Freibetrag höher: Er zählt dann bis {ceiling} Einkommen.",
    "fb.note_proof": "Sie verdienen mehr als {threshold}: Wenn Ihre Ausgaben für die Arbeit (zum Beispiel Fahrtkosten, Versicherungen) höher als {base} sind, können Sie sie nachweisen.",
    "fb.note_only_net": "Sie haben nur das Netto genannt ({amount}). Der Freibetrag wird vom Brutto berechnet; mit Ihrem Bruttolohn kann er höher sein.",
    "fb.result": "{total} von {gross} brutto bleiben anrechnungsfrei. Das heißt: Diesen Teil zieht das Jobcenter nicht vom Bürgergeld ab.",
    "fb.result_net": "Gerechnet mit {gross}: {total} bleiben anrechnungsfrei. Das heißt: Diesen Teil zieht das Jobcenter nicht vom Bürgergeld ab.",
    "fb.out_what": "Berechnet ist nur der Freibetrag. Ob Sie noch Bürgergeld bekommen, hängt auch von Ihrem Nettolohn, Ihrer Miete und Ihrer Familie ab.",
    "fb.out_what_net": "Berechnet ist der Freibetrag und das Einkommen, das angerechnet wird. Ob Sie noch Bürgergeld bekommen, hängt auch von Ihrer Miete und Ihrer Familie ab.",
    "fb.out_formula": "So rechnet das Jobcenter: Bürgergeld = Bedarf (Regelbedarf + Miete und Heizung) minus angerechnetes Einkommen (Nettolohn minus Freibetrag).",
    "fb.out_household": "Der Bedarf hängt davon ab, wer mit Ihnen zusammenlebt (Partner, Kinder). Ob Bürgergeld bleibt, rechnet das Jobcenter mit Ihrem Antrag genau aus.",
    "fb.out_single_threshold": "Beispiel, wenn Sie allein leben und kein anderes Einkommen haben: Ihr Bedarf ist {rb} (Regelbedarfsstufe {stufe}) + Ihre Miete und Heizung. Angerechnet werden Ihr Nettolohn minus {total}. Sie bekommen also noch Bürgergeld, wenn Ihr Nettolohn niedriger ist als {threshold} plus Ihre Miete und Heizung.",
    "fb.out_next": "Schreiben Sie Ihren Nettolohn dazu (zum Beispiel „1200 brutto, 950 netto“), dann rechnen wir das Beispiel aus. Genau prüft das Jobcenter Ihren Fall, wenn Sie einen Antrag stellen.",
    "fb.out_single_left": "Beispiel, wenn Sie allein leben und kein anderes Einkommen haben: Ihr Bedarf ist {rb} (Regelbedarfsstufe {stufe}) + Ihre Miete und Heizung. Davon werden {counted} abgezogen. Es bleiben {left} im Monat, dazu Ihre Miete und Heizung (so weit sie angemessen sind).",
    "fb.out_single_gap": "Beispiel, wenn Sie allein leben und kein anderes Einkommen haben: Ihr Bedarf ist {rb} (Regelbedarfsstufe {stufe}) + Ihre Miete und Heizung. Davon werden {counted} abgezogen. Sie bekommen also nur dann noch Bürgergeld, wenn Miete und Heizung zusammen mehr als {gap} kosten; dann bekommen Sie den Teil darüber.",
    "fb.out_rent_threshold": "Beispiel, wenn Sie allein leben und kein anderes Einkommen haben: Ihr Bedarf ist {rb} (Regelbedarfsstufe {stufe}) + {rent} Miete = {need}. Angerechnet werden Ihr Nettolohn minus {total}. Sie bekommen also noch Bürgergeld, wenn Ihr Nettolohn niedriger ist als {threshold}.",
    "fb.out_rent_left": "Beispiel, wenn Sie allein leben und kein anderes Einkommen haben: Ihr Bedarf ist {rb} (Regelbedarfsstufe {stufe}) + {rent} Miete = {need}. Davon werden {counted} abgezogen. Es bleiben {left} Bürgergeld im Monat.",
    "fb.out_rent_none": "Beispiel, wenn Sie allein leben und kein anderes Einkommen haben: Ihr Bedarf ist {rb} (Regelbedarfsstufe {stufe}) + {rent} Miete = {need}. Angerechnet werden {counted}, also mindestens so viel wie Ihr Bedarf. Dann bleibt kein Bürgergeld.",
    "fb.out_rent_note": "Gerechnet mit der Miete, die Sie genannt haben. Heizkosten kommen dazu, wenn sie nicht darin enthalten sind. Das Jobcenter zahlt Miete und Heizung, so weit sie angemessen sind.",
    "missing.external_law": "Die Grenze steht nicht mehr im SGB II: Es gilt der Betrag aus {rule} ({citation}). Dieses Gesetz ist nicht im Index, deshalb können wir den Betrag nicht ausrechnen.",
    "what.ehrenamt": "die Grenze für Aufwandsentschädigungen",
    "ea.title": "Aufwandsentschädigung oder Übungsleiterpauschale: {amount}",
    "ea.limit": "Aufwandsentschädigungen für ein Ehrenamt oder eine Übungsleitertätigkeit bleiben bis {limit} im Kalenderjahr frei.",
    "ea.yearly": "Im Jahr: 12 × {amount} = {yearly}.",
    "ea.free": "Von {yearly} im Jahr bleiben {free} frei; {counted} zählen als Einkommen.",
    "ea.result_all": "Die ganze Aufwandsentschädigung bleibt frei ({free} im Jahr).",
    "ea.result_part": "{free} im Jahr bleiben frei; {counted} im Jahr zählen als Einkommen.",
    # Mehrbedarfe
    "mb.base": "Grundlage ist die Regelbedarfsstufe {stufe}: {amount}.",
    "mb.amount": "{percent} von {base} = {amount}.",
    "ae.title": "Mehrbedarf für Alleinerziehende",
    "ae.no_minor": "Den Mehrbedarf gibt es nur für Kinder unter {majority} Jahren.",
    "ae.children": "Kinder unter {majority} bei Ihnen: {n} (Alter: {ages}).",
    "ae.rule1_young": "Regel 1: {rate}, weil ein Kind jünger als {age} Jahre ist.",
    "ae.rule1_count": "Regel 1: {rate}, weil {n} Kinder jünger als {age} Jahre sind.",
    "ae.rule1_no": "Regel 1 ({rate}) passt nicht: Kein Kind ist jünger als {young} Jahre, und es sind nicht {counts} Kinder unter {age} Jahren.",
    "ae.rule2": "Regel 2: {per_child} für jedes Kind × {n} = {total}.",
    "ae.cap": "Höchstens gibt es {cap}.",
    "ae.choose": "Es gilt der höhere Satz: {percent}.",
    "ae.stufe": "Alleinerziehende bekommen die Regelbedarfsstufe {stufe}.",
    "ae.result": "Sie bekommen {amount} Mehrbedarf im Monat ({percent} vom Regelbedarf).",
    "sw.title": "Mehrbedarf bei Schwangerschaft",
    "sw.rule": "Schwangere bekommen einen Mehrbedarf, also Geld zusätzlich zum Regelbedarf: nach der {week}. Schwangerschaftswoche {percent} vom Regelbedarf, bis zum Ende des Monats, in dem das Kind geboren wird.",
    "sw.result": "Sie bekommen {amount} Mehrbedarf im Monat (nach der {week}. Schwangerschaftswoche).",
    "sw.if_single": "Wenn Sie allein leben: Regelbedarfsstufe {stufe} ({base}), {percent} davon = {amount}.",
    "sw.if_partner": "Wenn Sie mit einem Partner zusammenleben: Regelbedarfsstufe {stufe} ({base}), {percent} davon = {amount}.",
    "sw.result_both": "Wenn Sie allein leben, bekommen Sie {single} Mehrbedarf im Monat. Wenn Sie mit einem Partner zusammenleben, sind es {partner} (jeweils nach der {week}. Schwangerschaftswoche).",
    "sw.note_assumption": "Sie haben nicht geschrieben, ob Sie allein oder mit einem Partner leben. Deshalb stehen hier beide Beträge.",
    "ww.title": "Mehrbedarf für Warmwasser (Durchlauferhitzer oder Boiler)",
    "ww.person": "Person {n}: Regelbedarfsstufe {stufe}, {percent} von {base} = {amount}.",
    "ww.sum": "Zusammen: {total}.",
    "ww.result": "Für Warmwasser bekommen Sie {total} Mehrbedarf im Monat ({n} Person(en)).",
    # Vermögen
    "vm.title": "Vermögen: Freibetrag für {persons} Personen",
    "vm.period_year": "Im ersten Jahr Bürgergeld gilt eine Karenzzeit ({n} Jahr ab dem ersten Monat mit Leistungen). Das ist eine Schonfrist: In dieser Zeit dürfen Sie mehr Vermögen haben.",
    "vm.period_month": "Am Anfang gilt eine Karenzzeit ({n} Monate ab dem ersten Monat mit Leistungen). Das ist eine Schonfrist: In dieser Zeit dürfen Sie mehr Vermögen haben.",
    "vm.karenz": "In der Karenzzeit: {first} für die erste Person + {others} × {further} für jede weitere Person = {total}.",
    "vm.karenz_one": "In der Karenzzeit: {first} für Sie.",
    "vm.after": "Nach der Karenzzeit: {persons} × {per_person} = {total}.",
    "vm.note_home": "Ein selbst bewohntes Haus oder eine selbst bewohnte Wohnung zählt in der Karenzzeit nicht mit.",
    "vm.note_transfer": "Die Freibeträge gelten für alle zusammen: Wer weniger hat, kann seinen Freibetrag an andere in der Bedarfsgemeinschaft abgeben.",
    "vm.note_protected": "Manches zählt gar nicht als Vermögen, zum Beispiel angemessener Hausrat, ein angemessenes Auto pro erwerbsfähiger Person und Altersvorsorge (§ 12 Abs. 1 SGB II).",
    "vm.compare_karenzzeit_below": "Ihr Vermögen ({savings}) liegt in der Karenzzeit unter dem Freibetrag von {limit}.",
    "vm.compare_karenzzeit_above": "Ihr Vermögen ({savings}) liegt in der Karenzzeit um {diff} über dem Freibetrag von {limit}.",
    "vm.compare_nach_karenzzeit_below": "Ihr Vermögen ({savings}) liegt nach der Karenzzeit unter dem Freibetrag von {limit}.",
    "vm.compare_nach_karenzzeit_above": "Ihr Vermögen ({savings}) liegt nach der Karenzzeit um {diff} über dem Freibetrag von {limit}.",
    "vm.title_one": "Vermögen: Freibetrag für 1 Person",
    "vm.result_both_one": "Sie dürfen bis zu {karenz} Vermögen haben, solange die Karenzzeit läuft. Danach sind es {after}.",
    "vm.result_karenz_one": "In der Karenzzeit dürfen Sie bis zu {total} Vermögen haben.",
    "vm.result_after_one": "Nach der Karenzzeit dürfen Sie bis zu {total} Vermögen haben.",
    "vm.result_both": "Sie dürfen zusammen bis zu {karenz} Vermögen haben, solange die Karenzzeit läuft. Danach sind es {after}.",
    "vm.result_karenz": "In der Karenzzeit dürfen Sie zusammen bis zu {total} Vermögen haben.",
    "vm.result_after": "Nach der Karenzzeit dürfen Sie zusammen bis zu {total} Vermögen haben.",
    "vm.result_savings_ok": "Ihr Vermögen ({savings}) liegt unter dem Freibetrag: in der Karenzzeit {karenz}, danach {after}. Ihr Vermögen steht dem Bürgergeld also nicht im Weg.",
    "vm.result_savings_karenz_only": "Ihr Vermögen ({savings}) liegt in der Karenzzeit unter dem Freibetrag von {karenz}: In dieser Zeit steht es dem Bürgergeld nicht im Weg. Nach der Karenzzeit liegt es um {diff} über dem Freibetrag von {after}; dann wird der Teil darüber berücksichtigt.",
    "vm.result_savings_above": "Ihr Vermögen ({savings}) liegt schon in der Karenzzeit um {diff} über dem Freibetrag von {karenz}. Der Teil darüber wird beim Bürgergeld berücksichtigt. Fragen Sie Ihr Jobcenter, was das für Sie bedeutet.",
    # Schule
    "sb.title": "Schulbedarf {year}",
    "sb.rule": "Das Jobcenter zahlt den Schulbedarf in zwei Teilen: zum {first} und zum {second}.",
    "sb.update": "Die Beträge werden jedes Jahr angepasst und in einer Tabelle festgelegt.",
    "sb.amounts": "Für {year}: {first} für das erste Schulhalbjahr (zum {first_date}) und {second} für das zweite Schulhalbjahr (zum {second_date}).",
    "sb.children": "Für {n} Kinder: {n} × {per_child} = {total}.",
    "sb.result": "Pro Schulkind gibt es {first} zum {first_date} und {second} zum {second_date}, zusammen {per_child} (für {n} Kind(er): {total}).",
    "th.title": "Teilhabe: Verein, Musikschule, Freizeit",
    "th.rule": "Für Kinder und Jugendliche unter {age} Jahren gibt es {amount} im Monat für Verein, Musik oder Freizeit, wenn dafür Kosten entstehen.",
    "th.children": "Für {n} Kinder: {n} × {amount} = {total}.",
    "th.note": "Sie müssen diese Leistung beantragen. Das Geld geht meist direkt an den Verein oder die Musikschule.",
    "th.result": "Es gibt {amount} im Monat pro Kind (zusammen {total}).",
    # rendering frame
    "frame.steps": "So wird gerechnet",
    "frame.result": "Ergebnis",
    "frame.outlook": "Was das für Ihr Bürgergeld heißt",
    "frame.notes": "Gut zu wissen",
    "frame.sources": "Rechtsgrundlagen",
    "frame.stand": "Stand",
    "frame.disclaimer": "Das ist eine Beispielrechnung nach dem Gesetz. Verbindlich ist nur der Bescheid Ihres Jobcenters.",
    "frame.not_computable": "Wir können das leider nicht ausrechnen.",
}

EN: dict[str, str] = {
    "and": " and ",
    "or": " or ",
    "list_sep": ", ",
    "date.day_month": "{day} {month}",
    "month.1": "January",
    "month.2": "February",
    "month.3": "March",
    "month.4": "April",
    "month.5": "May",
    "month.6": "June",
    "month.7": "July",
    "month.8": "August",
    "month.9": "September",
    "month.10": "October",
    "month.11": "November",
    "month.12": "December",
    "not_computable": "Cannot be calculated: {reason}",
    "missing.unit": "The provision {citation} is not in the index.",
    "missing.figure": "In {citation}, {what} is not in the expected form.",
    "missing.rates": "The table of the standard rates (Regelbedarfsstufen) is not in the index.",
    "missing.rates_year": "The index holds no standard rates for {year}.",
    "missing.age": "The index holds no standard rate level for age {age}.",
    "missing.stufe": "The index holds no amount for standard rate level {stufe}.",
    "missing.school_year": "The index holds no school-supplies amount for {year}.",
    "missing.external": "This allowance follows {rule} ({citation}). That law is not in the index, so we cannot calculate the amount. Please ask your job centre.",
    "what.base": "the basic allowance",
    "what.proof": "the limit for higher deductions",
    "what.tiers": "the allowance tiers",
    "what.ceiling_child": "the limit for parents of minor children",
    "what.youth": "the allowance for young people in training",
    "what.child_bands": "the age limits of the children's rates",
    "what.youth_band": "the age limit for young people",
    "what.stufe_single": "the rate level for single adults",
    "what.stufe_other": "the rate level for other adults",
    "what.stufe_partner": "the rate level for couples",
    "what.child_limit": "the age limit for children in the household",
    "what.single_parent": "the single-parent percentage",
    "what.pregnancy": "the pregnancy percentage",
    "what.hot_water": "the hot-water percentage",
    "what.karenzzeit": "the length of the grace period",
    "what.karenz_amounts": "the allowance in the grace period",
    "what.after_amount": "the allowance after the grace period",
    "what.school_dates": "the payment dates for school supplies",
    "what.school_update": "the yearly update of school supplies",
    "what.teilhabe": "the amount for social participation",
    "what.sofortzuschlag": "the immediate supplement (Sofortzuschlag)",
    "what.kindergeld": "the rule on child benefit",
    "rb.title": "Standard rate (Regelbedarf) {year}",
    "rb.stufe_age": "At {age}, rate level (Regelbedarfsstufe) {stufe} applies (ages {low} to {last}).",
    "rb.stufe_single": "Adults who live alone or are single parents get rate level {stufe}.",
    "rb.stufe_partner": "When two adult partners live together, each gets rate level {stufe}.",
    "rb.stufe_adult_child": "An adult who lives with their parents as a child in the same benefit household gets rate level {stufe}.",
    "rb.amount": "Rate level {stufe}: {amount} per month (from {valid_from}).",
    "rb.newer_missing": "The index has no newer amount for {year}. The amount shown applies from {valid_from}.",
    "rb.plus_housing": "Housing and heating costs are paid on top, and additional needs (Mehrbedarfe) where they apply.",
    "rb.couple_sum": "For both together: 2 × {amount} = {total}.",
    "rb.result": "The standard rate is {amount} per month (rate level {stufe}, {year}).",
    "rb.result_table": "The standard rates for {year} are listed above. A single adult gets {single} per month.",
    "rb.result_couple": "A couple gets {total} per month together ({amount} per person).",
    "rb.change_title": "Standard rate: child turns {age}",
    "rb.change_less": "From the {age}th birthday, level {new} applies instead of level {old}: {new_amount} instead of {old_amount} per month, that is {diff} less.",
    "rb.change_more": "From the {age}th birthday, level {new} applies instead of level {old}: {new_amount} instead of {old_amount} per month, that is {diff} more.",
    "rb.change_same_amount": "From the {age}th birthday, level {new} applies instead of level {old}. The amount stays {new_amount} per month.",
    "rb.change_none": "At {age}, the level does not change. It stays level {stufe}: {amount} per month.",
    "rb.note_adult_child": "This applies while your child lives with you: unmarried children under {limit} belong to your benefit household (Bedarfsgemeinschaft), that is, the family that gets Bürgergeld together (level {stufe}).",
    "rb.sofortzuschlag": "Children and young adults with rate levels {stufen} also get an immediate supplement (Sofortzuschlag) of {bonus} per month.",
    "rb.child_sum": "Together: {amount} + {bonus} = {total} per month.",
    "rb.result_child": "At {age}, the standard rate is {amount} per month (rate level {stufe}, {year}). The standard rate is the money for food, clothes and daily life.",
    "rb.result_child_bonus": "At {age}, the standard rate is {amount} per month (rate level {stufe}, {year}), plus a supplement of {bonus}: {total} in total. The standard rate is the money for food, clothes and daily life.",
    "rb.note_kindergeld": "Child benefit (Kindergeld) counts as the child's income: it is deducted from the child's needs as far as the child needs it for living costs.",
    "rb.plus_housing_child": "The child's share of rent and heating is paid on top.",
    "rb.note_own_flat": "If your child moves into their own flat with the job centre's approval, level {stufe} applies: {amount}.",
    "fb.title": "Allowance on {gross} earned income",
    "fb.base_all": "Your income ({gross}) is not more than the basic allowance of {base}. The basic allowance is a fixed amount that always stays free. So all of your income stays free.",
    "fb.base": "Basic allowance: {base} always stays free. It is a fixed amount, for example for travel costs and insurance.",
    "fb.ceiling_child": "You have a minor child, so the allowance counts income up to {ceiling} (otherwise up to {normal}).",
    "fb.tier": "{percent} of the part between {low} and {high}: {percent} of {part} = {amount}.",
    "fb.above": "Income above {ceiling} does not raise the allowance any further.",
    "fb.sum": "Total: {parts} = {total}.",
    "fb.counted": "What counts is your net income minus the allowance: {net} − {total} = {counted}.",
    "fb.counted_assumed": "In a mini-job, net pay is usually the same as gross pay. Then this counts: {net} − {total} = {counted}.",
    "fb.note_child": "With a minor child, the allowance would be higher: it then counts income up to {ceiling}.",
    "fb.note_proof": "You earn more than {threshold}: if your work expenses (for example travel, insurance) are higher than {base}, you can prove them.",
    "fb.note_only_net": "You only gave the net pay ({amount}). The allowance is calculated from gross pay; with your gross pay it may be higher.",
    "fb.result": "{total} of your {gross} gross stays free. This means: the job centre does not deduct this part from your Bürgergeld.",
    "fb.result_net": "Calculated with {gross}: {total} stays free. This means: the job centre does not deduct this part from your Bürgergeld.",
    "fb.out_what": "Only the allowance is calculated here. Whether you still get Bürgergeld also depends on your net pay, your rent and your family.",
    "fb.out_what_net": "Calculated here: the allowance and the income that counts. Whether you still get Bürgergeld also depends on your rent and your family.",
    "fb.out_formula": "This is how the job centre calculates: Bürgergeld = needs (standard rate + rent and heating) minus counted income (net pay minus allowance).",
    "fb.out_household": "Your needs depend on who lives with you (partner, children). The job centre works out exactly whether Bürgergeld is left when you apply.",
    "fb.out_single_threshold": "Example if you live alone and have no other income: your needs are {rb} (rate level {stufe}) + your rent and heating. Your net pay minus {total} counts against this. So you still get Bürgergeld if your net pay is less than {threshold} plus your rent and heating.",
    "fb.out_next": "Add your net pay (for example \"1200 gross, 950 net\") and we will calculate the example. The job centre checks your case exactly when you apply.",
    "fb.out_single_left": "Example if you live alone and have no other income: your needs are {rb} (rate level {stufe}) + your rent and heating. {counted} is deducted from this. That leaves {left} per month, plus your rent and heating (as far as they are reasonable).",
    "fb.out_single_gap": "Example if you live alone and have no other income: your needs are {rb} (rate level {stufe}) + your rent and heating. {counted} is deducted from this. So you only still get Bürgergeld if rent and heating together cost more than {gap}; then you get the part above it.",
    "fb.out_rent_threshold": "Example if you live alone and have no other income: your needs are {rb} (rate level {stufe}) + {rent} rent = {need}. Your net pay minus {total} counts against this. So you still get Bürgergeld if your net pay is less than {threshold}.",
    "fb.out_rent_left": "Example if you live alone and have no other income: your needs are {rb} (rate level {stufe}) + {rent} rent = {need}. {counted} is deducted from this. That leaves {left} Bürgergeld per month.",
    "fb.out_rent_none": "Example if you live alone and have no other income: your needs are {rb} (rate level {stufe}) + {rent} rent = {need}. {counted} counts against this, which is at least as much as your needs. Then no Bürgergeld is left.",
    "fb.out_rent_note": "Calculated with the rent you gave. Heating costs come on top if they are not included. The job centre pays rent and heating as far as they are reasonable.",
    "missing.external_law": "The limit is no longer in SGB II: the amount in {rule} applies ({citation}). That law is not in the index, so we cannot calculate the amount.",
    "what.ehrenamt": "the limit for expense allowances",
    "ea.title": "Expense allowance for voluntary work or coaching: {amount}",
    "ea.limit": "Expense allowances for voluntary work or coaching stay free up to {limit} per calendar year.",
    "ea.yearly": "Per year: 12 × {amount} = {yearly}.",
    "ea.free": "Of {yearly} per year, {free} stays free; {counted} counts as income.",
    "ea.result_all": "The whole allowance stays free ({free} per year).",
    "ea.result_part": "{free} per year stays free; {counted} per year counts as income.",
    "mb.base": "The basis is rate level {stufe}: {amount}.",
    "mb.amount": "{percent} of {base} = {amount}.",
    "ae.title": "Additional need for single parents",
    "ae.no_minor": "This additional need is only paid for children under {majority}.",
    "ae.children": "Children under {majority} living with you: {n} (ages: {ages}).",
    "ae.rule1_young": "Rule 1: {rate}, because one child is younger than {age}.",
    "ae.rule1_count": "Rule 1: {rate}, because {n} children are younger than {age}.",
    "ae.rule1_no": "Rule 1 ({rate}) does not apply: no child is younger than {young}, and there are not {counts} children under {age}.",
    "ae.rule2": "Rule 2: {per_child} per child × {n} = {total}.",
    "ae.cap": "The maximum is {cap}.",
    "ae.choose": "The higher rate applies: {percent}.",
    "ae.stufe": "Single parents get rate level {stufe}.",
    "ae.result": "You get {amount} per month as additional need ({percent} of the standard rate).",
    "sw.title": "Additional need in pregnancy",
    "sw.rule": "Pregnant women get an additional need (Mehrbedarf), that is, money on top of the standard rate: after the {week}th week of pregnancy, {percent} of the standard rate, until the end of the month in which the child is born.",
    "sw.if_single": "If you live alone: rate level {stufe} ({base}), {percent} of it = {amount}.",
    "sw.if_partner": "If you live with a partner: rate level {stufe} ({base}), {percent} of it = {amount}.",
    "sw.result_both": "If you live alone, you get {single} per month as additional need. If you live with a partner, it is {partner} (in both cases after the {week}th week of pregnancy).",
    "sw.note_assumption": "You did not say whether you live alone or with a partner, so both amounts are shown.",
    "sw.result": "You get {amount} per month as additional need (after the {week}th week of pregnancy).",
    "ww.title": "Additional need for hot water (instantaneous heater or boiler)",
    "ww.person": "Person {n}: rate level {stufe}, {percent} of {base} = {amount}.",
    "ww.sum": "Total: {total}.",
    "ww.result": "For hot water you get {total} per month as additional need ({n} person(s)).",
    "vm.title": "Savings: allowance for {persons} people",
    "vm.period_year": "In the first year of Bürgergeld a grace period (Karenzzeit) applies ({n} year from the first month of benefits). During this time you may have more savings.",
    "vm.period_month": "At the start a grace period (Karenzzeit) applies ({n} months from the first month of benefits). During this time you may have more savings.",
    "vm.karenz": "In the grace period: {first} for the first person + {others} × {further} for each further person = {total}.",
    "vm.karenz_one": "In the grace period: {first} for you.",
    "vm.after": "After the grace period: {persons} × {per_person} = {total}.",
    "vm.note_home": "A house or flat you live in yourself does not count in the grace period.",
    "vm.note_transfer": "The allowances count for everyone together: whoever has less can pass their allowance to others in the household.",
    "vm.note_protected": "Some things do not count as savings at all, for example reasonable household goods, a reasonable car per person able to work, and pension savings (§ 12 Abs. 1 SGB II).",
    "vm.compare_karenzzeit_below": "Your savings ({savings}) are below the grace-period allowance of {limit}.",
    "vm.compare_karenzzeit_above": "Your savings ({savings}) are {diff} above the grace-period allowance of {limit}.",
    "vm.compare_nach_karenzzeit_below": "Your savings ({savings}) are below the allowance after the grace period ({limit}).",
    "vm.compare_nach_karenzzeit_above": "Your savings ({savings}) are {diff} above the allowance after the grace period ({limit}).",
    "vm.title_one": "Savings: allowance for 1 person",
    "vm.result_both_one": "You may have up to {karenz} in savings while the grace period runs. After that, it is {after}.",
    "vm.result_karenz_one": "In the grace period you may have up to {total} in savings.",
    "vm.result_after_one": "After the grace period you may have up to {total} in savings.",
    "vm.result_both": "Together you may have up to {karenz} in savings while the grace period runs. After that, it is {after}.",
    "vm.result_karenz": "In the grace period you may have up to {total} in savings together.",
    "vm.result_after": "After the grace period you may have up to {total} in savings together.",
    "vm.result_savings_ok": "Your savings ({savings}) are below the allowance: {karenz} in the grace period, {after} after it. So your savings do not stand in the way of Bürgergeld.",
    "vm.result_savings_karenz_only": "Your savings ({savings}) are below the grace-period allowance of {karenz}: during that time they do not stand in the way of Bürgergeld. After the grace period they are {diff} above the allowance of {after}; then the part above it is taken into account.",
    "vm.result_savings_above": "Your savings ({savings}) are {diff} above the allowance of {karenz} even in the grace period. The part above it is taken into account for Bürgergeld. Ask your job centre what this means for you.",
    "sb.title": "School supplies {year}",
    "sb.rule": "The job centre pays school supplies in two parts: on {first} and on {second}.",
    "sb.update": "The amounts are updated every year and set in a table.",
    "sb.amounts": "For {year}: {first} for the first school half-year (on {first_date}) and {second} for the second half-year (on {second_date}).",
    "sb.children": "For {n} children: {n} × {per_child} = {total}.",
    "sb.result": "Each pupil gets {first} on {first_date} and {second} on {second_date}, {per_child} in total (for {n} child(ren): {total}).",
    "th.title": "Participation: clubs, music school, leisure",
    "th.rule": "Children and young people under {age} get {amount} per month for clubs, music or leisure when there are costs.",
    "th.children": "For {n} children: {n} × {amount} = {total}.",
    "th.note": "You have to apply for it. The money usually goes directly to the club or music school.",
    "th.result": "There is {amount} per month per child ({total} together).",
    "frame.steps": "How it is calculated",
    "frame.result": "Result",
    "frame.outlook": "What this means for your Bürgergeld",
    "frame.notes": "Good to know",
    "frame.sources": "Legal basis",
    "frame.stand": "as of",
    "frame.disclaimer": "This is an example calculation under the law. Only the decision (Bescheid) of your job centre is binding.",
    "frame.not_computable": "Unfortunately we cannot calculate this.",
}

def _translations() -> dict[str, dict[str, str]]:
    from . import texts_ar, texts_fa, texts_pl, texts_ru, texts_tr, texts_uk

    return {"tr": texts_tr.TEXTS, "ar": texts_ar.TEXTS, "uk": texts_uk.TEXTS, "ru": texts_ru.TEXTS,
            "pl": texts_pl.TEXTS, "fa": texts_fa.TEXTS}


TEMPLATES: dict[str, dict[str, str]] = {"de": DE, "en": EN, **_translations()}
LANGUAGES = tuple(TEMPLATES)  # de en tr ar uk ru pl fa
# A language without its own calculation texts: Pashto readers get Persian (as in i18n); every other
# language (French among them) gets German, as the curated answers do.
FALLBACK = {"ps": "fa"}


def shown_language(language: str) -> str:
    """The language a computed answer is shown in for a citizen who writes in `language`."""
    language = (language or "de").lower()
    if language in TEMPLATES:
        return language
    return FALLBACK.get(language, "de")


def template(key: str, language: str) -> str:
    """The text of `key` in the language shown for `language` (German when a translation lacks the key)."""
    return TEMPLATES[shown_language(language)].get(key) or DE[key]


def render_markdown(calc: Calculation, language: str = "de") -> str:
    """Plain-language Markdown: title, result first, the steps with their citation, notes, sources."""
    def t(key: str) -> str:
        return template(key, language)

    lines = [f"**{calc.title_message.text(language)}**", ""]
    if not calc.computable:
        lines += [t("frame.not_computable"), ""]
    lines += [f"**{t('frame.result')}:** {calc.result_message.text(language)}", ""]
    if calc.outlook:
        lines += [f"**{t('frame.outlook')}:**", ""]
        lines += [f"- {line.text(language)}" for line in calc.outlook]
        lines.append("")
    if calc.steps:
        lines += [f"**{t('frame.steps')}:**", ""]
        for i, step in enumerate(calc.steps, start=1):
            cite = f" ({step.citation})" if step.citation else ""
            lines.append(f"{i}. {step.message.text(language)}{cite}")
        lines.append("")
    if calc.notes:
        lines += [f"**{t('frame.notes')}:**", ""]
        lines += [f"- {note.text(language)}" for note in calc.notes]
        lines.append("")
    if calc.citations:
        sources = []
        for c in calc.citations:
            stand = calc.stands.get(c)
            sources.append(f"{c} ({t('frame.stand')} {_de_date(stand)})" if stand else c)
        lines += [f"**{t('frame.sources')}:** " + "; ".join(sources), ""]
    lines.append(f"_{t('frame.disclaimer')}_")
    return "\n".join(lines)


def _de_date(iso: str) -> str:
    parts = iso.split("-")
    return f"{parts[2]}.{parts[1]}.{parts[0]}" if len(parts) == 3 else iso
