"""besluitpak.editing's short form: keyword-only functions returning a frozen Saved."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import besluitpak
from besluitpak import editing
from tests.helpers import MINIMAL
from tests.web.workspaces import make_workspace


@pytest.fixture
def gebied(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "w") / "gebied"


def test_add_then_move_then_remove_a_bijlage_through_the_api(gebied: Path) -> None:
    saved = editing.add_bijlage(
        folder=gebied, file=MINIMAL / "bijlagen" / "kaart.pdf", titel="Extra", ident="extra"
    )
    assert saved.saved and saved.files == ("bijlagen/extra.pdf",)
    assert saved.version == editing.version(folder=gebied)
    moved = editing.move_bijlage(folder=gebied, ident="extra", to=1, version=saved.version)
    assert [b.id for b in editing.bijlagen(folder=gebied)] == ["extra", "opgave-centrum", "kaart"]
    removed = editing.remove_bijlage(folder=gebied, ident="extra", version=moved.version)
    assert removed.files == ("bijlagen/extra.pdf",)
    assert [b.id for b in besluitpak.load_case(gebied / "besluitpak.yaml").bijlagen] == [
        "opgave-centrum",
        "kaart",
    ]


def test_a_refused_change_returns_its_problems_and_writes_nothing(gebied: Path) -> None:
    before = (gebied / "besluitpak.yaml").read_bytes()
    saved = editing.set_value(folder=gebied, key="kenmerk", value="")
    assert not saved.saved
    assert [p.key for p in saved.problems] == ["kenmerk"]
    assert (gebied / "besluitpak.yaml").read_bytes() == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        saved.version = "x"  # type: ignore[misc]


def test_the_api_takes_keyword_arguments_only(gebied: Path) -> None:
    with pytest.raises(TypeError):
        editing.set_value(gebied, "onderwerp", "x")  # type: ignore[call-arg]


def test_the_web_page_reaches_the_case_files_rules_through_editing() -> None:
    assert "5.1.2e" in editing.lak.GRONDEN
