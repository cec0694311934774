"""``inspect`` fails, as outloud does, a tagged PDF that paints text outside any tag or
artifact (TAG-001; in a form XObject drawn untagged, TXT-011) or has a Figure without
alternative text (FIG-001), and passes the same file tagged throughout: a ready-made PDF
tagged only in part kept PDF/UA-1 (real pikepdf and reportlab PDFs; outloud as the oracle)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf.inspect import inspect
from tests import leaky_pdf
from tests.helpers import outloud_rules

PAINTED = "everything painted is tagged or an artifact"
FIGURES = "every Figure has alternative text"


def _part_tagged(path: Path) -> Path:
    """A page whose text is untagged under a structure tree with a Figure (with /Alt) and
    a Span: tagged in name only."""
    leaky_pdf.base_pdf(path, pages=1, text="Kaart van het proefgebied")
    leaky_pdf.hide(path, page=1, only=("alt", "actualtext"))
    return path


def _tag_all(path: Path, *, figure_alt: bool = True) -> None:
    """The page's content as one P with MCID 0; ``figure_alt=False`` takes the Figure's
    /Alt away."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        page.contents_coalesce()
        content = page.obj.Contents.read_bytes()
        page.obj.Contents.write(b"/P <</MCID 0>> BDC\n" + content + b"\nEMC\n")
        page.obj.StructParents = 0
        tree = pdf.Root.StructTreeRoot
        document = tree.K[0]
        element = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.P, P=document, Pg=page.obj, K=0)
        )
        document.K.append(element)
        tree.ParentTree = Dictionary(Nums=Array([0, Array([element])]))
        tree.ParentTreeNextKey = 1
        if not figure_alt:
            for kid in document.K:
                if kid.get("/S") == Name.Figure:
                    del kid["/Alt"]
        pdf.save(path)


def _checks(path: Path) -> dict[str, tuple[bool, str]]:
    return {c.name: (c.ok, c.detail) for c in inspect(path).checks}


def test_text_outside_any_tag_fails_naming_the_page(tmp_path: Path) -> None:
    ok, detail = _checks(_part_tagged(tmp_path / "kaart.pdf"))[PAINTED]
    assert not ok
    assert detail == "1 text run(s), path(s) or image(s) outside any tag or artifact on p.1"


def test_the_same_page_tagged_throughout_passes(tmp_path: Path) -> None:
    path = _part_tagged(tmp_path / "kaart.pdf")
    _tag_all(path)
    checks = _checks(path)
    assert checks[PAINTED] == (True, "1 pages")
    assert checks[FIGURES] == (True, "1 figure(s)")


def test_a_figure_without_alt_fails(tmp_path: Path) -> None:
    path = _part_tagged(tmp_path / "kaart.pdf")
    _tag_all(path, figure_alt=False)
    assert _checks(path)[FIGURES] == (False, "1 of 1 without /Alt")


def test_text_in_a_form_xobject_drawn_untagged_fails_and_tagged_passes(tmp_path: Path) -> None:
    path = _part_tagged(tmp_path / "kaart.pdf")
    _tag_all(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        fonts = page.obj.Resources.Font
        font = next(iter(fonts.keys()))
        form = pdf.make_stream(
            f"BT {font} 12 Tf 72 400 Td (Formulier) Tj ET".encode(),
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=[0, 0, 595, 842],
            Resources=Dictionary(Font=fonts),
        )
        page.obj.Resources.XObject = Dictionary(Fx=form)
        page.contents_add(pdf.make_stream(b"q /Fx Do Q"), prepend=False)
        pdf.save(path)
    assert not _checks(path)[PAINTED][0]
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:  # drawn inside an artifact
        page = pdf.pages[0]
        page.contents_coalesce()
        content = page.obj.Contents.read_bytes().replace(b"/Fx Do", b"/Artifact BMC /Fx Do EMC")
        page.obj.Contents.write(content)
        pdf.save(path)
    assert _checks(path)[PAINTED][0]


@pytest.mark.libreoffice  # outloud, the oracle
def test_inspect_and_outloud_agree_on_the_part_tagged_and_the_tagged_page(
    tmp_path: Path,
) -> None:
    part = _part_tagged(tmp_path / "deels.pdf")
    assert "TAG-001" in outloud_rules(part)["error"]
    assert not _checks(part)[PAINTED][0]
    whole = _part_tagged(tmp_path / "geheel.pdf")
    _tag_all(whole)
    found = outloud_rules(whole)
    assert not {"TAG-001", "FIG-001", "TXT-011"} & set(found["error"])
    assert _checks(whole)[PAINTED][0] and _checks(whole)[FIGURES][0]
    bare = _part_tagged(tmp_path / "zonder-alt.pdf")
    _tag_all(bare, figure_alt=False)
    assert "FIG-001" in outloud_rules(bare)["error"]
    assert not _checks(bare)[FIGURES][0]
