"""Composing the package: a new case, bijlagen added, removed, put in order, uploaded.

The views parse the request, call :mod:`compose` and :mod:`uploads`, and answer: an htmx
request for the order with the bijlagen section (so the numbers change in place), any other
with a redirect to the case page and a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from besluitpak.editing import compose, newcase, uploads, versions
from besluitpak.editing.workspace import CASE_FILE, case_names
from besluitpak.errors import BesluitpakError, Problem
from besluitpak.web import audit, wording
from besluitpak.web.forms import TEXT, CaseFieldsForm, ProblemsMixin
from besluitpak.web.models import AuditEntry
from besluitpak.web.permissions import require
from besluitpak.web.views.common import folder_or_404, status_or_404, workspace
from besluitpak.web.views.publication import beoordelingen

Event = AuditEntry.Event
SECTION = "besluitpak_web/_bijlagen.html"
FILE_INPUT = {"class": "utrecht-textbox", "accept": ".pdf,.docx,.odt"}


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


class _BijlageForm(ProblemsMixin, forms.Form):
    """A new bijlage's id and title (the case file's rule for the id is checked on saving)."""

    id = forms.CharField(
        label="Id",
        max_length=64,
        help_text="Korte vaste naam: kleine letters, cijfers en streepjes, zoals kaart-centrum. "
        "In teksten verwijst u ernaar met {bijlage:id}.",
        widget=forms.TextInput(TEXT),
    )
    titel = forms.CharField(label="Titel", max_length=300, widget=forms.TextInput(TEXT))

    problem_keys = {"id": "id", "titel": "titel"}


class GeneratedForm(_BijlageForm):
    """A bijlage generated from one of the case's templates."""

    prefix = "gegenereerd"

    template = forms.ChoiceField(
        label="Sjabloon",
        widget=forms.Select({"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args: Any, templates: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(t, t.removeprefix(f"{compose.TEMPLATES}/")) for t in templates]
        self.fields["template"].choices = choices  # type: ignore[attr-defined]


class ReadyForm(_BijlageForm):
    """A ready-made bijlage: an uploaded file."""

    prefix = "kant-en-klaar"

    bestand = forms.FileField(
        label="Bestand (PDF, Word .docx of OpenDocument .odt)",
        widget=forms.ClearableFileInput(FILE_INPUT),
    )


@require_http_methods(["GET", "POST"])
@require("manage_bijlagen")
def add(request: HttpRequest, name: str) -> HttpResponse:
    """Two forms on one page: a generated bijlage, or a ready-made file."""
    folder = folder_or_404(name)
    status = status_or_404(name)
    templates = compose.templates(folder)
    bron = request.POST.get("bron") if request.method == "POST" else None
    generated = GeneratedForm(request.POST if bron == "template" else None, templates=templates)
    ready = ReadyForm(
        request.POST if bron == "bestand" else None,
        request.FILES if bron == "bestand" else None,
    )
    form: _BijlageForm | None = {"template": generated, "bestand": ready}.get(bron or "")
    if form is not None and form.is_valid():
        values = form.cleaned_data
        try:
            if bron == "bestand":
                checked = uploads.check(
                    uploads.read(values["bestand"], limit=settings.MAX_UPLOAD_BYTES)
                )
                added = compose.add_ready(
                    folder, ident=values["id"], titel=values["titel"], upload=checked
                )
            else:
                added = compose.add_generated(
                    folder, ident=values["id"], titel=values["titel"], template=values["template"]
                )
        except uploads.UploadRefused as e:
            form.add_error("bestand", f"Niet geüpload: {wording.error(e)}")
        except BesluitpakError as e:
            _error_on_field(form, e)
        else:
            if added.problems:
                form.add_problems(added.problems)
            else:
                audit.record(
                    Event.BIJLAGE_ADDED,
                    user=request.user,
                    case=name,
                    id=values["id"],
                    files=added.files,
                )
                if bron == "bestand":
                    audit.record(
                        Event.FILE_UPLOADED,
                        user=request.user,
                        case=name,
                        id=values["id"],
                        file=added.files[0],
                        name=values["bestand"].name,
                    )
                messages.success(request, _added_message(name, values, added))
                return _back(name)
    context = {
        "status": status,
        "generated": generated,
        "ready": ready,
        "templates": templates,
        "version": request.POST.get(versions.FIELD)
        or versions.remember(folder.parent, folder / CASE_FILE),
    }
    return render(request, "besluitpak_web/bijlage_add.html", context)


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
            f" Vul de gegevens in: overal staat nu {compose.TO_FILL!r} "
            f"({', '.join(added.to_fill[:8])}{' …' if len(added.to_fill) > 8 else ''})."
        )
    return text


# --- replace a ready-made file -----------------------------------------------------------------


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label="Nieuw bestand", widget=forms.ClearableFileInput(FILE_INPUT), required=True
    )


@require_POST
@require("edit_case")
def upload(request: HttpRequest, name: str, ident: str) -> HttpResponse:
    """A new file for a ready-made bijlage (editing its content, so ``edit_case``)."""
    folder = folder_or_404(name)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Niet geüpload: kies een bestand.")
        return _back(name, anchor=False)
    given = form.cleaned_data["bestand"]
    try:
        checked = uploads.check(uploads.read(given, limit=settings.MAX_UPLOAD_BYTES))
        problems, relative = compose.replace_file(folder, ident, checked)
    except BesluitpakError as e:
        messages.error(request, f"Niet geüpload: {wording.error(e)}")
        return _back(name, anchor=False)
    if problems:
        messages.error(request, f"Niet geüpload: {_refused(problems)}")
        return _back(name, anchor=False)
    audit.record(
        Event.FILE_UPLOADED, user=request.user, case=name, id=ident, file=relative, name=given.name
    )
    messages.success(request, f"{_named(name, ident)}: nieuw bestand opgeslagen.")
    return _back(name)


def _error_on_field(form: forms.Form, error: BesluitpakError) -> None:
    """The error on the field it names (``id: expected …``), else on the form."""
    field = str(error).split(":", 1)[0] if isinstance(error, compose.ComposeError) else None
    form.add_error(field if field in form.fields else None, wording.error(error))


# --- a new case --------------------------------------------------------------------------------


class NewCaseForm(CaseFieldsForm):
    """A new case: the fields every case has, its folder name and the case it starts from."""

    field_order = ["onderwerp", "naam"]
    naam = forms.CharField(
        label="Mapnaam",
        max_length=100,
        required=False,
        help_text="De map van de zaak in de werkruimte: letters, cijfers en . _ -. "
        "Leeg: afgeleid van het onderwerp.",
        widget=forms.TextInput(TEXT),
    )
    basis = forms.ChoiceField(
        label="Op basis van",
        help_text="De gemeente, de sjablonen en het collegevoorstel worden van deze zaak "
        "overgenomen; bijlagen niet.",
        widget=forms.Select({"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args: Any, cases: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["basis"].choices = cases  # type: ignore[attr-defined]


@require_http_methods(["GET", "POST"])
@require("create_case")
def case_create(request: HttpRequest) -> HttpResponse:
    root = workspace()
    cases = [(n, f"{status_or_404(n).onderwerp} ({n})") for n in case_names(root)]
    form = NewCaseForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        name = values["naam"].strip() or newcase.folder_name(values["onderwerp"])
        new = newcase.NewCase(
            name=name,
            onderwerp=values["onderwerp"],
            kenmerk=values["kenmerk"],
            collegevergadering=values["collegevergadering"],
            portefeuillehouder=values["portefeuillehouder"],
            afdeling=values["afdeling"],
            basis=values["basis"],
        )
        try:
            problems = newcase.create_case(root, folder_or_404(values["basis"]), new)
        except BesluitpakError as e:
            _error_on_field(form, e)
        else:
            if problems:
                form.add_problems(problems)
            else:
                audit.record(
                    Event.CASE_CREATED, user=request.user, case=name, basis=values["basis"]
                )
                messages.success(
                    request,
                    f"Zaak aangemaakt in de map {name}, op basis van {values['basis']}. "
                    "Voeg nu de bijlagen toe en vul het collegevoorstel aan.",
                )
                return redirect("case-detail", name=name)
    return render(request, "besluitpak_web/case_create.html", {"form": form})


urlpatterns = [
    path("zaken/nieuw/", case_create, name="case-create"),
    path("zaken/<str:name>/bijlagen/", written, name="bijlagen-written"),
    path("zaken/<str:name>/bijlagen/volgorde/", order, name="bijlagen-order"),
    path("zaken/<str:name>/bijlagen/nieuw/", add, name="bijlage-add"),
    path("zaken/<str:name>/bijlagen/<str:ident>/verwijderen/", remove, name="bijlage-remove"),
    path("zaken/<str:name>/bijlagen/<str:ident>/bestand/", upload, name="bijlage-upload"),
]
