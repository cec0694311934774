"""Woo publication, proven on a case with planted markers: redacted passages, withheld pages,
a withheld bijlage and the steller's details are in the intern edition and in no byte of any
file of the publication folder (decompressed streams included), nor in the text poppler
extracts; every public PDF passes outloud; the inventory says what became of each document
(real LibreOffice, poppler, qpdf, the official DiWoo XSD)."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts
from tests.helpers import (
    MINIMAL,
    ROOT,
    cli,
    edit,
    outloud_rules,
    page_texts,
    page_words,
    xml_schema,
)

pytestmark = pytest.mark.libreoffice

PASSAGE_VOORSTEL = "LEKMARKERVOORSTEL"
PASSAGE_NOTITIE = "LEKMARKERNOTITIE"
PAGE_TEXT = "LEKMARKERPAGINA"
PAGE_BOOKMARK = "LEKMARKERBLADWIJZER"
PAGE_NOTE = "LEKMARKERNOTITIEVELD"
SECRET_BIJLAGE = "LEKMARKERGEHEIM"
STELLER = "LEKMARKERSTELLER"
STELLER_EMAIL = "lekmarker.steller@proef.example"
KEPT_PAGE = "Openbare pagina"

IN_TEXT = [PASSAGE_VOORSTEL, PASSAGE_NOTITIE, PAGE_TEXT, SECRET_BIJLAGE, STELLER]
EVERYWHERE = [*IN_TEXT, PAGE_BOOKMARK, PAGE_NOTE, STELLER_EMAIL]
PUBLISHED = "collegebesluit-2020-000123-openbaar.pdf"


def _report_pdf(path: Path) -> None:
    """A four-page ready-made PDF from another tool: page 2 holds a marker in its text, in a
    bookmark and in a note; the other pages are public."""
    regular, _bold = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, initialFontName=regular)
    for number in range(1, 5):
        canvas.setFont(regular, 14)
        text = PAGE_TEXT if number == 2 else f"{KEPT_PAGE} {number} van het verslag."
        canvas.drawString(72, 760, text)
        canvas.showPage()
    canvas.save()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[1]
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Text,
            Rect=[72, 700, 92, 720],
            Contents=pikepdf.String(PAGE_NOTE),
        )
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(note)]))
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[72, 740, 300, 780],
            Border=[0, 0, 0],
            Dest=pikepdf.Array([page.obj, pikepdf.Name.Fit]),
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
        with pdf.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem(PAGE_BOOKMARK, 1))
            outline.root.append(pikepdf.OutlineItem("Slot", 3))
        pdf.save(path)


def woo_case(case: Path) -> Path:
    """The minimal case with every kind of withheld content, each holding a marker."""
    yaml = case / "besluitpak.yaml"
    edit(yaml, "  naam: P. Tester", f"  naam: P. {STELLER}")
    edit(yaml, "  email: p.tester@proef.example", f"  email: {STELLER_EMAIL}")
    edit(yaml, 'cbs_code: "9999"', 'cbs_code: "0392"')
    edit(yaml, "steller:", "publicatie_url: https://example.proefdorp.nl/woo\nsteller:")
    edit(
        yaml,
        "      - Een korte toelichting bij de proef.",
        f"      - Een korte toelichting bij de proef, besproken met "
        f"{{lak:5.1.2e}}{PASSAGE_VOORSTEL} uit de Dorpsstraat{{/lak}} op 3 maart.",
    )
    edit(
        case / "bijlagen" / "notitie.yaml",
        "  - Na afloop volgt een evaluatie met de wijkraad.",
        f"  - Na afloop volgt een evaluatie met {{lak:5.1.2f}}{PASSAGE_NOTITIE}{{/lak}} en "
        f"de wijkraad.",
    )
    (case / "bijlagen" / "geheim.yaml").write_text(
        f"titel: Vertrouwelijke notitie\nalineas:\n  - Dit is {SECRET_BIJLAGE}.\n"
        "rijen:\n  - naam: Bedrag\n    waarde: onbekend\n",
        encoding="utf-8",
    )
    _report_pdf(case / "bijlagen" / "verslag.pdf")
    with yaml.open("a", encoding="utf-8") as f:
        f.write(
            "  - id: verslag\n    titel: Verslag van de bewonersavond\n"
            "    bestand: bijlagen/verslag.pdf\n"
            '    lakken: [{paginas: "2", grond: "5.1.2e"}]\n'
            "  - id: geheim\n    titel: Vertrouwelijke notitie\n"
            "    template: templates/notitie.docx\n    data: bijlagen/geheim.yaml\n"
            '    openbaar: false\n    grond: "5.1.2b"\n'
        )
    return case


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(case, intern bundle, publication folder): built and published once."""
    import shutil

    case = woo_case(Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("woo") / "case")))
    out = case.parent / "intern"
    built = cli("build", case, "--out", out, "--edition", "intern")
    assert built.exit_code == 0, built.output
    folder = case.parent / "openbaar"
    result = cli("publish", case, "--out", folder, "--today", "2020-06-16")
    assert result.exit_code == 0, result.output
    return case, out / "collegebesluit-2020-000123-intern.pdf", folder


def _every_byte(path: Path, work: Path) -> bytes:
    """A file's bytes, and for a PDF also every stream decompressed (qpdf --qdf)."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        plain = work / f"{path.stem}.qdf.pdf"
        subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(path), str(plain)], check=True
        )
        data += plain.read_bytes()
    return data


def test_no_marker_is_in_any_byte_of_the_publication_folder(
    published: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _case, _intern, folder = published
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    assert len(files) >= 10
    for path in files:
        data = _every_byte(path, tmp_path).lower()
        for marker in EVERYWHERE:
            assert marker.lower().encode() not in data, f"{marker} in {path.name}"
        if path.suffix == ".pdf":
            text = " ".join(page_texts(path)).lower()
            assert not [m for m in EVERYWHERE if m.lower() in text], path.name


def test_every_marker_is_in_the_intern_edition(
    published: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _case, intern, _folder = published
    text = " ".join(page_texts(intern))
    assert [m for m in IN_TEXT if m not in text] == []
    data = _every_byte(intern, tmp_path)
    assert PAGE_NOTE.encode() in data  # the note is kept in the intern edition
    with pikepdf.open(intern) as pdf, pdf.open_outline() as outline:
        titles = [item.title for top in outline.root for item in top.children]
    assert PAGE_BOOKMARK in titles


def test_the_public_docx_never_holds_a_redacted_passage(
    published: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    case, _intern, _folder = published
    result = cli("render", case, "--out", tmp_path / "docx", "--openbaar")
    assert result.exit_code == 0, result.output
    for docx in (tmp_path / "docx").glob("*.docx"):
        with zipfile.ZipFile(docx) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
        for marker in (PASSAGE_VOORSTEL, PASSAGE_NOTITIE, STELLER):
            assert marker.encode() not in data, f"{marker} in {docx.name}"


def test_a_redacted_passage_is_a_box_a_screen_reader_can_name(
    published: tuple[Path, Path, Path],
) -> None:
    _case, _intern, folder = published
    voorstel = folder / "collegebesluit-2020-000123-collegevoorstel.pdf"
    with pikepdf.open(voorstel) as pdf:
        figures = [
            str(o.get("/Alt"))
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure"
        ]
    assert figures == ["Gelakt: artikel 5.1.2e Woo, eerbiediging van de persoonlijke levenssfeer"]
    text = " ".join(page_texts(voorstel)[0].split())
    assert "besproken met op 3 maart" in text  # the words are gone, the sentence stands


def _image_boxes(pdf: Path, page_index: int) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of each image drawn on the page, y from the top as pdftotext's."""
    with pikepdf.open(pdf) as document:
        page = document.pages[page_index]
        height = float(page.mediabox[3])
        ctm, stack, boxes = pikepdf.Matrix(), [], []
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = instruction.operands, instruction.operator
            if operator == pikepdf.Operator("q"):
                stack.append(ctm)
            elif operator == pikepdf.Operator("Q"):
                ctm = stack.pop()
            elif operator == pikepdf.Operator("cm"):
                ctm = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
            elif operator == pikepdf.Operator("Do"):
                xobject = page.Resources.XObject[pikepdf.Name(str(operands[0]))]
                if xobject.Subtype == pikepdf.Name.Image:
                    x0, y0 = ctm.transform((0, 0))
                    x1, y1 = ctm.transform((1, 1))
                    boxes.append((x0, height - y1, x1, height - y0))
    return boxes


def test_a_redacted_passage_stands_in_its_line_between_its_neighbours(
    published: tuple[Path, Path, Path],
) -> None:
    _case, _intern, folder = published
    voorstel = folder / "collegebesluit-2020-000123-collegevoorstel.pdf"
    [(x0, _top, x1, bottom)] = _image_boxes(voorstel, 0)
    words = page_words(voorstel)[0][2]
    before = next(w for w in words if w.text == "met" and abs(w.y1 - bottom) < 6)
    after = next(w for w in words if w.text == "op" and abs(w.y1 - bottom) < 6)
    # a space's width either side, no more (LibreOffice adds 0.32 cm around a picture
    # that does not say otherwise)
    assert 0 < x0 - before.x1 < 4, (before, x0)
    assert 0 < after.x0 - x1 < 4, (x1, after)


def test_withheld_pages_are_replaced_and_the_rest_kept(
    published: tuple[Path, Path, Path],
) -> None:
    _case, _intern, folder = published
    verslag = folder / "collegebesluit-2020-000123-bijlage-04-verslag.pdf"
    texts = [" ".join(t.split()) for t in page_texts(verslag)]
    assert len(texts) == 4
    assert "Pagina 2 is niet openbaar" in texts[1]
    assert "artikel 5.1.2e van de Wet open overheid" in texts[1]
    assert [f"{KEPT_PAGE} {n} van het verslag." in texts[n - 1] for n in (1, 3, 4)] == [True] * 3
    with pikepdf.open(verslag) as pdf:
        assert all("/Annots" not in p.obj or len(p.obj.Annots) == 0 for p in pdf.pages)


def test_every_public_pdf_passes_outloud_and_qpdf(published: tuple[Path, Path, Path]) -> None:
    _case, _intern, folder = published
    for pdf in sorted(folder.glob("*.pdf")):
        assert outloud_rules(pdf)["error"] == [], pdf.name
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, (pdf.name, check.stdout)


def test_the_inventory_lists_every_document_with_its_beoordeling(
    published: tuple[Path, Path, Path],
) -> None:
    _case, _intern, folder = published
    rows = list(csv.DictReader(io.StringIO((folder / "inventarislijst.csv").read_text())))
    assert [(r["nummer"], r["beoordeling"], r["gronden"]) for r in rows] == [
        ("1", "deels openbaar", "5.1.2e"),
        ("2", "deels openbaar", "5.1.2f"),
        ("3", "openbaar", ""),
        ("4", "openbaar", ""),
        ("5", "deels openbaar", "5.1.2e"),
        ("6", "niet openbaar", "5.1.2b"),
    ]
    base = "https://example.proefdorp.nl/woo/collegebesluit-2020-000123"
    assert rows[0]["link"] == f"{base}-collegevoorstel.pdf"
    assert rows[5]["link"] == ""  # nothing to fetch of a withheld bijlage
    assert not (folder / "collegebesluit-2020-000123-bijlage-05-geheim.pdf").exists()
    text = " ".join(" ".join(page_texts(folder / "inventarislijst.pdf")).split())
    assert "Inventarislijst collegebesluit 2020/000123" in text
    assert "Artikel 5.1.2e Woo: eerbiediging van de persoonlijke levenssfeer." in text
    contents = " ".join(page_texts(folder / PUBLISHED)[1].split())
    assert "Verslag van de bewonersavond — deels openbaar (5.1.2e)" in contents


def test_the_sitemaps_are_what_the_woo_index_harvests(published: tuple[Path, Path, Path]) -> None:
    _case, _intern, folder = published
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "d": "https://standaarden.overheid.nl/diwoo/metadata/",
    }
    schema = xml_schema("diwoo-metadata.xsd")
    tree = etree.parse(str(folder / "sitemap.xml"))
    documents = tree.findall(".//d:Document", ns)
    assert len(documents) == 5  # the withheld bijlage has no record
    for document in documents:
        assert schema.validate(etree.ElementTree(document)), schema.error_log
    locs = [loc.text for loc in tree.findall(".//s:loc", ns)]
    assert all((folder / loc.rsplit("/", 1)[1]).is_file() for loc in locs)
    index = etree.parse(str(folder / "sitemapindex.xml"))
    assert index.findtext(".//s:loc", namespaces=ns) == (
        "https://example.proefdorp.nl/woo/sitemap.xml"
    )
    assert index.findtext(".//s:lastmod", namespaces=ns) == "2020-06-16"
    assert "Sitemap: https://example.proefdorp.nl/woo/sitemapindex.xml" in (
        (folder / "robots.txt").read_text()
    )


def test_the_example_case_publishes_without_its_insprekers(tmp_path: Path) -> None:
    """voorbeelden/inspraak-zijlweg: pages 3-4 of its nota list the insprekers."""
    import shutil

    case = Path(shutil.copytree(ROOT / "voorbeelden" / "inspraak-zijlweg", tmp_path / "case"))
    folder = tmp_path / "pub"
    result = cli("publish", case, "--out", folder)
    assert result.exit_code == 0, result.output
    personal = [
        "A. Jansen",
        "06-41234567",
        "b.deboer@example.nl",
        "Kleverlaan 23a",
        "pand Zijlweg 112",
    ]
    for path in sorted(folder.iterdir()):
        data = _every_byte(path, tmp_path)
        assert [p for p in personal if p.encode() in data] == [], path.name
    built = cli("build", case, "--out", tmp_path / "intern", "--edition", "intern")
    assert built.exit_code == 0, built.output
    text = " ".join(
        " ".join(page_texts(tmp_path / "intern" / "collegebesluit-2014-234567-intern.pdf")).split()
    )
    assert [p for p in personal if p not in text] == []
    rows = list(csv.DictReader(io.StringIO((folder / "inventarislijst.csv").read_text())))
    assert [r["beoordeling"] for r in rows] == ["deels openbaar", "openbaar", "deels openbaar"]


def test_withholding_every_page_of_a_document_says_to_withhold_it_whole(
    minimal: Path, tmp_path: Path
) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf",
        '    bestand: bijlagen/kaart.pdf\n    lakken: [{paginas: "1", grond: "5.1.2e"}]',
    )
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "openbaar")
    assert result.exit_code == 0, result.output
    assert (
        "warning: bijlagen/kaart.pdf (bijlage 2, kaart): every page is withheld (lakken); a "
        "document withheld whole is written with openbaar: false and its grond" in result.stderr
    )
