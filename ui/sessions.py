"""Logins of the two apps with accounts: Gradio's `auth` check (throttled, audited), who a login cookie belongs to,
ending sessions whose role was taken away, and one logout for both apps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse

from assistant.accounts import EDITOR_ROLES, STAFF_ROLES, LoginThrottled, Role, UserStore
from assistant.catalog import Catalog

from .common import EDITOR_PATH
from .security import CLIENT_ADDRESS


def roles_of_mount(mount: str) -> frozenset[Role]:
    return EDITOR_ROLES if mount == EDITOR_PATH else STAFF_ROLES


class Sessions:
    def __init__(self, users: UserStore, catalog: Catalog) -> None:
        self.users = users
        self.catalog = catalog
        self.gradio_apps: dict[str, Any] = {}  # mount path → Gradio's App (its login tokens), set by the assembly

    def login_check(self, roles: frozenset[Role], app_name: str) -> Callable[[str, str], bool]:
        """Gradio's `auth` callable for one app: the password and the role, each attempt in the audit log."""
        def check(username: str, password: str) -> bool:
            client = CLIENT_ADDRESS.get()
            try:
                ok = self.users.authenticate(username, password, roles, client=client)
            except LoginThrottled as exc:
                raise HTTPException(429, exc.message) from None
            if ok:
                self.catalog.audit(username[:64], "anmeldung", app_name)
            else:  # typed-in names are recorded only when such an account exists
                known = self.users.exists(username)
                self.catalog.audit(username[:64] if known else "-", "anmeldung-fehlgeschlagen",
                                   f"{app_name}: {'falsches Passwort' if known else 'unbekannter Benutzername'}"
                                   f" (Adresse {client})")
            return ok
        return check

    @staticmethod
    def _tokens_of(app: Any, cookies: Any) -> list[str]:
        return [t for t in (cookies.get(f"access-token-{app.cookie_id}"),
                            cookies.get(f"access-token-unsecure-{app.cookie_id}")) if t]

    def token_user(self, mount: str, cookies: Any) -> str | None:
        """The user a login cookie of the app at `mount` belongs to, if they still have the app's role."""
        app = self.gradio_apps.get(mount)
        if app is None:
            return None
        roles = roles_of_mount(mount)
        for token in self._tokens_of(app, cookies):
            user = app.tokens.get(token)
            if user and self.users.has_role(user, roles):
                return user
        return None

    def cookie_user(self, request: Request, roles: frozenset[Role]) -> str | None:
        """A user logged in to either app who has one of the roles."""
        for mount in self.gradio_apps:
            user = self.token_user(mount, request.cookies)
            if user and self.users.has_role(user, roles):
                return user
        return None

    def revoke_stale(self, mount: str, cookies: Any) -> None:
        """Drop the login token of a user whose role no longer admits them to this app."""
        app = self.gradio_apps.get(mount)
        if app is None:
            return
        roles = roles_of_mount(mount)
        for token in self._tokens_of(app, cookies):
            user = app.tokens.get(token)
            if user is not None and not self.users.has_role(user, roles):
                app.tokens.pop(token, None)
                self.catalog.audit(user, "abmeldung", f"{mount}: Rolle geändert, Sitzung beendet")

    def _raw_token_user(self, mount: str, cookies: Any) -> str | None:
        app = self.gradio_apps[mount]
        return next((app.tokens[t] for t in self._tokens_of(app, cookies) if t in app.tokens), None)

    def logout_everywhere(self, request: Request) -> RedirectResponse:
        """One logout for Mitarbeitende and Redaktion: every token of the user ends, cookies are deleted."""
        users = {u for m in self.gradio_apps for u in [self._raw_token_user(m, request.cookies)] if u}
        response = RedirectResponse("/", status_code=302)
        for app in self.gradio_apps.values():
            for token, user in list(app.tokens.items()):
                if user in users:
                    app.tokens.pop(token, None)
            response.delete_cookie(f"access-token-{app.cookie_id}", path="/")
            response.delete_cookie(f"access-token-unsecure-{app.cookie_id}", path="/")
        return response
