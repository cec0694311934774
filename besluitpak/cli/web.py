"""``besluitpak serve``, ``worker`` and ``users``: the web page and its build jobs, run by
the web app's management commands of the same names (through :mod:`besluitpak.web.commandline`,
the command line's one way into the web app)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from besluitpak.cli.base import (
    CONVERTER_OPTION,
    WORKSPACE_OPTION,
    converter_option,
    handle_errors,
    main,
)
from besluitpak.errors import BesluitpakError
from besluitpak.web import commandline


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
    arguments = ["--host", host, "--port", str(port), *(["--no-worker"] if no_worker else [])]
    commandline.run("serve", *arguments, workspace=workspace, workspace_as_given=str(workspace))


@main.command()
@WORKSPACE_OPTION
@click.option("--batch", is_flag=True, help="Stop when the queue is empty.")
@CONVERTER_OPTION
@handle_errors
def worker(workspace: Path, batch: bool) -> None:
    """Run the workspace's build jobs (serve starts one of these itself)."""
    if converter_option() is not None:  # the web app's jobs take theirs from its environment
        os.environ["BESLUITPAK_CONVERTER"] = str(converter_option())
    commandline.run("worker", *(["--batch"] if batch else []), workspace=workspace)


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
@click.option("--naam", help="Full name, as the route record and the page show it.")
@click.option(
    "--beheerder/--geen-beheerder",
    "staff",
    default=None,
    help="May use the admin (/beheer/): route functions, substitutes, e-mails sent.",
)
@handle_errors
def users_add(
    name: str,
    role: str,
    workspace: Path,
    password_stdin: bool,
    naam: str | None,
    staff: bool | None,
) -> None:
    """Add a user (or set an existing user's password and role; --naam and --beheerder
    change only what they say)."""
    commandline.check_workspace(workspace)  # before anyone is asked for a password
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():  # a prompt nobody types at warns, and echoes what it reads
        raise BesluitpakError(
            "password: expected a terminal to type it at, got none: give it on standard "
            "input with --password-stdin"
        )
    else:
        try:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        except click.Abort:  # the end of input (or Ctrl-D) before a password
            raise BesluitpakError(
                "password: expected a password, got the end of input "
                "(pipe one in with --password-stdin)"
            ) from None
    if not password:
        raise BesluitpakError("password: expected a password, got an empty line")
    extra = [*(["--naam", naam] if naam is not None else [])]
    extra += [] if staff is None else ["--beheerder" if staff else "--geen-beheerder"]
    commandline.run(
        "users", "add", name, "--rol", role, *extra, workspace=workspace, password=password
    )


@users_group.command(name="functie")
@click.argument("name")
@click.argument("functie")
@click.option("--weg", is_flag=True, help="Unlink the person from the function instead.")
@WORKSPACE_OPTION
@handle_errors
def users_functie(name: str, functie: str, weg: bool, workspace: Path) -> None:
    """Link a user to a route function as routes.yaml names it (e.g. 'teammanager Wijken'):
    their advice or paraaf tasks then appear in "Mijn taken"."""
    commandline.run(
        "users", "functie", name, functie, *(["--weg"] if weg else []), workspace=workspace
    )


@users_group.command(name="list")
@WORKSPACE_OPTION
@handle_errors
def users_list(workspace: Path) -> None:
    """List the users of the workspace's installation with their roles (and beheerders,
    functions)."""
    commandline.run("users", "list", workspace=workspace)
