"""Paths, patterns, shadings and soft masks on a page with redaction boxes.

:class:`besluitpak.pdf.public_redact.Redactor` hands this module what a content stream draws
besides text, images and forms. What it cannot prove harmless is either removed or named as
a refusal (the build stops; the page can be withheld whole with ``paginas``):

- a path: every subpath whose control points (a stroke's half width and miter joins around
  them) reach into a box is removed from the bytes; a filled or clipping rectangle (``re``)
  is cut instead, the parts outside the boxes kept (outside the box's bounds in the
  rectangle's own space, when it is drawn turned). A clipping path left with nothing clips
  everything away (``0 0 0 0 re``);
- a path or text painted with a tiling pattern (whose cell is a content stream of its own,
  copied whole) that reaches a box: refused; a shading pattern is a colour and goes like
  one;
- ``sh`` (a shading painted over the clip) reaching a box: refused;
- ``gs`` of a soft mask (``/SMask`` group, a content stream drawn for its luminosity)
  whose group reaches a box: refused.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf.redact_text import Matrix, Rect, bounds, matrix, multiply, number, overlaps

BUILD = {"m", "l", "c", "v", "y", "h", "re"}
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
CLIP = {"W", "W*"}
STATE = {"q", "Q", "w", "M", "cs", "CS", "sc", "SC", "scn", "SCN", "g", "G", "rg", "RG"}
STATE |= {"k", "K", "gs", "sh"}
DRAWS = BUILD | PAINT | CLIP | {"INLINE"}
"""What :meth:`Painter.draw` takes."""
_FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
_STROKES = {"S", "s", "B", "B*", "b", "b*"}
_FAR: Rect = (-1e9, -1e9, 1e9, 1e9)
_UNIT: Rect = (0.0, 0.0, 1.0, 1.0)


@dataclass
class _Subpath:
    instructions: list[Any] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)
    rects: int = 0
    """How many ``re`` made it (1 and nothing else: a rectangle that can be cut)."""


@dataclass
class _Paint:
    fill: Any = None
    """The tiling pattern the fill colour is, if it is one."""
    stroke: Any = None
    width: float = 1.0
    miter: float = 10.0
    clip: Rect = _FAR


@dataclass
class Painter:
    """Follows one content stream's paths and paint state; see the module."""

    resources: Dictionary
    rects: Sequence[Rect]
    refused: list[tuple[int, str]] = field(default_factory=list)
    """(index of the box, what was met)."""
    hit: set[int] = field(default_factory=set)
    """The boxes something was removed under."""
    state: _Paint = field(default_factory=_Paint)
    stack: list[_Paint] = field(default_factory=list)
    path: list[_Subpath] = field(default_factory=list)
    clipping: Any = None

    def note(self, operator: str, operands: list[Any], ctm: Matrix) -> None:
        """A state operator (:data:`STATE`): the paint state follows it."""
        s = self.state
        if operator == "q":
            self.stack.append(replace(s))
        elif operator == "Q" and self.stack:
            self.state = self.stack.pop()
        elif operator == "w" and operands:
            s.width = abs(number(operands[0]))
        elif operator == "M" and operands:
            s.miter = max(number(operands[0]), 1.0)
        elif operator in ("scn", "SCN", "cs", "CS", "sc", "SC", "g", "G", "rg", "RG", "k", "K"):
            pattern = (
                self._tiling(operands[-1]) if operator in ("scn", "SCN") and operands else None
            )
            if operator.islower():
                s.fill = pattern
            else:
                s.stroke = pattern
        elif operator == "gs" and operands:
            self._soft_mask(operands[0], ctm)
        elif operator == "sh":
            self._refuse(s.clip, f"a shading ({_name(operands)} sh)")

    def text(self, boxes: Sequence[Rect]) -> None:
        """Text painted at ``boxes``: refused when its colour is a tiling pattern."""
        if self.state.fill is None and self.state.stroke is None:
            return
        for box in boxes:
            self._refuse(box, "text painted with a tiling pattern")

    def draw(
        self, instruction: Any, operator: str, operands: list[Any], ctm: Matrix
    ) -> tuple[list[Any], bool]:
        """An operator of :data:`DRAWS`: what stays of it (a path is kept until it is
        painted), and whether anything went."""
        if operator == "INLINE":
            met = [i for i, r in enumerate(self.rects) if overlaps(bounds(ctm, _UNIT), r)]
            self.hit.update(met)
            return ([], True) if met else ([instruction], False)
        if operator in PAINT:
            return self.paint(instruction, operator, ctm)
        self.build(instruction, operator, operands)
        return [], False

    def build(self, instruction: Any, operator: str, operands: list[Any]) -> None:
        """A path construction operator (:data:`BUILD`) or ``W``/``W*``."""
        if operator in CLIP:
            self.clipping = instruction
            return
        values = [number(v) for v in operands]
        if operator in ("m", "re") or not self.path:
            self.path.append(_Subpath())
        current = self.path[-1]
        current.instructions.append(instruction)
        if operator == "re" and len(values) == 4:
            x, y, w, h = values
            current.points += [(x, y), (x + w, y + h)]
            current.rects += 1 if w >= 0 and h >= 0 else 2
        else:
            current.points += list(zip(values[0::2], values[1::2], strict=False))
            if operator != "m":
                current.rects += 2

    def paint(self, instruction: Any, operator: str, ctm: Matrix) -> tuple[list[Any], bool]:
        """A painting operator: the instructions of the path as kept, and whether any went."""
        path, clipping = self.path, self.clipping
        self.path, self.clipping = [], None
        original = [i for sub in path for i in sub.instructions]
        clip = [clipping] if clipping is not None else []
        whole = _extent([p for sub in path for p in sub.points], ctm, 0.0)
        if clipping is not None and whole is not None:
            c = self.state.clip
            self.state.clip = (
                max(c[0], whole[0]),
                max(c[1], whole[1]),
                min(c[2], whole[2]),
                min(c[3], whole[3]),
            )
        if operator == "n" and clipping is None:
            return [*original, instruction], False  # a path that does nothing
        if whole is not None and operator != "n":
            self._patterns(operator, whole)
        kept, lost = self._kept(path, operator, ctm)
        if not lost:
            return [*original, *clip, instruction], False
        if not kept and clipping is not None:  # a clip with nothing left: nothing shows
            kept = [pikepdf.ContentStreamInstruction([0, 0, 0, 0], pikepdf.Operator("re"))]
        return ([*kept, *clip, instruction] if kept else []), True

    def _kept(self, path: Sequence[_Subpath], operator: str, ctm: Matrix) -> tuple[list[Any], bool]:
        """The subpaths that stay out of the boxes (filled or clipping rectangles cut), and
        whether any went."""
        pad = self._pad(ctm) if operator in _STROKES else 0.5
        kept: list[Any] = []
        lost = False
        for sub in path:
            reach = _extent(sub.points, ctm, pad)
            met = [i for i, r in enumerate(self.rects) if reach is not None and overlaps(reach, r)]
            if not met:
                kept += sub.instructions
                continue
            lost = True
            if operator != "n":  # a clip draws nothing: a box over it alone is over nothing
                self.hit.update(met)
            if sub.rects == 1 and operator in ("f", "F", "f*", "n"):
                kept += _cut(sub.instructions[0], ctm, [self.rects[i] for i in met])
        return kept, lost

    def _patterns(self, operator: str, area: Rect) -> None:
        if operator in _FILLS and self.state.fill is not None:
            self._refuse(area, "a path filled with a tiling pattern")
        if operator in _STROKES and self.state.stroke is not None:
            self._refuse(area, "a path stroked with a tiling pattern")

    def _pad(self, ctm: Matrix) -> float:
        scale = max(math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3]))
        return self.state.width / 2 * self.state.miter * scale + 1.0

    def _refuse(self, area: Rect, what: str) -> None:
        for index, rect in enumerate(self.rects):
            if overlaps(area, rect):
                self.refused.append((index, what))

    def _tiling(self, name: Any) -> Any:
        patterns = self.resources.get("/Pattern")
        if not isinstance(name, Name) or not isinstance(patterns, Dictionary):
            return None
        pattern = patterns.get(str(name))
        if isinstance(pattern, Dictionary | pikepdf.Stream) and pattern.get("/PatternType") == 2:
            return None  # a shading pattern: a colour
        return pattern if pattern is not None else None

    def _soft_mask(self, name: Any, ctm: Matrix) -> None:
        states = self.resources.get("/ExtGState")
        state = states.get(str(name)) if isinstance(states, Dictionary) else None
        mask = state.get("/SMask") if isinstance(state, Dictionary) else None
        if not isinstance(mask, Dictionary):
            return
        group = mask.get("/G")
        box = group.get("/BBox") if isinstance(group, pikepdf.Stream) else None
        area = _FAR
        if isinstance(group, pikepdf.Stream) and isinstance(box, Array) and len(box) == 4:
            inner = multiply(matrix(group.get("/Matrix")), ctm)
            area = bounds(inner, (number(box[0]), number(box[1]), number(box[2]), number(box[3])))
        self._refuse(area, f"a soft mask (ExtGState {name}, a drawing of its own)")


def _name(operands: list[Any]) -> str:
    return str(operands[0]) if operands else ""


def _extent(points: Sequence[tuple[float, float]], ctm: Matrix, pad: float) -> Rect | None:
    if not points:
        return None
    xs = [x * ctm[0] + y * ctm[2] + ctm[4] for x, y in points]
    ys = [x * ctm[1] + y * ctm[3] + ctm[5] for x, y in points]
    return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def _cut(instruction: Any, ctm: Matrix, holes: Sequence[Rect]) -> list[Any]:
    """A rectangle without ``holes`` (device space; taken back into the rectangle's space,
    where a turned hole becomes its upright bounds): the parts left, as ``re``."""
    x, y, w, h = (number(v) for v in instruction.operands)
    inverse = invert(ctm)
    if inverse is None:
        return []
    pieces = [(x, y, x + w, y + h)]
    for hole in holes:
        user = bounds(inverse, hole)
        pieces = [part for piece in pieces for part in _subtract(piece, user)]
    return [
        pikepdf.ContentStreamInstruction(
            [_decimal(p[0]), _decimal(p[1]), _decimal(p[2] - p[0]), _decimal(p[3] - p[1])],
            pikepdf.Operator("re"),
        )
        for p in pieces
        if p[2] - p[0] > 1e-6 and p[3] - p[1] > 1e-6
    ]


def _subtract(r: Rect, hole: Rect) -> list[Rect]:
    if not overlaps(r, hole, 0.0):
        return [r]
    x0, y0, x1, y1 = r
    low, high = max(y0, hole[1]), min(y1, hole[3])
    parts = [(x0, high, x1, y1), (x0, y0, x1, low)]
    parts += [(x0, low, min(x1, hole[0]), high), (max(x0, hole[2]), low, x1, high)]
    return [p for p in parts if p[2] > p[0] and p[3] > p[1]]


def _decimal(value: float) -> Decimal:
    return Decimal(str(round(value, 4)))


def invert(m: Matrix) -> Matrix | None:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        return None
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))
