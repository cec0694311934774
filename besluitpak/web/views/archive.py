"""The archive's versions of a case (with their files, verify and diff), and the audit log."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

import besluitpak
from besluitpak.editing.status import CaseStatus
from besluitpak.editing.workspace import ARCHIEF, OutsideWorkspace, inside, shown
from besluitpak.errors import BesluitpakError
from besluitpak.web import jobs, sealed
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.permissions import require
from besluitpak.web.views.common import status_or_404, workspace

Event = AuditEntry.Event
PER_PAGE = 50


def _versions(status: CaseStatus) -> list[besluitpak.VersionEntry]:
    """The archived versions of the case's kenmerk, newest first."""
    if not status.kenmerk:
        return []
    try:
        found = besluitpak.version_history(workspace() / ARCHIEF, status.kenmerk)
    except BesluitpakError:
        return []
    return found[::-1]


def _archivers(name: str) -> dict[str, AuditEntry]:
    """Version name -> the audit entry of the person who archived it from this page."""
    entries = AuditEntry.objects.filter(case=name, event=Event.ARCHIVED).order_by("when", "id")
    return {str(e.detail.get("version")): e for e in entries if e.detail.get("new")}


def _when(text: str) -> dt.datetime | str:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return text


@require("view_cases")
def versions(request: HttpRequest, name: str) -> HttpResponse:
    status = status_or_404(name)
    found = _versions(status)
    archivers = _archivers(name)
    verification = _verification(name)
    rows = [
        {
            "entry": entry,
            "when": _when(entry.created),
            "by": archivers.get(entry.name),
            "signed": sealed.per_file(workspace(), entry, verification),
        }
        for entry in found
    ]
    names = [entry.name for entry in found]
    first, second = request.GET.get("van", ""), request.GET.get("naar", "")
    compared: list[dict[str, str]] = []
    diff_error = ""
    if first or second:
        if first not in names or second not in names:
            diff_error = "Kies twee versies uit de lijst."
        elif first == second:
            diff_error = "Kies twee verschillende versies."
        else:
            try:
                lines = list(besluitpak.diff(workspace() / ARCHIEF, status.kenmerk, first, second))
            except BesluitpakError as e:
                diff_error = shown(workspace(), e)
            else:
                compared = [_diff_line(line) for line in lines[1:]]
    context = {
        "status": status,
        "rows": rows,
        "names": names,
        "first": first or (names[1] if len(names) > 1 else ""),
        "second": second or (names[0] if names else ""),
        "compared": compared,
        "compared_title": f"{first} → {second}" if compared else "",
        "diff_error": diff_error,
        "verification": verification,
    }
    return render(request, "besluitpak_web/archive_versions.html", context)


def _diff_line(line: str) -> dict[str, str]:
    """One line of ``besluitpak diff``: a document's line (``-``/``+``) or a summary."""
    text = line.strip()
    if line.startswith("    ") and text[:1] in {"-", "+"}:
        return {"kind": "removed" if text[0] == "-" else "added", "text": text[1:].strip()}
    return {"kind": "summary", "text": text}


def _verification(name: str) -> Job | None:
    return Job.objects.filter(case=name, kind=Job.Kind.VERIFY).order_by("-created").first()


@require("view_cases")
def version_file(request: HttpRequest, name: str, version: str, file: str) -> FileResponse:
    """A file of an archived version: only the files that version lists, never a path the
    request makes up."""
    status = status_or_404(name)
    entry = next((e for e in _versions(status) if e.name == version), None)
    if entry is None or file not in entry.files:
        raise Http404(f"{version}/{file}: not a file of this case's archive")
    try:
        found: Path = inside(entry.folder, file)
    except OutsideWorkspace as e:
        raise Http404(str(e)) from None
    kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    if found.suffix in {".yaml", ".sha256"}:
        kind = "text/plain"
    return FileResponse(
        found.open("rb"),
        content_type=kind,
        as_attachment=found.suffix != ".pdf",
        filename=found.name,
    )


@require_POST
@require("verify_archive")
def verify(request: HttpRequest, name: str) -> HttpResponse:
    status = status_or_404(name)
    if not status.valid:
        messages.error(request, "Deze zaak heeft problemen; los die eerst op.")
        return redirect("case-archive-versions", name=name)
    if not status.versions:
        messages.error(request, "Er is nog niets gearchiveerd om te verifiëren.")
        return redirect("case-archive-versions", name=name)
    job = jobs.request(name, Job.Kind.VERIFY, user=request.user)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request, "besluitpak_web/archive_verify.html", {"verification": job, "status": status}
        )
    messages.info(request, "Verifiëren: in de wachtrij.")
    return redirect(reverse("case-archive-versions", kwargs={"name": name}) + "#verificatie")


@require("view_cases")
def verify_status(request: HttpRequest, name: str) -> HttpResponse:
    status = status_or_404(name)
    return render(
        request,
        "besluitpak_web/archive_verify.html",
        {"verification": _verification(name), "status": status},
    )


LABELS = {
    "reden": "reden",
    "job": "taak",
    "message": "melding",
    "fields": "velden",
    "files": "bestanden",
    "pages": "pagina's",
    "version": "versie",
    "new": "nieuwe versie",
    "ok": "integriteit",
    "problems": "problemen",
    "findings": "bevindingen",
    "warnings": "waarschuwingen",
    "seals": "zegel",
}
HIDDEN = {"sha256", "checked", "seals"}
"""Detail kept in the log but not shown: every file's checksum (the fingerprint sums them up),
every file verify looked at, and its seal (the entry's fingerprint)."""


def _detail(entry: AuditEntry) -> list[tuple[str, str]]:
    """The entry's detail in the page's words: (label, value) pairs."""
    pairs = []
    for key, value in entry.detail.items():
        if key in HIDDEN or value in (None, "", [], {}):
            continue
        if key == "ok":
            shown = "in orde" if value else "problemen gevonden"
        elif key == "new":
            shown = "ja" if value else "nee, niets gewijzigd"
        elif key == "files":
            shown = ", ".join(Path(str(v)).name for v in value)
        elif isinstance(value, list):
            shown = "; ".join(str(v) for v in value)
        elif isinstance(value, dict):
            shown = "; ".join(f"{k}: {v}" for k, v in value.items())
        else:
            shown = str(value)
        pairs.append((LABELS.get(key, key), shown))
    return pairs


@require("view_audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    cases = list(
        AuditEntry.objects.exclude(case="")
        .order_by("case")
        .values_list("case", flat=True)
        .distinct()
    )
    chosen = request.GET.get("zaak", "")
    entries = AuditEntry.objects.all()
    if chosen:
        entries = entries.filter(case=chosen)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("pagina"))
    rows: list[dict[str, Any]] = [{"entry": e, "detail": _detail(e)} for e in page]
    context = {
        "page": page,
        "rows": rows,
        "cases": cases,
        "chosen": chosen,
        "pages": page.paginator.get_elided_page_range(page.number),
        "query": urlencode({"zaak": chosen}) + "&" if chosen else "",
    }
    return render(request, "besluitpak_web/audit_log.html", context)


urlpatterns = [
    path("zaken/<str:name>/archief/", versions, name="case-archive-versions"),
    path("zaken/<str:name>/archief/verifieren/", verify, name="case-archive-verify"),
    path("zaken/<str:name>/archief/verificatie/", verify_status, name="case-archive-verification"),
    path(
        "zaken/<str:name>/archief/<str:version>/<path:file>",
        version_file,
        name="case-archive-file",
    ),
    path("logboek/", audit_log, name="audit-log"),
]
