"""The route record in the archive: each version keeps the case's record of route actions as
it was when archived (``route.jsonl``), its actions as MDTO events, and ``verify`` checks
that the record only grew: an earlier version's lines are a prefix of a later one's, each
version's chain holds, and every paraaf names a package version that exists (an archived
version's inputs, or a package state the record itself describes)."""

from __future__ import annotations

import json
from pathlib import Path

from besluitpak import chained
from besluitpak.archival.layout import MANIFEST, VERSION_NAME, versions
from besluitpak.casefile.case import Case
from besluitpak.errors import CaseError, Problem
from besluitpak.route import record
from besluitpak.route.package import inputs_digest

ROUTE = "route.jsonl"
"""A version's copy of the route record."""


def record_bytes(case: Case) -> bytes:
    """The case's route record now, its complete lines only (b"" when there is none)."""
    path = record.record_file(case.path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return b""
    return data[: data.rfind(b"\n") + 1]


def refuse_broken(case: Case, folder: Path) -> None:
    """Before a version is written: the case's route record whole (every line complete, its
    chain intact) and holding the latest archived version's record (in ``folder``, a
    kenmerk's) as its first lines, else :class:`CaseError` naming the file and line:
    nothing is archived. A record cut off or shortened would be kept as if it were whole."""
    path = record.record_file(case.path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    lines = [line for line in data.split(b"\n") if line.strip()]
    problems = record.parse(lines, shown=path)[1]
    if data.strip() and not data.endswith(b"\n"):
        problems.append(
            Problem(
                file=path,
                line=len(lines),
                key="",
                message="expected a whole line, ending in a newline, got one cut off: "
                "the record was truncated",
            )
        )
    archived = [v / ROUTE for v in versions(folder) if (v / ROUTE).is_file()]
    if archived:
        problems += _shortened(path, lines, archived[-1])
    if problems:
        raise CaseError(problems, what="the route record (nothing was archived)")


def _shortened(path: Path, lines: list[bytes], kept: Path) -> list[Problem]:
    """The first line where ``lines`` stop holding the archived record ``kept``."""
    old = chained.read_lines(kept)
    version = kept.parent.name
    for number, was in enumerate(old, start=1):
        now = lines[number - 1] if number <= len(lines) else None
        if now == was:
            continue
        got = "none: the line was removed" if now is None else "a different line: it was changed"
        return [
            Problem(
                file=path,
                line=number,
                key="",
                message=f"expected line {number} as archived in {version} ({kept}), got {got}",
            )
        ]
    return []


def keep(case: Case, staging: Path) -> list[record.Action]:
    """Copy the case's route record into the version being written (``route.jsonl``, when
    there is one); its actions (those that parse), for the MDTO record's events."""
    data = record_bytes(case)
    if not data:
        return []
    (staging / ROUTE).write_bytes(data)
    lines = [line for line in data.split(b"\n") if line.strip()]
    return record.parse(lines, shown=staging / ROUTE)[0]


def problems(folder: Path) -> list[str]:
    """What is wrong with the route records of the versions in a kenmerk's ``folder``."""
    found = sorted(
        (v for v in folder.iterdir() if v.is_dir() and VERSION_NAME.match(v.name)),
        key=lambda v: int(v.name[1:]),
    )
    known = {_archived_package(v) for v in found} - {""}
    out: list[str] = []
    before: tuple[Path, list[bytes]] | None = None
    for version in found:
        path = version / ROUTE
        if not path.is_file():
            if before is not None:
                out.append(f"{path}: missing, while {before[0].name} kept a route record")
            continue
        lines = chained.read_lines(path)
        parsed, chain = record.parse(lines, shown=path)
        out += [str(p) for p in chain]
        if before is not None:
            out += _prefix(path, lines, before)
        out += _packages(path, parsed, known)
        before = (version, lines)
    return out


def _archived_package(version: Path) -> str:
    try:
        manifest = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
        inputs = manifest["fingerprint"]["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return inputs_digest(inputs) if isinstance(inputs, dict) else ""


def _prefix(path: Path, lines: list[bytes], before: tuple[Path, list[bytes]]) -> list[str]:
    earlier, old = before
    if len(lines) < len(old):
        return [
            f"{path}: {len(lines)} lines, fewer than the {len(old)} of {earlier.name}: "
            "archived actions were removed"
        ]
    for number, (was, now) in enumerate(zip(old, lines, strict=False), start=1):
        if was != now:
            return [
                f"{path}:{number}: differs from line {number} of {earlier.name}'s record: "
                "an archived action was rewritten"
            ]
    return []


def _packages(path: Path, parsed: list[record.Action], known: set[str]) -> list[str]:
    described = {inputs_digest(a.bestanden) for a in parsed if a.bestanden}
    out = []
    for action in parsed:
        if action.wat != "paraaf":
            continue
        if action.bestanden and inputs_digest(action.bestanden) != action.pakket:
            out.append(
                f"{path}:{action.nr}: pakket: expected the fingerprint of its bestanden, "
                f"got {str(action.pakket)[:16]}…"
            )
        elif action.pakket not in known | described:
            out.append(
                f"{path}:{action.nr}: pakket: expected a package version that exists "
                f"(archived, or described in the record), got {str(action.pakket)[:16]}…"
            )
    return out
