"""``besluitpak check``, ``render``, ``build`` and ``publish``: a case made into its
documents, bundles and publication folder (``watch``: :mod:`.watch`)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import besluitpak
from besluitpak.cli.base import (
    CASE_ARG,
    CONVERTER_OPTION,
    JOBS_OPTION,
    NO_CACHE_OPTION,
    STRICT_OPTION,
    TODAY_OPTION,
    Progress,
    converter_option,
    handle_errors,
    main,
    say,
    settings_from,
    up_to_date_message,
)
from besluitpak.cli.publication import DOOR_OPTION, GEPLAND_OPTION, STATE_ARCHIEF_OPTION, schedule
from besluitpak.errors import BesluitpakError

if TYPE_CHECKING:
    from besluitpak import BuildResult


@main.command()
@CASE_ARG
@handle_errors
def check(case: Path) -> None:
    """Validate the case and its data files, and check every template's variables and every
    ready-made Word or ODF file's tracked changes."""
    loaded = besluitpak.load_case(case)
    problems = besluitpak.check(loaded)
    if problems:
        click.secho(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:",
            fg="red",
            err=True,
        )
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    generated = sum(1 for d in loaded.bijlagen if d.generated)
    click.echo(
        f"{loaded.path.name}: OK — collegevoorstel and {len(loaded.bijlagen)} bijlagen "
        f"({generated} generated, {len(loaded.bijlagen) - generated} ready-made)"
    )


@main.command()
@CASE_ARG
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out/docx"),
    show_default=True,
    help="Folder for the .docx files.",
)
@click.option(
    "--openbaar",
    "public",
    is_flag=True,
    help="The Word documents as the public edition has them (on --today): without the "
    "steller's data, redacted passages as boxes, ready-made Word documents prepared as the "
    "build prepares them. Not written, and said why: withheld bijlagen (a placeholder page "
    "in the bundle), ready-made PDFs and documents with withheld pages (lakken), whose "
    "public copy is a PDF (build --only ID --edition openbaar).",
)
@TODAY_OPTION
@handle_errors
def render(case: Path, out: Path, public: bool, today: dt.date | None) -> None:
    """Render every generated document to .docx (ready-made ones are prepared or copied):
    what the converter is given."""
    loaded = besluitpak.load_case(case)
    written, not_written = besluitpak.render_documents(loaded, out=out, public=public, today=today)
    for item in written:
        click.echo(f"{item.document.short_label:<12} {item.path}")
    for skipped in not_written:
        click.echo(f"{skipped.document.short_label:<12} not written: {skipped.reason}", err=True)


@main.command()
@click.argument("cases", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the bundles (with several cases: a subfolder per kenmerk).",
)
@JOBS_OPTION
@CONVERTER_OPTION
@click.option(
    "--only",
    multiple=True,
    metavar="ID",
    help="Only this document (a bijlage id, or 'collegevoorstel'), as its own "
    "stamped PDF, without assembling the bundle. Repeatable.",
)
@click.option(
    "--edition",
    "editions",
    multiple=True,
    type=click.Choice(besluitpak.EDITIONS),
    help="Which edition(s) to build (default: intern and openbaar; with --only: intern). "
    "With --only and --edition openbaar, each document as the public edition has it, "
    "written as …-openbaar.pdf; a withheld bijlage is refused.",
)
@TODAY_OPTION
@NO_CACHE_OPTION
@STRICT_OPTION
@handle_errors
def build(
    cases: tuple[Path, ...],
    out: Path,
    jobs: int | None,
    only: tuple[str, ...],
    editions: tuple[str, ...],
    today: dt.date | None,
    no_cache: bool,
    strict: bool,
) -> None:
    """Build the numbered, bookmarked bundle PDFs of a case: intern and openbaar.

    Give several cases, or a folder of case folders, to build them all in one run.
    """
    paths = _expand(cases or (Path("."),))
    editions = editions or (
        ("intern",) if only else besluitpak.EDITIONS
    )  # --only: intern unless asked
    options = {
        "editions": editions,
        "only": only,
        "jobs": jobs,
        "use_cache": not no_cache,
        "strict": strict,
        "today": today,
    }
    if len(paths) == 1:
        if not no_cache and _unchanged(
            paths[0], out=out, only=only, editions=editions, today=today
        ):
            return
        with besluitpak.start_converter_early(converter_option(), jobs):  # while it loads
            _build_one(paths[0], out=out, options=options)
        return
    with besluitpak.start_converter_early(converter_option(), jobs):  # while they load
        _build_batch(paths, out=out, options=options)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Case files; a folder without besluitpak.yaml stands for the case folders in it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and besluitpak.case_file(path) == path:  # no besluitpak.yaml
            inner = sorted(p for p in path.iterdir() if besluitpak.case_file(p) != p)
            found.extend(inner or [path])
        else:
            found.append(path)
    return found


def _unchanged(
    path: Path,
    *,
    out: Path,
    only: tuple[str, ...],
    editions: tuple[str, ...],
    today: dt.date | None,
) -> bool:
    """Say so and list the files if nothing changed since the last build of this case into
    ``out``, found without loading the case (:func:`besluitpak.up_to_date`); False when in
    any doubt (then the build decides)."""
    found = besluitpak.up_to_date(
        path, out=out, editions=editions, only=only, today=today, converter=converter_option()
    )
    if found is None:
        return False
    say(f"building {found.kenmerk}: {found.what}")
    say(f"  {up_to_date_message(found.kenmerk)}")
    for line in found.notes:
        say(f"  {line}")
    for file in found.files:
        click.echo(str(file))
    return True


def _build_one(path: Path, *, out: Path, options: dict[str, Any]) -> None:
    loaded = besluitpak.load_case(path)
    say(f"building {loaded.meta.kenmerk}: {besluitpak.describe_request(loaded, options['only'])}")
    built = besluitpak.build(
        loaded, out=out, settings=settings_from(**options), on_event=Progress()
    )
    _report(built)


def _report(built: BuildResult, *, editions: bool = True) -> None:
    """What was written: the time, what each edition holds; the files on stdout."""
    if not built.up_to_date:
        say(f"  done in {built.seconds:.1f} s: {len(built.files)} file(s), {built.pages} pages")
    for plan in built.plans:
        for line in plan.summary():
            say(f"  {plan.name}: {line}" if editions else f"  {line}")
    for file in built.files:
        click.echo(str(file))


def _build_batch(paths: list[Path], *, out: Path, options: dict[str, Any]) -> None:
    say(f"building {len(paths)} cases")
    targets, failures = [], []
    for path in paths:
        try:
            loaded = besluitpak.load_case(path)
        except BesluitpakError as e:
            failures.append((path, str(e)))
            continue
        targets.append(besluitpak.Target.in_subfolder(loaded, out))
    outcomes = besluitpak.build_many(
        targets, settings=settings_from(**options), on_event=Progress(batch=True)
    )
    built = [o.result for o in outcomes if o.result is not None]
    failures += [(o.target.case.path, str(o.error)) for o in outcomes if o.error is not None]
    for result in built:
        for file in result.files:
            click.echo(str(file))
    say(f"summary: {len(built)} built, {len(failures)} failed")
    for path, reason in failures:
        say(f"  failed: {path}: {reason}")
    if failures:
        sys.exit(1)


@main.command()
@CASE_ARG
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out/openbaar"),
    show_default=True,
    help="The publication folder: a PDF per public document, the bundle, sitemaps with "
    "DiWoo records, the inventarislijst.",
)
@JOBS_OPTION
@CONVERTER_OPTION
@TODAY_OPTION
@click.option(
    "--force", is_flag=True, help="Publish before the embargo date (needs --reden; recorded)."
)
@click.option("--reden", default=None, help="Why the embargo is overridden (with --force).")
@NO_CACHE_OPTION
@STRICT_OPTION
@GEPLAND_OPTION
@STATE_ARCHIEF_OPTION
@DOOR_OPTION
@handle_errors
def publish(
    case: Path,
    out: Path,
    jobs: int | None,
    today: dt.date | None,
    force: bool,
    reden: str | None,
    no_cache: bool,
    strict: bool,
    gepland_op: dt.date | None,
    archief: Path | None,
    door: str | None,
) -> None:
    """Write the publication folder a Woo platform harvests (not before the embargo)."""
    if force and not (reden and reden.strip()):
        raise BesluitpakError(
            '--force: expected a reason with --reden "…", got none; an '
            "override of the embargo is always recorded with its reason"
        )
    if reden and not force:
        raise BesluitpakError("--reden: only used with --force")
    if force and gepland_op is not None:
        raise BesluitpakError(
            "--gepland-op: a planned publication goes public on its day, not before the "
            "embargo: give a day on or after it, without --force"
        )
    loaded = besluitpak.load_case(case)
    override = besluitpak.Override.now(reden) if force and reden else None
    settings = settings_from(
        jobs=jobs, today=today, use_cache=not no_cache, strict=strict, override=override
    )
    if gepland_op is not None:
        schedule(loaded, out=out, gepland_op=gepland_op, archief=archief, door=door, jobs=jobs)
        return
    built = besluitpak.publish(loaded, out=out, settings=settings, on_event=Progress())
    besluitpak.record_published(loaded, out=out, door=door, archief=archief)
    _report(built, editions=False)
