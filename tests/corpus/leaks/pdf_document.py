"""kanalen.pdf, the document around the pages: annotations of kept page 1, bookmarks, the
structure tree and everything at document level (names trees, actions, metadata, forms,
threads, layers, Info)."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from tests.corpus.leaks.pdf_base import DATE, form_named, js, stream, xmp


def annotations_page1(pdf: pikepdf.Pdf, p1: pikepdf.Object, p2: pikepdf.Object) -> Array:
    def annot(subtype: str, rect: list[int], **keys: object) -> pikepdf.Object:
        d = Dictionary(Type=Name.Annot, Subtype=Name("/" + subtype), Rect=Array(rect), P=p1)
        for key, value in keys.items():
            d[Name("/" + key)] = value
        return pdf.make_indirect(d)

    ap = stream(
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
    embedded = stream(pdf, "LEAKPDFATTACHFILE inhoud van de bijlage\n", Type=Name.EmbeddedFile)
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
    sound = stream(pdf, "LEAKPDFSOUNDDATA" * 4, Type=Name.Sound, R=8000, C=1, B=8, E=Name.Raw)
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
    widget_ap = stream(
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
        "Link", [72, 320, 272, 340], Border=Array([0, 0, 0]), A=js(pdf, "LEAKPDFLINKJS")
    )
    link_ap = stream(
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
            Next=js(pdf, "LEAKPDFLINKNEXTJS"),
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


def outlines(pdf: pikepdf.Pdf, pages: list[Dictionary]) -> Dictionary:
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


def structure(pdf: pikepdf.Pdf, pages: list[Dictionary]) -> None:
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


def document_level(pdf: pikepdf.Pdf, pages: list[Dictionary], off: pikepdf.Object) -> None:
    root = pdf.Root
    embedded = stream(pdf, "LEAKPDFEMBEDFILE ingesloten bestand\n", Type=Name.EmbeddedFile)
    filespec = Dictionary(
        Type=Name.Filespec,
        F=String("LEAKPDFEMBEDNAME.txt"),
        UF=String("LEAKPDFEMBEDNAME.txt"),
        Desc=String("LEAKPDFEMBEDDESC"),
        EF=Dictionary(F=embedded),
    )
    root.Names = Dictionary(
        EmbeddedFiles=Dictionary(Names=Array([String("LEAKPDFEMBEDKEY"), filespec])),
        JavaScript=Dictionary(Names=Array([String("LEAKPDFJSNAME"), js(pdf, "LEAKPDFDOCJS")])),
        Dests=Dictionary(Names=Array([String("LEAKPDFNAMEDDEST"), Array([pages[1], Name.Fit])])),
    )
    root.Dests = Dictionary(LEAKPDFOLDDEST=Array([pages[3], Name.Fit]))
    root.OpenAction = js(pdf, "LEAKPDFOPENACTION")
    root.AA = Dictionary(WC=js(pdf, "LEAKPDFDOCAA"))
    root.URI = Dictionary(Base=String("https://example.org/LEAKPDFURIBASE/"))
    root.PageLabels = Dictionary(
        Nums=Array([0, Dictionary(S=Name.D, P=String("LEAKPDFPAGELABEL-"))])
    )
    root.PieceInfo = Dictionary(
        LeakApp=Dictionary(LastModified=String(DATE), Private=String("LEAKPDFDOCPIECE"))
    )
    root.Metadata = stream(pdf, xmp("LEAKPDFXMP"), Type=Name.Metadata, Subtype=Name.XML)
    root.Outlines = outlines(pdf, pages)
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
    form_named(resources, "LeakFormLayerOff").OC = off
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
