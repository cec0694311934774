"""Every kind of foreign input, through the whole build: what the bundle must be.

For each input of the corpus (tests/corpus: templates saved by Word, Writer and python-docx;
ready-made PDFs from other tools; ready-made Word files with leftover tags; a footnote in an
.odt) the bundle is either *conformant* — it claims PDF/A-2 and PDF/UA-1, outloud finds no
error and inspect passes every check — or it *makes no claim it cannot keep* and the build
says why. In both, qpdf finds nothing wrong and no link or bookmark is dead. Run with
whichever LibreOffice ``BESLUITPAK_SOFFICE`` names (CI: 7.4, then 25.2).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pikepdf import Name

from besluitpak.pdf import links
from besluitpak.pdf.inspect import inspect
from tests.helpers import MINIMAL, ROOT, cli, outloud_rules, qpdf_check

pytestmark = pytest.mark.libreoffice

CORPUS = ROOT / "tests" / "corpus"


def _bijlage(
    name: str, source: Path, change: Callable[[Path], None] | None = None
) -> Callable[[Path], None]:
    """Add ``source`` (changed by ``change``) to the case as a ready-made bijlage."""

    def add(case: Path) -> None:
        target = case / "bijlagen" / name
        shutil.copyfile(source, target)
        if change is not None:
            change(target)
        with (case / "besluitpak.yaml").open("a", encoding="utf-8") as handle:
            handle.write(
                f"  - id: extra\n    titel: Ingezonden stuk\n    bestand: bijlagen/{name}\n"
            )

    return add


def _template(source: Path) -> Callable[[Path], None]:
    """Use ``source`` as the template of the minimal case's generated bijlage."""

    def use(case: Path) -> None:
        shutil.copyfile(source, case / "templates" / "notitie.docx")

    return use


def _strip_glyph_maps(path: Path) -> None:
    """A CID font as some tools write it: no /CIDToGIDMap and no ToUnicode (repairable)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for font in _type0(pdf):
            del font.DescendantFonts[0]["/CIDToGIDMap"]
            del font["/ToUnicode"]
        pdf.save(path)


def _strip_unicode_for_good(path: Path) -> None:
    """A CID font with no ToUnicode and a font program without a cmap: nothing here can
    tell which character a glyph is, so the bundle must not claim PDF/UA or PDF/A-2u."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for font in _type0(pdf):
            del font["/ToUnicode"]
            program = font.DescendantFonts[0].FontDescriptor.FontFile2
            ttf = TTFont(io.BytesIO(program.read_bytes()))
            del ttf["cmap"]
            data = io.BytesIO()
            ttf.save(data)
            program.write(data.getvalue())
        pdf.save(path)


def _type0(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [
        font
        for page in pdf.pages
        for font in page.Resources.Font.values()
        if font.Subtype == Name.Type0
    ]


@dataclass(frozen=True)
class Kind:
    """One kind of input, and what its bundle must be."""

    add: Callable[[Path], None]
    conformant: bool = True
    warns: str = ""
    """Text the build's warnings must hold ("" for none expected)."""
    pdfa: str = "PDF/A-2b"
    """What a bundle that is not conformant still claims."""


KINDS = {
    **{t.stem: Kind(add=_template(t)) for t in sorted((CORPUS / "word").glob("template-*.docx"))},
    **{
        f"pdf-{p.stem}": Kind(add=_bijlage(p.name, p))
        for p in sorted((CORPUS / "pdf").glob("*.pdf"))
        if p.stem != "leeg"  # no pages: refused (tests/pdf/test_readymade_fonts.py)
    },
    **{
        f"ready-{p.name}": Kind(add=_bijlage(p.name, p), warns="template tags")
        for p in sorted((CORPUS / "word").glob("leftover-tags*"))
    },
    "odt-footnote-and-links": Kind(add=_bijlage("voetnoot.odt", CORPUS / "ready" / "voetnoot.odt")),
    "pdf-cid-without-glyph-maps": Kind(
        add=_bijlage("cid.pdf", CORPUS / "pdf" / "cid.pdf", _strip_glyph_maps)
    ),
    "pdf-symbool": Kind(  # Symbol, not embedded: no free font has its metrics
        add=_bijlage("symbool.pdf", CORPUS / "pdf" / "symbool.pdf"),
        conformant=False,
        warns="not claimed: PDF/A-2, because fonts are not embedded: Symbol",
        pdfa="none",
    ),
    "pdf-cid-without-any-unicode": Kind(
        add=_bijlage("cid.pdf", CORPUS / "pdf" / "cid.pdf", _strip_unicode_for_good),
        conformant=False,
        warns="not claimed: PDF/UA-1",
    ),
}


@pytest.mark.parametrize("name", list(KINDS))
def test_every_bundle_keeps_its_claims_or_makes_none(name: str, tmp_path: Path) -> None:
    kind = KINDS[name]
    case = tmp_path / "case"
    shutil.copytree(MINIMAL, case)
    kind.add(case)
    result = cli("build", case, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    bundle = Path(result.stdout.strip().splitlines()[-1])
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    if kind.warns:
        assert any(kind.warns in line for line in warnings), result.stderr
    assert qpdf_check(bundle).returncode == 0
    with pikepdf.open(bundle) as pdf:
        assert links.dead_links(pdf) == []
    report = inspect(bundle)
    errors = outloud_rules(bundle)["error"]
    if kind.conformant:
        assert report.claims["pdfua"] == "PDF/UA-1"
        assert report.failed() == [], report.failed()
        assert errors == [], errors
        assert not any("not claimed" in line for line in warnings)
    else:
        assert report.claims["pdfua"] == "none"
        assert report.claims["pdfa"] == kind.pdfa
        assert "(bijlage 4)" in result.stderr  # the message names the document


@pytest.mark.parametrize("edition", ["intern", "openbaar"])
def test_strict_writes_nothing_that_would_claim_less(tmp_path: Path, edition: str) -> None:
    """The refusal names the bundle, also the public one, which is written under another
    name first to be read back (it named that internal file)."""
    case = tmp_path / "case"
    shutil.copytree(MINIMAL, case)
    KINDS["pdf-cid-without-any-unicode"].add(case)
    result = cli("build", case, "--out", tmp_path / "out", "--edition", edition, "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "not claimed: PDF/UA-1" in result.stderr
    assert f"-{edition}.pdf: --strict: nothing written" in result.stderr, result.stderr
    assert "unchecked" not in result.stderr
    assert list((tmp_path / "out").glob("*.pdf")) == []
    assert [p.name for p in (tmp_path / "out").iterdir() if "unchecked" in p.name] == []
