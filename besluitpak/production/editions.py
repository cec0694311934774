"""The editions of a package (intern, openbaar) assembled side by side, on the cores there are.

Each edition's bundle is its own work: its parts, its guard, its checks, its file. The
work is Python walking PDF objects through pikepdf, which holds the GIL: threads gain
nothing (measured: serial 1.31-1.60 s, threads 1.45-1.48 s, forked processes 0.89-1.03 s for
the reference case's two editions after one changed bijlage), so each edition but the
first runs in a forked process, which inherits the package and sends back only its
files, pages and warnings. The results are taken in edition order, so the files and
warnings are the same however they ran. An edition that fails in its process is run
again here, so its error is raised as a serial build raises it.

``BESLUITPAK_EDITIONS=serial`` (or ``threads``) runs them so instead, for measuring.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
U = TypeVar("U")

_FORKED: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""What a forked worker runs: it inherits this, so nothing but an index crosses over."""


def each(work: Callable[[T], U], items: Sequence[T]) -> list[U]:
    """``work(item)`` for every item, in order."""
    mode = os.environ.get("BESLUITPAK_EDITIONS", "processes")
    cores = os.cpu_count() or 1
    if len(items) < 2 or cores < 2 or mode == "serial" or (mode == "processes" and not _forks()):
        return [work(item) for item in items]
    if mode == "threads":
        with ThreadPoolExecutor(max_workers=min(len(items), cores)) as pool:
            return list(pool.map(work, items))
    return _forked(work, items, min(len(items), cores) - 1)


def _forks() -> bool:
    """Whether this process may fork: Python 3.12 deprecates forking while other threads
    run (and warns), so there it forks only when this is the only thread."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return sys.version_info < (3, 12) or threading.active_count() == 1


def _forked(work: Callable[[T], U], items: Sequence[T], workers: int) -> list[U]:
    """The first item here, the others in ``workers`` forked processes meanwhile."""
    global _FORKED
    _FORKED = (work, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_run, index) for index in range(1, len(items))]
            results = [work(items[0])]
            for index, future in enumerate(futures, start=1):
                try:
                    results.append(future.result())
                except Exception:  # raised, or not picklable: raise it as a serial run does
                    results.append(work(items[index]))
            return results
    finally:
        _FORKED = None


def _run(index: int) -> Any:
    assert _FORKED is not None
    work, items = _FORKED
    return work(items[index])
