"""What every command shares: the ``besluitpak`` group, its options, error handling and
progress lines."""

from __future__ import annotations

import atexit
import functools
import gc
import logging
import os
import select
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from besluitpak.errors import BesluitpakError

if TYPE_CHECKING:
    from besluitpak import BuildSettings, Event

# The case model (pydantic), the pipeline and the stages that pull in docxtpl, pikepdf and
# lxml are imported by the commands that use them: `besluitpak build` on unchanged inputs
# needs none of them (see besluitpak.up_to_date) and is done in a tenth of a second.

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
    help="LibreOffice workers (default: one per core, at most four).",
)


_CONVERTER = "besluitpak.converter"
"""Where ``--converter`` is kept in the click context, for :func:`converter_option`."""


def _take_converter(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Refuse a ``--converter`` that names no converter, before any work, and keep it for
    the command's settings (:func:`settings_from`, :func:`converter_option`)."""
    if not value:
        return
    import besluitpak

    try:
        besluitpak.BuildSettings(converter=value)  # the settings refuse a spec that is not one
    except BesluitpakError as e:
        raise click.BadParameter(str(e)) from None
    ctx.meta[_CONVERTER] = value


def converter_option() -> str | None:
    """The running command's ``--converter`` (None: not given, then the settings'
    default, ``$BESLUITPAK_CONVERTER`` or the local workers, applies)."""
    value = click.get_current_context().meta.get(_CONVERTER)
    return value if isinstance(value, str) else None


CONVERTER_OPTION = click.option(
    "--converter",
    metavar="SPEC",
    default=None,
    expose_value=False,
    callback=_take_converter,
    help="Who converts the Word documents: local (the LibreOffice workers here) or "
    "unoserver://HOST:PORT[,HOST:PORT…] (a pool of unoserver instances); default: "
    "$BESLUITPAK_CONVERTER, else local.",
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
        except BrokenPipeError:
            if not _reader_gone():
                raise  # a pipe of our own (a worker's) broke: a bug to report
            _quiet_end()
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


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone (``… | head -1``)."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's runner)
        return False
    poll = select.poll()
    poll.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poll.poll(0))


def _quiet_end() -> None:
    """End as a command whose reader stopped listening: no message, exit status 141 (as a
    shell reports SIGPIPE), and nothing more written to the closed pipe at exit (the
    interpreter's last flush would complain)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(141)


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
    _collect_less()
    _VERBOSITY[0] = -1 if quiet else (1 if verbose else 0)
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("  debug: %(name)s: %(message)s"))
        handler.addFilter(lambda record: record.levelno < logging.WARNING)  # warnings: events
        logger = logging.getLogger("besluitpak")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)


def _collect_less() -> None:
    """Python's cycle collector, tuned for a command that runs and ends: a build makes
    ~100,000 long-lived objects (the imported modules, pydantic's validators, the PDFs'
    objects), which the default thresholds scan again and again (~0.15 s of a cold build),
    and which the interpreter scans once more at exit (~0.3 s) only to free memory the
    process is about to give back. Collected after 20,000 new objects instead of 700, and
    nothing collected once the command is done (frozen at exit: files, locks and
    subprocesses are ended by their own ``with`` blocks and atexit handlers, not by the
    collector). Only in a process that is the command (``besluitpak``, ``python -m
    besluitpak``), not in one that calls it in-process (the tests)."""
    program = Path(sys.argv[0] if sys.argv else "")
    if "besluitpak" not in (program.name, program.parent.name) or _COLLECTING_LESS:
        return
    _COLLECTING_LESS.append(True)
    gc.set_threshold(20_000, 20, 20)
    atexit.register(gc.freeze)


_COLLECTING_LESS: list[bool] = []


_VERBOSITY = [0]
"""-1 with -q, 1 with -v (set by main for the command that runs)."""


def say(line: str) -> None:
    """A progress line on stderr (not with -q)."""
    if _VERBOSITY[0] >= 0:
        click.echo(line, err=True)


def up_to_date_message(kenmerk: str) -> str:
    """What is said when a build had nothing to do."""
    return f"up to date: {kenmerk}: no input changed since the last build"


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
                say(f"  {up_to_date_message(kenmerk)}")
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


def settings_from(**options: Any) -> BuildSettings:
    """BuildSettings from the command's options (a None today means the clock's) and its
    ``--converter``."""
    import besluitpak

    if options.get("today") is None:
        options.pop("today", None)
    options.setdefault("converter", converter_option())
    return besluitpak.BuildSettings(**options)


ARCHIEF_OPTION = click.option(
    "--archief",
    type=click.Path(path_type=Path),
    default=Path("archief"),
    show_default=True,
    help="The archive folder (a folder per kenmerk, a folder per version).",
)


WORKSPACE_OPTION = click.option(
    "--workspace",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="The workspace: a folder of case folders (its database lives in .besluitpak/ "
    "unless DATABASE_URL says otherwise).",
)
