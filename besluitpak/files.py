"""Writing and fingerprinting files: every output is written whole or not at all."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

from besluitpak.errors import OutputError

log = logging.getLogger(__name__)


def safe_name(text: str) -> str:
    """``2014/123456`` -> ``2014-123456``, ``UTR.2026.804711`` -> ``UTR-2026-804711``: safe
    in file and folder names (only letters, digits, ``-`` and ``_``; so no leading dot, no
    ``..``). The one place a kenmerk becomes a name: bundles, documents, batch and archive
    folders."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "zaak"


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    """SHA-256 of a file, remembered (in this process) while the file is unchanged."""
    stat = path.stat()
    return _file_hash(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _file_hash(path: Path, mtime_ns: int, size: int) -> str:
    return sha256(path)


_STAGED = ".unchecked"


def staged(target: Path) -> Path:
    """Where a public file is written to be read back before it takes ``target``'s place."""
    return target.with_name(f".{target.name}{_STAGED}")


def shown_name(path: Path) -> str:
    """The name a message gives ``path``: a :func:`staged` file's target's name."""
    name = path.name
    if name.startswith(".") and name.endswith(_STAGED):
        return name[1 : -len(_STAGED)]
    return name


def write_atomic(path: Path, data: bytes, *, what: str = "the previous file") -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new, never half;
    a failure (read-only folder, full disk) is an OutputError and leaves the old file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as e:
        raise OutputError(
            f"{path.parent}: cannot write {path.name}: {e.strerror or e}; {what} is unchanged"
        ) from e
    finally:
        partial.unlink(missing_ok=True)


def remembered(memo: Path, stamp: str, compute: Callable[[], str]) -> str:
    """``compute()``'s answer, kept in ``memo`` while ``stamp`` (what the answer depends on,
    e.g. a program's path and mtime) is unchanged: for questions that cost a process start."""
    try:
        known_stamp, known = memo.read_text(encoding="utf-8").split("\n")[:2]
        if known_stamp == stamp and known:
            return known
    except (OSError, ValueError) as e:  # not remembered yet, or unreadable: ask again
        log.debug("%s: asking again (%s)", memo, e)
    answer = compute()
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        partial = memo.with_name(f".{memo.name}.{os.getpid()}")
        partial.write_text(f"{stamp}\n{answer}\n", encoding="utf-8")
        partial.replace(memo)
    except OSError as e:  # only a memo: next time we ask again
        log.debug("%s: cannot remember the answer (%s)", memo, e)
    return answer


def cache_home() -> Path:
    """Where besluitpak keeps profiles and cached documents (``$BESLUITPAK_CACHE`` or XDG)."""
    if "BESLUITPAK_CACHE" in os.environ:
        return Path(os.environ["BESLUITPAK_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "besluitpak"
