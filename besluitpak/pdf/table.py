"""A table of its own as a tagged PDF (the inventarislijst of a publication folder).

Drawn with reportlab in the house style of :mod:`besluitpak.pdf.frontmatter`: Carlito, the
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
from reportlab.lib.colors import Color, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts, tagging
from besluitpak.pdf.frontmatter import ACCENT, GREY, LEFT
from besluitpak.pdf.tagging import Tagger

Cell = str | tuple[str, str]
"""A cell's text, or ``(text, url)`` for a link."""

INK = Color(0.1, 0.1, 0.1)
STRIPE = Color(0.965, 0.945, 0.95)
RULE = Color(0.75, 0.75, 0.75)
MARGIN = LEFT
"""Left and right margin (2.5 cm, as the templates)."""
TOP = 62.0
"""From the top edge to the top of the first line (the heading, or the header row)."""
BOTTOM = 56.0
"""From the bottom edge to the lowest row's bottom (the footer sits below it)."""
FOOTER = 30.0
SIZE = 9.5
LEADING = 12.0
PAD = 4.0
TITLE_SIZE = 20.0
INTRO_SIZE = 11.0


@dataclass(frozen=True, kw_only=True)
class _Row:
    """A row laid out: each cell's lines, its link (if any), and the row's height."""

    lines: tuple[tuple[str, ...], ...]
    urls: tuple[str | None, ...]
    height: float


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
    _check(header, rows, widths)
    regular, bold = fonts.register()
    pagesize = A4 if sum(widths) <= A4[0] - 2 * MARGIN else landscape(A4)
    usable = pagesize[0] - 2 * MARGIN
    columns = [usable * w / sum(widths) for w in widths]
    head = _layout([(h, None) for h in header], columns, bold)
    laid = [_layout([_split(c) for c in row], columns, regular) for row in rows]
    heading = _heading_lines(title, intro, usable, regular, bold)
    pages = _paginate(laid, head.height, heading[2], pagesize[1])

    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        invariant=True,
        pageCompression=1,
        initialFontName=regular,
        initialFontSize=SIZE,
    )
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


def _check(header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float]) -> None:
    if not header or len(widths) != len(header):
        raise ValueError(
            f"table_pdf: widths: expected one per column ({len(header)}), got {len(widths)}"
        )
    if any(w <= 0 for w in widths):
        raise ValueError(f"table_pdf: widths: expected positive numbers, got {list(widths)}")
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ValueError(
                f"table_pdf: row {number}: expected {len(header)} cells, got {len(row)}"
            )


def _split(cell: Cell) -> tuple[str, str | None]:
    return (cell, None) if isinstance(cell, str) else (cell[0], cell[1])


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: at spaces, and a word wider than a line
    (an address) after a ``/``, ``-``, ``.``, ``_``, ``?``, ``&`` or ``=``, else anywhere."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        for line in simpleSplit(paragraph, font, size, width):
            while stringWidth(line, font, size) > width:
                cut = _cut(line, font, size, width)
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    return lines


def _cut(line: str, font: str, size: float, width: float) -> int:
    """Where to break an over-wide ``line``: the most that fits, after a breaking mark if
    there is one."""
    fits = 1
    while fits < len(line) and stringWidth(line[: fits + 1], font, size) <= width:
        fits += 1
    marks = [i + 1 for i in range(fits) if line[i] in "/-._?&=" and i + 1 < fits]
    return max(marks) if marks and max(marks) > fits // 2 else fits


def _layout(cells: Sequence[tuple[str, str | None]], columns: Sequence[float], font: str) -> _Row:
    lines = tuple(
        tuple(wrap(text, font, SIZE, width - 2 * PAD))
        for (text, _), width in zip(cells, columns, strict=True)
    )
    tallest = max([len(cell) for cell in lines] + [1])
    return _Row(
        lines=lines,
        urls=tuple(url for _, url in cells),
        height=2 * PAD + SIZE + LEADING * (tallest - 1) + 2,
    )


def _heading_lines(
    title: str, intro: Sequence[str], width: float, regular: str, bold: str
) -> tuple[list[str], list[list[str]], float]:
    """The title's lines, each intro paragraph's lines, and the height they take."""
    title_lines = wrap(title, bold, TITLE_SIZE, width)
    intro_lines = [wrap(text, regular, INTRO_SIZE, width) for text in intro]
    height = TITLE_SIZE + 26 * (len(title_lines) - 1) + 22
    height += sum(15 * len(lines) + 6 for lines in intro_lines) + (12 if intro else 0)
    return title_lines, intro_lines, height


def _paginate(
    rows: Sequence[_Row], header: float, heading: float, page_height: float
) -> list[list[int]]:
    """Which rows go on which page: as many whole rows as fit under the header row."""
    pages: list[list[int]] = [[]]
    room = page_height - TOP - BOTTOM - header - heading
    for index, row in enumerate(rows):
        if row.height > page_height - TOP - BOTTOM - header:
            raise ValueError(
                f"table_pdf: row {index + 1}: expected a row that fits on a page, got one of "
                f"{row.height:.0f} pt"
            )
        if row.height > room and pages[-1]:
            pages.append([])
            room = page_height - TOP - BOTTOM - header
        pages[-1].append(index)
        room -= row.height
    return pages


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
    laid: _Row,
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
    """The title and ``pagina X van Y`` at the foot of the page, as a pagination artifact."""
    c._code.append("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
    c.setFillColor(GREY)
    c.setFont(font, 8.5)
    text = f"pagina {page} van {total}"
    room = pagesize[0] - 2 * MARGIN - stringWidth(text, font, 8.5) - 24
    label = title
    while label and stringWidth(label, font, 8.5) > room:
        label = label[:-2] + "…"
    c.drawString(MARGIN, FOOTER, label)
    c.drawRightString(pagesize[0] - MARGIN, FOOTER, text)
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
