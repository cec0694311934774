"""One build at a time writes into an output folder: a second one waits, never interleaves.

The lock is ``.besluitpak.lock`` in the folder (a :class:`filelock.FileLock`: an ``flock``
the kernel frees when the process ends, however it ends). It is taken before the plan reads
what the folder holds, and held until the last file is in place.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from besluitpak import events
from besluitpak.errors import OutputError
from besluitpak.events import OnEvent

LOCK_FILE = ".besluitpak.lock"


@contextlib.contextmanager
def output_locks(folders: Sequence[Path], emit: OnEvent) -> Iterator[None]:
    """Lock each of ``folders`` (creating it), in one order, so that two runs sharing some
    never wait for each other crosswise; say so when another build holds one."""
    with contextlib.ExitStack() as stack:
        for folder in sorted({f.resolve() for f in folders}):
            stack.enter_context(_output_lock(folder, emit))
        yield


@contextlib.contextmanager
def _output_lock(folder: Path, emit: OnEvent) -> Iterator[None]:
    lock = FileLock(folder / LOCK_FILE)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            emit(events.Waiting(message=f"waiting: another build is writing to {folder}"))
            lock.acquire()
    except OSError as e:
        raise OutputError(f"{folder}: cannot write here: {e.strerror}") from e
    try:
        yield
    finally:
        lock.release()
