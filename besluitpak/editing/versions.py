"""The version an edit form was made from, so a save never undoes someone else's change.

Every edit form carries the SHA-256 of the file's bytes when its page was rendered (the
hidden field :data:`FIELD`); the bytes themselves are kept in the workspace's private folder
under that hash (:func:`remember`). On saving, under the file's edit lock, the values the
form was made from (the *base*), the person's values (*mine*) and the file's values now
(*theirs*) are merged three ways (:func:`merge3`): what only one side changed is taken, what
both changed differently is a :class:`Conflict`, shown with both values, and nothing is
written. Whoever changed the file since (a colleague on the page, the command line, an
editor) is covered the same way: the hash differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from besluitpak.editing.workspace import private_folder
from besluitpak.files import write_atomic

FIELD = "_versie"
"""The hidden field of every edit form: the hash of the file it was made from."""
KEEP_SECONDS = 3 * 24 * 3600
"""How long a version's bytes are kept (a page left open longer: its base is unknown)."""
_HASH = re.compile(r"[0-9a-f]{64}")


class _Sentinel:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING: Any = _Sentinel("MISSING")
"""A key that is not there."""
UNKNOWN: Any = _Sentinel("UNKNOWN")
"""The base is not known (its bytes are no longer kept): every difference is a conflict."""


@dataclass(frozen=True, kw_only=True)
class Conflict:
    """A value both the person and someone else changed, each differently."""

    key: str
    mine: Any
    theirs: Any


class Conflicted(Exception):
    """Raised under the edit lock when a save meets a conflicting change: nothing written."""

    def __init__(self, conflicts: list[Conflict], *, version: str, values: Any = None) -> None:
        super().__init__(", ".join(c.key for c in conflicts))
        self.conflicts = conflicts
        self.version = version
        self.values = values
        """The merged values (the person's on a conflict): the form shown again."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _folder(root: Path) -> Path:
    return private_folder(root) / "versies"


def remember(root: Path, path: Path) -> str:
    """The hash of ``path``'s bytes now, its bytes kept under it; "" when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    version = digest(data)
    folder = _folder(root)
    kept = folder / version
    if not kept.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(kept, data, what=version)
        _forget_old(folder)
    else:
        os.utime(kept)
    return version


def _forget_old(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for kept in folder.iterdir():
        try:
            if kept.stat().st_mtime < limit:
                kept.unlink()
        except OSError:
            continue


def base(root: Path, given: Any, now: bytes) -> bytes | None:
    """The bytes the form was made from: ``now`` when the form names no version (a request
    made by hand) or the version now; the kept bytes; None when they are no longer kept."""
    version = str(given or "")
    if not version or version == digest(now):
        return now
    if not _HASH.fullmatch(version):
        return None
    try:
        return (_folder(root) / version).read_bytes()
    except OSError:
        return None


def form_base(root: Path, given: Any, now: bytes) -> bytes | None:
    """The bytes a page's form was made from, as :func:`base`, but None when the post names
    no version: every form of the page carries one, so a post without it (made by hand, or
    cut short) cannot tell what the person saw and is merged as made from an unknown version
    (each field someone else changed is a conflict), never as made from ``now``."""
    if not str(given or ""):
        return None
    return base(root, given, now)


def known(root: Path, path: Path, version: str) -> bool:
    """Whether ``version`` is one ``path`` was saved as here (its bytes kept in ``root``'s
    private folder, or its bytes now); no version given counts as known."""
    if not version:
        return True
    try:
        return base(root, version, path.read_bytes()) is not None
    except OSError:
        return False


def unchanged(
    root: Path, path: Path, version: str, key: str, mine: Any, part: Callable[[Any], Any]
) -> None:
    """Raise :class:`Conflicted` when ``part(data)`` of the file at ``path`` differs from what
    it was in ``version`` (the version the person's page or command was made from; an
    unknown one differs); nothing to check without a version."""
    if not version:
        return
    now = path.read_bytes()
    old = parse(base(root, version, now))
    theirs = part(parse(now))
    if old is UNKNOWN or part(old) != theirs:
        conflict = Conflict(key=key, mine=mine, theirs=theirs)
        raise Conflicted([conflict], version=remember(root, path))


def parse(data: bytes | None) -> Any:
    """A version's data as plain values (as :func:`besluitpak.editing.yamledit.read` gives them);
    UNKNOWN for None or bytes that are no YAML."""
    if data is None:
        return UNKNOWN
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(data.decode("utf-8"), Loader=loader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return UNKNOWN


def _same(a: Any, b: Any) -> bool:
    if a in (None, MISSING) and b in (None, MISSING):
        return True
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return a == b and isinstance(a, dt.datetime) == isinstance(b, dt.datetime)
    return type(a) is type(b) and a == b


def _key(key: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{key}[{part}]"
    return f"{key}.{part}" if key else part


def _changed(old: Any, new: Any, key: str) -> list[str]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        names = list(dict.fromkeys([*old, *new]))
        return [
            k
            for name in names
            for k in _changed(old.get(name, MISSING), new.get(name, MISSING), _key(key, name))
        ]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            k
            for i, (o, n) in enumerate(zip(old, new, strict=True))
            for k in _changed(o, n, _key(key, i))
        ]
    return [] if _same(old, new) else [key]


def merge3(
    base: Any, mine: Any, theirs: Any, *, key: str = ""
) -> tuple[Any, list[str], list[Conflict]]:
    """``mine`` and ``theirs`` (each made from ``base``) as one value, the keys the person
    changed, and the conflicts (there the person's value stands in the result)."""
    if _same(mine, theirs):
        return mine, [], []
    if base is not UNKNOWN and _same(mine, base):
        return theirs, [], []
    if base is not UNKNOWN and _same(theirs, base):
        return mine, _changed(base, mine, key), []
    if isinstance(mine, Mapping) and isinstance(theirs, Mapping):
        return _merge_maps(base, mine, theirs, key)
    if _same_length_lists(base, mine, theirs):
        merged: list[Any] = []
        changed: list[str] = []
        conflicts: list[Conflict] = []
        for index in range(len(mine)):
            old = UNKNOWN if base is UNKNOWN else base[index]
            value, c, x = merge3(old, mine[index], theirs[index], key=_key(key, index))
            merged.append(value)
            changed += c
            conflicts += x
        return merged, changed, conflicts
    return mine, [key], [Conflict(key=key, mine=mine, theirs=theirs)]


def _same_length_lists(base: Any, mine: Any, theirs: Any) -> bool:
    lists = isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs)
    return lists and (base is UNKNOWN or (isinstance(base, list) and len(base) == len(mine)))


def _merge_maps(
    base: Any, mine: Mapping[str, Any], theirs: Mapping[str, Any], key: str
) -> tuple[Any, list[str], list[Conflict]]:
    merged: dict[str, Any] = {}
    changed: list[str] = []
    conflicts: list[Conflict] = []
    for name in dict.fromkeys([*theirs, *mine]):
        if base is UNKNOWN:
            old = UNKNOWN
        else:
            old = base.get(name, MISSING) if isinstance(base, Mapping) else MISSING
        value, c, x = merge3(
            old, mine.get(name, MISSING), theirs.get(name, MISSING), key=_key(key, name)
        )
        if value is not MISSING:
            merged[name] = value
        changed += c
        conflicts += x
    return merged, changed, conflicts


def shown(value: Any) -> str:
    """A value as a conflict message shows it."""
    if value in (None, MISSING, ""):
        return "(leeg)"
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, list):
        return "; ".join(shown(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {shown(v)}" for k, v in value.items())
    return str(value)


def message(conflict: Conflict, label: str = "") -> str:
    """A conflict in Dutch, with both values."""
    return (
        f"{label or conflict.key}: intussen door iemand anders gewijzigd. "
        f"Uw waarde: „{shown(conflict.mine)}”; nu in het bestand: „{shown(conflict.theirs)}”."
    )


INTRO = (
    "Iemand anders heeft dit intussen gewijzigd, en deels dezelfde velden als u. "
    "Bij elk van die velden staan beide waarden; uw invoer staat nog in het formulier. "
    "Kies per veld wat blijft en sla opnieuw op."
)
