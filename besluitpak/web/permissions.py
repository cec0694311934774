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


# The paraafroute: a person acts only as a function the admin linked to them, or namens a
# function they substitute for today; the library records both and refuses the rest.


def actor(user: Any) -> str:
    """The name the route record gives ``user``: their full name, else their user name
    (the same for every action, so "not your own proposal" compares like with like)."""
    return str(user.get_full_name() or user.username).strip()


def functies(user: Any) -> list[str]:
    """The functions the admin linked to ``user``."""
    from besluitpak.web.routemodels import Functie

    return sorted(Functie.objects.filter(user=user).values_list("functie", flat=True))


def namens(user: Any, day: Any) -> list[str]:
    """The functions ``user`` substitutes for on ``day``."""
    from besluitpak.web.routemodels import Vervanging

    rows = Vervanging.objects.filter(vervanger=user, van__lte=day, tot__gte=day)
    return sorted({v.functie for v in rows})


VERVANGER = "vervanger"
"""``als`` of a substitute who holds no function of their own."""


def route_role(user: Any, *, als: str, voor: str, day: Any) -> tuple[str, str | None] | None:
    """``(als, namens)`` for an advice or paraaf ``user`` gives for function ``voor``, or None
    when they may not: ``voor`` must be one of their functions, or one they substitute for
    on ``day`` (then ``als`` is one of theirs, or :data:`VERVANGER`)."""
    if not allowed(user, "view_cases"):
        return None
    own = {f.casefold(): f for f in functies(user)}
    if voor.casefold() in own:
        return own[voor.casefold()], None
    if voor.casefold() not in {f.casefold() for f in namens(user, day)}:
        return None
    if als and als.casefold() in own:
        return own[als.casefold()], voor
    return (next(iter(own.values())) if own else VERVANGER), voor


def may_route(user: Any, what: str) -> bool:
    """indienen: whoever edits cases; agenderen (and its override): the secretariat."""
    return allowed(user, {"indienen": "edit_case", "agenderen": "run_meeting"}[what])
