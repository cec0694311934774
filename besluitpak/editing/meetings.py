"""The collegevergaderingen of the workspace: one vergadering file per meeting in
``<workspace>/vergaderingen/<name>.yaml`` (its ``zaak:`` paths relative to the file, e.g.
``../proef``), loaded with the CLI's loader, and the outcome of an item written back into it.

Every name a person gives goes through :func:`meeting_file` (a plain name, no ``..``, no
link); what the meeting's jobs write goes to ``vergaderingen/out/<name>/``. An outcome is
written (ruamel's round trip: comments and quoting kept) only when the loader finds no new
problem in the result, tried on a hidden copy beside the file, as :mod:`edits` does for a
case (:mod:`outcome`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from besluitpak.dutch import datum
from besluitpak.editing import edits, outcome, yamledit
from besluitpak.editing.status import case_status
from besluitpak.editing.workspace import (
    NAME,
    OutsideWorkspace,
    case_names,
    inside,
    shown,
    shown_problem,
)
from besluitpak.errors import BesluitpakError, CaseError, Problem
from besluitpak.meeting.load import Vergadering, load_vergadering

FOLDER = "vergaderingen"
OUT = "out"
"""``vergaderingen/out/<name>/``: the agenda, vergadermap and besluitenlijsten of a meeting."""
SUFFIX = ".yaml"
KEY = "vergadering:"
"""A meeting's jobs and audit entries carry ``vergadering:<name>``: never a case's name (a
case folder's name has no colon)."""
MAX_NAME = 80
UITKOMSTEN = ("conform", "gewijzigd", "aangehouden", "teruggetrokken")


@dataclass(frozen=True, kw_only=True)
class Row:
    """One agenda item as the page shows it (from the file as it is, problems or not)."""

    nummer: int
    zaak: str
    case: str
    """The case folder's name in the workspace (its page), or "" when it is elsewhere."""
    onderwerp: str
    soort: str
    uitkomst: str
    besluitpunten: tuple[str, ...]
    """The adopted besluitpunten as written in the file (``{bijlage:id}`` and all)."""
    decided: tuple[str, ...] = ()
    """The same as the besluitenlijst prints them (references written out), once it loads."""


@dataclass(frozen=True, kw_only=True)
class Meeting:
    """One vergadering file: what it says, and every problem the loader finds in it."""

    name: str
    path: Path
    datum: str
    """The meeting's date in Dutch (``11 maart 2014``), or as written when not a date."""
    nummer: str
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...] = ()
    """In the CLI's words, files shown relative to the workspace."""
    vergadering: Vergadering | None = None

    @property
    def valid(self) -> bool:
        return self.vergadering is not None

    @property
    def key(self) -> str:
        return key(self.name)


def key(name: str) -> str:
    """The job and audit key of meeting ``name``."""
    return f"{KEY}{name}"


def folder(root: Path) -> Path:
    return root / FOLDER


def names(root: Path) -> list[str]:
    """The meetings of the workspace: ``vergaderingen/*.yaml`` (files, not links)."""
    where = folder(root)
    if where.is_symlink() or not where.is_dir():
        return []
    found = []
    for path in sorted(where.iterdir()):
        name = path.name.removesuffix(SUFFIX)
        plain = path.name.endswith(SUFFIX) and _plain(name)
        if plain and path.is_file() and not path.is_symlink():
            found.append(name)
    return found


def _plain(name: str) -> bool:
    return bool(NAME.fullmatch(name)) and len(name) <= MAX_NAME and not name.startswith(".")


def meeting_file(root: Path, name: str) -> Path:
    """The vergadering file of meeting ``name``, or :class:`OutsideWorkspace`."""
    if not _plain(name):
        raise OutsideWorkspace(f"vergadering: expected a meeting of the workspace, got {name!r}")
    where = folder(root)
    if where.is_symlink() or not where.is_dir():
        raise OutsideWorkspace(f"vergadering: the workspace has no {FOLDER}/ folder")
    path = inside(where, name + SUFFIX)
    if path.is_symlink() or not path.is_file():
        raise OutsideWorkspace(f"vergadering: expected a meeting of the workspace, got {name!r}")
    return path


def out_folder(root: Path, name: str) -> Path:
    """Where the meeting's jobs write: ``vergaderingen/out/<name>/``."""
    return inside(folder(root), f"{OUT}/{name}")


def read(root: Path, name: str) -> Meeting:
    """What the list shows of a meeting: the file's data as written, without loading it."""
    path = meeting_file(root, name)
    try:
        data = yamledit.read(path)
    except BesluitpakError:
        data = None
    data = data if isinstance(data, dict) else {}
    return Meeting(
        name=name,
        path=path,
        datum=_datum(data.get("datum")),
        nummer=str(data.get("nummer") or ""),
        rows=_rows(root, path, data, None),
    )


def load(root: Path, name: str) -> Meeting:
    """Meeting ``name`` loaded with the CLI's loader (``load_vergadering``): its rows, and
    every problem of the file and of its cases."""
    summary = read(root, name)
    problems: list[Problem] = []
    loaded = None
    try:
        loaded = load_vergadering(summary.path)
    except CaseError as e:
        problems = [shown_problem(root, p) for p in e.problems]
    except BesluitpakError as e:
        message = shown(root, e)
        problems = [
            Problem(file=Path(FOLDER) / summary.path.name, line=None, key="", message=message)
        ]
    data = yamledit.read(summary.path) if loaded is not None else {}
    return replace(
        summary,
        rows=_rows(root, summary.path, data, loaded) if loaded is not None else summary.rows,
        problems=tuple(problems),
        vergadering=loaded,
    )


def _datum(value: Any) -> str:
    if isinstance(value, dt.date):
        return datum(value)
    return "" if value is None else str(value)


def _rows(root: Path, path: Path, data: Any, loaded: Vergadering | None) -> tuple[Row, ...]:
    agenda = data.get("agenda") if isinstance(data, dict) else None
    if not isinstance(agenda, list):
        return ()
    cases = set(case_names(root))
    rows = []
    for index, punt in enumerate(agenda):
        punt = punt if isinstance(punt, dict) else {}
        zaak = str(punt.get("zaak") or "")
        case = _case_name(root, path, zaak, cases)
        onderwerp, besluitpunten = zaak, punt.get("besluitpunten")
        decided: tuple[str, ...] = ()
        if loaded is not None and index < len(loaded.items):
            onderwerp = loaded.items[index].case.meta.onderwerp
            decided = loaded.items[index].besluitpunten if besluitpunten else decided
        elif case:
            onderwerp = case_status(root, case).onderwerp or zaak
        rows.append(
            Row(
                nummer=index + 1,
                zaak=zaak,
                case=case,
                onderwerp=onderwerp,
                soort=str(punt.get("soort") or ""),
                uitkomst=str(punt.get("uitkomst") or ""),
                besluitpunten=tuple(str(p) for p in besluitpunten)
                if isinstance(besluitpunten, list)
                else (),
                decided=decided,
            )
        )
    return tuple(rows)


def _case_name(root: Path, path: Path, zaak: str, cases: set[str]) -> str:
    """The workspace case ``zaak`` names (relative to the file), or ""."""
    if not zaak:
        return ""
    target = Path(os.path.normpath(path.parent / zaak))
    if target.name == "besluitpak.yaml":
        target = target.parent
    return target.name if target.parent == root and target.name in cases else ""


# --- the meeting's outputs ----------------------------------------------------------------------


def outputs(root: Path, name: str) -> list[tuple[str, str]]:
    """(label, file name) of the PDFs the meeting's jobs left in its out folder."""
    try:
        out = out_folder(root, name)
    except OutsideWorkspace:
        return []
    if out.is_symlink() or not out.is_dir():
        return []
    found = []
    for pdf in sorted(out.glob("*.pdf")):
        if pdf.is_symlink() or pdf.name.startswith("."):
            continue
        found.append((_label(pdf.name), pdf.name))
    return found


def _label(file: str) -> str:
    if file.startswith("agenda-"):
        return "Agenda"
    if file.startswith("vergadermap-"):
        return "Vergadermap"
    if file.startswith("besluitenlijst-"):
        for status in ("voorlopig", "definitief"):
            if file.endswith(f"-{status}.pdf"):
                return f"Besluitenlijst ({status})"
        return "Besluitenlijst"
    return file


def output_file(root: Path, name: str, file: str) -> Path:
    """A PDF directly in the meeting's out folder, never through a link or out of it;
    :class:`OutsideWorkspace` otherwise."""
    out = out_folder(root, name)
    found = inside(out, file)
    if found.parent != out or found.suffix.lower() != ".pdf" or found.name.startswith("."):
        raise OutsideWorkspace(f"{file}: not a file of this meeting")
    if not found.is_file():
        raise OutsideWorkspace(f"{file}: not made yet")
    return found


# --- recording an outcome ---------------------------------------------------------------------


def record_outcome(
    root: Path,
    name: str,
    *,
    nummer: int,
    uitkomst: str,
    besluitpunten: Sequence[str],
    version: str = "",
) -> list[Problem]:
    """Write agendapunt ``nummer``'s ``uitkomst`` ("" removes it) and ``besluitpunten``
    (none: removed) into the meeting's file, keeping the rest of it byte for byte; returns
    the problems the change would add (then nothing is written). ``version``: the file's
    hash the form was made from; what the person did not change keeps what the file says
    now, a value both changed raises :class:`versions.Conflicted`."""
    if uitkomst and uitkomst not in UITKOMSTEN:
        raise BesluitpakError(
            f"uitkomst: expected one of {', '.join(UITKOMSTEN)}, got {uitkomst!r}"
        )
    path = meeting_file(root, name)
    with edits.exclusive(root, f"{FOLDER}/{path.name}"):  # two saved at once: both written
        uitkomst, besluitpunten = outcome.merged(
            root,
            path,
            nummer,
            version,
            {"uitkomst": uitkomst, "besluitpunten": list(besluitpunten)},
        )
        return outcome.write(
            root, path, nummer=nummer, uitkomst=uitkomst, besluitpunten=besluitpunten
        )
