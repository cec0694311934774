"""``inspect`` fails where outloud (the PDF/UA checker, run here as the oracle) finds an
optional-content configuration without a /Name (DOC-030), an annotation outside an /Annot
structure element (LNK-006) or glyphs without Unicode (TXT-003; TXT-002 for a font whose map
maps nothing), and passes where outloud finds none of them; a bundle with such glyphs does
not claim PDF/UA-1 and says which bijlage is why, and one with a sticky note or an unnamed
layer setting is repaired (real pikepdf, outloud and, for the bundle, LibreOffice)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from besluitpak.pdf.inspect import inspect
from tests import leaky_pdf
from tests.helpers import cli, outloud_rules

UNMAPPED = "Zp"
"""The letters whose ToUnicode entries :func:`_unmap` removes."""


def _layer_without_name(pdf: Path) -> None:
    leaky_pdf.hide(pdf, page=1, only=("layer", "alt"))
    with pikepdf.open(pdf, allow_overwriting_input=True) as opened:
        del opened.Root.OCProperties.D["/Name"]
        opened.save(pdf)


def _sticky_note(pdf: Path) -> None:
    leaky_pdf.hide(pdf, page=1, only=("annotation", "alt"))


def _tag_page(pdf: Path) -> None:
    """Page 1's content (its text and the layer's) as one tagged P: the channels
    :func:`leaky_pdf.hide` adds leave it untagged, which alone forbids PDF/UA (TAG-001)."""
    with pikepdf.open(pdf, allow_overwriting_input=True) as opened:
        page = opened.pages[0]
        page.contents_coalesce()
        content = page.obj.Contents.read_bytes()
        page.obj.Contents.write(b"/P <</MCID 0>> BDC\n" + content + b"\nEMC\n")
        page.obj.StructParents = 0
        tree = opened.Root.StructTreeRoot
        document = tree.K[0]
        element = opened.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=document, Pg=page.obj, K=0
            )
        )
        document.K.append(element)
        tree.ParentTree = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([element])]))
        tree.ParentTreeNextKey = 1
        opened.save(pdf)


def _unmap(pdf: Path) -> None:
    """Remove the ToUnicode entries of the codes that show :data:`UNMAPPED`."""
    leaky_pdf.hide(pdf, page=1, only=("alt",))
    with pikepdf.open(pdf, allow_overwriting_input=True) as opened:
        for font in opened.pages[0].Resources.Font.values():
            cmap = font.ToUnicode.read_bytes()
            for letter in UNMAPPED:
                cmap = re.sub(rb"<%02X> <[0-9A-Fa-f]+>\n" % ord(letter), b"", cmap)
            cmap = re.sub(rb"\d+ beginbfchar", b"%d beginbfchar" % cmap.count(b"> <"), cmap)
            font.ToUnicode.write(cmap)
        opened.save(pdf)


def _empty_map(pdf: Path) -> None:
    """A ToUnicode CMap that maps nothing (the font has no encoding of its own)."""
    leaky_pdf.hide(pdf, page=1, only=("alt",))
    with pikepdf.open(pdf, allow_overwriting_input=True) as opened:
        for font in opened.pages[0].Resources.Font.values():
            font.ToUnicode.write(b"begincmap\nendcmap\n")
        opened.save(pdf)


DEFECTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "DOC-030": (_layer_without_name, "optional content configurations named"),
    "LNK-006": (_sticky_note, "every other annotation in an Annot structure element"),
    "TXT-003": (_unmap, "every glyph shown maps to Unicode"),
    "TXT-002": (_empty_map, "every glyph shown maps to Unicode"),
}


@pytest.mark.parametrize("rule", DEFECTS)
def test_inspect_fails_where_outloud_finds_the_defect(tmp_path: Path, rule: str) -> None:
    make, check = DEFECTS[rule]
    pdf = tmp_path / f"{rule}.pdf"
    leaky_pdf.base_pdf(pdf, pages=1)
    make(pdf)
    assert rule in outloud_rules(pdf)["error"]
    [found] = [c for c in inspect(pdf).checks if c.name == check]
    assert not found.ok, found.detail


@pytest.mark.parametrize("rule", DEFECTS)
def test_inspect_passes_where_outloud_finds_no_such_defect(tmp_path: Path, rule: str) -> None:
    _make, check = DEFECTS[rule]
    pdf = tmp_path / "clean.pdf"
    leaky_pdf.base_pdf(pdf, pages=1)
    leaky_pdf.hide(pdf, page=1, only=("alt",))  # tagged, so the annotation rule applies
    found = outloud_rules(pdf)
    assert rule not in found["error"] + found["warning"]
    [result] = [c for c in inspect(pdf).checks if c.name == check]
    assert result.ok, result.detail


def test_the_details_name_what_and_where(tmp_path: Path) -> None:
    pdf = tmp_path / "all.pdf"
    leaky_pdf.base_pdf(pdf, pages=1)
    _unmap(pdf)
    with pikepdf.open(pdf, allow_overwriting_input=True) as opened:  # and a sticky note
        opened.pages[0].obj.Annots = pikepdf.Array(
            [opened.make_indirect(pikepdf.Dictionary(Subtype=pikepdf.Name.FreeText, F=4))]
        )
        opened.save(pdf)
    checks = {c.name: c.detail for c in inspect(pdf).checks}
    glyphs = checks["every glyph shown maps to Unicode"]
    assert "Carlito: 2 code(s) (0x5a, 0x70) on p.1" in glyphs
    assert checks["every other annotation in an Annot structure element"] == (
        "outside: FreeText on p.1"
    )


@pytest.mark.libreoffice
def test_a_ready_made_pdf_without_unicode_drops_the_pdfua_claim_naming_the_bijlage(
    minimal: Path, tmp_path: Path
) -> None:
    kaart = minimal / "bijlagen" / "kaart.pdf"
    leaky_pdf.base_pdf(kaart, pages=1, text="Zuidkaart van het proefgebied")
    _unmap(kaart)
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0, result.output
    assert "not claimed: PDF/UA-1" in result.stderr
    [line] = [x for x in result.stderr.splitlines() if "not claimed: PDF/UA-1" in x]
    assert "every glyph shown maps to Unicode failed" in line
    assert "Carlito: 2 code(s) (0x5a, 0x70) on p.5 (bijlage 2))" in line
    [bundle] = (tmp_path / "out").glob("*-intern.pdf")
    report = inspect(bundle)
    assert report.claims["pdfua"] == "none"
    assert "TXT-003" in outloud_rules(bundle)["error"]


@pytest.mark.libreoffice
def test_a_sticky_note_and_an_unnamed_layer_setting_are_repaired_in_the_bundle(
    minimal: Path, tmp_path: Path
) -> None:
    kaart = minimal / "bijlagen" / "kaart.pdf"
    leaky_pdf.base_pdf(kaart, pages=1, text="Kaart van het proefgebied")
    _layer_without_name(kaart)
    _sticky_note(kaart)
    _tag_page(kaart)
    for rule in ("DOC-030", "LNK-006"):
        assert rule in outloud_rules(kaart)["error"]
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0, result.output
    assert "not claimed" not in result.stderr
    [bundle] = (tmp_path / "out").glob("*-intern.pdf")
    found = outloud_rules(bundle)
    assert not {"DOC-030", "LNK-006"} & {*found["error"], *found["warning"]}
    report = inspect(bundle)
    assert report.ok, [c for c in report.checks if not c.ok]
    assert report.claims["pdfua"] == "PDF/UA-1"
