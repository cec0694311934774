"""The command line's one way into the web app: ``besluitpak serve``, ``worker`` and
``users`` run the Django management commands of the same names
(``besluitpak/web/management/commands/``) on a workspace, by name."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from besluitpak.errors import BesluitpakError, ConfigError

SETTINGS = "besluitpak.web.settings"


def run(name: str, *args: str, workspace: Path, **options: Any) -> None:
    """Run the management command ``name`` with ``args`` (as typed after its name) and
    ``options`` (its stealth options) on ``workspace``."""
    setup(workspace)
    from django.core.management import call_command

    call_command(name, *args, **options)


def check_workspace(workspace: Path) -> None:
    """Refuse a ``--workspace`` that is not a folder, before anything is asked or made."""
    if not workspace.is_dir():
        raise BesluitpakError(f"--workspace: expected a folder of case folders, got {workspace}")


def setup(workspace: Path) -> None:
    """Configure Django for ``workspace`` (its private folder and secret key made where
    missing) and bring its database up to date."""
    check_workspace(workspace)
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
