"""The list of cases, a case's page with its fields, and the jobs it starts (build, publish,
archive), their live progress, the built editions and their page thumbnails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from besluitpak.editing import versions, yamledit
from besluitpak.editing.edits import exclusive, save
from besluitpak.editing.status import case_status
from besluitpak.editing.workspace import CASE_FILE, case_names, shown_problem
from besluitpak.web import audit, caseparts, jobs, thumbnails
from besluitpak.web.forms.cases import CaseForm, PublishForm
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.permissions import allowed, require
from besluitpak.web.views.common import folder_or_404, status_or_404, workspace
from besluitpak.web.views.publication import beoordelingen

Event = AuditEntry.Event


@require("view_cases")
def case_list(request: HttpRequest) -> HttpResponse:
    root = workspace()
    cases = [case_status(root, name) for name in case_names(root)]
    latest = {j.case: j for j in Job.objects.filter(case__in=[c.name for c in cases])[:200]}
    failed = caseparts.failed_builds([c.name for c in cases])
    today = dt.date.today()
    rows = [
        {
            "status": c,
            "labels": c.labels(today, build_failed=c.name in failed),
            "job": latest.get(c.name),
        }
        for c in cases
    ]
    return render(request, "besluitpak_web/case_list.html", {"rows": rows})


@require("view_cases")
def case_detail(request: HttpRequest, name: str) -> HttpResponse:
    folder = folder_or_404(name)
    if request.method == "POST":
        if not allowed(request.user, "edit_case"):
            raise PermissionDenied("edit_case")
        with exclusive(folder.parent, folder.name):  # read, merged and written as one
            form, version = _save_case(request, name, folder)
        if form is None:
            messages.success(request, "Zaakgegevens opgeslagen.")
            return redirect("case-detail", name=name)
    else:
        version = versions.remember(folder.parent, folder / CASE_FILE)
        try:
            initial = CaseForm.initial_from(yamledit.read(folder / CASE_FILE))
        except yamledit.YamlEditError:  # not YAML: the page shows why (status.problems)
            initial = {}
        form = CaseForm(initial=initial)
        status = status_or_404(name)
        if status.problems:  # located as the guides say: relative to the workspace
            form.add_problems([shown_problem(folder.parent, p) for p in status.problems])
    return _case_page(request, name, form=form, version=version)


def _save_case(request: HttpRequest, name: str, folder: Path) -> tuple[CaseForm | None, str]:
    """The person's changes merged into the case file as it is now (under its edit lock):
    (None, version) when saved, else the form to show again and the version it is now."""
    path = folder / CASE_FILE
    now = path.read_bytes()
    data = yamledit.load(path)
    theirs_initial = CaseForm.initial_from(data)
    form = CaseForm(request.POST, initial=theirs_initial)
    version = versions.digest(now)
    if not form.is_valid():
        return form, request.POST.get(versions.FIELD, version)
    seen = request.POST.get(versions.FIELD)
    base_data = versions.parse(versions.form_base(folder.parent, seen, now))
    theirs = form.values_of(theirs_initial)
    base = (
        versions.UNKNOWN
        if base_data is versions.UNKNOWN
        else form.values_of(CaseForm.initial_from(base_data))
    )
    merged, changed, conflicts = versions.merge3(base, form.values_of(None), theirs)
    if conflicts:
        versions.remember(folder.parent, path)
        return _conflicted(request, form, theirs_initial, merged, conflicts), version
    form.apply(data, only=set(changed))
    problems = save(folder, {CASE_FILE: yamledit.dumps(data).encode("utf-8")})
    if problems:
        form.add_problems(problems)
        return form, request.POST.get(versions.FIELD, version)
    if changed:
        audit.record(Event.CASE_EDITED, user=request.user, case=name, fields=changed)
    return None, version


def _conflicted(
    request: HttpRequest,
    form: CaseForm,
    initial: dict[str, object],
    merged: dict[str, str],
    conflicts: list[versions.Conflict],
) -> CaseForm:
    """The form again with the merged values (the person's where both changed), each
    conflict beside its field with both values."""
    data = request.POST.copy()
    for field, value in merged.items():
        data[field] = value
    shown = CaseForm(data, initial=initial)
    shown.is_valid()
    shown.add_error(None, versions.INTRO)
    for conflict in conflicts:
        label = str(form.fields[conflict.key].label or conflict.key)
        shown.add_error(conflict.key, versions.message(conflict, label))
    return shown


def _case_page(request: HttpRequest, name: str, *, form: CaseForm, version: str) -> HttpResponse:
    status = status_or_404(name)
    today = dt.date.today()
    job = jobs.current(name)
    context = {
        **caseparts.context(status, today=today),
        "form": form,
        "version": version,
        "job": job,
        "under_embargo": status.under_embargo(today),
        "publish_form": PublishForm(),
        **beoordelingen(status, today=today),
    }
    return render(request, "besluitpak_web/case_detail.html", context)


def _start(request: HttpRequest, name: str, kind: str, *, reason: str = "") -> HttpResponse:
    status = status_or_404(name)
    if not status.valid:
        messages.error(request, "Deze zaak heeft problemen; los die eerst op.")
        return redirect("case-detail", name=name)
    job = jobs.request(name, kind, user=request.user, reason=reason)
    if kind == Job.Kind.BUILD:
        audit.record(Event.BUILD_REQUESTED, user=request.user, case=name, job=job.pk)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "besluitpak_web/_job.html", {"job": job, "status": status})
    messages.info(request, f"{job.get_kind_display()}: in de wachtrij.")
    return redirect(reverse("case-detail", kwargs={"name": name}) + "#taak")


@require_POST
@require("build_case")
def build(request: HttpRequest, name: str) -> HttpResponse:
    return _start(request, name, Job.Kind.BUILD)


@require_POST
@require("publish_case")
def publish(request: HttpRequest, name: str) -> HttpResponse:
    status, today = status_or_404(name), dt.date.today()
    embargo = ""
    if status.under_embargo(today):
        embargo = status.labels(today)[-1].removeprefix("onder embargo tot ")
    form = PublishForm(request.POST, embargo=embargo)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(reverse("case-detail", kwargs={"name": name}) + "#publiceren")
    return _start(request, name, Job.Kind.PUBLISH, reason=form.cleaned_data["reden"])


@require_POST
@require("archive_case")
def archive(request: HttpRequest, name: str) -> HttpResponse:
    return _start(request, name, Job.Kind.ARCHIVE)


@require("view_cases")
def job_status(request: HttpRequest, name: str) -> HttpResponse:
    """The job's progress; once it has ended, also the parts of the case page it changed
    (editions, states, archive and publication links), which htmx swaps in by their id."""
    job = jobs.current(name)
    context = {
        **caseparts.context(status_or_404(name), today=dt.date.today()),
        "job": job,
        # Also while a build goes on once an edition is written (the intern one first).
        "oob": job is not None and (not job.active or bool(job.progress.get("built"))),
    }
    return render(request, "besluitpak_web/_case_job_answer.html", context)


def _bundle(name: str, edition: str) -> Path:
    status = status_or_404(name)
    for found, pdf in status.bundles:
        if found == edition:
            return pdf
    raise Http404(f"{name}: no {edition} edition built")


@require("view_cases")
def download(request: HttpRequest, name: str, edition: str) -> FileResponse:
    pdf = _bundle(name, edition)
    return FileResponse(pdf.open("rb"), content_type="application/pdf", filename=pdf.name)


@require("view_cases")
def thumbnail(
    request: HttpRequest, name: str, edition: str, fingerprint: str, page: str
) -> FileResponse:
    """A page of the edition as built now; its address names the PDF's fingerprint, so it
    may be kept long (a rebuilt edition has pages at new addresses)."""
    pdf = _bundle(name, edition)
    found = {p.name: p for p in thumbnails.pages(pdf)}
    if page not in found or found[page].parent.name[: caseparts.FINGERPRINT] != fingerprint:
        raise Http404(page)
    response = FileResponse(found[page].open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


urlpatterns = [
    path("", case_list, name="case-list"),
    path("zaken/<str:name>/", case_detail, name="case-detail"),
    path("zaken/<str:name>/bouwen/", build, name="case-build"),
    path("zaken/<str:name>/publiceren/", publish, name="case-publish"),
    path("zaken/<str:name>/archiveren/", archive, name="case-archive"),
    path("zaken/<str:name>/taak/", job_status, name="case-job"),
    path("zaken/<str:name>/editie/<str:edition>.pdf", download, name="case-download"),
    path(
        "zaken/<str:name>/editie/<str:edition>/<str:fingerprint>/<str:page>",
        thumbnail,
        name="case-thumbnail",
    ),
]
