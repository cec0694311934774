"""The paraafroute on the page (issue 30): people linked to functions and substitutes, "Mijn
taken", the case's route with its forms, refusals in Dutch, the logboek, the agenda taking
only agendeerbare cases, and the e-mails arriving at a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group, User
from django.test import Client

import besluitpak
from besluitpak.web.models import AuditEntry
from besluitpak.web.routemodels import Functie, Vervanging
from tests.helpers import ROOT
from tests.web.workspaces import add_meeting

DAY = "2026-12-07"  # a Monday: the advices' termijn (5 werkdagen) ends on 14 December


class Inbox:
    """aiosmtpd handler: every message the server received."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def subjects(self, to: str) -> list[str]:
        return [str(m["Subject"]) for rcpt, m in self.messages if to in rcpt]


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on a free port; Django's mail sends to it."""
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd checks it by connecting)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield inbox
    finally:
        controller.stop()


PEOPLE = {
    "steller": ("P. Tester", "beleidsadviseur", []),
    "jurist": ("J. Jurist", "beleidsadviseur", ["juridisch"]),
    "controller": ("F. Financiën", "beleidsadviseur", ["financiën"]),
    "teammanager": ("T. Manager", "beleidsadviseur", ["teammanager Wijken"]),
    "hoofd": ("A. Hoofd", "beleidsadviseur", ["afdelingshoofd"]),
    "secretaris": ("S. Secretariaat", "secretariaat", []),
}


@pytest.fixture
def route(workspace: Path, db: None, monkeypatch: pytest.MonkeyPatch) -> dict[str, Client]:
    """The reference routes.yaml in the workspace; a person per function, logged in."""
    shutil.copy(ROOT / "routes.yaml", workspace / "routes.yaml")
    monkeypatch.setenv("BESLUITPAK_TODAY", DAY)
    clients = {}
    for username, (naam, role, functies) in PEOPLE.items():
        first, last = naam.split(" ", 1)
        user = User.objects.create_user(
            username, email=f"{username}@gemeente.test", first_name=first, last_name=last
        )
        user.groups.set([Group.objects.get(name=role)])
        for functie in functies:
            Functie.objects.create(user=user, functie=functie)
        client = Client()
        client.force_login(user)
        clients[username] = client
    return clients


def _seen(client: Client, prefix: str) -> str:
    """The package fingerprint the case's route page shows in a slot's form ("" if none)."""
    page = client.get("/zaken/proef/route/").content.decode()
    found = re.search(rf'name="{prefix}-pakket" value="(\w+)"', page)
    return found.group(1) if found else ""


def _act(client: Client, what: str, prefix: str, voor: str, **fields: str) -> Any:
    """Post a slot's form as the page shows it (with the package it showed), or ``fields``."""
    data = {f"{prefix}-voor": voor, f"{prefix}-pakket": _seen(client, prefix)}
    data |= {f"{prefix}-{k}": v for k, v in fields.items()}
    return client.post(f"/zaken/proef/route/{what}/{prefix}/", data, follow=True)


def _give_back(client: Client, reden: str, **fields: str) -> Any:
    """Post the terugsturen form as the page shows it (with the package it showed)."""
    page = client.get("/zaken/proef/route/").content.decode()
    shown = re.search(r'name="pakket" value="(\w+)"', page)
    data = {"reden": reden, "pakket": shown.group(1) if shown else "", **fields}
    return client.post("/zaken/proef/route/terugsturen/", data, follow=True)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_proposal_walks_its_route_on_the_page_with_substitute_and_emails(
    route: dict[str, Client], workspace: Path, smtp: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted = route["steller"].post("/zaken/proef/route/indienen/", {"opmerking": "klaar"})
    assert submitted.status_code == 302
    assert besluitpak.route_status(workspace / "proef").status == "in advies"
    # both advisers are told; their task is on "Mijn taken" with its termijn
    assert smtp.subjects("jurist@gemeente.test") == ["Taak: uw advies voor proef"]
    assert smtp.subjects("controller@gemeente.test") == ["Taak: uw advies voor proef"]
    taken = route["jurist"].get("/taken/").content.decode()
    assert "proef" in taken and "14 december 2026" in taken
    # the jurist may not give the financiën advice
    refused = _act(route["jurist"], "advies", "s0-1", "financiën")
    assert any("U hebt de functie financiën niet" in m for m in _messages(refused))
    given = _act(
        route["jurist"], "advies", "s0-0", "juridisch", oordeel="bezwaar", opmerking="let op"
    )
    assert "Vastgelegd" in " ".join(_messages(given))
    # financiën stays silent past its termijn: the worker's check mails, the rule completes it
    monkeypatch.setenv("BESLUITPAK_TODAY", "2026-12-15")
    from besluitpak.web import scheduled

    scheduled.check()
    assert "Termijn verlopen: proef" in smtp.subjects("controller@gemeente.test")
    assert "Termijn verlopen: proef" in smtp.subjects("steller@gemeente.test")
    page = route["teammanager"].get("/zaken/proef/route/").content.decode()
    assert "ter parafering" in page and "stilzwijgend" in page and "Paraferen" in page
    # the steller may not initial their own proposal (were they teammanager)
    Functie.objects.create(user=User.objects.get(username="steller"), functie="teammanager Wijken")
    own = _act(route["steller"], "paraaf", "s1-0", "teammanager Wijken")
    assert any("mag het niet paraferen" in m for m in _messages(own))
    _act(route["teammanager"], "paraaf", "s1-0", "teammanager Wijken", opmerking="akkoord")
    assert "Taak: uw paraaf voor proef" in smtp.subjects("hoofd@gemeente.test")
    # the teammanager substitutes for the afdelingshoofd: paraaf "namens"
    Vervanging.objects.create(
        vervanger=User.objects.get(username="teammanager"), functie="afdelingshoofd",
        van=dt.date(2026, 12, 14), tot=dt.date(2026, 12, 31),
    )  # fmt: skip
    assert "afdelingshoofd" in route["teammanager"].get("/taken/").content.decode()
    _act(route["teammanager"], "paraaf", "s2-0", "afdelingshoofd")
    status = besluitpak.route_status(workspace / "proef", today=dt.date(2026, 12, 15))
    assert status.status == "geparafeerd" and status.agendeerbaar
    last = status.actions[-1]
    assert (last.door, last.als, last.namens) == (
        "T. Manager",
        "teammanager Wijken",
        "afdelingshoofd",
    )
    events = list(AuditEntry.objects.filter(case="proef").values_list("event", flat=True))
    assert events.count("route_initialed") == 2 and "route_advice" in events
    assert "route_submitted" in events


def test_a_refusal_of_the_route_is_shown_in_dutch(route: dict[str, Client]) -> None:
    route["steller"].post("/zaken/proef/route/indienen/", {})
    again = route["steller"].post("/zaken/proef/route/indienen/", {}, follow=True)
    assert _messages(again)[-1] == "Indienen kan alleen bij een concept; dit voorstel is in advies"
    early = _act(route["teammanager"], "paraaf", "s1-0", "teammanager Wijken")
    assert any("het wacht nu niet op paraaf" in m for m in _messages(early))


def test_a_proposal_sent_back_cannot_be_agendeerd_without_a_reason(
    route: dict[str, Client], workspace: Path, smtp: Inbox
) -> None:
    add_meeting(workspace)
    (workspace / "vergaderingen" / "2026-50.yaml").write_text(
        (workspace / "vergaderingen" / "2026-50.yaml").read_text().split("agenda:")[0]
        + "agenda:\n  - zaak: '../gebied'\n    soort: bespreekstuk\n",
        encoding="utf-8",
    )
    route["steller"].post("/zaken/proef/route/indienen/", {})
    back = _give_back(route["jurist"], "bijlage ontbreekt")
    assert back.redirect_chain[-1] == ("/zaken/proef/route/#route", 302)
    assert smtp.subjects("steller@gemeente.test")[-1] == "Teruggestuurd: proef"
    body = smtp.messages[-1][1].get_payload()
    assert "bijlage ontbreekt" in body
    page = route["secretaris"].get("/vergaderingen/2026-50/").content.decode()
    assert "Agenderen" in page and "concept" in page
    refused = route["secretaris"].post(
        "/vergaderingen/2026-50/agenderen/", {"case": "proef", "soort": "hamerstuk"}, follow=True
    )
    assert any("nog niet agendeerbaar" in m for m in _messages(refused))
    assert "../proef" not in (workspace / "vergaderingen" / "2026-50.yaml").read_text()
    # the beleidsadviseur may not agenderen at all
    assert route["steller"].post("/vergaderingen/2026-50/agenderen/", {}).status_code == 403
    override = route["secretaris"].post(
        "/vergaderingen/2026-50/agenderen/",
        {"case": "proef", "soort": "hamerstuk", "reden": "spoed: college vraagt erom"},
    )
    assert override.status_code == 302
    assert "zaak: ../proef" in (workspace / "vergaderingen" / "2026-50.yaml").read_text()
    entry = AuditEntry.objects.get(event="route_override")
    assert entry.detail["reden"] == "spoed: college vraagt erom"
    assert besluitpak.route_status(workspace / "proef").status == "geagendeerd"


def test_a_person_appoints_a_substitute_for_their_own_function_only(
    route: dict[str, Client],
) -> None:
    hoofd = User.objects.get(username="hoofd")
    stand_in = str(User.objects.get(username="teammanager").pk)
    made = route["hoofd"].post(
        "/taken/vervanger/",
        {"vervanger-functie": "afdelingshoofd", "vervanger-vervanger": stand_in,
         "vervanger-van": "2026-12-07", "vervanger-tot": "2026-12-20"},
    )  # fmt: skip
    assert made.status_code == 302, made
    assert Vervanging.objects.get().functie == "afdelingshoofd"
    assert AuditEntry.objects.filter(event="route_delegated", user=hoofd).exists()
    wrong = route["hoofd"].post(
        "/taken/vervanger/",
        {"vervanger-functie": "juridisch", "vervanger-vervanger": stand_in,
         "vervanger-van": "2026-12-07", "vervanger-tot": "2026-12-20"},
    )  # fmt: skip
    assert wrong.status_code == 302 and Vervanging.objects.count() == 1
    nothing = route["steller"].post("/taken/vervanger/", {}, follow=True)
    assert _messages(nothing) == [
        "U hebt geen functie op de route om een vervanger voor aan te wijzen."
    ]


def test_the_admin_lists_people_and_their_functions(route: dict[str, Client], db: None) -> None:
    User.objects.create_superuser("beheer", password="x-lang-genoeg-1")
    admin = Client()
    admin.force_login(User.objects.get(username="beheer"))
    page = admin.get("/beheer/besluitpak_web/functie/").content.decode()
    assert "teammanager Wijken" in page and "afdelingshoofd" in page
    assert admin.get("/beheer/besluitpak_web/vervanging/add/").status_code == 200
    assert route["jurist"].get("/beheer/").status_code == 302  # not staff: to the admin login


def test_a_change_after_a_paraaf_asks_it_again_and_shows_what_changed(
    route: dict[str, Client], workspace: Path, smtp: Inbox
) -> None:
    proef, monday = workspace / "proef", dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)
    besluitpak.route_indienen(proef, door="P. Tester", now=monday)
    for functie in ("juridisch", "financiën"):
        besluitpak.route_advies(proef, door="X", als=functie, oordeel="akkoord", now=monday)
    _act(route["teammanager"], "paraaf", "s1-0", "teammanager Wijken")
    case_file = proef / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("Proef met besluitpak", "Proef met besluitpak, herzien"))
    page = route["teammanager"].get("/zaken/proef/route/").content.decode()
    assert "Opnieuw gevraagd: gewijzigd sinds de paraaf: besluitpak.yaml" in page
    taken = route["teammanager"].get("/taken/").content.decode()
    assert "paraaf (opnieuw)" in taken
    from besluitpak.web import scheduled

    scheduled.check()  # the worker tells the teammanager the paraaf is asked again
    assert smtp.subjects("teammanager@gemeente.test") == ["Taak: uw paraaf voor proef"]
    assert "Het pakket is gewijzigd sinds uw paraaf: besluitpak.yaml" in str(
        smtp.messages[-1][1].get_payload()
    )


def test_a_paraaf_from_a_page_opened_before_the_package_changed_is_refused_in_dutch(
    route: dict[str, Client], workspace: Path
) -> None:
    proef, monday = workspace / "proef", dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)
    besluitpak.route_indienen(proef, door="P. Tester", now=monday)
    for functie in ("juridisch", "financiën"):
        besluitpak.route_advies(proef, door="X", als=functie, oordeel="akkoord", now=monday)
    seen = _seen(route["teammanager"], "s1-0")  # the teammanager opens the page
    assert seen == besluitpak.route_status(proef).package.fingerprint  # type: ignore[union-attr]
    record = proef / "besluitpak.route.jsonl"
    lines = record.read_bytes()
    case_file = proef / "besluitpak.yaml"  # meanwhile the steller changes the proposal
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("Proef met besluitpak", "Proef, herzien"), encoding="utf-8")
    stale = _act(route["teammanager"], "paraaf", "s1-0", "teammanager Wijken", pakket=seen)
    assert _messages(stale)[-1] == (
        "Het pakket is gewijzigd sinds u deze pagina opende; bekijk het opnieuw voordat u uw "
        "paraaf geeft. Er is niets vastgelegd."
    )
    assert record.read_bytes() == lines  # nothing recorded
    assert not AuditEntry.objects.filter(event="route_initialed").exists()
    fresh = _act(route["teammanager"], "paraaf", "s1-0", "teammanager Wijken")  # page reloaded
    assert "Vastgelegd" in " ".join(_messages(fresh))


def test_a_sending_back_from_a_page_opened_before_the_package_changed_is_refused_in_dutch(
    route: dict[str, Client], workspace: Path, smtp: Inbox
) -> None:
    proef = workspace / "proef"
    route["steller"].post("/zaken/proef/route/indienen/", {})
    page = route["jurist"].get("/zaken/proef/route/").content.decode()
    seen = re.search(r'name="pakket" value="(\w+)"', page)
    assert seen is not None  # the terugsturen form carries the package the page showed
    assert seen.group(1) == besluitpak.route_status(proef).package.fingerprint  # type: ignore[union-attr]
    record, mails = proef / "besluitpak.route.jsonl", len(smtp.messages)
    lines = record.read_bytes()
    case_file = proef / "besluitpak.yaml"  # meanwhile the steller changes the proposal
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("Proef met besluitpak", "Proef, herzien"), encoding="utf-8")
    stale = route["jurist"].post(
        "/zaken/proef/route/terugsturen/", {"reden": "nee", "pakket": seen.group(1)}, follow=True
    )
    assert _messages(stale)[-1] == (
        "Het pakket is gewijzigd sinds u deze pagina opende; bekijk het opnieuw voordat u het "
        "voorstel terugstuurt. Er is niets vastgelegd."
    )
    assert record.read_bytes() == lines  # nothing recorded, logged or mailed
    assert not AuditEntry.objects.filter(event="route_returned").exists()
    assert len(smtp.messages) == mails
    fresh = _give_back(route["jurist"], "nee")  # the page reloaded: the package it shows now
    assert "Vastgelegd. Het voorstel is nu concept." in _messages(fresh)


def test_only_whom_the_route_asks_may_send_back_on_the_page(route: dict[str, Client]) -> None:
    route["steller"].post("/zaken/proef/route/indienen/", {})
    refused = _give_back(route["teammanager"], "nee")
    assert _messages(refused)[-1].startswith(
        "Terugsturen kan wie in de huidige stap om advies of paraaf is gevraagd (juridisch, "
        "financiën)"
    )
