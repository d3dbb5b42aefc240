"""The shared text helpers and input limits of the parsers (`sources.text`, `sources.limits`)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest

from assistant.config import PROJECT_ROOT, Settings
from assistant.errors import InvalidDocumentError
from assistant.sources import parse_file
from assistant.sources.generic import parse_generic
from assistant.sources.gii_xml import read_gii_bytes
from assistant.sources.guideline_pdf import parse_guideline_pdf
from assistant.sources.text import (
    find_stand,
    iso_date,
    join_all,
    join_lines,
    latest_date,
    split_sentences,
    squash,
)

CORPUS = PROJECT_ROOT / "corpus"


# --- text ---------------------------------------------------------------------------------------------


def test_iso_date_takes_day_month_year_in_that_order() -> None:
    assert iso_date(22, 12, 2025) == iso_date("22", "12", "2025") == "2025-12-22"
    assert iso_date(31, 2, 2026) is None
    assert latest_date("zuletzt geändert durch Art. 8 G v. 22.12.2025, davor G v. 1.7.2023") == "2025-12-22"


def test_find_stand_reads_numeric_iso_and_month_forms() -> None:
    assert find_stand("Stand: 1.7.2023") == ("2023-07-01", "Stand: 1.7.2023")
    assert find_stand("stand vom 2026-01-15") == ("2026-01-15", "Stand: vom 2026-01-15")
    assert find_stand("Stand Jänner 2026") == ("2026-01-01", "Stand: Jänner 2026")
    assert find_stand("Rechtsstand 01.01.2026") is None


def test_squash_treats_non_breaking_spaces_as_spaces() -> None:
    assert squash("  § 22\u00a0Abs.\t1 \n SGB II ") == "§ 22 Abs. 1 SGB II"


@pytest.mark.parametrize("text,line,joined", [
    ("Leis-", "tungen", "Leistungen"),
    ("Kranken-", "und Pflegeversicherung", "Kranken- und Pflegeversicherung"),
    ("Kinder-", "wie Jugendhilfe", "Kinder- wie Jugendhilfe"),
    ("Bürgergeld-", "Gesetz", "Bürgergeld-Gesetz"),
    ("und/", "oder", "und/oder"),
    ("Satz 1", "gilt", "Satz 1 gilt"),
])
def test_join_lines_undoes_hyphenation_but_keeps_real_hyphens(text: str, line: str, joined: str) -> None:
    assert join_lines(text, line) == joined


def test_split_sentences_keeps_references_and_ordinals_together() -> None:
    text = "Die Leistung nach § 22 Abs. 1 Satz 3 wird z. B. ab dem 1. Januar erbracht. Sie gilt bis zum 15. Lebensjahr."
    assert split_sentences(text) == [
        "Die Leistung nach § 22 Abs. 1 Satz 3 wird z. B. ab dem 1. Januar erbracht.",
        "Sie gilt bis zum 15. Lebensjahr.",
    ]


def test_split_sentences_reads_the_words_before_a_boundary_beyond_its_window() -> None:
    long_word = "Grundsicherungsleistungsberechtigungsvoraussetzungsprüfungsverfahrensordnung" * 2
    assert split_sentences(f"Es gilt {long_word}. Die Regel") == [f"Es gilt {long_word}.", "Die Regel"]
    assert split_sentences(f"{long_word} nach Satz 2. Die Regel") == [f"{long_word} nach Satz 2.", "Die Regel"]
    assert split_sentences(f"{long_word} des 15. Lebensjahres") == [f"{long_word} des 15. Lebensjahres"]
    assert split_sentences(f"{long_word} z. B. Miete") == [f"{long_word} z. B. Miete"]


def test_generic_pdf_keeps_a_real_hyphen_before_a_capital(tmp_path: Path) -> None:
    """A line broken after "BSG-" before "Urteil" reads "BSG-Urteil" (it read "BSG- Urteil" before)."""
    path = tmp_path / "hinweise.pdf"
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_text((72, 100), "Hinweise zum Umzug", fontsize=18, fontname="hebo")
    for i, line in enumerate(["Nach dem BSG-", "Urteil vom 28.11.2018 werden Umzugskosten und/",
                              "oder Kautionen übernommen, wenn die Miete ange-", "messen ist."]):
        page.insert_text((72, 140 + 14 * i), line, fontsize=11)
    pdf.save(path)
    doc = parse_generic(path)
    assert "Nach dem BSG-Urteil vom 28.11.2018 werden Umzugskosten und/oder Kautionen übernommen, wenn die " \
           "Miete angemessen ist." in doc.units[0].text
    assert join_all(["Nach dem BSG-", "Urteil"]) == "Nach dem BSG-Urteil"


def test_generic_long_paragraph_is_cut_at_sentence_ends_not_after_abbreviations(tmp_path: Path) -> None:
    sentence = "Die Kosten nach § 22 Abs. 1 Satz 3 werden übernommen, soweit sie angemessen sind; sonst nicht. "
    path = tmp_path / "lang.md"
    path.write_text("# Richtlinie\n\n" + sentence * 60, encoding="utf-8")
    doc = parse_generic(path)
    parts = [p for u in doc.units for p in u.text.split("\n\n")]
    assert len(parts) > 1
    assert all(p.endswith("sonst nicht.") for p in parts)  # never inside "Abs. 1" or at the ";"


# --- limits -------------------------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Dienstanweisung", level=1)
    document.add_paragraph("Ein Absatz mit Text. " * 400)
    document.save(path)
    return path


def test_size_limit_has_one_wording_for_every_format_and_entry_point(tmp_path: Path) -> None:
    small = Settings(index_dir=tmp_path / "index", max_upload_bytes=5_000)
    files = [CORPUS / "gesetze" / "rbsfv_2026.xml", CORPUS / "weisungen" / "FW_SGB_II_Par_06_Traeger_Aussendienst.pdf",
             CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md", _docx(tmp_path / "anweisung.docx")]
    messages = set()
    for path in files:
        assert path.stat().st_size > small.max_upload_bytes
        with pytest.raises(InvalidDocumentError) as exc:
            parse_file(path, small)
        messages.add(exc.value.reason.split(" (")[0])
    with pytest.raises(InvalidDocumentError) as exc:
        read_gii_bytes(files[0], small)
    messages.add(exc.value.reason.split(" (")[0])
    with pytest.raises(InvalidDocumentError) as exc:
        parse_generic(files[2], settings=small)
    messages.add(exc.value.reason.split(" (")[0])
    assert messages == {"Die Datei ist größer als die erlaubten 0 MB"}


def test_parse_file_checks_and_reads_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.sources import limits

    calls: list[str] = []
    real = limits.check_size
    monkeypatch.setattr(limits, "check_size", lambda name, size, settings: (calls.append(name), real(name, size, settings)))
    reads: list[str] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (reads.append(self.name), real_read(self))[1])
    settings = Settings(index_dir=tmp_path / "index")
    for path in (CORPUS / "gesetze" / "rbsfv_2026.xml", CORPUS / "weisungen" / "FW_SGB_II_Par_06_Traeger_Aussendienst.pdf",
                 CORPUS / "intern" / "KdU_Richtlinie_Beispielkreis.md"):
        calls.clear()
        reads.clear()
        assert parse_file(path, settings).units
        assert calls == [path.name] and reads == [path.name]


def test_guideline_parser_alone_applies_the_limits(tmp_path: Path) -> None:
    empty = tmp_path / "FW_SGB_II_Par_99_Leer.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InvalidDocumentError, match="leer"):
        parse_guideline_pdf(empty)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bombs_are_refused_alike_in_a_law_zip_and_a_docx(tmp_path: Path) -> None:
    zeros = b"\0" * (4 * 1024 * 1024)
    law = tmp_path / "sgb_2.xml.zip"
    law.write_bytes(_zip({"BJNR295500003.xml": zeros}))
    word = tmp_path / "bombe.docx"
    with zipfile.ZipFile(_docx(tmp_path / "basis.docx")) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    word.write_bytes(_zip({**members, "word/media/fuellung.bin": zeros}))
    reasons = []
    for path in (law, word):
        with pytest.raises(InvalidDocumentError) as exc:
            parse_file(path, Settings(index_dir=tmp_path / "index"))
        reasons.append(exc.value.reason)
    assert all("ZIP-Bombe" in r and "Sicherheitsgründen" in r for r in reasons)
    assert reasons[0].replace("ZIP-Datei", "Word-Datei") == reasons[1]


# --- the guideline parser's package -----------------------------------------------------------------

# each module may import only the modules before it: no cycles, patterns and records at the bottom
GUIDELINE_LAYERS = ["patterns", "records", "layout", "classify", "assemble", "__init__"]


def test_guideline_package_imports_only_downwards() -> None:
    import ast

    package = PROJECT_ROOT / "assistant" / "sources" / "guideline_pdf"
    assert sorted(p.stem for p in package.glob("*.py")) == sorted(GUIDELINE_LAYERS)
    for level, name in enumerate(GUIDELINE_LAYERS):
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            node.module.rsplit(".", 1)[-1]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and "guideline_pdf" in node.module
        }
        below = set(GUIDELINE_LAYERS[:level])
        assert imported <= below, f"{name} imports {imported - below} from above itself"
