"""What deduce gets wrong in municipal text, put right (each rule measured by
bench/names.py on the tune set; the held-out set was never looked at while writing them).

- A street named after a person (``Burgemeester van Halterenstraat 3a``) is read by deduce
  as a person ``Burgemeester van`` and an address ``Halterenstraat 3a``: a person's name
  that ends in a tussenvoegsel and runs into an address is part of the address.
- A house number's addition (``44-2``, ``19-A``, ``1 hs``, ``3 rood``) is left out by
  deduce: taken in.
- An address and its postcode and place (``Zijlweg 171, 2015 BE Haarlem``) come as two
  locations: one address.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from besluitpak.publication import names
from besluitpak.review.spans import ADDRESS, PERSON, Span

_BETWEEN_ADDRESS = re.compile(r"[,\s]{0,3}\Z")
_ADDITION = re.compile(
    r"(?:-\d{1,4}|-?[A-Za-z](?![\w-])|[ -](?:hs|huis|bis|zwart|zw|rood|I{1,3}|[A-Z])(?![\w-]))"
)
"""A house number's addition, right after its digits."""


def _with_addition(text: str, span: Span) -> Span:
    if span.kind != ADDRESS or not span.words[-1:].isdigit():
        return span
    addition = _ADDITION.match(text, span.end)
    if addition is None:
        return span
    return Span(
        kind=ADDRESS, start=span.start, end=addition.end(), words=text[span.start : addition.end()]
    )


def _ends_in_particle(words: str) -> bool:
    last = words.split()[-1] if words.split() else ""
    return names.fold(last) in names.PARTICLES


def joined(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` (in order of the text) with the two fixes above made."""
    out: list[Span] = []
    for span in map(lambda s: _with_addition(text, s), spans):
        previous = out[-1] if out else None
        if previous is not None and span.kind == ADDRESS:
            between = text[previous.end : span.start]
            street_person = previous.kind == PERSON and _ends_in_particle(previous.words)
            two_parts = previous.kind == ADDRESS
            if (street_person or two_parts) and _BETWEEN_ADDRESS.match(between):
                out[-1] = Span(
                    kind=ADDRESS,
                    start=previous.start,
                    end=span.end,
                    words=text[previous.start : span.end],
                )
                continue
        out.append(span)
    return [s for s in out if not (s.kind == PERSON and _ends_in_particle(s.words))]


_PLACE_ENDINGS = (
    "straat", "laan", "weg", "plein", "kade", "gracht", "singel", "dreef", "buurt", "wijk",
    "vaart", "park", "markt", "poort", "pad", "dijk", "polder", "haven", "brug", "veld",
    "land", "school", "kerk", "stad", "dorp",
)  # fmt: skip
"""How the name of a place or a street ends (``Frans Halsbuurt``, ``Jan Gijzenvaart``):
deduce reads many as a first name and a surname. A surname may be the ending itself
(``van Wijk``), so the ending counts only in a longer word."""
_STREET_ENDINGS = ("straat", "laan", "weg", "plein", "kade", "gracht", "singel", "dreef")
"""A word ending so is a street's name even with a title before it (``Dr. Schaepmanstraat``)."""
_PLACE_WORDS = frozenset({
    "college", "school", "wonen", "kerk", "centrum", "stad", "dorp", "buurt", "park",
    "markt", "plein", "straat", "laan", "bijlage", "gemeente", "stichting", "vereniging",
})  # fmt: skip
"""Last words of an organisation's or place's name (``Nova College``, ``Elan Wonen``)."""
_ADDRESSING = frozenset({"heer", "meneer", "familie", "fam", "fam.", "mevrouw", "mevr", "mw"})
_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.)+(?:-[A-Z][a-z]?\.)*$")
_PERCENT = re.compile(r"\s?%")
_YEAR_ONLY = re.compile(r"\s(?:19|20)\d\d(?:-(?:19|20)?\d\d)?\Z")


def _marked(word: str) -> bool:
    folded = names.fold(word).strip(".,:;()")
    return bool(_INITIAL.match(word)) or folded in names.TITLES or folded in _ADDRESSING


def plausible(text: str, span: Span, first_name: Callable[[str], bool]) -> bool:
    """Whether ``span`` is a person's name or an address and not the name of a place, a
    street or an organisation (a person's: an initial, a title or form of address in it or
    just before it, or a first name before a surname; an address's: a house number that is
    no year nor a span of years, ``Oost 2014-2018``, nor a percentage)."""
    if span.kind == ADDRESS:  # nor a percentage: "Parkwijk 36 %" in a table
        return not _YEAR_ONLY.search(span.words) and not _PERCENT.match(text, span.end)
    if span.kind != PERSON:
        return True
    words = span.words.split()
    if not words or names.fold(words[-1]).strip(".,:;()").endswith(_STREET_ENDINGS):
        return False
    before = text[max(0, span.start - 30) : span.start].split()[-2:]
    if any(_marked(w) for w in [*words, *before]):
        return True  # an initial or a title: Westerveld, Nijland are surnames then
    folded = [names.fold(w).strip(".,:;()") for w in words]
    last = folded[-1] if folded else ""
    compound = any(last.endswith(e) and len(last) > len(e) for e in _PLACE_ENDINGS)
    if compound or _PLACE_WORDS.intersection(folded):
        return False
    content = [w for w in words if names.fold(w) not in names.PARTICLES]
    given = [part for word in content[:-1] for part in word.split("-")]
    return len(content) >= 2 and any(first_name(part) for part in given)
