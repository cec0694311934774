"""The text parts of a ready-made .docx as LibreOffice is given them: only what Word shows.

Used by :mod:`besluitpak.render.public_word` on the body, headers, footers and notes:

* text formatted hidden (``w:vanish`` on the run, its character style or its paragraph's
  style) is taken out, and a paragraph of nothing but hidden text with a hidden mark too;
* fields are handled by :mod:`besluitpak.render.public_word_fields`;
* bookmark names become ``_bp1``, ``_bp2`` ... (links and cross references follow), caption
  sequences ``seq1`` ...; a content control becomes its content (its title, tag, list
  items and data binding go); a picture's name becomes neutral, its description (the alt
  text, which goes public with the picture) stays; a hidden drawing goes;
* what only an editor sees goes too: screen tips, edit permissions, proofing marks, an OLE
  object's link to its embedded file (its picture stays), ActiveX controls, revision ids.
"""

from __future__ import annotations

from lxml import etree

from besluitpak.render.public_word_fields import Names
from besluitpak.render.revisions import remove, unwrap

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
VML_OFFICE = "urn:schemas-microsoft-com:office:office"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FALSE = ("0", "false", "off")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


EDITOR_ONLY = (
    *(w(n) for n in ("permStart", "permEnd", "proofErr", "fldData", "altChunk", "control")),
    *(w(n) for n in ("commentRangeStart", "commentRangeEnd", "commentReference")),
    f"{{{VML_OFFICE}}}OLEObject",
)
"""Elements that only an editor sees or that point into a file of their own."""
UNWRAPPED = (w("customXml"), w("smartTag"))
"""Wrappers that name their content (a custom XML element, a smart tag): the content stays."""
DROPPED_ATTRIBUTES = (
    w("tooltip"),
    w("docLocation"),
    w("tgtFrame"),
    f"{{{W14}}}paraId",
    f"{{{W14}}}textId",
    f"{{{VML_OFFICE}}}title",
    "tooltip",
)
DRAWING_ATTRIBUTES = ("id", "descr", "title")
"""What a picture's (or shape's) non-visual properties keep; its name is made neutral."""


# --- hidden text ----------------------------------------------------------------------------


def _vanish(properties: etree._Element | None) -> bool | None:
    """Whether run properties hide their text: True, False, or None (they do not say)."""
    if properties is None:
        return None
    mark = properties.find(w("vanish"))
    if mark is None:
        return None
    return mark.get(w("val"), "true").lower() not in FALSE


def hidden_styles(styles: etree._Element | None) -> dict[str, bool]:
    """Each style id and whether its text is hidden (following ``w:basedOn``)."""
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    if styles is None:
        return {}
    for style in styles.iter(w("style")):
        ident = style.get(w("styleId"), "")
        own[ident] = _vanish(style.find(w("rPr")))
        parent = style.find(w("basedOn"))
        if parent is not None:
            based[ident] = parent.get(w("val"), "")
    default = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    fallback = bool(_vanish(default))
    resolved = {}
    for ident in own:
        seen, at, value = set(), ident, None
        while at in own and at not in seen and value is None:
            seen.add(at)
            value, at = own[at], based.get(at, "")
        resolved[ident] = fallback if value is None else value
    return resolved


def _run_hidden(run: etree._Element, hidden: dict[str, bool], paragraph_style: str) -> bool:
    properties = run.find(w("rPr"))
    own = _vanish(properties)
    if own is not None:
        return own
    style = properties.find(w("rStyle")) if properties is not None else None
    if style is not None and style.get(w("val"), "") in hidden:
        return hidden[style.get(w("val"), "")]
    return hidden.get(paragraph_style, False)


def _paragraph_style(paragraph: etree._Element | None) -> str:
    if paragraph is None:
        return ""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val"), "") if style is not None else ""


def remove_hidden(root: etree._Element, hidden: dict[str, bool]) -> int:
    """Take out every run of hidden text, and every paragraph that then holds nothing and
    whose mark is hidden too. Returns how many runs went."""
    removed = 0
    for run in list(root.iter(w("r"))):
        paragraph = next(run.iterancestors(w("p")), None)
        if run.getparent() is not None and _run_hidden(run, hidden, _paragraph_style(paragraph)):
            remove(run)
            removed += 1
    for paragraph in list(root.iter(w("p"))):
        mark = paragraph.find(f"{w('pPr')}/{w('rPr')}")
        shown = [c for c in paragraph if c.tag != w("pPr")]
        holds_section = paragraph.find(f"{w('pPr')}/{w('sectPr')}") is not None
        if _vanish(mark) and not shown and not holds_section and _has_sibling_paragraph(paragraph):
            remove(paragraph)
    return removed


def _has_sibling_paragraph(paragraph: etree._Element) -> bool:
    parent = paragraph.getparent()
    return parent is not None and sum(1 for c in parent if c.tag == w("p")) > 1


# --- names, content controls, drawings ------------------------------------------------------


def neutral_names(root: etree._Element, names: Names) -> None:
    """Bookmarks, internal links, content controls, smart tags and pictures without the
    names their author gave them."""
    for mark in root.iter(w("bookmarkStart")):
        mark.set(w("name"), names.bookmark(mark.get(w("name"), "")))
    for link in root.iter(w("hyperlink")):
        if link.get(w("anchor")) is not None:
            link.set(w("anchor"), names.bookmark(link.get(w("anchor"), "")))
    for control in reversed(list(root.iter(w("sdt")))):
        for properties in control.findall(w("sdtPr")) + control.findall(w("sdtEndPr")):
            remove(properties)
        for content in control.findall(w("sdtContent")):
            unwrap(content)
        unwrap(control)
    for wrapper in reversed(list(root.iter(*UNWRAPPED))):
        for properties in wrapper.findall(w("customXmlPr")) + wrapper.findall(w("smartTagPr")):
            remove(properties)
        unwrap(wrapper)
    _alternatives(root)
    _drawings(root)
    for element in list(root.iter(*EDITOR_ONLY)):
        remove(element)
    for element in root.iter():
        for key in [k for k in element.attrib if _dropped(k)]:
            del element.attrib[key]


def _dropped(key: str) -> bool:
    return key in DROPPED_ATTRIBUTES or key.startswith(w("rsid"))


def _alternatives(root: etree._Element) -> None:
    """Markup compatibility: the first choice is what Word and LibreOffice show; the other
    choices and the fallback (an older drawing of the same, which may say something else)
    go."""
    for block in list(root.iter(f"{{{MC}}}AlternateContent")):
        choices = block.findall(f"{{{MC}}}Choice")
        for other in [*choices[1:], *block.findall(f"{{{MC}}}Fallback")]:
            remove(other)


def _drawings(root: etree._Element) -> None:
    for properties in list(root.iter("{*}docPr", "{*}cNvPr")):
        if properties.get("hidden", "").lower() in ("1", "true"):
            drawing = next(properties.iterancestors(w("drawing")), None)
            run = next(properties.iterancestors(w("r")), None)
            remove(drawing if drawing is not None else properties)
            if run is not None and all(c.tag == w("rPr") for c in run):
                remove(run)
            continue
        kept = {k: v for k, v in properties.attrib.items() if k in DRAWING_ATTRIBUTES}
        properties.attrib.clear()
        properties.attrib.update(kept)
        properties.set("name", f"Afbeelding {kept.get('id', '')}".strip())


def references(root: etree._Element) -> set[str]:
    """The relationship ids ``root`` uses (``r:id``, ``r:embed``, ``r:link`` ...)."""
    return {
        value
        for element in root.iter()
        for key, value in element.attrib.items()
        if key.startswith(f"{{{R}}}")
    }


KEPT_WITHOUT_TARGET = ("blip", "imagedata", "hyperlink", "hlinkClick", "hlinkHover")
"""Elements that stay when what they point to is left out (only the pointer goes)."""


def drop_references(root: etree._Element, gone: set[str]) -> None:
    """Pointers to relationships that are left out: the pointer, or the element it is."""
    for element in list(root.iter()):
        keys = [k for k, v in element.attrib.items() if k.startswith(f"{{{R}}}") and v in gone]
        if not keys:
            continue
        if etree.QName(element).localname in KEPT_WITHOUT_TARGET:
            for key in keys:
                del element.attrib[key]
        else:
            remove(element)


def neutral_styles(styles: etree._Element) -> int:
    """A style its author made (``w:customStyle``) gets a neutral name (``Stijl 1`` ...):
    its name is no part of the text; its id, which the text uses, stays. Returns how many."""
    renamed = 0
    for style in styles.iter(w("style")):
        if style.get(w("customStyle"), "").lower() not in ("1", "true", "on"):
            continue
        renamed += 1
        for extra in style.findall(w("aliases")) + style.findall(w("rsid")):
            remove(extra)
        name = style.find(w("name"))
        if name is not None:
            name.set(w("val"), f"Stijl {renamed}")
    return renamed
