"""An agendapunt's outcome written into its vergadering file: merged three ways with what
the file says now (:mod:`versions`), set in the old values' style with the blank lines that end
an item kept at its end (ruamel's round trip), and written only when the CLI's loader finds no
new problem in the result, tried on a hidden copy beside the file (its ``zaak:`` paths are
relative to its folder). :func:`besluitpak.editing.meetings.record_outcome` holds the lock.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak.editing import versions, yamledit
from besluitpak.editing.workspace import shown_problem
from besluitpak.errors import BesluitpakError, CaseError, Problem
from besluitpak.files import write_atomic
from besluitpak.meeting.load import load_vergadering


def outcome_of(data: Any, nummer: int) -> dict[str, Any]:
    """Agendapunt ``nummer``'s uitkomst and besluitpunten in a meeting file's plain data."""
    agenda = data.get("agenda") if isinstance(data, dict) else None
    punt = agenda[nummer - 1] if isinstance(agenda, list) and 0 < nummer <= len(agenda) else {}
    punt = punt if isinstance(punt, dict) else {}
    punten = punt.get("besluitpunten")
    return {
        "uitkomst": str(punt.get("uitkomst") or ""),
        "besluitpunten": [" ".join(str(p).split()) for p in punten]
        if isinstance(punten, list)
        else [],
    }


def merged(
    root: Path, path: Path, nummer: int, version: str, mine: dict[str, Any]
) -> tuple[str, list[str]]:
    now = path.read_bytes()
    base = versions.parse(versions.base(root, version, now))
    theirs = outcome_of(versions.parse(now), nummer)
    old = base if base is versions.UNKNOWN else outcome_of(base, nummer)
    merged, _, conflicts = versions.merge3(old, mine, theirs)
    if conflicts:
        raise versions.Conflicted(conflicts, version=versions.remember(root, path), values=merged)
    return str(merged["uitkomst"]), list(merged["besluitpunten"])


def write(
    root: Path, path: Path, *, nummer: int, uitkomst: str, besluitpunten: Sequence[str]
) -> list[Problem]:
    before = path.read_text(encoding="utf-8")
    data = yamledit.load(path)
    agenda = data.get("agenda") if isinstance(data, CommentedMap) else None
    if not isinstance(agenda, CommentedSeq) or not 1 <= nummer <= len(agenda):
        raise BesluitpakError(f"agenda: expected an agendapunt {nummer}, got none")
    punt = agenda[nummer - 1]
    if not isinstance(punt, CommentedMap):
        raise BesluitpakError(f"agenda[{nummer - 1}]: expected a mapping, got {punt!r}")
    _set(punt, "uitkomst", uitkomst or None, after="soort")
    _set(punt, "besluitpunten", list(besluitpunten) or None, after="uitkomst")
    text = yamledit.dumps(data)
    if text == before:
        return []
    problems = _added_problems(root, path, text)
    if not problems:
        write_atomic(path, text.encode("utf-8"), what=path.name)
    return problems


def _set(punt: CommentedMap, key: str, value: Any, *, after: str) -> None:
    """``punt[key] = value`` in the old value's style (None: removed); a new key goes right
    after ``after``. The blank lines that end the item stay at its end."""
    if value is None:
        if key in punt:
            last = list(punt)[-1] == key
            blank = _take_blank(punt, key) if last else None
            del punt[key]
            if blank is not None and len(punt):
                _give_blank(punt, list(punt)[-1], blank)
        return
    if key in punt:
        old = punt[key]
        if isinstance(value, list):
            kept = isinstance(old, CommentedSeq)
            punt[key] = yamledit.merge(old, value) if kept else _sequence(value)
        elif old != value:
            punt[key] = yamledit.styled(old, value)
        return
    fresh = _sequence(value) if isinstance(value, list) else yamledit.styled(None, value)
    keys = list(punt)
    position = keys.index(after) + 1 if after in keys else len(keys)
    blank = _take_blank(punt, keys[-1]) if keys and position == len(keys) else None
    punt.insert(position, key, fresh)
    if blank is not None:
        _give_blank(punt, key, blank)


def _take_blank(punt: CommentedMap, key: str) -> Any:
    """The blank lines after ``punt[key]`` (a comment token), taken away; None if none."""
    value = punt[key]
    if isinstance(value, CommentedSeq) and len(value):
        found = value.ca.items.get(len(value) - 1)
        token = found[0] if found else None
        if token is not None and not token.value.strip():
            del value.ca.items[len(value) - 1]
            return token
        return None
    found = punt.ca.items.get(key)
    token = found[2] if found and len(found) > 2 else None
    if token is not None and not token.value.strip():
        del punt.ca.items[key]
        return token
    return None


def _give_blank(punt: CommentedMap, key: str, token: Any) -> None:
    value = punt[key]
    if isinstance(value, CommentedSeq) and len(value):
        value.ca.items[len(value) - 1] = [token, None]
    else:
        punt.ca.items[key] = [None, None, token, None]


def _sequence(values: list[str]) -> CommentedSeq:
    sequence = CommentedSeq()
    sequence.extend(yamledit.styled(None, v) for v in values)
    return sequence


def _added_problems(root: Path, path: Path, text: str) -> list[Problem]:
    """The problems the loader finds in ``text`` (the file's new content) that the file
    does not already have; tried on a hidden copy beside it (its ``zaak:`` paths are
    relative to its folder)."""
    before = {_key(p, path) for p in _problems(path)}
    handle, shadow_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix
    )
    shadow = Path(shadow_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        after = [replace(p, file=path) if _same(p.file, shadow) else p for p in _problems(shadow)]
    finally:
        shadow.unlink(missing_ok=True)
    return [shown_problem(root, p) for p in after if _key(p, path) not in before]


def _problems(path: Path) -> list[Problem]:
    try:
        load_vergadering(path)
    except CaseError as e:
        return list(e.problems)
    except BesluitpakError as e:
        return [Problem(file=path, line=None, key="", message=str(e))]
    return []


def _same(first: Path, second: Path) -> bool:
    return Path(os.path.normpath(first)).resolve() == second.resolve()


def _key(problem: Problem, path: Path) -> tuple[str, str, str]:
    """A problem without its line (an edit moves the lines below it)."""
    file = "" if _same(problem.file, path) else os.path.normpath(problem.file)
    return (file, problem.key, problem.message)
