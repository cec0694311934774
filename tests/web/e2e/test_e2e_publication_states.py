"""A publication withdrawn in the browser by the role that publishes: the state and its
reason on the page, which passes axe before and after."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.e2e.conftest import Session

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]

REDEN = "De rechtbank vraagt een nieuwe beoordeling"


def test_the_secretariaat_withdraws_a_publication_and_sees_it_ingetrokken(person: Session) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/gebied/")
    page.get_by_label("Reden om vóór het embargo te publiceren").fill("Proef van de publicatie")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=180_000)
    page = person.go("/zaken/gebied/publicatie/")
    expect(page.locator("[data-staat=gepubliceerd]")).to_be_visible()
    assert person.axe() == []
    page.get_by_label("Reden van intrekken").fill(REDEN)
    page.get_by_role("button", name="Intrekken").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=120_000)
    page = person.go("/zaken/gebied/publicatie/")
    expect(page.locator("[data-staat=ingetrokken]")).to_contain_text("Ingetrokken")
    expect(
        page.get_by_role("table", name="Wijzigingen van de status, nieuwste eerst")
    ).to_contain_text(REDEN)
    assert person.axe() == []
    assert person.refused == []
