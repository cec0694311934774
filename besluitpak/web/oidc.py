"""Signing in through the organisation's identity provider (OpenID Connect), beside the local
passwords: mozilla-django-oidc does the authorization-code flow (with PKCE, the ID token's RS256
signature checked against the provider's JWKS); this module decides who the person is here.

- The user is found or made by name (``preferred_username``, else ``sub``), with the name and
  e-mail from the claims, and gets exactly one role: the one its role claim maps to
  (``settings.OIDC_ROLE_CLAIM`` through ``settings.OIDC_ROLE_MAP``). A claim that maps to no
  role, or to more than one, refuses the sign-in with a Dutch message; nothing is made.
- A local account with a password is never taken over by an organisation account of the
  same name.
- Each sign-in and each refusal is written in the logboek.

Off (the addresses answer 404, the sign-in page shows no button) unless
``BESLUITPAK_OIDC_CLIENT_ID`` is set (see :mod:`besluitpak.web.oidcconf`).
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group, User
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import path
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from besluitpak.web import audit
from besluitpak.web.models import AuditEntry
from besluitpak.web.roles import ROLES

LOGGER = logging.getLogger("besluitpak.web.oidc")
FAILED = (
    "Inloggen met uw organisatie-account is niet gelukt. Probeer het opnieuw, of log in met "
    "naam en wachtwoord."
)
CANCELLED = "Inloggen met uw organisatie-account is afgebroken. U bent niet ingelogd."


def enabled() -> bool:
    """Whether signing in through the identity provider is configured."""
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def not_throttled(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """``AXES_WHITELIST_CALLABLE``: the provider's answer is not a guessed password (the
    provider throttles its own sign-in), so django-axes neither counts a refused one nor
    locks an address's organisation accounts out after a few people without a role."""
    given = credentials or {}
    return "nonce" in given and "password" not in given


class Refused(Exception):
    """The provider vouched for the person, but they may not sign in here (Dutch message)."""

    def __init__(self, message: str, *, username: str, **detail: Any) -> None:
        super().__init__(message)
        self.message, self.username, self.detail = message, username, detail


def username_of(claims: dict[str, Any]) -> str:
    """The local user name: ``preferred_username``, else ``sub``."""
    for key in ("preferred_username", "sub"):
        value = claims.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def role_of(claims: dict[str, Any], *, username: str) -> str:
    """The one role the claims give, or :class:`Refused`."""
    claim: str = getattr(settings, "OIDC_ROLE_CLAIM", "besluitpak_rol")
    mapping: dict[str, str] = getattr(settings, "OIDC_ROLE_MAP", {r: r for r in ROLES})
    raw = claims.get(claim)
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    roles = sorted({mapping[v] for v in values if isinstance(v, str) and v in mapping})
    shown = [v for v in values if isinstance(v, str)]
    if not roles:
        raise Refused(
            "Inloggen geweigerd: uw organisatie-account geeft u geen rol in besluitpak "
            f"({', '.join(ROLES)}). Vraag de beheerder van de organisatie-accounts om een rol.",
            username=username, claim=claim, waarden=shown,
        )  # fmt: skip
    if len(roles) > 1:
        raise Refused(
            "Inloggen geweigerd: uw organisatie-account geeft u meer dan één rol in besluitpak "
            f"({', '.join(roles)}). Vraag de beheerder van de organisatie-accounts om één rol.",
            username=username, claim=claim, waarden=shown,
        )  # fmt: skip
    return roles[0]


class Backend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's backend with this page's users: by name, one role from a claim."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback (which passes the nonce) signs in here, never the password form.
        if request is None or "nonce" not in kwargs or not enabled():
            return None
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except Refused as refused:
            LOGGER.info("sign-in refused for %s: %s", refused.username, refused.message)
            request.oidc_refused = refused.message  # type: ignore[attr-defined]
            name = refused.username or "(onbekend)"
            audit.record(AuditEntry.Event.LOGIN_REFUSED, user=name, **refused.detail)
            return None
        except (requests.RequestException, SuspiciousOperation, ValueError) as e:
            LOGGER.warning("sign-in through the identity provider failed: %s", e)
            return None
        return user

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        username = username_of(claims)
        if not username or len(username) > 150:
            raise Refused(FAILED, username="", reden="geen bruikbare naam in de claims")
        role_of(claims, username=username)
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return User.objects.filter(username=username_of(claims))

    def create_user(self, claims: dict[str, Any]) -> User:
        with transaction.atomic():
            user = User.objects.create_user(username_of(claims))  # no usable password
            return self._apply(user, claims, created=True)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        if user.has_usable_password():
            raise Refused(
                f"Inloggen geweigerd: er is hier al een account {user.username} dat met een "
                "wachtwoord inlogt. Log daarmee in, of vraag de beheerder het om te zetten.",
                username=user.username, reden="lokaal account met wachtwoord",
            )  # fmt: skip
        if not user.is_active:
            raise Refused(
                "Inloggen geweigerd: uw account is hier uitgeschakeld. Vraag de beheerder.",
                username=user.username, reden="account uitgeschakeld",
            )  # fmt: skip
        with transaction.atomic():
            return self._apply(user, claims, created=False)

    def _apply(self, user: User, claims: dict[str, Any], *, created: bool) -> User:
        """Name, e-mail and the one role from ``claims``; the sign-in in the logboek."""
        role = role_of(claims, username=user.username)
        user.first_name = str(claims.get("given_name") or claims.get("name") or "")[:150]
        user.last_name = str(claims.get("family_name") or "")[:150]
        user.email = str(claims.get("email") or "")[:254]
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
        user.groups.add(Group.objects.get(name=role))
        audit.record(
            AuditEntry.Event.LOGIN_OIDC, user=user, sub=str(claims.get("sub", "")), nieuw=created
        )
        return user


class Start(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """To the provider's sign-in page (with state, nonce and PKCE kept in the session)."""


class Callback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Back from the provider: signed in, or the sign-in page with a Dutch message."""

    def login_failure(self) -> HttpResponse:
        request: HttpRequest = self.request
        if request.GET.get("error"):
            reason = CANCELLED
        else:
            reason = getattr(request, "oidc_refused", "") or FAILED
        messages.error(request, reason)
        return HttpResponseRedirect(resolve_url("login"))


@login_not_required
def start(request: HttpRequest) -> HttpResponse:
    if not enabled():
        raise Http404("OpenID Connect is off")
    response: HttpResponse = Start.as_view()(request)
    return response


@login_not_required
def callback(request: HttpRequest) -> HttpResponse:
    if not enabled():
        raise Http404("OpenID Connect is off")
    response: HttpResponse = Callback.as_view()(request)
    return response


urlpatterns = [
    path("inloggen/organisatie/", start, name="oidc-start"),
    path("inloggen/organisatie/terug/", callback, name="oidc-callback"),
]
