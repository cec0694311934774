"""The bijlagen's messages name a bijlage as the list shows it (its number and title), not
by its id or a file path: the order conflict, removing one."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from django.test import Client

from tests.web.formread import form_values

CASE = "/zaken/proef/"
ORDER = "/zaken/proef/bijlagen/volgorde/"


def _alerts(page: str) -> str:
    return " ".join(re.findall(r'<div class="utrecht-alert__message">(.*?)</div>', page, re.S))


def test_the_order_conflict_names_no_ids(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    sanne, piet = client_as("secretariaat"), client_as("secretariaat")
    first = form_values(sanne.get(CASE).content.decode(), ORDER)
    old = form_values(piet.get(CASE).content.decode(), ORDER)
    assert sanne.post(ORDER, {**first, "omlaag": "notitie"}).status_code == 302

    page = piet.post(ORDER, {**old, "omlaag": "kaart"}, HTTP_HX_REQUEST="true").content.decode()

    message = _alerts(page)
    assert "Volgorde niet opgeslagen: iemand anders heeft de bijlagen intussen gewijzigd." in (
        message
    )
    assert "verplaats opnieuw" in message
    for ident in ("notitie", "kaart", "brief"):
        assert ident not in message, message


def test_removing_a_bijlage_names_it_by_number_and_title(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    text = case_file.read_text("utf-8")
    case_file.write_text(text.replace(" ({bijlage:kaart})", ""), "utf-8")  # no reference left
    client = client_as("secretariaat")
    url = "/zaken/gebied/bijlagen/kaart/verwijderen/"
    values = form_values(client.get(url).content.decode(), url)
    page = client.post(url, {**values, "bevestig": "ja"}, follow=True).content.decode()
    message = _alerts(page)
    assert "Bijlage 2 (Kaart van het stadsdeel) verwijderd." in message
    assert "kaart verwijderd" not in message
