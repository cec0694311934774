"""Composing the package: a new case, bijlagen added, removed, put in order, uploaded.

The views take the request's forms (:mod:`besluitpak.web.forms.bijlagen`, which check an
upload), call :mod:`compose` and :mod:`newcase`, and answer: an htmx request for the order
with the bijlagen section (so the numbers change in place), any other with a redirect to the
case page and a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from besluitpak.editing import compose, newcase, skeleton, versions
from besluitpak.editing.workspace import CASE_FILE, case_names
from besluitpak.errors import BesluitpakError, Problem
from besluitpak.web import audit, wording
from besluitpak.web.forms.bijlagen import BijlageForm, GeneratedForm, ReadyForm, UploadForm
from besluitpak.web.forms.cases import NewCaseForm
from besluitpak.web.models import AuditEntry
from besluitpak.web.permissions import require
from besluitpak.web.views.common import folder_or_404, status_or_404, workspace
from besluitpak.web.views.publication import beoordelingen

Event = AuditEntry.Event
SECTION = "besluitpak_web/_bijlagen.html"


def _back(name: str, *, anchor: bool = True) -> HttpResponse:
    """To the case page: at the bijlagen, or at the top (where a refusal's message stands)."""
    address = reverse("case-detail", kwargs={"name": name})
    return redirect(address + "#bijlagen" if anchor else address)


def _named(name: str, ident: str, *, titel: str = "") -> str:
    """A bijlage as the list shows it: ``Bijlage 2 (Kaart van het stadsdeel)``; by the
    title (or id) given only when the case cannot be read."""
    case = status_or_404(name).case
    for document in case.bijlagen if case else ():
        if document.id == ident:
            return f"{document.short_label} ({document.titel})"
    return f"Bijlage „{titel}”" if titel else f"Bijlage {ident}"


def _refused(problems: list[Problem]) -> str:
    return "; ".join(wording.located(p) for p in problems)


def _section(request: HttpRequest, name: str, *, error: str = "", notice: str = "") -> HttpResponse:
    status = status_or_404(name)
    folder = folder_or_404(name)
    context = {
        "status": status,
        "bijlagen_error": error,
        "bijlagen_notice": notice,
        "version": versions.remember(folder.parent, folder / CASE_FILE),
    }
    return render(request, SECTION, context | beoordelingen(status))


# --- order -------------------------------------------------------------------------------------


@require_POST
@require("manage_bijlagen")
def order(request: HttpRequest, name: str) -> HttpResponse:
    """The new order: the ``volgorde`` ids as the list stands (after a drag), or the current
    order with one bijlage moved by an ``omhoog``/``omlaag`` button."""
    folder = folder_or_404(name)
    error = notice = ""
    try:
        wanted = request.POST.getlist("volgorde") or compose.ids(folder)
        for field, step in (("omhoog", -1), ("omlaag", 1)):
            if field in request.POST:
                wanted = compose.moved(wanted, request.POST[field], step)
        before = compose.ids(folder)
        problems = compose.reorder(folder, wanted, version=request.POST.get(versions.FIELD, ""))
    except versions.Conflicted:
        problems = []
        error = (
            "Volgorde niet opgeslagen: iemand anders heeft de bijlagen intussen gewijzigd. "
            "Hieronder staat de volgorde zoals die nu is; verplaats opnieuw."
        )
    except BesluitpakError as e:
        problems, error = [], f"Volgorde niet opgeslagen: {e}"
    if problems:
        error = f"Volgorde niet opgeslagen: {_refused(problems)}"
    elif not error and wanted != before:
        audit.record(Event.BIJLAGEN_ORDERED, user=request.user, case=name, volgorde=wanted)
        notice = "Volgorde opgeslagen; de nummers in de teksten zijn aangepast."
    if request.htmx:  # type: ignore[attr-defined]
        return _section(request, name, error=error, notice=notice)
    if error:
        messages.error(request, error)
        return _back(name, anchor=False)
    if notice:
        messages.success(request, notice)
    return _back(name)


@require("view_cases")
def written(request: HttpRequest, name: str) -> HttpResponse:
    """The bijlagen as the case file writes them: for a case with problems, to remove a
    bijlage or give it its missing file."""
    folder = folder_or_404(name)
    try:
        items = compose.written(folder)
    except BesluitpakError as e:
        items = []
        messages.error(request, str(e))
    context = {"status": status_or_404(name), "items": items}
    return render(request, "besluitpak_web/bijlage_list.html", context)


# --- remove ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("manage_bijlagen")
def remove(request: HttpRequest, name: str, ident: str) -> HttpResponse:
    """GET: the confirmation page; POST (with ``bevestig``): the bijlage removed."""
    folder = folder_or_404(name)
    status = status_or_404(name)
    if ident not in compose.ids(folder):
        messages.error(request, f"Er is geen bijlage {ident!r} in deze zaak.")
        return _back(name)
    document = (
        next((d for d in status.case.bijlagen if d.id == ident), None) if status.case else None
    )
    named = _named(name, ident)
    version = versions.remember(folder.parent, folder / CASE_FILE)
    if request.method == "POST" and request.POST.get("bevestig") == "ja":
        try:
            problems, files = compose.remove(
                folder, ident, version=request.POST.get(versions.FIELD, "")
            )
        except versions.Conflicted:
            messages.error(
                request,
                f"{named} niet verwijderd: iemand anders heeft haar intussen gewijzigd. "
                "Bekijk haar zoals ze nu is en bevestig opnieuw.",
            )
            return redirect("bijlage-remove", name=name, ident=ident)
        except BesluitpakError as e:
            problems, files = [Problem(file=Path(""), line=None, key="", message=str(e))], []
        if not problems:
            audit.record(Event.BIJLAGE_REMOVED, user=request.user, case=name, id=ident, files=files)
            messages.success(request, f"{named} verwijderd.")
            return _back(name)
        messages.error(
            request,
            f"{named} niet verwijderd: {_refused(problems)}. "
            "Haal eerst de verwijzing naar deze bijlage uit de tekst.",
        )
        return _back(name, anchor=False)
    try:
        refused, files = compose.remove(folder, ident, dry_run=True)
    except BesluitpakError as e:
        refused, files = [Problem(file=Path(""), line=None, key="", message=str(e))], []
    context = {
        "status": status,
        "ident": ident,
        "document": document,
        "refused": [wording.shown(p) for p in refused],
        "files": files,
        "version": version,
    }
    return render(request, "besluitpak_web/bijlage_remove.html", context)


# --- add ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("manage_bijlagen")
def add(request: HttpRequest, name: str) -> HttpResponse:
    """Two forms on one page: a generated bijlage, or a ready-made file."""
    folder = folder_or_404(name)
    templates = compose.templates(folder)
    bron = request.POST.get("bron") if request.method == "POST" else None
    generated = GeneratedForm(request.POST if bron == "template" else None, templates=templates)
    ready = ReadyForm(
        request.POST if bron == "bestand" else None,
        request.FILES if bron == "bestand" else None,
    )
    form: BijlageForm | None = {"template": generated, "bestand": ready}.get(bron or "")
    if form is not None and form.is_valid() and _added(request, name, form):
        return _back(name)
    context = {
        "status": status_or_404(name),
        "generated": generated,
        "ready": ready,
        "templates": templates,
        "version": request.POST.get(versions.FIELD)
        or versions.remember(folder.parent, folder / CASE_FILE),
    }
    return render(request, "besluitpak_web/bijlage_add.html", context)


def _added(request: HttpRequest, name: str, form: BijlageForm) -> bool:
    """The bijlage of the valid ``form`` added (recorded, and said in a message); False
    when the case file refused it (the reasons are on the form)."""
    folder, values = folder_or_404(name), form.cleaned_data
    ident, titel = values["id"], values["titel"]
    try:
        if isinstance(form, ReadyForm):
            added = compose.add_ready(folder, ident=ident, titel=titel, upload=values["bestand"])
        else:
            added = compose.add_generated(
                folder, ident=ident, titel=titel, template=values["template"]
            )
    except BesluitpakError as e:
        form.add_refusal(e)
        return False
    if added.problems:
        form.add_problems(added.problems)
        return False
    audit.record(Event.BIJLAGE_ADDED, user=request.user, case=name, id=ident, files=added.files)
    if isinstance(form, ReadyForm):
        audit.record(
            Event.FILE_UPLOADED,
            user=request.user,
            case=name,
            id=ident,
            file=added.files[0],
            name=form.file_name,
        )
    messages.success(request, _added_message(name, values, added))
    return True


def _added_message(name: str, values: dict[str, Any], added: compose.Added) -> str:
    """The new bijlage and where its data came from, by number and title (no ids or paths)."""
    text = f"{_named(name, values['id'], titel=values['titel'])} toegevoegd."
    if added.copied_from:
        source = _named(name, added.copied_from)
        text += (
            f" De gegevens zijn gekopieerd van {source[:1].lower()}{source[1:]}: "
            "pas ze aan voor deze bijlage."
        )
    elif added.to_fill:
        text += (
            f" Vul de gegevens in: overal staat nu {skeleton.TO_FILL!r} "
            f"({', '.join(added.to_fill[:8])}{' …' if len(added.to_fill) > 8 else ''})."
        )
    return text


# --- replace a ready-made file -----------------------------------------------------------------


@require_POST
@require("edit_case")
def upload(request: HttpRequest, name: str, ident: str) -> HttpResponse:
    """A new file for a ready-made bijlage (editing its content, so ``edit_case``)."""
    folder = folder_or_404(name)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.refusal())
        return _back(name, anchor=False)
    try:
        problems, relative = compose.replace_file(folder, ident, form.cleaned_data["bestand"])
    except BesluitpakError as e:
        messages.error(request, f"Niet geüpload: {wording.error(e)}")
        return _back(name, anchor=False)
    if problems:
        messages.error(request, f"Niet geüpload: {_refused(problems)}")
        return _back(name, anchor=False)
    audit.record(
        Event.FILE_UPLOADED,
        user=request.user,
        case=name,
        id=ident,
        file=relative,
        name=form.file_name,
    )
    messages.success(request, f"{_named(name, ident)}: nieuw bestand opgeslagen.")
    return _back(name)


# --- a new case --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("create_case")
def case_create(request: HttpRequest) -> HttpResponse:
    root = workspace()
    cases = [(n, f"{status_or_404(n).onderwerp} ({n})") for n in case_names(root)]
    form = NewCaseForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        new = form.new_case()
        try:
            problems = newcase.create_case(root, folder_or_404(new.basis), new)
        except BesluitpakError as e:
            form.add_refusal(e)
        else:
            if problems:
                form.add_problems(problems)
            else:
                audit.record(Event.CASE_CREATED, user=request.user, case=new.name, basis=new.basis)
                messages.success(
                    request,
                    f"Zaak aangemaakt in de map {new.name}, op basis van {new.basis}. "
                    "Voeg nu de bijlagen toe en vul het collegevoorstel aan.",
                )
                return redirect("case-detail", name=new.name)
    return render(request, "besluitpak_web/case_create.html", {"form": form})


urlpatterns = [
    path("zaken/nieuw/", case_create, name="case-create"),
    path("zaken/<str:name>/bijlagen/", written, name="bijlagen-written"),
    path("zaken/<str:name>/bijlagen/volgorde/", order, name="bijlagen-order"),
    path("zaken/<str:name>/bijlagen/nieuw/", add, name="bijlage-add"),
    path("zaken/<str:name>/bijlagen/<str:ident>/verwijderen/", remove, name="bijlage-remove"),
    path("zaken/<str:name>/bijlagen/<str:ident>/bestand/", upload, name="bijlage-upload"),
]
