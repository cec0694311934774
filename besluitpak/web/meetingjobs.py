"""The jobs of a collegevergadering (its case is ``vergadering:<name>``): the agenda and
vergadermap, the besluitenlijst (voorlopig or definitief) and the meeting's archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings

import besluitpak
from besluitpak.editing import meetings
from besluitpak.editing.workspace import ARCHIEF
from besluitpak.web.jobparts import door, files, titles
from besluitpak.web.models import Job
from besluitpak.web.progress import Progress


def _meeting(job: Job) -> tuple[Path, Path, besluitpak.Vergadering]:
    """The workspace, the meeting's out folder and the meeting of ``job`` (its case is
    ``vergadering:<name>``), loaded by the CLI's loader."""
    root = Path(settings.WORKSPACE)
    name = job.case.removeprefix(meetings.KEY)
    loaded = besluitpak.load_vergadering(meetings.meeting_file(root, name))
    return root, meetings.out_folder(root, name), loaded


def agenda(job: Job, progress: Progress) -> dict[str, Any]:
    _, out, loaded = _meeting(job)
    progress.titles = titles([item.case for item in loaded.items])
    built = besluitpak.build_agenda(loaded, out=out, on_event=progress)
    return {**files([built.agenda, built.vergadermap]), "pages": built.pages}


def lijst(job: Job, progress: Progress) -> dict[str, Any]:
    _, out, loaded = _meeting(job)
    status = besluitpak.LijstStatus(job.kind.removeprefix("meeting_"))
    progress.state["stage"] = f"besluitenlijst ({status.value}) maken"
    progress.write(force=True)
    lijst = besluitpak.write_besluitenlijst(loaded, out=out, status=status, today=dt.date.today())
    return {**files([lijst.pdf, lijst.docx, lijst.diwoo]), "later": list(lijst.later)}


def archive(job: Job, progress: Progress) -> dict[str, Any]:
    root, out, loaded = _meeting(job)
    progress.titles = titles([item.case for item in loaded.items])
    stored = besluitpak.archive_vergadering(
        loaded, archief=root / ARCHIEF, out=out, on_event=progress, door=door(job)
    )
    seal = stored.version / "vergadering.json.sha256"
    return {
        "fingerprint": seal.read_text().split()[0] if seal.is_file() else "",
        "version": stored.version.relative_to(root.resolve()).as_posix()
        if stored.version.is_relative_to(root.resolve())
        else stored.version.name,
        "new": stored.new,
        "cases": {str(nummer): version.name for nummer, version in stored.cases},
    }
