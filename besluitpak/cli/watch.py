"""``besluitpak watch``: rebuild a case at every save, on a LibreOffice kept running
meanwhile (:func:`besluitpak.keep_converter_warm`)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click

import besluitpak
from besluitpak.cli.base import CASE_ARG, Progress, handle_errors, main, say, settings_from
from besluitpak.cli.wake import Wake, woken_by_changes
from besluitpak.errors import BesluitpakError

WARM_START = 20.0
"""Seconds watch waits after its first build for the warm LibreOffice to answer."""


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
    type=click.Choice(besluitpak.EDITIONS),
    help="Which edition(s) to rebuild (default: intern and openbaar).",
)
@click.option(
    "--interval",
    type=float,
    default=0.5,
    show_default=True,
    help="Seconds between looks at the input files (a save the system tells of: at once).",
)
@click.option(
    "--warm/--cold",
    default=True,
    show_default=True,
    help="Keep a LibreOffice running (a unoserver, when installed) for the rebuilds, "
    "or start one for each.",
)
@click.option("--max-rebuilds", type=int, default=None, hidden=True)
@handle_errors
def watch(
    case: Path,
    out: Path,
    editions: tuple[str, ...],
    interval: float,
    warm: bool,
    max_rebuilds: int | None,
) -> None:
    """Rebuild on every save of the case, a data file or a template (Ctrl-C stops).

    Only what changed is converted again, on a LibreOffice kept running meanwhile, so one
    edited bijlage is back in about a second; a broken edit shows its error and keeps the
    last good bundle.
    """
    path = besluitpak.case_file(case)
    seen = _snapshot(path)
    with besluitpak.keep_converter_warm(1 if warm else 0) as converter:
        _watch_build(path, out, editions)  # while the warm LibreOffice starts
        warm = converter is not None and converter.wait(WARM_START)
        if converter is not None:
            if warm:
                say("  LibreOffice kept running for the rebuilds")
            else:
                say("  LibreOffice did not start warm: each rebuild starts one")
        _prime(path, editions=editions, convert=warm)
        with woken_by_changes(path.parent) as wake:
            say(f"watching {path.parent} (Ctrl-C to stop)")
            _watch(path, out, editions, (interval, wake), seen, max_rebuilds)


def _watch(
    path: Path,
    out: Path,
    editions: tuple[str, ...],
    looks: tuple[float, Wake | None],
    seen: dict[str, int],
    max_rebuilds: int | None,
) -> None:
    """Rebuild at every change until Ctrl-C (or ``max_rebuilds``): a look at the files
    when the kernel tells of a change, else every interval."""
    interval, wake = looks
    rebuilds = 0
    try:
        while max_rebuilds is None or rebuilds < max_rebuilds:
            if wake is None:
                time.sleep(interval)
            else:
                wake.wait(interval)
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


def _prime(path: Path, *, editions: tuple[str, ...], convert: bool) -> None:
    """The first rebuild as quick as the next: the converter primed
    (:func:`besluitpak.prime`), then the case built once more, into a folder thrown away,
    from the documents the first build left in the cache, so that everything assembly
    reads once (its modules, fonts, profiles, checks) is read before the advisor's first
    save (that rebuild took ~0.5 s, the next ~0.35 s). A case that does not load or build
    now is left for that rebuild to report."""
    try:
        case = besluitpak.load_case(path)
        besluitpak.prime(case, convert=convert)
        with tempfile.TemporaryDirectory(prefix="besluitpak-prime-") as folder:
            settings = settings_from(editions=editions or besluitpak.EDITIONS)
            besluitpak.build(case, out=Path(folder), settings=settings)
    except (BesluitpakError, OSError):
        return


def _watch_build(path: Path, out: Path, editions: tuple[str, ...]) -> None:
    started = time.perf_counter()
    try:
        loaded = besluitpak.load_case(path)
        built = besluitpak.build(
            loaded,
            out=out,
            settings=settings_from(editions=editions or besluitpak.EDITIONS),
            on_event=Progress(),
        )
    except BesluitpakError as e:
        click.secho(f"error: {e}", fg="red", err=True)
        say("  the last good bundle is kept")
        return
    say(
        f"rebuilt in {time.perf_counter() - started:.2f} s: "
        f"{', '.join(f.name for f in built.files)}"
    )
