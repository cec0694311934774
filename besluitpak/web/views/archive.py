"""The archive's versions of a case, verify and diff; the audit log.
(Stub: the helper writing this module replaces it.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from besluitpak.web.permissions import require


@require("view_cases")
def versions(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse("todo", content_type="text/plain")


@require("view_audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo", content_type="text/plain")


urlpatterns = [
    path("zaken/<str:name>/archief/", versions, name="case-archive-versions"),
    path("logboek/", audit_log, name="audit-log"),
]
