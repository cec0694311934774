"""Structure-level PDF work: a merge that keeps every document's tags, and the bundle's metadata.

A plain page merge drops the StructTreeRoot, the ParentTree, /Lang, the XMP and the
OutputIntent (DESIGN §6). Here each source's structure tree is grafted under one Document
element, its ParentTree keys renumbered so every page's and annotation's marked content stays
reachable, and its RoleMap merged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

ICC_PROFILE = "sRGB.icc"


@dataclass(frozen=True, kw_only=True)
class Source:
    """One PDF to merge, and the title of the Part element it becomes (None: graft its top
    level elements directly under the Document, as for the bundle's own front matter)."""

    pdf: pikepdf.Pdf
    title: str | None


def number_tree_items(node: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """Every (key, value) of a PDF number tree, in order."""
    if "/Nums" in node:
        nums = node.Nums
        for index in range(0, len(nums), 2):
            yield int(nums[index]), nums[index + 1]
    for kid in node.get("/Kids", []):
        yield from number_tree_items(kid)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    return [kids]


def merge(sources: Sequence[Source]) -> Merged:
    """All pages of ``sources`` in order, under one structure tree."""
    out = pikepdf.new()
    root_elem = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = out.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root_elem, K=Array())
    )
    root_elem.K = Array([document])
    parent_nums: list[Any] = []
    role_map = Dictionary()
    next_key = 0
    starts: list[int] = []
    untagged: list[int] = []

    for source in sources:
        start = len(out.pages)
        starts.append(start)
        out.add_pages_from(source.pdf, forms="strip", outlines="ignore")
        src_tree = source.pdf.Root.get("/StructTreeRoot")
        parent = _part(out, document, source.title)
        if src_tree is None:
            next_key = _tag_untagged(out, out.pages[start:], parent, next_key, parent_nums)
            untagged.append(len(starts) - 1)
            continue
        tree = out.copy_foreign(src_tree)
        _graft(tree, parent)
        next_key = _renumber(tree, out.pages[start:], next_key, parent_nums)
        for role, target in tree.get("/RoleMap", Dictionary()).items():
            if role not in role_map:
                role_map[role] = target

    root_elem.ParentTree = out.make_indirect(Dictionary(Nums=Array(parent_nums)))
    root_elem.ParentTreeNextKey = next_key
    if role_map:
        root_elem.RoleMap = role_map
    out.Root.StructTreeRoot = root_elem
    out.Root.MarkInfo = Dictionary(Marked=True)
    return Merged(pdf=out, starts=tuple(starts), untagged=tuple(untagged))


def _part(out: pikepdf.Pdf, document: pikepdf.Object, title: str | None) -> pikepdf.Object:
    """Where a source's elements go: a new Part titled ``title`` under the Document, or (no
    title) the Document itself."""
    if title is None:
        return document
    part = out.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Part, T=String(title), P=document, K=Array())
    )
    document.K.append(part)
    return part


def _graft(tree: pikepdf.Object, parent: pikepdf.Object) -> None:
    """Move the top-level elements of a (copied) structure tree under ``parent``, without
    their empty paragraphs and rows."""
    source_roles = tree.get("/RoleMap", Dictionary())
    for kid in _kids(tree):
        _prune_empty(kid, source_roles)
        # LibreOffice wraps each file in a Document element: unwrap it into our Part.
        grafted = _kids(kid) if kid.get("/S") == Name.Document else [kid]
        for element in grafted:
            if isinstance(element, Dictionary):
                element.P = parent
            parent.K.append(element)


def _renumber(
    tree: pikepdf.Object, pages: Sequence[pikepdf.Page], next_key: int, parent_nums: list[Any]
) -> int:
    """Shift a source's ParentTree keys, and the pages' and annotations' references to them,
    by ``next_key`` (the keys the sources before it took); the next free key."""
    highest = -1
    if "/ParentTree" in tree:
        for key, value in number_tree_items(tree.ParentTree):
            parent_nums.extend([key + next_key, value])
            highest = max(highest, key)
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + next_key
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + next_key
    return next_key + highest + 1


def _tag_untagged(
    out: pikepdf.Pdf,
    pages: Sequence[pikepdf.Page],
    parent: pikepdf.Object,
    next_key: int,
    parent_nums: list[Any],
) -> int:
    """An untagged source (a ready-made PDF) gets the coarsest honest structure: each page's
    content becomes one paragraph, so nothing is left outside the structure tree."""
    for page in pages:
        element = out.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.P, P=parent, Pg=page.obj, K=0)
        )
        parent.K.append(element)
        page.contents_add(out.make_stream(b"/P <</MCID 0>> BDC\n"), prepend=True)
        page.contents_add(out.make_stream(b"\nEMC\n"))
        page.obj.StructParents = next_key
        parent_nums.extend([next_key, Array([element])])
        next_key += 1
    return next_key


@dataclass(frozen=True, kw_only=True)
class Merged:
    """The merged PDF, where each source starts, and which sources had no tags of their own."""

    pdf: pikepdf.Pdf
    starts: tuple[int, ...]
    untagged: tuple[int, ...]


def standard_type(kind: pikepdf.Object, roles: pikepdf.Object) -> str:
    """Follow the RoleMap from a custom structure type to a standard one."""
    seen = set()
    while kind in roles and str(kind) not in seen:
        seen.add(str(kind))
        kind = roles[str(kind)]
    return str(kind)


def _prune_empty(element: pikepdf.Object, roles: pikepdf.Object) -> None:
    """Drop paragraphs and table rows with no content (a Word document's empty paragraphs;
    the empty rows LibreOffice sometimes tags after a table that ends at a page break):
    they tell a screen reader nothing, and an empty row makes a table irregular."""
    if not isinstance(element, Dictionary):
        return
    kids = element.get("/K")
    if not isinstance(kids, Array):
        if isinstance(kids, Dictionary):
            _prune_empty(kids, roles)
        return
    keep = []
    for kid in kids:
        if isinstance(kid, Dictionary) and "/S" in kid:
            _prune_empty(kid, roles)
            empty = kid.get("/K") is None or (isinstance(kid.get("/K"), Array) and len(kid.K) == 0)
            if (
                empty
                and standard_type(kid.S, roles) in ("/P", "/TR")
                and "/Alt" not in kid
                and "/ActualText" not in kid
            ):
                continue
        keep.append(kid)
    if len(keep) != len(kids):
        element.K = Array(keep)


def pdf_date(day: dt.date) -> str:
    """A fixed PDF date string for ``day`` at noon UTC: reproducible, unlike the clock."""
    return f"D:{day:%Y%m%d}120000Z"


XMP_NS = "https://besluitpak.example/ns/1.0/"
"""Namespace of besluitpak's own XMP properties (edition, embargo, override record)."""

_XMP_HEAD = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
_XMP_TAIL = "\n" + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>'


def _extension_schemas(own: dict[str, str]) -> str:
    """PDF/A extension schemas declaring pdfuaid and besluitpak's own properties."""

    def prop(name: str, description: str, kind: str = "Text") -> str:
        return (
            f'<rdf:li rdf:parseType="Resource"><pdfaProperty:name>{name}'
            f"</pdfaProperty:name><pdfaProperty:valueType>{kind}</pdfaProperty:valueType>"
            f"<pdfaProperty:category>internal</pdfaProperty:category>"
            f"<pdfaProperty:description>{escape(description)}</pdfaProperty:description>"
            f"</rdf:li>"
        )

    def schema(name: str, uri: str, prefix: str, props: str) -> str:
        return (
            f'<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>{name}'
            f"</pdfaSchema:schema><pdfaSchema:namespaceURI>{uri}</pdfaSchema:namespaceURI>"
            f"<pdfaSchema:prefix>{prefix}</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>"
            f"{props}</rdf:Seq></pdfaSchema:property></rdf:li>"
        )

    schemas = schema(
        "PDF/UA identification schema",
        "http://www.aiim.org/pdfua/ns/id/",
        "pdfuaid",
        prop("part", "PDF/UA version identifier", "Integer"),
    )
    if own:
        schemas += schema(
            "besluitpak decision package",
            XMP_NS,
            "bp",
            "".join(prop(key, f"besluitpak: {key}") for key in own),
        )
    return (
        ' <rdf:Description rdf:about="" '
        'xmlns:pdfaExtension="http://www.aiim.org/pdf/a/ns/extension/" '
        'xmlns:pdfaSchema="http://www.aiim.org/pdf/a/ns/schema#" '
        'xmlns:pdfaProperty="http://www.aiim.org/pdf/a/ns/property#">'
        f"<pdfaExtension:schemas><rdf:Bag>{schemas}</rdf:Bag></pdfaExtension:schemas>"
        "</rdf:Description>\n"
    )


def xmp_packet(
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    producer: str,
    iso_date: str,
    conformance: str,
    own: dict[str, str],
    ua: bool = True,
) -> bytes:
    """A complete, deterministic XMP packet matching the Info dictionary."""
    e = escape
    own_xml = "".join(f"<bp:{key}>{e(value)}</bp:{key}>" for key, value in own.items())
    body = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        + (
            ' <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
            f"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>{conformance}</pdfaid:conformance>"
            "</rdf:Description>\n"
            if conformance  # '': no PDF/A claim (a font not embedded)
            else ""
        )
        + (
            ' <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
            "<pdfuaid:part>1</pdfuaid:part></rdf:Description>\n"
            if ua
            else ""
        )
        + ' <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:format>application/pdf</dc:format>"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt>'
        f"</dc:title><dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li>'
        "</rdf:Alt></dc:description>"
        "<dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description>\n"
        ' <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Producer>{e(producer)}</pdf:Producer><pdf:Keywords>{e(keywords)}"
        "</pdf:Keywords></rdf:Description>\n"
        ' <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<xmp:CreatorTool>besluitpak</xmp:CreatorTool><xmp:CreateDate>{iso_date}"
        f"</xmp:CreateDate><xmp:ModifyDate>{iso_date}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{iso_date}</xmp:MetadataDate></rdf:Description>\n"
        + (
            f' <rdf:Description rdf:about="" xmlns:bp="{XMP_NS}">{own_xml}</rdf:Description>\n'
            if own
            else ""
        )
        + _extension_schemas(own)
        + "</rdf:RDF>\n</x:xmpmeta>"
    )
    return (_XMP_HEAD + body + _XMP_TAIL).encode("utf-8")


def set_metadata(
    pdf: pikepdf.Pdf,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    day: dt.date,
    producer: str,
    conformance: str = "A",
    own: dict[str, str] | None = None,
    ua: bool = True,
) -> None:
    """Info dictionary and XMP (kept consistent), PDF/A-2 + PDF/UA-1 identification,
    /Lang, viewer preferences and the OutputIntent from the shipped sRGB profile.

    ``own`` holds besluitpak's own properties (edition, embargo…): in XMP under the ``bp``
    namespace and in the Info dictionary with a ``BP`` prefix.
    """
    own = own or {}
    stamp = pdf_date(day)
    pdf.docinfo = pdf.make_indirect(
        Dictionary(
            Title=String(title),
            Author=String(author),
            Subject=String(subject),
            Keywords=String(keywords),
            Creator=String("besluitpak"),
            Producer=String(producer),
            CreationDate=String(stamp),
            ModDate=String(stamp),
        )
    )
    for key, value in own.items():
        pdf.docinfo[Name("/BP" + key[0].upper() + key[1:])] = String(value)
    packet = xmp_packet(
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        producer=producer,
        iso_date=f"{day.isoformat()}T12:00:00Z",
        conformance=conformance,
        own=own,
        ua=ua,
    )
    metadata = pdf.make_stream(packet)
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    pdf.Root.Metadata = metadata
    pdf.Root.Lang = String("nl-NL")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.Root.PageMode = Name.UseOutlines
    _set_output_intent(pdf)


def _set_output_intent(pdf: pikepdf.Pdf) -> None:
    """The OutputIntent PDF/A asks for, from the sRGB profile shipped in the package."""
    icc = resources.files("besluitpak").joinpath("data", ICC_PROFILE).read_bytes()
    profile = pdf.make_stream(icc)
    profile.N = 3
    pdf.Root.OutputIntents = Array(
        [
            Dictionary(
                Type=Name.OutputIntent,
                S=Name.GTS_PDFA1,
                OutputConditionIdentifier=String("sRGB IEC61966-2.1"),
                Info=String("sRGB IEC61966-2.1"),
                DestOutputProfile=profile,
            )
        ]
    )


def scrub_private(pdf: pikepdf.Pdf) -> None:
    """Remove what documents carry about the people and files that made them: XMP of pages
    and images, application data (PieceInfo), annotation authors and dates."""
    catalog = pdf.Root.objgen
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary | pikepdf.Stream) or obj.objgen == catalog:
            continue
        target = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        for key in ("/PieceInfo", "/LastModified"):
            if key in target:
                del target[key]
        if "/Metadata" in target and target.get("/Type") != Name.Catalog:
            del target["/Metadata"]
        if target.get("/Type") == Name.Annot or (
            "/Subtype" in target
            and target.get("/Subtype") in (Name.Text, Name.Popup, Name.FreeText)
        ):
            for key in ("/T", "/M", "/CreationDate", "/RC"):
                if key in target:
                    del target[key]
