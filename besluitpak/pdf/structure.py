"""A merge of PDFs that keeps every document's tags under one structure tree.

A plain page merge drops the StructTreeRoot, the ParentTree, /Lang, the XMP and the
OutputIntent (docs/architecture.md, "Merging: keeping the structure tree"). Here each source's
structure tree is grafted under one Document element, its ParentTree keys renumbered so every
page's and annotation's marked content stays reachable, and its RoleMap merged. The bundle's
metadata is written by :mod:`~besluitpak.pdf.metadata`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String


@dataclass(frozen=True, kw_only=True)
class Source:
    """One PDF to merge, and the title of the Part element it becomes (None: graft its top
    level elements directly under the Document, as for the bundle's own front matter)."""

    pdf: pikepdf.Pdf
    title: str | None


def number_tree_items(node: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """Every (key, value) of a PDF number tree, in order."""
    if "/Nums" in node:
        nums = node.Nums
        for index in range(0, len(nums), 2):
            yield int(nums[index]), nums[index + 1]
    for kid in node.get("/Kids", []):
        yield from number_tree_items(kid)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    return [kids]


def merge(sources: Sequence[Source]) -> Merged:
    """All pages of ``sources`` in order, under one structure tree."""
    out = pikepdf.new()
    root_elem = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = out.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root_elem, K=Array())
    )
    root_elem.K = Array([document])
    parent_nums: list[Any] = []
    role_map = Dictionary()
    next_key = 0
    starts: list[int] = []
    untagged: list[int] = []

    for source in sources:
        start = len(out.pages)
        starts.append(start)
        out.add_pages_from(source.pdf, forms="strip", outlines="ignore")
        src_tree = source.pdf.Root.get("/StructTreeRoot")
        parent = _part(out, document, source.title)
        if src_tree is None:
            next_key = _tag_untagged(out, out.pages[start:], parent, next_key, parent_nums)
            untagged.append(len(starts) - 1)
            continue
        tree = out.copy_foreign(src_tree)
        _graft(tree, parent)
        next_key = _renumber(tree, out.pages[start:], next_key, parent_nums)
        for role, target in tree.get("/RoleMap", Dictionary()).items():
            if role not in role_map:
                role_map[role] = target

    root_elem.ParentTree = out.make_indirect(Dictionary(Nums=Array(parent_nums)))
    root_elem.ParentTreeNextKey = next_key
    if role_map:
        root_elem.RoleMap = role_map
    out.Root.StructTreeRoot = root_elem
    out.Root.MarkInfo = Dictionary(Marked=True)
    return Merged(pdf=out, starts=tuple(starts), untagged=tuple(untagged))


def _part(out: pikepdf.Pdf, document: pikepdf.Object, title: str | None) -> pikepdf.Object:
    """Where a source's elements go: a new Part titled ``title`` under the Document, or (no
    title) the Document itself."""
    if title is None:
        return document
    part = out.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Part, T=String(title), P=document, K=Array())
    )
    document.K.append(part)
    return part


def _graft(tree: pikepdf.Object, parent: pikepdf.Object) -> None:
    """Move the top-level elements of a (copied) structure tree under ``parent``, without
    their empty paragraphs and rows."""
    source_roles = tree.get("/RoleMap", Dictionary())
    for kid in _kids(tree):
        _prune_empty(kid, source_roles)
        # LibreOffice wraps each file in a Document element: unwrap it into our Part.
        grafted = _kids(kid) if kid.get("/S") == Name.Document else [kid]
        for element in grafted:
            if isinstance(element, Dictionary):
                element.P = parent
            parent.K.append(element)


def _renumber(
    tree: pikepdf.Object, pages: Sequence[pikepdf.Page], next_key: int, parent_nums: list[Any]
) -> int:
    """Shift a source's ParentTree keys, and the pages' and annotations' references to them,
    by ``next_key`` (the keys the sources before it took); the next free key."""
    highest = -1
    if "/ParentTree" in tree:
        for key, value in number_tree_items(tree.ParentTree):
            parent_nums.extend([key + next_key, value])
            highest = max(highest, key)
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + next_key
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + next_key
    return next_key + highest + 1


def _tag_untagged(
    out: pikepdf.Pdf,
    pages: Sequence[pikepdf.Page],
    parent: pikepdf.Object,
    next_key: int,
    parent_nums: list[Any],
) -> int:
    """An untagged source (a ready-made PDF) gets the coarsest honest structure: each page's
    content becomes one paragraph, so nothing is left outside the structure tree."""
    for page in pages:
        element = out.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.P, P=parent, Pg=page.obj, K=0)
        )
        parent.K.append(element)
        page.contents_add(out.make_stream(b"/P <</MCID 0>> BDC\n"), prepend=True)
        page.contents_add(out.make_stream(b"\nEMC\n"))
        page.obj.StructParents = next_key
        parent_nums.extend([next_key, Array([element])])
        next_key += 1
    return next_key


@dataclass(frozen=True, kw_only=True)
class Merged:
    """The merged PDF, where each source starts, and which sources had no tags of their own."""

    pdf: pikepdf.Pdf
    starts: tuple[int, ...]
    untagged: tuple[int, ...]


def standard_type(kind: pikepdf.Object, roles: pikepdf.Object) -> str:
    """Follow the RoleMap from a custom structure type to a standard one."""
    seen = set()
    while kind in roles and str(kind) not in seen:
        seen.add(str(kind))
        kind = roles[str(kind)]
    return str(kind)


def _prune_empty(element: pikepdf.Object, roles: pikepdf.Object) -> None:
    """Drop paragraphs and table rows with no content (a Word document's empty paragraphs;
    the empty rows LibreOffice sometimes tags after a table that ends at a page break):
    they tell a screen reader nothing, and an empty row makes a table irregular."""
    if not isinstance(element, Dictionary):
        return
    kids = element.get("/K")
    if not isinstance(kids, Array):
        if isinstance(kids, Dictionary):
            _prune_empty(kids, roles)
        return
    keep = []
    for kid in kids:
        if isinstance(kid, Dictionary) and "/S" in kid:
            _prune_empty(kid, roles)
            empty = kid.get("/K") is None or (isinstance(kid.get("/K"), Array) and len(kid.K) == 0)
            if (
                empty
                and standard_type(kid.S, roles) in ("/P", "/TR")
                and "/Alt" not in kid
                and "/ActualText" not in kid
            ):
                continue
        keep.append(kid)
    if len(keep) != len(kids):
        element.K = Array(keep)
