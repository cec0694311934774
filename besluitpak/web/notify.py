"""The paraafroute's e-mails, each sent once (:class:`Melding` keeps what was sent): a task
waiting (when a step becomes current), a termijn passed (the worker's periodic look,
:func:`overdue`), a proposal sent back. Through Django's mail, the SMTP server from the
environment (``BESLUITPAK_SMTP_*``, :mod:`conf`); a failing server is logged, never the end
of an action (the route record is the truth, the e-mail a courtesy)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

import besluitpak
from besluitpak.editing.workspace import case_names
from besluitpak.web.permissions import actor
from besluitpak.web.routemodels import Functie, Melding, Vervanging

log = logging.getLogger(__name__)


def _same(first: str, second: str) -> bool:
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def _people(*, functie: str | None = None, naam: str | None = None, day: dt.date) -> set[str]:
    """The e-mail addresses of who holds ``functie`` (and who substitutes for it on
    ``day``), or of the person named ``naam``."""
    users: list[Any] = []
    if functie:
        held = Functie.objects.filter(functie__iexact=functie).select_related("user")
        users += [f.user for f in held]
        stand_in = Vervanging.objects.filter(functie__iexact=functie, van__lte=day, tot__gte=day)
        users += [v.vervanger for v in stand_in.select_related("vervanger")]
    if naam:
        users += [
            u for u in get_user_model().objects.filter(is_active=True) if _same(actor(u), naam)
        ]
    return {u.email for u in users if u.is_active and u.email}


def _link(case: str) -> str:
    where = reverse("case-route", kwargs={"name": case})
    return f"{settings.PAGE_URL}{where}" if settings.PAGE_URL else f"zaak {case}"


def _send(key: str, to: Iterable[str], subject: str, body: str) -> bool:
    """Send once per ``key``; False when already sent or nobody to send to."""
    addresses = sorted(set(to))
    if not addresses:
        return False
    try:
        with transaction.atomic():
            Melding.objects.create(key=key[:300], to=", ".join(addresses))
    except IntegrityError:
        return False
    try:
        send_mail(subject, body, None, addresses)
    except OSError:
        log.exception("e-mail %s could not be sent", key)
        Melding.objects.filter(key=key[:300]).delete()
        return False
    return True


def _round(status: Any) -> int:
    return status.ingediend.nr if status.ingediend else 0


def waiting(case: str, status: Any, *, day: dt.date) -> int:
    """E-mail whoever the current step waits for (once per round, step and slot)."""
    step, sent = status.current, 0
    for slot in status.waiting:
        key = f"taak:{case}:{_round(status)}:{step.naam}:{slot.soort}:{slot.wie}:{slot.stand}"
        termijn = f" uiterlijk {slot.termijn:%d-%m-%Y}" if slot.termijn else ""
        what = "uw advies" if slot.soort == "advies" else "uw paraaf"
        body = (
            f"Het voorstel {case} wacht op {what} als {slot.wie}{termijn}.\n\n"
            f"Stap: {step.naam}\nBekijk het voorstel: {_link(case)}\n"
        )
        if slot.stand == "opnieuw":
            body += f"Het pakket is gewijzigd sinds uw paraaf: {', '.join(slot.gewijzigd)}\n"
        people = _people(functie=slot.functie, naam=slot.persoon, day=day)
        sent += _send(key, people, f"Taak: {what} voor {case}", body)
    return sent


def sent_back(case: str, status: Any) -> int:
    """E-mail the steller and whoever submitted: the proposal came back, and why."""
    back = status.teruggestuurd
    if back is None:
        return 0
    indieners = [a.door for a in status.actions if a.wat == "indienen" and a.nr < back.nr]
    people: set[str] = set()
    for naam in {status.steller, *indieners[-1:]} - {""}:
        people |= _people(naam=naam, day=back.tijd.date())
    body = (
        f"Het voorstel {case} is teruggestuurd door {back.door}.\n\nReden: {back.opmerking}\n\n"
        f"Bekijk het voorstel: {_link(case)}\n"
    )
    return int(_send(f"terug:{case}:{back.nr}", people, f"Teruggestuurd: {case}", body))


def overdue(root: Path, *, day: dt.date) -> int:
    """E-mail, for every case, who has let an advice's termijn pass (and its submitter),
    whether the template's rule counts the silence or the route waits; and any task not
    yet told (an action from the command line, a paraaf asked again after a change)."""
    sent = 0
    for case in case_names(root):
        try:
            status = besluitpak.route_status(root / case, today=day)
        except besluitpak.BesluitpakError:
            continue
        if status.ingediend is None:
            continue
        sent += waiting(case, status, day=day)  # after the terminal's actions, or "opnieuw"
        for slot in (slot for step in status.steps for slot in step.slots):
            if slot.termijn is None or slot.termijn >= day:
                continue
            if slot.stand not in ("verlopen", "stilzwijgend", "open"):
                continue
            people = _people(functie=slot.functie, naam=slot.persoon, day=day)
            if status.ingediend:
                people |= _people(naam=status.ingediend.door, day=day)
            body = (
                f"De termijn voor {slot.soort} van {slot.wie} op het voorstel {case} "
                f"is verlopen op {slot.termijn:%d-%m-%Y}.\n"
            )
            if slot.stand == "stilzwijgend":
                body += f"Zonder antwoord geldt de regel van de route: {slot.stilzwijgend}.\n"
            body += f"\nBekijk het voorstel: {_link(case)}\n"
            key = f"verlopen:{case}:{_round(status)}:{slot.wie}:{slot.termijn}"
            sent += _send(key, people, f"Termijn verlopen: {case}", body)
    return sent
