"""A passage the personal-data guard found that may be public anyway: ``{tekst, reden}`` in
the case file's ``openbaar.toegestaan``, which ``publish`` then lets through (the page's
"Persoonsgegeven toestaan")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak.editing import yamledit
from besluitpak.editing.edits import locked, save
from besluitpak.editing.workspace import CASE_FILE
from besluitpak.errors import BesluitpakError, Problem


class AlreadyAllowed(BesluitpakError):
    """The passage is in ``openbaar.toegestaan`` already: nothing was written."""


def allow(folder: Path, *, tekst: str, reden: str) -> list[Problem]:
    """Add ``{tekst, reden}`` to ``openbaar.toegestaan`` of the case file in ``folder``,
    under the case's edit lock, only when the CLI's loader accepts the result: the problems
    it found (none: written). :class:`AlreadyAllowed` when ``tekst`` is allowed already."""
    with locked(folder):  # read and written as one
        data = yamledit.load(folder / CASE_FILE)
        _append(data, tekst=tekst, reden=reden)
        return save(folder, {CASE_FILE: yamledit.dumps(data).encode()})


def _append(data: Any, *, tekst: str, reden: str) -> None:
    """``{tekst, reden}`` appended to ``openbaar.toegestaan`` of the case file's data (a
    ruamel map), making the keys where they are missing."""
    if not isinstance(data, dict):
        raise BesluitpakError(f"{CASE_FILE}: expected a mapping, got {type(data).__name__}")
    openbaar = data.get("openbaar")
    if openbaar is None:
        openbaar = data["openbaar"] = CommentedMap()
    if not isinstance(openbaar, dict):
        raise BesluitpakError(f"openbaar: expected a mapping, got {type(openbaar).__name__}")
    allowed = openbaar.get("toegestaan")
    if allowed is None:
        allowed = openbaar["toegestaan"] = CommentedSeq()
    if not isinstance(allowed, list):
        raise BesluitpakError(f"openbaar.toegestaan: expected a list, got {type(allowed).__name__}")
    if any(isinstance(item, dict) and item.get("tekst") == tekst for item in allowed):
        raise AlreadyAllowed(f"openbaar.toegestaan: {tekst!r} is allowed already")
    item = CommentedMap()
    item["tekst"] = yamledit.styled(None, tekst)
    item["reden"] = yamledit.styled(None, reden)
    allowed.append(item)
