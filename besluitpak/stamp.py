"""Page furniture: kenmerk, label and "pagina X van Y" on every page, drawn as artifacts.

The stamps of all pages are drawn in one reportlab document (embedded Carlito, invariant
output) and placed on each page as a Form XObject under a fixed name in that page's *own*
resource dictionary: LibreOffice pages share one /Resources, so writing into it would put
every stamp on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Dictionary, Name
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from besluitpak import fonts

STAMP_NAME = "/BPstamp"
TOP_BAND = 34.0      # points from the top edge to the stamp's baseline
BOTTOM_BAND = 30.0   # points from the bottom edge to the page number's baseline
MARGIN_X = 56.7      # 2 cm
SIZE = 8.5
GREY = Color(0.33, 0.33, 0.33)


@dataclass(frozen=True, kw_only=True)
class Stamp:
    """What one page carries."""

    label: str
    """Top left: ``Collegevoorstel`` or ``Bijlage 3 bij collegebesluit 2014/123456``."""
    kenmerk: str
    """Top right: ``kenmerk 2014/123456``."""
    page: str
    """Bottom: ``pagina 3 van 57``."""


def _page_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    box = [float(v) for v in page.mediabox]
    return box[0], box[1], box[2], box[3]


def _draw(stamps: Sequence[tuple[Stamp, tuple[float, float, float, float]]]) -> bytes:
    regular, bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, pageCompression=1, initialFontName=regular,
                    initialFontSize=SIZE)
    for stamp, (x0, y0, x1, y1) in stamps:
        width, height = x1 - x0, y1 - y0
        canvas.setPageSize((width, height))
        canvas.setFillColor(GREY)
        canvas.setFont(bold, SIZE)
        canvas.drawString(MARGIN_X, height - TOP_BAND, stamp.label)
        canvas.setFont(regular, SIZE)
        canvas.drawRightString(width - MARGIN_X, height - TOP_BAND, stamp.kenmerk)
        canvas.setStrokeColor(Color(0.75, 0.75, 0.75))
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_X, height - TOP_BAND - 5, width - MARGIN_X, height - TOP_BAND - 5)
        canvas.drawCentredString(width / 2, BOTTOM_BAND, stamp.page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_pages(pdf: pikepdf.Pdf, stamps: Sequence[tuple[int, Stamp]]) -> None:
    """Put each ``(page index, stamp)`` on its page, marked as a pagination artifact."""
    if not stamps:
        return
    boxes = [_page_box(pdf.pages[index]) for index, _ in stamps]
    drawn = pikepdf.open(io.BytesIO(_draw([(s, b) for (_, s), b in
                                           zip(stamps, boxes, strict=True)])))
    for (index, _), source, box in zip(stamps, drawn.pages, boxes, strict=True):
        form = pdf.copy_foreign(source.as_form_xobject())
        if box[0] or box[1]:
            form.Matrix = pikepdf.Array([1, 0, 0, 1, box[0], box[1]])
        place_form(pdf, pdf.pages[index], form, STAMP_NAME, "/Artifact <</Type /Pagination>>")


def place_form(pdf: pikepdf.Pdf, page: pikepdf.Page, form: pikepdf.Object, name: str,
               marked: str) -> None:
    """Draw ``form`` over ``page`` inside a marked-content sequence (an artifact)."""
    obj = page.obj
    resources = obj.get("/Resources", Dictionary())
    own = Dictionary({key: value for key, value in resources.items()})
    xobjects = Dictionary({key: value for key, value in
                           resources.get("/XObject", Dictionary()).items()})
    xobjects[Name(name)] = form
    own.XObject = xobjects
    obj.Resources = own
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(f"\nQ\n{marked} BDC q {name} Do Q EMC\n".encode()))
