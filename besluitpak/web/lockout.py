"""Too many wrong passwords: the Dutch answer while signing in is locked, and the lock-out
in the logboek (django-axes counts the attempts per user name and address)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def _minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the sign-in page, refused in Dutch, with status 429."""
    context = {"minutes": _minutes(), "failures": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)


@receiver(user_locked_out)
def _record(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any
) -> None:
    """One logboek entry per lock-out (axes signals again for each refused attempt)."""
    from besluitpak.web import audit
    from besluitpak.web.models import AuditEntry

    name, address = username or "(geen naam)", ip_address or ""
    recent = AuditEntry.objects.filter(
        event=AuditEntry.Event.LOGIN_LOCKED,
        username=name,
        detail__adres=address,
        when__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    )
    if not recent.exists():
        audit.record(AuditEntry.Event.LOGIN_LOCKED, user=name, adres=address, minuten=_minutes())
