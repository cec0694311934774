"""Agenderen: the secretariat puts a case on a vergadering's agenda. The meeting's page lists
the workspace's agendeerbare cases (geparafeerd, aangehouden); the agenda takes only those,
unless an override is given: a reason, recorded in the logboek as an action of its own."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

import besluitpak
from besluitpak.editing import agenda
from besluitpak.editing.meetings import KEY
from besluitpak.editing.workspace import case_names
from besluitpak.web import audit, clock, wording
from besluitpak.web.forms.route import AgendaForm
from besluitpak.web.models import AuditEntry
from besluitpak.web.permissions import require
from besluitpak.web.views.common import folder_or_404, workspace

Event = AuditEntry.Event


def candidates(name: str) -> list[dict[str, Any]]:
    """Every case not on meeting ``name``'s agenda with its route status, agendeerbare
    first: what the meeting's page offers the secretariat."""
    root, day = workspace(), clock.today()
    there = agenda.on_agenda(root, name)
    rows = []
    for case in case_names(root):
        if case in there:
            continue
        try:
            status = besluitpak.route_status(root / case, today=day)
        except besluitpak.BesluitpakError:
            continue
        rows.append(
            {
                "case": case,
                "status": status,
                "form": AgendaForm(initial={"case": case}, auto_id=f"agenda-{case}-%s"),
            }
        )
    return sorted(rows, key=lambda r: (not r["status"].agendeerbaar, r["case"]))


@require_POST
@require("run_meeting")
def add(request: HttpRequest, name: str) -> HttpResponse:
    back = redirect(reverse("meeting-detail", kwargs={"name": name}) + "#agenderen")
    form = AgendaForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Het formulier was niet volledig; probeer het opnieuw.")
        return back
    case, reden = form.cleaned_data["case"], " ".join(form.cleaned_data["reden"].split())
    status = besluitpak.route_status(folder_or_404(case), today=clock.today())
    if not status.agendeerbaar and not reden:
        refused = besluitpak.BesluitpakError(
            f"{case}: the case is {status.label}, not agendeerbaar; give a reason to override"
        ).coded("route-not-agendeerbaar", case=case, label=status.label)
        messages.error(request, wording.error(refused))
        return back
    try:
        problems = agenda.add(workspace(), name, case=case, soort=form.cleaned_data["soort"])
    except besluitpak.BesluitpakError as e:
        messages.error(request, wording.error(e))
        return back
    if problems:
        messages.error(request, " ".join(wording.located(p) for p in problems))
        return back
    event = Event.ROUTE_AGENDA if status.agendeerbaar else Event.ROUTE_OVERRIDE
    detail = {"reden": reden} if not status.agendeerbaar else {}
    audit.record(event, user=request.user, case=case, vergadering=f"{KEY}{name}", **detail)
    messages.success(request, f"{case} staat op de agenda.")
    return back


urlpatterns = [
    path("vergaderingen/<str:name>/agenderen/", add, name="meeting-agenda-add"),
]
