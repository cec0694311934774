"""Where a box added by hand stands on its page (issue 29): the ``woorden`` of a ``lakken``
entry found on the page of the ready-made PDF as the redaction finds them
(:func:`besluitpak.pdf.redact_find.word_boxes`), or its ``vak``.

:func:`on_page` refuses a box that would redact nothing (a page the document does not have,
words that are not on it) before it is written; :func:`placed` gives the boxes of the
decisions in the page's picture coordinates (PDF points from the top left corner of the
page's crop box, as pdftoppm draws the review page), so the page can draw them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pikepdf

from besluitpak.casefile.case import Case
from besluitpak.editing.reviewlog import Decision, ReviewRefused
from besluitpak.pdf import redact_find
from besluitpak.pdf.redact_text import Rect
from besluitpak.review.boxes import Box


def _rects(page: pikepdf.Page, woorden: str | None, vak: Sequence[float] | None) -> list[Rect]:
    if vak is not None and len(vak) == 4:
        return [(float(vak[0]), float(vak[1]), float(vak[2]), float(vak[3]))]
    return redact_find.word_boxes(page, woorden) if woorden else []


def on_page(
    pdf: Path, *, label: str, pagina: int, woorden: str | None, vak: Sequence[float] | None
) -> list[Rect]:
    """The boxes a hand-added entry redacts on page ``pagina`` of ``pdf`` (PDF points,
    origin bottom left); refused (:class:`ReviewRefused`) when there is no such page or
    the words are not on it; none when the PDF cannot be read (the build refuses it)."""
    try:
        with pikepdf.open(pdf) as document:
            count = len(document.pages)
            if not 1 <= pagina <= count:
                raise ReviewRefused(
                    f"pagina: expected a page of {label}, which has {count}, got {pagina}"
                ).coded("review-no-such-page", label=label, page=str(pagina), count=str(count))
            found = _rects(document.pages[pagina - 1], woorden, vak)
    except (OSError, pikepdf.PdfError):
        return []  # an unreadable document: the build says what is wrong with it
    if not found:
        raise ReviewRefused(
            f"woorden: expected words that are on page {pagina} of {label}, got text "
            f"{woorden!r}, which is not there"
        ).coded("review-words-not-on-page", label=label, page=str(pagina), woorden=woorden or "")
    return found


def _picture(page: pikepdf.Page, rect: Rect) -> Box | None:
    """``rect`` (PDF points, origin bottom left) from the top left of the page's crop box;
    None on a rotated page (its picture is turned)."""
    if int(page.obj.get("/Rotate", 0)) % 360:
        return None
    crop = [float(v) for v in page.obj.get("/CropBox", page.mediabox)]
    left, top = min(crop[0], crop[2]), max(crop[1], crop[3])
    x0, y0, x1, y1 = rect
    return Box(x0=x0 - left, y0=top - max(y0, y1), x1=x1 - left, y1=top - min(y0, y1))


def placed(case: Case, decisions: Iterable[Decision]) -> dict[tuple[str, int], list[Box]]:
    """The boxes of the boxes added by hand (``add``) on their pages, by (document,
    page): where the words are on the ready-made PDF now, or the ``vak``; nothing for a
    document that is not a ready-made PDF or a page or words no longer there."""
    pdfs = {
        d.id: d.bestand
        for d in case.documents
        if d.bestand is not None and d.bestand.suffix.lower() == ".pdf"
    }
    wanted: dict[str, list[Decision]] = {}
    for decision in decisions:
        if decision.wat == "add" and decision.pagina and decision.document in pdfs:
            wanted.setdefault(decision.document, []).append(decision)
    found: dict[tuple[str, int], list[Box]] = {}
    for ident, items in wanted.items():
        try:
            with pikepdf.open(pdfs[ident]) as document:
                for d in items:
                    if d.pagina is None or d.pagina > len(document.pages):
                        continue
                    page = document.pages[d.pagina - 1]
                    boxes = [_picture(page, r) for r in _rects(page, d.woorden, d.vak or None)]
                    found.setdefault((ident, d.pagina), []).extend(b for b in boxes if b)
        except (OSError, pikepdf.PdfError):
            continue  # the page shows what it can; the build says what is wrong
    return found
