"""Words found on a page as boxes: what ``lakken`` with ``woorden`` redacts.

The glyphs of a page (and of the form XObjects it draws) are placed as
:mod:`besluitpak.pdf.redact_text` places them, in the order the content draws them; where the
next glyph does not follow on the same line, a space is assumed. The words are searched in
that text case-free, as whole words, any run of spaces between them matching any gap or line
break, in any Unicode form (:mod:`besluitpak.casefile.lak_words`: a ``¨`` drawn as a glyph of
its own over the ``u`` before it, or a decomposed ``ü``, is ``Müller`` as much as ``ü``).
Each occurrence becomes one box per line it is on: the union of its glyphs' boxes,
narrowed a little at both ends so that a neighbour drawn close by kerning is not taken along.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from besluitpak.casefile import lak_words
from besluitpak.pdf.redact_text import (
    IDENTITY,
    Glyph,
    Matrix,
    Rect,
    Tracker,
    matrix,
    multiply,
    operation,
)

_NARROW = 0.15
"""Of a glyph's width, taken off both ends of a word's box."""


def glyphs_of(page: pikepdf.Page) -> list[Glyph]:
    """Every glyph the page's content draws, in order, placed in its default user space."""
    found: list[Glyph] = []
    try:
        instructions = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return found
    resources = page.obj.get("/Resources")
    _walk(
        instructions,
        resources if isinstance(resources, Dictionary) else Dictionary(),
        IDENTITY,
        found,
        0,
    )
    return found


def _walk(
    instructions: Any, resources: Dictionary, ctm: Matrix, found: list[Glyph], depth: int
) -> None:
    tracker = Tracker(resources=resources)
    tracker.state.ctm = ctm
    for instruction in instructions:
        operator, operands = operation(instruction)
        if operator in ("'", '"'):
            if operator == '"' and len(operands) == 3:
                tracker.step("Tw", [operands[0]])
                tracker.step("Tc", [operands[1]])
            tracker.step("T*", [])
        if operator in ("Tj", "'", '"') and operands and isinstance(operands[-1], pikepdf.String):
            found += tracker.show(bytes(operands[-1]))
        elif operator == "TJ" and operands and isinstance(operands[0], pikepdf.Array):
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    found += tracker.show(bytes(item))
                else:
                    tracker.adjust(float(item))
        elif operator == "Do" and operands and depth < 12:
            xobjects = resources.get("/XObject")
            form = xobjects.get(str(operands[0])) if isinstance(xobjects, Dictionary) else None
            if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == Name.Form:
                inner = multiply(matrix(form.get("/Matrix")), tracker.state.ctm)
                own = form.get("/Resources")
                try:
                    parsed = pikepdf.parse_content_stream(form)
                except pikepdf.PdfError:
                    continue
                _walk(
                    parsed,
                    own if isinstance(own, Dictionary) else resources,
                    inner,
                    found,
                    depth + 1,
                )
        else:
            tracker.step(operator, operands)


def text_of(placed: Sequence[Glyph]) -> tuple[str, list[int]]:
    """The text of ``placed`` and, per character, the glyph it comes from (-1: an assumed
    space). An accent drawn as a glyph of its own (``¨``, a combining mark) belongs to the
    letter before it: no space before it, whatever its place, and its character as drawn.
    A format character drawn as a glyph (a soft hyphen, which a PDF shows as ``-``) takes
    its own place on the line: the letter after it follows it, not the letter before."""
    chars: list[str] = []
    owners: list[int] = []
    previous: Glyph | None = None
    for index, glyph in enumerate(placed):
        accent = bool(glyph.text) and lak_words.fold(glyph.text) == ""
        if previous is not None and not accent and _apart(previous, glyph):
            chars.append(" ")
            owners.append(-1)
        text = glyph.text if accent else unicodedata.normalize("NFKC", glyph.text) or "\ufffd"
        for char in text:
            chars.append(char)
            owners.append(index)
        if not accent or _format(glyph.text):
            previous = glyph
    return "".join(chars), owners


def _format(text: str) -> bool:
    return all(unicodedata.category(char) == "Cf" for char in text)


def _apart(a: Glyph, b: Glyph) -> bool:
    """Whether ``b`` does not follow ``a`` on the same line: a line running across the page
    or, for text turned a quarter, up or down it."""
    high, wide = a.box[3] - a.box[1], a.box[2] - a.box[0]
    if abs(a.box[1] - b.box[1]) < high / 2 and abs(a.box[3] - b.box[3]) < high / 2:
        gap, size = b.box[0] - a.box[2], max(high, 1e-3)
    elif abs(a.box[0] - b.box[0]) < wide / 2 and abs(a.box[2] - b.box[2]) < wide / 2:
        up = b.box[1] >= a.box[1]
        gap, size = (b.box[1] - a.box[3]) if up else (a.box[1] - b.box[3]), max(wide, 1e-3)
    else:
        return True
    return gap > size * 0.2 or gap < -size


class _Words:
    """A :func:`lak_words.pattern`, searched in text as it stands."""

    def __init__(self, words: str) -> None:
        self.words = lak_words.pattern(words)

    def search(self, text: str) -> bool:
        return bool(lak_words.spans(self.words, text))


def pattern(words: str) -> _Words:
    """The words, to be searched (``.search(text)``) in any text, in any Unicode form."""
    return _Words(words)


def word_boxes(page: pikepdf.Page, words: str) -> list[Rect]:
    """The boxes of every occurrence of ``words`` on ``page`` (none: not found)."""
    placed = glyphs_of(page)
    text, owners = text_of(placed)
    boxes: list[Rect] = []
    for start, end in lak_words.spans(lak_words.pattern(words), text):
        indices = sorted({owners[i] for i in range(start, end) if owners[i] >= 0})
        boxes += _lines([placed[i] for i in indices])
    return boxes


def _lines(run: Sequence[Glyph]) -> list[Rect]:
    """One box per line of a run of glyphs, narrowed at both ends."""
    boxes: list[Rect] = []
    line: list[Glyph] = []
    for glyph in run:
        if line and _apart(line[-1], glyph) and abs(line[-1].box[1] - glyph.box[1]) > 0.01:
            boxes.append(_union(line))
            line = []
        line.append(glyph)
    if line:
        boxes.append(_union(line))
    return boxes


def _union(line: Sequence[Glyph]) -> Rect:
    first, last = line[0].box, line[-1].box
    x0 = min(g.box[0] for g in line) + (first[2] - first[0]) * _NARROW
    x1 = max(g.box[2] for g in line) - (last[2] - last[0]) * _NARROW
    y0 = min(g.box[1] for g in line)
    y1 = max(g.box[3] for g in line)
    if x1 <= x0:
        x0, x1 = min(g.box[0] for g in line), max(g.box[2] for g in line)
    return (x0, y0, x1, y1)


def text_under(page: pikepdf.Page, box: Rect) -> str:
    """The text of the glyphs of ``page`` that a box meets (what ``vak`` redacts)."""
    from besluitpak.pdf.redact_text import overlaps

    placed = [g for g in glyphs_of(page) if overlaps(g.box, box)]
    return text_of(placed)[0]


def split_text(page: pikepdf.Page, box: Rect) -> tuple[str, str]:
    """The text of the glyphs of ``page`` a box meets, and of the others."""
    from besluitpak.pdf.redact_text import overlaps

    placed = glyphs_of(page)
    inside = [g for g in placed if overlaps(g.box, box)]
    outside = [g for g in placed if not overlaps(g.box, box)]
    return text_of(inside)[0], text_of(outside)[0]
