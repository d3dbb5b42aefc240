"""Requirements of a German job offer: qualifications, licences, languages (with CEFR level), experience.

Two passes, every item a span of the source:
1. The requirements section (after "Ihr Profil", "Voraussetzung …", "Das bringen Sie mit" …) is cut into items:
   bullets and lines (a wrapped line of a PDF is joined to its item), numbered points, sentences.
2. Inside each item a lexicon of requirement kinds (school leaving certificates, completed vocational training
   "als …", health fitness, minimum age, experience, knowledge "in/mit …", licences, languages) finds short
   spans; an item with such spans is replaced by them, an item without is kept (trimmed of "von Vorteil",
   "Du hast …"). Licences and languages are also found outside the section.
Values are the span's text, languages normalised to "<Sprache>kenntnisse (<Niveau>)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.offers.model import FieldValue

LANGUAGES = ("Deutsch", "Englisch", "Französisch", "Spanisch", "Italienisch", "Niederländisch", "Polnisch", "Russisch",
             "Türkisch", "Arabisch", "Ukrainisch", "Rumänisch", "Bulgarisch", "Kroatisch", "Serbisch", "Griechisch",
             "Portugiesisch", "Persisch", "Farsi", "Dari", "Kurdisch", "Chinesisch", "Vietnamesisch", "Dänisch")
_LANG = "|".join(LANGUAGES)
_CEFR = r"[ABC][12](?:\.[12])?"

HEAD_RX = re.compile(
    r"(?:\b(?:Ihr|Dein|Euer) Profil\b|(?:^|(?<=\n))[ \t•*#-]*(?:(?:Ihre|Deine|Eure|Diese|Unsere|Die)\s+)?(?:Profil|Anforderungsprofil|"
    r"Vor?raussetzung(?:en)?(?: für (?:den Zugang zur Ausbildung|die Einstellung|die Bewerbung) (?:ist|sind))?|"
    r"Was solltest du (?:hierfür |dafür |für deine Ausbildung )?mitbringen\??|Was sollten Sie (?:hierfür |dafür )?mitbringen\??|"
    r"Was wir uns (?:von dir |von Ihnen )?wünschen|Wir wünschen uns(?: von (?:dir|Ihnen))?|Kenntnisse(?=\s*:\s*\n)|"
    r"Anforderungen|Das bringen Sie mit|Das bringst du mit|Was Sie mitbringen|Was du mitbringst|Was Sie auszeichnet|"
    r"Was dich auszeichnet|Wir erwarten|Was wir erwarten|Das erwarten wir|Sie verfügen über|Sie bringen mit|Du bringst mit|"
    r"Qualifikationen?|Mindestalter)\b|(?:^|(?<=\n))(?:Sie|Du)\s*(?:\.\.\.|…)(?=[ \t]*\n)|"
    r"(?P<list>\bmit den folgenden (?:Berufsabschlüssen|Abschlüssen|Qualifikationen) bewerben\b))\s*:?", re.IGNORECASE)
END_RX = re.compile(
    r"\n\s*\n[#*\s]*(?:Wir bieten|Benefits|Unser Angebot|Ihre Aufgaben|Aufgaben|Sie erwartet|Was wir bieten|Bewerbung|"
    r"Kontakt|Was (?:werden|sind) (?:deine|Ihre) Aufgaben|Deine Aufgaben|Was bieten wir)|\b(?:Benefits|Wir bieten|Unser Angebot|Sie erwartet|Was wir bieten)\b|"
    r"\n\s*(?:Erwünschte|Wünschenswerte)\s+(?:zusätzliche\s+)?(?:Qualifikationen|Kenntnisse)\s*:?\s*(?=\n)|"
    r"\n\s*(?:Gehalt|Urlaub|Arbeitszeit|Vergütung|Einstellung zum|Arbeitsort)\s*:\s*(?=\n)|"
    r"(?:^|\n)\s*(?:Auf (?:Ihre|deine|eure) [^\n]{0,30}Bewerbung|Wir freuen uns auf|Haben wir (?:Ihr|dein) Interesse|Interessiert\?|"
    r"Dann freut sich|Wir bieten (?:Ihnen|dir)|Darauf (?:kannst|können) (?:du|Du|Sie)|"
    r"Interesse geweckt|Bewerben Sie sich|Bewirb dich)", re.IGNORECASE)
_NEW_ITEM = re.compile(r"[•·▪►✓✔*\-–]|\.\.\.|…|\d{1,2}[.)]\s|[a-z]\)\s")  # a line starting like this opens an item
_KEYWORD = r"(?:Erfahrung|Kenntnisse|Gute|Sehr gute|Abgeschlossene|Führerschein|Fahrerlaubnis|Bereitschaft|Freude|" \
           r"Teamfähigkeit|Zuverlässigkeit|Berufserfahrung)\b"
# Items inside one line: bullets, semicolons, sentences (not after "bzw." and the like), and in lists flattened
# to one line (web pages) before a capitalised requirement word.
_SPLIT_RX = re.compile(r"\s*(?:•|·|▪|;|(?<=[a-zäöüß)])(?<!bzw)(?<!u\.a)(?<![\s(]z)(?<!usw)(?<!ggf)(?<!evtl)(?<!inkl)(?<!ca)\.\s+(?=[A-ZÄÖÜ])|"
                       r",\s+(?=(?:eine?|die|der|das)?\s*(?:Erfahrung|Kenntnisse|Führerschein|Bereitschaft|Berufserfahrung)\b)|"
                       r"(?<=[a-zäöüß.)])\s+(?=" + _KEYWORD + r"))\s*")
# …but not inside a phrase: "zwei Jahre Berufserfahrung", "Teamfähigkeit und Zuverlässigkeit"
_NO_SPLIT_AFTER = re.compile(r"(?:\b(?:Jahre|Jahren|Jahr|mehrjährige|langjährige|erste|praktische|einschlägige|fundierte|"
                             r"gute|sehr|und|oder|sowie|mit|in|im|der|die|das|eine?|bzw\.|z\.\s?B\.)|(?-i:\b[a-zäöüß]{3,}e[nrsm]?))$",
                             re.IGNORECASE)  # nor after a lower-case adjective ("eine gültige | Fahrerlaubnis")
# a concept's body: no comma, semicolon or bracket, except a bracket of examples "(z.B. MySQL)"
_BODY = r"(?:[^,;()\n]|\((?:z\.\s?B\.?|bspw\.|etwa|vorzugsweise|u\.\s?a\.)[^()\n]{0,80}\))"
_STOP = (r"(?=\s+(?:von Vorteil|wünschenswert|erforderlich|vorausgesetzt|erwünscht|sind|ist|wäre|setzen wir)\b|"
         r"[,;)\n]|\((?!z\.\s?B|bspw\.|etwa|vorzugsweise|u\.\s?a\.)|\.(?:\s|$)|$)")

LICENCE_RX = re.compile(
    r"(?:Führerschein|Fahrerlaubnis)(?:klassen?|\s+(?:der\s+)?Klassen?)?\s+(?:B|BE|C1|C1E|C|CE|D1|D|DE|L|T)"
    r"(?:\s*(?:/|,|und|oder)\s*(?:B|BE|C1|C1E|C|CE|D1|D|DE|L|T))*\b"
    r"|\b(?:Klasse[- ](?:B|BE|C|CE|C1|C1E|D)[- ]Führerschein|(?:PKW|Pkw|LKW|Lkw)-Führerschein|(?:gültige[rn]?\s+)?Führerschein|"
    r"gültige[rn]?\s+Fahrerlaubnis)\b"
    r"|Staplerschein|Gabelstaplerschein|Flurförderzeugschein|Fahrerkarte|Modul(?:e)? 95|Personenbeförderungsschein|"
    r"Berufskraftfahrerqualifikation")
LANGUAGE_RX = re.compile(
    r"(?:(?:sehr\s+)?gute\s+|fließende\s+|verhandlungssichere\s+|sichere\s+|ausreichende\s+)?(?:(?:schriftliche|mündliche)\s+)?"
    r"(" + _LANG + r")(?:-\s+(?:und|oder|sowie)\s+(" + _LANG + r"))?kenntnisse"
    r"(?:\s*(?:\(\s*)?(?:(?:in Wort und Schrift|mündlich und schriftlich)\s*)?(?:,\s*)?(?:mind(?:estens|\.)?\s*|auf\s+(?:dem\s+)?|"
    r"im\s+)?(?:Sprach)?(?:Niveau\s*|Level\s*|Stufe\s*)?(" + _CEFR + r")(?:-Niveau)?(?:\s*GER)?\)?)?"
    r"|\b(" + _LANG + r")\s+(?:\(|auf\s+(?:dem\s+)?|mindestens\s+|mind\.\s*)?(?:Sprach)?(?:Niveau\s*)?(" + _CEFR +
    r")(?:-Niveau)?\)?"
    r"|\b(?:fließend|verhandlungssicher)(?:es)?\s+(" + _LANG + r")\b"
    r"|\b(" + _LANG + r")\s+(?:[^\W\d_]+\s+){1,6}\((" + _CEFR + r")\)")
_CONCEPT_RXS: list[re.Pattern[str]] = [
    re.compile(r"\bMindestalter\s*:?\s*(?:von\s+)?\d{2}\s*Jahre\b", re.IGNORECASE),
    re.compile(r"gesundheitliche Eignung(?: (?:zur|für die|für den) [^,.;()\n]{3,40}?" + _STOP + ")?"),
    re.compile(r"\b(?:mittlere[rn]? Schulabschlu(?:ss|ß)|(?:erweiterte[rn]? )?Realschulabschlu(?:ss|ß)|"
               r"(?:qualifizierende[rn]? |erweiterte[rn]? )?Hauptschulabschlu(?:ss|ß)|Mittlere Reife|Abitur|Fachabitur|"
               r"(?:allgemeine |fachgebundene )?(?:Fach)?[Hh]ochschulreife|Berufsreife)\b"),
    re.compile(r"(?:(?i:erfolgreich)\s+)?(?i:abgeschlossene[n]?)\s+(?:[\w-]+\s+)?(?:Berufs)?[Aa]usbildung\s+(?:als|zum|zur|im Bereich|im|in der)"
               r"\s+[^,;()\n]{3,120}?" + _STOP),
    re.compile(r"(?:(?i:mindestens|mind\.|mehrjährige|langjährige|erste|praktische|einschlägige|fundierte|nachweisbare|umfassende|"
               r"umfangreiche|mehr als)\s+)*"
               r"(?:(?:\d{1,2}|ein|zwei|drei|vier|fünf)\s+(?:Jahre?n?\s+)?)?(?<![a-zäöüß])(?:Berufs|Arbeits|Praxis)?[Ee]rfahrung(?:en)?"
               r"(?:\s+(?:in|im|mit|bei|als|aus)\s+" + _BODY + r"{3,90}?" + _STOP + ")?"),
    re.compile(r"(?i:(?:sehr\s+)?gute\s+|fundierte\s+|erste\s+|sichere\s+|fließende\s+|umfangreiche\s+|praktische\s+|"
               r"grundlegende\s+|solide\s+|vertiefte\s+)*\bKenntnisse\s+"
               r"(?:in|im|mit|der|des|von|über)\s+" + _BODY + r"{3,90}?" + _STOP),
    re.compile(r"(?:(?:[Ee]rfolgreich\s+)?[Aa]bgeschlossene[sn]?\s+)?(?:(?i:einschlägige[sn]?|fachlich relevante[nm]?|technische[sn]?|"
               r"kaufmännische[sn]?|passende[nm]?)\s+)?(?:Hochschul|Fachhochschul|Bachelor|Master)?[Ss]tudium"
               r"(?:\s+(?:der|des|im Bereich|in|oder)\s+[^,;()\n]{3,80}?" + _STOP + ")?"),
    re.compile(r"(?:abgeschlossene\s+)?(?:\w+e\s+)?(?:kaufmännische|technische|handwerkliche|pädagogische|pflegerische)"
               r"\s+Ausbildung\b"),
    re.compile(r"\beigene[nr]?\s+(?:Pkw|PKW|Fahrzeug|Auto)\b"),
    # "sicherer Umgang mit Linux und der Kommandozeile", "Routinierter Umgang mit Internet und MS Office Anwendungen"
    re.compile(r"(?:[Ss]icherer|[Rr]outinierter|[Vv]ersierter|[Vv]ertrauter|[Ss]ouveräner|[Gg]eübter)\s+Umgang\s+mit\s+"
               + _BODY + r"{3,90}?" + _STOP),
    re.compile(r"(?:(?:sehr\s+)?gute\s+|fundierte\s+)?(?:[A-Z][\w]*-|[A-Z]{2,}\s)?[\w-]*Office-Kenntnisse|"
               r"(?:(?:sehr\s+)?gute\s+)?[A-Z][\w]*-(?:Grund)?[Kk]enntnisse\b"),
    # a language named without "-kenntnisse": "Sehr gutes Deutsch in Wort und Schrift", "Sicheres Deutsch"
    re.compile(r"(?:(?:[Ss]ehr\s+)?[Gg]utes|[Ss]icheres|[Ff]ließendes|[Vv]erhandlungssicheres)\s+(?:" + _LANG + r")\b"
               r"(?:\s+in Wort und Schrift)?"),
    re.compile(r"(?:(?:sehr\s+)?gute\s+|erste\s+)?Vorkenntnisse\s+(?:in|im|mit)\s+[^,;()\n]{3,90}?" + _STOP),
    re.compile(r"\bImmatrikulation\s+[^,;()\n]{3,90}?" + _STOP),
    re.compile(r"\bNachweis\s+(?:nach dem|über)\s+[^,;()\n]{3,60}?" + _STOP),
    LICENCE_RX,
]
# an item without a concept of the lexicon is kept only when it names a hard qualification (soft skills like
# "Teamfähigkeit" are not labelled as requirements)
_HARD_CUE_RX = re.compile(r"Studium|Ausbildung|Abschlu(?:ss|ß)|Qualifikation|Immatrikulation|Nachweis|Zeugnis|examiniert|"
                          r"Pkw|PKW|Abitur|Kenntnisse|Erfahrung|Führerschein|Fahrerlaubnis|Zertifikat|Approbation|"
                          r"Meister|Techniker|anerkannt|Schein\b|Sprachniveau", re.IGNORECASE)
_FILLER_RX = re.compile(r"(?:\d{1,2}[.)]\s*|[a-z]\)\s*)?(?:(?:Du|Sie) (?:hast|haben|bist|sind|verfügst|verfügen|bringst|bringen)"
                        r"(?: über)?(?: bereits| schon| idealerweise)?\s+|(?:die|der|das|eine?)\s+(?=[a-zäöü]))?")
_TRAIL_RX = re.compile(r"(?:\s+(?:ist|sind|wären?)?\s*(?:von Vorteil|wünschenswert|erforderlich|vorausgesetzt|erwünscht|"
                       r"ein Plus|setzen wir voraus|zwingend erforderlich)|\s*\((?:von Vorteil|wünschenswert|erwünscht)\)|\s+(?:mit|auf|ein)(?=[\s,.;:!-]*$))?[\s,.;:!-]*$")
_NOT_AN_ITEM = re.compile(r"€|\bEuro\b|Vergütung|Entgelt|Gehalt|\bTarif|Bewerbung|bewerben|freuen uns|Interesse geweckt|"
                          r"\?$|^(?:sowie|und|oder|bzw\.?)$", re.IGNORECASE)
_MAX_ITEM = 220


def _joined_lines(text: str, begin: int, stop: int) -> Iterator[tuple[int, int]]:
    """Spans of the logical lines of text[begin:stop]: a line wrapped by the PDF (the next one goes on in lower
    case, or the line is long and open-ended) is joined to the next."""
    spans: list[list[int]] = []
    pos = begin
    for raw in text[begin:stop].split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = raw.strip()
        if not line:
            continue
        if spans:
            prev = text[spans[-1][0]:spans[-1][1]].rstrip()
            continues = (line[0].islower() or (len(prev) >= 70 and not prev.endswith((".", ":", ";", "!", "?"))))
            if continues and not _NEW_ITEM.match(line):
                spans[-1][1] = end
                continue
        spans.append([start, end])
    for start, end in spans:
        yield start, end


def _lines_of(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _SPLIT_RX.finditer(text, start, end):
        if not m.group(0).strip() and _NO_SPLIT_AFTER.search(text, pos, m.start()):
            continue
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def _list_items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A list of qualifications ("Erzieherinnen und Erzieher, Heilpädagoginnen … (Fachschule) mit …"): the names."""
    pos = start
    for m in re.finditer(r",\s+|\s+(?:sowie|oder)\s+(?=[A-ZÄÖÜ])|$", text[start:end]):
        s, e = pos, start + m.start()
        cut = re.search(r"\s*\(|\s+mit\s", text[s:e])
        yield s, s + cut.start() if cut else e
        pos = start + m.end()
        if m.end() == end - start:
            break


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(" \t•·▪►✓✔*-–#„“\"")) if piece else 0
    start += lead
    filler = _FILLER_RX.match(text, start, end)
    if filler and filler.end() > start and len(text[filler.end():end].split()) >= 2:
        start = filler.end()
    trail = _TRAIL_RX.search(text, start, end)
    if trail:
        end = trail.start()
    return start, end


def _concepts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for rx in _CONCEPT_RXS:
        for m in rx.finditer(text, start, end):
            s, e = m.span()
            if e - s < 4 or any(s < fe and fs < e for fs, fe in found):
                continue
            found.append((s, e))
    return sorted(found)


def _language_value(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """(start, end, value) for each language a match names: "Deutschkenntnisse (B2)"."""
    if m.group(1):
        level = f" ({m.group(3).upper()})" if m.group(3) else ""
        end = m.end()
        wort = re.match(r"\s*(?:\(\s*(?:in\s+)?Wort und Schrift\s*\)|in Wort und Schrift)", m.string[end:end + 30])
        if wort:
            end += wort.end()
        out = [(m.start(), end, f"{m.group(1)}kenntnisse{level}")]
        if m.group(2):
            out.append((m.start(2), m.end(), f"{m.group(2)}kenntnisse{level}"))
        return out
    if m.group(4):
        return [(m.start(4), m.end(), f"{m.group(4)}kenntnisse ({m.group(5).upper()})")]
    if m.group(6):
        return [(m.start(), m.end(), f"{m.group(6)}kenntnisse (fließend)")]
    return [(m.start(), m.end(), f"{m.group(7)}kenntnisse ({m.group(8).upper()})")]


_BARE_EXPERIENCE_RX = re.compile(r"(?:Berufs|Arbeits|Praxis)?[Ee]rfahrung(?:en)?")
# what goes on after a concept cut at a comma or bracket: the rest of one list ("Kenntnisse in HTML, PHP, mySQL und
# JavaScript", "Kenntnisse von E-Mail-Technologien (u.a. SMTP, IMAP), HTTPS") or an alternative ("… oder …")
_GOES_ON_RX = re.compile(r"\s*(?:,|\(|/|\s(?:oder|sowie|bzw\.)\s)")


def _without_bare_experience(text: str, concepts: list[tuple[int, int]], s: int, e: int) -> list[tuple[int, int]]:
    """A bare "Erfahrung" inside a longer item ("Scanner-Erfahrung oder …", "(Berufserfahrung ist keine
    Voraussetzung)") names no requirement of its own."""
    kept = []
    for cs, ce in concepts:
        if _BARE_EXPERIENCE_RX.fullmatch(text, cs, ce) and (e - s) > (ce - cs) + 12:
            continue
        kept.append((cs, ce))
    return kept


def _whole_item(text: str, concepts: list[tuple[int, int]], s: int, e: int) -> bool:
    """An item of one line that is one requirement: its concept (or concepts joined as alternatives) is cut short
    by a list or an alternative that goes on to the item's end ("Erfahrungen mit E-Mail, HTTP, DAV, …",
    "Technisches Studium oder technische Ausbildung/ Arbeitserfahrung")."""
    if not concepts or e - s > 140 or "\n" in text[s:e] or re.search(r"(?<![A-Za-z]\.[a-z])(?<!z\.B)(?<!z\. B)[.!?]\s+[A-ZÄÖÜ]", text[s:e]):
        return False
    first_s, last_e = concepts[0][0], concepts[-1][1]
    if first_s - s > 30 or last_e >= e - 1:
        return False
    if len(concepts) > 1:
        between = [text[concepts[i][1]:concepts[i + 1][0]] for i in range(len(concepts) - 1)]
        if not all(re.fullmatch(r"\s*(?:oder|/|bzw\.)\s*(?:eine?\s+)?(?:\w+e\s+)?", b) for b in between):
            return False
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:s].strip(" \t•·▪►✓✔*-–") or text[e:line_end].strip(" \t.,;:!"):
        return False  # a piece of a longer line or sentence
    goes_on = _GOES_ON_RX.match(text, last_e)
    if not goes_on:
        return False
    # the rest names more of the same: capitalised words, acronyms and brackets of examples, no clause
    rest = re.sub(r"\((?:u\.\s?a\.|z\.\s?B\.|bspw\.|etwa)?", " ", text[last_e:e])
    words = re.findall(r"[^\W\d_][\w\-.+#/]*", rest)
    return bool(words) and all(any(c.isupper() for c in w) or w in _LIST_GLUE for w in words)


_LIST_GLUE = {"und", "oder", "sowie", "bzw.", "bzw", "u.a.", "a.", "u", "z.B.", "z", "B", "mit", "im", "in", "der", "die", "das",
              "eine", "ein", "technische", "kaufmännische", "handwerkliche", "ähnliche", "vergleichbare"}


def extract_requirements(text: str) -> list[FieldValue]:
    items: list[FieldValue] = []
    spans: list[tuple[int, int]] = []
    values: set[str] = set()

    def add(start: int, end: int, value: str | None = None, language: bool = False) -> None:
        raw = text[start:end]
        key = (value or raw).lower()
        if len(raw.strip()) < 6 or key in values:
            return
        if not language and any(start < e and s < end for s, e in spans):
            return
        if not language:
            spans.append((start, end))
        values.add(key)
        items.append(FieldValue(value=value or raw, raw=raw, start=start, end=end))

    languages = [v for m in LANGUAGE_RX.finditer(text) for v in _language_value(m)]
    head = HEAD_RX.search(text)
    if head:
        begin = head.start() if head.group(0).lower().startswith("mindestalter") else head.end()
        stop_match = END_RX.search(text, begin, begin + 2000)
        stop = stop_match.start() if stop_match else min(len(text), begin + 1200)
        in_list = bool(head.group("list"))
        for line_start, line_end in _joined_lines(text, begin, stop):
            for s, e in (_list_items(text, line_start, line_end) if in_list else _pieces(text, line_start, line_end)):
                s, e = _trim(text, s, e)
                if e - s < 4 or _NOT_AN_ITEM.search(text[s:e]):
                    continue
                inner = [lang for lang in languages if s <= lang[0] < e]
                concepts = [c for c in _concepts(text, s, e) if not any(c[0] <= lang[0] < c[1] for lang in inner)]
                if concepts and not inner:
                    concepts = _without_bare_experience(text, concepts, s, e)
                whole = not inner and _whole_item(text, concepts, s, e)
                if whole:
                    add(s, e)
                elif inner or concepts:
                    for cs, ce in concepts:
                        add(*_trim(text, cs, ce))
                    for ls, le, value in inner:
                        add(ls, le, value, language=True)
                elif in_list or _HARD_CUE_RX.search(text, s, e):
                    add(s, min(e, s + _MAX_ITEM))
    else:  # no heading: the bulleted lines that name a qualification of the lexicon
        for line_start, line_end in _lines_of(text):
            if not re.match(r"[ \t]*[-•·▪*–]\s", text[line_start:line_end]):
                continue
            for cs, ce in _concepts(text, line_start, line_end):
                add(*_trim(text, cs, ce))
    for m in LICENCE_RX.finditer(text):
        add(*m.span())
    for s, e, value in languages:
        add(s, e, value, language=True)
    return sorted(items, key=lambda item: item.start)
