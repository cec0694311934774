"""What a page draws that the word finder cannot read: images and glyph-like outlines.

A ``lakken`` entry with ``woorden`` removes the words where the page holds them as TEXT
(:mod:`besluitpak.pdf.redact_find`). besluitpak reads no pixels and no vector outlines (no
OCR), so the same words drawn as an image or as filled outlines on that page would ship
unnoticed. :func:`unread` counts what such a page holds of both, so the plan can warn (and
``--strict`` refuse) instead of staying silent.

Counted, through forms (nested up to 12 deep): every image XObject and inline image drawn;
filled paths (``f``, ``F``, ``f*``, ``B``, ``B*``, ``b``, ``b*``) together holding at least
:data:`CURVES` curve segments (``c``, ``v``, ``y``): letters drawn as outlines are made of
curves, while rules, frames and table cells are straight lines and rectangles, and one
circle or rounded rectangle has 4. What lies wholly inside one of the page's boxes is not
counted (the redaction removes it). Not looked into: tiling pattern cells, Type 3 glyph
procedures, soft-mask groups and annotation appearances.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from besluitpak.pdf.redact_text import (
    IDENTITY,
    Matrix,
    Rect,
    Tracker,
    bounds,
    matrix,
    multiply,
    number,
    operation,
)

CURVES = 12
"""Curve segments in the filled paths of a page from which they count as drawn outlines."""
_FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
_PAINTS = _FILLS | {"S", "s", "n"}
_BUILD = {"m", "l", "c", "v", "y", "h", "re"}
_UNIT: Rect = (0.0, 0.0, 1.0, 1.0)


@dataclass
class Unread:
    """What a page draws that the word finder does not read."""

    images: int = 0
    curves: int = 0
    """Curve segments in filled paths (not wholly under a box)."""

    @property
    def outlines(self) -> bool:
        return self.curves >= CURVES

    def said(self) -> str:
        """'1 image and drawn outlines', or '' when there is nothing."""
        parts = []
        if self.images:
            parts.append(f"{self.images} image" + ("s" if self.images > 1 else ""))
        if self.outlines:
            parts.append("drawn outlines")
        return " and ".join(parts)


def unread(page: pikepdf.Page, rects: Sequence[Rect]) -> Unread:
    """The images and outline curves ``page`` draws outside ``rects`` (default user space)."""
    found = Unread()
    _walk(page.obj, page.obj.get("/Resources"), IDENTITY, rects, found, 0)
    return found


def _walk(
    stream: Any, resources: Any, ctm: Matrix, rects: Sequence[Rect], found: Unread, depth: int
) -> None:
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return
    resources = resources if isinstance(resources, Dictionary) else Dictionary()
    tracker = Tracker(resources=resources)
    tracker.state.ctm = ctm
    points: list[tuple[float, float]] = []
    curves = 0
    for instruction in instructions:
        operator, operands = operation(instruction)
        here = tracker.state.ctm
        if operator in _BUILD:
            values = [number(v) for v in operands]
            if operator == "re" and len(values) == 4:
                x, y, w, h = values
                values = [x, y, x + w, y + h]
            points += [_apply(here, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
            curves += operator in ("c", "v", "y")
        elif operator in _PAINTS:
            if operator in _FILLS and not _inside(points, rects):
                found.curves += curves
            points, curves = [], 0
        elif operator == "INLINE":
            found.images += not _covered(bounds(here, _UNIT), rects)
        elif operator == "Do" and operands:
            _xobject(resources, operands[0], here, rects, found, depth)
        else:
            tracker.step(operator, operands)


def _xobject(
    resources: Dictionary, name: Any, ctm: Matrix, rects: Sequence[Rect], found: Unread, depth: int
) -> None:
    xobjects = resources.get("/XObject")
    target = xobjects.get(str(name)) if isinstance(xobjects, Dictionary) else None
    if not isinstance(target, pikepdf.Stream):
        return
    if target.get("/Subtype") == Name.Image:
        found.images += not _covered(bounds(ctm, _UNIT), rects)
    elif target.get("/Subtype") == Name.Form and depth < 12:
        inner = multiply(matrix(target.get("/Matrix")), ctm)
        _walk(target, target.get("/Resources"), inner, rects, found, depth + 1)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _inside(points: list[tuple[float, float]], rects: Sequence[Rect]) -> bool:
    """Whether every point lies in one of ``rects`` (a path's control points hold it)."""
    if not points:
        return True
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return _covered((min(xs), min(ys), max(xs), max(ys)), rects)


def _covered(area: Rect, rects: Sequence[Rect]) -> bool:
    return any(
        r[0] <= area[0] and r[1] <= area[1] and area[2] <= r[2] and area[3] <= r[3] for r in rects
    )
