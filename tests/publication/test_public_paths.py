"""Every path to a public file goes through the same edition plan: ``build --only …
--edition openbaar``, ``render --openbaar``, ``publish`` and the vergadering's
besluitenlijst (the web page: tests/web/test_web_public_paths.py). Each is run for real on
a case with a marker in every kind of withheld content (tests/public_output.py): a
``{lak}`` passage, a withheld bijlage (its text and its id), a withheld page (its text,
bookmark and note) and the steller's details; no marker may be in any byte of what the path
writes (streams decompressed, the text poppler extracts, every part of a .docx, file
names), while the intern edition of the same path holds them (the search finds them)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from tests.helpers import MINIMAL, cli, edit, outloud_rules, page_texts
from tests.public_output import (
    BESLUITPUNT,
    PUBLIC_IDS,
    WITHHELD_ID,
    leak_case,
    leaks,
    markers_in,
)
from tests.publication.test_editions import _watermarked_pages
from tests.publication.test_woo_publication import (
    PAGE_BOOKMARK,
    PAGE_NOTE,
    PAGE_TEXT,
    PASSAGE_NOTITIE,
    PASSAGE_VOORSTEL,
    STELLER,
    STELLER_EMAIL,
)

TODAY = "2020-06-16"
KENMERK = "collegebesluit-2020-000123"


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal case with every marker planted (not changed by the tests)."""
    target = tmp_path_factory.mktemp("paths") / "case"
    return leak_case(Path(shutil.copytree(MINIMAL, target)))


def _only(*ids: str) -> list[str]:
    return [arg for doc_id in ids for arg in ("--only", doc_id)]


# --- build --only … --edition openbaar ----------------------------------------------------------


@pytest.mark.libreoffice
def test_build_only_openbaar_writes_each_document_as_the_public_edition_has_it(
    case: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cli(
        "build", case, "--out", out, *_only(*PUBLIC_IDS), "--edition", "intern",
        "--edition", "openbaar", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = [Path(line) for line in result.stdout.split()]
    public = [f for f in files if f.name.endswith("-openbaar.pdf")]
    intern = [f for f in files if f not in public]
    assert len(public) == len(intern) == len(PUBLIC_IDS)
    assert leaks(public, tmp_path) == {}
    # the same search finds every marker in the intern documents of the same run
    assert leaks(intern, tmp_path) == {
        f"{KENMERK}-collegevoorstel.pdf": [PASSAGE_VOORSTEL, STELLER, STELLER_EMAIL, BESLUITPUNT],
        f"{KENMERK}-bijlage-01-notitie.pdf": [PASSAGE_NOTITIE],
        # (PASSAGE_NOTITIE is the start of PAGE_NOTE)
        f"{KENMERK}-bijlage-04-verslag.pdf": [PASSAGE_NOTITIE, PAGE_TEXT, PAGE_BOOKMARK, PAGE_NOTE],
    }


@pytest.mark.libreoffice
def test_build_only_openbaar_replaces_withheld_pages_and_boxes_redacted_passages(
    case: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cli(
        "build", case, "--out", out, *_only("collegevoorstel", "verslag"),
        "--edition", "openbaar", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    voorstel, verslag = (Path(line) for line in result.stdout.split())
    assert voorstel.name == f"{KENMERK}-collegevoorstel-openbaar.pdf"
    texts = [" ".join(t.split()) for t in page_texts(verslag)]
    assert len(texts) == 4
    assert "Pagina 2 is niet openbaar" in texts[1]
    assert all(f"Openbare pagina {n} van het verslag." in texts[n - 1] for n in (1, 3, 4))
    with pikepdf.open(voorstel) as pdf:
        figures = [
            str(o.get("/Alt"))
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure"
        ]
    assert "Gelakt: artikel 5.1.2e Woo, eerbiediging van de persoonlijke levenssfeer" in figures
    for pdf_path in (voorstel, verslag):  # the claims it makes hold on the bytes it ships
        assert outloud_rules(pdf_path)["error"] == [], pdf_path.name
        check = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout


@pytest.mark.libreoffice
def test_build_only_openbaar_under_embargo_is_marked_on_every_page_as_the_bundle_is(
    minimal: Path, tmp_path: Path
) -> None:
    edit(minimal / "besluitpak.yaml", "afdeling:", "embargo_tot: 2020-06-16\nafdeling:")
    result = cli(
        "build", minimal, "--out", tmp_path, "--only", "notitie", "--edition", "openbaar",
        "--today", "2020-06-15",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [single] = [Path(line) for line in result.stdout.split()]
    assert single.name == f"{KENMERK}-bijlage-01-notitie-openbaar.pdf"
    assert _watermarked_pages(single) == len(page_texts(single)) == 1
    with pikepdf.open(single) as pdf:
        assert str(pdf.docinfo.get("/BPEmbargoTot")) == "2020-06-16"


@pytest.mark.libreoffice
def test_build_only_openbaar_is_stopped_by_the_guard_as_the_public_bundle_is(
    minimal: Path, tmp_path: Path
) -> None:
    edit(
        minimal / "bijlagen" / "notitie.yaml",
        "  - Na afloop volgt een evaluatie met de wijkraad.",
        "  - Dit voorstel is opgesteld door P. Tester.",
    )
    public = cli("build", minimal, "--out", tmp_path, "--only", "notitie", "--edition", "openbaar")
    assert public.exit_code == 1
    assert "the public edition would hold personal data" in public.stderr
    assert "bijlage 1" in public.stderr and "steller.naam" in public.stderr
    assert not list(tmp_path.glob("*.pdf"))
    intern = cli("build", minimal, "--out", tmp_path, "--only", "notitie")
    assert intern.exit_code == 0, intern.output  # the intern edition may name the steller


def test_build_only_openbaar_of_a_withheld_bijlage_is_refused_before_any_work(
    case: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cli(
        "build", case, "--out", out, *_only("notitie", WITHHELD_ID), "--edition", "openbaar"
    )
    assert result.exit_code == 1
    assert (
        f"--only: bijlage 5 ({WITHHELD_ID}): not openbaar (grond 5.1.2b): the openbaar edition "
        "has only its placeholder page, in the bundle; build it with --edition intern, or the "
        "bundle with --edition openbaar" in result.stderr
    )
    assert "Traceback" not in result.output
    assert not list(out.glob("*.pdf"))


# --- render --openbaar --------------------------------------------------------------------------


def test_render_openbaar_writes_what_the_public_edition_converts_and_says_what_not(
    case: Path, tmp_path: Path
) -> None:
    out = tmp_path / "docx"
    result = cli("render", case, "--out", out, "--openbaar", "--today", TODAY)
    assert result.exit_code == 0, result.output
    written = [Path(line.split()[-1]) for line in result.stdout.splitlines()]
    assert [p.name for p in written] == [
        "00-collegevoorstel.docx",
        "01-notitie.docx",
        "03-brief.docx",
    ]
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in written]
    assert leaks(written, tmp_path) == {}
    said = result.stderr
    assert (
        "Bijlage 2    not written: a ready-made PDF is no Word document; its public copy is "
        "a PDF, build it with: besluitpak build --only kaart --edition openbaar" in said
    )
    assert (
        "Bijlage 4    not written: has withheld pages (lakken: paginas 2), which the public "
        "edition replaces in the PDF; build it with: besluitpak build --only verslag "
        "--edition openbaar" in said
    )
    assert "Bijlage 5    not written: not openbaar (grond 5.1.2b)" in said
    # the ready-made Word document is prepared as the build prepares it, not copied
    brief = out / "03-brief.docx"
    assert brief.read_bytes() != (case / "bijlagen" / "brief.docx").read_bytes()
    with zipfile.ZipFile(brief) as archive:
        assert "<dc:title>Brief van de wijkraad</dc:title>" in archive.read(
            "docProps/core.xml"
        ).decode("utf-8")


def test_render_without_openbaar_holds_the_markers_the_public_one_leaves_out(
    case: Path, tmp_path: Path
) -> None:
    out = tmp_path / "docx"
    result = cli("render", case, "--out", out)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 6  # every document, the ready-made PDFs copied
    assert markers_in(out / "00-collegevoorstel.docx", tmp_path) == [
        PASSAGE_VOORSTEL,
        STELLER,
        STELLER_EMAIL,
        BESLUITPUNT,
    ]
    assert markers_in(out / f"05-{WITHHELD_ID}.docx", tmp_path)


def test_render_openbaar_follows_the_plan_of_the_day_for_a_bijlage_secret_until_a_date(
    minimal: Path, tmp_path: Path
) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "    data: bijlagen/notitie.yaml\n",
        '    data: bijlagen/notitie.yaml\n    openbaar: false\n    grond: "5.1.2b"\n'
        "    geheim_tot: 2020-06-10\n",
    )
    before = cli(
        "render", minimal, "--out", tmp_path / "voor", "--openbaar", "--today", "2020-06-09"
    )
    after = cli("render", minimal, "--out", tmp_path / "na", "--openbaar", "--today", "2020-06-10")
    assert before.exit_code == after.exit_code == 0, before.output + after.output
    assert not (tmp_path / "voor" / "01-notitie.docx").exists()
    assert "Bijlage 1    not written: not openbaar (grond 5.1.2b)" in before.stderr
    assert (tmp_path / "na" / "01-notitie.docx").is_file()  # released: the public edition has it


# --- publish ------------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_publish_writes_nothing_withheld_into_any_file_of_the_folder(
    case: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "openbaar"
    result = cli("publish", case, "--out", folder, "--today", TODAY)
    assert result.exit_code == 0, result.output
    files = sorted(p for p in folder.iterdir() if p.is_file())  # hidden ones too
    assert {p.suffix for p in files} >= {".pdf", ".xml", ".csv", ".txt", ".json"}
    assert leaks(files, tmp_path) == {}
    record = json.loads((folder / f"{KENMERK}-openbaar.record.json").read_text())
    [withheld] = [d for d in record["documents"] if d["file"] is None]
    assert withheld == {
        "document": None,
        "bijlage": 5,
        "titel": "Bijlage 5: Vertrouwelijke notitie",
        "beoordeling": "niet openbaar",
        "gronden": ["5.1.2b"],
        "file": None,
        "sha256": None,
    }
    assert [d["document"] for d in record["documents"] if d["file"]] == list(PUBLIC_IDS)


@pytest.mark.libreoffice
def test_publishing_again_withdraws_a_bijlage_withheld_since_the_last_release(
    case: Path, tmp_path: Path
) -> None:
    again = Path(shutil.copytree(case, tmp_path / "case"))
    folder = tmp_path / "openbaar"
    (folder / f"{KENMERK}-intern.pdf").parent.mkdir()
    (folder / f"{KENMERK}-intern.pdf").write_bytes(b"%PDF-1.7 intern, built here by mistake")
    assert cli("publish", again, "--out", folder, "--today", TODAY).exit_code == 0
    notitie = folder / f"{KENMERK}-bijlage-01-notitie.pdf"
    assert notitie.is_file()
    assert not (folder / f"{KENMERK}-intern.pdf").exists()
    edit(
        again / "besluitpak.yaml",
        "    data: bijlagen/notitie.yaml\n",
        '    data: bijlagen/notitie.yaml\n    openbaar: false\n    grond: "5.1.2b"\n',
    )
    result = cli("publish", again, "--out", folder, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert not notitie.exists()  # the folder is harvested as it stands
    listed = sorted(p.name for p in folder.iterdir() if p.name.startswith(KENMERK))
    assert listed == sorted(Path(line).name for line in result.stdout.split() if KENMERK in line)


# --- the vergadering's besluitenlijst -----------------------------------------------------------

VERGADERING = """\
gemeente:
  naam: Proefdorp
  cbs_code: "0392"
datum: 2020-06-02
nummer: "2020-22"
agenda:
  - zaak: case
    soort: bespreekstuk
    uitkomst: conform
    samenvatting: >-
      Het college stelt de notitie vast, na overleg met {lak:5.1.2e}LEKMARKERSAMENVATTING{/lak}.
aanwezig: [burgemeester A]
"""


@pytest.mark.libreoffice
def test_the_besluitenlijst_names_a_withheld_bijlage_by_number_and_boxes_redacted_passages(
    case: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "vergadering"
    shutil.copytree(case, folder / "case")
    (folder / "vergadering.yaml").write_text(VERGADERING, encoding="utf-8")
    out = tmp_path / "out"
    result = cli(
        "vergadering", "besluitenlijst", folder / "vergadering.yaml", "--definitief",
        "--today", TODAY, "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = [Path(line) for line in result.stdout.split()]
    assert {p.suffix for p in files} == {".pdf", ".docx", ".xml"}
    assert leaks(files, tmp_path) == {}
    data = b"".join(p.read_bytes() for p in files) + b" ".join(
        subprocess.run(["pdftotext", str(p), "-"], capture_output=True, check=True).stdout
        for p in files
        if p.suffix == ".pdf"
    )
    assert b"LEKMARKERSAMENVATTING" not in data.upper()
    [pdf] = [p for p in files if p.suffix == ".pdf"]
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Bijlage 5: Vertrouwelijke notitie — niet openbaar (5.1.2b)" in text
    # both redacted passages are there, as boxes a screen reader names
    assert "na overleg met" in text and "1. De notitie vast te stellen (bijlage 1), gehoord" in text
    with pikepdf.open(pdf) as document:
        figures = [
            str(o.get("/Alt"))
            for o in document.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure"
        ]
    assert (
        figures == ["Gelakt: artikel 5.1.2e Woo, eerbiediging van de persoonlijke levenssfeer"] * 2
    )
