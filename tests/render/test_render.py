"""Rendering: the reference case reproduces the seed, data is text (never markup), references
follow the numbering, and odd data renders."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from docx import Document

from besluitpak.convert.libreoffice import EXPORT_FILTER, soffice
from tests.helpers import ROOT, SEED, cli, edit


def docx_text(path: Path) -> str:
    """All text of a .docx (paragraphs and table cells), whitespace folded."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def seed_sentences() -> list[str]:
    """Every sentence of the seed proposal, without list numbers, bullets or section numbers.

    The seed is text extracted from a PDF: an empty line separates wrapped lines, a line of
    spaces separates paragraphs. A numbered item, a bullet or a heading (a short capitalised
    line without a full stop) also starts a paragraph.
    """
    lines = [
        raw.strip() if raw.strip() else ""
        for raw in SEED.read_text(encoding="utf-8").splitlines()
        if raw != ""
    ]
    paragraphs: list[list[str]] = [[]]
    for index, raw in enumerate(lines):
        starts_item = re.match(r"^(\d+\.\s+|-\s+)", raw) is not None
        line = re.sub(r"^(\d+\.\s+|-\s+)", "", raw)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        is_heading = (
            bool(line)
            and len(line.split()) <= 4
            and line[0].isupper()
            and not line.endswith(",")
            and (not following or following[0].isupper())
        )
        if not line or starts_item or is_heading:
            paragraphs.append([])
        if line:
            paragraphs[-1].append(line)
        if is_heading:
            paragraphs.append([])
    sentences = []
    for paragraph in paragraphs:
        text = normalise(" ".join(paragraph))
        for sentence in re.split(r"(?<=\.)\s+", text):
            sentence = sentence.strip().rstrip(".")
            if len(sentence) > 3:
                sentences.append(sentence)
    return sentences


def normalise(text: str) -> str:
    return " ".join(text.replace("( ", "(").replace(" )", ")").split())


def test_reference_case_checks_clean() -> None:
    result = cli("check", ROOT)
    assert result.exit_code == 0, result.output
    assert "OK — collegevoorstel and 11 bijlagen (10 generated, 1 ready-made)" in result.stdout


def test_reference_render_reproduces_every_sentence_of_the_seed(tmp_path: Path) -> None:
    result = cli("render", ROOT, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written[0] == "00-collegevoorstel.docx"
    assert len([n for n in written if n.endswith(".docx")]) == 12
    voorstel = normalise(docx_text(tmp_path / "00-collegevoorstel.docx"))
    missing = [s for s in seed_sentences() if normalise(s) not in voorstel]
    assert missing == []
    # the references by id became the seed's own numbers
    assert "(bijlage 1 tot en met 10)" in voorstel
    assert "(zie als voorbeeld bijlage 11)" in voorstel
    # five numbered besluitpunten, in the List Number style
    doc = Document(str(tmp_path / "00-collegevoorstel.docx"))
    numbered = [p for p in doc.paragraphs if p.style is not None and p.style.name == "List Number"]
    assert len(numbered) == 5


def test_every_bijlage_carries_its_title(tmp_path: Path) -> None:
    assert cli("render", ROOT, "--out", tmp_path).exit_code == 0
    case = yaml.safe_load((ROOT / "besluitpak.yaml").read_text(encoding="utf-8"))
    for number, bijlage in enumerate(case["bijlagen"], start=1):
        path = tmp_path / f"{number:02d}-{bijlage['id']}.docx"
        assert bijlage["titel"] in docx_text(path), path.name


def test_stadsdelen_have_their_own_text(tmp_path: Path) -> None:
    """No two bijlagen with the same text and the name swapped."""
    assert cli("render", ROOT, "--out", tmp_path).exit_code == 0
    texts = {}
    for path in sorted(tmp_path.glob("*-opgave-*.docx")):
        words = docx_text(path).split()
        texts[path.name] = {" ".join(words[i : i + 8]) for i in range(len(words) - 8)}
    names = list(texts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = len(texts[a] & texts[b]) / min(len(texts[a]), len(texts[b]))
            assert shared < 0.1, (a, b, shared)


def test_markup_characters_in_data_stay_text(minimal: Path, tmp_path: Path) -> None:
    edit(
        minimal / "bijlagen" / "notitie.yaml",
        "- Na afloop volgt",
        "- 'A & B <b>vet</b> \"citaat\" en ''apostrof'' &amp;' \n  - Na afloop volgt",
    )
    result = cli("render", minimal, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "A & B <b>vet</b> \"citaat\" en 'apostrof' &amp;" in docx_text(
        tmp_path / "01-notitie.docx"
    )


def test_emoji_and_right_to_left_text_render(minimal: Path, tmp_path: Path) -> None:
    edit(
        minimal / "bijlagen" / "notitie.yaml",
        "- Na afloop volgt",
        "- 'Feest 🎉👩🏽‍💻 مرحبا بالعالم שלום עולם'\n  - Na afloop volgt",
    )
    result = cli("render", minimal, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "Feest 🎉👩🏽‍💻 مرحبا بالعالم שלום עולם" in docx_text(tmp_path / "01-notitie.docx")


def test_a_table_of_2000_rows_renders(minimal: Path, tmp_path: Path) -> None:
    rows = "\n".join(f'  - naam: Rij {i}\n    waarde: "{i * 3}"' for i in range(2000))
    data = minimal / "bijlagen" / "notitie.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text[: text.index("rijen:")] + "rijen:\n" + rows + "\n", encoding="utf-8")
    result = cli("render", minimal, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    table = Document(str(tmp_path / "01-notitie.docx")).tables[0]
    assert len(table.rows) == 2001
    assert table.rows[2000].cells[0].text == "Rij 1999"


def test_references_follow_the_order_of_the_bijlagen(minimal: Path, tmp_path: Path) -> None:
    case = minimal / "besluitpak.yaml"
    text = case.read_text(encoding="utf-8")
    head, bijlagen = text.split("bijlagen:\n")
    items = ["  - id:" + part for part in bijlagen.split("  - id:")[1:]]
    case.write_text(head + "bijlagen:\n" + items[2] + items[1] + items[0], encoding="utf-8")
    result = cli("render", minimal, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    voorstel = docx_text(tmp_path / "00-collegevoorstel.docx")
    assert "De notitie vast te stellen (bijlage 3)." in voorstel
    assert "Kennis te nemen van de kaart en de brief (bijlage 2 en 1)." not in voorstel
    assert "Kennis te nemen van de kaart en de brief (bijlage 1 en 2)." in voorstel
    assert "Zie ook bijlage 3." in voorstel


def test_dutch_dates_in_documents(tmp_path: Path) -> None:
    assert cli("render", ROOT, "--out", tmp_path).exit_code == 0
    assert "Collegevergadering 11 maart 2014" in docx_text(tmp_path / "00-collegevoorstel.docx")


def test_schema_command_prints_a_schema_the_reference_case_satisfies() -> None:
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    case = yaml.safe_load((ROOT / "besluitpak.yaml").read_text(encoding="utf-8"))
    case["collegevergadering"] = case["collegevergadering"].isoformat()
    case["embargo_tot"] = case["embargo_tot"].isoformat()
    jsonschema.validate(case, schema)
    assert schema["properties"]["kenmerk"]["description"].startswith("Registration number")
    case["onderwrp"] = "x"
    assert not jsonschema.Draft202012Validator(schema).is_valid(case)


@pytest.mark.libreoffice
def test_rendered_docx_opens_in_libreoffice_without_repair(tmp_path: Path) -> None:
    assert cli("render", ROOT, "--out", tmp_path / "docx").exit_code == 0
    source = tmp_path / "docx" / "02-programma-centrum.docx"
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            EXPORT_FILTER,
            "--outdir",
            str(tmp_path / "pdf"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "pdf" / "02-programma-centrum.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Gebiedsprogramma 2014 stadsdeel Centrum" in text
    assert "Project en activiteiten" in text
