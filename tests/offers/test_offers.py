"""Job offers (issue 13) on real postings from eval/offers/: extraction, e-mail with PDF, bad input, spans."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pymupdf
import pytest

from assistant.catalog import Catalog
from assistant.config import PROJECT_ROOT
from assistant.config import Settings
from assistant.errors import InvalidDocumentError
from assistant.offers import extract_offer, read_offer_file, read_offer_text, split_offers
from assistant.offers.evaluation import evaluate
from assistant.offers.export import offer_values, to_csv, to_jobposting
from assistant.offers.store import OfferStore

from conftest import EVAL, FIXTURES

OFFERS = EVAL / "offers"
LABELS = OFFERS / "labels.jsonl"


def posting(name: str) -> str:
    return (OFFERS / "postings" / f"{name}.txt").read_text(encoding="utf-8")


def _pdf(text: str, path: Path, *, encrypt: bool = False) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_textbox(pymupdf.Rect(40, 40, 560, 800), text, fontsize=9, fontname="helv")
    if encrypt:
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    else:
        doc.save(path)
    doc.close()
    return path


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index")


def test_known_fields_of_labelled_postings() -> None:
    eckernfoerde = extract_offer(posting("p03"))
    assert eckernfoerde.value("title") == "Erzieher/in (m/w/d)"
    assert eckernfoerde.value("employer") == "Stadt Eckernförde"
    assert eckernfoerde.value("hours_per_week") == 23.0
    assert eckernfoerde.value("working_time_kind") == "Teilzeit"
    assert eckernfoerde.value("contract_kind") == "befristet"
    assert eckernfoerde.value("pay_amount") == 3413.85
    assert eckernfoerde.value("application_deadline") == "2025-09-26"
    notary = extract_offer(posting("p15"))
    assert (notary.value("postcode"), notary.value("municipality")) == ("16816", "Neuruppin")
    assert notary.value("start_date") == "2024-04-01"
    assert notary.value("contract_kind") is None  # "Berufsausbildung als …" is a requirement, not an Ausbildung
    scheinfeld = extract_offer(posting("p12"))
    assert scheinfeld.value("contact_person") == "D. Gold"
    assert scheinfeld.value("email") == "doerte.gold@elkb.de"
    assert extract_offer(posting("p10")).value("working_time_kind") is None  # "50 Prozent einer … Vollzeitbeschäftigung"


def test_every_value_is_a_span_of_the_source() -> None:
    for path in sorted((OFFERS / "postings").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        offer = extract_offer(text)
        for value in [*offer.fields.values(), *offer.requirements]:
            assert text[value.start:value.end] == value.raw, (path.name, value)
        for key in ("title", "employer", "contact_person", "email", "phone", "postcode", "municipality"):
            if key in offer.fields:  # free-text fields are shown verbatim
                assert offer.fields[key].value == offer.fields[key].raw


def test_evaluation_runs_on_both_splits_within_a_second_per_offer() -> None:
    dev, test = evaluate(LABELS, "dev"), evaluate(LABELS, "test")
    assert dev.n + test.n == len(LABELS.read_text(encoding="utf-8").splitlines())
    assert dev.unsupported_values == test.unsupported_values == 0
    assert max(dev.seconds_max, test.seconds_max) < 1.0
    assert dev.group("Titel").f1 > 0.5


def test_several_offers_in_one_page_are_told_apart() -> None:
    page = posting("p01") + "\n" + posting("p02")  # the stellenmarkt-direkt page held both
    spans = split_offers(page)
    assert len(spans) == 2
    titles = [extract_offer(page[s:e]).value("title") for s, e in spans]
    assert titles == ["Inhouse SAP HCM Key User (m/w/d)", "Administrator (m/w/d) Windows"]
    assert len(split_offers(posting("p03"))) == 1  # the title repeated in the body is not a second offer


def test_mail_with_pdf_attachment_end_to_end(tmp_path: Path, settings: Settings) -> None:
    text = posting("p15")
    message = EmailMessage()
    message["From"] = "notar@example.org"
    message["To"] = "arbeitgeberservice@example.org"
    message["Subject"] = "Stellenangebot Notarbüro"
    message.set_content("Guten Tag,\nanbei unser Stellenangebot als PDF.\nMit freundlichen Grüßen")
    pdf = _pdf(text, tmp_path / "angebot.pdf")
    message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename="angebot.pdf")
    eml = tmp_path / "angebot.eml"
    eml.write_bytes(message.as_bytes())

    sources = read_offer_file(eml, settings=settings)
    assert [s.name for s in sources] == ["angebot.eml (Text der E-Mail)", "angebot.pdf"]
    offer = extract_offer(sources[1].text, sources[1].name)
    assert offer.value("email") == "info@bensch-notar.de"
    assert offer.value("postcode") == "16816"
    assert offer.value("start_date") == "2024-04-01"
    values = offer_values(offer)
    posting_json = to_jobposting(values)
    assert posting_json["@type"] == "JobPosting"
    assert posting_json["jobLocation"]["address"]["postalCode"] == "16816"
    assert "info@bensch-notar.de" in to_csv([values])

    store = OfferStore(settings)
    offer_id = store.save(values, actor="anna", source_name=sources[1].name)
    assert store.list()[0]["id"] == offer_id and store.list()[0]["actor"] == "anna"
    catalog = Catalog(settings.catalog_path)
    try:
        ts, actor, action, detail = catalog.audit_log(5)[0]
    finally:
        catalog.close()
    assert (actor, action) == ("anna", "offer-save") and str(offer_id) in detail


@pytest.mark.parametrize("case", ["empty_mail", "mail_without_content", "encrypted_pdf", "wrong_type", "empty_paste",
                                  "html_without_text"])
def test_bad_input_gives_a_german_message_and_stores_nothing(case: str, tmp_path: Path, settings: Settings) -> None:
    if case == "empty_mail":
        path = tmp_path / "leer.eml"
        path.write_bytes(b"")
    elif case == "mail_without_content":
        message = EmailMessage()
        message["Subject"] = "ohne Inhalt"
        path = tmp_path / "ohne.eml"
        path.write_bytes(message.as_bytes())
    elif case == "encrypted_pdf":
        path = _pdf(posting("p03"), tmp_path / "geheim.pdf", encrypt=True)
    elif case == "html_without_text":  # was read as an offer with empty text
        path = tmp_path / "leer.html"
        path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    elif case == "wrong_type":
        path = tmp_path / "tabelle.xlsx"
        path.write_bytes(b"PK\x03\x04 not an offer")
    with pytest.raises(InvalidDocumentError) as info:
        if case == "empty_paste":
            read_offer_text("   ")
        else:
            read_offer_file(path, settings=settings)
    message_text = info.value.message
    assert any(word in message_text for word in ("Datei", "E-Mail", "Text")) and "Traceback" not in message_text
    assert {"leer", "kein", "nicht", "passwortgeschützt", "weder"} & set(message_text.replace(".", " ").replace("(", " ").split())
    assert OfferStore(settings).count() == 0


def test_labels_file_follows_the_documented_format() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert {row["split"] for row in rows} == {"dev", "test"}
    for row in rows:
        assert row["source"] and (OFFERS / row["text_file"]).is_file()
        assert set(row["fields"]) >= {"title", "employer", "working_time", "contract", "pay", "requirements", "application"}


def test_staff_tab_highlights_spans_and_escapes_html() -> None:
    from ui.offers_tab import highlighted_source

    offer = extract_offer(posting("p15") + "\n<script>alert(1)</script>")
    rendered = highlighted_source(offer)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert '<mark title="E-Mail">info@bensch-notar.de</mark>' in rendered
    assert '<mark title="Postleitzahl">16816</mark>' in rendered


def test_requirements_of_dev_postings_are_short_spans_of_each_kind() -> None:
    """Dev postings: school certificates, health fitness and minimum age out of one run-on line (p16), a
    numbered list wrapped by the PDF (p11), a bullet list flattened to one line with languages (p01)."""
    values = lambda name: [str(r.value) for r in extract_offer(posting(name)).requirements]  # noqa: E731
    assert values("p16") == ["Mindestalter: 16 Jahre", "gesundheitliche Eignung", "Realschulabschluss",
                             "Hauptschulabschluss"]  # "Erwünschte zusätzliche Qualifikationen" are not required
    assert values("p11")[:3] == ["gesundheitliche Eignung zur Ausübung des Berufes", "mittlere Schulabschluss",
                                 "Hauptschulabschluss"]
    assert not any("Januar 2020" in v or "Bremicker" in v for v in values("p11"))  # no date or contact as an item
    p01 = values("p01")
    assert "Kenntnisse in S/4HANA und ATOSS" in p01 and {"Deutschkenntnisse", "Englischkenntnisse"} <= set(p01)
    assert "Gute Deutsch- und Englischkenntnisse" not in p01  # told apart into the two languages


def test_licences_languages_with_level_and_experience() -> None:
    text = ("Berufskraftfahrer (m/w/d)\nIhr Profil:\n- Führerschein Klasse C/CE und Fahrerkarte\n"
            "- Deutschkenntnisse mindestens B2, Englisch auf B1-Niveau\n- fließend Polnisch\n"
            "- mindestens zwei Jahre Berufserfahrung im Fernverkehr\n- Teamfähigkeit und Zuverlässigkeit\n"
            "- Fahrerlaubnis der Klasse B ist erforderlich\nWir bieten: 15 Euro pro Stunde")
    offer = extract_offer(text)
    found = {str(r.value): r.raw for r in offer.requirements}
    assert found == {"Führerschein Klasse C/CE": "Führerschein Klasse C/CE", "Fahrerkarte": "Fahrerkarte",
                     "Deutschkenntnisse (B2)": "Deutschkenntnisse mindestens B2",
                     "Englischkenntnisse (B1)": "Englisch auf B1-Niveau", "Polnischkenntnisse (fließend)": "fließend Polnisch",
                     "mindestens zwei Jahre Berufserfahrung im Fernverkehr": "mindestens zwei Jahre Berufserfahrung im Fernverkehr",
                     "Fahrerlaubnis der Klasse B": "Fahrerlaubnis der Klasse B"}
    assert all(text[r.start:r.end] == r.raw for r in offer.requirements)


def test_model_proposals_are_kept_only_when_found_in_the_source() -> None:
    """A fake OpenAI-compatible server proposes one value that is in the posting and invented ones."""
    from test_llm_backends import MODEL, Scenario, fake_server

    from assistant.offers.proposals import add_model_proposals

    text = posting("p05")
    rules = extract_offer(text)
    reply = {"requirements": ["engagierte und teamfähige Persönlichkeiten", "Führerschein Klasse B"],  # valid, invented
             "contact_person": "Frau Petra Schulz",  # invented
             "hours_per_week": 40,  # the rules found 32 h: never replaced
             "working_time_kind": "Vollzeit",  # not in the text (it says "Vollbeschäftigung")
             "employer": "Stadt Erfurt"}  # the rules found the employer: never replaced
    scenario = Scenario(chunks=["```json\n", json.dumps(reply, ensure_ascii=False), "\n```"], models=[MODEL])
    with fake_server(scenario) as url:
        settings = Settings(llm_backend="openai", llm_base_url=url, llm_model=MODEL, llm_timeout_s=10)
        offer, dropped = add_model_proposals(rules, settings)
    assert scenario.requests and scenario.requests[-1][1] == "/v1/chat/completions"
    added = [r for r in offer.requirements if r.by_model]
    assert [r.raw for r in added] == ["engagierte und teamfähige Persönlichkeiten"]
    assert offer.value("contact_person") is None and offer.value("working_time_kind") is None
    assert offer.value("hours_per_week") == rules.value("hours_per_week") == 32.0
    assert offer.value("employer") == rules.value("employer") and dropped == 3
    for value in [*offer.fields.values(), *offer.requirements]:
        assert text[value.start:value.end] == value.raw


def test_model_proposals_match_normalised_forms_and_a_dead_server_changes_nothing() -> None:
    from conftest import free_port

    from assistant.offers.proposals import add_model_proposals, ground

    text = "Die Arbeitszeit beträgt 38,5 Stunden. Beginn: 1. April 2026, Bewerbungsfrist 15.03.2026, ab 2.100,50 € brutto."
    assert ground(text, "hours_per_week", 38.5).raw == "38,5"
    assert ground(text, "start_date", "2026-04-01").raw == "1. April 2026"
    assert ground(text, "application_deadline", "2026-03-15").value == "2026-03-15"
    assert ground(text, "pay_amount", "2100.5").raw == "2.100,50"
    assert ground(text, "pay_amount", 2100) is None and ground(text, "start_date", "2026-05-01") is None
    assert ground(text, "title", "arbeitszeit   BETRÄGT").raw == "Arbeitszeit beträgt"  # case and spacing only
    offer = extract_offer(posting("p15"))
    settings = Settings(llm_backend="openai", llm_base_url=f"http://127.0.0.1:{free_port()}", llm_timeout_s=2)
    assert add_model_proposals(offer, settings) == (offer, 0)


def test_place_of_work_from_labels_lines_and_known_places() -> None:
    """Dev postings whose place was missed: a place line under the company (p51, p45), "Standort X:" with
    "a. d. Donau" (p38), "Stelle in Reutlingen" (p52, the gazetteer), "Ort: Berlin, Büro …" (p44)."""
    assert extract_offer(posting("p51")).value("municipality") == "Neuhausen-Hamberg"
    assert extract_offer(posting("p45")).value("municipality") == "Twist"
    assert extract_offer(posting("p38")).value("municipality") == "Vohburg a. d. Donau"
    assert extract_offer(posting("p52")).value("municipality") == "Reutlingen"
    assert extract_offer(posting("p44")).value("municipality") == "Berlin"
    assert extract_offer(posting("p50")).value("municipality") == "Norderstedt"  # not the line "Entgelt/Besoldung"


def test_employer_named_in_the_text_without_a_legal_form() -> None:
    assert extract_offer(posting("p52")).value("employer") == "Autoklinik Reutlingen"  # "Autoklinik Reutlingen sucht"
    assert extract_offer(posting("p47")).value("employer") == "Pflegeteam PIA"  # "Das Pflegeteam PIA ist ein …"
    assert extract_offer(posting("p41")).value("employer") == "Verbundzentrale des GBV (VZG)"  # "… mit Sitz in Göttingen ist"
    assert extract_offer(posting("p48")).value("employer") == "Social Entrepreneurship Netzwerk Deutschland"  # "Praktikum beim …"
    assert extract_offer(posting("p42")).value("employer") == "Ein Ding der Möglichkeit"  # "Bei … legen wir"
    assert extract_offer(posting("p05")).value("employer") == "Stadtverwaltung Arnstadt"  # not "Ziel ist ein …"


def test_contact_person_and_phone_numbers_with_spaced_separators() -> None:
    hermes = extract_offer(posting("p45"))
    assert hermes.value("contact_person") == "Rene Hermes"  # "- Rene Hermes -" under the company
    assert extract_offer(posting("p58")).value("contact_person") == "Maike Stuckenbrock"  # "Ausbildungsleitung …"
    assert extract_offer(posting("p57")).value("phone") == "0421 / 43 443 29"  # "… 43 443 29. Oder"
    assert extract_offer(posting("p55")).value("phone") == "0421/ 43 443 -41"
    assert extract_offer(posting("p47")).value("phone") == "0172 / 784 16 41"


def test_titles_trimmed_of_board_tails_and_found_without_gender_marker() -> None:
    assert extract_offer(posting("p56")).value("title") == "Lagerhelfer (m/w/d)"  # "… in Vollzeit befristet 3-5 Monate"
    assert extract_offer(posting("p61")).value("title") == "Bezirksleiter (w/m/d) im Außendienst"  # list of places cut
    assert extract_offer(posting("p52")).value("title") == "Kfz-Mechatroniker / Mechaniker (m/w/d)"  # spelt out below
    assert extract_offer(posting("p47")).value("title") == "Krankenpfleger (m/w)"  # "(m/w)", not "Wir suchen Sie"
    assert extract_offer(posting("p43")).value("title") == "Erfahrene/r Monteur/in für die Montage von Tore und Türen"
    assert extract_offer(posting("p40")).value("title") == "Schreiner, Tischler oder Zimmermann"
    assert extract_offer(posting("p14")).value("title") == "Haushaltshilfe - Duisburg 47057 (m/w/d)"


def test_requirements_are_qualifications_not_soft_skills() -> None:
    """Dev postings: soft skills under "Anforderungen" are no requirement (p47); a list without a heading (p39);
    "Ihre Qualifikationen" (p41) and "Sie ..." (p57) are headings; "... " items are not run together (p58)."""
    values = lambda name: [str(r.value) for r in extract_offer(posting(name)).requirements]  # noqa: E731
    assert values("p47") == ["Führerschein Klasse B"]
    assert values("p39")[:2] == ["abgeschlossene Berufsausbildung zur examinierten Pflegefachkraft",
                                 "Vorkenntnisse im Bereich der Intensiv- oder Beatmungspflege"]
    assert "Abgeschlossenes einschlägiges Studium" in values("p41")[0]
    assert {"eigenen Pkw", "Erfahrung im Einzelhandel"} <= set(values("p57"))
    assert not any("\n" in v or "Stuckenbrock" in v for v in values("p58"))


def test_working_time_contract_start_and_tariff_cues_of_dev_postings() -> None:
    p39 = extract_offer(posting("p39"))  # "ob Vollzeit oder Teilzeit, Minijob oder Nachtdienst" offers, says nothing
    assert p39.value("working_time_kind") is None and p39.value("start_date") == "ab sofort"  # "per sofort"
    p41 = extract_offer(posting("p41"))
    assert p41.value("working_time_kind") is None  # "teilzeitgeeignet"
    assert (p41.value("contract_kind"), p41.value("contract_end")) == ("befristet", "12 Monate")  # "auf 12\nMonate befristet"
    assert p41.value("application_deadline") == "2018-03-02"  # "Bewerbung … per E-Mail bis zum 02.03.2018"
    assert extract_offer(posting("p17")).value("working_time_kind") is None  # "Ausbildungsvergütung bei Vollzeit:"
    # "in Vollzeit oder Teilzeit" offers both kinds: no kind (README: a kind is labelled only when the text says which)
    assert extract_offer(posting("p01")).value("working_time_kind") is None
    p56 = extract_offer(posting("p56"))
    assert (p56.value("hours_per_week"), p56.value("contract_end")) == (40.0, "3 Monate")  # "40 Std. wöchentlich", "ca. 3 Monate"
    p58 = extract_offer(posting("p58"))
    assert (p58.value("start_date"), p58.value("contract_end")) == ("2026-08-01", "3 Jahre")  # Ausbildungsbeginn/-dauer
    p50 = extract_offer(posting("p50"))
    assert (p50.value("contract_kind"), p50.value("pay_tariff")) == ("unbefristet", "S 8b TVöD")  # "Befristung\nNein"
    assert extract_offer(posting("p51")).value("contract_kind") == "unbefristet"  # "Feste Anstellung"
    assert extract_offer(posting("p52")).value("contract_kind") is None  # "Abgeschlossene Ausbildung als …" is required


def test_new_dev_postings_company_in_lower_case_footer_contact_and_occupation_title() -> None:
    """babymarkt.de career pages (dev): "babymarkt.de Gmbh" with the contact on the next line; a title line
    without gender marker ("Frontend Developer"); "Anleitung von Praktikant*innen" is no internship (p76)."""
    p71 = extract_offer(posting("p71"))
    assert (p71.value("employer"), p71.value("contact_person")) == ("babymarkt.de Gmbh", "Niklas Funke")
    assert extract_offer(posting("p75")).value("title") == "Frontend Developer"
    assert extract_offer(posting("p76")).value("contract_kind") is None
    reqs = [str(r.value) for r in extract_offer(posting("p70")).requirements]
    assert {"PC-Grundkenntnisse", "Sehr gutes Deutsch in Wort und Schrift"} <= set(reqs)


FIXTURE_MAIL = FIXTURES / "offers" / "stellenangebot_mit_pdf.eml"


def test_pdf_text_layer_ligatures_are_read_as_letters() -> None:
    """The fixture's PDF (pymupdf Story, like many real PDFs) writes "ﬁ"/"ﬀ" ligatures into its text layer:
    "Kauﬀrau" was shown and searched as such."""
    pdf = read_offer_file(FIXTURE_MAIL)[-1]
    assert pdf.name.endswith(".pdf") and "Kauffrau" in pdf.text and "qualifizierte" in pdf.text
    assert not any("\ufb00" <= ch <= "\ufb06" for ch in pdf.text)


def test_employer_mail_with_pdf_attachment_through_the_cli(tmp_path: Path) -> None:
    """`python -m assistant offer FILE.eml --json`: the offer of the PDF attachment as schema.org JobPosting; the
    cover text of the mail is not reported as an offer of its own."""
    import os
    import subprocess
    import sys

    root = PROJECT_ROOT
    env = {**os.environ, "PYTHONPATH": str(root), "JCA_INDEX_DIR": str(tmp_path / "index")}
    result = subprocess.run([sys.executable, "-m", "assistant", "offer", str(FIXTURE_MAIL), "--json"], cwd=root,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    postings = json.loads(result.stdout)
    assert len(postings) == 1
    posting_json = postings[0]
    assert posting_json["@type"] == "JobPosting" and "Kauffrau" in posting_json["title"]
    assert posting_json["hiringOrganization"]["name"] == "AvanCarte GmbH"
    assert posting_json["jobStartDate"] == "2026-08-01"
    assert posting_json["applicationContact"]["email"] == "maike.stuckenbrock@avancarte.de"
    text = subprocess.run([sys.executable, "-m", "assistant", "offer", str(FIXTURE_MAIL)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert text.returncode == 0 and "Maike Stuckenbrock" in text.stdout and "Ansprechperson" in text.stdout


def test_employer_mail_with_pdf_attachment_checked_saved_listed_and_exported_in_the_staff_tab(settings: Settings) -> None:
    """The "Stellenangebote" tab end to end on the .eml fixture: upload → prefilled form from the PDF → staff
    correct a field → save (audit log) → the saved list → open it again → export JSON and CSV (audit log)."""
    import secrets
    import shutil

    import gradio as gr
    from gradio.utils import get_upload_folder

    from ui.offers_tab import OffersAccess, OffersTab
    from ui.security import UploadRegistry

    catalog = Catalog(settings.catalog_path)
    registry = UploadRegistry()
    tab = OffersTab(settings, OffersAccess(user_of=lambda request: getattr(request, "username", None),
                                           uploads=registry, audit=catalog.audit))
    anna = gr.Request(username="anna")
    folder = Path(get_upload_folder()) / f"test-{secrets.token_hex(6)}"
    folder.mkdir(parents=True)
    try:
        upload = folder / FIXTURE_MAIL.name
        shutil.copyfile(FIXTURE_MAIL, upload)
        registry.add("anna", [str(upload)])
        rows, original, notice, _pick, candidates, source, _cleared = tab.read_file(str(upload), anna)
        assert not upload.exists()  # Gradio's copy is deleted once read
        assert source.endswith(".pdf") and "Ausbildung_Kaufleute" in notice  # the attachment, not the cover text
        form = {label: value for label, value in rows}
        assert form["Arbeitgeber"] == "AvanCarte GmbH" and form["Ansprechperson"] == "Maike Stuckenbrock"
        assert form["Beginn"] == "2026-08-01" and form["Vertragsart"] == "Ausbildung"
        assert '<mark title="E-Mail">maike.stuckenbrock@avancarte.de</mark>' in original

        checked = [[label, "38,5" if label == "Stunden pro Woche" else value] for label, value in rows]  # staff add hours
        assert tab.save(checked, source, anna).startswith("Gespeichert als Stellenangebot ")
        listed = tab.saved_list(anna)
        assert len(listed) == 1 and listed[0][2] == "anna" and listed[0][4] == "AvanCarte GmbH"
        number = listed[0][0]
        reopened = tab.open_saved(number, anna)
        assert {label: value for label, value in reopened[0]}["Stunden pro Woche"] == "38.5"
        exported = json.loads(tab.export_saved_json(number, anna))
        assert exported["workHours"] == "38.5 Stunden pro Woche" and exported["jobStartDate"] == "2026-08-01"
        assert "maike.stuckenbrock@avancarte.de" in tab.export_saved_csv(None, anna)  # all saved offers
        assert json.loads(tab.export_json(checked, anna))["workHours"] == "38.5 Stunden pro Woche"  # the form itself
        actions = [(actor, action) for _ts, actor, action, _detail in catalog.audit_log(10)]
        assert actions[:4] == [("anna", "offer-export"), ("anna", "offer-export"), ("anna", "offer-open"),
                               ("anna", "offer-save")]
        assert tab.saved_list(gr.Request(username=None)) == [] and "Kein Zugriff" in tab.export_saved_json(number, None)
        assert tab.export_saved_csv(0, anna) == tab.export_saved_csv(None, anna)  # an empty number field sends 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        catalog.close()


def test_board_header_line_company_and_place_under_the_title() -> None:
    """The job-board layout "Titel / Firma GmbH – Ort" (first lines of p01/p02 style boards): a known place, an
    English exonym, and a small town next to a company with a legal form; a "Firma – Slogan" line is no place."""
    offer = extract_offer("Lagerhelfer (m/w/d)\nMusterlogistik GmbH - Munich\n\nWir suchen Verstärkung.")
    assert (offer.value("employer"), offer.value("municipality")) == ("Musterlogistik GmbH", "Munich")
    small = extract_offer("Koch (m/w/d)\nGasthaus Linde GmbH – Bad Wildbad\n\nDein Profil: Ausbildung als Koch")
    assert (small.value("employer"), small.value("municipality")) == ("Gasthaus Linde GmbH", "Bad Wildbad")
    dashed = extract_offer("Maurer (m/w/d)\nMüller - Bau GmbH - Berlin, Deutschland\n\nWir bauen.")  # the last dash
    assert (dashed.value("employer"), dashed.value("municipality")) == ("Müller - Bau GmbH", "Berlin")
    assert extract_offer("Entwickler (m/w/d)\nACME GmbH - Hybrid / Köln\n\nText.").value("municipality") == "Köln"
    slogan = extract_offer(posting("p61"))  # "AvanCarte GmbH  – mit uns haben Sie gute Karten!"
    assert slogan.value("municipality") != "mit uns haben Sie gute Karten!"


def test_requirement_spans_keep_examples_in_brackets_and_adjectives() -> None:
    values = lambda name: [str(r.value) for r in extract_offer(posting(name)).requirements]  # noqa: E731
    assert "Kenntnisse in verschiedenen SPS-Programmiersprachen (z.B. S7Classic, TIA, Simotion)" in values("p51")[-1]
    assert "gültige Fahrerlaubnis" in values("p61")  # was cut into "… eine gültige" | "Fahrerlaubnis mit"
    assert any(v.startswith("Erfahrung in der Nutzung von relationalen (z.B. MySQL)") for v in values("p72"))


def test_negated_shift_work_is_none_and_flags_are_shown_in_german() -> None:
    """Seen in the app on the .eml fixture (p58, dev): "keine Schichtarbeit" was proposed as shift work "True"."""
    p58 = extract_offer(posting("p58"))
    assert p58.value("shift") is None
    flagged = extract_offer("Produktionshelfer (m/w/d)\nArbeit im Schichtdienst, Vollzeit")
    assert flagged.value("shift") is True and flagged.display("shift") == "ja"


def _new(name: str):
    return extract_offer(posting(name))


def test_working_time_alternatives_generic_mentions_and_more_hour_forms() -> None:
    """p81–p105 (dev, added with these rules): "Voll- oder Teilzeitstelle (28-40 Stunden)" is no kind but 28 hours;
    "32 Urlaubstage in einer Vollzeitstelle" and "Optionen für Teilzeit" say no kind; ranges give the lower bound."""
    p81 = _new("p81")  # also "Eine Rückkehr von Teil- auf Vollzeit" in the page's intro
    assert (p81.value("working_time_kind"), p81.value("hours_per_week")) == (None, 28.0)
    assert (_new("p82").value("working_time_kind"), _new("p82").value("hours_per_week")) == ("Vollzeit", 40.0)
    assert _new("p84").value("working_time_kind") is None
    assert _new("p98").value("working_time_kind") is None
    assert _new("p85").value("hours_per_week") == 8.0  # "8 bis 20 Stunden/Woche"
    assert _new("p101").value("hours_per_week") == 20.0  # "20 bis 40 Stunden/Woche"
    assert _new("p88").value("hours_per_week") == 37.5  # "37,5 Stunden Woche"
    assert _new("p94").value("hours_per_week") == 20.0  # "TZ / wöchentlich 20 std."
    assert _new("p95").value("hours_per_week") == 40.0  # "Arbeitszeit:\n\n40 Std. laut Dienstplan"


def test_bonus_and_allowance_amounts_are_no_pay() -> None:
    assert _new("p81").value("pay_amount") is None  # "monatlichen Zuschuss von 50 EUR brutto zum Lohn"
    assert _new("p84").value("pay_amount") is None  # "einen Einstiegsbonus in Höhe von 2.000 Euro"
    assert _new("p94").value("pay_amount") == 1850.0  # "Anfangsgehalt brutto ab 1.850,00 €" stays


def test_contact_after_e_mail_an_and_address_written_with_at() -> None:
    assert _new("p85").value("contact_person") == "Daniel Naber"  # "per E-Mail an Daniel Naber."
    assert _new("p100").value("contact_person") == "Daniel Naber"
    p84 = _new("p84")
    assert p84.value("email") == "knirpsenstadt-panketal[at]t-online.de"
    assert p84.fields["email"].raw == "knirpsenstadt-panketal[at]t-online.de"  # the value is the source's span


def test_title_after_lead_in_date_line_and_wanted_headline() -> None:
    assert _new("p89").value("title") == "Leitung der Hauswirtschaft"  # "Wir suchen Sie (m/w/d) als\n\nLeitung …"
    assert _new("p85").value("title") == "Praktikum oder Nebenjob Inside Sales"  # under "Stand: 25.07.2018"
    assert _new("p95").value("title") == "Hausdame"  # "Hausdame gesucht"
    assert _new("p93").value("title") == "Mitarbeiter:in des Psychosozialen Dienstes/Sozialarbeiter:in/Sozialpädagog:in"
    assert _new("p94").value("title") == "Mitarbeiter Housekeeping"


def test_employer_in_apposition_above_its_address_and_after_the_page_title() -> None:
    assert _new("p96").value("employer") == "CIB-Gruppe"  # "Wir, die CIB-Gruppe, sind …", not "im Hotel- oder …"
    assert _new("p94").value("employer") == "Residenz Kubitzer Bodden"  # line above "Grabitz 10, 18573 Rambin"
    assert _new("p104").value("employer") == "GM Professional Hairstudio"  # "Friseur/in (M/W/D) - GM … in Freiburg"
    assert _new("p39").value("employer") is None  # "Pflegefachkraft (m/w/d) – Schwerpunkt …" is no employer


def test_place_after_a_workplace_word_and_nach() -> None:
    assert _new("p89").value("municipality") == "Bad Wurzach"  # "in unserer Einrichtung in Bad Wurzach"
    assert _new("p90").value("municipality") == "Loßburg"
    assert _new("p98").value("municipality") == "Freiburg"  # "komm ins Dreiländereck nach Freiburg (D)"


def test_training_named_as_requirement_is_no_ausbildung_and_latest_start_is_no_start() -> None:
    assert _new("p82").value("contract_kind") == "unbefristet"  # "eine Ausbildung zum Fachinformatiker … von Vorteil"
    assert _new("p92").value("contract_kind") is None  # "Ausbildung als Bürofachkraft, eine ähnliche Ausbildung …"
    assert _new("p105").value("contract_kind") is None  # "… oder eine Ausbildung zum Fachinformatiker"
    assert _new("p97").value("contract_kind") == "Ausbildung"
    assert _new("p94").value("start_date") == "2021-01-01"  # "spätestens zum 01.03.2021 / Frühestens zum 01.01.2021"


def test_requirement_items_kept_whole_and_new_requirement_cues() -> None:
    values = lambda name: [str(r.value) for r in _new(name).requirements]  # noqa: E731
    raws = lambda name: [r.raw for r in _new(name).requirements]  # noqa: E731
    assert ("Erfahrungen mit E-Mail, HTTP, DAV, REST, Microservices, SQL-Datenbanken, Git und Test-Driven-Development"
            in values("p81"))  # a list after the concept is kept
    assert "gute Englischkenntnisse (Wort und Schrift)" in raws("p81")  # the language's span with its adjective
    assert "Berufserfahrung" not in values("p81")  # "kann aber auch durch Berufserfahrung ausgeglichen werden"
    assert "sicherer Umgang mit Linux und der Kommandozeile" in values("p82")
    assert "Kenntnisse von E-Mail-Technologien (u.a. SMTP, IMAP), HTTPS, Kollaborationstools" in values("p82")
    assert "Gute Kenntnisse in HTML, PHP, mySQL und JavaScript" in values("p91")
    assert "Fundierte praktische Kenntnisse in der Metallverarbeitung" in values("p87")  # "zwingend erforderlich" cut
    assert "umfassende Erfahrungen in der Linux-Administration" in values("p105")  # "Du bringst … mit."
    assert "Abgeschlossene Ausbildung zum/zur Friseur/in" in values("p104")  # under "Vorraussetzungen"
    assert not any("Urlaub" in v or "24 Tage" in v for v in values("p95"))  # "Kenntnisse:" ends at "Gehalt:"


def test_language_level_a_few_words_on_and_capitalised_adjectives() -> None:
    reqs = lambda name: {(str(r.value), r.raw) for r in _new(name).requirements}  # noqa: E731
    p105 = reqs("p105")  # "Du beherrschst Deutsch fliessend in Wort und Schrift (C1) sowie Englisch auf gutem Niveau (B2)"
    assert ("Deutschkenntnisse (C1)", "Deutsch fliessend in Wort und Schrift (C1)") in p105
    assert ("Englischkenntnisse (B2)", "Englisch auf gutem Niveau (B2)") in p105
    assert ("Deutschkenntnisse", "sehr gute schriftliche Deutschkenntnisse") in reqs("p85")
    values = {v for v, _ in reqs("p87")}
    assert "Abgeschlossene Berufsausbildung im Metallbau oder im Schlosserhandwerk" in values  # capitalised "Abgeschlossene"
    assert any(v.startswith("Erste Erfahrung in Textverarbeitung") for v, _ in reqs("p97"))
    assert not any(v.startswith("B. Java") for v, _ in reqs("p100"))  # "(z. B. Java, Python)" is no sentence end


def test_phone_before_a_comma_contact_under_a_heading_with_a_tail() -> None:
    p106 = _new("p106")  # "(Telefon 0221/400 75-235, E-Mail: …)": the comma ends the number, not its last group
    assert p106.value("phone") == "0221/400 75-235"
    p107 = _new("p107")  # "Ansprechpartner für fachliche Rückfragen:" / "Adrian Pohl" / "✆ 0221 400 75-235"
    assert p107.value("contact_person") == "Adrian Pohl"
    assert p107.value("phone") == "0221 400 75-235"


def test_hourly_rate_is_the_pay_of_a_minijob_with_an_earnings_cap() -> None:
    p109 = _new("p109")  # "Mini-Jobber*in auf 538 Euro-Basis" … "auf 25€/Stunde brutto"
    assert p109.value("pay_amount") == 25.0
    assert p109.value("pay_period") == "HOUR"
    assert p109.value("working_time_kind") == "Minijob"


def test_employer_named_with_its_city_and_abbreviation() -> None:
    # "Das Hochschulbibliothekszentrum des Landes Nordrhein-Westfalen in Köln (hbz) ist eine …"
    assert _new("p106").value("employer") == "Hochschulbibliothekszentrum des Landes Nordrhein-Westfalen"
    # "Das Hochschulbibliothekszentrum des Landes Nordrhein-Westfalen (hbz) gehört zum Geschäftsbereich …"
    assert _new("p107").value("employer") == "Hochschulbibliothekszentrum des Landes Nordrhein-Westfalen"


def test_kind_named_as_an_option_is_no_kind_and_plural_pay_groups() -> None:
    # "Möglichkeit zur Remote- und Teilzeitarbeit", "(beispielsweise Teilzeit, Gleitzeit, Telearbeit)"
    assert _new("p107").value("working_time_kind") is None
    assert _new("p106").value("working_time_kind") is None
    # "in den Entgeltgruppen S 4 bzw. S 8a TVöD": the lower group with its agreement
    assert _new("p113").value("pay_tariff") == "S 4 TVöD"


def test_heading_lead_word_is_no_part_of_the_title() -> None:
    assert _new("p109").value("title") == "Organisationsassistenz (all genders)"  # "Stellenausschreibung Organisations…"


def test_deadline_forms_and_a_deadline_date_is_no_start() -> None:
    assert _new("p109").value("application_deadline") == "2024-12-31"  # "bis einschl. 31. Dezember 2024"
    assert _new("p107").value("application_deadline") == "2022-09-11"  # "Die Bewerbungsfrist endet am 11.09.2022"
    assert _new("p108").value("application_deadline") == "2023-04-16"  # "Bewerbungen bitte direkt bis zum 16.04.2023"
    # "bis zum Ende der Ausschreibungsfrist am 14.6.2020" is no start; "zum nächstmöglichen Zeitpunkt" is
    assert _new("p106").value("start_date") == "ab sofort"
