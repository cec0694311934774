"""Records kept as chained lines: one JSON object a line, only ever appended to, each line
naming the SHA-256 of the line before it (``vorige``), so that a line changed in place breaks
the chain at the line after it. The paraafroute's record (:mod:`besluitpak.route.record`) and
the review decisions (:mod:`besluitpak.editing.reviewlog`) are kept so; the caller holds the
case's edit lock while it appends."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path


def line_hash(line: bytes) -> str:
    """The SHA-256 of one line as written (without its newline), as the next line names it."""
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def read_lines(path: Path) -> list[bytes]:
    """The record's lines (without their newlines); none when there is no record."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    return [line for line in data.split(b"\n") if line.strip()]


def next_link(lines: Sequence[bytes]) -> dict[str, int | str]:
    """What the line after ``lines`` carries: its number ``nr`` and ``vorige``."""
    return {"nr": len(lines) + 1, "vorige": line_hash(lines[-1]) if lines else ""}


def append(path: Path, line: bytes) -> None:
    """``line`` (one JSON object, no newline) appended to the record at ``path`` and flushed
    to disk before this returns."""
    with path.open("ab") as out:
        out.write(line.rstrip(b"\n") + b"\n")
        out.flush()
        os.fsync(out.fileno())
