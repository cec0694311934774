"""The main task in a real browser, keyboard only: log in, change a field, build with live
progress, download the openbaar edition; and Publiceren refused before the embargo. axe-core
checks every page on the way; the Content-Security-Policy refuses nothing of our own."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.web.e2e.conftest import Session

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]


def test_log_in_edit_build_and_download_with_the_keyboard_alone(person: Session) -> None:
    page = person.go("/")
    assert "/inloggen/" in page.url
    assert person.axe() == []
    page.keyboard.press("Tab")  # the skip link
    _tab_to(person, 'input[name="username"]')
    page.keyboard.type("beleidsadviseur")
    page.keyboard.press("Tab")
    page.keyboard.type("een-lang-proefwachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url(person.live.url + "/")
    assert person.axe() == []

    _tab_to(person, 'a:has-text("Gebiedsopgave Centrum vaststellen")')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/zaken/gebied/$"))
    assert person.axe() == []

    _tab_to(person, 'input[name="afdeling"]')
    page.keyboard.press("Control+A")
    page.keyboard.type("Afdeling Wijken")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    case_file = person.live.workspace / "gebied" / "besluitpak.yaml"
    assert "afdeling: Afdeling Wijken\n" in case_file.read_text()

    _tab_to(person, 'button:has-text("Bouwen")')
    page.keyboard.press("Enter")
    status = page.locator("#taak [role=status]")
    expect(status).to_contain_text("Bouwen")
    expect(page.locator("#taak .bp-progress li").first).to_be_visible(timeout=60_000)
    expect(status).to_contain_text("klaar", timeout=120_000)
    page.reload()
    assert person.axe() == []

    link = page.locator('a[href$="/editie/openbaar.pdf"]')
    expect(link).to_be_visible()
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    pdf = person.tmp / "openbaar.pdf"
    download.value.save_as(pdf)
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Gebiedsopgave Centrum vaststellen" in text
    assert "Afdeling Wijken" in text
    assert "Bijlage 1 bij collegebesluit 2026/000777" in text
    assert person.refused == []


def test_publiceren_is_refused_before_the_embargo(person: Session) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/gebied/")
    expect(page.get_by_text("onder embargo tot 1 januari 2099").first).to_be_visible()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Publiceren geweigerd")).to_be_visible()
    assert not (person.live.workspace / "gebied" / "out" / "openbaar").exists()
    assert person.axe() == []
    assert person.refused == []


def test_a_role_sees_only_the_buttons_it_may_use(person: Session) -> None:
    person.login("archivaris")
    page = person.go("/zaken/proef/")
    expect(page.get_by_role("button", name="Archiveren")).to_be_visible()
    expect(page.get_by_role("button", name="Bouwen")).to_have_count(0)
    expect(page.get_by_role("button", name="Publiceren")).to_have_count(0)
    assert person.axe() == []


def _tab_to(person: Session, selector: str, *, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus (as a keyboard user would)."""
    page = person.page
    target = page.locator(selector).first
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector}: not reached with Tab in {limit} presses")
