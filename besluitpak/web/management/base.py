"""What the web app's management commands share."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from besluitpak.errors import BesluitpakError


class Command(BaseCommand):
    """A command that says a :class:`~besluitpak.errors.BesluitpakError` as the CLI does
    (``error: …``, exit status 1, no traceback) when run from ``django-admin``; through
    ``call_command`` (the CLI) the error reaches its caller."""

    def run_from_argv(self, argv: list[str]) -> None:
        try:
            super().run_from_argv(argv)
        except BesluitpakError as e:
            self.stderr.write(f"error: {e}")
            sys.exit(1)
