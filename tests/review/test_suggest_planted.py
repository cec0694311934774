"""Suggestions on a built case with a resident's name and address planted in its generated
text (real LibreOffice, one build): found on their page with their words' boxes; the
college's member named in the case's vergadering and an openbaar.toegestaan passage not."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import besluitpak

pytestmark = pytest.mark.libreoffice

PLANTED = (
    "Mevrouw J.M. van der Berg-Kok, Kerkstraat 12a, maakte bezwaar; wethouder Proefmans "
    "sprak haar. De heer Pieter de Groot van de wijkraad stemde in."
)


@pytest.fixture(scope="module")
def suggested(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> besluitpak.Suggestions:
    import shutil

    from tests.helpers import MINIMAL

    case = tmp_path_factory.mktemp("planted") / "case"
    shutil.copytree(MINIMAL, case)
    data_file = case / "bijlagen" / "notitie.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["alineas"].append(PLANTED)
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    case_file = case / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    allowed = '  toegestaan: [{tekst: "Pieter de Groot", reden: "voorzitter van de wijkraad"}]\n'
    case_file.write_text(text + "openbaar:\n" + allowed, encoding="utf-8")
    (case / "vergadering.yaml").write_text(
        "agenda: [{zaak: .}]\naanwezig: [wethouder K. Proefmans]\n", encoding="utf-8"
    )
    return besluitpak.suggest(case_file)


def test_the_residents_name_and_address_are_suggested_on_their_page_with_boxes(
    suggested: besluitpak.Suggestions,
) -> None:
    found = {(s.kind, s.words): s for s in suggested if s.document == "notitie"}
    person = next(s for (kind, words), s in found.items() if "van der Berg-Kok" in words)
    address = next(s for (kind, words), s in found.items() if words.startswith("Kerkstraat 12a"))
    for item in (person, address):
        assert item.page == 1 and item.channel == "content" and item.label == "Bijlage 1"
        assert len(item.boxes) == len(item.words.split())
        assert item.ground == "5.1.2e"
        assert item.line().startswith(f"Bijlage 1 p.1: {item.words!r}")
    assert person.kind == "persoon" and address.kind == "adres"


def test_a_college_member_and_an_allowed_passage_are_not_suggested(
    suggested: besluitpak.Suggestions,
) -> None:
    words = " | ".join(s.words for s in suggested)
    assert "Proefmans" not in words
    assert "Pieter de Groot" not in words
    assert "K. Proefmans" in suggested.public
