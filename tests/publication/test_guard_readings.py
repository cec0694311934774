"""Text a reader shows that the glyph-by-glyph reading through ToUnicode does not see
(adversary round 5): a string in a font the page does not define (MuPDF draws it in a
substitute font), a ToUnicode map that lies about what the glyphs show, a CJK font on a
Unicode CMap that poppler skips without its language pack, and a string in an inline
marked-content property list (``/Lang``). Each is read; the guard refuses what it finds."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.casefile import lak_words
from besluitpak.casefile.case import load_case
from besluitpak.pdf.inspect import checks
from besluitpak.publication import channels, guard
from besluitpak.publication.secrets import Secrets
from tests.helpers import MINIMAL

SECRETS = Secrets(passages=(("words redacted on page 1", lak_words.pattern("Jonker")),))


def _page(fonts: Dictionary, content: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    page.obj.Resources = Dictionary(Font=fonts)
    page.obj.Contents = pdf.make_stream(content)
    return pdf


def _found(pdf: pikepdf.Pdf) -> dict[str, str]:
    return {c.channel: c.text for c in channels.pdf_channels(pdf, document="bijlage 2")}


def _refused(pdf: pikepdf.Pdf) -> set[str]:
    case = load_case(MINIMAL / "besluitpak.yaml")
    read = channels.pdf_channels(pdf, document="bijlage 2")
    return {f.channel for f in guard.search(case, read, secrets=SECRETS) if f.withheld}


def _helvetica(**extra: object) -> Dictionary:
    return Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
        Encoding=Name.WinAnsiEncoding, **extra,
    )  # fmt: skip


def test_text_in_a_font_the_page_does_not_define_is_read_as_its_bytes_and_claims_nothing() -> None:
    pdf = _page(
        Dictionary(F1=_helvetica()),
        b"BT /F1 12 Tf 72 720 Td (Openbaar.) Tj ET "
        b"BT /F9 12 Tf 72 700 Td (Het pand van de heer Jonker) Tj ET",
    )
    assert _found(pdf)["content by encoding"] == "Openbaar. Het pand van de heer Jonker"
    assert "Jonker" not in _found(pdf)["content stream"]
    assert _refused(pdf) == {"content"}
    [shown] = [c for c in checks(pdf) if c.name == "every glyph shown maps to Unicode"]
    assert not shown.ok and "/F9 (not defined)" in shown.detail  # no PDF/A-u, no PDF/UA


def test_a_tounicode_map_that_lies_does_not_hide_what_the_encoding_says() -> None:
    pdf = pikepdf.new()
    lie = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfrange <20> <7E> <0078> endbfrange\nendcmap CMapName currentdict "
        b"/CMap defineresource pop end end"
    )
    font = _helvetica(ToUnicode=pdf.make_stream(lie))
    page = pdf.add_blank_page()
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (De heer Jonker) Tj ET")
    found = _found(pdf)
    assert "Jonker" not in found["content stream"]
    assert found["content by encoding"] == "De heer Jonker"
    assert _refused(pdf) == {"content"}


def test_a_cjk_font_on_a_unicode_cmap_is_read_without_a_language_pack() -> None:
    descendant = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType0, BaseFont=Name("/KozMinPro-Regular"),
        CIDSystemInfo=Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Japan1"), Supplement=4
        ),
        FontDescriptor=Dictionary(
            Type=Name.FontDescriptor, FontName=Name("/KozMinPro-Regular"), Flags=4,
            FontBBox=Array([0, 0, 1000, 1000]), ItalicAngle=0, Ascent=880, Descent=-120,
            CapHeight=700, StemV=80,
        ),
    )  # fmt: skip
    font = Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/KozMinPro-Regular"),
        Encoding=Name("/UniJIS-UCS2-H"), DescendantFonts=Array([descendant]),
    )  # fmt: skip
    text = "De heer Jonker".encode("utf-16-be").hex().encode()
    pdf = _page(Dictionary(F1=font), b"BT /F1 12 Tf 72 700 Td <" + text + b"> Tj ET")
    assert "De heer Jonker" in _found(pdf)["content by encoding"]
    assert "content" in _refused(pdf)


def test_a_string_in_an_inline_property_list_is_read_lang_too() -> None:
    pdf = _page(
        Dictionary(F1=_helvetica()),
        b"/P << /Lang (Jonker) /MCID 0 >> BDC BT /F1 12 Tf 72 700 Td (Openbaar.) Tj ET EMC "
        b"/Artifact << /Type /Pagination /Lang <FEFF004A006F006E006B00650072> >> BDC EMC",
    )
    found = {
        c.text for c in channels.pdf_channels(pdf, document="b") if c.channel.endswith("/Lang")
    }
    assert found == {"Jonker"}
    assert _refused(pdf) == {"marked content /Lang"}
