"""The task the queue runs: keyed by the job's primary key (task arguments are JSON)."""

from __future__ import annotations

from django.db import close_old_connections
from django_tasks import task

from besluitpak.web import jobs


@task()
def run_job(pk: int) -> None:
    """Run the :class:`~besluitpak.web.models.Job` ``pk``.

    A worker lives long: like Django around a request, it drops connections that are past
    their age or were broken (a database restart) before and after each job.
    """
    close_old_connections()
    try:
        jobs.execute(pk)
    finally:
        close_old_connections()
