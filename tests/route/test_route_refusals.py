"""What an adversary found in the paraafroute (issue 30, follow-up): a paraaf given on a page
opened before the package changed, routes.yaml ignored in a workspace the page never opened,
a sending back by someone the route does not ask, and an archive of a cut-off record. Fast
tier: no LibreOffice (the archive refuses before it builds)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from besluitpak.editing import route
from besluitpak.route import record
from tests.helpers import MINIMAL, ROOT, cli, edit

MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def advised(case: Path) -> str:
    """Submitted, both advices given: ter parafering; the package fingerprint now."""
    route.indienen(case, door="P. Tester", now=MONDAY)
    for functie in ("juridisch", "financiën"):
        route.advies(case, door="X. Adviseur", als=functie, oordeel="akkoord", now=MONDAY)
    status = route.route_status(case, today=MONDAY.date())
    assert status.status == "ter parafering" and status.package is not None
    return status.package.fingerprint


def test_a_paraaf_on_a_package_changed_since_the_page_was_opened_is_refused(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    seen = advised(case)
    lines = (case / "besluitpak.route.jsonl").read_bytes()
    edit(case / "besluitpak.yaml", "Proef met besluitpak", "Proef met besluitpak, herzien")
    with pytest.raises(route.RouteRefused, match="expected the package you saw") as refused:
        route.paraaf(case, door="T. Manager", als="teammanager Wijken", pakket=seen, now=MONDAY)
    assert refused.value.code == "route-package-changed"
    assert refused.value.params["wat"] == "paraaf"
    shown = cli("route", "paraaf", case, "--als", "teammanager Wijken", "--door", "T. Manager",
                "--pakket", seen[:12])  # fmt: skip
    assert shown.exit_code == 1 and "Traceback" not in shown.output
    assert "error: pakket: expected the package you saw" in shown.stderr
    assert "nothing was recorded" in shown.stderr
    assert (case / "besluitpak.route.jsonl").read_bytes() == lines  # nothing recorded
    now = route.route_status(case, today=MONDAY.date())
    assert now.package is not None and now.package.fingerprint != seen
    status = cli("route", "status", case).stdout
    assert f"pakket: {now.package.fingerprint[:16]}" in status
    given = cli("route", "paraaf", case, "--als", "teammanager Wijken", "--door", "T. Manager",
                "--pakket", now.package.fingerprint[:16])  # fmt: skip
    assert given.exit_code == 0, given.output
    assert record.read(case / "besluitpak.route.jsonl")[-1].pakket == now.package.fingerprint


def test_an_advice_on_a_changed_package_is_refused_too(workspace: Path) -> None:
    case = workspace / "proef"
    route.indienen(case, door="P. Tester", now=MONDAY)
    seen = route.route_status(case).package
    assert seen is not None
    edit(case / "besluitpak.yaml", "Proef met besluitpak", "Proef, herzien")
    with pytest.raises(route.RouteRefused, match="nothing was recorded"):
        route.advies(case, door="J. Jurist", als="juridisch", oordeel="akkoord",
                     pakket=seen.fingerprint, now=MONDAY)  # fmt: skip
    assert len(record.read(case / "besluitpak.route.jsonl")) == 1


def test_route_status_reads_routes_yaml_in_a_workspace_the_page_never_opened(
    tmp_path: Path,
) -> None:
    root = tmp_path / "werkruimte"  # no .besluitpak/: `besluitpak serve` never ran here
    root.mkdir()
    shutil.copy(ROOT / "routes.yaml", root / "routes.yaml")
    shutil.copytree(MINIMAL, root / "proef")
    status = route.route_status(root / "proef")
    assert status.template == "wijken"
    assert status.steps[0].naam == "Advies juridisch en financiën"
    shown = cli("route", "status", root / "proef")
    assert shown.exit_code == 0 and "(route wijken)" in shown.stdout


def test_terugsturen_on_the_cli_is_refused_for_someone_the_route_does_not_ask(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    route.indienen(case, door="P. Tester", now=MONDAY)
    before = (case / "besluitpak.route.jsonl").read_bytes()
    for als in ([], ["--als", "teammanager Wijken"]):
        refused = cli("route", "terugsturen", case, "--reden", "Nee.", "--door", "T. Manager",
                      "--nu", "2026-03-02T10:00", *als)  # fmt: skip
        assert refused.exit_code == 1 and "Traceback" not in refused.output
        assert "expected one of the functions the case waits for (juridisch, financiën)" in (
            refused.stderr
        )
    assert (case / "besluitpak.route.jsonl").read_bytes() == before
    with pytest.raises(route.RouteRefused) as library:  # the page's check: the same one
        route.terugsturen(
            case, door="T. Manager", reden="Nee.", functies=["afdelingshoofd"], now=MONDAY
        )
    assert library.value.code == "route-not-returning"
    back = cli("route", "terugsturen", case, "--reden", "Te vroeg.", "--door", "J. Jurist",
               "--als", "juridisch", "--nu", "2026-03-02T10:00")  # fmt: skip
    assert back.exit_code == 0, back.output


def test_terugsturen_of_a_geparafeerd_case_is_for_the_secretariaat(workspace: Path) -> None:
    case = workspace / "proef"
    advised(case)
    for functie, door in (("teammanager Wijken", "T. Manager"), ("afdelingshoofd", "A. Hoofd")):
        route.paraaf(case, door=door, als=functie, now=MONDAY)
    refused = cli("route", "terugsturen", case, "--reden", "Nee.", "--als", "afdelingshoofd")
    assert refused.exit_code == 1 and "the secretariaat" in refused.stderr
    back = cli("route", "terugsturen", case, "--reden", "Eerst de raad.", "--als", "secretariaat")
    assert back.exit_code == 0 and "status: concept" in back.stdout


def test_archive_refuses_a_route_record_whose_last_line_was_cut_off(
    workspace: Path, tmp_path: Path
) -> None:
    case, archief = workspace / "proef", tmp_path / "archief"
    advised(case)
    path = case / "besluitpak.route.jsonl"
    path.write_bytes(path.read_bytes()[:-40])  # the last line cut off halfway
    refused = cli("archive", case, "--archief", archief, "--today", "2026-03-20")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert f"{path}:3: expected one JSON object" in refused.stderr
    assert not list(archief.rglob("v*"))  # nothing archived


def test_terugsturen_of_a_package_changed_since_it_was_seen_is_refused_nothing_recorded(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    route.indienen(case, door="P. Tester", now=MONDAY)
    seen = route.route_status(case).package
    assert seen is not None
    lines = (case / "besluitpak.route.jsonl").read_bytes()
    edit(case / "besluitpak.yaml", "Proef met besluitpak", "Proef, herzien")
    with pytest.raises(route.RouteRefused, match="before you send it back") as refused:
        route.terugsturen(case, door="J. Jurist", als="juridisch", reden="Nee.",
                          pakket=seen.fingerprint, now=MONDAY)  # fmt: skip
    assert refused.value.code == "route-package-changed-return"
    shown = cli("route", "terugsturen", case, "--reden", "Nee.", "--door", "J. Jurist",
                "--als", "juridisch", "--pakket", seen.fingerprint[:12],
                "--nu", "2026-03-02T10:00")  # fmt: skip
    assert shown.exit_code == 1 and "Traceback" not in shown.output
    assert shown.stderr.startswith("error: pakket: expected the package you saw")
    assert "before you send it back; nothing was recorded" in shown.stderr
    assert (case / "besluitpak.route.jsonl").read_bytes() == lines  # nothing recorded
    now = route.route_status(case)
    assert now.package is not None
    back = cli("route", "terugsturen", case, "--reden", "Nee.", "--door", "J. Jurist",
               "--als", "juridisch", "--pakket", now.package.fingerprint[:8],
               "--nu", "2026-03-02T10:00")  # fmt: skip
    assert back.exit_code == 0, back.output
    assert record.read(case / "besluitpak.route.jsonl")[-1].pakket == now.package.fingerprint
    assert route.route_status(case, today=MONDAY.date()).status == "concept"
