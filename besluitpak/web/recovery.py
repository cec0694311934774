"""Jobs a worker was working on when it died, or that the server never handed to the queue,
found and queued again.

A live worker holds its job's lock (:func:`~besluitpak.web.jobs.job_lock`) for as long as
it works on it; the kernel frees the lock when the worker dies. So a job that is waiting or
running but whose lock is free, and whose task is not waiting in the queue, was interrupted.
Each worker looks at its start, and (with RQ) every few seconds beside its jobs.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from besluitpak.web import jobs
from besluitpak.web.models import Job
from besluitpak.web.tasks import run_job

log = logging.getLogger(__name__)

RECENT = dt.timedelta(seconds=10)
"""A task taken this recently whose job is not locked yet: its worker is about to lock it."""


def recover() -> list[int]:
    """Queue again every job that is waiting or running but that no live worker holds (its
    worker died, or the server stopped before the queue took it) and whose task is not
    waiting in the queue. Returns their keys."""
    again = []
    for pk in Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).values_list(
        "pk", flat=True
    ):
        with jobs.job_lock(pk, wait=False) as free:
            if not free:
                continue  # a live worker has it; it will finish or die
            job = Job.objects.get(pk=pk)
            if not job.active or (job.status == Job.Status.QUEUED and _waiting(job)):
                continue
            log.warning("job %s was interrupted; queued again", pk)
            Job.objects.filter(pk=pk).update(status=Job.Status.QUEUED, task_id="")
            jobs.enqueue(pk)  # holding the job's lock: no other recover() queues it as well
            again.append(pk)
    return again


def _waiting(job: Job) -> bool:
    """Whether the job's task is in the queue (or was just taken by a worker)."""
    if not job.task_id:
        return False  # never queued: the server stopped before it could
    try:
        task = run_job.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return False
    if task.status == TaskResultStatus.READY:
        return True
    started = task.started_at
    if started is not None and timezone.is_naive(started):
        started = started.replace(tzinfo=dt.UTC)  # RQ keeps UTC without saying so
    return task.status == TaskResultStatus.RUNNING and (
        started is None or timezone.now() - started < RECENT
    )


def keep_recovering(*, every: float, stop: threading.Event) -> threading.Thread:
    """Run :func:`recover` every ``every`` seconds beside a worker, until ``stop``: a job
    whose worker died on another machine is run again by this one."""

    def loop() -> None:
        from django.db import connection

        while not stop.wait(every):
            try:
                recover()
            except Exception:
                log.exception("recovering interrupted jobs failed; trying again")
            finally:
                connection.close()

    thread = threading.Thread(target=loop, name="recover", daemon=True)
    thread.start()
    return thread
