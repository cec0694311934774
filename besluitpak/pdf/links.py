"""Internal links: where each goes, kept right through the merge, and the dead ones found.

A document's links and bookmarks go to a page either explicitly (``[page /XYZ left top
zoom]``) or by a name that the document's name tree (``/Names /Dests``) or its old-style
``/Dests`` dictionary resolves. In a bundle two bijlagen may use the same names (every
LaTeX report has ``section.1``), so before the merge each document's names are moved into a
namespace of its own (``b3:section.1``) and its explicit destinations are pointed at page
*numbers*; after the merge both are pointed at the bundle's pages again (:func:`detach`,
:func:`attach`). :func:`dead_links` lists every link and bookmark that leads nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf.structure import number_tree_items

View = tuple[Any, ...]
"""What follows the page in a destination: ``(/XYZ, left, top, zoom)``, ``(/Fit,)``…"""


@dataclass(frozen=True, kw_only=True)
class Target:
    """Where a destination leads: a page (index in its document) and how it is shown."""

    page: int
    view: View


@dataclass(frozen=True, kw_only=True)
class Detached:
    """A document's named destinations, renamed into its namespace, waiting for the merge."""

    names: dict[str, Target]


def named_destinations(pdf: pikepdf.Pdf) -> dict[bytes, pikepdf.Object]:
    """Every named destination of ``pdf`` (its name tree, then its old-style /Dests
    dictionary), by name, as the destination array or dictionary it names."""
    found: dict[bytes, pikepdf.Object] = {}
    names = pdf.Root.get("/Names")
    if isinstance(names, Dictionary) and isinstance(names.get("/Dests"), Dictionary):
        try:
            for key, value in pikepdf.NameTree(names.Dests).items():
                found.setdefault(_name_bytes(key), value)
        except (pikepdf.PdfError, TypeError, ValueError):
            pass  # a broken name tree resolves nothing; dead_links names what it breaks
    old = pdf.Root.get("/Dests")
    if isinstance(old, Dictionary):
        for key, value in old.items():
            found.setdefault(str(key)[1:].encode("utf-8"), value)
    return found


def _name_bytes(key: Any) -> bytes:
    if isinstance(key, bytes):
        return key
    if isinstance(key, String):
        return bytes(key)
    return str(key).encode("utf-8")


def _key(reference: String | Name) -> bytes:
    """The name a /Dest or /D names: a string (name tree) or a name (old /Dests)."""
    return bytes(reference) if isinstance(reference, String) else str(reference)[1:].encode()


def _destination_of(owner: pikepdf.Object) -> pikepdf.Object | None:
    """The destination of a link annotation or outline item: its /Dest, or the /D of its
    /GoTo action; None when it has neither (a web link, another action)."""
    if "/Dest" in owner:
        return owner.Dest
    action = owner.get("/A")
    if isinstance(action, Dictionary) and action.get("/S") == Name.GoTo and "/D" in action:
        return action.D
    return None


def _set_destination(owner: pikepdf.Object, destination: pikepdf.Object) -> None:
    if "/Dest" in owner:
        owner.Dest = destination
    else:
        owner.A.D = destination


def resolve(
    destination: pikepdf.Object | None,
    names: dict[bytes, pikepdf.Object],
    pages: dict[tuple[int, int], int],
) -> Target | None:
    """The page (an index into ``pages``, object id -> index) and view a destination leads
    to, following a name through ``names``; None if it leads nowhere."""
    if isinstance(destination, String | Name):
        destination = names.get(_key(destination))
    if isinstance(destination, Dictionary) and "/D" in destination:
        destination = destination.D
    if not isinstance(destination, Array) or len(destination) < 1:
        return None
    page = destination[0]
    if isinstance(page, Dictionary) and page.is_indirect:
        index = pages.get(page.objgen)
    elif isinstance(page, int) and not isinstance(page, bool):
        index = page if 0 <= page < len(pages) else None
    else:
        index = None
    if index is None:
        return None
    return Target(page=index, view=tuple(_plain(v) for v in list(destination)[1:]))


def _plain(value: Any) -> Any:
    """A destination's view parameter as a value any PDF can hold."""
    if isinstance(value, Name):
        return Name(str(value))
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """Page object id -> page index."""
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages)}


def _link_owners(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Object]]:
    """(page index, annotation) of every link annotation."""
    for number, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", Array()):
            if isinstance(annot, Dictionary) and annot.get("/Subtype") == Name.Link:
                yield number, annot


def detach(pdf: pikepdf.Pdf, *, prefix: str) -> Detached:
    """Prepare ``pdf`` for the merge: rename its named destinations to ``prefix:name`` (its
    links with them) and point its links' explicit destinations at page numbers, which
    :func:`attach` turns into the bundle's pages. Its own name tree is removed."""
    names = named_destinations(pdf)
    pages = page_index(pdf)
    kept: dict[str, Target] = {}
    for key, value in names.items():
        target = resolve(value, names, pages)
        if target is not None:
            kept[f"{prefix}:{key.decode('utf-8', 'replace')}"] = target
    done: set[tuple[int, int]] = set()
    for _, annot in _link_owners(pdf):
        holder = annot if "/Dest" in annot else annot.get("/A")
        if isinstance(holder, Dictionary) and holder.is_indirect:
            if holder.objgen in done:
                continue  # an action several links share: renamed once
            done.add(holder.objgen)
        destination = _destination_of(annot)
        if isinstance(destination, String | Name):
            name = _key(destination).decode("utf-8", "replace")
            _set_destination(annot, String(f"{prefix}:{name}"))
        elif isinstance(destination, Array) and len(destination) > 0:
            page = destination[0]
            if isinstance(page, Dictionary) and page.objgen in pages:
                destination[0] = pages[page.objgen]
    if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        del pdf.Root.Names["/Dests"]
    if "/Dests" in pdf.Root:
        del pdf.Root["/Dests"]
    return Detached(names=kept)


def attach(pdf: pikepdf.Pdf, detached: Detached, *, start: int, count: int) -> dict[str, Array]:
    """Point the explicit destinations of the links on pages ``start`` to ``start +
    count`` (a document :func:`detach` prepared) at the merged pages; its named
    destinations, for the bundle's name tree."""
    for number in range(start, start + count):
        for annot in pdf.pages[number].obj.get("/Annots", Array()):
            if not isinstance(annot, Dictionary) or annot.get("/Subtype") != Name.Link:
                continue
            destination = _destination_of(annot)
            if isinstance(destination, Array) and len(destination) > 0:
                page = destination[0]
                if isinstance(page, int) and not isinstance(page, bool) and 0 <= page < count:
                    destination[0] = pdf.pages[start + page].obj
    return {
        name: Array([pdf.pages[start + target.page].obj, *target.view])
        for name, target in detached.names.items()
    }


def write_destinations(pdf: pikepdf.Pdf, destinations: dict[str, Array]) -> None:
    """The PDF's named destinations: one name tree, sorted as PDF requires (by bytes)."""
    entries = Array()
    for name in sorted(destinations, key=lambda n: n.encode("utf-8")):
        entries.append(String(name))
        entries.append(destinations[name])
    pdf.Root.Names = Dictionary(Dests=pdf.make_indirect(Dictionary(Names=entries)))
    if "/Dests" in pdf.Root:
        del pdf.Root["/Dests"]


def finish_links(pdf: pikepdf.Pdf) -> None:
    """What PDF/A and PDF/UA ask of every link: a description (``Naar pagina 12`` for an
    internal link, the address for a web link) where it has none, also on a Link element
    that holds nothing but the annotation, and the Print flag."""
    names = named_destinations(pdf)
    pages = page_index(pdf)
    tree = pdf.Root.get("/StructTreeRoot")
    parents = (
        dict(number_tree_items(tree.ParentTree))
        if isinstance(tree, Dictionary) and "/ParentTree" in tree
        else {}
    )
    for _, annot in _link_owners(pdf):
        annot.F = int(annot.get("/F", 0)) & ~(_HIDDEN | _NOVIEW) | _PRINT
        if not str(annot.get("/Contents", "")).strip():
            text = _description(annot, names, pages)
            if text is None:
                continue
            annot.Contents = String(text)
        element = parents.get(int(annot.StructParent)) if "/StructParent" in annot else None
        if isinstance(element, Dictionary) and _only_references(element) and "/Alt" not in element:
            element.Alt = annot.Contents


_PRINT, _HIDDEN, _NOVIEW = 4, 2, 32


def _description(
    annot: pikepdf.Object, names: dict[bytes, pikepdf.Object], pages: dict[tuple[int, int], int]
) -> str | None:
    target = resolve(_destination_of(annot), names, pages)
    if target is not None:
        return f"Naar pagina {target.page + 1}"
    action = annot.get("/A")
    if isinstance(action, Dictionary) and action.get("/S") == Name.URI:
        uri = str(action.get("/URI", ""))
        if uri.lower().startswith("mailto:"):
            return f"E-mail aan {uri[len('mailto:') :].split('?')[0]}"
        return f"Naar {uri}"
    return None


def _only_references(element: Any) -> bool:
    """Is ``element`` a structure element whose only content is object references (a Link
    around an annotation, with no text of its own)?"""
    if not isinstance(element, Dictionary) or "/S" not in element:
        return False
    kids = element.get("/K")
    listed = list(kids) if isinstance(kids, Array) else [kids]
    return all(isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR for k in listed)


def dead_links(pdf: pikepdf.Pdf) -> list[str]:
    """Every internal link and bookmark of ``pdf`` that leads to no page of it, as
    ``page 3: link to 'b2:section.1': no such page or destination`` or
    ``bookmark '2 Analyse': …``."""
    names = named_destinations(pdf)
    pages = page_index(pdf)
    dead: list[str] = []
    for number, annot in _link_owners(pdf):
        destination = _destination_of(annot)
        if destination is None:
            action = annot.get("/A")
            if action is None:
                dead.append(f"page {number + 1}: link without a destination or action")
            continue
        if resolve(destination, names, pages) is None:
            dead.append(f"page {number + 1}: link to {_shown(destination)}: {_NOWHERE}")
    dead.extend(_dead_bookmarks(pdf, names, pages))
    return dead


_NOWHERE = "no such page or destination"


def _shown(destination: pikepdf.Object) -> str:
    if isinstance(destination, String):
        return f"'{destination}'"
    if isinstance(destination, Name):
        return f"'{str(destination)[1:]}'"
    return "an explicit destination"


def _dead_bookmarks(
    pdf: pikepdf.Pdf, names: dict[bytes, pikepdf.Object], pages: dict[tuple[int, int], int]
) -> Iterator[str]:
    outlines = pdf.Root.get("/Outlines")
    if not isinstance(outlines, Dictionary):
        return
    seen: set[tuple[int, int]] = set()
    item = outlines.get("/First")
    stack: list[pikepdf.Object] = []
    while isinstance(item, Dictionary) or stack:
        if not isinstance(item, Dictionary):
            item = stack.pop()
            continue
        if item.objgen in seen:
            yield "bookmarks: the outline loops"
            return
        seen.add(item.objgen)
        destination = _destination_of(item)
        title = str(item.get("/Title", ""))
        if destination is None and "/A" not in item and "/First" not in item:
            yield f"bookmark '{title}': no destination"
        elif destination is not None and resolve(destination, names, pages) is None:
            yield f"bookmark '{title}': {_shown(destination)}: {_NOWHERE}"
        if isinstance(item.get("/Next"), Dictionary):
            stack.append(item.Next)
        item = item.get("/First")


def drop_dead_links(pdf: pikepdf.Pdf) -> list[int]:
    """Remove the link annotations that lead to no page of ``pdf`` (and their place in the
    structure tree); the pages (1-based) they were on."""
    names = named_destinations(pdf)
    pages = page_index(pdf)
    dropped: list[int] = []
    for number, page in enumerate(pdf.pages):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, Array):
            continue
        keep = Array()
        for annot in annots:
            destination = _destination_of(annot) if isinstance(annot, Dictionary) else None
            dead = (
                isinstance(annot, Dictionary)
                and annot.get("/Subtype") == Name.Link
                and (
                    (destination is None and "/A" not in annot)
                    or (destination is not None and resolve(destination, names, pages) is None)
                )
            )
            if dead:
                _untag(pdf, annot)
                dropped.append(number + 1)
            else:
                keep.append(annot)
        if len(keep) != len(annots):
            page.obj.Annots = keep
    return sorted(set(dropped))


def _untag(pdf: pikepdf.Pdf, annot: pikepdf.Object) -> None:
    """Take an annotation out of the structure element that holds it."""
    tree = pdf.Root.get("/StructTreeRoot")
    if (
        not isinstance(tree, Dictionary)
        or "/StructParent" not in annot
        or "/ParentTree" not in tree
    ):
        return
    key = int(annot.StructParent)
    for number, element in number_tree_items(tree.ParentTree):
        if number != key or not isinstance(element, Dictionary):
            continue
        kids = element.get("/K")
        if isinstance(kids, Array):
            element.K = Array(
                [
                    k
                    for k in kids
                    if not (
                        isinstance(k, Dictionary)
                        and k.get("/Type") == Name.OBJR
                        and k.get("/Obj") is not None
                        and k.Obj.objgen == annot.objgen
                    )
                ]
            )
