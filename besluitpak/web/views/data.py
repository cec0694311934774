"""A generated document's data as a form made from its template's JSON Schema: shown,
rows added and removed (without saving), saved only when the loader finds no new problem,
and optionally built right after."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.safestring import mark_safe

from besluitpak.editing import docdata, edits, schemaform, versions
from besluitpak.editing.workspace import shown_problem
from besluitpak.errors import BesluitpakError, Problem
from besluitpak.web import audit, fielderrors, jobs
from besluitpak.web.models import AuditEntry
from besluitpak.web.permissions import allowed, require
from besluitpak.web.views.common import folder_or_404, status_or_404

Event = AuditEntry.Event
ADD = "_toevoegen"
REMOVE = "_verwijderen"
ACTION = "_actie"
BUILD = "bouwen"


@require("view_cases")
def document_data(request: HttpRequest, name: str, document: str) -> HttpResponse:
    folder = folder_or_404(name)
    try:
        doc = docdata.locate(folder, document)
    except BesluitpakError as e:
        raise Http404(str(e)) from None
    if request.method != "POST":
        # located in the case folder, as a refused save's are: placed beside their field
        problems = [shown_problem(folder, p) for p in status_or_404(name).problems]
        version = versions.remember(folder.parent, folder / doc.file)
        return _page(request, name, doc, doc.data, problems=problems, version=version)
    if not allowed(request.user, "edit_case"):
        return HttpResponse(status=403)
    version = str(request.POST.get(versions.FIELD, ""))
    values = schemaform.keep_unknown(
        doc.schema, doc.data, schemaform.parse(doc.schema, request.POST)
    )
    if ADD in request.POST:
        added = schemaform.add_row(doc.schema, values, request.POST[ADD])
        notice = "Rij toegevoegd; nog niet opgeslagen." if added else ""
        return _page(request, name, doc, values, notice=notice, version=version)
    if REMOVE in request.POST:
        removed = schemaform.remove_row(values, request.POST[REMOVE])
        notice = "Rij verwijderd; nog niet opgeslagen." if removed else ""
        return _page(request, name, doc, values, notice=notice, version=version)
    try:
        with edits.exclusive(folder.parent, folder.name):  # read, merged and written as one
            doc, changed, problems = _save(folder, document, values, version)
    except versions.Conflicted as e:
        conflicts = [_conflict_problem(doc, c) for c in e.conflicts]
        return _page(
            request, name, doc, e.values, problems=conflicts, version=e.version, conflict=True
        )
    if problems:
        return _page(request, name, doc, values, problems=problems, refused=True, version=version)
    if changed:
        audit.record(
            Event.DATA_EDITED, user=request.user, case=name, document=doc.id, fields=changed
        )
        messages.success(request, f"Gegevens van {doc.label.lower()} opgeslagen.")
    else:
        messages.info(request, "Niets gewijzigd.")
    if request.POST.get(ACTION) == BUILD and allowed(request.user, "build_case"):
        return _build(request, name)
    return redirect("document-data", name=name, document=doc.id)


def _conflict_problem(doc: docdata.DocumentData, conflict: versions.Conflict) -> Problem:
    """A conflict as a problem of its field (shown beside it, with both values)."""
    key = conflict.key
    if doc.key_prefix:
        key = doc.key_prefix + ("" if key.startswith("[") or not key else ".") + key
    return Problem(file=Path(doc.file), line=None, key=key, message=versions.message(conflict))


def _save(
    folder: Path, document: str, values: Any, version: str
) -> tuple[docdata.DocumentData, list[str], list[Problem]]:
    """The person's ``values`` merged into the data as it is now (call under the case's edit
    lock): the document, the keys the person changed and the problems that refused it;
    raises :class:`versions.Conflicted` when both changed one value."""
    try:
        doc = docdata.locate(folder, document)
    except BesluitpakError as e:
        raise Http404(str(e)) from None
    path = folder / doc.file
    now = path.read_bytes()
    base = docdata.data_in(versions.parse(versions.form_base(folder.parent, version, now)), doc)
    merged, changed, conflicts = versions.merge3(base, values, doc.data)
    if conflicts:
        current = versions.remember(folder.parent, path)
        raise versions.Conflicted(conflicts, version=current, values=merged)
    if not changed:
        return doc, [], []
    return doc, changed, edits.save(folder, docdata.changes(folder, doc, merged))


def _build(request: HttpRequest, name: str) -> HttpResponse:
    status = status_or_404(name)
    if not status.valid:
        messages.error(request, "Niet gebouwd: deze zaak heeft problemen; los die eerst op.")
        return redirect("case-detail", name=name)
    job = jobs.request(name, "build", user=request.user)
    audit.record(Event.BUILD_REQUESTED, user=request.user, case=name, job=job.pk)
    messages.info(request, f"{job.get_kind_display()}: in de wachtrij.")
    return redirect(reverse("case-detail", kwargs={"name": name}) + "#taak")


def _page(
    request: HttpRequest,
    name: str,
    doc: docdata.DocumentData,
    values: Any,
    *,
    problems: list[Problem] | None = None,
    notice: str = "",
    refused: bool = False,
    version: str = "",
    conflict: bool = False,
) -> HttpResponse:
    by_key, others = fielderrors.sort_problems(doc, problems or [])
    shown, unplaced = fielderrors.place_errors(schemaform.fields(doc.schema, values), by_key)
    root = schemaform.fields(doc.schema, values, errors=shown)
    editable = allowed(request.user, "edit_case")
    context = {
        "name": name,
        "status": status_or_404(name),
        "doc": doc,
        "root": root,
        "fields_html": _fields_html(doc, values, shown, root, readonly=not editable),
        "problems": [*unplaced, *others],
        "refused": refused,
        "conflict": conflict,
        "conflict_intro": versions.INTRO,
        "version": version,
        "notice": notice,
        "editable": editable,
        "action": reverse("document-data", kwargs={"name": name, "document": doc.id}),
    }
    return render(request, "besluitpak_web/document_data.html", context)


_rendered: OrderedDict[str, str] = OrderedDict()


def _fields_html(
    doc: docdata.DocumentData, values: Any, shown: Any, root: Any, *, readonly: bool
) -> str:
    """The form's fields as HTML, kept for the same schema, values, errors and mode: a long
    form (a gebiedsopgave has hundreds of fields) costs most of its page in the templates.
    Nothing per person or session is in it (the CSRF token is outside)."""
    key = hashlib.sha256(
        json.dumps(
            [doc.id, doc.schema, values, repr(shown), readonly], sort_keys=True, default=str
        ).encode()
    ).hexdigest()
    html = _rendered.get(key)
    if html is None:
        html = mark_safe(
            render_to_string(
                "besluitpak_web/_data_fields.html", {"root": root, "readonly": readonly}
            )
        )
        _rendered[key] = html
        while len(_rendered) > 32:
            _rendered.popitem(last=False)
    else:
        _rendered.move_to_end(key)
    return html


urlpatterns = [
    path(
        "zaken/<str:name>/documenten/<str:document>/",
        document_data,
        name="document-data",
    ),
]
