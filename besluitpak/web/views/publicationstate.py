"""The state of a case's publication on its page (concept, gepland, gepubliceerd,
ingetrokken, with every change), and the buttons of the role that publishes: plan it for a
day or withdraw it with a reason (publishing now is the case page's Publiceren, which
replaces a plan). Each is a job on the queue;
the withdrawn files' old addresses answer with the withdrawal notice (410 Gone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

import besluitpak
from besluitpak.web.forms.publicationstate import ScheduleForm, WithdrawForm
from besluitpak.web.models import Job
from besluitpak.web.permissions import require

NOTICE = "ingetrokken.html"
"""How the notice's name ends (``collegebesluit-<kenmerk>-ingetrokken.html``)."""


def context(published: Path) -> dict[str, Any]:
    """``staat`` (None: nothing published or planned), ``wijzigingen`` (newest first),
    ``gepland_op`` and the two forms."""
    changes = besluitpak.publication_history(published)
    staat = besluitpak.publication_state(published)
    return {
        "staat": staat,
        "wijzigingen": list(reversed(changes)),
        "gepland_op": changes[-1].gepland_op if staat == "gepland" and changes else None,
        "schedule_form": ScheduleForm(prefix=ScheduleForm.PREFIX),
        "withdraw_form": WithdrawForm(prefix=WithdrawForm.PREFIX),
    }


def notice(published: Path, name: str) -> HttpResponse | None:
    """The withdrawal notice, 410 Gone, when ``name`` was withdrawn (else None)."""
    changes = besluitpak.publication_history(published)
    if not changes or changes[-1].staat != "ingetrokken" or name not in changes[-1].bestanden:
        return None
    found = sorted(published.glob(f"collegebesluit-*-{NOTICE}"))
    if not found:
        return None
    return HttpResponse(found[0].read_bytes(), status=410, content_type="text/html; charset=utf-8")


def _start(request: HttpRequest, name: str, kind: str, *, reason: str = "") -> HttpResponse:
    """Queue the job as the case page queues its own (cases imports this module's page)."""
    from besluitpak.web.views.cases import _start as start

    return start(request, name, kind, reason=reason)


def _back(name: str) -> HttpResponse:
    return redirect(reverse("case-publication", kwargs={"name": name}) + "#staat")


@require_POST
@require("publish_case")
def schedule(request: HttpRequest, name: str) -> HttpResponse:
    form = ScheduleForm(request.POST, prefix=ScheduleForm.PREFIX)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return _back(name)
    return _start(request, name, Job.Kind.SCHEDULE, reason=form.cleaned_data["datum"].isoformat())


@require_POST
@require("publish_case")
def withdraw(request: HttpRequest, name: str) -> HttpResponse:
    form = WithdrawForm(request.POST, prefix=WithdrawForm.PREFIX)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return _back(name)
    return _start(request, name, Job.Kind.WITHDRAW, reason=form.cleaned_data["reden"])


urlpatterns = [
    path("zaken/<str:name>/publicatie/plannen/", schedule, name="case-publication-schedule"),
    path("zaken/<str:name>/publicatie/intrekken/", withdraw, name="case-publication-withdraw"),
]
