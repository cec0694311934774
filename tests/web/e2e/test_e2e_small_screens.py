"""Every page on a phone's width (390 CSS pixels): no page scrolls sideways (the document is
no wider than the screen; a wide table scrolls inside its own labelled region), long values
wrap, and axe-core finds nothing. A screenshot of each page is kept in the test's folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FloatRect, Page, expect

from tests.web.e2e.conftest import Session
from tests.web.live import Live, serve
from tests.web.workspaces import add_meeting, make_workspace

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]
WIDTH = 390
SCREEN = 844
JOB = 240_000
LONG = (
    "Vaststelling van de gebiedsopgave Centrum met de bijbehorende uitvoeringsagenda, het "
    "financieel kader en de afspraken met de Stichting Binnenstadsmanagementorganisatie"
)

PAGES = (
    "/",
    "/zaken/proef/",
    "/zaken/gebied/",
    "/zaken/gebied/documenten/collegevoorstel/",
    "/zaken/gebied/documenten/opgave-centrum/",
    "/zaken/proef/documenten/notitie/",
    "/zaken/nieuw/",
    "/zaken/gebied/bijlagen/nieuw/",
    "/zaken/proef/bijlagen/brief/verwijderen/",
    "/zaken/proef/archief/",
    "/zaken/gebied/publicatie/",
    "/logboek/",
    "/vergaderingen/",
    "/vergaderingen/2026-50/",
    "/zaken/bestaat-niet/",
)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    root = make_workspace(tmp_path_factory.mktemp("e2e-narrow") / "werkruimte")
    add_meeting(root)
    case_file = root / "gebied" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("Gebiedsopgave Centrum vaststellen", LONG), encoding="utf-8")
    with serve(root) as running:
        yield running


@pytest.fixture
def phone(browser: Browser, live: Live, tmp_path: Path) -> Iterator[Session]:
    context = browser.new_context(
        viewport={"width": WIDTH, "height": SCREEN}, locale="nl-NL", accept_downloads=True
    )
    try:
        yield Session(context, live, tmp_path)
    finally:
        context.close()


def _jobs(phone: Session) -> None:
    """Archive proef and publish gebied through the page: their tables exist after."""
    page = phone.go("/zaken/proef/")
    page.get_by_role("button", name="Archiveren").click()
    expect(page.locator("#zaakstatus")).to_contain_text("gearchiveerd v001", timeout=JOB)
    page = phone.go("/zaken/gebied/")
    page.get_by_label("Reden om vóór het embargo te publiceren").fill("Proef op een smal scherm")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator("#zaakstatus")).to_contain_text("gepubliceerd", timeout=JOB)


def _screenshots(page: Page, stem: Path) -> None:
    """The whole page in screen-high pieces (``stem-1.png`` …), to look at."""
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    for piece, top in enumerate(range(0, height, SCREEN), start=1):
        clip = FloatRect(x=0, y=top, width=WIDTH, height=min(SCREEN, height - top))
        page.screenshot(path=f"{stem}-{piece}.png", full_page=True, clip=clip)


def test_no_page_scrolls_sideways_on_a_phone(phone: Session) -> None:
    phone.login("secretariaat")
    _jobs(phone)
    wide: dict[str, int] = {}
    found: dict[str, object] = {}
    for number, path in enumerate(PAGES, start=1):
        page = phone.go(path)
        page.wait_for_load_state("load")
        width = int(page.evaluate("document.documentElement.scrollWidth"))
        if width > WIDTH:
            wide[path] = width
        _screenshots(page, phone.tmp / f"{number:02d}")
        found[path] = phone.axe()
    assert wide == {}
    assert found == {path: [] for path in PAGES}
    assert phone.refused == []


def test_the_long_onderwerp_is_shown_whole_in_its_field(phone: Session) -> None:
    phone.login("secretariaat")
    page = phone.go("/zaken/gebied/")
    field = page.get_by_label("Onderwerp")
    expect(field).to_have_value(LONG)
    # Its box holds the whole text: nothing scrolls inside it.
    assert field.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    field.focus()
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # saves, as in a one-line field
    expect(page.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    assert (
        f"onderwerp: {LONG}\n" in (phone.live.workspace / "gebied" / "besluitpak.yaml").read_text()
    )
    assert phone.axe() == []
