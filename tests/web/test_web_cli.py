"""``besluitpak users`` and ``serve`` from the command line, in fresh processes, on a
workspace whose own SQLite database they make."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_users_add_without_a_terminal_asks_for_password_stdin(tmp_path: Path) -> None:
    """No prompt where nobody can type (a script, a pipe): getpass warned and echoed."""
    workspace = make_workspace(tmp_path / "werkruimte")
    refused = run("users", "add", "piet", "--rol", "secretariaat", "--workspace",
                  str(workspace), stdin="een-lang-wachtwoord\n")  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: password: "), refused.stderr
    assert "--password-stdin" in refused.stderr
    assert "Warning" not in refused.stderr and "een-lang" not in refused.stdout
    assert run("users", "list", "--workspace", str(workspace)).stdout == ""


def test_serve_refuses_a_workspace_that_is_not_a_folder(tmp_path: Path) -> None:
    refused = run("serve", "--workspace", str(tmp_path / "nergens"))
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr


def _run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BESLUITPAK_QUEUE")}
    return subprocess.run(
        [sys.executable, "-m", "besluitpak", *args],
        capture_output=True, text=True, env={**base, **env}, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BESLUITPAK_QUEUE", "redis-server", "BESLUITPAK_QUEUE: expected redis://HOST:PORT/DB or "
                                             "nothing, got 'redis-server'"),
        ("BESLUITPAK_QUEUE", "redis://:geheim@127.0.0.1:1/0",
         "BESLUITPAK_QUEUE=redis://:***@127.0.0.1:1/0: Redis does not answer"),
        ("DATABASE_URL", "postgres://u:geheim@127.0.0.1:1/db", "DATABASE_URL: the database does "
                                                               "not answer"),
        ("DATABASE_URL", "postgress://u:geheim@db/besluitpak", "DATABASE_URL: expected a database "
                                                               "URL like postgres://"),
    ],
)  # fmt: skip
def test_a_queue_or_database_that_cannot_be_used_is_a_message_without_the_password(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    workspace = make_workspace(tmp_path / "werkruimte")
    commands = [["worker", "--batch"], ["serve", "--port", "1"]]
    if "does not answer" not in message or variable == "DATABASE_URL":
        commands.append(["users", "list"])  # Redis down: users can still be listed
    for command in commands:
        result = _run_with({variable: value}, *command, "--workspace", str(workspace))
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(f"error: {message}"), result.stderr
        assert "geheim" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("sanne", "sanne", "The password is too similar to the username."),
        ("pietjansen", "pietjansen1", "The password is too similar to the username."),
        ("piet", "wachtwoord", "This password is too common."),
        ("piet", "93847561029384", "This password is entirely numeric."),
        ("piet", "k0rt!", "This password is too short. It must contain at least 8 characters."),
    ],
)
def test_users_add_refuses_a_password_django_s_validators_refuse(
    tmp_path: Path, name: str, password: str, message: str
) -> None:
    workspace = make_workspace(tmp_path / "werkruimte")
    refused = run("users", "add", name, "--rol", "secretariaat", "--workspace", str(workspace),
                  "--password-stdin", stdin=password + "\n")  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: password: ")
    assert message in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert run("users", "list", "--workspace", str(workspace)).stdout == ""
