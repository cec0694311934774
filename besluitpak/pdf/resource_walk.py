"""Every resource dictionary a page can draw with: one walker for whoever enumerates fonts.

A font is not only in a page's own ``/Resources``: the content of a form XObject, of a tiling
pattern (``/Pattern``), of a soft mask's transparency group (``/ExtGState`` ``/SMask``
``/G``), of a Type 3 font's glyphs and of an annotation's appearance streams draws with
resources of its own, and any of those may name a font (PDF/A-2 6.2.11.4 wants every one of
them embedded). :func:`page_resources` yields them all, each once, depth first in the order
a reader meets them (the page's own, then what its fonts, forms, patterns and soft masks
hold), then the annotations' appearances; :func:`fonts` yields the fonts they name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

DEPTH = 8
"""How deep resources are followed (a form in a form in a pattern …)."""


def page_resources(
    page: Dictionary, *, seen: set[tuple[int, int]] | None = None
) -> Iterator[tuple[str, Dictionary]]:
    """(where, a resource dictionary) for every resource dictionary reachable from ``page``
    (a page object); ``seen`` the indirect objects already walked (shared across pages to
    walk a shared form once)."""
    seen = set() if seen is None else seen
    yield from _walk(page.get("/Resources"), "", seen, 0)
    annotations = page.get("/Annots")
    if isinstance(annotations, Array):
        for index, annotation in enumerate(annotations):
            if not isinstance(annotation, Dictionary):
                continue
            for key, stream in appearances(annotation):
                if not _first(stream, seen):
                    continue
                where = f"/Annots[{index}]/AP{key}"
                yield from _walk(stream.get("/Resources"), where, seen, 1)


def fonts(resources: Dictionary) -> Iterator[tuple[str, Dictionary]]:
    """(key, font) for the fonts one resource dictionary names."""
    found = resources.get("/Font")
    if isinstance(found, Dictionary):
        for key, font in found.items():
            if isinstance(font, Dictionary):
                yield key, font


def appearances(annotation: Dictionary) -> Iterator[tuple[str, pikepdf.Stream]]:
    """(where, stream) for each appearance stream of an annotation."""
    appearance = annotation.get("/AP")
    if not isinstance(appearance, Dictionary):
        return
    for key, state in appearance.items():
        if isinstance(state, pikepdf.Stream):
            yield key, state
        elif isinstance(state, Dictionary):
            for name, stream in state.items():
                if isinstance(stream, pikepdf.Stream):
                    yield f"{key}{name}", stream


def _first(obj: Any, seen: set[tuple[int, int]]) -> bool:
    """Whether ``obj`` is met for the first time (a direct object always is)."""
    if not obj.is_indirect:
        return True
    if obj.objgen in seen:
        return False
    seen.add(obj.objgen)
    return True


def _walk(
    resources: Any, where: str, seen: set[tuple[int, int]], depth: int
) -> Iterator[tuple[str, Dictionary]]:
    if not isinstance(resources, Dictionary) or depth > DEPTH:
        return
    yield where or "/Resources", resources
    for key, font in fonts(resources):
        if font.get("/Subtype") == Name.Type3 and _first(font, seen):
            yield from _walk(font.get("/Resources"), f"{where}/Font{key}", seen, depth + 1)
    for key, inner in _inner(resources):
        if _first(inner, seen):
            yield from _walk(inner.get("/Resources"), f"{where}{key}", seen, depth + 1)


def _inner(resources: Dictionary) -> Iterator[tuple[str, pikepdf.Stream]]:
    """(where, object with resources of its own): forms, tiling patterns, soft masks'
    transparency groups."""
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, Dictionary):
        for key, xobject in xobjects.items():
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == Name.Form:
                yield f"/XObject{key}", xobject
    patterns = resources.get("/Pattern")
    if isinstance(patterns, Dictionary):
        for key, pattern in patterns.items():
            if isinstance(pattern, pikepdf.Stream) and pattern.get("/PatternType") == 1:
                yield f"/Pattern{key}", pattern
    states = resources.get("/ExtGState")
    if isinstance(states, Dictionary):
        for key, state in states.items():
            mask = state.get("/SMask") if isinstance(state, Dictionary) else None
            group = mask.get("/G") if isinstance(mask, Dictionary) else None
            if isinstance(group, pikepdf.Stream):
                yield f"/ExtGState{key}/SMask/G", group
