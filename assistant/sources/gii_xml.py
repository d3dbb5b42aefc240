"""Federal law in the XML format of gesetze-im-internet.de (GII): one unit per Absatz.

The format (`<dokumente><norm>…`): the first `<norm>` carries the law's metadata
(`jurabk`/`amtabk`, `langue`, `standangabe`); then come the Inhaltsübersicht,
Gliederung norms (`metadaten/gliederungseinheit`: "Kapitel 3", "Abschnitt 2"), and
one norm per section (`enbez` "§ 22", "Anlage", `titel`, text under
`textdaten/text/Content`, footnotes under `textdaten/fussnoten`).

Users download a law as `https://www.gesetze-im-internet.de/<slug>/xml.zip`, so
`read_gii_bytes` accepts such a zip as well as the bare XML, extracting the XML
member in memory with zip-bomb checks.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..config import Settings
from ..errors import InvalidDocumentError
from ..model import Document, DocKind, Unit, UnitRole, Visibility
from .limits import check_zip, read_limited, read_zip_member
from .text import de_date, iso_date, join_all, latest_date, split_sentences, squash

GII_BASE_URL = "https://www.gesetze-im-internet.de"
MAX_UNIT_CHARS = 4000  # longer Absätze are split at sentence boundaries into parts with the same label
_INDENT = "   "

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

_ABSATZ_RE = re.compile(r"^\((\d{1,3})([a-z]{0,2})\)")
_WEGGEFALLEN_RE = re.compile(r"^\(?\s*weggefallen\s*\)?[.;]?$", re.IGNORECASE)
_ABSATZ_WEGGEFALLEN_RE = re.compile(r"^\(\d{1,3}[a-z]{0,2}\)\s*\(weggefallen\)\s*$", re.IGNORECASE)
_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_\-]*")
_TOC_ENBEZ = {"inhaltsübersicht", "inhaltsverzeichnis", "inhalt", "übersicht"}
_PREAMBLE_ENBEZ = {"eingangsformel", "präambel"}


# --------------------------------------------------------------------------------------------
# Reading: .xml or xml.zip
# --------------------------------------------------------------------------------------------

def read_gii_bytes(path: Path, settings: Settings, data: bytes | None = None) -> bytes:
    """The XML bytes of a GII law file: a bare `.xml` or the `xml.zip` gesetze-im-internet.de serves.

    `data` are the file's bytes when the caller has read them (within the limits) already. A zip is
    extracted in memory; zip bombs (see `limits.check_zip`), corrupt or encrypted archives and
    archives without exactly one XML member raise InvalidDocumentError.
    """
    if data is None:
        data, _ = read_limited(path, settings)
    if path.suffix.lower() == ".zip" or data.startswith(b"PK"):
        return _read_zip_member(data, path.name, settings)
    return data


def _read_zip_member(data: bytes, name: str, settings: Settings) -> bytes:
    corrupt = "Die ZIP-Datei ist beschädigt oder unvollständig."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if not infos:
                raise InvalidDocumentError(name, "Die ZIP-Datei ist leer.")
            check_zip(infos, name, settings)
            xml_infos = [i for i in infos if i.filename.lower().endswith(".xml")]
            if not xml_infos:
                raise InvalidDocumentError(name, "Die ZIP-Datei enthält keine XML-Datei.")
            if len(xml_infos) > 1:
                raise InvalidDocumentError(
                    name, "Die ZIP-Datei enthält mehrere XML-Dateien; erwartet wird genau ein Gesetz.")
            info = xml_infos[0]
            if info.flag_bits & 0x1:
                raise InvalidDocumentError(name, "Die ZIP-Datei ist verschlüsselt (passwortgeschützt).")
            if info.file_size == 0:
                raise InvalidDocumentError(name, "Die XML-Datei in der ZIP-Datei ist leer.")
            return read_zip_member(zf, info, name, settings)
    except InvalidDocumentError:
        raise
    except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise InvalidDocumentError(name, "Die ZIP-Datei ist verschlüsselt (passwortgeschützt).") from exc
        raise InvalidDocumentError(name, corrupt) from exc
    except NotImplementedError as exc:  # unsupported compression method
        raise InvalidDocumentError(name, "Die ZIP-Datei verwendet ein nicht unterstütztes Kompressionsverfahren.") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            KeyError, IndexError, OverflowError) as exc:
        raise InvalidDocumentError(name, corrupt) from exc


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

def _make_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        dtd_validation=False, remove_comments=True, remove_pis=True,
    )


def parse_gii(
    data: bytes, source: str, *, name: str | None = None,
    visibility: Visibility = Visibility.PUBLIC, settings: Settings | None = None,
) -> Document:
    """Parse the XML of one law from gesetze-im-internet.de into a Document with one unit per Absatz.

    `source` is the outer file name, path or URL (`sgb_2.xml`, `…/sgb_2.xml.zip`,
    `https://www.gesetze-im-internet.de/sgb_2/xml.zip`); it names the file in error
    messages and gives the slug for links. The size limits apply where the bytes are read
    (`read_gii_bytes`); `settings` is accepted for callers that pass it along.
    """
    filename = _filename(source)
    if not data or not data.strip():
        raise InvalidDocumentError(filename, "Die Datei ist leer.")
    root = _parse_xml(data, filename)

    if not isinstance(root.tag, str) or root.tag != "dokumente" or root.find("norm") is None:
        raise InvalidDocumentError(
            filename, "Die Datei ist kein Gesetz im XML-Format von gesetze-im-internet.de "
                      "(erwartet: <dokumente> mit <norm>-Elementen).")
    try:
        return _build_document(root, data, source, name=name, visibility=visibility)
    except InvalidDocumentError:
        raise
    except (etree.LxmlError, ValueError, TypeError, AttributeError, KeyError, IndexError,
            RecursionError) as exc:
        raise InvalidDocumentError(
            filename, f"Die Gesetzesdatei hat einen unerwarteten Aufbau ({type(exc).__name__}).") from exc


def _parse_xml(data: bytes, filename: str) -> etree._Element:
    try:
        root = etree.fromstring(data, _make_parser())
    except (etree.LxmlError, ValueError, TypeError) as exc:
        raise InvalidDocumentError(filename, "Die Datei ist kein wohlgeformtes XML.") from exc
    if root is None:
        raise InvalidDocumentError(filename, "Die Datei ist kein wohlgeformtes XML.")
    # Entity declarations have no place in a GII file; refuse them instead of trusting the parser
    # (external entities: XXE; nested internal entities: "billion laughs").
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InvalidDocumentError(
            filename, "Die XML-Datei enthält eine eigene DTD mit Entity-Deklarationen und wird "
                      "aus Sicherheitsgründen nicht verarbeitet.")
    if any(True for _ in root.iter(etree.Entity)):
        raise InvalidDocumentError(
            filename, "Die XML-Datei enthält Entity-Verweise und wird aus Sicherheitsgründen nicht verarbeitet.")
    return root


# ---- text rendering -------------------------------------------------------------------------

class _TextBuilder:
    """Collects inline text into lines; lists are indented by depth."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.fn_refs: list[str] = []
        self.depth = 0
        self._buf: list[str] = []
        self._buf_depth: int | None = None

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self._buf_depth is None:
            if not text.strip():
                return
            self._buf_depth = self.depth
        self._buf.append(text)

    def newline(self) -> None:
        if self._buf:
            line = squash("".join(self._buf))
            if line:
                self.lines.append(_INDENT * (self._buf_depth or 0) + line)
        self._buf = []
        self._buf_depth = None

    def text(self) -> str:
        self.newline()
        return "\n".join(self.lines)


def _render_children(el: etree._Element, tb: _TextBuilder) -> None:
    tb.add(el.text)
    for child in el:
        _render(child, tb)
        tb.add(child.tail)


def _render(el: etree._Element, tb: _TextBuilder) -> None:
    """Render one element (not its tail)."""
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return
    if tag == "FnR":
        if el.get("ID"):
            tb.fn_refs.append(el.get("ID"))
        return
    if tag in ("Footnotes", "img", "IMG", "Img", "TOC"):
        return
    if tag == "BR":
        tb.newline()
    elif tag == "DL":
        _render_list(el, tb)
    elif tag == "table":
        tb.newline()
        _render_table(el, tb)
        tb.newline()
    elif tag in ("P", "Content", "Title", "Ident", "LA", "pre"):
        tb.newline()
        _render_children(el, tb)
        tb.newline()
    else:  # B, I, U, SUP, SUB, NB, SP, noindex, …: inline
        _render_children(el, tb)


def _render_list(dl: etree._Element, tb: _TextBuilder) -> None:
    tb.newline()
    tb.add(dl.text)
    for child in dl:
        if child.tag == "DT":
            tb.newline()
            marker = squash("".join(child.itertext()))
            if marker:
                tb.add(marker + " ")
        elif child.tag == "DD":
            tb.depth += 1
            tb.add(child.text)
            seen_block = False
            for sub in child:
                if sub.tag == "LA":
                    if seen_block:
                        tb.newline()
                    seen_block = True
                    _render_children(sub, tb)
                else:
                    _render(sub, tb)
                tb.add(sub.tail)
            tb.newline()
            tb.depth -= 1
        else:
            _render(child, tb)
        tb.add(child.tail)
    tb.newline()


def _render_table(table: etree._Element, tb: _TextBuilder) -> None:
    for title in table.findall("Title"):
        tb.add(squash("".join(title.itertext())))
        tb.newline()
    for row in table.iter("row"):
        cells = []
        for entry in row:
            if entry.tag != "entry":
                continue
            sub = _TextBuilder()
            _render_children(entry, sub)
            sub.newline()
            tb.fn_refs.extend(sub.fn_refs)
            cells.append(join_all(sub.lines))
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            tb.add(" | ".join(cells))
            tb.newline()


def _flat_text(el: etree._Element | None) -> str:
    """All text of an element on one line (titles, metadata), without footnote markers."""
    if el is None:
        return ""
    tb = _TextBuilder()
    _render_children(el, tb)
    tb.newline()
    return squash(" ".join(tb.lines))


@dataclass
class _Block:
    text: str
    fn_refs: set[str] = field(default_factory=set)


def _content_blocks(content: etree._Element) -> list[_Block]:
    """The paragraphs (`<P>`) of a Content element; loose material in between forms its own blocks."""
    blocks: list[_Block] = []
    loose = _TextBuilder()

    def flush_loose() -> None:
        nonlocal loose
        text = loose.text()
        if text:
            blocks.append(_Block(text, set(loose.fn_refs)))
        loose = _TextBuilder()

    loose.add(content.text)
    for child in content:
        if child.tag == "P":
            flush_loose()
            tb = _TextBuilder()
            _render_children(child, tb)
            text = tb.text()
            if text:
                blocks.append(_Block(text, set(tb.fn_refs)))
        else:
            _render(child, loose)
        loose.add(child.tail)
    flush_loose()
    return blocks


def _footnotes_map(text_el: etree._Element | None) -> dict[str, str]:
    result: dict[str, str] = {}
    if text_el is None:
        return result
    for fn in text_el.iter("Footnote"):
        tb = _TextBuilder()
        _render_children(fn, tb)
        body = squash(" ".join(tb.text().splitlines()))
        if body:
            key = fn.get("ID") or f"_anon{len(result)}"
            result[key] = (result.get(key, "") + " " + body).strip()
    return result


def _fussnoten_text(textdaten: etree._Element | None) -> str:
    if textdaten is None:
        return ""
    fuss = textdaten.find("fussnoten")
    if fuss is None:
        return ""
    tb = _TextBuilder()
    _render_children(fuss, tb)
    return tb.text()


# ---- metadata -------------------------------------------------------------------------------

def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def canonical_law_name(abbreviation: str) -> str:
    """`SGB 2` → `SGB II`, `SGB 12` → `SGB XII`; anything else unchanged (whitespace normalised)."""
    abk = squash(abbreviation)
    m = re.fullmatch(r"SGB\s*(\d{1,2})(\s+.*)?", abk)
    if m and 0 < int(m.group(1)) < 40:
        return f"SGB {_roman(int(m.group(1)))}{m.group(2) or ''}"
    return abk


def _builddate_iso(value: str | None) -> str | None:
    if not value or not re.fullmatch(r"\d{8}(\d{6})?", value.strip()):
        return None
    v = value.strip()
    return iso_date(v[6:8], v[4:6], v[0:4])


def _filename(source: str) -> str:
    cleaned = source.split("?", 1)[0].split("#", 1)[0].rstrip("/\\")
    return re.split(r"[/\\]", cleaned)[-1] or source or "Gesetz"


def _slug(source: str, jurabk: str) -> str:
    """The gesetze-im-internet.de slug: from the file name (`sgb_2.xml.zip` → `sgb_2`), else the abbreviation."""
    base = _filename(source).lower()
    while True:
        for suffix in (".zip", ".xml"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        else:
            break
    if base and base != "xml" and not base.startswith("bjnr") and _SLUG_RE.fullmatch(base):
        return base
    m = re.search(r"gesetze-im-internet\.de/([^/?#]+)/", source)
    if m and _SLUG_RE.fullmatch(m.group(1).lower()):
        return m.group(1).lower()
    return re.sub(r"[^a-z0-9]", "_", squash(jurabk).lower()) or "gesetz"


def _file_stem(enbez: str) -> str:
    """The page name GII gives a norm: `§ 22` → `__22`, `§ 7a` → `__7a`, `Anlage 1` → `anlage_1`."""
    s = squash(enbez.replace("\u00a0", " ")).lower()
    prefix = ""
    if s.startswith("§"):
        prefix, s = "__", s.lstrip("§ ")
    return prefix + (re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "norm")


def _section_label(enbez: str) -> str:
    s = squash(enbez.replace("\u00a0", " "))
    return re.sub(r"^(§+)\s*", r"\1 ", s)


def _absatz_key(num: str, suffix: str) -> tuple[int, str]:
    return int(num), suffix


# ---- splitting long text -----------------------------------------------------------------

def split_long_text(text: str, limit: int = MAX_UNIT_CHARS) -> list[str]:
    """Split text longer than `limit` at line, then sentence boundaries; short text comes back whole."""
    if len(text) <= limit:
        return [text]
    pieces: list[tuple[str, str]] = []  # (separator before the piece, piece)
    for i, line in enumerate(text.split("\n")):
        sentences = split_sentences(line) if len(line) > limit else [line]
        for j, sentence in enumerate(sentences):
            sep = ("\n" if i else "") if j == 0 else " "
            # a single over-long sentence: cut at word boundaries
            while len(sentence) > limit:
                cut = sentence.rfind(" ", 0, limit)
                cut = cut if cut > limit // 2 else limit
                pieces.append((sep, sentence[:cut]))
                sentence, sep = sentence[cut:].lstrip(), " "
            pieces.append((sep, sentence))
    chunks: list[str] = []
    current = ""
    for sep, piece in pieces:
        if current and len(current) + len(sep) + len(piece) > limit:
            chunks.append(current)
            current = piece if sep == "\n" else piece.lstrip()
        else:
            current = current + sep + piece if current else piece
    if current.strip():
        chunks.append(current)
    return [c.strip("\n") for c in chunks if c.strip()]


# ---- document ---------------------------------------------------------------------------------

@dataclass
class _Section:
    enbez: str
    label: str
    title: str
    breadcrumb: tuple[str, ...]
    link: str
    norm: etree._Element


def _is_weggefallen(text: str) -> bool:
    return bool(_WEGGEFALLEN_RE.match(squash(text)))


def _build_document(root: etree._Element, data: bytes, source: str, *, name: str | None,
                    visibility: Visibility) -> Document:
    filename = _filename(source)
    norms = root.findall("norm")
    head = norms[0]
    meta = head.find("metadaten")
    if meta is None:
        raise InvalidDocumentError(filename, "Der Gesetzesdatei fehlen die Metadaten (<metadaten>).")
    jurabk = squash(meta.findtext("jurabk") or "")
    amtabk = squash(meta.findtext("amtabk") or "")
    doc_name = name or canonical_law_name(amtabk or jurabk)
    if not doc_name:
        raise InvalidDocumentError(filename, "Die Gesetzesdatei nennt keine Abkürzung des Gesetzes (<jurabk>).")
    title = _flat_text(meta.find("langue")) or _flat_text(meta.find("kurzue")) or doc_name
    slug = _slug(source, jurabk)
    doc_link = f"{GII_BASE_URL}/{slug}/"

    stand, stand_text, notes = _stand(root, meta, head)

    # Sections, with the Gliederung breadcrumb and the page name GII gives each norm.
    sections: list[_Section] = []
    crumbs: list[tuple[str, str]] = []  # (gliederungskennzahl, "Kapitel 3 Leistungen")
    stem_counts: dict[str, int] = {}
    used_labels: set[str] = set()
    for norm in norms:
        nmeta = norm.find("metadaten")
        if nmeta is None:
            continue
        glied = nmeta.find("gliederungseinheit")
        enbez = squash(nmeta.findtext("enbez") or "")
        if glied is not None and not enbez:
            crumbs = _push_crumb(crumbs, glied)
            continue
        if not enbez:
            continue  # the law's metadata norm, or unlabelled material
        stem = _file_stem(enbez)
        seen = stem_counts.get(stem, 0)
        stem_counts[stem] = seen + 1
        page = stem if seen == 0 else f"{stem}_{seen}"
        if enbez.lower() in _TOC_ENBEZ:
            continue
        titel = _flat_text(nmeta.find("titel"))
        if _is_weggefallen(titel) or enbez.startswith("(XXXX)"):
            continue
        label = _section_label(enbez)
        if label in used_labels:  # e.g. two "Anlage" in SGB XII: the second becomes "Anlage (zu § 34)"
            m = re.match(r"\(zu [^)]*\)", titel)
            label = f"{label} {m.group(0)}" if m else f"{label} ({titel or seen + 1})"
            n = 2
            while label in used_labels:
                label = f"{_section_label(enbez)} ({n})"
                n += 1
        used_labels.add(label)
        # Anlagen follow the last Gliederung of the law but belong to the law as a whole.
        crumb = () if label.lower().startswith("anlage") else tuple(c for _, c in crumbs)
        sections.append(_Section(enbez, label, titel, crumb,
                                 f"{doc_link}{page}.html", norm))

    units: list[Unit] = []
    for section in sections:
        units.extend(_section_units(section, doc_name, order_start=len(units)))

    return Document(
        name=doc_name, kind=DocKind.LAW, title=title, stand=stand, stand_text=stand_text,
        units=tuple(units), visibility=visibility, source=source,
        sha256=hashlib.sha256(data).hexdigest(), link=doc_link, notes=tuple(notes),
    )


def _push_crumb(crumbs: list[tuple[str, str]], glied: etree._Element) -> list[tuple[str, str]]:
    key = squash(glied.findtext("gliederungskennzahl") or "")
    bez = squash(glied.findtext("gliederungsbez") or "")
    titel = _flat_text(glied.find("gliederungstitel"))
    text = squash(f"{bez} {titel}") or key
    if not text:
        return crumbs
    if key:
        kept = [(k, c) for k, c in crumbs if k and key.startswith(k) and k != key]
    else:  # no Kennzahl: a sibling of the innermost level
        kept = crumbs[:-1]
    return [*kept, (key, text)]


def _stand(root: etree._Element, meta: etree._Element, head: etree._Element) -> tuple[str, str, list[str]]:
    angaben = [(squash(sa.findtext("standtyp") or ""), _flat_text(sa.find("standkommentar")))
               for sa in meta.findall("standangabe")]
    angaben = [(typ, text) for typ, text in angaben if text]
    build_iso = _builddate_iso(root.get("builddate")) or _builddate_iso(head.get("builddate"))

    stand = stand_text = ""
    chosen = -1
    for i, (_, text) in enumerate(angaben):
        if "zuletzt geändert" in text.lower() and (d := latest_date(text)):
            stand, stand_text, chosen = d, text, i
            break
    if not stand:
        for i, (typ, text) in enumerate(angaben):
            if (typ.lower() == "stand" or text.lower().startswith("neugefasst")) and (d := latest_date(text)):
                stand, stand_text, chosen = d, text, i
                break
    if not stand:
        ausfertigung = (meta.findtext("ausfertigung-datum") or "").strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ausfertigung) and iso_date(ausfertigung[8:], ausfertigung[5:7], ausfertigung[:4]):
            stand, stand_text = ausfertigung, f"Ursprüngliche Fassung vom {de_date(ausfertigung)}"
    if not stand and build_iso:
        stand, stand_text = build_iso, f"Abrufstand {de_date(build_iso)}"
    if not stand:
        stand, stand_text = "", "Stand unbekannt"

    notes = [text for i, (typ, text) in enumerate(angaben)
             if i != chosen and typ.lower() not in ("stand", "neuf")]
    textdaten = head.find("textdaten")
    notes.extend(v for v in _footnotes_map(textdaten.find("text") if textdaten is not None else None).values()
                 if v not in notes)
    if build_iso:
        notes.append(f"Abrufstand: {build_iso}")
    return stand, stand_text, notes


def _section_units(section: _Section, doc: str, order_start: int) -> list[Unit]:
    norm = section.norm
    textdaten = norm.find("textdaten")
    text_el = textdaten.find("text") if textdaten is not None else None
    footnote_map = _footnotes_map(text_el)
    fussnoten = _fussnoten_text(textdaten)

    blocks: list[_Block] = []
    if text_el is not None:
        contents = text_el.findall("Content")
        if contents:
            for content in contents:
                blocks.extend(_content_blocks(content))
        else:
            tb = _TextBuilder()
            _render_children(text_el, tb)
            if tb.text():
                blocks.append(_Block(tb.text(), set(tb.fn_refs)))
    blocks = [b for b in blocks if b.text.strip() and b.text.strip() not in ("-", "–")]
    if not blocks or (len(blocks) == 1 and _is_weggefallen(blocks[0].text)):
        return []  # enbez-only norm or a section "(weggefallen)"

    # Group paragraphs into Absätze: "(1)", "(2)", "(2a)" start one if the number goes up.
    numbered = section.label.startswith(("§", "Art"))
    groups: list[tuple[str | None, list[_Block]]] = []
    last_key: tuple[int, str] | None = None
    for block in blocks:
        m = _ABSATZ_RE.match(block.text) if numbered else None
        key = _absatz_key(m.group(1), m.group(2)) if m else None
        if key is not None and (last_key is None or key > last_key):
            groups.append((m.group(1) + m.group(2), [block]))
            last_key = key
        elif groups:
            groups[-1][1].append(block)
        else:
            groups.append((None, [block]))

    referenced = {ref for _, bl in groups for b in bl for ref in b.fn_refs}
    unreferenced = [text for key, text in footnote_map.items() if key not in referenced]

    units: list[Unit] = []
    for number, group_blocks in groups:
        text = "\n".join(b.text for b in group_blocks).strip()
        if not text or _ABSATZ_WEGGEFALLEN_RE.match(squash(text)):
            continue
        refs = {ref for b in group_blocks for ref in b.fn_refs}
        notes = [fussnoten] if fussnoten else []
        notes.extend(footnote_map[r] for r in sorted(refs) if r in footnote_map)
        notes.extend(unreferenced)
        label = f"{section.label} Abs. {number}" if number else section.label
        for part in split_long_text(text):
            units.append(Unit(
                doc=doc, label=label, text=part, section=section.label, title=section.title,
                breadcrumb=section.breadcrumb, role=_role(section.enbez), page=None,
                link=section.link, footnotes="\n".join(notes), order=order_start + len(units),
            ))
    return units


def _role(enbez: str) -> UnitRole:
    return UnitRole.PREAMBLE if enbez.lower() in _PREAMBLE_ENBEZ else UnitRole.TEXT
