"""Composing and editing in a real browser: a kerncijfer refused, then fixed; a bijlage
dragged to another place, with "bijlage N" following in the text; a PDF uploaded; the built
bundle in the new order. axe-core on every page on the way."""

from __future__ import annotations

import re

import pikepdf
import pytest
from playwright.sync_api import expect

from tests.helpers import ROOT
from tests.web.e2e.conftest import Session

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]

FIELD = 'input[name="kerncijfers[0].waarde"]'


def test_a_bad_kerncijfer_is_refused_beside_its_field_then_fixed(person: Session) -> None:
    data = person.live.workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    before = data.read_text()
    person.login("beleidsadviseur")
    page = person.go("/zaken/gebied/")
    page.get_by_role("link", name="gegevens van bijlage 1").click()
    page.wait_for_url(re.compile(r".*/documenten/opgave-centrum/$"))
    assert person.axe() == []

    page.fill(FIELD, "")
    page.get_by_role("button", name="Opslaan", exact=True).first.click()
    field = page.locator(FIELD)
    expect(field).to_have_attribute("aria-invalid", "true")
    error = page.locator("#" + field.get_attribute("aria-describedby").split()[-1])  # type: ignore[union-attr]
    expect(error).to_contain_text("verwacht tekst die niet leeg is")
    assert data.read_text() == before
    assert person.axe() == []

    page.fill(FIELD, "17.250")
    page.get_by_role("button", name="Opslaan", exact=True).first.click()
    expect(page.get_by_text("opgeslagen").first).to_be_visible()
    assert data.read_text() == before.replace('waarde: "16.900"', 'waarde: "17.250"')
    assert person.refused == []


def test_drag_a_bijlage_upload_a_pdf_and_build_in_the_new_order(person: Session) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/gebied/")
    punten = page.locator(".bp-besluitpunten")
    expect(punten).to_contain_text("vast te stellen (bijlage 1)")
    expect(punten).to_contain_text("de kaart (bijlage 2)")

    handle = page.locator("#bijlage-kaart [data-sortable-handle]")
    handle.drag_to(page.locator("#bijlage-opgave-centrum"), target_position={"x": 10, "y": 2})
    expect(punten).to_contain_text("de kaart (bijlage 1)")
    expect(punten).to_contain_text("vast te stellen (bijlage 2)")
    case_file = (person.live.workspace / "gebied" / "besluitpak.yaml").read_text()
    assert case_file.index("id: kaart") < case_file.index("id: opgave-centrum")
    assert person.axe() == []

    upload = ROOT / "tests" / "corpus" / "pdf" / "rapport.pdf"
    page.locator("#bijlage-kaart summary").click()
    page.set_input_files("#bestand-kaart", str(upload))
    page.get_by_role("button", name="Uploaden: Bijlage 1").click()
    stored = person.live.workspace / "gebied" / "bijlagen" / "kaart.pdf"
    expect(page.locator("body")).to_contain_text("kaart.pdf")
    assert stored.read_bytes() == upload.read_bytes()

    page.get_by_role("button", name="Bouwen").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=120_000)
    page.reload()
    with page.expect_download() as download:
        page.locator('a[href$="/editie/intern.pdf"]').click()
    pdf = person.tmp / "intern.pdf"
    download.value.save_as(pdf)
    with pikepdf.open(pdf) as bundle, bundle.open_outline() as outline:
        titles = [item.title for item in outline.root]
    first, second = (titles.index(t) for t in titles if t.startswith("Bijlage"))
    assert "Kaart" in titles[first] and "Gebiedsopgave" in titles[second], titles
    assert person.refused == []


def test_omlaag_with_the_keyboard_moves_the_bijlage_and_keeps_the_focus(person: Session) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/proef/")
    punten = page.locator(".bp-besluitpunten")
    expect(punten).to_contain_text("De notitie vast te stellen (bijlage 1)")
    page.get_by_role("button", name="Omlaag: Bijlage 1, Notitie over de proef").focus()
    page.keyboard.press("Enter")
    expect(punten).to_contain_text("De notitie vast te stellen (bijlage 2)")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("aria-label", re.compile(r"^Om(laag|hoog): Bijlage 2, "))
    assert person.refused == []
