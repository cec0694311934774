"""The bundle, read back: order, numbering, contents, links, bookmarks, labels, metadata,
structure and reproducibility (real LibreOffice, poppler, qpdf and pypdf)."""

from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path

import pikepdf
import pypdf
import pytest
import yaml

from besluitpak.pdf.structure import number_tree_items
from tests.helpers import CASES, ROOT, cli, folded, page_texts, page_words, qpdf_check, unembedded

CASE = yaml.safe_load((ROOT / "besluitpak.yaml").read_text(encoding="utf-8"))
TITLES = [CASE["onderwerp"]] + [b["titel"] for b in CASE["bijlagen"]]
LABELS = ["Collegevoorstel"] + [
    f"Bijlage {n} bij collegebesluit 2014/123456" for n in range(1, len(CASE["bijlagen"]) + 1)
]


def toc_first_pages(texts: list[str]) -> list[int]:
    """The page numbers the contents page prints, in order."""
    numbers = []
    for line in texts[1].splitlines():
        match = re.match(r"\s*(Collegevoorstel|Bijlage \d+)\s+.*?\s(\d+)\s*$", line)
        if match:
            numbers.append(int(match.group(2)))
    return numbers


def first_page(reader: pypdf.PdfReader, destination: object) -> int:
    """The page (1-based) an outline item or named destination leads to."""
    assert isinstance(destination, pypdf.generic.Destination), destination
    number = reader.get_destination_page_number(destination)
    assert number is not None, destination.title
    return number + 1


@pytest.mark.libreoffice
def test_page_count_is_cover_contents_and_documents(reference_bundle: Path) -> None:
    texts = page_texts(reference_bundle)
    firsts = toc_first_pages(texts)
    assert len(firsts) == 12
    assert firsts[0] == 3  # cover, contents, then the collegevoorstel
    assert firsts == sorted(firsts)
    # every document has at least one page, the last one runs to the end
    assert all(b > a for a, b in itertools.pairwise(firsts))
    assert len(pypdf.PdfReader(reference_bundle).pages) == len(texts)
    assert len(texts) >= firsts[-1]


@pytest.mark.libreoffice
def test_contents_pages_are_where_each_document_starts(reference_bundle: Path) -> None:
    texts = page_texts(reference_bundle)
    firsts = toc_first_pages(texts)
    for label, title, first in zip(LABELS, TITLES, firsts, strict=True):
        page = texts[first - 1]
        assert folded(label) in folded(page), (label, first)
        # the page before belongs to another document (or is the contents)
        assert (
            folded(label) not in folded(texts[first - 2]).replace(folded(label) + " ", "\0")
            or first == 3
        )
        if label == "Collegevoorstel":
            assert "Collegevoorstel" in page and "Onderwerp" in page
        else:
            assert folded(title.split(" stadsdeel")[0]) in folded(page), (title, first)


@pytest.mark.libreoffice
def test_contents_links_go_to_the_first_pages(reference_bundle: Path) -> None:
    reader = pypdf.PdfReader(reference_bundle)
    firsts = toc_first_pages(page_texts(reference_bundle))
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert len(links) == 12
    named = reader.named_destinations
    targets = []
    for link in links:
        assert link["/Subtype"] == "/Link"
        assert "/StructParent" in link
        destination = named[str(link["/Dest"])]
        targets.append(first_page(reader, destination))
    assert targets == firsts


@pytest.mark.libreoffice
def test_every_page_after_the_cover_is_numbered(reference_bundle: Path) -> None:
    texts = page_texts(reference_bundle)
    total = len(texts)
    assert "pagina" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"pagina {number} van {total}" in text, number
        assert "kenmerk 2014/123456" in text


@pytest.mark.libreoffice
def test_every_page_carries_its_documents_label(reference_bundle: Path) -> None:
    texts = page_texts(reference_bundle)
    firsts = [*toc_first_pages(texts), len(texts) + 1]
    for index, label in enumerate(LABELS):
        for page in range(firsts[index], firsts[index + 1]):
            assert folded(label) in folded(texts[page - 1]), (label, page)


@pytest.mark.libreoffice
def test_stamps_stay_out_of_the_body(reference_bundle: Path) -> None:
    """Nothing but the stamp in the top and bottom bands; the stamp nowhere else."""
    pages = page_words(reference_bundle)
    for number, (_, height, words) in enumerate(pages[1:], start=2):
        band_words = [w for w in words if w.y1 < 50 or w.y0 > height - 45]
        body_words = [w for w in words if not (w.y1 < 50 or w.y0 > height - 45)]
        stamp_text = " ".join(w.text for w in band_words)
        assert f"pagina {number} van {len(pages)}" in stamp_text
        assert all(w.y0 > 60 for w in body_words if w.y1 < height / 2), number
        assert all(w.y1 < height - 55 for w in body_words), number


@pytest.mark.libreoffice
def test_page_labels_match_the_printed_numbers(reference_bundle: Path) -> None:
    labels = pypdf.PdfReader(reference_bundle).page_labels
    assert labels[0] == "Omslag"
    assert labels[1:] == [str(n) for n in range(2, len(labels) + 1)]


@pytest.mark.libreoffice
def test_bookmarks_one_per_document_with_its_headings(reference_bundle: Path) -> None:
    reader = pypdf.PdfReader(reference_bundle)
    firsts = toc_first_pages(page_texts(reference_bundle))
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert top[0].title == "Inhoud"
    documents = top[1:]
    notes = {2: " — deels openbaar (5.1.2e)", 6: " — deels openbaar (5.1.2b)"}  # {lak:…} in them
    assert [d.title for d in documents] == [
        f"{'Collegevoorstel' if i == 0 else f'Bijlage {i}'} — {t}{notes.get(i, '')}"
        for i, t in enumerate(TITLES)
    ]
    assert [first_page(reader, d) for d in documents] == firsts
    # the documents' own headings are nested under them, on their own pages
    children = [item for item in outline if isinstance(item, list)]
    voorstel_headings = [c.title for c in children[0] if not isinstance(c, list)]
    assert voorstel_headings[:2] == ["1. Inleiding", "2. Besluitpunten college"]
    opgave_headings = [c.title for c in children[1] if not isinstance(c, list)]
    assert "Inleiding" in opgave_headings and "Opgaven per pijler" in opgave_headings
    first_heading_page = first_page(reader, children[1][0])
    assert firsts[1] <= first_heading_page < firsts[2]


@pytest.mark.libreoffice
def test_metadata(reference_bundle: Path) -> None:
    with pikepdf.open(reference_bundle) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == f"Collegebesluit 2014/123456: {CASE['onderwerp']}"
        assert str(info.Author) == "Gemeente Haarlem"
        assert "11 maart 2014" in str(info.Subject)
        assert "2014/123456" in str(info.Keywords)
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        meta = pdf.open_metadata()
        assert meta["dc:title"] == str(info.Title)
        assert "nl-NL" in meta["dc:language"]
    assert unembedded(reference_bundle) == []


def references(element: pikepdf.Object, page: pikepdf.Object, mcid: int) -> bool:
    """Does ``element`` own marked content ``mcid`` of ``page`` (directly or by an MCR)?"""
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    for kid in kids:
        if isinstance(kid, int) and kid == mcid and element.Pg.objgen == page.objgen:
            return True
        if (
            isinstance(kid, pikepdf.Dictionary)
            and kid.get("/Type") == "/MCR"
            and int(kid.MCID) == mcid
        ):
            owner = kid.get("/Pg", element.get("/Pg"))
            if owner is not None and owner.objgen == page.objgen:
                return True
    return False


@pytest.mark.libreoffice
def test_structure_tree_reaches_every_marked_content(reference_bundle: Path) -> None:
    with pikepdf.open(reference_bundle) as pdf:
        tree = pdf.Root.StructTreeRoot
        assert tree.K[0].S == "/Document"
        parts = [k for k in tree.K[0].K if k.get("/S") == "/Part"]
        assert len(parts) == 2 + 12  # cover, contents and every document
        parent_tree = dict(number_tree_items(tree.ParentTree))
        for number, page in enumerate(pdf.pages):
            mcids = set()
            for instruction in pikepdf.parse_content_stream(page):
                if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                    continue  # an inline image
                operands, operator = instruction.operands, instruction.operator
                marked = operator == pikepdf.Operator("BDC") and isinstance(
                    operands[1], pikepdf.Dictionary
                )
                if marked and "/MCID" in operands[1]:
                    mcids.add(int(operands[1].MCID))
            if not mcids:
                continue
            key = int(page.obj.StructParents)
            elements = parent_tree[key]
            for mcid in mcids:
                element = elements[mcid]
                assert references(element, page.obj, mcid), (number, mcid)
                # and the element hangs in the tree: walk up to the root
                node, depth = element, 0
                while node.get("/Type") != "/StructTreeRoot" and depth < 50:
                    node, depth = node.P, depth + 1
                assert node.get("/Type") == "/StructTreeRoot"
        assert int(tree.ParentTreeNextKey) > max(parent_tree)


@pytest.mark.libreoffice
def test_qpdf_finds_no_errors(reference_bundle: Path) -> None:
    result = qpdf_check(reference_bundle)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.libreoffice
def test_two_builds_are_byte_identical(reference_bundle: Path, tmp_path: Path) -> None:
    result = cli("build", ROOT / "besluitpak.yaml", "--out", tmp_path, "--jobs", "1")
    assert result.exit_code == 0, result.output
    again = Path(result.stdout.strip().splitlines()[-1])
    assert (
        hashlib.sha256(again.read_bytes()).hexdigest()
        == hashlib.sha256(reference_bundle.read_bytes()).hexdigest()
    )


@pytest.mark.libreoffice
def test_ready_made_pdf_and_docx_join_the_bundle(minimal_bundle: Path) -> None:
    texts = page_texts(minimal_bundle)
    firsts = toc_first_pages(texts)
    assert len(firsts) == 4
    kaart = texts[firsts[2] - 1]
    assert "Kaart van het proefgebied" in kaart
    assert "Bijlage 2 bij collegebesluit 2020/000123" in kaart
    brief = texts[firsts[3] - 1]
    assert "Brief van de wijkraad" in brief and "Bijlage 3 bij collegebesluit" in brief
    reader = pypdf.PdfReader(minimal_bundle)
    titles = [i.title for i in reader.outline if not isinstance(i, list)]
    assert titles[-2:] == [
        "Bijlage 2 — Kaart van het proefgebied",
        "Bijlage 3 — Brief van de wijkraad",
    ]
    assert "Zie ook bijlage 1." in folded(texts[2])


def test_missing_libreoffice_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("BESLUITPAK_SOFFICE", raising=False)  # else that one is looked for
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cli("build", CASES / "minimal", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: LibreOffice (soffice) was not found on PATH; install it with: sudo apt-get "
        "install libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2"
    )
    assert not (tmp_path / "out").exists()
