"""Shared fixtures: the reference case, a minimal case copied per test, a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from besluitpak.cli import main

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
# A copy of shared/seed/, the text the reference case must reproduce (a golden file).
SEED = ROOT / "tests" / "golden" / "collegevoorstel-gebiedsgericht-werken-2014.txt"


def cli(*args: str | Path) -> Result:
    """Run the besluitpak CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of tests/cases/minimal (a small valid case) to change."""
    target = tmp_path / "case"
    shutil.copytree(CASES / "minimal", target)
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
    """One cache (LibreOffice profiles) for the whole test session."""
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BESLUITPAK_CACHE", str(path))
        mp.setenv("BESLUITPAK_WARM", "0")  # no background LibreOffice; tests that want one
        yield path                         # turn it on themselves


def _build_once(factory: pytest.TempPathFactory, case: Path, name: str) -> Path:
    """Build ``case`` into a fresh folder; the last file listed (the openbaar bundle)."""
    result = cli("build", case, "--out", factory.mktemp(name))
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def reference_bundle(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The reference case built once per session (real LibreOffice)."""
    return _build_once(tmp_path_factory, ROOT / "besluitpak.yaml", "reference-out")


@pytest.fixture(scope="session")
def minimal_bundle(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The minimal case (with a ready-made PDF and .docx) built once per session."""
    return _build_once(tmp_path_factory, CASES / "minimal", "minimal-out")
