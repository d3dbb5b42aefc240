"""Accounts and roles, in the core (used by the web app and the CLI): a TOML file and/or JCA_USERS,
passwords stored as salted scrypt hashes.

Users file (default `<index_dir>/users.toml`, written by `python -m assistant add-user`):

    [users.meier]
    role = "staff"
    password = "scrypt$16384$8$1$<salt, base64>$<hash, base64>"

JCA_USERS="name:role:hash;name:role:hash" adds accounts from the environment (e.g. a container secret).
The file is re-read when it changes, so removing a user or changing a role takes effect on the next request.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import threading
import time
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from assistant.config import Settings
from assistant.errors import UserFacingError



class Role(StrEnum):
    """What an account may do: staff use the staff app, editors also manage documents and curated answers."""

    STAFF = "staff"
    EDITOR = "editor"

    @classmethod
    def parse(cls, value: object) -> Role | None:
        try:
            return cls(value)
        except ValueError:
            return None


ROLES = tuple(r.value for r in Role)
STAFF_ROLES = frozenset({Role.STAFF, Role.EDITOR})  # may use the staff chat
EDITOR_ROLES = frozenset({Role.EDITOR})  # may manage documents
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")

SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 32


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    if not password:
        raise UserFacingError("Das Passwort darf nicht leer sein.")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=SCRYPT_LEN, maxmem=64 * 1024 * 1024)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected), maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH = hash_password("kein-benutzer", salt=b"0" * 16)


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    password_hash: str


def _parse_env(value: str) -> dict[str, Account]:
    accounts: dict[str, Account] = {}
    for item in value.split(";"):
        item = item.strip()
        if not item:
            continue
        parts = item.split(":", 2)
        role = Role.parse(parts[1]) if len(parts) == 3 else None
        if role is None or not NAME_RE.match(parts[0]):
            raise UserFacingError(f"JCA_USERS: Eintrag „{item.split(':', 1)[0]}…“ ist ungültig "
                                  "(erwartet: name:staff|editor:hash).")
        accounts[parts[0]] = Account(parts[0], role, parts[2])
    return accounts


def _parse_file(path: Path) -> dict[str, Account]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserFacingError(f"Die Benutzerdatei {path} ist fehlerhaft: {exc}") from exc
    accounts: dict[str, Account] = {}
    for name, entry in (data.get("users") or {}).items():
        role, pw = Role.parse(entry.get("role")), entry.get("password")
        if role is None or not isinstance(pw, str) or not NAME_RE.match(name):
            raise UserFacingError(f"Die Benutzerdatei {path}: Eintrag „{name}“ ist ungültig.")
        accounts[name] = Account(name, role, pw)
    return accounts


class UserStore:
    """Who may log in, with which role; thread-safe, re-reads the file when it changes."""

    def __init__(self, path: Path | None, env_value: str | None = None) -> None:
        self.path = path
        self.env_value = env_value
        self._lock = threading.Lock()
        self._stamp: tuple[float, int] | None = None
        self._accounts: dict[str, Account] = {}
        self.throttle = LoginThrottle()
        self._reload()

    @classmethod
    def from_settings(cls, settings: Settings) -> UserStore:
        return cls(settings.users_path, settings.users)

    def _file_stamp(self) -> tuple[float, int] | None:
        if self.path is None or not self.path.exists():
            return None
        st = self.path.stat()
        return (st.st_mtime, st.st_size)

    def _reload(self) -> None:
        stamp = self._file_stamp()
        accounts = _parse_file(self.path) if stamp is not None and self.path is not None else {}
        accounts.update(_parse_env(self.env_value or ""))
        self._accounts, self._stamp = accounts, stamp

    def _current(self) -> dict[str, Account]:
        with self._lock:
            if self._file_stamp() != self._stamp:
                try:
                    self._reload()
                except UserFacingError:
                    pass  # keep the last good accounts while the file is being edited
            return self._accounts

    def __len__(self) -> int:
        return len(self._current())

    def role_of(self, name: str | None) -> Role | None:
        if not name:
            return None
        account = self._current().get(name)
        return account.role if account else None

    def has_role(self, name: str | None, roles: frozenset[Role]) -> bool:
        return self.role_of(name) in roles

    def authenticate(self, name: str, password: str, roles: frozenset[Role], client: str = "-") -> bool:
        """True when the password is right and the account has one of the roles.

        Raises LoginThrottled while the client or the name must wait after failed attempts; a throttled
        attempt is not checked and not counted, so nobody can keep an account closed by guessing.
        """
        name = (name or "").strip()
        self.throttle.check(client, name)
        account = self._current().get(name)
        ok = verify_password(password or "", account.password_hash if account else _DUMMY_HASH)
        ok = ok and account is not None
        if not ok:
            self.throttle.failed(client, name)
            return False
        self.throttle.succeeded(client, name)
        return account.role in roles

    def exists(self, name: str | None) -> bool:
        return bool(name) and name in self._current()


class LoginThrottled(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = max(1, int(seconds + 0.999))

    @property
    def message(self) -> str:
        return (f"Zu viele fehlgeschlagene Anmeldungen. Die Anmeldung ist vorübergehend gesperrt – "
                f"bitte versuchen Sie es in {self.seconds} Sekunden erneut.")


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


class LoginThrottle:
    """Growing delays after failed logins, per client address, per (client, name) and per name.

    Each key may fail `free` times; after n > free failures the next attempt must wait 2^(n - free - 1) seconds
    since the last failure, up to a ceiling. Per name the ceiling is short, so someone guessing from
    elsewhere delays the real user by at most NAME_MAX_DELAY_S; per client address the ceiling is long,
    which stops spraying many names from one place. Attempts made while waiting are refused unchecked.
    """

    RULES = {  # key kind → (free failures, maximum delay in seconds)
        "client": (10, 600.0),
        "pair": (3, 300.0),
        "name": (10, 30.0),
    }
    FORGET_S = 3600.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, str], _Failures] = {}

    def _keys(self, client: str, name: str) -> list[tuple[str, str]]:
        return [("client", client), ("pair", f"{client}\x1f{name}"), ("name", name)]

    def wait_for(self, client: str, name: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        wait = 0.0
        with self._lock:
            for key in self._keys(client, name):
                f = self._failures.get(key)
                if f is None:
                    continue
                if now - f.last > self.FORGET_S:
                    del self._failures[key]
                    continue
                free, ceiling = self.RULES[key[0]]
                if f.count > free:
                    delay = min(ceiling, 2.0 ** (f.count - free - 1))
                    wait = max(wait, f.last + delay - now)
        return wait

    def check(self, client: str, name: str) -> None:
        wait = self.wait_for(client, name)
        if wait > 0:
            raise LoginThrottled(wait)

    def failed(self, client: str, name: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in self._keys(client, name):
                f = self._failures.setdefault(key, _Failures())
                f.count += 1
                f.last = now

    def succeeded(self, client: str, name: str) -> None:
        with self._lock:
            self._failures.pop(("pair", f"{client}\x1f{name}"), None)
            self._failures.pop(("name", name), None)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_user(path: Path, name: str, role: Role | str, password: str) -> bool:
    """Create or update an account in the users file; True if it was new. The file is written atomically."""
    if not NAME_RE.match(name or ""):
        raise UserFacingError("Der Benutzername darf nur Buchstaben, Ziffern und . _ @ - enthalten "
                              "(höchstens 64 Zeichen).")
    parsed = Role.parse(role)
    if parsed is None:
        raise UserFacingError(f"Unbekannte Rolle „{role}“ (erlaubt: {', '.join(ROLES)}).")
    if len(password) < 8:
        raise UserFacingError("Das Passwort muss mindestens 8 Zeichen lang sein.")
    accounts = _parse_file(path) if path.exists() else {}
    new = name not in accounts
    accounts[name] = Account(name, parsed, hash_password(password))
    lines = ["# Accounts of the Jobcenter-Assistent web app (python -m assistant add-user NAME --role staff|editor).",
             "# Passwords are stored as salted scrypt hashes.", ""]
    for acc in sorted(accounts.values(), key=lambda a: a.name):
        lines += [f"[users.{_toml_string(acc.name)}]", f"role = {_toml_string(acc.role)}",
                  f"password = {_toml_string(acc.password_hash)}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    os.replace(tmp, path)
    return new
