"""``besluitpak.prime``: what ``watch`` does before it says it is watching, so that the first
rebuild is as quick as the next. It must leave no trace and never fail the watch."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

import besluitpak


def _everything(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def _primes_left() -> list[str]:
    return [n for n in os.listdir(tempfile.gettempdir()) if n.startswith("besluitpak-prime-")]


@pytest.mark.libreoffice
def test_priming_converts_on_the_side_and_leaves_the_case_and_the_temp_folder_as_they_were(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BESLUITPAK_CACHE", str(tmp_path / "cache"))
    before, temps = _everything(minimal), _primes_left()
    besluitpak.prime(besluitpak.load_case(minimal))
    assert _everything(minimal) == before
    assert _primes_left() == temps


def test_priming_a_case_whose_template_does_not_render_raises_nothing(minimal: Path) -> None:
    data = minimal / "bijlagen" / "notitie.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("titel:", "kop:"), encoding="utf-8")
    case = besluitpak.load_case(minimal)
    assert besluitpak.check(case), "the broken data must be what a build would refuse"
    besluitpak.prime(case)  # the first rebuild reports it
