"""Who may do what, decided in one place.

Every view asks :func:`allowed` (through :func:`require`), and templates use the same answers
(``can.build`` …) to leave out a button a person may not use. The role decides through its
permissions; the case's state decides the rest (nothing is built from a case with problems).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from besluitpak.web.roles import ACTIONS, ROLES

APP = "besluitpak_web"
F = TypeVar("F", bound=Callable[..., Any])


def allowed(user: Any, action: str) -> bool:
    """Whether ``user`` may perform ``action`` (a permission codename of :mod:`roles`)."""
    if action not in ACTIONS:
        raise ValueError(f"permission: expected one of {ACTIONS}, got {action!r}")
    return bool(user.is_authenticated and user.is_active and user.has_perm(f"{APP}.{action}"))


def role_of(user: Any) -> str:
    """The user's role (a group of :data:`ROLES`), for the audit log and the page header."""
    names = [g.name for g in user.groups.all() if g.name in ROLES]
    return ", ".join(sorted(names))


def require(action: str) -> Callable[[F], F]:
    """A view decorator: 403 unless the user may perform ``action``."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not allowed(request.user, action):
                raise PermissionDenied(action)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


class Can:
    """``{{ can.build_case }}`` in templates: the same answers as :func:`allowed`."""

    def __init__(self, user: Any) -> None:
        self._user = user

    def __getattr__(self, action: str) -> bool:
        return allowed(self._user, action)


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: ``can`` and the user's role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can": Can(user), "role": role_of(user)}
