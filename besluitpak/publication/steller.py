"""The steller's own data, however it is written: what the public edition must never hold
unless the case file allows it (``openbaar.steller_toegestaan``). :data:`MATCHERS` gives, per
steller field, the matcher of its value; :func:`forbidden` the matchers of one case."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from besluitpak.publication import names, personal

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case


@dataclass(frozen=True, kw_only=True)
class Forbidden:
    """One thing that must not appear in the public edition's text."""

    field: str
    """The case-file key it comes from (``steller.naam``), for the message."""
    found_in: Callable[[str], bool]
    """Whether a page's (whitespace-normalised) text holds it."""


def _decoded(text: str) -> list[str]:
    """``text`` and, when it may hold a percent-encoded URI (a link's target, a bookmark's
    action), the URI decoded: ``Ren%C3%A9e+Zqkstra``, ``a%2Edevries%40haarlem.example``."""
    return [text, urllib.parse.unquote_plus(text)] if "%" in text else [text]


def _whole_words(value: str) -> Callable[[str], bool]:
    """A person's name, however it is written (:mod:`besluitpak.publication.names`: case,
    accents, initials, reversed order, tussenvoegsels), as whole words."""
    spans = names.matcher(value)
    return lambda text: any(spans(variant) for variant in _decoded(text))


_DIGIT_SEP = r"[\s\-–./()]*"


def _digits(value: str) -> Callable[[str], bool]:
    """A phone number by its digits, grouped in any way, and a Dutch one (``023 511 4567``)
    also with the country code (``+31 (0)23 511 4567``, ``0031235114567``)."""
    wanted = re.sub(r"\D", "", value)
    if len(wanted) < 6:
        return lambda text: False
    national = _DIGIT_SEP.join(wanted[1:])
    if wanted.startswith("0") and not wanted.startswith("00"):
        prefix = rf"(?:0|(?:\+|00){_DIGIT_SEP}31{_DIGIT_SEP}(?:0{_DIGIT_SEP})?){_DIGIT_SEP}"
        digits = prefix + national
    else:
        digits = wanted[0] + _DIGIT_SEP + national
    pattern = re.compile(rf"(?<!\d){digits}(?!\d)")
    return lambda text: pattern.search(text) is not None


def _casefree(value: str) -> Callable[[str], bool]:
    """An e-mail address in any case and accents, in a ``mailto:`` URI, percent-encoded
    (``%40``) or written to fool a harvester (``jan(at)example.nl``, ``[dot]``)."""
    local, at, domain = names.fold(value.strip()).rpartition("@")
    if not at:
        wanted = names.fold(value.strip())
        return lambda text: bool(wanted) and wanted in names.fold(text)
    dot = rf"(?:{personal.DOT}|\s(?i:dot|punt)\s)"
    pattern = re.compile(
        r"(?<![\w.%+-])"
        + dot.join(re.escape(part) for part in local.split("."))
        + rf"(?:{personal.AT}|\s(?i:at)\s)"
        + dot.join(re.escape(part) for part in domain.split("."))
        + r"(?![\w-]|\.\w)"
    )
    return lambda text: any(pattern.search(names.fold(v)) for v in _decoded(text))


MATCHERS: dict[str, Callable[[str], Callable[[str], bool]]] = {
    "steller.naam": _whole_words,
    "steller.telefoon": _digits,
    "steller.email": _casefree,
}
"""For each steller field, the matcher of its value: ``MATCHERS[field](value)(text)``."""


def forbidden(case: Case) -> tuple[Forbidden, ...]:
    """What must not appear in the public edition of ``case``."""
    allowed = case.meta.openbaar
    if allowed is not None and allowed.steller_toegestaan:
        return ()
    steller = case.meta.steller
    values = {
        "steller.naam": steller.naam,
        "steller.telefoon": steller.telefoon,
        "steller.email": steller.email,
    }
    return tuple(
        Forbidden(field=field, found_in=MATCHERS[field](value))
        for field, value in values.items()
        if value
    )
