"""Word input from outside, through LibreOffice: a template saved by Word, Writer 7.4, Writer
25.2 or python-docx builds a bundle with its header logo, footnote and landscape page; the
rendered .docx converts with LibreOffice 7.4 and 25.2 (whichever are here); template tags
left in a ready-made .docx or .odt are a warning, and --strict fails on them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from besluitpak.convert.libreoffice import EXPORT_FILTER
from tests.helpers import MINIMAL, cli, edit, page_texts, page_words, qpdf_check
from tests.render.test_foreign_word import CORPUS, TEMPLATES, render, use_template

pytestmark = pytest.mark.libreoffice

LO25 = Path("/opt/lo25/soffice")
SOFFICES = list(
    dict.fromkeys(
        [os.environ.get("BESLUITPAK_SOFFICE") or "soffice", *([str(LO25)] if LO25.exists() else [])]
    )
)
"""The LibreOffice of this run, and 25.2 beside it where it is installed."""


def images_per_page(pdf: Path) -> dict[int, int]:
    """How many images poppler's pdfimages lists on each page (1-based)."""
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    counts: dict[int, int] = {}
    for line in listed:
        page = int(line.split()[0])
        counts[page] = counts.get(page, 0) + 1
    return counts


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.stem)
def test_a_foreign_template_builds_with_its_logo_footnote_and_landscape_page(
    minimal: Path, tmp_path: Path, template: Path
) -> None:
    use_template(minimal, template)
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr and "Traceback" not in result.output
    bundle = Path(result.stdout.split()[-1])
    pages = [" ".join(text.split()) for text in page_texts(bundle)]
    [first] = [i for i, text in enumerate(pages) if "Onderwerp: Proef met besluitpak" in text]
    assert "Bijlage 1 bij collegebesluit 2020/000123" in pages[first]
    assert "Voetnoot: bron gemeente Proefdorp, kenmerk 2020/000123." in pages[first]
    assert "De proef loopt een jaar in Proefdorp-Noord." in pages[first]
    assert images_per_page(bundle).get(first + 1, 0) >= 1  # the header logo
    width, height, _ = page_words(bundle)[first + 1]
    assert width > height  # the landscape section has a page of its own
    assert "Cijfers (liggend)" in pages[first + 1]
    assert "Deelnemers 120" in pages[first + 1] and "Budget € 15.000" in pages[first + 1]
    assert "{{" not in " ".join(pages) and "{%" not in " ".join(pages)
    assert qpdf_check(bundle).returncode == 0


@pytest.mark.parametrize("program", SOFFICES)
def test_every_rendered_corpus_docx_converts_with_libreoffice(program: str, tmp_path: Path) -> None:
    """LibreOffice 25.2 refused a rendered Writer template ("source file could not be
    loaded") while core.xml stood twice in it; converted here directly, as a user would."""
    sources = []
    for template in TEMPLATES:
        case = tmp_path / template.stem
        shutil.copytree(MINIMAL, case)
        use_template(case, template)
        rendered = render(case, tmp_path / "docx" / template.stem) / "01-notitie.docx"
        sources.append(rendered.rename(tmp_path / f"{template.stem}.docx"))
    done = subprocess.run(
        [
            program,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            EXPORT_FILTER,
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "could not be loaded" not in done.stdout + done.stderr
    for source in sources:
        pdf = tmp_path / "pdf" / f"{source.stem}.pdf"
        assert pdf.exists(), f"{program} did not convert {source.name}: {done.stdout}"
        text = " ".join(page_texts(pdf))
        assert "Voetnoot: bron gemeente Proefdorp" in " ".join(text.split()), source.name


def test_template_tags_left_in_ready_made_files_warn_and_strict_fails_on_them(
    minimal: Path, tmp_path: Path
) -> None:
    shutil.copyfile(CORPUS / "leftover-tags-writer.docx", minimal / "bijlagen" / "brief.docx")
    shutil.copyfile(CORPUS / "leftover-tags.odt", minimal / "bijlagen" / "oproep.odt")
    case_file = minimal / "besluitpak.yaml"
    case_file.write_text(
        case_file.read_text(encoding="utf-8")
        + "  - id: oproep\n    titel: Oproep van de buurt\n    bestand: bijlagen/oproep.odt\n",
        encoding="utf-8",
    )
    edit(case_file, "({bijlage:kaart..brief})", "({bijlage:kaart..oproep})")
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0, result.output
    for where in (
        "bijlagen/brief.docx (bijlage 3, brief)",
        "bijlagen/oproep.odt (bijlage 4, oproep)",
    ):
        assert (
            f"warning: {where}: 5 template tags left in this ready-made document, printed as "
            f"they stand: '{{{{ titel }}}}', '{{{{p bijlage_tekst }}}}', '{{% if spoed %}}'"
        ) in result.stderr
    pages = " ".join(page_texts(Path(result.stdout.split()[-1])))
    assert pages.count("Geachte {{ titel }},") == 2  # printed as it stands, as warned
    strict = cli("build", minimal, "--out", tmp_path / "strict", "--strict")  # from the cache
    assert strict.exit_code == 1
    assert "--strict: 2 warning(s), nothing written; first: bijlagen/brief.docx" in strict.stderr
    assert not list((tmp_path / "strict").glob("*.pdf"))
