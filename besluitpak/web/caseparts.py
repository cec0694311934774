"""The parts of a case page that a job changes — the state in the header, the archive and
publication links, the built editions with their thumbnails — computed once for the full
page and for the job's last progress answer, which swaps them in (htmx out-of-band)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from besluitpak.editing.status import CaseStatus
from besluitpak.web import thumbnails
from besluitpak.web.models import Job

THUMBNAILS_WAIT = 180.0
"""Seconds after a build in which the page keeps asking for the thumbnails being made."""

FINGERPRINT = 16
"""Hex digits of the PDF's SHA-256 in a thumbnail's address: a rebuilt page has a new one."""


def editions(status: CaseStatus) -> list[dict[str, Any]]:
    """Each built edition: its PDF, size and page thumbnails (fingerprint, file name)."""
    found = []
    newest = _newest_input(status)
    for edition, pdf in status.bundles:
        pages = thumbnails.pages(pdf)
        found.append(
            {
                "edition": edition,
                "pdf": pdf,
                "pages": [(p.parent.name[:FINGERPRINT], p.name) for p in pages],
                "size": f"{pdf.stat().st_size / 2**20:.1f} MB".replace(".", ","),
                # Each edition by its own file: a job builds the intern one first.
                "stale": pdf.stat().st_mtime_ns < newest,
            }
        )
    return found


def _newest_input(status: CaseStatus) -> int:
    """When the newest input of the case was changed (ns), as the case's state says."""
    if status.case is None:
        return 0
    return max((p.stat().st_mtime_ns for p in status.case.inputs), default=0)


def thumbnails_pending(found: list[dict[str, Any]]) -> bool:
    """Whether an edition built moments ago still waits for its thumbnails."""
    now = time.time()
    return any(
        not e["pages"] and now - Path(e["pdf"]).stat().st_mtime < THUMBNAILS_WAIT for e in found
    )


def failed_builds(cases: list[str]) -> set[str]:
    """The cases of ``cases`` whose last finished build failed."""
    ended = (
        Job.objects.filter(
            case__in=cases, kind=Job.Kind.BUILD, status__in=[Job.Status.DONE, Job.Status.FAILED]
        )
        .order_by("case", "-created", "-pk")
        .values_list("case", "status")
    )
    last: dict[str, str] = {}
    for case, state in ended:
        last.setdefault(case, state)
    return {case for case, state in last.items() if state == Job.Status.FAILED}


def context(status: CaseStatus, *, today: dt.date) -> dict[str, Any]:
    """What the case page's job-changed parts need."""
    found = editions(status)
    failed = status.name in failed_builds([status.name])
    return {
        "status": status,
        "labels": status.labels(today, build_failed=failed),
        "editions": found,
        "thumbnails_pending": thumbnails_pending(found),
    }
