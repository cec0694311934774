"""The command line: parse, call the pipeline, print, exit. No logic of its own."""

from __future__ import annotations

import datetime as dt
import functools
import json
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from besluitpak import state
from besluitpak.errors import BesluitpakError, CaseError
from besluitpak.publish import EDITIONS

# The case model (pydantic), the pipeline and the stages that pull in docxtpl, pikepdf and
# lxml are imported by the commands that use them: `besluitpak build` on unchanged inputs
# needs none of them (see state.py) and is done in a tenth of a second.

F = TypeVar("F", bound=Callable[..., Any])

TODAY_OPTION = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="The date to take as today (YYYY-MM-DD), for back-dating and tests; default: the "
         "clock.")

NO_CACHE_OPTION = click.option(
    "--no-cache", is_flag=True,
    help="Convert every document again, neither reading nor writing the cache.")

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
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(*_: object) -> None:
    """SIGTERM ends a build like Ctrl-C: clean-up runs, the previous outputs stay."""
    raise KeyboardInterrupt


@main.command()
@CASE_ARG
@handle_errors
def check(case: Path) -> None:
    """Validate the case and its data files, and check every template's variables."""
    from besluitpak import case as case_mod
    from besluitpak import render as render_mod

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
    from besluitpak import case as case_mod
    from besluitpak import render as render_mod

    loaded = case_mod.load_case(case)
    for item in render_mod.render_case(loaded, out):
        click.echo(f"{item.document.short_label:<12} {item.path}")


@main.command()
@click.argument("cases", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for the bundles (with several cases: a subfolder per kenmerk).")
@click.option("--jobs", "-j", type=click.IntRange(1, 16), default=None,
              help="LibreOffice workers (default: one per core).")
@click.option("--only", multiple=True, metavar="ID",
              help="Only this document (a bijlage id, or 'collegevoorstel'), as its own "
                   "stamped PDF, without assembling the bundle. Repeatable.")
@click.option("--edition", "editions", multiple=True, type=click.Choice(EDITIONS),
              help="Which edition(s) to build (default: intern and openbaar).")
@TODAY_OPTION
@NO_CACHE_OPTION
@handle_errors
def build(cases: tuple[Path, ...], out: Path, jobs: int | None, only: tuple[str, ...],
          editions: tuple[str, ...], today: dt.date | None, no_cache: bool) -> None:
    """Build the numbered, bookmarked bundle PDFs of a case: intern and openbaar.

    Give several cases, or a folder of case folders, to build them all in one run.
    """
    paths = _expand(cases or (Path("."),))
    if len(paths) == 1:
        if not no_cache and _unchanged(paths[0], out=out, only=only, editions=editions,
                                       today=today):
            return
        _build_one(paths[0], out=out, jobs=jobs, only=only, editions=editions, today=today,
                   no_cache=no_cache)
        return
    _build_batch(paths, out=out, jobs=jobs, editions=editions, today=today, no_cache=no_cache)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Case files; a folder without besluitpak.yaml stands for the case folders in it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not (path / state.DEFAULT_CASE).exists():
            inner = sorted(p for p in path.iterdir() if (p / state.DEFAULT_CASE).is_file())
            found.extend(inner or [path])
        else:
            found.append(path)
    return found


def _unchanged(path: Path, *, out: Path, only: tuple[str, ...], editions: tuple[str, ...],
               today: dt.date | None) -> bool:
    """Say so and list the files if nothing changed since the last build of this case into
    ``out``, found without loading the case (see state.py); False when in any doubt."""
    run = state.Run(case=state.case_file(path), editions=editions or EDITIONS, only=only)
    found = state.unchanged(out, run, today=today or dt.date.today())
    if found is None:
        return False
    click.echo(f"building {found.kenmerk}: {found.what}", err=True)
    click.echo(f"  {state.up_to_date_message(found.kenmerk)}", err=True)
    for line in found.notes:
        click.echo(f"  {line}", err=True)
    for file in found.files:
        click.echo(str(file))
    return True


def _build_one(path: Path, *, out: Path, jobs: int | None, only: tuple[str, ...],
               editions: tuple[str, ...], today: dt.date | None, no_cache: bool) -> None:
    from besluitpak import case as case_mod
    from besluitpak import pipeline

    loaded = case_mod.load_case(path)
    click.echo(f"building {loaded.meta.kenmerk}: {pipeline.describe_request(loaded, only)}",
               err=True)
    built = pipeline.build(loaded, out=out, jobs=jobs, only=only,
                           editions=editions or EDITIONS, today=today, no_cache=no_cache,
                           progress=lambda line: click.echo(f"  {line}", err=True))
    for warning in built.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    if not built.up_to_date:
        click.echo(f"  done in {built.seconds:.1f} s: {len(built.files)} file(s), "
                   f"{built.pages} pages", err=True)
    for plan in built.plans:
        for line in plan.summary():
            click.echo(f"  {plan.name}: {line}", err=True)
    for file in built.files:
        click.echo(str(file))


def _build_batch(paths: list[Path], *, out: Path, jobs: int | None, editions: tuple[str, ...],
                 today: dt.date | None, no_cache: bool) -> None:
    from besluitpak import case as case_mod
    from besluitpak import pipeline

    click.echo(f"building {len(paths)} cases", err=True)
    requests, failures = [], []
    for path in paths:
        try:
            loaded = case_mod.load_case(path)
        except BesluitpakError as e:
            failures.append((path, str(e)))
            continue
        requests.append(pipeline.Request(
            case=loaded, out=out / pipeline.safe_kenmerk(loaded.meta.kenmerk),
            editions=editions or EDITIONS, today=today or dt.date.today()))
    outcomes = pipeline.build_many(requests, jobs=jobs, no_cache=no_cache,
                                   progress=lambda line: click.echo(f"  {line}", err=True))
    built = [o for o in outcomes if o.built is not None]
    failures += [(o.request.case.path, str(o.error)) for o in outcomes if o.error is not None]
    for outcome in built:
        assert outcome.built is not None
        for file in outcome.built.files:
            click.echo(str(file))
    click.echo(f"summary: {len(built)} built, {len(failures)} failed", err=True)
    for path, reason in failures:
        click.echo(f"  failed: {path}: {reason}", err=True)
    if failures:
        sys.exit(1)


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
@NO_CACHE_OPTION
@handle_errors
def publish(case: Path, out: Path, jobs: int | None, today: dt.date | None, force: bool,
            reden: str | None, no_cache: bool) -> None:
    """Write the final public edition and its DiWoo sitemap entry (not before the embargo)."""
    from besluitpak import case as case_mod
    from besluitpak import pipeline
    from besluitpak import publish as publish_mod

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
                             no_cache=no_cache,
                             progress=lambda line: click.echo(f"  {line}", err=True))
    for plan in built.plans:
        for line in plan.summary():
            click.echo(f"  {line}", err=True)
    for path in built.files:
        click.echo(str(path))


@main.command()
@CASE_ARG
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for the bundles.")
@click.option("--edition", "editions", multiple=True, type=click.Choice(EDITIONS),
              help="Which edition(s) to rebuild (default: intern and openbaar).")
@click.option("--interval", type=float, default=0.5, show_default=True,
              help="Seconds between looks at the input files.")
@click.option("--max-rebuilds", type=int, default=None, hidden=True)
@handle_errors
def watch(case: Path, out: Path, editions: tuple[str, ...], interval: float,
          max_rebuilds: int | None) -> None:
    """Rebuild on every save of the case, a data file or a template (Ctrl-C stops).

    LibreOffice is kept warm, so one edited bijlage is back in about a second; a broken
    edit shows its error and keeps the last good bundle.
    """
    from besluitpak import case as case_mod
    from besluitpak import warm

    if warm.enabled():
        click.echo("starting a warm LibreOffice…", err=True)
        warm.start(wait=True)
    path = case_mod.find_case(case)
    seen = _snapshot(path)
    rebuilds = 0
    _watch_build(path, out, editions)
    click.echo(f"watching {path.parent} (Ctrl-C to stop)", err=True)
    try:
        while max_rebuilds is None or rebuilds < max_rebuilds:
            time.sleep(interval)
            now = _snapshot(path)
            if now == seen:
                continue
            changed = sorted(str(p) for p in set(now) | set(seen) if now.get(p) != seen.get(p))
            seen = now
            rebuilds += 1
            click.echo(f"changed: {', '.join(Path(c).name for c in changed)}", err=True)
            _watch_build(path, out, editions)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)


def _snapshot(path: Path) -> dict[str, int]:
    """Modification times of the case file and everything beside it that it may use."""
    folder = path.parent
    files = [path, *folder.glob("**/*.yaml"), *folder.glob("**/*.yml"),
             *folder.glob("**/*.docx"), *folder.glob("**/*.odt"), *folder.glob("**/*.pdf"),
             *folder.glob("**/*.schema.json")]
    stamps = {}
    for file in files:
        if any(part.startswith(".") or part in ("out", "archief") for part in
               file.relative_to(folder).parts[:-1]):
            continue
        try:
            stamps[str(file)] = file.stat().st_mtime_ns
        except OSError:
            continue
    return stamps


def _watch_build(path: Path, out: Path, editions: tuple[str, ...]) -> None:
    from besluitpak import case as case_mod
    from besluitpak import pipeline

    started = time.perf_counter()
    try:
        loaded = case_mod.load_case(path)
        built = pipeline.build(loaded, out=out, editions=editions or EDITIONS,
                               progress=lambda line: click.echo(f"  {line}", err=True))
    except BesluitpakError as e:
        click.secho(f"error: {e}", fg="red", err=True)
        click.echo("  the last good bundle is kept", err=True)
        return
    click.echo(f"rebuilt in {time.perf_counter() - started:.2f} s: "
               f"{', '.join(f.name for f in built.files)}", err=True)


ARCHIEF_OPTION = click.option(
    "--archief", type=click.Path(path_type=Path), default=Path("archief"), show_default=True,
    help="The archive folder (a folder per kenmerk, a folder per version).")


@main.command(name="archive")
@CASE_ARG
@ARCHIEF_OPTION
@TODAY_OPTION
@click.option("--jobs", "-j", type=click.IntRange(1, 16), default=None,
              help="LibreOffice workers (default: one per core).")
@handle_errors
def archive_command(case: Path, archief: Path, today: dt.date | None, jobs: int | None) -> None:
    """Store the built editions as the next version (nothing new if nothing changed)."""
    from besluitpak import archive as archive_mod
    from besluitpak import case as case_mod

    loaded = case_mod.load_case(case)
    click.echo(f"archiving {loaded.meta.kenmerk} in {archief}", err=True)
    result = archive_mod.archive(loaded, archief=archief, today=today, jobs=jobs,
                                 progress=lambda line: click.echo(f"  {line}", err=True))
    if result.new:
        click.echo(f"  stored as {result.version.name}", err=True)
    else:
        click.echo(f"  no new version: the inputs are those of {result.version.name}",
                   err=True)
    click.echo(str(result.version))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True,
              help="Also rebuild each version from its snapshot and compare the bytes.")
@handle_errors
def verify(path: Path, rebuild: bool) -> None:
    """Verify a version folder, a whole archief, or one bundle: checksums, manifest, MDTO."""
    from besluitpak import archive as archive_mod

    result = archive_mod.verify(path, rebuild=rebuild)
    for line in result.checked:
        click.echo(f"ok   {line}")
    for problem in result.problems:
        click.secho(f"FAIL {problem}", fg="red")
    if not result.ok:
        click.echo(f"{len(result.problems)} problem(s) found", err=True)
        sys.exit(1)
    click.echo("verified: no problems")


@main.command()
@click.argument("kenmerk")
@ARCHIEF_OPTION
@handle_errors
def history(kenmerk: str, archief: Path) -> None:
    """List the archived versions of a kenmerk, with what changed in each."""
    from besluitpak import archive as archive_mod

    for line in archive_mod.history(archief, kenmerk):
        click.echo(line)


@main.command()
@click.argument("kenmerk")
@click.argument("first")
@click.argument("second")
@ARCHIEF_OPTION
@handle_errors
def diff(kenmerk: str, first: str, second: str, archief: Path) -> None:
    """Show per document what changed between two versions (v001 v002)."""
    from besluitpak import archive as archive_mod

    for line in archive_mod.diff(archief, kenmerk, first, second):
        click.echo(line)


@main.command(name="inspect")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True,
                                                                  dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def inspect_command(pdfs: tuple[Path, ...], as_json: bool) -> None:
    """Report what a PDF claims (PDF/A, PDF/UA…) and check each claim; exit 1 on a failure."""
    from besluitpak import inspect as inspect_mod

    reports = [inspect_mod.inspect(pdf) for pdf in pdfs]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(inspect_mod.render_text(r) for r in reports))
    if not all(r.ok for r in reports):
        sys.exit(1)


@main.group(name="cache")
def cache_group() -> None:
    """The cache of converted documents (in $BESLUITPAK_CACHE or ~/.cache/besluitpak)."""


@cache_group.command(name="clear")
@handle_errors
def cache_clear() -> None:
    """Remove every cached document, and what was remembered of templates and data."""
    from besluitpak import cache as cache_mod

    entries, size = cache_mod.Cache(cache_mod.folder()).clear()
    memos = cache_mod.clear_memos()
    click.echo(f"removed {entries} cached document(s), {size / 2**20:.1f} MiB, from "
               f"{cache_mod.folder()}, and {memos} remembered template variable list(s) and "
               f"data check(s)")


@main.group(name="server")
def server_group() -> None:
    """The warm LibreOffice that builds share (see README: Speed)."""


@server_group.command(name="stop")
def server_stop() -> None:
    """Stop the warm LibreOffice, if one runs."""
    from besluitpak import warm

    click.echo("stopped" if warm.stop() else "no warm LibreOffice was running")


@server_group.command(name="status")
def server_status() -> None:
    """Say whether a warm LibreOffice runs."""
    from besluitpak import warm

    state = "running" if warm.running() else "not running"
    usable = "" if warm.enabled() else " (disabled: BESLUITPAK_WARM=0 or no python3-uno)"
    click.echo(f"warm LibreOffice: {state}{usable}; socket {warm.socket_path()}")


@cache_group.command(name="info")
def cache_info() -> None:
    """Where the cache is and how large."""
    from besluitpak import cache as cache_mod

    root = cache_mod.folder()
    files = [p for p in root.rglob("*.pdf")] if root.exists() else []
    size = sum(p.stat().st_size for p in files)
    click.echo(f"{root}: {len(files)} cached document(s), {size / 2**20:.1f} MiB")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the case file (for editor completion)."""
    from besluitpak.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
