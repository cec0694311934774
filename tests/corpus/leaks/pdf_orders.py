"""kanalen.pdf, second to fifth order: places inside what is kept (a kept picture's or
form's own data, layers inside forms, inline images, a kept element pointing into a withheld
page, the kept font's own tables, private keys, data in content that draws nothing, a
Type 3 glyph only a withheld page drew)."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

from tests.corpus.leaks.pdf_base import DATE, grey_image, js, stream, xmp


def extras(
    pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary, off: pikepdf.Object
) -> None:
    """Second-order places: a kept picture's metadata and OPI, a kept form's private data,
    an unused picture nested in a used form, a pattern only page 2 paints, an OFF membership
    dictionary, associated files (PDF 2.0), output intents and document parts."""
    kept_image = grey_image(pdf, "openbaar beeld")
    kept_image.Metadata = stream(
        pdf, xmp("LEAKPDFKEPTIMAGEXMP"), Type=Name.Metadata, Subtype=Name.XML
    )
    kept_image.OPI = Dictionary(
        {"/2.0": Dictionary(Type=Name.OPI, Version=2.0, F=String("LEAKPDFOPIPATH.tif"))}
    )
    kept_image.LeakKey = String("LEAKPDFIMAGEEXTRAKEY")
    nested_unused = grey_image(pdf, "LEAKPDFNESTEDUNUSED")
    kept_form = stream(
        pdf,
        "q 100 0 0 10 0 0 cm /Beeld Do Q\n"
        "/OC /LeakOff BDC q 100 0 0 10 0 20 cm /VerborgenBeeld Do Q EMC\n",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 100, 40]),
        Resources=Dictionary(
            XObject=Dictionary(
                Beeld=kept_image,
                Ongebruikt=nested_unused,
                VerborgenBeeld=grey_image(pdf, "LEAKPDFFORMOCIMAGE"),
            ),
            Properties=Dictionary(LeakOff=off),
        ),
        PieceInfo=Dictionary(
            LeakApp=Dictionary(LastModified=String(DATE), Private=String("LEAKPDFFORMPIECE"))
        ),
        LastModified=String(DATE),
        Metadata=stream(pdf, xmp("LEAKPDFFORMXMP"), Type=Name.Metadata, Subtype=Name.XML),
    )
    resources.XObject.KeptForm = kept_form
    pdf.pages[2].contents_add(stream(pdf, "q 1 0 0 1 72 600 cm /KeptForm Do Q\n"))
    # a pattern only withheld page 2 paints: its cell's resource name and comment carry markers
    cell = stream(
        pdf,
        "% LEAKPDFPATTERNCELL\n0 0 5 5 re f\n",
        PatternType=1,
        PaintType=1,
        TilingType=1,
        BBox=Array([0, 0, 10, 10]),
        XStep=10,
        YStep=10,
        Resources=Dictionary(),
    )
    resources.Pattern = Dictionary(LEAKPDFPATTERNNAME=cell)
    pdf.pages[1].contents_add(
        stream(pdf, "q /Pattern cs /LEAKPDFPATTERNNAME scn 72 450 100 30 re f Q\n")
    )
    # kept page 3: marked content under an OCMD whose only group is OFF
    ocmd = pdf.make_indirect(Dictionary(Type=Name.OCMD, OCGs=Array([off]), P=Name.AllOn))
    properties = resources.get(Name.Properties, Dictionary())
    properties.LeakOCMD = ocmd
    resources.Properties = properties
    pdf.pages[2].contents_add(
        stream(pdf, "/OC /LeakOCMD BDC q 100 0 0 10 72 560 cm /LeakImageOCMD Do Q EMC\n")
    )
    resources.XObject.LeakImageOCMD = grey_image(pdf, "LEAKPDFOCMDIMAGE")
    # PDF 2.0 associated files, on the catalog and on kept page 1
    for where, marker in ((pdf.Root, "LEAKPDFAFFILE"), (pages[0], "LEAKPDFPAGEAFFILE")):
        data = stream(pdf, f"{marker} bijbehorend bestand\n", Type=Name.EmbeddedFile)
        where.AF = Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Filespec,
                        F=String(f"{marker}.txt"),
                        AFRelationship=Name.Supplement,
                        EF=Dictionary(F=data),
                    )
                )
            ]
        )
    pdf.Root.OutputIntents = Array(
        [
            Dictionary(
                Type=Name.OutputIntent,
                S=Name.GTS_PDFA1,
                OutputConditionIdentifier=String("LEAKPDFOUTPUTINTENT"),
                Info=String("LEAKPDFOUTPUTINTENT"),
            )
        ]
    )
    dpm = Dictionary(LeakDeel=String("LEAKPDFDPARTMETA"))
    part = pdf.make_indirect(Dictionary(Type=Name.DPart, Start=pages[0], End=pages[3], DPM=dpm))
    pdf.Root.DPartRoot = pdf.make_indirect(Dictionary(Type=Name.DPartRoot, DPartRootNode=part))
    pages[0].DPart = part


def _jpeg(pdf: pikepdf.Pdf, comment: str, artist: str) -> pikepdf.Stream:
    """A small photo whose JPEG comment (COM) and EXIF Artist carry markers."""
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 120, 40)).save(
        buffer, format="JPEG", quality=80, comment=comment.encode("ascii"), exif=exif.tobytes()
    )
    return pikepdf.Stream(
        pdf,
        buffer.getvalue(),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=16,
        Height=16,
        ColorSpace=Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
    )


def third_order(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
    """A kept photo's own metadata; an inline image and nested marked content in an OFF layer;
    a structure element of a kept page pointing into the withheld page; bookmarks with actions
    instead of destinations."""
    resources.XObject.KeptPhoto = _jpeg(pdf, "LEAKPDFJPEGCOMMENT", "LEAKPDFJPEGEXIF")
    # a picture whose bottom row (samples = marker) a clipping path hides
    clipped = b"LEAKPDFCLIPPEDPIXELS"
    samples = bytes([128]) * len(clipped) * 7 + clipped
    resources.XObject.KeptClipped = pikepdf.Stream(
        pdf,
        samples,
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=len(clipped),
        Height=8,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
    )
    pdf.pages[2].contents_add(
        stream(pdf, "q 300 470 200 40 re W n 200 0 0 80 300 430 cm /KeptClipped Do Q\n")
    )
    marker = b"LEAKPDFINLINEOCOFF"
    inline = (
        b"/OC /LeakOff BDC /Span <</Lang (nl)>> BDC q 90 0 0 5 300 560 cm "
        b"BI /W %d /H 1 /BPC 8 /CS /G ID " % len(marker) + marker + b"\nEI Q EMC EMC\n"
        b"q 40 0 0 40 300 600 cm /KeptPhoto Do Q\n"
    )
    pdf.pages[2].contents_add(pikepdf.Stream(pdf, inline))
    root = pdf.Root.StructTreeRoot
    spanning = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.P,
            P=root.K,
            Pg=pages[0],
            K=Array([Dictionary(Type=Name.MCR, Pg=pages[1], MCID=0)]),
            ActualText=String("LEAKPDFSPANACTUAL"),
        )
    )
    root.K.K.append(spanning)
    outlines = pdf.Root.Outlines
    script = pdf.make_indirect(
        Dictionary(Title=String("Script"), Parent=outlines, A=js(pdf, "LEAKPDFOUTLINEJS"))
    )
    web = pdf.make_indirect(
        Dictionary(
            Title=String("Website"),
            Parent=outlines,
            A=Dictionary(S=Name.URI, URI=String("https://example.org/LEAKPDFOUTLINEURI")),
        )
    )
    last = outlines.Last
    last.Next, script.Prev, script.Next, web.Prev = script, last, web, script
    outlines.Last = web
    outlines.Count = int(outlines.Count) + 2


def fourth_order(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
    """The kept pages' own font (a ToUnicode entry for a code no page draws, XMP on the font
    program), an alternate for a kept picture, template pages and named appearances, developer
    extensions, a private trailer key, the creator of the layer that is ON."""
    for font in resources.Font.values():
        base = str(font.get(Name.BaseFont, ""))
        if "Carlito" not in base or "Bold" in base:
            continue
        cmap = font.ToUnicode.read_bytes()
        code = "LEAKPDFCMAPUNUSED".encode("utf-16-be").hex().upper()
        extra = f"1 beginbfchar\n<FF> <{code}>\nendbfchar\n"
        font.ToUnicode.write(cmap.replace(b"endcmap", extra.encode("ascii") + b"endcmap", 1))
        font.FontDescriptor.FontFile2.Metadata = stream(
            pdf, xmp("LEAKPDFFONTXMP"), Type=Name.Metadata, Subtype=Name.XML
        )
    picture = resources.XObject.KeptForm.Resources.XObject.Beeld
    picture.Alternates = Array([Dictionary(Image=grey_image(pdf, "LEAKPDFALTERNATEIMAGE"))])
    template = pdf.make_indirect(
        Dictionary(
            Type=Name.Template,
            MediaBox=Array([0, 0, 595, 842]),
            Resources=Dictionary(),
            Contents=stream(pdf, "% LEAKPDFTEMPLATEPAGE\n0 g 0 0 10 10 re f\n"),
        )
    )
    names = pdf.Root.Names
    names.Templates = Dictionary(Names=Array([String("LEAKPDFTEMPLATENAME"), template]))
    names.Pages = Dictionary(Names=Array([String("LEAKPDFNAMEDPAGE"), pages[0]]))
    named_ap = stream(
        pdf,
        "% LEAKPDFNAMEDAPSTREAM\n",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 1, 1]),
    )
    names.AP = Dictionary(Names=Array([String("LEAKPDFNAMEDAPKEY"), named_ap]))
    pdf.Root.Extensions = Dictionary(
        LEAK=Dictionary(
            BaseVersion=Name("/1.7"),
            ExtensionLevel=3,
            URL=String("https://example.org/LEAKPDFEXTENSIONURL"),
        )
    )
    pdf.trailer.LeakTrailer = String("LEAKPDFTRAILER")
    pdf.Root.OCProperties.OCGs[1].Usage = Dictionary(
        CreatorInfo=Dictionary(Creator=String("LEAKPDFOCUSAGE"), Subtype=Name.Artwork)
    )


def type3(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
    """A Type 3 font in the shared /Resources: kept page 3 draws its glyph 'a', withheld page 2
    its glyph 's', whose procedure paints a picture (samples = marker). Also a kept page whose
    /CropBox hides a line of text."""
    marker = b"LEAKPDFTYPE3GLYPH"
    glyph_s = (
        b"500 0 d0 q 500 0 0 50 0 0 cm BI /W %d /H 1 /BPC 8 /CS /G ID " % len(marker)
        + marker
        + b"\nEI Q\n"
    )
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 500, 500]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=Dictionary(
                a=pikepdf.Stream(pdf, b"500 0 d0 0 0 400 400 re f\n"),
                s=pikepdf.Stream(pdf, glyph_s),
            ),
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([97, Name.a, 115, Name.s])),
            FirstChar=97,
            LastChar=115,
            Widths=Array([500] + [0] * 17 + [500]),
            Resources=Dictionary(),
        )
    )
    resources.Font.LeakType3 = font
    pdf.pages[2].contents_add(stream(pdf, "BT /LeakType3 20 Tf 300 740 Td (a) Tj ET\n"))
    pdf.pages[1].contents_add(stream(pdf, "BT /LeakType3 20 Tf 300 740 Td (s) Tj ET\n"))
    pages[2].CropBox = Array([0, 0, 595, 760])


def fifth_order(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
    """Is it an allow-list? Private keys in dictionaries that stay (catalog, page tree, kept
    page, its content stream, a bookmark, a structure element), user properties, and data
    inside a kept page's content that draws nothing: a named property list, a marked-content
    point with a dictionary, an unknown operator in a BX/EX section, an inline image's key."""
    pdf.Root.LeakCatalogKey = String("LEAKPDFCATALOGKEY")
    pdf.Root.Pages.LeakPagesKey = String("LEAKPDFPAGESKEY")
    pages[0].LeakPageKey = String("LEAKPDFPAGEKEY")
    first = pdf.Root.Outlines.First
    first.LeakOutlineKey = String("LEAKPDFOUTLINEKEY")
    kept_element = pdf.Root.StructTreeRoot.K.K[0]
    kept_element.LeakStructKey = String("LEAKPDFSTRUCTPRIVATE")
    kept_element.A = Dictionary(
        O=Name.UserProperties,
        P=Array([Dictionary(N=String("Eigenaar"), V=String("LEAKPDFUSERPROPERTY"))]),
    )
    properties = resources.get(Name.Properties, Dictionary())
    properties.LeakProps = Dictionary(LeakPrivate=String("LEAKPDFPROPLISTPRIVATE"))
    resources.Properties = properties
    marker = b"openbaar"
    content = (
        b"/Span /LeakProps BDC EMC\n"
        b"/Leak <</Geheim (LEAKPDFDPSTRING)>> DP\n"
        b"BX (LEAKPDFBXUNKNOWN) leakop EX\n"
        b"q 40 0 0 4 300 540 cm BI /W %d /H 1 /BPC 8 /CS /G /LeakKey (LEAKPDFINLINEKEY) ID "
        % len(marker)
        + marker
        + b"\nEI Q\n"
    )
    stream = pikepdf.Stream(pdf, content)
    stream.LeakStreamKey = String("LEAKPDFCONTENTKEY")
    pdf.pages[0].contents_add(stream)


def _inline(marker: str) -> bytes:
    """An inline image whose samples are the marker's bytes."""
    data = marker.encode("ascii")
    return b"BI /W %d /H 1 /BPC 8 /CS /G ID " % len(data) + data + b"\nEI"


def sixth_order(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
    """Visibility worked out, not looked up: a layer OFF by the configuration's /BaseState and
    one hidden by an OCMD visibility expression; links on a kept page that are not web links
    (javascript:, file:) or that run a script when the mouse enters; an XFA form's data."""
    config = pdf.Root.OCProperties.D
    base_off = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Basis uit")))
    pdf.Root.OCProperties.OCGs.append(base_off)
    config.BaseState = Name.OFF
    off, on = config.OFF[0], config.ON[0]
    expression = pdf.make_indirect(
        Dictionary(Type=Name.OCMD, OCGs=Array([off, on]), VE=Array([Name.And, off, on]))
    )
    properties = resources.Properties
    properties.LeakBaseOff = base_off
    properties.LeakExpression = expression
    content = (
        b"/OC /LeakBaseOff BDC q 90 0 0 5 300 300 cm "
        + _inline("LEAKPDFBASESTATEOFF")
        + b" Q EMC\n/OC /LeakExpression BDC q 90 0 0 5 300 280 cm "
        + _inline("LEAKPDFOCMDEXPRESSION")
        + b" Q EMC\n"
    )
    pdf.pages[2].contents_add(pikepdf.Stream(pdf, content))
    page = pages[0]

    def link(rect: list[int], **keys: object) -> pikepdf.Object:
        d = Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), P=page, Border=Array([0, 0, 0])
        )
        for key, value in keys.items():
            d[Name("/" + key)] = value
        return pdf.make_indirect(d)

    web = Dictionary(S=Name.URI, URI=String("https://example.org/ook-dit"))
    page.Annots.extend(
        [
            link(
                [72, 240, 272, 260],
                A=Dictionary(S=Name.URI, URI=String("javascript:alert('LEAKPDFJSURI')")),
            ),
            link(
                [72, 220, 272, 240],
                A=Dictionary(S=Name.URI, URI=String("file:///C:/Users/LEAKPDFFILEURI.docx")),
            ),
            link([72, 200, 272, 220], A=web, AA=Dictionary(E=js(pdf, "LEAKPDFLINKAAJS"))),
        ]
    )
    pdf.Root.AcroForm.XFA = stream(
        pdf, '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><data>LEAKPDFXFADATA</data></xdp:xdp>'
    )
