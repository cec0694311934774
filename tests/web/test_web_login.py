"""Signing in is throttled per user name and address (django-axes, on the test database):
after the allowed wrong passwords even the right one is refused with a Dutch message for
the lock-out's time, and the lock-out is in the logboek."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client

from besluitpak.web.models import AuditEntry
from tests.web.conftest import PASSWORD

LOGIN = "/inloggen/"


def _sign_in(client: Client, password: str, *, address: str = "127.0.0.1") -> int:
    data = {"username": "secretariaat", "password": password}
    response = client.post(LOGIN, data, REMOTE_ADDR=address)
    return int(response.status_code)


def test_twenty_five_wrong_passwords_lock_signing_in_and_the_logboek_says_so(
    users: dict[str, User], workspace: Path
) -> None:
    client = Client()
    answers = [_sign_in(client, f"fout-{n}") for n in range(25)]

    assert answers[:4] == [200] * 4  # the form again: "Naam of wachtwoord klopt niet."
    assert set(answers[5:]) == {429}
    refused = client.post(LOGIN, {"username": "secretariaat", "password": PASSWORD})
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in page and "15 minuten" in page
    assert "_auth_user_id" not in client.session
    locked = AuditEntry.objects.filter(event=AuditEntry.Event.LOGIN_LOCKED)
    assert [(e.username, e.detail["adres"], e.user) for e in locked] == [
        ("secretariaat", "127.0.0.1", None)
    ]
    # Another address is not locked out (per user name and address), nor is another name.
    assert _sign_in(Client(), PASSWORD, address="10.0.0.9") == 302
    other = Client().post(LOGIN, {"username": "archivaris", "password": PASSWORD})
    assert other.status_code == 302


def test_signing_in_right_before_the_limit_starts_counting_again(
    users: dict[str, User], workspace: Path
) -> None:
    client = Client()
    assert [_sign_in(client, "fout") for _ in range(4)] == [200] * 4
    assert _sign_in(client, PASSWORD) == 302
    assert [_sign_in(Client(), "fout") for _ in range(4)] == [200] * 4
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.LOGIN_LOCKED).exists()
