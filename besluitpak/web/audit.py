"""One typed, keyword-only function per thing the audit log records."""

from __future__ import annotations

from typing import Any

from besluitpak.web.models import AuditEntry
from besluitpak.web.permissions import role_of

Event = AuditEntry.Event


def record(
    event: str, *, user: Any, case: str = "", fingerprint: str = "", **detail: Any
) -> AuditEntry:
    """Add an entry; ``user`` is the acting account (its name and role are copied)."""
    return AuditEntry.objects.create(
        event=event,
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or str(user),
        role=role_of(user) if getattr(user, "pk", None) else "",
        case=case,
        fingerprint=fingerprint,
        detail=detail,
    )
