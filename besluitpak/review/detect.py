"""A Dutch detector of person names and addresses in one text, plus the identifiers the
personal-data guard knows (:func:`besluitpak.publication.personal.find`, reused, not copied).

Names and addresses come from `deduce <https://github.com/vmenger/deduce>`_, a rule-based
de-identifier of Dutch text: lookup lists of first names, surnames, streets and places, and
patterns around them (initials, tussenvoegsels, titles). It runs offline: its lists ship in
the wheel; the first :class:`Deduce` in a fresh install builds a cache of them beside the
package (a minute or two, once), later ones load it (seconds; kept per process here).

What deduce gives is reduced to what a reviewer needs: ``persoon`` (its ``persoon`` and
``patient`` tags) and ``adres`` (a ``locatie`` with a house number: a street with its
number, a postcode; a place or a street alone is no address). What it misses is added
(:mod:`.additions`) and measured by ``bench/names.py``.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from typing import Any

from besluitpak.publication import personal
from besluitpak.review import additions
from besluitpak.review.spans import ADDRESS as ADDRESS
from besluitpak.review.spans import PERSON as PERSON
from besluitpak.review.spans import Span

_DISABLED = {
    "ages", "dates", "email_addresses", "identifiers", "institutions", "phone_numbers", "urls",
}  # fmt: skip
"""deduce's groups left out: the guard's own patterns find e-mail, phone and BSN (and
know the contexts of policy text), and dates, ages and institutions are not suggested."""
_PERSON_TAGS = ("persoon", "patient")
_NUMBER = re.compile(r"\d")


_LOCK = threading.Lock()


@functools.cache
def _deduce() -> Any:
    """deduce's de-identifier, made once per process (loading its lookup lists takes
    seconds)."""
    return deduce_class()()


def deduce_class() -> Any:
    """deduce's ``Deduce``, imported without what its import does to the process: it
    configures the root logger at DEBUG on standard output (``logging.basicConfig``), which
    then prints every library's debug lines (``DEBUG:filelock:…``) into a command's output.
    The root logger is left as it was."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from deduce import Deduce  # type: ignore[import-untyped]

    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)
    logging.getLogger("deduce").setLevel(logging.WARNING)
    return Deduce


def warm() -> None:
    """Load deduce's lookup lists now (a process that will detect soon)."""
    with _LOCK:
        _deduce()


def _deduced(text: str) -> Iterable[Span]:
    with _LOCK:  # deduce keeps no state per text, but its first load must happen once
        document = _deduce().deidentify(text, disabled=_DISABLED)
    for annotation in document.annotations:
        tag = str(annotation.tag)
        start, end = int(annotation.start_char), int(annotation.end_char)
        if any(t in tag for t in _PERSON_TAGS):
            yield Span(kind=PERSON, start=start, end=end, words=text[start:end])
        elif "locatie" in tag and _NUMBER.search(annotation.text):
            yield Span(kind=ADDRESS, start=start, end=end, words=text[start:end])


def find(text: str) -> list[Span]:
    """The names, addresses and identifiers in ``text``, in its order, none overlapping:
    the guard's findings first (they are checked: mod-97, the 11-proef), then deduce's
    where they do not overlap one; put right as :mod:`.additions` says."""
    if not text.strip():
        return []
    found = [Span(kind=f.kind, start=f.start, end=f.end, words=f.text) for f in personal.find(text)]
    for span in sorted(_deduced(text), key=lambda s: (s.start, -s.end)):
        overlapping = [f for f in found if f.start < span.end and span.start < f.end]
        if not overlapping:
            found.append(span)
        elif len(overlapping) == 1 and overlapping[0].kind == span.kind:
            old = overlapping[0]  # the same thing read twice: keep the union
            start, end = min(old.start, span.start), max(old.end, span.end)
            found[found.index(old)] = Span(
                kind=span.kind, start=start, end=end, words=text[start:end]
            )
    joined = additions.joined(text, sorted(found, key=lambda s: s.start))
    return [s for s in joined if additions.plausible(text, s, first_name)]


def first_name(word: str) -> bool:
    """Whether ``word`` is in deduce's list of first names."""
    return [word] in _deduce().lookup_structs["first_name"]
