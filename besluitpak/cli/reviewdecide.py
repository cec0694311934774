"""``besluitpak review …``: the review of a case's suggested redactions from the terminal
(the page calls the same functions). ``besluitpak review CASE`` lists the suggestions with
their decisions; ``accept``, ``reject``, ``add`` and ``confirm`` decide. Who decides is
``--door`` or $USER. A decision on a listed suggestion uses the last listing (no second
run of ``suggest``)."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

import click

from besluitpak.cli.base import handle_errors, main

CASE = click.option(
    "--case",
    "case",
    type=click.Path(path_type=Path),
    default=Path("."),
    help="The case folder or its case file (default: the current folder).",
)
DOOR = click.option("--door", default="", help="Who decides (default: $USER).")


def _folder(case: Path) -> Path:
    return (case.parent if case.is_file() else case).resolve()


def _door(door: str) -> str:
    return door or os.environ.get("USER") or getpass.getuser()


class _ReviewGroup(click.Group):
    """``review CASE`` (or no argument) lists; ``review accept …`` decides."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@main.group(name="review", cls=_ReviewGroup)
def review_group() -> None:
    """Review the suggested redactions of a case ('besluitpak review CASE' lists them with
    their decision): accept, reject, add a box by hand, confirm as second reviewer. The
    decisions are kept in besluitpak.review.jsonl beside the case file; publish refuses
    while suggestions are open (or unconfirmed, with four eyes on)."""


@review_group.command(name="list")
@click.argument("case", type=click.Path(path_type=Path), default=Path("."))
@handle_errors
def list_command(case: Path) -> None:
    """List CASE's suggestions with their decision, the boxes added by hand, and what
    publish waits for."""
    from besluitpak.editing import review, reviewlist

    folder = _folder(case)
    status = review.review_status(folder, reviewlist.current(folder))
    for item in status.items:
        click.echo(f"{item.suggestion.line()}  {_shown(item.decision)}")
    for added in status.added:
        what = added.woorden or f"vak {list(added.vak)}"
        click.echo(
            f"{added.document} p.{added.pagina}: {what!r} (by hand, {added.grond})  {_shown(added)}"
        )
    refusal = status.refusal()
    click.echo(refusal or "review: done; publish may go ahead", err=True)


def _shown(decision: Any) -> str:
    if decision is None:
        return "OPEN"
    text = {"accept": "gelakt", "reject": "openbaar", "add": "gelakt"}[decision.wat]
    text += f" ({decision.grond or decision.reden}) door {decision.door}"
    if decision.bevestigd_door:
        text += f", bevestigd door {decision.bevestigd_door}"
    return text


@review_group.command(name="accept")
@click.argument("fingerprint")
@CASE
@click.option("--grond", default=None, help="The Woo ground (default: the one proposed).")
@click.option("--versie", "version", default="", help="The data file's version you saw.")
@DOOR
@handle_errors
def accept_command(
    fingerprint: str, case: Path, grond: str | None, version: str, door: str
) -> None:
    """Redact the suggestion FINGERPRINT: {lak:…} in generated text, a lakken entry in a
    ready-made document."""
    from besluitpak.editing import review, reviewlist

    folder = _folder(case)
    suggestion = reviewlist.find(folder, fingerprint, reviewlist.listed(folder))
    decision = review.accept(folder, suggestion, door=_door(door), grond=grond, version=version)
    click.echo(f"{suggestion.line()}: gelakt ({decision.grond}), nr {decision.nr}")


@review_group.command(name="reject")
@click.argument("fingerprint")
@CASE
@click.option("--reden", required=True, help="Why the words may be public.")
@DOOR
@handle_errors
def reject_command(fingerprint: str, case: Path, reden: str, door: str) -> None:
    """Keep the suggestion FINGERPRINT public, with the reason."""
    from besluitpak.editing import review, reviewlist

    folder = _folder(case)
    suggestion = reviewlist.find(folder, fingerprint, reviewlist.listed(folder))
    decision = review.reject(folder, suggestion, door=_door(door), reden=reden)
    click.echo(f"{suggestion.line()}: openbaar ({reden}), nr {decision.nr}")


def _box(text: str | None) -> tuple[float, ...] | None:
    if text is None:
        return None
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise click.BadParameter(f"expected x0,y0,x1,y1 in PDF points, got {text!r}")
    return values


@review_group.command(name="add")
@CASE
@click.option("--document", required=True, help="The ready-made bijlage's id.")
@click.option("--pagina", type=int, required=True, help="The page (1-based).")
@click.option("--woorden", default=None, help="The words on that page to redact.")
@click.option("--vak", default=None, help="A box x0,y0,x1,y1 in PDF points, origin bottom left.")
@click.option("--grond", default="5.1.2e", show_default=True, help="The Woo ground.")
@DOOR
@handle_errors
def add_command(
    case: Path,
    document: str,
    pagina: int,
    woorden: str | None,
    vak: str | None,
    grond: str,
    door: str,
) -> None:
    """Add a redaction by hand in a ready-made document: --woorden or --vak on --pagina."""
    from besluitpak.editing import review

    if (woorden is None) == (vak is None):
        raise click.UsageError("expected --woorden or --vak, one of them")
    decision = review.add(
        _folder(case),
        document=document,
        pagina=pagina,
        door=_door(door),
        grond=grond,
        woorden=woorden,
        vak=_box(vak),
    )
    click.echo(f"{document} p.{pagina}: gelakt ({grond}) by hand, nr {decision.nr}")


@review_group.command(name="confirm")
@CASE
@DOOR
@handle_errors
def confirm_command(case: Path, door: str) -> None:
    """Confirm, as the second reviewer, every decision someone else made."""
    from besluitpak.editing import reviewlog

    nrs = reviewlog.confirm(_folder(case), door=_door(door))
    click.echo(f"confirmed {len(nrs)} decision{'s' if len(nrs) != 1 else ''}: nr {nrs}")


@review_group.command(name="four-eyes")
@click.argument("state", type=click.Choice(["on", "off"]))
@CASE
@DOOR
@handle_errors
def four_eyes_command(state: str, case: Path, door: str) -> None:
    """Require (on) or not (off) a second reviewer's confirmation for this case."""
    from besluitpak.editing import reviewlog

    reviewlog.set_four_eyes(_folder(case), on=state == "on", door=_door(door))
    click.echo(f"four eyes {state}")
