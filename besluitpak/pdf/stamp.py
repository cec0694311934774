"""Page furniture: kenmerk, label and "pagina X van Y" on every page, drawn as artifacts.

The stamps of all pages are drawn in one reportlab document (embedded Carlito, invariant
output) and placed on each page as a Form XObject under a fixed name in that page's *own*
resource dictionary: LibreOffice pages share one /Resources, so writing into it would put
every stamp on every page.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont as FontToolsFont
from pikepdf import Dictionary, Name
from reportlab.pdfgen.canvas import Canvas

from besluitpak.errors import OutputError
from besluitpak.files import file_hash, write_atomic
from besluitpak.housestyle import (
    GREY,
    RULE,
    STAMP_BOTTOM_BAND,
    STAMP_MARGIN,
    STAMP_SIZE,
    STAMP_TOP_BAND,
    WATERMARK,
)
from besluitpak.pdf import fonts

STAMP_NAME = "/BPstamp"


@dataclass(frozen=True, kw_only=True)
class Stamp:
    """What one page carries."""

    label: str
    """Top left: ``Collegevoorstel`` or ``Bijlage 3 bij collegebesluit 2014/123456``."""
    kenmerk: str
    """Top right: ``kenmerk 2014/123456``."""
    page: str
    """Bottom: ``pagina 3 van 57``."""


def shown_size(page: pikepdf.Page) -> tuple[float, float]:
    """The page's width and height as it is shown (after /Rotate)."""
    x0, y0, x1, y1 = _page_box(page)
    return x1 - x0, y1 - y0


def _page_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """The page as it is shown: (x0, y0, width, height), width and height after /Rotate."""
    box = [float(v) for v in page.mediabox]
    width, height = box[2] - box[0], box[3] - box[1]
    if _rotation(page) in (90, 270):
        width, height = height, width
    return box[0], box[1], box[0] + width, box[1] + height


def _rotation(page: pikepdf.Page) -> int:
    return int(page.obj.get("/Rotate", 0)) % 360


def upright(page: pikepdf.Page, form: pikepdf.Object) -> None:
    """Place a form drawn in the page's *shown* coordinates so that it reads upright, also on
    a page turned with /Rotate (a landscape page in a portrait file)."""
    box = [float(v) for v in page.mediabox]
    x0, y0, width, height = box[0], box[1], box[2] - box[0], box[3] - box[1]
    matrix = {
        0: [1, 0, 0, 1, x0, y0],
        90: [0, 1, -1, 0, x0 + width, y0],
        180: [-1, 0, 0, -1, x0 + width, y0 + height],
        270: [0, -1, 1, 0, x0, y0 + height],
    }[_rotation(page)]
    if matrix != [1, 0, 0, 1, 0, 0]:
        form.Matrix = pikepdf.Array(matrix)


def _kept(
    stamps: Sequence[tuple[Stamp, tuple[float, float, float, float]]], store: Path | None
) -> bytes:
    """What :func:`_draw` makes of ``stamps``, kept in ``store`` under the SHA-256 of all
    that fixes those bytes: the stamps' text and boxes, besluitpak's code and libraries
    (reportlab's version among them), and the font files drawn with."""
    if store is None:
        return _draw(stamps)
    from besluitpak import fingerprint

    key = fingerprint.digest(
        [
            fingerprint.code_version(),
            [file_hash(fonts.path(style)) for style in ("Regular", "Bold")],
            [[s.label, s.kenmerk, s.page, list(box)] for s, box in stamps],
        ]
    )
    path = store / "stamps-v1" / f"{key}.pdf"
    with contextlib.suppress(OSError):
        return path.read_bytes()
    drawn = _draw(stamps)
    with contextlib.suppress(OutputError, OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, drawn, what="the cache")
    return drawn


def _draw(stamps: Sequence[tuple[Stamp, tuple[float, float, float, float]]]) -> bytes:
    regular, bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        invariant=True,
        pageCompression=1,
        initialFontName=regular,
        initialFontSize=STAMP_SIZE,
    )
    for stamp, (x0, y0, x1, y1) in stamps:
        width, height = x1 - x0, y1 - y0
        top = height - STAMP_TOP_BAND
        canvas.setPageSize((width, height))
        canvas.setFillColor(GREY)
        canvas.setFont(bold, STAMP_SIZE)
        canvas.drawString(STAMP_MARGIN, top, stamp.label)
        canvas.setFont(regular, STAMP_SIZE)
        canvas.drawRightString(width - STAMP_MARGIN, top, stamp.kenmerk)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(STAMP_MARGIN, top - 5, width - STAMP_MARGIN, top - 5)
        canvas.drawCentredString(width / 2, STAMP_BOTTOM_BAND, stamp.page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_pages(
    pdf: pikepdf.Pdf, stamps: Sequence[tuple[int, Stamp]], *, store: Path | None = None
) -> None:
    """Put each ``(page index, stamp)`` on its page, marked as a pagination artifact; the
    drawn stamps kept in ``store`` (a rebuild whose page count did not change draws none)."""
    if not stamps:
        return
    boxes = [_page_box(pdf.pages[index]) for index, _ in stamps]
    drawn = pikepdf.open(
        io.BytesIO(_kept([(s, b) for (_, s), b in zip(stamps, boxes, strict=True)], store))
    )
    for (index, _), source in zip(stamps, drawn.pages, strict=True):
        form = pdf.copy_foreign(source.as_form_xobject())
        upright(pdf.pages[index], form)
        place_form(pdf, pdf.pages[index], form, STAMP_NAME, "/Artifact <</Type /Pagination>>")


def place_form(
    pdf: pikepdf.Pdf,
    page: pikepdf.Page,
    form: pikepdf.Object,
    name: str,
    marked: str,
    *,
    under: bool = False,
) -> None:
    """Draw ``form`` over (or ``under``) ``page`` inside a marked-content sequence."""
    obj = page.obj
    resources = obj.get("/Resources", Dictionary())
    own = Dictionary({key: value for key, value in resources.items()})
    xobjects = Dictionary(
        {key: value for key, value in resources.get("/XObject", Dictionary()).items()}
    )
    xobjects[Name(name)] = form
    own.XObject = xobjects
    obj.Resources = own
    if under:
        page.contents_add(
            pdf.make_stream(f"{marked} BDC q {name} Do Q EMC\n".encode()), prepend=True
        )
        return
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(f"\nQ\n{marked} BDC q {name} Do Q EMC\n".encode()))


WATERMARK_NAME = "/BPmark"


class _CanvasPen(BasePen):  # type: ignore[misc]
    """Draws a glyph's outline into a reportlab canvas path (quadratics become cubics)."""

    def __init__(self, glyphs: Any, path: Any) -> None:
        super().__init__(glyphs)
        self.path = path

    def _moveTo(self, point: tuple[float, float]) -> None:
        self.path.moveTo(*point)

    def _lineTo(self, point: tuple[float, float]) -> None:
        self.path.lineTo(*point)

    def _curveToOne(
        self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]
    ) -> None:
        self.path.curveTo(*p1, *p2, *p3)

    def _closePath(self) -> None:
        self.path.close()


@functools.cache
def _glyphs() -> tuple[Any, dict[int, str], int]:
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # Carlito's odd 'created' date
    font = FontToolsFont(str(fonts.path("Bold")))
    return font.getGlyphSet(), font.getBestCmap(), int(font["head"].unitsPerEm)


def _draw_outlined(canvas: Canvas, text: str, size: float) -> float:
    """Draw ``text`` as filled glyph outlines (paths, not text: nothing to extract)."""
    glyphs, cmap, units = _glyphs()
    scale = size / units
    x = 0.0
    for char in text:
        name = cmap.get(ord(char), ".notdef")
        glyph = glyphs[name]
        outline = canvas.beginPath()
        glyph.draw(_CanvasPen(glyphs, outline))
        canvas.saveState()
        canvas.translate(x, 0)
        canvas.scale(scale, scale)
        canvas.drawPath(outline, stroke=0, fill=1)
        canvas.restoreState()
        x += glyph.width * scale
    return x


def _text_width(text: str, size: float) -> float:
    glyphs, cmap, units = _glyphs()
    return float(sum(glyphs[cmap.get(ord(c), ".notdef")].width for c in text)) * size / units


def watermark_pages(pdf: pikepdf.Pdf, text: str) -> None:
    """A diagonal mark under the content of every page, drawn as outlines and marked as a
    watermark artifact: visible, but neither text nor structure. One form per page size."""
    regular, _ = fonts.register()
    boxes = [_page_box(page) for page in pdf.pages]
    sizes = sorted({(round(x1 - x0, 2), round(y1 - y0, 2)) for x0, y0, x1, y1 in boxes})
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, pageCompression=1, initialFontName=regular)
    for width, height in sizes:
        canvas.setPageSize((width, height))
        diagonal = (width**2 + height**2) ** 0.5
        size = min(54.0, 0.7 * diagonal / max(1.0, _text_width(text, 1.0)))
        canvas.saveState()
        canvas.translate(width / 2, height / 2)
        canvas.rotate(math.degrees(math.atan2(height, width)))
        canvas.translate(-_text_width(text, size) / 2, -size / 3)
        canvas.setFillColor(WATERMARK)
        _draw_outlined(canvas, text, size)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    drawn = pikepdf.open(io.BytesIO(buffer.getvalue()))
    forms = {
        size: pdf.copy_foreign(page.as_form_xobject())
        for size, page in zip(sizes, drawn.pages, strict=True)
    }
    for page, (x0, y0, x1, y1) in zip(pdf.pages, boxes, strict=True):
        size = (round(x1 - x0, 2), round(y1 - y0, 2))
        form = forms[size]
        if x0 or y0 or _rotation(page):
            form = pdf.copy_foreign(drawn.pages[sizes.index(size)].as_form_xobject())
            upright(page, form)
        place_form(
            pdf,
            page,
            form,
            WATERMARK_NAME,
            "/Artifact <</Type /Pagination /Subtype /Watermark>>",
            under=True,
        )
