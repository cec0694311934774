"""The review of suggested redactions from the terminal, on a built case (real LibreOffice):
a ready-made PDF of resident reactions and a resident's name in generated text; the
suggestions listed, three accepted (one in generated text -> {lak}, two in the PDF -> lakken
woorden), one rejected, one box added by hand, four eyes on; publish refused while
suggestions are open and while decisions are unconfirmed, a reviewer cannot confirm their
own decisions, a second one does, publish goes ahead; the public files hold none of the
accepted words in any byte (the leak scan) and the rejected name stays."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts
from tests.helpers import MINIMAL, cli, edit
from tests.public_output import every_byte

pytestmark = pytest.mark.libreoffice

GENERATED = "Mevrouw J.M. van der Berg-Kok"
ACCEPTED_PDF = ("mevrouw A. Bakker", "de heer T. Jansen")
REJECTED = "mevrouw R. Visser"
BY_HAND = "Huize Zonnehoek"
LINES = (
    f"Reactie 1: {ACCEPTED_PDF[0]} vindt het plan goed.",
    f"Reactie 2: {ACCEPTED_PDF[1]} vreest meer verkeer.",
    f"Reactie 3: {REJECTED} sprak namens de wijkraad.",
    f"Reactie 4: de bewoners van {BY_HAND} vragen om een bankje.",
)


def _reactions_pdf(path: Path) -> None:
    regular, _bold = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, initialFontName=regular)
    canvas.setFont(regular, 12)
    for number, line in enumerate(LINES):
        canvas.drawString(72, 760 - 24 * number, line)
    canvas.showPage()
    canvas.save()


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("review") / "case"
    shutil.copytree(MINIMAL, folder)
    case_file = folder / "besluitpak.yaml"
    edit(case_file, 'cbs_code: "9999"', 'cbs_code: "0392"')
    edit(case_file, "steller:", "publicatie_url: https://example.proefdorp.nl/woo\nsteller:")
    data_file = folder / "bijlagen" / "notitie.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["alineas"].append(f"{GENERATED} maakte bezwaar tegen de proef.")
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _reactions_pdf(folder / "bijlagen" / "reacties.pdf")
    with case_file.open("a", encoding="utf-8") as f:
        f.write(
            "  - id: reacties\n    titel: Reacties van bewoners\n"
            "    bestand: bijlagen/reacties.pdf\n"
        )
    return folder


def _listing(case: Path) -> dict[str, str]:
    """words -> fingerprint of the case's suggestions, as ``review CASE`` lists them."""
    result = cli("review", case)
    assert result.exit_code == 0, result.output
    found = {}
    for line in result.stdout.splitlines():
        if line.endswith("OPEN"):
            words = line.split(": ", 1)[1].split(" (")[0].strip("'")
            found[words] = line.split("[")[1].split("]")[0]
    return found


def test_a_review_from_listing_to_publication(case: Path, tmp_path: Path) -> None:
    listed = _listing(case)
    for words in (GENERATED, *ACCEPTED_PDF, REJECTED):
        assert any(words in w or w in words for w in listed), (words, listed)
    stray = [w for w in listed if not any(w in x or x in w for x in (GENERATED, *LINES))]
    assert not stray, stray  # nothing but the residents is suggested

    def fingerprint(words: str) -> str:
        return next(fp for w, fp in listed.items() if words in w or w in words)

    out = tmp_path / "pub"
    assert cli("review", "four-eyes", "on", "--case", case, "--door", "eerste").exit_code == 0
    first = cli("review", "accept", fingerprint(GENERATED), "--case", case, "--door", "eerste")
    assert first.exit_code == 0, first.output
    refused = cli("publish", case, "--out", out)
    assert refused.exit_code == 1
    assert "3 open suggestions (Bijlage 4 p.1: 3)" in refused.output
    planned = cli("publish", case, "--out", out, "--gepland-op", "2099-01-01")
    assert planned.exit_code == 1 and "3 open suggestions" in planned.output
    assert not out.exists()

    for words in ACCEPTED_PDF:
        done = cli("review", "accept", fingerprint(words), "--case", case, "--door", "eerste")
        assert done.exit_code == 0, done.output
    rejected = cli(
        "review", "reject", fingerprint(REJECTED), "--case", case, "--door", "eerste",
        "--reden", "voorzitter van de wijkraad, spreekt in het openbaar",
    )  # fmt: skip
    assert rejected.exit_code == 0, rejected.output
    added = cli(
        "review", "add", "--case", case, "--document", "reacties", "--pagina", "1",
        "--woorden", BY_HAND, "--door", "eerste",
    )  # fmt: skip
    assert added.exit_code == 0, added.output

    notitie = (case / "bijlagen" / "notitie.yaml").read_text(encoding="utf-8")
    assert f"{{lak:5.1.2e}}{GENERATED}{{/lak}}" in notitie
    lakken = yaml.safe_load((case / "besluitpak.yaml").read_text(encoding="utf-8"))["bijlagen"][3][
        "lakken"
    ]
    assert {lak["woorden"] for lak in lakken} == {*ACCEPTED_PDF, BY_HAND}

    unconfirmed = cli("publish", case, "--out", out)
    assert unconfirmed.exit_code == 1
    assert "5 decisions not confirmed" in unconfirmed.output
    own = cli("review", "confirm", "--case", case, "--door", "eerste")
    assert own.exit_code == 1 and "four eyes needs another person" in own.output
    assert cli("review", "confirm", "--case", case, "--door", "tweede").exit_code == 0

    published = cli("publish", case, "--out", out)
    assert published.exit_code == 0, published.output
    data = b"".join(every_byte(p, tmp_path) for p in out.rglob("*") if p.is_file())
    for words in (GENERATED, *ACCEPTED_PDF, BY_HAND):
        for part in words.split()[-1:]:
            assert part.lower().encode() not in data, part
    assert b"visser" in data

    record = (case / "besluitpak.review.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [json.loads(line) for line in record]
    assert [line["wat"] for line in lines] == [
        "instelling", "accept", "accept", "accept", "reject", "add", "confirm",
    ]  # fmt: skip
    assert lines[-1]["door"] == "tweede" and lines[-1]["nrs"] == [2, 3, 4, 5, 6]
    assert all(line["vorige"] for line in lines[1:])
