"""What the adversary of the page found broken (issue 26) and is fixed, kept so it stays
fixed: an htmx button (Bouwen, Omlaag) pressed after the session ended takes the whole page
to the Dutch page that keeps it to send again (htmx dropped the 403 silently); a conflict
with a long value without spaces wraps at 390 px; a failed build says so in the header
(it kept saying "klaar om te bouwen"). Every new state passes axe where it stands."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.web.e2e.conftest import AXE, WCAG, Session
from tests.web.live import PASSWORD, Live

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]

EXPIRED = "Uw sessie is verlopen of de pagina is verouderd"


def _axe_in_place(page: Page) -> list[str]:
    """axe's WCAG 2.1 A/AA violations of the page as it stands (a POST's answer)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [v["id"] for v in found["violations"]]


def _sign_in_here(page: Page, role: str) -> None:
    page.fill('input[name="username"]', role)
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_bouwen_after_the_session_ended_goes_to_the_dutch_page_and_can_be_sent_again(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/gebied/")
    person.context.clear_cookies()  # the session ended

    page.get_by_role("button", name="Bouwen").click()

    page.wait_for_url(re.compile(r"/inloggen/opnieuw/\?bewaard="), timeout=10_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(EXPIRED)
    assert person.axe() == []
    _sign_in_here(page, "secretariaat")
    page.get_by_role("button", name="Opnieuw versturen").click()
    page.wait_for_url(re.compile(r"/zaken/gebied/(#taak)?$"))
    expect(page.locator("#taak")).to_contain_text("Bouwen")  # the build was asked for


def test_omlaag_after_the_session_ended_goes_to_the_dutch_page_and_can_be_sent_again(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/gebied/")
    person.context.clear_cookies()

    page.get_by_role("button", name=re.compile(r"^Omlaag: Bijlage 1,")).click()

    page.wait_for_url(re.compile(r"/inloggen/opnieuw/\?bewaard="), timeout=10_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(EXPIRED)
    _sign_in_here(page, "secretariaat")
    assert _axe_in_place(page) == []
    page.get_by_role("button", name="Opnieuw versturen").click()
    expect(page.get_by_text("Volgorde opgeslagen", exact=False)).to_be_visible()
    case = yaml.safe_load((person.live.workspace / "gebied" / "besluitpak.yaml").read_text())
    assert [b["id"] for b in case["bijlagen"]] == ["kaart", "opgave-centrum"]


@pytest.fixture
def phone_pair(browser: Browser, live: Live, tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    contexts = [
        browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}) for _ in "ab"
    ]
    try:
        yield Session(contexts[0], live, tmp_path), Session(contexts[1], live, tmp_path)
    finally:
        for context in contexts:
            context.close()


def test_a_conflict_with_a_long_value_without_spaces_wraps_at_390px(
    phone_pair: tuple[Session, Session],
) -> None:
    one, two = phone_pair
    one.login("secretariaat")
    two.login("beleidsadviseur")
    a, b = one.go("/zaken/proef/"), two.go("/zaken/proef/")
    a.get_by_label("Afdeling").fill("A" * 150)
    a.get_by_role("button", name="Opslaan", exact=True).click()
    expect(a.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    b.get_by_label("Afdeling").fill("https://example.haarlem.nl/" + "b" * 150)
    b.get_by_role("button", name="Opslaan", exact=True).click()

    expect(
        b.get_by_text("intussen door iemand anders gewijzigd", exact=False).first
    ).to_be_visible()
    assert b.evaluate("document.documentElement.scrollWidth") <= 390
    assert _axe_in_place(b) == []


def _unreadable_docx(source: Path) -> bytes:
    """``source`` (a .docx) with its word/document.xml replaced by XML that does not parse."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for entry in old.infolist():
            data = old.read(entry)
            if entry.filename == "word/document.xml":
                data = b"<w:document>kapot"
            new.writestr(entry, data)
    return out.getvalue()


def test_a_failed_build_says_so_in_the_header_without_a_reload(person: Session) -> None:
    workspace = person.live.workspace
    shutil.copytree(workspace / "proef", workspace / "kapot")  # a case of this test alone
    brief = workspace / "kapot" / "bijlagen" / "brief.docx"
    brief.write_bytes(_unreadable_docx(brief))
    person.login("secretariaat")
    page = person.go("/zaken/kapot/")
    expect(page.locator("#zaakstatus")).to_contain_text("klaar om te bouwen")

    page.get_by_role("button", name="Bouwen").click()

    expect(page.locator("#taak")).to_contain_text("mislukt", timeout=120_000)
    expect(page.locator("#zaakstatus")).to_contain_text("bouwen mislukt")
    expect(page.locator("#zaakstatus")).not_to_contain_text("klaar om te bouwen")
    assert _axe_in_place(page) == []
