"""Issue 29's walk through the review in the browser: a case with a ready-made PDF of
resident reactions (made here with reportlab) and a resident's name in generated text; the
suggestions found by the worker and shown on the page with their boxes; three accepted, one
rejected, one box added by hand by the beleidsadviseur; four eyes on for the workspace, so
the secretariaat confirms and then publishes. The public files hold none of the accepted
words in any byte (the leak scan), the rejected name stays; the page passes axe."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.helpers import MINIMAL, edit
from tests.public_output import every_byte
from tests.review.test_review_flow import (
    ACCEPTED_PDF,
    BY_HAND,
    GENERATED,
    REJECTED,
    _reactions_pdf,
)
from tests.web.e2e.conftest import Session
from tests.web.live import Live, serve
from tests.web.workspaces import make_workspace

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]

PAGE = "/zaken/reacties/lakken/"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The workspace with the case ``reacties`` and four eyes on (review.yaml)."""
    root = make_workspace(tmp_path_factory.mktemp("e2e-review") / "werkruimte")
    folder = root / "reacties"
    shutil.copytree(MINIMAL, folder)
    case_file = folder / "besluitpak.yaml"
    edit(case_file, 'cbs_code: "9999"', 'cbs_code: "0392"')
    edit(case_file, "steller:", "publicatie_url: https://example.proefdorp.nl/woo\nsteller:")
    data_file = folder / "bijlagen" / "notitie.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["alineas"].append(f"{GENERATED} maakte bezwaar tegen de proef.")
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _reactions_pdf(folder / "bijlagen" / "reacties.pdf")
    with case_file.open("a", encoding="utf-8") as f:
        f.write(
            "  - id: reacties\n    titel: Reacties van bewoners\n"
            "    bestand: bijlagen/reacties.pdf\n"
        )
    (root / "review.yaml").write_text("vier_ogen: true\n", encoding="utf-8")
    with serve(root) as running:
        yield running


def _wait_for_listing(page: Page) -> None:
    """Until the search job has ended: the listing is saved before the pages' images are
    made, and the page says the search is still running until both are there."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if page.locator("#wacht").count() and not page.locator("#zoeken-bezig").count():
            return
        time.sleep(2)
        page.reload()
    raise AssertionError("the suggestions did not appear")


def test_a_review_with_four_eyes_then_publish_leaks_none_of_the_redacted_words(
    person: Session, browser: Browser, live: Live, tmp_path: Path
) -> None:
    person.login("beleidsadviseur")
    page = person.go(PAGE)
    page.get_by_role("button", name="Lakvoorstellen zoeken").click()
    _wait_for_listing(page)
    boxes = len((GENERATED, *ACCEPTED_PDF, REJECTED))  # an outline a line of words
    expect(page.locator("svg.bp-review-page rect.bp-review-box--open")).to_have_count(boxes)
    notitie = page.locator("section", has=page.locator("h2#notitie"))
    expect(notitie.locator("svg.bp-review-page")).to_have_count(1)
    assert person.axe() == []

    for words in (GENERATED, *ACCEPTED_PDF):
        page.locator("li", has=page.locator("strong", has_text=words)).get_by_role(
            "button", name="Lakken"
        ).click()
        expect(page.locator(".bp-messages")).to_contain_text("gelakt")
    rejected = page.locator("li", has=page.locator("strong", has_text=REJECTED))
    rejected.get_by_label("Reden om openbaar te laten").fill("voorzitter van de wijkraad")
    rejected.get_by_role("button", name="Openbaar laten").click()
    expect(page.locator(".bp-messages")).to_contain_text("blijft openbaar")
    section = page.locator("section", has=page.locator("h2#reacties"))
    section.get_by_label("Woorden, precies zoals ze op de pagina staan").fill(BY_HAND)
    section.get_by_role("button", name="Vak toevoegen").click()
    expect(page.locator("#wacht")).to_contain_text("5 besluit(en) nog niet bevestigd")
    expect(page.locator("#logboek + ul")).to_contain_text(f"„{BY_HAND}” gelakt")
    pictures = page.locator("svg.bp-review-page")
    expect(pictures.locator("rect.bp-review-box--open")).to_have_count(0)  # each as decided
    expect(pictures.locator("rect.bp-review-box--reject")).to_have_count(1)
    on_pdf = len(ACCEPTED_PDF) + 1  # and the box by hand, drawn gelakt where its words are
    expect(section.locator("svg.bp-review-page rect.bp-review-box--accept")).to_have_count(on_pdf)
    assert person.axe() == []

    second = Session(browser.new_context(locale="nl-NL"), live, tmp_path)
    try:
        second.login("secretariaat")
        other = second.go(PAGE)
        other.get_by_role("button", name="Besluiten van een ander bevestigen").click()
        expect(other.locator("#klaar")).to_contain_text("beoordeeld en bevestigd")
        assert second.axe() == []
        other = second.go("/zaken/reacties/")
        other.get_by_role("button", name="Publiceren").click()
        expect(other.locator("#taak [role=status]")).to_contain_text("klaar", timeout=240_000)
        assert second.refused == []
    finally:
        second.context.close()
    assert person.refused == []

    published = [
        p for p in (live.workspace / "reacties" / "out" / "openbaar").rglob("*") if p.is_file()
    ]
    assert any(p.suffix == ".pdf" for p in published)
    data = b"".join(every_byte(p, tmp_path) for p in published)
    for words in (GENERATED, *ACCEPTED_PDF, BY_HAND):
        assert words.split()[-1].lower().encode() not in data, words
    assert b"visser" in data
