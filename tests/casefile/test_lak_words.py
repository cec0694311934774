"""``lakken`` in word and box form (issue 29 item 3): checked with located errors, the pages
form unchanged, and the entry the review writes accepted by the same schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from besluitpak.pdf import redact_plan
from tests.helpers import cli, edit


def _lakken(minimal: Path, entries: str) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    bestand: bijlagen/kaart.pdf",
        f"    bestand: bijlagen/kaart.pdf\n    lakken: {entries}",
    )


@pytest.mark.parametrize(
    ("entries", "where", "message"),
    [
        (
            '[{pagina: 1, woorden: "Jan Jansen", vak: [1, 2, 3, 4], grond: "5.1.2e"}]',
            "lakken[0]",
            "expected either woorden or vak on a page, got both",
        ),
        (
            '[{paginas: "1", woorden: "Jan", grond: "5.1.2e"}]',
            "lakken[0]",
            "expected either paginas, or pagina with woorden or vak, got paginas, woorden",
        ),
        (
            '[{pagina: 1, grond: "5.1.2e"}]',
            "lakken[0]",
            "expected either paginas, or pagina with woorden or vak, got pagina",
        ),
        (
            '[{pagina: 1, vak: [300, 700, 100, 720], grond: "5.1.2e"}]',
            "lakken[0].vak",
            "expected a box [x0, y0, x1, y1] with x0 < x1 and y0 < y1, got [300.0, 700.0,",
        ),
        (
            '[{pagina: 0, woorden: "Jan", grond: "5.1.2e"}]',
            "lakken[0].pagina",
            "expected page numbers from 1 (a document's first page), got the number 0",
        ),
        (
            '[{pagina: 1, vak: [1, 2, 3], grond: "5.1.2e"}]',
            "lakken[0].vak",
            "expected a box [x0, y0, x1, y1] with x0 < x1 and y0 < y1, got [1.0, 2.0, 3.0]",
        ),
    ],
)
def test_a_wrong_word_or_box_lak_is_a_located_error(
    minimal: Path, entries: str, where: str, message: str
) -> None:
    _lakken(minimal, entries)
    result = cli("check", minimal)
    assert result.exit_code == 1, result.stderr
    assert "besluitpak.yaml:" in result.stderr
    assert f"bijlagen[1].{where}: {message}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_word_box_and_page_lakken_together_pass_the_check(minimal: Path) -> None:
    _lakken(
        minimal,
        '[{paginas: "2", grond: "5.1.2e"}, {pagina: 1, woorden: "Jan de Vries", grond: "5.1.2e"},'
        ' {pagina: 1, vak: [72, 700, 300, 720.5], grond: "5.1.2e"}]',
    )
    result = cli("check", minimal)
    assert result.exit_code == 0, result.stderr


def test_the_review_turns_an_accepted_suggestion_into_a_lakken_entry() -> None:
    assert redact_plan.entry(2, words=["Jan", " de  Vries"]) == {
        "pagina": 2,
        "woorden": "Jan de Vries",
        "grond": "5.1.2e",
    }
    assert redact_plan.entry(1, box=(72, 700.123, 300, 720), ground="5.1.2d") == {
        "pagina": 1,
        "vak": [72.0, 700.12, 300.0, 720.0],
        "grond": "5.1.2d",
    }
    with pytest.raises(ValueError, match="expected a box"):
        redact_plan.entry(1, box=(300, 700, 72, 720))
