"""Starting the web page, its worker and managing users (what the CLI's ``serve``,
``worker`` and ``users`` commands call)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from besluitpak.errors import BesluitpakError, ConfigError

SETTINGS = "besluitpak.web.settings"


def setup(workspace: Path, *, queue: bool = False) -> None:
    """Configure Django for ``workspace`` and bring its database up to date; with
    ``queue``, also make sure the Redis of ``$BESLUITPAK_QUEUE`` answers (the page and the
    worker use it; adding a user does not)."""
    if not workspace.is_dir():
        raise BesluitpakError(f"--workspace: expected a folder of case folders, got {workspace}")
    from besluitpak.web import conf

    conf.prepare(workspace.resolve())
    os.environ["BESLUITPAK_WORKSPACE"] = str(workspace.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.core.management import call_command
    from django.db import OperationalError

    django.setup()
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as e:
        where = "DATABASE_URL" if conf.env("DATABASE_URL") else "the workspace's database"
        reason = " ".join(str(e).split())  # psycopg names host and port, never the password
        raise ConfigError(f"{where}: the database does not answer ({reason})") from e
    from django.conf import settings

    if queue and settings.QUEUE:
        conf.check_queue(settings.QUEUE)


def add_user(workspace: Path, *, name: str, role: str, password: str) -> str:
    """Add (or update the password and role of) user ``name``; returns what was done."""
    setup(workspace)
    from django.contrib.auth.models import Group, User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from besluitpak.web.roles import ROLES

    if role not in ROLES:
        raise BesluitpakError(f"--rol: expected one of {', '.join(ROLES)}, got {role!r}")
    user = User.objects.filter(username=name).first()
    created = user is None
    if user is None:
        user = User(username=name)
    try:
        with translation.override("en"):  # the command line speaks English
            validate_password(password, user)  # the user: refuses their name as password
    except ValidationError as e:
        raise BesluitpakError(f"password: {' '.join(e.messages)}") from None
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return f"{'added' if created else 'updated'} {name} ({role})"


def list_users(workspace: Path) -> list[str]:
    """One line per user: name, role, whether active, last login."""
    setup(workspace)
    from django.contrib.auth.models import User
    from django.utils.timezone import localtime

    from besluitpak.web.permissions import role_of

    lines = []
    for user in User.objects.order_by("username"):
        last = f"{localtime(user.last_login):%Y-%m-%d %H:%M}" if user.last_login else "never"
        state = "" if user.is_active else "  (disabled)"
        lines.append(f"{user.username}  {role_of(user) or 'no role'}  {last}{state}")
    return lines


def worker_command(workspace: Path) -> list[str]:
    return [sys.executable, "-m", "besluitpak", "worker", "--workspace", str(workspace)]


RECOVER_EVERY = 5.0
"""Seconds between two looks (by an RQ worker) for jobs whose worker died."""


def run_worker(workspace: Path, *, batch: bool = False) -> None:
    """The queue's worker: first queue again what an earlier stop interrupted, then take
    jobs until stopped (``batch``: until the queue is empty).

    With ``$BESLUITPAK_QUEUE`` (Redis) it is an RQ worker, one job at a time in this
    process (a SIGKILL ends the job with it: its locks are freed and another worker runs
    it again), that also looks for such jobs every few seconds; else the database queue's.
    """
    setup(workspace, queue=True)
    from django.conf import settings
    from django.core.management import call_command

    from besluitpak.web import jobs

    jobs.recover()
    if not settings.QUEUE:
        arguments = ["db_worker", "--interval", "0.1", "--no-startup-delay"]
        call_command(*arguments, *(["--batch"] if batch else []), verbosity=0)
        return
    stop = threading.Event()
    if not batch:
        jobs.keep_recovering(every=RECOVER_EVERY, stop=stop)
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


def serve(workspace: Path, *, host: str, port: int, worker: bool = True) -> None:
    """Serve the page on ``host:port`` with a worker beside it until interrupted."""
    setup(workspace, queue=True)
    from waitress import serve as waitress_serve

    from besluitpak.web.wsgi import application

    child: subprocess.Popen[Any] | None = None
    if worker:
        child = subprocess.Popen(worker_command(workspace))
    stopping = threading.Event()

    def stop(*_: object) -> None:
        stopping.set()
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"besluitpak: serving {workspace.resolve()} on http://{host}:{port}/", flush=True)
    from django.contrib.auth.models import User

    if not User.objects.exists():
        print(
            "besluitpak: no users yet; add one with: besluitpak users add NAME "
            f"--rol secretariaat --workspace {workspace}",
            flush=True,
        )
    from besluitpak.web.limits import max_body

    try:
        waitress_serve(
            application,
            host=host,
            port=port,
            threads=8,
            ident="besluitpak",
            # refused on its Content-Length at the socket, before its body is read
            max_request_body_size=max_body(),
        )
    except KeyboardInterrupt:
        pass
    finally:
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
