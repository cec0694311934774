"""An administrator from a terminal: ``besluitpak users add --beheerder`` (may use the admin
at ``/beheer/``), ``users functie`` (a person holds a route function), and the admin's pages
as a beheerder, a former beheerder and an ordinary user see them."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from besluitpak.web.routemodels import Functie, Vervanging
from tests.helpers import ROOT
from tests.web.test_web_cli import run
from tests.web.workspaces import make_workspace

PASSWORD = "een-lang-wachtwoord-1"


def test_users_add_makes_a_beheerder_and_users_functie_links_route_functions(
    tmp_path: Path,
) -> None:
    workspace = str(make_workspace(tmp_path / "werkruimte"))
    shutil.copy(ROOT / "routes.yaml", Path(workspace) / "routes.yaml")  # the functions it names
    added = run("users", "add", "bea", "--rol", "secretariaat", "--beheerder", "--naam",
                "Bea  de Beheerder", "--workspace", workspace, "--password-stdin",
                stdin=f"{PASSWORD}\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added bea (secretariaat, beheerder)"
    run("users", "add", "tom", "--rol", "beleidsadviseur", "--workspace", workspace,
        "--password-stdin", stdin=f"{PASSWORD}\n")  # fmt: skip
    linked = run("users", "functie", "tom", "teammanager  Wijken", "--workspace", workspace)
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout.strip() == "tom: teammanager Wijken added"
    again = run("users", "functie", "tom", "teammanager Wijken", "--workspace", workspace)
    assert again.stdout.strip() == "tom: teammanager Wijken already linked"
    run("users", "functie", "tom", "afdelingshoofd", "--workspace", workspace)
    listed = run("users", "list", "--workspace", workspace).stdout.splitlines()
    assert listed == [
        "bea  secretariaat  never  beheerder",
        "tom  beleidsadviseur  never  functies: afdelingshoofd, teammanager Wijken",
    ]
    unlinked = run("users", "functie", "tom", "afdelingshoofd", "--weg", "--workspace", workspace)
    assert unlinked.stdout.strip() == "tom: afdelingshoofd removed"
    nobody = run("users", "functie", "niemand", "afdelingshoofd", "--workspace", workspace)
    assert nobody.returncode == 1 and "Traceback" not in nobody.stderr
    assert nobody.stderr.startswith("error: NAME: expected an existing user, got 'niemand'")
    kept = run("users", "add", "bea", "--rol", "secretariaat", "--workspace", workspace,
               "--password-stdin", stdin="nog-een-lang-wachtwoord\n")  # fmt: skip
    assert kept.stdout.strip() == "updated bea (secretariaat, beheerder)"  # no flag: unchanged


class _Inline(HTMLParser):
    """What a strict CSP (script-src 'self' + nonce, style-src 'self') would block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        inline = not {"src", "nonce"} & names.keys() and names.get("type") != "application/json"
        if tag == "script" and inline:
            self.blocked.append(f"inline <script> {names}")
        self.blocked += [f"<{tag} {k}=…>" for k in names if k == "style" or k.startswith("on")]


def _admin(user: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=user))
    return client


def test_a_beheerder_sees_the_functie_admin_and_others_do_not(workspace: Path, db: None) -> None:
    call_command("users", "add", "bea", "--rol", "secretariaat", "--beheerder", password=PASSWORD)
    call_command("users", "add", "tom", "--rol", "beleidsadviseur", password=PASSWORD)
    shutil.copy(ROOT / "routes.yaml", workspace / "routes.yaml")  # the functions it names
    call_command("users", "functie", "tom", "teammanager Wijken")
    beheerder = _admin("bea")
    index = beheerder.get("/beheer/")
    assert index.status_code == 200
    models = set(re.findall(r'href="/beheer/besluitpak_web/(\w+)/"', index.content.decode()))
    assert models == {"functie", "melding", "vervanging"}
    assert "/beheer/auth/" not in index.content.decode()  # users stay on the command line
    checker = _Inline()
    checker.feed('<script>x</script><p style="a" onclick="b"><script src="/s.js"></script>')
    assert len(checker.blocked) == 3  # the check itself sees what the CSP would block
    for path in ("functie/", "functie/add/", "vervanging/add/", "melding/"):
        page = beheerder.get(f"/beheer/besluitpak_web/{path}")
        assert page.status_code == 200, path
        policy = page["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        inline = _Inline()
        inline.feed(page.content.decode())
        assert inline.blocked == [], path
    listing = beheerder.get("/beheer/besluitpak_web/functie/").content.decode()
    assert "teammanager Wijken" in listing
    added = beheerder.post(
        "/beheer/besluitpak_web/functie/add/",
        {"user": User.objects.get(username="bea").pk, "functie": "afdelingshoofd"},
    )
    assert added.status_code == 302
    assert Functie.objects.filter(user__username="bea", functie="afdelingshoofd").exists()
    assert _admin("tom").get("/beheer/besluitpak_web/functie/").status_code == 302  # to login
    call_command("users", "add", "bea", "--rol", "secretariaat", "--geen-beheerder",
                 password=PASSWORD)  # fmt: skip
    assert _admin("bea").get("/beheer/besluitpak_web/functie/").status_code == 302
    assert not User.objects.get(username="bea").user_permissions.exists()


def _errors(page: str) -> list[str]:
    return [
        html.unescape(e)
        for e in re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', page)
    ]


def test_the_admin_functie_form_refuses_a_function_no_route_template_names_in_dutch(
    workspace: Path, db: None
) -> None:
    call_command("users", "add", "bea", "--rol", "secretariaat", "--beheerder", password=PASSWORD)
    bea = User.objects.get(username="bea")
    beheerder = _admin("bea")
    add = "/beheer/besluitpak_web/functie/add/"
    builtin = beheerder.post(add, {"user": bea.pk, "functie": "teammanager Wijken"})
    assert builtin.status_code == 200  # the form again, nothing saved
    assert _errors(builtin.content.decode()) == [
        "Kies een functie van de ingebouwde route (teammanager, afdelingshoofd); er is geen "
        "routes.yaml en ‘teammanager Wijken’ staat daar niet in."
    ]
    shutil.copy(ROOT / "routes.yaml", workspace / "routes.yaml")
    typo = beheerder.post(add, {"user": bea.pk, "functie": "concerncontroller"})
    assert _errors(typo.content.decode()) == [
        "Kies een functie die routes.yaml noemt (juridisch, financiën, teammanager Wijken, "
        "afdelingshoofd); ‘concerncontroller’ staat daar niet in."
    ]
    assert not Functie.objects.exists()
    substitute = beheerder.post(
        "/beheer/besluitpak_web/vervanging/add/",
        {"vervanger": bea.pk, "functie": "jurdisch", "van": "2026-12-07", "tot": "2026-12-11"},
    )
    assert "‘jurdisch’ staat daar niet in" in _errors(substitute.content.decode())[0]
    assert not Vervanging.objects.exists()
    linked = beheerder.post(add, {"user": bea.pk, "functie": "Teammanager  wijken"})
    assert linked.status_code == 302  # saved as routes.yaml spells it, as the CLI links it
    assert list(Functie.objects.values_list("functie", flat=True)) == ["teammanager Wijken"]
