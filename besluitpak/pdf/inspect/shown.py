"""The checks outloud makes that the others did not: optional content configurations with a
name (outloud DOC-030, ISO 14289-1 7.10), every annotation that is not a link or a form
field inside an /Annot structure element (LNK-006, 7.18.1), and every glyph shown mapped to
Unicode (TXT-003, 7.21.7; PDF/A-2u 6.2.11.7.2), read glyph by glyph from the content
streams (:mod:`besluitpak.pdf.glyphs`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import glyphs
from besluitpak.pdf.inspect import memo
from besluitpak.pdf.inspect.base import Check, _Context, _struct_tree, check
from besluitpak.pdf.inspect.tagged import _kids, _role, _walk

OWN_ELEMENT = {"/Link", "/Widget", "/PrinterMark", "/Popup"}
"""Annotations that need no /Annot element: a link has its /Link, a form field its /Form
(other checks), a printer's mark and a popup are not content."""
_HIDDEN = 2 | 32  # the Hidden and NoView flags


@check
def optional_content(c: _Context) -> Iterator[Check]:
    properties = c.pdf.Root.get("/OCProperties")
    if not isinstance(properties, Dictionary):
        yield Check("metadata", "optional content configurations named", True, "none")
        return
    configurations: list[tuple[str, Any]] = [("the default configuration", properties.get("/D"))]
    alternates = properties.get("/Configs")
    if isinstance(alternates, Array):
        configurations += [
            (f"alternate configuration {n}", d) for n, d in enumerate(alternates, start=1)
        ]
    unnamed, usage = [], []
    for name, configuration in configurations:
        if not isinstance(configuration, Dictionary):
            continue
        given = configuration.get("/Name")
        if not isinstance(given, pikepdf.String) or not str(given).strip():
            unnamed.append(name)
        if "/AS" in configuration:
            usage.append(name)
    problems = [f"without /Name: {', '.join(unnamed)}"] if unnamed else []
    problems += [f"with /AS: {', '.join(usage)}"] if usage else []
    yield Check(
        "metadata",
        "optional content configurations named",
        not problems,
        "; ".join(problems) or f"{len(configurations)} configuration(s), each with a /Name",
    )


def _annot_owners(c: _Context) -> set[tuple[int, int]]:
    """The annotations an /Annot structure element holds by an OBJR."""
    tree = _struct_tree(c.pdf)
    owned: set[tuple[int, int]] = set()
    if tree is None:
        return owned
    seen: set[tuple[int, int]] = set()
    elements = (element for top in _kids(tree) for element in _walk(top, seen))
    for element in elements:
        if c.standard(_role(element)) != "/Annot":
            continue
        for kid in _kids(element):
            target = kid.get("/Obj") if isinstance(kid, Dictionary) else None
            if (
                isinstance(kid, Dictionary)
                and kid.get("/Type") == Name.OBJR
                and isinstance(target, Dictionary)
                and target.is_indirect
            ):
                owned.add(target.objgen)
    return owned


@check
def annotation_elements(c: _Context) -> Iterator[Check]:
    if _struct_tree(c.pdf) is None:
        return  # an untagged file fails the structure checks already
    owned: set[tuple[int, int]] | None = None  # the tree is walked only when an annotation asks
    outside: dict[str, list[str]] = {}
    count = 0
    for number, page in enumerate(c.pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, Array) else []:
            if not isinstance(annot, Dictionary):
                continue
            subtype = str(annot.get("/Subtype", "/?"))
            flags = annot.get("/F", 0)
            hidden = isinstance(flags, int) and bool(int(flags) & _HIDDEN)
            if subtype in OWN_ELEMENT or hidden:
                continue
            count += 1
            owned = _annot_owners(c) if owned is None else owned
            if not annot.is_indirect or annot.objgen not in owned:
                outside.setdefault(subtype.lstrip("/"), []).append(str(number))
    detail = "; ".join(
        f"{kind} on p.{', '.join(sorted(set(pages), key=int))}" for kind, pages in outside.items()
    )
    yield Check(
        "annotations",
        "every other annotation in an Annot structure element",
        not outside,
        f"outside: {detail}" if outside else f"{count} annotation(s) besides links",
    )


@check
def glyphs_shown(c: _Context) -> Iterator[Check]:
    unmapped: dict[str, set[int]] = {}
    pages: dict[str, list[int]] = {}
    fonts: dict[tuple[int, int], glyphs.FontMap] = {}

    def own(page: pikepdf.Page) -> list[tuple[str, list[int]]]:
        shown = glyphs.page_shown(page, fonts=fonts, skip=memo.fresh_forms(page, c.memo))
        return [(font, sorted(codes)) for font, codes in shown.unmapped.items()]

    remembered = memo.per_page(
        c.pdf, c.memo, "glyphs", own, decode=lambda items: [(str(f), list(v)) for f, v in items]
    )
    for number, (page, found) in enumerate(zip(c.pdf.pages, remembered, strict=True), start=1):
        per_font: dict[str, set[int]] = {font: set(codes) for font, codes in found}
        for form in memo.fresh_forms(page, c.memo):  # the stamp, after the page's own
            drawn = glyphs.show(
                form, form.get("/Resources", page.obj.get("/Resources")), fonts=fonts
            )
            for font, codes in drawn.unmapped.items():
                per_font.setdefault(font, set()).update(codes)
        for font, codes in per_font.items():
            if codes:
                unmapped.setdefault(font, set()).update(codes)
                pages.setdefault(font, []).append(number)
    detail = "; ".join(
        f"{font}: {len(codes)} code(s) ({', '.join(hex(code) for code in sorted(codes)[:6])}) "
        f"on p.{', '.join(map(str, pages[font][:8]))}"
        for font, codes in unmapped.items()
    )
    yield Check(
        "fonts",
        "every glyph shown maps to Unicode",
        not unmapped,
        f"without Unicode: {detail}" if unmapped else "ToUnicode or the encoding, glyph by glyph",
    )
