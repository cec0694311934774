"""The last listing of a case's suggestions, kept in the workspace's private folder, so a
decision on a listed suggestion (by its fingerprint) needs no second run of ``suggest``."""

from __future__ import annotations

from pathlib import Path

from besluitpak.casefile.case import load_case
from besluitpak.editing.workspace import CASE_FILE, edit_root
from besluitpak.errors import BesluitpakError
from besluitpak.review.suggestions import Suggestion, Suggestions, suggest
from besluitpak.settings import BuildSettings


def find(folder: Path, fingerprint: str, suggestions: Suggestions) -> Suggestion:
    """The suggestion with ``fingerprint`` (a unique prefix will do)."""
    found = [s for s in suggestions if s.fingerprint.startswith(fingerprint)]
    if len(found) != 1 or not fingerprint:
        raise BesluitpakError(
            f"fingerprint: expected one of the case's {len(suggestions)} suggestions' "
            f"fingerprints ('besluitpak review {folder}'), got {fingerprint!r}"
            + (f", which {len(found)} share" if len(found) > 1 else "")
        )
    return found[0]


def _listing(folder: Path) -> Path:
    from besluitpak.editing.workspace import private_folder

    return private_folder(edit_root(folder)) / "review" / f"{folder.name}.suggestions.json"


def current(
    folder: Path, *, settings_: BuildSettings | None = None, keep: Path | None = None
) -> Suggestions:
    """The case's suggestions now (:func:`suggest`), kept as the last listing the reviewer
    saw, so that a decision on one of them (:func:`listed`) needs no second run; ``keep``:
    where to keep each document's public PDF (``<id>.pdf``)."""
    found = suggest(load_case(folder / CASE_FILE), settings=settings_, keep=keep)
    path = _listing(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    from besluitpak.files import write_atomic

    write_atomic(path, found.as_json().encode(), what=path.name)
    return found


def saved(folder: Path) -> Suggestions | None:
    """The last listing of the case's suggestions; None when there is none."""
    import json

    from besluitpak.review.boxes import Box

    try:
        data = json.loads(_listing(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    items = []
    for item in data.get("suggestions", []):
        item["boxes"] = tuple(Box(**b) for b in item.get("boxes", []))
        items.append(Suggestion(**item))
    return Suggestions(
        kenmerk=data.get("kenmerk", ""), items=tuple(items), pages=data.get("pages", 0)
    )


def listed(folder: Path, *, settings_: BuildSettings | None = None) -> Suggestions:
    """The last listing of the case's suggestions (:func:`current` when there is none)."""
    found = saved(folder)
    return found if found is not None else current(folder, settings_=settings_)
