"""Tests for the parser of the BA's "Fachliche Weisungen" PDFs, on the twelve real files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pymupdf
import pytest

from assistant.errors import InvalidDocumentError
from assistant.model import DocKind, Document, Unit, UnitRole
from assistant.sources.guideline_pdf import is_guideline_pdf, parse_guideline_pdf

from conftest import CORPUS_SOURCES

WEISUNGEN = CORPUS_SOURCES / "weisungen"

# file → (canonical name, Stand, last Randzeichen, minimum number of Randzeichen units).
# Name and Stand as in corpus-sources/README.md; the last Randzeichen and the counts were read
# off the margin column of each PDF (FW § 7 merges the repealed 7.50–7.51 and 7.133–7.153).
EXPECTED = {
    "FW_SGB_II_Par_05_Verhaeltnis_zu_anderen_Leistungen.pdf": ("FW § 5", "2024-09-23", "Rz. 5.18", 20),
    "FW_SGB_II_Par_06_Traeger_Aussendienst.pdf": ("FW § 6", "2023-01-01", "Rz. 6.23", 23),
    "FW_SGB_II_Par_07_Leistungsberechtigte.pdf": ("FW § 7", "2024-02-19", "Rz. 7.185", 179),
    "FW_SGB_II_Par_08_Erwerbsfaehigkeit.pdf": ("FW § 8", "2023-01-01", "Rz. 8.22", 23),
    "FW_SGB_II_Par_09_Hilfebeduerftigkeit.pdf": ("FW § 9", "2023-03-01", "Rz. 9.55", 60),
    "FW_SGB_II_Par_10_Zumutbarkeit.pdf": ("FW § 10", "2023-07-01", "Rz. 10.44", 44),
    "FW_SGB_II_Par_11_11a_11b_Einkommen.pdf": ("FW § 11-11b", "2024-10-24", "Rz. 11.166", 176),
    "FW_SGB_II_Par_12_Vermoegen.pdf": ("FW § 12", "2023-01-01", "Rz. 12.44", 44),
    "FW_SGB_II_Par_16_Stand_26_03_2025.pdf": ("FW § 16", "2025-03-26", "Rz. 16.52", 62),
    "FW_SGB_II_Par_19_Buergergeld_2023.pdf": ("FW § 19", "2023-01-01", "Rz. 19.12", 12),
    "FW_SGB_II_Par_20_Regelbedarfe_2023.pdf": ("FW § 20", "2023-11-27", "Rz. 20.17", 17),
    "FW_SGB_II_Par_21_Mehrbedarfe.pdf": ("FW § 21", "2024-11-25", "Rz. 21.49", 54),
}

RZ_LABEL = re.compile(r"^Rz\. (\d+[a-z]?)\.(\d+)([a-z]?)(?:–(\d+[a-z]?)\.(\d+)([a-z]?))?$")
# a running header or footer line that survived into unit text
HEADER_LINE = re.compile(
    r"^(Fachliche Weisungen (zu )?(§§? ?[\w-]+ )?SGB II|Seite \d+|Stand: \d{2}\.\d{2}\.\d{4}|BA[ -]Zentrale\b.*)$",
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    """Every guideline PDF parsed once, keyed by file name."""
    missing = [name for name in EXPECTED if not (WEISUNGEN / name).is_file()]
    assert not missing, f"guideline PDFs missing in {WEISUNGEN}: {missing}"
    return {name: parse_guideline_pdf(WEISUNGEN / name) for name in EXPECTED}


def by_name(docs: dict[str, Document], name: str) -> Document:
    return next(doc for doc in docs.values() if doc.name == name)


def unit(doc: Document, label: str) -> Unit:
    matches = [u for u in doc.units if u.label == label]
    assert len(matches) == 1, f"{doc.name}: {len(matches)} units labelled {label!r}"
    return matches[0]


def rz_units(doc: Document) -> list[Unit]:
    return [u for u in doc.units if u.label.startswith("Rz. ")]


def rz_key(label: str) -> tuple[int, str, int, str]:
    m = RZ_LABEL.match(label)
    assert m, f"malformed Randzeichen label {label!r}"
    para = re.match(r"(\d+)([a-z]?)", m.group(1))
    return int(para.group(1)), para.group(2), int(m.group(2)), m.group(3)


# --- identity -----------------------------------------------------------------------------------


def test_names_and_stand_match_the_readme_table(docs: dict[str, Document]) -> None:
    for file, (name, stand, _, _) in EXPECTED.items():
        doc = docs[file]
        assert (doc.name, doc.stand) == (name, stand), file
        day, month, year = stand[8:], stand[5:7], stand[:4]
        assert doc.stand_text == f"Stand: {day}.{month}.{year}"
        assert doc.kind == DocKind.GUIDELINE
        assert doc.title.startswith("Fachliche Weisungen §")
        assert all(u.doc == name for u in doc.units)


def test_titles_name_the_subject(docs: dict[str, Document]) -> None:
    assert by_name(docs, "FW § 21").title == "Fachliche Weisungen § 21 SGB II – Mehrbedarfe"
    assert by_name(docs, "FW § 11-11b").title.startswith("Fachliche Weisungen §§ 11-11b SGB II – ")
    assert by_name(docs, "FW § 10").title == "Fachliche Weisungen § 10 SGB II – Zumutbarkeit"


def test_name_comes_from_the_pdf_text_not_the_file_name(tmp_path: Path) -> None:
    renamed = tmp_path / "weisung_ohne_hinweis.pdf"
    shutil.copy(WEISUNGEN / "FW_SGB_II_Par_19_Buergergeld_2023.pdf", renamed)
    doc = parse_guideline_pdf(renamed)
    assert doc.name == "FW § 19"
    assert doc.stand == "2023-01-01"
    assert parse_guideline_pdf(renamed, name="FW § 19 (intern)").units[0].doc == "FW § 19 (intern)"


def test_detects_guideline_pdfs() -> None:
    for file in EXPECTED:
        with pymupdf.open(WEISUNGEN / file) as doc:
            assert is_guideline_pdf(doc), file
    other = pymupdf.open()
    other.new_page().insert_text((72, 72), "Mietobergrenzen im Kreis, Stand 2025")
    assert not is_guideline_pdf(other)
    # a local instruction that only mentions the guidelines has no Randzeichen column
    local = pymupdf.open()
    page = local.new_page()
    page.insert_text((72, 72), "Ergänzende Hinweise zu den Fachlichen Weisungen SGB II")
    page.insert_text((72, 100), "Fachliche Weisungen § 22 SGB II: siehe dort (Rz. 22.5).")
    assert not is_guideline_pdf(local)


# --- Randzeichen --------------------------------------------------------------------------------


def test_fw21_rz_21_27_is_the_right_paragraph(docs: dict[str, Document]) -> None:
    doc = by_name(docs, "FW § 21")
    rz = unit(doc, "Rz. 21.27")
    assert doc.stand == "2024-11-25"
    assert rz.role == UnitRole.TEXT
    assert rz.section == "§ 21"
    assert rz.page == 13
    assert rz.text.startswith(
        "(9) Für Säuglinge, Kinder und Jugendliche sind bei der Festlegung der Mehrbedarfe die Empfehlungen des DV"
    )
    assert rz.text.rstrip().endswith("Zum Verfahren bei einem weiteren Ermittlungsbedarf siehe Randzeichen 21.34.")
    # the next paragraph, beside (21.28), is not part of it
    assert "(21.28)" not in rz.text and not unit(doc, "Rz. 21.28").text.startswith("(9)")
    assert rz.title == "Säuglinge, Kinder und Jugendliche"
    assert rz.breadcrumb == (
        "5. Mehrbedarf für Ernährung (§ 21 Absatz 5)",
        "5.1 Voraussetzungen",
        "Säuglinge, Kinder und Jugendliche",
    )
    assert rz.link == "" and rz.footnotes == ""


def test_margin_title_and_heading_make_the_breadcrumb(docs: dict[str, Document]) -> None:
    doc = by_name(docs, "FW § 21")
    rz = unit(doc, "Rz. 21.8")  # "Allgemein (21.8)" sits level with the chapter heading
    assert rz.title == "Allgemein"
    assert rz.breadcrumb == ("3. Mehrbedarf für Alleinerziehende (§ 21 Absatz 3)", "Allgemein")
    assert rz.page == 7
    assert rz.text.startswith("(1) Für Alleinerziehende wird unter den Voraussetzungen des § 21")
    assert not rz.text.startswith(("Allgemein", "3. Mehrbedarf"))
    assert unit(doc, "Rz. 21.1").breadcrumb == ("1. Allgemeines", "Allgemeines")


def test_fw12_rz_style_margin_notes(docs: dict[str, Document]) -> None:
    doc = by_name(docs, "FW § 12")
    rz = unit(doc, "Rz. 12.14")  # printed as "(Rz. 12.14)"
    assert rz.title == "Altersvorsorge"
    assert rz.text.startswith("(1) Für die Altersvorsorge bestimmte Versicherungsverträge sind nicht als Vermögen")
    unit(doc, "Rz. 12.7")  # printed without the dot: "(Rz 12.7)"
    unit(doc, "Rz. 12.18")


def test_merged_margin_note_in_fw9(docs: dict[str, Document]) -> None:
    # pymupdf puts "Unterhaltsvermutung (9.20)" into the body's block; only the column counts
    rz = unit(by_name(docs, "FW § 9"), "Rz. 9.20")
    assert rz.text.startswith("(1) Durch § 9 Absatz 5 SGB II wird die gesetzliche Vermutung aufgestellt")
    assert rz.title == "Unterhaltsvermutung"
    assert rz.breadcrumb[-1] == "Unterhaltsvermutung"
    assert "Unterhaltsvermutung (9.20)" not in rz.text and "(9.20)" not in rz.text
    assert rz.page == 12


def test_randzeichen_are_complete_and_in_order(docs: dict[str, Document]) -> None:
    for file, (name, _, last, minimum) in EXPECTED.items():
        doc = docs[file]
        units = rz_units(doc)
        assert len(units) >= minimum, f"{name}: only {len(units)} Randzeichen"
        keys = [rz_key(u.label) for u in units]
        para = keys[0][0]
        assert units[0].label == f"Rz. {para}.1", name
        assert units[-1].label == last, name
        increasing = sum(1 for a, b in zip(keys, keys[1:]) if b > a)
        assert increasing >= 0.95 * (len(keys) - 1), f"{name}: Randzeichen out of order"
        numbers = {k[2] for k in keys}
        for u in units:  # ranges of repealed Randzeichen ("Rz. 7.133–7.153") cover their numbers
            m = RZ_LABEL.match(u.label)
            if m.group(4):
                numbers.update(range(int(m.group(2)), int(m.group(5)) + 1))
        span = range(min(numbers), max(numbers) + 1)
        assert len(numbers & set(span)) >= 0.95 * len(span), f"{name}: Randzeichen missing"
        assert all(u.role == UnitRole.TEXT and u.text.strip() for u in units), name
        assert all(u.page and u.page > 1 for u in units), name


def test_missing_parenthesis_and_ranges(docs: dict[str, Document]) -> None:
    unit(by_name(docs, "FW § 21"), "Rz. 21.49")  # printed "21.49)"
    fw7 = by_name(docs, "FW § 7")
    unit(fw7, "Rz. 7.111")  # printed "(7.111"
    repealed = unit(fw7, "Rz. 7.133–7.153")
    assert repealed.title == "aufgehoben"
    unit(by_name(docs, "FW § 10"), "Rz. 10.42")  # its margin note sits further left


def test_labels_unique_and_order_running(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        labels = [u.label for u in doc.units]
        assert len(labels) == len(set(labels)), doc.name
        assert [u.order for u in doc.units] == list(range(len(doc.units)))
        assert len({u.unit_id for u in doc.units}) == len(doc.units)
        assert all(u.page is None or 1 <= u.page for u in doc.units)


def test_sections_of_fw_11_11b(docs: dict[str, Document]) -> None:
    doc = by_name(docs, "FW § 11-11b")
    assert unit(doc, "Rz. 11.1").section == "§ 11"
    assert unit(doc, "Rz. 11.40").section == "§ 11"  # Kindergeld
    assert unit(doc, "Rz. 11.75").section == "§ 11a"  # Erbschaften, privilegiertes Einkommen
    assert unit(doc, "Rz. 11.118").section == "§ 11b"  # Steuern, Absetzbeträge
    assert {u.section for u in rz_units(doc)} == {"§ 11", "§ 11a", "§ 11b"}
    sections = [u.section for u in rz_units(doc)]
    assert sections == sorted(sections, key=["§ 11", "§ 11a", "§ 11b"].index)
    assert all(u.section == "§ 9" for u in rz_units(by_name(docs, "FW § 9")))


# --- text cleaning ------------------------------------------------------------------------------


def test_no_running_headers_or_footers_in_units(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for u in doc.units:
            found = HEADER_LINE.search(u.text)
            assert found is None, f"{doc.name} {u.label}: header/footer line {found.group(0)!r}"
            assert "BA Zentrale" not in u.text and "BA-Zentrale" not in u.text, (doc.name, u.label)


def test_dehyphenation_and_paragraphs(docs: dict[str, Document]) -> None:
    doc = by_name(docs, "FW § 21")
    rz = unit(doc, "Rz. 21.9")  # "Vo-" / "raussetzungen", "gemeinsa-" / "men"
    assert "dass die Voraussetzungen für den Mehrbedarf vorliegen" in rz.text
    assert "im gemeinsamen Haushalt leben" in rz.text
    # a paragraph running over a page break (page 7 → 8) stays one paragraph
    halber = unit(doc, "Rz. 21.11")
    assert "auch dann Anspruch auf den ungekürzten (maßgebenden) Mehrbedarf für Alleinerziehende" in halber.text
    assert "\n" not in halber.text.split("(5)")[0].strip()
    # paragraph and list breaks survive as new lines
    lines = unit(doc, "Rz. 21.16").text.split("\n")
    assert lines[0].startswith("(4) Der Mehrbedarf wird anerkannt, wenn")
    assert lines[1].startswith("• Leistungen zur Teilhabe am Arbeitsleben nach § 49 SGB IX")
    for d in docs.values():
        for u in d.units:
            assert not re.search(r"[a-zäöüß]-\n[a-zäöüß]", u.text), (d.name, u.label)


def test_table_rows_stay_readable(docs: dict[str, Document]) -> None:
    rz = unit(by_name(docs, "FW § 21"), "Rz. 21.8")  # page 7: percentages for single parents
    lines = [line.strip() for line in rz.text.split("\n")]
    header = next(line for line in lines if line.startswith("Prozent"))
    assert header.endswith("12 | 24 | 36 | 48 | 60")
    rows = {line.split(" | ")[0]: line.split(" | ")[1:] for line in lines if " | " in line}
    # the X stands in the column of the percentage that applies
    assert rows["1 Kind < 7"] == ["", "", "X"]  # 36 %
    assert rows["1 Kind > 7"] == ["X"]  # 12 %
    assert rows["2 Kinder > 16"] == ["", "X"]  # 24 %
    assert rows["4 Kinder"] == ["", "", "", "X"]  # 48 %
    assert rows["5 Kinder oder mehr"] == ["", "", "", "", "X"]  # 60 %
    regel = unit(by_name(docs, "FW § 12"), "Rz. 12.21")  # a table without vertical rules
    assert "1 - 4 | 130 | 140" in regel.text


def test_footnotes_are_separated(docs: dict[str, Document]) -> None:
    rz = unit(by_name(docs, "FW § 5"), "Rz. 5.16")
    assert rz.footnotes.startswith("1 Lediglich bei Kindergeld nach dem Bundeskindergeldgesetz")
    assert "Lediglich bei Kindergeld" not in rz.text
    assert "Kindergeld¹" in rz.text


# --- change log, law text, appendices -----------------------------------------------------------


def test_change_log_is_labelled_changelog(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        changelog = [u for u in doc.units if u.role == UnitRole.CHANGELOG]
        assert changelog, doc.name
        assert all(u.label.startswith("Wesentliche Änderungen") for u in changelog)
        assert all(not u.label.startswith("Rz.") for u in changelog)
        assert doc.units[0].role == UnitRole.CHANGELOG
    fw12 = by_name(docs, "FW § 12")
    log = "\n".join(u.text for u in fw12.units if u.role == UnitRole.CHANGELOG)
    assert "Rz. 12.31: Ergänzung „Wertermittlung von Auslandimmobilien“" in log
    rz = unit(fw12, "Rz. 12.31")  # the reference in the log is not a unit start
    assert rz.role == UnitRole.TEXT and "Ergänzung „Wertermittlung" not in rz.text
    fw21 = by_name(docs, "FW § 21")
    latest = unit(fw21, "Wesentliche Änderungen (Fassung vom 25.11.2024)")
    assert latest.role == UnitRole.CHANGELOG and latest.page == 2
    assert "Randzeichen 21.27: Konkretisierung" in latest.text


def test_law_text_is_labelled_law_quote(docs: dict[str, Document]) -> None:
    fw21 = by_name(docs, "FW § 21")
    law = unit(fw21, "Gesetzestext")
    assert law.role == UnitRole.LAW_QUOTE
    assert law.text.startswith("(1) Mehrbedarfe umfassen Bedarfe nach den Absätzen 2 bis 7")
    assert law.page == 3
    for u in rz_units(fw21):
        assert "Mehrbedarfe umfassen Bedarfe nach den Absätzen 2 bis 7" not in u.text
    fw11 = by_name(docs, "FW § 11-11b")
    quotes = {u.section for u in fw11.units if u.role == UnitRole.LAW_QUOTE and u.title.startswith("§")}
    assert quotes == {"§ 11", "§ 11a", "§ 11b"}
    for doc in docs.values():
        assert any(u.role == UnitRole.LAW_QUOTE and u.label == "Gesetzestext" for u in doc.units), doc.name


def test_title_page_and_table_of_contents_are_dropped(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for u in doc.units:
            assert "Inhaltsverzeichnis" not in u.text, (doc.name, u.label)
            assert not re.search(r"\.{8,}", u.text), (doc.name, u.label)
            assert u.page != 1, (doc.name, u.label)
    preamble = [u for u in by_name(docs, "FW § 16").units if u.role == UnitRole.PREAMBLE]
    assert len(preamble) == 1 and preamble[0].text.startswith("(1) Zur Unterstützung der Teilnahme")


def test_appendices_are_units_of_their_own(docs: dict[str, Document]) -> None:
    fw21 = by_name(docs, "FW § 21")
    anlage = unit(fw21, "Anlage 1")
    assert anlage.page == 24
    assert anlage.title.startswith("Übersicht zum Mehrbedarf bei kostenaufwändiger Ernährung bei Erwachsenen")
    assert "1. Mukoviszidose/zystische Fibrose | 30" in anlage.text
    assert "Mukoviszidose" not in unit(fw21, "Rz. 21.49").text
    assert [u.label for u in by_name(docs, "FW § 7").units if u.label.startswith("Anlage")] == [
        "Anlage 1", "Anlage 2", "Anlage 3", "Anlage 4", "Anlage 5",
    ]


# --- bad input ----------------------------------------------------------------------------------


def _assert_rejected(path: Path) -> InvalidDocumentError:
    with pytest.raises(InvalidDocumentError) as info:
        parse_guideline_pdf(path)
    assert info.value.filename == path.name
    assert path.name in info.value.message
    return info.value


def test_corrupt_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.pdf"
    path.write_bytes(bytes(range(256)) * 20)
    _assert_rejected(path)


def test_truncated_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "abgeschnitten.pdf"
    path.write_bytes((WEISUNGEN / "FW_SGB_II_Par_19_Buergergeld_2023.pdf").read_bytes()[:3000])
    _assert_rejected(path)


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "leer.pdf"
    path.write_bytes(b"")
    assert "leer" in _assert_rejected(path).reason


def test_encrypted_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "geschuetzt.pdf"
    with pymupdf.open(WEISUNGEN / "FW_SGB_II_Par_19_Buergergeld_2023.pdf") as doc:
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    assert "verschlüsselt" in _assert_rejected(path).reason


def test_pdf_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    doc = pymupdf.open()
    doc.new_page()
    doc.save(path)
    _assert_rejected(path)


def test_pdf_that_is_no_guideline_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Sehr geehrte Damen und Herren, anbei die Unterlagen.")
    doc.save(path)
    _assert_rejected(path)
