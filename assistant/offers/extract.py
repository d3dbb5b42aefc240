"""Rules over the layout and the text of a German job offer → an `ExtractedOffer` with source spans.

Every value is either a span of the source text or the normalised form of one (ISO date, Euro amount,
hours per week); nothing is invented. Fields the rules do not find are left out ("nicht gefunden").
"""

from __future__ import annotations

import re

from assistant.offers.model import ExtractedOffer, FieldValue
from assistant.offers.normalise import MONTH_RX, german_number, iso_date, month_of
from assistant.offers.places import CITY_RX, is_place
from assistant.offers.requirements import extract_requirements

_GENDER = (r"\(\s*(?:m\s*/\s*w\s*/\s*d|w\s*/\s*m\s*/\s*d|m\s*/\s*w\s*/\s*x|d\s*/\s*m\s*/\s*w|m\s*/\s*w\s*/\s*i|w\s*/\s*m\s*/\s*x|"
           r"m\s*/\s*w|w\s*/\s*m|all genders?|gn\*?)\s*\)")
_GENDER_RX = re.compile(_GENDER, re.IGNORECASE)
_JOBWORD_RX = re.compile(r"\w(?:/in|/r|\*in|\*innen|:in|/-in)\b|\win/-[A-ZÄÖÜ]?\w+|" + _GENDER, re.IGNORECASE)
_MARKUP_RX = re.compile(r"^[#*\s„“\"'»«]+|[#*\s„“\"'»«]+$")
_TITLE_STOP = re.compile(r"^(beschreibung|karriere|stellenausschreibung|stellenangebot|jobs?|besoldung|das wichtigste|"
                         r"interne stellenausschreibung|ihre aufgaben|aufgaben|über uns)\b", re.IGNORECASE)
_SEEK_RX = re.compile(r"\b(?:[Ww]ir suchen|sucht|suchen wir)\s+(?:ab sofort\s+|zum nächstmöglichen Zeitpunkt\s+)?"
                      r"(?:eine[nr]?\s+|eine/n\s+|\d+\s+)?(?:(?:[a-zäöüß]+e[nrs]?|und)\s+){0,4}"
                      r"([A-ZÄÖÜ][^.,;:!?\n]{2,60}?)(?=[.,;:!?\n]|\s+(?:in|ab|zum|zur|zu|für|im|bei|als|am|auf|der|die|das|wie|"
                      r"mit|unser\w*)\s)")
_SEEK_NOT_TITLE = re.compile(r"(?:Aushilfen?|Verstärkung|Unterstützung|Sie|Dich|Euch|Dir|Personal|Mitarbeiter\*?innen|"
                             r"Kolleginnen und Kollegen|Kolleg\w*)$")
# a title standing alone on a line without a gender marker: "Praktikum bei Code for Germany"
_KIND_TITLE_RX = re.compile(r"^(?:Praktikum|Praktikant\w*|Ausbildung (?:zum|zur|als)|Werkstudent\w*|Aushilfe|Minijob)\b")
# a first line that is only an occupation ("Frontend Developer", "Lagerhelfer"): capitalised words ending in a job noun
_OCCUPATION_LINE_RX = re.compile(
    r"(?:[A-ZÄÖÜ][\w\-/]*\s){0,3}[A-ZÄÖÜ]?[\w\-]*(?:Developer|Engineer|Manager|Operator|Administrator|Consultant|Designer|"
    r"Architect|Analyst|[Ee]ntwickler(?:in)?|[Bb]erater(?:in)?|[Ii]ngenieur(?:in)?|[Tt]echniker(?:in)?|[Mm]echaniker(?:in)?|"
    r"[Mm]echatroniker(?:in)?|[Ff]ahrer(?:in)?|[Vv]erkäufer(?:in)?|[Kk]auf(?:mann|frau)|[Ff]achkraft|[Hh]elfer(?:in)?|"
    r"[Pp]fleger(?:in)?|[Ee]rzieher(?:in)?|[Rr]eferent(?:in)?|[Ss]achbearbeiter(?:in)?|[Aa]ssistent(?:in)?|[Ll]eiter(?:in)?|"
    r"[Mm]itarbeiter(?:in)?|Werkstudent(?:in)?|Koch|Köchin|Monteur(?:in)?|Elektriker(?:in)?|Tischler(?:in)?|Maler(?:in)?)")
# what follows a title line's gender marker and is not part of the title
_AFTER_GENDER_CUT = re.compile(r"\s+(?:[-–|]\s+|in (?:Vollzeit|Teilzeit)\b|(?:un)?befristet\b|ab sofort\b|zum\s|gesucht\b)")
_CONNECT = {"bzw.", "und", "oder", "eines", "einer", "/", "-", "für", "im", "in"}

_AGGREGATOR_RX = re.compile(r"^(?P<employer>[^\n]{3,80}?)\s+-\s+(?P<postcode>\d{5}),\s*(?P<city>[A-ZÄÖÜ][^,\n]{1,40})",
                            re.MULTILINE)
_LEGAL_FORM = r"(?:GmbH(?:\s*&\s*Co\.\s*KG)?|gGmbH|AG|KG|OHG|e\.\s?V\.|mbH|SE|GbR|UG(?: \(haftungsbeschränkt\))?|KGaA)"
_COMPANY_RX = re.compile(r"\b((?:[A-ZÄÖÜ][\w&.\-–]*\s){0,5}[A-ZÄÖÜ][\w&.\-–]*\s" + _LEGAL_FORM + r"|"
                         r"[a-z0-9][\w\-]*\.(?:de|com|eu|net|org)\s(?:" + _LEGAL_FORM + r"|Gmbh))(?=[\s,.;)]|$)")
_PUBLIC_RX = re.compile(r"\b((?:Stadtverwaltung|Stadt|Gemeinde|Gemeindeverwaltung|Landeshauptstadt|Landkreis|Kreis|"
                        r"Verbandsgemeinde|Markt|Hansestadt)\s+([A-ZÄÖÜ][\wäöüß\-]+(?:\s\([\w ]+\))?))")
_CARRIER_RX = re.compile(r"Träger der [^.]{0,40}? ist (?:die|der|das) (.{5,90}?)\.(?=\s+[A-ZÄÖÜ][a-zäöüß]+\s+[a-zäöüß]|\s*$)")
_ESTABLISHMENT_RX = re.compile(r"\b(?:für das|für die|für den|in der städtischen|in der|im|in unserem|in unserer)\s+"
                               r"((?:Notarbüro|Notariat|Kanzlei|Arztpraxis|Praxis|Restaurant|Hotel|Autohaus|Pflegedienst|"
                               r"Bäckerei|Kindertagesstätte|Kindertageseinrichtung|Kita|Seniorenheim|Pflegeheim)(?![\w\-])"
                               r"(?:\s„[^“\n]{2,40}“)?)")
# "Wir, die CIB-Gruppe, sind …": the employer names itself in an apposition
_WE_ARE_RX = re.compile(r"\bWir,\s+(?:die|der|das)\s+([A-ZÄÖÜ][\w&.\-]*(?:\s+(?:[A-ZÄÖÜ][\w&.\-]*|&)){0,3}),")
# the page title "Friseur/in (M/W/D) - GM Professional Hairstudio in Freiburg": an employer after the title's dash
_TITLE_TAIL_EMPLOYER_RX = re.compile(r"\s[-–|]\s+([A-ZÄÖÜ][\w&.\-]*(?:\s+[A-ZÄÖÜ][\w&.\-]*){0,4}?)\s+in\s+[A-ZÄÖÜ][^\n]*$")
# an organisation's name on the line above its street address ("Residenz Kubitzer Bodden\nGrabitz 10, 18573 Rambin")
_ORG_WORD = (r"(?:Residenz|Hotel|Klinik\w*|Klinikum|Praxis|Kita|Kindergarten|Verein|Stiftung|Zentrum|Werk|Betrieb|Studio|"
             r"Agentur|Schule|Institut|Akademie|Kanzlei|Apotheke|Bäckerei|Restaurant|Gasthaus|Gasthof|Pension|Heim|Haus)")
_ORG_ABOVE_ADDRESS_RX = re.compile(r"(?m)^[ \t]*((?:[A-ZÄÖÜ][\w&.\-]*\s){0,3}" + _ORG_WORD + r"(?:\s[A-ZÄÖÜ][\w&.\-]*){0,3})[ \t]*\n"
                                   r"[ \t]*[A-ZÄÖÜ][\wäöüß.\- ]{2,40}\s\d{1,4}[a-z]?\s*(?:,\s*|\n\s*)\d{5}\s")
_BARE_PUBLIC_RX = re.compile(r"\b(?:Die|Der) (Gemeinde|Stadt|Stadtverwaltung|Kommune) sucht\b")

_PLACE_SUFFIX = (r"(?:\s(?:am|an der|im|in der|bei|ob der|vor der)\s[A-ZÄÖÜ][\wäöüß\-]+|\s(?:a\.\s?d\.|a\.|i\.|b\.|v\.\s?d\.)\s?"
                 r"[A-ZÄÖÜ][\wäöüß\-]+\.?|\s\([A-ZÄÖÜ][\wäöüß]+\)|/[A-ZÄÖÜ][a-zäöüß]{0,5}\.)?")
_POSTCODE_CITY_RX = re.compile(r"(?<![\d/.,])(\d{5})\s+([A-ZÄÖÜ][a-zäöüß][\wäöüß\-]*" + _PLACE_SUFFIX + r")(?![\d/])")
# "Einsatzort: Berlin", "Arbeitsort: 12345 Musterstadt", "Standort Vohburg a. d. Donau:", "Ort: Berlin, Büro …"
_PLACE_LABEL_RX = re.compile(r"(?:^|(?<=\n)|(?<=\s))(?:Einsatzort|Arbeitsort|Dienstort|Einsatzgebiet|Standort|Arbeitsplatz|Ort|"
                             r"Location)(?:\s*:\s*|\s+(?=[A-ZÄÖÜ][\wäöüß\-]+" + _PLACE_SUFFIX + r"\s*:))(?:(\d{5})\s+)?"
                             r"([A-ZÄÖÜ][a-zäöüß][\wäöüß\-]*" + _PLACE_SUFFIX + r")(?=\s*(?:[,:;/(\n]|$|\s[-–]\s))")
# a place named alone on one of the first lines ("Neuhausen-Hamberg", "Twist/Schöninghsdorf")
_PLACE_LINE_RX = re.compile(r"([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?" + _PLACE_SUFFIX + r")(?:\s?/\s?[A-ZÄÖÜ][a-zäöüß\-]+)*")
_NOT_A_PLACE_LINE = re.compile(r"^(?:Stellenangebote?|Karriere|Jobs?|Beschreibung|Stellenausschreibung|Über uns|Aufgaben|"
                               r"Profil|Kontakt|Bewerbung|Vollzeit|Teilzeit|Minijob|Homeoffice|Remote|Festanstellung|"
                               r"Ausbildung|Praktikum|Deutschland|Germany|Impressum|Datenschutz|Benefits|Wir|Team|Entgelt|Besoldung|Vergütung|"
                               r"Gehalt|Arbeitszeit|Bereich|Anforderungen|Qualifikation|Voraussetzungen|Start|Beginn|"
                               r"Einsatzort|Arbeitsort|Standort|Befristung|Stellenumfang|Tätigkeit)", re.IGNORECASE)
# "in Berlin", "im Raum Braunschweig", "Stelle in Reutlingen": a known place after a preposition
_IN_CITY_RX = re.compile(r"\b(?:in|im Raum|Raum|Region|Standort|Sitz in|nach)\s+(?=[A-ZÄÖÜ])")
_WORKPLACE_IN_RX = re.compile(r"\b(?:Einrichtung|Standort(?:es)?|Sitz|Filiale|Niederlassung|Klinik|Praxis|Büro|Betrieb|Werk|Haus|"
                              r"Kita|Team)\s+in\s+((?:Bad\s)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?" + _PLACE_SUFFIX + r")"
                              r"(?=\s*(?:[,.;:!(\n]|$|\s(?:in|im|mit|und|oder|suchen|gesucht|ab|zum|zur)\s))")
# the header line of job boards under the title: "Firma GmbH – Ort", "company - location", "Firma | Ort, Land"
_HEADER_LINE_RX = re.compile(r"\s*(?P<employer>[^\n|–]{2,80})\s+[-–|]\s+(?P<place>[A-ZÄÖÜ][^\n,|–]{1,50}?)\s*(?:,[^\n]*)?$")
_CITY_POSTCODE_RX = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß][\wäöüß\-]+)\s+(\d{5})\b(?![\d/])")

_EMAIL_RX = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_PHONE_RX = re.compile(r"(?<![\w.,/])((?:\+49\s?(?:\(0\)\s?)?|0049\s?|0)\(?\d{2,5}\)?(?:(?:\s?[/\-]\s?|\s)?\d){3,12})"
                       r"(?![\w/]|[.,]\d)")
_PERSON_RX = re.compile(r"\b(?:Herrn?|Frau|Hr\.|Fr\.)\s+((?:Dr\.\s+|Prof\.\s+)?[A-ZÄÖÜ][a-zäöüß]+(?:[\s\-][A-ZÄÖÜ][a-zäöüß]+)?)")
_ROLE_PERSON_RX = re.compile(r"\b(?:Ansprechpartner(?:in)?|Ansprechperson|Kontakt|[\w\-]*Geschäftsführer(?:in)?|"
                             r"Personalleiter(?:in)?|Leiter(?:in)?|Ausbildungsleitung|Ausbildungsleiter(?:in)?|Personalreferent(?:in)?|"
                             r"Teamleitung|Pflegedienstleitung|Einrichtungsleitung|Inhaber(?:in)?)\s*:?\s+((?:[A-Z]\.\s?|[A-ZÄÖÜ][a-zäöüß]+\s)[A-ZÄÖÜ][a-zäöüß]+)")

# "per E-Mail an Daniel Naber", "Bewerbung an Lisa Müller", "wende dich an Max Mustermann", "Deine Ansprechpartnerin ist
# Anna Schmidt": a first and last name after a contact phrase (two capitalised words, not a company)
_TO_PERSON_RX = re.compile(r"(?:\b(?:E-Mail|Mail|Bewerbung(?:sunterlagen)?|Unterlagen|Fragen|wende[nt]?\s+(?:dich|Sie sich|euch))"
                           r"[^.\n]{0,40}?\ban|\bAnsprechpartner(?:in)?\s+(?:ist|sind))\s+"
                           r"((?:Dr\.\s+)?[A-ZÄÖÜ][a-zäöüé]+(?:-[A-ZÄÖÜ][a-zäöüé]+)?\s[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)"
                           r"(?![\w&-]|\s+(?:" + _LEGAL_FORM + r"|Gruppe|Team|Personalabteilung)\b)")
# an e-mail address written against harvesting: "name[at]domain.de", "name (at) domain.de"
_EMAIL_AT_RX = re.compile(r"\b[\w.+\-]+\s?[\[(]at[\])]\s?[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_ASAP_RX = re.compile(r"\b(?:ab|per) sofort\b|\bzum nächstmöglichen Zeitpunkt\b|\bnächstmöglich\w*\b|\bschnellstmöglich\b",
                      re.IGNORECASE)
_NOT_AFTER_BIS = r"(?<!bis )(?<!bis zum )(?<![Ss]pätestens )(?<!frist )(?<!endet )"  # "Ausschreibungsfrist am 14.6.2020"
_START_NUM_RX = re.compile(_NOT_AFTER_BIS + r"\b(?:zum|ab dem|ab|Beginn:?|Eintritt:?|Start:?|beginnt am|am)\s+(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b",
                           re.IGNORECASE)
_START_NAMED_RX = re.compile(_NOT_AFTER_BIS + r"\b(?:zum|ab dem|ab|Beginn:?|am)\s+(\d{1,2})\.\s?(" + MONTH_RX + r")\s+(\d{4})\b",
                             re.IGNORECASE)
_START_MONTH_RX = re.compile(r"\b(?:ab|zum|Beginn:?\s*(?:ab)?|Start\b[^.\n]{0,30}?\bim)\s+(" + MONTH_RX + r")\s+(\d{4})\b",
                             re.IGNORECASE)
_START_LABEL_RX = re.compile(r"\b(?:Ausbildungs)?[Bb]eginn:?\s*\n?\s*(?:ab\s+)?(" + MONTH_RX + r")\s+(\d{4})\b", re.IGNORECASE)
_START_LABEL_DAY_RX = re.compile(r"\b(?:Ausbildungsbeginn|Einstellungstermin|Eintrittstermin|Arbeitsbeginn)\s*:?\s*(?:ab\s+|zum\s+|am\s+)?"
                                 r"(\d{1,2})\.\s?(" + MONTH_RX + r"|\d{1,2}\.)\s?(\d{4})\b", re.IGNORECASE)

_MINIJOB_RX = re.compile(r"Minijob|geringfügig|(?:450|520|538|556|603)[ -]?(?:€|Euro)[ -]?(?:Basis|Job)", re.IGNORECASE)
_KIND_RX = re.compile(r"Voll- oder Teilzeit|(?:Vollzeit|Teilzeit)(?!geeignet|fähig|äquivalent|anteil)", re.IGNORECASE)
# both kinds offered as alternatives ("Voll- oder Teilzeit", "Vollzeit / Teilzeit", "Voll-/Teilzeit") say no kind (the
# README's rule: a kind is labelled only when the text says which); nor do generic mentions ("32 Urlaubstage in einer
# Vollzeitstelle", "eine Rückkehr von Teil- auf Vollzeit", "bei Vollzeit")
_KIND_PAIR_RX = re.compile(r"\b(?:Voll|Teil)(?:zeit)?-?\s*(?:oder|/|bzw\.|und)\s*(?:Voll|Teil)zeit\w*", re.IGNORECASE)
# a kind named as an option or a benefit is no kind of the offer: "Möglichkeit zur Remote- und Teilzeitarbeit",
# "familienfreundliche Arbeitsumgebung (beispielsweise Teilzeit, Gleitzeit)", "auch im Wege einer Teilzeitbeschäftigung möglich"
_KIND_OPTION_RX = re.compile(r"(?:Möglichkeit(?:en)?\s+(?:zur|zu|für)|beispielsweise|z\.\s?B\.|im Wege einer)\s+(?:[\w\-]+\s+){0,3}\(?$",
                             re.IGNORECASE)
_KIND_GENERIC_RX = re.compile(r"(?:\bin einer|\bauf|\bbei|\bzu|\bzur|\bfür)\s+$", re.IGNORECASE)
_KINDS_LISTED_RX = re.compile(r"\b(?:ob\s+)?(?:Vollzeit|Teilzeit|Minijob)(?:\s*,\s*|\s+oder\s+|\s+und\s+)(?:Vollzeit|Teilzeit|Minijob)\b"
                              r"(?:\s*,\s*(?:Vollzeit|Teilzeit|Minijob)|\s+oder\s+(?:Vollzeit|Teilzeit|Minijob))*", re.IGNORECASE)
_HOURS_RXS = [
    re.compile(r"(\d{1,2}(?:,\d{1,2})?)\s*(?:Std\.?|Stunden|h)\s*(?:/\s*|pro\s+|je\s+|in der\s+|-|\s)(?:Woche|Wo\.)", re.IGNORECASE),
    # "eine Vollzeitstelle (40 Stunden)", "Voll- oder Teilzeitstelle (28-40 Stunden)", "wöchentlich 20 Std.",
    # "Arbeitszeit: 40 Std. laut Dienstplan"
    re.compile(r"(?:Vollzeit|Teilzeit)\w*\s*\((\d{1,2}(?:,\d{1,2})?)(?:\s*[-–]\s*\d{1,2})?\s*(?:Std\.?|Stunden|h)\)", re.IGNORECASE),
    re.compile(r"wöchentlich\s+(\d{1,2}(?:,\d{1,2})?)\s*(?:Std\.?|Stunden)", re.IGNORECASE),
    re.compile(r"Arbeitszeit\s*:\s*\n?\s*(\d{1,2}(?:,\d{1,2})?)\s*(?:Std\.?|Stunden)(?!\s*(?:/|pro|im|je)\s*(?:Monat|Tag))", re.IGNORECASE),
    re.compile(r"(\d{1,2}(?:,\d{1,2})?)\s*(?:Wochenstunden|Std\./Woche|Wochenstd\.?)", re.IGNORECASE),
    re.compile(r"(\d{1,2}(?:,\d{1,2})?)\s*(?:Std\.?|Stunden)\s+wöchentlich", re.IGNORECASE),
    re.compile(r"wöchentliche[nr]?\s+(?:regelmäßige[n]?\s+)?(?:Arbeitszeit|Beschäftigungsumfang)[^.\d]{0,40}?"
               r"(\d{1,2}(?:,\d{1,2})?)\s*(?:Stunden|Std)", re.IGNORECASE),
]
_SHIFT_RX = re.compile(r"Schichtdienst|Schichtarbeit|Wechselschicht|Nachtschicht|Schichtsystem|Mehrschicht|"
                       r"\d-Schicht|Früh-,? (?:und )?Spätschicht", re.IGNORECASE)

_TRAINING_RX = re.compile(r"\bAuszubildende|\bAusbildungsvergütung|\bAusbildungsjahr|\bAusbildung (?:zum|zur|als)\b|\bAusbildungsplatz",
                          re.IGNORECASE)
_INTERNSHIP_RX = re.compile(r"Praktikum|Praktikant(?!\*innen|/innen|innen|en\b)", re.IGNORECASE)
_FIXED_RX = re.compile(r"(?<!un)befristet", re.IGNORECASE)
_PERMANENT_RX = re.compile(r"unbefristet|Festanstellung|feste Anstellung|Dauerstelle|Daueranstellung|Befristung\s*:?\s*\n?\s*Nein\b",
                           re.IGNORECASE)
_DURATION_BEFORE_RX = re.compile(r"\b(\d{1,2})\s+(Monate|Jahre)\s+befristet\b")
_TRAINING_LENGTH_RX = re.compile(r"\b(?:Ausbildungsdauer|Dauer der Ausbildung)\s*:?\s*(\d(?:,5)?)\s+(Jahre)\b|"
                                 r"\bAusbildung dauert\s+(\d(?:,5)?|drei|zwei)\s+(Jahre)\b")
_END_RXS = [
    ("num", re.compile(r"bis\s+(?:voraussichtlich\s+)?(?:zum\s+)?(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")),
    ("named", re.compile(r"bis\s+(?:voraussichtlich\s+)?(?:zum\s+)?(\d{1,2})\.\s?(" + MONTH_RX + r")\s+(\d{4})", re.IGNORECASE)),
    ("month", re.compile(r"bis\s+(?:voraussichtlich\s+)?(?:Ende\s+)?(" + MONTH_RX + r")\s+(\d{4})", re.IGNORECASE)),
    ("duration", re.compile(r"(?:für|auf)\s+(?:die Dauer von\s+|ca\.\s+|mindestens\s+)?(\d{1,2}|ein|zwei|drei)\s+(Monate?n?|Jahre?n?)\b",
                            re.IGNORECASE)),
]

_AMOUNT_RX = re.compile(r"(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,5}(?:,\d{1,2})?)\s*(?:€|Euro|EUR)(?!\w)")
_PAY_CUE_RX = re.compile(r"Vergütung|Gehalt|Lohn|Entgelt|brutto|Verdienst|Basis|Bezahlung|verdienen|Stundenlohn|Monatsgehalt",
                         re.IGNORECASE)
_HOUR_CUE_RX = re.compile(r"pro Stunde|/\s?St(?:un)?d|Stundenlohn|/\s?h\b|je Stunde|die Stunde", re.IGNORECASE)
_YEAR_CUE_RX = re.compile(r"jährlich|p\.\s?a\.|Jahresgehalt|pro Jahr|im Jahr", re.IGNORECASE)
_GROUP_RX = re.compile(r"\b(?:Entgeltgruppen?|EG|Entgelt-Gruppe|Vergütungsgruppe)\s+((?:S|P|E)?\s?\d{1,2}[a-c]?)\b|"
                       r"\b((?:S|P|E)\s?\d{1,2}[a-c]?)(?=\s+(?:TVöD|TV-L|TV-SuE|TV-H|TV-V)\b)")
_AGREEMENT_RX = re.compile(r"\b(TVöD(?:-[A-Z]{1,3}\b)?|TV-L|TV-SuE|TV-H|TV-V|TV-Ärzte|AVR(?:[ -]\w+)?|TV-N|BAT)")
# an amount that is a bonus or allowance, not the pay: "Einstiegsbonus in Höhe von 2.000 Euro", "Zuschuss von 50 EUR"
_BONUS_RX = re.compile(r"(?:[Bb]onus|[Zz]uschuss|[Pp]rämie|[Zz]ulage|[Pp]rovision|[Rr]abatt|[Gg]utschein|[Ee]rstattung)\w*"
                       r"(?:\s+(?:in Höhe\s+)?(?:von|über|bis zu|i\.\s?H\.\s?v\.))?\s+(?:bis zu\s+)?$")
_NEGOTIABLE_RX = re.compile(r"nach Vereinbarung|Verhandlungssache|Verhandlungsbasis", re.IGNORECASE)

_DEADLINE_RX = re.compile(r"(?:Bewerbungsfrist(?:\s+endet(?:\s+am)?)?|Bewerbungsschluss|bewerben Sie sich bis|Bewerbungen bis|bis spätestens|"
                          r"Bewerbung(?:en)?\b[^.\n]{0,120}?\bbis(?: zum| einschl\.| einschließlich)?)"
                          r"\s*:?\s*(?:zum\s+)?(\d{1,2})\.\s?(\d{1,2}\.|" + MONTH_RX + r")\s?(\d{4})", re.IGNORECASE)
_ROUTE_RX = re.compile(r"(?:per|via|über)\s+(E-Mail|Mail|Post|Online-Bewerbung|unser(?:e|) (?:Bewerberportal|Karriereportal|Online-Portal))"
                       r"|(Online-Bewerberportal|Bewerberportal|Karriereportal)", re.IGNORECASE)

def _field(text: str, start: int, end: int, value: object | None = None) -> FieldValue:
    raw = text[start:end]
    return FieldValue(value=raw if value is None else value, raw=raw, start=start, end=end)


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past markup characters (#, *, quotes) and whitespace on both sides."""
    piece = text[start:end]
    lead = len(piece) - len(_MARKUP_RX.sub("", piece, count=1)) if _MARKUP_RX.match(piece) else 0
    start += lead
    piece = text[start:end]
    trail = re.search(r"[#*\s„“\"'»«]+$", piece)
    if trail:
        end -= len(trail.group(0))
    return start, end


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _title_line(text: str, s: int, e: int) -> FieldValue:
    """A title line trimmed: the job-board tail after the gender marker ("| Stelle in X", " in Vollzeit …",
    a list of places) and a "- 12345 Ort" tail are cut off."""
    line = text[s:e]
    gender = _GENDER_RX.search(line)
    cut = re.search(r"\s+[-–|]\s+(?=\d|[A-ZÄÖÜ][\w\-]+ \d{5}|\d{5})", line)
    if cut and cut.start() > 3 and (gender is None or cut.start() >= gender.end()):
        e = s + cut.start()
    if gender:
        tail = _AFTER_GENDER_CUT.search(text, s + gender.end(), e)
        if tail and tail.start() == s + gender.end():
            e = tail.start()
        city = CITY_RX.search(text, s + gender.end(), e)
        if city and city.start() > s + gender.end() + 1:
            e = city.start()
    bullet = re.match(r"[ \t]*[-–•·▪][ \t]+", text[s:e])
    if bullet:
        s += bullet.end()
    # a page heading's lead word is no part of the title: "Stellenausschreibung Organisationsassistenz (all genders)",
    # "Wir suchen: Softwareentwicklerin/ Softwareentwickler (m/w/d)"
    lead = _TITLE_LEAD_RX.match(text, s, e)
    if lead and e - lead.end() > 3:
        s = lead.end()
    s2, e2 = _clean_span(text, s, e)
    return _field(text, s2, e2)


_TITLE_LEAD_RX = re.compile(r"[ \t#*]*(?:Stellenausschreibung|Stellenangebot|Stellenanzeige|Wir suchen|Gesucht)(?:\s*:\s*|[ \t]+)(?=[A-ZÄÖÜ])")


# a date line above the title ("Stand: 25.07.2018", "Datum: 21.06.2019") is no part of the offer's head
_META_LINE_RX = re.compile(r"^\s*(?:Stand|Datum|Veröffentlicht|Aktualisiert|Erstellt|Online seit)\b[^\n]{0,30}\d\s*$", re.IGNORECASE)
# a lead-in above the title: "Wir suchen Sie (m/w/d) als" / "Wir suchen dich als:" – the title is the next line
_LEAD_IN_RX = re.compile(r"\b(?:suchen|sucht)\b[^\n]{0,40}\bals\s*:?\s*$", re.IGNORECASE)
# a headline "Hausdame gesucht", "… Sozialpädagog:in im Uniklinikum Frankfurt (…) gesucht": the part before
# " gesucht", cut before the establishment ("im/bei/für …")
_WANTED_LINE_RX = re.compile(r"^[#*\s]*(?P<title>[A-ZÄÖÜ][^\n]{2,140}?)\s+gesucht\s*!?$")
# "Mitarbeiter Housekeeping", "Fachkraft Lagerlogistik": a short first line opened by a generic job noun
_GENERIC_JOB_LINE_RX = re.compile(r"(?:Mitarbeiter(?:in)?|Fachkraft|Helfer(?:in)?|Aushilfe|Leitung|Leiter(?:in)?|Assistenz)"
                                  r"(?:\s+(?:für\s+(?:den|die|das)\s+|im\s+|der\s+)?[A-ZÄÖÜ][\w\-]+){1,2}")


def _title(text: str) -> FieldValue | None:
    all_nonempty = [(s, e) for s, e in _lines(text) if text[s:e].strip() and not _META_LINE_RX.match(text[s:e])]
    nonempty = all_nonempty[:6]
    for i, (s, e) in enumerate(nonempty):
        line = text[s:e]
        if _GENDER_RX.search(line) and _LEAD_IN_RX.search(line) and i + 1 < len(nonempty):
            ns, ne = _clean_span(text, *nonempty[i + 1])
            if 2 < ne - ns <= 90 and not text[ns:ne].endswith((".", ",", ":")):
                return _field(text, ns, ne)
        if _GENDER_RX.search(line) and len(line) <= 120:
            first = _title_line(text, s, e)
            stem = re.split(r"\s*\(|\s+/", first.raw, maxsplit=1)[0].strip()
            for s3, e3 in all_nonempty[:14]:  # the same title spelt out in full further down
                other = text[s3:e3].strip().lstrip("#* ")
                if (s3 > s and len(stem) >= 4 and other.startswith(stem) and len(other) <= 120
                        and _GENDER_RX.search(other) and not other.endswith((".", ",", ":"))):
                    longer = _title_line(text, s3, e3)
                    if len(longer.raw) > len(first.raw) and first.raw not in longer.raw or "/" in longer.raw[len(stem):len(stem) + 3]:
                        return longer
            return first
    for s, e in all_nonempty[:14]:
        s2, e2 = _clean_span(text, s, e)
        line = text[s2:e2]
        if (len(line) <= 90 and not line.endswith((".", ":", "!", "?", ",")) and not _TITLE_STOP.match(line)
                and (_JOBWORD_RX.search(line) or (s == all_nonempty[0][0] and _KIND_TITLE_RX.match(line)))):
            if not re.search(r"\b(?:wir|Sie|du|dich|uns|unser\w*)\b", line):
                return _field(text, s2, e2)
    if all_nonempty:
        s2, e2 = _clean_span(text, *all_nonempty[0])
        if e2 - s2 <= 60 and (_OCCUPATION_LINE_RX.fullmatch(text, s2, e2) or _GENERIC_JOB_LINE_RX.fullmatch(text, s2, e2)):
            return _field(text, s2, e2)
        wanted = _WANTED_LINE_RX.match(text, s2, e2)
        if wanted and not re.search(r"\b(?:wir|Sie|du|dich|uns)\b", wanted.group("title")):
            ts, te = wanted.span("title")
            cut = re.search(r"\s+(?:im|in der|in unserem|in unserer|bei|beim|für (?:das|die|den|unser\w*))\s+[A-ZÄÖÜ]", text[ts:te])
            return _field(text, ts, ts + cut.start() if cut else te)
    match = _SEEK_RX.search(text[: 1500])
    if match and not _SEEK_NOT_TITLE.match(match.group(1)):
        end = match.end(1)
        more = re.match(r"(?:,\s+[A-ZÄÖÜ][\w\-]+)*\s+(?:oder|und|bzw\.)\s+[A-ZÄÖÜ][\w\-]+", text[end:end + 120])
        if more:
            end += more.end()
        return _field(text, match.start(1), end)
    gender = _GENDER_RX.search(text)
    if gender:
        before = text[: gender.start()].rstrip()
        tokens = list(re.finditer(r"\S+", before[-200:]))
        offset = max(0, len(before) - 200)
        first = None
        for token in reversed(tokens):
            word = token.group(0)
            if word[0].isupper() or word in _CONNECT:
                first = token
                continue
            break
        if first is not None:
            start = offset + first.start()
            while True:
                word = re.match(r"\S+", text[start:])
                if word and word.group(0) in _CONNECT:
                    start += len(word.group(0)) + 1
                    continue
                break
            if start < gender.start():
                return _field(text, start, gender.end())
    for s, e in nonempty[:2]:
        line = text[s:e].strip()
        if len(line) <= 80 and _JOBWORD_RX.search(line) and not _TITLE_STOP.match(line):
            s2, e2 = _clean_span(text, s, e)
            return _field(text, s2, e2)
    return None


_NAMED_EMPLOYER_RX = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?:]\s))(?:(?:Die|Das|Der)[ \t]+)?(?P<name>[A-ZÄÖÜ][\w&.\-]*(?:[ \t]+(?:[A-ZÄÖÜ][\w&.\-]*|des|der|"
    r"für|und|&|\([A-ZÄÖÜ]{2,8}\))){0,5}?)(?:[ \t]+(?:mit Sitz )?in [A-ZÄÖÜ][\wäöüß\-]+)?(?:[ \t]+\([A-Za-zÄÖÜäöü]{2,8}\))?"
    r"[ \t]+(?:sucht|gehört\s+zu|ist\s+(?:ein|eine|die|der|das\b|[A-ZÄÖÜ]))")
_NOT_EMPLOYER = re.compile(r"^(?:Wir|Sie|Du|Er|Es|Man|Ihr|Unser|Unsere|Dein|Deine|Ihre|Diese[rs]?|Hier|Jetzt|Dann|Gesucht|Team|"
                           r"Gemeinde|Stadt|Kommune|Stadtverwaltung|Arbeitsort|Einsatzort|Beginn|Bewerbung|Aufgabe|Stelle|Deshalb|Daher|Ziel|"
                           r"Grundlage|Eine?r?|Voraussetzung|Bereich|Arbeitszeit|Vergütung|Bezahlung|Ort|Teil|Schwerpunkt|"
                           r"Ausbildung|Praktikum|Tätigkeit|Position|Einarbeitung|Zusammenarbeit|Mitarbeit)\b")
_BEI_EMPLOYER_RX = re.compile(r"\b(?:Praktikum|Job|Ausbildung|Stelle|Werkstudent\w*|Praktikant\w*)\s+(?:bei|beim|bei der|bei dem)\s+"
                              r"([A-ZÄÖÜ][\w&.\-]*(?:\s+(?:[A-ZÄÖÜ][\w&.\-]*|for|of|für|der|des|und|&)){0,5})(?=\s*(?:[*.,!:\n]|$))")
_BEI_WIR_RX = re.compile(r"\bBei\s+([A-ZÄÖÜ][^,.;:\n]{2,40}?)\s+(?:legen|sind|arbeiten|bieten|erwartet|findest|finden|steht|stehen)"
                         r"\s+(?:wir|dich|Sie|du|dir|Ihnen)\b")


def _known_part(place: str) -> str | None:
    """The first part of "Hybrid / Berlin", "Remote (München)" that is a known place."""
    return next((part for part in re.split(r"\s*/\s*|\s*\(|\)", place) if part and is_place(part.strip())), None)


def _header_line(text: str, title: FieldValue | None) -> re.Match[str] | None:
    """The job-board line under the title: "Firma – Ort" / "company - location" (the place a known one)."""
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()][:4]
    for s, e in lines:
        if title is not None and s <= title.start < e:
            continue
        m = _HEADER_LINE_RX.match(text, s, e)
        if not m or m.end() != e and text[m.end():e].strip():
            continue
        if _GENDER_RX.search(m.group("employer")):
            continue
        place = m.group("place").strip()
        first = re.split(r"\s*/\s*|\s+\(", place)[0]
        if is_place(first) or is_place(place) or _known_part(place):
            return m
        # a place not in the small gazetteer: accepted when the left part is a company (legal form) and the right
        # part looks like a place name (one to three capitalised words, "Bad …", "… am Main")
        if (re.search(_LEGAL_FORM + r"\s*$", m.group("employer"))
                and re.fullmatch(r"[A-ZÄÖÜ][\wäöüß\-]+(?:\s(?:am|an der|im|bei|ob der)\s[A-ZÄÖÜ][\wäöüß\-]+|"
                                 r"\s[A-ZÄÖÜ][\wäöüß\-]+){0,2}", first)):
            return m
    return None


def _place_line(text: str, title: FieldValue | None) -> tuple[int, int] | None:
    """A line of its own among the first lines after the title that is only a place name."""
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()][:5]
    seen_title = title is None
    for s, e in lines:
        if title is not None and s <= title.start < e:
            seen_title = True
            continue
        if not seen_title:
            continue
        s2, e2 = _clean_span(text, s, e)
        line = text[s2:e2]
        if len(line) > 40 or _NOT_A_PLACE_LINE.match(line) or _COMPANY_RX.search(line):
            continue
        m = _PLACE_LINE_RX.fullmatch(line)
        if m and (is_place(line) or re.search(r"[-/]|\s", line)):  # one unknown word alone is no proof
            first = re.match(r"[^/]+", line).group(0).rstrip()
            return s2, s2 + len(first)
    return None


def _in_city(text: str) -> tuple[int, int] | None:
    for m in _IN_CITY_RX.finditer(text, 0, min(len(text), 2500)):
        city = CITY_RX.match(text, m.end())
        if city:
            # "Freiburg im Breisgau", "Frankfurt am Main": the place's own suffix belongs to it
            suffix = re.match(_PLACE_SUFFIX, text[city.end(1):city.end(1) + 40])
            if suffix and suffix.group(0) and not re.match(r"\s\(", suffix.group(0)):
                return city.start(1), city.end(1) + suffix.end()
            return city.span(1)
    workplace = _WORKPLACE_IN_RX.search(text, 0, min(len(text), 2500))
    if workplace:
        return workplace.span(1)
    return None


def _employer_by_name(text: str, title: FieldValue | None) -> tuple[int, int] | None:
    first_lines = text[: (title.end + 200) if title else 300]
    bei = _BEI_EMPLOYER_RX.search(first_lines)
    if bei:
        return _clean_span(text, *bei.span(1))
    for m in _NAMED_EMPLOYER_RX.finditer(text, 0, min(len(text), 3000)):
        name = m.group("name")
        if _NOT_EMPLOYER.match(name) or len(name) < 4 or _GENDER_RX.search(name):
            continue
        return m.span("name")
    bei_wir = _BEI_WIR_RX.search(text)
    if bei_wir:
        return bei_wir.span(1)
    return None


def _title_tail_employer(text: str, title: FieldValue) -> tuple[int, int] | None:
    """The employer after the title on the title's own line: "Friseur/in (M/W/D) - GM Professional Hairstudio in …"."""
    line_end = text.find("\n", title.end)
    line_end = len(text) if line_end < 0 else line_end
    m = _TITLE_TAIL_EMPLOYER_RX.match(text, title.end, line_end)
    if m and not _GENDER_RX.search(m.group(1)) and not is_place(m.group(1)):
        return m.span(1)
    return None


def _place_and_employer(text: str, fields: dict[str, FieldValue]) -> None:
    title = fields.get("title")
    agg = _AGGREGATOR_RX.search(text[:600])
    if agg:
        fields["employer"] = _field(text, *agg.span("employer"))
        fields["postcode"] = _field(text, *agg.span("postcode"))
        fields["municipality"] = _field(text, *agg.span("city"))
    else:
        header = _header_line(text, title)
        if header:
            es, ee = _clean_span(text, *header.span("employer"))
            if ee > es:
                fields["employer"] = _field(text, es, ee)
            place = header.group("place")
            first = re.split(r"\s*/\s*|\s+\(", place)[0].strip()
            if not is_place(first):
                first = (_known_part(place) or first).strip()
            ps = header.start("place") + place.index(first)
            fields["municipality"] = _field(text, ps, ps + len(first))
    carrier = _CARRIER_RX.search(text)
    company = _COMPANY_RX.search(text)
    public = _PUBLIC_RX.search(text)
    if "employer" not in fields:
        if carrier:
            fields["employer"] = _field(text, *carrier.span(1))
        elif company:
            fields["employer"] = _field(text, *company.span(1))
        elif public:
            fields["employer"] = _field(text, *public.span(1))
        elif (named := _employer_by_name(text, title)) is not None:
            fields["employer"] = _field(text, *named)
        elif (we := _WE_ARE_RX.search(text)) is not None:
            fields["employer"] = _field(text, *we.span(1))
        elif (org := _ORG_ABOVE_ADDRESS_RX.search(text)) is not None:
            fields["employer"] = _field(text, *_clean_span(text, *org.span(1)))
        elif title is not None and (tail := _title_tail_employer(text, title)) is not None:
            fields["employer"] = _field(text, *tail)
        else:
            est = _ESTABLISHMENT_RX.search(text) or _BARE_PUBLIC_RX.search(text)
            if est:
                fields["employer"] = _field(text, *est.span(1))
    if "municipality" not in fields:
        label = _PLACE_LABEL_RX.search(text)
        if label:
            if label.group(1):
                fields["postcode"] = _field(text, *label.span(1))
            fields["municipality"] = _field(text, *label.span(2))
    if "municipality" in fields:
        if "postcode" not in fields:
            city = re.escape(fields["municipality"].raw)
            pc = re.search(r"(?<![\d/.,])(\d{5})\s+" + city + r"\b", text)
            if pc:
                fields["postcode"] = _field(text, *pc.span(1))
    else:
        pc = _POSTCODE_CITY_RX.search(text)
        if pc:
            fields["postcode"] = _field(text, *pc.span(1))
            fields["municipality"] = _field(text, *pc.span(2))
        else:
            cp = _CITY_POSTCODE_RX.search(text)
            if cp:
                fields["municipality"] = _field(text, *cp.span(1))
                fields["postcode"] = _field(text, *cp.span(2))
    if "municipality" not in fields:
        line = _place_line(text, title)
        span = line or _in_city(text)
        if span:
            fields["municipality"] = _field(text, *span)
        elif public:
            fields["municipality"] = _field(text, *public.span(2))


_NAME = r"[A-ZÄÖÜ][a-zäöüé]+(?:-[A-ZÄÖÜ][a-zäöüé]+)? [A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
# "- Rene Hermes -" on its own line under the company; "Maike Stuckenbrock • Insterburger Straße 16"
_NAME_LINE_RX = re.compile(r"(?m)^[ \t]*[-–]?[ \t]*(" + _NAME + r")[ \t]*(?:[-–][ \t]*$|$|[•|·][ \t]*[A-ZÄÖÜ][\wäöüß.\- ]*"
                           r"(?:straße|str\.|weg|platz|allee|gasse|ring|damm)\b)", re.IGNORECASE * 0)


# a contact heading with a tail: "Ansprechpartner für fachliche Rückfragen:", "Kontakt bei Fragen:"
_CONTACT_HEADING_RX = re.compile(r"\s*(?:Ihr(?:e)?\s+|Dein(?:e)?\s+)?(?:Ansprechpartner(?:in)?|Ansprechperson|Kontakt(?:person)?)\b"
                                 r"[^\n.]{0,50}:\s*$")


def _name_line(text: str) -> tuple[int, int] | None:
    lines = _lines(text)
    for i, (s, e) in enumerate(lines):
        m = _NAME_LINE_RX.match(text, s, e)
        if not m:
            continue
        if "•" in text[s:e] or "·" in text[s:e] or "|" in text[s:e]:
            return m.span(1)
        prev = next((text[ps:pe] for ps, pe in reversed(lines[:i]) if text[ps:pe].strip()), "")
        if (_COMPANY_RX.search(prev) or re.search(r"\b(?:Ansprechpartner(?:in)?|Kontakt|an)\s*:?\s*$", prev)
                or _CONTACT_HEADING_RX.match(prev)):
            return m.span(1)
    return None


def _contact(text: str, fields: dict[str, FieldValue]) -> None:
    for rx in (_PERSON_RX, _ROLE_PERSON_RX):
        for match in rx.finditer(text):
            context = text[max(0, match.start() - 25): match.start()]
            if re.search(r"Bürgermeister|Abgeordnete|Präsident", context + match.group(0)):
                continue
            fields["contact_person"] = _field(text, *match.span(1))
            break
        if "contact_person" in fields:
            break
    if "contact_person" not in fields:
        to_person = _TO_PERSON_RX.search(text)
        name = to_person.span(1) if to_person else _name_line(text)
        if name:
            fields["contact_person"] = _field(text, *name)
    email = _EMAIL_RX.search(text) or _EMAIL_AT_RX.search(text)
    if email:
        fields["email"] = _field(text, *email.span())
    for phone in _PHONE_RX.finditer(text):
        digits = re.sub(r"\D", "", phone.group(1))
        if 6 <= len(digits) <= 15:
            fields["phone"] = _field(text, *phone.span(1))
            break


def _start(text: str, fields: dict[str, FieldValue]) -> None:
    candidates: list[tuple[int, FieldValue]] = []
    for m in _START_NUM_RX.finditer(text):
        iso = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            candidates.append((m.start(), _field(text, m.start(1), m.end(3), iso)))
    for m in _START_NAMED_RX.finditer(text):
        month = month_of(m.group(2))
        iso = iso_date(int(m.group(1)), month, int(m.group(3))) if month else None
        if iso:
            candidates.append((m.start(), _field(text, m.start(1), m.end(3), iso)))
    for rx in (_START_LABEL_RX, _START_MONTH_RX):
        for m in rx.finditer(text):
            if re.search(r"bis\s+(?:voraussichtlich\s+)?(?:Ende\s+)?$", text[max(0, m.start() - 25): m.start() + 3]):
                continue
            month = month_of(m.group(1))
            if month:
                candidates.append((m.start(), _field(text, m.start(1), m.end(2), f"{int(m.group(2)):04d}-{month:02d}")))
    for m in _START_LABEL_DAY_RX.finditer(text):
        month = month_of(m.group(2)) if not m.group(2)[0].isdigit() else int(m.group(2).rstrip("."))
        iso = iso_date(int(m.group(1)), month, int(m.group(3))) if month else None
        if iso:
            fields["start_date"] = _field(text, m.start(1), m.end(3), iso)
            return
    asap = _ASAP_RX.search(text)
    if asap:
        candidates.append((asap.start(), _field(text, *asap.span(), "ab sofort")))
    label = re.search(r"\bBeginn\s*:", text)
    if label:  # a "Beginn:" label beats anything elsewhere
        after = [c for c in candidates if 0 <= c[0] - label.start() <= 40]
        if after:
            fields["start_date"] = min(after, key=lambda c: c[0])[1]
            return
    if candidates:
        fields["start_date"] = min(candidates, key=lambda c: c[0])[1]


def _working_time(text: str, fields: dict[str, FieldValue]) -> None:
    # kinds only offered as alternatives ("ob Vollzeit oder Teilzeit, Minijob oder …") say nothing; a pair
    # "Vollzeit oder Teilzeit" is labelled as its first kind, like "Voll- oder Teilzeit"
    listed = [m.span() for m in _KINDS_LISTED_RX.finditer(text)
              if m.group(0).lower().startswith("ob ") or len(re.findall(r"Vollzeit|Teilzeit|Minijob", m.group(0), re.I)) >= 3]
    in_list = lambda m: any(s <= m.start() < e for s, e in listed)  # noqa: E731
    conditional = lambda m: re.search(r"\bbei\s+$", text[max(0, m.start() - 5): m.start()])  # noqa: E731 - "bei Vollzeit:"
    mini = next((m for m in _MINIJOB_RX.finditer(text) if not in_list(m)), None)
    if mini:
        fields["working_time_kind"] = _field(text, *mini.span(), "Minijob")
    else:
        pairs = [p.span() for p in _KIND_PAIR_RX.finditer(text)]
        for m in _KIND_RX.finditer(text):
            if re.search(r"(?:Prozent|%|entsprechenden)\s+\S*\s*$", text[max(0, m.start() - 30): m.start()]):
                continue
            if in_list(m) or conditional(m) or _KIND_OPTION_RX.search(text[max(0, m.start() - 40): m.start()]):
                continue
            if m.group(0).lower().startswith("voll- oder") or any(s <= m.start() < e or s < m.end() <= e for s, e in pairs):
                continue
            if _KIND_GENERIC_RX.search(text[max(0, m.start() - 12): m.start()]) or text[m.end():m.end() + 4] == "-":
                continue
            word = m.group(0).lower()
            kind = "Teilzeit" if word.startswith("teilzeit") else "Vollzeit"
            fields["working_time_kind"] = _field(text, *m.span(), kind)
            break
    hits = [(m.start(), m) for rx in _HOURS_RXS for m in rx.finditer(text)]
    if hits:
        m = min(hits, key=lambda h: h[0])[1]
        start, end = m.span(1)
        # a range "8 bis 20 Stunden/Woche", "(28-40 Stunden)" is labelled with its lower bound
        window = text[max(0, start - 12): start]
        low = re.search(r"(\d{1,2}(?:,\d{1,2})?)\s*(?:bis|-|–)\s*$", window)
        if low:
            start, end = start - len(window) + low.start(1), start - len(window) + low.end(1)
        hours = german_number(text[start:end])
        if hours is not None and 0 < hours <= 60:
            fields["hours_per_week"] = _field(text, start, end, hours)
    # "keine Schichtarbeit", "ohne Wochenendschichten" is no shift work
    shift = next((m for m in _SHIFT_RX.finditer(text)
                  if not re.search(r"\b(?:keine?[nr]?|ohne|nicht)\s+(?:\w+\s+)?$", text[max(0, m.start() - 25): m.start()],
                                   re.IGNORECASE)), None)
    if shift:
        fields["shift"] = _field(text, *shift.span(), True)


# the line of a training named as a requirement: "eine Ausbildung zum Fachinformatiker oder eine ähnliche Qualifikation
# können von Vorteil sein", "verfügst du über ein Hochschulstudium … oder eine Ausbildung zum …"
_REQUIRED_TRAINING_RX = re.compile(r"ähnliche|vergleichbare|Qualifikation\b|von Vorteil|wünschenswert|erwünscht|vorausgesetzt|"
                                   r"verfügst|verfügen Sie|bringst|bringen Sie|\bhast\b|Studium|Praxiserfahrung", re.IGNORECASE)


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start: len(text) if end < 0 else end]


def _contract(text: str, fields: dict[str, FieldValue]) -> None:
    for rx, kind in ((_TRAINING_RX, "Ausbildung"), (_INTERNSHIP_RX, "Praktikum")):
        m = next((m for m in rx.finditer(text)
                  if not re.search(r"(?:abgeschlossene[nr]?|erfolgreiche[nr]?)\s+(?:\w+\s+)?$",
                                   text[max(0, m.start() - 40): m.start()], re.IGNORECASE)
                  and not (kind == "Ausbildung" and _REQUIRED_TRAINING_RX.search(_line_of(text, m.start())))), None)
        if m:
            fields["contract_kind"] = _field(text, *m.span(), kind)
            length = _TRAINING_LENGTH_RX.search(text) if kind == "Ausbildung" else None
            if length:
                g = 1 if length.group(1) else 3
                fields["contract_end"] = _field(text, length.start(g), length.end(g + 1),
                                                f"{length.group(g)} {length.group(g + 1)}")
            elif kind == "Praktikum":
                d = _END_RXS[-1][1].search(text)
                if d:
                    fields["contract_end"] = _field(text, d.start(1), d.end(), f"{d.group(1)} {d.group(2)}")
            return
    fixed, permanent = _FIXED_RX.search(text), _PERMANENT_RX.search(text)
    if permanent and (not fixed or permanent.start() < fixed.start()):
        fields["contract_kind"] = _field(text, *permanent.span(), "unbefristet")
    elif fixed:
        fields["contract_kind"] = _field(text, *fixed.span(), "befristet")
        window_end = min(len(text), fixed.end() + 90)
        best: tuple[int, FieldValue] | None = None
        before = _DURATION_BEFORE_RX.search(text, max(0, fixed.start() - 20), fixed.end())
        if before:
            fields["contract_end"] = _field(text, before.start(1), before.end(2), f"{before.group(1)} {before.group(2)}")
            return
        for kind, rx in _END_RXS:
            m = rx.search(text, fixed.end(), window_end)
            if not m:
                continue
            if kind == "num":
                value = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            elif kind == "named":
                month = month_of(m.group(2))
                value = iso_date(int(m.group(1)), month, int(m.group(3))) if month else None
            elif kind == "month":
                month = month_of(m.group(1))
                value = f"{int(m.group(2)):04d}-{month:02d}" if month else None
            else:
                value = f"{m.group(1)} {m.group(2)}"
            if value and (best is None or m.start() < best[0]):
                start = m.start(1)
                best = (m.start(), _field(text, start, m.end(), value))
        if best:
            fields["contract_end"] = best[1]


def _hourly_rate(text: str, after: int) -> re.Match[str] | None:
    """The first amount after `after` with an hour cue right behind it ("25€/Stunde", "13,50 € pro Stunde")."""
    for m in _AMOUNT_RX.finditer(text, after):
        if _HOUR_CUE_RX.match(text, m.end()) or re.match(r"\s*(?:brutto\s*)?(?:pro Stunde|/\s?(?:Std|Stunde|h)\b|je Stunde)",
                                                          text[m.end():m.end() + 20]):
            return m
    return None


def _pay(text: str, fields: dict[str, FieldValue]) -> None:
    for m in _AMOUNT_RX.finditer(text):
        window = text[max(0, m.start() - 90): m.end() + 40]
        if not _PAY_CUE_RX.search(window) and "working_time_kind" not in fields:
            continue
        if not _PAY_CUE_RX.search(window) and fields["working_time_kind"].value != "Minijob":
            continue
        amount = german_number(m.group(1))
        if amount is None or _BONUS_RX.search(text[max(0, m.start() - 60): m.start()]):
            continue
        # a Minijob's earnings cap ("auf 538 Euro-Basis") is no pay when the text names an hourly rate as well
        # ("25€/Stunde brutto"): the rate is the pay
        if _MINIJOB_RX.match(text, m.start()) and (rate := _hourly_rate(text, m.end())) is not None:
            m, amount, window = rate, german_number(rate.group(1)), text[max(0, rate.start() - 90): rate.end() + 40]
        fields["pay_amount"] = _field(text, *m.span(1), amount)
        period = "HOUR" if _HOUR_CUE_RX.search(window) else "YEAR" if _YEAR_CUE_RX.search(window) else "MONTH"
        fields["pay_period"] = FieldValue(value=period, raw=m.group(0), start=m.start(), end=m.end())
        break
    group = _GROUP_RX.search(text)
    if group:
        agreement = _AGREEMENT_RX.search(text, group.end(), group.end() + 90)
        end = agreement.end() if agreement else group.end()
        gi = 1 if group.group(1) else 2
        value = re.sub(r"\s+", " ", group.group(gi)) + (f" {agreement.group(1)}" if agreement else "")
        fields["pay_tariff"] = _field(text, group.start(gi), end, value)
    else:
        agreement = _AGREEMENT_RX.search(text)
        if agreement:
            fields["pay_tariff"] = _field(text, *agreement.span(1))
    negotiable = _NEGOTIABLE_RX.search(text)
    if negotiable:
        fields["pay_negotiable"] = _field(text, *negotiable.span(), True)


def _application(text: str, fields: dict[str, FieldValue]) -> None:
    deadline = _DEADLINE_RX.search(text)
    if deadline:
        month = deadline.group(2)
        month = int(month.rstrip(".")) if month[0].isdigit() else month_of(month)
        iso = iso_date(int(deadline.group(1)), month, int(deadline.group(3))) if month else None
        if iso:
            fields["application_deadline"] = _field(text, deadline.start(1), deadline.end(3), iso)
    else:
        label = re.search(r"Bewerbungsfrist\s*:?\s*\n?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if label:
            iso = iso_date(int(label.group(1)), int(label.group(2)), int(label.group(3)))
            if iso:
                fields["application_deadline"] = _field(text, label.start(1), label.end(3), iso)
    route = _ROUTE_RX.search(text)
    if route:
        group = 1 if route.group(1) else 2
        value = route.group(group)
        value = "E-Mail" if value.lower() in {"e-mail", "mail"} else value
        fields["application_route"] = _field(text, *route.span(group), value)


def split_offers(text: str) -> list[tuple[int, int]]:
    """Spans of the separate offers in a text: a new offer starts at each title line with "(m/w/d)" that is
    followed by its own employer/place line or body; a single offer gives one span over the whole text."""
    starts: list[int] = []
    seen: set[str] = set()
    for s, e in _lines(text):
        line = text[s:e].strip()
        if line and len(line) <= 120 and _GENDER_RX.search(line) and not line.endswith((".", ",")):
            key = re.sub(r"\W+", " ", line.lower()).strip()
            if re.match(r"(?:eine?n?|eine/n)\b", key) or key in seen:
                continue
            seen.add(key)
            if not starts or s - starts[-1] > 200:
                starts.append(s)
    if len(starts) < 2:
        return [(0, len(text))]
    bounds = [0 if i == 0 else s for i, s in enumerate(starts)] + [len(text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(starts))]


def extract_offer(text: str, source_name: str = "") -> ExtractedOffer:
    """Propose a prefilled offer for `text` (one offer; use `split_offers` first for several)."""
    fields: dict[str, FieldValue] = {}
    title = _title(text)
    if title:
        fields["title"] = title
    _place_and_employer(text, fields)
    _contact(text, fields)
    _start(text, fields)
    _working_time(text, fields)
    _contract(text, fields)
    _pay(text, fields)
    _application(text, fields)
    offer = ExtractedOffer(text=text, source_name=source_name, fields=fields, requirements=extract_requirements(text))
    offer.several_offers = len(split_offers(text)) > 1
    return offer
