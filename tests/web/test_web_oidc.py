"""Signing in through the organisation's identity provider (OpenID Connect), against a real
provider (django-oauth-toolkit, tests/web/oidc_provider) running as a process of its own:
the page's side through Django's test client, the provider's through HTTP. The role comes
from the person's groups; a person without a role, or with two, is refused in Dutch and
nothing is made; local passwords keep working; without configuration nothing changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.contrib.auth.models import Group, User
from django.test import Client

from besluitpak.errors import ConfigError
from besluitpak.web import conf, oidc, oidcconf
from besluitpak.web.models import AuditEntry
from tests.web.conftest import PASSWORD
from tests.web.oidc_provider import running
from tests.web.oidc_provider.running import SECRETARIAAT_GROUP, Provider, provider

START = "/inloggen/organisatie/"
CALLBACK = "http://127.0.0.1/inloggen/organisatie/terug/"
BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "besluitpak.web.oidc.Backend",
    "django.contrib.auth.backends.ModelBackend",
]


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with provider(tmp_path_factory.mktemp("idp") / "data") as running_provider:
        yield running_provider


@pytest.fixture
def configure(
    idp: Provider, settings: Any, monkeypatch: pytest.MonkeyPatch, workspace: Path, db: None
) -> Callable[..., None]:
    """``configure(**{claim value: role})``: the page set up for the provider, as
    settings.py sets it up from the environment (the endpoints read from its discovery)."""

    def apply(**roles: str) -> None:
        for name, value in idp.env(**roles).items():
            monkeypatch.setenv(name, value)
        for name, value in oidcconf.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = BACKENDS

    apply()
    return apply


def page() -> Client:
    """The test client as a browser on the page's loopback address (the registered one)."""
    return Client(SERVER_NAME="127.0.0.1")


def sign_in(client: Client, username: str) -> Any:
    """The whole authorization-code flow: the page sends the person to the provider, who
    signs in there; the provider's answer goes back to the page's callback."""
    start = client.get(START)
    assert start.status_code == 302, start
    with requests.Session() as browser:
        form = browser.get(start["Location"], timeout=30)  # the provider's sign-in page
        assert "Aanmelden bij Gemeente Proefstad" in form.text
        next_field = re.search(r'name="next" value="([^"]*)"', form.text)
        assert next_field is not None
        data = {
            "username": username,
            "password": running.PASSWORD,
            "next": next_field.group(1).replace("&amp;", "&"),
            "csrfmiddlewaretoken": browser.cookies["idp_csrftoken"],
        }
        answer = browser.post(form.url, data=data, allow_redirects=False, timeout=30)
        location = urljoin(answer.url, answer.headers["Location"])
        while not location.startswith(CALLBACK):
            assert answer.status_code == 302, answer.text
            answer = browser.get(location, allow_redirects=False, timeout=30)
            location = urljoin(answer.url, answer.headers["Location"])
    parts = urlsplit(location)
    return client.get(f"{parts.path}?{parts.query}")


def test_a_person_in_the_secretariat_group_signs_in_with_that_role_and_no_password(
    configure: Callable[..., None],
) -> None:
    client = page()
    answer = sign_in(client, "j.jansen")

    assert (answer.status_code, answer["Location"]) == (302, "/")
    user = User.objects.get(username="j.jansen")
    assert [g.name for g in user.groups.all()] == ["secretariaat"]
    assert (user.first_name, user.last_name, user.email) == (
        "Jan", "Jansen", "j.jansen@proefstad.nl",
    )  # fmt: skip
    assert not user.has_usable_password()
    home = client.get("/").content.decode()
    assert "j.jansen · secretariaat" in home
    assert "Nieuwe zaak" in home  # only the secretariaat creates cases
    [entry] = AuditEntry.objects.filter(event=AuditEntry.Event.LOGIN_OIDC)
    assert (entry.username, entry.role, entry.user, entry.detail["nieuw"]) == (
        "j.jansen", "secretariaat", user, True,
    )  # fmt: skip


def test_the_role_follows_the_claim_at_the_next_sign_in_and_stays_one_role(
    configure: Callable[..., None],
) -> None:
    sign_in(page(), "j.jansen")
    helpers = Group.objects.create(name="vraagbaak")  # an administrator's own group: kept
    User.objects.get(username="j.jansen").groups.add(helpers)
    configure(**{SECRETARIAAT_GROUP: "archivaris"})  # the directory's group now means this
    client = page()
    assert sign_in(client, "j.jansen").status_code == 302

    user = User.objects.get(username="j.jansen")
    assert sorted(g.name for g in user.groups.all()) == ["archivaris", "vraagbaak"]
    assert "j.jansen · archivaris" in client.get("/").content.decode()
    entries = AuditEntry.objects.filter(event=AuditEntry.Event.LOGIN_OIDC)
    assert [(e.role, e.detail["nieuw"]) for e in entries] == [
        ("archivaris", False),
        ("secretariaat", True),
    ]


def test_a_person_whose_groups_give_no_role_is_refused_in_dutch_and_nothing_is_made(
    configure: Callable[..., None],
) -> None:
    client = page()
    answer = sign_in(client, "p.pietersen")

    assert (answer.status_code, answer["Location"]) == (302, "/inloggen/")
    login_page = client.get("/inloggen/").content.decode()
    assert "Inloggen geweigerd: uw organisatie-account geeft u geen rol in besluitpak" in (
        login_page
    )
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(username="p.pietersen").exists()
    [entry] = AuditEntry.objects.filter(event=AuditEntry.Event.LOGIN_REFUSED)
    assert (entry.username, entry.user, entry.detail) == (
        "p.pietersen", None, {"claim": "groups", "waarden": ["GG-Iedereen"]},
    )  # fmt: skip


def test_groups_that_give_two_roles_are_refused_and_nothing_is_made(
    configure: Callable[..., None],
) -> None:
    configure(**{SECRETARIAAT_GROUP: "secretariaat", "GG-Iedereen": "beleidsadviseur"})
    client = page()
    sign_in(client, "j.jansen")

    assert "meer dan één rol in besluitpak (beleidsadviseur, secretariaat)" in (
        client.get("/inloggen/").content.decode()
    )
    assert not User.objects.filter(username="j.jansen").exists()


def test_a_local_account_with_a_password_is_not_taken_over_by_an_organisation_account(
    configure: Callable[..., None],
) -> None:
    local = User.objects.create_user("j.jansen", password=PASSWORD)
    local.groups.set([Group.objects.get(name="beleidsadviseur")])
    client = page()
    sign_in(client, "j.jansen")

    assert "er is hier al een account j.jansen dat met een wachtwoord inlogt" in (
        client.get("/inloggen/").content.decode()
    )
    assert "_auth_user_id" not in client.session
    local.refresh_from_db()
    assert [g.name for g in local.groups.all()] == ["beleidsadviseur"]
    assert (local.first_name, local.email) == ("", "")
    signed_in = page().post("/inloggen/", {"username": "j.jansen", "password": PASSWORD})
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/")


def test_an_account_an_administrator_disabled_stays_disabled(
    configure: Callable[..., None],
) -> None:
    sign_in(page(), "j.jansen")
    User.objects.filter(username="j.jansen").update(is_active=False)
    client = page()
    sign_in(client, "j.jansen")

    assert "uw account is hier uitgeschakeld" in client.get("/inloggen/").content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.get(username="j.jansen").is_active
    refused = AuditEntry.objects.get(event=AuditEntry.Event.LOGIN_REFUSED)
    assert refused.detail == {"reden": "account uitgeschakeld"}


def test_a_code_the_provider_did_not_give_is_refused(configure: Callable[..., None]) -> None:
    client = page()
    start = client.get(START)
    state = re.search(r"[?&]state=([^&]+)", start["Location"])
    assert state is not None
    answer = client.get(f"{START}terug/", {"code": "verzonnen", "state": state.group(1)})

    assert (answer.status_code, answer["Location"]) == (302, "/inloggen/")
    assert oidc.FAILED in client.get("/inloggen/").content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_local_passwords_keep_working_beside_the_organisation_accounts(
    configure: Callable[..., None], users: dict[str, User]
) -> None:
    client = page()
    login_page = client.get("/inloggen/?next=/zaken/").content.decode()
    assert 'href="/inloggen/organisatie/?next=/zaken/"' in login_page
    assert "Inloggen met uw organisatie-account" in login_page
    answer = client.post("/inloggen/", {"username": "secretariaat", "password": PASSWORD})
    assert (answer.status_code, answer["Location"]) == (302, "/")
    # and wrong passwords are still throttled
    wrong = [
        page().post("/inloggen/", {"username": "archivaris", "password": "fout"}).status_code
        for _ in range(6)
    ]
    assert wrong == [200, 200, 200, 200, 429, 429]


def test_without_a_client_id_there_is_no_button_and_no_address(
    users: dict[str, User], workspace: Path
) -> None:
    client = page()
    assert "organisatie-account" not in client.get("/inloggen/").content.decode()
    assert client.get(START).status_code == 404
    assert client.get(f"{START}terug/?code=x&state=y").status_code == 404
    answer = client.post("/inloggen/", {"username": "secretariaat", "password": PASSWORD})
    assert answer.status_code == 302


def test_the_settings_are_off_without_a_client_id_and_say_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in [v.name for v in conf.VARIABLES if "_OIDC_" in v.name]:
        monkeypatch.delenv(variable, raising=False)
    assert oidcconf.settings() == {}

    monkeypatch.setenv("BESLUITPAK_OIDC_CLIENT_ID", "besluitpak")
    monkeypatch.setenv("BESLUITPAK_OIDC_ROLES", "GG-Y=archivaris, GG-X=wethouder")
    with pytest.raises(ConfigError) as all_at_once:
        oidcconf.settings()
    assert str(all_at_once.value).splitlines() == [
        "BESLUITPAK_OIDC_CLIENT_SECRET: expected the client secret that goes with "
        "BESLUITPAK_OIDC_CLIENT_ID, got nothing",
        "BESLUITPAK_OIDC_ROLES: expected VALUE=ROLE pairs with a role of beleidsadviseur, "
        "secretariaat, archivaris, got 'GG-X=wethouder'",
        "BESLUITPAK_OIDC_CLIENT_ID is set: expected BESLUITPAK_OIDC_ISSUER or "
        "BESLUITPAK_OIDC_AUTHORIZATION_ENDPOINT, BESLUITPAK_OIDC_TOKEN_ENDPOINT, "
        "BESLUITPAK_OIDC_USERINFO_ENDPOINT, BESLUITPAK_OIDC_JWKS_ENDPOINT, got neither",
    ]
    monkeypatch.delenv("BESLUITPAK_OIDC_ROLES")
    monkeypatch.setenv("BESLUITPAK_OIDC_CLIENT_SECRET", "geheim")
    with pytest.raises(
        ConfigError, match="expected BESLUITPAK_OIDC_ISSUER or BESLUITPAK_OIDC_AUTH"
    ):
        oidcconf.settings()
    from tests.web.live import free_port

    nobody = f"http://127.0.0.1:{free_port()}/o"
    monkeypatch.setenv("BESLUITPAK_OIDC_ISSUER", nobody)
    with pytest.raises(ConfigError, match=f"{nobody}/.well-known/openid-configuration does not"):
        oidcconf.settings()


def test_the_role_claim_may_be_one_text_or_a_list_and_only_texts_count(settings: Any) -> None:
    settings.OIDC_ROLE_CLAIM = "besluitpak_rol"
    settings.OIDC_ROLE_MAP = oidcconf.role_map("")
    assert oidc.role_of({"besluitpak_rol": "archivaris"}, username="a") == "archivaris"
    assert oidc.role_of({"besluitpak_rol": ["x", "beleidsadviseur"]}, username="a") == (
        "beleidsadviseur"
    )
    for claims in ({}, {"besluitpak_rol": 7}, {"besluitpak_rol": [["secretariaat"]]}):
        with pytest.raises(oidc.Refused, match="geen rol in besluitpak"):
            oidc.role_of(claims, username="a")


def test_refusals_do_not_lock_out_the_address_for_the_next_person(
    configure: Callable[..., None],
) -> None:
    """The password is the provider's to check (and throttle): six people without a role
    signing in from one office address leave the seventh, who has one, free to sign in."""
    for _ in range(6):
        assert sign_in(page(), "p.pietersen")["Location"] == "/inloggen/"
    answer = sign_in(page(), "j.jansen")
    assert (answer.status_code, answer["Location"]) == (302, "/")
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.LOGIN_LOCKED).exists()
