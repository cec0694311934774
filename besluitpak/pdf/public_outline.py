"""The bookmarks of a public copy (:mod:`besluitpak.pdf.public_copy`): those that lead to a
kept page and have a title; one that leads to a withheld page is left out (its title may be
withheld text), and so is one whose title holds words a redaction box removed; the bookmarks
under a left-out one move up a level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pikepdf
from pikepdf import Array, OutlineItem

from besluitpak.pdf import links, redact_find


def outline(
    pdf: pikepdf.Pdf,
    new: pikepdf.Pdf,
    kept: Mapping[tuple[int, int], tuple[int, pikepdf.Object]],
    hidden: Sequence[str] = (),
) -> None:
    """The bookmarks that lead to kept pages and have a title (see the module), none whose
    title holds a text of ``hidden``."""
    secret = [redact_find.pattern(text) for text in hidden if text.split()]
    names = links.named_destinations(pdf)
    pages = links.page_index(pdf)
    by_index = {index: copy for index, copy in kept.values()}

    def convert(items: list[OutlineItem], depth: int) -> list[OutlineItem]:
        result: list[OutlineItem] = []
        for item in items:
            kids = convert(list(item.children), depth + 1) if depth < 50 else []
            destination: Any = item.destination
            if (
                destination is None
                and item.action is not None
                and item.action.get("/S") == pikepdf.Name.GoTo
            ):
                destination = item.action.get("/D")
            target = links.resolve(destination, names, pages)
            title = " ".join(str(item.title).split())
            if target is None and destination is None and item.action is None and kids:
                lead: Any = kids[0].destination  # a chapter without a page of its own
            elif target is not None and target.page in by_index:
                lead = Array([by_index[target.page], *target.view])
            else:
                lead = None
            if lead is None or not title or any(p.search(title) for p in secret):
                result.extend(kids)
                continue
            node = OutlineItem(title, lead)
            node.children.extend(kids)
            result.append(node)
        return result

    try:
        with pdf.open_outline() as outline:
            items = convert(list(outline.root), 0)
    except pikepdf.OutlineStructureError:
        items = []
    if items:
        with new.open_outline() as outline:
            outline.root.extend(items)
