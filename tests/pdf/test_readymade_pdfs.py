"""Ready-made PDFs join the bundle whole: their own bookmarks nested under their bijlage,
every link (named or explicit, /Dest or /GoTo) landing on its page in the bundle, their page
labels replaced by the bundle's, their tags kept, turned pages stamped upright.

The inputs are the corpus in tests/corpus/pdf (made by its make_pdfs.py as other tools make
PDFs). Links are resolved here with pikepdf's name tree and checked against poppler's own
reading of the named destinations, not with besluitpak's code."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf import links, structure
from tests.helpers import (
    MINIMAL,
    ROOT,
    cli,
    folded,
    outloud_rules,
    page_texts,
    page_words,
    qpdf_check,
    unembedded,
)

CORPUS = ROOT / "tests" / "corpus" / "pdf"

# The bijlagen added to the minimal case (which has three): number -> (id, file, titel)
ADDED = {
    4: ("rapport-a", "rapport.pdf", "Rapport over de proef"),
    5: ("rapport-b", "rapport.pdf", "Hetzelfde rapport nog eens"),
    6: ("gedraaid", "gedraaid.pdf", "Gedraaide pagina's"),
    7: ("meertalig", "cid.pdf", "Meertalige toelichting"),
    8: ("formulier", "formulier.pdf", "Aanvraagformulier"),
    9: ("scan", "scan.pdf", "Ingescande brief"),
    10: ("getagd", "getagd.pdf", "Advies van de wijkraad"),
}
REPORT_BOOKMARKS = [
    ("Inhoudsopgave", []),
    ("1 Inleiding", [("1.1 Aanleiding", []), ("1.2 Vraagstelling", [])]),
    ("2 Analyse", [("2.1 Wijken", [("2.1.1 Wijk Noord", [])])]),
    ("3 Conclusies", []),
    ("Figuur 1", []),
]


@dataclass(frozen=True)
class Built:
    bundle: Path
    output: str
    """What the build printed (its warnings)."""


def _case_with_corpus(target: Path) -> Path:
    shutil.copytree(MINIMAL, target)
    text = (target / "besluitpak.yaml").read_text(encoding="utf-8")
    for doc_id, name, titel in ADDED.values():
        shutil.copy(CORPUS / name, target / "bijlagen" / name)
        text += f"  - id: {doc_id}\n    titel: {titel}\n    bestand: bijlagen/{name}\n"
    (target / "besluitpak.yaml").write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def corpus_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal case with every corpus PDF as a bijlage (the report twice)."""
    return _case_with_corpus(tmp_path_factory.mktemp("corpus") / "case")


@pytest.fixture(scope="module")
def built(corpus_case: Path, tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Built:
    out = tmp_path_factory.mktemp("corpus-out")
    result = cli("build", corpus_case, "--out", out, "--edition", "intern")
    assert result.exit_code == 0, result.output
    return Built(bundle=Path(result.stdout.strip().splitlines()[-1]), output=result.output)


# --- reading links back, independently ---------------------------------------------------------


def _named(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    found: dict[str, pikepdf.Object] = {}
    if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        found.update(pikepdf.NameTree(pdf.Root.Names.Dests).items())
    for key, value in pdf.Root.get("/Dests", Dictionary()).items():
        found.setdefault(key[1:], value)
    return found


def _target(pdf: pikepdf.Pdf, owner: pikepdf.Object) -> int | None:
    """The page index a link or bookmark leads to, or None."""
    dest = owner.get("/Dest")
    if dest is None and "/A" in owner and owner.A.get("/S") == Name.GoTo:
        dest = owner.A.get("/D")
    if isinstance(dest, String | Name):
        dest = _named(pdf).get(str(dest) if isinstance(dest, String) else str(dest)[1:])
    if isinstance(dest, Dictionary):
        dest = dest.get("/D")
    if not isinstance(dest, Array) or not isinstance(dest[0], Dictionary):
        return None
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    return pages.get(dest[0].objgen)


def _link_targets(pdf: pikepdf.Pdf, page: int) -> list[int | None]:
    return [
        _target(pdf, annot)
        for annot in pdf.pages[page].obj.get("/Annots", Array())
        if annot.get("/Subtype") == Name.Link
    ]


def _start(pdf: pikepdf.Pdf, number: int) -> int:
    """The page index where bijlage ``number`` starts (its named destination)."""
    start = _target(pdf, pikepdf.Dictionary({"/Dest": String(f"bijlage-{number}")}))
    assert start is not None
    return start


def _poppler_dests(pdf: Path) -> dict[str, int]:
    """Named destination -> page index, as poppler's pdfinfo reads them."""
    out = subprocess.run(
        ["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[1:]
    dests = {}
    for line in out:
        page, _, rest = line.strip().partition(" ")
        dests[rest.rsplit('"', 2)[-2]] = int(page) - 1
    return dests


def _heading(text: str) -> str:
    """The first line of a page's text (a report page starts with its heading)."""
    return next(line.strip() for line in text.splitlines() if line.strip())


# --- bookmarks ----------------------------------------------------------------------------------


def _tree(items: list[pikepdf.OutlineItem]) -> list[tuple[str, list]]:  # type: ignore[type-arg]
    return [(str(item.title), _tree(list(item.children))) for item in items]


@pytest.mark.libreoffice
def test_a_reports_own_bookmarks_are_nested_under_its_bijlage(built: Built) -> None:
    with pikepdf.open(built.bundle) as pdf, pdf.open_outline() as outline:
        tops = {str(item.title): item for item in outline.root}
        for number in (4, 5):
            node = tops[f"Bijlage {number} — {ADDED[number][2]}"]
            assert _tree(list(node.children)) == REPORT_BOOKMARKS
    for _, name, titel in ADDED.values():
        if name == "getagd.pdf":  # LibreOffice's bookmarks, from its headings
            assert ("Advies", [("Ondertekening", [])]) in _tree(
                list(tops[f"Bijlage 10 — {titel}"].children)
            )


@pytest.mark.libreoffice
def test_every_bookmark_of_a_report_opens_the_page_with_its_heading(built: Built) -> None:
    texts = [folded(t) for t in page_texts(built.bundle)]
    with pikepdf.open(built.bundle) as pdf, pdf.open_outline() as outline:
        for item in outline.root:
            if "rapport" not in str(item.title).lower():
                continue
            todo = list(item.children)
            while todo:
                child = todo.pop()
                todo.extend(child.children)
                assert child.obj is not None
                page = _target(pdf, child.obj)
                assert page is not None, child.title
                assert str(child.title) in texts[page], (child.title, page)


# --- links ------------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_every_link_of_a_report_lands_on_its_page_in_the_bundle(built: Built) -> None:
    source_texts = page_texts(CORPUS / "rapport.pdf")
    texts = page_texts(built.bundle)
    checked = 0
    with pikepdf.open(CORPUS / "rapport.pdf") as source, pikepdf.open(built.bundle) as pdf:
        for number in (4, 5):
            start = _start(pdf, number)
            for page in range(len(source.pages)):
                expected = _link_targets(source, page)
                got = _link_targets(pdf, start + page)
                assert None not in expected
                assert got == [start + t for t in expected if t is not None], (number, page)
                for target in got:
                    assert target is not None
                    assert _heading(source_texts[target - start]) in texts[target]
                    checked += 1
    assert checked == 2 * 10  # seven contents lines, figure, back to contents, to chapter 3


@pytest.mark.libreoffice
def test_two_reports_with_the_same_names_keep_each_their_own(built: Built) -> None:
    dests = _poppler_dests(built.bundle)
    with pikepdf.open(built.bundle) as pdf:
        first, second = _start(pdf, 4), _start(pdf, 5)
    assert dests["b4:section.1"] == first + 2
    assert dests["b5:section.1"] == second + 2
    assert dests["b4:figure.1"] == first + 4  # the old-style /Dests entry, renamed too
    assert dests["b5:subsubsection.2.1.1"] == second + 5
    assert dests["bijlage-5"] == second


@pytest.mark.libreoffice
def test_a_tagged_pdfs_link_lands_on_its_heading(built: Built) -> None:
    texts = page_texts(built.bundle)
    with pikepdf.open(built.bundle) as pdf:
        start = _start(pdf, 10)
        assert _link_targets(pdf, start) == [start + 1]
    assert "Advies" in texts[start + 1].split("\n", 3)[-1]


@pytest.mark.libreoffice
def test_no_link_or_bookmark_in_the_bundles_is_dead(built: Built, minimal_bundle: Path) -> None:
    for bundle in (built.bundle, minimal_bundle):
        with pikepdf.open(bundle) as pdf:
            assert links.dead_links(pdf) == [], bundle.name
            for page in range(len(pdf.pages)):
                for annot in pdf.pages[page].obj.get("/Annots", Array()):
                    if annot.get("/Subtype") == Name.Link and "/URI" not in annot.get("/A", {}):
                        assert _target(pdf, annot) is not None, (bundle.name, page)


@pytest.mark.libreoffice
def test_a_single_ready_made_document_keeps_its_links_too(
    corpus_case: Path, tmp_path: Path
) -> None:
    result = cli("build", corpus_case, "--out", tmp_path, "--only", "rapport-a")
    assert result.exit_code == 0, result.output
    single = Path(result.stdout.split()[-1])
    with pikepdf.open(single) as pdf, pikepdf.open(CORPUS / "rapport.pdf") as source:
        assert links.dead_links(pdf) == []
        for page in range(len(source.pages)):
            assert _link_targets(pdf, page) == _link_targets(source, page)
        assert [p.label for p in pdf.pages] == [str(n) for n in range(1, len(pdf.pages) + 1)]


# --- page labels, checks -------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_the_bundles_page_labels_replace_the_reports_roman_numerals(built: Built) -> None:
    with pikepdf.open(built.bundle) as pdf:
        labels = [page.label for page in pdf.pages]
    assert labels == ["Omslag"] + [str(n) for n in range(2, len(labels) + 1)]


@pytest.mark.libreoffice
def test_the_bundle_of_ready_made_pdfs_passes_qpdf_and_embeds_every_font(built: Built) -> None:
    check = qpdf_check(built.bundle)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stdout + check.stderr
    assert unembedded(built.bundle) == []
    fonts = subprocess.run(
        ["pdffonts", str(built.bundle)], capture_output=True, text=True, check=True
    ).stdout
    assert "CID TrueType" in fonts
    texts = page_texts(built.bundle)
    with pikepdf.open(built.bundle) as pdf:
        start = _start(pdf, 7)
    assert "испытание будет оценено" in texts[start]
    assert "η δοκιμή θα αξιολογηθεί" in texts[start]


@pytest.mark.libreoffice
def test_outloud_finds_no_errors_in_a_bundle_of_ready_made_pdfs(built: Built) -> None:
    found = outloud_rules(built.bundle)
    print("outloud on the corpus bundle:", {k: dict(Counter(v)) for k, v in found.items()})
    assert found["error"] == []
    # PAG-001: the report prints its own page numbers at the foot of its pages
    assert set(found["warning"]) <= {"PAG-001", "TBL-014"}


# --- tags, turned pages, forms, scans ------------------------------------------------------------


def _part(pdf: pikepdf.Pdf, title: str) -> pikepdf.Object:
    document = pdf.Root.StructTreeRoot.K[0]
    return next(k for k in document.K if str(k.get("/T", "")).startswith(title))


def _types(element: pikepdf.Object) -> list[str]:
    found = [str(element.get("/S"))]
    kids = element.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and "/S" in kid:
            found.extend(_types(kid))
    return found


@pytest.mark.libreoffice
def test_a_tagged_ready_made_pdf_keeps_its_structure_tree(built: Built) -> None:
    with pikepdf.open(built.bundle) as pdf:
        tagged = Counter(_types(_part(pdf, "Bijlage 10:")))
        coarse = Counter(_types(_part(pdf, "Bijlage 4:")))
    assert tagged["/H1"] == 2 and tagged["/H2"] == 2
    assert tagged["/Link"] == 1 and tagged["/LI"] == 2
    # the untagged report: one paragraph a page and its links as Link elements
    assert coarse["/P"] == 7 and coarse["/Link"] == 10


@pytest.mark.libreoffice
def test_turned_pages_carry_their_stamps_upright(built: Built) -> None:
    with pikepdf.open(built.bundle) as pdf:
        start = _start(pdf, 6)
    for offset, (width, height, words) in enumerate(page_words(built.bundle)[start : start + 4]):
        # pdftotext gives the words as shown but the page's size before turning
        turned = offset in (1, 3)  # 90 (inherited from the page tree) and 270
        shown_w, shown_h = (height, width) if turned else (width, height)
        by_text = {w.text: w for w in words}
        page, kenmerk, title = by_text["pagina"], by_text["kenmerk"], by_text["gedraaid"]
        assert page.y0 > shown_h - 45 and kenmerk.y1 < 45, offset  # foot and head
        assert kenmerk.x1 > shown_w - 120 and kenmerk.x1 < shown_w, offset  # right, inside
        for word in (page, kenmerk, title):  # read left to right: wider than high
            assert word.x1 - word.x0 > word.y1 - word.y0, (offset, word)


@pytest.mark.libreoffice
def test_a_form_and_a_scan_are_bundled_with_a_warning(built: Built) -> None:
    assert "formulier.pdf (bijlage 8, formulier): removed form fields" in built.output
    assert "scan.pdf (bijlage 9, scan): the PDF has no text (a scan?)" in built.output
    texts = page_texts(built.bundle)
    with pikepdf.open(built.bundle) as pdf:
        assert "Naam van de buurt" in texts[_start(pdf, 8)]
        scan = pdf.pages[_start(pdf, 9)]
        assert any(x.get("/Subtype") == Name.Image for x in scan.get_images().values())


# --- the link functions on their own (no LibreOffice) -------------------------------------------


def _pdf_with_links(*owners: Dictionary) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page()
    pdf.pages[0].obj.Annots = Array(
        [
            pdf.make_indirect(
                Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 9, 9], **o)
            )
            for o in owners
        ]
    )
    for annot, owner in zip(pdf.pages[0].obj.Annots, owners, strict=True):
        for key, value in owner.items():
            annot[key] = value
    tree = pikepdf.NameTree.new(pdf)
    tree["known"] = Array([pdf.pages[1].obj, Name.Fit])
    pdf.Root.Names = Dictionary(Dests=tree.obj)
    return pdf


def test_a_link_to_a_name_nothing_defines_is_dead() -> None:
    pdf = _pdf_with_links(
        Dictionary(Dest=String("known")), Dictionary(A=Dictionary(S=Name.GoTo, D=String("gone")))
    )
    assert links.dead_links(pdf) == ["page 1: link to 'gone': no such page or destination"]


def test_a_link_to_a_page_outside_the_pdf_is_dead() -> None:
    pdf = _pdf_with_links(Dictionary(Dest=Array([Dictionary(Type=Name.Page), Name.Fit])))
    assert links.dead_links(pdf) == [
        "page 1: link to an explicit destination: no such page or destination"
    ]


def test_a_bookmark_to_a_missing_name_is_dead() -> None:
    pdf = _pdf_with_links()
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Hoofdstuk 9", String("nergens")))
    assert links.dead_links(pdf) == [
        "bookmark 'Hoofdstuk 9': 'nergens': no such page or destination"
    ]


def test_dead_links_of_a_ready_made_pdf_are_dropped_before_bundling() -> None:
    pdf = _pdf_with_links(Dictionary(Dest=String("known")), Dictionary(Dest=String("gone")))
    assert links.drop_dead_links(pdf) == [1]
    assert links.dead_links(pdf) == []
    assert len(pdf.pages[0].obj.Annots) == 1


def test_two_copies_of_a_report_merged_keep_every_link_on_its_own_copy() -> None:
    copies = [pikepdf.open(CORPUS / "rapport.pdf") for _ in range(2)]
    detached = [links.detach(pdf, prefix=f"b{n}") for n, pdf in enumerate(copies, start=1)]
    merged = structure.merge([structure.Source(pdf=pdf, title="Rapport") for pdf in copies])
    pdf = merged.pdf
    names: dict[str, Array] = {}
    for own, start in zip(detached, merged.starts, strict=True):
        names.update(links.attach(pdf, own, start=start, count=7))
    links.write_destinations(pdf, names)
    links.finish_links(pdf)
    assert links.dead_links(pdf) == []
    with pikepdf.open(CORPUS / "rapport.pdf") as source:
        for start in merged.starts:
            for page in range(7):
                expected = [start + t for t in _link_targets(source, page) if t is not None]
                assert _link_targets(pdf, start + page) == expected
    annots = [a for page in pdf.pages for a in page.obj.get("/Annots", Array())]
    assert all(str(a.Contents).startswith("Naar pagina ") for a in annots)
    assert all(int(a.F) & 4 for a in annots)  # printable, as PDF/A wants
