"""Saving a person's edit only when it adds no problem, judged by the same loader as the CLI.

The edit is tried on a shadow of the case folder (hard links of its files, the changed files
written anew) in the workspace's private folder; the problems ``load_case`` finds there that
the case did not already have refuse the edit, in the CLI's words, and nothing is written.
Problems the case already had (elsewhere) do not block an unrelated edit.

Whoever reads a file to change it does so inside :func:`exclusive`, so two people saving at
the same moment are written one after the other and neither change is lost.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock

from besluitpak.casefile.case import load_case
from besluitpak.editing.status import case_status
from besluitpak.editing.workspace import CASE_FILE, OUT, PRIVATE, edit_root, inside, private_folder
from besluitpak.errors import BesluitpakError, CaseError, Problem
from besluitpak.files import write_atomic

Changes = Mapping[str, bytes | None]
"""Path inside the case (POSIX, as a case file writes it) -> its new bytes (None: removed)."""
F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def exclusive(root: Path, name: str) -> Iterator[None]:
    """Hold the edit lock of ``name`` (a case folder's name, ``vergaderingen/x.yaml``) in
    the workspace ``root`` while a file is read, changed and written; across processes and
    threads (each holder takes a new :class:`filelock.FileLock`: an flock on the lock file,
    which the kernel frees when its process ends). The page and the CLI take the same one."""
    with FileLock(lock_file(root, name)):
        yield


def locked(folder: Path) -> contextlib.AbstractContextManager[None]:
    """The edit lock of the case in ``folder`` (:func:`exclusive` in its
    :func:`~besluitpak.editing.workspace.edit_root`): the page's when the case is in its
    workspace."""
    return exclusive(edit_root(folder), folder.name)


def lock_file(root: Path, name: str) -> Path:
    """The file whose lock is the edit lock of ``name`` in the workspace ``root``."""
    folder = private_folder(root) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"edit-{name.replace('/', '-')}.lock"


def exclusive_case(function: F) -> F:
    """Run ``function(folder, …)``, which reads a case's files to change them, holding the
    case's edit lock."""

    @functools.wraps(function)
    def wrapper(folder: Path, *args: Any, **kwargs: Any) -> Any:
        with locked(folder):
            return function(folder, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def problems_of(folder: Path, *, shown: Path | None = None) -> list[Problem]:
    """Every problem of the case in ``folder``, with files shown relative to ``shown``'s
    folder (default ``folder``): ``besluitpak.yaml``, ``bijlagen/x.yaml``."""
    try:
        load_case(folder / CASE_FILE)
    except CaseError as e:
        return [_relative(p, folder) for p in e.problems]
    except BesluitpakError as e:
        return [Problem(file=Path(CASE_FILE), line=None, key="", message=str(e))]
    return []


def _known_problems(folder: Path) -> list[Problem]:
    """The case's problems now: the page's status of it (loaded once per change of its
    files, usually already when the person opened the page)."""
    status = case_status(folder.parent, folder.name)
    if status.error:
        return [Problem(file=Path(CASE_FILE), line=None, key="", message=status.error)]
    return [_relative(p, folder) for p in status.problems]


def _relative(problem: Problem, folder: Path) -> Problem:
    try:
        shown = problem.file.resolve().relative_to(folder.resolve())
    except ValueError:
        shown = problem.file
    return replace(problem, file=shown)


def _key(problem: Problem) -> tuple[str, str, str]:
    return (problem.file.as_posix(), problem.key, problem.message)


def propose(folder: Path, changes: Changes) -> list[Problem]:
    """The problems ``changes`` would add to the case in ``folder`` (none: it may be saved)."""
    for relative in changes:
        inside(folder, relative)  # refuses '..', absolute paths and links
    before = {_key(p) for p in _known_problems(folder)}
    private = private_folder(edit_root(folder)) / "shadows"
    private.mkdir(parents=True, exist_ok=True)
    shadow = Path(tempfile.mkdtemp(dir=private, prefix=f"{folder.name}-"))
    try:
        _link_tree(folder, shadow)
        for relative, data in changes.items():
            target = shadow / relative
            target.unlink(missing_ok=True)
            if data is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        after = problems_of(shadow)
    finally:
        shutil.rmtree(shadow, ignore_errors=True)
    return [p for p in after if _key(p) not in before]


def _link_tree(source: Path, target: Path) -> None:
    """Hard links of every file of the case except its builds and its own edit state (a
    case on its own keeps the shadows in it) (copies where links fail)."""
    for directory, subdirs, files in os.walk(source):
        here = Path(directory)
        relative = here.relative_to(source)
        if relative.parts[:1] in {(OUT,), (PRIVATE,)}:
            subdirs[:] = []
            continue
        subdirs[:] = [d for d in subdirs if not (here / d).is_symlink()]
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            path = here / name
            if path.is_symlink():
                continue
            try:
                os.link(path, target / relative / name)
            except OSError:
                shutil.copy2(path, target / relative / name)


def commit(folder: Path, changes: Changes) -> None:
    """Write ``changes`` into the case folder, each file atomically."""
    for relative, data in changes.items():
        target = inside(folder, relative)
        if data is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data, what=relative)


def save(folder: Path, changes: Changes) -> list[Problem]:
    """:func:`propose` then, when it adds no problem, :func:`commit`; returns the problems."""
    problems = propose(folder, changes)
    if not problems:
        commit(folder, changes)
    return problems
