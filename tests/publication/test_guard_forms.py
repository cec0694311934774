"""The guard reads every channel in any Unicode form and glyph names as a channel (F5 and F7
of the issue 29 adversarial review): a redacted name that the redaction missed because it
is written decomposed, or that names a Type 3 glyph, is found; fast (pikepdf only)."""

from __future__ import annotations

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from besluitpak.casefile import lak_words
from besluitpak.casefile.case import load_case
from besluitpak.publication import channels, guard
from besluitpak.publication.channels import Channel
from besluitpak.publication.secrets import Secrets, phrases
from tests.helpers import MINIMAL


def _page_with(pdf: pikepdf.Pdf, glyph: str, text: bytes) -> None:
    logo = Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 1, 1]),
        FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]), FirstChar=65, LastChar=65,
        Widths=Array([600]), Resources=Dictionary(),
        CharProcs=Dictionary({f"/{glyph}": pdf.make_stream(b"600 0 d0")}),
        Encoding=Dictionary(Type=Name.Encoding, Differences=Array([65, Name(f"/{glyph}")])),
    )  # fmt: skip
    helvetica = Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
        Encoding=Name.WinAnsiEncoding,
    )  # fmt: skip
    page = pdf.add_blank_page()
    page.obj.Resources = Dictionary(Font=Dictionary(F1=helvetica, L=pdf.make_indirect(logo)))
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET")


def test_a_type3_glyph_name_is_a_channel_the_words_are_searched_in() -> None:
    pdf = pikepdf.new()
    _page_with(pdf, "Jonker", b"Openbare tekst.")
    _page_with(pdf, "J_o_n_k_e_r", b"Andere tekst.")
    found = [
        c for c in channels.pdf_channels(pdf, document="bijlage 2") if c.channel == "glyph name"
    ]
    assert [(c.page, c.text) for c in found] == [(1, "Jonker"), (2, "J_o_n_k_e_r Jonker")]
    secrets = Secrets(passages=(("words redacted on page 1", lak_words.pattern("Jonker")),))
    assert all(secrets.found_in(c.text, c.channel) for c in found)


def test_a_decomposed_name_is_found_and_named_as_written() -> None:
    passage = ("a {lak} passage of bijlage 1", lak_words.pattern("Mevrouw Müller"))
    secrets = Secrets(passages=(passage,))
    text = "zei MEVROUW  Mu\u0308ller gisteren"
    assert secrets.found_in(text) == [("a {lak} passage of bijlage 1", "MEVROUW  Mu\u0308ller")]
    assert secrets.found_in("zei mevrouw Mullers") == []


def test_phrases_of_a_withheld_part_match_in_any_unicode_form() -> None:
    withheld = phrases("De heer Müller woont aan de Zijlweg")
    assert withheld == phrases("de heer Mu\u0308ller woont aan de zijlweg")


def test_the_guard_finds_an_address_and_a_redacted_name_written_decomposed() -> None:
    case = load_case(MINIMAL / "besluitpak.yaml")
    text = "Mevrouw Mu\u0308ller woont aan de Mu\u0308llerweg 7a, 2013 DK Haarlem."
    read = [Channel(document="bijlage 2", page=3, channel="content", text=text)]
    secrets = Secrets(passages=(("words redacted on page 1", lak_words.pattern("Müller")),))
    found = {(f.where, f.what) for f in guard.search(case, read, secrets=secrets)}
    assert found == {
        ("bijlage 2, page 3", "adres"),
        ("bijlage 2, page 3", "words redacted on page 1"),
    }


def test_names_a_generator_chose_are_a_channel_the_words_are_searched_in() -> None:
    """A redacted word as a PDF name (adversary round 4): a font's /BaseFont, a Separation
    colorant, a resource's name, a marked-content tag and an operand only a content stream
    holds (``ri``), #-escaped too. Each is text of its own; the guard refuses what it finds."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    ink = Array([Name.Separation, Name("/Kuipersblauw"), Name.DeviceRGB, pdf.make_stream(b"{}")])
    page.obj.Resources = Dictionary(
        Font=Dictionary(
            Kuipersletter=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Kuipers"))
        ),
        ColorSpace=Dictionary(CS0=ink),
    )
    page.obj.Contents = pdf.make_stream(
        b"/Kuipersmerk BMC BT /Kuipersletter 12 Tf 72 700 Td (Openbaar.) Tj ET EMC"
        b" /Kuipers#4Eacht ri"
    )
    [found] = [
        c for c in channels.pdf_channels(pdf, document="bijlage 2") if c.channel == "PDF name"
    ]
    for name in ("Kuipers", "Kuipersblauw", "Kuipersletter", "Kuipersmerk", "KuipersNacht"):
        assert name in found.text.split()
    secrets = Secrets(passages=(("words redacted on page 1", lak_words.pattern("Kuipers")),))
    assert secrets.found_in(found.text, found.channel)


def test_a_link_uri_is_read_percent_decoded_too() -> None:
    """``https://example.org/%4Buipers`` is the word as a browser shows it (adversary
    round 4: kept, and repeated in the link's description)."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    link = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Link,
        Rect=Array([72, 700, 200, 720]),
        A=Dictionary(S=Name.URI, URI=pikepdf.String("https://example.org/%4Buipers/")),
    )
    page.obj.Annots = Array([link])
    uris = [c.text for c in channels.pdf_channels(pdf, document="b") if c.channel == "link URI"]
    assert uris == ["https://example.org/%4Buipers/", "https://example.org/Kuipers/"]
    secrets = Secrets(passages=(("words redacted on page 1", lak_words.pattern("Kuipers")),))
    assert secrets.found_in(uris[1], "link URI")


@pytest.mark.parametrize(
    "shown",
    ["Brief van Visser-\ndekker.", "Brief van Visser dekker.", "Brief van VISSER‐DEKKER."],
)
def test_a_redacted_word_broken_by_a_hyphen_or_a_gap_is_still_found_by_the_guard(
    shown: str,
) -> None:
    """Adversary round 4: a kerning gap or a hyphen inside the word left it readable on the
    public page ("GEHEIM IKERNGAPZ"), and a line-end hyphenation does the same. The guard
    matches the word's letters across either and refuses; what redacts stays exact."""
    loose = lak_words.pattern("Visserdekker", loose=True)
    secrets = Secrets(passages=(("words redacted on page 1", loose),))
    assert secrets.found_in(shown)
    assert secrets.found_in("Brief van Visserdekkers.") == []  # still whole words
    assert lak_words.spans(lak_words.pattern("Visserdekker"), shown) == []
