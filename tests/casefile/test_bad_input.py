"""Bad input: each case gets one exact message naming file, line and key, and exit status 1.

Every test starts from a valid minimal case (tests/cases/minimal) and breaks one thing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import cli, edit


def check(case: Path) -> tuple[int, str]:
    result = cli("check", case)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_valid_minimal_case_passes(minimal: Path) -> None:
    code, _ = check(minimal)
    assert code == 0


def test_broken_yaml_names_the_line(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "afdeling: Proefafdeling", "afdeling: [Proef")
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml:10: invalid YAML: while parsing a flow sequence" in err


def test_wrong_type_says_expected_and_found(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "onderwerp: Proef met besluitpak", "onderwerp: [a, b]")
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml:6: onderwerp: expected text, got a list" in err


def test_unknown_key_suggests_the_right_one(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "afdeling:", "afdelin:")
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml:9: afdelin: unknown key 'afdelin'; did you mean 'afdeling'?" in err
    assert "required key 'afdeling' is missing" in err


def test_unknown_key_in_a_bijlage_suggests(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "    titel: Notitie over de proef", "    titl: Notitie")
    code, err = check(minimal)
    assert code == 1
    assert "bijlagen[0].titl: unknown key 'titl'; did you mean 'titel'?" in err


def test_impossible_date(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "collegevergadering: 2020-06-02",
        "collegevergadering: 2020-02-30",
    )
    code, err = check(minimal)
    assert code == 1
    assert (
        "besluitpak.yaml:7: collegevergadering: expected a real date like 2014-03-11, "
        "got text '2020-02-30'"
    ) in err


def test_date_in_dutch_notation_is_refused_with_the_form_expected(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "collegevergadering: 2020-06-02",
        "collegevergadering: 2-6-2020",
    )
    code, err = check(minimal)
    assert code == 1
    assert "collegevergadering: expected a real date like 2014-03-11, got text '2-6-2020'" in err


def test_bad_kenmerk(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", "kenmerk: 2020 123")
    code, err = check(minimal)
    assert code == 1
    assert (
        "besluitpak.yaml:5: kenmerk: "
        "expected a kenmerk like 2014/123456, Z-2026-000123 or UTR.2026.804711 (letters, "
        "digits and / - . _, starting with a letter or digit, at most 64 characters), "
        "got text '2020 123'"
    ) in err


def test_duplicate_bijlage_id(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "  - id: kaart", "  - id: notitie")
    code, err = check(minimal)
    assert code == 1
    assert (
        "besluitpak.yaml:27: bijlagen[1].id: duplicate bijlage id 'notitie': expected a "
        "unique id, also used by bijlage 1"
    ) in err


def test_duplicate_yaml_key(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "afdeling: Proefafdeling",
        "afdeling: Proefafdeling\nafdeling: Andere",
    )
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml:10: afdeling: duplicate key: it is given more than once" in err


def test_missing_template(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "template: templates/notitie.docx",
        "template: templates/notitje.docx",
    )
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml:25: bijlagen[0].template: file not found: templates/notitje.docx" in err


def test_missing_data_file(minimal: Path) -> None:
    (minimal / "bijlagen" / "notitie.yaml").unlink()
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml:26: bijlagen[0].data: file not found: bijlagen/notitie.yaml" in err


def test_path_escaping_the_case_folder(minimal: Path) -> None:
    (minimal.parent / "elders.yaml").write_text("titel: x\n")
    edit(minimal / "besluitpak.yaml", "data: bijlagen/notitie.yaml", "data: ../elders.yaml")
    code, err = check(minimal)
    assert code == 1
    assert "bijlagen[0].data: expected a path inside the case folder" in err
    assert "got '../elders.yaml', which leads outside it" in err


def test_absolute_path(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "bestand: bijlagen/kaart.pdf", "bestand: /etc/hostname")
    code, err = check(minimal)
    assert code == 1
    assert (
        "bijlagen[1].bestand: expected a path relative to the case folder, got absolute "
        "path '/etc/hostname'"
    ) in err


def test_symlink_out_of_the_case_folder(minimal: Path) -> None:
    outside = minimal.parent / "geheim.pdf"
    outside.write_bytes((minimal / "bijlagen" / "kaart.pdf").read_bytes())
    (minimal / "bijlagen" / "kaart.pdf").unlink()
    os.symlink(outside, minimal / "bijlagen" / "kaart.pdf")
    code, err = check(minimal)
    assert code == 1
    assert "bijlagen[1].bestand: expected a path inside the case folder" in err


def test_ready_made_file_of_the_wrong_kind(minimal: Path) -> None:
    (minimal / "bijlagen" / "kaart.png").write_bytes(b"\x89PNG")
    edit(minimal / "besluitpak.yaml", "bestand: bijlagen/kaart.pdf", "bestand: bijlagen/kaart.png")
    code, err = check(minimal)
    assert code == 1
    assert (
        "bijlagen[1].bestand: expected a .docx or .odt or .pdf file, got 'bijlagen/kaart.png'"
        in err
    )


def test_template_and_bestand_together(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf",
        "    bestand: bijlagen/kaart.pdf\n    template: templates/notitie.docx",
    )
    code, err = check(minimal)
    assert code == 1
    assert "bijlagen[1]: expected either template + data or bestand, got both" in err


def test_withheld_without_ground(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf",
        "    bestand: bijlagen/kaart.pdf\n    openbaar: false",
    )
    code, err = check(minimal)
    assert code == 1
    assert "bijlagen[1]: expected a grond (legal ground) for a bijlage that is not openbaar" in err


def test_embargo_before_the_meeting(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "afdeling: Proefafdeling",
        "afdeling: Proefafdeling\nembargo_tot: 2020-01-01",
    )
    code, err = check(minimal)
    assert code == 1
    assert (
        "embargo_tot: expected a date on or after the collegevergadering (2020-06-02), "
        "got 2020-01-01"
    ) in err


def test_reference_to_unknown_bijlage_id_in_data(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "({bijlage:notitie})", "({bijlage:notitje})")
    code, err = check(minimal)
    assert code == 1
    assert (
        "besluitpak.yaml:18: voorstel.data.besluitpunten[0]: reference to unknown bijlage id "
        "'notitje': expected one of the case's bijlage ids; did you mean 'notitie'?"
    ) in err


def test_reference_to_unknown_bijlage_id_in_a_template(minimal: Path, tmp_path: Path) -> None:
    from docx import Document

    template = minimal / "templates" / "voorstel.docx"
    doc = Document(str(template))
    doc.add_paragraph("Zie {{ bijlage('onbekend') }}.")
    doc.save(str(template))
    result = cli("render", minimal, "--out", tmp_path / "docx")
    assert result.exit_code == 1
    assert (
        "voorstel.docx: bijlage('onbekend'): expected the id of a bijlage of this case "
        "(brief, kaart, notitie), got 'onbekend'" in result.stderr
    )


def test_missing_key_in_a_data_file_names_that_file(minimal: Path) -> None:
    edit(minimal / "bijlagen" / "notitie.yaml", "titel: Notitie over de proef\n", "")
    (minimal / "templates" / "notitie.schema.json").write_text(
        '{"type": "object", "required": ["titel", "alineas"], "additionalProperties": false,'
        ' "properties": {"titel": {"type": "string"}, "alineas": {"type": "array"},'
        ' "rijen": {"type": "array"}}}'
    )
    code, err = check(minimal)
    assert code == 1
    assert "bijlagen/notitie.yaml:1: required key 'titel' is missing" in err


def test_data_once_valid_is_checked_again_against_a_changed_schema(minimal: Path) -> None:
    """Valid data is remembered (validating it costs ~0.15 s), by data, schema and code."""
    schema = minimal / "templates" / "notitie.schema.json"
    schema.write_text('{"type": "object", "properties": {"titel": {"type": "string"}}}')
    assert check(minimal)[0] == 0
    assert check(minimal)[0] == 0  # from what was remembered
    schema.write_text(
        '{"type": "object", "required": ["datum"], "properties": {"titel": {"type": "string"}}}'
    )
    code, err = check(minimal)
    assert code == 1
    assert "bijlagen/notitie.yaml:1: required key 'datum' is missing" in err


def test_a_date_where_text_was_valid_is_not_taken_for_it(minimal: Path) -> None:
    schema = minimal / "templates" / "notitie.schema.json"
    schema.write_text('{"type": "object", "properties": {"titel": {"type": "string"}}}')
    edit(
        minimal / "bijlagen" / "notitie.yaml", "titel: Notitie over de proef", "titel: '2014-03-11'"
    )
    assert check(minimal)[0] == 0
    edit(minimal / "bijlagen" / "notitie.yaml", "titel: '2014-03-11'", "titel: 2014-03-11")
    code, err = check(minimal)
    assert code == 1
    assert "titel: expected text, got" in err


def test_unknown_key_in_a_data_file_suggests(reference: Path) -> None:
    edit(reference / "bijlagen" / "gebiedsprogramma-oost.yaml", "\ncontact:", "\ncontakt:")
    code, err = check(reference)
    assert code == 1
    assert "bijlagen/gebiedsprogramma-oost.yaml" in err
    assert "contakt: unknown key 'contakt'; did you mean 'contact'?" in err


def test_wrong_type_in_a_data_file(reference: Path) -> None:
    path = reference / "bijlagen" / "gebiedsprogramma-noord.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("bedrag: ")
    end = text.index("\n", first)
    path.write_text(text[:first] + "bedrag: veel" + text[end:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    code, err = check(reference)
    assert code == 1
    assert (
        f"bijlagen/gebiedsprogramma-noord.yaml:{line}: pijlers[0].projecten[0].bedrag: "
        "expected a whole number, got text 'veel'" in err
    )


def test_all_problems_of_a_file_are_reported_at_once(minimal: Path) -> None:
    case = minimal / "besluitpak.yaml"
    edit(case, "kenmerk: 2020/000123", "kenmerk: -123")
    edit(case, "collegevergadering: 2020-06-02", "collegevergadering: morgen")
    edit(case, "afdeling:", "afdelingg:")
    code, err = check(minimal)
    assert code == 1
    assert err.startswith("error: 4 problems in the case:")
    for key in ("kenmerk:", "collegevergadering:", "afdelingg:", "required key 'afdeling'"):
        assert key in err


def test_template_with_a_jinja_syntax_error(minimal: Path) -> None:
    from docx import Document

    template = minimal / "templates" / "notitie.docx"
    doc = Document(str(template))
    doc.add_paragraph("{{ titel }")
    doc.save(str(template))
    code, err = check(minimal)
    assert code == 1
    assert "notitie.docx: template syntax error: unexpected '}'" in err
    assert "near:" in err


def test_template_variable_the_data_lacks(minimal: Path, tmp_path: Path) -> None:
    from docx import Document

    template = minimal / "templates" / "notitie.docx"
    doc = Document(str(template))
    doc.add_paragraph("Bron: {{ bron }}")
    doc.save(str(template))
    code, err = check(minimal)
    assert code == 1
    assert (
        "templates/notitie.docx: uses variable 'bron', which notitie.yaml (for bijlage 1, "
        "id 'notitie') does not give"
    ) in err
    result = cli("render", minimal, "--out", tmp_path / "docx")
    assert result.exit_code == 1
    assert (
        "notitie.docx: undefined variable while rendering bijlage 1 (notitie): 'bron' is "
        "undefined (near: 'Bron: {{ bron }}')" in result.stderr
    )


def test_xml_invalid_control_character_is_refused(minimal: Path) -> None:
    edit(minimal / "bijlagen" / "notitie.yaml", "- De proef loopt", '- "De \\a proef loopt')
    edit(minimal / "bijlagen" / "notitie.yaml", "Proefdorp-Noord.", 'Proefdorp-Noord."')
    code, err = check(minimal)
    assert code == 1
    assert (
        "bijlagen/notitie.yaml:3: alineas[0]: expected text without control characters, got "
        "U+0007 at position 4; remove it (a Word document cannot hold it)"
    ) in err


def test_empty_case_file(minimal: Path) -> None:
    (minimal / "besluitpak.yaml").write_text("# nothing yet\n")
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml: expected a mapping (key: value lines), got an empty file" in err


def test_case_file_that_is_a_list(minimal: Path) -> None:
    (minimal / "besluitpak.yaml").write_text("- a\n- b\n")
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml:1: expected a mapping (key: value lines), got a list" in err


def test_case_file_that_is_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "leeg"
    folder.mkdir()
    code, err = check(folder)
    assert code == 1
    assert f"{folder}: expected a YAML file, got a directory" in err


def test_case_file_that_does_not_exist(tmp_path: Path) -> None:
    code, err = check(tmp_path / "geen.yaml")
    assert code == 1
    assert "geen.yaml: file not found" in err


def test_case_file_not_utf8(minimal: Path) -> None:
    path = minimal / "besluitpak.yaml"
    latin1 = "Proefafdeling é".encode("latin-1")
    path.write_bytes(path.read_bytes().replace(b"Proefafdeling", latin1))
    code, err = check(minimal)
    assert code == 1
    assert "besluitpak.yaml: expected UTF-8 text, got undecodable bytes" in err


@pytest.mark.parametrize("word", ["nee", "ja"])
def test_openbaar_must_be_true_or_false(minimal: Path, word: str) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf",
        f"    bestand: bijlagen/kaart.pdf\n    openbaar: {word}\n    grond: art. 55 Gemeentewet",
    )
    code, err = check(minimal)
    assert code == 1
    assert f"bijlagen[1].openbaar: expected true or false, got text '{word}'" in err


def test_characters_no_installed_font_can_show(minimal: Path) -> None:
    edit(minimal / "bijlagen" / "notitie.yaml", "- De proef loopt", "- 会议 De proef loopt")
    code, err = check(minimal)
    assert code == 1
    assert (
        "bijlagen/notitie.yaml:3: alineas[0]: expected text the installed fonts can show, "
        "got 会 (U+4F1A), 议 (U+8BAE); leave it out or install a font that has it (e.g. "
        "fonts-noto-cjk for Chinese or Japanese)"
    ) in err
