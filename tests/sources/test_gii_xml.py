"""The GII law parser on the real files in ../shared/corpus-sources/, and on bad input."""

from __future__ import annotations

import re
import struct
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import InvalidDocumentError
from assistant.model import DocKind, UnitRole, Visibility
from assistant.sources.gii_xml import (
    MAX_UNIT_CHARS,
    canonical_law_name,
    parse_gii,
    read_gii_bytes,
    split_long_text,
)

from conftest import CORPUS_SOURCES

SOURCES = CORPUS_SOURCES
GII_2026 = SOURCES / "gii-2026-04"
GII_2025_ZIP = SOURCES / "gii-2025-02" / "sgb_2.xml.zip"
SETTINGS = Settings()

pytestmark = pytest.mark.skipif(not GII_2026.is_dir(), reason="shared corpus sources not present")

# file → (canonical name, Stand)
EXPECTED = {
    "sgb_2.xml": ("SGB II", "2025-12-22"),
    "sgb_1.xml": ("SGB I", "2026-02-04"),
    "sgb_3.xml": ("SGB III", "2026-04-16"),
    "sgb_10.xml": ("SGB X", "2026-04-16"),
    "sgb_12.xml": ("SGB XII", "2026-04-16"),
    "algiiv_2008.xml": ("Bürgergeld-V", "2026-04-16"),
    "rbsfv_2026.xml": ("RBSFV 2026", "2025-10-17"),  # never amended: the Ausfertigung date
}


def _load(path: Path):
    return parse_gii(read_gii_bytes(path, SETTINGS), str(path), settings=SETTINGS)


@pytest.fixture(scope="module")
def docs():
    return {name: _load(GII_2026 / name) for name in EXPECTED}


@pytest.fixture(scope="module")
def sgb2(docs):
    return docs["sgb_2.xml"]


def _unit(doc, label):
    matches = [u for u in doc.units if u.label == label]
    assert matches, f"no unit {label!r} in {doc.name}"
    return matches[0]


# ---- the real files --------------------------------------------------------------------------

def _expected_sections(xml: str) -> set[str]:
    """Every § of the file that is not '(weggefallen)', found with a plain regex."""
    expected = set()
    for norm in re.findall(r"<norm\b.*?</norm>", xml, re.S):
        enbez = re.search(r"<enbez>\s*(§[^<]*)</enbez>", norm)
        if not enbez:
            continue
        titel = re.search(r"<titel[^>]*>(.*?)</titel>", norm, re.S)
        if titel and re.sub(r"<[^>]+>|\s", "", titel.group(1)) == "(weggefallen)":
            continue
        expected.add(re.sub(r"§\s*", "§ ", " ".join(enbez.group(1).split())))
    return expected


def test_sgb2_has_a_unit_for_every_section_not_weggefallen(sgb2):
    xml = (GII_2026 / "sgb_2.xml").read_text(encoding="utf-8")
    expected = _expected_sections(xml)
    got = {u.section for u in sgb2.units}
    assert len(expected) > 120
    assert got == expected, (sorted(expected - got), sorted(got - expected))
    assert not any("weggefallen" in u.title.lower() for u in sgb2.units)
    assert not any(re.fullmatch(r"(\(\w+\)\s*)?\(weggefallen\)", u.text.strip()) for u in sgb2.units)
    # the skipped sections are really gone
    assert "§ 16j" not in got and "§ 35" not in got and "§ 45" not in got


def test_sgb2_document_fields(sgb2):
    assert sgb2.name == "SGB II"
    assert sgb2.kind == DocKind.LAW
    assert sgb2.title.startswith("Sozialgesetzbuch (SGB) Zweites Buch (II) - Bürgergeld")
    assert sgb2.stand == "2025-12-22"
    assert sgb2.stand_text == "zuletzt geändert durch Art. 8 G v. 22.12.2025 I Nr. 363"
    assert sgb2.link == "https://www.gesetze-im-internet.de/sgb_2/"
    assert sgb2.visibility == Visibility.PUBLIC
    assert len(sgb2.sha256) == 64
    assert any("16.4.2026" in n and "Art. 1 G" in n for n in sgb2.notes)
    assert any(n.startswith("Zukünftige Überschrift") for n in sgb2.notes)
    assert "Abrufstand: 2026-04-23" in sgb2.notes
    assert not any("Neugefasst" in n for n in sgb2.notes)


def test_sgb2_known_absaetze(sgb2):
    abs1 = _unit(sgb2, "§ 22 Abs. 1")
    assert abs1.text.startswith("(1) Bedarfe für Unterkunft und Heizung")
    assert "Karenzzeit" in abs1.text
    assert "(2)" not in abs1.text  # Abs. 2 is a unit of its own
    assert abs1.section == "§ 22"
    assert abs1.title == "Bedarfe für Unterkunft und Heizung"
    assert abs1.breadcrumb == ("Kapitel 3 Leistungen",
                               "Abschnitt 2 Leistungen zur Sicherung des Lebensunterhalts",
                               "Unterabschnitt 2 Bürgergeld")
    assert abs1.link == "https://www.gesetze-im-internet.de/sgb_2/__22.html"
    assert abs1.role == UnitRole.TEXT and abs1.page is None and abs1.doc == "SGB II"

    abs2 = _unit(sgb2, "§ 20 Abs. 2")
    assert abs2.text.startswith("(2) Als Regelbedarf wird bei Personen, die alleinstehend")
    # the list of the Absatz stays inside it, one item per line
    assert "\n1. monatlich ein Betrag in Höhe der Regelbedarfsstufe 4" in abs2.text
    assert "\n2. monatlich ein Betrag in Höhe der Regelbedarfsstufe 3" in abs2.text
    # "(5) (weggefallen)" gives no unit
    assert [u.label for u in sgb2.units if u.section == "§ 20"] == [
        "§ 20 Abs. 1", "§ 20 Abs. 1a", "§ 20 Abs. 2", "§ 20 Abs. 3", "§ 20 Abs. 4"]

    assert _unit(sgb2, "§ 7 Abs. 4a").text.startswith("(4a) Personen, denen Leistungen zum Lebensunterhalt")
    assert _unit(sgb2, "§ 11b Abs. 3").link.endswith("/sgb_2/__11b.html")
    assert _unit(sgb2, "§ 31b Abs. 1").section == "§ 31b"


def test_sections_without_numbered_absaetze_are_one_unit(sgb2):
    for label in ("§ 7a", "§ 23", "§ 16a"):
        units = [u for u in sgb2.units if u.section == label]
        assert [u.label for u in units] == [label]
    u16a = _unit(sgb2, "§ 16a")
    assert u16a.text.startswith("Zur Verwirklichung einer ganzheitlichen")
    assert "\n4. die Suchtberatung." in u16a.text


def test_units_are_clean_ordered_and_labelled(docs):
    for doc in docs.values():
        assert doc.units, doc.name
        assert [u.order for u in doc.units] == list(range(len(doc.units)))
        counts = Counter(u.label for u in doc.units)
        for u in doc.units:
            assert u.text.strip() and len(u.text) <= MAX_UNIT_CHARS, (doc.name, u.label)
            assert "<" not in u.text and "BR" not in u.text.split(), (doc.name, u.label)
            assert all("  " not in line.lstrip(" ") and line == line.rstrip()
                       for line in u.text.splitlines()), (doc.name, u.label)
            assert u.link.startswith(doc.link) and u.link.endswith(".html")
            m = re.search(r" Abs\. (\w+)$", u.label)
            if m:
                assert u.text.startswith(f"({m.group(1)})") or counts[u.label] > 1, (doc.name, u.label)
        # labels repeat only for the parts of a split long Absatz, which follow each other and differ
        for label, n in counts.items():
            if n > 1:
                parts = [u for u in doc.units if u.label == label]
                assert parts[-1].order - parts[0].order == n - 1
                assert len({p.text for p in parts}) == n


def test_footnotes_are_attached(sgb2):
    u = _unit(sgb2, "§ 6a Abs. 2")
    assert "BVerfGE v. 7.10.2014" in u.footnotes
    assert "Regelbedarfe nach § 20 Abs. 1 bis 4" in _unit(sgb2, "§ 20 Abs. 2").footnotes
    assert _unit(sgb2, "§ 22 Abs. 1").footnotes == ""


def test_sgb12_anlage_table_is_readable(docs):
    sgb12 = docs["sgb_12.xml"]
    anlage = _unit(sgb12, "Anlage")
    assert anlage.section == "Anlage"
    assert "Regelbedarfsstufen nach § 28" in anlage.title
    assert anlage.link == "https://www.gesetze-im-internet.de/sgb_12/anlage.html"
    lines = anlage.text.splitlines()
    assert any("2026" in ln and "563" in ln for ln in lines)
    assert any("2021" in ln and "446" in ln for ln in lines)
    assert "1. Januar 2026 | 563 | 506 | 451 | 471 | 390 | 357" in lines
    assert lines[0] == ("gültig ab | Regelbedarfsstufe 1 | Regelbedarfsstufe 2 | Regelbedarfsstufe 3 | "
                        "Regelbedarfsstufe 4 | Regelbedarfsstufe 5 | Regelbedarfsstufe 6")
    assert "Regelbedarfsstufe 4:" in anlage.text  # the definitions below the table are kept
    # the second Anlage (zu § 34) keeps its own label and GII page
    schul = [u for u in sgb12.units if u.section.startswith("Anlage (zu § 34)")]
    assert schul and schul[0].link == "https://www.gesetze-im-internet.de/sgb_12/anlage_1.html"
    assert "2021 | 103 Euro | 51,50 Euro" in schul[0].text.splitlines()


def test_rbsfv_and_algiiv(docs):
    rbsfv = docs["rbsfv_2026.xml"]
    assert "1. Januar 2026 | 563 | 506 | 451 | 471 | 390 | 357" in _unit(rbsfv, "§ 2").text
    algiiv = docs["algiiv_2008.xml"]
    assert _unit(algiiv, "Eingangsformel").role == UnitRole.PREAMBLE
    assert "10 Euro nicht übersteigen" in _unit(algiiv, "§ 1 Abs. 1").text
    assert algiiv.link == "https://www.gesetze-im-internet.de/algiiv_2008/"


@pytest.mark.parametrize("filename", sorted(EXPECTED))
def test_names_and_stand(docs, filename):
    name, stand = EXPECTED[filename]
    doc = docs[filename]
    assert (doc.name, doc.stand) == (name, stand)
    assert doc.stand_text and doc.title
    slug = filename.removesuffix(".xml")
    assert doc.link == f"https://www.gesetze-im-internet.de/{slug}/"


def test_2025_zip_is_sgb2_with_older_stand(sgb2):
    old = _load(GII_2025_ZIP)
    assert old.name == "SGB II"
    assert old.stand == "2025-02-24"
    assert old.stand_text == "zuletzt geändert durch Art. 2 G v. 24.2.2025 I Nr. 57"
    assert old.link == "https://www.gesetze-im-internet.de/sgb_2/"
    assert _unit(old, "§ 22 Abs. 1").link == "https://www.gesetze-im-internet.de/sgb_2/__22.html"
    assert "Abrufstand: 2025-02-27" in old.notes
    # most Absätze are unchanged between the two Stände, some changed
    shared = {u.content_hash for u in old.units} & {u.content_hash for u in sgb2.units}
    assert 0 < len(shared) < len(old.units)


def test_slug_from_url_and_from_abbreviation():
    data = (GII_2026 / "sgb_2.xml").read_bytes()
    by_url = parse_gii(data, "https://www.gesetze-im-internet.de/sgb_2/xml.zip", settings=SETTINGS)
    assert by_url.link == "https://www.gesetze-im-internet.de/sgb_2/"
    by_abk = parse_gii(data, "/tmp/upload/xml.zip", settings=SETTINGS)
    assert by_abk.link == "https://www.gesetze-im-internet.de/sgb_2/"
    named = parse_gii(data, "sgb_2.xml", name="Mein SGB", visibility=Visibility.INTERNAL, settings=SETTINGS)
    assert named.name == "Mein SGB" and named.visibility == Visibility.INTERNAL
    assert {u.doc for u in named.units} == {"Mein SGB"}


def test_canonical_law_name():
    assert canonical_law_name("SGB 2") == "SGB II"
    assert canonical_law_name("SGB 9") == "SGB IX"
    assert canonical_law_name("SGB 11") == "SGB XI"
    assert canonical_law_name("SGB 12") == "SGB XII"
    assert canonical_law_name("Bürgergeld-V") == "Bürgergeld-V"


def test_split_long_text_keeps_everything():
    sentence = "Die Leistung nach § 22 Abs. 1 Satz 3 wird erbracht, wenn die Voraussetzungen vorliegen. "
    text = "(1) " + sentence * 120
    parts = split_long_text(text.strip(), limit=1000)
    assert len(parts) > 1 and all(len(p) <= 1000 for p in parts)
    assert " ".join(parts).split() == text.split()
    assert all(p.rstrip().endswith(".") for p in parts)  # cut at sentence ends, not inside "Abs. 1"
    assert split_long_text("kurz") == ["kurz"]


# ---- bad input -------------------------------------------------------------------------------

def _minimal_gii(body: str = "(1) Ein Satz.", doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
            '<dokumente builddate="20260101120000"><norm><metadaten><jurabk>SGB 2</jurabk>'
            '<langue>Testgesetz</langue></metadaten></norm>'
            '<norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ 1</enbez><titel>Test</titel></metadaten>'
            f'<textdaten><text format="XML"><Content><P>{body}</P></Content></text></textdaten></norm>'
            '</dokumente>').encode("utf-8")


def _expect_invalid(path: Path, settings: Settings = SETTINGS) -> InvalidDocumentError:
    with pytest.raises(InvalidDocumentError) as exc:
        parse_gii(read_gii_bytes(path, settings), str(path), settings=settings)
    assert exc.value.filename == path.name
    assert path.name in exc.value.message
    return exc.value


def test_minimal_document_parses(tmp_path):
    path = tmp_path / "test.xml"
    path.write_bytes(_minimal_gii())
    doc = parse_gii(read_gii_bytes(path, SETTINGS), str(path), settings=SETTINGS)
    assert [(u.label, u.text) for u in doc.units] == [("§ 1 Abs. 1", "(1) Ein Satz.")]
    assert doc.stand == "2026-01-01"  # no standangabe, no Ausfertigung: the builddate


@pytest.mark.parametrize("content", [b"", b"   \n", b"Dies ist kein XML.", b"<dokumente><norm>",
                                     b"\xff\xfe\x00garbage"])
def test_not_xml_is_rejected(tmp_path, content):
    path = tmp_path / "gesetz.xml"
    path.write_bytes(content)
    _expect_invalid(path)


@pytest.mark.parametrize("content", [
    b"<html><body><p>(1) Hallo</p></body></html>",
    b"<dokumente builddate='20260101'/>",
    b"<?xml version='1.0'?><gesetz><norm/></gesetz>",
])
def test_xml_that_is_not_a_gii_law_is_rejected(tmp_path, content):
    path = tmp_path / "seite.xml"
    path.write_bytes(content)
    err = _expect_invalid(path)
    assert "gesetze-im-internet.de" in err.reason


def test_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMER-INHALT", encoding="utf-8")
    doctype = f'<!DOCTYPE dokumente [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    path = tmp_path / "xxe.xml"
    path.write_bytes(_minimal_gii("(1) &xxe;", doctype))
    err = _expect_invalid(path)
    assert "GEHEIMER-INHALT" not in err.message


def test_entity_expansion_bomb_is_rejected(tmp_path):
    doctype = ('<!DOCTYPE dokumente [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    path = tmp_path / "lol.xml"
    path.write_bytes(_minimal_gii("(1) &c;", doctype))
    _expect_invalid(path)


def test_external_dtd_reference_is_not_fetched_but_accepted(tmp_path):
    doctype = '<!DOCTYPE dokumente SYSTEM "http://127.0.0.1:9/gii-norm.dtd">'
    path = tmp_path / "mit_dtd.xml"
    path.write_bytes(_minimal_gii(doctype=doctype))
    doc = parse_gii(read_gii_bytes(path, SETTINGS), str(path), settings=SETTINGS)
    assert doc.units[0].text == "(1) Ein Satz."


def _zip_of_zeros(path: Path, megabytes: int) -> None:
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("BJNR295500003.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)


def test_zip_bomb_is_rejected_with_default_limits(tmp_path):
    path = tmp_path / "sgb_2.xml.zip"
    _zip_of_zeros(path, 300)  # 300 MB of zeros, about 1.3 MB on disk
    err = _expect_invalid(path)
    assert "ZIP-Bombe" in err.reason


def test_zip_over_size_limit_is_rejected(tmp_path):
    path = tmp_path / "sgb_2.xml.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(GII_2026 / "sgb_2.xml", "BJNR295500003.xml")
    _expect_invalid(path, Settings(max_unzipped_bytes=100_000))
    _expect_invalid(path, Settings(max_zip_ratio=2.0))
    assert _load(path).name == "SGB II"  # the same zip is fine under the default limits


def _patch_zip(path: Path, *, file_size: int | None = None, flag_bits: int | None = None) -> None:
    """Rewrite the size and/or flags in the local and central headers of a one-member zip."""
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    if file_size is not None:
        struct.pack_into("<I", data, local + 22, file_size)
        struct.pack_into("<I", data, central + 24, file_size)
    if flag_bits is not None:
        struct.pack_into("<H", data, local + 6, flag_bits)
        struct.pack_into("<H", data, central + 8, flag_bits)
    path.write_bytes(bytes(data))


def test_zip_with_lying_size_header_is_rejected(tmp_path):
    path = tmp_path / "sgb_2.xml.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BJNR295500003.xml", b"<dokumente>" + b" " * 5_000_000 + b"</dokumente>")
    _patch_zip(path, file_size=1_000)  # claims 1 kB, holds 5 MB
    _expect_invalid(path)


def test_encrypted_zip_is_rejected(tmp_path):
    path = tmp_path / "sgb_2.xml.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BJNR295500003.xml", _minimal_gii())
    _patch_zip(path, flag_bits=0x1)
    err = _expect_invalid(path)
    assert "verschlüsselt" in err.reason


@pytest.mark.parametrize("kind", ["garbage", "truncated", "no_xml", "empty_zip", "two_xml"])
def test_bad_zips_are_rejected(tmp_path, kind):
    path = tmp_path / "xml.zip"
    if kind == "garbage":
        path.write_bytes(b"PK\x03\x04" + b"kaputt" * 100)
    elif kind == "truncated":
        data = GII_2025_ZIP.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "no_xml":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "kein Gesetz")
    elif kind == "empty_zip":
        with zipfile.ZipFile(path, "w"):
            pass
    else:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("a.xml", _minimal_gii())
            zf.writestr("b.xml", _minimal_gii())
    _expect_invalid(path)


def test_missing_file_is_rejected(tmp_path):
    with pytest.raises(InvalidDocumentError) as exc:
        read_gii_bytes(tmp_path / "fehlt.xml", SETTINGS)
    assert "fehlt.xml" in exc.value.message
