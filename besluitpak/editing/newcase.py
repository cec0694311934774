"""A new case made from an existing one: its gemeente, templates and collegevoorstel, no
bijlagen, and no ``{bijlage:…}`` left in its texts. Built in a staging folder and moved into
the workspace only when the CLI's loader finds no problem in it."""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak import codes
from besluitpak.casefile.case import load_case
from besluitpak.casefile.refs import REF, strings
from besluitpak.casefile.schema import KENMERK_PATTERN
from besluitpak.editing import edits, yamledit
from besluitpak.editing.compose import RESERVED, TEMPLATES, ComposeError, case_data
from besluitpak.editing.workspace import CASE_FILE, NAME, inside, private_folder, slug
from besluitpak.errors import BesluitpakError, CaseError, Problem


def folder_name(onderwerp: str) -> str:
    """A case folder name from an onderwerp: ``gebiedsopgave-centrum-vaststellen``."""
    return slug(onderwerp, default="zaak")


@dataclass(frozen=True, kw_only=True)
class NewCase:
    """What a new case's own fields are (the rest comes from the case it is based on)."""

    name: str
    onderwerp: str
    kenmerk: str
    collegevergadering: dt.date
    portefeuillehouder: str
    afdeling: str
    basis: str
    """The existing case (a folder of the workspace) whose gemeente, templates and
    collegevoorstel are copied."""


def check_name(root: Path, name: str) -> str:
    """``name`` when it may be a new case folder of the workspace ``root``."""
    if not NAME.fullmatch(name) or name.startswith(".") or name.lower() in RESERVED:
        raise ComposeError(
            f"naam: expected a folder name of letters, digits and . _ -, starting with a "
            f"letter or digit (at most 100 characters, not {', '.join(sorted(RESERVED))}), "
            f"got {name!r}",
            code="expected-folder-name",
            params={"reserved": ", ".join(sorted(RESERVED)), **codes.got(name)},
        )
    if os.path.lexists(root / name):
        raise _taken(name)
    return name


def _taken(name: str) -> ComposeError:
    return ComposeError(
        f"naam: expected a new folder name, got {name!r}, which exists already",
        code="expected-new-folder",
        params={"name": name},
    )


def create_case(root: Path, basis_folder: Path, new: NewCase) -> list[Problem]:
    """Make the case folder ``new.name`` in ``root``: the basis's gemeente, templates/ and
    collegevoorstel (template and data, every ``{bijlage:…}`` taken out), no bijlagen, and
    the new case's own fields. It is made aside and moved in only when it loads without
    problems; returns the problems (none: made)."""
    check_name(root, new.name)
    if not re.fullmatch(KENMERK_PATTERN, new.kenmerk):
        raise ComposeError(
            "kenmerk: expected a kenmerk like 2014/123456, Z-2026-000123 or UTR.2026.804711 "
            f"(letters, digits and / - . _, starting with a letter or digit), got {new.kenmerk!r}",
            code="expected-pattern-kenmerk",
            params=codes.got(new.kenmerk),
        )
    data, voorstel = _case_file_data(case_data(basis_folder), new)
    private = private_folder(root) / "new"
    private.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=private, prefix=f"{new.name}-"))
    try:
        made = staging / new.name
        made.mkdir()
        _copy_templates(basis_folder, made)
        template = voorstel.get("template")
        if isinstance(template, str):
            _copy_file(basis_folder, made, template)
        value = voorstel.get("data")
        if isinstance(value, str):
            text = _without_refs(_read_yaml(basis_folder, value))
            inside(made, value).parent.mkdir(parents=True, exist_ok=True)
            yamledit.save(inside(made, value), text)
        elif isinstance(value, dict):
            voorstel["data"] = _without_refs(value)
        header = (
            f"# {yamledit.comment_line(new.onderwerp)}: gemaakt op basis van de zaak "
            f"{yamledit.comment_line(new.basis)}.\n"
        )
        (made / CASE_FILE).write_text(header + yamledit.dumps(data), encoding="utf-8")
        problems = edits.problems_of(made)
        if not problems:
            try:
                load_case(made / CASE_FILE)
            except CaseError as e:
                problems = list(e.problems)
        if problems:
            return problems
        try:
            os.rename(made, root / new.name)  # refuses (ENOTEMPTY/EEXIST) if it appeared
        except OSError as e:
            raise _taken(new.name) from e
        return []
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _case_file_data(basis: Any, new: NewCase) -> tuple[CommentedMap, CommentedMap]:
    """The new case file's data (the basis's gemeente, steller, publicatie_url and voorstel;
    the new case's own fields; no bijlagen), and its voorstel."""
    data = CommentedMap()
    data["gemeente"] = copy.deepcopy(basis.get("gemeente"))
    data["kenmerk"] = new.kenmerk
    data["onderwerp"] = yamledit.styled(None, new.onderwerp)
    data["collegevergadering"] = new.collegevergadering
    data["portefeuillehouder"] = yamledit.styled(None, new.portefeuillehouder)
    data["afdeling"] = yamledit.styled(None, new.afdeling)
    for key in ("steller", "publicatie_url"):
        if basis.get(key) is not None:
            data[key] = copy.deepcopy(basis[key])
    voorstel = copy.deepcopy(basis.get("voorstel"))
    if not isinstance(voorstel, CommentedMap):
        raise ComposeError(f"{new.basis}: voorstel: expected a mapping, got {voorstel!r}")
    data["voorstel"] = voorstel
    data["bijlagen"] = CommentedSeq()
    return data, voorstel


def _copy_templates(source: Path, target: Path) -> None:
    where = source / TEMPLATES
    if where.is_symlink() or not where.is_dir():
        return
    (target / TEMPLATES).mkdir()
    for path in sorted(where.iterdir()):
        if path.is_file() and not path.is_symlink():
            shutil.copy2(path, target / TEMPLATES / path.name)


def _copy_file(source: Path, target: Path, relative: str) -> None:
    given = inside(source, relative)
    if not given.is_file():
        return
    to = inside(target, relative)
    if not to.exists():
        to.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(given, to)


def _read_yaml(folder: Path, relative: str) -> Any:
    try:
        return yamledit.load(inside(folder, relative))
    except BesluitpakError as e:
        raise ComposeError(f"{relative}: {e}") from e


_PARENTHESISED = re.compile(r"\s*\(\s*" + REF.pattern + r"\s*\)")


def _without_refs(value: Any) -> Any:
    """``value`` with every ``{bijlage:…}`` taken out: ``(…)`` around one goes with it, any
    other becomes ``de bijlage``."""
    if isinstance(value, CommentedMap):
        for key in list(value):
            value[key] = _without_refs(value[key])
        return value
    if isinstance(value, CommentedSeq):
        for index, item in enumerate(value):
            value[index] = _without_refs(item)
        return value
    if isinstance(value, dict):
        return {key: _without_refs(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_refs(item) for item in value]
    if isinstance(value, str) and REF.search(value):
        text = REF.sub("de bijlage", _PARENTHESISED.sub("", value))
        return yamledit.styled(value, text)
    return value


def references(data: Any) -> list[str]:
    """Every ``{bijlage:…}`` written in ``data`` (for tests and messages)."""
    return [m.group() for _, text in strings(data) for m in REF.finditer(text)]
