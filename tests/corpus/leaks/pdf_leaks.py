"""The adversary's ready-made PDFs: every place of a PDF (1.7 / 2.0) that can carry text or a
picture, each holding its own marker (see make_leaks.CHANNELS for what must happen to it).

Written by someone who has not read how besluitpak clears a public file. Markers are placed so
that they can be found in the bytes: as text drawn with an embedded font (reportlab), as PDF
strings and names, as comments in content streams, and as the samples of uncompressed-on-decode
grey images (one byte per pixel: the marker's ASCII codes).
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfgen.canvas import Canvas

from tests.corpus.leaks.pdf_base import DATE, grey_image, js, new_canvas, stream, xmp
from tests.corpus.leaks.pdf_document import annotations_page1, document_level, structure
from tests.corpus.leaks.pdf_orders import (
    extras,
    fifth_order,
    fourth_order,
    sixth_order,
    third_order,
    type3,
)
from tests.corpus.leaks.pdf_pictures import pictures


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


def leaks_pdf(target: Path) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, only = new_canvas(buffer)
    _draw_pages(canvas, regular, bold, only)
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    resources = _share_resources(pdf)
    _rename_only_font(pdf, resources)
    pages = [page.obj for page in pdf.pages]
    # pictures only page 2 draws, and never-drawn ones, all in the shared dictionary
    withheld_image = grey_image(pdf, "LEAKPDFWITHHELDIMAGE")
    withheld_image.Metadata = stream(
        pdf, xmp("LEAKPDFIMAGEXMP"), Type=Name.Metadata, Subtype=Name.XML
    )
    resources.XObject.LeakImageWithheld = withheld_image
    resources.XObject.LeakImageUnused = grey_image(pdf, "LEAKPDFUNUSEDIMAGE")
    resources.XObject.LeakFormUnused = stream(
        pdf,
        "% LEAKPDFUNUSEDFORM\n0 g 0 0 10 10 re f\n",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 10, 10]),
    )
    pdf.pages[1].contents_add(stream(pdf, "q 200 0 0 20 72 500 cm /LeakImageWithheld Do Q\n"))
    # page-level extras of the kept page 1
    pages[0].Annots = annotations_page1(pdf, pages[0], pages[1])
    pages[0].AA = Dictionary(O=js(pdf, "LEAKPDFPAGEAA"))
    pages[0].PieceInfo = Dictionary(
        LeakApp=Dictionary(LastModified=String(DATE), Private=String("LEAKPDFPAGEPIECE"))
    )
    pages[0].LastModified = String(DATE)
    pages[0].Metadata = stream(pdf, xmp("LEAKPDFPAGEXMP"), Type=Name.Metadata, Subtype=Name.XML)
    pages[0].Thumb = grey_image(pdf, "LEAKPDFTHUMBNAIL")
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
    extras(pdf, pages, resources, off)
    document_level(pdf, pages, off)
    structure(pdf, pages)
    third_order(pdf, pages, resources)
    fourth_order(pdf, pages, resources)
    fifth_order(pdf, pages, resources)
    type3(pdf, pages, resources)
    sixth_order(pdf, pages, resources)
    pictures(pdf, resources)
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )
