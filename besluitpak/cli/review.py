"""``besluitpak suggest``: the suggested redactions of a case's public edition."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

import besluitpak
from besluitpak.cli.base import (
    CASE_ARG,
    CONVERTER_OPTION,
    NO_CACHE_OPTION,
    TODAY_OPTION,
    handle_errors,
    main,
    settings_from,
)


@main.command()
@CASE_ARG
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
@click.option(
    "--vergadering",
    "vergaderingen",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    multiple=True,
    help="A vergadering file whose aanwezig/afwezig are public by function (repeatable; "
    "default: the vergadering.yaml files near the case that have it on their agenda).",
)
@TODAY_OPTION
@NO_CACHE_OPTION
@CONVERTER_OPTION
@handle_errors
def suggest(
    case: Path,
    as_json: bool,
    vergaderingen: tuple[Path, ...],
    today: dt.date | None,
    no_cache: bool,
) -> None:
    """List the suggested redactions of the public edition: person names, addresses, phone
    numbers, e-mail addresses, IBANs and BSNs in every text of it (pages, bookmarks,
    metadata…), except names public by function and openbaar.toegestaan passages. Each
    line: document p.N: 'words' (kind, ground) [fingerprint]."""
    loaded = besluitpak.load_case(case)
    found = besluitpak.suggest(
        loaded,
        settings=settings_from(today=today, use_cache=not no_cache),
        vergaderingen=list(vergaderingen) or None,
    )
    if as_json:
        click.echo(found.as_json())
        return
    for item in found:
        click.echo(item.line())
    count = len(found)
    click.echo(
        f"{found.kenmerk}: {count} suggestion{'s' if count != 1 else ''} "
        f"in {found.pages} page{'s' if found.pages != 1 else ''}",
        err=True,
    )
