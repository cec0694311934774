"""The task the queue runs: keyed by the job's primary key (task arguments are JSON)."""

from __future__ import annotations

from django_tasks import task

from besluitpak.web import jobs


@task()
def run_job(pk: int) -> None:
    """Run the :class:`~besluitpak.web.models.Job` ``pk``."""
    jobs.execute(pk)
