"""The workspace: a folder of case folders, the same files the command line reads.

Every name a person gives (a case, a file in a case) goes through :func:`case_folder` or
:func:`inside`: a plain name or relative path, no ``..``, no absolute path, no symbolic link
anywhere on the way, so nothing a request names can leave the workspace.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from besluitpak.errors import BesluitpakError

CASE_FILE = "besluitpak.yaml"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
OUT = "out"
"""A case's builds: ``<case>/out`` (what ``besluitpak build`` writes when run in the folder)."""
PUBLISHED = "out/openbaar"
ARCHIEF = "archief"
"""The workspace's archive, shared by its cases (a folder per kenmerk)."""


class OutsideWorkspace(BesluitpakError):
    """Raised when a name or path given by a person would leave the workspace (or the case),
    or goes through a symbolic link."""


def shown(root: Path, text: object) -> str:
    """``text`` (a message, a verify line) with paths in the workspace shown relative to it:
    a person sees ``gebied/besluitpak.yaml``, not the server's folders."""
    return str(text).replace(f"{root}/", "")


def case_names(root: Path) -> list[str]:
    """The case folders of the workspace: sub-folders (not links) holding besluitpak.yaml."""
    names = []
    for child in sorted(root.iterdir()):
        if NAME.fullmatch(child.name) and not child.is_symlink() and child.is_dir():
            case_file = child / CASE_FILE
            if case_file.is_file() and not case_file.is_symlink():
                names.append(child.name)
    return names


def case_folder(root: Path, name: str) -> Path:
    """The case folder ``name`` of the workspace ``root``, or :class:`OutsideWorkspace`."""
    if not NAME.fullmatch(name) or name in {".", ".."} or name.startswith("."):
        raise OutsideWorkspace(f"case: expected a folder name of the workspace, got {name!r}")
    folder = root / name
    if folder.is_symlink() or not folder.is_dir():
        raise OutsideWorkspace(f"case: expected a case folder of the workspace, got {name!r}")
    case_file = folder / CASE_FILE
    if case_file.is_symlink() or not case_file.is_file():
        raise OutsideWorkspace(f"case: {name!r} holds no {CASE_FILE}")
    if folder.resolve().parent != root.resolve():
        raise OutsideWorkspace(f"case: {name!r} lies outside the workspace")
    return folder


def inside(folder: Path, relative: str) -> Path:
    """``relative`` (a POSIX path as a case file writes it) inside ``folder``, never leaving
    it and never through a symbolic link; the file itself need not exist yet."""
    given = PurePosixPath(relative)
    if not relative or given.is_absolute() or "\\" in relative or relative.startswith("~"):
        raise OutsideWorkspace(f"path: expected a relative path inside the case, got {relative!r}")
    if any(part in {"..", "."} or not part.strip() for part in given.parts):
        raise OutsideWorkspace(f"path: expected a path without '..', got {relative!r}")
    path = folder
    for part in given.parts:
        path = path / part
        if path.is_symlink():
            raise OutsideWorkspace(f"path: {relative!r} goes through a symbolic link")
    if not path.resolve().is_relative_to(folder.resolve()):
        raise OutsideWorkspace(f"path: {relative!r} lies outside the case")
    return path
