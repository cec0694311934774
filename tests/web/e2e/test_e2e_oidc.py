"""Signing in with the organisation's account, in the browser: the sign-in page's button
leads to the identity provider (a real OpenID Connect provider, tests/web/oidc_provider, in
a process of its own), the person signs in there and comes back signed in, with the role
their directory group gives and on the page they asked for. A person whose groups give no
role comes back refused in Dutch, and no account is made."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.web.e2e.conftest import Session
from tests.web.live import Live, besluitpak, serve
from tests.web.oidc_provider import running
from tests.web.oidc_provider.running import Provider, provider
from tests.web.workspaces import make_workspace

pytestmark = [pytest.mark.browser]
BUTTON = "Inloggen met uw organisatie-account"


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with provider(tmp_path_factory.mktemp("idp") / "data") as running_provider:
        yield running_provider


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, idp: Provider) -> Iterator[Live]:
    """``besluitpak serve`` configured for the provider through its environment, with the
    local users of every role beside it."""
    root = make_workspace(tmp_path_factory.mktemp("e2e-oidc") / "werkruimte")
    with pytest.MonkeyPatch.context() as environment:
        for name, value in idp.env().items():
            environment.setenv(name, value)
        with serve(root) as running_page:
            yield running_page


def _sign_in_at_the_provider(person: Session, idp: Provider, username: str) -> None:
    page = person.page
    page.get_by_role("link", name=BUTTON).click()
    page.wait_for_url(re.compile(re.escape(f"{idp.url}/accounts/login/") + ".*"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(running.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def test_the_organisation_account_signs_in_with_the_role_its_group_gives(
    person: Session, idp: Provider
) -> None:
    page = person.go("/zaken/proef/")  # signed out: to the sign-in page, then back here
    page.wait_for_url(re.compile(r".*/inloggen/\?next=/zaken/proef/$"))
    expect(page.get_by_role("link", name=BUTTON)).to_be_visible()
    assert person.axe() == []

    _sign_in_at_the_provider(person, idp, "j.jansen")

    page.wait_for_url(person.live.url + "/zaken/proef/")
    expect(page.locator(".bp-user")).to_contain_text("j.jansen · secretariaat")
    person.go("/")
    expect(page.get_by_role("link", name="Nieuwe zaak")).to_be_visible()  # secretariaat only
    person.go("/logboek/")
    expect(page.get_by_text("ingelogd via organisatie-account")).to_be_visible()
    assert person.refused == []
    users = besluitpak("users", "list", "--workspace", str(person.live.workspace),
                       env=person.live.env)  # fmt: skip
    assert re.search(r"^j\.jansen  secretariaat  \d{4}-", users, re.MULTILINE), users


def test_an_organisation_account_without_a_role_is_refused_in_dutch_and_nothing_is_made(
    person: Session, idp: Provider
) -> None:
    page = person.go("/inloggen/")
    _sign_in_at_the_provider(person, idp, "p.pietersen")

    page.wait_for_url(person.live.url + "/inloggen/")
    expect(
        page.get_by_text("Inloggen geweigerd: uw organisatie-account geeft u geen rol")
    ).to_be_visible()
    assert person.axe() == []
    users = besluitpak("users", "list", "--workspace", str(person.live.workspace),
                       env=person.live.env)  # fmt: skip
    assert "p.pietersen" not in users
    # The local password still signs in from the same page.
    person.login("archivaris")
    expect(page.locator(".bp-user")).to_contain_text("archivaris · archivaris")
