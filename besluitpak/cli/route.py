"""``besluitpak route …``: a case's paraafroute from the terminal, through the public API
(the page calls the same functions). Who acts is ``--door`` or $USER; the functions a person
claims (``--als``, ``--namens``) are recorded as given. An action the status does not allow:
a one-line refusal, exit status 1, nothing written."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from besluitpak.cli.base import handle_errors, main

if TYPE_CHECKING:
    from besluitpak import RouteStatus

CASE = click.argument("case", type=click.Path(path_type=Path), default=Path("."))
DOOR = click.option("--door", default="", help="Who acts (default: $USER).")
NOW = click.option(
    "--nu",
    "now",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
    default=None,
    help="The moment of the action, UTC (default: now); for a script that replays a route.",
)
PAKKET = click.option(
    "--pakket",
    default=None,
    metavar="FINGERPRINT",
    help="The package you looked at ('route status' shows its fingerprint; 8 or more "
    "characters): refused, nothing recorded, when the package has changed since.",
)
VERGADERING = click.option(
    "--vergadering",
    "vergaderingen",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="A vergadering file to read outcomes from, besides the workspace's vergaderingen/.",
)


def _folder(case: Path) -> Path:
    return (case.parent if case.is_file() else case).resolve()


def _door(door: str) -> str:
    return door or os.environ.get("USER") or getpass.getuser()


def _print(status: RouteStatus) -> None:
    click.echo(f"status: {status.label}  (route {status.template})")
    if status.package is not None:
        click.echo(f"pakket: {status.package.fingerprint[:16]}")
    if status.teruggestuurd is not None:
        click.echo(
            f"  teruggestuurd door {status.teruggestuurd.door}: {status.teruggestuurd.opmerking}"
        )
    for step in status.steps:
        mark = ">" if step.current else ("x" if step.done else " ")
        click.echo(f"[{mark}] {step.naam}")
        for slot in step.slots:
            line = f"      {slot.soort} {slot.wie}: {slot.stand}"
            if slot.termijn is not None:
                line += f" (termijn {slot.termijn.isoformat()}, stilzwijgend {slot.stilzwijgend})"
            action = slot.action
            if action is not None:
                namens = f" namens {action.namens}" if action.namens else ""
                oordeel = f" {action.oordeel}" if action.oordeel else ""
                line += (
                    f" — {action.door} ({action.als}{namens}){oordeel} {action.tijd:%Y-%m-%d %H:%M}"
                )
                if action.opmerking:
                    line += f": {action.opmerking}"
            click.echo(line)
            if slot.gewijzigd:
                click.echo(f"        gewijzigd sinds de paraaf: {', '.join(slot.gewijzigd)}")
    if status.agendering is not None:
        click.echo(
            f"vergadering {status.agendering.nummer}, agendapunt "
            f"{status.agendering.agendapunt}: {status.agendering.uitkomst or 'geagendeerd'}"
        )
    for note in status.notes:
        click.echo(f"note: {note}")


def _done(status: RouteStatus, as_json: bool = False) -> None:
    if as_json:
        click.echo(json.dumps(status.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print(status)


@main.group(name="route")
def route_group() -> None:
    """A case's paraafroute: advices, parafen, sent back, on to the college (routes.yaml
    beside the cases; the record besluitpak.route.jsonl beside the case file)."""


@route_group.command(name="status")
@CASE
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day to judge termijnen on (default: today).",
)
@VERGADERING
@handle_errors
def status_command(
    case: Path, as_json: bool, today: dt.datetime | None, vergaderingen: tuple[Path, ...]
) -> None:
    """Where CASE is on its route: each step, who acted, what waits, what changed."""
    import besluitpak

    day = today.date() if today else None
    _done(besluitpak.route_status(_folder(case), today=day, vergaderingen=vergaderingen), as_json)


def _when(now: dt.datetime | None) -> dt.datetime | None:
    return now.replace(tzinfo=dt.UTC) if now else None


@route_group.command(name="indienen")
@CASE
@DOOR
@click.option("--opmerking", default="", help="A comment.")
@NOW
@handle_errors
def indienen_command(case: Path, door: str, opmerking: str, now: dt.datetime | None) -> None:
    """Submit CASE: its route starts (refused unless it is concept)."""
    import besluitpak

    _done(
        besluitpak.route_indienen(
            _folder(case), door=_door(door), opmerking=opmerking, now=_when(now)
        )
    )


@route_group.command(name="advies")
@CASE
@click.option("--als", required=True, help="The function you advise as, e.g. juridisch.")
@click.option("--namens", default=None, help="The function you advise for, as substitute.")
@click.option("--oordeel", required=True, type=click.Choice(["akkoord", "bezwaar"]))
@click.option("--opmerking", default="", help="Your advice's comment.")
@DOOR
@PAKKET
@NOW
@handle_errors
def advies_command(
    case: Path,
    als: str,
    namens: str | None,
    oordeel: str,
    opmerking: str,
    door: str,
    pakket: str | None,
    now: dt.datetime | None,
) -> None:
    """Give an advice on CASE (refused when its route does not wait for it)."""
    import besluitpak

    _done(
        besluitpak.route_advies(
            _folder(case),
            door=_door(door),
            als=als,
            namens=namens,
            oordeel=oordeel,
            opmerking=opmerking,
            pakket=pakket,
            now=_when(now),
        )
    )


@route_group.command(name="paraaf")
@CASE
@click.option("--als", required=True, help="The function you initial as.")
@click.option("--namens", default=None, help="The function you initial for, as substitute.")
@click.option("--opmerking", default="", help="A comment.")
@DOOR
@PAKKET
@NOW
@handle_errors
def paraaf_command(
    case: Path,
    als: str,
    namens: str | None,
    opmerking: str,
    door: str,
    pakket: str | None,
    now: dt.datetime | None,
) -> None:
    """Initial CASE (refused for its steller and submitter, or when no paraaf waits)."""
    import besluitpak

    _done(
        besluitpak.route_paraaf(
            _folder(case),
            door=_door(door),
            als=als,
            namens=namens,
            opmerking=opmerking,
            pakket=pakket,
            now=_when(now),
        )
    )


@route_group.command(name="terugsturen")
@CASE
@click.option("--reden", required=True, help="Why the proposal goes back to its steller.")
@click.option(
    "--als",
    default=None,
    help="The function you act as: one the current step asks for, or secretariaat once the "
    "case is geparafeerd.",
)
@DOOR
@PAKKET
@NOW
@handle_errors
def terugsturen_command(
    case: Path, reden: str, als: str | None, door: str, pakket: str | None, now: dt.datetime | None
) -> None:
    """Send CASE back to its steller with a reason: concept again (only whoever the route
    asks now may, or the secretariaat once it is geparafeerd; the page checks the same)."""
    import besluitpak

    _done(
        besluitpak.route_terugsturen(
            _folder(case),
            door=_door(door),
            reden=reden,
            als=als,
            secretariaat=(als or "").casefold() == "secretariaat",
            pakket=pakket,
            now=_when(now),
        )
    )


@route_group.command(name="schema")
@handle_errors
def schema_command() -> None:
    """Print the JSON Schema of routes.yaml (for editors: yaml-language-server)."""
    import besluitpak

    click.echo(json.dumps(besluitpak.route_schema(), indent=2, ensure_ascii=False))
