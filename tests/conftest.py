"""Fixtures only: the reference case and a minimal case copied per test, one cache for the
session, and bundles built once per session. Helpers are in tests/helpers.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, ROOT, build_bundle


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of tests/cases/minimal (a small valid case) to change."""
    target = tmp_path / "case"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    """A fresh copy of the reference case (the repository root's case and inputs)."""
    target = tmp_path / "reference"
    target.mkdir()
    shutil.copy(ROOT / "besluitpak.yaml", target)
    shutil.copytree(ROOT / "templates", target / "templates")
    shutil.copytree(ROOT / "bijlagen", target / "bijlagen")
    return target


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache (LibreOffice profiles, remembered data checks) for the whole session,
    never the user's own."""
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BESLUITPAK_CACHE", str(path))
        yield path


@pytest.fixture(scope="session")
def reference_bundle(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The reference case built once per session (real LibreOffice)."""
    return build_bundle(ROOT / "besluitpak.yaml", tmp_path_factory.mktemp("reference-out"))


@pytest.fixture(scope="session")
def minimal_bundle(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The minimal case (with a ready-made PDF and .docx) built once per session."""
    return build_bundle(MINIMAL, tmp_path_factory.mktemp("minimal-out"))
