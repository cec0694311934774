"""The settings of signing in through the organisation's identity provider (OpenID Connect,
mozilla-django-oidc), read from the environment (:data:`besluitpak.web.conf.VARIABLES`).

Off unless ``BESLUITPAK_OIDC_CLIENT_ID`` is set: then :func:`settings` returns nothing and the
page signs in with local passwords only, as before. This module imports nothing of Django:
``settings.py`` calls it while Django is being configured.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from besluitpak.errors import ConfigError
from besluitpak.web import conf
from besluitpak.web.roles import ROLES

ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": ("AUTHORIZATION_ENDPOINT", "authorization_endpoint"),
    "OIDC_OP_TOKEN_ENDPOINT": ("TOKEN_ENDPOINT", "token_endpoint"),
    "OIDC_OP_USER_ENDPOINT": ("USERINFO_ENDPOINT", "userinfo_endpoint"),
    "OIDC_OP_JWKS_ENDPOINT": ("JWKS_ENDPOINT", "jwks_uri"),
}
"""Django setting -> (the end of its BESLUITPAK_OIDC_ variable, its discovery key)."""


def _var(suffix: str) -> str:
    return conf.env(f"BESLUITPAK_OIDC_{suffix}").strip()


def role_map(text: str) -> dict[str, str]:
    """``BESLUITPAK_OIDC_ROLES`` (``VALUE=ROLE,…``) as claim value -> role; empty: each
    role's own name."""
    if not text.strip():
        return {role: role for role in ROLES}
    mapping: dict[str, str] = {}
    for pair in text.split(","):
        value, equals, role = (part.strip() for part in pair.partition("="))
        if not pair.strip():
            continue
        if not equals or not value or role not in ROLES:
            raise ConfigError(
                f"BESLUITPAK_OIDC_ROLES: expected VALUE=ROLE pairs with a role of "
                f"{', '.join(ROLES)}, got {pair.strip()!r}"
            )
        mapping[value] = role
    return mapping


def discover(issuer: str, *, timeout: float = 10) -> dict[str, Any]:
    """The provider's ``.well-known/openid-configuration``, or a ConfigError saying why not."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    if not url.startswith(("https://", "http://")):
        raise ConfigError(f"BESLUITPAK_OIDC_ISSUER: expected an http(s) URL, got {issuer!r}")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            found = json.load(answer)
    except (OSError, ValueError) as e:
        raise ConfigError(f"BESLUITPAK_OIDC_ISSUER: {url} does not answer ({e})") from e
    if not isinstance(found, dict):
        raise ConfigError(f"BESLUITPAK_OIDC_ISSUER: {url}: expected a JSON object")
    return found


def _endpoints() -> dict[str, str]:
    given = {setting: _var(suffix) for setting, (suffix, _) in ENDPOINTS.items()}
    issuer = _var("ISSUER")
    if issuer and not all(given.values()):
        found = discover(issuer)
        for setting, (_, key) in ENDPOINTS.items():
            given[setting] = given[setting] or str(found.get(key) or "")
    missing = [f"BESLUITPAK_OIDC_{ENDPOINTS[s][0]}" for s, v in given.items() if not v]
    if missing:
        raise ConfigError(
            f"BESLUITPAK_OIDC_CLIENT_ID is set: expected BESLUITPAK_OIDC_ISSUER or "
            f"{', '.join(missing)}, got neither"
        )
    return given


def settings() -> dict[str, Any]:
    """The Django settings of signing in over OpenID Connect; empty when it is off."""
    client_id = _var("CLIENT_ID")
    if not client_id:
        return {}
    problems: list[str] = []
    secret = _var("CLIENT_SECRET")
    if not secret:
        problems.append(
            "BESLUITPAK_OIDC_CLIENT_SECRET: expected the client secret that goes with "
            "BESLUITPAK_OIDC_CLIENT_ID, got nothing"
        )
    roles: dict[str, str] = {}
    endpoints: dict[str, str] = {}
    try:
        roles = role_map(_var("ROLES"))
    except ConfigError as e:
        problems.append(str(e))
    try:  # the provider is asked only here, once at start
        endpoints = _endpoints()
    except ConfigError as e:
        problems.append(str(e))
    if problems:
        raise ConfigError("\n".join(problems))
    return {
        **endpoints,
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": secret,
        "OIDC_RP_SIGN_ALGO": "RS256",  # checked with the provider's keys (JWKS)
        "OIDC_RP_SCOPES": "openid profile email",
        "OIDC_USE_PKCE": True,
        "OIDC_TIMEOUT": 15,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc-callback",
        "AXES_WHITELIST_CALLABLE": "besluitpak.web.oidc.not_throttled",
        "OIDC_ROLE_CLAIM": _var("ROLE_CLAIM") or "besluitpak_rol",
        "OIDC_ROLE_MAP": roles,
    }
