"""Every role × every action, on the server: each address of the page is asked by each role
with each method it answers, and refused (403) exactly when the role lacks the permission.

The table below says which permission each address needs. It is checked against the
addresses that exist when the tests run (the resolver, so every views module's
``urlpatterns``): a new address without an entry fails, and so does an entry for an
address that is gone, and a permission of roles.py that no address asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from besluitpak.web.models import Job
from besluitpak.web.roles import ACTIONS, ROLES

REQUIRED: dict[str, dict[str, str]] = {
    "case-list": {"GET": "view_cases"},
    "case-detail": {"GET": "view_cases", "POST": "edit_case"},
    "case-build": {"POST": "build_case"},
    "case-publish": {"POST": "publish_case"},
    "case-archive": {"POST": "archive_case"},
    "case-job": {"GET": "view_cases"},
    "case-download": {"GET": "view_cases"},
    "case-thumbnail": {"GET": "view_cases"},
    "document-data": {"GET": "view_cases", "POST": "edit_case"},
    "case-create": {"GET": "create_case", "POST": "create_case"},
    "bijlagen-written": {"GET": "view_cases"},
    "bijlagen-order": {"POST": "manage_bijlagen"},
    "bijlage-add": {"GET": "manage_bijlagen", "POST": "manage_bijlagen"},
    "bijlage-remove": {"GET": "manage_bijlagen", "POST": "manage_bijlagen"},
    "bijlage-upload": {"POST": "edit_case"},
    "case-archive-versions": {"GET": "view_cases"},
    "case-archive-verify": {"POST": "verify_archive"},
    "case-archive-verification": {"GET": "view_cases"},
    "case-archive-file": {"GET": "view_cases"},
    "audit-log": {"GET": "view_audit"},
    "case-publication": {"GET": "view_cases"},
    "case-publication-allow": {"POST": "publish_case"},
    "case-publication-schedule": {"POST": "publish_case"},
    "case-publication-withdraw": {"POST": "publish_case"},
    "case-publication-file": {"GET": "view_cases"},
    "meeting-list": {"GET": "view_cases"},
    "meeting-detail": {"GET": "view_cases"},
    "meeting-outcome": {"POST": "run_meeting"},
    "meeting-run": {"POST": "run_meeting"},
    "meeting-archive": {"POST": "archive_case"},
    "meeting-sign": {"POST": "run_meeting"},
    "meeting-job": {"GET": "view_cases"},
    "meeting-file": {"GET": "view_cases"},
    "meeting-agenda-add": {"POST": "run_meeting"},
    "route-tasks": {"GET": "view_cases"},
    "route-delegate": {"POST": "view_cases"},
    "case-route": {"GET": "view_cases"},
    "case-route-submit": {"POST": "edit_case"},
    "case-route-return": {"POST": "view_cases"},
    "case-route-act": {"POST": "view_cases"},
}
"""url name -> method -> the permission codename it needs."""

PUBLIC = {
    "login": ("GET", "POST"),
    "logout": ("POST",),
    "sign-in-resend": ("POST",),
    "oidc-start": ("GET",),  # to the identity provider (404 unless configured)
    "oidc-callback": ("GET",),  # back from it
}
"""What an anonymous person may reach: logging in and out."""

ARGUMENTS = {
    "name": "proef",
    "edition": "intern",
    "page": "page-0001.png",
    "document": "notitie",
    "ident": "notitie",
    "version": "v001",
    "file": "manifest.json",
    "nummer": "1",
}
"""A value for each part of an address (a part not listed gets ``x``: a 404 is not a 403)."""


def _patterns(
    patterns: list[URLPattern | URLResolver] | None = None,
) -> Iterator[URLPattern]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # Django's admin: staff only, its own login
                continue
            yield from _patterns(pattern.url_patterns)
        else:
            yield pattern


def _addresses() -> dict[str, str]:
    """url name -> an address of it, for every named address of the page."""
    found = {}
    for pattern in _patterns():
        assert pattern.name, f"{pattern.pattern}: expected a url name, got none"
        converters = pattern.pattern.converters
        kwargs = {key: ARGUMENTS.get(key, "x") for key in converters}
        found[pattern.name] = reverse(pattern.name, kwargs=kwargs)
    return found


def test_every_address_has_an_entry_in_the_table(db: None) -> None:
    names = set(_addresses())
    missing = sorted(names - set(REQUIRED) - set(PUBLIC))
    assert not missing, f"addresses without a permission in REQUIRED: {missing}"
    gone = sorted(set(REQUIRED) - names)
    assert not gone, f"REQUIRED names addresses that no longer exist: {gone}"


def test_every_permission_of_the_roles_is_asked_by_some_address() -> None:
    asked = {perm for methods in REQUIRED.values() for perm in methods.values()}
    assert set(ACTIONS) <= asked, f"never checked by an address: {set(ACTIONS) - asked}"
    assert asked <= set(ACTIONS), f"not a permission of roles.py: {asked - set(ACTIONS)}"


def test_each_role_group_holds_exactly_its_permissions(db: None) -> None:
    for role, perms in ROLES.items():
        held = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        assert held == set(perms), role


@pytest.mark.parametrize("role", sorted(ROLES))
def test_a_role_is_refused_exactly_what_it_may_not_do(
    role: str, client_as: Callable[[str], Client]
) -> None:
    client = client_as(role)
    wrong = []
    for name, address in _addresses().items():
        for method, perm in REQUIRED.get(name, {}).items():
            response = client.generic(method, address)
            if response.streaming:  # read to the end: the test client then closes the file
                b"".join(response.streaming_content)  # type: ignore[attr-defined]
            may = perm in ROLES[role]
            if may == (response.status_code == 403):
                wrong.append(f"{method} {address} ({perm}): {response.status_code}")
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_an_anonymous_request_to_any_address_is_sent_to_the_login_form(
    db: None, workspace: Path
) -> None:
    client = Client()
    for name, address in _addresses().items():
        for method in REQUIRED.get(name, {}):
            response = client.generic(method, address)
            if method == "POST":  # the form is kept on a page that signs in first
                assert response.status_code == 403, f"{method} {address}"
                assert b'action="/inloggen/opnieuw/"' in response.content, f"{method} {address}"
                continue
            assert response.status_code == 302, f"{method} {address}"
            assert response["Location"].startswith("/inloggen/?next="), f"{method} {address}"
    assert not Job.objects.exists()


def test_a_post_without_its_csrf_token_is_refused(workspace: Path, users: dict[str, User]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretariaat"])
    for name, address in _addresses().items():
        if "POST" in REQUIRED.get(name, {}) or "POST" in PUBLIC.get(name, ()):
            response = client.post(address, {"reden": "zonder token"})
            assert response.status_code == 403, f"POST {address}"
            assert "pagina is verouderd" in response.content.decode(), f"POST {address}"
    assert not Job.objects.exists()
    # With the token the case page gives, the same request is taken.
    page = client.get("/zaken/proef/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post("/zaken/proef/bouwen/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and Job.objects.count() == 1


BUTTONS = {"Bouwen": "build_case", "Publiceren": "publish_case", "Archiveren": "archive_case"}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_a_button_a_role_may_not_use_is_not_on_the_page(
    role: str, client_as: Callable[[str], Client]
) -> None:
    client = client_as(role)
    page = client.get("/zaken/proef/").content.decode()
    for button, perm in BUTTONS.items():
        assert (f">{button}</button>" in page) == (perm in ROLES[role]), button
    listing = client.get("/").content.decode()
    assert ('href="/zaken/nieuw/"' in listing) == ("create_case" in ROLES[role])
    assert ('href="/logboek/"' in listing) == ("view_audit" in ROLES[role])
