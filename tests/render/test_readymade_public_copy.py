"""A ready-made .docx or .odt is converted (and written by ``render --openbaar``) as a copy
rebuilt from an allow-list of what Word or Writer shows: no part, property, field code,
name, picture metadata or hidden text it does not show reaches either edition, and what it
shows is all there.

tests/hidden_office.py writes the inputs: one marker word per hidden place, one per shown
place."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from lxml import etree
from PIL import Image

from besluitpak.casefile import case as case_mod
from besluitpak.errors import ReadyMadeError
from besluitpak.render import docx as render
from besluitpak.render import public_media
from tests.helpers import cli, edit, page_texts
from tests.hidden_office import (
    DOCX_HIDDEN,
    DOCX_SHOWN,
    ODT_HIDDEN,
    ODT_SHOWN,
    halves,
    hostile_docx,
    hostile_odt,
    jpeg,
    png,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _case(minimal: Path) -> Path:
    """The minimal case with the hostile .docx as its brief and the hostile .odt as a fourth
    bijlage."""
    hostile_docx(minimal / "bijlagen" / "brief.docx")
    hostile_odt(minimal / "bijlagen" / "oproep.odt")
    case_file = minimal / "besluitpak.yaml"
    case_file.write_text(
        case_file.read_text(encoding="utf-8")
        + "  - id: oproep\n    titel: Oproep van de buurt\n    bestand: bijlagen/oproep.odt\n",
        encoding="utf-8",
    )
    edit(case_file, "({bijlage:kaart..brief})", "({bijlage:kaart..oproep})")
    return minimal


def _written(minimal: Path, tmp_path: Path, index: int, public: bool) -> dict[str, bytes]:
    case = case_mod.load_case(_case(minimal))
    document = case.bijlagen[index]
    target = tmp_path / f"bron{document.suffix}"
    render.write_source(case, document, target, public=public)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def _found(entries: dict[str, bytes], words: tuple[str, ...]) -> dict[str, list[str]]:
    return {
        word: [name for name, data in entries.items() if word.encode() in data]
        for word in words
        if any(word.encode() in data for data in entries.values())
    }


@pytest.mark.parametrize("public", [True, False], ids=["openbaar", "intern"])
def test_the_word_copy_holds_no_hidden_marker_in_any_part_and_every_shown_one(
    minimal: Path, tmp_path: Path, public: bool
) -> None:
    entries = _written(minimal, tmp_path, 2, public)
    assert _found(entries, DOCX_HIDDEN) == {}
    assert set(_found(entries, DOCX_SHOWN)) == set(DOCX_SHOWN)


def test_the_word_copy_keeps_only_the_parts_it_prints_and_lists_each_once(
    minimal: Path, tmp_path: Path
) -> None:
    entries = _written(minimal, tmp_path, 2, True)
    assert sorted(entries) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/footer1.xml",
        "word/footnotes.xml",
        "word/header1.xml",
        "word/media/bijgesneden1.png",
        "word/media/bijgesneden2.png",
        "word/media/foto.jpeg",
        "word/media/kaart.png",
        "word/settings.xml",
        "word/styles.xml",
    ]
    types = etree.fromstring(entries["[Content_Types].xml"])
    listed = {e.get("PartName") for e in types if e.get("PartName")}
    assert listed == {f"/{n}" for n in entries if not n.endswith(".rels") and n[0] != "["}
    rels = etree.fromstring(entries["word/_rels/document.xml.rels"])
    for rel in rels.iter(f"{RELS}Relationship"):
        assert f"word/{rel.get('Target')}" in entries  # no external target is left
    document = DocxDocument(_zipped(entries))
    style = document.paragraphs[0].style
    assert style is not None and style.name == "Stijl 1"  # its author's name for it went
    assert "Zichtbaarkwak en een voetnoot" in document.paragraphs[1].text


def _zipped(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_page_numbers_stay_live_links_follow_their_renamed_bookmark_and_alt_text_stays(
    minimal: Path, tmp_path: Path
) -> None:
    entries = _written(minimal, tmp_path, 2, True)
    footer = etree.fromstring(entries["word/footer1.xml"])
    assert [t.text for t in footer.iter(f"{W}instrText")] == [" PAGE \\* MERGEFORMAT "]
    body = etree.fromstring(entries["word/document.xml"])
    assert not list(body.iter(f"{W}instrText")) and not list(body.iter(f"{W}fldSimple"))
    [mark] = body.iter(f"{W}bookmarkStart")
    [link] = [h for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    assert mark.get(f"{W}name") == link.get(f"{W}anchor") == "_bp1"
    described = [e.get("descr") for e in body.iter() if e.tag.endswith("}docPr")]
    assert described == [None, "Foto van de straat", "Plattegrond", "Bijgesneden"]
    assert not list(body.iter(f"{W}sdt"))


def test_a_cropped_picture_is_cut_down_to_what_the_crop_shows(
    minimal: Path, tmp_path: Path
) -> None:
    """LibreOffice embeds a cropped picture whole and clips it: the hidden half would ship."""
    entries = _written(minimal, tmp_path, 2, True)
    assert not {halves(50, 250), halves(30, 200)} & set(entries.values())
    # a picture (a:srcRect b="50000"), an OLE object's preview (VML cropbottom="32768f")
    for name, shade in (("bijgesneden1.png", 50), ("bijgesneden2.png", 30)):
        with Image.open(io.BytesIO(entries[f"word/media/{name}"])) as shown:
            assert shown.size == (20, 10)
            assert set(shown.tobytes()) == {shade}
    body = etree.fromstring(entries["word/document.xml"])
    assert [dict(e.attrib) for e in body.iter(f"{A}srcRect")] == [{}]
    [preview] = body.iter("{urn:schemas-microsoft-com:vml}imagedata")
    assert "cropbottom" not in preview.attrib


def test_pictures_lose_their_metadata_and_keep_every_pixel() -> None:
    photo, chart = jpeg("Jpegcommentaarkwak", "Exifmakerkwak"), png(90, "Pngtekstkwak")
    for source, media_type in ((photo, "image/jpeg"), (chart, "image/png")):
        cleaned = public_media.clean(source)
        assert cleaned is not None and cleaned[1] == media_type
        assert b"kwak" not in cleaned[0]
        with Image.open(io.BytesIO(source)) as before, Image.open(io.BytesIO(cleaned[0])) as after:
            assert before.tobytes() == after.tobytes()
            assert not {"exif", "comment", "Author"} & set(after.info)


def _emf(description: str, comment: bytes, emf_plus: bytes) -> bytes:
    """A small EMF: a header with a description, a comment, an EMF+ comment, the end."""
    text = description.encode("utf-16-le") + b"\0\0"
    text += bytes(-len(text) % 4)
    header = bytearray(88)
    struct.pack_into("<II", header, 0, 1, 88 + len(text))
    header[40:44] = b" EMF"
    struct.pack_into("<II", header, 60, len(text) // 2, 88)

    def comment_record(identifier: bytes, data: bytes) -> bytes:
        body = identifier + data + bytes(-len(data) % 4)
        return struct.pack("<III", 70, 12 + len(body), len(body)) + body

    end = struct.pack("<IIIII", 14, 20, 0, 16, 20)
    return (
        bytes(header)
        + text
        + comment_record(b"GDIC", comment)
        + comment_record(b"EMF+", emf_plus)
        + end
    )


def test_an_emf_keeps_its_records_without_its_description_and_comments() -> None:
    source = _emf("Emfbeschrijvingkwak", b"Emfcommentaarkwak", b"\x01\x40tekenen")
    cleaned = public_media.clean(source)
    assert cleaned is not None and cleaned[1] == "image/x-emf"
    assert len(cleaned[0]) == len(source)
    assert "kwak".encode("utf-16-le") not in cleaned[0] and b"kwak" not in cleaned[0]
    assert b"EMF+\x01\x40tekenen" in cleaned[0]  # drawing records stay


def test_a_gif_is_redrawn_as_a_png_without_its_comment() -> None:
    buffer = io.BytesIO()
    Image.new("P", (30, 10), 3).save(buffer, format="GIF", comment=b"Gifcommentaarkwak")
    cleaned = public_media.clean(buffer.getvalue())
    assert cleaned is not None and cleaned[1] == "image/png"
    assert b"kwak" not in cleaned[0]
    with Image.open(buffer) as before, Image.open(io.BytesIO(cleaned[0])) as after:
        assert before.convert("RGB").tobytes() == after.convert("RGB").tobytes()


def test_a_picture_that_cannot_be_read_refuses_the_document_naming_it(
    minimal: Path, tmp_path: Path
) -> None:
    _case(minimal)
    brief = minimal / "bijlagen" / "brief.docx"
    with zipfile.ZipFile(brief) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries["word/media/foto.jpeg"] = entries["word/media/foto.jpeg"][:30]
    brief.write_bytes(_zipped(entries).getvalue())
    case = case_mod.load_case(minimal)
    with pytest.raises(ReadyMadeError) as refused:
        render.write_source(case, case.bijlagen[2], tmp_path / "bron.docx", public=True)
    assert str(refused.value) == (
        "bijlagen/brief.docx (bijlage 3, brief): cannot read this document: "
        "word/media/foto.jpeg: expected a picture that can be read, got a JPEG segment runs "
        "past the end of the file"
    )


@pytest.mark.parametrize("public", [True, False], ids=["openbaar", "intern"])
def test_the_writer_copy_holds_no_hidden_marker_in_any_part_and_every_shown_one(
    minimal: Path, tmp_path: Path, public: bool
) -> None:
    entries = _written(minimal, tmp_path, 3, public)
    assert _found(entries, ODT_HIDDEN) == {}
    assert _found(entries, ("Pngtekstkwak",)) == {}
    assert set(_found(entries, ODT_SHOWN)) == set(ODT_SHOWN)
    assert sorted(entries) == [
        "META-INF/manifest.xml",
        "Pictures/bijgesneden1.png",
        "Pictures/p.png",
        "content.xml",
        "meta.xml",
        "mimetype",
        "settings.xml",
        "styles.xml",
    ]
    assert b'"TabsRelativeToIndent"' in entries["settings.xml"]  # a layout setting stays
    with Image.open(io.BytesIO(entries["Pictures/bijgesneden1.png"])) as shown:  # fo:clip
        assert shown.size == (20, 10) and set(shown.tobytes()) == {50}
    assert b"rect(" not in entries["content.xml"]
    manifest = entries["META-INF/manifest.xml"].decode()
    assert set(re.findall(r'full-path="([^"]+)"', manifest)) == {
        "/",
        *(n for n in entries if n not in ("mimetype", "META-INF/manifest.xml")),
    }


def test_render_openbaar_writes_the_rebuilt_copies(minimal: Path, tmp_path: Path) -> None:
    _case(minimal)
    result = cli("render", minimal, "--out", tmp_path / "render", "--openbaar")
    assert result.exit_code == 0, result.output
    written = {p.name: p for p in (tmp_path / "render").iterdir()}
    for name, hidden, shown in (
        ("03-brief.docx", DOCX_HIDDEN, DOCX_SHOWN),
        ("04-oproep.odt", ODT_HIDDEN, ODT_SHOWN),
    ):
        with zipfile.ZipFile(written[name]) as archive:
            entries = {n: archive.read(n) for n in archive.namelist()}
        assert _found(entries, hidden) == {}, name
        assert set(_found(entries, shown)) == set(shown), name


def test_a_generated_document_of_the_public_edition_leaves_its_template_s_hidden_parts(
    minimal: Path, tmp_path: Path
) -> None:
    template = minimal / "templates" / "notitie.docx"
    with zipfile.ZipFile(template) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries["word/settings.xml"] = entries["word/settings.xml"].replace(
        b"</w:settings>",
        b'<w:docVars><w:docVar w:name="v" w:val="Huisvariabelekwak"/></w:docVars></w:settings>',
    )
    entries["word/document.xml"] = entries["word/document.xml"].replace(
        b"<w:t>Inhoud</w:t></w:r>",
        b"<w:t>Inhoud</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>Huisverborgenkwak</w:t></w:r>",
    )
    template.write_bytes(_zipped(entries).getvalue())
    case = case_mod.load_case(minimal)
    written = {}
    for public in (True, False):
        target = tmp_path / f"notitie-{public}.docx"
        render.write_source(case, case.bijlagen[0], target, public=public)
        with zipfile.ZipFile(target) as archive:
            written[public] = {n: archive.read(n) for n in archive.namelist()}
    markers = ("Huisvariabelekwak", "Huisverborgenkwak")
    assert _found(written[True], markers) == {}
    assert set(_found(written[False], markers)) == set(markers)  # the intern one as it was
    assert not {"customXml/item1.xml", "docProps/thumbnail.jpeg"} & set(written[True])
    assert b"Notitie over de proef" in written[True]["word/document.xml"]


def _qdf(pdf: Path, tmp_path: Path) -> bytes:
    target = tmp_path / f"{pdf.stem}.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(target)], check=True)
    return target.read_bytes()


@pytest.mark.libreoffice
def test_neither_edition_prints_or_carries_what_word_and_writer_hide(
    minimal: Path, tmp_path: Path
) -> None:
    """LibreOffice prints an .odt's hidden paragraph and hidden text; neither edition may."""
    _case(minimal)
    result = cli("build", minimal, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    editions = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name.rsplit("-", 1)[-1] for p in editions] == ["intern.pdf", "openbaar.pdf"]
    for pdf in editions:
        text = " ".join(" ".join(page.split()) for page in page_texts(pdf))
        raw = _qdf(pdf, tmp_path)
        for word in (*DOCX_HIDDEN, *ODT_HIDDEN):
            assert word not in text, (pdf.name, word)
            assert word.encode() not in raw, (pdf.name, word)
        for word in (*DOCX_SHOWN, *ODT_SHOWN):
            assert word in text, (pdf.name, word)
    shutil.rmtree(tmp_path / "out")
