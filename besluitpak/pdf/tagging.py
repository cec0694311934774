"""Tagged pages drawn with reportlab: marked content while the canvas draws, then the plumbing
of the structure tree (link annotations, contents items, the ParentTree) with pikepdf.

The bundle's cover and contents (:mod:`~besluitpak.pdf.frontmatter`), the meeting's agenda
and the inventory table (:mod:`~besluitpak.pdf.table`) draw their pages with it; each builds
its own tree from the elements collected here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfgen.canvas import Canvas

Rect = tuple[float, float, float, float]


@dataclass
class Tagger:
    """Collects structure elements while the canvas draws their marked content, numbering
    the MCIDs per page."""

    canvas: Canvas
    page: int = 0
    mcid: int = 0
    elements: list[tuple[str, int, int]] = field(default_factory=list)
    """(structure type, page, mcid), in reading order."""
    links: list[tuple[int, int, Rect, str, str]] = field(default_factory=list)
    """Links drawn: (page, mcid, rectangle, named destination, description)."""

    @contextlib.contextmanager
    def tag(self, kind: str) -> Iterator[int]:
        """Draw the content of a ``kind`` element (``P``, ``H1``, ``Link`` …); yields its MCID."""
        mcid = self.mcid
        self.mcid += 1
        self.canvas._code.append(f"/{kind} <</MCID {mcid}>> BDC")
        yield mcid
        self.canvas._code.append("EMC")
        self.elements.append((kind, self.page, mcid))

    @contextlib.contextmanager
    def artifact(self, properties: str = "") -> Iterator[None]:
        """Draw decoration, which assistive technology skips (``properties`` e.g.
        ``/Type /Pagination``)."""
        if properties:
            self.canvas._code.append(f"/Artifact <<{properties}>> BDC")
        else:
            self.canvas._code.append("/Artifact BMC")
        yield
        self.canvas._code.append("EMC")

    def next_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.mcid = 0


def link_annotation(
    pdf: pikepdf.Pdf,
    page: pikepdf.Object,
    rect: Rect,
    *,
    text: str,
    key: int,
    destination: str | None = None,
    uri: str | None = None,
) -> pikepdf.Object:
    """A link annotation on ``page`` to a named ``destination`` or a ``uri``, described by
    ``text`` and found in the ParentTree under ``key``; returns the OBJR that puts it in its
    Link element. The page's tab order follows the structure."""
    if (destination is None) == (uri is None):
        raise ValueError("link_annotation: expected a destination or a uri, got both or none")
    target = {"A": _uri(uri)} if uri is not None else {"Dest": String(destination or "")}
    annot = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array(list(rect)),
            Border=Array([0, 0, 0]),
            Contents=String(text),
            StructParent=key,
            F=4,
            P=page,
            **target,
        )
    )
    page.Annots = Array([*page.get("/Annots", []), annot])
    page.Tabs = Name.S
    return Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)


def _uri(uri: str) -> pikepdf.Dictionary:
    return Dictionary(S=Name.URI, URI=String(uri))


def toc_item(
    pdf: pikepdf.Pdf,
    toc: pikepdf.Object,
    element: pikepdf.Object,
    link: tuple[int, int, Rect, str, str],
    *,
    key: int,
) -> None:
    """Make ``element`` (the Link drawn as ``link``'s page and MCID) a TOCI of ``toc``, with
    its annotation to the link's destination, found in the ParentTree under ``key``."""
    page, mcid, rect, destination, text = link
    item = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.TOCI, P=toc, K=Array([element]))
    )
    element.P = item
    toc.K.append(item)
    page_obj = pdf.pages[page].obj
    element.Alt = String(text)
    objr = link_annotation(pdf, page_obj, rect, text=text, key=key, destination=destination)
    element.K = Array([mcid, objr])


def parent_tree(
    pdf: pikepdf.Pdf,
    root: pikepdf.Object,
    per_page: dict[int, list[pikepdf.Object]],
    keyed: Sequence[tuple[int, pikepdf.Object]],
) -> None:
    """Finish the tree under ``root``: the ParentTree holds each page's elements (in MCID
    order) under the page's index, and the element of each annotation under its key
    (``keyed``, numbered from the pages' count on); the document is marked as tagged."""
    nums: list[pikepdf.Object | int] = []
    for index, pdf_page in enumerate(pdf.pages):
        pdf_page.obj.StructParents = index
        nums.extend([index, Array(per_page.get(index, []))])
    for key, element in sorted(keyed, key=lambda kv: kv[0]):
        nums.extend([key, element])
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = len(pdf.pages) + len(keyed)
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
