"""In the browser, with axe on each new state: 25 wrong passwords lock signing in (the
right one then refused in Dutch); a billion-laughs and an XXE Word document refused at
upload, with the reason; a case whose out/ is a link out of the workspace says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.helpers import MINIMAL
from tests.web import test_web_boundaries as boundaries
from tests.web.e2e.conftest import AXE, WCAG, Session
from tests.web.live import PASSWORD

pytestmark = [pytest.mark.browser]


def _axe_here(page: Page) -> list[str]:
    """axe-core on the page as it stands (a POST's answer cannot be loaded again)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [f"{v['id']}: {v['help']}" for v in result["violations"]]


def test_twenty_five_wrong_passwords_lock_signing_in(person: Session) -> None:
    page = person.go("/")
    for attempt in range(25):
        page.fill('input[name="username"]', "archivaris")
        page.fill('input[name="password"]', f"fout-{attempt}")
        page.click('button:has-text("Inloggen")')
        if attempt >= 4:  # the fifth wrong password locks
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Inloggen tijdelijk geblokkeerd"
            )
            page.get_by_role("link", name="Terug naar inloggen").click()
    page.fill('input[name="username"]', "archivaris")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button:has-text("Inloggen")')
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen tijdelijk geblokkeerd")
    expect(
        page.get_by_text("15 minuten geblokkeerd, ook met het juiste wachtwoord")
    ).to_be_visible()
    assert _axe_here(page) == []


@pytest.mark.parametrize(
    ("prolog", "entity", "reason"),
    [
        (boundaries.LAUGHS, "lol4", "definieert XML-entiteiten"),
        (boundaries.XXE, "xxe", "verwijst naar een externe entiteit of DTD (XXE)"),
    ],
    ids=["billion-laughs", "xxe"],
)
def test_a_word_document_with_xml_entities_is_refused_at_upload(
    person: Session, prolog: str, entity: str, reason: str
) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/gebied/bijlagen/nieuw/")
    page.fill("#id_kant-en-klaar-id", "brief")
    page.fill("#id_kant-en-klaar-titel", "Brief")
    upload: FilePayload = {
        "name": "brief.docx",
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "buffer": boundaries._docx_with(prolog, entity=entity),
    }
    page.set_input_files("#id_kant-en-klaar-bestand", files=[upload])
    page.get_by_role("button", name="Bestand toevoegen").click()
    expect(page.get_by_text(reason)).to_be_visible()
    expect(page.get_by_text("Niet geüpload: het onderdeel word/document.xml")).to_be_visible()
    assert not list((person.live.workspace / "gebied" / "bijlagen").glob("brief.*"))
    assert _axe_here(page) == []


def test_a_case_whose_out_folder_leaves_the_workspace_says_so(person: Session) -> None:
    elsewhere = person.tmp / "elders"
    elsewhere.mkdir()
    (elsewhere / "kaart.pdf").write_bytes((MINIMAL / "bijlagen" / "kaart.pdf").read_bytes())
    out = person.live.workspace / "proef" / "out"
    out.symlink_to(elsewhere)
    try:
        person.login("secretariaat")
        page = person.go("/zaken/proef/")
        expect(
            page.get_by_text("Buiten de werkruimte: proef/out is een symbolische link")
        ).to_be_visible()
        expect(page.get_by_role("button", name="Bouwen")).to_be_disabled()
        assert str(person.tmp) not in page.content()
        assert person.axe() == []
    finally:
        out.unlink()
