"""Composing a package in its YAML files: the bijlagen put in order, added and removed, a
ready-made file replaced (a new case: :mod:`newcase`).

Every change is made on the case file's round-trip data (:mod:`yamledit`), moving the existing
items so their comments move with them, and saved through :func:`edits.save`, which refuses
what the CLI's loader would refuse (a ``{bijlage:id}`` left without its bijlage) in its words.
Each function returns the problems (none: saved) or raises :class:`ComposeError` for a request
that names no real bijlage, template or case.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from besluitpak import codes
from besluitpak.casefile.schema import ID_PATTERN
from besluitpak.editing import edits, versions, yamledit
from besluitpak.editing.uploads import Checked
from besluitpak.editing.workspace import ARCHIEF, CASE_FILE, OUT, OutsideWorkspace, inside
from besluitpak.errors import BesluitpakError, Problem

BIJLAGEN = "bijlagen"
"""The folder of a case's data files and ready-made files (``bijlagen/<id>.yaml``)."""
TEMPLATES = "templates"
TO_FILL = "IN TE VULLEN"
"""The text a new bijlage's skeleton data holds where the person must write."""
RESERVED = {ARCHIEF, OUT, "nieuw", "static", "templates"}
"""Names of the workspace's own folders: never a new case's name."""


class ComposeError(BesluitpakError):
    """Raised when a request names no bijlage, template or case it may change."""

    def __init__(self, message: str, *, code: str = "", params: dict[str, str] | None = None):
        super().__init__(message)
        self.code = code
        """The message's code for the page's Dutch (:mod:`besluitpak.codes`), or ""."""
        self.params = params or {}


# --- the bijlagen list, with the comments that belong to each item ----------------------------


@dataclass(kw_only=True)
class _Item:
    node: CommentedMap
    own: str
    """The comment on the item's last line (``# …\\n``), or ``\\n``."""
    before: str
    """The comment lines above the item (ruamel keeps them at the end of the item before)."""
    column: int = 0
    """Where the item's own comment stands on its line."""


def _slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comment after ``node``'s last line: (container, key, position)."""
    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        deeper = _slot(node[key])
        if deeper is not None and _token(deeper) is not None:
            return deeper
        return node, key, 2
    if isinstance(node, CommentedSeq) and node:
        index = len(node) - 1
        deeper = _slot(node[index])
        if deeper is not None and _token(deeper) is not None:
            return deeper
        return node, index, 0
    return None


def _token(slot: tuple[Any, Any, int]) -> CommentToken | None:
    container, key, position = slot
    entry = container.ca.items.get(key)
    if not entry or len(entry) <= position:
        return None
    token = entry[position]
    return token if isinstance(token, CommentToken) else None


def _trailing(node: Any) -> tuple[str, int]:
    slot = _slot(node)
    token = _token(slot) if slot is not None else None
    if token is None:
        return "", 0
    return str(token.value), int(token.column)


def _set_trailing(node: Any, text: str, column: int) -> None:
    slot = _slot(node)
    if slot is None:
        return
    container, key, position = slot
    if text in {"", "\n"}:
        entry = container.ca.items.get(key)
        if entry and len(entry) > position:
            entry[position] = None
        return
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    entry[position] = CommentToken(text, CommentMark(column), None)


def _split(text: str) -> tuple[str, str]:
    """A trailing comment as (the item's own end-of-line part, the lines after it)."""
    if not text:
        return "", ""
    first, newline, rest = text.partition("\n")
    return first + newline, rest


def _header(data: CommentedMap) -> str:
    """The comment lines between ``bijlagen:`` and its first item (they belong to it)."""
    entry = data.ca.items.get("bijlagen")
    tokens = entry[3] if entry and len(entry) > 3 and entry[3] else []
    return "".join(
        " " * int(t.column) + str(t.value) if str(t.value).strip() else str(t.value)
        for t in tokens
        if isinstance(t, CommentToken)
    )


def _set_header(data: CommentedMap, text: str) -> None:
    tokens = []
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        tokens.append(CommentToken(stripped, CommentMark(len(line) - len(stripped)), None))
    entry = data.ca.items.setdefault("bijlagen", [None, None, None, None])
    while len(entry) < 4:
        entry.append(None)
    entry[3] = tokens or None
    bijlagen = data["bijlagen"]
    if isinstance(bijlagen, CommentedSeq) and bijlagen.ca.comment:
        bijlagen.ca.comment = None


def _items(data: CommentedMap, bijlagen: CommentedSeq) -> tuple[list[_Item], str]:
    """The items with their comments, and the comment lines after the list."""
    trailing = [_trailing(node) for node in bijlagen]
    parts = [_split(text) for text, _ in trailing]
    items = []
    for index, node in enumerate(bijlagen):
        before = parts[index - 1][1] if index else _header(data)
        items.append(
            _Item(node=node, own=parts[index][0], before=before, column=trailing[index][1])
        )
    tail = parts[-1][1] if parts else ""
    return items, tail


def _rebuild(data: CommentedMap, bijlagen: CommentedSeq, items: list[_Item], tail: str) -> None:
    """Lay ``items`` (in their new order) into the list, each with its comments."""
    for index, item in enumerate(items):
        after = items[index + 1].before if index + 1 < len(items) else tail
        own = item.own or ("\n" if after else "")
        _set_trailing(item.node, own + after, item.column)
    if items or _header(data):
        _set_header(data, items[0].before if items else "")
    bijlagen[:] = [item.node for item in items]
    bijlagen.ca.items.clear()


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
    """Raise :class:`versions.Conflicted` when ``part(data)`` of the case file differs from
    what it was in ``version`` (the version the person's page was made from)."""
    if not version:
        return
    path = folder / CASE_FILE
    now = path.read_bytes()
    base = versions.parse(versions.base(folder.parent, version, now))
    theirs = part(versions.parse(now))
    if base is versions.UNKNOWN or part(base) != theirs:
        conflict = versions.Conflict(key=key, mine=mine, theirs=theirs)
        raise versions.Conflicted([conflict], version=versions.remember(folder.parent, path))


def _plain_ids(data: Any) -> list[str]:
    bijlagen = data.get("bijlagen") if isinstance(data, dict) else None
    return [str(b.get("id")) for b in bijlagen or [] if isinstance(b, dict)]


def _plain_entry(ident: str) -> Any:
    def entry(data: Any) -> Any:
        bijlagen = data.get("bijlagen") if isinstance(data, dict) else None
        found = [b for b in bijlagen or [] if isinstance(b, dict) and b.get("id") == ident]
        return found[0] if found else None

    return entry


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
    items, tail = _items(data, bijlagen)
    by_id = {str(item.node.get("id")): item for item in items}
    _rebuild(data, bijlagen, [by_id[ident] for ident in order], tail)
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


def _normal(relative: str) -> str:
    return PurePosixPath(relative).as_posix().removeprefix("./")


def _used_elsewhere(data: Any, relative: str, *, but: Any) -> bool:
    wanted = _normal(relative)
    nodes = [data.get("voorstel")] + [b for b in _bijlagen(data) if b is not but]
    return any(_normal(name) == wanted for node in nodes for name in _files_of(node))


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
    items, tail = _items(data, bijlagen)
    del items[index]  # with the comment lines above it; those below stay
    _rebuild(data, bijlagen, items, tail)
    changes: dict[str, bytes | None] = {CASE_FILE: _encoded(data)}
    files = []
    for relative in _files_of(node):
        try:
            target = inside(folder, relative)
        except OutsideWorkspace:
            continue  # never delete what lies outside the case
        if target.is_file() and not _used_elsewhere(data, relative, but=node):
            changes[_normal(relative)] = None
            files.append(_normal(relative))
    problems = edits.propose(folder, changes) if dry_run else edits.save(folder, changes)
    return problems, ([] if problems else files)


# --- adding a bijlage --------------------------------------------------------------------------

_ID = re.compile(ID_PATTERN)


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


@edits.exclusive_case
def add_generated(folder: Path, *, ident: str, titel: str, template: str) -> Added:
    """Add a generated bijlage from ``template`` (one of :func:`templates`) with a data file
    ``bijlagen/<id>.yaml``: a copy of the data of a bijlage with that template, or a skeleton
    from the template's schema."""
    check_id(folder, ident)
    if template not in templates(folder):
        raise ComposeError(
            f"template: expected one of the case's templates "
            f"({', '.join(templates(folder)) or 'none'}), got {template!r}"
        )
    relative = f"{BIJLAGEN}/{ident}.yaml"
    target = inside(folder, relative)
    if target.exists():
        raise ComposeError(
            f"{relative}: expected a new file, got one that exists already",
            code="expected-new-file",
            params={"path": relative},
        )
    data = case_data(folder)
    bijlagen = _bijlagen(data)
    text, copied_from = _data_like(folder, bijlagen, template)
    to_fill = []
    if copied_from:
        to_fill = [f"de gegevens zijn gekopieerd van bijlage {copied_from!r}: pas ze aan"]
    if text is None:
        skeleton = _skeleton(_schema(folder / template))
        to_fill = [where for where, value in _leaves(skeleton) if value == TO_FILL]
        text = _skeleton_text(ident, template, skeleton)
    entry = CommentedMap()
    entry["id"] = ident
    entry["titel"] = yamledit.styled(None, titel)
    entry["template"] = template
    entry["data"] = relative
    _append(data, bijlagen, entry)
    changes = {CASE_FILE: _encoded(data), relative: text.encode("utf-8")}
    problems = edits.save(folder, changes)
    return Added(
        problems=problems,
        files=[] if problems else [relative],
        to_fill=to_fill,
        copied_from=copied_from,
    )


@edits.exclusive_case
def add_ready(folder: Path, *, ident: str, titel: str, upload: Checked) -> Added:
    """Add a ready-made bijlage: the checked upload stored as ``bijlagen/<id><suffix>``."""
    check_id(folder, ident)
    relative = f"{BIJLAGEN}/{ident}{upload.suffix}"
    target = inside(folder, relative)
    if target.exists():
        raise ComposeError(
            f"{relative}: expected a new file, got one that exists already",
            code="expected-new-file",
            params={"path": relative},
        )
    data = case_data(folder)
    entry = CommentedMap()
    entry["id"] = ident
    entry["titel"] = yamledit.styled(None, titel)
    entry["bestand"] = relative
    _append(data, _bijlagen(data), entry)
    problems = edits.save(folder, {CASE_FILE: _encoded(data), relative: upload.data})
    return Added(problems=problems, files=[] if problems else [relative], to_fill=[])


def _append(data: CommentedMap, bijlagen: CommentedSeq, entry: CommentedMap) -> None:
    bijlagen.fa.set_block_style()  # an empty list was written [] (flow style)
    items, tail = _items(data, bijlagen)
    items.append(_Item(node=entry, own="", before=""))
    _rebuild(data, bijlagen, items, tail)


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
    if _normal(old) != relative:
        node["bestand"] = relative
        changes[CASE_FILE] = _encoded(data)
        try:
            old_path = inside(folder, old)
        except OutsideWorkspace:
            old_path = None
        if old_path is not None and old_path.is_file() and not _used_elsewhere(data, old, but=node):
            changes[_normal(old)] = None
    problems = edits.save(folder, changes)
    return problems, relative


def _data_like(folder: Path, bijlagen: CommentedSeq, template: str) -> tuple[str | None, str]:
    """The data text of the first bijlage made from ``template``, and its id."""
    for node in bijlagen:
        if not isinstance(node, CommentedMap) or _normal(str(node.get("template"))) != template:
            continue
        value = node.get("data")
        if isinstance(value, str):
            try:
                return inside(folder, value).read_text(encoding="utf-8"), str(node.get("id"))
            except (OutsideWorkspace, OSError, UnicodeDecodeError):
                continue
        if isinstance(value, dict):
            return yamledit.dumps(copy.deepcopy(value)), str(node.get("id"))
    return None, ""


def _schema(template: Path) -> dict[str, Any]:
    sidecar = template.with_suffix(".schema.json")
    if sidecar.is_symlink() or not sidecar.is_file():
        return {}
    try:
        loaded = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _skeleton(schema: dict[str, Any]) -> Any:
    """The least data ``schema`` accepts, with :data:`TO_FILL` where a text is needed."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties", {})
        return {
            key: _skeleton(properties.get(key, {}))
            for key in schema.get("required", [])
            if isinstance(key, str)
        }
    if kind == "array":
        items = schema.get("items", {})
        return [_skeleton(items if isinstance(items, dict) else {})] * max(
            int(schema.get("minItems", 0)), 1
        )
    if kind in {"integer", "number"}:
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    return TO_FILL


def _leaves(value: Any, where: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [
            leaf
            for key, item in value.items()
            for leaf in _leaves(item, f"{where}.{key}" if where else key)
        ]
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, f"{where}[{i}]")]
    return [(where, value)]


def _skeleton_text(ident: str, template: str, skeleton: Any) -> str:
    header = (
        f"# De gegevens van bijlage {yamledit.comment_line(ident)} "
        f"({yamledit.comment_line(template)}).\n# Vul in waar {TO_FILL} staat.\n"
    )
    if not skeleton:
        return header + "{}\n"
    return header + yamledit.dumps(yamledit.merge(CommentedMap(), copy.deepcopy(skeleton)))
