"""``besluitpak vergadering``: the collegevergadering on the command line. Parse, call the
meeting's API, print, exit; the same error handling as every command (see base.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from besluitpak.cli.base import (
    CONVERTER_OPTION,
    JOBS_OPTION,
    NO_CACHE_OPTION,
    STRICT_OPTION,
    TODAY_OPTION,
    Progress,
    handle_errors,
    main,
    say,
    settings_from,
)
from besluitpak.errors import BesluitpakError

FILE_ARG = click.argument(
    "file", type=click.Path(path_type=Path), default=Path("."), required=False
)

OUT_OPTION = click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the PDFs (default: out/ beside the vergadering file).",
)


def _out(out: Path | None, file: Path) -> Path:
    import besluitpak

    return out if out is not None else besluitpak.find_vergadering(file).resolve().parent / "out"


@main.group(name="vergadering")
def vergadering() -> None:
    """The collegevergadering: agenda, vergadermap, besluitenlijst and archive.

    FILE is a vergadering file (YAML) or a folder holding vergadering.yaml; default: this
    folder.
    """


@vergadering.command(name="check")
@FILE_ARG
@handle_errors
def check_command(file: Path) -> None:
    """Validate the vergadering file and every case on its agenda."""
    import besluitpak

    loaded = besluitpak.load_vergadering(file)
    for item in loaded.items:
        uitkomst = item.uitkomst.value if item.uitkomst else "-"
        click.echo(
            f"{item.nummer:>3}. {item.case.meta.kenmerk:<16} {item.soort.value:<13} "
            f"{uitkomst:<15} {item.case.meta.onderwerp}"
        )
    click.echo(f"{loaded.path.name}: OK — {len(loaded.items)} agendapunten", err=True)


@vergadering.command(name="agenda")
@FILE_ARG
@OUT_OPTION
@JOBS_OPTION
@CONVERTER_OPTION
@NO_CACHE_OPTION
@STRICT_OPTION
@handle_errors
def agenda_command(
    file: Path, out: Path | None, jobs: int | None, no_cache: bool, strict: bool
) -> None:
    """Build every package, the agenda and the vergadermap."""
    import besluitpak

    loaded = besluitpak.load_vergadering(file)
    say(f"building the agenda of vergadering {loaded.meta.nummer}: {len(loaded.items)} items")
    result = besluitpak.build_agenda(
        loaded,
        out=_out(out, file),
        settings=settings_from(jobs=jobs, use_cache=not no_cache, strict=strict),
        on_event=Progress(batch=True),
    )
    for line in result.warnings:
        click.secho(f"warning: {line}", fg="yellow", err=True)
    say(
        f"  done in {result.seconds:.1f} s: {result.built} of {len(loaded.items)} package(s) "
        f"built, vergadermap of {result.pages} pages"
    )
    click.echo(str(result.agenda))
    click.echo(str(result.vergadermap))


@vergadering.command(name="besluitenlijst")
@FILE_ARG
@click.option("--voorlopig", "status", flag_value="voorlopig", help="The provisional list.")
@click.option("--definitief", "status", flag_value="definitief", help="The definitive list.")
@TODAY_OPTION
@OUT_OPTION
@JOBS_OPTION
@CONVERTER_OPTION
@NO_CACHE_OPTION
@STRICT_OPTION
@handle_errors
def besluitenlijst_command(
    file: Path,
    status: str | None,
    today: dt.date | None,
    out: Path | None,
    jobs: int | None,
    no_cache: bool,
    strict: bool,
) -> None:
    """The besluitenlijst (.docx, PDF and its DiWoo record); items under embargo on the day
    show only their number."""
    import besluitpak

    if status is None:
        raise BesluitpakError("expected --voorlopig or --definitief, got neither")
    loaded = besluitpak.load_vergadering(file)
    result = besluitpak.write_besluitenlijst(
        loaded,
        out=_out(out, file),
        status=besluitpak.LijstStatus(status),
        today=today or dt.date.today(),
        settings=settings_from(jobs=jobs, use_cache=not no_cache, strict=strict),
        on_event=Progress(),
    )
    for line in result.warnings:
        click.secho(f"warning: {line}", fg="yellow", err=True)
    if result.later:
        shown = ", ".join(str(n) for n in result.later)
        say(f"  under embargo on {result.today.isoformat()}, shown by number only: {shown}")
    click.echo(str(result.pdf))
    click.echo(str(result.docx))
    click.echo(str(result.diwoo))


@vergadering.command(name="archive")
@FILE_ARG
@click.option(
    "--archief",
    type=click.Path(path_type=Path),
    default=Path("archief"),
    show_default=True,
    help="The archive folder (the cases' folders, and vergaderingen/<nummer>/).",
)
@TODAY_OPTION
@OUT_OPTION
@JOBS_OPTION
@CONVERTER_OPTION
@click.option(
    "--door",
    metavar="NAME",
    help="Who archives, as every manifest written records it (default: the OS user, user@host).",
)
@handle_errors
def archive_command(
    file: Path,
    archief: Path,
    today: dt.date | None,
    out: Path | None,
    jobs: int | None,
    door: str | None,
) -> None:
    """Archive every decided case as decided, and the meeting with its MDTO record."""
    if door is not None and not door.strip():
        raise BesluitpakError("--door: expected a name, got an empty one")
    import besluitpak

    loaded = besluitpak.load_vergadering(file)
    say(f"archiving vergadering {loaded.meta.nummer} in {archief}")
    result = besluitpak.archive_vergadering(
        loaded,
        archief=archief,
        out=_out(out, file),
        settings=settings_from(today=today, jobs=jobs),
        on_event=Progress(batch=True),
        door=" ".join(door.split()) if door else None,
    )
    for nummer, version in result.cases:
        say(f"  agendapunt {nummer}: {version}")
    say(f"  {'stored as' if result.new else 'no new version: identical to'} {result.version.name}")
    click.echo(str(result.version))


@vergadering.command(name="schema")
def schema_command() -> None:
    """Print the JSON Schema of the vergadering file (for editors)."""
    import besluitpak

    click.echo(json.dumps(besluitpak.vergadering_schema(), indent=2, ensure_ascii=False))
