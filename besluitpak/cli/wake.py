"""What wakes ``besluitpak watch``: a save in the case's folder, told by the kernel (inotify,
through watchdog) the moment the file is closed after writing or renamed into place, or
else the look every ``--interval`` seconds. The look at the files' times stays what decides
whether anything changed: an event only ends the wait sooner."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

WAKING = frozenset({"closed", "moved", "deleted"})
"""watchdog's events that end the wait: a file written and closed, one renamed into place
(an editor's safe save), one removed. Not "modified" (the file may be half written: the
look would see it truncated) nor a file only read (the build's own reading)."""


class Wake:
    """Set by a save in a folder (and below it)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def woken(self) -> None:
        """A save: the watch looks now."""
        self._event.set()

    def wait(self, interval: float) -> None:
        """Until a save or ``interval`` seconds."""
        self._event.wait(interval)
        self._event.clear()


@contextlib.contextmanager
def woken_by_changes(folder: Path) -> Iterator[Wake | None]:
    """A :class:`Wake` for ``folder`` while inside; None where the kernel does not tell
    (no watchdog observer starts): the watch then only looks every interval."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    wake = Wake()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in WAKING:
                wake.woken()

    observer = Observer()
    try:
        observer.schedule(Handler(), str(folder.resolve()), recursive=True)
        observer.start()
    except OSError as e:  # no inotify watches left, a folder gone: look every interval
        log.info("watching %s by looking every interval: %s", folder, e)
        yield None
        return
    try:
        yield wake
    finally:
        observer.stop()
        observer.join(timeout=5)
