"""A ready-made .odt rebuilt from an allow-list of what Writer shows, before LibreOffice
converts it (both editions) and before ``render --openbaar`` writes it.

The package keeps ``mimetype``, ``content.xml``, ``styles.xml``, a ``meta.xml`` with no
properties, a ``settings.xml`` with only the settings that change the layout, and the
pictures the text draws (without their metadata, :mod:`besluitpak.render.public_media`); the
manifest is written anew for those. Left behind: the thumbnail (a picture of page 1), macros,
embedded objects (their replacement picture stays), the toolbar configuration, RDF metadata,
signatures, and whatever else the package held.

The text loses what Writer does not show. LibreOffice's converter prints a hidden paragraph,
hidden text and fields it would hide on screen, so this is needed for both editions:

* a paragraph hidden by ``text:hidden-paragraph``, hidden text (``text:hidden-text``), a
  section shown never or only on a condition, text and paragraphs in a style with
  ``text:display="none"`` (or a condition), a field shown as nothing, a header or footer
  switched off;
* a field that need not stay live becomes the text it shows (author, file name, variables,
  user fields, database fields, input fields, drop-downs ...); the declarations of variables
  and user fields go, and so does a script;
* bookmarks, reference marks, sections, tables, frames, indexes and form controls get
  neutral names; a form control keeps its value and loses its help text; a link keeps only a
  web or internal target; RDF statements on text go, their text stays.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree

from besluitpak.render import public_media
from besluitpak.render import public_odf_crop as crop
from besluitpak.render import public_odf_package as package
from besluitpak.render.public_odf_package import NS, TEXT_MEDIA_TYPE, q
from besluitpak.render.revisions import parse, remove, serialize, unwrap

LIVE_FIELDS = frozenset(
    """page-number page-count page-continuation chapter sequence sequence-ref bookmark-ref
    reference-ref note-ref paragraph-count word-count character-count table-count image-count
    object-count""".split()  # noqa: SIM905
)
"""Fields that must stay live: page numbers, counts, captions and cross references."""
FROZEN_FIELDS = frozenset(
    """date time sender-firstname sender-lastname sender-initials sender-title
    sender-position sender-email sender-phone-private sender-fax sender-company
    sender-phone-work sender-street sender-city sender-postal-code sender-country
    sender-state-or-province author-name author-initials file-name template-name sheet-name
    variable-set variable-get variable-input user-field-get user-field-input expression
    text-input initial-creator creation-date creation-time description user-defined
    print-time print-date printed-by title subject keywords editing-cycles editing-duration
    modification-time modification-date creator database-display database-next
    database-row-select database-row-number database-name page-variable-set
    page-variable-get placeholder conditional-text execute-macro dde-connection measure
    table-formula meta-field drop-down""".split()  # noqa: SIM905
)
"""Fields that become the text they show."""
GONE = tuple(
    q(n)
    for n in (
        "text:script",
        "text:variable-decls",
        "text:user-field-decls",
        "text:dde-connection-decls",
        "text:section-source",
        "office:dde-source",
        "office:scripts",
        "office:event-listeners",
        "script:event-listener",
        "draw:object",
        "draw:object-ole",
        "draw:plugin",
        "draw:applet",
        "draw:floating-frame",
        "office:annotation",
        "office:annotation-end",
        "form:properties",
        "form:item",
        "form:option",
    )
)
"""What is never shown, or points into a file of its own."""
NAMED = {
    q("text:section"): (q("text:name"), "Sectie"),
    q("table:table"): (q("table:name"), "Tabel"),
    q("text:table-of-content"): (q("text:name"), "Inhoudsopgave"),
    q("text:index-title"): (q("text:name"), "Indextitel"),
    q("text:illustration-index"): (q("text:name"), "Index"),
    q("text:table-index"): (q("text:name"), "Index"),
    q("text:object-index"): (q("text:name"), "Index"),
    q("text:user-index"): (q("text:name"), "Index"),
    q("text:alphabetical-index"): (q("text:name"), "Index"),
    q("text:bibliography"): (q("text:name"), "Index"),
    q("form:form"): (q("form:name"), "Formulier"),
}
"""Elements whose name their author chose, and the neutral name they get (numbered)."""
REFERENCES = {
    q("text:bookmark"): q("text:name"),
    q("text:bookmark-start"): q("text:name"),
    q("text:bookmark-end"): q("text:name"),
    q("text:bookmark-ref"): q("text:ref-name"),
    q("text:reference-mark"): q("text:name"),
    q("text:reference-mark-start"): q("text:name"),
    q("text:reference-mark-end"): q("text:name"),
    q("text:reference-ref"): q("text:ref-name"),
    q("text:sequence"): q("text:ref-name"),
    q("text:sequence-ref"): q("text:ref-name"),
}
"""Names that are pointed to: renamed alike wherever they occur."""
FORM_KEPT = frozenset(
    q(n)
    for n in (
        "form:id",
        "form:control-implementation",
        "form:current-value",
        "form:current-state",
        "form:label",
        "xml:id",
    )
)
"""What a form control keeps: its value or state as shown, its label (printed)."""
LINK_KEPT = frozenset(
    {q("xlink:href"), q("xlink:type"), q("text:style-name"), q("text:visited-style-name")}
)
WEB_SCHEMES = ("http", "https", "mailto")


def public_copy(data: bytes) -> bytes:
    """The .odt ``data`` rebuilt from what Writer shows (see the module's description)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    if "content.xml" not in entries:
        raise ValueError("expected an OpenDocument text with a content.xml, got none")
    parts = {
        name: parse(entries[name]) for name in ("content.xml", "styles.xml") if name in entries
    }
    content, roots = parts["content.xml"], tuple(parts.values())
    hidden = _hidden_styles(roots)
    names: dict[str, str] = {}
    for root in roots:
        _remove_hidden(root, hidden)
        _fields(root)
        _neutral(root, names)
    crop.crop_pictures(roots, entries)
    written: dict[str, bytes] = {name: serialize(root) for name, root in parts.items()}
    written["meta.xml"] = package.meta(content)
    if "settings.xml" in entries:
        written["settings.xml"] = package.settings(parse(entries["settings.xml"]))
    media: dict[str, str] = {}
    for name in sorted(_pictures(roots)):
        if name in entries and name not in written:
            cleaned = public_media.clean(entries[name], name)
            written[name], media[name] = cleaned or (entries[name], "")
    mimetype = entries.get("mimetype", b"").decode("ascii", "replace").strip()
    kind = mimetype if mimetype.startswith(TEXT_MEDIA_TYPE) else TEXT_MEDIA_TYPE
    written["META-INF/manifest.xml"] = package.manifest(content, kind, written, media)
    return package.zipped(kind, written)


# --- what is hidden -------------------------------------------------------------------------


def _hidden_styles(roots: tuple[etree._Element, ...]) -> set[tuple[str, str]]:
    """``(family, name)`` of every style whose text is not shown (following parents)."""
    own: dict[tuple[str, str], bool | None] = {}
    parents: dict[tuple[str, str], str] = {}
    for root in roots:
        for style in root.iter(q("style:style")):
            key = (style.get(q("style:family"), ""), style.get(q("style:name"), ""))
            props = style.find(q("style:text-properties"))
            display = props.get(q("text:display")) if props is not None else None
            own[key] = None if display is None else display in ("none", "condition")
            parents[key] = style.get(q("style:parent-style-name"), "")
    hidden = set()
    for key in own:
        seen, at, value = set(), key, None
        while at in own and at not in seen and value is None:
            seen.add(at)
            value, at = own[at], (at[0], parents.get(at, ""))
        if value:
            hidden.add(key)
    return hidden


def _shown(element: etree._Element) -> bool:
    """A hidden-paragraph or hidden-text field hides unless Writer found it false."""
    value: str = element.get(q("text:is-hidden"), "true")
    return value.lower() == "false"


def _remove_hidden(root: etree._Element, hidden: set[tuple[str, str]]) -> None:
    for mark in list(root.iter(q("text:hidden-paragraph"))):
        paragraph = mark.getparent()
        if not _shown(mark) and paragraph is not None and paragraph.tag in _PARAGRAPHS:
            remove(paragraph)
        elif mark.getparent() is not None:
            remove(mark)
    for element in list(root.iter(q("text:hidden-text"))):
        if _shown(element):
            element.text = element.get(q("text:string-value"), "")
            for child in list(element):
                element.remove(child)
            unwrap(element)
        else:
            remove(element)
    for element in list(root.iter()):
        if element.getparent() is None and element is not root:
            continue  # inside something already removed
        if _hidden(element, hidden):
            remove(element)


_PARAGRAPHS = (q("text:p"), q("text:h"))
_HEADERS = tuple(
    q(f"style:{n}")
    for n in ("header", "footer", "header-left", "footer-left", "header-first", "footer-first")
)


def _hidden(element: etree._Element, hidden: set[tuple[str, str]]) -> bool:
    tag = element.tag
    display = element.get(q("text:display"))
    if tag == q("text:section"):
        return display in ("none", "condition")
    if display == "none" and tag.startswith(f"{{{NS['text']}}}"):
        return True  # a field shown as nothing
    if tag in _PARAGRAPHS:
        return ("paragraph", element.get(q("text:style-name"), "")) in hidden
    if tag == q("text:span"):
        return ("text", element.get(q("text:style-name"), "")) in hidden
    if tag in _HEADERS:
        return str(element.get(q("style:display"), "true")) == "false"
    return False


# --- fields and names -----------------------------------------------------------------------


def _fields(root: etree._Element) -> None:
    for element in list(root.iter(*GONE)):
        remove(element)
    for element in list(root.iter(f"{{{NS['text']}}}*")):
        local = etree.QName(element).localname
        if local in FROZEN_FIELDS and local not in LIVE_FIELDS:
            for label in element.findall(q("text:label")):
                remove(label)
            unwrap(element)
    for element in list(root.iter(q("text:meta"))):
        unwrap(element)


def _neutral(root: etree._Element, names: dict[str, str]) -> None:
    counts: dict[str, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in REFERENCES:
            key = REFERENCES[element.tag]
            if element.get(key) is not None:
                element.set(key, _renamed(names, element.get(key, "")))
        if element.tag in NAMED:
            key, word = NAMED[element.tag]
            counts[word] = counts.get(word, 0) + 1
            element.set(key, f"{word}{counts[word]}")
        if element.get(q("draw:name")) is not None:
            counts["Object"] = counts.get("Object", 0) + 1
            element.set(q("draw:name"), f"Object{counts['Object']}")
        if element.tag.startswith(f"{{{NS['form']}}}") and element.tag != q("form:form"):
            _form_control(element, counts)
    for element in list(root.iter(q("text:a"), q("draw:a"))):
        _link(element, names)
    for element in list(root.iter(q("draw:image"))):
        if _external(element.get(q("xlink:href"), "")):
            remove(element)


def _renamed(names: dict[str, str], name: str) -> str:
    return names.setdefault(name, f"_bp{len(names) + 1}")


def _form_control(element: etree._Element, counts: dict[str, int]) -> None:
    kept = {k: v for k, v in element.attrib.items() if k in FORM_KEPT}
    named = element.get(q("form:name")) is not None
    element.attrib.clear()
    element.attrib.update(kept)
    if named:
        counts["Veld"] = counts.get("Veld", 0) + 1
        element.set(q("form:name"), f"Veld{counts['Veld']}")


def _link(element: etree._Element, names: dict[str, str]) -> None:
    """A link keeps a web address, or an internal target (a bookmark under its new name, a
    heading); anything else (a file, a path) and its tool tip and frame name go."""
    target = element.get(q("xlink:href"), "")
    kept = {k: v for k, v in element.attrib.items() if k in LINK_KEPT}
    element.attrib.clear()
    element.attrib.update(kept)
    if target.startswith("#"):
        name, _, kind = target[1:].partition("|")
        if kind == "outline":
            return
        if not kind and name:
            element.set(q("xlink:href"), f"#{_renamed(names, name)}")
            return
    elif urlsplit(target).scheme.lower() in WEB_SCHEMES:
        return
    if element.tag == q("text:a"):
        unwrap(element)
    else:
        element.attrib.pop(q("xlink:href"), None)


def _external(href: str) -> bool:
    return bool(urlsplit(href).scheme) or href.startswith(("/", "..", "\\"))


def _pictures(roots: tuple[etree._Element, ...]) -> Iterator[str]:
    for root in roots:
        for element in root.iter():
            href = element.get(q("xlink:href")) if isinstance(element.tag, str) else None
            if href and not href.startswith("#") and not _external(href):
                yield href.removeprefix("./")
