"""One value of a case file set by its key path (``onderwerp``, ``bijlagen[1].titel``,
``voorstel.data.aanleiding``), as a person types it on the command line.

The value is read as one YAML value (``2026-03-11`` a date, ``12`` a number, ``ja`` a text:
YAML 1.2, which knows only ``true``/``false``); what is no single value (``a: b``) stays the
text it was typed as. It is set on the file's round-trip data in the old value's style
(:func:`yamledit.styled`), so comments and layout stay, and saved through :func:`edits.save`,
which refuses what the CLI's loader refuses, in its words. The edit lock is held throughout;
``version`` (the case file's hash the person saw) makes a change someone made to the same
key since a :class:`versions.Conflicted` instead of an overwrite.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from besluitpak import codes
from besluitpak.editing import edits, versions, yamledit
from besluitpak.editing.formschema import key_parts
from besluitpak.editing.workspace import CASE_FILE, edit_root
from besluitpak.errors import BesluitpakError, Problem


class KeyPathError(BesluitpakError):
    """Raised when a key path names no place in the case file a value can be set."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        """The case file's line the message is about (1-based), where known."""


def typed(text: str) -> Any:
    """``text`` as the one YAML value it spells (a date, a number, true/false, null), else
    the text itself."""
    yaml = YAML(typ="safe", pure=True)
    try:
        value = yaml.load(io.StringIO(text))
    except (YAMLError, ValueError):  # ValueError: a date that is none (2026-13-01)
        return text
    if isinstance(value, dict | list) or (value is None and text.strip() not in {"null", "~"}):
        return text
    return value


def check_key(key: str) -> list[str | int]:
    """The parts of ``key`` when it is a key path (``bijlagen[1].titel``)."""
    parts = key_parts(key)
    if not parts or isinstance(parts[0], int) or key_path(parts) != key:
        raise KeyPathError(
            f"key: expected a key path like onderwerp or bijlagen[1].titel, got {key!r}"
        )
    return parts


def value_at(data: Any, parts: list[str | int]) -> Any:
    """The plain value at ``parts`` in ``data``; None where there is none."""
    for part in parts:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def set_value(folder: Path, key: str, text: str, *, version: str = "") -> list[Problem]:
    """Set ``key`` of the case file in ``folder`` to ``text`` (read by :func:`typed`);
    returns the problems it would add (then nothing is written)."""
    parts = check_key(key)
    value = typed(text)
    with edits.locked(folder):
        _version_check(folder, version, key, value, parts)
        data = yamledit.load(folder / CASE_FILE)
        parent, line = _parent(data, parts, key)
        last = parts[-1]
        new = isinstance(parent, CommentedMap) and last not in parent
        old = parent.get(last) if isinstance(parent, CommentedMap) else parent[last]
        parent[last] = yamledit.styled(old, value)
        problems = edits.save(folder, {CASE_FILE: yamledit.dumps(data).encode("utf-8")})
    return [_at(p, key, line) for p in problems] if new else problems


def _at(problem: Problem, key: str, line: int | None) -> Problem:
    """A problem with the new key ``key`` (not written: the file has no line of it yet) at
    ``line``, its nearest parent's (None for a key of the top level)."""
    if problem.file.as_posix() == CASE_FILE and (
        problem.key == key or problem.key.startswith((f"{key}.", f"{key}["))
    ):
        return replace(problem, line=line)
    return problem


def _version_check(folder: Path, version: str, key: str, mine: Any, parts: list[str | int]) -> None:
    root, path = edit_root(folder), folder / CASE_FILE
    versions.unchanged(root, path, version, key, mine, lambda data: value_at(data, parts))


def _parent(data: Any, parts: list[str | int], key: str) -> tuple[Any, int | None]:
    """The mapping or list that holds the last part of ``parts``, and the line of its key
    (None for the case file itself)."""
    node, line, above = data, _line(data, None), None
    for depth, part in enumerate(parts):
        here = key_path(parts[:depth]) or "the case file"
        if isinstance(part, str) and not isinstance(node, CommentedMap):
            raise _refused(line, here, "a mapping", node)
        if isinstance(part, int) and not isinstance(node, CommentedSeq):
            raise _refused(line, here, "a list", node)
        if isinstance(part, int) and part >= len(node):
            raise KeyPathError(
                f"{key}: expected an index below {len(node)} (the list {here} has "
                f"{len(node)} items), got {part}",
                line=line,
            )
        if depth == len(parts) - 1:
            return node, above
        line = above = _line(node, part)
        node = node.get(part) if isinstance(node, CommentedMap) else node[part]
    return node, above


def _refused(line: int | None, where: str, expected: str, got: Any) -> KeyPathError:
    return KeyPathError(f"{where}: expected {expected}, got {codes.describe(got)}", line=line)


def _line(node: Any, part: str | int | None) -> int | None:
    """The line (1-based) of ``part`` in ``node`` (of ``node`` itself for None), where ruamel
    knows it."""
    try:
        if part is None:
            return int(node.lc.line) + 1
        where = node.lc.key(part) if isinstance(part, str) else node.lc.item(part)
        return int(where[0]) + 1
    except (AttributeError, TypeError, KeyError, IndexError):
        return None


def key_path(parts: list[str | int]) -> str:
    """``['bijlagen', 1, 'titel']`` -> ``bijlagen[1].titel``."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")


def line_of(folder: Path, key: str) -> int | None:
    """The line (1-based) of the top-level ``key`` in the case file, where it can be read."""
    try:
        return _line(yamledit.load(folder / CASE_FILE), key)
    except yamledit.YamlEditError:
        return None
