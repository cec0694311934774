"""The agenda of a collegevergadering, drawn and tagged here as the bundle's own front matter
is (:mod:`besluitpak.pdf.frontmatter`): reportlab inside marked content, the structure tree
with pikepdf.

A banner with the gemeente, the heading and the meeting's day, then one entry per agenda
item (number, onderwerp, soort, portefeuillehouder, kenmerk, its first page in the
vergadermap), then who is present and absent. The entries are a TOC of TOCI: in the
vergadermap each is a Link to the item's first page (named destination ``agendapunt-N``),
in the agenda on its own a P that names the page.

Takes plain values (:class:`Agenda`): the meeting's orchestration
(:mod:`besluitpak.meeting.agenda`) says what the agenda holds, this module how it looks.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from besluitpak import dutch
from besluitpak.housestyle import ACCENT, BANNER_SIZE, GREY, INK, LEFT, RIGHT
from besluitpak.pdf import fonts, tagging
from besluitpak.pdf.tagging import Tagger

BOTTOM = 90.0
"""No entry reaches lower than this (points from the bottom edge): the stamp is below it."""
TOP = float(A4[1]) - 90
"""Where a later page of the agenda begins."""
ENTRY_SIZE = 11.5
INDENT = 28.0
"""From the item's number to its onderwerp."""


@dataclass(frozen=True, kw_only=True)
class Meeting:
    """Which collegevergadering a page belongs to."""

    gemeente: str
    """``Haarlem``."""
    nummer: str
    """``2014-10``."""
    day: dt.date


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One agenda item as the agenda shows it."""

    nummer: int
    onderwerp: str
    detail: str
    """The grey line under it: ``Besluit · J. Jansen · kenmerk 2014/123456``."""


@dataclass(frozen=True, kw_only=True)
class Agenda:
    """What the agenda says."""

    meeting: Meeting
    entries: tuple[Entry, ...]
    aanwezig: tuple[str, ...] = ()
    afwezig: tuple[str, ...] = ()


def draw(agenda: Agenda, first_pages: Sequence[int], *, linked: bool) -> pikepdf.Pdf:
    """The agenda's page(s), tagged; with ``linked``, each entry links to its item."""
    regular, bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1, initialFontName=regular)
    t = Tagger(canvas=canvas)
    y = _heading(t, agenda.meeting, regular, bold)
    t.elements.append(("TOC", -1, -1))  # the entries that follow are its TOCI
    for entry, first in zip(agenda.entries, first_pages, strict=True):
        y = _entry(t, entry, first, y, regular, bold, linked=linked)
    t.elements.append(("/TOC", -1, -1))
    for title, names in (("Aanwezig", agenda.aanwezig), ("Afwezig", agenda.afwezig)):
        if names:
            y = _names(t, title, names, y, regular, bold)
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    _structure(pdf, t, linked=linked)
    return pdf


def _heading(t: Tagger, meeting: Meeting, regular: str, bold: str) -> float:
    """The banner, the heading, the day and "Agendapunten"; where the entries begin."""
    canvas = t.canvas
    width, height = A4
    y: float = height - 200
    with t.artifact():
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 130, width, 76, stroke=0, fill=1)  # below the stamp's band
    with t.tag("P"):
        canvas.setFillColor(white)
        canvas.setFont(bold, BANNER_SIZE)
        canvas.drawString(LEFT, height - 99, f"Gemeente {meeting.gemeente}")
    with t.tag("H1"):
        canvas.setFillColor(ACCENT)
        canvas.setFont(bold, 30)
        canvas.drawString(LEFT, y, "Agenda collegevergadering")
    y -= 32
    with t.tag("P"):
        canvas.setFillColor(INK)
        canvas.setFont(regular, 14)
        canvas.drawString(LEFT, y, f"{dutch.dag(meeting.day)} — vergadering {meeting.nummer}")
    y -= 40
    with t.tag("H2"):
        canvas.setFillColor(ACCENT)
        canvas.setFont(bold, 15)
        canvas.drawString(LEFT, y, "Agendapunten")
    return y - 26


def _entry(
    t: Tagger, entry: Entry, first: int, y: float, regular: str, bold: str, *, linked: bool
) -> float:
    """One entry from ``y`` down (on a new page when it does not fit), noted as a link to
    ``agendapunt-N``; where the next begins."""
    canvas = t.canvas
    lines = simpleSplit(entry.onderwerp, regular, ENTRY_SIZE, RIGHT - LEFT - INDENT - 60)
    if y - (16 * len(lines) + 30) < BOTTOM:
        t.next_page()
        y = TOP
    top = y + 13
    with t.tag("Link" if linked else "P") as mcid:
        canvas.setFillColor(INK)
        canvas.setFont(bold, ENTRY_SIZE)
        canvas.drawString(LEFT, y, f"{entry.nummer}.")
        canvas.setFont(regular, ENTRY_SIZE)
        for number, line in enumerate(lines):
            canvas.drawString(LEFT + INDENT, y - 16 * number, line)
        canvas.drawRightString(RIGHT, y, f"blz. {first}")
        y -= 16 * len(lines)
        canvas.setFillColor(GREY)
        canvas.setFont(regular, 9.5)
        canvas.drawString(LEFT + INDENT, y, entry.detail)
    description = f"Agendapunt {entry.nummer}: {entry.onderwerp}, pagina {first}"
    rect = (LEFT - 2, y - 4, RIGHT + 2, top)
    t.links.append((t.page, mcid, rect, f"agendapunt-{entry.nummer}", description))
    return y - 26


def _names(t: Tagger, title: str, names: Sequence[str], y: float, regular: str, bold: str) -> float:
    """``Aanwezig`` or ``Afwezig`` and the names, from ``y`` down; where the next begins."""
    canvas = t.canvas
    if y - 30 - 15 * len(names) < BOTTOM:
        t.next_page()
        y = TOP
    y -= 6
    with t.tag("H2"):
        canvas.setFillColor(ACCENT)
        canvas.setFont(bold, 13)
        canvas.drawString(LEFT, y, title)
    y -= 20
    with t.tag("P"):
        canvas.setFillColor(INK)
        canvas.setFont(regular, 11)
        for line in simpleSplit(", ".join(names), regular, 11, RIGHT - LEFT):
            canvas.drawString(LEFT, y, line)
            y -= 15
    return y - 10


def _structure(pdf: pikepdf.Pdf, t: Tagger, *, linked: bool) -> None:
    """The agenda's structure tree: its elements in reading order, the entries in a TOC of
    TOCI (each a Link with its annotation, or a P)."""
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    drawn = {(link[0], link[1]): link for link in t.links}
    per_page: dict[int, list[pikepdf.Object]] = {}
    keyed: list[tuple[int, pikepdf.Object]] = []
    toc: pikepdf.Object | None = None
    for kind, page, mcid in t.elements:
        if kind == "TOC":
            toc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.TOC, P=root, K=Array()))
            root.K.append(toc)
            continue
        if kind == "/TOC":
            toc = None
            continue
        element = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + kind), Pg=pdf.pages[page].obj, K=mcid)
        )
        per_page.setdefault(page, []).append(element)
        if toc is None:
            element.P = root
            root.K.append(element)
        elif linked:
            key = len(pdf.pages) + len(keyed)
            tagging.toc_item(pdf, toc, element, drawn[(page, mcid)], key=key)
            keyed.append((key, element))
        else:
            item = pdf.make_indirect(
                Dictionary(Type=Name.StructElem, S=Name.TOCI, P=toc, K=Array([element]))
            )
            element.P = item
            toc.K.append(item)
    tagging.parent_tree(pdf, root, per_page, keyed)
