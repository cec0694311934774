"""The steller guard: the steller's name, phone or e-mail in the text of the public edition
stops that edition, before it is written, with the document, the page and the field, unless
the case allows it (real LibreOffice and poppler)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import cli, edit, sha256

pytestmark = pytest.mark.libreoffice

INTERN = "collegebesluit-2020-000123-intern.pdf"
OPENBAAR = "collegebesluit-2020-000123-openbaar.pdf"


def _mention(case: Path, text: str) -> None:
    edit(
        case / "bijlagen" / "notitie.yaml",
        "  - Na afloop volgt een evaluatie met de wijkraad.",
        f"  - Na afloop volgt een evaluatie met de wijkraad.\n  - {text}",
    )


def test_the_stellers_name_in_free_text_stops_the_public_edition(
    minimal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cli("build", minimal, "--out", out).exit_code == 0
    before = sha256(out / OPENBAAR)
    _mention(minimal, "Dit voorstel is opgesteld door P. Tester.")
    result = cli("build", minimal, "--out", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "error: 2020/000123: the public edition would hold personal data" in (result.stderr)
    assert "bijlage 1, page 1: steller.naam" in result.stderr
    assert sha256(out / OPENBAAR) == before  # never written: the last good one stands
    assert (out / INTERN).is_file()


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Bel 0123-456789 voor vragen.", "steller.telefoon"),
        ("Mail naar P.Tester@Proef.example.", "steller.email"),
    ],
)
def test_the_stellers_phone_or_email_written_otherwise_is_found(
    minimal: Path, tmp_path: Path, text: str, field: str
) -> None:
    _mention(minimal, text)
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "openbaar")
    assert result.exit_code == 1
    assert f"bijlage 1, page 1: {field}" in result.stderr
    assert not (tmp_path / "out" / OPENBAAR).exists()


@pytest.mark.parametrize(
    "text",
    [
        "Opgesteld door TESTER, P. (beleid).",
        "Opgesteld door p.tester en besproken met de wijkraad.",
        "Bel +31 123 456 789 voor vragen.",
        "Mail naar p.tester(at)proef.example voor vragen.",
    ],
)
def test_the_stellers_data_in_another_case_order_or_disguise_stops_the_public_edition(
    minimal: Path, tmp_path: Path, text: str
) -> None:
    """Issue 25: reversed, upper or lower case, with the country code, a hidden @."""
    _mention(minimal, text)
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "openbaar")
    assert result.exit_code == 1
    assert "bijlage 1, page 1: steller." in result.stderr
    assert not (tmp_path / "out" / OPENBAAR).exists()


def test_the_stellers_name_is_allowed_with_a_reason(minimal: Path, tmp_path: Path) -> None:
    _mention(minimal, "Dit voorstel is opgesteld door P. Tester.")
    edit(
        minimal / "besluitpak.yaml",
        "voorstel:\n",
        'openbaar:\n  steller_toegestaan: "de steller treedt op als woordvoerder"\nvoorstel:\n',
    )
    result = cli("build", minimal, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / OPENBAAR).is_file()


def test_a_name_inside_another_word_is_not_a_match(minimal: Path, tmp_path: Path) -> None:
    _mention(minimal, "De P. Testerweg wordt heringericht.")
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "openbaar")
    assert result.exit_code == 0, result.output
