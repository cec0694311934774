"""inspect sees what outloud sees for the claims a bundle makes: a Note without an ID and a
CID font without a glyph map fail their checks; the repairs make them pass."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Name

from besluitpak.pdf.inspect import Check, inspect
from besluitpak.pdf.repair import repair
from tests.helpers import ROOT, outloud_rules

CORPUS = ROOT / "tests" / "corpus" / "pdf"


def _check(path: Path, name: str) -> Check:
    [found] = [c for c in inspect(path).checks if c.name == name]
    return found


def _with_a_note_without_id(tmp_path: Path) -> Path:
    pdf = pikepdf.open(CORPUS / "getagd.pdf")
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == Name.H2:
                kid.S = Name.Note
                stack = []
                break
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
    out = tmp_path / "note.pdf"
    pdf.save(out)
    return out


def test_a_note_without_an_id_fails_inspect_as_it_fails_outloud(tmp_path: Path) -> None:
    path = _with_a_note_without_id(tmp_path)
    assert "NOTE-001" in outloud_rules(path)["error"]
    check = _check(path, "every note has its own ID")
    assert not check.ok and "without an ID" in check.detail


def test_a_note_given_an_id_passes_both(tmp_path: Path) -> None:
    pdf = pikepdf.open(_with_a_note_without_id(tmp_path))
    repair(pdf)
    fixed = tmp_path / "fixed.pdf"
    pdf.save(fixed)
    assert "NOTE-001" not in outloud_rules(fixed)["error"]
    assert _check(fixed, "every note has its own ID").ok


def test_a_cid_font_without_a_glyph_map_fails_inspect(tmp_path: Path) -> None:
    pdf = pikepdf.open(CORPUS / "cid.pdf")
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            if font.Subtype == Name.Type0:
                del font.DescendantFonts[0]["/CIDToGIDMap"]
    broken = tmp_path / "broken.pdf"
    pdf.save(broken)
    check = _check(broken, "every CID font has a glyph map")
    assert not check.ok and "missing" in check.detail
    assert _check(CORPUS / "cid.pdf", "every CID font has a glyph map").ok
