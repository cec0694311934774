"""Putting a case on a vergadering's agenda: a new agendapunt (``zaak: ../<case>``) appended
to the vergadering file, the rest of the file kept byte for byte, written only when the
loader finds no new problem in the result (as an outcome is, :mod:`outcome`). Whether the
case may go on the agenda (its route) is the caller's check."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak.editing import edits, meetings, outcome, yamledit
from besluitpak.errors import BesluitpakError, Problem
from besluitpak.files import write_atomic

SOORTEN = ("bespreekstuk", "hamerstuk")


def on_agenda(root: Path, name: str) -> set[str]:
    """The case folders of the workspace on meeting ``name``'s agenda."""
    return {row.case for row in meetings.read(root, name).rows if row.case}


def add(root: Path, name: str, *, case: str, soort: str) -> list[Problem]:
    """Append ``case`` (a case folder of the workspace ``root``) to meeting ``name``'s
    agenda as ``soort``; the problems the change would add (then nothing is written)."""
    if soort not in SOORTEN:
        raise BesluitpakError(f"soort: expected one of {', '.join(SOORTEN)}, got {soort!r}")
    path = meetings.meeting_file(root, name)
    with edits.exclusive(root, f"{meetings.FOLDER}/{path.name}"):
        if case in on_agenda(root, name):
            raise BesluitpakError(f"{case}: already on the agenda of {name}")
        data = yamledit.load(path)
        if not isinstance(data, CommentedMap):
            raise BesluitpakError(f"{path}: expected a vergadering file, got another kind")
        agenda = data.get("agenda")
        if not isinstance(agenda, CommentedSeq):
            agenda = data["agenda"] = CommentedSeq()
        punt = CommentedMap()
        punt["zaak"] = f"../{case}"
        punt["soort"] = soort
        agenda.append(punt)
        text = yamledit.dumps(data)
        problems = outcome._added_problems(root, path, text)
        if not problems:
            write_atomic(path, text.encode("utf-8"), what=path.name)
        return problems
