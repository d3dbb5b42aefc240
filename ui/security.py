"""One ASGI layer in front of the three Gradio apps for what Gradio does not check when it is mounted.

* Security headers on every response: a restrictive Content-Security-Policy (nothing from other origins,
  no framing), `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, no referrer; HTML pages
  declare `lang="de"`.
* Uploads: only the apps behind a login accept `gradio_api/upload` (the Redaktion for documents, the
  Mitarbeitende app for job offers in "Stellenangebote"; the public Bürgerinfo never); every path it hands
  out is recorded for the logged-in user. A call that names a file (`{"path": …}`) must name one of that
  user's uploads; anything else is refused before Gradio copies the file anywhere (Gradio's own check does
  not run for apps mounted with `mount_gradio_app`).
* Roles: a login token whose user no longer has the app's role (changed or removed in the users file)
  is revoked on the next request.
* Login: the page is served in German by the app itself (Gradio's follows the browser's language), and
  each login call runs with the client's address known to the throttle in `ui.auth`.
"""

from __future__ import annotations

import contextvars
import html
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from gradio.utils import get_upload_folder

from .asgi_body import read_body, replay

CLIENT_ADDRESS: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="-")

CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' data: blob:; "
       "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
MAX_BODY = 4 * 1024 * 1024
UPLOAD_ROUTE = "/gradio_api/upload"
UPLOAD_TTL_S = 24 * 3600.0
LOGIN_ROUTES = ("/login", "/login/")

TokenUser = Callable[[str, Mapping[str, str]], str | None]  # (mount path, cookies) → user name or None


def is_inside_upload_folder(path: str | Path) -> bool:
    """True for a regular file (not a link) inside Gradio's upload folder."""
    try:
        folder = Path(get_upload_folder()).resolve()
        p = Path(path)
        if p.is_symlink():
            return False
        resolved = p.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return False
    return folder in resolved.parents and resolved.is_file()


class UploadRegistry:
    """Which upload paths belong to which user (per process; uploads expire with Gradio's cache)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: dict[str, tuple[str, float]] = {}

    def add(self, user: str, paths: list[str]) -> None:
        now = time.time()
        with self._lock:
            for stale in [p for p, (_u, t) in self._owner.items() if now - t > UPLOAD_TTL_S]:
                del self._owner[stale]
            for p in paths:
                self._owner[str(Path(p).resolve())] = (user, now)

    def owned_by(self, user: str | None, path: str | Path) -> bool:
        if not user:
            return False
        try:
            key = str(Path(path).resolve())
        except (OSError, RuntimeError, ValueError):
            return False
        with self._lock:
            owner = self._owner.get(key)
        return owner is not None and owner[0] == user and is_inside_upload_folder(key)


def file_paths(value: Any) -> Iterator[Any]:
    """Every value under a "path" key of a JSON structure (how Gradio's FileData names a server file)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "path":
                yield item
            else:
                yield from file_paths(item)
    elif isinstance(value, list):
        for item in value:
            yield from file_paths(item)


def _cookies(scope: Mapping[str, Any]) -> dict[str, str]:
    cookies: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, val = part.strip().partition("=")
                if key:
                    cookies[key] = val
    return cookies


async def _reply(send, status: int, detail: str) -> None:
    payload = json.dumps({"detail": detail}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(payload)).encode()), *SECURITY_HEADERS,
                            (b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": payload})


async def _html(send, status: int, page: str) -> None:
    payload = page.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"no-store"),
                            (b"content-length", str(len(payload)).encode()), *SECURITY_HEADERS,
                            (b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": payload})


LOGIN_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anmeldung – {title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f6f7f9; margin: 0; }}
main {{ max-width: 26rem; margin: 8vh auto; background: #fff; border: 1px solid #d5d9e0; border-radius: 8px; padding: 1.5rem 2rem; }}
h1 {{ font-size: 1.3rem; margin-top: 0; }} label {{ display: block; margin-top: 1rem; font-weight: 600; }}
input {{ width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .3rem; font-size: 1rem; border: 1px solid #9aa3af; border-radius: 4px; }}
button {{ margin-top: 1.2rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1f4e8c; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }}
#meldung {{ margin-top: 1rem; color: #9b1c1c; min-height: 1.2em; }} p.hinweis {{ color: #4b5563; }}
</style></head><body><main>
<h1>{title}</h1><p class="hinweis">{message}</p>
<form id="anmeldung" method="post" action="login">
<label for="username">Benutzername</label><input id="username" name="username" type="text" autocomplete="username" required autofocus>
<label for="password">Passwort</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Anmelden</button><div id="meldung" role="alert" aria-live="polite"></div>
</form>
<p class="hinweis"><a href="/">Zur Bürgerinfo</a></p>
<script>
document.getElementById("anmeldung").addEventListener("submit", async (event) => {{
  event.preventDefault();
  const box = document.getElementById("meldung");
  box.textContent = "";
  const body = new URLSearchParams(new FormData(event.target));
  let response;
  try {{ response = await fetch("login", {{ method: "POST", body }}); }}
  catch (e) {{ box.textContent = "Der Server ist nicht erreichbar. Bitte später erneut versuchen."; return; }}
  if (response.ok) {{ location.reload(); return; }}
  let detail = "";
  try {{ detail = (await response.json()).detail || ""; }} catch (e) {{}}
  box.textContent = response.status === 429 && detail ? detail : "Benutzername oder Passwort ist falsch, oder das Konto hat keinen Zugang zu diesem Bereich.";
  document.getElementById("password").value = "";
}});
</script></main></body></html>
"""


class SecurityLayer:
    """The ASGI middleware; `mounts` maps a mount path to (title, login message, whether it takes uploads)."""

    def __init__(self, app, *, token_user: TokenUser, revoke: Callable[[str, Mapping[str, str]], None],
                 mounts: Mapping[str, tuple[str, str, bool]], uploads: UploadRegistry) -> None:
        self.app = app
        self.token_user = token_user
        self.revoke = revoke
        self.mounts = mounts
        self.uploads = uploads

    def _mount_of(self, path: str) -> str:
        for mount in sorted(self.mounts, key=len, reverse=True):
            if mount != "/" and (path == mount or path.startswith(mount + "/")):
                return mount
        return "/"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        mount = self._mount_of(path)
        rest = path[len(mount):] if mount != "/" else path
        cookies = _cookies(scope)
        title, login_message, takes_uploads = self.mounts.get(mount, ("", "", False))
        user: str | None = None
        if mount != "/":
            self.revoke(mount, cookies)  # a token whose user lost the role ends here
            user = self.token_user(mount, cookies)

        if rest == UPLOAD_ROUTE and method == "POST" and (not takes_uploads or user is None):
            await _reply(send, 403 if not takes_uploads else 401, "Hochladen ist hier nicht möglich.")
            return
        if mount != "/" and user is None and method == "GET" and rest in ("", "/"):
            page = LOGIN_PAGE.format(title=html.escape(title), message=html.escape(login_message))
            await _html(send, 200, page)
            return

        receive_next = receive
        if method == "POST" and rest not in LOGIN_ROUTES and rest != UPLOAD_ROUTE and _is_json(scope):
            body, too_big = await read_body(receive, MAX_BODY)
            if too_big:
                await _reply(send, 413, "Die Anfrage ist zu groß.")
                return
            refused = self._refused_file(body, user if takes_uploads else None)
            if refused:
                await _reply(send, 422, refused)
                return
            receive_next = replay(body, receive)

        token = CLIENT_ADDRESS.set((scope.get("client") or ("-", 0))[0])
        try:
            await self.app(scope, receive_next, self._send_wrapper(send, path, user if takes_uploads else None,
                                                                   rest == UPLOAD_ROUTE))
        finally:
            CLIENT_ADDRESS.reset(token)

    def _refused_file(self, body: bytes, user: str | None) -> str:
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return ""  # not JSON after all: Gradio refuses it
        for p in file_paths(data):
            if not isinstance(p, str) or not self.uploads.owned_by(user, p):
                return "Diese Datei wurde in dieser Sitzung nicht hochgeladen und kann nicht verwendet werden."
        return ""

    def _send_wrapper(self, send, path: str, user: str | None, is_upload: bool):
        state: dict[str, Any] = {"html": False, "start": None, "chunks": []}
        file_route = path.startswith("/dateien/")

        async def wrapped(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"content-security-policy", b"x-frame-options")]
                headers += SECURITY_HEADERS
                headers.append((b"content-security-policy", (FILE_CSP if file_route else CSP).encode()))
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                message = {**message, "headers": headers}
                if (content_type.startswith(b"text/html") and not file_route) or (is_upload and user):
                    state["html"] = content_type.startswith(b"text/html")
                    state["start"] = message
                    return
                await send(message)
                return
            if message["type"] == "http.response.body" and state["start"] is not None:
                state["chunks"].append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(state["chunks"])
                if state["html"]:
                    body = body.replace(b'<html lang="en"', b'<html lang="de"', 1)
                elif is_upload and user and state["start"].get("status") == 200:
                    try:
                        paths = [p for p in json.loads(body) if isinstance(p, str)]
                    except (ValueError, TypeError):
                        paths = []
                    self.uploads.add(user, paths)
                start = state["start"]
                start["headers"] = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                start["headers"].append((b"content-length", str(len(body)).encode()))
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        return wrapped


def _is_json(scope: Mapping[str, Any]) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return not value.lower().startswith((b"multipart/", b"application/x-www-form-urlencoded"))
    return True
