"""The command line: parse, call the pipeline, print, exit. No logic of its own."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from besluitpak import state
from besluitpak.casefile import paths as paths_mod
from besluitpak.errors import BesluitpakError
from besluitpak.publication.editions import EDITIONS

if TYPE_CHECKING:
    from besluitpak.archival.verify import Verification
    from besluitpak.events import Event
    from besluitpak.pipeline import BuildResult
    from besluitpak.settings import BuildSettings

# The case model (pydantic), the pipeline and the stages that pull in docxtpl, pikepdf and
# lxml are imported by the commands that use them: `besluitpak build` on unchanged inputs
# needs none of them (see state.py) and is done in a tenth of a second.

F = TypeVar("F", bound=Callable[..., Any])

TODAY_OPTION = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="The date to take as today (YYYY-MM-DD), for back-dating and tests; default: the clock.",
)

NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    help="Convert every document again, neither reading nor writing the cache.",
)

JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 16),
    default=None,
    help="LibreOffice workers (default: one per core).",
)


def _use_converter(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Export ``--converter`` so that this process's builds (and a worker's jobs) use it."""
    if not value:
        return
    import os

    from besluitpak.convert import backend

    try:
        backend.parse(value)
    except BesluitpakError as e:
        raise click.BadParameter(str(e)) from None
    os.environ[backend.ENVIRONMENT] = value


CONVERTER_OPTION = click.option(
    "--converter",
    metavar="SPEC",
    default=None,
    expose_value=False,
    callback=_use_converter,
    help="Who converts the Word documents: local (default: the LibreOffice workers here) or "
    "unoserver://HOST:PORT[,HOST:PORT…] (a pool of unoserver instances).",
)

STRICT_OPTION = click.option(
    "--strict",
    is_flag=True,
    help="Fail, writing nothing, when anything warned (a repaired PDF, a scan…).",
)

CASE_ARG = click.argument(
    "case", type=click.Path(path_type=Path), default=Path("."), required=False
)


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
            click.secho(
                f"internal error: {type(e).__name__}: {e} "
                f"(run with -v for the traceback, and please report it)",
                fg="red",
                err=True,
            )
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Show detail (every document, debug messages) and tracebacks.",
)
@click.option("-q", "--quiet", is_flag=True, help="Show only warnings, errors and the files.")
@click.version_option(package_name="besluitpak")
def main(verbose: bool, quiet: bool) -> None:
    """besluitpak: a college decision (collegevoorstel + bijlagen) as one publication-ready PDF.

    CASE is a case file (YAML) or a folder holding besluitpak.yaml; default: this folder.
    """
    signal.signal(signal.SIGTERM, _terminated)
    _VERBOSITY[0] = -1 if quiet else (1 if verbose else 0)
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("  debug: %(name)s: %(message)s"))
        handler.addFilter(lambda record: record.levelno < logging.WARNING)  # warnings: events
        logger = logging.getLogger("besluitpak")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)


_VERBOSITY = [0]
"""-1 with -q, 1 with -v (set by main for the command that runs)."""


def say(line: str) -> None:
    """A progress line on stderr (not with -q)."""
    if _VERBOSITY[0] >= 0:
        click.echo(line, err=True)


class Progress:
    """Turns a build's events into progress lines on stderr."""

    def __init__(self, *, batch: bool = False) -> None:
        self.batch = batch

    def __call__(self, event: Event) -> None:
        from besluitpak import events

        match event:
            case events.BuildWarning(message=message):
                click.secho(f"warning: {message}", fg="yellow", err=True)
            case events.StageFinished(stage=stage, seconds=seconds, kenmerk=kenmerk):
                where = f"  {kenmerk}" if kenmerk and self.batch else ""
                say(f"  {stage:<9} {seconds:6.2f} s{where}")
            case events.ConversionPlanned(converting=names, cached=cached):
                shown = f": {', '.join(names)}" if names and len(names) <= 4 else ""
                say(
                    f"            {len(names)} document(s) to convert, {cached} from the "
                    f"cache{shown}"
                )
            case events.UpToDate(kenmerk=kenmerk):
                say(f"  {state.up_to_date_message(kenmerk)}")
            case events.Waiting(message=message):
                say(f"  {message}")
            case (
                events.DocumentConverted() | events.DocumentFromCache() | events.DocumentRendered()
            ) if _VERBOSITY[0] > 0:
                what = type(event).__name__.removeprefix("Document").lower()
                say(f"    {event.document} ({event.edition}): {what}")


def _terminated(*_: object) -> None:
    """SIGTERM ends a build like Ctrl-C: clean-up runs, the previous outputs stay."""
    raise KeyboardInterrupt


@main.command()
@CASE_ARG
@handle_errors
def check(case: Path) -> None:
    """Validate the case and its data files, and check every template's variables."""
    import besluitpak

    loaded = besluitpak.load_case(case)
    problems = besluitpak.check(loaded)
    if problems:
        click.secho(
            f"{len(problems)} template problem{'s' if len(problems) != 1 else ''}:",
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
    help="As the public edition has them: without the steller's data, redacted passages "
    "as boxes, withheld bijlagen left out.",
)
@handle_errors
def render(case: Path, out: Path, public: bool) -> None:
    """Render every generated document to .docx (ready-made ones are copied)."""
    import besluitpak
    from besluitpak.render import docx

    loaded = besluitpak.load_case(case)
    for item in docx.render_case(loaded, out, public=public):
        click.echo(f"{item.document.short_label:<12} {item.path}")


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
    type=click.Choice(EDITIONS),
    help="Which edition(s) to build (default: intern and openbaar).",
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
    options = {
        "editions": editions or EDITIONS,
        "only": only,
        "jobs": jobs,
        "use_cache": not no_cache,
        "strict": strict,
        "today": today,
    }
    if len(paths) == 1:
        if not no_cache and _unchanged(
            paths[0], out=out, only=only, editions=editions or EDITIONS, today=today
        ):
            return
        _build_one(paths[0], out=out, options=options)
        return
    _build_batch(paths, out=out, options=options)


def _settings(**options: Any) -> BuildSettings:
    """BuildSettings from the command's options (a None today means the clock's)."""
    from besluitpak.settings import BuildSettings

    if options.get("today") is None:
        options.pop("today", None)
    return BuildSettings(**options)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Case files; a folder without besluitpak.yaml stands for the case folders in it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not (path / paths_mod.DEFAULT_CASE).exists():
            inner = sorted(p for p in path.iterdir() if (p / paths_mod.DEFAULT_CASE).is_file())
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
    ``out``, found without loading the case (see state.py); False when in any doubt."""
    run = state.Run(case=paths_mod.case_file(path), editions=editions, only=only)
    found = state.unchanged(out, run, today=today or dt.date.today())
    if found is None:
        return False
    say(f"building {found.kenmerk}: {found.what}")
    say(f"  {state.up_to_date_message(found.kenmerk)}")
    for line in found.notes:
        say(f"  {line}")
    for file in found.files:
        click.echo(str(file))
    return True


def _build_one(path: Path, *, out: Path, options: dict[str, Any]) -> None:
    import besluitpak
    from besluitpak.packages import describe_request

    loaded = besluitpak.load_case(path)
    say(f"building {loaded.meta.kenmerk}: {describe_request(loaded, options['only'])}")
    built = besluitpak.build(loaded, out=out, settings=_settings(**options), on_event=Progress())
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
    import besluitpak
    from besluitpak.files import safe_name

    say(f"building {len(paths)} cases")
    targets, failures = [], []
    for path in paths:
        try:
            loaded = besluitpak.load_case(path)
        except BesluitpakError as e:
            failures.append((path, str(e)))
            continue
        targets.append(besluitpak.Target(case=loaded, out=out / safe_name(loaded.meta.kenmerk)))
    outcomes = besluitpak.build_many(
        targets, settings=_settings(**options), on_event=Progress(batch=True)
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
) -> None:
    """Write the publication folder a Woo platform harvests (not before the embargo)."""
    import besluitpak

    if force and not (reden and reden.strip()):
        raise BesluitpakError(
            '--force: expected a reason with --reden "…", got none; an '
            "override of the embargo is always recorded with its reason"
        )
    if reden and not force:
        raise BesluitpakError("--reden: only used with --force")
    loaded = besluitpak.load_case(case)
    override = besluitpak.Override.now(reden) if force and reden else None
    settings = _settings(
        jobs=jobs, today=today, use_cache=not no_cache, strict=strict, override=override
    )
    built = besluitpak.publish(loaded, out=out, settings=settings, on_event=Progress())
    _report(built, editions=False)


@main.command()
@CASE_ARG
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the bundles.",
)
@click.option(
    "--edition",
    "editions",
    multiple=True,
    type=click.Choice(EDITIONS),
    help="Which edition(s) to rebuild (default: intern and openbaar).",
)
@click.option(
    "--interval",
    type=float,
    default=0.5,
    show_default=True,
    help="Seconds between looks at the input files.",
)
@click.option("--max-rebuilds", type=int, default=None, hidden=True)
@handle_errors
def watch(
    case: Path, out: Path, editions: tuple[str, ...], interval: float, max_rebuilds: int | None
) -> None:
    """Rebuild on every save of the case, a data file or a template (Ctrl-C stops).

    Only what changed is converted again, so one edited bijlage is back in about a second;
    a broken edit shows its error and keeps the last good bundle.
    """
    path = paths_mod.case_file(case)
    seen = _snapshot(path)
    rebuilds = 0
    _watch_build(path, out, editions)
    say(f"watching {path.parent} (Ctrl-C to stop)")
    try:
        while max_rebuilds is None or rebuilds < max_rebuilds:
            time.sleep(interval)
            now = _snapshot(path)
            if now == seen:
                continue
            changed = sorted(str(p) for p in set(now) | set(seen) if now.get(p) != seen.get(p))
            seen = now
            rebuilds += 1
            say(f"changed: {', '.join(Path(c).name for c in changed)}")
            _watch_build(path, out, editions)
    except KeyboardInterrupt:
        say("stopped watching")


def _snapshot(path: Path) -> dict[str, int]:
    """Modification times of the case file and everything beside it that it may use."""
    folder = path.parent
    files = [
        path,
        *folder.glob("**/*.yaml"),
        *folder.glob("**/*.yml"),
        *folder.glob("**/*.docx"),
        *folder.glob("**/*.odt"),
        *folder.glob("**/*.pdf"),
        *folder.glob("**/*.schema.json"),
    ]
    stamps = {}
    for file in files:
        if any(
            part.startswith(".") or part in ("out", "archief")
            for part in file.relative_to(folder).parts[:-1]
        ):
            continue
        try:
            stamps[str(file)] = file.stat().st_mtime_ns
        except OSError:
            continue
    return stamps


def _watch_build(path: Path, out: Path, editions: tuple[str, ...]) -> None:
    import besluitpak

    started = time.perf_counter()
    try:
        loaded = besluitpak.load_case(path)
        built = besluitpak.build(
            loaded, out=out, settings=_settings(editions=editions or EDITIONS), on_event=Progress()
        )
    except BesluitpakError as e:
        click.secho(f"error: {e}", fg="red", err=True)
        say("  the last good bundle is kept")
        return
    say(
        f"rebuilt in {time.perf_counter() - started:.2f} s: "
        f"{', '.join(f.name for f in built.files)}"
    )


ARCHIEF_OPTION = click.option(
    "--archief",
    type=click.Path(path_type=Path),
    default=Path("archief"),
    show_default=True,
    help="The archive folder (a folder per kenmerk, a folder per version).",
)


@main.command(name="archive")
@CASE_ARG
@ARCHIEF_OPTION
@TODAY_OPTION
@JOBS_OPTION
@CONVERTER_OPTION
@handle_errors
def archive_command(case: Path, archief: Path, today: dt.date | None, jobs: int | None) -> None:
    """Store the built editions as the next version (nothing new if nothing changed)."""
    import besluitpak

    loaded = besluitpak.load_case(case)
    say(f"archiving {loaded.meta.kenmerk} in {archief}")
    result = besluitpak.archive(
        loaded, archief=archief, settings=_settings(today=today, jobs=jobs), on_event=Progress()
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
    import besluitpak

    result = besluitpak.verify(path, rebuild=rebuild)
    _echo_integrity(result)
    _echo_conformance(result)
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
    from besluitpak.archival import history as history_mod

    for line in history_mod.history(archief, kenmerk):
        click.echo(line)


@main.command()
@click.argument("kenmerk")
@click.argument("first")
@click.argument("second")
@ARCHIEF_OPTION
@handle_errors
def diff(kenmerk: str, first: str, second: str, archief: Path) -> None:
    """Show per document what changed between two versions (v001 v002)."""
    from besluitpak.archival import history as history_mod

    for line in history_mod.diff(archief, kenmerk, first, second):
        click.echo(line)


@main.command(name="inspect")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def inspect_command(pdfs: tuple[Path, ...], as_json: bool) -> None:
    """Report what a PDF claims (PDF/A, PDF/UA…) and check each claim; exit 1 on a failure
    or on a file that cannot be read as a PDF (each such file: one line on stderr)."""
    from besluitpak.pdf import inspect as inspect_mod

    reports, unreadable = [], []
    for pdf in pdfs:
        try:
            reports.append(inspect_mod.inspect(pdf))
        except BesluitpakError as e:
            unreadable.append(str(e))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    elif reports:
        click.echo("\n\n".join(inspect_mod.render_text(r) for r in reports))
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
    from besluitpak.convert import cache as cache_mod

    entries, size = cache_mod.Cache(cache_mod.folder()).clear()
    memos = cache_mod.clear_memos()
    click.echo(
        f"removed {entries} cached document(s), {size / 2**20:.1f} MiB, from "
        f"{cache_mod.folder()}, and {memos} remembered template variable list(s) and "
        f"data check(s)"
    )


@cache_group.command(name="info")
def cache_info() -> None:
    """Where the cache is and how large."""
    from besluitpak.convert import cache as cache_mod

    root = cache_mod.folder()
    files = [p for p in root.rglob("*.pdf")] if root.exists() else []
    size = sum(p.stat().st_size for p in files)
    click.echo(f"{root}: {len(files)} cached document(s), {size / 2**20:.1f} MiB")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the case file (for editor completion)."""
    from besluitpak.casefile.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


WORKSPACE_OPTION = click.option(
    "--workspace",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="The workspace: a folder of case folders (its database lives in .besluitpak/ "
    "unless DATABASE_URL says otherwise).",
)


@main.command()
@WORKSPACE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--no-worker", is_flag=True, help="Do not start a worker beside the page (run one apart)."
)
@handle_errors
def serve(workspace: Path, host: str, port: int, no_worker: bool) -> None:
    """Serve the web page on the workspace, with a worker for its build jobs."""
    from besluitpak.web import server

    server.serve(workspace, host=host, port=port, worker=not no_worker)


@main.command()
@WORKSPACE_OPTION
@click.option("--batch", is_flag=True, help="Stop when the queue is empty.")
@CONVERTER_OPTION
@handle_errors
def worker(workspace: Path, batch: bool) -> None:
    """Run the workspace's build jobs (``serve`` starts one of these itself)."""
    from besluitpak.web import server

    server.run_worker(workspace, batch=batch)


@main.group(name="users")
def users_group() -> None:
    """The people who may use the web page, each with a role."""


@users_group.command(name="add")
@click.argument("name")
@click.option(
    "--rol",
    "role",
    required=True,
    type=click.Choice(["beleidsadviseur", "secretariaat", "archivaris"]),
    help="What the person may do.",
)
@WORKSPACE_OPTION
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@handle_errors
def users_add(name: str, role: str, workspace: Path, password_stdin: bool) -> None:
    """Add a user (or set an existing user's password and role)."""
    from besluitpak.web import server

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise BesluitpakError("password: expected a password, got an empty line")
    click.echo(server.add_user(workspace, name=name, role=role, password=password))


@users_group.command(name="list")
@WORKSPACE_OPTION
@handle_errors
def users_list(workspace: Path) -> None:
    """List the users of the workspace's installation with their roles."""
    from besluitpak.web import server

    for line in server.list_users(workspace):
        click.echo(line)


from besluitpak import cli_vergadering  # noqa: E402, F401  (adds `besluitpak vergadering`)

if __name__ == "__main__":
    main()
