"""The personal-data guard on the public edition: a phone number, an IBAN, an address… in
the text warns on build and stops publish with the document, page and passage; the case file
allows it with a reason; a redaction resolves it (real LibreOffice and poppler)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import cli, edit

pytestmark = pytest.mark.libreoffice

NOTITIE_LINE = "  - Na afloop volgt een evaluatie met de wijkraad."
PLANTED = "Bel de bewoner op 06-12345678 of stort op NL91 ABNA 0417 1643 00."


def _publishable(case: Path) -> None:
    yaml = case / "besluitpak.yaml"
    edit(yaml, 'cbs_code: "9999"', 'cbs_code: "0392"')
    edit(yaml, "steller:", "publicatie_url: https://example.proefdorp.nl/woo\nsteller:")
    edit(case / "bijlagen" / "notitie.yaml", NOTITIE_LINE, f"  - {PLANTED}")


def test_build_warns_and_publish_refuses_with_page_and_passage(
    minimal: Path, tmp_path: Path
) -> None:
    _publishable(minimal)
    built = cli("build", minimal, "--out", tmp_path / "out", "--edition", "openbaar")
    assert built.exit_code == 0, built.output
    assert (
        "warning: personal data in the public edition, bijlage 1, page 1: telefoonnummer in "
        in built.stderr
    )
    assert "bijlage 1, page 1: IBAN in " in built.stderr
    folder = tmp_path / "pub"
    published = cli("publish", minimal, "--out", folder, "--today", "2020-06-16")
    assert published.exit_code == 1
    assert "Traceback" not in published.output
    assert "the public edition would hold personal data, so it was not published" in (
        published.stderr
    )
    assert "bijlage 1, page 1: telefoonnummer in '…" in published.stderr
    assert "Bel de bewoner op 06-12345678 of stort op" in published.stderr
    assert "openbaar: {toegestaan: [{tekst:" in published.stderr
    assert not any(folder.glob("*.pdf"))  # nothing published


def test_an_allowed_passage_is_published_and_a_redacted_one_is_not_found(
    minimal: Path, tmp_path: Path
) -> None:
    _publishable(minimal)
    edit(
        minimal / "bijlagen" / "notitie.yaml",
        "06-12345678",
        "{lak:5.1.2e}06-12345678{/lak}",
    )
    edit(
        minimal / "besluitpak.yaml",
        "voorstel:\n",
        "openbaar:\n  toegestaan:\n    - tekst: NL91 ABNA 0417 1643 00\n"
        "      reden: de rekening van de gemeente, voor giften\nvoorstel:\n",
    )
    result = cli("publish", minimal, "--out", tmp_path / "pub", "--today", "2020-06-16")
    assert result.exit_code == 0, result.output
    assert "personal data" not in result.stderr
    assert (tmp_path / "pub" / "inventarislijst.pdf").is_file()


def test_an_allowed_text_allows_only_what_it_covers(minimal: Path, tmp_path: Path) -> None:
    """Allowing a fragment ("NL", a street) must not silence every IBAN or address that
    contains it; a text around the finding allows it; a blank text allows nothing."""
    _publishable(minimal)
    edit(
        minimal / "besluitpak.yaml",
        "voorstel:\n",
        "openbaar:\n  toegestaan:\n"
        '    - {tekst: "NL", reden: "landcode"}\n'
        '    - {tekst: " ", reden: "leeg"}\n'
        '    - {tekst: "Bel de bewoner op 06-12345678", reden: "het wijkteam, een afdeling"}\n'
        "voorstel:\n",
    )
    built = cli("build", minimal, "--out", tmp_path / "out", "--edition", "openbaar")
    assert built.exit_code == 0, built.output
    assert "bijlage 1, page 1: IBAN in " in built.stderr
    assert "telefoonnummer" not in built.stderr


def test_a_public_file_s_name_is_checked_before_anything_is_published(
    minimal: Path, tmp_path: Path
) -> None:
    """A document's id goes into its file's name (adversary round 5: an IBAN in an id; the
    publication folder held five PDFs, that one among them, when publish said 'not
    published'). The name is read with the file, before the file takes its place."""
    _publishable(minimal)
    edit(minimal / "bijlagen" / "notitie.yaml", PLANTED, "Geen bijzonderheden.")
    yaml = minimal / "besluitpak.yaml"
    edit(yaml, "  - id: kaart", "  - id: terugbetaling-nl91abna0417164300")
    edit(yaml, "{bijlage:kaart..brief}", "{bijlage:terugbetaling-nl91abna0417164300..brief}")
    folder = tmp_path / "pub"
    published = cli("publish", minimal, "--out", folder, "--today", "2020-06-16")
    assert published.exit_code == 1, published.output
    assert "so it was not published" in published.stderr
    assert "bijlage-02-terugbetaling-nl91abna0417164300.pdf" in published.stderr
    assert "unchecked" not in published.stderr
    assert not folder.exists() or list(folder.iterdir()) in ([], [folder / ".besluitpak.lock"])
