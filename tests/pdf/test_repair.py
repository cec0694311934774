"""What other tools leave out of a PDF, repaired: checked with outloud, a PDF/UA checker no
one here wrote. Inputs are the committed corpus (tests/corpus/pdf), damaged here the way
other tools make them."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name

from besluitpak.pdf.repair import repair
from tests.helpers import ROOT, outloud_rules

CORPUS = ROOT / "tests" / "corpus" / "pdf"


def _cid_fonts(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Object, pikepdf.Object]]:
    found = []
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            if font.Subtype == Name.Type0:
                found.append((font, font.DescendantFonts[0]))
    return found


def _without_glyph_maps(tmp_path: Path) -> pikepdf.Pdf:
    """The corpus CID font PDF as some tools write it: no /CIDToGIDMap, no ToUnicode."""
    pdf = pikepdf.open(CORPUS / "cid.pdf")
    for font, cid in _cid_fonts(pdf):
        del cid["/CIDToGIDMap"]
        del font["/ToUnicode"]
    broken = tmp_path / "broken.pdf"
    pdf.save(broken)
    return pikepdf.open(broken)


def test_a_cid_font_without_glyph_maps_is_found_by_outloud(tmp_path: Path) -> None:
    _without_glyph_maps(tmp_path).save(tmp_path / "broken-again.pdf")
    rules = outloud_rules(tmp_path / "broken-again.pdf")["error"]
    assert "TXT-007" in rules


def test_a_cid_font_gets_its_glyph_map_and_a_unicode_map_from_its_own_cmap(
    tmp_path: Path,
) -> None:
    pdf = _without_glyph_maps(tmp_path)
    done = repair(pdf)
    assert {r.what.split(": ", 1)[1] for r in done} >= {
        "/CIDToGIDMap /Identity added",
        "ToUnicode derived",
    }
    fixed = tmp_path / "fixed.pdf"
    pdf.save(fixed)
    rules = outloud_rules(fixed)["error"]
    assert not {"TXT-002", "TXT-003", "TXT-007"} & set(rules)
    original = pikepdf.open(CORPUS / "cid.pdf")
    reopened = pikepdf.open(fixed)
    ours = _cid_fonts(reopened)[0][0].ToUnicode.read_bytes()
    assert _mapped(ours) >= _mapped(_cid_fonts(original)[0][0].ToUnicode.read_bytes())


def _mapped(cmap: bytes) -> set[str]:
    """The characters a ToUnicode CMap maps to (bfchar entries)."""
    import re

    return {
        bytes.fromhex(hexa).decode("utf-16-be")
        for hexa in re.findall(rb"<[0-9A-Fa-f]{4}> <([0-9A-Fa-f]+)>", cmap)
        for hexa in [hexa.decode()]
    }


def test_a_link_without_a_description_is_described_by_where_it_goes(tmp_path: Path) -> None:
    pdf = pikepdf.open(CORPUS / "rapport.pdf")
    links = [
        annot
        for page in pdf.pages
        for annot in page.obj.get("/Annots", [])
        if annot.get("/Subtype") == Name.Link
    ]
    assert links
    for annot in links:
        if "/Contents" in annot:
            del annot["/Contents"]
    repair(pdf)
    for annot in links:
        description = str(annot.Contents)
        action = annot.get("/A", Dictionary())
        if action.get("/S") == Name.URI:
            assert str(action.URI).split(":", 1)[-1].lstrip("/") in description
        else:
            assert description.startswith("Naar pagina ")


def test_a_repair_changes_nothing_in_a_file_that_needs_none(tmp_path: Path) -> None:
    pdf = pikepdf.open(CORPUS / "getagd.pdf")
    before = [
        (str(a.get("/Contents", "")), a.get("/StructParent"))
        for page in pdf.pages
        for a in page.obj.get("/Annots", [])
    ]
    repair(pdf)
    repair(pdf)
    after = [
        (str(a.get("/Contents", "")), a.get("/StructParent"))
        for page in pdf.pages
        for a in page.obj.get("/Annots", [])
    ]
    assert [c for c, _ in after if not c] == []
    assert len(before) == len(after)
