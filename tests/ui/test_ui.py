"""The web app end to end: the real app served by uvicorn in a thread, driven by gradio_client and raw HTTP.

Roles must hold on the server: every handler of the staff and editor apps is called anonymously through
the raw queue API and must be refused; the handlers themselves refuse callers without the right role.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
import httpx
import pytest
import uvicorn
from gradio_client import Client, handle_file

from assistant.accounts import LoginThrottled, UserStore, add_user, hash_password, verify_password
from assistant.answering.types import Answer, AnswerChecks, AnswerMode, Source
from assistant.config import Settings
from assistant.privacy import find_personal_data
from assistant.uploads import safe_upload_name, store_upload
from assistant.workspace import Workspace
from conftest import free_port
from ui.app import EDITOR_PATH, REFUSAL, STAFF_PATH, AssistantApp, create_app
from ui.render import passage_html, sources_html, status_markdown

STAFF = ("anna", "anna-passwort-1")
EDITOR = ("erik", "erik-passwort-1")
IBAN_QUESTION = "Meine IBAN ist DE89 3704 0044 0532 0130 00 – wann wird das Bürgergeld überwiesen?"


@dataclass
class Server:
    url: str
    core: AssistantApp
    ws: Workspace
    clients: list[Client]

    def client(self, path: str = "/", auth: tuple[str, str] | None = None) -> Client:
        client = Client(self.url + path, auth=auth, verbose=False)
        self.clients.append(client)  # closed before the server stops (their heartbeat streams stay open)
        return client


def _snapshot(ws: Workspace) -> tuple:
    versions = [(v.name, v.id, v.sha256, v.n_units) for v in ws.catalog.active_versions()]
    return versions, ws.catalog.generation(), len(ws.catalog.audit_log(10_000))


def as_upload(core: AssistantApp, user: str, path: Path) -> str:
    """The file as if the editor had uploaded it: in Gradio's upload folder, recorded for that editor."""
    folder = Path(gr.utils.get_upload_folder()) / f"test-{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True)
    target = folder / path.name
    shutil.copyfile(path, target)
    core.uploads.add(user, [str(target)])
    return str(target)


def _users_file(tmp: Path) -> Path:
    path = tmp / "users.toml"
    add_user(path, STAFF[0], "staff", STAFF[1])
    add_user(path, EDITOR[0], "editor", EDITOR[1])
    return path


@pytest.fixture(scope="module")
def server(built_workspace: Workspace, tmp_path_factory: pytest.TempPathFactory):
    users = UserStore(_users_file(tmp_path_factory.mktemp("users")))
    yield from serve(built_workspace, users)


def serve(ws: Workspace, users: UserStore):
    """The real app on a free loopback port in a thread, for as long as the generator is not closed."""
    app, core = create_app(ws, users)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                       timeout_graceful_shutdown=1))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    running = Server(f"http://127.0.0.1:{port}", core, ws, [])
    try:
        yield running
    finally:
        for client in running.clients:
            client.close()
        srv.should_exit = True
        thread.join(timeout=5)


def _text(message: dict) -> str:
    content = message["content"]
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def _join(url: str, fn_index: int, n_inputs: int, cookies: dict | None = None) -> httpx.Response:
    body = {"data": [None] * n_inputs, "fn_index": fn_index, "session_hash": uuid.uuid4().hex[:10],
            "event_data": None, "trigger_id": None}
    return httpx.post(f"{url}/gradio_api/queue/join", json=body, cookies=cookies, timeout=10)


# --- citizen ----------------------------------------------------------------------------------------


def test_citizen_question_gets_a_cited_answer(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = server.client("/")
    question = "Wie hoch ist der Regelbedarf für eine alleinstehende Person?"
    start = time.perf_counter()
    messages, sources, status, _box, warning = client.predict(question, api_name="/frage")
    elapsed = time.perf_counter() - start
    answer = _text(messages[-1])
    assert _text(messages[0]) == question
    assert re.search(r"\[\d\]", answer), answer
    assert "Quellen:" in answer and "Stand" in answer  # copying the message keeps the citations
    assert "jca-source" in sources and "Stand" in sources
    assert "keine Entscheidung über Ihren Einzelfall" in status
    assert not warning.get("visible")
    assert question not in caplog.text  # citizen questions are not logged
    print(f"citizen question through the UI: {elapsed:.2f} s")


def test_citizen_never_sees_internal_sources(server: Server) -> None:
    client = server.client("/")
    messages, sources, *_ = client.predict("Mietobergrenze im Beispielkreis für zwei Personen?", api_name="/frage")
    assert "KdU-Richtlinie" not in sources and "KdU-Richtlinie" not in _text(messages[-1])


def test_personal_data_is_not_answered_or_echoed(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = server.core.retriever.retrieve
    monkeypatch.setattr(server.core.retriever, "retrieve", lambda *a, **k: calls.append("x") or original(*a, **k))
    client = server.client("/")
    result = client.predict(IBAN_QUESTION, api_name="/frage")
    messages, sources, status, _box, warning = result
    assert calls == []  # nothing went to retrieval
    assert warning["visible"] and "persönliche Daten" in warning["value"] and "IBAN" in warning["value"]
    assert "DE89" not in repr(result)  # the IBAN is not echoed anywhere
    assert messages == {"__type__": "update"}  # the conversation is left as it was


def test_citizen_page_loads_nothing_from_the_internet(server: Server) -> None:
    page = httpx.get(server.url + "/", timeout=10).text
    external = re.findall(r'(?:src|href)\s*=\s*["\'](https?://[^"\']+)', page)
    assert [u for u in external if not u.startswith(server.url)] == []
    theme = httpx.get(server.url + "/theme.css", timeout=10).text
    assert "googleapis" not in theme and "@import url(http" not in theme
    config = httpx.get(server.url + "/config", timeout=10).json()
    assert "Bürgerinfo" in config["title"]


# --- roles on the server ----------------------------------------------------------------------------


def test_every_staff_and_editor_handler_refuses_anonymous_calls(server: Server) -> None:
    before = _snapshot(server.ws)
    for path in (STAFF_PATH, EDITOR_PATH):
        blocks = server.core.blocks[path]
        assert blocks.fns
        for fn_index, fn in blocks.fns.items():
            response = _join(server.url + path, fn_index, len(fn.inputs))
            assert response.status_code in (401, 403), (path, fn_index, response.text)
        for route in ("/config", "/gradio_api/info"):
            assert httpx.get(server.url + path + route, timeout=10).status_code == 401
        upload = httpx.post(server.url + path + "/gradio_api/upload", files={"files": ("x.pdf", b"%PDF")}, timeout=10)
        assert upload.status_code in (401, 403)
    # The editor's fn_indexes sent to the public app reach only citizen handlers: nothing changes.
    citizen_fns = server.core.blocks["/"].fns
    for fn_index, fn in server.core.blocks[EDITOR_PATH].fns.items():
        if fn_index in citizen_fns:
            assert _join(server.url, fn_index, len(citizen_fns[fn_index].inputs)).status_code in (200, 422)
        else:  # no such handler in the public app: an error, no effect
            assert _join(server.url, fn_index, len(fn.inputs)).status_code >= 400
    time.sleep(1.0)
    assert _snapshot(server.ws) == before


def test_handlers_check_the_role_themselves(server: Server, tmp_path: Path) -> None:
    """Defence in depth: even when reached without Gradio's login, a handler refuses and does nothing."""
    core = server.core
    before = _snapshot(server.ws)
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.7\nkaputt")
    nobody, staff = gr.Request(username=None), gr.Request(username=STAFF[0])
    unknown = gr.Request(username="eve")  # a token of a user no longer in the users file
    chat = {"messages": [], "history": [], "last": None}
    for request in (nobody, unknown):
        out = list(core.staff.ask_staff("Was regelt § 22 SGB II?", chat, request))
        assert len(out) == 1 and out[0][-1]["value"] == REFUSAL
        assert core.staff.feedback_up("x", chat, request)[0] == REFUSAL
        assert core.staff.clear_staff_chat(request)[-1]["value"] == REFUSAL
        assert core.staff.staff_welcome(request) == REFUSAL
    for request in (nobody, staff, unknown):  # staff is not editor
        assert core.editor.preview_uploads([str(broken)], "automatisch", None, [], request)[0] == REFUSAL
        pending = [{"path": str(broken), "file": "kaputt.pdf", "name": "X", "visibility": "public"}]
        assert core.editor.ingest_pending(pending, request)[0] == REFUSAL
        assert core.editor.withdraw("SGB II", True, request)[0] == REFUSAL
        assert core.editor.editor_load(request)[0] == REFUSAL
        assert core.editor.discard_pending(pending, request)[0] == REFUSAL and broken.exists()
    assert _snapshot(server.ws) == before


def test_login_checks_password_and_role(server: Server) -> None:
    login = server.url + STAFF_PATH + "/login"
    assert httpx.post(login, data={"username": STAFF[0], "password": "falsch"}).status_code == 400
    assert httpx.post(login, data={"username": STAFF[0], "password": STAFF[1]}).status_code == 200
    assert httpx.post(login, data={"username": EDITOR[0], "password": EDITOR[1]}).status_code == 200  # editors too
    editor_login = server.url + EDITOR_PATH + "/login"
    assert httpx.post(editor_login, data={"username": STAFF[0], "password": STAFF[1]}).status_code == 400
    with httpx.Client(base_url=server.url) as http:  # a staff login does not open the editor app
        assert http.post(STAFF_PATH + "/login", data={"username": STAFF[0], "password": STAFF[1]}).status_code == 200
        assert http.get(STAFF_PATH + "/config").status_code == 200
        assert http.get(EDITOR_PATH + "/config").status_code == 401


# --- staff ------------------------------------------------------------------------------------------


def test_staff_chat_shows_sources_and_keeps_the_conversation(server: Server) -> None:
    client = server.client(STAFF_PATH + "/", STAFF)
    question = "Welche Absetzbeträge gelten bei Erwerbstätigkeit nach § 11b SGB II?"
    messages, sources, status, _box, warning = client.predict(question, api_name="/frage")
    assert re.search(r"§ 11b Abs\. \w+ SGB II", sources), sources
    assert "<mark>" in sources and "gesetze-im-internet.de/sgb_2/__11b.html" in sources
    assert "Antwortart" in status
    messages, sources, *_ = client.predict("Und für Auszubildende?", api_name="/frage")
    assert len(messages) == 4  # the follow-up continues the same conversation
    assert client.predict("passt", api_name="/lob")[0].startswith("Danke")


def test_staff_sees_internal_documents_and_their_files(server: Server) -> None:
    client = server.client(STAFF_PATH + "/", STAFF)
    _messages, sources, *_ = client.predict("Mietobergrenze im Beispielkreis für zwei Personen?", api_name="/frage")
    assert "KdU-Richtlinie Beispielkreis" in sources
    link = re.search(r'href="(/dateien/[^"#]+)', sources)
    assert link, sources
    assert httpx.get(server.url + link.group(1)).status_code == 403  # internal file: not for anonymous users
    with httpx.Client(base_url=server.url) as http:
        http.post(STAFF_PATH + "/login", data={"username": STAFF[0], "password": STAFF[1]})
        response = http.get(link.group(1))
        assert response.status_code == 200 and "Mietobergrenzen" in response.text


def test_streamed_partials_do_not_read_the_catalog_for_links(built_workspace: Workspace, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated answer streams many partials; the files behind its sources are looked up once per answer."""
    from test_llm_backends import MODEL, Scenario, fake_server

    scenario = Scenario(chunks=["Das regelt ", "die Weisung ", "in Randzeichen ", "21.27 [1]."])
    with fake_server(scenario) as url:
        settings = built_workspace.settings.model_copy(update={
            "llm_backend": "openai", "llm_model": MODEL, "llm_base_url": url, "llm_timeout_s": 5,
            "llm_probe_timeout_s": 1, "faq_enabled": False, "calculators_enabled": False})
        ws = Workspace(settings)
        core = AssistantApp(ws, UserStore(_users_file(tmp_path)))
        reads: list[str] = []
        for method in ("active_versions", "active_version", "active_version_by_id"):
            original = getattr(ws.catalog, method)
            monkeypatch.setattr(ws.catalog, method,
                                lambda *a, _m=method, _o=original, **k: reads.append(_m) or _o(*a, **k))
        steps = list(core.staff.ask_staff("Was steht in Rz. 21.27?", None, gr.Request(username=STAFF[0])))
    panels = [step[2] for step in steps if isinstance(step[2], str)]
    assert len(panels) >= 3, len(steps)  # streamed partials and the final answer each show the sources
    assert all("/dateien/" in panel and "#page=" in panel for panel in panels), panels[-1]
    # one read for the empty-index check before answering, one for the links: not one per partial and source
    assert reads == ["active_versions", "active_versions"], reads


def test_guideline_pdf_is_served_with_page(server: Server) -> None:
    client = server.client("/")
    _messages, sources, *_ = client.predict("Was steht in Rz. 21.27?", api_name="/frage")
    link = re.search(r'href="(/dateien/\d+/[^"#]+\.pdf)#page=(\d+)"', sources)
    assert link, sources
    response = httpx.get(server.url + link.group(1))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert httpx.get(server.url + "/dateien/999999/x.pdf").status_code == 404
    assert httpx.get(server.url + "/dateien/1/..%2F..%2Fusers.toml").status_code in (403, 404)
    version_id = link.group(1).split("/")[2]
    assert httpx.get(f"{server.url}/dateien/{version_id}/anderer-name.pdf").status_code == 404


# --- editor -----------------------------------------------------------------------------------------


def test_broken_upload_shows_german_error_and_index_is_unchanged(server: Server, tmp_path: Path) -> None:
    before = _snapshot(server.ws)
    uploads = server.ws.settings.uploads_dir
    files_before = sorted(uploads.rglob("*")) if uploads.exists() else []
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    client = server.client(EDITOR_PATH + "/", EDITOR)
    message = client.predict([handle_file(str(broken))], "automatisch", None, api_name="/pruefen")
    assert "kaputt.pdf" in message and "kann nicht aufgenommen werden" in message
    result = client.predict(False, api_name="/aufnehmen")  # the confirmation box (fundamental replacements)
    assert "Nichts zum Aufnehmen" in result[0]
    after = _snapshot(server.ws)
    assert after[:2] == before[:2]  # documents and generation unchanged (the audit log notes the refusal)
    assert any(a == "upload-abgelehnt" and actor == EDITOR[0] for _, actor, a, _d in server.ws.catalog.audit_log(5))
    assert (sorted(uploads.rglob("*")) if uploads.exists() else []) == files_before  # the bad file is gone


def test_upload_names_cannot_escape_the_uploads_folder(tmp_path: Path) -> None:
    assert safe_upload_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_upload_name("..\\..\\Windows\\win.ini") == "win.ini"
    assert safe_upload_name(".bashrc") == "datei.bashrc"  # no hidden files
    assert safe_upload_name("Bericht (neu) §12.PDF") == "Bericht_neu_12.pdf"
    assert "/" not in safe_upload_name("a/b/../../c") and safe_upload_name("") == "datei"
    settings = Settings(index_dir=tmp_path / "index")
    source = tmp_path / "x.pdf"
    source.write_bytes(b"%PDF")
    stored = store_upload(settings, source, "../../../../etc/passwd.pdf")
    assert settings.uploads_dir.resolve() in stored.parents and stored.name == "passwd.pdf"


def test_editor_preview_replace_and_withdraw(tmp_path: Path) -> None:
    """The editor's flow on an empty index of its own: hint, upload with preview, replace, withdraw, audit."""
    ws = Workspace(Settings(index_dir=tmp_path / "index"))
    users = UserStore(_users_file(tmp_path))
    core = AssistantApp(ws, users)
    editor = gr.Request(username=EDITOR[0])
    assert "Index ist noch leer" in core.shared.index_hint()
    steps = list(core.citizen.ask_citizen("Wie hoch ist der Regelbedarf?", None))
    assert "nicht verfügbar" in steps[-1][-1]["value"]  # a German hint instead of a crash

    v1 = tmp_path / "Hausrichtlinie.md"
    v1.write_text("# Hausrichtlinie\n\n## Erreichbarkeit\n\nDas Jobcenter ist montags bis freitags erreichbar.\n\n"
                  "## Umzug\n\nEin Umzug ist vorher mitzuteilen.\n", encoding="utf-8")
    message, pending, confirm = core.editor.preview_uploads([as_upload(core, EDITOR[0], v1)], "intern", "Hausrichtlinie",
                                                     [], editor)
    assert "Neues Dokument: Hausrichtlinie" in message and confirm["interactive"] is True and len(pending) == 1
    assert ws.catalog.active_versions() == []  # the preview changes nothing
    result = core.editor.ingest_pending(pending, editor)
    assert "aufgenommen" in result[0], result[0]
    assert [v.name for v in ws.catalog.active_versions()] == ["Hausrichtlinie"]
    assert ws.catalog.active_version("Hausrichtlinie").visibility == "internal"

    v2 = tmp_path / "Hausrichtlinie_neu.md"
    v2.write_text(v1.read_text(encoding="utf-8").replace("vorher mitzuteilen", "mindestens vier Wochen vorher "
                                                         "mitzuteilen"), encoding="utf-8")
    message, pending, _ = core.editor.preview_uploads([as_upload(core, EDITOR[0], v2)], "automatisch", "Hausrichtlinie", [],
                                               editor)
    assert "Neue Version: Hausrichtlinie" in message and "1 geändert" in message and "Geänderte Abschnitte" in message
    assert "Sichtbarkeit: intern" in message  # a new version keeps the document's visibility
    core.editor.ingest_pending(pending, editor)
    assert ws.catalog.active_version("Hausrichtlinie").id != ws.catalog.versions_of("Hausrichtlinie")[0].id

    assert "bestätigen" in core.editor.withdraw("Hausrichtlinie", False, editor)[0]
    assert "zurückgezogen" in core.editor.withdraw("Hausrichtlinie", True, editor)[0]
    assert ws.catalog.active_versions() == []
    actions = [(actor, action) for _, actor, action, _ in ws.catalog.audit_log()]
    assert (EDITOR[0], "ingest") in actions and (EDITOR[0], "remove") in actions


# --- presentation and privacy (no server) --------------------------------------------------------------


@pytest.mark.parametrize("text", [
    IBAN_QUESTION, "DE89370400440532013000", "Rufen Sie mich an: 0171 1234567", "Tel. +49 30 123456",
    "meine Mail ist max.muster@example.de", "BG-Nummer 12345BG0012345", "SV-Nummer 12 150785 M 123",
])
def test_personal_data_is_recognised(text: str) -> None:
    assert find_personal_data(text)


@pytest.mark.parametrize("text", [
    "Wie hoch ist der Regelbedarf 2026?", "§ 11b Abs. 3 SGB II", "Ich verdiene 563 Euro im Monat",
    "Gilt das ab dem 01.07.2026?", "Was gilt nach Rz. 21.27?", "Bekomme ich 1.200,50 Euro?",
    "Miete 450 € warm, 3 Personen, 75 qm", "Kann ich 15000 Euro Vermögen haben?", "Zeitraum 2023-2025",
])
def test_legal_questions_are_not_taken_for_personal_data(text: str) -> None:
    assert find_personal_data(text) == []


def test_sources_panel_escapes_text_and_marks_the_supporting_sentences() -> None:
    source = Source(number=1, citation="§ 1 Abs. 1 Test", doc="Test", label="§ 1 Abs. 1", title="Titel",
                    stand="2026-01-01", kind="law", visibility="public",
                    passage="Erster Satz <script>alert(1)</script>. Zweiter Satz mit Betrag 563 Euro.",
                    link="", page=3, highlights=("Zweiter Satz mit Betrag 563 Euro.",))
    answer = Answer(question="q", audience="staff", text="Antwort 563 Euro [1] und [7].", mode=AnswerMode.EXTRACTIVE,
                    sources=(source,), checks=AnswerChecks(removed_citations=(7,), unsupported=("999 Euro",)))
    panel = sources_html(answer, lambda s: f"/dateien/1/test.pdf#page={s.page}")
    assert "<script>" not in panel and "&lt;script&gt;" in panel
    assert "<mark>Zweiter Satz mit Betrag 563 Euro.</mark>" in panel
    assert 'href="/dateien/1/test.pdf#page=3"' in panel and "Stand 01.01.2026" in panel
    status = status_markdown(answer)
    assert "entfernte Verweise:** [7]" in status and "unbelegte Angaben:** 999 Euro" in status
    assert "Aus den Quellen zusammengestellt" in status
    long = "\n".join(f"Zeile {i} mit etwas Text." for i in range(200))
    excerpt = passage_html(long, ["Zeile 100 mit etwas Text."])
    assert "<mark>Zeile 100 mit etwas Text.</mark>" in excerpt and "Ganzer Text" in excerpt
    assert excerpt.startswith("… Zeile ")


# --- accounts ---------------------------------------------------------------------------------------


def test_passwords_are_hashed_and_roles_reload(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    add_user(path, "maria", "staff", "maria-passwort")
    assert "maria-passwort" not in path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o077 == 0
    users = UserStore(path)
    assert users.authenticate("maria", "maria-passwort", frozenset({"staff", "editor"}))
    assert not users.authenticate("maria", "maria-passwort", frozenset({"editor"}))
    assert not users.authenticate("maria", "falsch", frozenset({"staff"}))
    time.sleep(0.01)
    add_user(path, "maria", "editor", "maria-passwort-2")
    assert users.role_of("maria") == "editor"
    env = UserStore(None, f"karl:staff:{hash_password('karl-passwort')}")
    assert env.role_of("karl") == "staff" and env.authenticate("karl", "karl-passwort", frozenset({"staff"}))
    assert verify_password("x", "kaputt") is False


def test_repeated_wrong_passwords_lock_the_account_for_a_while(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    add_user(path, "otto", "staff", "otto-passwort")
    users = UserStore(path)
    for _ in range(4):
        assert not users.authenticate("otto", "falsch", frozenset({"staff"}))
    with pytest.raises(LoginThrottled):  # refused unchecked for a few seconds, with a German message
        users.authenticate("otto", "otto-passwort", frozenset({"staff"}))


def test_add_user_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from assistant import cli

    users_file = tmp_path / "users.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("ein-langes-passwort\n"))
    args = cli.build_parser().parse_args(["add-user", "lena", "--role", "editor", "--password-stdin"])
    assert args.func(args, Workspace(Settings(index_dir=tmp_path, users_file=users_file))) == 0
    assert UserStore(users_file).authenticate("lena", "ein-langes-passwort", frozenset({"editor"}))


# --- browser ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_browser_tabs_and_no_external_requests(server: Server, tmp_path: Path) -> None:
    """Headless Chromium (Debian's /usr/bin/chromium): each app renders, a question is answered, all local."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(chromium).exists(), "chromium is not installed: `make test-slow` installs it (apt-get install chromium)"
    playwright = pytest.importorskip("playwright.sync_api")
    external: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("request", lambda r: external.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None)
        page.goto(server.url + "/", wait_until="domcontentloaded")
        page.get_by_label("Ihre Frage").fill("Wie hoch ist der Regelbedarf für eine alleinstehende Person?")
        page.get_by_role("button", name="Fragen").click()
        page.wait_for_selector(".jca-source", timeout=30_000)
        page.screenshot(path=str(tmp_path / "buergerinfo.png"))
        for path, (user, password) in ((STAFF_PATH, STAFF), (EDITOR_PATH, EDITOR)):
            page.goto(server.url + path + "/", wait_until="domcontentloaded")
            page.get_by_label(re.compile("username|Benutzername", re.I)).fill(user)
            page.get_by_label(re.compile("password|Passwort", re.I)).fill(password)
            page.get_by_role("button", name=re.compile("login|anmelden", re.I)).click()
            page.wait_for_selector("text=Angemeldet als", timeout=30_000)
        browser.close()
    assert external == []
