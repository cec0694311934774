"""``users add`` and ``users list``: the people who may use the web page, each with a role."""

from __future__ import annotations

import getpass
import sys
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.timezone import localtime

from besluitpak.errors import BesluitpakError
from besluitpak.web.management.base import Command as BaseCommand
from besluitpak.web.permissions import role_of
from besluitpak.web.roles import ROLES


class Command(BaseCommand):
    help = "The people who may use the web page, each with a role."
    stealth_options = ("password",)
    """``users add``'s password, given by the caller (the CLI reads it as it always has)."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Add a user (or set a user's password and role).")
        add.add_argument("name")
        add.add_argument("--rol", dest="role", required=True, help="What the person may do.")
        add.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input (one line).",
        )
        actions.add_parser("list", help="List the users with their roles.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for line in list_users():
                self.stdout.write(line)
            return
        password = options.get("password")
        if password is None:
            password = _read_password(from_stdin=bool(options.get("password_stdin")))
        self.stdout.write(add_user(options["name"], role=options["role"], password=password))


def _read_password(*, from_stdin: bool) -> str:
    """One line of standard input, or typed twice at a prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat for confirmation: ") != password:
        raise BesluitpakError("password: the two passwords typed differ")
    return password


def add_user(name: str, *, role: str, password: str) -> str:
    """Add (or update the password and role of) user ``name``; returns what was done."""
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


def list_users() -> list[str]:
    """One line per user: name, role, whether active, last login."""
    lines = []
    for user in User.objects.order_by("username"):
        last = f"{localtime(user.last_login):%Y-%m-%d %H:%M}" if user.last_login else "never"
        state = "" if user.is_active else "  (disabled)"
        lines.append(f"{user.username}  {role_of(user) or 'no role'}  {last}{state}")
    return lines
