"""The public copy of a ready-made PDF: rebuilt from what may pass, never cleaned.

Every ready-made PDF of the openbaar edition (with withheld pages or without) is written
anew: a new PDF, into which this module copies, page by page, only

- the page's size and rotation (:data:`PAGE_KEYS`) and what its content streams draw, with
  only the resources they name (:mod:`besluitpak.pdf.public_content`, which also states the
  rule for optional content: hidden layers removed, visible ones made ordinary content);
- links (:data:`LINK_SCHEMES` web and e-mail addresses, and links to a kept page, pointed
  at it directly); their description is written by the assembler (``Naar pagina 3``), not
  taken from the source. Every other annotation — notes, popups, attachments, form fields,
  stamps, markup — is left behind, and with it any file it holds;
- the structure elements that still have content (:mod:`besluitpak.pdf.public_structure`);
- the bookmarks that lead to a kept page and have a title; one that leads to a withheld page
  is left out (its title may be withheld text), its bookmarks under it move up a level;
- of each font, only the characters the copy shows (:mod:`besluitpak.pdf.public_glyphs`):
  a font a withheld page shared keeps no glyph, width or ToUnicode entry of that page's.

A withheld page becomes a page naming its ground (:func:`besluitpak.pdf.withhold.placeholders`).
The document level holds only :data:`CATALOG_KEYS`: no names tree, no embedded files, no
forms, no optional-content properties, no actions, no metadata (the assembler writes its own).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from besluitpak.pdf import links, public_glyphs, withhold
from besluitpak.pdf import structure as pdfstruct
from besluitpak.pdf.public_content import Copier
from besluitpak.pdf.public_layers import Visibility
from besluitpak.pdf.public_structure import Kept, ParentTree, TreeCopy, kids, role_map

CATALOG_KEYS = ("/Type", "/Pages", "/StructTreeRoot", "/MarkInfo", "/Outlines", "/Lang")
"""All a public copy's catalog may hold."""
PAGE_KEYS = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit")
"""What a kept page keeps of its page dictionary, besides its content and resources."""
LINK_SCHEMES = ("http://", "https://", "mailto:")
"""The addresses a kept web link may lead to."""
_INHERITED = ("/MediaBox", "/CropBox", "/Rotate", "/Resources")


@dataclass
class _Placed:
    """The pages of the copy, by where they came from."""

    kept: dict[tuple[int, int], tuple[int, pikepdf.Object]] = field(default_factory=dict)
    """Source page → (its index, its copy)."""
    marks: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    """Source page → the MCIDs its copy still holds."""
    holders: list[tuple[int, pikepdf.Object, list[withhold.Drawn]]] = field(default_factory=list)
    """(index, page, elements drawn on it) of each page standing in for a withheld one."""


def public_copy(source: Path, out: Path, *, grounds: Mapping[int, str], titel: str) -> None:
    """Write the public copy of ``source`` to ``out``, each page in ``grounds`` (1-based)
    replaced by a page naming its Woo ground."""
    with pikepdf.open(source) as pdf, pikepdf.new() as new:
        tagged = isinstance(pdf.Root.get("/StructTreeRoot"), Dictionary)
        copier = Copier(pdf, new)
        placed = _pages(pdf, new, copier, grounds, titel, tagged=tagged)
        kept = Kept(
            pages=placed.kept,
            marked={**copier.marked, **placed.marks},
            forms=copier.copied,
            annotations=_links(pdf, new, placed.kept),
        )
        if tagged:
            _structure(pdf.Root.StructTreeRoot, new, kept, placed)
        _outline(pdf, new, placed.kept)
        public_glyphs.prune(new)
        for key in list(new.Root.keys()):
            if key not in CATALOG_KEYS:
                del new.Root[key]
        new.save(out)


def _pages(
    pdf: pikepdf.Pdf,
    new: pikepdf.Pdf,
    copier: Copier,
    grounds: Mapping[int, str],
    titel: str,
    *,
    tagged: bool,
) -> _Placed:
    """Copy the kept pages and draw the withheld ones."""
    placed = _Placed()
    holders, drawn = withhold.placeholders(grounds, titel, tagged=tagged) if grounds else (None, [])
    try:
        for index, page in enumerate(pdf.pages):
            if index + 1 in grounds:
                assert holders is not None
                number = sorted(grounds).index(index + 1)
                new.pages.append(holders.pages[number])
                copy = new.pages[-1].obj
                if "/StructParents" in copy:
                    del copy["/StructParents"]
                placed.holders.append((index, copy, [d for d in drawn if d[1] == number]))
                continue
            copied, marks = _page(page.obj, new, copier)
            new.pages.append(pikepdf.Page(copied))
            placed.kept[page.obj.objgen] = (index, new.pages[-1].obj)
            placed.marks[page.obj.objgen] = marks
    finally:
        if holders is not None:
            holders.close()
    return placed


def _page(
    page: pikepdf.Object, new: pikepdf.Pdf, copier: Copier
) -> tuple[pikepdf.Object, set[int]]:
    """A kept page (its boxes and rotation, and what its content draws) and its MCIDs."""
    copy = new.make_indirect(Dictionary(Type=Name.Page))
    for key in PAGE_KEYS:
        value = _inherited(page, key)
        if value is not None:
            copy[key] = copier.copy(value)
    if "/Group" in page:
        group = copier.copy(page.Group)
        if group is not None:
            copy.Group = group
    try:
        instructions = list(pikepdf.parse_content_stream(page))
    except pikepdf.PdfError:
        instructions = []  # unreadable content: the page stays empty
    data, resources, mcids = copier.content(instructions, _inherited(page, "/Resources"))
    copy.Contents = new.make_stream(data)
    copy.Resources = resources
    return copy, mcids


def _inherited(page: pikepdf.Object, key: str) -> Any:
    node: Any = page
    for _ in range(64):
        if not isinstance(node, Dictionary):
            return None
        if key in node:
            return node[key]
        if key not in _INHERITED:
            return None
        node = node.get("/Parent")
    return None


def _links(
    pdf: pikepdf.Pdf, new: pikepdf.Pdf, kept: Mapping[tuple[int, int], tuple[int, pikepdf.Object]]
) -> dict[tuple[int, int], pikepdf.Object]:
    """The links of the kept pages that may stay (see the module), copied onto their pages;
    source annotation → copy."""
    names = links.named_destinations(pdf)
    pages = links.page_index(pdf)
    by_index = {index: copy for index, copy in kept.values()}
    copied: dict[tuple[int, int], pikepdf.Object] = {}
    visibility = Visibility(pdf.Root)
    for page in pdf.pages:
        if page.obj.objgen not in kept:
            continue
        target_page = kept[page.obj.objgen][1]
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, Array) else []:
            if not isinstance(annot, Dictionary) or annot.get("/Subtype") != Name.Link:
                continue
            if visibility.hidden(annot.get("/OC")) or not isinstance(annot.get("/Rect"), Array):
                continue
            where = _link_target(annot, names, pages, by_index)
            if where is None:
                continue
            link = new.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Link,
                    Rect=_numbers(annot.Rect),
                    Border=Array([0, 0, 0]),
                    F=4,
                    P=target_page,
                    **where,
                )
            )
            if isinstance(annot.get("/QuadPoints"), Array):
                link.QuadPoints = _numbers(annot.QuadPoints)
            target_page.Annots = Array([*target_page.get("/Annots", []), link])
            copied[annot.objgen] = link
    return copied


def _link_target(
    annot: pikepdf.Object,
    names: dict[bytes, pikepdf.Object],
    pages: dict[tuple[int, int], int],
    kept: Mapping[int, pikepdf.Object],
) -> dict[str, Any] | None:
    """Where a kept link leads, as keys of its copy: an address it may lead to, or a kept
    page; None when it may not stay."""
    action = annot.get("/A")
    if isinstance(action, Dictionary) and action.get("/S") == Name.URI:
        uri = action.get("/URI")
        text = bytes(uri).decode("latin-1") if isinstance(uri, String) else ""
        if text.lower().startswith(LINK_SCHEMES) and text.isprintable():
            return {"A": Dictionary(S=Name.URI, URI=String(text))}
        return None
    destination = annot.get("/Dest")
    if destination is None and isinstance(action, Dictionary) and action.get("/S") == Name.GoTo:
        destination = action.get("/D")
    target = links.resolve(destination, names, pages)
    if target is None or target.page not in kept:
        return None
    return {"Dest": Array([kept[target.page], *target.view])}


def _numbers(values: pikepdf.Object) -> Array:
    return Array([float(v) for v in values if isinstance(v, int | float | Decimal)])


def _structure(tree: pikepdf.Object, new: pikepdf.Pdf, kept: Kept, placed: _Placed) -> None:
    """The structure tree of the copy: the source's elements that still have content, in
    their order, with the elements of each placeholder page placed by page."""
    root = new.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    parents = ParentTree()
    roles = role_map(tree)
    copier = TreeCopy(new, kept, parents, roles)
    tops = []
    for element in kids(tree):
        # a Document element is unwrapped, so that placeholders can go between its parts
        is_document = (
            isinstance(element, Dictionary)
            and pdfstruct.standard_type(element.get("/S", Name.P), roles) == "/Document"
        )
        for kid in kids(element) if is_document else [element]:
            copied = copier.element(kid, root, None)
            if copied is not None:
                tops.append((copied.first, copied.element))
    ordered = Array()
    pending = list(placed.holders)
    for first, element in tops:
        while pending and pending[0][0] < first:
            ordered.extend(_holder_elements(new, root, parents, pending.pop(0)))
        ordered.append(element)
    for holder in pending:
        ordered.extend(_holder_elements(new, root, parents, holder))
    root.K = ordered
    if len(roles):
        root.RoleMap = roles
    parents.write(new, root)
    new.Root.StructTreeRoot = root
    new.Root.MarkInfo = Dictionary(Marked=True)


def _holder_elements(
    new: pikepdf.Pdf,
    root: pikepdf.Object,
    parents: ParentTree,
    holder: tuple[int, pikepdf.Object, list[withhold.Drawn]],
) -> list[pikepdf.Object]:
    _, page, drawn = holder
    elements: list[pikepdf.Object] = []
    for kind, _, mcid in drawn:
        element = new.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=root, Pg=page, K=mcid)
        )
        parents.add(page, mcid, element)
        elements.append(element)
    return elements


def _outline(
    pdf: pikepdf.Pdf, new: pikepdf.Pdf, kept: Mapping[tuple[int, int], tuple[int, pikepdf.Object]]
) -> None:
    """The bookmarks that lead to kept pages and have a title (see the module)."""
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
                and item.action.get("/S") == Name.GoTo
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
            if lead is None or not title:
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
