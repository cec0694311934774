"""The page follows its jobs in a real browser, without a reload: after Bouwen the download
link appears and works, the header says "gebouwd", the thumbnails arrive, and a rebuilt
edition's thumbnail has a new address; Archiveren and Publiceren change the archive and
publication links; a besluitenlijst appears among the meeting's documents. axe-core checks
every new state; the Content-Security-Policy refuses nothing."""

from __future__ import annotations

import hashlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.web.e2e.conftest import Session
from tests.web.live import Live, serve
from tests.web.workspaces import add_meeting, make_workspace

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]
JOB = 240_000
"""Milliseconds a job (a build with LibreOffice on a busy machine) may take."""


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    root = make_workspace(tmp_path_factory.mktemp("e2e-follow") / "werkruimte")
    add_meeting(root)
    with serve(root) as running:
        yield running


def _mark(page: Page) -> None:
    """Remember this document: :func:`_not_reloaded` fails after a navigation."""
    page.evaluate("window.bpNotReloaded = true")


def _not_reloaded(page: Page) -> None:
    assert page.evaluate("window.bpNotReloaded === true"), "the page was loaded again"


def _thumbnail(page: Page) -> str:
    image = page.locator("#gebouwd img").first
    expect(image).to_be_attached(timeout=JOB)
    return str(image.get_attribute("src"))


def _current_thumbnail(page: Page, out: Path) -> str:
    """The first thumbnail's address once it is of the edition's PDF as it is on disk and no
    job runs (the page polls; the PDF may be rebuilt meanwhile)."""
    deadline = time.monotonic() + JOB / 1000
    while True:
        src = _thumbnail(page)
        edition, fingerprint = src.rsplit("/", 3)[-3:-1]
        (pdf,) = out.glob(f"*-{edition}.pdf")
        now = hashlib.sha256(pdf.read_bytes()).hexdigest()[: len(fingerprint)]
        done = "Bouwen: klaar" in page.locator("#taak [role=status]").inner_text()
        if (fingerprint == now and done) or time.monotonic() > deadline:
            return src
        page.wait_for_timeout(250)


def test_bouwen_shows_the_download_link_and_thumbnails_without_a_reload(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/proef/")
    expect(page.locator("#zaakstatus")).to_contain_text("klaar om te bouwen")
    assert page.locator("#edities").count() == 0
    _mark(page)

    page.get_by_role("button", name="Bouwen").click()
    link = page.locator('a[href$="/editie/openbaar.pdf"]')
    expect(link).to_be_visible(timeout=JOB)
    status = page.locator("#taak [role=status]")
    expect(status).to_contain_text("Bouwen: klaar")
    expect(status).not_to_contain_text("(")  # no stage left behind the word
    expect(page.locator("#zaakstatus")).to_contain_text("gebouwd")
    # Progress names the documents by their titles, not their ids.
    expect(page.locator("#taak .bp-progress")).to_contain_text(
        "Bijlage 1: Notitie over de proef (openbaar)"
    )
    expect(page.locator("#zaakstatus")).not_to_contain_text("klaar om te bouwen")
    page.get_by_role("link", name="Naar de gebouwde edities").click()
    expect(page.get_by_role("heading", name="Gebouwde edities")).to_be_in_viewport()
    with page.expect_download() as download:
        link.click()
    pdf = person.tmp / "openbaar.pdf"
    download.value.save_as(pdf)
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0

    first = _thumbnail(page)
    page.locator("#gebouwd summary").first.click()
    image = page.locator("#gebouwd img").first
    expect(image).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    _not_reloaded(page)
    assert person.axe() == []

    case_file = person.live.workspace / "proef" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("Proef met besluitpak", "Tweede proef"), encoding="utf-8")
    page.get_by_role("button", name="Bouwen").click()
    expect(page.locator("#gebouwd img").first).not_to_have_attribute("src", first, timeout=JOB)
    # The job builds the intern edition first: a poll during it may show the public edition's
    # thumbnails of the build before (true then, gone once it is rebuilt). Wait until the page
    # shows the pages of the public edition as it is now.
    second = _current_thumbnail(page, person.live.workspace / "proef" / "out")
    assert second != first and second.rsplit("/", 2)[-2] != first.rsplit("/", 2)[-2]
    assert page.request.get(person.live.url + second).status == 200
    assert page.request.get(person.live.url + first).status == 404
    _not_reloaded(page)
    assert person.axe() == []
    assert person.refused == []


def test_archiveren_and_publiceren_change_their_links_when_the_job_ends(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/proef/")
    _mark(page)
    page.get_by_role("button", name="Archiveren").click()
    expect(page.get_by_role("link", name="Archief (1 versie)")).to_be_visible(timeout=JOB)
    expect(page.locator("#zaakstatus")).to_contain_text("gearchiveerd v001")
    _not_reloaded(page)
    assert person.axe() == []

    case_file = person.live.workspace / "proef" / "besluitpak.yaml"
    with case_file.open("a", encoding="utf-8") as case:
        case.write("publicatie_url: https://proef.example/woo/collegebesluiten\n")
    page.get_by_role("button", name="Publiceren").click()  # a form: the page is loaded again
    expect(page.locator("#taak [role=status]")).to_contain_text("Publiceren")
    _mark(page)
    publication = page.locator("#publicatielink")
    expect(publication).to_contain_text("inventarislijst en bestanden", timeout=JOB)
    expect(page.locator("#zaakstatus")).to_contain_text("gepubliceerd")
    _not_reloaded(page)
    assert person.axe() == []
    assert person.refused == []


def test_a_besluitenlijst_appears_among_the_meeting_documents_without_a_reload(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/vergaderingen/2026-50/")
    expect(page.locator("#documenten")).to_contain_text("Nog niets gemaakt.")
    form = page.locator('form[aria-labelledby="punt-1"]')
    form.get_by_label("Uitkomst").select_option("conform")
    form.get_by_role("button", name="Uitkomst van agendapunt 1 opslaan").click()
    expect(page.get_by_text("Agendapunt 1: uitkomst vastgelegd.")).to_be_visible()
    _mark(page)
    page.get_by_role("button", name="Besluitenlijst (voorlopig)").click()
    expect(page.locator("#taak[data-status=done], #taak[data-status=failed]")).to_be_attached(
        timeout=JOB
    )
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar")
    link = page.locator("#documenten").get_by_role("link", name="Besluitenlijst (voorlopig)")
    expect(link).to_be_visible(timeout=JOB)
    _not_reloaded(page)
    assert person.axe() == []
    assert person.refused == []
