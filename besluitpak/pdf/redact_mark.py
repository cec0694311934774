"""What stands where words were removed: a black box naming its Woo ground in white.

Each redaction box of a page is painted black and says ``Gelakt: 5.1.2e`` (or as much of it as
fits: ``5.1.2e``) in white, in Carlito embedded in the PDF, along the box's long side (as the
words it replaces ran), turned with the page's ``/Rotate`` where that makes it upright. In a
tagged document each box's text is marked content of a ``Span`` element whose ``/ActualText``
is the whole sentence (``Gelakt: artikel 5.1.2e Woo``); the black itself is an artifact. The
boxes are drawn with reportlab (which embeds the font) and their drawing appended to the
page, after the page's own content (wrapped in ``q``/``Q`` so that the state it leaves does
not move them).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts
from besluitpak.pdf.public_structure import ParentTree

Rect = tuple[float, float, float, float]
K = TypeVar("K")
_SMALLEST = 3.0
"""The smallest size the ground is written at; a box too small for it stays black."""


@dataclass(frozen=True, kw_only=True)
class Box:
    """One redaction box: where (default user space of its page) and on what ground."""

    rect: Rect
    ground: str


def sentence(ground: str) -> str:
    """What a box says to assistive technology."""
    return f"Gelakt: artikel {ground} Woo"


@dataclass(frozen=True, kw_only=True)
class Marks:
    """The drawing of a page's boxes, ready to append to its content."""

    content: bytes
    fonts: dict[str, pikepdf.Object]
    """Resource name → font (an object of the PDF the marks were made for)."""
    spans: list[tuple[int, str]]
    """(MCID, ActualText) of each tagged text."""


Drawing = tuple[Sequence[Box], int, int]
"""What one page gets: its boxes, its ``/Rotate``, the first MCID free for their texts."""


def marks(out: pikepdf.Pdf, pages: Mapping[K, Drawing], *, tagged: bool) -> dict[K, Marks]:
    """The boxes drawn for pages of ``out`` (each rotated for display as it says), drawn in
    one document so that all of them share one embedded copy of the font."""
    regular, _ = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, pageCompression=0, initialFontName=regular)
    spans: list[list[tuple[int, str]]] = []
    for boxes, rotate, first_mcid in pages.values():
        spans.append(_draw(canvas, regular, boxes, rotate, first_mcid, tagged=tagged))
        canvas.showPage()
    canvas.save()
    made: dict[K, Marks] = {}
    copied: dict[tuple[int, int], pikepdf.Object] = {}
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as drawn:
        for key, page, texts in zip(pages, drawn.pages, spans, strict=True):
            content = page.obj.Contents.read_bytes()
            found = page.obj.Resources.get("/Font")
            listed = dict(found.items()) if isinstance(found, Dictionary) else {}
            used: dict[str, pikepdf.Object] = {}
            for name, font in listed.items():
                if font.objgen not in copied:
                    copied[font.objgen] = out.copy_foreign(font)
                used[f"/BPLak{name.lstrip('/')}"] = copied[font.objgen]
                content = content.replace(
                    f"{name} ".encode(), f"/BPLak{name.lstrip('/')} ".encode()
                )
            made[key] = Marks(content=content, fonts=used, spans=texts)
    return made


def _draw(
    canvas: Canvas, font: str, boxes: Sequence[Box], rotate: int, first_mcid: int, *, tagged: bool
) -> list[tuple[int, str]]:
    """One page's boxes; (MCID, ActualText) of each tagged text."""
    spans: list[tuple[int, str]] = []
    for box in boxes:
        x0, y0, x1, y1 = box.rect
        canvas._code.append("/Artifact BMC" if tagged else "")
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canvas._code.append("EMC" if tagged else "")
        angle = _angle(box.rect, rotate)
        wide, high = (y1 - y0, x1 - x0) if angle % 180 else (x1 - x0, y1 - y0)
        text, size = _fitting(font, box.ground, wide, high)
        if text is None:
            continue
        mcid = first_mcid + len(spans)
        if tagged:
            canvas._code.append(f"/Span <</MCID {mcid}>> BDC")
            spans.append((mcid, sentence(box.ground)))
        canvas.saveState()
        canvas.translate((x0 + x1) / 2, (y0 + y1) / 2)
        canvas.rotate(angle)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(font, size)
        canvas.drawCentredString(0, -size * 0.35, text)
        canvas.restoreState()
        if tagged:
            canvas._code.append("EMC")
    return spans


def _angle(rect: Rect, rotate: int) -> int:
    """The ground is written along the box's long side (as the words it replaces ran),
    upright or turned as the page is shown where it can be."""
    turn = rotate % 360
    if rect[2] - rect[0] >= rect[3] - rect[1]:
        return 180 if turn == 180 else 0
    return 270 if turn == 270 else 90


def _fitting(font: str, ground: str, wide: float, high: float) -> tuple[str | None, float]:
    """The longest text of the ground that fits the box, and its size."""
    for text in (f"Gelakt: {ground}", ground):
        size = min(high * 0.7, 11.0)
        width = stringWidth(text, font, size)
        if width > wide * 0.92:
            size *= wide * 0.92 / width
        if size >= _SMALLEST:
            return text, size
    return None, 0.0


def add_fonts(resources: Dictionary, found: dict[str, pikepdf.Object]) -> None:
    """The marks' fonts added to a page's (new) resources."""
    if not found:
        return
    entries = resources.get("/Font")
    if not isinstance(entries, Dictionary):
        entries = Dictionary()
    for name, font in found.items():
        entries[name] = font
    resources[Name.Font] = entries


def element(
    new: pikepdf.Pdf,
    root: pikepdf.Object,
    parents: ParentTree,
    page: pikepdf.Object,
    mcid: int,
    words: str,
) -> pikepdf.Object:
    """The structure of a redaction box's text: a paragraph whose span says the ground."""
    element = new.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=root, Pg=page))
    span = new.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Span,
            P=element,
            Pg=page,
            K=mcid,
            ActualText=String(words),
            Lang=String("nl-NL"),
        )
    )
    element.K = Array([span])
    parents.add(page, mcid, span)
    return element


def last_mcid(page: pikepdf.Object, resources: Any) -> int:
    """The highest MCID a page's own content marks (-1: none)."""
    last = -1
    try:
        instructions = pikepdf.parse_content_stream(page, "BDC")
    except pikepdf.PdfError:
        return last
    for instruction in instructions:
        properties = instruction.operands[1] if len(instruction.operands) > 1 else None
        if isinstance(properties, Name) and isinstance(resources, Dictionary):
            group = resources.get("/Properties")
            properties = group.get(str(properties)) if isinstance(group, Dictionary) else None
        if isinstance(properties, Dictionary) and isinstance(properties.get("/MCID"), int):
            last = max(last, int(properties.MCID))
    return last
