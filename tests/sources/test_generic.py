"""Parsers for editors' own documents: the example guideline, each format, and bad files."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pymupdf
import pytest
from docx.enum.style import WD_STYLE_TYPE

from assistant.config import PROJECT_ROOT, Settings
from assistant.errors import InvalidDocumentError
from assistant.model import Citation, DocKind, Visibility
from assistant.sources.generic import MAX_UNIT_CHARS, SUPPORTED_EXTENSIONS, find_stand, parse_generic

EXAMPLE = PROJECT_ROOT / "corpus" / "intern" / "KdU_Richtlinie_Beispielkreis.md"


def _labels(doc) -> list[str]:
    return [u.label for u in doc.units]


def _unit(doc, label: str):
    matches = [u for u in doc.units if u.label == label]
    assert matches, f"no unit {label!r} in {_labels(doc)}"
    return matches[0]


# --------------------------------------------------------------------------- the example guideline


def test_example_guideline_parses_into_heading_units() -> None:
    doc = parse_generic(EXAMPLE)
    assert doc.kind == DocKind.OTHER
    assert doc.visibility == Visibility.INTERNAL
    assert doc.name == doc.title == "KdU-Richtlinie Jobcenter Beispielkreis"
    assert doc.stand == "2026-01-01"
    assert doc.stand_text == "Stand: 01.01.2026"
    assert doc.source == str(EXAMPLE) and len(doc.sha256) == 64
    labels = _labels(doc)
    assert len(labels) >= 8 and len(set(labels)) == len(labels)
    assert "2. Mietobergrenzen (Bruttokaltmiete) › Was zur Bruttokaltmiete gehört" in labels
    assert "4. Karenzzeit und Kostensenkungsverfahren › 4.2 Kostensenkungsaufforderung" in labels
    # the H1 names the document and is not repeated in every path
    assert all(not u.label.startswith("KdU-Richtlinie") for u in doc.units)
    limits = _unit(doc, "2. Mietobergrenzen (Bruttokaltmiete)")
    assert "Mietobergrenze Beispielkreis" in limits.text
    assert "1 Person | 50 m² | 487,50 Euro" in limits.text  # Markdown table kept as rows
    assert "|---" not in limits.text and "**" not in limits.text
    assert limits.breadcrumb == ("2. Mietobergrenzen (Bruttokaltmiete)",)
    sub = _unit(doc, "4. Karenzzeit und Kostensenkungsverfahren › 4.1 Karenzzeit (§ 22 Abs. 1 SGB II)")
    assert sub.section == "4. Karenzzeit und Kostensenkungsverfahren"
    assert sub.title == "4.1 Karenzzeit (§ 22 Abs. 1 SGB II)"
    assert sub.page is None
    assert "BEISPIEL – erfundene Werte" in doc.units[0].text
    assert [u.order for u in doc.units] == list(range(len(doc.units)))
    assert str(Citation(doc.name, doc.kind, limits.label)) == "KdU-Richtlinie Jobcenter Beispielkreis, 2. Mietobergrenzen (Bruttokaltmiete)"


def test_parameters_override_name_visibility_and_stand() -> None:
    doc = parse_generic(EXAMPLE, name="KdU Beispielkreis", visibility=Visibility.PUBLIC, stand="15.03.2026")
    assert doc.name == "KdU Beispielkreis" and all(u.doc == "KdU Beispielkreis" for u in doc.units)
    assert doc.visibility == Visibility.PUBLIC
    assert (doc.stand, doc.stand_text) == ("2026-03-15", "Stand: 15.03.2026")
    assert parse_generic(EXAMPLE, stand="2026-02-01").stand == "2026-02-01"
    with pytest.raises(InvalidDocumentError, match="Stand-Datum"):
        parse_generic(EXAMPLE, stand="31.02.2026")


# --------------------------------------------------------------------------- Markdown and text


def test_markdown_heading_paths_and_long_sections_split(tmp_path: Path) -> None:
    paragraph = "Dies ist ein Satz über die Angemessenheit der Unterkunft. " * 12  # ~700 chars
    text = (
        "# Handbuch\n\nStand: März 2025\n\n"
        "## Mietobergrenzen\n\nAllgemeines zur Grenze.\n\n"
        "### Einpersonenhaushalt\n\nHöchstens 487,50 Euro.\n\n"
        "### Leer\n\n"
        "## Lange Hinweise\n\n" + "\n\n".join([paragraph] * 8) + "\n\n"
        "## Mietobergrenzen\n\nDoppelte Überschrift.\n"
    )
    path = tmp_path / "hand_buch.md"
    path.write_text(text, encoding="utf-8")
    doc = parse_generic(path)
    assert doc.title == "Handbuch" and doc.stand == "2025-03-01" and doc.stand_text == "Stand: März 2025"
    labels = _labels(doc)
    assert labels[:3] == ["Vorbemerkung", "Mietobergrenzen", "Mietobergrenzen › Einpersonenhaushalt"]
    assert not any("Leer" in label for label in labels)  # empty sections are skipped
    assert _unit(doc, "Mietobergrenzen › Einpersonenhaushalt").breadcrumb == ("Mietobergrenzen", "Einpersonenhaushalt")
    parts = [u for u in doc.units if u.label.startswith("Lange Hinweise")]
    assert len(parts) >= 3
    assert [u.label for u in parts[:2]] == ["Lange Hinweise", "Lange Hinweise (Teil 2)"]
    assert all(len(u.text) <= MAX_UNIT_CHARS for u in parts)
    assert all(u.text.endswith("Unterkunft.") for u in parts)  # cut at paragraph boundaries
    assert "Mietobergrenzen (2)" in labels  # labels stay unique
    assert len(set(labels)) == len(labels)


def test_plain_text_without_headings_uses_running_sections(tmp_path: Path) -> None:
    long_paragraph = "Wörter über Heizkosten und Warmwasser. " * 40  # ~1600 chars
    path = tmp_path / "notiz_kdu-2025.txt"
    path.write_bytes(("Kurze Notiz zur KdU.\n\n" + long_paragraph + "\n\n" + long_paragraph).encode("cp1252"))
    mtime = date(2024, 5, 6)
    os.utime(path, (_timestamp(mtime), _timestamp(mtime)))
    doc = parse_generic(path)
    assert doc.name == "notiz kdu-2025"  # readable file stem
    assert _labels(doc) == ["Abschnitt 1", "Abschnitt 2"]
    assert "Wörter über Heizkosten" in doc.units[1].text  # cp1252 decoded
    assert doc.stand == "2024-05-06" and "Änderungsdatum" in doc.stand_text
    assert doc.notes


def _timestamp(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, 12).timestamp())


def test_plain_text_setext_headings_and_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "ablauf.txt"
    path.write_bytes("\ufeffAblauf\n=======\n\nStand: 1.2.2026\n\nPrüfung\n-------\nErst prüfen,\ndann handeln.\n".encode("utf-8"))
    doc = parse_generic(path)
    assert doc.title == "Ablauf" and doc.stand == "2026-02-01"
    assert _unit(doc, "Prüfung").text == "Erst prüfen, dann handeln."


def test_find_stand_variants() -> None:
    assert find_stand("Rundschreiben – Stand: 01.01.2026") == ("2026-01-01", "Stand: 01.01.2026")
    assert find_stand("Stand vom 3.7.2025, gültig ab …")[0] == "2025-07-03"
    assert find_stand("Stand: Juli 2024")[0] == "2024-07-01"
    assert find_stand("Stand: 31.02.2026") is None
    assert find_stand("kein Datum hier") is None


# --------------------------------------------------------------------------- HTML


def test_html_drops_script_style_nav_and_keeps_tables(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Intranet-Seite</title><style>p{color:red}</style></head>
    <body><nav><a href="/">Startseite</a> Menüpunkt</nav><script>var geheim = 1;</script>
    <h1>Heizkosten</h1><p>Stand: 01.10.2025</p>
    <h2>Richtwerte</h2><p>Die <b>Richtwerte</b> gelten je m²<br>für die Miet<i>ober</i>grenze.</p>
    <table><tr><th>Energieträger</th><th>Euro</th></tr><tr><td>Erdgas</td><td>1,65</td></tr></table>
    <h2>Prüfung</h2><div>Lose Zeile im div.<ul><li>erster Punkt</li><li>zweiter Punkt</li></ul></div>
    </body></html>"""
    path = tmp_path / "heizkosten.html"
    path.write_text(html, encoding="utf-8")
    doc = parse_generic(path)
    assert doc.title == "Heizkosten" and doc.stand == "2025-10-01"
    assert _labels(doc) == ["Vorbemerkung", "Richtwerte", "Prüfung"]
    everything = "\n".join(u.text for u in doc.units)
    assert "geheim" not in everything and "Menüpunkt" not in everything and "color" not in everything
    richtwerte = _unit(doc, "Richtwerte")
    assert "Die Richtwerte gelten je m² für die Mietobergrenze." in richtwerte.text
    assert "Energieträger | Euro\nErdgas | 1,65" in richtwerte.text
    assert _unit(doc, "Prüfung").text.startswith("Lose Zeile im div.\n\n- erster Punkt")
    assert "- zweiter Punkt" in _unit(doc, "Prüfung").text


# --------------------------------------------------------------------------- DOCX


def _docx_bytes(core_title: str = "Dienstanweisung Umzug") -> bytes:
    document = docx.Document()
    document.core_properties.title = core_title
    document.add_paragraph("Stand: 01.12.2025")
    document.add_heading("Umzug", level=1)
    document.add_paragraph("Vor dem Umzug ist die Zusicherung einzuholen.")
    document.add_heading("Zusicherung", level=2)
    document.add_paragraph("Die Zusicherung wird erteilt, wenn der Umzug erforderlich ist.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Personen", "Grenze"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "487,50 Euro"
    german = document.styles.add_style("Überschrift 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_heading("Kaution", level=1)
    document.add_paragraph("Darlehen", style=german)
    document.add_paragraph("Die Mietkaution wird als Darlehen übernommen.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_headings_tables_and_core_title(tmp_path: Path) -> None:
    path = tmp_path / "umzug.docx"
    path.write_bytes(_docx_bytes())
    doc = parse_generic(path)
    assert doc.title == "Dienstanweisung Umzug" and doc.stand == "2025-12-01"
    assert _labels(doc) == ["Vorbemerkung", "Umzug", "Umzug › Zusicherung", "Kaution › Darlehen"]
    zusicherung = _unit(doc, "Umzug › Zusicherung")
    assert zusicherung.text.endswith("Personen | Grenze\n1 | 487,50 Euro")
    assert zusicherung.breadcrumb == ("Umzug", "Zusicherung")
    assert _unit(doc, "Kaution › Darlehen").text == "Die Mietkaution wird als Darlehen übernommen."


# --------------------------------------------------------------------------- PDF


def _pdf_with_headings(path: Path) -> None:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 80), "Merkblatt Wohnkosten", fontsize=22, fontname="hebo")
    page.insert_text((72, 110), "Stand: 01.01.2026", fontsize=11)
    page.insert_text((72, 150), "Mietobergrenzen", fontsize=16, fontname="hebo")
    page.insert_text((72, 180), "Einpersonenhaushalt", fontsize=11, fontname="hebo")
    page.insert_text((72, 200), "Die Grenze beträgt 487,50 Euro im Monat.", fontsize=11)
    page.insert_text((72, 214), "Sie gilt für den ganzen Kreis.", fontsize=11)
    page = document.new_page()
    page.insert_text((72, 80), "Heizkosten", fontsize=16, fontname="hebo")
    page.insert_text((72, 110), "Richtwerte gelten je Quadratmeter.", fontsize=11)
    x0, y0, width, height = 72, 140, 140, 20
    for r, row in enumerate([["Energieträger", "Euro je m²"], ["Erdgas", "1,65"], ["Heizöl", "1,80"]]):
        for c, cell in enumerate(row):
            rect = pymupdf.Rect(x0 + c * width, y0 + r * height, x0 + (c + 1) * width, y0 + (r + 1) * height)
            page.draw_rect(rect, color=(0, 0, 0), width=0.8)
            page.insert_text((rect.x0 + 3, rect.y1 - 6), cell, fontsize=10)
    page.insert_text((72, 240), "Darüber wird der Einzelfall geprüft.", fontsize=11)
    document.set_metadata({"title": ""})
    document.save(path)


def test_pdf_headings_from_font_size_and_bold_with_pages_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "merkblatt.pdf"
    _pdf_with_headings(path)
    doc = parse_generic(path)
    assert doc.title == "Merkblatt Wohnkosten" and doc.stand == "2026-01-01"
    assert _labels(doc) == ["Vorbemerkung", "Mietobergrenzen › Einpersonenhaushalt", "Heizkosten"]
    one = _unit(doc, "Mietobergrenzen › Einpersonenhaushalt")
    assert one.page == 1
    assert one.text == "Die Grenze beträgt 487,50 Euro im Monat. Sie gilt für den ganzen Kreis."
    heating = _unit(doc, "Heizkosten")
    assert heating.page == 2
    assert "Energieträger | Euro je m²\nErdgas | 1,65\nHeizöl | 1,80" in heating.text
    assert heating.text.index("Richtwerte") < heating.text.index("Erdgas") < heating.text.index("Einzelfall")


def test_pdf_without_headings_is_split_by_page_and_drops_page_numbers(tmp_path: Path) -> None:
    document = pymupdf.open()
    for number in range(1, 4):
        page = document.new_page()
        page.insert_text((72, 30), "Jobcenter Beispielkreis – intern – Stand: 01.03.2025", fontsize=9)
        page.insert_text((72, 100), f"Inhalt der Seite {number} über Bedarfe.", fontsize=11)
        page.insert_text((290, 820), f"{number}", fontsize=9)
    document.set_metadata({"title": "Protokoll Teamsitzung"})
    path = tmp_path / "protokoll.pdf"
    document.save(path)
    doc = parse_generic(path, stand="2026-01-10")
    assert doc.name == "Protokoll Teamsitzung"
    assert _labels(doc) == ["Seite 1", "Seite 2", "Seite 3"]
    assert [u.page for u in doc.units] == [1, 2, 3]
    assert doc.units[2].text == "Inhalt der Seite 3 über Bedarfe."  # running header and page number gone
    assert doc.stand == "2026-01-10"  # the parameter wins
    assert parse_generic(path).stand == "2025-03-01"  # else the Stand in the running header of page 1


def test_pdf_outline_gives_headings_when_fonts_do_not(tmp_path: Path) -> None:
    document = pymupdf.open()
    page = document.new_page()
    lines = [
        (80, "Einleitung"), (100, "Dieser Text erklärt das Verfahren."),
        (130, "Zweck der Richtlinie"), (150, "Die Richtlinie sorgt für einheitliche Entscheidungen."),
    ]
    for y, text in lines:
        page.insert_text((72, y), text, fontsize=11)
    page = document.new_page()
    page.insert_text((72, 80), "Verfahren bei Überschreitung der Miet-", fontsize=11)
    page.insert_text((72, 94), "obergrenze", fontsize=11)
    page.insert_text((72, 130), "Zuerst wird die Kostensenkung geprüft.", fontsize=11)
    document.set_toc([
        [1, "Einleitung", 1],
        [2, "Zweck der Richtlinie", 1],
        [1, "Verfahren bei Überschreitung der Mietobergrenze", 2],
    ])
    path = tmp_path / "gliederung.pdf"
    document.save(path)
    doc = parse_generic(path)
    assert _labels(doc) == [
        "Einleitung",
        "Einleitung › Zweck der Richtlinie",
        "Verfahren bei Überschreitung der Mietobergrenze",
    ]
    assert [u.page for u in doc.units] == [1, 1, 2]
    assert doc.units[2].text == "Zuerst wird die Kostensenkung geprüft."


# --------------------------------------------------------------------------- bad input


def _expect_rejected(path: Path, fragment: str) -> InvalidDocumentError:
    with pytest.raises(InvalidDocumentError) as info:
        parse_generic(path)
    assert info.value.filename == path.name
    assert path.name in info.value.message
    assert fragment in info.value.reason, info.value.reason
    return info.value


def test_empty_and_blank_files_are_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "leer.md"
    empty.write_bytes(b"")
    _expect_rejected(empty, "Die Datei ist leer.")
    blank = tmp_path / "leerzeichen.txt"
    blank.write_text("  \n\n\t\n", encoding="utf-8")
    _expect_rejected(blank, "keinen lesbaren Text")
    headings_only = tmp_path / "nur_ueberschriften.md"
    headings_only.write_text("# Titel\n\n## Abschnitt\n", encoding="utf-8")
    _expect_rejected(headings_only, "keinen lesbaren Text")


def test_binary_garbage_text_is_rejected(tmp_path: Path) -> None:
    garbage = tmp_path / "muell.txt"
    garbage.write_bytes(bytes(range(256)) * 20)
    _expect_rejected(garbage, "Binärdaten")


def test_unsupported_extension_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "tabelle.xlsx"
    path.write_bytes(b"PK\x03\x04")
    _expect_rejected(path, "nicht unterstützt")
    assert ".docx" in SUPPORTED_EXTENSIONS and ".xlsx" not in SUPPORTED_EXTENSIONS


def test_corrupt_docx_is_rejected(tmp_path: Path) -> None:
    not_zip = tmp_path / "kaputt.docx"
    not_zip.write_bytes(b"Das ist keine Word-Datei, nur Text.")
    _expect_rejected(not_zip, "keine gültige Word-Datei")
    no_document = tmp_path / "ohne_dokument.docx"
    with zipfile.ZipFile(no_document, "w") as archive:
        archive.writestr("hallo.txt", "hallo")
    _expect_rejected(no_document, "document.xml")
    truncated = tmp_path / "abgeschnitten.docx"
    truncated.write_bytes(_docx_bytes()[:-400])
    _expect_rejected(truncated, "Word-Datei")
    broken_xml = tmp_path / "kaputtes_xml.docx"
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as source, zipfile.ZipFile(broken_xml, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"<w:document><kaputt" if info.filename == "word/document.xml" else data)
    _expect_rejected(broken_xml, "Word-Datei")


def test_docx_zip_bomb_is_rejected_before_opening(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.docx"
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
        target.writestr("word/media/fuellung.bin", b"\0" * (8 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)
    assert bomb.stat().st_size < 100_000
    _expect_rejected(bomb, "Sicherheitsgründen")
    # the absolute limit holds too, even at a harmless ratio
    normal = tmp_path / "normal.docx"
    normal.write_bytes(_docx_bytes())
    with pytest.raises(InvalidDocumentError, match="Sicherheitsgründen"):
        parse_generic(normal, settings=Settings(max_unzipped_bytes=10_000))
    assert parse_generic(normal).units  # and the same file passes with the defaults


def test_corrupt_pdf_is_rejected(tmp_path: Path) -> None:
    garbage = tmp_path / "kaputt.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    _expect_rejected(garbage, "PDF")
    not_pdf = tmp_path / "text.pdf"
    not_pdf.write_bytes(b"Hallo, ich bin gar kein PDF.")
    _expect_rejected(not_pdf, "PDF")


def test_pdf_without_text_is_rejected(tmp_path: Path) -> None:
    document = pymupdf.open()
    page = document.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 200, 200), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    path = tmp_path / "scan.pdf"
    document.save(path)
    _expect_rejected(path, "eingescanntes Dokument")


def test_encrypted_pdf_is_rejected(tmp_path: Path) -> None:
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "Geheimer Inhalt", fontsize=11)
    path = tmp_path / "geschuetzt.pdf"
    document.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    _expect_rejected(path, "passwortgeschützt")


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    _expect_rejected(tmp_path / "gibt_es_nicht.md", "nicht gefunden")
