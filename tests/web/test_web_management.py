"""``serve``, ``worker`` and ``users`` are the web app's Django management commands: the
CLI runs them by name, and they also run from ``python -m django`` on a workspace whose
database the CLI made, saying a refusal as the CLI does (no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.web.workspaces import make_workspace


def _django(workspace: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BESLUITPAK_QUEUE")}
    env |= {"DJANGO_SETTINGS_MODULE": "besluitpak.web.settings"}
    env |= {"BESLUITPAK_WORKSPACE": str(workspace)}
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_the_users_command_runs_from_django_admin_on_the_workspace_the_cli_made(
    tmp_path: Path,
) -> None:
    workspace = make_workspace(tmp_path / "werkruimte")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BESLUITPAK_QUEUE")}
    made = subprocess.run(
        [sys.executable, "-m", "besluitpak", "users", "list", "--workspace", str(workspace)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0 and made.stdout == "", made.stderr
    added = _django(workspace, "users", "add", "sanne", "--rol", "secretariaat",
                    "--password-stdin", stdin="een-lang-wachtwoord\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added sanne (secretariaat)"
    assert _django(workspace, "users", "list").stdout.splitlines() == ["sanne  secretariaat  never"]


def test_a_refusal_from_django_admin_is_one_line_and_exit_status_1(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path / "werkruimte")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BESLUITPAK_QUEUE")}
    subprocess.run(
        [sys.executable, "-m", "besluitpak", "users", "list", "--workspace", str(workspace)],
        check=True, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    for args, stdin, said in [
        (["--rol", "secretariaat"], "kort\n", "error: password: This password is too short."),
        (["--rol", "baas"], "een-lang-wachtwoord\n", "error: --rol: expected one of "),
    ]:
        refused = _django(workspace, "users", "add", "piet", *args, "--password-stdin", stdin=stdin)
        assert refused.returncode == 1
        assert refused.stderr.startswith(said), refused.stderr
        assert "Traceback" not in refused.stderr
    assert _django(workspace, "users", "list").stdout == ""
