"""Withheld pages of a ready-made document: each replaced by a tagged page naming the ground.

Post-hoc redaction tools black out a page's drawing and leave the rest: its text under the
box, its annotations, its bookmarks, its structure elements (with their text), the glyphs of
its fonts, the images it shares a resource dictionary with. Here nothing of a withheld page
is carried over: the public copy is a new PDF to which only what the kept pages draw is
copied (:func:`besluitpak.pdf.public_copy.public_copy`). This module draws the pages that
stand in for the withheld ones — all of them in one go, so that they share one embedded
copy of each font.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from besluitpak.casefile import lak
from besluitpak.housestyle import (
    ACCENT,
    INK,
    LEFT,
    PLACEHOLDER_HEADING_SIZE,
    PLACEHOLDER_TEXT_SIZE,
    RIGHT,
)
from besluitpak.pdf import fonts
from besluitpak.pdf.tagging import Tagger

Drawn = tuple[str, int, int]
"""A structure element drawn on a placeholder page: (type, page, MCID)."""


def page_count(source: Path) -> int:
    with pikepdf.open(source) as pdf:
        return len(pdf.pages)


def lines(page: int, ground: str, titel: str) -> tuple[str, list[str]]:
    """What the page standing in for withheld page ``page`` says: a heading and lines."""
    description = lak.GRONDEN.get(ground, "")
    return f"Pagina {page} is niet openbaar", [
        f"Deze pagina van “{titel}” is gelakt op grond van artikel {ground} van de Wet "
        f"open overheid" + (f": {description}." if description else "."),
        "Van deze pagina is niets openbaar gemaakt: geen tekst, geen afbeeldingen, "
        "geen opmerkingen.",
    ]


def placeholders(
    grounds: Mapping[int, str], titel: str, *, tagged: bool
) -> tuple[pikepdf.Pdf, list[Drawn]]:
    """One A4 page per withheld page (in page order), drawn in one document so that its
    fonts are embedded once; the structure elements drawn (none unless ``tagged``: the
    pages of an untagged document are tagged later, each as a whole)."""
    regular, bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=A4,
        invariant=True,
        pageCompression=1,
        initialFontName=regular,
        initialFontSize=11,
    )
    tagger = Tagger(canvas=canvas)
    for number, page in enumerate(sorted(grounds)):
        if number:
            tagger.next_page()
        heading, paragraphs = lines(page, grounds[page], titel)
        y = A4[1] - 140
        with _tag(tagger, "H1", tagged):
            canvas.setFillColor(ACCENT)
            canvas.setFont(bold, PLACEHOLDER_HEADING_SIZE)
            for line in simpleSplit(heading, bold, PLACEHOLDER_HEADING_SIZE, RIGHT - LEFT):
                canvas.drawString(LEFT, y, line)
                y -= 24
        y -= 16
        for text in paragraphs:
            with _tag(tagger, "P", tagged):
                canvas.setFillColor(INK)
                canvas.setFont(regular, PLACEHOLDER_TEXT_SIZE)
                for line in simpleSplit(text, regular, PLACEHOLDER_TEXT_SIZE, RIGHT - LEFT):
                    canvas.drawString(LEFT, y, line)
                    y -= 17
            y -= 6
    canvas.showPage()
    canvas.save()
    return pikepdf.open(io.BytesIO(buffer.getvalue())), list(tagger.elements)


@contextlib.contextmanager
def _tag(tagger: Tagger, kind: str, tagged: bool) -> Iterator[None]:
    if not tagged:
        yield
        return
    with tagger.tag(kind):
        yield


def drawn_on(elements: Sequence[Drawn], page: int) -> list[Drawn]:
    return [element for element in elements if element[1] == page]
