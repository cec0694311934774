"""Fixtures of the web tests: a workspace of two small cases, and a user per role."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from tests.helpers import ROOT
from tests.web.workspaces import make_workspace

ROLES = ("beleidsadviseur", "secretariaat", "archivaris")
PASSWORD = "een-lang-proefwachtwoord"


@pytest.fixture(scope="session", autouse=True)
def dutch_messages() -> None:
    """The page's Dutch messages compiled (setup.sh does it; a fresh checkout has only the
    .po file), before anything asks for a translation."""
    folder = ROOT / "besluitpak" / "web" / "locale" / "nl" / "LC_MESSAGES"
    po, mo = folder / "django.po", folder / "django.mo"
    if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
        # Django read its catalogues already (without this one): read them again.
        from django.utils.translation.reloader import translation_file_changed

        translation_file_changed(sender=None, file_path=mo)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """Test users' passwords hashed quickly (the real hasher costs ~0.3 s a user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def workspace(tmp_path: Path, settings: Any) -> Path:
    """A fresh workspace the web page serves (settings.WORKSPACE points at it)."""
    root = make_workspace(tmp_path / "werkruimte")
    settings.WORKSPACE = root
    return root


@pytest.fixture
def users(db: None) -> dict[str, User]:
    """One user per role, named after the role."""
    made = {}
    for role in ROLES:
        user = User.objects.create_user(role, password=PASSWORD)
        user.groups.set([Group.objects.get(name=role)])
        made[role] = user
    return made


@pytest.fixture
def client_as(users: dict[str, User], workspace: Path) -> Callable[[str], Client]:
    """``client_as("secretariaat")``: a test client logged in with that role."""

    def make(role: str) -> Client:
        client = Client()
        client.force_login(users[role])
        return client

    return make
