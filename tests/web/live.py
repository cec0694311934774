"""A real ``besluitpak serve`` (web server and worker) on a workspace, for the tests that
need one: the browser tests and the job tests. Its database is a SQLite file in the
workspace, or — when DATABASE_URL names a PostgreSQL server, as CI's second round does — a
fresh database on that server, dropped afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "een-lang-proefwachtwoord"


@dataclass(frozen=True, kw_only=True)
class Live:
    url: str
    workspace: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def database(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """``env`` with DATABASE_URL pointing at a fresh PostgreSQL database (when the given
    one is PostgreSQL), else without DATABASE_URL (SQLite in the workspace)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        env = {k: v for k, v in env.items() if k != "DATABASE_URL"}
        yield env
        return
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"besluitpak_live_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": f"{base}/{name}"}
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def besluitpak(*args: str, env: dict[str, str], stdin: str = "") -> str:
    """Run the CLI (``python -m besluitpak``) and return its output; fails loudly."""
    done = subprocess.run(
        [sys.executable, "-m", "besluitpak", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def add_users(workspace: Path, env: dict[str, str], roles: tuple[str, ...]) -> None:
    """One user per role, named after the role, with :data:`PASSWORD`."""
    for role in roles:
        besluitpak(
            "users", "add", role, "--rol", role, "--workspace", str(workspace),
            "--password-stdin", env=env, stdin=PASSWORD + "\n",
        )  # fmt: skip


@contextlib.contextmanager
def serve(
    workspace: Path, *, roles: tuple[str, ...] = ("beleidsadviseur", "secretariaat", "archivaris")
) -> Iterator[Live]:
    """``besluitpak serve --workspace`` on a free port, with users; stopped afterwards."""
    with database(dict(os.environ)) as env:
        env = {**env, "BESLUITPAK_SECURE_COOKIES": "0"}
        add_users(workspace, env, roles)
        port = free_port()
        log = workspace.parent / f"serve-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "besluitpak", "serve", "--workspace", str(workspace),
                 "--port", str(port)],
                stdout=out, stderr=subprocess.STDOUT, env=env,
            )  # fmt: skip
        live = Live(
            url=f"http://127.0.0.1:{port}", workspace=workspace, env=env, process=process, log=log
        )
        try:
            _wait(live)
            yield live
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait(live: Live) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if live.process.poll() is not None:
            raise AssertionError(f"besluitpak serve stopped:\n{live.log.read_text()}")
        try:
            with urllib.request.urlopen(f"{live.url}/inloggen/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"besluitpak serve did not answer:\n{live.log.read_text()}")
