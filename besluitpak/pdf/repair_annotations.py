"""Repairs of what a ready-made PDF brings that PDF/UA-1 asks otherwise, and that can be
said without guessing: a sticky note, a stamp or a text box outside the structure tree gets
an /Annot element of its own (ISO 14289-1 7.18.1; outloud LNK-006), and an optional-content
configuration without a /Name gets one, and loses /AS (7.10; outloud DOC-030). Run by
:func:`besluitpak.pdf.repair.repair`; what remains is for the claims to withhold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf.structure import number_tree_items

if TYPE_CHECKING:
    from besluitpak.pdf.repair import Repair

OWN_ELEMENT = (Name.Link, Name.Widget, Name.PrinterMark, Name.Popup)
"""Annotations that belong in another element (links, form fields) or in none."""
_HIDDEN = 2 | 32


def repair(pdf: pikepdf.Pdf) -> list[Repair]:
    return _tag_annotations(pdf) + _name_configurations(pdf)


def _annotations(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Page, Dictionary]]:
    """Every visible annotation that needs an /Annot element, with its page (1-based)."""
    for number, page in enumerate(pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, Array) else []:
            if not isinstance(annot, Dictionary) or not annot.is_indirect:
                continue
            flags = annot.get("/F", 0)
            hidden = isinstance(flags, int) and bool(int(flags) & _HIDDEN)
            if annot.get("/Subtype") not in OWN_ELEMENT and not hidden:
                yield number, page, annot


def _tag_annotations(pdf: pikepdf.Pdf) -> list[Repair]:
    """An annotation no element holds gets an /Annot element beside its page's content,
    with its /Contents (or its kind) as the element's /Alt."""
    from besluitpak.pdf.repair import Repair, _append_kid, _page_parent

    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, Dictionary) or not isinstance(tree.get("/ParentTree"), Dictionary):
        return []
    entries: dict[int, Any] = dict(number_tree_items(tree.ParentTree))
    next_key = max([int(tree.get("/ParentTreeNextKey", 0)), *(k + 1 for k in entries)])
    done = []
    for number, page, annot in _annotations(pdf):
        if annot.get("/StructParent") is not None:
            continue  # some element holds it already (an /Annot, or one the claims judge)
        parent = _page_parent(page, entries, tree)
        if parent is None:
            continue
        kind = str(annot.get("/Subtype", "/Annot")).lstrip("/")
        alt = str(annot.get("/Contents", "")) or f"Annotatie ({kind})"
        element = pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.Annot,
                P=parent,
                Pg=page.obj,
                Alt=String(alt),
                K=Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)]),
            )
        )
        _append_kid(parent, element)
        annot.StructParent = next_key
        entries[next_key] = element
        next_key += 1
        done.append(Repair(page=number, what=f"{kind} annotation tagged as an Annot element"))
    if done:
        nums: list[Any] = []
        for key in sorted(entries):
            nums += [key, entries[key]]
        tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
        tree.ParentTreeNextKey = next_key
    return done


def _name_configurations(pdf: pikepdf.Pdf) -> list[Repair]:
    """Every optional-content configuration named, none with /AS."""
    from besluitpak.pdf.repair import Repair

    properties = pdf.Root.get("/OCProperties")
    if not isinstance(properties, Dictionary):
        return []
    configurations = [("Standaard", properties.get("/D"))]
    alternates = properties.get("/Configs")
    if isinstance(alternates, Array):
        configurations += [(f"Weergave {n}", c) for n, c in enumerate(alternates, start=1)]
    done = []
    for name, configuration in configurations:
        if not isinstance(configuration, Dictionary):
            continue
        given = configuration.get("/Name")
        if not isinstance(given, pikepdf.String) or not str(given).strip():
            configuration.Name = String(name)
            done.append(Repair(page=0, what=f"optional content configuration named {name!r}"))
        if "/AS" in configuration:
            del configuration["/AS"]
            done.append(Repair(page=0, what="optional content configuration without /AS"))
    return done
