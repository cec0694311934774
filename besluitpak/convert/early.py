"""A LibreOffice started before the build knows what it converts.

``besluitpak build`` starts one idle LibreOffice per worker (``soffice --headless`` on a
locked, tuned worker profile) as soon as the up-to-date check says the case must be built,
so that their start (~0.35 s each) overlaps importing, loading the case, planning and
rendering instead of following them. The first local conversion of the process takes them
(:func:`take`): the ``soffice --convert-to`` of each batch, started on an idle one's
profile once the sources are written, hands its files to the running LibreOffice (its own
pipe) and returns when they are converted, so the batches convert side by side from the
moment rendering ends, as the floor's do. A batch of many (a build of several cases) is
handed over at once, before its files are written: the running LibreOffice converts them
as they come (:data:`~besluitpak.convert.workers.STREAM_AT_LEAST`). A build with nothing
to convert, or converting elsewhere, ends them unused (:func:`end`), and a conversion with
fewer batches than idle LibreOffices ends the rest.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from besluitpak.convert.libreoffice import soffice, tune_profile
from besluitpak.errors import ConversionError
from besluitpak.files import cache_home


@dataclass
class Idle:
    """A LibreOffice running on ``profile``, waiting for a conversion handed to it."""

    profile: Path
    process: subprocess.Popen[bytes]
    held: contextlib.ExitStack
    """The profile's lock (and the process's end), let go by :meth:`close`."""

    def close(self) -> None:
        """End the LibreOffice if it still runs (it ends itself after a hand-over) and
        let go of the profile."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.held.close()


_idle: list[Idle] = []


def start(count: int = 1) -> None:
    """Start ``count`` idle LibreOffices, each on a worker profile no other process uses."""
    for _ in range(count):
        _start_one()


def _start_one() -> None:
    from filelock import FileLock, Timeout

    root = cache_home() / "profiles"
    root.mkdir(parents=True, exist_ok=True)
    held = contextlib.ExitStack()
    for index in range(64):
        lock = FileLock(root / f"worker-{index}.lock", timeout=0)
        try:
            held.enter_context(lock)
        except Timeout:  # another build's worker: try the next
            continue
        profile = root / f"worker-{index}"
        break
    else:
        return
    try:
        tune_profile(profile)
        command = [
            soffice(),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            *("--headless", "--invisible", "--norestore", "--nologo", "--nodefault"),
            "--nolockcheck",
        ]
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", LC_ALL="C.UTF-8")
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    except (OSError, ConversionError):
        held.close()  # the build starts its LibreOffice itself, and says what is wrong
        return
    _idle.append(Idle(profile=profile, process=process, held=held))


def take(count: int = 1) -> list[Idle]:
    """Up to ``count`` idle LibreOffices, for the caller to hand a batch each to and
    :meth:`~Idle.close`; those that died are ended, the rest are not taken."""
    taken: list[Idle] = []
    while _idle and len(taken) < count:
        idle = _idle.pop(0)
        if idle.process.poll() is None:
            taken.append(idle)
        else:
            idle.close()
    return taken


def end() -> None:
    """End every idle LibreOffice not taken."""
    while _idle:
        _idle.pop().close()


@contextlib.contextmanager
def started(wanted: bool = True, count: int = 1) -> Iterator[None]:
    """``count`` idle LibreOffices while inside (none unless ``wanted``), ended on leaving
    if no conversion took them."""
    if wanted:
        start(count)
    try:
        yield
    finally:
        end()
