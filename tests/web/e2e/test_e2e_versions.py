"""Two people in two browsers save one case form made from the same version: different
fields are both kept; the same field is a conflict, shown in Dutch with both values, the
second person's input kept, the page passing axe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, expect

from tests.web.e2e.conftest import AXE, WCAG, Session
from tests.web.live import Live

pytestmark = [pytest.mark.browser]


@pytest.fixture
def second(browser: Browser, live: Live, tmp_path: Any) -> Iterator[Session]:
    context = browser.new_context(locale="nl-NL")
    try:
        yield Session(context, live, tmp_path)
    finally:
        context.close()


def _axe_here(person: Session) -> list[str]:
    """axe-core on the page as it stands (a POST's answer cannot be loaded again)."""
    person.page.evaluate(AXE.read_text(encoding="utf-8"))
    result = person.page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [f"{v['id']}: {v['help']}" for v in result["violations"]]


def _case(live: Live) -> dict[str, Any]:
    loaded = yaml.safe_load((live.workspace / "proef" / "besluitpak.yaml").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_two_browsers_saving_one_case_keep_both_or_show_the_conflict(
    person: Session, second: Session, live: Live
) -> None:
    person.login("secretariaat")
    second.login("beleidsadviseur")
    sanne, bram = person.go("/zaken/proef/"), second.go("/zaken/proef/")

    sanne.get_by_label("Afdeling").fill("Afdeling Ruimte")
    sanne.get_by_role("button", name="Opslaan", exact=True).click()
    expect(sanne.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    bram.get_by_label("Portefeuillehouder").fill("Wethouder Nieuw")
    bram.get_by_role("button", name="Opslaan", exact=True).click()
    expect(bram.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    case = _case(live)
    assert (case["afdeling"], case["portefeuillehouder"]) == ("Afdeling Ruimte", "Wethouder Nieuw")

    sanne.get_by_label("Afdeling").fill("Afdeling Wonen")
    sanne.get_by_role("button", name="Opslaan", exact=True).click()
    expect(sanne.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    bram.get_by_label("Afdeling").fill("Afdeling Economie")
    bram.get_by_role("button", name="Opslaan", exact=True).click()

    expect(bram.get_by_text("Iemand anders heeft dit intussen gewijzigd")).to_be_visible()
    expect(
        bram.get_by_text("Uw waarde: „Afdeling Economie”; nu in het bestand: „Afdeling Wonen”")
    ).to_be_visible()
    expect(bram.get_by_label("Afdeling")).to_have_value("Afdeling Economie")
    assert _case(live)["afdeling"] == "Afdeling Wonen"
    assert _axe_here(second) == []
    assert second.refused == []
