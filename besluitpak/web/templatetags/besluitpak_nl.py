"""The page's Dutch for what the library says: a problem or a failed job's message in
Dutch (:mod:`besluitpak.web.wording`), a date as "25 maart 2014", and a count with its
noun ("1 probleem", "2 problemen")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from besluitpak.dutch import datum as dutch_date
from besluitpak.errors import Problem
from besluitpak.web import wording

register = template.Library()


@register.filter
def nl(item: Any) -> str:
    """A problem located and in Dutch; anything else as text."""
    return wording.shown(item)


@register.filter
def datum(value: Any) -> str:
    """``2014-03-25`` (a date or its text) -> ``25 maart 2014``; anything else as it is."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return dutch_date(value)
    try:
        return dutch_date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


@register.filter
def moment(value: Any) -> str:
    """``2026-12-08T03:28:36+00:00`` (a moment or its text) -> ``8 december 2026 04:28``,
    in the page's time zone, as the page writes a moment elsewhere; anything else as it is."""
    if not isinstance(value, dt.datetime):
        try:
            value = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y H:i")


@register.filter
def aantal(count: Any, forms: str) -> str:
    """``2|aantal:"probleem,problemen"`` -> ``2 problemen``; ``1`` -> ``1 probleem``. Both
    forms written out: Dutch plurals are no suffix (probleem, problemen; versie, versies)."""
    one, more = forms.split(",")
    return f"{count} {one if count == 1 else more}"


@register.filter
def job_message(job: Any) -> str:
    """Why a job failed, in Dutch where its error has a code (else as the CLI says it)."""
    said = job.result.get("error") if isinstance(job.result, dict) else None
    if not isinstance(said, dict):
        return str(job.message)
    lines = [wording.say(str(said.get("code", "")), said.get("params") or {}, job.message)]
    for found in job.result.get("problems", []):
        problem = Problem(
            file=Path(found["file"]),
            line=found["line"],
            key=found["key"],
            message=found["message"],
            code=found["code"],
            params=found["params"],
        )
        lines.append(f"  {wording.located(problem)}")
    return "\n".join(lines)
