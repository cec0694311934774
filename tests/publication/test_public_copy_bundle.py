"""The public bundle takes every ready-made PDF as rebuilt, not cleaned: what a withheld page
shares with kept pages, a hidden layer, a sticky note are in no byte of it, with withheld pages
or without; the bookmarks of kept pages stay nested under their bijlage; it passes qpdf and
outloud (real LibreOffice for the collegevoorstel, qpdf, outloud)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, OutlineItem, String
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts
from tests.helpers import MINIMAL, TESTS, build_bundle, edit, outloud_rules, qpdf_check

pytestmark = pytest.mark.libreoffice

IMAGE = b"GEDEELDBEELDMARKER"
LAYER = "VERBORGENLAAGMARKER"
NOTE = "NOTITIEVELDMARKER"
HEADING = "KOPGEHEIMMARKER"


def _report(path: Path, *, pages: int) -> None:
    """A ready-made PDF of ``pages`` pages sharing one resource dictionary, with an image
    (its pixels a marker) that only page 2 draws, text in a layer that is off on the last
    page, a note on page 1 and nested bookmarks (one to page 2)."""
    regular, _ = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, initialFontName=regular)
    for number in range(1, pages + 1):
        canvas.setFont(regular, 14)
        canvas.drawString(72, 760, f"Openbare pagina {number} van het rapport.")
        canvas.showPage()
    canvas.save()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        shared = pdf.make_indirect(pdf.pages[0].obj.Resources)
        font = next(iter(shared.Font.keys()))
        image = pdf.make_stream(IMAGE)
        image.Type, image.Subtype, image.ColorSpace = Name.XObject, Name.Image, Name.DeviceGray
        image.Width, image.Height, image.BitsPerComponent = len(IMAGE), 1, 8
        layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Concept")))
        shared.XObject = Dictionary(Beeld=image)
        shared.Properties = Dictionary(Uit=layer)
        pdf.Root.OCProperties = Dictionary(
            OCGs=Array([layer]), D=Dictionary(Name=String("Standaard"), OFF=Array([layer]))
        )
        for page in pdf.pages:
            page.obj.Resources = shared
        if pages > 1:
            pdf.pages[1].contents_add(pdf.make_stream(b"q 200 0 0 40 72 500 cm /Beeld Do Q"))
        hidden = f"/OC /Uit BDC BT {font} 12 Tf 72 600 Td ({LAYER}) Tj ET EMC".encode()
        pdf.pages[-1].contents_add(pdf.make_stream(hidden))
        note = Dictionary(
            Type=Name.Annot, Subtype=Name.Text, Rect=Array([72, 700, 92, 720]), Contents=NOTE
        )
        pdf.pages[0].obj.Annots = Array([pdf.make_indirect(note)])
        if pages > 1:
            _bookmarks(pdf)
        pdf.save(path)


def _bookmarks(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        first = OutlineItem("1 Inleiding", 0)
        first.children.append(OutlineItem("1.1 Aanleiding", 0))
        first.children.append(OutlineItem(f"1.2 {HEADING}", 1))
        last = OutlineItem("2 Besluit", 2)
        last.children.append(OutlineItem("2.1 Uitvoering", 2))
        outline.root.extend([first, last])


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(intern, openbaar) bundles of the minimal case with two such reports: one with page
    2 withheld, one (a single page) without withheld pages."""
    case = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("rebuilt") / "case"))
    _report(case / "bijlagen" / "kaart.pdf", pages=3)
    _report(case / "bijlagen" / "los.pdf", pages=1)
    yaml = case / "besluitpak.yaml"
    edit(
        yaml,
        "    bestand: bijlagen/kaart.pdf\n",
        '    bestand: bijlagen/kaart.pdf\n    lakken: [{paginas: "2", grond: "5.1.2e"}]\n',
    )
    with yaml.open("a", encoding="utf-8") as f:
        f.write("  - id: los\n    titel: Los rapport\n    bestand: bijlagen/los.pdf\n")
    out = case.parent / "out"
    build_bundle(case, out)
    return (
        out / "collegebesluit-2020-000123-intern.pdf",
        out / "collegebesluit-2020-000123-openbaar.pdf",
    )


def _every_byte(path: Path) -> bytes:
    plain = path.with_suffix(".qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(plain)], check=True)
    return plain.read_bytes()


def test_the_public_bundle_has_nothing_the_kept_pages_do_not_draw(
    bundles: tuple[Path, Path],
) -> None:
    intern, public = bundles
    assert IMAGE in _every_byte(intern)  # the test can see each leak
    assert LAYER.encode() in _every_byte(intern)
    data = _every_byte(public)
    for marker in (IMAGE, LAYER.encode(), NOTE.encode(), HEADING.encode()):
        assert marker not in data
    assert qpdf_check(public).returncode == 0
    assert outloud_rules(public)["error"] == []


def test_the_bookmarks_of_kept_pages_stay_nested_under_their_bijlage(
    bundles: tuple[Path, Path],
) -> None:
    _, public = bundles
    with pikepdf.open(public) as pdf, pdf.open_outline() as outline:
        bijlage = next(item for item in outline.root if "Kaart van het proefgebied" in item.title)
        tree = [(item.title, [kid.title for kid in item.children]) for item in bijlage.children]
    assert tree == [("1 Inleiding", ["1.1 Aanleiding"]), ("2 Besluit", ["2.1 Uitvoering"])]


def _claims(pdf_path: Path) -> tuple[str, str]:
    with pikepdf.open(pdf_path) as pdf:
        meta = pdf.open_metadata()
        return str(meta.get("pdfaid:conformance")), str(meta.get("pdfuaid:part"))


def test_a_tagged_ready_made_pdf_with_a_withheld_page_claims_what_the_intern_edition_claims(
    tmp_path: Path,
) -> None:
    """The corpus's tagged PDF (LibreOffice's tags, links, bookmarks) with page 2 withheld:
    both editions claim PDF/A-2a and PDF/UA-1, the public one passes outloud."""
    case = Path(shutil.copytree(MINIMAL, tmp_path / "case"))
    shutil.copy(TESTS / "corpus" / "pdf" / "getagd.pdf", case / "bijlagen" / "kaart.pdf")
    edit(
        case / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf\n",
        '    bestand: bijlagen/kaart.pdf\n    lakken: [{paginas: "2", grond: "5.1.2e"}]\n',
    )
    out = tmp_path / "out"
    public = build_bundle(case, out)
    intern = out / "collegebesluit-2020-000123-intern.pdf"
    assert _claims(public) == _claims(intern) == ("A", "1")
    assert outloud_rules(public)["error"] == []
    assert qpdf_check(public).returncode == 0
