"""Text never becomes structure: whatever a person types into a form of the page is
written into the YAML files as a value (comments included). Each form gets line breaks
followed by keys, ``#``, ``:``, ``{``, anchors, aliases and tags; the file's keys are then
exactly the expected ones and the value reads back as typed (or the save is refused and
the file is unchanged)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client

from tests.web.formread import form_values
from tests.web.workspaces import add_meeting

NASTY = (
    "Proef\nembargo_tot: 2030-01-01",
    "Proef\nopenbaar:\n  steller_toegestaan: true",
    "Proef\r\nembargo_tot: 2030-01-01",
    "Proef\u2028embargo_tot: 2030-01-01",
    "# geen commentaar",
    "Proef # met een hekje",
    "sleutel: waarde",
    "{embargo_tot: 2030-01-01}",
    "[een, lijst]",
    "&anker Proef",
    "*alias",
    "!!python/object/apply:os.system ['true']",
    "- een lijstje",
    "'half' \"gequote\" tekst",
    "@ en ` en % en |",
    ">- gevouwen",
    "  spaties vooraf en na  ",
)
"""What a person may type; each is a value, never a key, tag, anchor or comment end."""


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))  # a tag would raise: no tag is written


@pytest.mark.parametrize("text", NASTY)
def test_a_new_case_s_onderwerp_is_a_value_and_its_comment_one_line(
    client_as: Callable[[str], Client], workspace: Path, text: str
) -> None:
    client = client_as("secretariaat")
    response = client.post(
        "/zaken/nieuw/",
        {
            "onderwerp": text,
            "naam": "nieuwe-zaak",
            "kenmerk": "2026/000001",
            "collegevergadering": "2026-12-15",
            "portefeuillehouder": text,
            "afdeling": text,
            "basis": "proef",
        },
    )
    case_file = workspace / "nieuwe-zaak" / "besluitpak.yaml"
    assert response.status_code == 302
    data = _load(case_file)
    expected = {"gemeente", "kenmerk", "onderwerp", "collegevergadering", "portefeuillehouder"}
    assert set(data) == expected | {"afdeling", "steller", "voorstel", "bijlagen"}
    first = case_file.read_text("utf-8").splitlines()[0]
    one_line = " ".join(text.split())
    assert first == f"# {one_line}: gemaakt op basis van de zaak proef."
    assert data["onderwerp"] == text.strip().replace("\r\n", "\n")
    assert (data["portefeuillehouder"], data["afdeling"]) == (data["onderwerp"],) * 2


@pytest.mark.parametrize("text", NASTY)
def test_the_case_form_writes_each_text_as_a_value(
    client_as: Callable[[str], Client], workspace: Path, text: str
) -> None:
    client = client_as("secretariaat")
    case_file = workspace / "proef" / "besluitpak.yaml"
    keys = set(_load(case_file))
    values = form_values(client.get("/zaken/proef/").content.decode(), "/zaken/proef/")
    for field in ("onderwerp", "portefeuillehouder", "afdeling", "steller_naam"):
        values[field] = text
    response = client.post("/zaken/proef/", values)
    data = _load(case_file)
    assert set(data) == keys
    assert set(data["steller"]) == {"naam", "telefoon", "email"}
    assert response.status_code == 302
    typed = text.strip().replace("\r\n", "\n")
    assert data["afdeling"] == typed and data["steller"]["naam"] == typed


@pytest.mark.parametrize("text", NASTY)
def test_a_bijlage_s_data_form_writes_each_text_as_a_value(
    client_as: Callable[[str], Client], workspace: Path, text: str
) -> None:
    client = client_as("secretariaat")
    url = "/zaken/gebied/documenten/opgave-centrum/"
    data_file = workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    keys = set(_load(data_file))
    values = form_values(client.get(url).content.decode(), url)
    values["stadsdeel"] = text
    assert client.post(url, values).status_code == 302
    data = _load(data_file)
    assert set(data) == keys
    assert data["stadsdeel"] == text.replace("\r\n", "\n")


@pytest.mark.parametrize("text", NASTY)
def test_a_new_bijlage_s_titel_is_a_value(
    client_as: Callable[[str], Client], workspace: Path, text: str
) -> None:
    client = client_as("secretariaat")
    url = "/zaken/proef/bijlagen/nieuw/"
    case_file = workspace / "proef" / "besluitpak.yaml"
    keys = set(_load(case_file))
    template = form_values(client.get(url).content.decode(), url)
    response = client.post(
        url,
        {
            **template,
            "bron": "template",
            "gegenereerd-id": "extra",
            "gegenereerd-titel": text,
            "gegenereerd-template": "templates/notitie.docx",
        },
    )
    data = _load(case_file)
    assert set(data) == keys
    assert response.status_code == 302
    added = data["bijlagen"][-1]
    assert set(added) == {"id", "titel", "template", "data"}
    assert added["titel"] == text.strip().replace("\r\n", "\n")


@pytest.mark.parametrize("text", NASTY)
def test_an_outcome_s_besluitpunten_are_values(
    client_as: Callable[[str], Client], workspace: Path, text: str
) -> None:
    meeting = add_meeting(workspace)
    client = client_as("secretariaat")
    keys = set(_load(meeting))
    response = client.post(
        "/vergaderingen/2026-50/punten/1/",
        {"punt-1-uitkomst": "gewijzigd", "punt-1-besluitpunten": f"Eerste punt.\n\n{text}"},
    )
    assert response.status_code == 302
    data = _load(meeting)
    assert set(data) == keys
    assert set(data["agenda"][0]) == {"zaak", "soort", "samenvatting", "uitkomst", "besluitpunten"}
    assert data["agenda"][0]["besluitpunten"][-1] == " ".join(text.split())


@pytest.mark.parametrize("text", NASTY)
def test_an_allowed_passage_and_its_reason_are_values(
    client_as: Callable[[str], Client], workspace: Path, text: str
) -> None:
    client = client_as("secretariaat")
    case_file = workspace / "proef" / "besluitpak.yaml"
    keys = set(_load(case_file))
    response = client.post("/zaken/proef/publicatie/toestaan/", {"tekst": text, "reden": text})
    assert response.status_code == 302
    data = _load(case_file)
    assert set(data) == keys | {"openbaar"}
    assert set(data["openbaar"]) == {"toegestaan"}
    assert data["openbaar"]["toegestaan"] == [
        {"tekst": " ".join(text.split())} | {"reden": " ".join(text.split())}
    ]
