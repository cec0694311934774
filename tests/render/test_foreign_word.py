"""Word input from outside (fast tier, no LibreOffice): templates saved by Word, Writer 7.4,
Writer 25.2 and python-docx render to a valid package; template tags left in a ready-made
.docx or .odt are found; a value of the wrong kind for a filter and an unknown filter are
told in the user's terms. The corpus is tests/corpus/word (see make_word.py there)."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from besluitpak.casefile.case import load_case
from besluitpak.render import leftovers
from besluitpak.render.package import duplicate_names
from tests.helpers import ROOT, cli, edit

CORPUS = ROOT / "tests" / "corpus" / "word"
TEMPLATES = sorted(CORPUS.glob("template-*.docx"))
WRITER_REL = (
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)
STANDARD_REL = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def use_template(case: Path, template: Path) -> None:
    """Put a corpus template in place of the minimal case's bijlage ``notitie``."""
    shutil.copyfile(template, case / "templates" / "notitie.docx")


def render(case: Path, out: Path) -> Path:
    """``besluitpak render``; the folder of .docx files."""
    result = cli("render", case, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def add_paragraph(template: Path, text: str) -> None:
    doc = Document(str(template))
    doc.add_paragraph(text)
    doc.save(str(template))


def test_the_corpus_holds_templates_from_each_kind_of_writer() -> None:
    assert [t.stem for t in TEMPLATES] == [
        "template-python-docx",
        "template-word",
        "template-writer-25.2-ooxml",
        "template-writer-25.2",
        "template-writer-7.4-ooxml",
        "template-writer-7.4",
    ]
    for template in TEMPLATES:
        assert template.stat().st_size < 100_000  # small, as the house rules say


@pytest.mark.parametrize("version", ["7.4", "25.2"])
def test_writer_saving_office_open_xml_text_relates_core_properties_its_own_way(
    version: str,
) -> None:
    for suffix, relation in (("", STANDARD_REL), ("-ooxml", WRITER_REL)):
        with zipfile.ZipFile(CORPUS / f"template-writer-{version}{suffix}.docx") as archive:
            rels = archive.read("_rels/.rels").decode()
            app = archive.read("docProps/app.xml").decode()
        assert f'Type="{relation}" Target="docProps/core.xml"' in rels  # the corpus shows it
        assert "LibreOffice" in app


def test_python_docx_alone_writes_core_xml_twice_for_a_writer_ooxml_template(
    tmp_path: Path,
) -> None:
    """The cause, shown with python-docx alone: besluitpak must not depend on it."""
    doc = Document(str(CORPUS / "template-writer-7.4-ooxml.docx"))
    doc.core_properties.title = "x"
    with pytest.warns(UserWarning, match="Duplicate name: 'docProps/core.xml'"):
        doc.save(str(tmp_path / "broken.docx"))
    assert duplicate_names((tmp_path / "broken.docx").read_bytes()) == ["docProps/core.xml"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.stem)
def test_a_rendered_docx_holds_every_part_once_whoever_saved_the_template(
    minimal: Path, tmp_path: Path, template: Path
) -> None:
    use_template(minimal, template)
    rendered = render(minimal, tmp_path / "docx") / "01-notitie.docx"
    listed = names(rendered)
    assert not [name for name, n in Counter(listed).items() if n > 1]
    assert listed.count("docProps/core.xml") == 1
    doc = Document(str(rendered))
    assert doc.core_properties.title == "Notitie over de proef"  # the one core part, filled
    assert doc.core_properties.author == "Proefdorp"
    with zipfile.ZipFile(rendered) as archive:
        text = " ".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
        assert any(n.startswith("word/media/") for n in archive.namelist())  # the header logo
    assert "Voetnoot: bron gemeente Proefdorp, kenmerk 2020/000123." in text
    assert "Proef met besluitpak" in text  # the content control's tag, filled
    assert "{{" not in text and "{%" not in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert cells.count("Deelnemers") == 1 and "€ 15.000" in cells  # {%tr for %} rows
    paragraphs = [p.text for p in doc.paragraphs]
    assert "De proef loopt een jaar in Proefdorp-Noord." in paragraphs  # {%p for %}
    orientations = {s.orientation for s in doc.sections}
    assert len(orientations) == 2  # portrait and the landscape section


@pytest.mark.parametrize("bestand", ["leftover-tags-writer.docx", "leftover-tags.docx"])
def test_a_ready_made_docx_saved_by_writer_is_prepared_with_every_part_once(
    minimal: Path, tmp_path: Path, bestand: str
) -> None:
    shutil.copyfile(CORPUS / bestand, minimal / "bijlagen" / "brief.docx")
    prepared = render(minimal, tmp_path / "docx") / "03-brief.docx"
    assert not duplicate_names(prepared.read_bytes())
    assert Document(str(prepared)).core_properties.title == "Brief van de wijkraad"


@pytest.mark.parametrize(
    "bestand", ["leftover-tags.docx", "leftover-tags-writer.docx", "leftover-tags.odt"]
)
def test_template_tags_left_in_a_ready_made_file_are_found_per_paragraph(bestand: str) -> None:
    found = {(f.tag.replace(" ", ""), f.part) for f in leftovers.scan(CORPUS / bestand)}
    header = "header or footer" if bestand.endswith(".odt") else "header"
    assert {
        ("{{titel}}", "body"),  # split over three runs in the file
        ("{{pbijlage_tekst}}", "body"),
        ("{%ifspoed%}", "body"),
        ("{%endif%}", "body"),
        ("{{kenmerk}}", header),
    } <= found


def test_the_leftover_warning_names_the_bijlage_the_file_and_the_tags(minimal: Path) -> None:
    shutil.copyfile(CORPUS / "leftover-tags.odt", minimal / "bijlagen" / "brief.odt")
    edit(minimal / "besluitpak.yaml", "bestand: bijlagen/brief.docx", "bestand: bijlagen/brief.odt")
    case = load_case(minimal)
    [warning] = leftovers.warnings(case, case.bijlagen[2])
    assert warning.startswith(
        "bijlagen/brief.odt (bijlage 3, brief): 5 template tags left in this ready-made "
        "document, printed as they stand: '{{ titel }}', '{{p bijlage_tekst }}'"
    )
    assert "'{{ kenmerk }}' (in the header or footer)" in warning
    assert leftovers.warnings(case, case.bijlagen[1]) == []  # a PDF is not scanned
    assert leftovers.warnings(case, case.bijlagen[0]) == []  # a generated one is filled in


def test_a_ready_made_docx_without_tags_gives_no_warning(minimal: Path) -> None:
    case = load_case(minimal)
    assert leftovers.warnings(case, case.bijlagen[2]) == []


def test_a_text_value_where_getal_needs_a_number_names_the_data_file_line_key_and_value(
    minimal: Path, tmp_path: Path
) -> None:
    add_paragraph(minimal / "templates" / "notitie.docx", "Deelnemers: {{ rijen[0].waarde|getal }}")
    result = cli("render", minimal, "--out", tmp_path / "docx")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "format code" not in result.output
    assert (
        "bijlagen/notitie.yaml:7: rijen[0].waarde: expected a number like 1234, got text "
        "'120'; templates/notitie.docx formats it with |getal "
        "(near: 'Deelnemers: {{ rijen[0].waarde|getal }}')"
    ) in result.stderr


def test_a_text_where_datum_needs_a_date_names_the_case_file_line(
    minimal: Path, tmp_path: Path
) -> None:
    add_paragraph(minimal / "templates" / "voorstel.docx", "Op {{ afdeling|datum }}.")
    result = cli("render", minimal, "--out", tmp_path / "docx")
    assert result.exit_code == 1
    assert (
        "besluitpak.yaml:9: afdeling: expected a date like 2014-03-11, got text "
        "'Proefafdeling'; templates/voorstel.docx formats it with |datum"
    ) in result.stderr


def test_a_value_the_template_computed_is_named_with_the_template_and_paragraph(
    minimal: Path, tmp_path: Path
) -> None:
    add_paragraph(minimal / "templates" / "notitie.docx", "Som: {{ (titel ~ '!')|bedrag }}")
    result = cli("render", minimal, "--out", tmp_path / "docx")
    assert result.exit_code == 1
    assert (
        "templates/notitie.docx: cannot render bijlage 1 (notitie): |bedrag: expected an "
        "amount (a number like 125000), got text 'Notitie over de proef!' "
        "(near: \"Som: {{ (titel ~ '!')|bedrag }}\")"
    ) in result.stderr


def test_an_unknown_filter_names_the_template_the_paragraph_and_the_filters(
    minimal: Path, tmp_path: Path
) -> None:
    add_paragraph(minimal / "templates" / "notitie.docx", "Titel: {{ titel|hoofdletters }}")
    for command in ("check", "render"):
        args = ("--out", tmp_path / command) if command == "render" else ()
        result = cli(command, minimal, *args)
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert (
            "notitie.docx: unknown filter 'hoofdletters' (near: 'Titel: {{ titel|hoofdletters }}')"
            " (the available filters: datum, bedrag, getal (Dutch formatting) and Jinja's abs,"
        ) in result.stderr
        assert "upper" in result.stderr


def test_an_unknown_filter_inside_an_if_block_is_found_before_rendering(
    minimal: Path, tmp_path: Path
) -> None:
    add_paragraph(
        minimal / "templates" / "notitie.docx", "{% if titel %}{{ titel|datumm }}{% endif %}"
    )
    result = cli("render", minimal, "--out", tmp_path / "docx")
    assert result.exit_code == 1
    assert "unknown filter 'datumm'" in result.stderr
    assert "did you mean 'datum'?" in result.stderr


def test_an_unknown_filter_in_the_header_says_so(minimal: Path, tmp_path: Path) -> None:
    template = minimal / "templates" / "notitie.docx"
    doc = Document(str(template))
    doc.sections[0].header.paragraphs[0].text = "{{ kenmerk|vet }}"
    doc.save(str(template))
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "unknown filter 'vet' in the header (near: '{{ kenmerk|vet }}')" in result.stderr
