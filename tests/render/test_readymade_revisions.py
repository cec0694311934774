"""Tracked changes and comments in a ready-made .docx or .odt are handled on purpose: refused
with the counts unless the case file says ``wijzigingen: aanvaarden`` or ``verwerpen``; then
the document is converted as if every change were accepted (or rejected), in both editions,
and its comments never reach either. The header and footer of a ready-made document stay
clear of the bundle's stamp.

The corpus files (tests/corpus/word/tracked-changes.docx, made by hand as Word writes it, and
tracked-changes.odt, that file saved by Writer) put one marker word in each kind of change."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from lxml import etree
from PIL import Image

from besluitpak import housestyle
from besluitpak.render import revisions
from besluitpak.render.revisions import Found
from tests.helpers import TESTS, cli, edit, page_texts, page_words

CORPUS = TESTS / "corpus" / "word"
DOCX = CORPUS / "tracked-changes.docx"
ODT = CORPUS / "tracked-changes.odt"

INSERTED = ("Ingevoegdkwartel", "Voetingevoegd")
"""Inserted in the body and in the footer."""
DELETED = ("Geschraptkwartel", "Kopgeschrapt", "Voetnootgeschrapt")
"""Deleted in the body, in the header and in a footnote."""
COMMENT = "Opmerkingkwartel"
REVIEWER = "Recensent Kwartel"
"""The author of every change and of the comment."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _paragraphs(xml: bytes, paragraph: str, text: tuple[str, ...] | None) -> list[str]:
    """The text of each paragraph of an XML part (only of ``text`` elements, when given)."""
    root = etree.fromstring(xml)
    for space in root.iter(f"{TEXT}s"):  # ODF writes a space after a space as <text:s/>
        space.text = " " * int(space.get(f"{TEXT}c") or 1)
    found = []
    for element in root.iter(paragraph):
        if text is None:
            found.append("".join(element.itertext()))
        else:
            found.append("".join(t.text or "" for t in element.iter(*text)))
    return found


def _word_text(entries: dict[str, bytes]) -> dict[str, str]:
    """Each text part of a .docx as its paragraphs' printed text (``w:t``), one per line."""
    return {
        name: "\n".join(_paragraphs(data, f"{W}p", (f"{W}t",)))
        for name, data in entries.items()
        if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name)
    }


# --- counting -----------------------------------------------------------------------------------


def test_the_changes_and_comment_of_a_word_file_are_counted_in_every_part() -> None:
    assert revisions.scan(DOCX) == Found(
        insertions=2, deletions=4, moves=1, formatting=1, comments=1
    )


def test_the_changes_and_annotation_of_a_writer_file_are_counted() -> None:
    # Writer records a move as a deletion and an insertion
    assert revisions.scan(ODT) == Found(insertions=3, deletions=5, formatting=1, comments=1)


def test_the_refusal_names_the_file_and_what_it_holds() -> None:
    message = revisions.refusal("bijlagen/brief.docx (bijlage 3, brief)", revisions.scan(DOCX))
    assert message.startswith(
        "bijlagen/brief.docx (bijlage 3, brief): expected a document without tracked changes, "
        "got 2 insertions, 4 deletions, 1 move and 1 formatting change; accept or reject them"
    )
    assert "wijzigingen: aanvaarden" in message


# --- Word ---------------------------------------------------------------------------------------


def test_accepting_a_word_file_keeps_insertions_and_leaves_no_deleted_text_in_any_part() -> None:
    entries = _entries(revisions.cleaned(DOCX, "aanvaarden", "brief"))
    texts = _word_text(entries)
    body = texts["word/document.xml"]
    assert "Wij vragen Ingevoegdkwartel om een speeltuin." in body
    assert "Voetingevoegd" in "".join(t for n, t in texts.items() if "footer" in n)
    assert body.count("Verplaatstkwartel") == 1  # moved: only where it went
    assert "Verplaatstkwartel staat eerst hier. Slotzin" in body
    assert "Eerstedeel Tweededeel" in body  # the deleted paragraph mark joins them
    everything = b"".join(entries.values())
    for word in (*DELETED, COMMENT, REVIEWER):
        assert word.encode() not in everything, word


def test_rejecting_a_word_file_drops_insertions_and_restores_deleted_text() -> None:
    entries = _entries(revisions.cleaned(DOCX, "verwerpen", "brief"))
    texts = _word_text(entries)
    body = texts["word/document.xml"]
    assert "Wij vragen om een speeltuin Geschraptkwartel." in body
    assert "Wijkraad Proefdorp Kopgeschrapt" in "".join(
        t for n, t in texts.items() if "header" in n
    )
    assert "Voetnootgeschrapt" in texts["word/footnotes.xml"]
    assert "Verplaatstkwartel staat eerst hier. Tussenzin." in body
    assert body.count("Verplaatstkwartel") == 1  # moved back: only where it was
    assert "Eerstedeel\n Tweededeel" in body  # the paragraph mark was not deleted
    vet = etree.fromstring(entries["word/document.xml"])
    [run] = [r for r in vet.iter(f"{W}r") if "".join(r.itertext()) == "Vetkwartel"]
    assert run.find(f"{W}rPr/{W}b") is None  # the formatting change undone: not bold
    everything = b"".join(entries.values())
    for word in (*INSERTED, COMMENT, REVIEWER):
        assert word.encode() not in everything, word
    assert b"delText" not in everything


def test_the_comments_part_its_relationship_and_its_content_type_are_removed() -> None:
    entries = _entries(revisions.cleaned(DOCX, "aanvaarden", "brief"))
    assert "word/comments.xml" not in entries
    assert b"comments" not in entries["word/_rels/document.xml.rels"]
    assert b"comments" not in entries["[Content_Types].xml"]
    assert b"commentRangeStart" not in entries["word/document.xml"]
    assert b"commentReference" not in entries["word/document.xml"]
    document = DocxDocument(io.BytesIO(revisions.cleaned(DOCX, "aanvaarden", "brief")))
    assert "Ingevoegdkwartel" in "\n".join(p.text for p in document.paragraphs)


def test_a_word_part_with_an_entity_is_read_without_resolving_it(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMEINHOUD", encoding="utf-8")
    entries = _entries(DOCX.read_bytes())
    document = entries["word/document.xml"].decode()
    declaration = f'<!DOCTYPE w:document [<!ENTITY geheim SYSTEM "{secret.as_uri()}">]>'
    document = document.replace("?>", "?>" + declaration, 1)
    entries["word/document.xml"] = document.replace("Tussenzin.", "Tussenzin &geheim;.", 1).encode()
    hostile = tmp_path / "vijandig.docx"
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    cleaned = _entries(revisions.cleaned(hostile, "aanvaarden", "brief"))
    assert b"GEHEIMEINHOUD" not in b"".join(cleaned.values())
    assert b"&geheim;" not in cleaned["word/document.xml"]
    assert "Tussenzin ." in _word_text(cleaned)["word/document.xml"]


# --- OpenDocument -------------------------------------------------------------------------------


def _odt_text(entries: dict[str, bytes]) -> str:
    return "\n".join(
        "\n".join(_paragraphs(entries[name], f"{TEXT}p", None))
        for name in ("content.xml", "styles.xml")
    )


def test_accepting_a_writer_file_keeps_insertions_and_leaves_no_deleted_text() -> None:
    entries = _entries(revisions.cleaned(ODT, "aanvaarden", "oproep"))
    text = _odt_text(entries)
    assert "Wij vragen Ingevoegdkwartel om een speeltuin." in text
    assert "Dorpsstraat 1 Voetingevoegd" in text
    assert text.count("Verplaatstkwartel") == 1
    assert "Eerstedeel Tweededeel" in text
    parts = entries["content.xml"] + entries["styles.xml"]
    for word in (*DELETED, COMMENT, REVIEWER):
        assert word.encode() not in parts, word
    assert b"tracked-changes" not in parts and b"office:annotation" not in parts
    assert next(iter(entries)) == "mimetype"  # still an OpenDocument package
    assert zipfile.ZipFile(io.BytesIO(revisions.cleaned(ODT, "aanvaarden", "x"))).testzip() is None


def test_rejecting_a_writer_file_drops_insertions_and_restores_deleted_text() -> None:
    entries = _entries(revisions.cleaned(ODT, "verwerpen", "oproep"))
    text = _odt_text(entries)
    assert "Wij vragen om een speeltuin Geschraptkwartel." in text
    assert "Wijkraad Proefdorp Kopgeschrapt" in text
    assert "Voetnootgeschrapt" in text
    assert "Verplaatstkwartel staat eerst hier. Tussenzin." in text
    assert text.count("Verplaatstkwartel") == 1
    assert re.search(r"Eerstedeel\n\s*Tweededeel", text)  # the deleted paragraph break is back
    parts = entries["content.xml"] + entries["styles.xml"]
    for word in (*INSERTED, COMMENT, REVIEWER):
        assert word.encode() not in parts, word


def test_a_writer_file_gets_margins_that_keep_its_header_clear_of_the_stamp() -> None:
    clear = (45.0, 44.5)
    entries = _entries(revisions.cleaned(ODT, "aanvaarden", "oproep", clear=clear))
    styles = etree.fromstring(entries["styles.xml"])
    fo = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
    [layout] = [
        e
        for e in styles.iter(
            "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}page-layout-properties"
        )
        if e.get(f"{fo}page-width")
    ]
    assert layout.get(f"{fo}margin-top") == "45.00pt"  # was 0.4925in (35.5 pt)
    assert layout.get(f"{fo}margin-bottom") == "44.50pt"


# --- the case file ------------------------------------------------------------------------------


def _with_tracked_files(case: Path, choice: str | None) -> None:
    """``case`` (a copy of the minimal case) with brief.docx and a new bijlage oproep.odt
    made of the tracked-changes corpus files, both with ``wijzigingen: choice``."""
    shutil.copyfile(DOCX, case / "bijlagen" / "brief.docx")
    shutil.copyfile(ODT, case / "bijlagen" / "oproep.odt")
    case_file = case / "besluitpak.yaml"
    case_file.write_text(
        case_file.read_text(encoding="utf-8")
        + "  - id: oproep\n    titel: Oproep van de buurt\n    bestand: bijlagen/oproep.odt\n",
        encoding="utf-8",
    )
    edit(case_file, "({bijlage:kaart..brief})", "({bijlage:kaart..oproep})")
    if choice is not None:
        for name in ("brief.docx", "oproep.odt"):
            edit(
                case_file,
                f"bestand: bijlagen/{name}\n",
                f"bestand: bijlagen/{name}\n    wijzigingen: {choice}\n",
            )


def test_check_lists_every_ready_made_file_with_tracked_changes_at_its_line(
    minimal: Path,
) -> None:
    _with_tracked_files(minimal, None)
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert re.search(
        r"besluitpak\.yaml:\d+: bijlagen\[2\]\.bestand: bijlagen/brief\.docx: expected a "
        r"document without tracked changes, got 2 insertions, 4 deletions",
        result.output,
    ), result.output
    assert re.search(
        r"besluitpak\.yaml:\d+: bijlagen\[3\]\.bestand: bijlagen/oproep\.odt: expected a "
        r"document without tracked changes, got 3 insertions, 5 deletions",
        result.output,
    ), result.output


def test_wijzigingen_is_refused_on_a_pdf_and_with_an_unknown_value(minimal: Path) -> None:
    case_file = minimal / "besluitpak.yaml"
    edit(
        case_file,
        "bestand: bijlagen/kaart.pdf\n",
        "bestand: bijlagen/kaart.pdf\n    wijzigingen: aanvaarden\n",
    )
    edit(
        case_file,
        "bestand: bijlagen/brief.docx\n",
        "bestand: bijlagen/brief.docx\n    wijzigingen: ja\n",
    )
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "expected wijzigingen only on a ready-made .docx or .odt" in result.output
    assert "bijlagen[2].wijzigingen" in result.output and "'aanvaarden'" in result.output


# --- built, through LibreOffice -----------------------------------------------------------------


def _qdf_bytes(pdf: Path, tmp_path: Path) -> bytes:
    """Every byte of ``pdf`` with its streams decompressed."""
    qdf = tmp_path / f"{pdf.stem}.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(qdf)], check=True)
    return qdf.read_bytes()


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["brief.docx", "oproep.odt"])
def test_a_build_refuses_a_ready_made_file_with_tracked_changes_and_writes_nothing(
    minimal: Path, tmp_path: Path, name: str
) -> None:
    _with_tracked_files(minimal, "aanvaarden")
    edit(
        minimal / "besluitpak.yaml",
        f"bijlagen/{name}\n    wijzigingen: aanvaarden\n",
        f"bijlagen/{name}\n",
    )
    result = cli("build", minimal, "--out", tmp_path / "out")
    assert result.exit_code == 1
    where = (
        "bijlagen/brief.docx (bijlage 3, brief)"
        if name == "brief.docx"
        else "bijlagen/oproep.odt (bijlage 4, oproep)"
    )
    counts = (
        "2 insertions, 4 deletions, 1 move" if name == "brief.docx" else "3 insertions, 5 deletions"
    )
    assert (
        f"error: {where}: expected a document without tracked changes, got {counts}"
        in result.stderr
    )
    assert "Traceback" not in result.output
    assert not list((tmp_path / "out").glob("*.pdf"))


@pytest.mark.libreoffice
@pytest.mark.parametrize("choice", ["aanvaarden", "verwerpen"])
def test_both_editions_print_the_changes_as_the_case_file_says_and_no_comment(
    minimal: Path, tmp_path: Path, choice: str
) -> None:
    _with_tracked_files(minimal, choice)
    result = cli("build", minimal, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    for where in (
        "bijlagen/brief.docx (bijlage 3, brief)",
        "bijlagen/oproep.odt (bijlage 4, oproep)",
    ):
        assert f"warning: {where}: 1 comment removed from both editions" in result.stderr
    kept, gone = (INSERTED, DELETED) if choice == "aanvaarden" else (DELETED, INSERTED)
    editions = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name.rsplit("-", 1)[-1] for p in editions] == ["intern.pdf", "openbaar.pdf"]
    for pdf in editions:
        text = " ".join(" ".join(page.split()) for page in page_texts(pdf))
        for word in kept:
            assert text.count(word) == 2, (pdf.name, word)  # the .docx and the .odt
        assert text.count("Verplaatstkwartel") == 2
        raw = _qdf_bytes(pdf, tmp_path)
        for word in (*gone, COMMENT, REVIEWER):
            assert word not in text, (pdf.name, word)
            assert word.encode() not in raw, (pdf.name, word)


@pytest.mark.libreoffice
def test_a_ready_made_header_and_footer_stay_clear_of_the_stamp(
    minimal: Path, tmp_path: Path
) -> None:
    """The corpus files put their header and footer 1.25 cm from the edge (Word's default),
    where the stamp's rule and page number are."""
    _with_tracked_files(minimal, "aanvaarden")
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0, result.output
    pages = [
        p
        for p in page_words(Path(result.stdout.split()[-1]))
        if any(w.text == "Dorpsstraat" for w in p[2])
    ]
    assert len(pages) == 2  # the .docx and the .odt
    for _, height, words in pages:
        header = next(w for w in words if w.text == "Wijkraad")
        footer = next(w for w in words if w.text == "Dorpsstraat")
        number = next(w for w in words if w.text == "pagina" and w.y0 > height / 2)
        assert header.y0 > housestyle.STAMP_TOP_BAND + 5  # below the stamp's rule
        assert footer.y1 < number.y0  # above the page number


def _docx_with_body(tmp_path: Path, body: str) -> Path:
    """A .docx (python-docx's) whose body is ``body`` (WordprocessingML, w: bound)."""
    document = DocxDocument()
    path = tmp_path / "klein.docx"
    document.save(str(path))
    entries = _entries(path.read_bytes())
    xml = entries["word/document.xml"].decode()
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
    entries["word/document.xml"] = (xml[:start] + body + xml[end:]).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


_CHANGE = 'w:author="A" w:date="2026-03-02T10:00:00Z"'


def _row(text: str, mark: str) -> str:
    return (
        f"<w:tr><w:trPr>{mark}</w:trPr><w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>"
    )


@pytest.mark.parametrize("choice", ["aanvaarden", "verwerpen"])
def test_table_rows_and_text_inserted_then_deleted_follow_the_choice(
    tmp_path: Path, choice: str
) -> None:
    body = (
        "<w:p><w:r><w:t>Voor</w:t></w:r>"
        f'<w:ins w:id="1" {_CHANGE}><w:del w:id="2" {_CHANGE}><w:r><w:delText>Eventjes'
        "</w:delText></w:r></w:del></w:ins><w:r><w:t>Na</w:t></w:r></w:p>"
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>"
        + _row("Rijgebleven", "")
        + _row("Rijingevoegd", f'<w:ins w:id="3" {_CHANGE}/>')
        + _row("Rijgeschrapt", f'<w:del w:id="4" {_CHANGE}/>')
        + "</w:tbl><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>"
        + _row("Tabelgeschrapt", f'<w:del w:id="5" {_CHANGE}/>')
        + "</w:tbl><w:p/>"
    )
    path = _docx_with_body(tmp_path, body)
    assert revisions.scan(path) == Found(insertions=2, deletions=3)
    entries = _entries(revisions.cleaned(path, choice, "klein"))  # type: ignore[arg-type]
    text = _word_text(entries)["word/document.xml"]
    assert "VoorNa" in text  # inserted and deleted again: never there
    assert "Rijgebleven" in text
    if choice == "aanvaarden":
        assert "Rijingevoegd" in text and "Rijgeschrapt" not in text
        assert entries["word/document.xml"].count(b"<w:tbl>") == 1  # the deleted table is gone
    else:
        assert "Rijingevoegd" not in text and "Rijgeschrapt" in text and "Tabelgeschrapt" in text
    assert b"Eventjes" not in entries["word/document.xml"]


@pytest.mark.libreoffice
def test_a_ready_made_odt_that_is_no_xml_is_refused_before_libreoffice(
    minimal: Path, tmp_path: Path
) -> None:
    """Its tracked changes cannot be counted, so it is not converted (LibreOffice might print
    what it could read of it)."""
    edit(minimal / "besluitpak.yaml", "bestand: bijlagen/brief.docx", "bestand: bijlagen/brief.odt")
    with zipfile.ZipFile(minimal / "bijlagen" / "brief.odt", "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<<< dit is geen XML")
    result = cli("build", minimal, "--out", tmp_path / "out", "--no-cache")
    assert result.exit_code == 1
    assert "error: bijlagen/brief.odt (bijlage 3, brief): cannot read this document:" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def _red_rows(png: Path) -> list[int]:
    """The pixel rows (at 72 dpi: points from the top) holding the logo's red."""
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        pixels = rgb.load()
        assert pixels is not None
        return [
            y
            for y in range(height)
            if any(
                (p := pixels[x, y])[0] > 120 and p[1] < 80 and p[2] < 90  # type: ignore[index]
                for x in range(0, width, 2)
            )
        ]


@pytest.mark.libreoffice
def test_a_letterhead_logo_anchored_to_the_page_edge_moves_out_of_the_stamp(
    minimal: Path, tmp_path: Path
) -> None:
    """letterhead.docx anchors its logo 0.4 cm from the top edge (across the stamp's label
    and rule) and a second one to the bottom edge (across the page number)."""
    shutil.copyfile(CORPUS / "letterhead.docx", minimal / "bijlagen" / "brief.docx")
    result = cli("build", minimal, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0, result.output
    bundle = Path(result.stdout.split()[-1])
    [page] = [i for i, text in enumerate(page_texts(bundle), 1) if "briefpapier" in text]
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            str(bundle),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    [png] = tmp_path.glob("page*.png")
    height = page_words(bundle)[page - 1][1]
    rows = _red_rows(png)
    top = [y for y in rows if y < height / 2]
    bottom = [y for y in rows if y > height / 2]
    assert top and bottom  # both logos are printed
    assert min(top) > housestyle.STAMP_TOP_BAND + 5  # below the rule
    page_number = housestyle.STAMP_BOTTOM_BAND + housestyle.STAMP_SIZE
    assert max(bottom) < height - page_number  # above the page number
