"""Attacks an editor, a citizen or a passer-by could make against the running app, sent over HTTP as they would.

Each test here failed on the app before issue 11 was fixed: server files published through the editor's
preview, uploaded HTML run on the app's origin, Markdown images and links in answers, a login lock that
anyone could keep closed, a role change that did not end a session, uploads to the public app, HTML in
document names, English page language.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

import gradio as gr
import httpx
import pymupdf
import pytest
from gradio.utils import get_upload_folder
from gradio_client import Client, handle_file

from assistant.accounts import LoginThrottle, LoginThrottled, UserStore, add_user
from assistant.answering.types import Answer, AnswerMode
from assistant.config import Settings
from assistant.ingest import Ingestor
from assistant.model import Visibility
from assistant.offers.store import OfferStore
from assistant.workspace import Workspace
from ui.app import EDITOR_PATH, STAFF_PATH
from ui.render import chat_text, md_text
from ui.security import UploadRegistry

from conftest import EVAL
from test_ui import EDITOR, STAFF, Server, _snapshot, _text, serve, server  # noqa: F401

JOIN = "/gradio_api/queue/join"
EVIL_HTML = """<!doctype html><html><head><title>Hinweise zur Erreichbarkeit</title></head><body>
<h1>Hinweise zur Erreichbarkeit</h1>
<p>Die Sprechzeiten des Jobcenters Musterstadt sind montags bis donnerstags von 8 bis 12 Uhr.</p>
<script>fetch('/redaktion/gradio_api/queue/join', {method: 'POST'})</script>
</body></html>
"""
EVIL_MARKDOWN = """# Ratgeber Weiterbewilligung Musterstadt

## Weiterbewilligung online

Den Weiterbewilligungsantrag Musterstadt stellen Sie hier: [Antrag online](http://phish.example/antrag)
![Logo](http://tracker.example/pixel.png) Weitere Hinweise unter http://phish.example/info und www.phish.example.
"""


def _login(http: httpx.Client, path: str, user: tuple[str, str]) -> None:
    response = http.post(path + "/login", data={"username": user[0], "password": user[1]})
    assert response.status_code == 200, response.text


def _fn_index(blocks: gr.Blocks, api_name: str) -> int:
    return next(i for i, fn in blocks.fns.items() if fn.api_name == api_name)


def _join(http: httpx.Client, path: str, fn_index: int, data: list) -> httpx.Response:
    body = {"data": data, "fn_index": fn_index, "session_hash": uuid.uuid4().hex[:10], "event_data": None,
            "trigger_id": None}
    return http.post(path + JOIN, json=body, timeout=30)


def _files_in_upload_folder(name: str) -> list[Path]:
    folder = Path(get_upload_folder())
    return list(folder.rglob(name)) if folder.exists() else []


# --- 1. only files uploaded in this session ----------------------------------------------------------


def test_editor_cannot_publish_a_file_that_lies_on_the_server(server: Server, tmp_path: Path) -> None:
    secret = tmp_path / f"geheim-{secrets.token_hex(4)}.md"
    secret.write_text("# Geheim\n\nDas Passwort der Datenbank lautet Sonnenblume.\n", encoding="utf-8")
    before = _snapshot(server.ws)
    preview = _fn_index(server.core.blocks[EDITOR_PATH], "pruefen")
    with httpx.Client(base_url=server.url) as http:
        _login(http, EDITOR_PATH, EDITOR)
        for value in ({"path": str(secret), "orig_name": secret.name, "meta": {"_type": "gradio.FileData"}},
                      {"path": str(secret)},  # without Gradio's marker
                      {"path": f"{get_upload_folder()}/../../{secret}"},
                      {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}):
            response = _join(http, EDITOR_PATH, preview, [[value], "öffentlich", None])
            assert response.status_code == 422, response.text
            assert "nicht hochgeladen" in response.json()["detail"]
    assert _files_in_upload_folder(secret.name) == [] and _files_in_upload_folder("passwd") == []  # never copied
    assert _snapshot(server.ws)[:2] == before[:2]


def test_preview_handler_itself_refuses_paths_it_did_not_receive(server: Server, tmp_path: Path) -> None:
    """Defence in depth: even if a path reached the handler, it is neither read nor copied."""
    secret = tmp_path / "intern.md"
    secret.write_text("# Intern\n\nNur für den Dienstgebrauch.\n", encoding="utf-8")
    uploads = server.ws.settings.uploads_dir
    stored_before = sorted(uploads.rglob("*")) if uploads.exists() else []
    message, pending, _ = server.core.editor.preview_uploads([str(secret)], "öffentlich", None, [],
                                                      gr.Request(username=EDITOR[0]))
    assert "nicht in dieser Sitzung hochgeladen" in message and pending == []
    assert (sorted(uploads.rglob("*")) if uploads.exists() else []) == stored_before


def test_an_uploaded_file_is_accepted_only_for_the_editor_who_uploaded_it(tmp_path: Path) -> None:
    registry = UploadRegistry()
    folder = Path(get_upload_folder()) / f"test-{secrets.token_hex(6)}"
    folder.mkdir(parents=True)
    try:
        mine = folder / "richtlinie.md"
        mine.write_text("# R\n\nText.\n", encoding="utf-8")
        registry.add("erik", [str(mine)])
        assert registry.owned_by("erik", str(mine))
        assert not registry.owned_by("eva", str(mine)) and not registry.owned_by(None, str(mine))
        link = folder / "link.md"
        link.symlink_to("/etc/hostname")
        registry.add("erik", [str(link)])
        assert not registry.owned_by("erik", str(link))  # a link is resolved: it points outside
    finally:
        shutil.rmtree(folder)


def test_only_logged_in_staff_and_editors_can_upload(server: Server) -> None:
    upload = {"files": ("x.txt", b"hallo")}
    assert httpx.post(server.url + "/gradio_api/upload", files=upload, timeout=10).status_code == 403  # citizens
    assert httpx.post(server.url + STAFF_PATH + "/gradio_api/upload", files=upload, timeout=10).status_code == 401
    with httpx.Client(base_url=server.url) as http:
        _login(http, STAFF_PATH, STAFF)
        response = http.post(STAFF_PATH + "/gradio_api/upload", files=upload)
        assert response.status_code == 200  # job offers in "Stellenangebote"
        assert server.core.uploads.owned_by(STAFF[0], response.json()[0])  # recorded for this user only
        assert not server.core.uploads.owned_by(EDITOR[0], response.json()[0])
        assert http.post("/gradio_api/upload", files=upload).status_code == 403  # a staff login opens nothing here
        _login(http, EDITOR_PATH, EDITOR)
        assert http.post(EDITOR_PATH + "/gradio_api/upload", files=upload).status_code == 200


# --- 1b. job offer files in the staff app -------------------------------------------------------------


def _offer_mail(tmp_path: Path, name: str) -> Path:
    """An employer's e-mail with a real posting (eval/offers p15, dev part) as PDF attachment."""
    text = (EVAL / "offers" / "postings" / "p15.txt").read_text(encoding="utf-8")
    doc = pymupdf.open()
    doc.new_page().insert_textbox(pymupdf.Rect(40, 40, 560, 800), text, fontsize=9, fontname="helv")
    pdf = doc.tobytes()
    doc.close()
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "notar@example.org", "ag-s@example.org", "Stellenangebot"
    message.set_content("Guten Tag,\nanbei unser Stellenangebot als PDF.\nMit freundlichen Grüßen")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="angebot.pdf")
    path = tmp_path / name
    path.write_bytes(message.as_bytes())
    return path


def test_staff_user_uploads_an_offer_mail_and_gets_the_prefilled_form(server: Server, tmp_path: Path) -> None:
    name = f"angebot-{secrets.token_hex(4)}.eml"
    client = server.client(STAFF_PATH + "/", STAFF)
    rows, original, notice, *_ = client.predict(handle_file(str(_offer_mail(tmp_path, name))), api_name="/angebot_datei")
    values = {row[0]: row[1] for row in rows["data"]}
    assert values["E-Mail"] == "info@bensch-notar.de" and values["Postleitzahl"] == "16816"  # from the attachment
    assert '<mark title="E-Mail">info@bensch-notar.de</mark>' in original
    assert name in notice and "angebot.pdf" in notice  # read, and the PDF part is the one shown
    assert _files_in_upload_folder(name) == []  # Gradio's copy is gone once read


def test_an_offer_file_of_another_user_is_refused(server: Server) -> None:
    join = _fn_index(server.core.blocks[STAFF_PATH], "angebot_datei")
    with httpx.Client(base_url=server.url) as anna, httpx.Client(base_url=server.url) as erik:
        _login(anna, STAFF_PATH, STAFF)
        _login(erik, STAFF_PATH, EDITOR)  # an editor in the staff app, but not the one who uploaded
        path = anna.post(STAFF_PATH + "/gradio_api/upload",
                         files={"files": ("stelle.txt", "Lagerhelfer (m/w/d) in 24103 Kiel".encode())}).json()[0]
        value = {"path": path, "orig_name": "stelle.txt", "meta": {"_type": "gradio.FileData"}}
        refused = _join(erik, STAFF_PATH, join, [value])
        assert refused.status_code == 422 and "nicht hochgeladen" in refused.json()["detail"]
        assert Path(path).is_file()  # untouched
        message = server.core.offers_tab.read_file(path, gr.Request(username=EDITOR[0]))[2]  # behind the layer too
        assert "nicht in dieser Sitzung hochgeladen" in message and Path(path).is_file()
        assert _join(anna, STAFF_PATH, join, [value]).status_code == 200  # the uploader may use it


@pytest.mark.parametrize("case", ["wrong_type", "encrypted_pdf", "empty_mail"])
def test_a_bad_offer_file_gives_a_german_message_and_stores_nothing(server: Server, tmp_path: Path, case: str) -> None:
    tag = secrets.token_hex(4)
    if case == "wrong_type":
        path = tmp_path / f"tabelle-{tag}.xlsx"
        path.write_bytes(b"PK\x03\x04 keine Stelle")
    elif case == "encrypted_pdf":
        path = tmp_path / f"geheim-{tag}.pdf"
        doc = pymupdf.open()
        doc.new_page().insert_text((50, 72), "Lagerhelfer (m/w/d) gesucht")
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
        doc.close()
    else:
        path = tmp_path / f"leer-{tag}.eml"
        path.write_bytes(b"")
    offers_before = OfferStore(server.ws.settings).count()
    audit_before = len(server.ws.catalog.audit_log(10_000))
    client = server.client(STAFF_PATH + "/", STAFF)
    rows, original, notice, *_ = client.predict(handle_file(str(path)), api_name="/angebot_datei")
    assert notice.startswith("**Fehler:**") and path.name in notice and "Traceback" not in notice
    assert re.search(r"nicht unterstützt|passwortgeschützt|verschlüsselt|leer|nicht gelesen|keine E-Mail", notice), notice
    assert rows["data"] in ([], [["", ""]]) and original == ""
    assert _files_in_upload_folder(path.name) == []  # Gradio's copy deleted
    assert OfferStore(server.ws.settings).count() == offers_before
    new = server.ws.catalog.audit_log(10_000)[: len(server.ws.catalog.audit_log(10_000)) - audit_before]
    assert [(actor, action) for _, actor, action, _ in new if action != "anmeldung"] == [(STAFF[0], "upload-abgelehnt")]


# --- 2 and 3. stored HTML and Markdown from documents ---------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory):
    """An app over a small index of its own holding a public HTML page with a script and Markdown with links."""
    root = tmp_path_factory.mktemp("hostile")
    ws = Workspace(Settings(index_dir=root / "index"))
    html_file, md_file = root / "erreichbarkeit.html", root / "ratgeber.md"
    html_file.write_text(EVIL_HTML, encoding="utf-8")
    md_file.write_text(EVIL_MARKDOWN, encoding="utf-8")
    ingestor = Ingestor(ws)
    ingestor.ingest_paths([html_file], name="Hinweise Erreichbarkeit", visibility=Visibility.PUBLIC)
    ingestor.ingest_paths([md_file], name="Ratgeber Musterstadt", visibility=Visibility.PUBLIC)
    users_path = root / "users.toml"
    add_user(users_path, EDITOR[0], "editor", EDITOR[1])
    yield from serve(ws, UserStore(users_path))


def test_uploaded_html_is_a_download_never_a_page(hostile_server: Server) -> None:
    version = hostile_server.ws.catalog.active_version("Hinweise Erreichbarkeit")
    response = httpx.get(f"{hostile_server.url}/dateien/{version.id}/erreichbarkeit.html")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in response.headers["content-security-policy"]


def test_every_response_carries_the_security_headers(server: Server) -> None:
    for path in ("/", STAFF_PATH + "/", EDITOR_PATH + "/", "/healthz", "/gradio_api/info", "/dateien/1/x.pdf"):
        response = httpx.get(server.url + path, timeout=10)
        csp = response.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "img-src 'self' data: blob:" in csp or "sandbox" in csp, path
        assert response.headers.get("x-frame-options") == "DENY", path
        assert response.headers.get("x-content-type-options") == "nosniff", path


def test_links_and_images_in_a_document_are_not_live_in_the_answer(hostile_server: Server) -> None:
    client = Client(hostile_server.url + "/", verbose=False)
    hostile_server.clients.append(client)
    messages, sources, *_ = client.predict("Wo stelle ich den Weiterbewilligungsantrag in Musterstadt?",
                                           api_name="/frage")
    answer = _text(messages[-1])
    assert "Weiterbewilligung" in answer, answer
    assert "](" not in answer.replace("\\](", "") and "![" not in answer.replace("!\\[", "")
    assert not re.search(r"https?://", answer) and "www.phish" not in answer
    assert "<img" not in sources and 'href="http://phish' not in sources


def test_chat_text_keeps_citation_markers_but_no_markdown_links() -> None:
    answer = Answer(question="x", audience="citizen", mode=AnswerMode.EXTRACTIVE,
                    text="Siehe [Antrag](http://x.example) und ![p](https://t.example/p.png) [1] [12].")
    text = chat_text(answer)
    assert "[1]" in text and "[12]" in text
    assert "\\[Antrag\\]" in text and "!\\[p\\]" in text and "http&#58;//" in text and "https&#58;//" in text


# --- 4. login throttling --------------------------------------------------------------------------------


def test_throttle_delays_grow_and_never_lock_the_real_user_for_long() -> None:
    throttle = LoginThrottle()
    for _ in range(3):
        throttle.check("1.2.3.4", "otto")
        throttle.failed("1.2.3.4", "otto")
    assert throttle.wait_for("1.2.3.4", "otto") == 0  # three free failures
    throttle.failed("1.2.3.4", "otto")
    first = throttle.wait_for("1.2.3.4", "otto")
    throttle.failed("1.2.3.4", "otto")
    assert throttle.wait_for("1.2.3.4", "otto") > first  # growing
    with pytest.raises(LoginThrottled) as exc:
        throttle.check("1.2.3.4", "otto")
    assert "vorübergehend gesperrt" in exc.value.message
    assert throttle.wait_for("5.6.7.8", "otto") == 0  # the real user elsewhere is not locked by a stranger's guesses
    for _ in range(40):  # someone guessing from many addresses slows the name only a little
        throttle.failed(f"10.0.0.{secrets.randbelow(250)}", "otto")
    assert 0 < throttle.wait_for("5.6.7.8", "otto") <= LoginThrottle.RULES["name"][1]


def test_login_over_http_says_when_it_is_throttled_and_stops_spraying(tmp_path: Path) -> None:
    users_path = tmp_path / "users.toml"
    add_user(users_path, "otto", "staff", "otto-passwort")
    ws = Workspace(Settings(index_dir=tmp_path / "index"))
    running = serve(ws, UserStore(users_path))
    server = next(running)
    core, base = server.core, server.url
    url = f"{base}{STAFF_PATH}/login"
    try:
        codes = [httpx.post(url, data={"username": "otto", "password": "falsch"}).status_code for _ in range(4)]
        assert codes == [400, 400, 400, 400]
        throttled = httpx.post(url, data={"username": "otto", "password": "otto-passwort"})
        assert throttled.status_code == 429 and "Sekunden" in throttled.json()["detail"]
        time.sleep(core.users.throttle.wait_for("127.0.0.1", "otto") + 0.1)
        assert httpx.post(url, data={"username": "otto", "password": "otto-passwort"}).status_code == 200
        sprayed = [httpx.post(url, data={"username": f"name{i}", "password": "x"}).status_code for i in range(30)]
        assert sprayed.count(429) >= 15, sprayed  # one address cannot try many names quickly
        page = httpx.get(f"{base}{STAFF_PATH}/")
        assert '<html lang="de">' in page.text and "Benutzername" in page.text and "Passwort" in page.text
    finally:
        running.close()
    details = [d for _, _, action, d in ws.catalog.audit_log(1000) if action == "anmeldung-fehlgeschlagen"]
    assert details and not any("name1" in d for d in details)  # typed-in names do not fill the log


# --- 6 and 7. sessions end everywhere, and when the role changes -------------------------------------


def test_role_change_and_logout_end_the_sessions(server: Server, tmp_path: Path) -> None:
    users_file = server.core.users.path
    original = users_file.read_text(encoding="utf-8")
    try:
        with httpx.Client(base_url=server.url) as http:
            _login(http, EDITOR_PATH, EDITOR)
            _login(http, STAFF_PATH, EDITOR)
            assert http.get(EDITOR_PATH + "/config").status_code == 200
            time.sleep(0.05)
            add_user(users_file, EDITOR[0], "staff", EDITOR[1])  # the editor becomes staff
            assert http.get(EDITOR_PATH + "/config").status_code == 401
            assert http.post(EDITOR_PATH + "/gradio_api/upload", files={"files": ("x.pdf", b"%PDF")}).status_code == 401
            assert http.get(STAFF_PATH + "/config").status_code == 200  # still staff
            response = http.get("/abmelden", follow_redirects=False)
            assert response.status_code == 302 and response.headers["location"] == "/"
            assert http.get(STAFF_PATH + "/config").status_code == 401
    finally:
        users_file.write_text(original, encoding="utf-8")
        time.sleep(0.05)


def test_logout_link_stays_in_the_tab_and_logs_out_of_both_apps(server: Server) -> None:
    welcome = server.core.staff.staff_welcome(gr.Request(username=EDITOR[0]))
    assert 'href="/abmelden" target="_self"' in welcome and "_blank" not in welcome
    with httpx.Client(base_url=server.url) as http:
        _login(http, EDITOR_PATH, EDITOR)
        _login(http, STAFF_PATH, STAFF)
        http.get("/abmelden")
        assert http.get(EDITOR_PATH + "/config").status_code == 401
        assert http.get(STAFF_PATH + "/config").status_code == 401


# --- 9. names from documents in the editor's messages -------------------------------------------------


def test_html_in_a_document_name_is_shown_as_text() -> None:
    shown = md_text('<img src=x onerror="alert(1)"> **fett** [x](http://y)')
    assert "<img" not in shown and "&lt;img" in shown and "\\*\\*" in shown and "\\[x\\]" in shown
