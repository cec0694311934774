"""The review of a case's suggested redactions (issue 29): per document, its pages with the
suggested words boxed (the page as PNG at 72 dpi, the boxes an SVG over it: the page's CSP
allows no inline style), a decision per suggestion (lakken met grond, openbaar laten met
reden), a box by hand (the words on a page of a ready-made PDF), and the second reviewer's
confirmation when four eyes is on. Each decision goes into the case's review record
(:mod:`besluitpak.editing.review`, as ``besluitpak review`` writes it) and the logboek.

Finding the suggestions is a job (``suggest``: a build of the public edition and the
detector); the page shows the last listing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from besluitpak.editing import review, reviewlist, reviewlog
from besluitpak.errors import BesluitpakError
from besluitpak.web import audit, reviewjobs, reviewpages, wording
from besluitpak.web.forms.review import AddForm, DecideForm
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.permissions import require
from besluitpak.web.views.common import folder_or_404, status_or_404

Event = AuditEntry.Event


def _context(name: str) -> dict[str, Any]:
    status = status_or_404(name)
    folder = folder_or_404(name)
    listing = reviewlist.saved(folder)
    found = review.review_status(folder, listing) if listing is not None else None
    job = Job.objects.filter(case=name, kind=Job.Kind.SUGGEST).order_by("-created").first()
    entries = AuditEntry.objects.filter(
        case=name, event__in=[Event.REVIEWED, Event.REVIEW_CONFIRMED, Event.SUGGESTED]
    )
    documents = reviewpages.documents(name, status.case, found)
    labels = {d.id: d.label for d in documents}
    return {
        "status": status,
        "listing": listing,
        "review": found,
        "documents": documents,
        "added": [(labels.get(d.document, d.document), d) for d in found.added] if found else [],
        "refusal": found.refusal() if found else None,
        "vier_ogen": reviewlog.settings(folder).vier_ogen,
        "job": job,
        "entries": entries[:50],
        "decide_form": DecideForm(),
        "add_form": AddForm(),
    }


@require("view_cases")
def page(request: HttpRequest, name: str) -> HttpResponse:
    return render(request, "besluitpak_web/review.html", _context(name))


@require("view_cases")
def page_image(request: HttpRequest, name: str, document: str, nummer: int) -> HttpResponseBase:
    folder_or_404(name)
    found = reviewjobs.page_image(name, document, nummer)
    if found is None or "/" in document or document.startswith("."):
        raise Http404("no such page image")
    return FileResponse(found.open("rb"), content_type="image/png")


def _back(name: str, anchor: str = "") -> HttpResponse:
    return redirect(reverse("case-review", kwargs={"name": name}) + anchor)


def _refused(request: HttpRequest, e: BesluitpakError) -> None:
    messages.error(request, f"Niet gelukt: {wording.error(e)}")


@require_POST
@require("review_case")
def suggest(request: HttpRequest, name: str) -> HttpResponse:
    from besluitpak.web import jobs

    status_or_404(name)
    jobs.request(name, Job.Kind.SUGGEST, user=request.user)
    messages.info(request, "Lakvoorstellen zoeken: in de wachtrij.")
    return _back(name)


@require_POST
@require("review_case")
def decide(request: HttpRequest, name: str) -> HttpResponse:
    folder = folder_or_404(name)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return _back(name)
    data = form.cleaned_data
    listing = reviewlist.saved(folder)
    suggestion = listing.by_fingerprint(data["fingerprint"]) if listing else None
    if suggestion is None:
        raise Http404("no such suggestion in the last listing")
    door = request.user.get_username()
    try:
        if data["besluit"] == "accept":
            decision = review.accept(folder, suggestion, door=door, grond=data["grond"] or None)
        else:
            decision = review.reject(folder, suggestion, door=door, reden=data["reden"])
    except BesluitpakError as e:
        _refused(request, e)
        return _back(name)
    audit.record(Event.REVIEWED, user=request.user, case=name, **decision.as_dict())
    said = "gelakt" if decision.wat == "accept" else "blijft openbaar"
    messages.success(request, f"„{suggestion.words}” {said}.")
    return _back(name, f"#{suggestion.document}")


@require_POST
@require("review_case")
def add(request: HttpRequest, name: str) -> HttpResponse:
    folder = folder_or_404(name)
    form = AddForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return _back(name)
    data = form.cleaned_data
    try:
        decision = review.add(
            folder,
            document=data["document"],
            pagina=data["pagina"],
            woorden=" ".join(data["woorden"].split()),
            grond=data["grond"],
            door=request.user.get_username(),
        )
    except BesluitpakError as e:
        _refused(request, e)
        return _back(name)
    audit.record(Event.REVIEWED, user=request.user, case=name, **decision.as_dict())
    messages.success(request, f"„{decision.woorden}” op pagina {decision.pagina} gelakt.")
    return _back(name, f"#{data['document']}")


@require_POST
@require("review_case")
def confirm(request: HttpRequest, name: str) -> HttpResponse:
    folder = folder_or_404(name)
    try:
        nrs = reviewlog.confirm(folder, door=request.user.get_username())
    except BesluitpakError as e:
        _refused(request, e)
        return _back(name)
    audit.record(Event.REVIEW_CONFIRMED, user=request.user, case=name, nrs=nrs)
    messages.success(request, f"{len(nrs)} besluit(en) bevestigd.")
    return _back(name)


urlpatterns = [
    path("zaken/<str:name>/lakken/", page, name="case-review"),
    path("zaken/<str:name>/lakken/zoeken/", suggest, name="case-review-suggest"),
    path("zaken/<str:name>/lakken/besluit/", decide, name="case-review-decide"),
    path("zaken/<str:name>/lakken/vak/", add, name="case-review-add"),
    path("zaken/<str:name>/lakken/bevestigen/", confirm, name="case-review-confirm"),
    path(
        "zaken/<str:name>/lakken/pagina/<str:document>/<int:nummer>.png",
        page_image,
        name="case-review-page",
    ),
]
