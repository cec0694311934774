"""Words and boxes of ready-made documents redacted for real (issue 29 item 3), built with the
real CLI: a hand-built PDF (pikepdf, tests/corpus/leaks/pdf_redaction.py) and a tagged PDF
that LibreOffice (soffice --convert-to, the build's export filter) made of the minimal case's
letter. The public bundle has none of the words
(pdftotext, its images' pixels, its links), keeps what is beside them, tags each box with its
ground, and passes qpdf --check and outloud; a word that is not on its page, and a word that
the public edition still holds elsewhere, stop the build saying where."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name

from besluitpak.convert.libreoffice import EXPORT_FILTER, soffice
from tests.corpus.leaks import pdf_redaction
from tests.helpers import build_bundle, cli, edit, outloud_rules, qpdf_check

pytestmark = pytest.mark.libreoffice

LETTER_WORDS = "steunt de proef"


def _lakken(entries: list[str]) -> str:
    return "    lakken:\n" + "".join(f"      - {e}\n" for e in entries)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal case, its kaart.pdf replaced by woorden.pdf and its letter by the PDF
    LibreOffice makes of it (tagged), each with lakken of words and boxes."""
    from tests.helpers import MINIMAL

    folder = tmp_path_factory.mktemp("woorden") / "case"
    shutil.copytree(MINIMAL, folder)
    profile = folder.parent / "profile"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            EXPORT_FILTER,
            "--outdir",
            str(folder / "bijlagen"),
            str(folder / "bijlagen" / "brief.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf_redaction.words_pdf(folder / "bijlagen" / "woorden.pdf")
    yaml = folder / "besluitpak.yaml"
    edit(
        yaml,
        "    bestand: bijlagen/kaart.pdf\n",
        "    bestand: bijlagen/woorden.pdf\n"
        + _lakken([*pdf_redaction.LAKKEN, *pdf_redaction.boxes()]),
    )
    edit(
        yaml,
        "    bestand: bijlagen/brief.docx\n",
        "    bestand: bijlagen/brief.pdf\n"
        + _lakken([f'{{pagina: 1, woorden: "{LETTER_WORDS}", grond: "5.1.2e"}}']),
    )
    return folder


@pytest.fixture(scope="module")
def public(case: Path) -> Path:
    return build_bundle(case, case.parent / "out")


def _pages(pdf: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return done.stdout.split("\f")


def test_the_words_are_gone_and_what_is_beside_them_stays(public: Path) -> None:
    text = "\n".join(_pages(public))
    for gone in ("LEAKWOORDTJ", "LEAKACTUALZICHT", "LEAKLINKWOORD", "LEAKTYPEDRIE"):
        assert gone not in text
    assert "LEAKDRAAIGELAKT" not in text  # the box on the rotated page
    assert not re.search(LETTER_WORDS.replace(" ", r"\s+"), text)
    for kept in ("LEAKNAASTOPEN", "LEAKREDOPENA", "LEAKDRAAIOPEN", "Proefdorp-Noord"):
        assert kept in text
    assert "Zie" in text and "voor meer" in text
    assert text.count("Gelakt: 5.1.2e") >= 6


def test_a_shared_form_loses_the_word_only_where_the_box_is(public: Path) -> None:
    pages = _pages(public)
    first = next(p for p in pages if "LEAKREDOPENA" in p)
    second = next(p for p in pages if "LEAKPAGINATWEEOPEN" in p)
    assert "LEAKFORMGEDEELD" not in first
    assert "LEAKFORMGEDEELD" in second


def test_the_pixels_under_the_box_are_cut_and_the_others_kept(public: Path) -> None:
    width = len(pdf_redaction.PIXELS)
    with pikepdf.open(public) as pdf:
        images = [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream)
            and o.get("/Subtype") == Name.Image
            and o.get("/Width") == width
        ]
        assert len(images) == 1
        pixels = images[0].read_bytes()
    start = pdf_redaction.PIXELS.index(b"LEAKBEELDPIXELS")
    assert pixels[: start - 1] == pdf_redaction.PIXELS[: start - 1]
    assert pixels[start : start + 15] == bytes(15)  # the box reaches 1 pt into each neighbour
    assert pixels.endswith(b"openbaar-openbaar")
    assert len(pixels) == width


def test_a_link_in_the_box_goes_and_one_outside_stays(public: Path) -> None:
    with pikepdf.open(public) as pdf:
        uris = [
            str(a.A.URI)
            for page in pdf.pages
            for a in page.obj.get("/Annots", [])
            if "/A" in a and a.A.get("/S") == Name.URI
        ]
    assert "https://example.org/openbaar" in uris
    assert not [u for u in uris if "LEAKLINKURI" in u]


def test_each_box_of_the_tagged_letter_is_tagged_with_its_ground(public: Path) -> None:
    with pikepdf.open(public) as pdf:
        spans = [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary)
            and o.get("/Type") == Name.StructElem
            and str(o.get("/ActualText", "")) == "Gelakt: artikel 5.1.2e Woo"
        ]
    assert spans, "no structure element says the ground of a box"
    assert all(isinstance(s.K, int) and s.P.S == Name.P for s in spans)


def test_the_public_bundle_passes_qpdf_and_outloud(public: Path) -> None:
    assert qpdf_check(public).returncode == 0
    assert outloud_rules(public)["error"] == []


def test_words_not_on_their_page_are_a_located_error(case: Path, tmp_path: Path) -> None:
    copy = tmp_path / "case"
    shutil.copytree(case, copy)
    edit(copy / "besluitpak.yaml", f'woorden: "{LETTER_WORDS}"', 'woorden: "Nergens te vinden"')
    result = cli("build", copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert (
        "bijlagen[2].lakken[0].woorden: expected words that are on page 1, got text "
        "'Nergens te vinden', which is not there" in result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_words_the_public_edition_holds_elsewhere_stop_the_public_edition(
    case: Path, tmp_path: Path
) -> None:
    """The reviewer named the words: they may be nowhere in the public edition; the guard
    reads every channel of what would ship and names where they still are."""
    copy = tmp_path / "case"
    shutil.copytree(case, copy)
    notitie = copy / "bijlagen" / "notitie.yaml"
    edit(notitie, "  - Na afloop", "  - De wijkraad LEAKWOORDTJ vroeg erom.\n  - Na afloop")
    result = cli("build", copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "words redacted on page 1 of bijlage 2" in result.stderr, result.stderr


def test_words_not_in_a_ready_made_docx_are_a_located_error(case: Path, tmp_path: Path) -> None:
    copy = tmp_path / "case"
    shutil.copytree(case, copy)
    edit(copy / "besluitpak.yaml", "bestand: bijlagen/brief.pdf", "bestand: bijlagen/brief.docx")
    edit(copy / "besluitpak.yaml", f'woorden: "{LETTER_WORDS}"', 'woorden: "Nergens"')
    result = cli("build", copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert (
        "bijlagen[2].lakken[0].woorden: expected words that are in the document, got text "
        "'Nergens', which is not there" in result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_a_box_over_nothing_is_a_located_error_and_nothing_is_written(
    case: Path, tmp_path: Path
) -> None:
    """A box measured from the top (as most viewers show points) covers nothing: refused."""
    copy = tmp_path / "case"
    shutil.copytree(case, copy)
    letter = f'{{pagina: 1, woorden: "{LETTER_WORDS}", grond: "5.1.2e"}}'
    edit(
        copy / "besluitpak.yaml", letter, '{pagina: 1, vak: [700, 900, 800, 1000], grond: "5.1.2e"}'
    )
    result = cli("build", copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert re.search(
        r"besluitpak\.yaml:\d+: bijlagen\[2\]\.lakken\[0\]\.vak: expected a box over something "
        r"drawn on page 1 \(PDF points from the bottom-left\), got a box where nothing is drawn",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_an_image_that_cannot_be_cut_is_named_and_strict_refuses(
    case: Path, tmp_path: Path
) -> None:
    """A JPEG 2000 image partly under a box goes whole: a warning naming the page; --strict
    stops the build instead. A tiling pattern under a box stops it naming the page."""
    from tests.pdf import redact_pdfs

    copy = tmp_path / "case"
    shutil.copytree(case, copy)
    redact_pdfs.jpx(copy / "bijlagen" / "brief.pdf")
    letter = f'{{pagina: 1, woorden: "{LETTER_WORDS}", grond: "5.1.2e"}}'
    edit(
        copy / "besluitpak.yaml", letter, '{pagina: 1, vak: [300, 600, 500, 680], grond: "5.1.2e"}'
    )
    result = cli("build", copy, "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    assert "--strict: nothing written:" in result.stderr, result.stderr
    assert (
        "page 1: an image (/Im1, JPXDecode) under a box cannot be decoded here to cut it; it is "
        "left out whole" in result.stderr
    )
    assert not list((tmp_path / "out").glob("*.pdf"))
    redact_pdfs.tiling(copy / "bijlagen" / "brief.pdf", "Dekkerzzz", at=(300, 600))
    result = cli("build", copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert re.search(
        r"bijlagen\[2\]\.lakken\[0\]\.vak: expected only text, images, forms and paths under the "
        r"boxes of page 1, which redaction can remove, got a path filled with a tiling pattern "
        r"reaching under a box; withhold the whole page instead \(paginas: \"1\"\)",
        result.stderr,
    ), result.stderr


def test_words_on_a_page_that_also_draws_an_image_and_outlines_warn_and_strict_refuses(
    case: Path, tmp_path: Path
) -> None:
    """The words are also drawn as pixels and outlines, which besluitpak cannot read: the
    build names the bijlage, the page and what it met; --strict writes nothing (adversarial
    finding G0)."""
    from tests.pdf import redact_pdfs

    copy = tmp_path / "case"
    shutil.copytree(case, copy)
    redact_pdfs.unread(copy / "bijlagen" / "brief.pdf", LETTER_WORDS, image="xobject", letters=3)
    result = cli("build", copy, "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    assert "--strict: nothing written:" in result.stderr, result.stderr
    assert re.search(
        r"bijlagen/brief\.pdf \(bijlage 3, brief\): page 1 also holds 1 image and drawn "
        r"outlines that besluitpak "
        rf"cannot read: check that '{LETTER_WORDS}' is not in them, or cover them with a vak",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))
