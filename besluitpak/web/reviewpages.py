"""What the review page draws: per document, its pages with the boxes over the page's
image — a suggestion's boxes in the state of its decision (open, gelakt, openbaar), and the
boxes added by hand where their words stand on the ready-made PDF (measured by
:func:`besluitpak.editing.reviewplace.placed`), drawn as gelakt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from besluitpak.editing import review, reviewplace
from besluitpak.web import reviewjobs

if TYPE_CHECKING:
    from besluitpak.review.boxes import Box

STATES = {"accept": "accept", "add": "accept", "reject": "reject"}
"""A decision's kind -> how its boxes are drawn (the class ``bp-review-box--<state>``)."""


@dataclass(frozen=True, kw_only=True)
class Rect:
    """A box as the page's SVG draws it: pixels (a pixel a point) and its state."""

    x: str
    y: str
    width: str
    height: str
    state: str
    """``open``, ``accept`` (gelakt) or ``reject`` (blijft openbaar)."""


@dataclass
class Page:
    number: int | None
    image: bool = False
    width: int = 0
    height: int = 0
    items: list[review.Reviewed] = field(default_factory=list)
    added: int = 0
    """How many boxes added by hand are drawn on it."""
    rects: list[Rect] = field(default_factory=list)


@dataclass
class DocumentReview:
    id: str
    label: str
    ready_pdf: bool
    pages: list[Page] = field(default_factory=list)


MARGIN = 2.0
"""Points a box is drawn wider than its words on each side: its outline clear of the glyphs."""


def _lines(boxes: Iterable[Box]) -> list[tuple[float, float, float, float]]:
    """The words' boxes joined per line (one outline around "mevrouw R. Visser", not three
    overlapping ones): a box that overlaps the previous one's height continues its line."""
    joined: list[tuple[float, float, float, float]] = []
    for b in boxes:
        if joined:
            x0, y0, x1, y1 = joined[-1]
            middle = (b.y0 + b.y1) / 2
            if y0 <= middle <= y1 and b.x0 >= x0:
                joined[-1] = (x0, min(y0, b.y0), max(x1, b.x1), max(y1, b.y1))
                continue
        joined.append((b.x0, b.y0, b.x1, b.y1))
    return joined


def _rects(boxes: Iterable[Box], state: str) -> list[Rect]:
    return [
        Rect(
            x=f"{x0 - MARGIN:.1f}",
            y=f"{y0 - MARGIN:.1f}",
            width=f"{x1 - x0 + 2 * MARGIN:.1f}",
            height=f"{y1 - y0 + 2 * MARGIN:.1f}",
            state=state,
        )
        for x0, y0, x1, y1 in _lines(boxes)
    ]


def _page(name: str, doc: DocumentReview, number: int | None) -> Page:
    """The page ``number`` of ``doc``, added (with its image, when there is one) if new."""
    page = next((p for p in doc.pages if p.number == number), None)
    if page is None:
        page = Page(number=number)
        image = reviewjobs.page_image(name, doc.id, number) if number else None
        if image is not None:
            page.image = True
            page.width, page.height = reviewjobs.size(image)
        doc.pages.append(page)
    return page


def documents(name: str, case: Any, found: review.ReviewStatus | None) -> list[DocumentReview]:
    """The documents of the case with the pages that have a suggestion or a box by hand."""
    listed: dict[str, DocumentReview] = {}
    if case is not None:
        for d in case.documents:
            ready = d.bestand is not None and d.bestand.suffix.lower() == ".pdf"
            listed[d.id] = DocumentReview(id=d.id, label=d.short_label, ready_pdf=ready)
    for item in found.items if found else ():
        s = item.suggestion
        doc = listed.setdefault(
            s.document, DocumentReview(id=s.document, label=s.label, ready_pdf=False)
        )
        page = _page(name, doc, s.page)
        page.items.append(item)
        state = STATES.get(item.decision.wat, "open") if item.decision else "open"
        page.rects += _rects(s.boxes, state)
    decided = found.added if found else ()
    by_hand = reviewplace.placed(case, decided) if case is not None else {}
    for (ident, number), boxes in by_hand.items():
        if reviewjobs.page_image(name, ident, number) is None:
            continue  # no picture of the page yet: the list "Met de hand gelakt" says it
        page = _page(name, listed[ident], number)
        page.added += sum(
            d.wat == "add" and (d.document, d.pagina) == (ident, number) for d in decided
        )
        page.rects += _rects(boxes, "accept")
    for doc in listed.values():
        doc.pages.sort(key=lambda p: (p.number is None, p.number or 0))
    return [d for d in listed.values() if d.pages or d.ready_pdf]
