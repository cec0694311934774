"""Structure-level PDF work: a merge that keeps every document's tags, and the bundle's metadata.

A plain page merge drops the StructTreeRoot, the ParentTree, /Lang, the XMP and the
OutputIntent (DESIGN §6). Here each source's structure tree is grafted under one Document
element, its ParentTree keys renumbered so every page's and annotation's marked content stays
reachable, and its RoleMap merged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

ICC_PROFILE = "sRGB.icc"


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


def merge(sources: Sequence[Source]) -> tuple[pikepdf.Pdf, list[int]]:
    """All pages of ``sources`` in order, under one structure tree.

    Returns the new PDF and the index of each source's first page in it.
    """
    out = pikepdf.new()
    root_elem = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root_elem,
                                            K=Array()))
    root_elem.K = Array([document])
    parent_nums: list[Any] = []
    role_map = Dictionary()
    next_key = 0
    starts: list[int] = []

    for source in sources:
        start = len(out.pages)
        starts.append(start)
        out.add_pages_from(source.pdf, forms="strip", outlines="ignore")
        src_tree = source.pdf.Root.get("/StructTreeRoot")
        if source.title is not None:
            parent = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Part,
                                                  T=String(source.title), P=document, K=Array()))
            document.K.append(parent)
        else:
            parent = document
        if src_tree is None:
            continue
        tree = out.copy_foreign(src_tree)
        for kid in _kids(tree):
            # LibreOffice wraps each file in a Document element: unwrap it into our Part.
            grafted = _kids(kid) if kid.get("/S") == Name.Document else [kid]
            for element in grafted:
                if isinstance(element, Dictionary):
                    element.P = parent
                parent.K.append(element)
        highest = -1
        if "/ParentTree" in tree:
            for key, value in number_tree_items(tree.ParentTree):
                parent_nums.extend([key + next_key, value])
                highest = max(highest, key)
        for page in out.pages[start:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + next_key
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + next_key
        for role, target in tree.get("/RoleMap", Dictionary()).items():
            if role not in role_map:
                role_map[role] = target
        next_key += highest + 1

    root_elem.ParentTree = out.make_indirect(Dictionary(Nums=Array(parent_nums)))
    root_elem.ParentTreeNextKey = next_key
    if role_map:
        root_elem.RoleMap = role_map
    out.Root.StructTreeRoot = root_elem
    out.Root.MarkInfo = Dictionary(Marked=True)
    return out, starts


def add_parent_tree_entry(pdf: pikepdf.Pdf, value: pikepdf.Object) -> int:
    """Append ``value`` to the ParentTree under a fresh key; return the key."""
    tree = pdf.Root.StructTreeRoot
    key = int(tree.ParentTreeNextKey)
    tree.ParentTree.Nums.append(key)
    tree.ParentTree.Nums.append(value)
    tree.ParentTreeNextKey = key + 1
    return key


def pdf_date(day: dt.date) -> str:
    """A fixed PDF date string for ``day`` at noon UTC: reproducible, unlike the clock."""
    return f"D:{day:%Y%m%d}120000Z"


def set_metadata(pdf: pikepdf.Pdf, *, title: str, author: str, subject: str,
                 keywords: str, day: dt.date, producer: str, extra: dict[str, str] | None = None,
                 ) -> None:
    """Info dictionary, XMP (kept consistent), /Lang, viewer preferences and OutputIntent."""
    stamp = pdf_date(day)
    iso = f"{day.isoformat()}T12:00:00Z"
    pdf.docinfo = pdf.make_indirect(Dictionary(
        Title=String(title), Author=String(author), Subject=String(subject),
        Keywords=String(keywords), Creator=String("besluitpak"), Producer=String(producer),
        CreationDate=String(stamp), ModDate=String(stamp)))
    for key, value in (extra or {}).items():
        pdf.docinfo[Name("/" + key)] = String(value)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [author]
        meta["dc:description"] = subject
        meta["dc:language"] = ["nl-NL"]
        meta["pdf:Keywords"] = keywords
        meta["pdf:Producer"] = producer
        meta["xmp:CreatorTool"] = "besluitpak"
        meta["xmp:CreateDate"] = iso
        meta["xmp:ModifyDate"] = iso
        meta["xmp:MetadataDate"] = iso
    pdf.Root.Lang = String("nl-NL")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.Root.PageMode = Name.UseOutlines
    icc = resources.files("besluitpak").joinpath("data", ICC_PROFILE).read_bytes()
    profile = pdf.make_stream(icc)
    profile.N = 3
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String("sRGB IEC61966-2.1"),
        Info=String("sRGB IEC61966-2.1"), DestOutputProfile=profile)])


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """Names of fonts used on any page (or in its forms) that are not embedded."""
    missing: set[str] = set()
    seen: set[tuple[int, int]] = set()

    def visit(resources_dict: pikepdf.Object) -> None:
        fonts = resources_dict.get("/Font", Dictionary())
        for font in fonts.values():
            if font.is_indirect:
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
            if font.get("/Subtype") == Name.Type3:
                continue
            descriptor_owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            if descriptor is None or not any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
        for xobject in resources_dict.get("/XObject", Dictionary()).values():
            if xobject.get("/Subtype") == Name.Form and "/Resources" in xobject:
                if xobject.objgen in seen:
                    continue
                seen.add(xobject.objgen)
                visit(xobject.Resources)

    for page in pdf.pages:
        if "/Resources" in page.obj:
            visit(page.obj.Resources)
    return sorted(missing)
