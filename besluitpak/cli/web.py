"""``besluitpak serve``, ``worker`` and ``users``: the web page and its build jobs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from besluitpak.cli.base import (
    CONVERTER_OPTION,
    WORKSPACE_OPTION,
    handle_errors,
    main,
)
from besluitpak.errors import BesluitpakError


@main.command()
@WORKSPACE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--no-worker", is_flag=True, help="Do not start a worker beside the page (run one apart)."
)
@handle_errors
def serve(workspace: Path, host: str, port: int, no_worker: bool) -> None:
    """Serve the web page on the workspace, with a worker for its build jobs."""
    from besluitpak.web import server

    server.serve(workspace, host=host, port=port, worker=not no_worker)


@main.command()
@WORKSPACE_OPTION
@click.option("--batch", is_flag=True, help="Stop when the queue is empty.")
@CONVERTER_OPTION
@handle_errors
def worker(workspace: Path, batch: bool) -> None:
    """Run the workspace's build jobs (``serve`` starts one of these itself)."""
    from besluitpak.web import server

    server.run_worker(workspace, batch=batch)


@main.group(name="users")
def users_group() -> None:
    """The people who may use the web page, each with a role."""


@users_group.command(name="add")
@click.argument("name")
@click.option(
    "--rol",
    "role",
    required=True,
    type=click.Choice(["beleidsadviseur", "secretariaat", "archivaris"]),
    help="What the person may do.",
)
@WORKSPACE_OPTION
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@handle_errors
def users_add(name: str, role: str, workspace: Path, password_stdin: bool) -> None:
    """Add a user (or set an existing user's password and role)."""
    from besluitpak.web import server

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise BesluitpakError("password: expected a password, got an empty line")
    click.echo(server.add_user(workspace, name=name, role=role, password=password))


@users_group.command(name="list")
@WORKSPACE_OPTION
@handle_errors
def users_list(workspace: Path) -> None:
    """List the users of the workspace's installation with their roles."""
    from besluitpak.web import server

    for line in server.list_users(workspace):
        click.echo(line)
