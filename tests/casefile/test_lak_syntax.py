"""Redaction markup in the case file: every mistake a located message, all of a file at once,
before any work (fast tier: loading only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from besluitpak.casefile import lak
from tests.helpers import cli, edit

NOTITIE_LINE = "  - Na afloop volgt een evaluatie met de wijkraad."


def _write(case: Path, text: str) -> None:
    quoted = text.replace('"', '\\"')
    edit(case / "bijlagen" / "notitie.yaml", NOTITIE_LINE, f'  - "{quoted}"')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Met {lak:5.1.9z}mevrouw Jansen{/lak}.",
            "expected a Woo ground (5.1.1a, 5.1.1b, 5.1.1c,",
        ),
        ("Met {lak:5.1.2e}mevrouw Jansen.", "expected {/lak} after the redacted passage"),
        ("Met mevrouw Jansen{/lak}.", "got a closing tag alone"),
        ("Met {lak: 5.1.2e}mevrouw{/lak}.", "did you mean {lak:5.1.2e}?"),
        ("Met {lak:5.1.2e}{lak:5.1.2e}a{/lak}{/lak}.", "passages cannot be nested"),
        ("Met {lak:5.1.2e} {/lak}.", "expected text between {lak:5.1.2e} and {/lak}"),
    ],
)
def test_a_wrong_redaction_is_a_located_error(minimal: Path, text: str, message: str) -> None:
    _write(minimal, text)
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "bijlagen/notitie.yaml:4: alineas[1]:" in result.stderr
    assert message in result.stderr


def test_a_space_after_the_colon_that_yaml_reads_as_a_mapping_says_so(minimal: Path) -> None:
    edit(
        minimal / "bijlagen" / "notitie.yaml",
        NOTITIE_LINE,
        "  - Na afloop volgt {lak: 5.1.2e}mevrouw Jansen{/lak} de evaluatie.",
    )
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert (
        "bijlagen/notitie.yaml:4: alineas[1]: expected text, got a mapping: YAML read the line "
        "as 'key: value' at the space after '{lak:'; write {lak:5.1.2e} without the space"
    ) in result.stderr
    assert "closing tag alone" not in result.stderr  # not the split halves' own complaints


@pytest.mark.parametrize("tag", ["{lak:5.1.2e}", "{bijlage:kaart}"])
def test_a_line_that_begins_with_a_tag_unquoted_is_told_to_quote_it(
    minimal: Path, tag: str
) -> None:
    edit(minimal / "bijlagen" / "notitie.yaml", NOTITIE_LINE, f"  - {tag}Jansen{{/lak}} zegt het.")
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "bijlagen/notitie.yaml:" in result.stderr
    assert "invalid YAML: " in result.stderr
    assert f'a text that begins with {tag} must be in quotes, like "{tag}…"' in result.stderr


def test_every_wrong_redaction_of_a_file_is_reported_at_once(minimal: Path) -> None:
    _write(minimal, "Met {lak:5.1.9z}a{/lak} en {lak:5.1.2e}b.")
    edit(
        minimal / "besluitpak.yaml",
        "titel: Notitie over de proef",
        "titel: Notitie over {lak:5.1.2e}de proef{/lak}",
    )
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "expected a Woo ground" in result.stderr
    assert "expected {/lak} after the redacted passage" in result.stderr
    assert "besluitpak.yaml:24: bijlagen[0].titel: expected plain text: a redaction" in (
        result.stderr
    )


def test_lakken_need_a_ready_made_document_and_a_known_ground(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    data: bijlagen/notitie.yaml",
        '    data: bijlagen/notitie.yaml\n    lakken: [{paginas: "1", grond: "5.1.2e"}]',
    )
    edit(
        minimal / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf",
        '    bestand: bijlagen/kaart.pdf\n    lakken: [{paginas: "2-1", grond: "5.1.2x"}]',
    )
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "expected lakken only on a ready-made document (bestand)" in result.stderr
    assert "bijlagen[1].lakken[0].grond: expected a Woo ground" in result.stderr
    assert (  # both problems of one entry at once
        "bijlagen[1].lakken[0].paginas: expected each range from low to high, like 1-2, got "
        "text '2-1'" in result.stderr
    )


@pytest.mark.parametrize(
    ("paginas", "message"),
    [
        ('"3-"', 'expected page numbers like "3", "3-4" or "1, 3-4", got text \'3-\''),
        ('"0"', "expected page numbers from 1 (a document's first page), got text '0'"),
        ('"1, 0-2"', "expected page numbers from 1 (a document's first page), got text '1, 0-2'"),
    ],
)
def test_withheld_pages_are_written_as_page_numbers_from_one(
    minimal: Path, paginas: str, message: str
) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf",
        f'    bestand: bijlagen/kaart.pdf\n    lakken: [{{paginas: {paginas}, grond: "5.1.2e"}}]',
    )
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert f"bijlagen[1].lakken[0].paginas: {message}" in result.stderr


def test_marking_keeps_only_ground_and_width_for_the_public_edition() -> None:
    text = "Met {lak:5.1.2e}mevrouw J. Jansen{/lak} gesproken."
    public = lak.mark(text, public=True)
    assert "Jansen" not in public
    assert public.startswith(f"Met {lak.OPEN}5.1.2e{lak.SEP}")
    width = float(public.split(lak.SEP)[1].split(lak.CLOSE)[0])
    assert width == pytest.approx(lak.em_width("mevrouw J. Jansen"), abs=0.01)
    assert 6 < width < 9  # about half an em a character in Carlito
    intern = lak.mark(text, public=False)
    assert f"{lak.SEP}mevrouw J. Jansen{lak.CLOSE}" in intern
    assert lak.grounds({"a": [text, "{lak:5.2}x{/lak}"]}) == ["5.1.2e", "5.2"]
