"""The publication of a case: the inventarislijst of what ``publish`` wrote into
``<zaak>/out/openbaar/`` (each public document, the bundle, the sitemap), its files to
download, and passages the personal-data guard may let through ("Persoonsgegeven
toestaan", written into the case file's ``openbaar.toegestaan`` by
:mod:`besluitpak.editing.passages`).

Also the beoordeling of each document (openbaar / deels openbaar / niet openbaar) that the
case page shows beside the collegevoorstel and each bijlage.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

import besluitpak
from besluitpak.editing import lak, passages, versions
from besluitpak.editing.status import CaseStatus
from besluitpak.editing.workspace import CASE_FILE, PUBLISHED, OutsideWorkspace, inside
from besluitpak.errors import BesluitpakError
from besluitpak.web import audit
from besluitpak.web.forms.publication import AllowForm
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.permissions import require
from besluitpak.web.views import publicationstate
from besluitpak.web.views.common import folder_or_404, status_or_404

Event = AuditEntry.Event
INVENTORY = "inventarislijst"
SERVED = {".pdf": "application/pdf", ".xml": "application/xml", ".csv": "text/csv"}
"""What the download serves from the publication folder, by suffix (anything else: 404)."""


# --- the beoordeling on the case page ----------------------------------------------------------


def beoordelingen(status: CaseStatus, *, today: dt.date | None = None) -> dict[str, Any]:
    """The case page's context for the Woo beoordeling of each document:
    ``voorstel_beoordeling`` (text) and ``bijlagen_beoordeeld`` ([(bijlage, text)])."""
    if status.case is None:
        return {"voorstel_beoordeling": "", "bijlagen_beoordeeld": []}
    today = today or dt.date.today()
    case = status.case
    return {
        "voorstel_beoordeling": besluitpak.beoordeling(case.voorstel, today=today).text(),
        "bijlagen_beoordeeld": [
            (document, besluitpak.beoordeling(document, today=today).text())
            for document in case.bijlagen
        ],
    }


# --- the publication folder --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Row:
    """One line of the inventarislijst as published."""

    nummer: str
    titel: str
    datum: str
    beoordeling: str
    gronden: str
    file: str
    """The published file's name in the publication folder ("" when not public)."""


def _published_folder(folder: Path) -> Path:
    try:
        return inside(folder, PUBLISHED)
    except OutsideWorkspace as e:
        raise Http404(str(e)) from None


def _rows(published: Path) -> list[Row]:
    """The inventarislijst.csv ``publish`` wrote (columns nummer, titel, datum,
    beoordeling, gronden, link), each link reduced to the file it names in the folder."""
    text = (published / f"{INVENTORY}.csv").read_text(encoding="utf-8")
    rows = []
    for line in csv.DictReader(io.StringIO(text)):
        name = PurePosixPath(line.get("link") or "").name
        rows.append(
            Row(
                nummer=line.get("nummer") or "",
                titel=line.get("titel") or "",
                datum=line.get("datum") or "",
                beoordeling=line.get("beoordeling") or "",
                gronden=line.get("gronden") or "",
                file=name if name and (published / name).is_file() else "",
            )
        )
    return rows


def _explained(rows: list[Row]) -> list[tuple[str, str]]:
    """(code, meaning) of every Woo ground the inventarislijst names."""
    codes = {code.strip() for row in rows for code in row.gronden.split(",")}
    return [(code, lak.GRONDEN[code]) for code in sorted(codes) if code in lak.GRONDEN]


def _extras(published: Path, status: CaseStatus) -> list[tuple[str, str]]:
    """(label, file name) of the publication's other downloads that are there."""
    wanted = [
        ("Inventarislijst (PDF)", f"{INVENTORY}.pdf"),
        ("Inventarislijst (CSV)", f"{INVENTORY}.csv"),
        ("Sitemap (sitemap.xml)", "sitemap.xml"),
        ("Sitemapindex (sitemapindex.xml)", "sitemapindex.xml"),
    ]
    if status.published is not None:
        wanted.insert(0, ("De hele openbare bundel (PDF)", status.published.name))
    return [(label, name) for label, name in wanted if (published / name).is_file()]


def _context(request: HttpRequest, name: str, *, form: AllowForm | None = None) -> dict[str, Any]:
    status = status_or_404(name)
    published = _published_folder(folder_or_404(name))
    done = status.published is not None and (published / f"{INVENTORY}.csv").is_file()
    rows = _rows(published) if done else []
    allowed = (
        list(status.case.meta.openbaar.toegestaan)
        if status.case and status.case.meta.openbaar
        else []
    )
    last = Job.objects.filter(case=name, kind=Job.Kind.PUBLISH).order_by("-created").first()
    return {
        "status": status,
        "published": done,
        "when": dt.datetime.fromtimestamp((published / f"{INVENTORY}.csv").stat().st_mtime)
        if done
        else None,
        "rows": rows,
        "gronden": _explained(rows),
        "extras": _extras(published, status) if done else [],
        "allowed": allowed,
        "failed": last if last is not None and last.status == Job.Status.FAILED else None,
        "form": form or AllowForm(),
        "version": versions.remember(folder_or_404(name).parent, folder_or_404(name) / CASE_FILE),
        **publicationstate.context(published),
    }


@require("view_cases")
def publication(request: HttpRequest, name: str) -> HttpResponse:
    return render(request, "besluitpak_web/publication.html", _context(request, name))


@require("view_cases")
def published_file(request: HttpRequest, name: str, file: str) -> HttpResponseBase:
    """A file of the publication folder: only a PDF, XML or CSV file directly in
    ``<zaak>/out/openbaar/``, never through a link or out of it."""
    published = _published_folder(folder_or_404(name))
    try:
        found = inside(published, file)
    except OutsideWorkspace as e:
        raise Http404(str(e)) from None
    kind = SERVED.get(found.suffix.lower())
    if kind is None or found.parent != published or found.name.startswith("."):
        raise Http404(f"{file}: not a file of this case's publication")
    if not found.is_file():
        withdrawn = publicationstate.notice(published, found.name)
        if withdrawn is not None:
            return withdrawn  # 410 Gone, with the notice: date and reason
        raise Http404(f"{file}: not published")
    if kind != "application/pdf":
        kind += "; charset=utf-8"
    return FileResponse(
        found.open("rb"),
        content_type=kind,
        as_attachment=found.suffix.lower() == ".csv",
        filename=found.name,
    )


# --- a passage the guard may let through ------------------------------------------------------


@require_POST
@require("publish_case")
def allow(request: HttpRequest, name: str) -> HttpResponse:
    """Persoonsgegeven toestaan: the passage and its reason into the case file (only when the
    CLI's loader accepts the result), and into the audit log."""
    folder = folder_or_404(name)
    form = AllowForm(request.POST)
    if form.is_valid():
        tekst, reden = form.cleaned_data["tekst"], form.cleaned_data["reden"]
        try:
            problems = passages.allow(folder, tekst=tekst, reden=reden)
        except passages.AlreadyAllowed:
            form.add_error("tekst", f"„{tekst}” is al toegestaan.")
        except BesluitpakError as e:
            form.add_error(None, str(e))
        else:
            if not problems:
                audit.record(
                    Event.PASSAGE_ALLOWED, user=request.user, case=name, tekst=tekst, reden=reden
                )
                messages.success(
                    request,
                    f"Toegestaan: „{tekst}” ({reden}). Publiceer opnieuw: de controle op "
                    "persoonsgegevens laat deze tekst dan door.",
                )
                return redirect(reverse("case-publication", kwargs={"name": name}) + "#toestaan")
            form.add_problems(problems)
    return render(request, "besluitpak_web/publication.html", _context(request, name, form=form))


urlpatterns = [
    path("zaken/<str:name>/publicatie/", publication, name="case-publication"),
    path("zaken/<str:name>/publicatie/toestaan/", allow, name="case-publication-allow"),
    path(
        "zaken/<str:name>/publicatie/bestand/<path:file>",
        published_file,
        name="case-publication-file",
    ),
]
