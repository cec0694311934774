"""The checks of how a reader finds the way: links in the structure tree and landing
somewhere, bookmarks, page labels, and page numbers as artifacts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from besluitpak.pdf.inspect.base import (
    Check,
    _Context,
    _dict,
    _entry_array,
    _number,
    _reason,
    _struct_tree,
    _text,
    _Unreadable,
    check,
    log,
)
from besluitpak.pdf.inspect.tagged import _kids, _marked, _parent_tree, _qpdf_text, _role, _same


def _scan_links(c: _Context) -> tuple[list[str], list[str], list[str], int]:
    """Pages with annotations but no /Tabs /S, with links outside the structure tree, with
    links without a description; and the number of links."""
    tree = _struct_tree(c.pdf)
    parent_tree = _parent_tree(tree) if tree is not None else {}
    no_tabs: list[str] = []
    untagged: list[str] = []
    no_text: list[str] = []
    count = 0
    for number, page in enumerate(c.pdf.pages, start=1):
        where = f"page {number}: "
        annots = _entry_array(page.obj, "/Annots", where)
        if len(annots) and page.obj.get("/Tabs") != Name.S:
            no_tabs.append(str(number))
        for index, annot in enumerate(annots):
            annot = _dict(annot, f"{where}/Annots[{index}]")
            if annot.get("/Subtype") != Name.Link:
                continue
            count += 1
            key = annot.get("/StructParent")
            element = (
                parent_tree.get(_number(key, f"{where}a link's /StructParent"))
                if key is not None
                else None
            )
            if not _link_in_tree(c, element, annot):
                untagged.append(str(number))
            has_alt = isinstance(element, Dictionary) and "/Alt" in element
            if not _text(annot.get("/Contents")) and not has_alt:
                no_text.append(str(number))
    return no_tabs, untagged, no_text, count


def _link_in_tree(c: _Context, element: Any, annot: pikepdf.Object) -> bool:
    """Is ``element`` a Link structure element that holds ``annot`` by an OBJR?"""
    return (
        isinstance(element, Dictionary)
        and c.standard(_role(element)) == "/Link"
        and any(
            isinstance(k, Dictionary)
            and k.get("/Type") == Name.OBJR
            and _same(k.get("/Obj"), annot)
            for k in _kids(element)
        )
    )


@check
def links(c: _Context) -> Iterator[Check]:
    no_tabs, untagged, no_text, count = _scan_links(c)
    yield Check(
        "annotations",
        "pages with annotations use structure order (/Tabs /S)",
        not no_tabs,
        f"pages without: {', '.join(no_tabs)}" if no_tabs else "ok",
    )
    yield Check(
        "annotations",
        "every link is in the structure tree",
        not untagged,
        f"{count} links"
        + (f"; untagged on pages {', '.join(sorted(set(untagged)))}" if untagged else ""),
    )
    yield Check(
        "annotations",
        "every link has a description",
        not no_text,
        f"missing on pages {', '.join(sorted(set(no_text)))}" if no_text else "ok",
    )


def _bookmarks(pdf: pikepdf.Pdf) -> Check:
    try:
        with pdf.open_outline() as outline:
            top = list(outline.root)
            nested = sum(len(item.children) for item in top)
            broken = [
                item.title for item in top if item.destination is None and item.action is None
            ]
    except Exception as e:  # a damaged outline can fail in many ways: report it, go on
        log.debug("inspect: the outline could not be read", exc_info=True)
        reason = _qpdf_text(e) if isinstance(e, pikepdf.OutlineStructureError) else _reason(e)
        return Check("navigation", "bookmarks", False, f"broken outline: {reason}")
    return Check(
        "navigation",
        "bookmarks",
        bool(top) and not broken,
        f"{len(top)} top-level, {nested} nested"
        + (f"; without target: {', '.join(broken[:3])}" if broken else ""),
    )


def _stamped(pdf: pikepdf.Pdf) -> int:
    """Pages that draw a pagination artifact (pages whose content is damaged count not)."""
    count = 0
    for number, page in enumerate(pdf.pages, start=1):
        try:
            count += 1 if _marked(page, f"page {number}: ")[1] else 0
        except _Unreadable:
            continue  # the structure check reports the damaged page
    return count


@check
def navigation(c: _Context) -> Iterator[Check]:
    pdf = c.pdf
    yield _bookmarks(pdf)
    labels = pdf.Root.get("/PageLabels")
    ranges = (
        len(_entry_array(_dict(labels, "/PageLabels"), "/Nums", "/PageLabels")) // 2
        if labels is not None
        else 0
    )
    yield Check(
        "navigation",
        "page labels",
        labels is not None,
        f"{ranges} ranges" if labels is not None else "no /PageLabels",
    )
    pages = len(pdf.pages)
    stamped = c.stamped if c.stamped is not None else _stamped(pdf)
    yield Check(
        "furniture",
        "page numbers and labels are artifacts",
        stamped == 0 or stamped >= pages - 1,
        f"{stamped} of {pages} pages carry a pagination artifact",
    )
