"""A publication's life: scheduled (gepland), published, withdrawn; each change recorded in
the publication folder's log (:mod:`besluitpak.publication.states`) and, given an archive,
as the case's next archived version (:mod:`besluitpak.archival.publicatie`).

The command line and the web page call these through the public API; the web's worker calls
:func:`release_due` on a clock, so a gepland publication goes public with nobody logged in.
"""

from __future__ import annotations

import datetime as dt
import getpass
import shutil
import socket
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from besluitpak.archival import publicatie
from besluitpak.casefile.case import Case
from besluitpak.errors import PublishError
from besluitpak.events import OnEvent
from besluitpak.pipeline import publish
from besluitpak.publication import states
from besluitpak.publication.states import Change, Withdrawal
from besluitpak.settings import BuildSettings

__all__ = [
    "Change",
    "Withdrawal",
    "publication_history",
    "publication_state",
    "record_published",
    "release",
    "release_due",
    "schedule",
    "withdraw",
]


def _door(door: str | None) -> str:
    return door or f"{getpass.getuser()}@{socket.gethostname()}"


def publication_state(out: Path) -> str | None:
    """concept, gepland, gepubliceerd, ingetrokken, or None (nothing there)."""
    return states.state(out)


def publication_history(out: Path) -> list[Change]:
    """The publication's changes, oldest first, as the folder's log holds them."""
    return states.history(out)


def _archive(archief: Path | None, change: Change, files: list[Path]) -> None:
    if archief is not None:
        publicatie.record_change(archief, change.kenmerk, change.as_json(), files)


def schedule(
    case: Case,
    *,
    out: Path,
    gepland_op: dt.date,
    door: str | None = None,
    archief: Path | None = None,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
) -> Change:
    """Build the publication as it will be on ``gepland_op`` (refused before the embargo
    date) into the folder's hidden concept, and record it gepland for that day."""
    staged = states.staged(out)
    if staged.exists():
        shutil.rmtree(staged)  # a new plan replaces the one before
    settings = replace(settings or BuildSettings(), today=gepland_op)
    built = publish(case, out=staged, settings=settings, on_event=on_event)
    change = Change(
        staat=states.GEPLAND,
        tijd=states.now(),
        door=_door(door),
        kenmerk=case.meta.kenmerk,
        gepland_op=gepland_op.isoformat(),
        bestanden=tuple(p.name for p in built.files),
    )
    _archive(archief, change, list(built.files))
    return states.record(out, change)


def release(
    out: Path, *, today: dt.date, door: str | None = None, archief: Path | None = None
) -> Change:
    """Publish the gepland publication, on or after its day only: it was built as the
    publication is on that day (the embargo over, bijlagen secret until then included);
    to publish sooner, ``publish`` builds it anew (before the embargo with a recorded
    reason)."""
    changes = states.history(out)
    if not changes or changes[-1].staat != states.GEPLAND:
        raise PublishError(f"{out}: nothing gepland to publish")
    planned = changes[-1].gepland_op
    if planned is not None and today.isoformat() < planned:
        raise PublishError(
            f"{out}: gepland for {planned}, not before: it was built as the publication is on "
            "that day; to publish now, run publish (it replaces the plan)"
        )
    change = states.release_staged(out, door=_door(door), kenmerk=changes[-1].kenmerk)
    _archive(archief, change, [out / name for name in change.bestanden])
    return change


def release_due(
    out: Path, *, today: dt.date, door: str | None = None, archief: Path | None = None
) -> Change | None:
    """Publish the gepland publication if its day has come (else None): what the worker
    does on its clock and ``besluitpak publish-due`` from a timer."""
    if not states.due(out, today):
        return None
    return release(out, today=today, door=door, archief=archief)


def record_published(
    case: Case, *, out: Path, door: str | None = None, archief: Path | None = None
) -> Change:
    """Record a plain ``publish`` (a concept that was gepland is dropped: this replaced it)."""
    shutil.rmtree(states.staged(out), ignore_errors=True)
    names = sorted(p.name for p in out.iterdir() if p.is_file() and not p.name.startswith("."))
    change = Change(
        staat=states.GEPUBLICEERD,
        tijd=states.now(),
        door=_door(door),
        kenmerk=case.meta.kenmerk,
        bestanden=tuple(names),
    )
    _archive(archief, change, [out / name for name in names])
    return states.record(out, change)


def withdraw(
    case: Case,
    *,
    out: Path,
    reden: str,
    today: dt.date,
    door: str | None = None,
    categorie: str | None = None,
    archief: Path | None = None,
) -> Withdrawal:
    """Withdraw the publication in ``out`` (see :func:`states.withdraw`); the archive keeps
    the withdrawn files with the change before they leave the folder."""

    def keep(files: Sequence[Path], change: Change) -> None:
        _archive(archief, change, list(files))

    return states.withdraw(
        case, out, reden=reden, door=_door(door), today=today, categorie=categorie, keep=keep
    )
