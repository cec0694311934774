"""Ready-made PDFs as they come: standard fonts not embedded, and no pages at all.

The inputs are tests/corpus/pdf (made by its make_pdfs.py): ``standaardfonts.pdf`` (reportlab's
Helvetica, Times and Courier, and hand-written fonts with StandardEncoding and /Differences,
none embedded), ``symbool.pdf`` (Helvetica and Symbol, not embedded) and ``leeg.pdf`` (a valid
PDF whose page tree has no pages). What the bundles hold is read back with pikepdf, fontTools,
poppler and outloud, not with besluitpak's code.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from fontTools import agl
from fontTools.ttLib import TTFont
from lxml import etree
from pikepdf import Array, Dictionary, Name

from besluitpak.casefile import fontcheck
from besluitpak.pdf import standard_fonts
from tests.helpers import (
    MINIMAL,
    ROOT,
    cli,
    outloud_rules,
    page_texts,
    page_words,
    qpdf_check,
    unembedded,
    xml_schema,
)

CORPUS = ROOT / "tests" / "corpus" / "pdf"
WORDS = (
    "Zwaluwstaartverbinding",  # Helvetica
    "Kikkerdrilvijver",  # Helvetica-Bold
    "Boomkikkerkoor",  # Helvetica-Oblique
    "Egelpaadjesplan",  # Helvetica-BoldOblique
    "Notenkrakersnest",  # Times-Roman
    "Uilenbalkenrij",  # Times-Italic
    "Ganzenveerinkt",  # Courier
    "café à € 12,50",  # WinAnsiEncoding beyond ASCII
    "‘Kabeljauwstaart’ € 7",  # StandardEncoding's quotes, the Euro by /Differences
    "Opficiersmesje",  # StandardEncoding's fi ligature, read as its letters
)


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    found: dict[tuple[int, int], pikepdf.Object] = {}
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", Dictionary()).values():
            found[font.objgen] = font
        for xobject in page.obj.Resources.get("/XObject", Dictionary()).values():
            if xobject.get("/Subtype") == Name.Form and "/Resources" in xobject:
                for font in xobject.Resources.get("/Font", Dictionary()).values():
                    found[font.objgen] = font
    return list(found.values())


def _embedded(font: pikepdf.Object) -> bool:
    owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = owner.get("/FontDescriptor", Dictionary())
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _embed(source: Path, out: Path) -> standard_fonts.Embedded:
    with pikepdf.open(source) as pdf:
        done = standard_fonts.embed(pdf)
        pdf.save(out)
    return done


# --- the fonts on their own (no bundle) -----------------------------------------------------------


def test_every_standard_latin_font_is_embedded_from_liberation(tmp_path: Path) -> None:
    done = _embed(CORPUS / "standaardfonts.pdf", tmp_path / "out.pdf")
    assert set(done.embedded) == {
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-BoldOblique",
        "Times-Roman",
        "Times-Italic",
        "Courier",
    }
    assert done.left == ()
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        fonts = _fonts(pdf)
        assert len(fonts) == 9  # seven on page 1, two written by hand on page 2
        for font in fonts:
            assert _embedded(font), font.BaseFont
            assert font.Subtype == Name.TrueType
            assert "Liberation" in str(font.BaseFont)
            program = font.FontDescriptor.FontFile2.read_bytes()
            assert len(program) < 40_000  # a subset, not the whole font (about 400 KB)


def _code_points(font: pikepdf.Object) -> dict[int, int]:
    """code -> character, read from the font dictionary's encoding as PDF 32000-1 9.6.6.4
    says a viewer reads a non-symbolic TrueType font: WinAnsiEncoding, then /Differences
    by the Adobe Glyph List."""
    encoding = font.Encoding
    assert (encoding if encoding == Name.WinAnsiEncoding else encoding.BaseEncoding) == (
        Name.WinAnsiEncoding
    )
    points = {}
    for code in range(32, 256):
        try:
            points[code] = ord(bytes([code]).decode("cp1252"))
        except UnicodeDecodeError:
            continue
    if isinstance(encoding, Dictionary):
        code = 0
        for item in encoding.Differences:
            if isinstance(item, int):
                code = int(item)
            else:
                assert agl.toUnicode(str(item)[1:]), item  # names of the Adobe Glyph List
                points[code] = ord(agl.toUnicode(str(item)[1:]))
                code += 1
    return points


def test_the_widths_are_the_embedded_programs_widths(tmp_path: Path) -> None:
    _embed(CORPUS / "standaardfonts.pdf", tmp_path / "out.pdf")
    checked = 0
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        for font in _fonts(pdf):
            program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
            cmap = program.getBestCmap()
            scale = 1000 / program["head"].unitsPerEm
            first, widths = int(font.FirstChar), [float(w) for w in font.Widths]
            for code, point in _code_points(font).items():
                if point in cmap and first <= code < first + len(widths):
                    advance = program["hmtx"][cmap[point]][0] * scale
                    assert abs(widths[code - first] - advance) <= 1, (font.BaseFont, code)
                    checked += 1
    assert checked > 9 * 200


@pytest.mark.libreoffice
def test_the_embedded_fonts_give_back_every_word_where_it_stood(tmp_path: Path) -> None:
    _embed(CORPUS / "standaardfonts.pdf", tmp_path / "out.pdf")
    assert unembedded(tmp_path / "out.pdf") == []
    check = qpdf_check(tmp_path / "out.pdf")
    assert check.returncode == 0, check.stdout + check.stderr
    text = "\n".join(page_texts(tmp_path / "out.pdf"))
    for word in WORDS:
        assert word in text
    # metric-compatible: every word where poppler put it with the standard fonts' own metrics
    before, after = page_words(CORPUS / "standaardfonts.pdf"), page_words(tmp_path / "out.pdf")
    for (_, _, old), (_, _, new) in zip(before, after, strict=True):
        assert [w.text for w in old] == [w.text for w in new]
        for was, now in zip(old, new, strict=True):
            assert abs(was.x0 - now.x0) < 0.5 and abs(was.x1 - now.x1) < 0.5, (was, now)


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("Helvetica-BoldOblique", "LiberationSans-BoldItalic.ttf"),
        ("ABCDEF+Helvetica", "LiberationSans-Regular.ttf"),
        ("Arial,Bold", "LiberationSans-Bold.ttf"),
        ("Arial-ItalicMT", "LiberationSans-Italic.ttf"),
        ("Times-Roman", "LiberationSerif-Regular.ttf"),
        ("TimesNewRomanPS-BoldItalicMT", "LiberationSerif-BoldItalic.ttf"),
        ("Courier-Oblique", "LiberationMono-Italic.ttf"),
        ("CourierNewPS-BoldMT", "LiberationMono-Bold.ttf"),
        ("Helvetica-Narrow", None),  # condensed: other widths
        ("Arial-Black", None),
        ("Symbol", None),
        ("ZapfDingbats", None),
        ("Verdana", None),
    ],
)
def test_only_a_font_with_the_same_metrics_stands_in(name: str, file: str | None) -> None:
    found = standard_fonts.stand_in(name)
    assert (found.name if found else None) == file


def test_symbol_has_no_free_stand_in_and_stays_as_it_is(tmp_path: Path) -> None:
    done = _embed(CORPUS / "symbool.pdf", tmp_path / "out.pdf")
    assert done.embedded == ("Helvetica",)
    assert done.left == ("Symbol (no free font has its metrics)",)
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert standard_fonts.unembedded(pdf) == {"Symbol": [1]}


def test_a_glyph_name_liberation_has_no_glyph_for_leaves_the_font_as_it_is() -> None:
    pdf = pikepdf.new()
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type1,
        BaseFont=Name.Helvetica,
        Encoding=Dictionary(Differences=Array([65, Name("/g123"), Name("/Euro")])),
    )
    pdf.pages.append(
        pikepdf.Page(
            Dictionary(
                Type=Name.Page,
                MediaBox=Array([0, 0, 595, 842]),
                Resources=Dictionary(Font=Dictionary(F=pdf.make_indirect(font))),
                Contents=pdf.make_stream(b"BT /F 12 Tf 72 700 Td (AB) Tj ET"),
            )
        )
    )
    done = standard_fonts.embed(pdf)
    assert done.left == ("Helvetica (no glyph for /g123 in LiberationSans)",)
    assert standard_fonts.unembedded(pdf) == {"Helvetica": [1]}


def test_a_stand_in_that_cannot_be_read_leaves_the_font_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged font file where the Liberation fonts are looked for: the font is left as it
    is, with why (the bundle then claims no PDF/A), and nothing stops."""
    liberation = standard_fonts.stand_in("Helvetica")
    assert liberation is not None
    (tmp_path / liberation.name).write_bytes(liberation.read_bytes()[:5000])
    monkeypatch.setattr(fontcheck, "_KNOWN", (tmp_path,))
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no fontconfig to fall back on
    fontcheck.font_file.cache_clear()
    try:
        with pikepdf.open(CORPUS / "symbool.pdf") as pdf:
            done = standard_fonts.embed(pdf)
    finally:
        fontcheck.font_file.cache_clear()
    assert done.embedded == ()
    assert done.left[0].startswith(
        "Helvetica (LiberationSans-Regular.ttf could not be embedded: unexpected end of"
    )


def test_a_font_written_once_a_page_is_embedded_once(tmp_path: Path) -> None:
    """As some generators write it: a font dictionary of its own on every page (and one
    in a form every page shows): one font program and one ToUnicode map for all."""
    pdf = pikepdf.new()

    def arial() -> pikepdf.Object:
        return pdf.make_indirect(
            Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Arial,Bold"))
        )

    form = pdf.make_stream(
        b"BT /F 12 Tf 10 10 Td (Formulier) Tj ET",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 200, 50]),
        Resources=Dictionary(Font=Dictionary(F=arial())),
    )
    for _ in range(3):
        pdf.pages.append(
            pikepdf.Page(
                Dictionary(
                    Type=Name.Page,
                    MediaBox=Array([0, 0, 595, 842]),
                    Resources=Dictionary(Font=Dictionary(F=arial()), XObject=Dictionary(X=form)),
                    Contents=pdf.make_stream(b"BT /F 12 Tf 72 700 Td (Pagina) Tj ET /X Do"),
                )
            )
        )
    done = standard_fonts.embed(pdf)
    assert done.embedded == ("Arial,Bold",)
    pdf.save(tmp_path / "out.pdf")
    with pikepdf.open(tmp_path / "out.pdf") as saved:
        fonts = _fonts(saved)
        assert len(fonts) == 4 and all(_embedded(font) for font in fonts)
        assert len({font.FontDescriptor.FontFile2.objgen for font in fonts}) == 1
        assert len({font.ToUnicode.objgen for font in fonts}) == 1
        assert all(str(font.BaseFont).endswith("+LiberationSans-Bold") for font in fonts)


# --- in a bundle --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    code: int
    output: str
    stderr: str
    bundles: dict[str, Path]
    """edition -> bundle."""


def _case(target: Path, name: str) -> Path:
    """The minimal case with ``name`` from the corpus as bijlage 4."""
    shutil.copytree(MINIMAL, target)
    shutil.copy(CORPUS / name, target / "bijlagen" / name)
    with (target / "besluitpak.yaml").open("a", encoding="utf-8") as case:
        case.write(f"  - id: gekregen\n    titel: Gekregen stuk\n    bestand: bijlagen/{name}\n")
    return target


def _build(case: Path, out: Path) -> Built:
    result = cli("build", case, "--out", out)
    bundles = {}
    for path in out.glob("*.pdf"):
        bundles["openbaar" if "openbaar" in path.name else "intern"] = path
    return Built(result.exit_code, result.output, result.stderr, bundles)


def _claims(bundle: Path) -> tuple[str | None, str | None, str | None]:
    with pikepdf.open(bundle) as pdf:
        meta = pdf.open_metadata()
        return meta.get("pdfaid:part"), meta.get("pdfaid:conformance"), meta.get("pdfuaid:part")


@pytest.fixture(scope="module")
def standard(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Built:
    work = tmp_path_factory.mktemp("standaardfonts")
    return _build(_case(work / "case", "standaardfonts.pdf"), work / "out")


@pytest.mark.libreoffice
def test_a_ready_made_pdf_with_standard_fonts_builds_with_every_font_embedded(
    standard: Built,
) -> None:
    assert standard.code == 0, standard.output
    assert "warning" not in standard.output, standard.output
    assert set(standard.bundles) == {"intern", "openbaar"}
    for bundle in standard.bundles.values():
        with pikepdf.open(bundle) as pdf:
            assert all(_embedded(font) for font in _fonts(pdf)), bundle.name
        assert unembedded(bundle) == []
        text = "\n".join(page_texts(bundle))
        for word in WORDS:
            assert word in text, (bundle.name, word)


@pytest.mark.libreoffice
def test_both_editions_of_a_ready_made_pdf_claim_the_same_pdfa_level(standard: Built) -> None:
    intern, openbaar = _claims(standard.bundles["intern"]), _claims(standard.bundles["openbaar"])
    assert intern == openbaar == ("2", "U", "1")  # an untagged ready-made PDF: level u


@pytest.mark.libreoffice
def test_both_editions_claim_the_same_when_the_public_one_withholds_a_page(
    tmp_path: Path, cache_dir: Path
) -> None:
    case = _case(tmp_path / "case", "standaardfonts.pdf")
    with (case / "besluitpak.yaml").open("a", encoding="utf-8") as handle:
        handle.write('    lakken:\n      - {paginas: "2", grond: "5.1.2e"}\n')
    built = _build(case, tmp_path / "out")
    assert built.code == 0, built.output
    assert "not claimed" not in built.output and "instead of" not in built.output
    intern, openbaar = _claims(built.bundles["intern"]), _claims(built.bundles["openbaar"])
    assert intern == openbaar == ("2", "U", "1")
    assert unembedded(built.bundles["openbaar"]) == []
    public = "\n".join(page_texts(built.bundles["openbaar"]))
    assert "Zwaluwstaartverbinding" in public and "Kabeljauwstaart" not in public
    for bundle in built.bundles.values():
        assert outloud_rules(bundle)["error"] == [], bundle.name


@pytest.mark.libreoffice
def test_both_editions_of_a_tagged_ready_made_pdf_claim_level_a_with_a_page_withheld(
    tmp_path: Path, cache_dir: Path
) -> None:
    """The minimal case's only untagged document (kaart.pdf) replaced by a tagged PDF: the
    intern edition claims PDF/A-2a; the public one, rebuilt from what may pass and with
    a page withheld, must keep its tags and claim the same."""
    case = tmp_path / "case"
    shutil.copytree(MINIMAL, case)
    shutil.copy(CORPUS / "getagd.pdf", case / "bijlagen" / "kaart.pdf")
    text = (case / "besluitpak.yaml").read_text(encoding="utf-8")
    withheld = (
        '    bestand: bijlagen/kaart.pdf\n    lakken:\n      - {paginas: "2", grond: "5.1.2e"}\n'
    )
    text = text.replace("    bestand: bijlagen/kaart.pdf\n", withheld)
    (case / "besluitpak.yaml").write_text(text, encoding="utf-8")
    built = _build(case, tmp_path / "out")
    assert built.code == 0, built.output
    intern, openbaar = _claims(built.bundles["intern"]), _claims(built.bundles["openbaar"])
    assert intern == openbaar == ("2", "A", "1"), built.output


@pytest.mark.libreoffice
def test_outloud_finds_no_errors_in_bundles_with_embedded_standard_fonts(
    standard: Built,
) -> None:
    for bundle in standard.bundles.values():
        assert outloud_rules(bundle)["error"] == [], bundle.name


@pytest.mark.libreoffice
def test_a_font_no_free_font_can_stand_in_for_drops_the_pdfa_claim_naming_the_bijlage(
    tmp_path: Path, cache_dir: Path
) -> None:
    built = _build(_case(tmp_path / "case", "symbool.pdf"), tmp_path / "out")
    assert built.code == 0, built.output
    assert (
        "bijlagen/symbool.pdf (bijlage 4, gekregen): fonts not embedded in the PDF: Symbol "
        "(no free font has its metrics)" in built.output
    )
    assert "not claimed: PDF/A-2, because fonts are not embedded: Symbol (bijlage 4)" in (
        built.output
    )
    assert re.search(
        r"not claimed: PDF/UA-1, because every font embedded failed \(\d+ fonts; "
        r"not embedded: Symbol \(p\.\d+ \(bijlage 4\)\)\)",
        built.output,
    )
    assert "install" not in built.output
    for bundle in built.bundles.values():  # the same claim in both: none
        part, level, _ = _claims(bundle)
        assert (part, level) == (None, None), bundle.name
        assert unembedded(bundle) == ["Symbol"]  # Helvetica beside it was embedded


@pytest.mark.libreoffice
def test_the_archive_record_of_a_bundle_without_pdfa_names_plain_pdf(
    tmp_path: Path, cache_dir: Path
) -> None:
    case = _case(tmp_path / "case", "symbool.pdf")
    result = cli("archive", case, "--archief", tmp_path / "archief", "--today", "2020-06-20")
    assert result.exit_code == 0, result.output
    version = Path(result.stdout.strip())
    bundle = version / "collegebesluit-2020-000123-intern.pdf"
    assert _claims(bundle)[:2] == (None, None)
    with pikepdf.open(bundle) as pdf:
        pdf_version = pdf.pdf_version
    record = etree.parse(str(version / "mdto" / f"{bundle.name}.xml"))
    assert xml_schema("MDTO-XML1.0.1.xsd").validate(record)
    ns = {"m": "https://www.nationaalarchief.nl/mdto"}
    format_ = record.find(".//m:bestandsformaat", namespaces=ns)
    assert format_ is not None
    assert format_.findtext("m:begripLabel", namespaces=ns) == (
        f"Acrobat PDF {pdf_version} - Portable Document Format"
    )  # not PDF/A-2b (fmt/477), which the bundle does not claim
    assert format_.findtext("m:begripCode", namespaces=ns) not in ("fmt/476", "fmt/477", "fmt/478")


@pytest.mark.libreoffice
@pytest.mark.parametrize("kids", [False, True], ids=["no-kids", "empty-kids"])
def test_a_pdf_without_pages_is_a_located_error(
    tmp_path: Path, cache_dir: Path, kids: bool
) -> None:
    case = _case(tmp_path / "case", "leeg.pdf")
    if kids:  # the page tree as pikepdf writes it: /Kids [] /Count 0
        pikepdf.new().save(case / "bijlagen" / "leeg.pdf")
    lines = (case / "besluitpak.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    bestand: bijlagen/leeg.pdf") + 1
    built = _build(case, tmp_path / "out")
    assert built.code == 1, built.output
    assert "Traceback" not in built.output and "internal error" not in built.output
    assert (
        f"besluitpak.yaml:{line}: bijlagen[3].bestand: bijlagen/leeg.pdf: expected a PDF "
        f"with at least one page, got 0 pages" in built.stderr
    )
    assert built.bundles == {}


def test_check_finds_a_pdf_without_pages_before_any_build(tmp_path: Path) -> None:
    case = _case(tmp_path / "case", "leeg.pdf")
    lines = (case / "besluitpak.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    bestand: bijlagen/leeg.pdf") + 1
    result = cli("check", case)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert (
        f"besluitpak.yaml:{line}: bijlagen[3].bestand: bijlagen/leeg.pdf: expected a PDF "
        f"with at least one page, got 0 pages" in result.stderr
    )


def test_check_passes_a_pdf_whose_standard_fonts_are_not_embedded(tmp_path: Path) -> None:
    result = cli("check", _case(tmp_path / "case", "standaardfonts.pdf"))
    assert result.exit_code == 0, result.output
