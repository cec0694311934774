"""``worker``: the queue's worker, which runs the page's build jobs."""

from __future__ import annotations

import os
import socket
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command

import besluitpak
from besluitpak.web import conf, recovery, scheduled
from besluitpak.web.management.base import Command as BaseCommand

WARM = "BESLUITPAK_WARM"
"""How many LibreOffice instances a worker keeps running for its jobs' conversions (when
its converter is the local LibreOffice; default 1, 0 to start one for each job)."""
RECOVER_EVERY = 5.0
"""Seconds between two looks (by an RQ worker) for jobs whose worker died."""


class Command(BaseCommand):
    help = "Run the workspace's build jobs (serve starts one of these itself)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Stop when the queue is empty.")

    def handle(self, *args: Any, **options: Any) -> None:
        """First queue again what an earlier stop interrupted, then take jobs until stopped
        (``--batch``: until the queue is empty).

        With ``$BESLUITPAK_QUEUE`` (Redis) it is an RQ worker, one job at a time in this
        process (a SIGKILL ends the job with it: its locks are freed and another worker runs
        it again), that also looks for such jobs every few seconds; else the database
        queue's. Either also looks every few seconds for a planned publication that is due
        (:mod:`~besluitpak.web.scheduled`) and queues it.
        """
        batch = bool(options["batch"])
        if settings.QUEUE:
            conf.check_queue(settings.QUEUE)
        recovery.recover()
        scheduled.check()  # a planned publication that fell due while no worker ran
        stop = threading.Event()
        if not batch:
            scheduled.keep_checking(stop=stop)
        try:
            with besluitpak.keep_converter_warm(0 if batch else _warm_servers()):
                self._work(batch)
        finally:
            stop.set()

    def _work(self, batch: bool) -> None:
        """Take jobs (from the database queue or RQ) until stopped."""
        if not settings.QUEUE:
            arguments = ["db_worker", "--interval", "0.1", "--no-startup-delay"]
            call_command(*arguments, *(["--batch"] if batch else []), verbosity=0)
            return
        stop = threading.Event()
        if not batch:
            recovery.keep_recovering(every=RECOVER_EVERY, stop=stop)
        try:
            call_command(
                "rqworker",
                "default",
                "--job-class",
                "django_tasks_rq.Job",
                "--worker-class",
                "rq.worker.SimpleWorker",
                "--name",
                f"besluitpak-{socket.gethostname()}-{os.getpid()}",
                *(["--burst"] if batch else []),
                verbosity=0,
            )
        finally:
            stop.set()


def _warm_servers() -> int:
    """LibreOffice instances to keep warm: none when the jobs convert on a unoserver pool,
    else ``$BESLUITPAK_WARM`` (default 1)."""
    if os.environ.get("BESLUITPAK_CONVERTER", "").strip() not in {"", "local"}:
        return 0
    written = os.environ.get(WARM, "").strip() or "1"
    return int(written) if written.isdigit() else 1
