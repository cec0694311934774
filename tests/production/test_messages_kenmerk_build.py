"""A kenmerk in another gemeente's style builds end to end: bundles, `--only` documents and
archive folders get safe names (real LibreOffice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import cli, edit

pytestmark = pytest.mark.libreoffice


@pytest.mark.parametrize(
    ("kenmerk", "name"),
    [("Z-2026-000123", "Z-2026-000123"), ("UTR.2026.804711", "UTR-2026-804711")],
)
def test_a_kenmerk_in_another_style_builds_and_archives_under_a_safe_name(
    minimal: Path, tmp_path: Path, kenmerk: str, name: str
) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", f"kenmerk: {kenmerk}")
    out, archief = tmp_path / "out", tmp_path / "archief"
    built = cli("build", minimal, "--out", out)
    assert built.exit_code == 0, built.output
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        f"collegebesluit-{name}-intern.pdf",
        f"collegebesluit-{name}-openbaar.pdf",
    ]
    archived = cli("archive", minimal, "--archief", archief)
    assert archived.exit_code == 0, archived.output
    assert [p.name for p in archief.iterdir()] == [name]
    assert (archief / name / "v001" / f"collegebesluit-{name}-intern.pdf").is_file()
