"""A ready-made .docx rebuilt from an allow-list of what Word prints, before LibreOffice
converts it (both editions) and before ``render --openbaar`` writes it.

A Word package holds much that is never printed: a glossary of building blocks, custom XML
data, document variables, the path of the template it was made from, the names of the company
and the manager, custom properties, macros, embedded files, a thumbnail of page 1, the people
who commented. The copy is not cleaned of those: it is built anew from the main document
outwards, following only relationships of an allowed type (styles, numbering, fonts, theme,
settings, headers, footers, notes, pictures, charts, diagrams, links to the web) that the
part pointing to them really uses. Every other part is left behind. Then

* ``[Content_Types].xml`` and every ``.rels`` are written anew for what is kept;
* ``docProps/core.xml`` keeps only the properties besluitpak wrote (title, subject, author,
  language, keywords, dates); ``docProps/app.xml`` and ``custom.xml`` are left out;
* ``word/settings.xml`` keeps only the settings that change the layout (tab stops, notes,
  hyphenation, compatibility): no variables, no template, no revision ids, no protection;
* the text parts keep only what Word shows (:mod:`besluitpak.render.public_word_text`);
* pictures lose their metadata (:mod:`besluitpak.render.public_media`); an SVG picture goes
  (Word keeps a PNG of it beside it, which is drawn instead).

The copy is the same for both editions: what it leaves out is not shown by Word, and the page
numbers of ``lakken`` must mean the same pages in both.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from besluitpak.render import public_media
from besluitpak.render import public_word_crop as crop
from besluitpak.render import public_word_fields as fields
from besluitpak.render import public_word_text as text
from besluitpak.render.revisions import parse, serialize

RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOLLOWED = frozenset(
    [
        "styles",
        "numbering",
        "fontTable",
        "theme",
        "settings",
        "header",
        "footer",
        "footnotes",
        "endnotes",
        "image",
        "hyperlink",
        "font",
        "chart",
        "chartStyle",
        "chartColorStyle",
        "themeOverride",
        "diagramData",
        "diagramLayout",
        "diagramQuickStyle",
        "diagramColors",
        "diagramDrawing",
    ]
)
"""The relationship types (the last part of the type URI) the copy follows."""
IMPLIED = frozenset(
    [
        "styles",
        "numbering",
        "fontTable",
        "theme",
        "settings",
        "footnotes",
        "endnotes",
        "chartStyle",
        "chartColorStyle",
        "themeOverride",
        "diagramDrawing",
    ]
)
"""Relationships a part has without pointing to them by id."""
TEXT_PARTS = frozenset({"officeDocument", "header", "footer", "footnotes", "endnotes"})
WEB_SCHEMES = ("http", "https", "mailto")
CORE_KEPT = frozenset(
    [
        "title",
        "subject",
        "creator",
        "lastModifiedBy",
        "language",
        "keywords",
        "created",
        "modified",
        "revision",
    ]
)
"""What besluitpak writes into the core properties of every document (context.py)."""
SETTINGS_KEPT = frozenset(
    [
        "defaultTabStop",
        "evenAndOddHeaders",
        "mirrorMargins",
        "gutterAtTop",
        "bookFoldPrinting",
        "bookFoldRevPrinting",
        "bookFoldPrintingSheets",
        "footnotePr",
        "endnotePr",
        "compat",
        "characterSpacingControl",
        "autoHyphenation",
        "consecutiveHyphenLimit",
        "hyphenationZone",
        "doNotHyphenateCaps",
        "themeFontLang",
        "clrSchemeMapping",
        "decimalSymbol",
        "listSeparator",
        "mathPr",
        "displayBackgroundShape",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "defaultTableStyle",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotExpandShiftReturn",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "noPunctuationKerning",
    ]
)
"""The settings that change how the pages are laid out."""


@dataclass
class _Part:
    name: str
    kind: str
    """The type of the relationship that reached it (``officeDocument`` for the body)."""
    content_type: str
    rels: list[tuple[str, str, str, bool]] = field(default_factory=list)
    """Kept relationships: id, type, target (as written), external."""


class _Package:
    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.entries = {info.filename: archive.read(info) for info in archive.infolist()}
        types = parse(self.entries["[Content_Types].xml"])
        self.defaults: dict[str, str] = {
            d.get("Extension", "").lower(): d.get("ContentType", "")
            for d in types.iter(f"{{{TYPES}}}Default")
        }
        self.overrides: dict[str, str] = {
            o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
            for o in types.iter(f"{{{TYPES}}}Override")
        }

    def content_type(self, name: str) -> str:
        extension = name.rsplit(".", 1)[-1].lower()
        return self.overrides.get(name) or self.defaults.get(extension, "")

    def relationships(self, name: str) -> list[etree._Element]:
        rels = self.entries.get(crop.rels_name(name))
        return [] if rels is None else list(parse(rels).iter(f"{{{RELS}}}Relationship"))


def _kind(rel_type: str) -> str:
    return rel_type.rstrip("/").rsplit("/", 1)[-1]


def public_copy(data: bytes) -> bytes:
    """The .docx ``data`` rebuilt from what Word prints (see the module's description)."""
    package = _Package(data)
    roots = {
        rel.get("Target", "").lstrip("/"): _kind(rel.get("Type", ""))
        for rel in package.relationships("")
    }
    main = next((t for t, k in roots.items() if k == "officeDocument"), "word/document.xml")
    core = next((t for t, k in roots.items() if k == "core-properties"), None)
    hidden = text.hidden_styles(_styles(package, main))
    names = fields.Names()

    def prepare(part: _Part, tree: etree._Element) -> None:
        if part.kind in TEXT_PARTS:
            crop.crop_pictures(package.entries, package.overrides, part.name, tree)
            fields.keep_or_freeze(tree, names)
            text.remove_hidden(tree, hidden)
            fields.orphans(tree)
            text.neutral_names(tree, names)
        elif part.kind == "settings":
            _settings(tree)
        elif part.kind == "styles":
            text.neutral_styles(tree)

    parts, trees = _walk(package, main, prepare)
    return _write(package, parts, trees, main, core)


def _styles(package: _Package, main: str) -> etree._Element | None:
    for rel in package.relationships(main):
        if _kind(rel.get("Type", "")) == "styles" and rel.get("TargetMode") != "External":
            name = crop.resolve(main, rel.get("Target", ""))
            if name in package.entries:
                return parse(package.entries[name])
    return None


def _walk(
    package: _Package, main: str, prepare: Callable[[_Part, etree._Element], None]
) -> tuple[list[_Part], dict[str, etree._Element]]:
    """The parts reached from the main document by allowed relationships that the part,
    once ``prepare`` d, still uses."""
    parts: dict[str, _Part] = {}
    trees: dict[str, etree._Element] = {}
    queue = deque([(main, "officeDocument")])
    while queue:
        name, kind = queue.popleft()
        if name in parts or name not in package.entries:
            continue
        part = parts[name] = _Part(name=name, kind=kind, content_type=package.content_type(name))
        tree = _tree(package, part)
        if tree is None:
            continue
        trees[name] = tree
        prepare(part, tree)
        used = text.references(tree)
        gone: set[str] = set()
        for rel in package.relationships(name):
            target = _followed(package, part, rel, used)
            if target is None:
                gone.add(rel.get("Id", ""))
            elif rel.get("TargetMode") != "External":
                queue.append((target, _kind(rel.get("Type", ""))))
        text.drop_references(tree, gone)
    return list(parts.values()), trees


def _tree(package: _Package, part: _Part) -> etree._Element | None:
    """The XML of ``part``; a picture is cleaned in place (None: not XML)."""
    data = package.entries[part.name]
    if part.kind in ("image", "font"):
        if part.kind == "image":
            cleaned = public_media.clean(data, part.name)
            if cleaned is not None:
                package.entries[part.name], part.content_type = cleaned
        return None
    return parse(data)


def _followed(package: _Package, part: _Part, rel: etree._Element, used: set[str]) -> str | None:
    """Where an allowed, used relationship of ``part`` leads (None: it is left out); the
    relationship is recorded on ``part`` when kept."""
    ident, rel_type = rel.get("Id", ""), rel.get("Type", "")
    target: str = rel.get("Target", "")
    kind = _kind(rel_type)
    if kind not in FOLLOWED or (kind not in IMPLIED and ident not in used):
        return None
    if rel.get("TargetMode") == "External":
        if kind != "hyperlink" or urlsplit(target).scheme.lower() not in WEB_SCHEMES:
            return None
        part.rels.append((ident, rel_type, target, True))
        return target
    resolved = crop.resolve(part.name, target)
    if resolved not in package.entries or (kind == "image" and _svg(package.entries[resolved])):
        return None
    if kind not in ("image", "font") and not package.content_type(resolved).endswith("xml"):
        return None
    part.rels.append((ident, rel_type, target, False))
    return resolved


def _svg(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def _settings(root: etree._Element) -> None:
    for child in list(root):
        if not isinstance(child.tag, str) or etree.QName(child).localname not in SETTINGS_KEPT:
            root.remove(child)


def _core(data: bytes) -> bytes:
    root = parse(data)
    for child in list(root):
        if not isinstance(child.tag, str) or etree.QName(child).localname not in CORE_KEPT:
            root.remove(child)
    return serialize(root)


def _rels_xml(rels: list[tuple[str, str, str, bool]]) -> bytes:
    root = etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS})
    for ident, rel_type, target, external in rels:
        element = etree.SubElement(root, f"{{{RELS}}}Relationship")
        element.set("Id", ident)
        element.set("Type", rel_type)
        element.set("Target", target)
        if external:
            element.set("TargetMode", "External")
    return serialize(root)


def _types_xml(overrides: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{TYPES}}}Types", nsmap={None: TYPES})
    for extension, content_type in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(root, f"{{{TYPES}}}Default", Extension=extension, ContentType=content_type)
    for name, content_type in overrides.items():
        etree.SubElement(
            root, f"{{{TYPES}}}Override", PartName=f"/{name}", ContentType=content_type
        )
    return serialize(root)


def _write(
    package: _Package,
    parts: list[_Part],
    trees: dict[str, etree._Element],
    main: str,
    core: str | None,
) -> bytes:
    written: dict[str, bytes] = {}
    top = [(_ident(1), f"{OFFICE_RELS}/officeDocument", main, False)]
    if core is not None and core in package.entries:
        written[core] = _core(package.entries[core])
        top.append((_ident(2), f"{RELS}/metadata/core-properties", core, False))
    written["_rels/.rels"] = _rels_xml(top)
    for part in parts:
        tree = trees.get(part.name)
        written[part.name] = serialize(tree) if tree is not None else package.entries[part.name]
        if part.rels:
            folder, base = posixpath.split(part.name)
            written[posixpath.join(folder, "_rels", f"{base}.rels")] = _rels_xml(part.rels)
    overrides = {p.name: p.content_type for p in parts if p.content_type}
    if core in written:
        overrides[core] = "application/vnd.openxmlformats-package.core-properties+xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_info("[Content_Types].xml"), _types_xml(overrides))
        for name, data in written.items():
            archive.writestr(_info(name), data)
    return out.getvalue()


def _ident(n: int) -> str:
    return f"rId{n}"


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
