"""Ended sessions and stale tabs: nobody loses what they typed, nothing shows Django's bare
pages.

- A form sent from a tab whose CSRF token is stale (a login elsewhere rotated it), or whose
  session ended (the sign-in page would swallow the POST), gets a Dutch page that says what
  happened and holds the person's input: to send again with one button (signed in), or after
  signing in on that same page (signed out). Nothing is sent again without the person.
- An htmx request (a progress poll) answered with a redirect to the sign-in page navigates
  the whole page there (``HX-Redirect``) instead of putting the sign-in page into the case
  page.
- An htmx button (Bouwen, Omhoog …) sent from a stale tab or after the session ended
  navigates the whole page to that same Dutch page (``HX-Redirect`` to its address with the
  input signed in it, bound to this browser's CSRF cookie): htmx would drop the 403 silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import render, resolve_url
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

KEEP = "bewaard:"
"""The prefix of the person's fields on the page that signs in and offers to send again."""
BACK = "_terug"
SKIPPED = {"csrfmiddlewaretoken", "username", "password", BACK}
KEPT = "bewaard"
"""The query parameter that carries an htmx button's input to the resend page (signed)."""
SALT = "besluitpak.web.sessions.resend"
KEPT_FOR = 2 * 3600
"""Seconds the resend page's address of an htmx button stays valid."""


def _kept(data: Any, *, prefix: str = "") -> list[tuple[str, str]]:
    """The fields of ``data`` (a QueryDict) to send again, each value as given; the
    CSRF token and sign-in fields left out."""
    return [
        (name.removeprefix(prefix), value)
        for name in data
        if name.startswith(prefix) and name.removeprefix(prefix) not in SKIPPED
        for value in data.getlist(name)
    ]


def _local(url: str, request: HttpRequest) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def resend_page(
    request: HttpRequest,
    *,
    target: str,
    fields: list[tuple[str, str]],
    files: bool,
    status: int,
    form: AuthenticationForm | None = None,
    offer: bool = True,
) -> HttpResponse:
    """The Dutch page that holds the person's input for ``target`` (a path of this site)."""
    shown = [(n, v) for n, v in fields if not n.startswith("_") and v.strip()]
    context = {
        "target": target,
        "fields": fields,
        "shown": shown,
        "files": files,
        "keep": KEEP,
        "back": BACK,
        "form": form,
        "signed_in": request.user.is_authenticated,
        "offer": offer,
    }
    return render(request, "besluitpak_web/resend.html", context, status=status)


def _same_origin(request: HttpRequest) -> bool:
    """Whether the request came from a page of this site (its Origin, else its Referer): a
    form another site made up is never offered to send again."""
    ours = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin:
        return origin == ours
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" == ours


def _kept_elsewhere(request: HttpRequest, fields: list[tuple[str, str]]) -> HttpResponse:
    """An htmx button's answer that takes the whole page to the resend page, its input
    signed in the address and bound to this browser's CSRF cookie (a link made for another
    browser shows nothing to send)."""
    get_token(request)  # a browser without a CSRF cookie gets one with this answer
    kept = {
        "target": request.get_full_path(),
        "fields": fields,
        "files": bool(request.FILES),
        "browser": request.META["CSRF_COOKIE"],
    }
    token = signing.dumps(kept, salt=SALT, compress=True)
    answer = HttpResponse(status=200)
    answer["HX-Redirect"] = f"{reverse('sign-in-resend')}?{urlencode({KEPT: token})}"
    return answer


def _kept_here(request: HttpRequest) -> HttpResponse:
    """The resend page an htmx button's ``HX-Redirect`` leads to."""
    try:
        kept = signing.loads(request.GET.get(KEPT, ""), salt=SALT, max_age=KEPT_FOR)
        if kept["browser"] != request.META.get("CSRF_COOKIE"):
            raise signing.BadSignature("made for another browser")
    except (signing.BadSignature, KeyError, TypeError):
        return resend_page(request, target="/", fields=[], files=False, status=400, offer=False)
    return resend_page(
        request,
        target=_local(str(kept["target"]), request),
        fields=[(str(n), str(v)) for n, v in kept["fields"]],
        files=bool(kept["files"]),
        status=200,
        form=None if request.user.is_authenticated else AuthenticationForm(request),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a stale tab's form, kept to send again (Dutch, no debug text);
    a form from another site only gets the explanation."""
    own = request.method == "POST" and _same_origin(request)
    if own and _htmx(request):
        return _kept_elsewhere(request, _kept(request.POST))
    return resend_page(
        request,
        target=request.get_full_path(),
        fields=_kept(request.POST) if own else [],
        files=own and bool(request.FILES),
        status=403,
        offer=own,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in_and_resend(request: HttpRequest) -> HttpResponse:
    """Sign in from the page that holds a person's input; then offer to send it again. Its
    address with the signed input of an htmx button (GET) shows that page."""
    if request.method == "GET":
        return _kept_here(request)
    target = _local(str(request.POST.get(BACK, "")), request)
    fields = _kept(request.POST, prefix=KEEP)
    form = AuthenticationForm(request, data=request.POST)
    if not form.is_valid():
        return resend_page(
            request, target=target, fields=fields, files=False, status=200, form=form
        )
    login(request, form.get_user())
    return resend_page(request, target=target, fields=fields, files=False, status=200)


class SignInMiddleware(LoginRequiredMiddleware):
    """Django's sign-in requirement, but a form sent after the session ended is kept (the
    Dutch resend page) instead of being lost on the way to the sign-in page."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        needed = getattr(view_func, "login_required", True)
        signed_out = needed and not request.user.is_authenticated
        keep = request.method == "POST"
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "logout":
            keep = False  # signing out of an ended session: nothing to keep
        if signed_out and keep and _htmx(request):
            return _kept_elsewhere(request, _kept(request.POST))
        if signed_out and keep:
            return resend_page(
                request,
                target=request.get_full_path(),
                fields=_kept(request.POST),
                files=bool(request.FILES),
                status=403,
            )
        return super().process_view(request, view_func, view_args, view_kwargs)


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class HtmxSignInMiddleware:
    """An htmx request answered with a redirect to the sign-in page: the whole page goes
    there (``HX-Redirect``, coming back to the page the person was on)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not _htmx(request) or response.status_code not in {301, 302, 303, 307, 308}:
            return response
        login_path = resolve_url(settings.LOGIN_URL)
        if urlsplit(response.get("Location", "")).path != login_path:
            return response
        page = urlsplit(request.headers.get("HX-Current-URL", ""))
        back = page.path + (f"?{page.query}" if page.query else "") if page.path else "/"
        answer = HttpResponse(status=200)
        answer["HX-Redirect"] = f"{login_path}?{urlencode({'next': back})}"
        return answer


urlpatterns = [path("inloggen/opnieuw/", sign_in_and_resend, name="sign-in-resend")]
