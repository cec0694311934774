"""The collegevergaderingen: the list of meetings, a meeting's page with its agenda items
and their outcomes (recorded into the vergadering file), and the jobs it starts (agenda,
besluitenlijst voorlopig/definitief, archive), their status and the PDFs they made."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from besluitpak.editing import meetings, versions
from besluitpak.editing.workspace import OutsideWorkspace
from besluitpak.errors import BesluitpakError
from besluitpak.web import audit, jobs, signing
from besluitpak.web.forms.meetings import OutcomeForm
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.permissions import allowed, require
from besluitpak.web.views.common import workspace
from besluitpak.web.views.routeagenda import candidates

Event = AuditEntry.Event
KINDS = {
    "agenda": Job.Kind.MEETING_AGENDA,
    "voorlopig": Job.Kind.MEETING_VOORLOPIG,
    "definitief": Job.Kind.MEETING_DEFINITIEF,
}
"""The address's word -> the job it starts (archiving has its own view: another permission)."""


def _meeting(name: str, *, loaded: bool) -> meetings.Meeting:
    """Meeting ``name`` of the workspace (loaded by the CLI's loader), or 404."""
    try:
        return meetings.load(workspace(), name) if loaded else meetings.read(workspace(), name)
    except OutsideWorkspace as e:
        raise Http404(str(e)) from None


@require("view_cases")
def meeting_list(request: HttpRequest) -> HttpResponse:
    root = workspace()
    rows = [meetings.read(root, name) for name in meetings.names(root)]
    return render(request, "besluitpak_web/vergadering_list.html", {"meetings": rows})


@require("view_cases")
def meeting_detail(request: HttpRequest, name: str) -> HttpResponse:
    return _page(request, _meeting(name, loaded=True))


def _page(
    request: HttpRequest,
    meeting: meetings.Meeting,
    *,
    refused: OutcomeForm | None = None,
    version: str = "",
) -> HttpResponse:
    items = []
    now = versions.remember(workspace(), meeting.path)
    for row in meeting.rows:
        form = refused if refused is not None and refused.nummer == row.nummer else None
        initial = {"uitkomst": row.uitkomst, "besluitpunten": "\n\n".join(row.besluitpunten)}
        items.append(
            {
                "row": row,
                "form": form or OutcomeForm(initial=initial, nummer=row.nummer),
                "version": version if form is not None and version else now,
            }
        )
    context = {
        "meeting": meeting,
        "items": items,
        "job": jobs.current(meeting.key),
        "outputs": meetings.outputs(workspace(), meeting.name),
        "candidates": candidates(meeting.name) if allowed(request.user, "run_meeting") else [],
        **_signing(meeting.name, meeting.key),
    }
    return render(request, "besluitpak_web/vergadering_detail.html", context)


def _signing(name: str, key: str) -> dict[str, object]:
    """Whether the definitive besluitenlijst is there to sign, and its signatures."""
    return {
        "definitief": signing.definitive(workspace(), name) is not None,
        "signed": signing.signed(key),
    }


@require_POST
@require("run_meeting")
def outcome(request: HttpRequest, name: str, nummer: int) -> HttpResponse:
    """Record agendapunt ``nummer``'s outcome in the vergadering file, only when the CLI's
    loader accepts the result."""
    meeting = _meeting(name, loaded=False)
    if not 1 <= nummer <= len(meeting.rows):
        raise Http404(f"{name}: no agendapunt {nummer}")
    form = OutcomeForm(request.POST, nummer=nummer)
    version = str(request.POST.get(versions.FIELD, ""))
    if form.is_valid():
        uitkomst, punten = form.cleaned_data["uitkomst"], form.punten()
        try:
            problems = meetings.record_outcome(
                workspace(),
                name,
                nummer=nummer,
                uitkomst=uitkomst,
                besluitpunten=punten,
                version=version,
            )
        except versions.Conflicted as e:
            form, version = _conflicted(request, nummer, e), e.version
        except BesluitpakError as e:
            form.add_error(None, str(e))
        else:
            if not problems:
                audit.record(
                    Event.OUTCOME_RECORDED,
                    user=request.user,
                    case=meeting.key,
                    agendapunt=nummer,
                    uitkomst=uitkomst or "geen",
                    besluitpunten=punten,
                )
                messages.success(request, f"Agendapunt {nummer}: uitkomst vastgelegd.")
                return redirect(
                    reverse("meeting-detail", kwargs={"name": name}) + f"#punt-{nummer}"
                )
            form.add_problems(problems)
    return _page(request, _meeting(name, loaded=True), refused=form, version=version)


def _conflicted(request: HttpRequest, nummer: int, error: versions.Conflicted) -> OutcomeForm:
    """The form again with the merged values (the person's where both changed), each
    conflict beside its field with both values."""
    values = error.values or {}
    prefix = f"punt-{nummer}"
    data = request.POST.copy()
    data[f"{prefix}-uitkomst"] = values.get("uitkomst", "")
    data[f"{prefix}-besluitpunten"] = "\n\n".join(values.get("besluitpunten", []))
    form = OutcomeForm(data, nummer=nummer)
    form.is_valid()
    form.add_error(None, versions.INTRO)
    labels = {"uitkomst": "Uitkomst", "besluitpunten": "Gewijzigde besluitpunten"}
    for conflict in error.conflicts:
        field = conflict.key.split("[", 1)[0]
        form.add_error(field, versions.message(conflict, labels.get(field, field)))
    return form


def _start(request: HttpRequest, name: str, kind: str) -> HttpResponse:
    meeting = _meeting(name, loaded=True)
    if not meeting.valid:
        messages.error(request, "Deze vergadering heeft problemen; los die eerst op.")
        return redirect("meeting-detail", name=name)
    job = jobs.request(meeting.key, kind, user=request.user)
    audit.record(Event.MEETING_REQUESTED, user=request.user, case=meeting.key, job=kind)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request, "besluitpak_web/_vergadering_job.html", {"job": job, "meeting": meeting}
        )
    messages.info(request, f"{job.get_kind_display()}: in de wachtrij.")
    return redirect(reverse("meeting-detail", kwargs={"name": name}) + "#taak")


@require_POST
@require("run_meeting")
def run(request: HttpRequest, name: str, what: str) -> HttpResponse:
    """Agenda bouwen, or the besluitenlijst (voorlopig or definitief)."""
    if what not in KINDS:
        raise Http404(what)
    return _start(request, name, KINDS[what])


@require_POST
@require("archive_case")
def archive(request: HttpRequest, name: str) -> HttpResponse:
    return _start(request, name, Job.Kind.MEETING_ARCHIVE)


@require_POST
@require("run_meeting")
def sign(request: HttpRequest, name: str) -> HttpResponse:
    """Sign the definitive besluitenlijst as burgemeester and secretaris (a job)."""
    return _start(request, name, Job.Kind.MEETING_SIGN)


@require("view_cases")
def job_status(request: HttpRequest, name: str) -> HttpResponse:
    """The job's progress; once it has ended, also the documents it made (swapped in)."""
    meeting = _meeting(name, loaded=False)
    job = jobs.current(meeting.key)
    context = {
        "job": job,
        "meeting": meeting,
        "outputs": meetings.outputs(workspace(), name),
        "oob": job is not None and not job.active,
        **_signing(name, meeting.key),
    }
    return render(request, "besluitpak_web/_vergadering_job_answer.html", context)


@require("view_cases")
def download(request: HttpRequest, name: str, file: str) -> FileResponse:
    """A PDF of ``vergaderingen/out/<name>/`` (agenda, vergadermap, besluitenlijst), never
    through a link or out of it."""
    _meeting(name, loaded=False)
    try:
        found = meetings.output_file(workspace(), name, file)
    except OutsideWorkspace as e:
        raise Http404(str(e)) from None
    return FileResponse(found.open("rb"), content_type="application/pdf", filename=found.name)


urlpatterns = [
    path("vergaderingen/", meeting_list, name="meeting-list"),
    path("vergaderingen/<str:name>/", meeting_detail, name="meeting-detail"),
    path("vergaderingen/<str:name>/punten/<int:nummer>/", outcome, name="meeting-outcome"),
    path("vergaderingen/<str:name>/maken/<str:what>/", run, name="meeting-run"),
    path("vergaderingen/<str:name>/archiveren/", archive, name="meeting-archive"),
    path("vergaderingen/<str:name>/ondertekenen/", sign, name="meeting-sign"),
    path("vergaderingen/<str:name>/taak/", job_status, name="meeting-job"),
    path("vergaderingen/<str:name>/bestand/<path:file>", download, name="meeting-file"),
]
