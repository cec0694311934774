"""``users add``, ``users functie`` and ``users list``: the people who may use the web page,
each with a role, the route functions they hold, and whether they may use the admin
(``/beheer/``)."""

from __future__ import annotations

import getpass
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.timezone import localtime

from besluitpak.editing.routefuncties import named_functie
from besluitpak.errors import BesluitpakError
from besluitpak.web.management.base import Command as BaseCommand
from besluitpak.web.permissions import role_of
from besluitpak.web.roles import ROLES
from besluitpak.web.routemodels import Functie


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
        add.add_argument("--naam", default=None, help="Full name (the route record's name).")
        staff = add.add_mutually_exclusive_group()
        staff.add_argument("--beheerder", dest="staff", action="store_true", default=None)
        staff.add_argument("--geen-beheerder", dest="staff", action="store_false")
        functie = actions.add_parser("functie", help="Link a user to a route function.")
        functie.add_argument("name")
        functie.add_argument("functie")
        functie.add_argument("--weg", action="store_true", help="Unlink instead.")
        actions.add_parser("list", help="List the users with their roles.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for line in list_users():
                self.stdout.write(line)
            return
        if options["action"] == "functie":
            line = link_functie(options["name"], options["functie"], remove=options["weg"])
            self.stdout.write(line)
            return
        password = options.get("password")
        if password is None:
            password = _read_password(from_stdin=bool(options.get("password_stdin")))
        line = add_user(
            options["name"],
            role=options["role"],
            password=password,
            staff=options.get("staff"),
            full_name=options.get("naam"),
        )
        self.stdout.write(line)


def _read_password(*, from_stdin: bool) -> str:
    """One line of standard input, or typed twice at a prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():  # getpass would warn and echo what it reads
        raise BesluitpakError(
            "password: expected a terminal to type it at, got none: give it on standard "
            "input with --password-stdin"
        )
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat for confirmation: ") != password:
        raise BesluitpakError("password: the two passwords typed differ")
    return password


def add_user(
    name: str,
    *,
    role: str,
    password: str,
    staff: bool | None = None,
    full_name: str | None = None,
) -> str:
    """Add (or update the password and role of) user ``name``; returns what was done.
    ``staff``: True makes them a beheerder (``/beheer/``), False no longer, None leaves it;
    ``full_name``: the name the route record gives them (None leaves it)."""
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
    if full_name is not None:
        user.first_name, _, user.last_name = " ".join(full_name.split()).partition(" ")
    if staff is not None:
        user.is_staff = staff
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    if staff is not None:
        _admin_permissions(user, granted=staff)
    beheerder = ", beheerder" if user.is_staff else ""
    return f"{'added' if created else 'updated'} {name} ({role}{beheerder})"


ADMIN_MODELS = ("functie", "vervanging", "melding")
"""What a beheerder keeps in ``/beheer/`` (the route's people; users stay on the command line)."""


def _admin_permissions(user: User, *, granted: bool) -> None:
    """Give (or take) every permission on :data:`ADMIN_MODELS`: a staff user sees only the
    models they hold permissions for."""
    permissions = Permission.objects.filter(
        content_type__app_label="besluitpak_web", content_type__model__in=ADMIN_MODELS
    )
    if granted:
        user.user_permissions.add(*permissions)
    else:
        user.user_permissions.remove(*permissions)


def link_functie(name: str, functie: str, *, remove: bool = False) -> str:
    """Link user ``name`` to route function ``functie`` (as routes.yaml names it), or unlink."""
    user = User.objects.filter(username=name).first()
    if user is None:
        raise BesluitpakError(f"NAME: expected an existing user, got {name!r} (users add first)")
    functie = " ".join(functie.split())
    if not functie:
        raise BesluitpakError("FUNCTIE: expected a function such as 'teammanager Wijken'")
    if remove:  # a function routes.yaml no longer names can still be unlinked
        deleted, _ = Functie.objects.filter(user=user, functie=functie).delete()
        return f"{name}: {functie} {'removed' if deleted else 'was not linked'}"
    functie = named_functie(Path(settings.WORKSPACE), functie)
    _, created = Functie.objects.get_or_create(user=user, functie=functie)
    return f"{name}: {functie} {'added' if created else 'already linked'}"


def list_users() -> list[str]:
    """One line per user: name, role, whether active, last login."""
    lines = []
    for user in User.objects.order_by("username"):
        last = f"{localtime(user.last_login):%Y-%m-%d %H:%M}" if user.last_login else "never"
        state = "" if user.is_active else "  (disabled)"
        state += "  beheerder" if user.is_staff else ""
        functies = ", ".join(
            Functie.objects.filter(user=user).order_by("functie").values_list("functie", flat=True)
        )
        state += f"  functies: {functies}" if functies else ""
        lines.append(f"{user.username}  {role_of(user) or 'no role'}  {last}{state}")
    return lines
