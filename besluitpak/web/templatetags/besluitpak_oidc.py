"""``{% oidc_enabled as oidc %}``: whether the sign-in page offers the organisation's accounts."""

from __future__ import annotations

from django import template

from besluitpak.web import oidc

register = template.Library()


@register.simple_tag
def oidc_enabled() -> bool:
    return oidc.enabled()
