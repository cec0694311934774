"""Signing the definitive besluitenlijst from the page (issue 31): a job of the meeting, run by
the worker, that signs the list as the burgemeester (PAdES B-T) and then as the secretaris
(B-LTA, for the archive) with the keys configured for the worker (the environment variables
of :mod:`besluitpak.signing.keys`, never the workspace), through the public API; and the
signatures' status (signer, time, level) the page shows afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

import besluitpak
from besluitpak.editing import meetings
from besluitpak.errors import SigningError
from besluitpak.web.models import Job
from besluitpak.web.progress import Progress

SIGNERS = (("burgemeester", False), ("secretaris", True))
"""Who signs, in order, and whether for the archive (B-LTA: the last signature)."""


def definitive(root: Path, name: str) -> Path | None:
    """The meeting's definitive besluitenlijst in its out folder (None: not made yet)."""
    found = [
        meetings.output_file(root, name, file)
        for _, file in meetings.outputs(root, name)
        if file.startswith("besluitenlijst-") and file.endswith("-definitief.pdf")
    ]
    return found[-1] if found else None


def sign_list(job: Job, progress: Progress) -> dict[str, Any]:
    """The job: sign the definitive besluitenlijst of ``job``'s meeting."""
    root = Path(settings.WORKSPACE)
    name = job.case.removeprefix(meetings.KEY)
    pdf = definitive(root, name)
    if pdf is None:
        raise SigningError(
            f"vergadering {name}: no definitive besluitenlijst to sign: make it first"
        ).coded("sign-no-list", name=name)
    for als, lta in SIGNERS:
        progress.state["stage"] = f"ondertekenen als {als}"
        progress.write(force=True)
        besluitpak.sign_pdf(pdf, als=als, lta=lta)
    return {"file": pdf.name, "signatures": status(pdf)}


def status(pdf: Path) -> list[dict[str, Any]]:
    """Each signature in ``pdf`` as the page shows it: role, signer, time (UTC), level, ok."""
    return [
        {
            "role": check.field,
            "signer": check.signer,
            "time": check.time.strftime("%d-%m-%Y %H:%M UTC") if check.time else "",
            "level": check.level,
            "ok": check.ok,
        }
        for check in besluitpak.check_signatures(pdf)
    ]


def signed(meeting: str) -> dict[str, Any]:
    """The result of the meeting's latest signing job that ended well, while its file is
    still there ({}: the definitive list is not signed from the page)."""
    job = Job.objects.filter(case=meeting, kind=Job.Kind.MEETING_SIGN, status=Job.Status.DONE)
    latest = job.order_by("-finished").first()
    if latest is None:
        return {}
    name = meeting.removeprefix(meetings.KEY)
    pdf = definitive(Path(settings.WORKSPACE), name)
    if (
        pdf is None
        or pdf.name != latest.result.get("file")
        or b"/ByteRange" not in pdf.read_bytes()
    ):
        return {}  # moved away, or made again unsigned
    result: dict[str, Any] = latest.result
    return result
