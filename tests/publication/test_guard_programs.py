"""A withheld word inside a font program, a colour profile, a function or an image's own
metadata (adversary round 4: a redacted name copied into a TrueType ``name`` table in
UTF-16 shipped, as did one in an ICC profile's description and in a PostScript function's
comment). Each is a channel the guard reads; the public copy's TrueType programs keep none
of their name records."""

from __future__ import annotations

import io

import pikepdf
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

from besluitpak.casefile import lak_words
from besluitpak.casefile.case import load_case
from besluitpak.pdf import jpeg_bare, metadata, public_truetype
from besluitpak.publication import channels, guard, program_text
from besluitpak.publication.secrets import Secrets
from tests.helpers import MINIMAL

SECRETS = Secrets(passages=(("words redacted on page 1", lak_words.pattern("Jonker")),))


def _truetype(family: str, notice: str = "") -> bytes:
    """A TrueType program of two glyphs (.notdef and A) named ``family``."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({0x41: "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 700))
    pen.lineTo((1000, 0))
    pen.closePath()
    triangle = pen.glyph()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "A": triangle})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (1000, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable(
        {"familyName": family, "styleName": "Regular", "copyright": notice or "none"}
    )
    builder.setupOS2()
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _page_with_font(pdf: pikepdf.Pdf, program: bytes) -> pikepdf.Stream:
    page = pdf.add_blank_page()
    stream = pdf.make_stream(program, Length1=len(program))
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/Letter"), Flags=32, FontFile2=stream,
        FontBBox=Array([0, -200, 1000, 800]), ItalicAngle=0, Ascent=800, Descent=-200,
        CapHeight=700, StemV=80,
    )  # fmt: skip
    font = Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/Letter"), FirstChar=65,
        LastChar=65, Widths=Array([1000]), FontDescriptor=descriptor,
        Encoding=Name.WinAnsiEncoding,
    )  # fmt: skip
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (A) Tj ET")
    return stream


def _channel(pdf: pikepdf.Pdf, name: str) -> str:
    [found] = [c for c in channels.pdf_channels(pdf, document="bijlage 2") if c.channel == name]
    return found.text


def _refused(pdf: pikepdf.Pdf) -> set[tuple[str, str]]:
    case = load_case(MINIMAL / "besluitpak.yaml")
    read = channels.pdf_channels(pdf, document="bijlage 2")
    return {(f.channel, f.passage) for f in guard.search(case, read, secrets=SECRETS) if f.withheld}


def test_a_redacted_word_in_a_truetype_name_table_is_found_by_the_guard() -> None:
    pdf = pikepdf.new()
    _page_with_font(pdf, _truetype("Jonker Sans"))
    assert "Jonker Sans" in _channel(pdf, program_text.FONT)
    assert (program_text.FONT, "Jonker") in _refused(pdf)


def test_a_redacted_word_in_a_colour_profile_description_is_found_in_utf16_too() -> None:
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    described = b"mluc" + b"\x00" * 20 + "Profiel van Jonker".encode("utf-16-be")
    profile = pdf.make_stream(b"\x00" * 36 + b"acsp" + b"\x00" * 88 + described, N=3)
    page.obj.Resources = Dictionary(ColorSpace=Dictionary(CS0=Array([Name.ICCBased, profile])))
    page.obj.Contents = pdf.make_stream(b"/CS0 cs 0 0 1 sc 0 0 10 10 re f")
    assert "Profiel van Jonker" in _channel(pdf, program_text.PROFILE)
    assert (program_text.PROFILE, "Jonker") in _refused(pdf)


def test_a_redacted_word_in_a_postscript_function_comment_is_found() -> None:
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    function = pdf.make_stream(
        b"{ % kleur gekozen door Jonker\n 0.5 mul }",
        FunctionType=4, Domain=Array([0, 1]), Range=Array([0, 1]),
    )  # fmt: skip
    ink = Array([Name.Separation, Name("/Steunkleur"), Name.DeviceGray, function])
    page.obj.Resources = Dictionary(ColorSpace=Dictionary(CS0=ink))
    page.obj.Contents = pdf.make_stream(b"/CS0 cs 1 sc 0 0 10 10 re f")
    assert (program_text.FUNCTION, "Jonker") in _refused(pdf)


def _jpeg(**save: object) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    picture = Image.new("RGB", (64, 48), (200, 10, 10))
    picture.paste((10, 10, 200), (16, 8, 48, 40))
    picture.save(out, "JPEG", **save)
    return out.getvalue()


def _page_with_jpeg(data: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    image = pdf.make_stream(
        data, Type=Name.XObject, Subtype=Name.Image, Width=64, Height=48,
        ColorSpace=Name.DeviceRGB, BitsPerComponent=8, Filter=Name.DCTDecode,
    )  # fmt: skip
    page.obj.Resources = Dictionary(XObject=Dictionary(Im0=image))
    page.obj.Contents = pdf.make_stream(b"q 64 0 0 48 0 0 cm /Im0 Do Q")
    return pdf


def test_a_jpeg_s_exif_and_comment_are_not_in_what_a_public_edition_ships() -> None:
    """The public edition keeps only the segments that decode a JPEG (an allow-list): the
    camera owner's name in EXIF and a caption in a comment go, the picture stays the same."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x013B] = "Jan Jonker"  # Artist
    exif[0x010E] = "Woning van Jonker"  # ImageDescription
    for progressive in (False, True):
        data = _jpeg(comment=b"foto: Jonker", exif=exif, progressive=progressive)
        assert b"Jonker" in data
        pdf = _page_with_jpeg(data)
        metadata.scrub_private(pdf)
        [image] = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Width" in o]
        shipped = image.read_raw_bytes()
        assert b"Jonker" not in shipped and b"Exif" not in shipped
        assert shipped == jpeg_bare.bare(data)
        before, after = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(shipped))
        assert before.tobytes() == after.tobytes()  # the same picture, decoded
        assert _refused(pdf) == set()


def test_a_word_in_a_jpeg_that_cannot_be_read_to_its_end_is_found_by_the_guard() -> None:
    """A JPEG cut short is not rewritten; what its segments say is read as it is."""
    data = _jpeg(comment=b"foto: Jonker")
    cut = data[: len(data) - 40]
    assert jpeg_bare.bare(cut) is None
    pdf = _page_with_jpeg(cut)
    metadata.scrub_private(pdf)
    assert "foto: Jonker" in _channel(pdf, program_text.IMAGE)
    assert (program_text.IMAGE, "Jonker") in _refused(pdf)


def test_a_font_notice_with_an_address_is_no_personal_data_finding() -> None:
    """The personal-data matchers read what people wrote, not a program's bytes: a
    foundry's e-mail address and phone number in a font notice are no finding."""
    pdf = pikepdf.new()
    notice = "(c) Letterhuis, info@letterhuis.nl, 023-5113000, Zijlweg 7, 2013 DK Haarlem"
    _page_with_font(pdf, _truetype("Gewone Sans", notice))
    assert notice in _channel(pdf, program_text.FONT)
    case = load_case(MINIMAL / "besluitpak.yaml")
    assert guard.search(case, channels.pdf_channels(pdf, document="bijlage 2")) == []


def test_a_public_copy_truetype_program_keeps_no_name_record() -> None:
    pdf = pikepdf.new()
    program = _page_with_font(pdf, _truetype("Jonker Sans"))
    assert public_truetype.subset(program, {1})
    font = TTFont(io.BytesIO(program.read_bytes()))
    assert font["name"].names == []
    assert font.getGlyphOrder() == [".notdef", "A"]
    assert "Jonker" not in _channel(pdf, program_text.FONT)


def test_a_cmyk_jpeg_keeps_its_adobe_segment_and_decodes_the_same() -> None:
    """APP14 says how a CMYK JPEG's colours are stored; without it they would invert."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("CMYK", (32, 32), (10, 200, 30, 5)).save(out, "JPEG", comment=b"Jonker")
    data = out.getvalue()
    kept = jpeg_bare.bare(data)
    assert kept is not None and b"Jonker" not in kept and b"Adobe" in kept
    assert Image.open(io.BytesIO(kept)).tobytes() == Image.open(io.BytesIO(data)).tobytes()
