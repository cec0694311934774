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
On a kept page with redaction boxes (words or a box of ``lakken``), the content is read
through :class:`besluitpak.pdf.public_redact.Redactor`, which leaves out the glyphs, pixels and
forms' content under the boxes before the allow-list above copies what is left; links that
meet a box, and bookmarks whose title holds what a box removed, are not copied; each box is
painted naming its ground (:mod:`besluitpak.pdf.redact_mark`).
The document level holds only :data:`CATALOG_KEYS`: no names tree, no embedded files, no
forms, no optional-content properties, no actions, no metadata (the assembler writes its own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf import links, public_glyphs, public_outline, redact_mark, withhold
from besluitpak.pdf import structure as pdfstruct
from besluitpak.pdf.public_content import Copier
from besluitpak.pdf.public_layers import Visibility
from besluitpak.pdf.public_redact import Redactor
from besluitpak.pdf.public_structure import Kept, ParentTree, TreeCopy, kids, role_map
from besluitpak.pdf.redact_mark import Box
from besluitpak.pdf.redact_text import overlaps

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
    touched: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    """Source page → the MCIDs whose content redaction changed."""
    labels: list[tuple[int, pikepdf.Object, list[tuple[int, str]]]] = field(default_factory=list)
    """(index, page, (MCID, words) of each box's text) of each page with redaction boxes."""
    removed: list[str] = field(default_factory=list)
    """The text redaction removed, run by run."""


@dataclass(frozen=True)
class _Redaction:
    boxes: Mapping[int, Sequence[Box]]
    redactor: Redactor
    tagged: bool
    marks: Mapping[tuple[int, int], redact_mark.Marks]
    """Source page → its boxes drawn (all in one go: one copy of the font)."""


def public_copy(
    source: Path,
    out: Path,
    *,
    grounds: Mapping[int, str],
    titel: str,
    boxes: Mapping[int, Sequence[Box]] | None = None,
    hidden: Sequence[str] = (),
) -> None:
    """Write the public copy of ``source`` to ``out``, each page in ``grounds`` (1-based)
    replaced by a page naming its Woo ground, what lies under ``boxes`` (1-based page →
    boxes in its default user space) removed; a bookmark whose title holds a text of
    ``hidden`` (the words redacted) is left out."""
    with pikepdf.open(source) as pdf, pikepdf.new() as new:
        tagged = isinstance(pdf.Root.get("/StructTreeRoot"), Dictionary)
        copier = Copier(pdf, new)
        redaction = _Redaction(boxes or {}, Redactor(pdf), tagged, _marks(pdf, new, boxes, tagged))
        placed = _pages(pdf, new, copier, grounds, titel, redaction)
        kept = Kept(
            pages=placed.kept,
            marked={**copier.marked, **placed.marks},
            forms=copier.copied,
            annotations=_links(pdf, new, placed.kept, redaction.boxes),
            touched=placed.touched,
        )
        if tagged:
            _structure(pdf.Root.StructTreeRoot, new, kept, placed)
        public_outline.outline(
            pdf, new, placed.kept, [*hidden, *(t for t in placed.removed if len(t.strip()) > 3)]
        )
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
    redaction: _Redaction,
) -> _Placed:
    """Copy the kept pages and draw the withheld ones."""
    placed = _Placed()
    tagged = redaction.tagged
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
            boxes = redaction.boxes.get(index + 1, ())
            copied, marks = _page(page.obj, new, copier, boxes, redaction, placed)
            new.pages.append(pikepdf.Page(copied))
            placed.kept[page.obj.objgen] = (index, new.pages[-1].obj)
            placed.marks[page.obj.objgen] = marks
            if boxes:
                placed.labels[-1] = (index, new.pages[-1].obj, placed.labels[-1][2])
    finally:
        if holders is not None:
            holders.close()
    return placed


def _page(
    page: pikepdf.Object,
    new: pikepdf.Pdf,
    copier: Copier,
    boxes: Sequence[Box],
    redaction: _Redaction,
    placed: _Placed,
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
    resources = _inherited(page, "/Resources")
    if not boxes:
        data, resources, mcids = copier.content(instructions, resources)
    else:
        data, resources, mcids = _redacted(
            page, new, copier, instructions, boxes, redaction, placed
        )
    copy.Contents = new.make_stream(data)
    copy.Resources = resources
    return copy, mcids


def _redacted(
    page: pikepdf.Object,
    new: pikepdf.Pdf,
    copier: Copier,
    instructions: list[Any],
    boxes: Sequence[Box],
    redaction: _Redaction,
    placed: _Placed,
) -> tuple[bytes, Dictionary, set[int]]:
    """A kept page's content read through the redaction of ``boxes``, the boxes painted on it."""
    done = redaction.redactor.page(
        instructions, _inherited(page, "/Resources"), [box.rect for box in boxes]
    )
    data, resources, mcids = copier.content(done.instructions, done.resources)
    placed.touched[page.objgen] = done.touched
    placed.removed.extend(done.removed)
    drawn = redaction.marks[page.objgen]
    redact_mark.add_fonts(resources, drawn.fonts)
    placed.labels.append((-1, page, drawn.spans))
    mcids = mcids | {mcid for mcid, _ in drawn.spans}
    return b"q\n" + data + b"\nQ\n" + drawn.content, resources, mcids


def _marks(
    pdf: pikepdf.Pdf, new: pikepdf.Pdf, boxes: Mapping[int, Sequence[Box]] | None, tagged: bool
) -> dict[tuple[int, int], redact_mark.Marks]:
    """The boxes of every page drawn for ``new``, their texts' MCIDs after the page's own."""
    wanted: dict[tuple[int, int], redact_mark.Drawing] = {}
    for number, page_boxes in sorted((boxes or {}).items()):
        page = pdf.pages[number - 1].obj
        rotate = _inherited(page, "/Rotate")
        turned = int(rotate) if isinstance(rotate, int) else 0
        first = redact_mark.last_mcid(page, _inherited(page, "/Resources")) + 1
        wanted[page.objgen] = (page_boxes, turned, first)
    return redact_mark.marks(new, wanted, tagged=tagged) if wanted else {}


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
    pdf: pikepdf.Pdf,
    new: pikepdf.Pdf,
    kept: Mapping[tuple[int, int], tuple[int, pikepdf.Object]],
    boxes: Mapping[int, Sequence[Box]],
) -> dict[tuple[int, int], pikepdf.Object]:
    """The links of the kept pages that may stay (see the module), copied onto their pages;
    source annotation → copy. A link that meets a redaction box does not stay."""
    names = links.named_destinations(pdf)
    pages = links.page_index(pdf)
    by_index = {index: copy for index, copy in kept.values()}
    copied: dict[tuple[int, int], pikepdf.Object] = {}
    visibility = Visibility(pdf.Root)
    for page in pdf.pages:
        if page.obj.objgen not in kept:
            continue
        index, target_page = kept[page.obj.objgen]
        rects = [box.rect for box in boxes.get(index + 1, ())]
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, Array) else []:
            if not isinstance(annot, Dictionary) or annot.get("/Subtype") != Name.Link:
                continue
            if visibility.hidden(annot.get("/OC")) or not isinstance(annot.get("/Rect"), Array):
                continue
            if rects and _meets(annot, rects):
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


def _meets(annot: pikepdf.Object, rects: Sequence[tuple[float, float, float, float]]) -> bool:
    """Whether an annotation's rectangle (or one of its quadrilaterals) meets a box."""
    values = [float(v) for v in _numbers(annot.Rect)]
    if len(values) != 4:
        return True
    area = (
        min(values[0], values[2]),
        min(values[1], values[3]),
        max(values[0], values[2]),
        max(values[1], values[3]),
    )
    return any(overlaps(area, rect, margin=0.0) for rect in rects)


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
    for index, page, spans in placed.labels:
        at = len([first for first, _ in tops if first <= index])
        for mcid, words in spans:
            tops.insert(at, (index, redact_mark.element(new, root, parents, page, mcid, words)))
            at += 1
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
