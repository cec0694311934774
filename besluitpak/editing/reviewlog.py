"""A case's record of review decisions on suggested redactions: ``besluitpak.review.jsonl``
beside its case file, one JSON object a line, only ever appended to (under the case's edit
lock), each line naming the SHA-256 of the line before (``vorige``) as the route record does.

Lines (``wat``): ``accept`` (a suggestion's ``fingerprint``, ``grond``), ``reject``
(``fingerprint``, ``reden``), ``add`` (a box by hand: ``document``, ``pagina``, ``woorden`` or
``vak``, ``grond``), ``confirm`` (a second reviewer: the ``nrs`` of the decisions confirmed)
and ``instelling`` (``vier_ogen``: true/false). Every line has ``nr``, ``tijd`` and ``door``.

The workspace (or a case on its own, its folder) may hold ``review.yaml`` with ``verplicht:
true`` (``publish`` refuses an unreviewed case's open suggestions even before any decision)
and ``vier_ogen: true`` (every decision needs a second reviewer's confirmation).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from besluitpak import chained
from besluitpak.editing.edits import locked
from besluitpak.editing.workspace import CASE_FILE, edit_root
from besluitpak.errors import BesluitpakError

SUFFIX = ".review.jsonl"
SETTINGS_FILE = "review.yaml"
DECISIONS = ("accept", "reject", "add")


class ReviewRefused(BesluitpakError):
    """Raised when a review action is not allowed (or cannot be applied); nothing is
    written."""


@dataclass(frozen=True, kw_only=True)
class Decision:
    """One decision of the record, with who confirmed it (four eyes) where someone did."""

    nr: int
    tijd: str
    wat: str
    """``accept``, ``reject`` or ``add``."""
    door: str
    fingerprint: str = ""
    grond: str = ""
    reden: str = ""
    document: str = ""
    pagina: int | None = None
    woorden: str = ""
    vak: tuple[float, ...] = ()
    kind: str = ""
    channel: str = ""
    bevestigd_door: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None, ())}


@dataclass(frozen=True, kw_only=True)
class Settings:
    verplicht: bool = False
    vier_ogen: bool = False


def record_file(folder: Path) -> Path:
    """The review record of the case in ``folder``: beside its case file."""
    return folder / (Path(CASE_FILE).stem + SUFFIX)


def read_lines(folder: Path) -> list[dict[str, Any]]:
    """The record's lines as written (none when there is no record); a line that is no JSON
    object, or whose ``vorige`` is not the SHA-256 of the line before (a line was changed in
    place), refused, naming the file and line."""
    path = record_file(folder)
    lines = []
    previous = ""
    for number, raw in enumerate(chained.read_lines(path), start=1):
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise BesluitpakError(f"{path}:{number}: expected a JSON object, got {raw[:40]!r}")
        if value.get("vorige") != previous:
            raise BesluitpakError(
                f"{path}:{number}: vorige: expected {previous[:16] or 'nothing'}… (the "
                f"SHA-256 of line {number - 1}), got {str(value.get('vorige'))[:16]}…: "
                "a line before it was changed"
            )
        previous = chained.line_hash(raw)
        lines.append(value)
    return lines


def append(folder: Path, line: Mapping[str, Any], *, now: dt.datetime | None = None) -> int:
    """``line`` appended with its ``nr``, ``tijd`` and ``vorige``; the caller holds the lock."""
    path = record_file(folder)
    read_lines(folder)  # a broken record is refused, never added to
    link = chained.next_link(chained.read_lines(path))
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    value = {"nr": link["nr"], "tijd": moment.isoformat(), **line, "vorige": link["vorige"]}
    chained.append(path, json.dumps(value, ensure_ascii=False).encode())
    return int(value["nr"])


def settings(folder: Path) -> Settings:
    """The case's review settings: ``review.yaml`` of its workspace, then of its own folder,
    then the record's ``instelling`` lines (the last one counts)."""
    found: dict[str, bool] = {}
    for place in dict.fromkeys((edit_root(folder), folder)):
        path = place / SETTINGS_FILE
        if path.is_file():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as e:
                raise BesluitpakError(f"{path}: expected YAML, got an error: {e}") from None
            if not isinstance(data, dict):
                raise BesluitpakError(f"{path}: expected a mapping, got {data!r}")
            for key in ("verplicht", "vier_ogen"):
                if key in data:
                    if not isinstance(data[key], bool):
                        raise BesluitpakError(
                            f"{path}: {key}: expected true or false, got {data[key]!r}"
                        )
                    found[key] = data[key]
    for line in read_lines(folder):
        if line.get("wat") == "instelling" and isinstance(line.get("vier_ogen"), bool):
            found["vier_ogen"] = line["vier_ogen"]
    return Settings(**found)


def decisions(folder: Path) -> list[Decision]:
    """Every decision of the record, in order, with its confirmation."""
    lines = read_lines(folder)
    confirmed: dict[int, str] = {}
    for line in lines:
        if line.get("wat") == "confirm":
            for nr in line.get("nrs", []):
                confirmed.setdefault(int(nr), str(line.get("door", "")))
    found = []
    for line in lines:
        if line.get("wat") not in DECISIONS:
            continue
        known = {k: line[k] for k in Decision.__dataclass_fields__ if k in line}
        known["vak"] = tuple(known.get("vak") or ())
        known["bevestigd_door"] = confirmed.get(int(line["nr"]), "")
        found.append(Decision(**known))
    return found


def record(folder: Path, line: Mapping[str, Any], *, now: dt.datetime | None = None) -> Decision:
    """Append one decision under the case's edit lock; the decision as recorded."""
    with locked(folder):
        undecided(folder, str(line.get("fingerprint", "")))
        nr = append(folder, line, now=now)
    return recorded(folder, nr)


def recorded(folder: Path, nr: int) -> Decision:
    """Decision ``nr`` as the record holds it."""
    return next(d for d in decisions(folder) if d.nr == nr)


def undecided(folder: Path, fingerprint: str) -> None:
    """Refuse a second decision on the suggestion ``fingerprint`` (an accepted one is already
    redacted: a later reject would record "openbaar" over words that stay redacted); the
    caller holds the case's edit lock. A broken record is refused too."""
    for decision in decisions(folder):
        if fingerprint and decision.fingerprint == fingerprint:
            raise ReviewRefused(
                f"{fingerprint}: already decided ({decision.wat} by {decision.door}, decision "
                f"{decision.nr}); a decision is not changed afterwards"
            ).coded("review-already-decided", door=decision.door, nr=str(decision.nr))


def confirm(folder: Path, *, door: str, now: dt.datetime | None = None) -> list[int]:
    """The second reviewer ``door`` confirms every unconfirmed decision someone else made;
    refused when there is none (their own decisions need another person)."""
    if not door.strip():
        raise ReviewRefused("door: expected the name of the person who confirms, got none")
    with locked(folder):
        waiting = [d for d in decisions(folder) if not d.bevestigd_door]
        theirs = [d.nr for d in waiting if d.door.casefold() != door.casefold()]
        if not theirs:
            own = len(waiting)
            raise ReviewRefused(
                f"confirm: nothing for {door} to confirm: "
                + (
                    f"the {own} unconfirmed decision{'s are' if own != 1 else ' is'} "
                    f"{door}'s own; four eyes needs another person"
                    if own
                    else "every decision is confirmed"
                )
            ).coded(
                "review-confirm-own" if own else "review-confirm-none", door=door, count=str(own)
            )
        append(folder, {"wat": "confirm", "door": door, "nrs": theirs}, now=now)
    return theirs


def set_four_eyes(folder: Path, *, on: bool, door: str) -> None:
    """Turn four eyes on or off for this case (recorded, with who did it)."""
    with locked(folder):
        append(folder, {"wat": "instelling", "door": door, "vier_ogen": on})
