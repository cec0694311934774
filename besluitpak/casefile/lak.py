"""Redacted passages: ``{lak:5.1.2e}mevrouw J. Jansen{/lak}`` in any text of the data.

The code after ``lak:`` is the Woo ground (article 5.1 or 5.2 of the Wet open overheid). The
intern edition shows the passage, marked for the reviewers; the openbaar edition gets a
black box with the ground on it instead, and the passage itself is never handed to the
public edition's renderer at all: :func:`mark` replaces it by the ground and the width the
box must have, before any template sees the data.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from typing import Any

GRONDEN: dict[str, str] = {
    "5.1.1a": "de eenheid van de Kroon",
    "5.1.1b": "de veiligheid van de Staat",
    "5.1.1c": "vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    "5.1.1e": "identificatienummers",
    "5.1.2a": "de betrekkingen van Nederland met andere staten en internationale organisaties",
    "5.1.2b": "de economische of financiële belangen van de overheid",
    "5.1.2c": "de opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht door bestuursorganen",
    "5.1.2e": "eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "de bescherming van het milieu",
    "5.1.2h": "de beveiliging van personen en bedrijven en het voorkomen van sabotage",
    "5.1.2i": "het goed functioneren van de overheid",
    "5.1.5": "onevenredige benadeling",
    "5.2": "persoonlijke beleidsopvattingen in intern beraad",
}
"""The Woo grounds a passage or page may be withheld on, with the words a reader hears."""

LAK = re.compile(r"\{lak:([^{}]*)\}(.*?)\{/lak\}", re.DOTALL)
_TAG = re.compile(r"\{\s*(/?)\s*lak\b\s*(?::([^{}]*))?\}", re.IGNORECASE)

OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"
"""Private-use characters around a passage once marked (never in the user's data: the
case loader refuses private-use characters no font shows)."""


def spoken(code: str) -> str:
    """What a screen reader says for a box: ``Gelakt: artikel 5.1.2e Woo, eerbiediging…``."""
    return f"Gelakt: artikel {code} Woo, {GRONDEN[code]}"


def known() -> str:
    return ", ".join(GRONDEN)


def ground_problem(code: str) -> str | None:
    """Why ``code`` is not a Woo ground (None: it is one)."""
    if code in GRONDEN:
        return None
    return f"expected a Woo ground ({known()}), got {code!r}"


def problems(text: str) -> Iterator[str]:
    """What is wrong with the redactions in ``text``: an unknown ground, a tag written
    loosely, an opening tag without its closing one (or the reverse), a nested or empty
    passage."""
    depth = 0
    for match in _TAG.finditer(text):
        written, closing, code = match.group(), match.group(1), match.group(2)
        if closing:
            if written != "{/lak}":
                yield f"expected the closing tag {{/lak}}, got {written!r}"
            if depth == 0:
                yield f"expected {{lak:<ground>}} before {written!r}, got a closing tag alone"
            depth = max(depth - 1, 0)
            continue
        if code is None or written != f"{{lak:{code}}}" or re.search(r"\s", code):
            inner = re.sub(r"\s+", "", code or "")
            yield (
                f"expected a redaction like {{lak:5.1.2e}}…{{/lak}} (no spaces), got "
                f"{written!r}" + (f"; did you mean {{lak:{inner}}}?" if inner else "")
            )
        elif (problem := ground_problem(code)) is not None:
            yield problem
        if depth:
            yield f"expected {{/lak}} before the next {written!r}: passages cannot be nested"
        depth += 1
    if depth:
        yield "expected {/lak} after the redacted passage, got the end of the text"
    for match in LAK.finditer(text):
        if not match.group(2).strip():
            yield f"expected text between {{lak:{match.group(1)}}} and {{/lak}}, got none"


def grounds(value: Any) -> list[str]:
    """The grounds of every passage in a nested data structure, in order, each once."""
    found: dict[str, None] = {}
    for text in _strings(value):
        for match in LAK.finditer(text):
            found.setdefault(match.group(1))
    return list(found)


def passages(value: Any) -> list[str]:
    """The text of every redacted passage in a nested data structure."""
    return [m.group(2) for text in _strings(value) for m in LAK.finditer(text)]


def mark(text: str, *, public: bool) -> str:
    """``text`` with each passage between markers the Word stage formats: in the intern
    edition the passage itself (highlighted there), in the public one only the ground and
    the width of the passage in ems (so the box is as wide as the words it hides)."""

    def one(match: re.Match[str]) -> str:
        code, passage = match.group(1), match.group(2)
        inside = f"{em_width(passage):.2f}" if public else passage
        return f"{OPEN}{code}{SEP}{inside}{CLOSE}"

    return LAK.sub(one, text)


def mark_all(value: Any, *, public: bool) -> Any:
    """A copy of a nested data structure with every string's passages marked."""
    if isinstance(value, str):
        return mark(value, public=public) if "{lak:" in value else value
    if isinstance(value, list | tuple):
        return [mark_all(item, public=public) for item in value]
    if isinstance(value, dict):
        return {key: mark_all(item, public=public) for key, item in value.items()}
    return value


def strip(text: str) -> str:
    """``text`` with each passage replaced by its ground, for places that show no box
    (a bookmark, a title): ``[gelakt: 5.1.2e]``."""
    return LAK.sub(lambda m: f"[gelakt: {m.group(1)}]", text)


def em_width(text: str) -> float:
    """How wide ``text`` is in Carlito, in ems (the same at every font size)."""
    widths, default = _advances()
    return sum(widths.get(ord(char), default) for char in text)


@functools.cache
def _advances() -> tuple[dict[int, float], float]:
    """Carlito's advance widths per code point, in ems; a rough average when the font is
    not installed (the box is then merely approximately as wide)."""
    from fontTools.ttLib import TTFont

    from besluitpak.casefile import fontcheck

    path = fontcheck.font_file("Carlito", "Regular")
    if path is None:
        return {}, 0.5
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # Carlito's dates puzzle it
    with TTFont(str(path)) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        return {code: metrics[glyph][0] / units for code, glyph in cmap.items()}, 0.5


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
