"""The collegevergadering in a real browser: the list of meetings and a meeting's page pass
axe-core as they are, after an outcome is recorded (a refused one is shown beside its field;
a redacted passage is marked),
and after the voorlopige besluitenlijst is made by the worker (its download link on the
page); the Content-Security-Policy refuses nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.web.e2e.conftest import Session
from tests.web.live import Live, serve
from tests.web.workspaces import add_meeting, make_workspace

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]
PAGE = "/vergaderingen/2026-50/"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A running page on a workspace with the meeting ``vergaderingen/2026-50.yaml``."""
    root = make_workspace(tmp_path_factory.mktemp("e2e-meeting") / "werkruimte")
    add_meeting(root)
    with serve(root) as running:
        yield running


def test_the_meeting_pages_pass_axe_through_an_outcome_and_a_besluitenlijst(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/")
    page.get_by_role("link", name="Vergaderingen").click()
    expect(page.get_by_role("heading", name="Collegevergaderingen")).to_be_visible()
    assert person.axe() == []

    page.get_by_role("link", name="15 december 2026").click()
    expect(page.get_by_role("heading", name="Collegevergadering 2026-50")).to_be_visible()
    assert person.axe() == []

    form = page.locator('form[aria-labelledby="punt-1"]')
    form.get_by_label("Uitkomst").select_option("gewijzigd")
    form.get_by_role("button", name="Uitkomst van agendapunt 1 opslaan").click()
    expect(page.locator("#id_punt-1-besluitpunten_error")).to_contain_text(
        "bij de uitkomst ‘gewijzigd’ horen de besluitpunten zoals het college ze vaststelde"
    )
    expect(page.locator("#id_punt-1-besluitpunten")).to_have_attribute("aria-invalid", "true")
    # (axe reloads the page's address in a second page: a refused POST's answer has none)

    form.get_by_label("Gewijzigde besluitpunten").fill("{lak:5.1.2e}J. Jansen{/lak} te horen.")
    form.get_by_role("button", name="Uitkomst van agendapunt 1 opslaan").click()
    expect(page.locator("#agenda ~ * mark.bp-lak").first).to_have_text(
        "J. Jansen (gelakt, artikel 5.1.2e Woo)"
    )
    assert person.axe() == []  # the marked passage, in the table, too

    form = page.locator('form[aria-labelledby="punt-1"]')
    form.get_by_label("Uitkomst").select_option("conform")
    form.get_by_label("Gewijzigde besluitpunten").fill("")
    form.get_by_role("button", name="Uitkomst van agendapunt 1 opslaan").click()
    expect(page.get_by_text("Agendapunt 1: uitkomst vastgelegd.")).to_be_visible()
    assert person.axe() == []

    page.get_by_role("button", name="Besluitenlijst (voorlopig)").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=180_000)
    page = person.go(PAGE)
    link = page.get_by_role("link", name="Besluitenlijst (voorlopig)")
    expect(link).to_be_visible()
    assert person.axe() == []
    assert person.refused == []
