"""PDF/A-2 and PDF/UA-1: checked by outloud (a PDF/UA checker no one here wrote), qpdf,
poppler and our own inspect, which must also fail where a file is broken."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
import yaml

from tests.helpers import CASES, ROOT, cli, qpdf_check, unembedded
from tests.helpers import outloud_rules as outloud

# Warnings outloud may give, each explained in docs/bundle.md ("Accessibility: what is left").
EXPLAINED = {"TBL-014", "PAG-001"}


@pytest.fixture(scope="module")
def single_documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every document of the reference case as its own PDF (build --only, one batch)."""
    out = tmp_path_factory.mktemp("only")
    ids = ["collegevoorstel"] + [
        b["id"]
        for b in yaml.safe_load((ROOT / "besluitpak.yaml").read_text(encoding="utf-8"))["bijlagen"]
    ]
    result = cli("build", ROOT, "--out", out, *[x for i in ids for x in ("--only", i)])
    assert result.exit_code == 0, result.output
    files = [Path(line) for line in result.stdout.split()]
    assert len(files) == 12
    return files


@pytest.mark.libreoffice
def test_outloud_finds_no_errors_in_the_bundle(reference_bundle: Path) -> None:
    found = outloud(reference_bundle)
    assert found["error"] == []
    assert set(found["warning"]) <= EXPLAINED


@pytest.mark.libreoffice
def test_outloud_finds_no_errors_in_any_single_document(single_documents: list[Path]) -> None:
    for pdf in single_documents:
        found = outloud(pdf)
        assert found["error"] == [], pdf.name
        assert set(found["warning"]) <= EXPLAINED, pdf.name


@pytest.mark.libreoffice
def test_outloud_accepts_a_bundle_with_an_untagged_ready_made_pdf(minimal_bundle: Path) -> None:
    found = outloud(minimal_bundle)
    assert found["error"] == []


@pytest.mark.libreoffice
def test_inspect_reports_the_bundle_clean(reference_bundle: Path) -> None:
    result = cli("inspect", reference_bundle, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)[0]
    assert report["ok"] is True
    assert report["claims"]["pdfa"] == "PDF/A-2a"
    assert report["claims"]["pdfua"] == "PDF/UA-1"
    assert report["claims"]["language"] == "nl-NL"
    names = {check["name"] for check in report["checks"]}
    for needed in (
        "every font embedded",
        "every page's marked content reachable from the tree",
        "page numbers and labels are artifacts",
        "OutputIntent with an embedded ICC profile",
        "Info dictionary matches XMP",
        "no JavaScript",
    ):
        assert needed in names
    text = cli("inspect", reference_bundle)
    assert text.exit_code == 0
    assert "claims: PDF/A-2a, PDF/UA-1, language nl-NL" in text.stdout


@pytest.mark.libreoffice
def test_a_bundle_with_an_untagged_ready_made_pdf_claims_level_u(minimal_bundle: Path) -> None:
    result = cli("inspect", minimal_bundle, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["claims"]["pdfa"] == "PDF/A-2u"


@pytest.mark.libreoffice
def test_single_documents_are_conforming_too(single_documents: list[Path]) -> None:
    result = cli("inspect", *single_documents)
    assert result.exit_code == 0, result.stdout
    for pdf in single_documents:
        assert qpdf_check(pdf).returncode == 0
        assert unembedded(pdf) == []


@pytest.mark.libreoffice
def test_xmp_identifies_pdfa_and_pdfua_for_an_independent_reader(reference_bundle: Path) -> None:
    with pikepdf.open(reference_bundle) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == str(pdf.docinfo.Title)
        assert not pdf.is_encrypted


@pytest.mark.libreoffice
def test_table_header_rows_are_th_with_a_scope(reference_bundle: Path) -> None:
    with pikepdf.open(reference_bundle) as pdf:
        scopes: list[str] = []

        def listed(value: pikepdf.Object | None) -> list[pikepdf.Object | None]:
            """An array's items, or the one value (PDF allows either)."""
            return list(value) if isinstance(value, pikepdf.Array) else [value]

        def walk(element: pikepdf.Object | None) -> None:
            if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
                return
            if element.S == "/TH":
                scopes.extend(
                    str(a.Scope)
                    for a in listed(element.get("/A"))
                    if isinstance(a, pikepdf.Dictionary) and "/Scope" in a
                )
            for kid in listed(element.get("/K")):
                walk(kid)

        walk(pdf.Root.StructTreeRoot.K[0])
    assert len(scopes) >= 3 * 10  # every table of the ten bijlagen has a header row
    assert set(scopes) == {"/Column"}


@pytest.mark.libreoffice
def test_inspect_fails_on_a_broken_file(reference_bundle: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(reference_bundle) as pdf:
        del pdf.Root.Lang
        del pdf.pages[5].obj.StructParents
        pdf.Root.ViewerPreferences.DisplayDocTitle = False
        pdf.save(broken)
    result = cli("inspect", broken)
    assert result.exit_code == 1
    assert "[FAIL] document language: /Lang missing" in result.stdout
    assert "[FAIL] every page's marked content reachable from the tree" in result.stdout
    assert "[FAIL] title shown by viewers" in result.stdout


def test_inspect_on_something_that_is_not_a_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("<html>not a pdf</html>")
    result = cli("inspect", fake)
    assert result.exit_code == 1
    assert f"error: {fake}: not a readable PDF" in result.stderr


def test_inspect_reports_an_untagged_pdf(tmp_path: Path) -> None:
    result = cli("inspect", CASES / "minimal" / "bijlagen" / "kaart.pdf")
    assert result.exit_code == 1
    assert "[FAIL] tagged (StructTreeRoot, MarkInfo)" in result.stdout
    assert "[FAIL] PDF/A-2 identification in XMP" in result.stdout
