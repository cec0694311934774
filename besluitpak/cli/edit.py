"""``besluitpak bijlage …`` and ``besluitpak set``: a case's files edited from the terminal,
through :mod:`besluitpak.editing` only, as the web page edits them.

Each change holds the case's edit lock (the page's when the case is in the workspace the page
made; a case on its own keeps lock and versions in its own ``.besluitpak/``), so a terminal
user and a page user are written one after the other; ``--versie`` (printed after every
change, and by ``bijlage list``) makes a change someone else made to the same thing since a
refusal instead of an overwrite. A listing takes no lock; it keeps only the copy of the case
file its printed ``versie`` names. Bad input: ``file:line: field: expected X, got Y``, exit
status 1, nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from besluitpak.cli.base import handle_errors, main
from besluitpak.errors import BesluitpakError, CaseError

if TYPE_CHECKING:
    from besluitpak.editing import Conflicted, Saved

ZAAK_OPTION = click.option(
    "--zaak",
    "-z",
    "zaak",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="The case: a folder holding besluitpak.yaml, or that file (edited in place; its "
    "edit state, locks and kept versions, lives in .besluitpak/ of the workspace the page made, "
    "or of the case folder itself when it is on its own).",
)
VERSIE_OPTION = click.option(
    "--versie",
    default="",
    help="The case file's version the change is based on (printed after each change and by "
    "'bijlage list'); refused when someone changed the same thing since.",
)
EDIT_STATE = (
    "The edit state (locks, kept versions) lives in .besluitpak/ of the workspace the page "
    "made, else of the case folder."
)


def _folder(zaak: Path) -> Path:
    from besluitpak.editing import CASE_FILE

    folder = zaak.parent if zaak.is_file() or zaak.name == CASE_FILE else zaak
    if zaak.is_file() and zaak.name != CASE_FILE:
        raise BesluitpakError(
            f"--zaak: expected a case folder holding {CASE_FILE}, or that file, got "
            f"{str(zaak)!r}, a case file of another name: the terminal and the page edit "
            f"only a case file named {CASE_FILE} (rename it, or copy it to "
            f"{folder / CASE_FILE}); 'besluitpak check' reads it as it is"
        )
    if not (folder / CASE_FILE).is_file():
        raise BesluitpakError(
            f"--zaak: expected a case folder holding {CASE_FILE}, or that file, got {str(zaak)!r}"
        )
    return folder


def _run(
    zaak: Path, change: str, do: Callable[[Path], Saved], *, about: Path | None = None
) -> Saved:
    """Run ``do(folder)`` on the case ``zaak``; its refusals as ``file:line: field: …``
    (an unfit file as ``about: …``)."""
    from besluitpak import editing

    folder = _folder(zaak)
    shown = folder / editing.CASE_FILE
    try:
        saved = do(folder.resolve())
    except editing.UploadRefused as e:
        hint = (
            " (here: --wijzigingen aanvaarden or verwerpen)" if e.code == "tracked-changes" else ""
        )
        raise BesluitpakError(f"{about or shown}: {e}{hint}") from None
    except editing.KeyPathError as e:
        line = f":{e.line}" if e.line is not None else ""
        raise BesluitpakError(f"{shown}{line}: {e}") from None
    except (editing.ComposeError, editing.OutsideWorkspace, editing.UnknownVersion) as e:
        raise BesluitpakError(f"{shown}: {e}") from None
    except editing.Conflicted as e:
        raise BesluitpakError(_conflicts(shown, e)) from None
    if saved.problems:
        problems = [replace(p, file=folder / p.file) for p in saved.problems]
        raise CaseError(problems, what=f"the case after {change}; nothing was written")
    return saved


def _conflicts(shown: Path, e: Conflicted) -> str:
    lines = [
        f"{shown}: {c.key}: expected it unchanged since --versie, got {c.theirs!r} "
        f"written since by someone else"
        for c in e.conflicts
    ]
    return "\n".join([*lines, f"nothing was written; the version now: {e.version}"])


def _done(saved: Saved, line: str) -> None:
    click.echo(line)
    for note in saved.to_fill:
        click.echo(f"  to fill in: {note}")
    click.echo(f"versie: {saved.version}")


@main.group(name="bijlage")
def bijlage() -> None:
    """A case's bijlagen: list, add, move, remove (as the web page does)."""


@bijlage.command(name="list")
@ZAAK_OPTION
@handle_errors
def list_command(zaak: Path) -> None:
    """The bijlagen in order: number, id, titel, file; and the case file's version (give it
    as --versie to a change). Takes no lock; writes only the kept copy of the case file that
    version names, in .besluitpak/ of the workspace the page made, else of the case folder."""
    from besluitpak import editing

    folder = _folder(zaak)
    for item in editing.bijlagen(folder=folder):
        source = item.bestand or item.template
        missing = f"  (missing: {item.missing})" if item.missing else ""
        click.echo(f"{item.number:>3}  {item.id}  {item.titel}  [{source}]{missing}")
    click.echo(f"versie: {editing.version(folder=folder.resolve())}")


@bijlage.command(name="add")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--titel", required=True, help="The bijlage's title, as its cover shows it.")
@click.option("--id", "ident", default="", help="Its id (default: from the file's name).")
@click.option(
    "--template",
    default="",
    help="For a data file (.yaml): the case's Word template it fills, e.g. "
    "templates/gebiedsopgave.docx.",
)
@click.option(
    "--wijzigingen",
    type=click.Choice(["aanvaarden", "verwerpen"]),
    default=None,
    help="For a .docx or .odt with tracked changes: accept or reject them at the build "
    "(written as 'wijzigingen:'); without it such a document is refused, as on the page.",
)
@ZAAK_OPTION
@VERSIE_OPTION
@handle_errors
def add_command(
    file: Path,
    titel: str,
    ident: str,
    template: str,
    wijzigingen: str | None,
    zaak: Path,
    versie: str,
) -> None:
    """Add FILE as the last bijlage: a ready-made PDF, .docx or .odt, checked as the page
    checks an upload (by its content; a PDF that opens, with pages, no password; a .docx or
    .odt without tracked changes unless --wijzigingen), or a data file (.yaml) for
    --template. Stored as bijlagen/<id>.…; nothing is written when it is refused."""
    from besluitpak import editing

    saved = _run(
        zaak,
        f"adding {file}",
        lambda folder: editing.add_bijlage(
            folder=folder,
            file=file,
            titel=titel,
            ident=ident,
            template=template,
            wijzigingen=wijzigingen,
            version=versie,
        ),
        about=file,
    )
    _done(saved, f"added: {', '.join(saved.files)}")


@bijlage.command(name="move")
@click.argument("ident", metavar="ID")
@click.option("--naar", type=int, required=True, help="Its new place: 1 is the first bijlage.")
@ZAAK_OPTION
@VERSIE_OPTION
@handle_errors
def move_command(ident: str, naar: int, zaak: Path, versie: str) -> None:
    """Move bijlage ID to place --naar; the others keep their order."""
    from besluitpak import editing

    saved = _run(
        zaak,
        f"moving {ident}",
        lambda folder: editing.move_bijlage(folder=folder, ident=ident, to=naar, version=versie),
    )
    _done(saved, f"moved: {ident} is bijlage {naar}")


@bijlage.command(name="remove")
@click.argument("ident", metavar="ID")
@ZAAK_OPTION
@VERSIE_OPTION
@handle_errors
def remove_command(ident: str, zaak: Path, versie: str) -> None:
    """Remove bijlage ID, and its file when nothing else uses it; refused while a text
    still refers to it ({bijlage:ID})."""
    from besluitpak import editing

    saved = _run(
        zaak,
        f"removing {ident}",
        lambda folder: editing.remove_bijlage(folder=folder, ident=ident, version=versie),
    )
    removed = f" (removed {', '.join(saved.files)})" if saved.files else ""
    _done(saved, f"removed: {ident}{removed}")


@main.command(name="set")
@click.argument("key")
@click.argument("value")
@ZAAK_OPTION
@VERSIE_OPTION
@handle_errors
def set_command(key: str, value: str, zaak: Path, versie: str) -> None:
    """Set KEY of the case file to VALUE; comments and layout stay.

    KEY is a key path: onderwerp, steller.naam, voorstel.data.inleiding, bijlagen[0].titel.
    List positions count from 0, as every problem besluitpak reports: bijlagen[0] is
    bijlage 1, bijlagen[11] is bijlage 12.

    VALUE is stored as a date (2026-03-11), a number (12, 1.5), true or false, or else as
    the text typed ([1,2] and {a: 1} are text, too; lists and mappings are edited in the
    file or on the page). Refused, writing nothing, when the case would get a problem."""
    from besluitpak import editing

    saved = _run(
        zaak,
        f"setting {key}",
        lambda folder: editing.set_value(folder=folder, key=key, value=value, version=versie),
    )
    _done(saved, f"set: {key}")
