"""Repairs to an assembled bundle, before its claims are checked: what other tools leave out.

LibreOffice 25.2 writes links without a description; 7.4 tags a footnote as a Note without an
ID and leaves its back-link outside the structure tree; a ready-made PDF has links nobody
tagged and CID fonts without a /CIDToGIDMap. Each repair here is safe — it says what the file
already meant — and is listed, so the build can tell what it changed. What cannot be repaired
is left to :mod:`besluitpak.pdf.claims`, which then withholds the claim.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf import links, repair_annotations
from besluitpak.pdf.inspect.memo import PageMemo, per_part
from besluitpak.pdf.structure import number_tree_items, standard_type

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Repair:
    """One thing changed: on which page (1-based; 0 for the whole file), and what."""

    page: int
    what: str


def repair(pdf: pikepdf.Pdf, memo: PageMemo | None = None) -> list[Repair]:
    """Repair ``pdf`` in place; what was changed. ``memo``: which of its documents' Parts
    hold no Note (kept per document, so a rebuild walks only the changed ones for notes)."""
    done: list[Repair] = []
    links.finish_links(pdf)  # every link described by where it goes (PDF/UA 7.18.1)
    done += _tag_links(pdf)
    done += _note_ids(pdf, memo)
    done += _cid_fonts(pdf)
    done += repair_annotations.repair(pdf)  # sticky notes tagged, layer settings named
    for item in done:
        log.debug("repaired p.%d: %s", item.page, item.what)
    return done


def _links(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Page, pikepdf.Object]]:
    """Every link annotation, with its page number (1-based) and page."""
    for number, page in enumerate(pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, Array):
            continue
        for annot in annots:
            if isinstance(annot, Dictionary) and annot.get("/Subtype") == Name.Link:
                yield number, page, annot


def _tag_links(pdf: pikepdf.Pdf) -> list[Repair]:
    """A link outside the structure tree gets a Link element of its own (PDF/UA 7.18.5),
    beside the content of its page, with the link's description as its /Alt."""
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, Dictionary) or not isinstance(tree.get("/ParentTree"), Dictionary):
        return []
    entries = dict(number_tree_items(tree.ParentTree))
    next_key = max([int(tree.get("/ParentTreeNextKey", 0)), *(k + 1 for k in entries)])
    done = []
    for number, page, annot in _links(pdf):
        key = annot.get("/StructParent")
        if key is not None and _is_link(entries.get(int(key)), tree):
            continue
        parent = _page_parent(page, entries, tree)
        if parent is None:
            continue
        link = pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.Link,
                P=parent,
                Pg=page.obj,
                Alt=String(str(annot.get("/Contents", "Link"))),
                K=Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)]),
            )
        )
        _append_kid(parent, link)
        annot.StructParent = next_key
        entries[next_key] = link
        next_key += 1
        done.append(Repair(page=number, what="link tagged as a Link element"))
    if done:
        nums: list[Any] = []
        for number_key in sorted(entries):
            nums += [number_key, entries[number_key]]
        tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
        tree.ParentTreeNextKey = next_key
    return done


def _is_link(element: Any, tree: pikepdf.Object) -> bool:
    return isinstance(element, Dictionary) and _standard(element.get("/S"), tree) == "/Link"


def _standard(kind: Any, tree: pikepdf.Object) -> str:
    return standard_type(kind, tree.get("/RoleMap", Dictionary()))


def _page_parent(
    page: pikepdf.Page, entries: dict[int, Any], tree: pikepdf.Object
) -> pikepdf.Object | None:
    """Where a new element for this page goes: the parent of the page's first tagged content
    (its section or Part), else the tree's first element."""
    key = page.obj.get("/StructParents")
    elements = entries.get(int(key)) if key is not None else None
    if isinstance(elements, Array):
        for element in elements:
            if isinstance(element, Dictionary) and isinstance(element.get("/P"), Dictionary):
                parent = element.P
                return parent if parent.get("/Type") != Name.StructTreeRoot else element
    kids = tree.get("/K")
    first = kids[0] if isinstance(kids, Array) and len(kids) else kids
    return first if isinstance(first, Dictionary) else None


def _append_kid(parent: pikepdf.Object, kid: pikepdf.Object) -> None:
    kids = parent.get("/K")
    if kids is None:
        parent.K = Array([kid])
    elif isinstance(kids, Array):
        kids.append(kid)
    else:
        parent.K = Array([kids, kid])


def _note_ids(pdf: pikepdf.Pdf, memo: PageMemo | None = None) -> list[Repair]:
    """Every Note element gets an ID unique in the file (PDF/UA 7.9)."""
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, Dictionary):
        return []
    done, seen, count = [], set(), 0
    for element in _elements(tree, skip=_without_notes(tree, memo)):
        if _standard(element.get("/S"), tree) != "/Note":
            continue
        count += 1
        current = str(element.get("/ID", ""))
        if current and current not in seen:
            seen.add(current)
            continue
        new = f"note-{count}"
        while new in seen:
            count += 1
            new = f"note-{count}"
        element.ID = String(new)
        seen.add(new)
        done.append(Repair(page=_page_of(element, pdf), what=f"note given the ID {new}"))
    return done


def _without_notes(tree: pikepdf.Object, memo: PageMemo | None) -> set[tuple[int, int]]:
    """The documents' Parts (under the tree's top elements) that hold no Note element, as
    the memo keeps it per document (a Part with notes, or one no span names, is walked)."""
    if memo is None:
        return set()
    parts = [
        kid
        for top in _kids(tree)
        for kid in _kids(top)
        if kid.is_indirect
        and isinstance(kid.get("/S"), Name)
        and _standard(kid.get("/S"), tree) == "/Part"
    ]
    kept = per_part(
        memo,
        [str(part.T) if isinstance(part.get("/T"), String) else "" for part in parts],
        "notes",
        lambda index: [sum(1 for e in _elements(parts[index]) if _is_note(e, tree))],
        salt=[sorted((str(k), str(v)) for k, v in tree.get("/RoleMap", Dictionary()).items())],
        valid=lambda found: len(found) == 1 and isinstance(found[0], int),
    )
    return {part.objgen for part, found in zip(parts, kept, strict=True) if found == [0]}


def _kids(element: Any) -> list[pikepdf.Object]:
    kids = element.get("/K") if isinstance(element, Dictionary) else None
    items = list(kids) if isinstance(kids, Array) else [kids]
    return [kid for kid in items if isinstance(kid, Dictionary)]


def _is_note(element: pikepdf.Object, tree: pikepdf.Object) -> bool:
    return _standard(element.get("/S"), tree) == "/Note"


def _elements(
    tree: pikepdf.Object, skip: Set[tuple[int, int]] = frozenset()
) -> Iterator[pikepdf.Object]:
    """Every structure element, depth first, each once; the indirect ones in ``skip`` are
    neither given nor entered."""
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, Array) else [kids]
        for kid in reversed(items):
            if not isinstance(kid, Dictionary) or kid.get("/Type") in (Name.MCR, Name.OBJR):
                continue
            if kid.is_indirect:
                if kid.objgen in seen or kid.objgen in skip:
                    continue
                seen.add(kid.objgen)
            stack.append(kid)
            yield kid


def _page_of(element: pikepdf.Object, pdf: pikepdf.Pdf) -> int:
    page = element.get("/Pg")
    if isinstance(page, Dictionary):
        for number, candidate in enumerate(pdf.pages, start=1):
            if candidate.objgen == page.objgen:
                return number
    return 0


def _cid_fonts(pdf: pikepdf.Pdf) -> list[Repair]:
    """CIDFontType2 fonts get the /CIDToGIDMap PDF/A asks for (/Identity: what a missing
    entry already means), and a ToUnicode map derived from the embedded font's own cmap."""
    done = []
    for font, page in _type0_fonts(pdf):
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, Array) or not len(descendants):
            continue
        cid = descendants[0]
        if not isinstance(cid, Dictionary) or cid.get("/Subtype") != Name.CIDFontType2:
            continue
        name = str(cid.get("/BaseFont", "?")).lstrip("/")
        if "/CIDToGIDMap" not in cid:
            cid.CIDToGIDMap = Name.Identity
            done.append(Repair(page=page, what=f"font {name}: /CIDToGIDMap /Identity added"))
        if "/ToUnicode" not in font and font.get("/Encoding") == Name("/Identity-H"):
            cmap = _to_unicode(cid)
            if cmap is not None:
                font.ToUnicode = pdf.make_stream(cmap)
                done.append(Repair(page=page, what=f"font {name}: ToUnicode derived"))
    return done


def _type0_fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, int]]:
    seen = set()
    for number, page in enumerate(pdf.pages, start=1):
        for font in _page_fonts(page.obj.get("/Resources"), depth=0):
            if font.objgen in seen or font.get("/Subtype") != Name.Type0:
                continue
            seen.add(font.objgen)
            yield font, number


def _page_fonts(resources: Any, *, depth: int) -> Iterator[pikepdf.Object]:
    if not isinstance(resources, Dictionary) or depth > 8:
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, Dictionary):
        for font in fonts.values():
            if isinstance(font, Dictionary):
                yield font
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, Dictionary):
        for xobject in xobjects.values():
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == Name.Form:
                yield from _page_fonts(xobject.get("/Resources"), depth=depth + 1)


def _to_unicode(cid: pikepdf.Object) -> bytes | None:
    """A ToUnicode CMap for an Identity-mapped TrueType CID font: glyph id → character, from
    the font program's own cmap; None when the font has none to read."""
    from fontTools.ttLib import TTFont, TTLibError

    descriptor = cid.get("/FontDescriptor")
    program = descriptor.get("/FontFile2") if isinstance(descriptor, Dictionary) else None
    if not isinstance(program, pikepdf.Stream) or cid.get("/CIDToGIDMap") != Name.Identity:
        return None
    try:
        font = TTFont(io.BytesIO(program.read_bytes()), lazy=True)
        best = font.getBestCmap() if "cmap" in font else None
        order = font.getGlyphOrder()
    except (TTLibError, pikepdf.PdfError, AssertionError, KeyError, ValueError) as e:
        log.debug("font %s: no ToUnicode derived: %s", cid.get("/BaseFont"), e)
        return None
    if not best:
        return None
    gids = {name: index for index, name in enumerate(order)}
    pairs = sorted({gids[name]: code for code, name in best.items() if name in gids}.items())
    return _cmap(pairs)


def _cmap(pairs: Sequence[tuple[int, int]]) -> bytes:
    from besluitpak.pdf.public_cmap import write_cmap

    mapping = {gid: chr(code) for gid, code in pairs}
    return write_cmap(mapping, 2, name="Adobe-Identity-UCS")
