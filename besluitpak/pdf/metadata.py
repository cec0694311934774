"""A bundle's metadata, written the same on every build: the Info dictionary and the XMP
packet kept consistent (PDF/A-2 and PDF/UA-1 identification, besluitpak's own properties),
/Lang, viewer preferences and the sRGB OutputIntent; and what documents carry about the people
and files that made them, removed."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

ICC_PROFILE = "sRGB.icc"


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
    and images, application data (PieceInfo), annotation authors and dates, a JPEG's EXIF,
    comments and thumbnails."""
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
        if isinstance(obj, pikepdf.Stream) and target.get("/Subtype") == Name.Image:
            _bare_jpeg(obj)


def _bare_jpeg(image: pikepdf.Stream) -> None:
    """A JPEG image (``/DCTDecode`` alone) without its EXIF, XMP, comments and thumbnails
    (:mod:`besluitpak.pdf.jpeg_bare`); the picture's bytes are not touched."""
    from besluitpak.pdf import jpeg_bare

    filters = image.get("/Filter")
    if filters != Name.DCTDecode and not (
        isinstance(filters, Array) and list(filters) == [Name.DCTDecode]
    ):
        return
    raw = image.read_raw_bytes()
    kept = jpeg_bare.bare(raw)
    if kept is not None and kept != raw:
        parms = image.get("/DecodeParms")
        image.write(
            kept,
            filter=Array([Name.DCTDecode]) if isinstance(filters, Array) else Name.DCTDecode,
            decode_parms=parms if isinstance(parms, Dictionary | Array) else None,
        )
