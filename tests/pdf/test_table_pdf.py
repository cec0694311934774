"""The inventarislijst as a tagged PDF: a long table that spans pages, its header row on
every page, links that lead where they say, and the same claims as every other file
besluitpak writes, checked by outloud, qpdf, poppler and our own inspect."""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from besluitpak.casefile.case import load_case
from besluitpak.pdf.assemble import Options, finish_standalone
from besluitpak.pdf.claims import Claims
from besluitpak.pdf.inspect import inspect
from besluitpak.pdf.table import Cell, table_pdf
from tests.helpers import MINIMAL, folded, outloud_rules, page_texts, page_words, qpdf_check

HEADER = ["Nr.", "Titel", "Datum", "Beoordeling", "Gronden", "Link"]
WIDTHS = [30.0, 220.0, 70.0, 80.0, 70.0, 150.0]
BASE = "https://www.proefdorp.example/woo/2020-000123"


def _titel(number: int) -> str:
    if number % 3:
        return f"Notitie {number} over de reünie van de proef"
    return (
        f"Gebiedsprogramma’s {number}: de uitvoeringsagenda van de coöperatie, met een titel "
        "die zo lang is dat ze over meer dan één regel van haar kolom loopt"
    )


def _rows(count: int = 60) -> list[list[Cell]]:
    return [
        [
            str(n),
            _titel(n),
            "2 juni 2020",
            "deels openbaar" if n % 2 else "openbaar",
            "5.1.2e, 5.1.1c" if n % 2 else "",
            (f"document-{n}.pdf", f"{BASE}/document-{n}.pdf"),
        ]
        for n in range(1, count + 1)
    ]


def _table(rows: list[list[Cell]] | None = None, widths: list[float] = WIDTHS) -> pikepdf.Pdf:
    return table_pdf(
        title="Inventarislijst bij collegebesluit 2020/000123",
        intro=[
            "Proef met besluitpak, collegevergadering 2 juni 2020.",
            "Per document de beoordeling onder de Woo en de gronden van wat gelakt is.",
        ],
        header=HEADER if len(widths) == len(HEADER) else HEADER[: len(widths)],
        rows=_rows() if rows is None else rows,
        widths=widths,
    )


def _finish(pdf: pikepdf.Pdf, out: Path) -> Claims:
    return finish_standalone(
        pdf,
        load_case(MINIMAL / "besluitpak.yaml"),
        out,
        title="Inventarislijst 2020/000123: Proef met besluitpak",
        subject="Inventarislijst bij het collegebesluit van de gemeente Proefdorp (openbaar)",
        options=Options(edition="openbaar", public=True),
    )


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Claims]:
    """The 60-row inventarislijst, finished as a publication file."""
    out = tmp_path_factory.mktemp("table") / "inventarislijst.pdf"
    return out, _finish(_table(), out)


def _elements(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Every structure element, in the tree's order."""
    todo: list[pikepdf.Object] = [pdf.Root.StructTreeRoot]
    while todo:
        element = todo.pop()
        raw = element.get("/K")
        kids = list(raw) if isinstance(raw, pikepdf.Array) else [raw]
        todo.extend(k for k in reversed(kids) if isinstance(k, Dictionary) and "/S" in k)
        if isinstance(element, Dictionary) and "/S" in element:
            yield element


def _raw_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_long_inventory_spans_pages_with_the_header_row_on_every_page(
    inventory: tuple[Path, Claims],
) -> None:
    path, _ = inventory
    pages = page_texts(path)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert folded(text).count("Nr. Titel Datum Beoordeling Gronden Link") == 1, number
        assert f"pagina {number} van {len(pages)}" in text


def test_no_row_is_split_across_pages(inventory: tuple[Path, Claims]) -> None:
    path, _ = inventory
    pages = [folded(text) for text in page_texts(path)]
    for n in range(1, 61):
        holding = [i for i, text in enumerate(pages) if f"document-{n}.pdf" in text]
        assert len(holding) == 1, n
        assert folded(_titel(n)) in folded(_raw_text_of_page(path, holding[0] + 1)), n


def _raw_text_of_page(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_poppler_reads_the_cells_row_by_row_in_order(inventory: tuple[Path, Claims]) -> None:
    path, _ = inventory
    text = folded(_raw_text(path))
    assert text.startswith(
        "Inventarislijst bij collegebesluit 2020/000123 Proef met besluitpak, "
        "collegevergadering 2 juni 2020. Per document de beoordeling"
    )
    position = 0
    for row in _rows():
        cells = [c if isinstance(c, str) else c[0] for c in row]
        expected = " ".join(folded(c) for c in cells if c)
        found = text.find(expected, position)
        assert found >= 0, expected
        position = found + len(expected)


def test_outloud_finds_nothing(inventory: tuple[Path, Claims]) -> None:
    found = outloud_rules(inventory[0])
    assert found["error"] == []
    assert found["warning"] == []


def test_qpdf_finds_the_file_clean(inventory: tuple[Path, Claims]) -> None:
    done = qpdf_check(inventory[0])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


def test_the_structure_tree_holds_one_table_with_one_header_row(
    inventory: tuple[Path, Claims],
) -> None:
    with pikepdf.open(inventory[0]) as pdf:
        elements = list(_elements(pdf))
        kinds = Counter(str(e.S) for e in elements)
        top = pdf.Root.StructTreeRoot.K[0]
        assert str(top.S) == "/Document"
        assert [str(k.S) for k in top.K] == ["/H1", "/P", "/P", "/Table"]
        assert kinds["/Table"] == 1
        assert kinds["/THead"] == 1 and kinds["/TBody"] == 1
        assert kinds["/TR"] == 61
        assert kinds["/TH"] == 6
        assert kinds["/TD"] == 60 * 6
        assert kinds["/Link"] == 60
        for th in (e for e in elements if e.S == Name.TH):
            assert th.A.Scope == Name.Column
        body = top.K[3].K[1]
        for tr in body.K:
            assert [str(td.S) for td in tr.K] == ["/TD"] * 6
        assert pdf.Root.Lang == "nl-NL"


def test_every_link_leads_to_its_address_from_the_words_it_covers(
    inventory: tuple[Path, Claims],
) -> None:
    path, _ = inventory
    words = page_words(path)
    with pikepdf.open(path) as pdf:
        links = [e for e in _elements(pdf) if str(e.S) == "/Link"]
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        seen = []
        for link in links:
            objr = next(k for k in link.K if isinstance(k, Dictionary))
            annot = objr.Obj
            assert objr.Type == Name.OBJR
            assert annot.Subtype == Name.Link
            url = str(annot.A.URI)
            assert annot.A.S == Name.URI
            assert str(annot.Contents).endswith(url)
            assert link.P.S == Name.TD
            page = pages[annot.P.objgen]
            assert pages[link.Pg.objgen] == page
            assert annot in list(pdf.pages[page].obj.Annots)
            x0, y0, x1, y1 = (float(v) for v in annot.Rect)
            _, height, on_page = words[page]
            covered = [
                w.text
                for w in on_page
                if w.x0 >= x0 - 1 and w.x1 <= x1 + 1 and y0 - 1 <= height - w.y1 <= y1 + 1
            ]
            assert covered == [url.rsplit("/", 1)[1]]
            seen.append(url)
    assert seen == [f"{BASE}/document-{n}.pdf" for n in range(1, 61)]


def test_the_file_claims_pdfa_2a_and_pdfua_1_and_inspect_agrees(
    inventory: tuple[Path, Claims],
) -> None:
    path, decided = inventory
    assert decided == Claims(pdfa="A", pdfua=True, withheld=())
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "Inventarislijst 2020/000123: Proef met besluitpak"
    report = inspect(path)
    assert report.ok, [f"{c.name}: {c.detail}" for c in report.failed()]
    assert report.claims["pdfa"] == "PDF/A-2a"
    assert report.claims["pdfua"] == "PDF/UA-1"
    assert report.claims["language"] == "nl-NL"


def test_the_same_table_gives_the_same_bytes(tmp_path: Path) -> None:
    rows = _rows(8)
    _finish(_table(rows), tmp_path / "a.pdf")
    _finish(_table(rows), tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_columns_that_fit_portrait_stay_portrait_and_wider_ones_turn_landscape() -> None:
    narrow = _table([row[:3] for row in _rows(3)], widths=[30.0, 250.0, 90.0])
    wide = _table(_rows(3))
    assert [float(v) for v in narrow.pages[0].mediabox][2:] == pytest.approx([595.28, 841.89], 0.01)
    assert [float(v) for v in wide.pages[0].mediabox][2:] == pytest.approx([841.89, 595.28], 0.01)


def test_an_address_too_long_for_its_column_wraps_inside_it(tmp_path: Path) -> None:
    url = f"{BASE}/een/heel/diep/pad/naar/een/document-met-een-lange-naam-2020-000123.pdf"
    rows: list[list[Cell]] = [["1", "Lang adres", "", "openbaar", "", (url, url)]]
    out = tmp_path / "adres.pdf"
    _finish(_table(rows), out)
    width, _, words = page_words(out)[0]
    right = width - 70.9
    assert all(w.x1 <= right + 0.5 for w in words)
    assert "".join(_raw_text(out).split()).count(url) == 1
    assert outloud_rules(out)["error"] == []


def test_a_row_with_a_missing_cell_is_refused() -> None:
    rows = _rows(3)
    rows[1] = rows[1][:5]
    with pytest.raises(ValueError, match="table_pdf: row 2: expected 6 cells, got 5"):
        _table(rows)
