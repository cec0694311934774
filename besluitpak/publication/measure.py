"""The personal-data guard measured on test sets: what it misses and what it finds that is
no personal data.

Two kinds of set, each a text file of one item a line:

- the detectors' (:func:`read_planted`): ``kind | sentence`` with the item between « and »,
  measured by :func:`measure` against :func:`besluitpak.publication.personal.find`;
- the steller's (:func:`read_steller`): ``field | value | sentence``, the value as the case
  file has it (``steller.naam | A. de Vries | …``), measured by :func:`measure_steller`
  against the matchers of :data:`besluitpak.publication.steller.MATCHERS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from besluitpak.publication.personal import KINDS, Finding, find
from besluitpak.publication.steller import MATCHERS

STELLER_FIELDS = ("steller.naam", "steller.telefoon", "steller.email")


@dataclass(frozen=True, kw_only=True)
class Planted:
    """One known item in a sentence of a test set."""

    sentence: str
    kind: str
    """A kind of :mod:`personal`, or a steller field (``steller.naam``)."""
    start: int
    end: int
    value: str = ""
    """The steller's value in the case file, for a steller item."""

    def without(self) -> str:
        """The sentence with the item taken out (``…`` in its place)."""
        return self.sentence[: self.start] + "…" + self.sentence[self.end :]


def _lines(source: str) -> list[tuple[int, str]]:
    return [
        (number, line)
        for number, line in enumerate(source.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def _marked(number: int, line: str, marked: str, expected: str) -> tuple[str, int, int]:
    if marked.count("«") != 1 or marked.count("»") != 1 or marked.index("«") > marked.index("»"):
        raise ValueError(f"line {number}: expected {expected}, got {line!r}")
    start = marked.index("«")
    end = marked.index("»") - 1
    return marked.replace("«", "").replace("»", ""), start, end


def read_planted(source: str) -> list[Planted]:
    """The planted items of a test set's text: a line ``kind | sentence`` with the item
    between « and » (``telefoonnummer | Bel «06-12345678» na vijf uur.``); empty lines
    and lines starting with ``#`` are left out."""
    expected = f"'kind | sentence with «item»' with kind one of {', '.join(KINDS)}"
    planted = []
    for number, line in _lines(source):
        kind, sep, marked = (part.strip() for part in line.partition("|"))
        if not sep or kind not in KINDS:
            raise ValueError(f"line {number}: expected {expected}, got {line!r}")
        sentence, start, end = _marked(number, line, marked, expected)
        planted.append(Planted(sentence=sentence, kind=kind, start=start, end=end))
    return planted


def read_steller(source: str, *, marked: bool = True) -> list[Planted]:
    """The items of a steller set: ``field | value | sentence``, the item between « and »
    (``marked``) or no item at all (a clean set: the whole sentence, start = end = 0)."""
    what = "sentence with «item»" if marked else "sentence"
    expected = f"'field | value | {what}' with field one of {', '.join(STELLER_FIELDS)}"
    items = []
    for number, line in _lines(source):
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != 3 or parts[0] not in STELLER_FIELDS or not parts[1]:
            raise ValueError(f"line {number}: expected {expected}, got {line!r}")
        field, value, text = parts
        sentence, start, end = _marked(number, line, text, expected) if marked else (text, 0, 0)
        items.append(Planted(sentence=sentence, kind=field, start=start, end=end, value=value))
    return items


def measure(
    planted: Sequence[Planted], clean: Sequence[str]
) -> tuple[list[Planted], list[tuple[str, Finding]]]:
    """What :func:`find` missed of ``planted`` (not found with its kind and exact span),
    and its false positives: anything found in ``clean`` and anything else than the
    planted item found in a planted sentence, each with its sentence."""
    missed: list[Planted] = []
    false_positives: list[tuple[str, Finding]] = []
    for item in planted:
        found = find(item.sentence)
        if not any((f.kind, f.start, f.end) == (item.kind, item.start, item.end) for f in found):
            missed.append(item)
        false_positives += [
            (item.sentence, f) for f in found if not (f.start < item.end and item.start < f.end)
        ]
    for sentence in clean:
        false_positives += [(sentence, f) for f in find(sentence)]
    return missed, false_positives


def measure_steller(
    planted: Sequence[Planted], clean: Sequence[Planted]
) -> tuple[list[Planted], list[Planted]]:
    """What the steller's matchers missed of ``planted`` (the sentence not found, or still
    found with the item taken out) and what they found in ``clean``."""
    missed = [
        item
        for item in planted
        if not (found := MATCHERS[item.kind](item.value))(item.sentence) or found(item.without())
    ]
    wrong = [item for item in clean if MATCHERS[item.kind](item.value)(item.sentence)]
    return missed, wrong
