"""Fixtures of the web tests: a workspace of two small cases, and a user per role."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from tests.web.workspaces import make_workspace

ROLES = ("beleidsadviseur", "secretariaat", "archivaris")
PASSWORD = "een-lang-proefwachtwoord"


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
