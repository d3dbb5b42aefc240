"""Recognise a "how much" question that carries its figures and run the matching calculator.

German and English in full; Turkish, Russian, Ukrainian and Polish for the common words. The
patterns only find the person's figures (income, ages, household size, year); every legal figure
comes from the units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..catalog import StoredUnit
from .einkommen import aufwandsentschaedigung, freibetrag
from .haushalt import haushalt_bedarf
from .law import LawSource
from .minderung import leistungsminderung
from .mehrbedarf import mehrbedarf_alleinerziehend, mehrbedarf_schwangerschaft, mehrbedarf_warmwasser, stufen_for_household
from .model import Calculation
from .regelbedarf import adult_rules, regelbedarf, regelbedarf_couple, regelbedarf_overview, regelbedarf_wechsel
from .schule import schulbedarf, teilhabe
from .vermoegen import vermoegen_freibetrag

Units = LawSource | Sequence[StoredUnit]

_WORD_NUMBERS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18,
}
_TOGETHER = {"zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8}


def _has(text: str, *patterns: str) -> bool:
    return any(re.search(p, text) for p in patterns)


# --- what the question is about -------------------------------------------------------------------
WORK = (r"minijob|mini-job|midijob|\bjob\b|verdien|lohn|gehalt|brutto|netto|arbeite|einkommen|nebenjob|teilzeit|"
        r"\bearn|salary|wage|\bgross\b|\bpay\b|income|mini iş|kazanıyorum|brüt|зарабатыва|зарплат|брутто|заробля|"
        r"zarabiam|pensj|wypłat|راتب|أكسب|اكسب|دخلي|أعمل|اعمل|حقوق|درآمد|کار می|مینی جاب|ميني جوب")
KEEP = (r"behalten|frei|anrechn|abgezogen|abziehen|übrig|bleibt|freibetrag|dazuverdien|zuverdien|\bkeep\b|deducted|"
        r"count|allowance|left|kalır|останется|оставить|залишиться|zostanie|zatrzymać|wie viel|how much")
KIDS = r"ابن|ابنت|بنتي|طفل|أطفال|اطفال|پسر|دختر|فرزند|بچه|сын|дочь|доч[ке]|дочер|\bсин|донь|доньк|oğl|kızım|\bkind|\bkinder|\bsohn|söhne|tochter|töchter|\bbaby|\bchild|\bkids?\b|\bson\b|daughter|çocu|ребён|ребен|дет[иья]|дитин|діт|dzieck|dzieci|syn\b|córk"
NO_KIDS = r"kein(?:e|en)? kind|ohne kind|kinderlos|\bno (?:kids|children|child)\b|without (?:kids|children)|нет детей|немає дітей|bez dzieci|çocuğum yok"
SINGLE_PARENT = r"alleinerziehend|allein erziehend|single (?:parent|mother|father|mom|mum|dad)|raising .* alone|tek ebeveyn|одинок(?:ая|ий) (?:мать|отец)|мати-одиначка|samotn"
PREGNANT = r"schwanger|pregnan|hamile|беремен|вагітн|w ciąży|ciąż|حامل|باردار"
HOT_WATER = r"warmwasser|durchlauferhitzer|boiler|hot water|water heater|sıcak su|горяч(?:ая|ей) вод|гаряч(?:а|ої) вод|ciepła woda|ciepłej wody"
SCHOOL = r"schulbedarf|schulsachen|schulstarter|schulranzen|schulmaterial|schulbeginn|einschulung|school suppl|school things|school start|okul malzeme|школьн|шкільн|wyprawk|przybory szkolne"
CLUBS = r"sportverein|fußballverein|\bverein|musikschule|musikunterricht|teilhabe|sports? club|music lesson|football club|spor kulübü|спортивн|музыкальн|музичн|klub sportowy"
SAVINGS = (r"vermögen|erspart|gespart|sparguthaben|geld auf dem konto|ersparnis|sparbuch|sparen|schonvermögen|rücklage|auf dem konto|savings|\bsaved?\b|assets|"
           r"birikim|tasarruf|сбережен|накоплен|заощадж|oszczędnoś")
RATE = (r"regelsatz|regelsätze|regelbedarf|regelbedarfsstufe|wie viel bürgergeld|wieviel bürgergeld|wie hoch ist (?:das )?bürgergeld|"
        r"standard rate|how much (?:is )?bürgergeld|how much citizen'?s? (?:benefit|income)|"
        r"bekommt ein kind|for a child|kaç para|сколько .*бюргергельд|скільки .*бюргергельд|ile wynosi")
PARTNER = (r"\bpartner|\bmann\b|\bfrau\b|ehemann|ehefrau|ehepaar|\bpaar\b|verheiratet|freund(?:in)?\b|lebensgefährt|"
           r"husband|\bwife\b|couple|married|boyfriend|girlfriend|\beşim|муж|жена|чоловік|дружин|\bmąż|\bżona")
TRAINING = r"schüler|ausbildung|azubi|studium|student|freiwilligendienst|bufdi|\bfsj\b|apprentice|pupil|\bin school|trainee|öğrenci|студент|учени|uczeń|student"
AFTER_GRACE = r"seit (?:über |mehr als )?(?:[2-9]|1\d) jahren|seit (?:über|mehr als) (?:einem|1) jahr|for (?:over |more than )?[2-9] years|more than a year|nach dem ersten jahr|nach der karenzzeit|nach einem jahr|nach ablauf|after the first year|after the grace|after one year|ilk yıldan sonra|после первого года|після першого року|po pierwszym roku"
IN_GRACE = r"im ersten jahr|in der karenzzeit|karenzzeit|am anfang|zu beginn|first year|grace period|at the start|ilk yıl|первый год|перший рік|pierwszy rok"


# "Mein Sohn ist 15", "my daughter is 9": the word before the child's age
CHILD_WORD = (r"sohn|tochter|kind|baby|son|daughter|child|kid|oğl|kız|сын|доч|син|донь|дитин|syn|córk|dzieck")
# Arabic and Persian write the age after the child: "ابني عمره 15 سنة", "پسرم 15 ساله است"
# "wie viel Geld bekommt er": a question for the child's money, with an age
CHILD_MONEY = (r"wie ?viel|how much|what (?:does|do|will) (?:he|she|they) get|ile |сколько|скільки|ne kadar|kaç|چقدر|كم ")
# money that is not the Regelbedarf: Kindergeld, Unterhalt, school, clubs … (answered elsewhere)
BENEFITS_BESIDE = (r"kindergeld|kinderzuschlag|unterhalt|elterngeld|wohngeld|taschengeld|verdien|earn|lohn|minijob|"
                   r"child benefit|alimony|klassenfahrt|ausflug|nachhilfe|erstausstattung|zasiłek rodzinny")
OTHER_MONEY = BENEFITS_BESIDE + r"|miete|rent\b"


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789,")  # Arabic-Indic and Persian digits


def _normalise(question: str) -> str:
    text = question.lower().replace("\u00a0", " ").translate(_DIGITS)
    text = re.sub(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", lambda m: str(_WORD_NUMBERS[m.group(1)]), text)
    return re.sub(r"\s+", " ", text)


# --- the person's figures -------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_EURO = r"(?:€|euro\b|eur\b|евро|євро|avro|\beuros?\b|يورو|یورو)"
_AGE_RUN = r"\d{1,2}(?:\s*(?:,|und|and|&|sowie|ve|и|і|i)\s*\d{1,2})*"
_AGE_UNIT = r"(?:jahre?n?\b|jährig|j\.|years?\b|yrs?\b|-?year-olds?|yaş|лет|год|рок|років|lat\b|سنة|سنوات|سنين|عام|ساله|سال)"


def _number(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2})?", text):
        whole, _, cents = text.partition(",") if re.search(r"\.\d{3}", text) else (text, "", "")
        return Decimal(re.sub(r"[.,]", "", whole) + ("." + cents if cents else ""))
    return Decimal(text.replace(",", "."))


@dataclass(frozen=True)
class _Money:
    value: Decimal
    start: int
    kind: str  # "gross", "net", "euro", "plain"


def _amounts(text: str) -> list[_Money]:
    found: list[_Money] = []
    for m in re.finditer(rf"(?<![\d.,])({_NUM})(?![\d.,]*\d)", text):
        before, after = text[max(0, m.start() - 14):m.start()], text[m.end():m.end() + 16]
        if re.match(rf"\s*{_AGE_UNIT}|\s*-jähr|\s*(?:kinder|kids|children|personen|people|köpfig|monaten?\b|months?\b|\.\s*geburtstag"
                    r"|stunden|std\b|hours?|h\b|%|prozent|percent|qm|m²|quadratmeter|km|tage|days|wochen|weeks|uhr)", after):
            continue
        value = _number(m.group(1))
        if _is_rent(text, m.start(), m.end()):
            found.append(_Money(value, m.start(), "rent"))
            continue
        if re.search(r"netto\s*$|\bnet\s*$", before) or re.match(rf"\s*{_EURO}?\s*(?:netto|net\b)", after):
            kind = "net"
        elif re.search(r"brutto\s*$|gross\s*$|brüt\s*$", before) or re.match(rf"\s*{_EURO}?\s*(?:brutto|gross|brüt)", after):
            kind = "gross"
        elif re.match(rf"\s*-?\s*{_EURO}", after) or re.search(rf"{_EURO}\s*$", before):
            kind = "euro"
        else:
            kind = "plain"
        if kind == "plain" and (2000 <= value <= 2100 or value < 20  # a year, an age, a count
                                or not re.search(PAID_BEFORE, text[max(0, m.start() - 30):m.start()])):
            continue
        found.append(_Money(value, m.start(), kind))
    return found


# rent (with or without heating) the person states: not income; used for the example of what is left
RENT = r"miete|\brent\b|kira|аренд|квартплат|оренд|czynsz|najem|اجاره|إيجار|ايجار"


def _is_rent(text: str, start: int, end: int) -> bool:
    """ "Miete 500", "meine Warmmiete ist 500 Euro", "500 € Miete": the words next to the amount name the rent."""
    before = re.split(r"[,;.!?]|\bund\b|\band\b|\bi\b|\bve\b|\bи\b|\bі\b", text[max(0, start - 30):start])[-1]
    after = text[end:end + 20]
    return bool(re.search(RENT, before) or re.match(rf"\s*{_EURO}?\s*(?:warm|kalt|brutto)?(?:{RENT})", after)
                or re.match(rf"\s*{_EURO}?\s*(?:warm|kalt)\b", after))  # "zahlen 950 € warm"


PAID_BEFORE = (r"verdien\w*|earn\w*|lohn\w*|gehalt\w*|salary|wage|minijob|mini-job|\bjob\b|bekomme|erhalte|\bget\b|paid|"
               r"pays?|paying|zarabiam|kazan\w*|зарабатыва\w*|заробля\w*|von|mit|of|über|for")


def _year(text: str) -> int | None:
    m = re.search(rf"\b(20[1-3]\d)\b(?!\s*{_EURO})", text)
    return int(m.group(1)) if m else None


def _ages(text: str) -> list[int]:
    ages: list[int] = []
    for pattern in (rf"\(({_AGE_RUN})\)", rf"({_AGE_RUN})\s*{_AGE_UNIT}", rf"(?:alter von|im alter|aged|ages?|age of|alt:)\s*({_AGE_RUN})",
                    rf"(\d{{1,2}})\s*-\s*jährig", rf"(?:{CHILD_WORD})\w*\s+(?:ist|is|'s|jest|ma|—|–|-|:)\s*(\d{{1,2}})\b(?!\s*(?:{_EURO}|[.,]\d))"):
        for m in re.finditer(pattern, text):
            ages += [int(n) for n in re.findall(r"\d{1,2}", m.group(1))]
        if ages:
            break
    if not ages and re.search(r"\d{1,2}\s*(?:monate|months?)\b", text):
        ages = [0]  # a baby of some months has not completed a year
    return ages


def _child_count(text: str) -> int | None:
    if m := re.search(rf"(\d+)\s*(?:kinder|kindern|kids|children|söhne|töchter|çocu|дет|діт|dzieci)", text):
        return int(m.group(1))
    if re.search(r"zwillinge|twins|ikiz|близнец|близнюк|bliźni", text):
        return 2
    if re.search(r"\bein(?:em|en|e)? (?:kind|sohn|tochter|baby)|\b(?:a|one) (?:child|kid|son|daughter|baby)\b|\bmy (?:son|daughter|child)\b|mein(?:e|en|em)? (?:sohn|tochter|kind)\b", text):
        return 1
    return None


def _has_minor_child(text: str, ages: list[int], majority: int) -> bool:
    if _has(text, NO_KIDS):
        return False
    if ages:
        return any(a < majority for a in ages)
    if _has(text, r"volljährig|erwachsene[nr]? (?:kind|sohn|tochter)|adult (?:child|son|daughter)"):
        return False
    return _has(text, KIDS, SINGLE_PARENT)


ALONE = r"\ballein|alleinstehend|\balone\b|\bsingle\b|live by myself|yalnız|одна\b|один\b|сама\b|сам\b|sama\b|sam\b"


def _adults(text: str) -> int:
    """Adults in the household: one when the person says they live alone (or raise children alone)."""
    if _has(text, ALONE) and not _has(text, PARTNER):
        return 1
    return 2 if _has(text, PARTNER, r"\bwir\b|\bwe\b|\buns\b|\bour\b|\bunsere?\b") else 1


def _household_size(text: str) -> int | None:
    if m := re.search(r"zu (" + "|".join(_TOGETHER) + r")\b", text):
        return _TOGETHER[m.group(1)]
    if m := re.search(r"(?:zu|wir sind|we are|family of|familie mit|haushalt mit|household of)\s*(\d+)\b(?!\s*kind)", text):
        return int(m.group(1))
    if m := re.search(r"(\d+)\s*(?:personen|-?köpfig|people|persons|members|of us|kişi|человек|осіб|osob)", text):
        return int(m.group(1))
    adults = _adults(text)
    kids = _child_count(text)
    if kids is None and _has(text, KIDS) and not _has(text, NO_KIDS):
        return None  # children mentioned, number unknown
    if adults == 2 and kids is None and not _has(text, PARTNER):
        return None  # "wir" without a number
    return adults + (kids or 0)


# --- the recogniser -----------------------------------------------------------------------------------
# "How long", "since when", "what is": a question about a period or a definition, not an amount
_NOT_AMOUNT = re.compile(r"^\s*(?:wie\s+lange|ab\s+wann|seit\s+wann|bis\s+wann|wann|was\s+ist|was\s+bedeutet|"
                         r"how\s+long|when|what\s+is|what\s+does)\b", re.IGNORECASE)


def calculate(question: str, units: Units) -> Calculation | None:
    """The calculation a "how much" question asks for, or None when it asks for none (or lacks the figures)."""
    if _NOT_AMOUNT.search(question) and not re.search(r"\b(?:wie\s*viel|how\s+much)\b", question, re.IGNORECASE):
        return None
    text = _normalise(question)
    source = LawSource.of(units)
    year = _year(text)
    ages = _ages(text)
    for recogniser in (_transition, _minderung, _volunteer, _income, _household, _single_parent, _pregnancy, _hot_water, _school, _clubs, _savings, _rate):
        result = recogniser(text, source, year, ages)
        if result is not None:
            return result
    return None


def _transition(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    patterns = (r"\bwird (?:bald |jetzt |im \w+ |nächste[ns]? \w+ |demnächst )?(\d{1,2})\b(?!\s*(?:euro|€|kinder))",
                r"(\d{1,2})\.\s*geburtstag", r"\bturn(?:s|ing)? (\d{1,2})\b", r"(\d{1,2})(?:st|nd|rd|th) birthday",
                r"(\d{1,2}) yaşına", r"исполняется (\d{1,2})", r"виповнюється (\d{1,2})", r"kończy (\d{1,2})",
                r"(\d{1,2}) (?:jahre alt )?wird\b")
    for pattern in patterns:
        if (m := re.search(pattern, text)) and _has(text, KIDS, r"geburtstag|birthday|jugendlich|teen"):
            return regelbedarf_wechsel(source, birthday=int(m.group(1)), year=year)
    if _has(text, r"volljährig wird|wird volljährig|becomes? an adult|comes of age") and _has(text, KIDS):
        return regelbedarf_wechsel(source, birthday=adult_rules(source).majority, year=year)
    return None


# a Leistungsminderung (sanction) the person has or fears, asked in euros
SANCTION = (r"maßnahme\w* abgebrochen|abgebrochen\w*[^.?!]{0,20}maßnahme|maßnahme\w* (?:nicht angetreten|geschwänzt)|"
            r"(?:arbeit|stelle|job)\w* abgelehnt|sanktion|leistungsminderung|\bminderung|gemindert|pflichtverletzung|meldeversäumnis|sanction|"
            r"benefit (?:cut|reduction)|yaptırım|санкци|sankcj|عقوب|جریمه")
CUT = (r"gekürzt|kürz|abgezogen|\bcut\b|reduced|kesinti|kesil|урез|уменьш|зменш|скорот|obniż|obcię|تخفيض|خفض|کاهش|کم کرد")
MISSED = (r"meldeversäumnis|termin\w*\b[^.?!]{0,40}\b(?:verpasst|versäumt|vergessen|nicht (?:hingegangen|wahrgenommen|erschienen))|"
          r"(?:verpasst|versäumt|vergessen)\w*\b[^.?!]{0,30}\btermin|missed (?:an |my |the )?appointment|randevu\w* kaçır|"
          r"пропустил\w* (?:встреч|приём|прием|термин)|пропусти\w* (?:зустріч|прийом|термін)|opuści\w* (?:termin|spotkanie)|"
          r"موعد\w*|قرار ملاقات")
# money taken for a loan or an overpayment is an Aufrechnung, not a Minderung
SET_OFF = r"darlehen|aufrechn|rückforder|überzahl|zurück ?zahl|\bloan\b|repay|overpa|kredi|borç|займ|позик|pożycz|قرض|وام"
MINDERUNG_AMOUNT = r"wie ?viel|wie hoch|how much|\bile\b|ne kadar|kaç|сколько|скільки|چقدر|كم |€|euro|евро|євро|يورو|یورو"
# which breach it is: the first, the second, a further one ("zweite Pflichtverletzung", "third time")
BREACH_LEVELS = ((3, r"\bdritte[nmrs]?\b|\bthird\b|jede[rmns]? weitere|üçüncü|трет|третій|trzeci"),
                 (2, r"\bzweite[nmrs]?\b|\bsecond\b|\bwiederholt|ikinci|втор(?:ой|ая|ое|ую)|другий|друге|вдруге|drugi"),
                 (1, r"\berste[nmrs]?\b|\bfirst\b|\bilk\b|перв|перш|pierwsz"))
_PERCENT = r"(\d{1,2})\s*(?:%|prozent|percent|процент|відсот|procent|درصد|بالمئة|في المئة)|(?:%|yüzde)\s*(\d{1,2})"


def _minderung(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    percent = re.search(_PERCENT, text)
    if not (_has(text, SANCTION) or (percent and _has(text, CUT)) or (_has(text, MISSED) and _has(text, CUT))):
        return None
    if _has(text, SET_OFF) or not (percent or _has(text, MINDERUNG_AMOUNT)):
        return None
    situation = "partner" if _has(text, PARTNER) and not _has(text, ALONE) else "single" if _has(text, ALONE) else "unknown"
    stated = Decimal(percent.group(1) or percent.group(2)) if percent else None
    level = next((n for n, words in BREACH_LEVELS if _has(text, words)), None)
    return leistungsminderung(source, situation=situation, percent=stated, level=level, missed_appointment=_has(text, MISSED),
                              year=year)


# the first equipment for a baby, Elterngeld, reporting the pregnancy: another topic than the Mehrbedarf
PREGNANCY_OTHER = (r"erstausstattung|ausstattung|babysachen|babykleidung|kinderwagen|kinderbett|baby equipment|"
                   r"first equipment|pram|stroller|baby clothes|cot\b|elterngeld|mutterschutz|melden|mitteilen|report|"
                   r"wyprawk|wózek|коляск|візок|bebek arabası|عربة|کالسکه")
# rent, heating and utility bills: a "pay" in the question is the Jobcenter paying them, not wages
HOUSING_COSTS = r"heiz|heating|nebenkosten|betriebskosten|nachzahlung für|vermieter|landlord|utility|utilities|kaution|deposit"
STRONG_WORK = (r"minijob|mini-job|midijob|verdien|lohn|gehalt|brutto|netto|arbeite|nebenjob|teilzeit|\bearn|salary|wage|"
               r"\bgross\b|kazanıyorum|зарабатыва|зарплат|заробля|zarabiam|راتب|أكسب|درآمد")


# someone moving in with the asker: whose income counts is a Bedarfsgemeinschaft question (curated answer)
MOVING_IN = (r"(?:bei|zu|mit) (?:mir|uns)\b[^.?!]{0,40}\beinzieh|zieht\b[^.?!]{0,30}\b(?:bei|zu|mit) (?:mir|uns)\b[^.?!]{0,15}\bein\b|zusammenzieh|zusammen ziehen|move[sd]? in\b|"
             r"moving in|taşın|переезжа|переїжджа|wprowadza|نقل للعيش|اسباب‌کشی")
VOLUNTEER = r"übungsleiter|ehrenamt|aufwandsentschädigung|ehrenamtspauschale|trainer im verein|volunteer|coaching allowance|expense allowance|gönüllü|волонт|wolontari"


def _volunteer(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not _has(text, VOLUNTEER):
        return None
    money = [m for m in _amounts(text) if m.kind not in ("plain", "rent") or (m.kind == "plain" and _has(text, r"bekomme|erhalte|get|receive"))]
    if not money:
        return None
    per = "year" if _has(text, r"im jahr|pro jahr|jährlich|per year|a year|yearly") else "month"
    return aufwandsentschaedigung(money[0].value, source, per=per)


# someone else's wage (partner, child): whose income counts for whom is not the asker's own allowance
OTHERS_WAGE = (r"(?:ابن|ابنت|بنت|زوج|پسر|دختر|شوهر|همسر)\w*[^.?!؟]{0,80}(?:يكسب|تكسب|يعمل|تعمل|راتب|درآمد|حقوق|کار می)|"
               r"\b(?:mann|frau|partner(?:in)?|freund(?:in)?|sohn|tochter|kind|er|sie)\b[^.?!]{0,60}"
               r"\b(?:verdient|kriegt \d|bekommt \d|fängt|anfängt|azubigehalt|ausbildungsvergütung)|"
               r"\b(?:sein|ihr)(?:e|en)? (?:lohn|gehalt|einkommen)|"
               r"\b(?:husband|wife|partner|boyfriend|girlfriend|son|daughter|he|she)\b[^.?!]{0,60}\b(?:earns|makes|gets paid|will earn)|"
               r"\b(?:oğlum|kızım|eşim)\b[^.?!]{0,80}(?:kazan|çalış)|"
               r"\b(?:муж|жена|сын|дочь|чоловік|дружина|син|донька)\b[^.?!]{0,60}(?:зарабатыва|заробля)|"
               r"\b(?:mąż|żona|syn|córka)\b[^.?!]{0,60}zarabia")
# income that is not a wage (other rules: § 11b Abs. 1 insurance flat rate, not the Erwerbstätigenfreibetrag)
NOT_A_WAGE = (r"arbeitslosengeld|\balg\b|\balg ?(?:1|i)\b|krankengeld|elterngeld|\brente\b|unterhalt|"
              r"unemployment benefit|sick pay|pension")
# a demand to pay money back: the sum is a debt, not income
REPAYMENT = (r"zurück ?zahlen|zurückzahlen|zurückfordern|rückforderung|erstatten|zurück haben|will \d[\d.,]* ?(?:€|euro) zurück|"
             r"pay (?:it )?back|repay|geri öde|вернуть|повернути|zwrócić")


def _income(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not _has(text, WORK):
        return None
    if _has(text, MOVING_IN, OTHERS_WAGE):
        return None  # "my boyfriend moves in, he earns 2,100 net", "my daughter gets 950 € as a trainee"
    if _has(text, REPAYMENT) or (_has(text, NOT_A_WAGE) and not _has(text, STRONG_WORK)):
        return None  # "ich soll 1.200 € zurückzahlen", "900 € Arbeitslosengeld"
    if _has(text, HOUSING_COSTS) and not _has(text, STRONG_WORK):
        return None  # "my landlord wants 300 euros for heating, will the Jobcenter pay?" is not about wages
    found = _amounts(text)
    rent = next((m.value for m in found if m.kind == "rent"), None)
    money = [m for m in found if m.kind != "rent"]
    if not money:
        return None
    gross = next((m for m in money if m.kind == "gross"), None) or next((m for m in money if m.kind == "euro"), None) \
        or next((m for m in money if m.kind == "plain"), None) or next((m for m in money if m.kind == "net"), None)
    net = next((m for m in money if m.kind == "net" and m is not gross), None)
    if gross is None:
        return None
    minor = _has_minor_child(text, ages, adult_rules(source).majority)
    own_age = [a for a in ages if a >= 15]
    training = _has(text, TRAINING) and not _has(text, KIDS) and (not own_age or min(own_age) < 25)
    minijob = _has(text, r"minijob|mini-job|mini job|mini iş|мини-джоб|міні-джоб|مینی جاب|ميني جوب|ميني جob")
    partner = _has(text, PARTNER) and not _has(text, ALONE)
    common = {"under_25_in_training": training, "lives_with_partner": partner, "year": year, "rent": rent}
    if net is not None:
        return freibetrag(gross.value, minor, source, net=net.value, **common)
    if gross.kind == "net":
        return freibetrag(gross.value, minor, source, only_net_known=True, **common)
    if minijob:
        return freibetrag(gross.value, minor, source, net=gross.value, net_assumed=True, **common)
    return freibetrag(gross.value, minor, source, **common)


# "how much do we get in total": the whole household's need, not one of its parts
HOUSEHOLD_TOTAL = (r"insgesamt|zusammen|gesamt|in total|altogether|\btotal\b|bekommen wir|kriegen wir|stehen uns|"
                   r"mit wie ?viel|rechnen|ungefähr|roughly|"
                   r"do we get|will we get|wie viel bürgergeld|wieviel bürgergeld|how much (?:bürgergeld|money)|"
                   r"toplam|всего|всього|усього|razem|łącznie|در مجموع|مجموع|المجموع")
# a question for one part of the need, answered by its own calculator
HOUSEHOLD_PART = r"mehrbedarf|zuschlag|additional need|extra need|ek ihtiyaç|надбавк|dodatk"


def _household(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not ages or not _has(text, KIDS, SINGLE_PARENT) or not _has(text, HOUSEHOLD_TOTAL):
        return None
    # rent may be named: stated, it is added; Kindergeld may be named when Bürgergeld is what is asked for
    asks_buergergeld = _has(text, r"(?:wie ?viel|how much)\s+(?:\w+\s+)?(?:bürgergeld|geld vom jobcenter)")
    if _has(text, HOUSEHOLD_PART, SAVINGS, SCHOOL, HOT_WATER, CLUBS, PREGNANT, MOVING_IN) or (
            _has(text, BENEFITS_BESIDE) and not asks_buergergeld):
        return None
    count = _child_count(text)
    if count is not None and count > len(ages):
        return None  # some ages are missing; each child's amount depends on its age
    single = _has(text, SINGLE_PARENT) or (_has(text, ALONE) and not _has(text, PARTNER))
    adults = 1 if single else 2 if _has(text, PARTNER) else None
    if adults is None:
        return None  # one parent or two decides the sum
    children = [a for a in ages if a < adult_rules(source).child_limit]
    rent = next((m.value for m in _amounts(text) if m.kind == "rent"), None)
    excluded = _has(text, r"ohne miete|excluding rent|without rent|exkl")
    return haushalt_bedarf(adults, children, source, year=year, rent=None if excluded else rent)


def _single_parent(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not _has(text, SINGLE_PARENT) or _has(text, SAVINGS, SCHOOL, HOT_WATER):
        return None
    count = _child_count(text)
    if not ages:
        return None
    if count is not None and count > len(ages):
        return None  # some ages are missing; the rule depends on every child's age
    return mehrbedarf_alleinerziehend(ages, source, year=year)


def _pregnancy(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not _has(text, PREGNANT) or _has(text, PREGNANCY_OTHER):
        return None
    situation = "partner" if _has(text, PARTNER) else "single" if _has(text, ALONE) else "unknown"
    own = [a for a in ages if a < adult_rules(source).majority]
    return mehrbedarf_schwangerschaft(source, situation=situation, age=own[0] if own else None, year=year)


def _hot_water(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not _has(text, HOT_WATER) or _has(text, r"verbrauch|consum|kwh|kilowatt|\bstrom\b|electricity"):
        return None  # a question about the heater's power use, not the Mehrbedarf
    adults = _adults(text)
    count = _child_count(text) or 0
    if _has(text, KIDS) and not _has(text, NO_KIDS) and len(ages) < max(count, 1):
        return None  # the rate depends on each child's age
    return mehrbedarf_warmwasser(stufen_for_household(adults, ages if _has(text, KIDS) else [], source), source, year=year)


def _school(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not _has(text, SCHOOL):
        return None
    return schulbedarf(source, year=year, children=_child_count(text) or max(len(ages), 1))


def _clubs(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not (_has(text, CLUBS) and _has(text, r"wie viel|wieviel|how much|betrag|zuschuss|geld|kaç|сколько|скільки|ile")):
        return None
    return teilhabe(source, children=_child_count(text) or max(len(ages), 1))


# a savings question asks for the limit ("wie viel darf ich haben") or states the savings; "what counts as savings",
# "what goes in the form", "can I get a loan" are answered elsewhere
SAVINGS_AMOUNT = (r"wie ?viel|wie hoch|how much|how high|ile |ne kadar|kaç|сколько|скільки|چقدر|كم |freibetrag|"
                  r"grenze|limit|höchst|maximal|dürfen|darf|allowed|may (?:i|we) (?:have|keep)|can (?:i|we) (?:have|keep)")


def _savings(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if not _has(text, SAVINGS):
        return None
    stated_any = any(m.kind in ("euro", "gross", "net") for m in _amounts(text))
    if not (stated_any or _has(text, SAVINGS_AMOUNT)) or _has(text, r"formular|form\b|eintragen|darlehen|\bloan\b"):
        return None
    persons = _household_size(text)
    if persons is None:
        return None
    karenz: bool | None = None
    if _has(text, AFTER_GRACE):
        karenz = False
    elif _has(text, IN_GRACE):
        karenz = True
    stated = [m.value for m in _amounts(text) if m.kind not in ("plain", "rent")]
    return vermoegen_freibetrag(persons, source, karenzzeit=karenz, savings=stated[0] if stated else None)


# something to be paid out of the rate (heating oil, a fridge): the question is who pays, not the rate's amount
PAID_FROM_RATE = (r"(?:von|aus|vom) (?:meinem |dem |unserem )?(?:regelsatz|regelbedarf)\w* (?:\w+ )?(?:ansparen|bezahlen|zahlen|kaufen)|"
                  r"(?:ansparen|bezahlen|zahlen|kaufen) (?:\w+ )?(?:von|aus|vom) (?:meinem |dem |unserem )?(?:regelsatz|regelbedarf)|"
                  r"(?:im|in dem) regelsatz (?:enthalten|drin)|(?:pay|save up) (?:for )?(?:it |this )?(?:from|out of) (?:my |the )?standard rate")
# an adult child (18 to 24) in the parents' home gets Regelbedarfsstufe 3
PARENTS_HOME = (r"bei (?:meinen|meiner|meinem|den|unseren) (?:eltern|mutter|mama|vater|papa)|(?:zu ?hause|daheim) (?:bei|wohne)|noch zu ?hause|"
                r"with my (?:parents|mother|mom|mum|father|dad)|at my parents|ailemle|annemle|babamla|с родителями|у родителей|"
                r"з батьками|у батьків|z rodzicami|u rodziców|مع والدي|مع أهلي|با پدر و مادرم|با خانواده‌ام")


def _rate(text: str, source: LawSource, year: int | None, ages: list[int]) -> Calculation | None:
    if _has(text, r"darlehen|\bloan\b|mindestlohn|minimum wage|płac[aey] minimaln|asgari ücret|минимальн\w* (?:зарплат|оплат)|мінімальн\w* зарплат"):
        return None
    if _has(text, PAID_FROM_RATE):
        return None  # "muss ich das Heizöl von meinem Regelsatz ansparen?" asks who pays, not how much the rate is
    if m := re.search(r"regelbedarfsstufe (\d)|stufe (\d)", text):
        return regelbedarf(source, stufe=int(m.group(1) or m.group(2)), year=year)
    child_money = bool(ages) and _has(text, KIDS) and _has(text, CHILD_MONEY) and not _has(text, OTHER_MONEY)
    if not (_has(text, RATE) or child_money):
        return None
    if not ages and (m := re.search(r"\b(?:mit|with|at|von|of|aged?)\s+(\d{1,2})\b(?!\s*(?:euro|€|kinder|personen|people))", text)):
        ages = [int(m.group(1))]
    rules = adult_rules(source)
    if ages and rules.majority <= ages[0] < rules.child_limit and _has(text, PARENTS_HOME):
        return regelbedarf(source, age=ages[0], year=year, situation="adult_child")  # "ich (23) wohne bei meinen Eltern"
    if ages and (_has(text, KIDS, r"jugendlich|teen|youth|young") or ages[0] < rules.majority):
        at_home = _has(text, KIDS) and ages[0] < rules.child_limit
        return regelbedarf(source, age=ages[0], year=year, situation="adult_child" if at_home else "single")
    if _has(text, PARTNER, r"zu zweit|\bwir\b.*\bbeide"):
        return regelbedarf_couple(source, year=year)
    if _has(text, r"alleinstehend|allein\b|alone|single|\bich\b|\bi\b|yalnız|одн|sam\b|sama\b"):
        return regelbedarf(source, stufe=adult_rules(source).single, year=year)
    return regelbedarf_overview(source, year=year)
