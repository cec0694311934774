"""Editing a case in its files, for the command line, Python and the web page::

    from besluitpak import editing

    saved = editing.add_bijlage(folder=Path("zaak"), file=Path("kaart.pdf"), titel="Kaart")
    saved = editing.set_value(folder=Path("zaak"), key="onderwerp", value="…", version=v)

Every change is made on the YAML's round-trip data (comments and layout kept), tried with
the CLI's loader first (a change that adds a problem is refused: :attr:`Saved.problems`, and
nothing is written), under the case's edit lock (the page takes the same one), and, given
the ``version`` the person saw (:func:`version`), refused with :class:`Conflicted` when
someone changed the same thing since. The web page uses the modules below directly
(:mod:`.compose`, :mod:`.schemaform`, :mod:`.meetings`, …); this is their short form.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from besluitpak.casefile import lak
from besluitpak.casefile.case import load_case
from besluitpak.editing import compose, uploads, values, versions, yamledit
from besluitpak.editing.compose import ComposeError, Written
from besluitpak.editing.uploads import UploadRefused
from besluitpak.editing.values import KeyPathError
from besluitpak.editing.versions import Conflict, Conflicted
from besluitpak.editing.workspace import CASE_FILE, OutsideWorkspace, edit_root
from besluitpak.errors import BesluitpakError, Problem

__all__ = [
    "CASE_FILE",
    "ComposeError",
    "Conflict",
    "Conflicted",
    "KeyPathError",
    "OutsideWorkspace",
    "Saved",
    "UnknownVersion",
    "UploadRefused",
    "Written",
    "add_bijlage",
    "bijlagen",
    "lak",
    "move_bijlage",
    "remove_bijlage",
    "set_value",
    "version",
]

DATA_SUFFIXES = (".yaml", ".yml")
"""A bijlage file with one of these is a data file (a generated bijlage needs a template)."""


@dataclass(frozen=True, kw_only=True)
class Saved:
    """What a change did: nothing when it has problems, else the files it wrote or removed."""

    problems: tuple[Problem, ...]
    """The problems the change would add, files relative to the case folder (none: saved)."""
    version: str
    """The case file's version now: give it as ``version`` to the next change."""
    files: tuple[str, ...] = ()
    """Files written or removed, relative to the case folder."""
    to_fill: tuple[str, ...] = ()
    """Where a new bijlage's data still says IN TE VULLEN, or a note on copied data."""

    @property
    def saved(self) -> bool:
        return not self.problems


def version(*, folder: Path) -> str:
    """The version of the case file in ``folder`` now (its SHA-256, its bytes kept so a later
    change can be merged against it, as the page's forms are). The only thing a listing
    writes: no lock is taken."""
    return versions.remember(edit_root(folder), folder / CASE_FILE)


def bijlagen(*, folder: Path) -> list[Written]:
    """The bijlagen of the case file in ``folder`` as written, in order (also when the case
    has problems); a case file that is no YAML refused as ``besluitpak check`` refuses it."""
    try:
        return compose.written(folder)
    except yamledit.YamlEditError:
        load_case(folder / CASE_FILE)  # raises the loader's located one-line problem
        raise


def add_bijlage(
    *,
    folder: Path,
    file: Path,
    titel: str,
    ident: str = "",
    template: str = "",
    wijzigingen: str | None = None,
    version: str = "",
) -> Saved:
    """Add ``file`` as the last bijlage: a ready-made PDF, .docx or .odt (checked by its
    content with the page's upload check, :func:`uploads.check`: a .docx or .odt with
    tracked changes only with ``wijzigingen``), or a data file (``.yaml``) for ``template``
    (a ``templates/*.docx`` of the case); stored as ``bijlagen/<id>.…``. ``ident``: default
    from the file's name."""
    _known(folder, version)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise BesluitpakError(f"{file}: cannot be read: {e.strerror or e}") from None
    ident = ident or compose.id_from(file.stem)
    with _at_bijlagen(folder):
        if file.suffix.lower() in DATA_SUFFIXES:
            added = _add_data(folder, data, ident, titel, template, version)
        elif template:
            raise ComposeError(
                f"template: expected no --template for {file.name}: --template is for a data "
                f"file (.yaml); {file.name} is a ready-made document"
            )
        else:
            upload = uploads.check(data, wijzigingen=wijzigingen)
            added = compose.add_ready(
                folder,
                ident=ident,
                titel=titel,
                upload=upload,
                wijzigingen=wijzigingen,
                version=version,
            )
    return _saved(folder, added.problems, added.files, added.to_fill)


def _add_data(
    folder: Path, data: bytes, ident: str, titel: str, template: str, version: str
) -> compose.Added:
    if not template:
        raise ComposeError(
            f"template: expected one of the case's templates for a data file "
            f"({', '.join(compose.templates(folder)) or 'none'}), got none"
        )
    return compose.add_generated(
        folder, ident=ident, titel=titel, template=template, data=data, version=version
    )


class UnknownVersion(BesluitpakError):
    """Raised when a change names a ``version`` the case file was never saved as here."""


def _known(folder: Path, version: str) -> None:
    if not versions.known(edit_root(folder), folder / CASE_FILE, version):
        raise UnknownVersion(
            f"--versie: expected a version this case file was saved as here, got "
            f"{version!r}, which is unknown (made up, or kept elsewhere or too long ago); "
            f"run 'besluitpak bijlage list' for the current one"
        )


@contextlib.contextmanager
def _at_bijlagen(folder: Path) -> Iterator[None]:
    """A refusal about the bijlagen (an id taken or unknown, a template, a place) located at
    the case file's ``bijlagen:`` line."""
    try:
        yield
    except ComposeError as e:
        if not str(e).startswith(("id:", "template:", "naar:", "bijlage:")):
            raise
        raise KeyPathError(str(e), line=values.line_of(folder, "bijlagen")) from None


def move_bijlage(*, folder: Path, ident: str, to: int, version: str = "") -> Saved:
    """Move bijlage ``ident`` to place ``to`` (1 is the first); the others keep their order
    and every comment moves with its bijlage."""
    _known(folder, version)
    with _at_bijlagen(folder):
        order = compose.ids(folder)
        if ident not in order:
            raise ComposeError(
                f"bijlage: expected one of the case's ids ({', '.join(order) or 'none'}), "
                f"got {ident!r}"
            )
        if not 1 <= to <= len(order):
            raise ComposeError(f"naar: expected a place from 1 to {len(order)}, got {to}")
    order.remove(ident)
    order.insert(to - 1, ident)
    return _saved(folder, compose.reorder(folder, order, version=version), [], [])


def remove_bijlage(*, folder: Path, ident: str, version: str = "") -> Saved:
    """Remove bijlage ``ident``, and its data or ready-made file when nothing else uses it;
    refused while a text still refers to it (``{bijlage:id}``)."""
    _known(folder, version)
    with _at_bijlagen(folder):
        problems, files = compose.remove(folder, ident, version=version)
    return _saved(folder, problems, files, [])


def set_value(*, folder: Path, key: str, value: str, version: str = "") -> Saved:
    """Set ``key`` (``onderwerp``, ``bijlagen[0].titel``: list positions count from 0) of the
    case file to ``value``, read by :func:`values.typed` (a date, a number, true/false, else
    text), in the old value's style."""
    _known(folder, version)
    return _saved(folder, values.set_value(folder, key, value, version=version), [CASE_FILE], [])


def _saved(folder: Path, problems: list[Problem], files: list[str], to_fill: list[str]) -> Saved:
    return Saved(
        problems=tuple(problems),
        version=versions.remember(edit_root(folder), folder / CASE_FILE),
        files=() if problems else tuple(files),
        to_fill=tuple(to_fill),
    )
