"""Curated answers on the real corpus: integrity of every shipped entry, law updates that send entries back to
review, matching citizen questions in several languages, calculators in the answer, the editor's workflow."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import gradio as gr
import pytest

from assistant.answering.service import answer
from assistant.answering.types import AnswerMode
from assistant.config import Settings
from assistant.faq.book import faq_book
from assistant.faq.entries import LANGUAGES, Entry, LanguageText, from_toml, load_dir, to_toml
from assistant.faq.integrity import check_entries, check_entry, figures
from assistant.faq.store import EntryStatus, FaqStore
from assistant.ingest import Ingestor
from assistant.model import Audience, Visibility
from assistant.retrieval.glossary import challenges_decision
from assistant.retrieval.lookup import UnitLookup
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace

from conftest import CORPUS, CORPUS_SOURCES

ENTRIES = load_dir(CORPUS / "faq")


@pytest.fixture(scope="module")
def retriever(built_workspace: Workspace) -> Retriever:
    return Retriever(built_workspace)


def test_the_starter_set_is_large_and_every_entry_passes_every_check(built_workspace: Workspace) -> None:
    assert len(ENTRIES) >= 120
    results = check_entries(ENTRIES, built_workspace.catalog.active_units())
    failed = {k: [str(p) for p in v] for k, v in results.items() if v}
    assert not failed, failed
    assert all(set(LANGUAGES) <= set(e.texts) for e in ENTRIES)


def test_figures_are_compared_in_one_form() -> None:
    assert figures("1.500 Euro, 1 500 Euro und 1,500 Euro") == {"1500"}
    assert figures("563,00 Euro; 0,5 Prozent; § 11b Abs. 3; Rz. 21.27; seit 2026") == {"563", "0.5"}
    assert figures("٣٠ ٪") == {"30"}  # Arabic-Indic digits


def test_a_figure_that_no_cited_unit_states_fails_in_any_language(built_workspace: Workspace) -> None:
    lookup = UnitLookup(built_workspace.catalog.active_units())
    entry = next(e for e in ENTRIES if e.id == "einkommen-minijob") if any(e.id == "einkommen-minijob" for e in ENTRIES) \
        else next(e for e in ENTRIES if "§ 11b Abs. 3 SGB II" in e.citations)
    assert check_entry(entry, lookup) == []
    tr = entry.texts["tr"]
    wrong = replace(entry, texts={**entry.texts, "tr": replace(tr, answer=tr.answer + " 777 Euro.")})
    assert any("777" in p.message and "[tr]" in p.message for p in check_entry(wrong, lookup))
    internal = replace(entry, citations=(*entry.citations, "KdU-Richtlinie Beispielkreis"))
    problems = check_entry(internal, lookup)
    assert any("intern" in p.message or "gibt es im Index nicht" in p.message for p in problems)


def test_editor_text_round_trips_through_toml() -> None:
    for entry in ENTRIES[:20]:
        assert replace(from_toml(to_toml(entry)), source=entry.source) == entry


def _plain_entry(entry_id: str, citations: tuple[str, ...]) -> Entry:
    """An entry without figures (so that only the law update decides its status)."""
    answer_text = ("Das Jobcenter prüft Ihr Einkommen jeden Monat neu. Einen Teil Ihres Lohns dürfen Sie behalten. "
                   "Wie viel das ist, hängt von der Höhe Ihres Lohns ab. Legen Sie Ihre Lohnabrechnung jeden Monat vor. "
                   "Dann kann das Jobcenter richtig rechnen und Sie bekommen keine Rückforderung später.")
    text = LanguageText(questions=(f"Testfrage {entry_id}?",), answer=answer_text, next_step="Reichen Sie Nachweise ein.")
    return Entry(id=entry_id, topic="Test", audience="citizen", reviewed="2026-12-02", citations=citations,
                 texts={lang: text for lang in LANGUAGES})


def test_a_law_update_sends_the_citing_entries_back_to_review(tmp_path: Path) -> None:
    ws = Workspace(Settings(index_dir=tmp_path / "index"))
    ingestor = Ingestor(ws)
    ingestor.ingest_paths([CORPUS / "gesetze" / "sgb_2.xml"], name="SGB II", visibility=Visibility.PUBLIC)
    store = FaqStore(ws.catalog)
    steady = _plain_entry("test-steady", ("§ 11b Abs. 3 SGB II",))
    volunteer = _plain_entry("test-volunteer", ("§ 11a Abs. 1 SGB II",))
    store.sync_corpus([steady, volunteer])
    before = {e.entry.id: e for e in store.entries()}
    assert before["test-steady"].status is EntryStatus.ACTIVE, before["test-steady"].problems
    assert before["test-volunteer"].status is EntryStatus.ACTIVE and not before["test-volunteer"].changes
    # The 2025 Stand of SGB II: § 11a Abs. 1 reads differently there, § 11b Abs. 3 does not.
    older = CORPUS_SOURCES / "gii-2025-02" / "sgb_2.xml.zip"
    ingestor.ingest_paths([older], name="SGB II", visibility=Visibility.PUBLIC)
    after = {e.entry.id: e for e in store.entries()}
    assert after["test-steady"].status is EntryStatus.ACTIVE
    assert after["test-volunteer"].status is EntryStatus.REVIEW
    change = after["test-volunteer"].changes[0]
    assert change.citation == "§ 11a Abs. 1 SGB II" and change.old_text != change.new_text and change.new_text
    book = faq_book(ws)
    book.refresh()
    assert "test-volunteer" not in book.served and "test-steady" in book.served  # not served until confirmed
    assert store.confirm("test-volunteer", "erik")
    assert {e.entry.id: e for e in store.entries()}["test-volunteer"].status is EntryStatus.ACTIVE
    assert ("erik", "faq-bestaetigt") in [(a, b) for _, a, b, _ in ws.catalog.audit_log(10)]


@pytest.mark.parametrize("entry_id,language", [("pflichten-urlaub-ortsabwesenheit", "de"),
                                               ("pflichten-urlaub-ortsabwesenheit", "ar"),
                                               ("wohnen-mietkaution", "uk")])
def test_a_matched_question_gets_the_reviewed_answer_in_its_language(retriever: Retriever, entry_id: str,
                                                                     language: str) -> None:
    """The mechanics: a question the entry lists gives its reviewed text, its citations first, public only.
    (How well paraphrases are matched is measured by scripts/calibrate_faq.py on eval/faq/.)"""
    entry = next(e for e in ENTRIES if e.id == entry_id)
    result = answer(entry.texts[language].questions[0], Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == entry_id, (result.mode, result.text[:200])
    assert result.language == language and entry.texts[language].answer in result.text
    assert entry.texts[language].next_step in result.text
    first = result.sources[0]
    assert any(first.label in c and first.doc.split()[0] in c for c in entry.citations), first.citation
    assert all(s.visibility == "public" for s in result.sources)
    assert "Fundstellen" in result.text or "references" in result.text or result.language not in ("de", "en")


def test_questions_no_entry_answers_are_not_forced_onto_one(retriever: Retriever) -> None:
    for question in ("Wie beantrage ich Wohngeld bei der Stadt?", "Hallo", "Wann ist die nächste Bundestagswahl?"):
        assert answer(question, Audience.CITIZEN, retriever=retriever).mode is not AnswerMode.CURATED, question


def test_how_much_questions_with_figures_get_the_worked_calculation(retriever: Retriever) -> None:
    result = answer("Minijob, 556 Euro im Monat, wie viel darf ich behalten?", Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.COMPUTED
    assert "194,80 Euro" in result.text and "20 % von 420 Euro" in result.text
    assert {s.citation for s in result.sources} >= {"§ 11b Abs. 2 SGB II", "§ 11b Abs. 3 SGB II"}
    son = answer("Mein Sohn wird 18, kriegt er weniger?", Audience.CITIZEN, retriever=retriever)
    assert son.mode is AnswerMode.COMPUTED and "451" in son.text and "471" in son.text
    for computed in (result, son):  # a worked result ends with what the person can do next
        assert "**Was Sie jetzt tun können:**" in computed.text, computed.text[-300:]
    english = answer("I have a mini job with 556 euros a month, how much can I keep?", Audience.CITIZEN,
                     retriever=retriever)
    if english.mode is AnswerMode.COMPUTED:
        assert "**What you can do now:**" in english.text


def test_every_calculation_kind_has_a_next_step_topic() -> None:
    import re

    from assistant import calculators
    from assistant.calculators.model import TOPIC_OF_KIND
    from assistant.i18n import LANGUAGES as UI_LANGUAGES, text

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(calculators.__file__).parent.glob("*.py"))
    kinds = set(re.findall(r'Builder\("([a-z_]+)"', source))
    assert kinds and kinds <= set(TOPIC_OF_KIND), kinds - set(TOPIC_OF_KIND)
    for topic in set(TOPIC_OF_KIND.values()):
        for language in UI_LANGUAGES:
            assert text(f"topic.{topic}.next_step", language), (topic, language)


def test_retrieval_agreement_lifts_the_entry_whose_sections_were_found(built_workspace: Workspace) -> None:
    """An entry is preferred when retrieval's top units come from a section it cites; without the bonus the
    classifier's own order holds."""
    book = faq_book(built_workspace)
    book.refresh()
    allowed = book.allowed(Audience.CITIZEN)
    vector = built_workspace.embedder.embed_query("Ich habe einen Nebenjob, was muss ich beachten?")
    ranked = book.matcher.ranked(vector, allowed, limit=5)
    first, other = ranked[0], ranked[3]
    limits = (book.matcher.threshold, book.matcher.min_dense, book.matcher.min_margin)
    book.matcher.threshold = book.matcher.min_dense = book.matcher.min_margin = float("-inf")
    try:
        assert book.matcher.match(vector, allowed).entry_id == first.entry_id
        lifted = book.matcher.match(vector, allowed, agreeing={other.entry_id}, bonus=1.0)
        assert lifted.entry_id == other.entry_id and lifted.score == pytest.approx(other.score + 1.0)
        evidence = list(book.served[other.entry_id].units)
        assert other.entry_id in book.agreeing(evidence)
        assert first.entry_id not in book.agreeing(evidence) or set(book._sections[first.entry_id]) & set(
            book._sections[other.entry_id])
    finally:
        book.matcher.threshold, book.matcher.min_dense, book.matcher.min_margin = limits


def test_editor_saves_checks_and_retires_entries(built_workspace: Workspace, tmp_path: Path) -> None:
    from assistant.accounts import UserStore, add_user
    from ui.app import AssistantApp

    users_path = tmp_path / "users.toml"
    add_user(users_path, "erik", "editor", "erik-passwort-1")
    core = AssistantApp(built_workspace, UserStore(users_path))
    editor, staff = gr.Request(username="erik"), gr.Request(username=None)
    entry = next(e for e in ENTRIES if "§ 11b Abs. 3 SGB II" in e.citations)
    entry_id = f"redaktion-test-{uuid.uuid4().hex[:8]}"  # new in every run, also on a reused JCA_TEST_INDEX
    text = to_toml(replace(entry, id=entry_id))
    assert "Prüfung bestanden" in core.editor.faq_preview(text, editor)
    bad = text.replace(entry.texts["de"].answer, entry.texts["de"].answer + " Es gibt 4711 Euro extra.")
    assert "4711" in core.editor.faq_preview(bad, editor)
    assert "Nicht gespeichert" in core.editor.faq_save(bad, editor)[0]
    assert core.editor.faq_save(text, staff)[0].startswith("Keine Berechtigung")
    assert "Gespeichert" in core.editor.faq_save(text, editor)[0]
    assert "Zurückgezogen" in core.editor.faq_retire(entry_id, True, editor)[0]
    statuses = {e.entry.id: e.status for e in FaqStore(built_workspace.catalog).entries()}
    assert statuses[entry_id] is EntryStatus.RETIRED
    actions = [b for _, a, b, _ in built_workspace.catalog.audit_log(20) if a == "erik"]
    assert "faq-neu" in actions and "faq-zurueckgezogen" in actions


def test_faq_embeddings_on_an_unbuilt_index_refuses_and_keeps_the_shipped_files(tmp_path: Path, monkeypatch) -> None:
    """It once wrote "0 Fragevarianten" over the shipped vectors and classifier when run before any ingest."""
    import shutil

    from assistant import cli
    from assistant.config import get_settings

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "embeddings", corpus / "embeddings")
    shutil.copytree(CORPUS / "faq-training", corpus / "faq-training")
    before = {p.name: p.read_bytes() for p in (corpus / "embeddings").iterdir()}
    monkeypatch.setenv("JCA_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("JCA_CORPUS_DIR", str(corpus))
    get_settings.cache_clear()
    try:
        assert cli.main(["faq-embeddings"]) == 2
    finally:
        get_settings.cache_clear()
    assert {p.name: p.read_bytes() for p in (corpus / "embeddings").iterdir()} == before


@pytest.mark.parametrize("question,entry_id", [
    # fresh review 20b: a new job, a 10 % letter and a child's Ausbildung had no curated answer
    ("Ab dem nächsten Monat habe ich eine Arbeitsstelle. Was muss ich dem Jobcenter geben?",
     "pflichten-neue-arbeit-melden"),
    ("Das Jobcenter mindert mein Geld um zehn Prozent wegen eines verpassten Termins, wie wehre ich mich?",
     "bescheid-minderung-termin-brief"),
    ("Unsere Tochter wird Azubi und wohnt zu Hause, bekommen wir für sie weiter Bürgergeld?",
     "bg-kind-beginnt-ausbildung"),
    ("Córka zaczyna Ausbildung w zakładzie i mieszka z nami. Czy Jobcenter dalej za nią płaci?",
     "bg-kind-beginnt-ausbildung"),
    # a Widerspruch that names Kindergeld is about the Jobcenter's Bescheid, not a Familienkasse matter
    ("Widerspruch gegen den Bescheid, Kindergeld wurde angerechnet", "bescheid-widerspruch"),
])
def test_everyday_questions_of_the_fresh_review_get_their_curated_answer(retriever: Retriever, question: str,
                                                                         entry_id: str) -> None:
    """Paraphrases (none is a question variant of an entry) of questions the review found unanswered."""
    assert all(question not in t.questions for e in ENTRIES for t in e.texts.values())
    result = answer(question, Audience.CITIZEN, retriever=retriever)
    assert result.mode is AnswerMode.CURATED and result.entry_id == entry_id, (result.mode, result.entry_id)


def test_a_widerspruch_naming_kindergeld_is_not_referred_to_the_familienkasse(retriever: Retriever) -> None:
    """Below the matcher's limit the question still gets the search-based answer, not the Familienkasse refusal
    (which could cost the person the Widerspruch deadline); a Familienkasse decision is still referred."""
    jobcenter = retriever.retrieve("Das Kindergeld ist im Bescheid falsch angerechnet worden, kann ich widersprechen?",
                                   Audience.CITIZEN)
    assert jobcenter.relevant is True and jobcenter.office is None
    english = retriever.retrieve("The Jobcenter deducted child benefit twice in my decision, can I appeal?",
                                 Audience.CITIZEN)
    assert english.relevant is True
    other = retriever.retrieve("Wie hoch ist der Kinderzuschlag der Familienkasse, und wo widerspreche ich?",
                               Audience.CITIZEN)
    assert other.relevant is False and other.office == "familienkasse"
    assert not challenges_decision("Widerspruch gegen den Kindergeldbescheid der Familienkasse")  # no Jobcenter
