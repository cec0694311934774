"""Planned publications, found by the worker: every few seconds it looks in each case's
publication folder, and one that is gepland for today (:mod:`clock`) or earlier becomes a
``release`` job on the queue, which the worker then runs like any job (under the case's
lock, in the logboek). Nobody needs to be logged in."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction

import besluitpak
from besluitpak.editing.workspace import PUBLISHED, case_names
from besluitpak.web import clock
from besluitpak.web.models import Job

log = logging.getLogger(__name__)
EVERY = "BESLUITPAK_SCHEDULE_EVERY"
"""Seconds between two looks for a planned publication that is due (default 30)."""


def every() -> float:
    written = os.environ.get(EVERY, "").strip()
    try:
        return max(0.1, float(written)) if written else 30.0
    except ValueError:
        return 30.0


def queue_due() -> list[Job]:
    """A ``release`` job for each case whose planned publication is due and has none
    waiting, running, or failed since it was planned (a failure is shown, not retried
    every few seconds)."""
    root, today, queued = Path(settings.WORKSPACE), clock.today(), []
    for name in case_names(root):
        out = root / name / PUBLISHED
        if besluitpak.publication_state(out) != "gepland":
            continue
        change = besluitpak.publication_history(out)[-1]
        if change.gepland_op is None or change.gepland_op > today.isoformat():
            continue
        earlier = Job.objects.filter(case=name, kind=Job.Kind.RELEASE)
        if earlier.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).exists():
            continue
        since = dt.datetime.fromisoformat(change.tijd)
        if earlier.filter(status=Job.Status.FAILED, created__gte=since).exists():
            continue
        queued.append(_queue(name, f"{change.door} (gepland op {change.gepland_op})"))
    return queued


def _queue(case: str, who: str) -> Job:
    from besluitpak.web.jobs import enqueue

    with transaction.atomic():
        job = Job.objects.create(case=case, kind=Job.Kind.RELEASE, requested_by_name=who[:150])
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def check() -> None:
    """:func:`queue_due` once, and the paraafroute's passed termijnen (an e-mail each,
    :func:`besluitpak.web.notify.overdue`); a failure (an unreadable log) is logged, never
    the end of the worker."""
    try:
        queue_due()
    except Exception:
        log.exception("looking for planned publications failed; trying again")
    try:
        from besluitpak.web import notify

        notify.overdue(Path(settings.WORKSPACE), day=clock.today())
    except Exception:
        log.exception("looking for passed route termijnen failed; trying again")


def keep_checking(*, stop: threading.Event) -> threading.Thread:
    """Run :func:`queue_due` every :func:`every` seconds beside a worker, until ``stop``."""

    def loop() -> None:
        from django.db import connection

        while not stop.wait(every()):
            try:
                check()
            finally:
                connection.close()

    thread = threading.Thread(target=loop, name="scheduled", daemon=True)
    thread.start()
    return thread
