"""What an adversary of the page tried and found holding (issue 26), kept so it keeps
holding: two people with pages opened before the other saved (a bijlage's data form and
its rows, the bijlagen list, a meeting's outcomes, "Persoonsgegeven toestaan"), a file
changed on disk by a command-line user between loading and saving, newlines and YAML in
the texts the page writes, and an ended session on a bijlage's data form. Every new state
passes axe where it stands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.web.e2e.conftest import AXE, WCAG, Session
from tests.web.live import PASSWORD, Live
from tests.web.workspaces import add_meeting

pytestmark = [pytest.mark.browser]

CONFLICT = "intussen door iemand anders gewijzigd"


@pytest.fixture
def second(browser: Browser, live: Live, tmp_path: Path) -> Iterator[Session]:
    context = browser.new_context(locale="nl-NL")
    try:
        yield Session(context, live, tmp_path)
    finally:
        context.close()


def _axe_here(page: Page) -> list[str]:
    """axe-core on the page as it stands (the answer to a POST cannot be loaded again)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [f"{v['id']}: {v['help']}" for v in result["violations"]]


def _yaml(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _save_data(page: Page) -> None:
    page.locator('button[name="_actie"]', has_text="Opslaan").first.click()
    page.wait_for_load_state()


def test_two_stale_pages_of_a_bijlage_data_form_keep_both_fields_and_no_removed_row_returns(
    person: Session, second: Session, live: Live
) -> None:
    data = live.workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    form = "/zaken/gebied/documenten/opgave-centrum/"
    person.login("secretariaat")
    second.login("beleidsadviseur")
    sanne, bram = person.go(form), second.go(form)
    sanne.fill("#id_stadsdeel", "Centrum-Oost")
    _save_data(sanne)
    expect(sanne.get_by_text("opgeslagen.", exact=False).first).to_be_visible()
    bram.fill("#id_periode", "2014-2019")
    _save_data(bram)
    expect(bram.get_by_text("opgeslagen.", exact=False).first).to_be_visible()
    saved = _yaml(data)
    assert (saved["stadsdeel"], saved["periode"]) == ("Centrum-Oost", "2014-2019")

    # one removes the first partner; the other, on a page from before, edits the sixth
    sanne, bram = person.go(form), second.go(form)
    partners = list(saved["partners"])
    sanne.locator("#id_partners-0").locator(
        "xpath=following::button[@name='_verwijderen'][1]"
    ).click()
    sanne.wait_for_load_state()
    _save_data(sanne)
    assert _yaml(data)["partners"] == partners[1:]
    bram.fill("#id_partners-5", "Een partner uit het oude tabblad")
    _save_data(bram)
    expect(bram.get_by_text(CONFLICT, exact=False)).to_be_visible()
    expect(bram.locator("#id_partners-5")).to_have_value("Een partner uit het oude tabblad")
    assert _yaml(data)["partners"] == partners[1:]  # nothing overwritten, nothing returned
    assert _axe_here(bram) == []


def test_a_file_changed_on_disk_between_loading_and_saving_is_merged_or_a_conflict(
    person: Session, live: Live
) -> None:
    case_file = live.workspace / "proef" / "besluitpak.yaml"
    person.login("beleidsadviseur")
    page = person.go("/zaken/proef/")
    text = case_file.read_text(encoding="utf-8")  # a command-line user edits meanwhile
    case_file.write_text(text.replace("0123 456 789", "0123 999 000"), encoding="utf-8")
    page.get_by_label("Portefeuillehouder").fill("Wethouder van de pagina")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Zaakgegevens opgeslagen.")).to_be_visible()
    case = _yaml(case_file)
    assert case["portefeuillehouder"] == "Wethouder van de pagina"
    assert case["steller"]["telefoon"] == "0123 999 000"

    page = person.go("/zaken/proef/")
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(
        text.replace("afdeling: Proefafdeling", "afdeling: Afdeling van de CLI"), encoding="utf-8"
    )
    page.get_by_label("Afdeling").fill("Afdeling van de pagina")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    conflict = page.get_by_text(CONFLICT, exact=False)
    expect(conflict).to_contain_text("Afdeling van de pagina")
    expect(conflict).to_contain_text("Afdeling van de CLI")
    expect(page.get_by_label("Afdeling")).to_have_value("Afdeling van de pagina")
    assert _yaml(case_file)["afdeling"] == "Afdeling van de CLI"
    assert _axe_here(page) == []


def test_a_stale_reorder_after_a_bijlage_was_added_is_refused_and_keeps_the_addition(
    person: Session, second: Session, live: Live
) -> None:
    case_file = live.workspace / "gebied" / "besluitpak.yaml"
    person.login("secretariaat")
    second.login("secretariaat")
    stale = second.go("/zaken/gebied/")
    page = person.go("/zaken/gebied/bijlagen/nieuw/")
    page.fill("#id_gegenereerd-id", "extra")
    page.fill("#id_gegenereerd-titel", "Extra bijlage\nopenbaar: false\ngrond: verzonnen")
    page.select_option("#id_gegenereerd-template", label="gebiedsopgave.docx")
    page.get_by_role("button", name="Gegenereerde bijlage toevoegen").click()
    page.wait_for_url(re.compile(r"/zaken/gebied/"))
    added = _yaml(case_file)["bijlagen"][-1]
    assert added["id"] == "extra"
    assert set(added) == {"id", "titel", "template", "data"}  # the titel made no keys
    assert "\n" not in added["titel"]

    stale.locator('button[name="omlaag"][value="opgave-centrum"]').click()
    expect(stale.get_by_text("Volgorde niet opgeslagen", exact=False)).to_be_visible()
    ids = [b["id"] for b in _yaml(case_file)["bijlagen"]]
    assert ids == ["opgave-centrum", "kaart", "extra"]
    assert _axe_here(stale) == []


def test_meeting_outcomes_saved_from_two_stale_pages_are_both_kept_or_a_conflict(
    person: Session, second: Session, live: Live
) -> None:
    meeting = add_meeting(live.workspace)
    url = "/vergaderingen/2026-50/"
    person.login("secretariaat")
    second.login("secretariaat")
    sanne, other = person.go(url), second.go(url)

    def record(page: Page, item: int, outcome: str) -> None:
        page.select_option(f"#id_punt-{item}-uitkomst", outcome)
        page.locator(f'form[action="{url}punten/{item}/"] button').click()
        page.wait_for_load_state()

    record(sanne, 1, "aangehouden")
    expect(sanne.get_by_text("Agendapunt 1: uitkomst vastgelegd.")).to_be_visible()
    record(other, 2, "teruggetrokken")
    expect(other.get_by_text("Agendapunt 2: uitkomst vastgelegd.")).to_be_visible()
    agenda = _yaml(meeting)["agenda"]
    assert [a.get("uitkomst") for a in agenda] == ["aangehouden", "teruggetrokken"]

    sanne, other = person.go(url), second.go(url)
    record(sanne, 1, "conform")
    other.select_option("#id_punt-1-uitkomst", "gewijzigd")
    other.fill("#id_punt-1-besluitpunten", "Eerste punt\n\nuitkomst: conform\n- zaak: ../gebied")
    other.locator(f'form[action="{url}punten/1/"] button').click()
    conflict = other.get_by_text(CONFLICT, exact=False)
    expect(conflict).to_contain_text("gewijzigd")
    expect(conflict).to_contain_text("conform")
    expect(other.locator("#id_punt-1-uitkomst")).to_have_value("gewijzigd")
    assert _yaml(meeting)["agenda"][0]["uitkomst"] == "conform"
    assert _axe_here(other) == []

    other.locator(f'form[action="{url}punten/1/"] button').click()  # keep mine
    expect(other.get_by_text("Agendapunt 1: uitkomst vastgelegd.")).to_be_visible()
    saved = _yaml(meeting)
    assert set(saved) == {"gemeente", "datum", "nummer", "agenda", "aanwezig", "afwezig"}
    assert saved["agenda"][0]["uitkomst"] == "gewijzigd"
    assert saved["agenda"][0]["besluitpunten"] == [
        "Eerste punt",
        "uitkomst: conform - zaak: ../gebied",
    ]


def test_persoonsgegeven_toestaan_from_two_stale_pages_keeps_both_and_writes_no_keys(
    person: Session, second: Session, live: Live
) -> None:
    case_file = live.workspace / "gebied" / "besluitpak.yaml"
    before = set(_yaml(case_file))
    url = "/zaken/gebied/publicatie/"
    person.login("secretariaat")
    second.login("secretariaat")
    sanne, other = person.go(url), second.go(url)

    def allow(page: Page, text: str, reason: str) -> None:
        page.fill('input[name="tekst"]', text)
        page.fill('input[name="reden"]', reason)
        page.get_by_role("button", name="Toestaan").click()
        page.wait_for_load_state()

    allow(sanne, "Grote Markt 2, 2011 RD Haarlem", "het adres van het stadhuis")
    allow(other, "X\nsteller_toegestaan: ja", "r\nembargo_tot: 2000-01-01\n  - tekst: y")
    expect(other.get_by_text("Toegestaan: „X steller_toegestaan: ja”", exact=False)).to_be_visible()
    case = _yaml(case_file)
    assert set(case) == before | {"openbaar"}
    assert case["embargo_tot"].isoformat() == "2099-01-01"
    assert case["openbaar"] == {
        "toegestaan": [
            {"tekst": "Grote Markt 2, 2011 RD Haarlem", "reden": "het adres van het stadhuis"},
            {"tekst": "X steller_toegestaan: ja", "reden": "r embargo_tot: 2000-01-01 - tekst: y"},
        ]
    }
    assert _axe_here(other) == []


@pytest.mark.parametrize(
    "trick",
    [
        "Een\nembargo_tot: 2099-01-01\nopenbaar:\n  steller_toegestaan: ja",
        "Twee\r\nembargo_tot: 2099-01-02",
        "Drie\u2028embargo_tot: 2099-01-03\u2029afdeling: X",
        "Vier &a !!python/object:os.system {b: *a} # c: d\n--- \n...\n%YAML 1.1",
    ],
    ids=["newline", "crlf", "line-separators", "anchors-tags-documents"],
)
def test_newlines_and_yaml_in_nieuwe_zaak_become_values_not_keys(
    person: Session, live: Live, trick: str, request: pytest.FixtureRequest
) -> None:
    folder = "adv-" + request.node.callspec.id
    person.login("secretariaat")
    page = person.go("/zaken/nieuw/")
    page.fill("#id_onderwerp", trick)
    page.fill("#id_naam", folder)
    page.fill("#id_kenmerk", "2026/000999")
    page.fill("#id_collegevergadering", "2026-12-15")
    page.fill("#id_portefeuillehouder", "Wethouder " + trick)
    page.fill("#id_afdeling", "Afdeling " + trick)
    page.select_option("#id_basis", value="gebied")
    page.get_by_role("button", name="Zaak aanmaken").click()
    page.wait_for_url(re.compile(rf"/zaken/{folder}/"))
    case = _yaml(live.workspace / folder / "besluitpak.yaml")
    assert "embargo_tot" not in case
    assert "openbaar" not in case
    assert case["afdeling"].startswith("Afdeling ")
    assert case["portefeuillehouder"].startswith("Wethouder ")
    assert set(case) == {
        "gemeente", "kenmerk", "onderwerp", "collegevergadering", "portefeuillehouder",
        "afdeling", "steller", "publicatie_url", "voorstel", "bijlagen",
    }  # fmt: skip
    assert person.axe() == []


def test_an_ended_session_keeps_a_bijlage_data_edit_through_signing_in(
    person: Session, live: Live
) -> None:
    data = live.workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    person.login("beleidsadviseur")
    page = person.go("/zaken/gebied/documenten/opgave-centrum/")
    person.context.clear_cookies()  # the session ended while the form was open
    page.fill("#id_stadsdeel", "Centrum na de sessie")
    _save_data(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uw sessie is verlopen of de pagina is verouderd"
    )
    expect(page.get_by_text("Centrum na de sessie")).to_be_visible()
    assert _axe_here(page) == []
    assert _yaml(data)["stadsdeel"] != "Centrum na de sessie"
    page.fill('input[name="username"]', "beleidsadviseur")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button:has-text("Inloggen")')
    page.get_by_role("button", name="Opnieuw versturen").click()
    expect(page.get_by_text("opgeslagen.", exact=False).first).to_be_visible()
    assert _yaml(data)["stadsdeel"] == "Centrum na de sessie"


def _first_thumbnail(page: Page) -> tuple[str, bytes]:
    """The address and the picture of the intern edition's first page, as shown."""
    image = page.locator('img[src*="intern"][src*="page-0001"]').first
    expect(image).to_be_attached(timeout=120_000)
    image.evaluate("image => { const d = image.closest('details'); if (d) d.open = true; }")
    expect(image).to_be_visible()
    image.evaluate(
        "image => image.complete && image.naturalWidth > 0 ? 0 :"
        " new Promise(done => image.addEventListener('load', done, {once: true}))"
    )
    return str(image.get_attribute("src")), image.screenshot()


@pytest.mark.libreoffice
def test_the_header_and_the_thumbnail_follow_an_edit_and_a_rebuild_without_a_reload(
    person: Session,
) -> None:
    person.login("secretariaat")
    page = person.go("/zaken/proef/")
    page.get_by_role("button", name="Bouwen").click()
    expect(page.get_by_text("Bouwen: klaar", exact=False)).to_be_visible(timeout=300_000)
    expect(page.get_by_text("· gebouwd", exact=False)).to_be_visible()
    address, picture = _first_thumbnail(page)

    page.get_by_label("Onderwerp").fill("Een heel ander onderwerp voor de proef")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("gewijzigd sindsdien", exact=False)).to_be_visible()
    page.get_by_role("button", name="Bouwen").click()
    image = page.locator('img[src*="intern"][src*="page-0001"]').first
    expect(image).not_to_have_attribute("src", address, timeout=300_000)
    expect(page.get_by_text("gewijzigd sindsdien", exact=False)).to_have_count(0)
    rebuilt, new_picture = _first_thumbnail(page)
    assert rebuilt != address
    assert new_picture != picture  # the new title is on the page, not yesterday's picture
    assert _axe_here(page) == []
