"""The jobs of a publication's states: plan it (``schedule``: its date in the job's reason),
publish the planned one (``release``: queued by the worker when it is due) and withdraw it
(``withdraw``: the reason in the job's reason). Each change also goes into the archive's
manifest chain when the case has been archived."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings

import besluitpak
from besluitpak.editing.workspace import ARCHIEF, CASE_FILE, PUBLISHED
from besluitpak.web import clock
from besluitpak.web.jobparts import door
from besluitpak.web.models import Job
from besluitpak.web.progress import Progress


def _case(job: Job) -> tuple[Path, besluitpak.Case, Path | None]:
    """The case's folder, the case, and the archive when the case is in it."""
    folder = Path(settings.WORKSPACE) / job.case
    case = besluitpak.load_case(folder / CASE_FILE)
    archief = folder.parent / ARCHIEF
    found = besluitpak.versions(archief, case.meta.kenmerk)
    return folder, case, archief if found else None


def _change(change: besluitpak.PublicationChange, archief: Path | None) -> dict[str, Any]:
    return {
        "staat": change.staat,
        "gepland_op": change.gepland_op,
        "bestanden": list(change.bestanden),
        "archief": archief is not None,
    }


def schedule(job: Job, progress: Progress) -> dict[str, Any]:
    folder, case, archief = _case(job)
    change = besluitpak.schedule_publication(
        case,
        out=folder / PUBLISHED,
        gepland_op=dt.date.fromisoformat(job.reason),
        door=door(job),
        archief=archief,
        on_event=progress,
    )
    return _change(change, archief)


def release(job: Job, progress: Progress) -> dict[str, Any]:
    folder, _, archief = _case(job)
    out, today = folder / PUBLISHED, clock.today()
    change = besluitpak.release_publication(out, today=today, door=door(job), archief=archief)
    return _change(change, archief)


def withdraw(job: Job, progress: Progress) -> dict[str, Any]:
    folder, case, archief = _case(job)
    done = besluitpak.withdraw_publication(
        case,
        out=folder / PUBLISHED,
        reden=job.reason,
        today=clock.today(),
        door=door(job),
        archief=archief,
    )
    return {**_change(done.change, archief), "verwijderd": list(done.removed)}
