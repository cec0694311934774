"""Words and boxes of a kept page removed from what the public copy reads of it.

The public copy (:mod:`besluitpak.pdf.public_copy`) reads each kept page's content stream and
copies what it draws from an allow-list. On a page with redaction boxes (``lakken`` with
``woorden`` or ``vak``), that reading goes through :class:`Redactor` first, which hands the copy
a content stream without what lies under the boxes:

- every glyph whose box (:mod:`besluitpak.pdf.redact_text`) meets a redaction box is taken out
  of its string; a ``TJ`` array is split where a run crosses the box's edge, the glyph's
  advance put in its place as a number, so the words around it stay where they were (``Tj``,
  ``'`` and ``"`` become ``TJ``). Type 3 glyphs go the same way, and with their codes their
  procedures (the copy keeps only the procedures it shows);
- a form XObject whose bounding box meets a box is copied for this use, its content through
  the same redaction (the shared original, drawn elsewhere, is not changed);
- an image under a box loses those pixels: decoded, the samples under the box set to 0, and
  written anew without loss (its soft mask too); one that cannot be decoded is left out (a
  warning says so); an inline image is made an image XObject first and cut the same way;
- paths, tiling patterns, shadings and soft masks go through
  :class:`besluitpak.pdf.redact_paint.Painter`: subpaths reaching a box removed (filled
  rectangles cut), the rest refused; so is an XObject that is neither image nor form and a
  Type 3 glyph whose procedure's reach cannot be followed (:mod:`besluitpak.pdf.redact_extent`
  gives where the others really draw). :attr:`Redacted.refused` names what the build must
  stop on, :attr:`Redacted.hit` the boxes something was removed under;
- a marked-content sequence that lost content keeps no ``/ActualText``, ``/Alt`` or ``/E``,
  and its MCIDs are reported as touched: their structure elements keep none of their words
  (:mod:`besluitpak.pdf.public_structure`).

Nothing is written into the source PDF's file: the new streams live only in the opened copy
that the public copy reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf import redact_paint
from besluitpak.pdf.redact_image import cut_image, inline_xobject
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
    overlaps,
)

_SHOWS = ("Tj", "TJ", "'", '"')
_UNIT: Rect = (0.0, 0.0, 1.0, 1.0)
_FORM_KEYS = ("/Type", "/Subtype", "/FormType", "/BBox", "/Matrix", "/Group")
_WORDLESS = ("/MCID", "/Lang")
"""What a touched marked sequence's property list keeps."""


@dataclass
class Redacted:
    """A content stream as redaction left it."""

    instructions: list[Any]
    resources: Dictionary
    touched: set[int] = field(default_factory=set)
    """MCIDs whose content lost something."""
    removed: list[str] = field(default_factory=list)
    """The text of the glyphs removed, run by run."""
    changed: bool = False
    refused: list[tuple[int, str]] = field(default_factory=list)
    """(index of a box, what it met that cannot be removed for sure): the build stops."""
    warnings: list[str] = field(default_factory=list)
    hit: set[int] = field(default_factory=set)
    """The boxes under which something was removed (a box over nothing is a mistake)."""


class Redactor:
    """Redacts the content streams of one source PDF (opened; never saved)."""

    def __init__(self, source: pikepdf.Pdf) -> None:
        self.source = source
        self._forms: dict[Any, pikepdf.Object | None] = {}
        self._report = Redacted(instructions=[], resources=Dictionary())
        """What the page being redacted met (its forms' content too)."""

    def page(self, instructions: Sequence[Any], resources: Any, rects: Sequence[Rect]) -> Redacted:
        """A page's content without what lies under ``rects`` (default user space)."""
        resources = resources if isinstance(resources, Dictionary) else Dictionary()
        self._report = Redacted(instructions=[], resources=resources)
        done = self._stream(instructions, resources, IDENTITY, rects, 0)
        done.refused, done.warnings = self._report.refused, self._report.warnings
        done.hit = self._report.hit
        return done

    def _stream(
        self,
        instructions: Sequence[Any],
        resources: Dictionary,
        ctm: Matrix,
        rects: Sequence[Rect],
        depth: int,
    ) -> Redacted:
        tracker = Tracker(resources=resources)
        tracker.state.ctm = ctm
        out = Redacted(instructions=[], resources=resources)
        spans: list[tuple[int, Any]] = []  # (output index of the BDC, its MCID)
        painter = redact_paint.Painter(resources, rects, self._report.refused, self._report.hit)
        for instruction in instructions:
            operator, operands = operation(instruction)
            lost = False
            if operator in _SHOWS:
                lost = self._show(tracker, instruction, (operator, operands), painter, out)
            elif operator == "Do" and operands:
                lost = self._draw(tracker, instruction, operands[0], rects, out, depth)
            elif operator == "INLINE" and _met(bounds(tracker.state.ctm, _UNIT), rects):
                image = inline_xobject(self.source, instruction, resources)
                cut = self._image(image, "inline", tracker.state.ctm, rects)
                if cut is not None:
                    do = pikepdf.Operator("Do")
                    out.instructions.append(
                        pikepdf.ContentStreamInstruction([Name(_fresh_name(out, cut))], do)
                    )
                lost = True
            elif operator in redact_paint.DRAWS:
                kept, lost = painter.draw(instruction, operator, operands, tracker.state.ctm)
                out.instructions += kept
            else:
                if operator in redact_paint.STATE:
                    painter.note(operator, operands, tracker.state.ctm)
                if operator in ("BMC", "BDC"):
                    spans.append((len(out.instructions), _mcid(operands, resources)))
                elif operator == "EMC" and spans:
                    spans.pop()
                tracker.step(operator, operands)
                out.instructions.append(instruction)
            if lost:
                out.changed = True
                for index, mcid in spans:
                    _strip_words(out, index, mcid, resources)
        return out

    def _show(
        self,
        tracker: Tracker,
        instruction: Any,
        shown: tuple[str, list[Any]],
        painter: redact_paint.Painter,
        out: Redacted,
    ) -> bool:
        """A text-showing instruction, without the glyphs under the boxes; whether any went."""
        operator, operands = shown
        prefix: list[pikepdf.ContentStreamInstruction] = []
        if operator == '"' and len(operands) == 3:
            for value, op in ((operands[0], "Tw"), (operands[1], "Tc")):
                prefix.append(pikepdf.ContentStreamInstruction([value], pikepdf.Operator(op)))
        if operator in ("'", '"'):
            prefix.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
        for step in prefix:
            tracker.step(str(step.operator), list(step.operands))
        if operator == "TJ":
            items = list(operands[0]) if operands and isinstance(operands[0], Array) else []
        else:
            items = [operands[-1]] if operands else []
        kept, lost = _split(tracker, items, painter, out)
        if not lost:
            out.instructions.append(instruction)
            return False
        out.instructions += prefix
        out.instructions.append(
            pikepdf.ContentStreamInstruction([Array(kept)], pikepdf.Operator("TJ"))
        )
        return True

    def _draw(
        self,
        tracker: Tracker,
        instruction: Any,
        name: Any,
        rects: Sequence[Rect],
        out: Redacted,
        depth: int,
    ) -> bool:
        """A ``Do``: an image under a box cut, a form under a box redacted for this use."""
        xobjects = out.resources.get("/XObject")
        target = (
            xobjects.get(str(name))
            if isinstance(xobjects, Dictionary) and isinstance(name, Name)
            else None
        )
        ctm = tracker.state.ctm
        replacement: Any = target
        if isinstance(target, pikepdf.Stream) and target.get("/Subtype") == Name.Image:
            replacement = self._image(target, str(name), ctm, rects)
        elif (
            isinstance(target, pikepdf.Stream)
            and target.get("/Subtype") == Name.Form
            and depth < 12
        ):
            replacement = self._form(target, ctm, rects, depth)
        elif rects:
            self._report.refused.append((0, f"an XObject ({name}) the redaction cannot read"))
        if replacement is target:
            out.instructions.append(instruction)
            return False
        if replacement is not None:
            fresh = _fresh_name(out, replacement)
            out.instructions.append(
                pikepdf.ContentStreamInstruction([Name(fresh)], pikepdf.Operator("Do"))
            )
        return True

    def _image(
        self, image: pikepdf.Stream | None, name: str, ctm: Matrix, rects: Sequence[Rect]
    ) -> pikepdf.Object | None:
        """``image`` with its pixels under ``rects`` cut (itself when none is); None when it
        cannot be decoded (left out whole, with a warning)."""
        met = _met(bounds(ctm, _UNIT), rects)
        if not met:
            return image
        self._report.hit.update(met)
        replacement = None if image is None else cut_image(self.source, image, ctm, rects)
        if replacement is None:
            filters = "unreadable" if image is None else _filters(image)
            self._report.warnings.append(
                f"an image ({name}, {filters}) under a box cannot be decoded here to cut it; "
                "it is left out whole"
            )
        return replacement

    def _form(
        self, form: pikepdf.Stream, ctm: Matrix, rects: Sequence[Rect], depth: int
    ) -> pikepdf.Object | None:
        """``form`` as drawn with ``ctm``: itself when no box meets it, else a copy of it
        redacted for this use (made once per placement)."""
        inner = multiply(matrix(form.get("/Matrix")), ctm)
        box = form.get("/BBox")
        area = (
            (number(box[0]), number(box[1]), number(box[2]), number(box[3]))
            if isinstance(box, Array) and len(box) == 4
            else (-1e5, -1e5, 1e5, 1e5)
        )
        if not any(overlaps(bounds(inner, area), r) for r in rects):
            return form
        key = (form.objgen, inner, tuple(rects))
        if key in self._forms:
            return self._forms[key] or form
        resources = form.get("/Resources")
        resources = resources if isinstance(resources, Dictionary) else Dictionary()
        try:
            parsed = pikepdf.parse_content_stream(form)
        except pikepdf.PdfError:
            parsed = []
        redacted = self._stream(parsed, resources, inner, rects, depth + 1)
        if not redacted.changed:
            self._forms[key] = None
            return form
        from besluitpak.pdf import public_bytes

        copy = self.source.make_stream(public_bytes.serialize(redacted.instructions))
        for key_name in _FORM_KEYS:
            if key_name in form:
                copy[key_name] = form[key_name]
        copy.Resources = redacted.resources
        self._forms[key] = copy
        return copy


def _split(
    tracker: Tracker, items: Sequence[Any], painter: redact_paint.Painter, out: Redacted
) -> tuple[list[Any], bool]:
    """The items of a TJ array without the glyphs under ``rects`` (each replaced by its
    advance), and whether any went."""
    kept: list[Any] = []
    run: list[str] = []
    current = b""
    lost = False
    for item in items:
        if not isinstance(item, String):
            if current:
                kept.append(String(current))
                current = b""
            kept.append(item)
            tracker.adjust(number(item))
            continue
        placed = tracker.show(bytes(item))
        rects = painter.rects
        near = _near(placed, rects)
        if near:
            painter.text([rects[i] for i in near])
        if not all(glyph.known for glyph in placed):
            painter.refused.append((0, "a Type 3 glyph whose drawing cannot be followed"))
        for glyph in placed:
            met = [i for i in near if overlaps(glyph.box, rects[i])]
            if not met:
                current += glyph.raw
                _close(run, out)
                continue
            if current:
                kept.append(String(current))
                current = b""
            if glyph.advance:
                kept.append(tracker.space(glyph.advance))
            run.append(glyph.text)
            painter.hit.update(met)
            lost = True
    if current:
        kept.append(String(current))
    _close(run, out)
    return kept, lost


def _near(placed: Sequence[Any], rects: Sequence[Rect]) -> list[int]:
    """The boxes (indices) that meet a string's glyphs at all (most strings meet none)."""
    if not placed:
        return []
    span = (
        min(g.box[0] for g in placed),
        min(g.box[1] for g in placed),
        max(g.box[2] for g in placed),
        max(g.box[3] for g in placed),
    )
    return _met(span, rects)


def _met(area: Rect, rects: Sequence[Rect]) -> list[int]:
    """The indices of the boxes ``area`` meets."""
    return [i for i, r in enumerate(rects) if overlaps(area, r)]


def _filters(image: pikepdf.Stream) -> str:
    value = image.get("/Filter")
    names = list(value) if isinstance(value, Array) else [value] if value is not None else []
    return " ".join(str(n).lstrip("/") for n in names) or "no filter"


def _close(run: list[str], out: Redacted) -> None:
    """A run of removed glyphs ends: its text noted."""
    if run:
        out.removed.append("".join(run))
        run.clear()


def _mcid(operands: list[Any], resources: Dictionary) -> int | None:
    if len(operands) < 2:
        return None
    properties = operands[1]
    if isinstance(properties, Name):
        group = resources.get("/Properties")
        properties = group.get(str(properties)) if isinstance(group, Dictionary) else None
    if isinstance(properties, Dictionary) and isinstance(properties.get("/MCID"), int):
        return int(properties.MCID)
    return None


def _strip_words(out: Redacted, index: int, mcid: int | None, resources: Dictionary) -> None:
    """The marked sequence begun at ``index`` lost content: its property list keeps no
    words (given inline, with only :data:`_WORDLESS`)."""
    if mcid is not None:
        out.touched.add(mcid)
    begin = out.instructions[index]
    operator, operands = operation(begin)
    if operator != "BDC" or len(operands) < 2:
        return
    properties = operands[1]
    if isinstance(properties, Name):
        group = resources.get("/Properties")
        properties = group.get(str(properties)) if isinstance(group, Dictionary) else None
    kept = Dictionary()
    if isinstance(properties, Dictionary):
        for key in _WORDLESS:
            if key in properties and not isinstance(properties[key], Dictionary | Array):
                kept[key] = properties[key]
    out.instructions[index] = pikepdf.ContentStreamInstruction(
        [operands[0], kept], pikepdf.Operator("BDC")
    )


def _fresh_name(out: Redacted, value: pikepdf.Object) -> str:
    """``value`` added to the stream's XObjects (a copy of its resources) under a new name."""
    resources = Dictionary({k: v for k, v in out.resources.items()})
    xobjects = resources.get("/XObject")
    entries = (
        Dictionary({k: v for k, v in xobjects.items()})
        if isinstance(xobjects, Dictionary)
        else Dictionary()
    )
    number_ = len(entries)
    while f"/BPRedacted{number_}" in entries:
        number_ += 1
    name = f"/BPRedacted{number_}"
    entries[name] = value
    resources.XObject = entries
    out.resources = resources
    return name
