"""Composing the package: a new case, bijlagen added, removed, put in order, uploaded.
(Stub: the helper writing this module replaces it.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from besluitpak.web.permissions import require


@require("create_case")
def case_create(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo", content_type="text/plain")


urlpatterns = [path("zaken/nieuw", case_create, name="case-create")]
