"""The command line: parse, call the pipeline, print, exit. No logic of its own."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from besluitpak import case as case_mod
from besluitpak import dutch, pipeline
from besluitpak import inspect as inspect_mod
from besluitpak import publish as publish_mod
from besluitpak import render as render_mod
from besluitpak.errors import BesluitpakError, CaseError
from besluitpak.publish import EDITIONS, EditionPlan
from besluitpak.schema import json_schema

F = TypeVar("F", bound=Callable[..., Any])

TODAY_OPTION = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="The date to take as today (YYYY-MM-DD), for back-dating and tests; default: the "
         "clock.")

CASE_ARG = click.argument("case", type=click.Path(path_type=Path), default=Path("."),
                          required=False)


def handle_errors(func: F) -> F:
    """User errors: message and exit 1. Anything else: a one-line bug report (traceback with -v)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        verbose = bool(ctx.find_root().params.get("verbose"))
        try:
            return func(*args, **kwargs)
        except BesluitpakError as e:
            click.secho(f"error: {e}", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.secho("interrupted: nothing was written past the last finished step", err=True)
            sys.exit(130)
        except Exception as e:
            if verbose:
                raise
            click.secho(f"internal error: {type(e).__name__}: {e} "
                        f"(run with -v for the traceback, and please report it)", fg="red",
                        err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Show detail and tracebacks.")
@click.version_option(package_name="besluitpak")
def main(verbose: bool) -> None:
    """besluitpak: a college decision (collegevoorstel + bijlagen) as one publication-ready PDF.

    CASE is a case file (YAML) or a folder holding besluitpak.yaml; default: this folder.
    """


@main.command()
@CASE_ARG
@handle_errors
def check(case: Path) -> None:
    """Validate the case and its data files, and check every template's variables."""
    loaded = case_mod.load_case(case)
    problems = render_mod.preflight(loaded)
    if problems:
        click.secho(f"{len(problems)} template problem{'s' if len(problems) != 1 else ''}:",
                    fg="red", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    generated = sum(1 for d in loaded.bijlagen if d.generated)
    click.echo(f"{loaded.path.name}: OK — collegevoorstel and {len(loaded.bijlagen)} bijlagen "
               f"({generated} generated, {len(loaded.bijlagen) - generated} ready-made)")


@main.command()
@CASE_ARG
@click.option("--out", type=click.Path(path_type=Path), default=Path("out/docx"),
              show_default=True, help="Folder for the .docx files.")
@handle_errors
def render(case: Path, out: Path) -> None:
    """Render every generated document to .docx (ready-made ones are copied)."""
    loaded = case_mod.load_case(case)
    for item in render_mod.render_case(loaded, out):
        click.echo(f"{item.document.short_label:<12} {item.path}")


@main.command()
@CASE_ARG
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for the bundle.")
@click.option("--jobs", "-j", type=click.IntRange(1, 16), default=None,
              help="LibreOffice workers (default: one per core).")
@click.option("--only", multiple=True, metavar="ID",
              help="Only this document (a bijlage id, or 'collegevoorstel'), as its own "
                   "stamped PDF, without assembling the bundle. Repeatable.")
@click.option("--edition", "editions", multiple=True, type=click.Choice(EDITIONS),
              help="Which edition(s) to build (default: intern and openbaar).")
@TODAY_OPTION
@handle_errors
def build(case: Path, out: Path, jobs: int | None, only: tuple[str, ...],
          editions: tuple[str, ...], today: dt.date | None) -> None:
    """Build the numbered, bookmarked bundle PDFs of the case: intern and openbaar."""
    loaded = case_mod.load_case(case)
    what = ", ".join(only) if only else \
        f"collegevoorstel and {len(loaded.bijlagen)} bijlagen"
    click.echo(f"building {loaded.meta.kenmerk}: {what}", err=True)
    built = pipeline.build(loaded, out=out, jobs=jobs, only=only,
                           editions=editions or EDITIONS, today=today,
                           progress=lambda line: click.echo(f"  {line}", err=True))
    click.echo(f"  done in {built.seconds:.1f} s: {len(built.files)} file(s), {built.pages} "
               f"pages", err=True)
    for plan in built.plans:
        for line in _describe(plan):
            click.echo(f"  {plan.name}: {line}", err=True)
    for path in built.files:
        click.echo(str(path))


def _describe(plan: EditionPlan) -> list[str]:
    lines = []
    if plan.embargo:
        lines.append(f"under embargo until {dutch.datum(plan.embargo)}: every page is marked")
    for document in plan.withheld:
        lines.append(f"bijlage {document.number} withheld ({document.grond})")
    for document in plan.released:
        lines.append(f"bijlage {document.number} included: secret until "
                     f"{dutch.datum(document.geheim_tot) if document.geheim_tot else '?'}")
    if plan.override:
        lines.append(f"published before the embargo: {plan.override.reden} "
                     f"({plan.override.user}, {plan.override.time})")
    return lines


@main.command()
@CASE_ARG
@click.option("--out", type=click.Path(path_type=Path), default=Path("out/openbaar"),
              show_default=True, help="Folder for the public bundle and its DiWoo entry.")
@click.option("--jobs", "-j", type=click.IntRange(1, 16), default=None,
              help="LibreOffice workers (default: one per core).")
@TODAY_OPTION
@click.option("--force", is_flag=True,
              help="Publish before the embargo date (needs --reden; recorded).")
@click.option("--reden", default=None, help="Why the embargo is overridden (with --force).")
@handle_errors
def publish(case: Path, out: Path, jobs: int | None, today: dt.date | None, force: bool,
            reden: str | None) -> None:
    """Write the final public edition and its DiWoo sitemap entry (not before the embargo)."""
    loaded = case_mod.load_case(case)
    if force and not (reden and reden.strip()):
        raise BesluitpakError("--force: expected a reason with --reden \"…\", got none; an "
                              "override of the embargo is always recorded with its reason")
    if reden and not force:
        raise BesluitpakError("--reden: only used with --force")
    if loaded.meta.publicatie_url is None:
        raise CaseError([loaded.source.problem((), "required key 'publicatie_url' is missing: "
                                                   "publish needs the web folder where the "
                                                   "bundle will stand (for DiWoo)")])
    publish_mod.tooi_gemeente(loaded)  # a wrong CBS code fails before any work
    override = publish_mod.Override.now(reden) if force and reden else None
    built = pipeline.publish(loaded, out=out, jobs=jobs, today=today, override=override,
                             progress=lambda line: click.echo(f"  {line}", err=True))
    for plan in built.plans:
        for line in _describe(plan):
            click.echo(f"  {line}", err=True)
    for path in built.files:
        click.echo(str(path))


@main.command(name="inspect")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True,
                                                                  dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def inspect_command(pdfs: tuple[Path, ...], as_json: bool) -> None:
    """Report what a PDF claims (PDF/A, PDF/UA…) and check each claim; exit 1 on a failure."""
    reports = [inspect_mod.inspect(pdf) for pdf in pdfs]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(inspect_mod.render_text(r) for r in reports))
    if not all(r.ok for r in reports):
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the case file (for editor completion)."""
    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
