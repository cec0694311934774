"""axe-core on every page of the site, as the role that sees the most of it, with the
Content-Security-Policy refusing nothing: the pages of composing (new case, add and
remove a bijlage), the data forms, the archive after Archiveren and Verifiëren, the
publication page before and after Publiceren (and after Persoonsgegeven toestaan), the
logbook, and the pages for "not found" and "not allowed"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.e2e.conftest import Session

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]

SECRETARIAAT_PAGES = (
    "/",
    "/zaken/proef/",
    "/zaken/gebied/",
    "/zaken/gebied/documenten/collegevoorstel/",
    "/zaken/gebied/documenten/opgave-centrum/",
    "/zaken/proef/documenten/notitie/",
    "/zaken/nieuw/",
    "/zaken/gebied/bijlagen/nieuw/",
    "/zaken/proef/bijlagen/brief/verwijderen/",
    "/logboek/",
    "/vergaderingen/",
    "/zaken/bestaat-niet/",
)


def test_each_page_of_the_secretariaat_passes_axe(person: Session) -> None:
    person.login("secretariaat")
    found = {}
    for path in SECRETARIAAT_PAGES:
        person.go(path)
        found[path] = person.axe()
    assert found == {path: [] for path in SECRETARIAAT_PAGES}
    assert person.refused == []


def test_a_refused_page_passes_axe(person: Session) -> None:
    person.login("beleidsadviseur")
    page = person.go("/logboek/")
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    assert person.axe() == []


def test_the_archive_after_archiveren_and_verifieren_passes_axe(person: Session) -> None:
    person.login("archivaris")
    page = person.go("/zaken/proef/")
    page.get_by_role("button", name="Archiveren").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=120_000)
    page = person.go("/zaken/proef/archief/")
    expect(page.get_by_text("v001").first).to_be_visible()
    assert person.axe() == []
    page.get_by_role("button", name="Verifiëren").click()
    expect(page.get_by_text("Integriteit: in orde")).to_be_visible(timeout=120_000)
    assert person.axe() == []
    assert person.refused == []


def test_the_publication_page_passes_axe_before_and_after_publiceren(person: Session) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/gebied/publicatie/")
    expect(page.get_by_text("Deze zaak is nog niet gepubliceerd.")).to_be_visible()
    assert person.axe() == []
    page = person.go("/zaken/gebied/")
    page.get_by_label("Reden om vóór het embargo te publiceren").fill("Proef van de publicatie")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=180_000)
    page = person.go("/zaken/gebied/publicatie/")
    expect(
        page.get_by_role("table", name=re.compile("De documenten van collegebesluit"))
    ).to_be_visible()
    assert person.axe() == []
    page.get_by_label("Tekst", exact=True).fill("Wethouder Wijkzaken")
    page.get_by_label("Reden", exact=True).fill("wethouder: openbaar uit hoofde van de functie")
    page.get_by_role("button", name="Toestaan").click()
    expect(page.get_by_text("Toegestaan: „Wethouder Wijkzaken”")).to_be_visible()
    assert person.axe() == []
    assert person.refused == []
