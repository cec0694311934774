"""Signing the definitive besluitenlijst in a real browser (issue 31): the secretariaat
presses the button, the worker signs as burgemeester and secretaris with its keys (a test PKI
served over HTTP, PKCS#12 files in the worker's environment), the page shows the signatures
with signer, time and level; axe-core finds nothing before and after, the
Content-Security-Policy refuses nothing. The definitive list is the finished inventarislijst
put in its place (the list's own build is tested elsewhere)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

import besluitpak
from tests.pdf.test_table_pdf import _finish, _table
from tests.signing.conftest import env_for
from tests.signing.pki import running
from tests.web.e2e.conftest import Session
from tests.web.live import Live, serve
from tests.web.workspaces import add_meeting, make_workspace

pytestmark = [pytest.mark.libreoffice, pytest.mark.browser]
PAGE = "/vergaderingen/2026-50/"
LIST = "besluitenlijst-2026-50-definitief.pdf"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The test PKI served, and the keys of the burgemeester and secretaris in the
    environment the page (and its worker) is started with."""
    with running(tmp_path_factory.mktemp("pki")) as pki, pytest.MonkeyPatch.context() as patch:
        env = env_for(pki, burgemeester="burgemeester", secretaris="secretaris")
        for name, value in env.items():
            patch.setenv(name, value)
        yield env


@pytest.fixture(scope="module")
def live(keys: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A running page on a workspace whose meeting has its definitive besluitenlijst."""
    root = make_workspace(tmp_path_factory.mktemp("e2e-signing") / "werkruimte")
    add_meeting(root)
    out = root / "vergaderingen" / "out" / "2026-50"
    out.mkdir(parents=True)
    _finish(_table(), out / LIST)
    shutil.copymode(root / "vergaderingen" / "2026-50.yaml", out / LIST)
    with serve(root) as running_page:
        yield running_page


def test_the_secretariaat_signs_the_definitive_besluitenlijst(
    person: Session, live: Live, keys: dict[str, str]
) -> None:
    person.login("secretariaat")
    page = person.go(PAGE)
    expect(
        page.get_by_text("De definitieve besluitenlijst is nog niet ondertekend.")
    ).to_be_visible()
    assert person.axe() == []

    page.get_by_role("button", name="Besluitenlijst ondertekenen").click()
    expect(page.locator("#taak [role=status]")).to_contain_text("klaar", timeout=120_000)
    expect(page.locator("#taak")).to_contain_text(
        f"{LIST} is ondertekend door de burgemeester en de secretaris."
    )
    signatures = page.get_by_role("list", name="Handtekeningen van de definitieve besluitenlijst")
    expect(signatures).to_contain_text("Ondertekend als burgemeester door A. van Proefdorp")
    expect(signatures).to_contain_text("Ondertekend als secretaris door B. de Vries")
    expect(signatures).to_contain_text("PAdES B-LTA: geldig")
    expect(page.get_by_role("button", name="Besluitenlijst ondertekenen")).to_have_count(0)
    assert person.axe() == []
    assert person.refused == []

    pdf = live.workspace / "vergaderingen" / "out" / "2026-50" / LIST
    with ThreadPoolExecutor(1) as apart:  # pyHanko runs asyncio; Playwright's loop runs here
        checks = apart.submit(besluitpak.check_signatures, pdf, environ=keys).result()
    assert [c.field for c in checks] == ["burgemeester", "secretaris", "archieftijdstempel"]
    assert all(c.ok for c in checks), [c.line() for c in checks]
