"""``serve``: the web page on ``host:port`` (waitress), with a worker beside it, until
interrupted."""

from __future__ import annotations

import signal
import subprocess
import sys
from argparse import ArgumentParser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from besluitpak.web import conf
from besluitpak.web.management.base import Command as BaseCommand


def worker_command(workspace: Path) -> list[str]:
    """The worker ``serve`` starts beside the page: ``besluitpak worker`` on ``workspace``."""
    return [sys.executable, "-m", "besluitpak", "worker", "--workspace", str(workspace)]


class Command(BaseCommand):
    help = "Serve the web page on the workspace, with a worker for its build jobs."
    stealth_options = ("workspace_as_given",)
    """The workspace as the person named it on the command line (the hint repeats it)."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start a worker beside the page (run one apart).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.QUEUE:
            conf.check_queue(settings.QUEUE)
        workspace = Path(settings.WORKSPACE)
        child = None if options["no_worker"] else subprocess.Popen(worker_command(workspace))
        signal.signal(signal.SIGTERM, _interrupt(child))
        self._say_serving(options["host"], options["port"], options.get("workspace_as_given"))
        try:
            _listen(options["host"], options["port"])
        except KeyboardInterrupt:
            pass
        finally:
            if child is not None:
                _stop(child)

    def _say_serving(self, host: str, port: int, given: str | None) -> None:
        """Where the page is; and how to add the first user when there is none."""
        from django.contrib.auth.models import User

        say = self.stdout
        say.write(f"besluitpak: serving {settings.WORKSPACE} on http://{host}:{port}/")
        if not User.objects.exists():
            say.write(
                "besluitpak: no users yet; add one with: besluitpak users add NAME "
                f"--rol secretariaat --workspace {given or settings.WORKSPACE}"
            )
        say.flush()


def _interrupt(child: subprocess.Popen[Any] | None) -> Callable[..., None]:
    """What SIGTERM does: the worker beside the page told to stop, and the page stopped as
    by Ctrl-C."""

    def stop(*_: object) -> None:
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)
        raise KeyboardInterrupt

    return stop


def _listen(host: str, port: int) -> None:
    from waitress import serve

    from besluitpak.web.limits import max_body
    from besluitpak.web.wsgi import application

    serve(
        application,
        host=host,
        port=port,
        threads=8,
        ident="besluitpak",
        # refused on its Content-Length at the socket, before its body is read
        max_request_body_size=max_body(),
    )


def _stop(child: subprocess.Popen[Any]) -> None:
    """The worker beside the page stopped (SIGTERM; killed when it has not ended after 30
    seconds)."""
    if child.poll() is not None:
        return
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
