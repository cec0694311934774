"""``besluitpak users`` and ``serve`` from the command line, in fresh processes, on a
workspace whose own SQLite database they make."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.web.workspaces import make_workspace


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "besluitpak", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_users_are_added_with_a_role_to_the_workspace_database(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path / "werkruimte")
    added = run("users", "add", "sanne", "--rol", "secretariaat", "--workspace", str(workspace),
                "--password-stdin", stdin="een-lang-wachtwoord\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added sanne (secretariaat)"
    assert (workspace / ".besluitpak" / "besluitpak.sqlite3").is_file()
    assert (workspace / ".besluitpak" / "secret_key").stat().st_mode & 0o077 == 0
    again = run("users", "add", "sanne", "--rol", "archivaris", "--workspace", str(workspace),
                "--password-stdin", stdin="een-ander-lang-wachtwoord\n")  # fmt: skip
    assert again.stdout.strip() == "updated sanne (archivaris)"
    listed = run("users", "list", "--workspace", str(workspace))
    assert listed.stdout.splitlines() == ["sanne  archivaris  never"]


def test_a_weak_password_is_refused_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path / "werkruimte")
    refused = run("users", "add", "piet", "--rol", "beleidsadviseur", "--workspace",
                  str(workspace), "--password-stdin", stdin="kort\n")  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: password: ")
    assert "Traceback" not in refused.stderr
    assert run("users", "list", "--workspace", str(workspace)).stdout == ""


def test_serve_refuses_a_workspace_that_is_not_a_folder(tmp_path: Path) -> None:
    refused = run("serve", "--workspace", str(tmp_path / "nergens"))
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr
