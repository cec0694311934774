"""A document's own bookmarks, resolved to its pages, and placed again in a PDF it became
part of (the bundle nests each document's under its bookmark, the vergadermap each
package's under its agenda item)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Name, OutlineItem

from besluitpak.pdf import links


@dataclass(frozen=True, kw_only=True)
class Heading:
    """A document's own bookmark: its title, where it leads (a page index in the document
    and the view there) and the bookmarks under it."""

    title: str
    target: links.Target
    kids: tuple[Heading, ...]


def own_bookmarks(pdf: pikepdf.Pdf) -> list[Heading]:
    """A document's own bookmarks, each resolved to its page: an explicit destination or a
    named one, as /Dest or as a /GoTo action. A bookmark that leads nowhere itself but has
    bookmarks under it leads to the first of them (its chapter); one that leads nowhere
    and has none is left out, as is one without a title (a heading redacted whole), the
    bookmarks under it moving up."""
    names = links.named_destinations(pdf)
    pages = links.page_index(pdf)

    def convert(item: OutlineItem) -> list[Heading]:
        kids = tuple(k for child in item.children for k in convert(child))
        destination: Any = item.destination
        if destination is None and item.action is not None and item.action.get("/S") == Name.GoTo:
            destination = item.action.get("/D")
        target = links.resolve(destination, names, pages)
        if target is None and kids:
            target = links.Target(page=kids[0].target.page, view=(Name.Fit,))
        if target is None:
            return []
        if not str(item.title).strip():  # a heading redacted whole: its own move up a level
            return list(kids)
        return [Heading(title=str(item.title), target=target, kids=kids)]

    try:
        with pdf.open_outline() as outline:
            return [h for item in outline.root for h in convert(item)]
    except pikepdf.OutlineStructureError:
        return []


def bookmark(pdf: pikepdf.Pdf, heading: Heading, start: int) -> OutlineItem:
    """A document's own bookmark as a bookmark into the merged PDF."""
    target = pdf.pages[start + heading.target.page].obj
    node = OutlineItem(heading.title, Array([target, *(heading.target.view or (Name.Fit,))]))
    node.children.extend(bookmark(pdf, kid, start) for kid in heading.kids)
    return node


def bookmarks_at(pdf: pikepdf.Pdf, headings: Sequence[Heading], start: int) -> list[OutlineItem]:
    """``headings`` as bookmarks into ``pdf``, whose page ``start`` is their first page."""
    return [bookmark(pdf, heading, start) for heading in headings]
