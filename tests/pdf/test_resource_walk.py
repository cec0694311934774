"""A font is met wherever a page draws: in a tiling pattern, a soft mask's group, a Type 3
font's glyphs, an annotation's appearance, a form inside a pattern. The PDF/A claim (made
from :func:`standard_fonts.unembedded`) and ``inspect``'s "every font embedded" read them
all, and the standard fonts there are embedded like any other."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import resource_walk, standard_fonts
from besluitpak.pdf.inspect import inspect
from tests.helpers import unembedded


def _font(pdf: pikepdf.Pdf, name: str) -> pikepdf.Object:
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/" + name))
    if name != "Symbol":
        font.Encoding = Name.WinAnsiEncoding
    return pdf.make_indirect(font)


def _form(pdf: pikepdf.Pdf, font: pikepdf.Object, **extra: object) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, b"BT /F1 10 Tf 0 0 Td (abc) Tj ET")
    stream.Resources = Dictionary(Font=Dictionary(F1=font))
    stream.BBox = Array([0, 0, 100, 100])
    for key, value in extra.items():
        stream[f"/{key}"] = value
    return pdf.make_indirect(stream)


def _hidden_fonts(pdf_path: Path, name: str) -> None:
    """A page whose own resources hold no font: its fonts are in a tiling pattern (one in
    a form inside it), a soft mask's group, a Type 3 font's glyph resources and an
    annotation's appearance, each a distinct ``name`` font object."""
    pdf = pikepdf.new()
    inner_form = _form(pdf, _font(pdf, name), Type=Name.XObject, Subtype=Name.Form)
    pattern = _form(pdf, _font(pdf, name), PatternType=1, PaintType=1, TilingType=1)
    pattern.XStep, pattern.YStep = 100, 100
    pattern.Resources.XObject = Dictionary(Fm=inner_form)
    group = _form(pdf, _font(pdf, name), Type=Name.XObject, Subtype=Name.Form)
    group.Group = Dictionary(S=Name.Transparency, CS=Name.DeviceGray)
    glyph = pdf.make_indirect(pikepdf.Stream(pdf, b"0 0 d0 BT /F1 1 Tf (a) Tj ET"))
    type3 = Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 1, 1]),
        FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]), FirstChar=97, LastChar=97,
        Widths=Array([500]), CharProcs=Dictionary(g1=glyph),
        Encoding=Dictionary(Type=Name.Encoding, Differences=Array([97, Name("/g1")])),
        Resources=Dictionary(Font=Dictionary(F1=_font(pdf, name))),
    )  # fmt: skip
    appearance = _form(pdf, _font(pdf, name), Type=Name.XObject, Subtype=Name.Form)
    page = pdf.add_blank_page(page_size=(200, 200))
    page.obj.Resources = Dictionary(
        Pattern=Dictionary(P1=pattern),
        ExtGState=Dictionary(
            GS1=Dictionary(SMask=Dictionary(Type=Name.Mask, S=Name.Luminosity, G=group))
        ),
        Font=Dictionary(T3=pdf.make_indirect(type3)),
    )
    page.obj.Contents = pdf.make_stream(
        b"/GS1 gs /Pattern cs /P1 scn 0 0 100 100 re f BT /T3 10 Tf 10 150 Td (a) Tj ET"
    )
    page.obj.Annots = Array([
        pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([0, 0, 50, 50]),
            AP=Dictionary(N=appearance), F=4,
        ))
    ])  # fmt: skip
    pdf.save(pdf_path)


def test_the_walk_reaches_patterns_soft_masks_type3_fonts_and_appearances(
    tmp_path: Path,
) -> None:
    _hidden_fonts(tmp_path / "hidden.pdf", "Symbol")
    with pikepdf.open(tmp_path / "hidden.pdf") as pdf:
        places = [where for where, _ in resource_walk.page_resources(pdf.pages[0].obj)]
    assert places == [
        "/Resources",
        "/Font/T3",
        "/Pattern/P1",
        "/Pattern/P1/XObject/Fm",
        "/ExtGState/GS1/SMask/G",
        "/Annots[0]/AP/N",
    ]


def test_a_font_no_stand_in_embeds_withholds_the_claim_wherever_it_hides(
    tmp_path: Path,
) -> None:
    _hidden_fonts(tmp_path / "hidden.pdf", "Symbol")
    with pikepdf.open(tmp_path / "hidden.pdf") as pdf:
        assert standard_fonts.embed(pdf).left == ("Symbol (no free font has its metrics)",)
        assert standard_fonts.unembedded(pdf) == {"Symbol": [1]}  # -> no PDF/A claim
    report = inspect(tmp_path / "hidden.pdf")
    check = next(c for c in report.checks if c.name == "every font embedded")
    assert not check.ok
    assert check.detail.count("Symbol (p.1)") == 5, check.detail


def test_a_standard_font_in_a_pattern_or_soft_mask_is_embedded(tmp_path: Path) -> None:
    _hidden_fonts(tmp_path / "hidden.pdf", "Helvetica")
    with pikepdf.open(tmp_path / "hidden.pdf") as pdf:
        assert standard_fonts.embed(pdf).embedded == ("Helvetica",)
        assert standard_fonts.unembedded(pdf) == {}
        pdf.save(tmp_path / "embedded.pdf")
    check = next(
        c for c in inspect(tmp_path / "embedded.pdf").checks if c.name == "every font embedded"
    )
    assert check.ok, check.detail
    assert unembedded(tmp_path / "embedded.pdf") == []
