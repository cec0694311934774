"""How far a small content stream draws: the extent of a Type 3 glyph's procedure.

A Type 3 glyph is drawn by a content stream of its own, in glyph space; its ``d0``/``d1``
and the font's ``/FontBBox`` only claim where it draws (``[0 0 0 0]`` claims nothing). Word
and box redaction needs where it really draws, so that a glyph whose procedure paints above
its em box is still found under a box: :func:`extent` follows the procedure's paths, text
(through :mod:`besluitpak.pdf.redact_text`), images and forms and gives the rectangle holding
all of it, or None when it meets something whose reach it cannot know (a shading, an
unknown XObject, a procedure nested too deep).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

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

EMPTY: Rect = (0.0, 0.0, 0.0, 0.0)
_POINTS = {"m": 2, "l": 2, "c": 6, "v": 4, "y": 4}
_SHOWS = ("Tj", "TJ", "'", '"')
_UNIT: Rect = (0.0, 0.0, 1.0, 1.0)
_PAINTS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
_STROKES = {"S", "s", "B", "B*", "b", "b*"}


class Unknown(Exception):
    """The stream draws something whose reach is not known."""


def union(a: Rect | None, b: Rect) -> Rect:
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def extent(stream: Any, resources: Any, depth: int = 0) -> Rect | None:
    """The rectangle (in the stream's own space) that what ``stream`` draws stays in;
    :data:`EMPTY` when it draws nothing, None when its reach cannot be known."""
    try:
        parsed = pikepdf.parse_content_stream(stream)
        found = _walk(parsed, resources, IDENTITY, depth)
    except (pikepdf.PdfError, Unknown, RecursionError):
        return None
    return found or EMPTY


def _walk(instructions: Sequence[Any], resources: Any, ctm: Matrix, depth: int) -> Rect | None:
    if depth > 4:
        raise Unknown
    resources = resources if isinstance(resources, Dictionary) else Dictionary()
    tracker = Tracker(resources=resources)
    tracker.state.ctm = ctm
    found: Rect | None = None
    path: Rect | None = None
    width = 1.0
    for instruction in instructions:
        operator, operands = operation(instruction)
        s = tracker.state
        if operator in _POINTS or operator == "re":
            path = union(path, _path(operator, operands))
        elif operator in _PAINTS:
            if path is not None and operator != "n":
                pad = width * 5 if operator in _STROKES else 0.0  # miter joins: 10 half widths
                found = union(found, bounds(s.ctm, _grow(path, pad)))
            path = None
        elif operator == "w" and operands:
            width = abs(number(operands[0]))
        elif operator in _SHOWS:
            found = _text(tracker, operator, operands, found)
        elif operator == "INLINE":
            found = union(found, bounds(s.ctm, _UNIT))
        elif operator == "Do" and operands:
            found = union(found, _xobject(resources, operands[0], s.ctm, depth))
        elif operator in ("sh", "BX", "PS"):
            raise Unknown
        else:
            tracker.step(operator, operands)
    return found


def _grow(box: Rect, pad: float) -> Rect:
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def _path(operator: str, operands: list[Any]) -> Rect:
    """A path segment's control points (its curves stay inside them)."""
    values = [number(v) for v in operands]
    if operator == "re" and len(values) == 4:
        x, y, w, h = values
        box = (min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h))
    else:
        xs, ys = values[0::2] or [0.0], values[1::2] or [0.0]
        box = (min(xs), min(ys), max(xs), max(ys))
    return box


def _text(tracker: Tracker, operator: str, operands: list[Any], found: Rect | None) -> Rect | None:
    if operator in ("'", '"'):
        tracker.step("T*", [])
    items = (
        list(operands[0]) if operator == "TJ" and isinstance(operands[0], Array) else operands[-1:]
    )
    for item in items:
        if isinstance(item, pikepdf.String):
            for glyph in tracker.show(bytes(item)):
                if not glyph.known:
                    raise Unknown
                found = union(found, glyph.box)
        else:
            tracker.adjust(number(item))
    return found


def _xobject(resources: Dictionary, name: Any, ctm: Matrix, depth: int) -> Rect:
    xobjects = resources.get("/XObject")
    target = xobjects.get(str(name)) if isinstance(xobjects, Dictionary) else None
    if not isinstance(target, pikepdf.Stream):
        raise Unknown
    if target.get("/Subtype") == Name.Image:
        return bounds(ctm, _UNIT)
    box = target.get("/BBox")
    if target.get("/Subtype") != Name.Form or not isinstance(box, Array) or len(box) != 4:
        raise Unknown
    inner = multiply(matrix(target.get("/Matrix")), ctm)
    return bounds(inner, (number(box[0]), number(box[1]), number(box[2]), number(box[3])))


def type3_reach(font: Dictionary) -> dict[int, Rect | None]:
    """Code → where a Type 3 font's glyph draws, in text space units from its origin (None:
    not known), from its procedure's drawing through the ``/FontMatrix``."""
    procedures = font.get("/CharProcs")
    encoding = font.get("/Encoding")
    differences = encoding.get("/Differences") if isinstance(encoding, Dictionary) else None
    if not isinstance(procedures, Dictionary) or not isinstance(differences, Array):
        return {}
    fm = matrix(font.get("/FontMatrix"))
    resources = font.get("/Resources")
    reach: dict[int, Rect | None] = {}
    done: dict[str, Rect | None] = {}
    code = 0
    for item in differences:
        if not isinstance(item, Name):
            code = int(number(item))
            continue
        name = str(item)
        if name not in done:
            procedure = procedures.get(name)
            drawn = extent(procedure, resources, 1) if procedure is not None else EMPTY
            done[name] = None if drawn is None else bounds(fm, drawn) if drawn != EMPTY else EMPTY
        reach[code] = done[name]
        code += 1
    return reach
