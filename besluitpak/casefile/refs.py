"""References to bijlagen by id, so that reordering bijlagen never breaks a sentence.

In data, write ``{bijlage:voorbeeld-vormgeving}`` for "bijlage 11" and
``{bijlage:opgave-centrum..programma-schalkwijk}`` for "bijlage 1 tot en met 10".
In templates, call ``{{ bijlage('voorbeeld-vormgeving') }}`` or
``{{ bijlage('opgave-centrum', 'programma-schalkwijk') }}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from besluitpak.errors import TemplateError

REF = re.compile(r"\{bijlage:([A-Za-z0-9_-]+)(?:\.\.([A-Za-z0-9_-]+))?\}")


LOOSE = re.compile(r"\{\s*bijlage\s*:[^{}]*\}", re.IGNORECASE)
"""Anything that looks like a reference, also one written loosely (``{bijlage: kaart}``)."""


def malformed(text: str) -> Iterator[tuple[str, str]]:
    """Every loosely written reference in ``text`` that :data:`REF` would leave as literal
    text, with the form meant: ``('{bijlage: kaart}', '{bijlage:kaart}')``."""
    for match in LOOSE.finditer(text):
        written = match.group()
        if REF.fullmatch(written):
            continue
        inner = re.sub(r"\s+", "", written[1:-1]).split(":", 1)[1]
        yield written, f"{{bijlage:{inner}}}"


class UnknownBijlage(KeyError):
    """Raised internally when a reference names an id that is not a bijlage of the case."""


def phrase(numbers: Mapping[str, int], first: str, last: str | None = None) -> str:
    """The Dutch phrase for a reference: ``bijlage 3`` or ``bijlage 1 tot en met 10``."""
    for ident in (first, last):
        if ident is not None and ident not in numbers:
            raise UnknownBijlage(ident)
    start = numbers[first]
    if last is None or numbers[last] == start:
        return f"bijlage {start}"
    end = numbers[last]
    if end < start:
        start, end = end, start
    if end == start + 1:
        return f"bijlage {start} en {end}"
    return f"bijlage {start} tot en met {end}"


def find(text: str) -> Iterator[tuple[str, str | None]]:
    """Every ``(first, last)`` id pair referenced in ``text``."""
    for match in REF.finditer(text):
        yield match.group(1), match.group(2)


def substitute(text: str, numbers: Mapping[str, int]) -> str:
    """``text`` with every reference replaced by its phrase."""
    return REF.sub(lambda m: phrase(numbers, m.group(1), m.group(2)), text)


def substitute_all(value: Any, numbers: Mapping[str, int]) -> Any:
    """A copy of a nested data structure with every string's references replaced."""
    if isinstance(value, str):
        return substitute(value, numbers)
    if isinstance(value, list):
        return [substitute_all(item, numbers) for item in value]
    if isinstance(value, dict):
        return {key: substitute_all(item, numbers) for key, item in value.items()}
    return value


Path = tuple[str | int, ...]


def strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string in a nested data structure, with its key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, str(key)))


def template_function(numbers: Mapping[str, int], template: str) -> Any:
    """The ``bijlage(first, last=None)`` function offered to templates."""

    def bijlage(first: str, last: str | None = None) -> str:
        try:
            return phrase(numbers, first, last)
        except UnknownBijlage as e:
            known = ", ".join(sorted(numbers)) or "none"
            raise TemplateError(
                f"{template}: bijlage({e.args[0]!r}): expected the id of a bijlage of this case "
                f"({known}), got {e.args[0]!r}"
            ) from None

    return bijlage
