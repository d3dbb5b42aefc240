"""Accounts in the core: roles as an enum, the users file and JCA_USERS, and the CLI's add-user without the UI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.accounts import EDITOR_ROLES, ROLES, STAFF_ROLES, Role, UserStore, add_user, hash_password
from assistant.config import PROJECT_ROOT
from assistant.errors import UserFacingError


def test_roles_are_an_enum_and_the_role_sets_follow_it() -> None:
    assert ROLES == ("staff", "editor") and Role("editor") is Role.EDITOR
    assert Role.parse("admin") is None and Role.parse(None) is None
    assert STAFF_ROLES == {Role.STAFF, Role.EDITOR} and EDITOR_ROLES == {Role.EDITOR}
    assert "editor" in EDITOR_ROLES and "staff" not in EDITOR_ROLES  # StrEnum: the file's strings match


def test_users_file_and_environment_give_typed_roles(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    assert add_user(path, "anna", Role.STAFF, "anna-passwort-1") is True
    assert add_user(path, "erik", "editor", "erik-passwort-1") is True
    assert add_user(path, "anna", "editor", "anna-passwort-2") is False  # changed, not added
    users = UserStore(path, f"otto:staff:{hash_password('otto-passwort-1')}")
    assert len(users) == 3
    assert users.role_of("anna") is Role.EDITOR and users.role_of("otto") is Role.STAFF
    assert users.authenticate("anna", "anna-passwort-2", EDITOR_ROLES)
    assert not users.authenticate("otto", "otto-passwort-1", EDITOR_ROLES)  # right password, wrong role
    assert users.authenticate("otto", "otto-passwort-1", STAFF_ROLES)
    with pytest.raises(UserFacingError, match="Unbekannte Rolle"):
        add_user(path, "x", "admin", "irgendein-passwort")
    with pytest.raises(UserFacingError, match="JCA_USERS"):
        UserStore(None, "eve:admin:scrypt$1")
    bad = tmp_path / "bad.toml"
    bad.write_text('[users.eve]\nrole = "admin"\npassword = "scrypt$1"\n', encoding="utf-8")
    with pytest.raises(UserFacingError, match="ungültig"):
        UserStore(bad)


def test_cli_add_user_does_not_import_the_web_app(tmp_path: Path) -> None:
    code = ("import sys; from assistant import cli; rc = cli.main(['add-user', 'erik', '--role', 'editor', "
            "'--password-stdin']); ui = sorted(m for m in sys.modules if m == 'ui' or m.startswith('ui.')); "
            "print('UI', ui); sys.exit(rc)")
    env = {**os.environ, "JCA_INDEX_DIR": str(tmp_path / "index"), "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", code], input="erik-passwort-1\n", capture_output=True, text=True,
                          env=env, cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "UI []" in done.stdout, done.stdout
    users = UserStore(tmp_path / "index" / "users.toml")
    assert users.role_of("erik") is Role.EDITOR
