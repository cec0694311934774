"""The adversary's ready-made PDFs: every place of a PDF (1.7 / 2.0) that can carry text or a
picture, each holding its own marker (see make_leaks.CHANNELS for what must happen to it).

Written by someone who has not read how besluitpak clears a public file. Markers are placed so
that they can be found in the bytes: as text drawn with an embedded font (reportlab), as PDF
strings and names, as comments in content streams, and as the samples of uncompressed-on-decode
grey images (one byte per pixel: the marker's ASCII codes).
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts

LIBERATION_BOLD = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")
DATE = "D:20200101120000Z"


def _register() -> tuple[str, str, str]:
    regular, bold = fonts.register()
    if "LeakOnly" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LeakOnly", str(LIBERATION_BOLD)))
    return regular, bold, "LeakOnly"


def _canvas(buffer: io.BytesIO) -> tuple[Canvas, str, str, str]:
    regular, bold, only = _register()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, initialFontName=regular)
    return canvas, regular, bold, only


def _grey_image(pdf: pikepdf.Pdf, marker: str) -> pikepdf.Stream:
    """An image whose samples are the marker's bytes (a 1-pixel-high grey strip)."""
    data = marker.encode("ascii")
    return pikepdf.Stream(
        pdf,
        zlib.compress(data, 9),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=len(data),
        Height=1,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
        Filter=Name.FlateDecode,
    )


def _stream(pdf: pikepdf.Pdf, text: str, **keys: object) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, text.encode("ascii"))
    for key, value in keys.items():
        stream[Name("/" + key)] = value
    return stream


def _xmp(marker: str) -> str:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{marker}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{marker}</rdf:li></rdf:Seq></dc:creator>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def _js(pdf: pikepdf.Pdf, marker: str) -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(f"app.alert('{marker}');"))


# --- the main PDF: four pages sharing one /Resources; pages 2 and 4 are withheld -------------


def _draw_pages(canvas: Canvas, regular: str, bold: str, only: str) -> None:
    # the form XObjects, defined before use
    canvas.beginForm("LeakFormWithheld")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 400, "Formulier LEAKPDFFORMXOBJ")
    canvas.endForm()
    canvas.beginForm("LeakFormLayerOff")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 350, "Laagformulier LEAKPDFOCXOBJ")
    canvas.endForm()

    # page 1: kept
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Pagina 1: openbaar")
    canvas.addLiteral("/P <</MCID 0>> BDC")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Zichtbare tekst LEAKPDFKEPTVISIBLE op een openbare pagina.")
    canvas.addLiteral("EMC")
    canvas.drawString(72, 700, "Afgedekt: LEAKPDFUNDERBOX")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(68, 694, 220, 18, stroke=0, fill=1)
    canvas.drawString(-900, 650, "Buiten de pagina LEAKPDFOFFPAGE")
    canvas.showPage()

    # page 2: withheld
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Pagina 2: gelakt")
    canvas.addLiteral("/P <</MCID 0>> BDC")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Geheime tekst LEAKPDFWITHHELDTEXT met \u03a9.")
    canvas.addLiteral("EMC")
    text = canvas.beginText(72, 710)
    text.setFont(regular, 11)
    text.setTextRenderMode(3)
    text.textLine("Onzichtbaar LEAKPDFINVISIBLE")
    canvas.drawText(text)
    canvas.addLiteral("/Span <</ActualText (LEAKPDFMCACTUALTEXT)>> BDC")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 680, "vervangen tekst")
    canvas.addLiteral("EMC")
    canvas.setFont(only, 11)
    canvas.drawString(72, 650, "Eigen lettertype LEAKPDFONLYFONTTEXT")
    canvas.doForm("LeakFormWithheld")
    canvas.showPage()

    # page 3: kept, with optional content
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Pagina 3: openbaar")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Zichtbaar LEAKPDFKEPTPAGE3")
    canvas.drawString(72, 800, "Buiten de CropBox LEAKPDFOUTSIDECROP")
    canvas.addLiteral("/OC /LeakOff BDC")
    canvas.drawString(72, 710, "Laag uit LEAKPDFLAYEROFF")
    canvas.addLiteral("EMC")
    canvas.addLiteral("/OC /LeakOn BDC")
    canvas.drawString(72, 680, "Laag aan LEAKPDFLAYERON")
    canvas.addLiteral("EMC")
    canvas.doForm("LeakFormLayerOff")
    canvas.showPage()

    # page 4: withheld
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Pagina 4: gelakt")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Geheim LEAKPDFWITHHELDP4")
    canvas.showPage()


def _share_resources(pdf: pikepdf.Pdf) -> Dictionary:
    """One /Resources dictionary for all pages (union of what reportlab wrote per page)."""
    shared = Dictionary()
    for page in pdf.pages:
        resources = page.obj.get(Name.Resources, Dictionary())
        for kind, entries in resources.items():
            if isinstance(entries, Dictionary):
                target = shared.get(kind)
                if target is None:
                    target = shared[kind] = Dictionary()
                for key, value in entries.items():
                    target[key] = value
            else:
                shared[kind] = entries
    shared_ref = pdf.make_indirect(shared)
    for page in pdf.pages:
        page.obj[Name.Resources] = shared_ref
    return shared_ref


def _form_named(resources: pikepdf.Object, fragment: str) -> pikepdf.Object:
    for key, value in resources.XObject.items():
        if fragment in key:
            return value
    raise KeyError(fragment)


def _rename_only_font(pdf: pikepdf.Pdf, resources: Dictionary) -> None:
    """The font only page 2 uses: its name and its ToUnicode CMap's name carry markers."""
    for font in resources.Font.values():
        if "LiberationSans" not in str(font.get(Name.BaseFont, "")):
            continue
        prefix = str(font.BaseFont)[1:].split("+")[0]
        font.BaseFont = Name(f"/{prefix}+LEAKPDFFONTNAME")
        for descendant in font.get(Name.DescendantFonts, Array([font])):
            descriptor = descendant.get(Name.FontDescriptor)
            if descriptor is not None:
                descriptor.FontName = Name(f"/{prefix}+LEAKPDFFONTNAME")
        tounicode = font.get(Name.ToUnicode)
        if tounicode is not None:
            cmap = tounicode.read_bytes().replace(b"/CMapName /", b"/CMapName /LEAKPDFCMAPNAME")
            tounicode.write(cmap)


def _annotations_page1(pdf: pikepdf.Pdf, p1: pikepdf.Object, p2: pikepdf.Object) -> Array:
    def annot(subtype: str, rect: list[int], **keys: object) -> pikepdf.Object:
        d = Dictionary(Type=Name.Annot, Subtype=Name("/" + subtype), Rect=Array(rect), P=p1)
        for key, value in keys.items():
            d[Name("/" + key)] = value
        return pdf.make_indirect(d)

    ap = _stream(
        pdf,
        "% LEAKPDFANNOTAP\n0 0 1 rg 0 0 20 20 re f\n",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 20, 20]),
    )
    note = annot(
        "Text",
        [400, 700, 420, 720],
        Contents=String("LEAKPDFANNOTCONTENTS"),
        Subj=String("LEAKPDFANNOTSUBJ"),
        T=String("LEAKPDFANNOTAUTHOR"),
        NM=String("LEAKPDFANNOTNM"),
        M=String(DATE),
        AP=Dictionary(N=ap),
        F=4,
    )
    popup = annot(
        "Popup", [420, 600, 560, 700], Parent=note, Contents=String("LEAKPDFPOPUPCONTENTS")
    )
    note.Popup = popup
    freetext = annot(
        "FreeText",
        [72, 600, 300, 630],
        Contents=String("LEAKPDFFREETEXTCONTENTS"),
        DA=String("0 g /Helv 10 Tf"),
        RC=String("<body><p>LEAKPDFFREETEXTRC</p></body>"),
        F=4,
    )
    embedded = _stream(pdf, "LEAKPDFATTACHFILE inhoud van de bijlage\n", Type=Name.EmbeddedFile)
    filespec = Dictionary(
        Type=Name.Filespec,
        F=String("LEAKPDFATTACHNAME.txt"),
        UF=String("LEAKPDFATTACHNAME.txt"),
        EF=Dictionary(F=embedded),
    )
    attachment = annot(
        "FileAttachment",
        [400, 560, 420, 580],
        FS=filespec,
        Contents=String("LEAKPDFATTACHCONTENTS"),
        F=4,
    )
    attach_popup = annot("Popup", [420, 480, 560, 560], Parent=attachment)
    attachment.Popup = attach_popup
    sound = _stream(pdf, "LEAKPDFSOUNDDATA" * 4, Type=Name.Sound, R=8000, C=1, B=8, E=Name.Raw)
    sound_annot = annot(
        "Sound", [400, 520, 420, 540], Sound=sound, Contents=String("LEAKPDFSOUNDCONTENTS")
    )
    square = annot(
        "Square",
        [72, 500, 200, 540],
        Contents=String("LEAKPDFSQUARECONTENTS"),
        RC=String("<body><p>LEAKPDFSQUARERC</p></body>"),
        F=4,
    )
    redact = annot(
        "Redact",
        [68, 694, 290, 712],
        OverlayText=String("LEAKPDFREDACTOVERLAY"),
        Contents=String("LEAKPDFREDACTCONTENTS"),
    )
    stamp = annot("Stamp", [300, 500, 380, 540], Name=Name("/LEAKPDFSTAMPNAME"), F=4)
    widget_ap = _stream(
        pdf,
        "% LEAKPDFWIDGETAP\n0 g 0 0 100 20 re S\n",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 100, 20]),
    )
    widget = annot(
        "Widget",
        [72, 440, 272, 460],
        FT=Name.Tx,
        T=String("LEAKPDFFIELDNAME"),
        TU=String("LEAKPDFFIELDTOOLTIP"),
        V=String("LEAKPDFFIELDVALUE"),
        DV=String("LEAKPDFFIELDDEFAULT"),
        AP=Dictionary(N=widget_ap),
        F=4,
    )
    uri_link = annot(
        "Link",
        [72, 400, 272, 420],
        Border=Array([0, 0, 0]),
        A=Dictionary(S=Name.URI, URI=String("https://example.org/LEAKPDFLINKURI")),
        Contents=String("LEAKPDFLINKCONTENTS"),
    )
    dest_link = annot(
        "Link", [72, 380, 272, 400], Border=Array([0, 0, 0]), Dest=String("LEAKPDFNAMEDDEST")
    )
    goto_link = annot(
        "Link", [72, 360, 272, 380], Border=Array([0, 0, 0]), Dest=Array([p2, Name.Fit])
    )
    launch = annot(
        "Link",
        [72, 340, 272, 360],
        Border=Array([0, 0, 0]),
        A=Dictionary(S=Name.Launch, F=String("LEAKPDFLAUNCH.exe")),
    )
    js_link = annot(
        "Link", [72, 320, 272, 340], Border=Array([0, 0, 0]), A=_js(pdf, "LEAKPDFLINKJS")
    )
    link_ap = _stream(
        pdf,
        "% LEAKPDFLINKAP\n0 0 1 RG 0 0 200 20 re S\n",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 200, 20]),
    )
    ap_link = annot(
        "Link",
        [72, 300, 272, 320],
        Border=Array([0, 0, 0]),
        AP=Dictionary(N=link_ap),
        NM=String("LEAKPDFLINKNM"),
        A=Dictionary(S=Name.URI, URI=String("https://example.org/openbaar")),
    )
    chained = annot(
        "Link",
        [72, 280, 272, 300],
        Border=Array([0, 0, 0]),
        A=Dictionary(
            S=Name.URI,
            URI=String("https://example.org/ook-openbaar"),
            Next=_js(pdf, "LEAKPDFLINKNEXTJS"),
        ),
    )
    remote = annot(
        "Link",
        [72, 260, 272, 280],
        Border=Array([0, 0, 0]),
        A=Dictionary(S=Name.GoToR, F=String("LEAKPDFGOTOR.pdf"), D=Array([0, Name.Fit])),
    )
    return Array(
        [
            note,
            popup,
            freetext,
            attachment,
            attach_popup,
            sound_annot,
            square,
            redact,
            stamp,
            widget,
            uri_link,
            dest_link,
            goto_link,
            launch,
            js_link,
            ap_link,
            chained,
            remote,
        ]
    )


def _outlines(pdf: pikepdf.Pdf, pages: list[Dictionary]) -> Dictionary:
    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))

    def item(title: str, page: pikepdf.Object, parent: pikepdf.Object) -> pikepdf.Object:
        return pdf.make_indirect(
            Dictionary(Title=String(title), Parent=parent, Dest=Array([page, Name.Fit]))
        )

    top1 = item("Pagina een", pages[0], root)
    top2 = item("LEAKPDFOUTLINEWITHHELD", pages[1], root)
    top3 = item("Pagina drie", pages[2], root)
    kept_child = item("LEAKPDFOUTLINEKEPT", pages[2], top3)
    hidden_child = item("LEAKPDFOUTLINENESTEDWITHHELD", pages[3], top3)
    kept_child.Next, hidden_child.Prev = hidden_child, kept_child
    top3.First, top3.Last, top3.Count = kept_child, hidden_child, 2
    top1.Next, top2.Prev, top2.Next, top3.Prev = top2, top1, top3, top2
    root.First, root.Last, root.Count = top1, top3, 5
    return root


def _structure(pdf: pikepdf.Pdf, pages: list[Dictionary]) -> None:
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
    p1 = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.P,
            P=doc,
            Pg=pages[0],
            K=0,
            Alt=String("LEAKPDFSTRUCTKEPTALT"),
        )
    )
    sect = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Sect, P=doc, T=String("LEAKPDFSTRUCTSPANTITLE"))
    )
    p2 = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.P,
            P=sect,
            Pg=pages[1],
            K=0,
            Alt=String("LEAKPDFSTRUCTALT"),
            ActualText=String("LEAKPDFSTRUCTACTUAL"),
            T=String("LEAKPDFSTRUCTTITLE"),
            E=String("LEAKPDFSTRUCTEXPANSION"),
            ID=String("LEAKPDFSTRUCTID"),
        )
    )
    figure = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Figure,
            P=sect,
            Pg=pages[1],
            Alt=String("LEAKPDFFIGUREALT"),
            K=Array([]),
        )
    )
    sect.K = Array([p2, figure])
    doc.K = Array([p1, sect])
    root.K = doc
    root.IDTree = Dictionary(Names=Array([String("LEAKPDFSTRUCTID"), p2]))
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([p1]), 1, Array([p2])])))
    root.ParentTreeNextKey = 2
    pages[0].StructParents = 0
    pages[1].StructParents = 1
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _document_level(pdf: pikepdf.Pdf, pages: list[Dictionary], off: pikepdf.Object) -> None:
    root = pdf.Root
    embedded = _stream(pdf, "LEAKPDFEMBEDFILE ingesloten bestand\n", Type=Name.EmbeddedFile)
    filespec = Dictionary(
        Type=Name.Filespec,
        F=String("LEAKPDFEMBEDNAME.txt"),
        UF=String("LEAKPDFEMBEDNAME.txt"),
        Desc=String("LEAKPDFEMBEDDESC"),
        EF=Dictionary(F=embedded),
    )
    root.Names = Dictionary(
        EmbeddedFiles=Dictionary(Names=Array([String("LEAKPDFEMBEDKEY"), filespec])),
        JavaScript=Dictionary(Names=Array([String("LEAKPDFJSNAME"), _js(pdf, "LEAKPDFDOCJS")])),
        Dests=Dictionary(Names=Array([String("LEAKPDFNAMEDDEST"), Array([pages[1], Name.Fit])])),
    )
    root.Dests = Dictionary(LEAKPDFOLDDEST=Array([pages[3], Name.Fit]))
    root.OpenAction = _js(pdf, "LEAKPDFOPENACTION")
    root.AA = Dictionary(WC=_js(pdf, "LEAKPDFDOCAA"))
    root.URI = Dictionary(Base=String("https://example.org/LEAKPDFURIBASE/"))
    root.PageLabels = Dictionary(
        Nums=Array([0, Dictionary(S=Name.D, P=String("LEAKPDFPAGELABEL-"))])
    )
    root.PieceInfo = Dictionary(
        LeakApp=Dictionary(LastModified=String(DATE), Private=String("LEAKPDFDOCPIECE"))
    )
    root.Metadata = _stream(pdf, _xmp("LEAKPDFXMP"), Type=Name.Metadata, Subtype=Name.XML)
    root.Outlines = _outlines(pdf, pages)
    widget = next(a for a in pages[0].Annots if a.get(Name.FT) == Name.Tx)
    root.AcroForm = Dictionary(Fields=Array([widget]), DA=String("/Helv 0 Tf 0 g"))
    thread = pdf.make_indirect(
        Dictionary(Type=Name.Thread, I=Dictionary(Title=String("LEAKPDFTHREAD")))
    )
    bead = pdf.make_indirect(
        Dictionary(Type=Name.Bead, T=thread, P=pages[1], R=Array([72, 600, 500, 760]))
    )
    bead.N, bead.V, thread.F = bead, bead, bead
    pages[1].B = Array([bead])
    root.Threads = Array([thread])
    on = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Zichtbare laag")))
    root.OCProperties = Dictionary(
        OCGs=Array([off, on]),
        D=Dictionary(
            Name=String("Standaard"), Order=Array([off, on]), ON=Array([on]), OFF=Array([off])
        ),
    )
    resources = pages[0].Resources
    resources.Properties = Dictionary(LeakOff=off, LeakOn=on)
    _form_named(resources, "LeakFormLayerOff").OC = off
    pdf.docinfo = pdf.make_indirect(
        Dictionary(
            Title=String("LEAKPDFINFOTITLE"),
            Author=String("LEAKPDFINFOAUTHOR"),
            Subject=String("LEAKPDFINFOSUBJECT"),
            Keywords=String("LEAKPDFINFOKEYWORDS"),
            Creator=String("LEAKPDFINFOCREATOR"),
            Producer=String("LEAKPDFINFOPRODUCER"),
            LeakCustom=String("LEAKPDFINFOCUSTOM"),
            CreationDate=String(DATE),
        )
    )


def _extras(
    pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary, off: pikepdf.Object
) -> None:
    """Second-order places: a kept picture's metadata and OPI, a kept form's private data,
    an unused picture nested in a used form, a pattern only page 2 paints, an OFF membership
    dictionary, associated files (PDF 2.0), output intents and document parts."""
    kept_image = _grey_image(pdf, "openbaar beeld")
    kept_image.Metadata = _stream(
        pdf, _xmp("LEAKPDFKEPTIMAGEXMP"), Type=Name.Metadata, Subtype=Name.XML
    )
    kept_image.OPI = Dictionary(
        {"/2.0": Dictionary(Type=Name.OPI, Version=2.0, F=String("LEAKPDFOPIPATH.tif"))}
    )
    kept_image.LeakKey = String("LEAKPDFIMAGEEXTRAKEY")
    nested_unused = _grey_image(pdf, "LEAKPDFNESTEDUNUSED")
    kept_form = _stream(
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
                VerborgenBeeld=_grey_image(pdf, "LEAKPDFFORMOCIMAGE"),
            ),
            Properties=Dictionary(LeakOff=off),
        ),
        PieceInfo=Dictionary(
            LeakApp=Dictionary(LastModified=String(DATE), Private=String("LEAKPDFFORMPIECE"))
        ),
        LastModified=String(DATE),
        Metadata=_stream(pdf, _xmp("LEAKPDFFORMXMP"), Type=Name.Metadata, Subtype=Name.XML),
    )
    resources.XObject.KeptForm = kept_form
    pdf.pages[2].contents_add(_stream(pdf, "q 1 0 0 1 72 600 cm /KeptForm Do Q\n"))
    # a pattern only withheld page 2 paints: its cell's resource name and comment carry markers
    cell = _stream(
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
        _stream(pdf, "q /Pattern cs /LEAKPDFPATTERNNAME scn 72 450 100 30 re f Q\n")
    )
    # kept page 3: marked content under an OCMD whose only group is OFF
    ocmd = pdf.make_indirect(Dictionary(Type=Name.OCMD, OCGs=Array([off]), P=Name.AllOn))
    properties = resources.get(Name.Properties, Dictionary())
    properties.LeakOCMD = ocmd
    resources.Properties = properties
    pdf.pages[2].contents_add(
        _stream(pdf, "/OC /LeakOCMD BDC q 100 0 0 10 72 560 cm /LeakImageOCMD Do Q EMC\n")
    )
    resources.XObject.LeakImageOCMD = _grey_image(pdf, "LEAKPDFOCMDIMAGE")
    # PDF 2.0 associated files, on the catalog and on kept page 1
    for where, marker in ((pdf.Root, "LEAKPDFAFFILE"), (pages[0], "LEAKPDFPAGEAFFILE")):
        data = _stream(pdf, f"{marker} bijbehorend bestand\n", Type=Name.EmbeddedFile)
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


def _third_order(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
    """A kept photo's own metadata; an inline image and nested marked content in an OFF layer;
    a structure element of a kept page pointing into the withheld page; bookmarks with actions
    instead of destinations."""
    resources.XObject.KeptPhoto = _jpeg(pdf, "LEAKPDFJPEGCOMMENT", "LEAKPDFJPEGEXIF")
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
        Dictionary(Title=String("Script"), Parent=outlines, A=_js(pdf, "LEAKPDFOUTLINEJS"))
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


def _fourth_order(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
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
        font.FontDescriptor.FontFile2.Metadata = _stream(
            pdf, _xmp("LEAKPDFFONTXMP"), Type=Name.Metadata, Subtype=Name.XML
        )
    picture = resources.XObject.KeptForm.Resources.XObject.Beeld
    picture.Alternates = Array([Dictionary(Image=_grey_image(pdf, "LEAKPDFALTERNATEIMAGE"))])
    template = pdf.make_indirect(
        Dictionary(
            Type=Name.Template,
            MediaBox=Array([0, 0, 595, 842]),
            Resources=Dictionary(),
            Contents=_stream(pdf, "% LEAKPDFTEMPLATEPAGE\n0 g 0 0 10 10 re f\n"),
        )
    )
    names = pdf.Root.Names
    names.Templates = Dictionary(Names=Array([String("LEAKPDFTEMPLATENAME"), template]))
    names.Pages = Dictionary(Names=Array([String("LEAKPDFNAMEDPAGE"), pages[0]]))
    named_ap = _stream(
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


def _type3(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
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
    pdf.pages[2].contents_add(_stream(pdf, "BT /LeakType3 20 Tf 300 740 Td (a) Tj ET\n"))
    pdf.pages[1].contents_add(_stream(pdf, "BT /LeakType3 20 Tf 300 740 Td (s) Tj ET\n"))
    pages[2].CropBox = Array([0, 0, 595, 760])


def _fifth_order(pdf: pikepdf.Pdf, pages: list[Dictionary], resources: Dictionary) -> None:
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


def leaks_pdf(target: Path) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, only = _canvas(buffer)
    _draw_pages(canvas, regular, bold, only)
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    resources = _share_resources(pdf)
    _rename_only_font(pdf, resources)
    pages = [page.obj for page in pdf.pages]
    # pictures only page 2 draws, and never-drawn ones, all in the shared dictionary
    withheld_image = _grey_image(pdf, "LEAKPDFWITHHELDIMAGE")
    withheld_image.Metadata = _stream(
        pdf, _xmp("LEAKPDFIMAGEXMP"), Type=Name.Metadata, Subtype=Name.XML
    )
    resources.XObject.LeakImageWithheld = withheld_image
    resources.XObject.LeakImageUnused = _grey_image(pdf, "LEAKPDFUNUSEDIMAGE")
    resources.XObject.LeakFormUnused = _stream(
        pdf,
        "% LEAKPDFUNUSEDFORM\n0 g 0 0 10 10 re f\n",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 10, 10]),
    )
    pdf.pages[1].contents_add(_stream(pdf, "q 200 0 0 20 72 500 cm /LeakImageWithheld Do Q\n"))
    # page-level extras of the kept page 1
    pages[0].Annots = _annotations_page1(pdf, pages[0], pages[1])
    pages[0].AA = Dictionary(O=_js(pdf, "LEAKPDFPAGEAA"))
    pages[0].PieceInfo = Dictionary(
        LeakApp=Dictionary(LastModified=String(DATE), Private=String("LEAKPDFPAGEPIECE"))
    )
    pages[0].LastModified = String(DATE)
    pages[0].Metadata = _stream(pdf, _xmp("LEAKPDFPAGEXMP"), Type=Name.Metadata, Subtype=Name.XML)
    pages[0].Thumb = _grey_image(pdf, "LEAKPDFTHUMBNAIL")
    # annotations of the withheld pages
    pages[1].Annots = Array(
        [
            pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Text,
                    Rect=Array([400, 700, 420, 720]),
                    P=pages[1],
                    Contents=String("LEAKPDFWITHHELDANNOTCONTENTS"),
                    T=String("LEAKPDFWITHHELDANNOTAUTHOR"),
                )
            )
        ]
    )
    pages[3].Annots = Array(
        [
            pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Link,
                    Rect=Array([72, 700, 300, 720]),
                    P=pages[3],
                    Border=Array([0, 0, 0]),
                    A=Dictionary(S=Name.URI, URI=String("https://example.org/LEAKPDFWITHHELDLINK")),
                )
            )
        ]
    )
    off = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("LEAKPDFOCGOFFNAME")))
    _extras(pdf, pages, resources, off)
    _document_level(pdf, pages, off)
    _structure(pdf, pages)
    _third_order(pdf, pages, resources)
    _fourth_order(pdf, pages, resources)
    _fifth_order(pdf, pages, resources)
    _type3(pdf, pages, resources)
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )


# --- an earlier revision left in the file (incremental update) -------------------------------


def incremental_pdf(target: Path) -> None:
    """Revision 1 draws LEAKPDFREV1TEXT; an appended revision 2 replaces the page's content
    with one that draws only LEAKPDFREV2TEXT and a new Info. Revision 1 stays in the bytes."""
    buffer = io.BytesIO()
    canvas, regular, bold, _ = _canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Herziene notitie")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Versie twee LEAKPDFREV2TEXT")
    canvas.addLiteral("% revision-1-only")
    canvas.drawString(72, 710, "Versie een LEAKPDFREV1TEXT")
    canvas.addLiteral("% end-revision-1-only")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    pdf.docinfo = pdf.make_indirect(Dictionary(Title=String("LEAKPDFREV1INFO")))
    first = io.BytesIO()
    pdf.save(
        first,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )
    rev1 = first.getvalue()
    reread = pikepdf.open(io.BytesIO(rev1))
    page = reread.pages[0].obj
    content = page.Contents.read_bytes()
    start = content.index(b"% revision-1-only")
    end = content.index(b"% end-revision-1-only") + len(b"% end-revision-1-only")
    new_content = content[:start] + content[end:]
    page_num = page.objgen[0]
    size = int(reread.trailer.Size)
    root_num = reread.Root.objgen[0]
    # the page again, with /Contents pointing at the new stream
    keys = []
    for key, value in page.items():
        if key == "/Contents":
            continue
        keys.append(f"{key} {Array([value]).unparse().decode('latin-1')[1:-1]}")
    keys.append(f"/Contents {size} 0 R")
    objects = {
        page_num: ("<< " + " ".join(keys) + " >>").encode("latin-1"),
        size: b"<< /Length %d >>\nstream\n" % len(new_content) + new_content + b"\nendstream",
        size + 1: b"<< /Title (Herziene notitie) >>",
        size + 2: b"(LEAKPDFORPHAN: an object nothing refers to)",
    }
    out = bytearray(rev1)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    prev = rev1.rindex(b"startxref")
    prev_offset = int(rev1[prev + 9 :].split()[0])
    xref_at = len(out)
    out += b"xref\n"
    for num in sorted(objects):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    trailer_id = reread.trailer.ID.unparse()
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d /ID %s >>\n" % (
        size + 3,
        root_num,
        size + 1,
        prev_offset,
        trailer_id,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    out += b"LEAKPDFAFTEREOF bytes after the last end-of-file marker\n"
    target.write_bytes(bytes(out))


# --- object streams: the dictionaries of the file compressed together ------------------------


def objstm_pdf(target: Path) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, _ = _canvas(buffer)
    for n, text in ((1, "Openbaar LEAKPDFOBJSTMKEPT"), (2, "Geheim LEAKPDFOBJSTMWITHHELD")):
        canvas.setFont(bold, 16)
        canvas.drawString(72, 770, f"Pagina {n}")
        canvas.setFont(regular, 11)
        canvas.drawString(72, 740, text)
        canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    p2 = pdf.pages[1].obj
    p2.Annots = Array(
        [
            pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Text,
                    Rect=Array([400, 700, 420, 720]),
                    P=p2,
                    Contents=String("LEAKPDFOBJSTMANNOT"),
                )
            )
        ]
    )
    pdf.docinfo = pdf.make_indirect(Dictionary(Title=String("LEAKPDFOBJSTMINFO")))
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )


# --- a PDF that is withheld as a whole (openbaar: false) --------------------------------------


def secret_pdf(target: Path) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, _ = _canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Vertrouwelijk advies")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Geheim LEAKSECRETPDFTEXT")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    pdf.docinfo = pdf.make_indirect(Dictionary(Title=String("LEAKSECRETPDFINFO")))
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )


# --- a portfolio (/Collection), kept apart: a refusal of it must not hide the rest -----------


def portfolio_pdf(target: Path) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, _ = _canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Portfolio")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Voorblad LEAKPORTFOLIOCOVER")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    embedded = _stream(
        pdf, "LEAKPORTFOLIOFILE onderdeel van de portfolio\n", Type=Name.EmbeddedFile
    )
    filespec = Dictionary(
        Type=Name.Filespec,
        F=String("LEAKPORTFOLIONAME.txt"),
        UF=String("LEAKPORTFOLIONAME.txt"),
        EF=Dictionary(F=embedded),
        CI=Dictionary(LeakField=String("LEAKPORTFOLIOITEM")),
    )
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([String("a"), filespec])))
    pdf.Root.Collection = Dictionary(
        Type=Name.Collection,
        View=Name.D,
        Schema=Dictionary(
            LeakField=Dictionary(
                Type=Name.CollectionField, Subtype=Name.S, N=String("LEAKPORTFOLIOSCHEMA")
            )
        ),
    )
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )


# --- the steller's own data, where pdftotext does not look: one file per channel ------------

STELLER_PDF_CHANNELS = ("bookmark", "mailto", "note", "layer", "alt", "actualtext", "info", "upper")


def steller_pdf(target: Path, channel: str, name: str, email: str) -> None:
    """A one-page PDF whose visible text is clean; ``channel`` says where the steller is."""
    buffer = io.BytesIO()
    canvas, regular, bold, _ = _canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Reactie op het ontwerp")
    canvas.setFont(regular, 11)
    canvas.addLiteral("/P <</MCID 0>> BDC")
    canvas.drawString(72, 740, "Een reactie zonder persoonsgegevens in de tekst.")
    canvas.addLiteral("EMC")
    if channel == "layer":
        canvas.addLiteral("/OC /Hidden BDC")
        canvas.drawString(72, 710, f"Contact: {name}")
        canvas.addLiteral("EMC")
    if channel == "actualtext":
        canvas.addLiteral(f"/Span <</ActualText ({name})>> BDC")
        canvas.drawString(72, 680, "de steller")
        canvas.addLiteral("EMC")
    if channel == "upper":
        canvas.drawString(72, 650, f"Contactpersoon: {name.upper()}")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    page = pdf.pages[0].obj
    if channel == "layer":
        off = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Verborgen")))
        page.Resources.Properties = Dictionary(Hidden=off)
        pdf.Root.OCProperties = Dictionary(
            OCGs=Array([off]),
            D=Dictionary(Name=String("Standaard"), OFF=Array([off]), Order=Array([off])),
        )
    if channel == "note":
        page.Annots = Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Text,
                        P=page,
                        Rect=Array([400, 700, 420, 720]),
                        Contents=String(f"Vraag {name} even"),
                        T=String(name),
                    )
                )
            ]
        )
    if channel == "mailto":
        page.Annots = Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Link,
                        P=page,
                        Rect=Array([72, 600, 300, 620]),
                        Border=Array([0, 0, 0]),
                        A=Dictionary(S=Name.URI, URI=String(f"mailto:{email}")),
                    )
                )
            ]
        )
    if channel == "bookmark":
        outline = pdf.make_indirect(Dictionary(Type=Name.Outlines))
        item = pdf.make_indirect(
            Dictionary(
                Title=String(f"Contact: {name}"), Parent=outline, Dest=Array([page, Name.Fit])
            )
        )
        outline.First, outline.Last, outline.Count = item, item, 1
        pdf.Root.Outlines = outline
    if channel == "alt":
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        para = pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.P,
                P=root,
                Pg=page,
                K=0,
                Alt=String(f"Geschreven door {name}"),
            )
        )
        root.K = para
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([para])])))
        page.StructParents = 0
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
    if channel == "info":
        pdf.docinfo = pdf.make_indirect(
            Dictionary(Author=String(name), Title=String(f"Reactie van {email}"))
        )
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )
