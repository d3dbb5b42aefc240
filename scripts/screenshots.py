"""Screenshots of the web app (not a test): Bürgerinfo, Mitarbeitende, Redaktion → docs/screenshots/.

    python scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium] [--only offers]

`--only offers` takes just 13-stellenangebote.png: an employer's e-mail with a real posting (eval/offers p15,
dev part) as PDF attachment uploaded in "Stellenangebote", the prefilled form beside the highlighted original.
Without Chromium the script says so and exits without screenshots (they are optional).

Starts the app in-process on a free loopback port over the configured index (make index first), with two
throw-away accounts, and drives Debian's Chromium through playwright (apt-get install -y chromium; no browser
download). Prints every request that would have left the machine (there should be none).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from assistant.config import get_settings  # noqa: E402
from assistant.workspace import Workspace  # noqa: E402
from assistant.accounts import UserStore, add_user  # noqa: E402
from ui.app import EDITOR_PATH, STAFF_PATH, create_app  # noqa: E402

CITIZEN_QUESTION = "Bekomme ich mehr Geld, wenn ich mein Kind allein erziehe?"
STAFF_QUESTION = "Welche Absetzbeträge gelten bei Erwerbstätigkeit nach § 11b SGB II?"
PRIVATE_QUESTION = "Meine IBAN ist DE89 3704 0044 0532 0130 00, wann kommt das Geld?"
ARABIC_QUESTION = "هل يمكنني السفر في إجازة وأنا أحصل على Bürgergeld؟"
MINIJOB_QUESTION = "Minijob, 556 Euro im Monat, wie viel darf ich behalten?"
OFFERS_DIR = Path(__file__).resolve().parent.parent / "eval" / "offers" / "postings"
OFFER_POSTING = "p15"  # a notary office's career page (dev part of the offer evaluation)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(page: Page, question: str, wait_for: str = ".jca-source") -> float:
    page.get_by_label("Ihre Frage").fill(question)
    start = time.perf_counter()
    page.get_by_role("button", name="Fragen", exact=True).click()
    page.wait_for_selector(wait_for, timeout=60_000)
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(400)
    return elapsed


def _login(page: Page, url: str, user: str, password: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("input[type=password]", timeout=30_000)
    page.locator("input[type=text]").first.fill(user)
    page.locator("input[type=password]").first.fill(password)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Angemeldet als", timeout=30_000)
    page.wait_for_timeout(500)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--only", choices=["all", "offers"], default="all")
    args = parser.parse_args()
    if not Path(args.chromium).exists():
        print(f"Chromium fehlt ({args.chromium}): keine Screenshots. Installieren mit `make chromium`.")
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    tmp = Path(tempfile.mkdtemp(prefix="jca-shots-"))
    staff_pw, editor_pw = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    add_user(tmp / "users.toml", "a.muster", "staff", staff_pw)
    add_user(tmp / "users.toml", "r.redaktion", "editor", editor_pw)
    # A copy of the index, so that the logins of this script do not end up in the real audit log.
    settings = get_settings()
    if settings.index_dir.exists():
        shutil.copytree(settings.index_dir, tmp / "index", ignore=shutil.ignore_patterns("uploads", "*.lock"))
    ws = Workspace(settings.model_copy(update={"index_dir": tmp / "index"}))
    app, _core = create_app(ws, UserStore(tmp / "users.toml"))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=1))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    external: list[str] = []
    try:
        if args.only == "offers":
            _drive_offers(base, out, args.chromium, staff_pw, tmp, external)
        else:
            _drive(base, out, args.chromium, staff_pw, editor_pw, external)
            _drive_offers(base, out, args.chromium, staff_pw, tmp, external)
    finally:
        server.should_exit = True
        time.sleep(1.5)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Screenshots in {out}/")
    if external:
        print("Anfragen nach außen:", *sorted(set(external)), sep="\n  ")
        return 1
    print("Keine Anfragen nach außen.")
    return 0


def _drive(base: str, out: Path, chromium: str, staff_pw: str, editor_pw: str, external: list[str]) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="de-DE")
        page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else external.append(r.url))

        page.goto(base + "/", wait_until="domcontentloaded")
        page.wait_for_selector("text=Beispielfragen zum Start", timeout=30_000)
        page.screenshot(path=str(out / "1-buergerinfo-start.png"), full_page=True)
        seconds = _ask(page, CITIZEN_QUESTION)
        print(f"Bürgerinfo: Antwort nach {seconds:.2f} s im Browser")
        page.screenshot(path=str(out / "2-buergerinfo-antwort.png"), full_page=True)
        page.get_by_role("button", name="Neues Gespräch").click()
        page.wait_for_selector("text=Hier erscheinen die Quellen der Antwort.", timeout=30_000)
        page.wait_for_timeout(300)
        page.get_by_label("Ihre Frage").fill(PRIVATE_QUESTION)
        page.get_by_role("button", name="Fragen", exact=True).click()
        page.wait_for_selector("text=persönliche Daten (IBAN)", timeout=30_000)
        page.screenshot(path=str(out / "3-buergerinfo-datenschutz.png"), full_page=True)

        for name, question in (("9-buergerinfo-rechner.png", MINIJOB_QUESTION),
                               ("10-buergerinfo-arabisch.png", ARABIC_QUESTION)):
            page.get_by_role("button", name="Neues Gespräch").click()
            page.wait_for_selector("text=Hier erscheinen die Quellen der Antwort.", timeout=30_000)
            page.wait_for_timeout(300)
            _ask(page, question)
            page.screenshot(path=str(out / name), full_page=True)

        page.goto(base + STAFF_PATH + "/", wait_until="domcontentloaded")
        page.wait_for_selector("input[type=password]", timeout=30_000)
        page.screenshot(path=str(out / "4-mitarbeitende-anmeldung.png"))
        _login(page, base + STAFF_PATH + "/", "a.muster", staff_pw)
        seconds = _ask(page, STAFF_QUESTION)
        print(f"Mitarbeitende: Antwort nach {seconds:.2f} s im Browser")
        page.screenshot(path=str(out / "5-mitarbeitende-antwort.png"), full_page=True)

        _login(page, base + EDITOR_PATH + "/", "r.redaktion", editor_pw)
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "6-redaktion-dokumente.png"), full_page=True)
        page.get_by_role("tab", name="Hochladen / ersetzen").click()
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "7-redaktion-hochladen.png"), full_page=True)
        page.get_by_role("tab", name="Häufige Fragen").click()
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "11-redaktion-haeufige-fragen.png"), full_page=True)
        page.get_by_role("tab", name="Protokoll").click()
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "8-redaktion-protokoll.png"), full_page=True)
        browser.close()


def offer_mail(folder: Path, posting: str = OFFER_POSTING) -> Path:
    """An employer's e-mail with the posting's text as PDF attachment (as the employer service receives them)."""
    import pymupdf

    text = (OFFERS_DIR / f"{posting}.txt").read_text(encoding="utf-8")
    doc = pymupdf.open()
    doc.new_page().insert_textbox(pymupdf.Rect(40, 40, 560, 800), text, fontsize=9, fontname="helv")
    pdf = doc.tobytes()
    doc.close()
    message = EmailMessage()
    message["From"], message["To"] = "notariat@example.org", "arbeitgeberservice@jobcenter.example"
    message["Subject"] = "Stellenangebot Notarbüro Neuruppin"
    message.set_content("Guten Tag,\n\nanbei unser Stellenangebot als PDF mit der Bitte um Veröffentlichung.\n\n"
                        "Mit freundlichen Grüßen")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="stellenangebot.pdf")
    path = folder / "stellenangebot-notarbuero.eml"
    path.write_bytes(message.as_bytes())
    return path


def _drive_offers(base: str, out: Path, chromium: str, staff_pw: str, tmp: Path, external: list[str]) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 1100}, locale="de-DE")
        page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else external.append(r.url))
        _login(page, base + STAFF_PATH + "/", "a.muster", staff_pw)
        page.get_by_role("tab", name="Stellenangebote").click()
        page.wait_for_timeout(500)
        page.locator("input[type=file]").first.set_input_files(str(offer_mail(tmp)))
        page.wait_for_selector("text=Gelesen", timeout=30_000)
        page.wait_for_selector("mark", timeout=30_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "13-stellenangebote.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
