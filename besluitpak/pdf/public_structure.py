"""The structure tree of a public copy: what the kept content still needs, nothing else.

A structure element is copied when some of its content is still in the copy: a
marked-content id on a kept page (or in a kept form XObject) that the filtered content
stream still holds, or a reference to an annotation that was kept. An element that lost
nothing keeps its words for assistive technology (``/Alt``, ``/ActualText``, ``/E``); one
that lost content — a withheld page, a hidden layer, a dropped annotation — keeps none of
them, as they may describe what is gone. Only the keys below are copied; the title (``/T``),
class, id and revision of an element never are. The ParentTree is written anew.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf.structure import standard_type

ELEMENT_KEYS = ("/S", "/P", "/K", "/Pg", "/Lang")
"""What every copied element may have (besides its type)."""
WORDS = ("/Alt", "/ActualText", "/E")
"""What an element keeps only when all its content is kept."""
ATTRIBUTE_OWNERS = (Name.Layout, Name.List, Name.Table)
"""Attribute dictionaries (``/A``) copied, without the ones that hold text (Summary,
Headers, Desc): only names, numbers and arrays of numbers."""
_TEXT_ATTRIBUTES = ("/Summary", "/Headers", "/Desc")
PARTLY_KEPT = "Afbeelding, deels niet openbaar"
"""The alternative text of a figure that lost part of its content."""


@dataclass
class Kept:
    """What the copy holds of the source, by source object id."""

    pages: Mapping[tuple[int, int], tuple[int, pikepdf.Object]]
    """Source page → (its index in the copy, its copy)."""
    marked: Mapping[tuple[int, int], set[int]]
    """Source page or form XObject → the MCIDs its copy still holds."""
    forms: Mapping[tuple[int, int], pikepdf.Object]
    """Source form XObject → its copy."""
    annotations: Mapping[tuple[int, int], pikepdf.Object]
    """Source annotation → its copy."""
    touched: Mapping[tuple[int, int], set[int]] = field(default_factory=dict)
    """Source page → the MCIDs whose content a redaction box changed (their elements keep
    none of their words)."""


@dataclass
class ParentTree:
    """Which element owns each marked-content id and annotation in the copy."""

    owners: dict[tuple[int, int], tuple[pikepdf.Object, dict[int, pikepdf.Object]]] = field(
        default_factory=dict
    )
    annotations: list[tuple[pikepdf.Object, pikepdf.Object]] = field(default_factory=list)

    def add(self, owner: pikepdf.Object, mcid: int, element: pikepdf.Object) -> None:
        self.owners.setdefault(owner.objgen, (owner, {}))[1][mcid] = element

    def write(self, pdf: pikepdf.Pdf, root: pikepdf.Object) -> None:
        """The ParentTree under ``root``: one key per page (in page order) and per form,
        then one per annotation; StructParent(s) set on each."""
        nums: list[Any] = []
        order = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        owners = sorted(self.owners.values(), key=lambda o: order.get(o[0].objgen, len(order)))
        for key, (owner, elements) in enumerate(owners):
            owner.StructParents = key
            nums += [key, Array([elements.get(i) for i in range(max(elements) + 1)])]
        for key, (annotation, element) in enumerate(self.annotations, start=len(owners)):
            annotation.StructParent = key
            nums += [key, element]
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = len(owners) + len(self.annotations)


@dataclass
class Copied:
    """A copied element, whether all of its content was kept, and its first kept page."""

    element: pikepdf.Object
    whole: bool
    first: int


class TreeCopy:
    """Copies the elements of a source tree that still have content in ``out``."""

    def __init__(
        self, out: pikepdf.Pdf, kept: Kept, parents: ParentTree, roles: Dictionary
    ) -> None:
        self.out, self.kept, self.parents, self.roles = out, kept, parents, roles
        self._seen: set[tuple[int, int]] = set()

    def element(
        self, source: Any, parent: pikepdf.Object, page: pikepdf.Object | None, depth: int = 0
    ) -> Copied | None:
        """``source`` copied under ``parent``, or None if none of its content is kept."""
        if not isinstance(source, Dictionary) or depth > 100:
            return None
        if source.is_indirect:
            if source.objgen in self._seen:
                return None  # a loop, or an element listed twice
            self._seen.add(source.objgen)
        if isinstance(source.get("/Pg"), Dictionary):
            page = source.Pg
        new = self.out.make_indirect(Dictionary(Type=Name.StructElem, S=_name(source.get("/S"))))
        new.P = parent
        copied, whole, first = Array(), True, -1
        for kid in kids(source):
            item, kid_whole, kid_first = self._kid(kid, new, page, depth)
            whole = whole and kid_whole
            if item is not None:
                copied.append(item)
                first = kid_first if first < 0 else min(first, kid_first)
        if len(copied) == 0:
            return None
        new.K = copied
        if page is not None and page.objgen in self.kept.pages:
            new.Pg = self.kept.pages[page.objgen][1]
        _copy_words(source, new, whole)
        if not whole and standard_type(new.S, self.roles) in ("/Figure", "/Formula"):
            new.Alt = String(PARTLY_KEPT)  # its own words may describe what is gone
        return Copied(element=new, whole=whole, first=first)

    def _kid(
        self, kid: Any, new: pikepdf.Object, page: pikepdf.Object | None, depth: int
    ) -> tuple[Any, bool, int]:
        """A kid of an element as copied (None: not kept), whether it is kept whole, its
        first page in the copy."""
        if isinstance(kid, int) and not isinstance(kid, bool):
            return self._mcid(int(kid), page, None, new, bare=True)
        if not isinstance(kid, Dictionary):
            return None, False, -1
        if kid.get("/Type") == Name.MCR or ("/MCID" in kid and "/S" not in kid):
            where = kid.Pg if isinstance(kid.get("/Pg"), Dictionary) else page
            stream = kid.get("/Stm")
            mcid = kid.get("/MCID")
            if not isinstance(mcid, int):
                return None, False, -1
            return self._mcid(int(mcid), where, stream, new)
        if kid.get("/Type") == Name.OBJR:
            return self._objr(kid, page, new)
        copied = self.element(kid, new, page, depth + 1)
        if copied is None:
            return None, False, -1
        return copied.element, copied.whole, copied.first

    def _mcid(
        self, mcid: int, page: Any, stream: Any, new: pikepdf.Object, *, bare: bool = False
    ) -> tuple[Any, bool, int]:
        """A marked-content id kept: as it was (``bare``, on the element's page) or as a
        marked-content reference."""
        if not isinstance(page, Dictionary) or page.objgen not in self.kept.pages:
            return None, False, -1
        index, new_page = self.kept.pages[page.objgen]
        owner_source = stream if isinstance(stream, pikepdf.Stream) else page
        if mcid not in self.kept.marked.get(owner_source.objgen, set()):
            return None, False, -1
        if isinstance(stream, pikepdf.Stream):
            form = self.kept.forms.get(stream.objgen)
            if form is None:
                return None, False, -1
            self.parents.add(form, mcid, new)
            return Dictionary(Type=Name.MCR, Pg=new_page, Stm=form, MCID=mcid), True, index
        self.parents.add(new_page, mcid, new)
        whole = mcid not in self.kept.touched.get(page.objgen, set())
        if bare:
            return mcid, whole, index
        return Dictionary(Type=Name.MCR, Pg=new_page, MCID=mcid), whole, index

    def _objr(self, kid: pikepdf.Object, page: Any, new: pikepdf.Object) -> tuple[Any, bool, int]:
        target = kid.get("/Obj")
        if not isinstance(target, Dictionary) or target.objgen not in self.kept.annotations:
            return None, False, -1
        annotation = self.kept.annotations[target.objgen]
        where = kid.Pg if isinstance(kid.get("/Pg"), Dictionary) else page
        if not isinstance(where, Dictionary) or where.objgen not in self.kept.pages:
            return None, False, -1
        index, new_page = self.kept.pages[where.objgen]
        self.parents.annotations.append((annotation, new))
        return Dictionary(Type=Name.OBJR, Obj=annotation, Pg=new_page), True, index


def kids(element: pikepdf.Object) -> list[Any]:
    """An element's kids, as a list (``/K`` may hold one kid or an array)."""
    found = element.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, Array) else [found]


def _name(value: Any) -> Name:
    return value if isinstance(value, Name) else Name.NonStruct


def _copy_words(source: pikepdf.Object, new: pikepdf.Object, whole: bool) -> None:
    lang = source.get("/Lang")
    if isinstance(lang, String) and len(bytes(lang)) <= 35:
        new.Lang = String(str(lang))
    if whole:
        for key in WORDS:
            if isinstance(source.get(key), String):
                new[key] = String(str(source[key]))
    attributes = _attributes(source.get("/A"))
    if attributes:
        new.A = attributes[0] if len(attributes) == 1 else Array(attributes)


def _attributes(value: Any) -> list[Dictionary]:
    """The layout, list and table attributes of an element (see ATTRIBUTE_OWNERS)."""
    listed = list(value) if isinstance(value, Array) else [value]
    kept = []
    for attribute in listed:
        if not isinstance(attribute, Dictionary) or attribute.get("/O") not in ATTRIBUTE_OWNERS:
            continue
        new = Dictionary()
        for key, item in attribute.items():
            if key in _TEXT_ATTRIBUTES:
                continue
            if isinstance(item, Name | int | float | bool) or _is_number(item):
                new[key] = item
            elif isinstance(item, Array) and all(_is_number(v) for v in item):
                new[key] = Array(list(item))
        kept.append(new)
    return kept


def _is_number(value: Any) -> bool:
    from decimal import Decimal

    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def role_map(source_root: pikepdf.Object) -> Dictionary:
    """The source's RoleMap: names to names only."""
    roles = source_root.get("/RoleMap")
    kept = Dictionary()
    if isinstance(roles, Dictionary):
        for key, value in roles.items():
            if isinstance(value, Name):
                kept[key] = value
    return kept
