"""How often the page asks for a job's progress: often while the job is young (a person
who just pressed Bouwen waits for the link; a build after one change takes seconds), then
once a second."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

register = template.Library()

YOUNG = 20.0
"""Seconds after it was asked for that a job is polled :data:`OFTEN`."""
OFTEN = "250ms"
SELDOM = "1s"


@register.filter
def poll_every(job: Any) -> str:
    """The htmx interval for polling ``job`` (an active one younger than :data:`YOUNG`
    seconds: :data:`OFTEN`)."""
    if job is None or not job.active:
        return SELDOM
    age = (timezone.now() - job.created).total_seconds()
    return OFTEN if age < YOUNG else SELDOM
