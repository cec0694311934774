"""Composing a package in its YAML files: the bijlagen put in order, added and removed, a
ready-made file replaced (a new case: :mod:`newcase`).

Every change is made on the case file's round-trip data (:mod:`yamledit`), moving the
existing items so their comments move with them (:mod:`bijlagenlist`), and saved through
:func:`edits.save`, which refuses what the CLI's loader would refuse (a ``{bijlage:id}``
left without its bijlage) in its words. Each function returns the problems (none: saved) or
raises :class:`ComposeError` for a request that names no real bijlage, template or case. A
new generated bijlage's first data comes from :mod:`skeleton`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak import codes
from besluitpak.casefile.schema import ID_PATTERN
from besluitpak.editing import bijlagenlist, edits, versions, yamledit
from besluitpak.editing.skeleton import first_data
from besluitpak.editing.uploads import Checked
from besluitpak.editing.workspace import (
    ARCHIEF,
    CASE_FILE,
    OUT,
    OutsideWorkspace,
    edit_root,
    inside,
    normal,
    slug,
)
from besluitpak.errors import BesluitpakError, Problem

BIJLAGEN = "bijlagen"
"""The folder of a case's data files and ready-made files (``bijlagen/<id>.yaml``)."""
TEMPLATES = "templates"
RESERVED = {ARCHIEF, OUT, "nieuw", "static", "templates"}
"""Names of the workspace's own folders: never a new case's name."""


class ComposeError(BesluitpakError):
    """Raised when a request names no bijlage, template or case it may change."""

    def __init__(self, message: str, *, code: str = "", params: dict[str, str] | None = None):
        super().__init__(message)
        self.code = code
        """The message's code for the page's Dutch (:mod:`besluitpak.codes`), or ""."""
        self.params = params or {}


# --- reading the case file ---------------------------------------------------------------------


def case_data(folder: Path) -> Any:
    data = yamledit.load(folder / CASE_FILE)
    if not isinstance(data, CommentedMap):
        raise ComposeError(f"{CASE_FILE}: expected a mapping, got {type(data).__name__}")
    return data


def _bijlagen(data: Any) -> CommentedSeq:
    bijlagen = data.get("bijlagen")
    if bijlagen is None:
        bijlagen = CommentedSeq()
        data["bijlagen"] = bijlagen
    if not isinstance(bijlagen, CommentedSeq):
        raise ComposeError(f"{CASE_FILE}: bijlagen: expected a list, got {bijlagen!r}")
    return bijlagen


def ids(folder: Path) -> list[str]:
    """The bijlage ids of the case file, in order (as written, even when the case has problems)."""
    data = case_data(folder)
    return [str(b.get("id")) for b in _bijlagen(data) if isinstance(b, CommentedMap)]


@dataclass(frozen=True, kw_only=True)
class Written:
    """A bijlage as the case file writes it (for a case with problems, which has no loaded
    documents): enough to remove it or give it a file."""

    number: int
    id: str
    titel: str
    bestand: str = ""
    template: str = ""
    missing: str = ""
    """The file it names that is not there (or cannot be read), if any."""


def written(folder: Path) -> list[Written]:
    """The bijlagen of the case file as written, whatever their problems."""
    result = []
    for number, node in enumerate(_bijlagen(case_data(folder)), start=1):
        if not isinstance(node, CommentedMap):
            continue
        missing = ""
        for relative in _files_of(node):
            try:
                if not inside(folder, relative).is_file():
                    missing = relative
            except OutsideWorkspace:
                missing = relative
        result.append(
            Written(
                number=number,
                id=str(node.get("id", "")),
                titel=str(node.get("titel", "")),
                bestand=str(node.get("bestand") or ""),
                template=str(node.get("template") or ""),
                missing=missing,
            )
        )
    return result


def _index(bijlagen: CommentedSeq, ident: str) -> int:
    for index, node in enumerate(bijlagen):
        if isinstance(node, CommentedMap) and node.get("id") == ident:
            return index
    known = ", ".join(str(b.get("id")) for b in bijlagen if isinstance(b, CommentedMap))
    raise ComposeError(
        f"bijlage: expected one of the case's ids ({known or 'none'}), got {ident!r}"
    )


def _encoded(data: Any) -> bytes:
    return yamledit.dumps(data).encode("utf-8")


# --- reorder, move, remove ---------------------------------------------------------------------


def _version_check(folder: Path, version: str, key: str, mine: Any, part: Any) -> None:
    versions.unchanged(edit_root(folder), folder / CASE_FILE, version, key, mine, part)


def _plain(data: Any) -> list[dict[str, Any]]:
    bijlagen = data.get("bijlagen") if isinstance(data, dict) else None
    return [b for b in bijlagen or [] if isinstance(b, dict)]


def _plain_ids(data: Any) -> list[str]:
    return [str(b.get("id")) for b in _plain(data)]


def _plain_entry(ident: str) -> Any:
    return lambda data: next((b for b in _plain(data) if b.get("id") == ident), None)


@edits.exclusive_case
def reorder(folder: Path, order: list[str], *, version: str = "") -> list[Problem]:
    """Put the bijlagen in ``order`` (every id once); only their order changes in the file.
    ``version``: the case file's hash the order was made from; when the bijlagen changed
    since, :class:`versions.Conflicted` is raised and nothing written."""
    _version_check(folder, version, "volgorde", order, _plain_ids)
    data = case_data(folder)
    bijlagen = _bijlagen(data)
    current = [str(node.get("id")) for node in bijlagen]
    if sorted(order) != sorted(current) or len(set(order)) != len(order):
        raise ComposeError(
            f"volgorde: expected each of the case's bijlage ids once ({', '.join(current)}), "
            f"got {', '.join(order) or 'none'}; reload the page"
        )
    if order == current:
        return []
    items, tail = bijlagenlist.items(data, bijlagen)
    by_id = {str(item.node.get("id")): item for item in items}
    bijlagenlist.rebuild(data, bijlagen, [by_id[ident] for ident in order], tail)
    return edits.save(folder, {CASE_FILE: _encoded(data)})


def moved(order: list[str], ident: str, step: int) -> list[str]:
    """``order`` with ``ident`` one place up (``step`` -1) or down (+1); unchanged at an end."""
    if ident not in order:
        raise ComposeError(f"bijlage: expected one of {', '.join(order)}, got {ident!r}")
    index = order.index(ident)
    target = index + step
    if not 0 <= target < len(order):
        return list(order)
    result = list(order)
    result[index], result[target] = result[target], result[index]
    return result


def _files_of(node: Any) -> list[str]:
    """The files a bijlage (or the voorstel) names: its data file and its ready-made file."""
    names = []
    for key in ("data", "bestand"):
        value = node.get(key) if isinstance(node, dict) else None
        if isinstance(value, str):
            names.append(value)
    return names


def _used_elsewhere(data: Any, relative: str, *, but: Any) -> bool:
    wanted = normal(relative)
    nodes = [data.get("voorstel")] + [b for b in _bijlagen(data) if b is not but]
    return any(normal(name) == wanted for node in nodes for name in _files_of(node))


@edits.exclusive_case
def remove(
    folder: Path, ident: str, *, dry_run: bool = False, version: str = ""
) -> tuple[list[Problem], list[str]]:
    """Remove bijlage ``ident`` from the case file, and its data or ready-made file when no
    other document uses it. Returns the problems (a reference left without its bijlage
    refuses it) and the files removed (``dry_run``: would be; nothing is written).
    ``version``: the case file's hash the confirmation was made from; when the bijlage's
    entry changed since, :class:`versions.Conflicted` is raised and nothing written."""
    _version_check(folder, version, ident, None, _plain_entry(ident))
    data = case_data(folder)
    bijlagen = _bijlagen(data)
    index = _index(bijlagen, ident)
    node = bijlagen[index]
    items, tail = bijlagenlist.items(data, bijlagen)
    del items[index]  # with the comment lines above it; those below stay
    bijlagenlist.rebuild(data, bijlagen, items, tail)
    changes: dict[str, bytes | None] = {CASE_FILE: _encoded(data)}
    files = []
    for relative in _files_of(node):
        try:
            target = inside(folder, relative)
        except OutsideWorkspace:
            continue  # never delete what lies outside the case
        if target.is_file() and not _used_elsewhere(data, relative, but=node):
            changes[normal(relative)] = None
            files.append(normal(relative))
    problems = edits.propose(folder, changes) if dry_run else edits.save(folder, changes)
    return problems, ([] if problems else files)


# --- adding a bijlage --------------------------------------------------------------------------

_ID = re.compile(ID_PATTERN)


def id_from(name: str) -> str:
    """A new bijlage's id from a file's name: ``Kaart centrum (v2)`` -> ``kaart-centrum-v2``."""
    return slug(name, default="bijlage")


def check_id(folder: Path, ident: str) -> str:
    """``ident`` when it may be a new bijlage's id (the case file's rule, not yet used)."""
    if not _ID.fullmatch(ident):
        raise ComposeError(
            f"id: expected an id of lowercase letters, digits and hyphens, like "
            f"'opgave-centrum', got {ident!r}",
            code="expected-pattern-id",
            params=codes.got(ident),
        )
    if ident in ids(folder):
        raise ComposeError(
            f"id: expected an id no other bijlage has, got {ident!r}",
            code="expected-new-id",
            params={"ident": ident},
        )
    return ident


def templates(folder: Path) -> list[str]:
    """The case's Word templates (``templates/*.docx``), as a case file names them."""
    where = folder / TEMPLATES
    if where.is_symlink() or not where.is_dir():
        return []
    return [
        f"{TEMPLATES}/{path.name}"
        for path in sorted(where.iterdir())
        if path.suffix.lower() == ".docx" and path.is_file() and not path.is_symlink()
    ]


@dataclass(frozen=True, kw_only=True)
class Added:
    """A bijlage added: the problems (none: saved), the files written, what to fill in."""

    problems: list[Problem]
    files: list[str]
    to_fill: list[str]
    """Where the new data holds :data:`TO_FILL` (``kerncijfers[0].waarde``), or a note."""
    copied_from: str = ""
    """The id of the bijlage whose data was copied, when one was."""


def _addable(folder: Path, ident: str, version: str) -> None:
    """Refuse a new bijlage ``ident``: its id taken, or the bijlagen changed since ``version``."""
    _version_check(folder, version, BIJLAGEN, [*_plain_ids(case_data(folder)), ident], _plain_ids)
    check_id(folder, ident)


@edits.exclusive_case
def add_generated(
    folder: Path,
    *,
    ident: str,
    titel: str,
    template: str,
    data: bytes | None = None,
    version: str = "",
) -> Added:
    """Add a generated bijlage from ``template`` (one of :func:`templates`) with a data file
    ``bijlagen/<id>.yaml``: ``data`` when given, else a copy of the data of a bijlage with
    that template, or a skeleton from the template's schema. ``version``: the case file's
    hash the person saw; when the bijlagen changed since, :class:`versions.Conflicted`."""
    _addable(folder, ident, version)
    if template not in templates(folder):
        raise ComposeError(
            f"template: expected one of the case's templates "
            f"({', '.join(templates(folder)) or 'none'}), got {template!r}"
        )
    relative = _new_file(folder, f"{BIJLAGEN}/{ident}.yaml")
    case = case_data(folder)
    bijlagen = _bijlagen(case)
    first = first_data(folder, bijlagen, ident=ident, template=template)
    entry = CommentedMap()
    entry["id"] = ident
    entry["titel"] = yamledit.styled(None, titel)
    entry["template"] = template
    entry["data"] = relative
    bijlagenlist.append(case, bijlagen, entry)
    text = data if data is not None else first.text.encode("utf-8")
    problems = edits.save(folder, {CASE_FILE: _encoded(case), relative: text})
    return Added(
        problems=problems,
        files=[] if problems else [relative],
        to_fill=first.to_fill if data is None else [],
        copied_from=first.copied_from if data is None else "",
    )


def _new_file(folder: Path, relative: str) -> str:
    """``relative`` when no file is there yet in the case ``folder``."""
    if inside(folder, relative).exists():
        raise ComposeError(
            f"{relative}: expected a new file, got one that exists already",
            code="expected-new-file",
            params={"path": relative},
        )
    return relative


@edits.exclusive_case
def add_ready(
    folder: Path,
    *,
    ident: str,
    titel: str,
    upload: Checked,
    wijzigingen: str | None = None,
    version: str = "",
) -> Added:
    """Add a ready-made bijlage: the checked upload stored as ``bijlagen/<id><suffix>``;
    ``wijzigingen``: what the build does with its tracked changes (written as given);
    ``version`` as for :func:`add_generated`."""
    _addable(folder, ident, version)
    relative = _new_file(folder, f"{BIJLAGEN}/{ident}{upload.suffix}")
    data = case_data(folder)
    entry = CommentedMap()
    entry["id"] = ident
    entry["titel"] = yamledit.styled(None, titel)
    entry["bestand"] = relative
    if wijzigingen is not None:
        entry["wijzigingen"] = wijzigingen
    bijlagenlist.append(data, _bijlagen(data), entry)
    problems = edits.save(folder, {CASE_FILE: _encoded(data), relative: upload.data})
    return Added(problems=problems, files=[] if problems else [relative], to_fill=[])


@edits.exclusive_case
def replace_file(folder: Path, ident: str, upload: Checked) -> tuple[list[Problem], str]:
    """The ready-made file of bijlage ``ident`` replaced by the checked upload, stored as
    ``bijlagen/<id><suffix>``; the old file goes when its kind changed and nothing else uses
    it. Returns the problems and the file written."""
    data = case_data(folder)
    bijlagen = _bijlagen(data)
    node = bijlagen[_index(bijlagen, ident)]
    old = node.get("bestand")
    if not isinstance(old, str):
        raise ComposeError(
            f"bijlage {ident!r}: expected a ready-made bijlage (bestand), got a generated one"
        )
    relative = f"{BIJLAGEN}/{ident}{upload.suffix}"
    inside(folder, relative)
    changes: dict[str, bytes | None] = {relative: upload.data}
    if normal(old) != relative:
        node["bestand"] = relative
        changes[CASE_FILE] = _encoded(data)
        try:
            old_path = inside(folder, old)
        except OutsideWorkspace:
            old_path = None
        if old_path is not None and old_path.is_file() and not _used_elsewhere(data, old, but=node):
            changes[normal(old)] = None
    problems = edits.save(folder, changes)
    return problems, relative
