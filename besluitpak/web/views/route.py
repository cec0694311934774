"""The paraafroute on the page: "Mijn taken" (what waits for my advice or paraaf), a case's
route as a step list with every action, and the forms that move it (indienen, advies,
paraaf, terugsturen met reden, vervanger aanwijzen). Each is a POST through the public API
(the library checks the route and records; :mod:`permissions` says who may), refused in
Dutch, written to the logboek, and followed by its e-mails (:mod:`notify`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

import besluitpak
from besluitpak.web import audit, clock, notify, wording
from besluitpak.web.forms.route import ActForm, DelegateForm, ReturnForm, SubmitForm
from besluitpak.web.models import AuditEntry
from besluitpak.web.permissions import actor, functies, may_route, namens, require, route_role
from besluitpak.web.routemodels import Vervanging
from besluitpak.web.views.common import folder_or_404, workspace

Event = AuditEntry.Event
NOT_ASKED = (
    "U hebt de functie {voor} niet en vervangt die vandaag ook niet; "
    "een koppeling legt de beheerder vast."
)


def now() -> dt.datetime:
    """The moment of an action: now, on :func:`clock.today`'s day when the clock is set."""
    moment = dt.datetime.now(dt.UTC)
    return dt.datetime.combine(clock.today(), moment.time(), dt.UTC)


@require("view_cases")
def tasks(request: HttpRequest) -> HttpResponse:
    day, user = clock.today(), request.user
    own, stand_in = functies(user), namens(user, day)
    found = besluitpak.route_tasks(
        workspace(), door=actor(user), functies=[*own, *stand_in], today=day
    )
    held = {f.casefold() for f in own}
    rows = [
        {
            "task": t,
            "namens": t.slot.functie if (t.slot.functie or "").casefold() not in held else "",
            "late": t.slot.termijn is not None and t.slot.termijn < day,
        }
        for t in sorted(found, key=lambda t: (t.slot.termijn or dt.date.max, t.case))
    ]
    context = {
        "rows": rows,
        "functies": own,
        "namens": stand_in,
        "today": day,
        "delegate": _delegate_form(user),
        "vervangingen": Vervanging.objects.filter(functie__in=own, tot__gte=day),
    }
    return render(request, "besluitpak_web/route_tasks.html", context)


def _delegate_form(user: Any, data: Any = None) -> DelegateForm | None:
    own = functies(user)
    if not own:
        return None
    form = DelegateForm(data, prefix="vervanger")
    form.fields["functie"].choices = [(f, f) for f in own]  # type: ignore[attr-defined]
    others = get_user_model().objects.filter(is_active=True).exclude(pk=user.pk)
    form.fields["vervanger"].choices = [  # type: ignore[attr-defined]
        (str(u.pk), actor(u)) for u in others.order_by("username")
    ]
    return form


@require("view_cases")
def case_route(request: HttpRequest, name: str) -> HttpResponse:
    folder, day, user = folder_or_404(name), clock.today(), request.user
    try:
        status = besluitpak.route_status(folder, today=day)
    except besluitpak.BesluitpakError as e:
        return render(
            request, "besluitpak_web/route_case.html", {"name": name, "broken": wording.error(e)}
        )
    steps, seen = [], status.package.fingerprint if status.package else ""
    for i, step in enumerate(status.steps):
        slots = []
        for j, slot in enumerate(step.slots):
            role = None
            if step.current and not slot.done and slot.functie:
                role = route_role(user, als="", voor=slot.functie, day=day)
            may = role is not None and (slot.soort == "advies" or status.may_initial(actor(user)))
            form = ActForm(initial={"voor": slot.functie, "pakket": seen}, prefix=f"s{i}-{j}")
            slots.append(
                {"slot": slot, "role": role, "form": form if may else None, "prefix": f"s{i}-{j}"}
            )
        steps.append({"step": step, "slots": slots})
    context = {
        "name": name,
        "status": status,
        "steps": steps,
        "actions": list(reversed(status.actions)),
        "submit": SubmitForm() if may_route(user, "indienen") else None,
        "give_back": _may_return(user, status, day) and ReturnForm(initial={"pakket": seen}),
    }
    return render(request, "besluitpak_web/route_case.html", context)


def _returning(user: Any, day: dt.date) -> dict[str, Any]:
    """Who ``user`` is to the library's check on sending back (its functions, own and
    namens, and whether they are the secretariat)."""
    held = [*functies(user), *namens(user, day)]
    return {"functies": held, "secretariaat": may_route(user, "agenderen")}


def _may_return(user: Any, status: Any, day: dt.date) -> bool:
    """Whoever is asked in the current step, or the secretariat once it is geparafeerd."""
    return bool(status.may_return(actor(user), **_returning(user, day)))


def _back(name: str) -> HttpResponse:
    return redirect(reverse("case-route", kwargs={"name": name}) + "#route")


def _after(request: HttpRequest, name: str, status: Any, event: str, **detail: Any) -> None:
    fingerprint = status.package.fingerprint if status.package else ""
    audit.record(event, user=request.user, case=name, fingerprint=fingerprint, **detail)
    notify.waiting(name, status, day=clock.today())
    if event == Event.ROUTE_RETURNED:
        notify.sent_back(name, status)
    messages.success(request, f"Vastgelegd. Het voorstel is nu {status.label}.")


@require_POST
@require("edit_case")
def submit(request: HttpRequest, name: str) -> HttpResponse:
    folder = folder_or_404(name)
    form = SubmitForm(request.POST)
    form.is_valid()
    opmerking = form.cleaned_data.get("opmerking", "")
    try:
        status = besluitpak.route_indienen(
            folder, door=actor(request.user), opmerking=opmerking, now=now()
        )
    except besluitpak.BesluitpakError as e:
        messages.error(request, wording.error(e))
    else:
        _after(request, name, status, Event.ROUTE_SUBMITTED, opmerking=opmerking)
    return _back(name)


@require_POST
@require("view_cases")
def act(request: HttpRequest, name: str, what: str, prefix: str) -> HttpResponse:
    """An advice or a paraaf for the slot's function, as the person's own or namens."""
    folder, user, day = folder_or_404(name), request.user, clock.today()
    form = ActForm(request.POST, prefix=prefix)
    if what not in ("advies", "paraaf") or not form.is_valid():
        messages.error(request, "Het formulier was niet volledig; probeer het opnieuw.")
        return _back(name)
    data = form.cleaned_data
    role = route_role(user, als="", voor=data["voor"], day=day)
    if role is None:
        messages.error(request, NOT_ASKED.format(voor=data["voor"]))
        return _back(name)
    als, voor_namens = role
    held = [*functies(user), als]
    try:
        if what == "advies":
            status = besluitpak.route_advies(
                folder, door=actor(user), als=als, namens=voor_namens, functies=held,
                oordeel=data["oordeel"] or "akkoord", opmerking=data["opmerking"],
                pakket=data["pakket"], now=now(),
            )  # fmt: skip
        else:
            status = besluitpak.route_paraaf(
                folder, door=actor(user), als=als, namens=voor_namens, functies=held,
                opmerking=data["opmerking"], pakket=data["pakket"], now=now(),
            )  # fmt: skip
    except besluitpak.BesluitpakError as e:
        messages.error(request, wording.error(e))
        return _back(name)
    event = Event.ROUTE_ADVICE if what == "advies" else Event.ROUTE_INITIALED
    extra = {"oordeel": data["oordeel"] or "akkoord"} if what == "advies" else {}
    _after(request, name, status, event, als=als, namens=voor_namens or "", **extra)
    return _back(name)


@require_POST
@require("view_cases")
def give_back(request: HttpRequest, name: str) -> HttpResponse:
    folder, user, day = folder_or_404(name), request.user, clock.today()
    form = ReturnForm(request.POST)
    reden = form.cleaned_data["reden"] if form.is_valid() else ""
    pakket = form.cleaned_data.get("pakket", "")
    try:
        status = besluitpak.route_terugsturen(
            folder, door=actor(user), reden=reden, pakket=pakket, now=now(),
            **_returning(user, day),
        )  # fmt: skip
    except besluitpak.BesluitpakError as e:
        messages.error(request, wording.error(e))
        return _back(name)
    _after(request, name, status, Event.ROUTE_RETURNED, reden=reden)
    return _back(name)


@require_POST
@require("view_cases")
def delegate(request: HttpRequest) -> HttpResponse:
    """Vervanger aanwijzen for one of my functions (the admin can do the same)."""
    form = _delegate_form(request.user, request.POST)
    if form is None:
        messages.error(
            request, "U hebt geen functie op de route om een vervanger voor aan te wijzen."
        )
        return redirect("route-tasks")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("route-tasks")
    data = form.cleaned_data
    vervanger = get_user_model().objects.get(pk=int(data["vervanger"]))
    Vervanging.objects.create(
        vervanger=vervanger, functie=data["functie"], van=data["van"], tot=data["tot"],
        reden=f"aangewezen door {actor(request.user)}",
    )  # fmt: skip
    audit.record(
        Event.ROUTE_DELEGATED, user=request.user, functie=data["functie"],
        vervanger=vervanger.username, van=data["van"].isoformat(), tot=data["tot"].isoformat(),
    )  # fmt: skip
    messages.success(request, f"{actor(vervanger)} vervangt u als {data['functie']}.")
    return redirect("route-tasks")


urlpatterns = [
    path("taken/", tasks, name="route-tasks"),
    path("taken/vervanger/", delegate, name="route-delegate"),
    path("zaken/<str:name>/route/", case_route, name="case-route"),
    path("zaken/<str:name>/route/indienen/", submit, name="case-route-submit"),
    path("zaken/<str:name>/route/terugsturen/", give_back, name="case-route-return"),
    path("zaken/<str:name>/route/<str:what>/<str:prefix>/", act, name="case-route-act"),
]
