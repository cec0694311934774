"""A passage the personal-data guard may let through, written into the case file's
``openbaar.toegestaan`` (editing.passages), as the publication page's form does."""

from __future__ import annotations

from pathlib import Path

import pytest

import besluitpak
from besluitpak.editing import passages
from besluitpak.errors import BesluitpakError
from tests.web.workspaces import make_workspace


@pytest.fixture
def gebied(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "w") / "gebied"


def test_an_allowed_passage_is_added_with_its_reason_and_the_file_keeps_its_comments(
    gebied: Path,
) -> None:
    case_file = gebied / "besluitpak.yaml"
    case_file.write_text("# kop van het zaakbestand\n" + case_file.read_text())
    problems = passages.allow(gebied, tekst="J. Wienen", reden="burgemeester, uit hoofde van")
    assert problems == []
    assert case_file.read_text().startswith("# kop van het zaakbestand\n")
    openbaar = besluitpak.load_case(case_file).meta.openbaar
    assert openbaar is not None
    assert [(a.tekst, a.reden) for a in openbaar.toegestaan] == [
        ("J. Wienen", "burgemeester, uit hoofde van")
    ]


def test_a_passage_allowed_already_is_refused_and_nothing_is_written(gebied: Path) -> None:
    passages.allow(gebied, tekst="Grote Markt 2", reden="adres van het stadhuis")
    before = (gebied / "besluitpak.yaml").read_bytes()
    with pytest.raises(passages.AlreadyAllowed):
        passages.allow(gebied, tekst="Grote Markt 2", reden="nogmaals")
    assert (gebied / "besluitpak.yaml").read_bytes() == before


def test_an_openbaar_that_is_no_mapping_is_named_and_nothing_is_written(gebied: Path) -> None:
    case_file = gebied / "besluitpak.yaml"
    case_file.write_text(case_file.read_text() + "openbaar: [iets]\n")
    before = case_file.read_bytes()
    with pytest.raises(BesluitpakError, match=r"^openbaar: expected a mapping, got "):
        passages.allow(gebied, tekst="J. Wienen", reden="burgemeester")
    assert case_file.read_bytes() == before
