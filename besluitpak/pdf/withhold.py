"""Withheld pages of a ready-made document: each replaced by a tagged page naming the ground.

Post-hoc redaction tools black out a page's drawing and leave the rest: its text under the
box, its annotations, its bookmarks, its structure elements (with their text), the glyphs of
its fonts. Here nothing of a withheld page is carried over. The kept pages are cut out of the
document together with the part of its structure tree that refers to them; every other
object is left behind, because the result is a new PDF to which only those pages are copied
(:func:`besluitpak.pdf.structure.merge`). Links from kept pages into the document are
dropped too (they could lead to a withheld page); links to the web stay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.casefile import lak
from besluitpak.pdf import frontmatter
from besluitpak.pdf import structure as pdfstruct


def withhold_pages(source: Path, out: Path, *, grounds: Mapping[int, str], titel: str) -> None:
    """Write ``source`` to ``out`` with each page in ``grounds`` (1-based page → Woo
    ground) replaced by a page that names the ground. Every page number must exist (the
    caller checks them with :func:`page_count` for a located message)."""
    segments: list[pdfstruct.Source] = []
    total = page_count(source)
    try:
        page = 1
        while page <= total:
            if page in grounds:
                placeholder = _placeholder(page, grounds[page], titel)
                segments.append(pdfstruct.Source(pdf=placeholder, title=None))
                page += 1
                continue
            end = page
            while end + 1 <= total and end + 1 not in grounds:
                end += 1
            kept = _kept(source, range(page - 1, end))
            segments.append(pdfstruct.Source(pdf=kept, title=None))
            page = end + 1
        with pdfstruct.merge(segments).pdf as merged:
            merged.save(out)
    finally:  # a long-lived worker must not keep the files open until garbage collection
        for segment in segments:
            segment.pdf.close()


def page_count(source: Path) -> int:
    with pikepdf.open(source) as pdf:
        return len(pdf.pages)


def _placeholder(page: int, ground: str, titel: str) -> pikepdf.Pdf:
    description = lak.GRONDEN.get(ground, "")
    return frontmatter.placeholder(
        f"Pagina {page} is niet openbaar",
        [
            f"Deze pagina van “{titel}” is gelakt op grond van artikel {ground} van de Wet "
            f"open overheid" + (f": {description}." if description else "."),
            "Van deze pagina is niets openbaar gemaakt: geen tekst, geen afbeeldingen, "
            "geen opmerkingen.",
        ],
    )


def _kept(source: Path, indexes: Sequence[int]) -> pikepdf.Pdf:
    """``source`` with only the pages at ``indexes`` (0-based), and only the part of its
    structure tree that refers to them."""
    pdf = pikepdf.open(source)
    keep = set(indexes)
    for index in reversed(range(len(pdf.pages))):
        if index not in keep:
            del pdf.pages[index]
    kept = {page.obj.objgen for page in pdf.pages}
    for page in pdf.pages:
        _drop_internal_links(page)
    annotations = {
        annot.objgen for page in pdf.pages for annot in page.obj.get("/Annots", [])
    }  # what is left on the kept pages: a structure element of any other is dropped
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is not None:
        _prune(tree, kept, None, annotations)
        _prune_parent_tree(tree, pdf)
    for name in ("/Outlines", "/Names", "/OpenAction", "/AcroForm", "/Dests"):
        if name in pdf.Root:
            del pdf.Root[name]
    return pdf


def _drop_internal_links(page: pikepdf.Page) -> None:
    """Drop what leads into the document, since it could point at a withheld page: links
    with a destination or a GoTo action, form fields (the form is left behind), popups,
    and any other annotation's actions. Web links stay."""
    annots = page.obj.get("/Annots")
    if annots is None:
        return
    keep = Array()
    for annot in annots:
        action = annot.get("/A")
        internal = "/Dest" in annot or (action is not None and action.get("/S") != Name.URI)
        subtype = annot.get("/Subtype")
        if subtype == Name.Link and internal:
            continue
        if subtype in (Name.Popup, Name.Widget) or "/Parent" in annot:
            continue
        if action is not None and action.get("/S") != Name.URI:
            del annot["/A"]
        for key in ("/AA", "/Dest"):
            if key in annot:
                del annot[key]
        keep.append(annot)
    page.obj.Annots = keep


def _page_of(kid: pikepdf.Object, inherited: pikepdf.Object | None) -> pikepdf.Object | None:
    page = kid.get("/Pg") if isinstance(kid, Dictionary) else None
    return page if page is not None else inherited


def _prune(
    element: pikepdf.Object,
    kept: set[tuple[int, int]],
    page: pikepdf.Object | None,
    annotations: set[tuple[int, int]],
) -> bool:
    """Remove from ``element`` every piece of content on a page not ``kept``, and every
    reference to an annotation that is not among the kept pages' ``annotations`` (an
    internal link, which could lead to a withheld page); whether anything of it is left."""
    page = _page_of(element, page)
    kids = element.get("/K")
    if kids is None:
        return False
    items = list(kids) if isinstance(kids, Array) else [kids]
    left = Array()
    for kid in items:
        if isinstance(kid, int):  # a marked-content id on the element's page
            if page is not None and page.objgen in kept:
                left.append(kid)
            continue
        if not isinstance(kid, Dictionary):
            continue
        if kid.get("/Type") in (Name.MCR, Name.OBJR):
            where = _page_of(kid, page)
            target = kid.get("/Obj")
            on_kept = where is not None and where.objgen in kept
            if on_kept and (target is None or _still_there(target, annotations)):
                left.append(kid)
            continue
        if _prune(kid, kept, page, annotations):
            left.append(kid)
    if len(left) == 0:
        del element["/K"]
        return False
    element.K = left
    if "/Pg" in element and element.Pg.objgen not in kept:
        del element["/Pg"]
    return True


def _still_there(target: pikepdf.Object, annotations: set[tuple[int, int]]) -> bool:
    """An OBJR's object is kept: an annotation still on a kept page, or no annotation (an
    XObject on a kept page)."""
    is_annotation = target.get("/Type") == Name.Annot or "/Rect" in target
    return not is_annotation or target.objgen in annotations


def _prune_parent_tree(tree: pikepdf.Object, pdf: pikepdf.Pdf) -> None:
    """Keep only the ParentTree entries of the kept pages and their annotations."""
    if "/ParentTree" not in tree:
        return
    keys = set()
    for page in pdf.pages:
        if "/StructParents" in page.obj:
            keys.add(int(page.obj.StructParents))
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                keys.add(int(annot.StructParent))
    nums: list[object] = []
    for key, value in pdfstruct.number_tree_items(tree.ParentTree):
        if key in keys:
            nums.extend([key, value])
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
