"""A table of its own as a tagged PDF (the inventarislijst of a publication folder).

Drawn with reportlab in the house style (:mod:`besluitpak.housestyle`): Carlito, the
accent colour, the templates' margins; text inside marked-content sequences, decoration
(fills, rules, underlines, the page footer) as artifacts. A4 portrait, or landscape when the
columns' widths do not fit portrait. Cells wrap; a row is never split across pages; the
header row is drawn again at the top of every later page, there as a pagination artifact,
so that the structure tree holds one Table with one header row (a screen reader hears one
table, not one per page).

The structure tree: Document > H1 (the title), P (each intro line), Table > THead > TR >
TH (``/Scope /Column``) and TBody > TR > TD; a cell given as ``(text, url)`` holds a Link
element whose marked content is the text and whose OBJR is a link annotation with a
description (``/Contents``). The file gets one bookmark and page labels; metadata, PDF/A
and PDF/UA identification are added by :func:`besluitpak.pdf.assemble.finish_standalone`.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from besluitpak.housestyle import (
    ACCENT,
    GREY,
    INK,
    MARGIN,
    RULE,
    STAMP_BOTTOM_BAND,
    STAMP_SIZE,
    STRIPE,
)
from besluitpak.pdf import fonts, tagging
from besluitpak.pdf.table_layout import (
    INTRO_SIZE,
    LEADING,
    PAD,
    SIZE,
    TITLE_SIZE,
    TOP,
    Row,
    check,
    heading_lines,
    layout_row,
    paginate,
)
from besluitpak.pdf.tagging import Tagger

Cell = str | tuple[str, str]
"""A cell's text, or ``(text, url)`` for a link."""


@dataclass
class _Element:
    """A structure element being collected: its type, its marked content (page, MCID), its
    kids, and for a Link the annotation's rectangle, address and description."""

    kind: str
    page: int | None = None
    mcid: int | None = None
    kids: list[_Element] = field(default_factory=list)
    scope: bool = False
    link: tuple[tuple[float, float, float, float], str, str] | None = None


@contextlib.contextmanager
def _marked(t: Tagger, element: _Element) -> Iterator[None]:
    """Draw ``element``'s marked content, noting its page and MCID."""
    with t.tag(element.kind) as mcid:
        element.page, element.mcid = t.page, mcid
        yield


def table_pdf(
    *,
    title: str,
    intro: Sequence[str],
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
) -> pikepdf.Pdf:
    """``rows`` under ``header`` as a tagged PDF, with ``title`` and ``intro`` above them.

    ``widths`` are the columns' widths in points: portrait when they fit its 16 cm of text
    width, landscape otherwise; either way they are scaled to fill the text width.
    """
    check(header, rows, widths)
    regular, bold = fonts.register()
    pagesize = A4 if sum(widths) <= A4[0] - 2 * MARGIN else landscape(A4)
    usable = pagesize[0] - 2 * MARGIN
    columns = [usable * w / sum(widths) for w in widths]
    head = layout_row([(h, None) for h in header], columns, bold)
    laid = [layout_row([_split(c) for c in row], columns, regular) for row in rows]
    heading = heading_lines(title, intro, usable, regular, bold)
    pages = paginate(laid, head.height, heading[2], pagesize[1])

    buffer = io.BytesIO()
    canvas = _canvas(buffer, pagesize, regular)
    tagger = Tagger(canvas=canvas)
    document = _Element("Document")
    table = _Element("Table")
    thead, tbody = _Element("THead"), _Element("TBody")
    table.kids = [thead, tbody]
    for number, chunk in enumerate(pages):
        if number:
            tagger.next_page()
        y = pagesize[1] - TOP
        if number == 0:
            y = _draw_heading(tagger, document, heading, regular, bold, y)
            document.kids.append(table)
            tr = _Element("TR")
            thead.kids.append(tr)
            y = _draw_row(tagger, head, columns, y, bold, tr=tr, header=True)
        else:
            with tagger.artifact("/Type /Pagination /Subtype /Header"):
                y = _draw_row(tagger, head, columns, y, bold, tr=None, header=True)
        for index in chunk:
            tr = _Element("TR")
            tbody.kids.append(tr)
            y = _draw_row(tagger, laid[index], columns, y, regular, tr=tr, stripe=index % 2 == 1)
        _footer(canvas, title, number + 1, len(pages), pagesize, regular)
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    _structure(pdf, document)
    _navigation(pdf, title)
    return pdf


def _canvas(buffer: io.BytesIO, pagesize: tuple[float, float], font: str) -> Canvas:
    """A canvas that writes reproducible bytes, starting in ``font`` at the cells' size."""
    return Canvas(
        buffer,
        pagesize=pagesize,
        invariant=True,
        pageCompression=1,
        initialFontName=font,
        initialFontSize=SIZE,
    )


def _split(cell: Cell) -> tuple[str, str | None]:
    return (cell, None) if isinstance(cell, str) else (cell[0], cell[1])


def _draw_heading(
    t: Tagger,
    document: _Element,
    heading: tuple[list[str], list[list[str]], float],
    regular: str,
    bold: str,
    y: float,
) -> float:
    """The title (H1) and the intro (a P each) from ``y`` (the top) down; the top of what
    follows."""
    c = t.canvas
    title_lines, intro_lines, _ = heading
    y -= TITLE_SIZE
    h1 = _Element("H1")
    document.kids.append(h1)
    with _marked(t, h1):
        c.setFillColor(ACCENT)
        c.setFont(bold, TITLE_SIZE)
        for line in title_lines:
            c.drawString(MARGIN, y, line)
            y -= 26
    y -= -26 + 22
    for lines in intro_lines:
        p = _Element("P")
        document.kids.append(p)
        with _marked(t, p):
            c.setFillColor(INK)
            c.setFont(regular, INTRO_SIZE)
            for line in lines:
                y -= 11
                c.drawString(MARGIN, y, line)
                y -= 4
        y -= 6
    return y - (12 if intro_lines else 0)


def _draw_row(
    t: Tagger,
    laid: Row,
    columns: Sequence[float],
    top: float,
    font: str,
    *,
    tr: _Element | None,
    header: bool = False,
    stripe: bool = False,
) -> float:
    """One row from ``top`` down; the row's bottom. A header row has TH cells on the accent
    colour, a body row TD cells; with no ``tr`` the row is drawn untagged (the caller has
    opened an artifact around it)."""
    c = t.canvas
    bottom = top - laid.height
    right = MARGIN + sum(columns)
    decoration = contextlib.nullcontext() if tr is None else t.artifact()
    with decoration:
        if header or stripe:
            c.setFillColor(ACCENT if header else STRIPE)
            c.rect(MARGIN, bottom, right - MARGIN, laid.height, stroke=0, fill=1)
        if not header:
            c.setStrokeColor(RULE)
            c.setLineWidth(0.5)
            c.line(MARGIN, bottom, right, bottom)
    x = MARGIN
    for lines, url, width in zip(laid.lines, laid.urls, columns, strict=True):
        cell = _Element("TH" if header else "TD", scope=header)
        if tr is not None:
            tr.kids.append(cell)
        if lines:
            _draw_cell(t, cell if tr is not None else None, lines, url, x, top, font, header)
        x += width
    return bottom


def _draw_cell(
    t: Tagger,
    cell: _Element | None,
    lines: Sequence[str],
    url: str | None,
    x: float,
    top: float,
    font: str,
    header: bool,
) -> None:
    """A cell's lines from ``(x, top)``, tagged as ``cell`` (or as a Link in it), or
    untagged when ``cell`` is None."""
    c = t.canvas
    baseline = top - PAD - SIZE * 0.95 - 1
    owner = cell
    if cell is not None and url is not None:
        owner = _Element("Link")
        cell.kids.append(owner)
    marked = contextlib.nullcontext() if owner is None else _marked(t, owner)
    with marked:
        c.setFillColor(white if header else ACCENT if url else INK)
        c.setFont(font, SIZE)
        for number, line in enumerate(lines):
            c.drawString(x + PAD, baseline - LEADING * number, line)
    if url is None:
        return
    widest = max(stringWidth(line, font, SIZE) for line in lines)
    last = baseline - LEADING * (len(lines) - 1)
    decoration = contextlib.nullcontext() if owner is None else t.artifact()
    with decoration:
        c.setStrokeColor(ACCENT)
        c.setLineWidth(0.5)
        for number, line in enumerate(lines):
            under = baseline - LEADING * number - 1.5
            c.line(x + PAD, under, x + PAD + stringWidth(line, font, SIZE), under)
    if owner is not None:
        rect = (x + PAD - 1, last - 3, x + PAD + widest + 1, baseline + SIZE * 0.8)
        owner.link = (rect, url, f"{' '.join(lines)}: {url}" if "".join(lines) != url else url)


def _footer(
    c: Canvas, title: str, page: int, total: int, pagesize: tuple[float, float], font: str
) -> None:
    """The title and ``pagina X van Y`` at the foot of the page, where the stamp puts the
    page number on a bundle's pages, as a pagination artifact."""
    c._code.append("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
    c.setFillColor(GREY)
    c.setFont(font, STAMP_SIZE)
    text = f"pagina {page} van {total}"
    room = pagesize[0] - 2 * MARGIN - stringWidth(text, font, STAMP_SIZE) - 24
    label = title
    while label and stringWidth(label, font, STAMP_SIZE) > room:
        label = label[:-2] + "…"
    c.drawString(MARGIN, STAMP_BOTTOM_BAND, label)
    c.drawRightString(pagesize[0] - MARGIN, STAMP_BOTTOM_BAND, text)
    c._code.append("EMC")


def _structure(pdf: pikepdf.Pdf, document: _Element) -> None:
    """Write the collected elements as the structure tree, with its ParentTree (each page's
    MCIDs, then one key per link annotation)."""
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    per_page: dict[int, dict[int, pikepdf.Object]] = {}
    links: list[pikepdf.Object] = []
    top = _write(pdf, document, root, per_page, links)
    root.K = Array([top])
    pages = {page: [owners[m] for m in sorted(owners)] for page, owners in per_page.items()}
    tagging.parent_tree(pdf, root, pages, list(enumerate(links, len(pdf.pages))))
    pdf.Root.Lang = String("nl-NL")


def _write(
    pdf: pikepdf.Pdf,
    element: _Element,
    parent: pikepdf.Object,
    per_page: dict[int, dict[int, pikepdf.Object]],
    links: list[pikepdf.Object],
) -> pikepdf.Object:
    """``element`` and its kids as structure elements under ``parent``; each MCID's owner
    noted in ``per_page``, each Link element in ``links`` (its annotation's key is the
    pages' count plus its place there)."""
    obj = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.kind), P=parent))
    if element.scope:
        obj.A = Dictionary(O=Name.Table, Scope=Name.Column)
    kids: list[pikepdf.Object | int] = []
    if element.page is not None and element.mcid is not None:
        page = pdf.pages[element.page].obj
        obj.Pg = page
        kids.append(element.mcid)
        per_page.setdefault(element.page, {})[element.mcid] = obj
        if element.link is not None:
            key = len(pdf.pages) + len(links)
            links.append(obj)
            rect, url, text = element.link
            rounded = (round(rect[0], 2), round(rect[1], 2), round(rect[2], 2), round(rect[3], 2))
            kids.append(tagging.link_annotation(pdf, page, rounded, text=text, key=key, uri=url))
    kids.extend(_write(pdf, kid, obj, per_page, links) for kid in element.kids)
    if kids:
        obj.K = kids[0] if len(kids) == 1 else Array(kids)
    return obj


def _navigation(pdf: pikepdf.Pdf, title: str) -> None:
    """One bookmark (the title, to the first page) and page labels 1, 2, 3…"""
    with pdf.open_outline() as outline:
        outline.root.append(OutlineItem(title, Array([pdf.pages[0].obj, Name.Fit])))
    pdf.Root.PageLabels = pdf.make_indirect(Dictionary(Nums=Array([0, Dictionary(S=Name.D)])))
