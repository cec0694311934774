"""The workspace: a folder of case folders, the same files the command line reads.

Every name a person gives (a case, a file in a case) goes through :func:`case_folder` or
:func:`inside`: a plain name or relative path, no ``..``, no absolute path, no symbolic link
anywhere on the way, so nothing a request names can leave the workspace.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path, PurePosixPath

from besluitpak.errors import BesluitpakError, Problem

CASE_FILE = "besluitpak.yaml"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
OUT = "out"
"""A case's builds: ``<case>/out`` (what ``besluitpak build`` writes when run in the folder)."""
PUBLISHED = "out/openbaar"
ARCHIEF = "archief"
"""The workspace's archive, shared by its cases (a folder per kenmerk)."""
PRIVATE = ".besluitpak"
"""The workspace's private folder: edit locks, kept versions, shadows (and the page's data)."""


class OutsideWorkspace(BesluitpakError):
    """Raised when a name or path given by a person would leave the workspace (or the case),
    or goes through a symbolic link."""


def slug(text: str, *, default: str) -> str:
    """``text`` as a name of lowercase ASCII letters, digits and hyphens (at most 60):
    ``Kaart van het centrum (v2)`` -> ``kaart-van-het-centrum-v2``; ``default`` if empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    found = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return found[:60].rstrip("-") or default


def private_folder(root: Path) -> Path:
    """``.besluitpak/`` in the workspace ``root``: edit locks, kept versions, shadows."""
    return root / PRIVATE


def edit_root(folder: Path) -> Path:
    """The folder whose ``.besluitpak/`` holds the edit lock, kept versions and shadows of
    the case in ``folder``. Its workspace when it is in one, that is when its parent holds
    the ``.besluitpak/`` the page makes when it starts (``besluitpak serve``), so the page
    and the terminal take one lock; else the case folder itself: a case on its own (the
    repository's reference case) writes nothing beside itself. Nothing reads that folder as
    part of the case (its inputs are the files its case file names)."""
    return folder.parent if (folder.parent / PRIVATE).is_dir() else folder


def shown(root: Path, text: object) -> str:
    """``text`` (a message, a verify line) with paths in the workspace shown relative to it:
    a person sees ``gebied/besluitpak.yaml``, not the server's folders."""
    return str(text).replace(f"{root}/", "")


def shown_problem(root: Path, problem: Problem) -> Problem:
    """``problem`` with its file shown relative to the workspace (``vergaderingen/x.yaml``)."""
    file = Path(os.path.normpath(problem.file))
    for base in (root, root.resolve()):
        if file.is_relative_to(base):
            return replace(problem, file=file.relative_to(base))
    return problem


def links_out(root: Path, folder: Path) -> list[str]:
    """The symbolic links under ``folder`` (itself included) that lead out of the workspace
    ``root`` (or nowhere), as paths relative to ``root``: nothing is read or written
    through them."""
    top = root.resolve()
    found = []
    for directory, subdirs, files in os.walk(folder):
        here = Path(directory)
        for name in [*subdirs, *files]:
            path = here / name
            if path.is_symlink() and not _stays(path, top):
                found.append(path.relative_to(root).as_posix())
    if folder.is_symlink() and not _stays(folder, top):
        found.insert(0, folder.relative_to(root).as_posix())
    return sorted(found)


def _stays(path: Path, top: Path) -> bool:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False  # a dangling or looping link
    return target.is_relative_to(top)


def links_message(links: list[str]) -> str:
    """The Dutch message for links out of the workspace (no server paths: only the names
    in the workspace)."""
    names = ", ".join(f"{name}" for name in links[:5]) + (" …" if len(links) > 5 else "")
    return (
        f"Buiten de werkruimte: {names} is een symbolische link naar een plek buiten de "
        "werkruimte. besluitpak leest en schrijft daar niet; vervang de link door een gewone "
        "map of een gewoon bestand in de werkruimte."
    )


class LinkOutside(OutsideWorkspace):
    """Raised when a case (or the archive) holds a symbolic link that leaves the workspace;
    its message is Dutch (it is shown on the page and in the job's status)."""


def check_links(root: Path, *folders: Path, shallow: Path | None = None) -> None:
    """Refuse (:class:`LinkOutside`) when a link under one of ``folders`` leaves ``root``;
    ``shallow`` (the archive, which grows with every version): only it and its entries."""
    found = [link for f in folders if os.path.lexists(f) for link in links_out(root, f)]
    if shallow is not None and os.path.lexists(shallow):
        top = root.resolve()
        entries = sorted(shallow.iterdir()) if shallow.is_dir() else []
        found += [
            path.relative_to(root).as_posix()
            for path in [shallow, *entries]
            if path.is_symlink() and not _stays(path, top)
        ]
    if found:
        raise LinkOutside(links_message(found))


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


def normal(relative: str) -> str:
    """A path as a case file writes it, in one spelling: ``./bijlagen/x.pdf`` ->
    ``bijlagen/x.pdf``."""
    return PurePosixPath(relative).as_posix().removeprefix("./")


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
