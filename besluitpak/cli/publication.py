"""``besluitpak publish --gepland-op``, ``publish-due``, ``withdraw`` and ``publication-status``:
the states of a publication (concept, gepland, gepubliceerd, ingetrokken)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

import besluitpak
from besluitpak.cli.base import (
    CASE_ARG,
    TODAY_OPTION,
    Progress,
    handle_errors,
    main,
    say,
    settings_from,
)
from besluitpak.errors import BesluitpakError

GEPLAND_OPTION = click.option(
    "--gepland-op",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="Do not publish now: build the publication as it will be on this day (YYYY-MM-DD, "
    "not before the embargo) and publish it then (the web's worker, or publish-due).",
)
STATE_ARCHIEF_OPTION = click.option(
    "--archief",
    type=click.Path(path_type=Path),
    default=None,
    help="Also record the change as the case's next version in this archive "
    "(the case archived once first).",
)
DOOR_OPTION = click.option(
    "--door",
    metavar="NAME",
    default=None,
    help="Who makes the change, as the log records it (default: the OS user, user@host).",
)
OUT_OPTION = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out/openbaar"),
    show_default=True,
    help="The publication folder.",
)


def _door(door: str | None) -> str | None:
    if door is not None and not door.strip():
        raise BesluitpakError("--door: expected a name, got an empty one")
    return " ".join(door.split()) if door else None


def schedule(
    case: besluitpak.Case,
    *,
    out: Path,
    gepland_op: dt.date,
    archief: Path | None,
    door: str | None,
    jobs: int | None,
) -> None:
    """``publish --gepland-op``: build the concept and record it gepland."""
    say(f"building the publication of {case.meta.kenmerk} as of {gepland_op.isoformat()}")
    change = besluitpak.schedule_publication(
        case,
        out=out,
        gepland_op=gepland_op,
        door=_door(door),
        archief=archief,
        settings=settings_from(jobs=jobs),
        on_event=Progress(),
    )
    say(f"  gepland: goes public on {change.gepland_op} (publish-due, or the web's worker)")
    click.echo(str(out))


@main.command(name="publish-due")
@OUT_OPTION
@TODAY_OPTION
@STATE_ARCHIEF_OPTION
@DOOR_OPTION
@handle_errors
def publish_due(out: Path, today: dt.date | None, archief: Path | None, door: str | None) -> None:
    """Publish a gepland publication whose day has come (for a timer; the web's worker does
    this by itself)."""
    day = today or dt.date.today()
    change = besluitpak.release_due(out, today=day, door=_door(door), archief=archief)
    if change is None:
        say(f"{out}: nothing due on {day.isoformat()} ({_state(out)})")
        return
    say(f"{out}: gepubliceerd ({len(change.bestanden)} files)")


@main.command()
@CASE_ARG
@OUT_OPTION
@click.option("--reden", required=True, help="Why the publication is withdrawn (made public).")
@click.option(
    "--categorie",
    type=click.Choice(["privacy", "procedure"]),
    default=None,
    help="DiWoo's kind of reason: correctie privacygevoelige gegevens, correctie procedurele fout.",
)
@TODAY_OPTION
@STATE_ARCHIEF_OPTION
@DOOR_OPTION
@handle_errors
def withdraw(
    case: Path,
    out: Path,
    reden: str,
    categorie: str | None,
    today: dt.date | None,
    archief: Path | None,
    door: str | None,
) -> None:
    """Withdraw a publication: its files leave the folder, a notice stays at their URLs."""
    loaded = besluitpak.load_case(case)
    done = besluitpak.withdraw_publication(
        loaded,
        out=out,
        reden=" ".join(reden.split()),
        today=today or dt.date.today(),
        door=_door(door),
        categorie=categorie,
        archief=archief,
    )
    say(f"{loaded.meta.kenmerk}: ingetrokken, {len(done.removed)} files removed")
    click.echo(str(done.notice))


@main.command(name="publication-status")
@OUT_OPTION
@handle_errors
def publication_status(out: Path) -> None:
    """The publication's state and every change (who, when, why)."""
    click.echo(_state(out))
    for change in besluitpak.publication_history(out):
        extra = f" op {change.gepland_op}" if change.gepland_op else ""
        reden = f": {change.reden}" if change.reden else ""
        click.echo(f"  {change.tijd} {change.staat}{extra} door {change.door}{reden}")


def _state(out: Path) -> str:
    return besluitpak.publication_state(out) or "niet gepubliceerd"
