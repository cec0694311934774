"""What a detector finds in one text: a :class:`Span` of a kind."""

from __future__ import annotations

from dataclasses import dataclass

from besluitpak.publication import personal

PERSON = "persoon"
ADDRESS = personal.ADDRESS  # "adres", as the guard names it
KINDS = (PERSON, ADDRESS, *[k for k in personal.KINDS if k != personal.ADDRESS])
"""Every kind a suggestion can have: ``persoon``, ``adres``, ``e-mailadres``,
``telefoonnummer``, ``IBAN``, ``BSN``."""


@dataclass(frozen=True, kw_only=True)
class Span:
    """One finding in a text: ``text[start:end] == words``."""

    kind: str
    start: int
    end: int
    words: str
