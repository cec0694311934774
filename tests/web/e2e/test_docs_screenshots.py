"""The pictures in the role guides (docs/guide/), taken from the real page: each role walks
the pages its guide shows — the cases, a case, adding a bijlage, a bijlage's data, Bouwen with
its progress and the built editions, the publication, a meeting, the archive after
Verifiëren, a case's paraafroute and "Mijn taken" — and each picture is written to docs/img/
(1280 px wide) only after the page was checked to show what the guide says it shows, with
axe-core finding nothing. Each run writes them again: commit them when the page changed."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

import besluitpak
from tests.helpers import ROOT
from tests.web.e2e.conftest import Session
from tests.web.e2e.test_e2e_route import MAKE_PEOPLE, PEOPLE
from tests.web.live import PASSWORD, Live, serve
from tests.web.workspaces import add_meeting, make_workspace

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]
IMAGES = ROOT / "docs" / "img"
WIDTH, HEIGHT = 1280, 800
JOB = 240_000
"""Milliseconds a job (a build with LibreOffice on a busy machine) may take."""
ALL_LOADED = """() => { const images = [...document.querySelectorAll('#gebouwd details[open] img')];
    return images.length > 0 && images.every(
        image => { image.loading = 'eager'; return image.complete && image.naturalWidth > 0; });
}"""
"""An edition is open and every thumbnail of it loaded (lazy ones asked for now)."""
STILL = "() => !document.querySelector('#taak').hasAttribute('hx-get')"
"""The page polls no more: each poll swaps the editions in anew, closing an opened one."""


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The page on the web tests' workspace (cases proef and gebied) with a meeting."""
    root = make_workspace(tmp_path_factory.mktemp("e2e-docs") / "werkruimte")
    add_meeting(root)
    with serve(root) as running:
        yield running


def _shoot(person: Session, name: str, *, at: Locator | None = None, whole: bool = False) -> None:
    """The viewport (with ``at`` scrolled to its top; ``whole``: the whole page, for a
    picture whose text names what stands at its end) as docs/img/<name>.png, once axe-core
    found nothing on the page."""
    assert person.axe() == []
    page = person.page
    if at is not None:
        at.evaluate("element => element.scrollIntoView({block: 'start'})")
    IMAGES.mkdir(exist_ok=True)
    path = IMAGES / f"{name}.png"
    page.screenshot(path=str(path), full_page=whole)
    assert path.read_bytes().startswith(b"\x89PNG")


def _sign_in(person: Session, role: str) -> Page:
    person.page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    person.login(role)
    return person.page


def test_the_secretariaat_guide_shows_the_cases_bouwen_the_publication_and_a_meeting(
    person: Session,
) -> None:
    page = _sign_in(person, "secretariaat")
    expect(page.get_by_role("heading", name="Zaken", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Gebiedsopgave Centrum vaststellen")).to_be_visible()
    _shoot(person, "zaken")

    page = person.go("/zaken/gebied/")
    expect(page.get_by_role("heading", name="Gebiedsopgave Centrum vaststellen")).to_be_visible()
    expect(page.get_by_role("button", name="Bouwen")).to_be_visible()
    expect(page.get_by_text("onder embargo tot 1 januari 2099").first).to_be_visible()
    expect(page.get_by_role("heading", name="Zaakgegevens")).to_be_visible()
    expect(page.get_by_role("heading", name="Bijlagen", exact=True)).to_be_visible()
    _shoot(person, "zaak", whole=True)  # the guides and README: its fields and bijlagen

    page = person.go("/zaken/gebied/bijlagen/nieuw/")
    expect(page.get_by_role("heading", name="Bijlage toevoegen", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Kant-en-klaar bestand")).to_be_visible()
    _shoot(person, "bijlage-nieuw", whole=True)  # also the upload the guide describes

    page = person.go("/zaken/gebied/")
    page.get_by_role("button", name="Bouwen").click()
    expect(page.locator("#taak .bp-progress li").first).to_be_visible(timeout=JOB)
    page.locator("#taak").evaluate("element => element.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(IMAGES / "bouwen.png"))  # the progress as it runs (axe below)
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=JOB)
    page = person.go("/zaken/gebied/")
    editions = page.locator("#edities")
    expect(editions).to_have_text("Gebouwde edities")
    expect(page.locator('a[href$="/editie/openbaar.pdf"]')).to_be_visible()
    expect(page.locator("#gebouwd img").first).to_be_attached(timeout=JOB)
    page.wait_for_function(STILL, timeout=JOB)  # every thumbnail made
    page.locator("#gebouwd summary").first.click()  # the intern edition's thumbnails
    expect(page.get_by_role("img", name="Pagina 1 van de editie intern")).to_be_visible()
    page.wait_for_function(ALL_LOADED)
    _shoot(person, "edities", at=editions)

    page.get_by_label("Reden om vóór het embargo te publiceren").fill("Proef van de publicatie")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=JOB)
    page = person.go("/zaken/gebied/publicatie/")
    expect(page.get_by_role("heading", name="Publicatie", level=1)).to_be_visible()
    expect(
        page.get_by_role("table", name=re.compile("De documenten van collegebesluit"))
    ).to_be_visible()
    _shoot(person, "publicatie")

    page = person.go("/vergaderingen/2026-50/")
    expect(page.get_by_role("heading", name="Collegevergadering 2026-50")).to_be_visible()
    expect(page.get_by_role("button", name="Agenda bouwen")).to_be_visible()
    _shoot(person, "vergadering")
    assert person.refused == []


def test_the_beleidsadviseur_guide_shows_a_bijlage_as_a_form(person: Session) -> None:
    _sign_in(person, "beleidsadviseur")
    page = person.go("/zaken/gebied/documenten/opgave-centrum/")
    expect(page.get_by_role("heading", name=re.compile("Bijlage 1: "))).to_be_visible()
    expect(page.get_by_role("textbox", name="Partners, rij 1", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Opslaan en bouwen").first).to_be_visible()
    _shoot(person, "bijlage-data")
    assert person.refused == []


def test_the_archivaris_guide_shows_the_archive_after_verifieren(person: Session) -> None:
    _sign_in(person, "archivaris")
    page = person.go("/zaken/proef/")
    page.get_by_role("button", name="Archiveren").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=JOB)
    page = person.go("/zaken/proef/archief/")
    expect(page.get_by_role("heading", name="Archief", level=1)).to_be_visible()
    expect(page.get_by_text("v001").first).to_be_visible()
    page.get_by_role("button", name="Verifiëren").click()
    expect(page.get_by_text("Integriteit: in orde")).to_be_visible(timeout=JOB)
    _shoot(person, "archief")
    assert person.refused == []


SUBSTITUTE = """
import django
django.setup()
import datetime as dt
from django.contrib.auth.models import User
from besluitpak.web.routemodels import Vervanging
Vervanging.objects.create(vervanger=User.objects.get(username="teammanager"),
    functie="afdelingshoofd", van=dt.date(2026, 12, 1), tot=dt.date(2026, 12, 31),
    reden="vakantie")
"""
"""The teammanager stands in for the afdelingshoofd in December (what the admin records)."""


def _at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def route_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The reference routes.yaml; ``proef`` submitted on Monday 30 November, juridisch's
    advice given, financiën silent past its termijn, the teammanager's paraaf: it waits for
    the afdelingshoofd on Wednesday 9 December (the page's day)."""
    root = make_workspace(tmp_path_factory.mktemp("e2e-docs-route") / "werkruimte")
    shutil.copy(ROOT / "routes.yaml", root / "routes.yaml")
    proef = root / "proef"
    besluitpak.route_indienen(
        proef, door="P. Tester", now=dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    )
    besluitpak.route_advies(proef, door="J. Jurist", als="juridisch", oordeel="akkoord",
                            opmerking="Mandaat en grondslag in orde.", now=_at(2, 14))  # fmt: skip
    besluitpak.route_paraaf(proef, door="T. Manager", als="teammanager Wijken", now=_at(8, 10))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BESLUITPAK_TODAY", "2026-12-09")
        with serve(root, roles=()) as running:
            env = {**running.env, "DJANGO_SETTINGS_MODULE": "besluitpak.web.settings",
                   "BESLUITPAK_WORKSPACE": str(root)}  # fmt: skip
            for script in ([MAKE_PEOPLE, json.dumps(PEOPLE), PASSWORD], [SUBSTITUTE]):
                subprocess.run([sys.executable, "-c", *script], env=env, check=True, timeout=60)
            yield running


def test_the_guides_show_a_case_s_paraafroute_and_mijn_taken(
    browser: Browser, route_live: Live, tmp_path: Path
) -> None:
    manager = Session(browser.new_context(locale="nl-NL"), route_live, tmp_path)
    try:
        page = _sign_in(manager, "teammanager")
        page = manager.go("/taken/")
        tasks = page.get_by_role("table")
        expect(tasks).to_contain_text("afdelingshoofd (namens)")
        expect(page.locator("body")).to_contain_text("vervangt")
        _shoot(manager, "route-taken")

        page = manager.go("/zaken/proef/route/")
        expect(page.locator(".bp-route-status")).to_contain_text("ter parafering")
        steps = page.locator(".bp-route-steps")
        expect(steps).to_contain_text("Mandaat en grondslag in orde.")
        expect(steps).to_contain_text("T. Manager")
        _shoot(manager, "route", whole=True)
        assert manager.refused == []
    finally:
        manager.context.close()
