"""The channel scan reads every place a shipped file carries text: a marker hidden in a
bookmark, a sticky note, a mailto link, a hidden layer, an /Alt, an /ActualText, the Info
dictionary, the XMP, an attachment or a form value is found there, on its page (real
pikepdf and poppler on PDFs built with reportlab)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pikepdf
import pytest

from besluitpak.casefile.case import Case, load_case
from besluitpak.errors import PersonalDataError
from besluitpak.publication import channels, guard
from besluitpak.publication.editions import plan_edition
from tests import leaky_pdf
from tests.helpers import cli, edit

WHERE = {
    "bookmark": ("bookmark", 2),
    "annotation": ("annotation /Contents", 2),
    "link": ("link URI", 2),
    "layer": ("content", 2),
    "alt": ("Alt", 2),
    "actualtext": ("ActualText", 2),
    "info": ("Info /Keywords", None),
    "xmp": ("XMP", None),
    "attachment": ("embedded file notitie.txt: text", None),
    "form": ("form value /V", None),
}


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("leaky") / "leaky.pdf"
    leaky_pdf.base_pdf(path, pages=3)
    leaky_pdf.hide(path, page=2)
    return path


@pytest.mark.parametrize("hidden", leaky_pdf.CHANNELS)
def test_a_marker_in_each_channel_is_found_there_on_its_page(leaky: Path, hidden: str) -> None:
    found = list(channels.enumerate(leaky, document="bijlage 2"))
    marker = leaky_pdf.marker(hidden)
    channel, page = WHERE[hidden]
    assert any(
        c.channel == channel and c.page == page and marker in c.text and c.document == "bijlage 2"
        for c in found
    ), [c for c in found if marker in c.text]


def test_a_hidden_layer_that_poppler_skips_is_read(leaky: Path) -> None:
    plain = subprocess.run(
        ["pdftotext", str(leaky), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert leaky_pdf.marker("layer") not in plain  # a viewer does not show it either
    pages = channels.pdftotext_pages(leaky)
    assert len(pages) == 3
    assert leaky_pdf.marker("layer") in pages[1]
    stream = [c for c in channels.enumerate(leaky) if c.channel == "content stream"]
    assert any(c.page == 2 and leaky_pdf.marker("layer") in c.text for c in stream)


def test_a_clean_pdf_has_only_its_page_text(tmp_path: Path) -> None:
    path = tmp_path / "clean.pdf"
    leaky_pdf.base_pdf(path, pages=2, text="Gewone tekst")
    found = [c for c in channels.enumerate(path) if not c.channel.startswith("Info")]
    own = {"content", "content stream", "XMP", "PDF name", "font program"}  # its font's names
    assert {c.channel for c in found} <= own
    [names] = [c.text.split() for c in found if c.channel == "PDF name"]  # the file's own
    assert {"Type", "Page", "Font", "Contents"} <= set(names)
    assert [c.text for c in found if c.channel == "content"] == [
        "Gewone tekst op pagina 1",
        "Gewone tekst op pagina 2",
    ]


def test_an_attached_pdf_is_read_channel_by_channel(tmp_path: Path, leaky: Path) -> None:
    outer = tmp_path / "outer.pdf"
    leaky_pdf.base_pdf(outer, pages=1)
    with pikepdf.open(outer, allow_overwriting_input=True) as pdf:
        pdf.attachments["binnen.pdf"] = pikepdf.AttachedFileSpec(pdf, leaky.read_bytes())
        pdf.save(outer)
    found = list(channels.enumerate(outer))
    assert any(
        c.channel == "embedded file binnen.pdf: bookmark" and leaky_pdf.marker("bookmark") in c.text
        for c in found
    )


def test_a_file_attachment_note_and_a_private_key_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bijlage.pdf"
    leaky_pdf.base_pdf(path, pages=2)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        data = pdf.make_stream(b"Notitie van GeheimpjeBijlageXq over de aankoop.")
        data.Type = pikepdf.Name.EmbeddedFile
        spec = pikepdf.Dictionary(
            Type=pikepdf.Name.Filespec, F=pikepdf.String("notitie.txt"), EF={"/F": data}
        )
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[0, 0, 9, 9], FS=spec
        )
        pdf.pages[1].obj.Annots = pikepdf.Array([pdf.make_indirect(note)])
        pdf.Root.PieceInfo = pikepdf.Dictionary(
            Maker=pikepdf.Dictionary(
                Private=pikepdf.String("GeheimpjePrivateXq"),
                Data=pdf.make_stream(b"Opgesteld door GeheimpjeStreamXq."),
            )
        )
        resources = pdf.pages[0].obj.Resources
        font = next(iter(resources.Font.keys()))
        unused = pdf.make_stream(  # a form XObject that no page draws
            f"BT {font} 12 Tf 0 0 Td (GeheimpjeFormXObjectXq) Tj ET".encode(),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 100, 100],
            Resources=pikepdf.Dictionary(Font=resources.Font),
        )
        resources.XObject = pikepdf.Dictionary(Ongebruikt=unused)
        pdf.save(path)
    found = list(channels.enumerate(path))
    assert any(
        c.page == 2
        and c.channel == "embedded file notitie.txt: text"
        and "GeheimpjeBijlageXq" in c.text
        for c in found
    )
    assert any(
        c.channel.startswith("other string") and c.text == "GeheimpjePrivateXq" for c in found
    )
    assert any(c.channel == "other stream" and "GeheimpjeStreamXq" in c.text for c in found)
    assert any(c.channel == "form XObject" and "GeheimpjeFormXObjectXq" in c.text for c in found)


def test_files_that_are_no_pdf_yield_their_text_and_name() -> None:
    record = json.dumps({"documents": [{"titel": "Notitie", "file": "a.pdf"}]}).encode()
    found = channels.bytes_channels("record.json", record)
    assert ("file name", "record.json") in {(c.channel, c.text) for c in found}
    assert {c.text for c in found if c.channel == "json"} >= {"Notitie", "a.pdf", "titel"}
    xml = b'<?xml version="1.0"?><url><loc>https://x.example/a.pdf</loc><t n="z">Titel</t></url>'
    [text] = [c.text for c in channels.bytes_channels("sitemap.xml", xml) if c.channel == "xml"]
    assert "https://x.example/a.pdf" in text and "Titel" in text and "z" in text
    rows = channels.bytes_channels("lijst.csv", b"nummer,titel\r\n1,Notitie\r\n")
    assert [c.text for c in rows if c.channel == "csv"] == ["nummer | titel", "1 | Notitie"]


EMAIL = "p.tester@proef.example"
"""The steller's e-mail in tests/cases/minimal."""


def _case(minimal: Path, extra: str = "") -> Case:
    if extra:
        edit(minimal / "besluitpak.yaml", "    bestand: bijlagen/kaart.pdf", extra)
    return load_case(minimal / "besluitpak.yaml")


@pytest.mark.parametrize(
    ("hidden", "channel"),
    [
        ("bookmark", "bijlage 2, page 1, bookmark"),
        ("annotation", "bijlage 2, page 1, annotation /Contents"),
        ("layer", "bijlage 2, page 1"),  # the page text, with every layer on
        ("link", "bijlage 2, page 1, link URI"),
    ],
)
def test_the_stellers_email_hidden_in_a_ready_made_pdf_is_found_naming_the_channel(
    minimal: Path, tmp_path: Path, hidden: str, channel: str
) -> None:
    pdf = tmp_path / "kaart.pdf"
    leaky_pdf.base_pdf(pdf, pages=1, text="Kaart van het proefgebied")
    leaky_pdf.hide(pdf, page=1, values={hidden: EMAIL}, only=(hidden,))
    found = guard.scan(_case(minimal), parts=[("bijlage 2", pdf)], texts=[])
    assert (channel, "steller.email") in [(f.where, f.what) for f in found if f.steller]
    assert {f.where for f in found} == {channel}  # and the e-mail address as such, there


WITHHELD = "Vertrouwelijk: de grond wordt gekocht voor negen ton"


def test_text_of_a_withheld_page_in_a_kept_pages_bookmark_is_refused(
    minimal: Path, tmp_path: Path
) -> None:
    whole = tmp_path / "whole.pdf"
    leaky_pdf.base_pdf(whole, pages=2, text="Kaart van het proefgebied")
    with pikepdf.open(whole, allow_overwriting_input=True) as pdf:  # page 2: the secret
        pdf.pages[1].contents_add(
            pdf.make_stream(b"BT /F1 12 Tf 72 600 Td (" + WITHHELD.encode() + b") Tj ET"),
            prepend=False,
        )
        pdf.pages[1].obj.Resources.Font.F1 = next(iter(pdf.pages[0].obj.Resources.Font.values()))
        pdf.save(whole)
    assert WITHHELD in channels.pdftotext_pages(whole)[1]
    public = tmp_path / "public.pdf"  # page 1 kept; its bookmark tells what page 2 says
    leaky_pdf.base_pdf(public, pages=1, text="Kaart van het proefgebied")
    leaky_pdf.hide(public, page=1, values={"bookmark": WITHHELD}, only=("bookmark",))
    case = _case(
        minimal,
        '    bestand: bijlagen/kaart.pdf\n    lakken: [{paginas: "2", grond: "5.1.2f"}]',
    )
    plan = plan_edition(case, "openbaar", today=dt.date(2020, 6, 16))
    secrets = guard.secrets_of(case, plan, lakken={"kaart": whole})
    found = guard.scan(case, parts=[("bijlage 2", public)], texts=[], secrets=secrets)
    assert found, "the withheld page's words in a bookmark went unnoticed"
    assert {(f.where, f.what, f.withheld) for f in found} == {
        ("bijlage 2, page 1, bookmark", "withheld page 2 of bijlage 2", True)
    }
    with pytest.raises(PersonalDataError, match="would hold text it withholds") as refused:
        guard.stop(case, found, publishing=False)
    assert "bijlage 2, page 1, bookmark: text of withheld page 2 of bijlage 2" in str(refused.value)
    # in the whole PDF the secret is on page 2 only: page 1's own words are no leak
    whole_found = guard.scan(case, parts=[("bijlage 2", whole)], texts=[], secrets=secrets)
    assert {f.where.split(", ")[1] for f in whole_found} == {"page 2"}


def test_a_lak_passage_in_a_link_or_a_withheld_bijlages_id_in_a_file_name_is_refused(
    minimal: Path,
) -> None:
    edit(
        minimal / "bijlagen" / "notitie.yaml",
        "  - Na afloop volgt een evaluatie met de wijkraad.",
        "  - Na afloop volgt een evaluatie met {lak:5.1.2e}mevrouw Q. Verborgen{/lak}.",
    )
    case = _case(
        minimal,
        "    bestand: bijlagen/kaart.pdf\n    openbaar: false\n    grond: art. 55 Gemeentewet",
    )
    plan = plan_edition(case, "openbaar", today=dt.date(2020, 6, 16))
    with pytest.raises(PersonalDataError) as refused:
        guard.check_shipping(
            case,
            plan,
            [
                ("record.json", json.dumps({"uri": "mailto:Mevrouw Q. Verborgen"}).encode()),
                ("collegebesluit-2020-000123-bijlage-02-kaart.pdf.txt", b"-"),
            ],
        )
    message = str(refused.value)
    assert "record.json, json: text of a {lak} passage of bijlage 1: 'Mevrouw Q. Verborgen'" in (
        message
    )
    assert "file name: text of withheld bijlage 2 (its id): 'kaart'" in message
    # the title of a withheld bijlage is public by design (placeholder page, inventory)
    guard.check_shipping(case, plan, [("lijst.csv", b"2,Kaart van het proefgebied\r\n")])


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("hidden", "place"),
    [
        ("bookmark", "bookmark"),
        ("annotation", "annotation /Contents"),
        ("layer", "page 1:"),
        ("link", "link URI"),
    ],
)
def test_the_stellers_email_in_a_ready_made_pdf_never_ships_silently(
    minimal: Path, tmp_path: Path, hidden: str, place: str
) -> None:
    """Either the public edition is refused, naming the channel, or what is written holds
    the e-mail in none of its channels (the public copy left that channel out)."""
    kaart = minimal / "bijlagen" / "kaart.pdf"
    leaky_pdf.base_pdf(kaart, pages=1, text="Kaart van het proefgebied")
    leaky_pdf.hide(kaart, page=1, values={hidden: EMAIL}, only=(hidden,))
    out = tmp_path / "out"
    result = cli("build", minimal, "--out", out, "--edition", "openbaar")
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert "the public edition would hold personal data" in result.stderr
        assert f"bijlage 2, {place}" in result.stderr or f"bijlage 2, page 1, {place}" in (
            result.stderr
        )
        assert not list(out.glob("*.pdf"))
        return
    assert result.exit_code == 0, result.output
    [bundle] = out.glob("*-openbaar.pdf")
    assert not [c for c in channels.enumerate(bundle) if EMAIL in c.text.lower()]
