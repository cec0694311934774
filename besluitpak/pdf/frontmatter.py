"""The bundle's own pages: the cover and the table of contents, drawn and tagged here.

Text is drawn with reportlab inside marked-content sequences (``/P <</MCID n>> BDC … EMC``);
decoration is drawn as artifacts. The structure tree (Part, H1, P, TOC, TOCI, Link) is then
written with pikepdf. Contents lines link to named destinations (``doc-0``, ``doc-3``) that
the assembler defines once the bundle's pages exist.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from besluitpak.housestyle import (
    ACCENT,
    BANNER_SIZE,
    GREY,
    INK,
    LEFT,
    PLACEHOLDER_HEADING_SIZE,
    PLACEHOLDER_TEXT_SIZE,
    RIGHT,
)
from besluitpak.pdf import fonts, tagging
from besluitpak.pdf.tagging import Tagger

TOC_ROWS_PER_PAGE = 22


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One line of the contents."""

    label: str
    """``Collegevoorstel`` or ``Bijlage 3``."""
    titel: str
    page: int | None
    """The printed page number of the document's first page."""
    destination: str
    """Named destination of the document's first page."""
    note: str = ""
    """Shown after the title, e.g. ``niet openbaar (art. 55 Gemeentewet)``."""


@dataclass(frozen=True, kw_only=True)
class Cover:
    """What the cover says."""

    gemeente: str
    onderwerp: str
    kenmerk: str
    collegevergadering: str
    portefeuillehouder: str
    afdeling: str
    bijlagen: int
    editie: str
    notices: tuple[str, ...] = ()
    """Prominent lines, e.g. the embargo."""


def toc_pages(entries: int) -> int:
    """How many pages the contents needs."""
    return max(1, -(-entries // TOC_ROWS_PER_PAGE))


def _cover(t: Tagger, cover: Cover) -> None:
    regular, bold = fonts.register()
    y = _cover_heading(t, cover, regular, bold)
    y = _cover_rows(t, cover, y, regular, bold)
    _cover_notices(t, cover.notices, y, bold)


def _cover_heading(t: Tagger, cover: Cover, regular: str, bold: str) -> float:
    """The banner with the gemeente, the heading and the onderwerp; where the rows begin."""
    c = t.canvas
    width, height = A4
    with t.artifact():
        c.setFillColor(ACCENT)
        c.rect(0, height - 120, width, 120, stroke=0, fill=1)
    with t.tag("P"):
        c.setFillColor(white)
        c.setFont(bold, BANNER_SIZE)
        c.drawString(LEFT, height - 72, f"Gemeente {cover.gemeente}")
    y: float = height - 220
    with t.tag("H1"):
        c.setFillColor(ACCENT)
        c.setFont(bold, 34)
        c.drawString(LEFT, y, "Collegebesluit")
    y -= 44
    with t.tag("P"):
        c.setFillColor(INK)
        c.setFont(regular, 19)
        for line in simpleSplit(cover.onderwerp, regular, 19, RIGHT - LEFT):
            c.drawString(LEFT, y, line)
            y -= 25
    return y - 30


def _cover_rows(t: Tagger, cover: Cover, y: float, regular: str, bold: str) -> float:
    """Kenmerk, vergadering, portefeuillehouder…: a name and its value per row, from ``y``
    down; where the rows end."""
    c = t.canvas
    rows = [
        ("Kenmerk", cover.kenmerk),
        ("Collegevergadering", cover.collegevergadering),
        ("Portefeuillehouder", cover.portefeuillehouder),
        ("Afdeling", cover.afdeling),
        ("Bijlagen", str(cover.bijlagen)),
        ("Editie", cover.editie),
    ]
    for name, value in rows:
        with t.tag("P"):
            c.setFillColor(GREY)
            c.setFont(bold, 11.5)
            c.drawString(LEFT, y, name)
            c.setFillColor(INK)
            c.setFont(regular, 11.5)
            for line in simpleSplit(value, regular, 11.5, RIGHT - LEFT - 140):
                c.drawString(LEFT + 140, y, line)
                y -= 16
        y -= 4
    return y


def _cover_notices(t: Tagger, notices: Sequence[str], y: float, bold: str) -> None:
    """The prominent lines (the embargo…), each in a box, from ``y`` down."""
    c = t.canvas
    for notice in notices:
        y -= 24
        lines = simpleSplit(notice, bold, 14, RIGHT - LEFT - 24)
        box_height = 16 * len(lines) + 18
        with t.artifact():
            c.setStrokeColor(ACCENT)
            c.setLineWidth(1.5)
            c.rect(LEFT, y - box_height + 14, RIGHT - LEFT, box_height, stroke=1, fill=0)
        with t.tag("P"):
            c.setFillColor(ACCENT)
            c.setFont(bold, 14)
            for line in lines:
                c.drawString(LEFT + 12, y - 4, line)
                y -= 16
        y -= 20


def _contents(t: Tagger, entries: Sequence[Entry]) -> None:
    regular, bold = fonts.register()
    c = t.canvas
    height = A4[1]
    for page_index in range(toc_pages(len(entries))):
        if page_index:
            t.next_page()
        y = height - 110
        with t.tag("H1"):
            c.setFillColor(ACCENT)
            c.setFont(bold, 22)
            c.drawString(LEFT, y, "Inhoud" if page_index == 0 else "Inhoud (vervolg)")
        y -= 40
        chunk = entries[page_index * TOC_ROWS_PER_PAGE : (page_index + 1) * TOC_ROWS_PER_PAGE]
        for entry in chunk:
            title_width = RIGHT - LEFT - 95 - 40
            text = entry.titel + (f" — {entry.note}" if entry.note else "")
            lines = simpleSplit(text, regular, 11, title_width)
            top = y + 12
            with t.tag("Link") as mcid:
                c.setFillColor(INK)
                c.setFont(bold, 11)
                c.drawString(LEFT, y, entry.label)
                c.setFont(regular, 11)
                for number, line in enumerate(lines):
                    c.drawString(LEFT + 95, y - 14 * number, line)
                if entry.page is not None:
                    c.drawRightString(RIGHT, y, str(entry.page))
            bottom = y - 14 * (len(lines) - 1) - 4
            description = f"{entry.label}: {entry.titel}" + (
                f", pagina {entry.page}" if entry.page is not None else ""
            )
            t.links.append(
                (t.page, mcid, (LEFT - 2, bottom, RIGHT + 2, top), entry.destination, description)
            )
            y = bottom - 14


def _new_canvas() -> tuple[io.BytesIO, Canvas]:
    """An A4 canvas that writes reproducible bytes and never falls back to Helvetica."""
    regular, _ = fonts.register()
    buffer = io.BytesIO()
    return buffer, Canvas(
        buffer,
        pagesize=A4,
        invariant=True,
        pageCompression=1,
        initialFontName=regular,
        initialFontSize=11,
    )


def build(cover: Cover, entries: Sequence[Entry]) -> pikepdf.Pdf:
    """The cover page and contents page(s), tagged, with links to named destinations."""
    buffer, canvas = _new_canvas()
    tagger = Tagger(canvas=canvas)
    _cover(tagger, cover)
    cover_elements = len(tagger.elements)
    tagger.next_page()
    _contents(tagger, entries)
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    _structure(pdf, tagger, cover_elements)
    return pdf


def _structure(pdf: pikepdf.Pdf, tagger: Tagger, cover_elements: int) -> None:
    """The structure tree of the drawn pages: the cover's elements in one Part, the contents'
    heading(s) and a TOC of linked TOCI in another; the first ``cover_elements`` of the
    tagger's elements are the cover's."""
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    cover_part = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Part, T=String("Omslag"), P=root, K=Array())
    )
    toc_part = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Part, T=String("Inhoud"), P=root, K=Array())
    )
    toc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.TOC, P=toc_part, K=Array()))
    root.K = Array([cover_part, toc_part])
    per_page: dict[int, list[pikepdf.Object]] = {}
    links = {(link[0], link[1]): link for link in tagger.links}
    keyed: list[tuple[int, pikepdf.Object]] = []
    toc_placed = False
    for index, (kind, page, mcid) in enumerate(tagger.elements):
        element = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + kind), Pg=pdf.pages[page].obj, K=mcid)
        )
        if index < cover_elements:
            element.P = cover_part
            cover_part.K.append(element)
        elif kind == "Link":
            key = len(pdf.pages) + len(keyed)
            tagging.toc_item(pdf, toc, element, links[(page, mcid)], key=key)
            keyed.append((key, element))
        else:
            element.P = toc_part
            toc_part.K.append(element)
            if not toc_placed:  # the TOC element follows the first "Inhoud" heading
                toc_part.K.append(toc)
                toc_placed = True
        per_page.setdefault(page, []).append(element)
    tagging.parent_tree(pdf, root, per_page, keyed)


def placeholder(heading: str, lines: Sequence[str]) -> pikepdf.Pdf:
    """One tagged page standing in for a withheld document (heading and a few lines)."""
    regular, bold = fonts.register()
    buffer, canvas = _new_canvas()
    tagger = Tagger(canvas=canvas)
    y = A4[1] - 140
    with tagger.tag("H1"):
        canvas.setFillColor(ACCENT)
        canvas.setFont(bold, PLACEHOLDER_HEADING_SIZE)
        for line in simpleSplit(heading, bold, PLACEHOLDER_HEADING_SIZE, RIGHT - LEFT):
            canvas.drawString(LEFT, y, line)
            y -= 24
    y -= 16
    for text in lines:
        with tagger.tag("P"):
            canvas.setFillColor(INK)
            canvas.setFont(regular, PLACEHOLDER_TEXT_SIZE)
            for line in simpleSplit(text, regular, PLACEHOLDER_TEXT_SIZE, RIGHT - LEFT):
                canvas.drawString(LEFT, y, line)
                y -= 17
        y -= 6
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    page = pdf.pages[0].obj
    elements: list[pikepdf.Object] = [
        pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=root, Pg=page, K=mcid)
        )
        for kind, _, mcid in tagger.elements
    ]
    root.K = Array(elements)
    tagging.parent_tree(pdf, root, {0: elements}, [])
    return pdf
