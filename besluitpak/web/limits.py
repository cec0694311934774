"""Limits the page keeps before any work: a request body larger than an upload may be is
refused on its announced length, unread (waitress does the same at the socket, see
:mod:`besluitpak.web.management.commands.serve`); a refusal (403) is one line in the
server's log, not a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

FORM_MARGIN = 1024 * 1024
"""What a form may send beside its file (the fields, the multipart boundaries), in bytes."""


def max_body() -> int:
    """The largest request body the page takes: an upload and its form."""
    return int(settings.MAX_UPLOAD_BYTES) + FORM_MARGIN


class BodyLimitMiddleware:
    """413 for a request whose Content-Length is over :func:`max_body`, before anything
    reads its body (the first middleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Ongeldige lengte van het verzoek.", status=400)
        if length > max_body():
            megabytes = max_body() // (1024 * 1024)
            return HttpResponse(
                f"Te groot: een verzoek aan deze pagina is hoogstens {megabytes} MB.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class OneLineRefusals(logging.Filter):
    """On ``django.request``: a 403 (a role that may not, a stale form) is logged as its one
    line; a server error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
