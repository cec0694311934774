"""``besluitpak archive``, ``verify``, ``history``, ``diff``, ``inspect``, ``cache`` and
``schema``: the archive and what an archivist asks of a PDF."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

import besluitpak
from besluitpak.cli import signing
from besluitpak.cli.base import (
    ARCHIEF_OPTION,
    CASE_ARG,
    CONVERTER_OPTION,
    JOBS_OPTION,
    TODAY_OPTION,
    Progress,
    handle_errors,
    main,
    say,
    settings_from,
)
from besluitpak.errors import BesluitpakError

if TYPE_CHECKING:
    from besluitpak import Verification


@main.command(name="archive")
@CASE_ARG
@ARCHIEF_OPTION
@TODAY_OPTION
@JOBS_OPTION
@CONVERTER_OPTION
@click.option(
    "--door",
    metavar="NAME",
    help="Who archives, as the manifest records it (default: the OS user, user@host).",
)
@handle_errors
def archive_command(
    case: Path, archief: Path, today: dt.date | None, jobs: int | None, door: str | None
) -> None:
    """Store the built editions as the next version (nothing new if nothing changed)."""
    if door is not None and not door.strip():
        raise BesluitpakError("--door: expected a name, got an empty one")
    loaded = besluitpak.load_case(case)
    say(f"archiving {loaded.meta.kenmerk} in {archief}")
    result = besluitpak.archive(
        loaded,
        archief=archief,
        settings=settings_from(today=today, jobs=jobs),
        on_event=Progress(),
        door=" ".join(door.split()) if door else None,
    )
    if result.new:
        click.echo(f"  stored as {result.version.name}", err=True)
    else:
        click.echo(f"  no new version: the inputs are those of {result.version.name}", err=True)
    click.echo(str(result.version))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--rebuild",
    is_flag=True,
    help="Also rebuild each version from its snapshot and compare the bytes.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail (exit 1) on conformance findings (PDF/A, PDF/UA) of the archived PDFs.",
)
@handle_errors
def verify(path: Path, rebuild: bool, strict: bool) -> None:
    """Verify a version folder, a whole archief, or one bundle. Integrity (checksums, sizes,
    manifest chain and seal, MDTO) fails with exit 1; conformance findings (inspect's PDF/A
    and PDF/UA checks) are shown apart and fail only with --strict."""
    result = besluitpak.verify(path, rebuild=rebuild)
    _echo_integrity(result)
    _echo_conformance(result)
    if path.is_file() and path.suffix.lower() == ".pdf":
        signing.echo_signatures(path)  # exit 1 when a signature fails
    for seal in result.seals:
        click.echo(f"seal {seal}  (record it outside the archive)")
    if not result.ok:
        click.echo(f"{len(result.problems)} integrity problem(s) found", err=True)
        sys.exit(1)
    if strict and result.findings:
        click.echo(f"{len(result.findings)} conformance finding(s), --strict", err=True)
        sys.exit(1)
    click.echo(
        "verified: no problems"
        if result.conforms
        else f"verified: intact, with {len(result.findings)} conformance finding(s)"
    )


def _echo_integrity(result: Verification) -> None:
    click.echo("integrity:")
    for line in result.checked:
        click.echo(f"ok   {line}")
    for warning in result.warnings:
        click.secho(f"WARN {warning}", fg="yellow")
    for problem in result.problems:
        click.secho(f"FAIL {problem}", fg="red")


def _echo_conformance(result: Verification) -> None:
    click.echo("conformance (PDF/A, PDF/UA; fails verify only with --strict):")
    for line in result.inspected:
        click.echo(f"ran  {line}")
    for finding in result.findings:
        click.secho(f"FIND {finding}", fg="yellow")


@main.command()
@click.argument("kenmerk")
@ARCHIEF_OPTION
@handle_errors
def history(kenmerk: str, archief: Path) -> None:
    """List the archived versions of a kenmerk, with what changed in each."""
    for line in besluitpak.history(archief, kenmerk):
        click.echo(line)


@main.command()
@click.argument("kenmerk")
@click.argument("first")
@click.argument("second")
@ARCHIEF_OPTION
@handle_errors
def diff(kenmerk: str, first: str, second: str, archief: Path) -> None:
    """Show per document what changed between two versions (v001 v002)."""
    for line in besluitpak.diff(archief, kenmerk, first, second):
        click.echo(line)


@main.command(name="inspect")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def inspect_command(pdfs: tuple[Path, ...], as_json: bool) -> None:
    """Report what a PDF claims (PDF/A, PDF/UA…) and check each claim; exit 1 on a failure
    or on a file that cannot be read as a PDF (each such file: one line on stderr)."""
    reports, unreadable = [], []
    for pdf in pdfs:
        try:
            reports.append(besluitpak.inspect(pdf))
        except BesluitpakError as e:
            unreadable.append(str(e))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    elif reports:
        click.echo("\n\n".join(besluitpak.inspect_text(r) for r in reports))
    for message in unreadable:
        click.secho(f"error: {message}", fg="red", err=True)
    if unreadable or not all(r.ok for r in reports):
        sys.exit(1)


@main.group(name="cache")
def cache_group() -> None:
    """The cache of converted documents (in $BESLUITPAK_CACHE or ~/.cache/besluitpak)."""


@cache_group.command(name="clear")
@handle_errors
def cache_clear() -> None:
    """Remove every cached document, and what was remembered of templates and data."""
    removed = besluitpak.clear_cache()
    click.echo(
        f"removed {removed.documents} cached document(s), {removed.size / 2**20:.1f} MiB, "
        f"from {removed.folder}, and {removed.memos} remembered template variable list(s) "
        f"and data check(s)"
    )


@cache_group.command(name="info")
def cache_info() -> None:
    """Where the cache is and how large."""
    held = besluitpak.cache_info()
    click.echo(f"{held.folder}: {held.documents} cached document(s), {held.size / 2**20:.1f} MiB")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the case file (for editor completion)."""
    click.echo(json.dumps(besluitpak.case_schema(), indent=2, ensure_ascii=False))
