"""Issue 30's "Done when", in the browser: a proposal through two parallel advices (the
financiën advice silent past its termijn: the template's rule counts it), a teammanager's
paraaf, a substitute's paraaf namens the afdelingshoofd, onto a vergadering's agenda, and
besloten (conform) through the meeting's outcome; a second proposal sent back with a reason
cannot be agendeerd; the e-mails arrive at the test's SMTP server (aiosmtpd). Every page
passes axe; the route and "Mijn taken" are photographed (into $BESLUITPAK_SHOTS when set)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, expect

from tests.helpers import MINIMAL, ROOT
from tests.web.e2e.conftest import Session
from tests.web.live import PASSWORD, Live, besluitpak, free_port, serve
from tests.web.workspaces import MEETING, make_workspace

pytestmark = [pytest.mark.browser]

PEOPLE = [
    ("steller", "P. Tester", "beleidsadviseur", []),
    ("jurist", "J. Jurist", "beleidsadviseur", ["juridisch"]),
    ("controller", "F. Geld", "beleidsadviseur", ["financiën"]),
    ("teammanager", "T. Manager", "beleidsadviseur", ["teammanager Wijken"]),
    ("hoofd", "A. Hoofd", "beleidsadviseur", ["afdelingshoofd"]),
    ("secretaris", "S. Secretaris", "secretariaat", []),
]
MAKE_PEOPLE = """
import json, sys
import django
django.setup()
from django.contrib.auth.models import Group, User
from besluitpak.web.routemodels import Functie
for username, naam, role, functies in json.loads(sys.argv[1]):
    first, last = naam.split(" ", 1)
    user = User.objects.create_user(username, email=username + "@gemeente.test",
        password=sys.argv[2], first_name=first, last_name=last)
    user.groups.set([Group.objects.get(name=role)])
    for functie in functies:
        Functie.objects.create(user=user, functie=functie)
"""


class Inbox:
    def __init__(self) -> None:
        self.mails: list[tuple[list[str], str]] = []
        self.port = free_port()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        text = envelope.content.decode("utf-8", "replace")
        subject = next(line for line in text.splitlines() if line.startswith("Subject: "))
        self.mails.append((list(envelope.rcpt_tos), subject.removeprefix("Subject: ")))
        return "250 OK"

    def wait_for(self, to: str, subject: str) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if any(to in rcpt and s == subject for rcpt, s in self.mails):
                return
            time.sleep(0.2)
        raise AssertionError(f"no e-mail {subject!r} to {to}; got {self.mails}")


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, inbox: Inbox) -> Iterator[Live]:
    """The page on a workspace with the reference routes.yaml, a third case ``derde`` on
    the meeting 2026-50's agenda, a clock file (Monday 7 December), mail to ``inbox``."""
    root = make_workspace(tmp_path_factory.mktemp("route") / "werkruimte")
    shutil.copy(ROOT / "routes.yaml", root / "routes.yaml")
    shutil.copytree(MINIMAL, root / "derde")
    for case, kenmerk in (("proef", "2020/000123"), ("derde", "2020/000124")):
        case_file = root / case / "besluitpak.yaml"
        text = case_file.read_text(encoding="utf-8").replace("naam: Proefdorp", "naam: Haarlem")
        text = text.replace('"9999"', '"0392"').replace("2020/000123", kenmerk)
        case_file.write_text(text, encoding="utf-8")
    (root / "vergaderingen").mkdir()
    agenda = "agenda:\n  - zaak: ../derde\n    soort: hamerstuk\n\naanwezig:"
    text = MEETING.split("agenda:")[0] + agenda + MEETING.split("aanwezig:")[1]
    (root / "vergaderingen" / "2026-50.yaml").write_text(text, encoding="utf-8")
    clock = root.parent / "today"
    clock.write_text("2026-12-07", encoding="utf-8")
    port = inbox.port
    extra = {
        "BESLUITPAK_TODAY": f"@{clock}",
        "BESLUITPAK_SMTP_HOST": "127.0.0.1",
        "BESLUITPAK_SMTP_PORT": str(port),
        "BESLUITPAK_SMTP_TLS": "none",
        "BESLUITPAK_SCHEDULE_EVERY": "0.5",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in extra.items():
            patch.setenv(name, value)
        with serve(root, roles=()) as running:
            env = {**running.env, "DJANGO_SETTINGS_MODULE": "besluitpak.web.settings",
                   "BESLUITPAK_WORKSPACE": str(root)}  # fmt: skip
            subprocess.run(
                [sys.executable, "-c", MAKE_PEOPLE, json.dumps(PEOPLE), PASSWORD],
                env=env, check=True, timeout=60,
            )  # fmt: skip
            yield running


def _person(browser: Browser, live: Live, tmp: Path, username: str) -> Session:
    session = Session(browser.new_context(locale="nl-NL"), live, tmp)
    session.login(username)
    return session


def _shot(session: Session, name: str, tmp: Path) -> None:
    folder = Path(os.environ.get("BESLUITPAK_SHOTS") or tmp)
    session.page.screenshot(path=str(folder / f"route-web-{name}.png"), full_page=True)


def test_a_proposal_walks_its_route_to_besloten_and_another_is_sent_back(
    browser: Browser, live: Live, inbox: Inbox, tmp_path: Path
) -> None:
    people = {u: _person(browser, live, tmp_path, u) for u, *_ in PEOPLE}
    steller = people["steller"]
    page = steller.go("/zaken/proef/route/")
    page.get_by_role("button", name="Indienen").click()
    expect(page.locator(".bp-route-status")).to_contain_text("in advies")
    assert steller.axe() == []
    inbox.wait_for("jurist@gemeente.test", "Taak: uw advies voor proef")
    inbox.wait_for("controller@gemeente.test", "Taak: uw advies voor proef")

    jurist = people["jurist"]
    page = jurist.go("/taken/")
    page.get_by_role("link", name="proef").click()
    page.get_by_label("Oordeel").select_option("akkoord")
    page.get_by_label("Opmerking").fill("Juridisch akkoord")
    page.get_by_role("button", name="Advies geven").click()
    expect(page.get_by_role("table", name="Wie deed wat, nieuwste eerst")).to_contain_text(
        "Juridisch akkoord"
    )

    # financiën stays silent: a week later the worker mails that its termijn passed
    (live.workspace.parent / "today").write_text("2026-12-15", encoding="utf-8")
    inbox.wait_for("controller@gemeente.test", "Termijn verlopen: proef")

    page = people["teammanager"].go("/zaken/proef/route/")
    expect(page.locator(".bp-route-status")).to_contain_text("ter parafering")
    page.get_by_role("button", name="Paraferen").click()
    inbox.wait_for("hoofd@gemeente.test", "Taak: uw paraaf voor proef")

    hoofd = people["hoofd"]
    page = hoofd.go("/taken/")
    page.get_by_label("Vervanger", exact=True).select_option(label="T. Manager")
    page.get_by_label("Van", exact=True).fill("2026-12-15")
    page.get_by_label("Tot en met").fill("2026-12-31")
    page.get_by_role("button", name="Aanwijzen").click()
    expect(page.locator("body")).to_contain_text("T. Manager vervangt u als afdelingshoofd")

    manager = people["teammanager"]
    page = manager.go("/taken/")
    expect(page.get_by_role("table")).to_contain_text("afdelingshoofd (namens)")
    assert manager.axe() == []
    _shot(manager, "taken", tmp_path)
    page.get_by_role("link", name="proef").click()
    page.get_by_role("button", name="Paraferen namens afdelingshoofd").click()
    expect(page.locator(".bp-route-status")).to_contain_text("geparafeerd")
    expect(page.locator(".bp-route-steps")).to_contain_text("namens afdelingshoofd")
    assert manager.axe() == []
    _shot(manager, "route", tmp_path)

    # the second proposal: sent back with a reason
    page = steller.go("/zaken/gebied/route/")
    page.get_by_role("button", name="Indienen").click()
    page = jurist.go("/zaken/gebied/route/")
    page.get_by_label("Reden van terugsturen").fill("De financiële paragraaf ontbreekt")
    page.get_by_role("button", name="Terugsturen").click()
    expect(page.locator("body")).to_contain_text("De financiële paragraaf ontbreekt")
    inbox.wait_for("steller@gemeente.test", "Teruggestuurd: gebied")

    secretaris = people["secretaris"]
    page = secretaris.go("/vergaderingen/2026-50/")
    gebied = page.locator(".bp-route-candidates > li", has_text="gebied")
    expect(gebied).to_contain_text("concept")
    gebied.get_by_role("button").click()
    expect(page.locator("body")).to_contain_text("nog niet agendeerbaar")
    proef = page.locator(".bp-route-candidates > li", has_text="proef")
    expect(proef).to_contain_text("agendeerbaar")
    proef.get_by_role("button", name="Op de agenda").click()
    expect(page.locator("body")).to_contain_text("proef staat op de agenda")
    assert secretaris.axe() == []
    _shot(secretaris, "agenderen", tmp_path)
    page.locator("#id_punt-2-uitkomst").select_option("conform")
    page.get_by_role("button", name="Uitkomst van agendapunt 2 opslaan").click()
    page = secretaris.go("/zaken/proef/route/")
    expect(page.locator(".bp-route-status")).to_have_text(
        "Status: besloten (conform) · route ‘wijken’"
    )
    page = secretaris.go("/zaken/gebied/route/")
    expect(page.locator(".bp-route-status")).to_contain_text("concept")
    for session in people.values():
        assert session.refused == []
        session.context.close()


def test_a_beheerder_made_on_the_command_line_keeps_functions_in_the_admin_under_the_csp(
    browser: Browser, live: Live, tmp_path: Path
) -> None:
    """``users add --beheerder`` is all an administrator needs for ``/beheer/``; the admin's
    pages (a list, an add form with its date widgets) work under the page's strict CSP."""
    made = besluitpak("users", "add", "bea", "--rol", "secretariaat", "--beheerder",
                      "--naam", "Bea Beheer", "--workspace", str(live.workspace),
                      "--password-stdin", env=live.env, stdin=PASSWORD + "\n")  # fmt: skip
    assert made.strip() == "added bea (secretariaat, beheerder)"
    bea = _person(browser, live, tmp_path, "bea")
    page = bea.go("/beheer/besluitpak_web/functie/")
    expect(page.locator("#result_list")).to_contain_text("teammanager Wijken")
    page = bea.go("/beheer/besluitpak_web/functie/add/")
    page.locator("#id_user").select_option(label="bea")
    page.locator("#id_functie").fill("concerncontroller")  # no route template names it
    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist")).to_contain_text("‘concerncontroller’ staat daar niet in")
    page.locator("#id_functie").fill("Juridisch")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("bea — juridisch")
    page = bea.go("/beheer/besluitpak_web/vervanging/add/")
    expect(page.locator("#id_van")).to_be_visible()
    page.locator("#id_van").fill("2026-12-07")
    assert bea.refused == []
    bea.context.close()


SKIP_LINK_STATE = """a => ({focused: a.matches(':focus'), width: a.getBoundingClientRect().width,
    onTop: document.elementFromPoint(20, 20) === a})"""


def test_the_skip_link_stays_out_of_sight_after_a_post_to_an_anchor_until_tab_reaches_it(
    browser: Browser, live: Live, tmp_path: Path
) -> None:
    """A post redirected to ``#route`` leaves the page scrolled down, here more than two
    window heights (a window 100 px high; a long page at any height): the skip link, parked
    by Utrecht at top -200% with position fixed and not focused, was drawn over the header
    in a full-page screenshot. Now it draws nothing until the keyboard reaches it."""
    steller = _person(browser, live, tmp_path, "steller")
    page = steller.page
    page.set_viewport_size({"width": 1280, "height": 100})
    steller.go("/zaken/gebied/route/")
    page.get_by_role("button", name="Indienen").click()
    page.wait_for_url("**/zaken/gebied/route/#route")
    expect(page.locator(".bp-route-status")).to_contain_text("in advies")
    assert page.evaluate("window.scrollY") > 200
    skip = page.get_by_role("link", name="Naar de inhoud")
    hidden = skip.evaluate(SKIP_LINK_STATE)
    assert not hidden["focused"] and not hidden["onTop"] and hidden["width"] <= 1
    shot = page.screenshot(path=str(tmp_path / "na-indienen.png"), full_page=True)
    skip.evaluate("a => a.remove()")  # out of the flow: nothing else moves
    assert page.screenshot(full_page=True) == shot  # the skip link drew nothing
    page.set_viewport_size({"width": 1280, "height": 720})
    steller.go("/zaken/gebied/route/")
    page.keyboard.press("Tab")  # the keyboard reaches it first: shown, on top
    shown, box = skip.evaluate(SKIP_LINK_STATE), skip.bounding_box()
    assert shown["focused"] and shown["onTop"]
    assert box is not None and box["y"] >= 0 and box["height"] >= 44
    page.screenshot(path=str(tmp_path / "tab.png"))
    assert steller.axe() == []
    page.keyboard.press("Enter")
    expect(page.locator("#inhoud")).to_be_focused()
    assert skip.evaluate(SKIP_LINK_STATE)["width"] <= 1  # gone again
    assert steller.refused == []
    steller.context.close()
