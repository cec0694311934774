"""The PDFs of the word-redaction case (``lak-woorden``, issue 29 item 3), hand-built with
pikepdf: words in every shape a content stream gives them, each under a ``lakken`` entry with
``woorden`` or ``vak``, and words beside them that must stay.

``woorden.pdf`` (untagged, Helvetica, which the ready-made check embeds as Liberation Sans):

- page 1: ``LEAKWOORDTJ`` split over three TJ strings with kerning between them, and
  ``LEAKNAASTOPEN`` right after it in the same TJ; ``LEAKACTUALZICHT`` in a marked sequence
  whose /ActualText is ``LEAKACTUALSPAN``; ``LEAKLINKWOORD`` under a link to
  ``…/LEAKLINKURI`` (a link elsewhere stays); ``LEAKTYPEDRIE`` drawn with a Type 3 font; a
  form XObject showing ``LEAKFORMGEDEELD`` (a box over it); a grey image whose pixel bytes
  spell ``LEAKBEELDPIXELS`` between bytes that stay (a box over the marker's pixels);
- page 2: the same form XObject (its use here keeps the word);
- page 3: rotated 90°, ``LEAKDRAAIGELAKT`` under a box given in the page's unrotated
  coordinates, ``LEAKDRAAIOPEN`` beside it.

``woorden-tagged.pdf`` (tagged): ``LEAKSTRUCTZICHT`` in a Span whose structure element has
/ActualText ``LEAKSTRUCTACTUAL`` (its paragraph /Alt ``LEAKSTRUCTALT``), its marked sequence
/ActualText ``LEAKSTRUCTSPAN``; ``LEAKSTRUCTOPEN`` in a paragraph of its own.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfbase.pdfmetrics import stringWidth

PIXELS = b"openbaar-openbaar-LEAKBEELDPIXELS-openbaar-openbaar"
"""The grey image's bytes: one row, one byte a pixel."""
PIXEL_WIDTH = 6.0
IMAGE_AT = (100.0, 600.0)
FORM_AT = ((72.0, 560.0), (72.0, 700.0))
ROTATED_TEXT = ("Gedraaid ", "LEAKDRAAIGELAKT", " en LEAKDRAAIOPEN")
ROTATED_AT = (72.0, 500.0)


def image_box() -> list[float]:
    """The box over the marker's pixels."""
    start = PIXELS.index(b"LEAKBEELDPIXELS")
    x0 = IMAGE_AT[0] + start * PIXEL_WIDTH
    x1 = x0 + len("LEAKBEELDPIXELS") * PIXEL_WIDTH
    return [x0 - 1, IMAGE_AT[1] - 5, x1 + 1, IMAGE_AT[1] + 15]


def form_box() -> list[float]:
    x, y = FORM_AT[0]
    return [x - 2, y - 5, x + 310, y + 25]


def rotated_box() -> list[float]:
    """The box over LEAKDRAAIGELAKT on page 3, in the page's unrotated coordinates."""
    before = stringWidth(ROTATED_TEXT[0], "Helvetica", 12)
    word = stringWidth(ROTATED_TEXT[1], "Helvetica", 12)
    x, y = ROTATED_AT
    return [round(x + before - 1, 2), y - 4, round(x + before + word + 1, 2), y + 12]


LAKKEN = (
    '{pagina: 1, woorden: "LEAKWOORDTJ", grond: "5.1.2e"}',
    '{pagina: 1, woorden: "LEAKACTUALZICHT", grond: "5.1.2e"}',
    '{pagina: 1, woorden: "LEAKLINKWOORD", grond: "5.1.2e"}',
    '{pagina: 1, woorden: "LEAKTYPEDRIE", grond: "5.1.2e"}',
    '{pagina: 1, woorden: "LEAKGLYFNAAM", grond: "5.1.2e"}',
    '{pagina: 1, woorden: "LEAKNFDÜ", grond: "5.1.2e"}',
)
"""The word entries of woorden.pdf (the boxes: :func:`boxes`)."""


def boxes() -> tuple[str, ...]:
    return (
        f'{{pagina: 1, vak: {form_box()}, grond: "5.1.2e"}}',
        f'{{pagina: 1, vak: {image_box()}, grond: "5.1.2e"}}',
        f'{{pagina: 3, vak: {rotated_box()}, grond: "5.1.2e"}}',
    )


def _helvetica(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Name.WinAnsiEncoding,
        )
    )


def _type3(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A Type 3 font with a filled box for each letter of LEAKTYPEDRIE."""
    letters = sorted(set("LEAKTYPEDRIE"))
    procs = Dictionary()
    differences: list[object] = []
    for letter in letters:
        procs[f"/{letter}"] = pdf.make_stream(b"600 0 0 0 500 700 d1 0 0 500 700 re f")
        differences += [ord(letter), Name(f"/{letter}")]
    cmap = "\n".join(f"<{ord(c):02X}> <{ord(c):04X}>" for c in letters)
    tounicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(letters)} beginbfchar\n{cmap}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    first, last = ord(letters[0]), ord(letters[-1])
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 600, 700]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=procs,
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array(differences)),
            FirstChar=first,
            LastChar=last,
            Widths=Array([600] * (last - first + 1)),
            Resources=Dictionary(),
            ToUnicode=pdf.make_stream(tounicode.encode()),
        )
    )


def _logo(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A Type 3 font with one glyph, a logo, named after a redacted word (LEAKGLYFNAAM)."""
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 600, 700]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=Dictionary(
                LEAKGLYFNAAM=pdf.make_stream(b"600 0 0 0 500 700 d1 0 0 500 700 re f")
            ),
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([65, Name("/LEAKGLYFNAAM")])),
            FirstChar=65,
            LastChar=65,
            Widths=Array([600]),
            Resources=Dictionary(),
        )
    )


def _page(pdf: pikepdf.Pdf, content: bytes, resources: Dictionary) -> pikepdf.Object:
    page = pdf.make_indirect(
        Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 595, 842]),
            Resources=resources,
            Contents=pdf.make_stream(content),
        )
    )
    pdf.pages.append(pikepdf.Page(page))
    return pdf.pages[-1].obj


def words_pdf(target: Path) -> None:
    """woorden.pdf (see the module)."""
    pdf = pikepdf.new()
    font, type3 = _helvetica(pdf), _type3(pdf)
    form = pdf.make_stream(b"BT /F1 12 Tf 0 5 Td (Formulier LEAKFORMGEDEELD) Tj ET")
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array([0, 0, 300, 20])
    form.Resources = Dictionary(Font=Dictionary(F1=font))
    image = pdf.make_stream(PIXELS)
    image.Type, image.Subtype, image.ColorSpace = Name.XObject, Name.Image, Name.DeviceGray
    image.Width, image.Height, image.BitsPerComponent = len(PIXELS), 1, 8
    first = b"\n".join(
        [
            b"BT /F1 12 Tf 72 760 Td (Openbare aanhef LEAKREDOPENA) Tj ET",
            b"BT /F1 12 Tf 72 730 Td [(Beste LEAK) -30 (WOORD) 25 (TJ) ( en LEAKNAASTOPEN)] TJ ET",
            b"/Span <</ActualText (LEAKACTUALSPAN)>> BDC",
            b"BT /F1 12 Tf 72 700 Td (LEAKACTUALZICHT) Tj ET EMC",
            b"BT /F1 12 Tf 72 670 Td (Zie LEAKLINKWOORD voor meer) Tj ET",
            b"BT /F1 12 Tf 72 640 Td (Naar de website van de gemeente) Tj ET",
            b"q %g 0 0 10 %g %g cm /Beeld Do Q"
            % (len(PIXELS) * PIXEL_WIDTH, IMAGE_AT[0], IMAGE_AT[1]),
            b"q 1 0 0 1 %g %g cm /Fm0 Do Q" % FORM_AT[0],
            b"BT /T3 12 Tf 72 520 Td (LEAKTYPEDRIE) Tj ET",
            b"BT /F1 12 Tf 72 490 Td (Aan LEAKGLYFNAAM, logo: ) Tj /T4 12 Tf (A) Tj ET",
            # the second one decomposed: a U, then a diaeresis of its own moved back over it
            b"BT /F1 12 Tf 72 460 Td (LEAKNFD\xdc en ) Tj [(LEAKNFDU) 722 <a8> ( zei) ] TJ ET",
        ]
    )
    resources = Dictionary(
        Font=Dictionary(F1=font, T3=type3, T4=_logo(pdf)),
        XObject=Dictionary(Fm0=form, Beeld=image),
    )
    page = _page(pdf, first, resources)
    word = stringWidth("Zie ", "Helvetica", 12)
    secret = _link(pdf, page, [72 + word, 666, 72 + word + 100, 682], "LEAKLINKURI")
    public = _link(pdf, page, [72, 636, 260, 652], "openbaar")
    page.Annots = Array([secret, public])
    second = b"BT /F1 12 Tf 72 760 Td (Pagina twee LEAKPAGINATWEEOPEN) Tj ET\n"
    second += b"q 1 0 0 1 %g %g cm /Fm0 Do Q" % FORM_AT[1]
    _page(pdf, second, Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Fm0=form)))
    text = "".join(ROTATED_TEXT).encode()
    third = b"BT /F1 12 Tf %g %g Td (%s) Tj ET" % (*ROTATED_AT, text)
    rotated = _page(pdf, third, Dictionary(Font=Dictionary(F1=font)))
    rotated.Rotate = 90
    pdf.save(target, deterministic_id=True)


def _link(pdf: pikepdf.Pdf, page: pikepdf.Object, rect: list[float], path: str) -> pikepdf.Object:
    action = Dictionary(S=Name.URI, URI=String(f"https://example.org/{path}"))
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array(rect),
            Border=Array([0, 0, 0]),
            A=action,
            P=page,
        )
    )


def tagged_pdf(target: Path) -> None:
    """woorden-tagged.pdf (see the module)."""
    pdf = pikepdf.new()
    font = _helvetica(pdf)
    content = b"\n".join(
        [
            b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 760 Td (Openbaar LEAKSTRUCTOPEN) Tj ET EMC",
            b"/Span <</MCID 1 /ActualText (LEAKSTRUCTSPAN)>> BDC",
            b"BT /F1 12 Tf 72 730 Td (LEAKSTRUCTZICHT) Tj ET EMC",
        ]
    )
    page = _page(pdf, content, Dictionary(Font=Dictionary(F1=font)))
    page.StructParents = 0
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
    first = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=document, Pg=page, K=0))
    second = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.P, P=document, Pg=page, Alt=String("LEAKSTRUCTALT"))
    )
    span = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Span,
            P=second,
            Pg=page,
            K=1,
            ActualText=String("LEAKSTRUCTACTUAL"),
        )
    )
    second.K = Array([span])
    document.K = Array([first, second])
    root.K = Array([document])
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([first, span])])))
    root.ParentTreeNextKey = 1
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String("nl-NL")
    pdf.save(target, deterministic_id=True)
