"""Where each glyph of a content stream lands on the page: the geometry word redaction needs.

The text state of PDF 32000-1 9.3 and 9.4 is followed operator by operator (``cm``, ``q``/``Q``,
``BT``, ``Tm``, ``Td``, ``TD``, ``T*``, ``TL``, ``Tc``, ``Tw``, ``Tz``, ``Ts``, ``Tf``) so that
every glyph a show operator paints gets a box in the page's default user space (the
coordinates of its MediaBox, before the page's ``/Rotate``): its advance wide (from the
font's ``/Widths`` or ``/W``, a Type 3 font's through its ``/FontMatrix``) and from its
font's descent to its ascent high. :mod:`besluitpak.pdf.public_redact` removes the glyphs whose
box meets a redaction box; :mod:`besluitpak.pdf.redact_find` finds words by the same boxes.

A font whose codes cannot be split here (a composite font with another CMap than Identity-H)
gives one box for a whole string: from where it starts to the page's edge, so that a string
of such a font that may reach a box is removed whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import glyphs

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_FAR = 1e5
"""How far a string of a font whose codes cannot be split is taken to reach."""


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector order: a point p goes to p·m·n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def matrix(values: Any) -> Matrix:
    """A PDF array of six numbers as a matrix (the identity when it is not one)."""
    if isinstance(values, Array | list | tuple) and len(values) == 6:
        try:
            return tuple(float(v) for v in values)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return IDENTITY
    return IDENTITY


def bounds(m: Matrix, rect: Rect) -> Rect:
    """The smallest upright rectangle holding ``rect`` mapped through ``m``."""
    x0, y0, x1, y1 = rect
    xs, ys = [], []
    for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
        xs.append(x * m[0] + y * m[2] + m[4])
        ys.append(x * m[1] + y * m[3] + m[5])
    return (min(xs), min(ys), max(xs), max(ys))


def overlaps(a: Rect, b: Rect, margin: float = 0.01) -> bool:
    """Whether two rectangles share more than an edge."""
    return (
        a[0] < b[2] - margin
        and b[0] < a[2] - margin
        and a[1] < b[3] - margin
        and b[1] < a[3] - margin
    )


def number(value: Any) -> float:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return float(value)
    return 0.0


@dataclass
class Font:
    """What placing a font's glyphs needs."""

    size_bytes: int | None
    """Bytes per code (None: its codes cannot be split here)."""
    widths: dict[int, float]
    """Code → advance in text space units (1 = the font size)."""
    default: float
    ascent: float
    descent: float
    unicode: dict[int, str]
    reach: dict[int, Rect | None] = field(default_factory=dict)
    """A Type 3 glyph's drawing (text space units from its origin; None: not known)."""

    @classmethod
    def of(cls, font: Any) -> Font:
        if not isinstance(font, Dictionary):
            return cls(None, {}, 0.0, 1.0, -0.3, {})
        mapped = glyphs.font_map(font)
        if font.get("/Subtype") == Name.Type0:
            return _composite(font, mapped.unicode)
        scale = 0.001
        reach: dict[int, Rect | None] = {}
        ascent, descent = _vertical(font.get("/FontDescriptor"))
        if font.get("/Subtype") == Name.Type3:
            fm = matrix(font.get("/FontMatrix"))
            scale = fm[0] or 0.001
            box = font.get("/FontBBox")
            if isinstance(box, Array) and len(box) == 4 and fm[3]:
                ys = sorted(number(box[i]) * fm[3] for i in (1, 3))
                descent, ascent = min(ys[0], -0.3), max(ys[1], 1.0)
            from besluitpak.pdf.redact_extent import type3_reach

            reach = type3_reach(font)
        first = int(number(font.get("/FirstChar")))
        listed = font.get("/Widths")
        widths = {}
        for offset, width in enumerate(listed if isinstance(listed, Array) else []):
            widths[first + offset] = number(width) * scale
        missing = _descriptor_number(font.get("/FontDescriptor"), "/MissingWidth") * scale
        return cls(1, widths, missing, ascent, descent, mapped.unicode, reach)

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default)

    def codes(self, text: bytes) -> list[tuple[int, bytes]]:
        """The codes of a string, with their bytes."""
        size = self.size_bytes or len(text) or 1
        return [
            (int.from_bytes(text[i : i + size], "big"), text[i : i + size])
            for i in range(0, len(text) - size + 1, size)
        ]


def _composite(font: Dictionary, unicode: dict[int, str]) -> Font:
    encoding = font.get("/Encoding")
    descendants = font.get("/DescendantFonts")
    descendant = descendants[0] if isinstance(descendants, Array) and len(descendants) else None
    ascent, descent = _vertical(descendant.get("/FontDescriptor") if descendant else None)
    if encoding != Name("/Identity-H") or not isinstance(descendant, Dictionary):
        return Font(None, {}, 0.0, ascent, descent, unicode)
    default = number(descendant.get("/DW", 1000)) / 1000
    widths: dict[int, float] = {}
    items = list(descendant.get("/W", Array()))
    index = 0
    while index + 1 < len(items):
        first, second = items[index], items[index + 1]
        if isinstance(second, Array):
            for offset, width in enumerate(second):
                widths[int(number(first)) + offset] = number(width) / 1000
            index += 2
        elif index + 2 < len(items):
            for code in range(
                int(number(first)), min(int(number(second)), int(number(first)) + 0xFFFF) + 1
            ):
                widths[code] = number(items[index + 2]) / 1000
            index += 3
        else:
            break
    return Font(2, widths, default, ascent, descent, unicode)


def _descriptor_number(descriptor: Any, key: str) -> float:
    return number(descriptor.get(key)) if isinstance(descriptor, Dictionary) else 0.0


def _vertical(descriptor: Any) -> tuple[float, float]:
    """Ascent and descent (text space units) from a font descriptor; generous when absent
    (a glyph's box must hold the glyph, or a word could slip past a box)."""
    ascent = _descriptor_number(descriptor, "/Ascent") / 1000
    descent = _descriptor_number(descriptor, "/Descent") / 1000
    bbox = descriptor.get("/FontBBox") if isinstance(descriptor, Dictionary) else None
    if isinstance(bbox, Array) and len(bbox) == 4:
        ascent = max(ascent, min(number(bbox[3]) / 1000, 1.2))
        descent = min(descent, max(number(bbox[1]) / 1000, -0.5))
    return max(ascent, 0.75), min(descent, -0.2)


@dataclass
class State:
    """The graphics and text state a content stream draws with."""

    ctm: Matrix = IDENTITY
    font: Font | None = None
    font_object: Any = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0


@dataclass
class Glyph:
    """One glyph a show operator paints."""

    code: int
    raw: bytes
    box: Rect
    """In the page's default user space."""
    advance: float
    """Its advance in text space (what a TJ number must replace when it goes)."""
    text: str
    known: bool = True
    """False: a Type 3 glyph whose procedure's reach is not known."""


@dataclass
class Tracker:
    """Follows the state of one content stream (from ``ctm``) instruction by instruction."""

    resources: Dictionary
    fonts: dict[Any, Font] = field(default_factory=dict)
    state: State = field(default_factory=State)
    stack: list[State] = field(default_factory=list)
    tm: Matrix = IDENTITY
    tlm: Matrix = IDENTITY

    def step(self, operator: str, operands: list[Any]) -> None:
        """Apply an instruction that changes the state (others are ignored)."""
        s = self.state
        if operator == "q":
            self.stack.append(replace(s))
        elif operator == "Q" and self.stack:
            self.state = self.stack.pop()
        elif operator == "cm" and len(operands) == 6:
            s.ctm = multiply(matrix(operands), s.ctm)
        elif operator == "BT":
            self.tm = self.tlm = IDENTITY
        elif operator == "Tm" and len(operands) == 6:
            self.tm = self.tlm = matrix(operands)
        elif operator in ("Td", "TD") and len(operands) == 2:
            if operator == "TD":
                s.leading = -number(operands[1])
            self._move(number(operands[0]), number(operands[1]))
        elif operator == "T*":
            self._move(0.0, -s.leading)
        elif operator == "Tf" and len(operands) == 2:
            s.font_object = _font(self.resources, operands[0])
            s.font = self._font(s.font_object)
            s.size = number(operands[1])
        elif operator in _NUMERIC and operands:
            setattr(s, _NUMERIC[operator], number(operands[0]) / (100 if operator == "Tz" else 1))

    def _move(self, tx: float, ty: float) -> None:
        self.tlm = multiply((1.0, 0.0, 0.0, 1.0, tx, ty), self.tlm)
        self.tm = self.tlm

    def _font(self, font: Any) -> Font:
        key = font.objgen if isinstance(font, Dictionary) and font.is_indirect else id(font)
        if key not in self.fonts:
            self.fonts[key] = Font.of(font)
        return self.fonts[key]

    def show(self, text: bytes) -> list[Glyph]:
        """The glyphs a string paints, the text matrix moved past them."""
        s = self.state
        font = s.font or Font(None, {}, 0.0, 1.0, -0.3, {})
        placed = []
        trm_base = (s.size * s.scale, 0.0, 0.0, s.size, 0.0, s.rise)
        if font.size_bytes is None:
            box = bounds(
                multiply(multiply(trm_base, self.tm), s.ctm), (0.0, font.descent, _FAR, font.ascent)
            )
            return [Glyph(code=0, raw=text, box=box, advance=0.0, text="")]
        for code, raw in font.codes(text):
            width = font.width(code)
            trm = multiply(multiply(trm_base, self.tm), s.ctm)
            area = (0.0, font.descent, width, font.ascent)
            drawn = font.reach.get(code, area)
            if drawn is not None:
                area = (
                    min(area[0], drawn[0]),
                    min(area[1], drawn[1]),
                    max(area[2], drawn[2]),
                    max(area[3], drawn[3]),
                )
            box = bounds(trm, area)
            spacing = s.char_spacing + (s.word_spacing if raw == b" " else 0.0)
            advance = (width * s.size + spacing) * s.scale
            known = code not in font.reach or drawn is not None
            shown = font.unicode.get(code, "")
            placed.append(Glyph(code, raw, box, advance, shown, known=known))
            self.tm = multiply((1.0, 0.0, 0.0, 1.0, advance, 0.0), self.tm)
        return placed

    def adjust(self, value: float) -> None:
        """A TJ number: the text matrix moved by it."""
        shift = -value / 1000 * self.state.size * self.state.scale
        self.tm = multiply((1.0, 0.0, 0.0, 1.0, shift, 0.0), self.tm)

    def space(self, value: float) -> float:
        """The TJ number that moves as far as ``value`` in text space."""
        size = self.state.size * self.state.scale
        return -value * 1000 / size if size else 0.0


_NUMERIC = {
    "Tc": "char_spacing",
    "Tw": "word_spacing",
    "Tz": "scale",
    "TL": "leading",
    "Ts": "rise",
}


def _font(resources: Dictionary, name: Any) -> Any:
    fonts = resources.get("/Font")
    if isinstance(fonts, Dictionary) and isinstance(name, Name):
        return fonts.get(str(name))
    return None


def operation(instruction: Any) -> tuple[str, list[Any]]:
    if isinstance(instruction, pikepdf.ContentStreamInlineImage):
        return "INLINE", []
    return str(instruction.operator), list(instruction.operands)
