"""The public copy of a ready-made PDF is rebuilt from what its kept pages draw: what a withheld
page shares with them, hidden layers, notes, attachments and the titles of bookmarks to a
withheld page are not in any byte of it (fast tier: pikepdf, qpdf and pdftotext, no
LibreOffice). The sources are written by hand, as other tools write them."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from besluitpak.pdf.bookmarks import own_bookmarks
from besluitpak.pdf.public_copy import CATALOG_KEYS, public_copy
from tests.helpers import TESTS

IMAGE = b"BEELDMARKERGEHEIM"
FORM = "FORMULIERMARKER"


def _font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )


def _text(text: str, y: int = 700) -> bytes:
    return f"BT /F1 12 Tf 72 {y} Td ({text}) Tj ET\n".encode()


def _document(
    pages: list[bytes], pdf: pikepdf.Pdf | None = None, resources: pikepdf.Object | None = None
) -> pikepdf.Pdf:
    """A PDF (``pdf``, or a new one) whose pages draw ``pages`` (content streams), all with
    one shared resource dictionary (``resources``, or just the font F1)."""
    pdf = pdf if pdf is not None else pikepdf.new()
    shared = resources if resources is not None else Dictionary(Font=Dictionary(F1=_font(pdf)))
    shared = pdf.make_indirect(shared)
    for content in pages:
        page = Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 595, 842]),
            Resources=shared,
            Contents=pdf.make_stream(content),
        )
        pdf.pages.append(pikepdf.Page(page))
    return pdf


def _bytes(path: Path, tmp_path: Path) -> bytes:
    """Every byte of ``path`` with its streams decompressed."""
    qdf = tmp_path / f"{path.stem}.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(qdf)], check=True)
    return qdf.read_bytes()


def _text_of(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _checked(path: Path) -> None:
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _shared_resources(pdf_path: Path) -> None:
    """Three pages sharing one /Resources with an image and a form XObject that only page 2
    draws."""
    pdf = pikepdf.new()
    font = _font(pdf)
    image = pdf.make_stream(IMAGE)
    image.Type, image.Subtype = Name.XObject, Name.Image
    image.Width, image.Height, image.BitsPerComponent = len(IMAGE), 1, 8
    image.ColorSpace = Name.DeviceGray
    form = pdf.make_stream(_text(FORM, 10))
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array([0, 0, 500, 50])
    form.Resources = Dictionary(Font=Dictionary(F1=font))
    resources = Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Im1=image, Fm1=form))
    second = _text("Tweede pagina") + b"q 100 0 0 20 72 600 cm /Im1 Do Q /Fm1 Do\n"
    _document([_text("Eerste pagina"), second, _text("Derde pagina")], pdf, resources)
    pdf.save(pdf_path)


def test_what_only_a_withheld_page_draws_from_shared_resources_is_not_copied(
    tmp_path: Path,
) -> None:
    source = tmp_path / "gedeeld.pdf"
    _shared_resources(source)
    assert IMAGE in _bytes(source, tmp_path) and FORM.encode() in _bytes(source, tmp_path)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Gedeelde bronnen")
    data = _bytes(out, tmp_path)
    assert IMAGE not in data
    assert FORM.encode() not in data
    text = _text_of(out)
    assert "Eerste pagina" in text and "Derde pagina" in text
    assert "Pagina 2 is niet openbaar" in text
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            assert "/XObject" not in page.obj.Resources or page.index == 1
    _checked(out)


def test_a_document_without_withheld_pages_is_rebuilt_too(tmp_path: Path) -> None:
    source = tmp_path / "gedeeld.pdf"
    _shared_resources(source)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={}, titel="Gedeelde bronnen")
    data = _bytes(out, tmp_path)
    assert IMAGE in data and FORM.encode() in data  # page 2 is kept: it draws them
    with pikepdf.open(out) as pdf:
        first, third = pdf.pages[0].obj.Resources, pdf.pages[2].obj.Resources
        assert "/XObject" not in first and "/XObject" not in third
        assert set(pdf.pages[1].obj.Resources.XObject.keys()) == {"/Im1", "/Fm1"}
    _checked(out)


def _layers(path: Path) -> None:
    """One page with a layer switched off (its text a marker), one switched on, a form
    XObject in the layer that is off, and text shown only when both layers are on."""
    pdf = pikepdf.new()
    off = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Concept")))
    on = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Definitief")))
    both = pdf.make_indirect(Dictionary(Type=Name.OCMD, OCGs=Array([off, on]), P=Name.AllOn))
    form = pdf.make_stream(_text("VORMINLAAGMARKER", 10))
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array([0, 0, 500, 50])
    form.OC = off
    form.Resources = Dictionary(Font=Dictionary(F1=_font(pdf)))
    content = (
        b"/OC /Uit BDC\n"
        + _text("VERBORGENLAAGMARKER", 700)
        + b"EMC\n/OC /Aan BDC\n"
        + _text("Zichtbare laag", 650)
        + b"EMC\n/OC /Beide BDC\n"
        + _text("BEIDELAGENMARKER", 625)
        + b"EMC\n"
        + _text("Gewone tekst", 600)
        + b"/Fm1 Do\n"
    )
    resources = Dictionary(
        Font=Dictionary(F1=_font(pdf)),
        XObject=Dictionary(Fm1=form),
        Properties=Dictionary(Uit=off, Aan=on, Beide=both),
    )
    _document([content], pdf, resources)
    pdf.Root.OCProperties = Dictionary(
        OCGs=Array([off, on]), D=Dictionary(Name=String("Standaard"), OFF=Array([off]))
    )
    pdf.save(path)


def test_a_layer_that_is_off_is_removed_and_one_that_is_on_becomes_page_content(
    tmp_path: Path,
) -> None:
    source = tmp_path / "lagen.pdf"
    _layers(source)
    assert b"VORMINLAAGMARKER" in _bytes(source, tmp_path)  # the test can see a leak
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={}, titel="Lagen")
    data = _bytes(out, tmp_path)
    for marker in (b"VERBORGENLAAGMARKER", b"VORMINLAAGMARKER", b"BEIDELAGENMARKER"):
        assert marker not in data
    text = _text_of(out)
    assert "Zichtbare laag" in text and "Gewone tekst" in text
    with pikepdf.open(out) as pdf:
        assert "/OCProperties" not in pdf.Root
        content = pdf.pages[0].obj.Contents.read_bytes()
        assert b"/OC" not in content and b"BDC" not in content and b"EMC" not in content
        assert not any(
            isinstance(o, Dictionary) and o.get("/Type") == Name.OCG for o in pdf.objects
        )
    _checked(out)


def _annotated(path: Path) -> None:
    """A note with a marker in its text and subject, a file attachment (a marker in the
    file) with a popup pointing back at it, a web link, a link to page 2 and one to page 3."""
    pdf = _document([_text("Met opmerkingen"), _text("Gelakt"), _text("Slot")])
    first, second, third = (page.obj for page in pdf.pages)
    note = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Text,
        Rect=Array([10, 10, 30, 30]),
        Contents=String("NOTITIEMARKER"),
        Subj=String("ONDERWERPMARKER"),
    )
    embedded = pdf.make_stream(b"BIJLAGEBESTANDMARKER")
    embedded.Type = Name.EmbeddedFile
    attachment = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.FileAttachment,
            Rect=Array([40, 10, 60, 30]),
            Contents=String("Bijlage"),
            FS=Dictionary(Type=Name.Filespec, F=String("geheim.txt"), EF=Dictionary(F=embedded)),
        )
    )
    popup = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Popup, Rect=Array([0, 0, 1, 1]), Parent=attachment)
    )
    attachment.Popup = popup

    def link(target: dict[str, Any], y: int) -> pikepdf.Object:
        return pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=Array([72, y, 300, y + 20]),
                Contents=String("LINKOMSCHRIJVINGMARKER"),
                **target,
            )
        )

    web = link({"A": Dictionary(S=Name.URI, URI=String("https://www.zwolle.nl/"))}, 500)
    script = link({"A": Dictionary(S=Name.URI, URI=String("javascript:alert(1)"))}, 450)
    to_second = link({"Dest": Array([second, Name.Fit])}, 400)
    to_third = link({"A": Dictionary(S=Name.GoTo, D=Array([third, Name.Fit]))}, 350)
    first.Annots = Array([note, attachment, popup, web, script, to_second, to_third])
    pdf.save(path)


def test_notes_attachments_and_popups_are_gone_links_to_the_web_and_kept_pages_stay(
    tmp_path: Path,
) -> None:
    source = tmp_path / "opmerkingen.pdf"
    _annotated(source)
    assert b"BIJLAGEBESTANDMARKER" in _bytes(source, tmp_path)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Opmerkingen")
    data = _bytes(out, tmp_path)
    for marker in (b"NOTITIEMARKER", b"ONDERWERPMARKER", b"BIJLAGEBESTANDMARKER"):
        assert marker not in data
    assert b"LINKOMSCHRIJVINGMARKER" not in data  # the assembler describes links itself
    assert b"geheim.txt" not in data and b"javascript" not in data
    with pikepdf.open(out) as pdf:
        annots = list(pdf.pages[0].obj.Annots)
        assert [a.Subtype for a in annots] == [Name.Link, Name.Link]
        assert str(annots[0].A.URI) == "https://www.zwolle.nl/"
        assert annots[1].Dest[0].objgen == pdf.pages[2].obj.objgen
        kinds = {o.get("/Type") for o in pdf.objects if isinstance(o, Dictionary)}
        assert Name.EmbeddedFile not in kinds and Name.Filespec not in kinds
        assert set(pdf.Root.keys()) <= set(CATALOG_KEYS)
    _checked(out)


def _outlined(path: Path) -> None:
    """Four pages with nested bookmarks: some to kept pages, one (with kept bookmarks under
    it) to page 2, one to page 3 and one with an empty title."""
    pdf = _document([_text(f"Pagina {n}") for n in range(1, 5)])
    pages = [page.obj for page in pdf.pages]
    with pdf.open_outline() as outline:
        first = OutlineItem("1 Inleiding", Array([pages[0], Name.Fit]))
        first.children.append(OutlineItem("1.1 Aanleiding", Array([pages[0], Name.Fit])))
        first.children.append(OutlineItem("1.2 KOPGEHEIMMARKER", Array([pages[1], Name.Fit])))
        secret = OutlineItem("2 HOOFDSTUKGEHEIMMARKER", Array([pages[2], Name.Fit]))
        secret.children.append(OutlineItem("2.1 Uitwerking", Array([pages[3], Name.Fit])))
        last = OutlineItem("3 Besluit", Array([pages[3], Name.Fit]))
        last.children.append(OutlineItem("  ", Array([pages[3], Name.Fit])))
        last.children.append(OutlineItem("3.1 Uitvoering", Array([pages[3], Name.Fit])))
        outline.root.extend([first, secret, last])
    pdf.save(path)


def test_bookmarks_of_kept_pages_stay_nested_those_of_withheld_pages_and_empty_ones_go(
    tmp_path: Path,
) -> None:
    source = tmp_path / "hoofdstukken.pdf"
    _outlined(source)
    assert b"KOPGEHEIMMARKER" in _bytes(source, tmp_path)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e", 3: "5.1.2e"}, titel="Hoofdstukken")
    data = _bytes(out, tmp_path)
    assert b"KOPGEHEIMMARKER" not in data and b"HOOFDSTUKGEHEIMMARKER" not in data
    with pikepdf.open(out) as pdf:
        tree = [
            (h.title, h.target.page, [(k.title, k.target.page) for k in h.kids])
            for h in own_bookmarks(pdf)
        ]
    assert tree == [
        ("1 Inleiding", 0, [("1.1 Aanleiding", 0)]),
        ("2.1 Uitwerking", 3, []),
        ("3 Besluit", 3, [("3.1 Uitvoering", 3)]),
    ]


def test_placeholders_of_many_withheld_pages_embed_their_fonts_once(tmp_path: Path) -> None:
    source = tmp_path / "lang.pdf"
    _document([_text(f"Pagina {n}") for n in range(1, 13)]).save(source)
    out = tmp_path / "openbaar.pdf"
    grounds = dict.fromkeys(range(2, 12), "5.1.2e")
    public_copy(source, out, grounds=grounds, titel="Lang")
    with pikepdf.open(out) as pdf:
        programs = [o for o in pdf.objects if isinstance(o, Dictionary) and "/FontFile2" in o]
        assert len(programs) == 2  # Carlito regular and bold, shared by the ten placeholders
        assert len(pdf.pages) == 12
    text = _text_of(out)
    assert all(f"Pagina {n} is niet openbaar" in text for n in range(2, 12))
    _checked(out)


def _tagged(path: Path) -> None:
    """Three tagged pages: a heading and a paragraph on page 1, a paragraph that runs from
    page 1 onto page 2 (with a title, alternative text and words of page 2), a figure on
    page 2, a paragraph on page 3; a link on page 1 in a Link element."""
    marked = [
        b"/H1 <</MCID 0>> BDC "
        + _text("Kop", 750)
        + b"EMC /P <</MCID 1>> BDC "
        + _text("Begin van de alinea", 700)
        + b"EMC",
        b"/P <</MCID 0>> BDC " + _text("Vervolg ALINEAGEHEIMMARKER", 750) + b"EMC "
        b"/Figure <</MCID 1>> BDC " + _text("Figuur", 700) + b"EMC",
        b"/P <</MCID 0>> BDC " + _text("Derde pagina", 750) + b"EMC",
    ]
    pdf = _document(marked)
    pages = [page.obj for page in pdf.pages]
    link = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([72, 600, 200, 620]),
            A=Dictionary(S=Name.URI, URI=String("https://example.org/")),
            StructParent=3,
        )
    )
    pages[0].Annots = Array([link])
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))

    def element(kind: str, kids: list[Any], **extra: Any) -> pikepdf.Object:
        made = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name(kind), P=document, K=Array(kids), **extra)
        )
        return made

    heading = element("/H1", [0], Pg=pages[0], Alt=String("Kop van het stuk"))
    spanning = element(
        "/P",
        [1, Dictionary(Type=Name.MCR, Pg=pages[1], MCID=0)],
        Pg=pages[0],
        T=String("TITELGEHEIMMARKER"),
        ActualText=String("Begin van de alinea Vervolg ACTUALGEHEIMMARKER"),
    )
    figure = element("/Figure", [1], Pg=pages[1], Alt=String("FIGUURGEHEIMMARKER"))
    last = element("/P", [0], Pg=pages[2])
    linked = element("/Link", [Dictionary(Type=Name.OBJR, Obj=link, Pg=pages[0])], Pg=pages[0])
    document.K = Array([heading, spanning, figure, last, linked])
    root.K = Array([document])
    for index, page in enumerate(pages):
        page.StructParents = index
    root.ParentTree = Dictionary(
        Nums=Array(
            [
                0,
                Array([heading, spanning]),
                1,
                Array([spanning, figure]),
                2,
                Array([last]),
                3,
                linked,
            ]
        )
    )
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.save(path)


def test_structure_elements_keep_nothing_of_a_withheld_page(tmp_path: Path) -> None:
    source = tmp_path / "getagd.pdf"
    _tagged(source)
    assert b"FIGUURGEHEIMMARKER" in _bytes(source, tmp_path)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Getagd")
    data = _bytes(out, tmp_path)
    for marker in ("ALINEAGEHEIM", "TITELGEHEIM", "ACTUALGEHEIM", "FIGUURGEHEIM"):
        assert marker.encode() not in data
    with pikepdf.open(out) as pdf:
        tree = pdf.Root.StructTreeRoot
        kinds = [str(element.S) for element in tree.K]
        # the placeholder's heading and paragraphs come between page 1 and page 3
        assert kinds == ["/H1", "/P", "/H1", "/P", "/P", "/P", "/Link"]
        heading, spanning = tree.K[0], tree.K[1]
        assert str(heading.Alt) == "Kop van het stuk"  # wholly on a kept page
        assert list(spanning.K) == [1] and "/ActualText" not in spanning and "/T" not in spanning
        parents = dict(
            (int(tree.ParentTree.Nums[i]), tree.ParentTree.Nums[i + 1])
            for i in range(0, len(tree.ParentTree.Nums), 2)
        )
        first = pdf.pages[0].obj
        assert parents[int(first.StructParents)][1].objgen == spanning.objgen
        link = first.Annots[0]
        assert parents[int(link.StructParent)].objgen == tree.K[6].objgen
        placeholder = pdf.pages[1].obj
        assert parents[int(placeholder.StructParents)][0].objgen == tree.K[2].objgen
    _checked(out)


def _rendered(path: Path, page: int, tmp_path: Path) -> bytes:
    """Page ``page`` (1-based) of ``path`` as poppler draws it (greyscale pixels)."""
    prefix = tmp_path / f"{path.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page), str(path), str(prefix)],
        check=True,
    )
    return next(tmp_path.glob(f"{prefix.name}*.pgm")).read_bytes()


def _shared_font(path: Path) -> None:
    """Three pages in one embedded font (Carlito, subset by reportlab); only page 2 shows
    an Omega and the letters of its secret."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from besluitpak.pdf import fonts

    regular, _ = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, invariant=True, initialFontName=regular)
    for text in ("Eerste pagina, openbaar", "Geheim Ω qxzjw", "Derde pagina, openbaar"):
        canvas.setFont(regular, 24)
        canvas.drawString(72, 760, text)
        canvas.showPage()
    canvas.save()


def test_a_shared_font_keeps_only_the_glyphs_kept_pages_show(tmp_path: Path) -> None:
    from besluitpak.pdf.public_cmap import read_cmap

    source = tmp_path / "lettertype.pdf"
    _shared_font(source)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Lettertype")
    for page in (1, 3):  # the kept pages look exactly as they did
        assert _rendered(out, page, tmp_path) == _rendered(source, page, tmp_path)
    with pikepdf.open(source) as pdf:
        font = next(iter(pdf.pages[0].obj.Resources.Font.values()))
        before = read_cmap(font.ToUnicode.read_bytes())
        program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
        secret = {code for code, text in before.items() if text in "Ωqxzjw"}
        names = {program["cmap"].getcmap(1, 0).cmap[code] for code in secret}
        assert names and all(program["glyf"][name].numberOfContours != 0 for name in names)
    with pikepdf.open(out) as pdf:
        font = next(iter(pdf.pages[0].obj.Resources.Font.values()))
        after = read_cmap(font.ToUnicode.read_bytes())
        assert not any(text in "Ωqxzjw" for text in after.values())
        assert set(after.values()) >= set("Eerstpagin,ob")
        program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
        assert all(program["glyf"][name].numberOfContours == 0 for name in names)
    _checked(out)


def _composite(path: Path) -> tuple[set[int], set[int]]:
    """Three pages in one composite font (DejaVu Sans, Identity-H, from the corpus): the
    lines of the corpus's page drawn one per page. The glyph ids only page 2 shows, and
    those pages 1 and 3 show."""
    corpus = TESTS / "corpus" / "pdf" / "cid.pdf"
    with pikepdf.open(corpus) as pdf:
        lines = [
            instruction
            for instruction in pikepdf.parse_content_stream(pdf.pages[0])
            if str(instruction.operator) == "Tj"
        ]
        font = pdf.pages[0].obj.Resources.Font.F1
        shown: list[set[int]] = []
        for index in range(3):
            text = bytes(lines[1 if index == 1 else 0].operands[0])
            shown.append({int.from_bytes(text[i : i + 2], "big") for i in range(0, len(text), 2)})
            content = (
                b"BT /F1 12 Tf 80 700 Td "
                + pikepdf.unparse_content_stream(
                    [
                        pikepdf.ContentStreamInstruction(
                            [pikepdf.String(text)], pikepdf.Operator("Tj")
                        )
                    ]
                )
                + b" ET"
            )
            pdf.pages.append(
                pikepdf.Page(
                    Dictionary(
                        Type=Name.Page,
                        MediaBox=Array([0, 0, 595, 842]),
                        Resources=Dictionary(Font=Dictionary(F1=font)),
                        Contents=pdf.make_stream(content),
                    )
                )
            )
        del pdf.pages[0]
        pdf.save(path)
    return shown[1] - shown[0], shown[0]


def test_a_shared_composite_font_keeps_only_the_glyphs_kept_pages_show(tmp_path: Path) -> None:
    from besluitpak.pdf.public_cmap import read_cmap

    source = tmp_path / "samengesteld.pdf"
    withheld, kept = _composite(source)
    assert withheld and kept
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Samengesteld")
    for page in (1, 3):
        assert _rendered(out, page, tmp_path) == _rendered(source, page, tmp_path)
    with pikepdf.open(out) as pdf:
        font = pdf.pages[0].obj.Resources.Font.F1
        assert set(read_cmap(font.ToUnicode.read_bytes())) == kept
        widths = font.DescendantFonts[0].W
        assert {int(widths[i]) for i in range(0, len(widths), 2)} == kept
        descriptor = font.DescendantFonts[0].FontDescriptor
        program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
        order = program.getGlyphOrder()
        gone = [
            gid >= len(order) or program["glyf"][order[gid]].numberOfContours == 0
            for gid in withheld
        ]
        assert all(gone)  # cut off the end of the program, or empty
        assert all(program["glyf"][order[gid]].numberOfContours != 0 for gid in kept - {3})
    _checked(out)


def test_a_bookmark_without_a_title_is_left_out_and_those_under_it_move_up(
    tmp_path: Path,
) -> None:
    """As a heading redacted whole leaves it in a document LibreOffice converted."""
    pdf = _document([_text("Pagina 1"), _text("Pagina 2")])
    with pdf.open_outline() as outline:
        empty = OutlineItem(" ", 0)
        empty.children.append(OutlineItem("1.1 Aanleiding", 1))
        outline.root.extend([empty, OutlineItem("2 Besluit", 1)])
    assert [(h.title, h.target.page, h.kids) for h in own_bookmarks(pdf)] == [
        ("1.1 Aanleiding", 1, ()),
        ("2 Besluit", 1, ()),
    ]


def _photo(comment: bytes, artist: str) -> bytes:
    """A small JPEG with a comment and an EXIF Artist, as cameras and editors write them."""
    from PIL import Image

    image = Image.new("RGB", (32, 16), (200, 40, 40))
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), comment=comment)
    return buffer.getvalue()


def _hiding_in_content(path: Path) -> None:
    """A page whose content stream hides markers where no reader shows them (an unknown
    operator in BX/EX, a DP property list, a private key of an inline image and of a marked
    sequence) and draws a photo with a comment and EXIF."""
    pdf = pikepdf.new()
    photo = pdf.make_stream(_photo(b"JPEGCOMMENTMARKER", "EXIFARTISTMARKER"))
    photo.Type, photo.Subtype, photo.ColorSpace = Name.XObject, Name.Image, Name.DeviceRGB
    photo.Width, photo.Height, photo.BitsPerComponent = 32, 16, 8
    photo.Filter = Name.DCTDecode
    content = (
        _text("Zichtbaar")
        + b"/Geheim <</Tekst (DPMARKER)>> DP\n"
        + b"BX (ONBEKENDMARKER) geheimop EX\n"
        + b"/Span <</MCID 0 /Eigen (MARKEERMARKER)>> BDC "
        + _text("Ook zichtbaar", 650)
        + b"EMC\n"
        + b"q 30 0 0 3 72 500 cm BI /W 3 /H 1 /BPC 8 /CS /G /Eigen (INLINEMARKER) ID abc EI Q\n"
        + b"q 64 0 0 32 72 400 cm /Foto Do Q\n"
    )
    _document(
        [content], pdf, Dictionary(Font=Dictionary(F1=_font(pdf)), XObject=Dictionary(Foto=photo))
    )
    pdf.save(path)


def test_what_a_content_stream_or_photo_carries_besides_what_it_draws_is_left_out(
    tmp_path: Path,
) -> None:
    source = tmp_path / "verstopt.pdf"
    _hiding_in_content(source)
    markers = [b"JPEGCOMMENTMARKER", b"EXIFARTISTMARKER", b"DPMARKER", b"ONBEKENDMARKER"]
    markers += [b"MARKEERMARKER", b"INLINEMARKER"]
    assert all(marker in _bytes(source, tmp_path) for marker in markers)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={}, titel="Verstopt")
    data = _bytes(out, tmp_path)
    assert [marker for marker in markers if marker in data] == []
    assert _rendered(out, 1, tmp_path) == _rendered(source, 1, tmp_path)
    text = _text_of(out)
    assert "Zichtbaar" in text and "Ook zichtbaar" in text
    _checked(out)


def _type3(path: Path, *, inline: bool = False) -> None:
    """A Type 3 font shared by pages 1 and 2: page 1 shows its glyph 'a' (a square), page 2
    its glyph 's', whose procedure paints a picture (its samples a marker) and an image
    XObject of the font's own resources."""
    pdf = pikepdf.new()
    marker = b"TYPE3GLYPHMARKER"
    picture = pdf.make_stream(b"TYPE3RESOURCEMARKER")
    picture.Type, picture.Subtype, picture.ColorSpace = Name.XObject, Name.Image, Name.DeviceGray
    picture.Width, picture.Height, picture.BitsPerComponent = 19, 1, 8
    glyph_s = (
        b"500 0 d0 q 500 0 0 50 0 0 cm BI /W %d /H 1 /BPC 8 /CS /G ID " % len(marker)
        + marker
        + b"\nEI Q q 500 0 0 50 0 100 cm /Beeld Do Q\n"
    )
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type3,
        FontBBox=Array([0, 0, 500, 500]),
        FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
        CharProcs=Dictionary(
            a=pdf.make_stream(b"500 0 d0 0 0 400 400 re f\n"),
            s=pdf.make_stream(glyph_s),
        ),
        Encoding=Dictionary(Type=Name.Encoding, Differences=Array([97, Name.a, 115, Name.s])),
        FirstChar=97,
        LastChar=115,
        Widths=Array([500] + [0] * 17 + [500]),
        Resources=Dictionary(XObject=Dictionary(Beeld=picture)),
    )
    resources = Dictionary(
        Font=Dictionary(F1=_font(pdf), T3=font if inline else pdf.make_indirect(font))
    )
    pages = [
        _text("Vierkant") + b"BT /T3 20 Tf 300 740 Td (a) Tj ET",
        _text("Geheim") + b"BT /T3 20 Tf 300 740 Td (s) Tj ET",
    ]
    _document(pages, pdf, resources)
    pdf.save(path)


def test_a_shared_type3_font_keeps_only_the_glyphs_kept_pages_show(tmp_path: Path) -> None:
    source = tmp_path / "type3.pdf"
    _type3(source)
    markers = (b"TYPE3GLYPHMARKER", b"TYPE3RESOURCEMARKER")
    assert all(marker in _bytes(source, tmp_path) for marker in markers)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Type 3")
    data = _bytes(out, tmp_path)
    assert [marker for marker in markers if marker in data] == []
    assert _rendered(out, 1, tmp_path) == _rendered(source, 1, tmp_path)
    with pikepdf.open(out) as pdf:
        font = pdf.pages[0].obj.Resources.Font.T3
        assert set(font.CharProcs.keys()) == {"/g97"}  # its glyph names neutral (code 97)
        assert list(font.Encoding.Differences) == [97, pikepdf.Name("/g97")]
    _checked(out)


def _jpx(comment: bytes, xml: bytes) -> bytes:
    """A JPEG 2000 file with a comment in its codestream and an XML box, as scanners write."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 16), (20, 160, 60)).save(buffer, "JPEG2000", comment=comment)
    data = buffer.getvalue()
    box = (8 + len(xml)).to_bytes(4, "big") + b"xml " + xml
    signature_and_type = 12 + int.from_bytes(data[12:16], "big")
    return data[:signature_and_type] + box + data[signature_and_type:]


def test_a_jpeg_2000_picture_loses_its_comment_and_xml(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    picture = pdf.make_stream(_jpx(b"JPXCOMMENTMARKER", b"<x>JPXXMLMARKER</x>"))
    picture.Type, picture.Subtype, picture.Filter = Name.XObject, Name.Image, Name.JPXDecode
    picture.Width, picture.Height = 32, 16
    content = _text("Met foto") + b"q 64 0 0 32 72 400 cm /Foto Do Q\n"
    resources = Dictionary(Font=Dictionary(F1=_font(pdf)), XObject=Dictionary(Foto=picture))
    _document([content], pdf, resources)
    source, out = tmp_path / "jpx.pdf", tmp_path / "openbaar.pdf"
    pdf.save(source)
    markers = (b"JPXCOMMENTMARKER", b"JPXXMLMARKER")
    assert all(marker in _bytes(source, tmp_path) for marker in markers)
    public_copy(source, out, grounds={}, titel="JPEG 2000")
    data = _bytes(out, tmp_path)
    assert [marker for marker in markers if marker in data] == []
    assert _rendered(out, 1, tmp_path) == _rendered(source, 1, tmp_path)
    _checked(out)
