"""The collegevergaderingen of the workspace: one vergadering file per meeting in
``<workspace>/vergaderingen/<name>.yaml`` (its ``zaak:`` paths relative to the file, e.g.
``../proef``), loaded with the CLI's loader, and the outcome of an item written back into it.

Every name a person gives goes through :func:`meeting_file` (a plain name, no ``..``, no
link); what the meeting's jobs write goes to ``vergaderingen/out/<name>/``. An outcome is
written (ruamel's round trip: comments and quoting kept) only when the loader finds no new
problem in the result, tried on a hidden copy beside the file, as :mod:`edits` does for a
case.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak.dutch import datum
from besluitpak.editing import edits, versions, yamledit
from besluitpak.editing.status import case_status
from besluitpak.editing.workspace import NAME, OutsideWorkspace, case_names, inside, shown
from besluitpak.errors import BesluitpakError, CaseError, Problem
from besluitpak.files import write_atomic
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
        problems = [_relative(p, root) for p in e.problems]
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


def _relative(problem: Problem, root: Path) -> Problem:
    """``problem`` with its file shown relative to the workspace (``vergaderingen/x.yaml``)."""
    file = Path(os.path.normpath(problem.file))
    for base in (root, root.resolve()):
        if file.is_relative_to(base):
            return replace(problem, file=file.relative_to(base))
    return problem


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
        uitkomst, besluitpunten = _merged(
            root,
            path,
            nummer,
            version,
            {"uitkomst": uitkomst, "besluitpunten": list(besluitpunten)},
        )
        return _record(root, path, nummer=nummer, uitkomst=uitkomst, besluitpunten=besluitpunten)


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


def _merged(
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


def _record(
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
    handle, shadow_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=SUFFIX)
    shadow = Path(shadow_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        after = [replace(p, file=path) if _same(p.file, shadow) else p for p in _problems(shadow)]
    finally:
        shadow.unlink(missing_ok=True)
    return [_relative(p, root) for p in after if _key(p, path) not in before]


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
