"""Every guard item is found in every channel (issue 25, "Done when"): each planted item of
tests/personal/planted.txt (e-mail addresses, phone numbers, IBANs, BSNs, addresses, in
every format the set has) is hidden in each channel a shipped file can carry text in — a
PDF's page text, a bookmark, a sticky note, a link, an /Alt, an /ActualText, a layer that
is off, the Info dictionary, the XMP, an attachment, a form value; and a file's name, XML,
CSV and JSON — and the guard finds it there, with its kind, naming that channel.

The PDFs are real (reportlab draws the pages, pikepdf adds the rest). The fast tier reads
them as the channel scan does without poppler (the page text decoded from the content
streams); the ``libreoffice`` tier (poppler) runs :func:`guard.scan`, the entry point of
``build`` and ``publish``, with pdftotext's text of every layer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from besluitpak.casefile.case import Case, load_case
from besluitpak.errors import PersonalDataError
from besluitpak.pdf import fonts
from besluitpak.publication import channels, guard, measure, personal
from besluitpak.publication.editions import plan_edition
from tests import leaky_pdf
from tests.helpers import MINIMAL, ROOT

PLANTED = measure.read_planted(
    (ROOT / "tests" / "personal" / "planted.txt").read_text(encoding="utf-8")
)
LABEL = "bijlage 3"

HIDDEN = ("bookmark", "annotation", "alt", "actualtext", "info", "xmp", "attachment", "form")
"""The channels :func:`tests.leaky_pdf.hide` plants (on page 1); the page text, the link
and the layer that is off are planted here."""

PDF_WHERE = {
    "page text": f"{LABEL}, page 1",
    "bookmark": f"{LABEL}, page 1, bookmark",
    "annotation": f"{LABEL}, page 1, annotation /Contents",
    "link": f"{LABEL}, page 1, link URI",
    "alt": f"{LABEL}, page 1, Alt",
    "actualtext": f"{LABEL}, page 1, ActualText",
    "layer off": f"{LABEL}, page 2",
    "info": f"{LABEL}, Info /Keywords",
    "xmp": f"{LABEL}, XMP",
    "attachment": f"{LABEL}, embedded file notitie.txt: text",
    "form": f"{LABEL}, form value /V",
}
"""Where the guard's finding must say the item is, per channel (:func:`guard.scan`)."""

FILE_WHERE = {
    "file name": "file name",
    "xml": "record.xml, xml",
    "csv": "inventarislijst.csv, csv",
    "json": "record.json, json",
}


def _item(planted: measure.Planted) -> str:
    return planted.sentence[planted.start : planted.end]


def _id(planted: measure.Planted) -> str:
    return f"{planted.kind}:{_item(planted)}"


def _link(planted: measure.Planted) -> str:
    """A mailto: link for an e-mail address, else a search link with the sentence in its
    query (a dotted BSN is one only with its label), encoded as a browser writes them."""
    if planted.kind == personal.EMAIL:
        return "mailto:" + urllib.parse.quote(_item(planted), safe="@+()[]{}")
    return "https://kaart.example/zoek?q=" + urllib.parse.quote_plus(planted.sentence)


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case(MINIMAL / "besluitpak.yaml")  # read only: its steller is none of the items


def _pages(path: Path, visible: str, hidden: str) -> None:
    """Page 1 shows ``visible``; page 2 draws ``hidden`` (put in a layer that is off by
    :func:`_layer_off`). Small type, so the longest sentence stays on the page."""
    regular, _bold = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, invariant=True, initialFontName=regular)
    for text in (visible, hidden):
        canvas.setFont(regular, 7)
        canvas.drawString(40, 760, text)
        canvas.showPage()
    canvas.save()
    _say_what_is_missing(path, regular, visible + hidden)


def _say_what_is_missing(path: Path, font: str, text: str) -> None:
    """Carlito has no glyph for a fullwidth ``＠``: reportlab draws .notdef (code 0) and its
    ToUnicode says U+0000. Make it say the character meant, as a PDF does whose font has
    the glyph (or whose generator wrote the ToUnicode of what was typed)."""
    missing = {c for c in text if ord(c) not in pdfmetrics.getFont(font).face.charToGlyph}
    if not missing:
        return
    assert len(missing) == 1, f"one code for the missing glyphs, not {sorted(missing)}"
    meant = f"<{ord(missing.pop()):04X}>".encode()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            for font_dict in page.obj.Resources.Font.values():
                cmap = font_dict.ToUnicode
                cmap.write(cmap.read_bytes().replace(b"<00> <0000>", b"<00> " + meant, 1))
        pdf.save(path)


def _layer_off(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """All of ``page``'s content inside an optional-content group that is OFF by default."""
    group = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Verborgen")))
    pdf.Root.OCProperties = Dictionary(
        OCGs=Array([group]), D=Dictionary(Name=String("Standaard"), OFF=Array([group]))
    )
    page.obj.Resources.Properties = Dictionary(OC1=group)
    page.contents_coalesce()
    content = page.obj.Contents.read_bytes()
    page.obj.Contents.write(b"/OC /OC1 BDC\n" + content + b"\nEMC\n")


def _add_link(path: Path, uri: str) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        link = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=[40, 700, 200, 720],
            Border=[0, 0, 0],
            A=Dictionary(S=Name.URI, URI=String(uri)),
        )
        pdf.pages[0].obj.Annots.append(pdf.make_indirect(link))
        pdf.save(path)


def planted_pdf(path: Path, planted: measure.Planted) -> Path:
    """A two-page PDF with ``planted``'s sentence in every channel of :data:`PDF_WHERE`."""
    _pages(path, planted.sentence, planted.sentence)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        _layer_off(pdf, pdf.pages[1])
        pdf.save(path)
    values = dict.fromkeys(HIDDEN, planted.sentence)
    leaky_pdf.hide(path, page=1, values=values, only=HIDDEN)
    _add_link(path, _link(planted))
    return path


def _file_name(planted: measure.Planted) -> str:
    """A public file's name holding the sentence (a slash cannot be in a name: a hyphen)."""
    return f"{planted.sentence.replace('/', '-')}.pdf"


def planted_files(planted: measure.Planted) -> list[tuple[str, bytes]]:
    """Files that ship beside the PDFs, each with ``planted``'s sentence in its text."""
    sentence = planted.sentence
    xml = f'<?xml version="1.0" encoding="UTF-8"?><record><t>{escape(sentence)}</t></record>'
    table = io.StringIO()
    csv.writer(table).writerows([["nummer", "titel"], ["1", sentence]])
    record = {"documents": [{"titel": sentence, "bestand": "a.pdf"}]}
    return [
        (_file_name(planted), b"%PDF-1.7 (no PDF: its name is what is read here)"),
        ("record.xml", xml.encode()),
        ("inventarislijst.csv", table.getvalue().encode()),
        ("record.json", json.dumps(record, ensure_ascii=False).encode()),
    ]


def _missing(
    found: Sequence[guard.Found], planted: measure.Planted, where: dict[str, str]
) -> list[str]:
    """The channels of ``where`` where the guard did not find ``planted`` as its kind."""
    return [
        f"{channel} ({place})"
        for channel, place in where.items()
        if not any(f.where == place and f.what == planted.kind and not f.steller for f in found)
    ]


def test_the_planted_set_has_every_kind_and_the_pdf_every_channel() -> None:
    assert {p.kind for p in PLANTED} == set(personal.KINDS)
    assert len(PLANTED) >= 100
    assert set(PDF_WHERE) == {"page text", "link", "layer off", *HIDDEN}


@pytest.mark.parametrize("planted", PLANTED, ids=_id)
def test_a_planted_item_in_each_pdf_channel_is_found_there_without_poppler(
    case: Case, tmp_path: Path, planted: measure.Planted
) -> None:
    """The channel scan's own reading (content streams decoded through each font's
    ToUnicode, every layer on): the page text and the layer are ``content stream``."""
    pdf = planted_pdf(tmp_path / "bijlage.pdf", planted)
    read = guard.file_channels(pdf, document=LABEL, content=False)
    found = guard.search(case, read)
    where = {
        **PDF_WHERE,
        "page text": f"{LABEL}, page 1, content stream",
        "layer off": f"{LABEL}, page 2, content stream",
    }
    assert not _missing(found, planted, where), [(f.where, f.what, f.passage) for f in found]


@pytest.mark.parametrize("planted", PLANTED, ids=_id)
def test_a_planted_item_in_a_file_name_xml_csv_and_json_is_found_there(
    case: Case, planted: measure.Planted
) -> None:
    read = [c for name, data in planted_files(planted) for c in channels.bytes_channels(name, data)]
    found = guard.search(case, read)
    where = {**FILE_WHERE, "file name": f"{_file_name(planted)}, file name"}
    assert not _missing(found, planted, where), [(f.where, f.what, f.passage) for f in found]


def test_publishing_files_that_hold_an_item_is_refused_naming_each_file_and_channel(
    case: Case,
) -> None:
    planted = next(p for p in PLANTED if p.kind == personal.IBAN)
    plan = plan_edition(case, "openbaar", today=dt.date(2020, 6, 16))
    with pytest.raises(PersonalDataError, match="would hold personal data") as refused:
        guard.check_shipping(case, plan, planted_files(planted))
    message = str(refused.value)
    places = {**FILE_WHERE, "file name": f"{_file_name(planted)}, file name"}
    for where in places.values():
        assert f"{where}: IBAN in " in message


@pytest.mark.libreoffice  # poppler's pdftotext
@pytest.mark.parametrize("planted", PLANTED, ids=_id)
def test_a_planted_item_in_each_pdf_channel_is_found_there_by_the_build_scan(
    case: Case, tmp_path: Path, planted: measure.Planted
) -> None:
    """:func:`guard.scan` as ``build`` and ``publish`` run it: the page text is poppler's,
    with the layer that a viewer does not show drawn too."""
    pdf = planted_pdf(tmp_path / "bijlage.pdf", planted)
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    hidden_page = shown.stdout.split("\f")[1]
    assert not hidden_page.strip()  # the layer is off: a reader sees an empty page 2
    found = guard.scan(case, parts=[(LABEL, pdf)], texts=[])
    assert not _missing(found, planted, PDF_WHERE), [(f.where, f.what, f.passage) for f in found]
