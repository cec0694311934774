"""Fixtures of the web tests: a workspace of two small cases, and a user per role."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from tests.helpers import MINIMAL, ROOT

HERE = Path(__file__).resolve().parent
ROLES = ("beleidsadviseur", "secretariaat", "archivaris")
PASSWORD = "een-lang-proefwachtwoord"


def make_workspace(root: Path) -> Path:
    """``root`` with the cases ``proef`` (tests/cases/minimal) and ``gebied`` (a
    collegevoorstel, a gebiedsopgave with a JSON Schema, a ready-made PDF)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(MINIMAL, root / "proef")
    gebied = root / "gebied"
    shutil.copytree(HERE / "cases" / "gebied", gebied)
    (gebied / "templates").mkdir()
    for name in ("collegevoorstel", "gebiedsopgave"):
        for suffix in (".docx", ".schema.json"):
            shutil.copy(ROOT / "templates" / f"{name}{suffix}", gebied / "templates")
    shutil.copy(ROOT / "bijlagen" / "gebiedsopgave-centrum.yaml", gebied / "bijlagen")
    shutil.copy(MINIMAL / "bijlagen" / "kaart.pdf", gebied / "bijlagen")
    return root


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
