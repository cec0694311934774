"""A session that ends while the case page polls a job's progress: the whole page goes to
the sign-in page (and back after signing in), never a sign-in page inside the case page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.e2e.conftest import AXE, WCAG, Session
from tests.web.live import PASSWORD

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]


def test_a_progress_poll_after_the_session_ended_navigates_to_the_sign_in_page(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/proef/")
    page.get_by_role("button", name="Bouwen").click()
    expect(page.locator("#taak[hx-get]")).to_have_count(1)  # the page polls the job

    person.context.clear_cookies()  # the session ended (expired, or signed out elsewhere)

    page.wait_for_url(re.compile(r"/inloggen/\?next=%2Fzaken%2Fproef%2F$"), timeout=15_000)
    expect(page.get_by_role("heading", name="Inloggen")).to_have_count(1)
    expect(page.locator("#taak")).to_have_count(0)
    assert person.axe() == []
    page.fill('input[name="username"]', "secretariaat")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button:has-text("Inloggen")')
    page.wait_for_url(re.compile(r"/zaken/proef/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Proef met besluitpak")


def test_a_stale_tab_keeps_the_edit_to_send_again(person: Session) -> None:
    person.login("secretariaat")
    # gebied: no job of it runs, so this tab does not poll (a poll after the sign-out
    # would take it to the sign-in page, as the test above shows)
    page = person.go("/zaken/gebied/")
    other = person.context.new_page()  # a second tab: signed out and in again
    other.goto(person.live.url + "/zaken/gebied/")
    other.get_by_role("button", name="Uitloggen").click()
    other.fill('input[name="username"]', "secretariaat")
    other.fill('input[name="password"]', PASSWORD)
    other.click('button:has-text("Inloggen")')
    other.wait_for_url(re.compile(r"/$"))

    page.get_by_label("Afdeling").fill("Afdeling uit het oude tabblad")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uw sessie is verlopen of de pagina is verouderd"
    )
    expect(page.get_by_text("Afdeling uit het oude tabblad")).to_be_visible()
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    assert [v["id"] for v in found["violations"]] == []
    page.get_by_role("button", name="Opnieuw versturen").click()
    expect(page.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Afdeling")).to_have_value("Afdeling uit het oude tabblad")
