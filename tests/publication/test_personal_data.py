"""The detectors of personal data (besluitpak.publication.personal): every item of the planted
test set is found with its kind and exact span, nothing in the clean policy sentences is, and
the checks behind them (mod-97, 11-proef) hold for known values."""

from __future__ import annotations

import time

import pytest

from besluitpak.publication.measure import Planted, measure, read_planted
from besluitpak.publication.personal import (
    KINDS,
    PHONE,
    Finding,
    elfproef,
    find,
    mod97,
    passage,
)
from tests.helpers import TESTS

HERE = TESTS / "personal"
PLANTED = read_planted((HERE / "planted.txt").read_text(encoding="utf-8"))
CLEAN = [
    line
    for line in (HERE / "clean.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find(text)]


def test_the_test_sets_are_large_enough_and_cover_every_kind() -> None:
    assert len(PLANTED) >= 100
    assert len(CLEAN) >= 100
    for kind in KINDS:
        assert sum(item.kind == kind for item in PLANTED) >= 10, kind


@pytest.mark.parametrize(
    "item", PLANTED, ids=[f"{p.kind}:{p.sentence[p.start : p.end]}" for p in PLANTED]
)
def test_a_planted_item_is_found_with_its_kind_and_exact_span(item: Planted) -> None:
    expected = Finding(
        kind=item.kind,
        text=item.sentence[item.start : item.end],
        start=item.start,
        end=item.end,
    )
    assert find(item.sentence) == [expected]


@pytest.mark.parametrize("sentence", CLEAN)
def test_nothing_is_found_in_clean_policy_text(sentence: str) -> None:
    assert find(sentence) == []


def test_the_measurement_on_the_test_sets_misses_nothing_and_finds_nothing_else() -> None:
    missed, false_positives = measure(PLANTED, CLEAN)
    assert (missed, false_positives) == ([], [])


def test_the_measurement_names_what_it_missed_and_what_it_found_wrongly() -> None:
    planted = read_planted("BSN | Het nummer is «123456789», zegt mevrouw.")  # no 11-proef
    missed, false_positives = measure(planted, ["Bel 06-12345678."])
    assert missed == planted
    assert [(s, f.kind, f.text) for s, f in false_positives] == [
        ("Bel 06-12345678.", "telefoonnummer", "06-12345678")
    ]


def test_a_planted_line_without_its_marks_is_refused_with_its_line_number() -> None:
    with pytest.raises(ValueError, match=r"line 2: expected 'kind \| sentence with «item»'"):
        read_planted("# comment\nadres | Grote Houtstraat 12, 2011 SV Haarlem")


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "nl91abna0417164300",
        "BE68539007547034",
        "DE89370400440532013000",
        "GB82WEST12345698765432",
        "FR1420041010050500013M02606",
    ],
)
def test_mod97_accepts_known_valid_ibans(iban: str) -> None:
    assert mod97(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164301",  # last digit changed
        "NL19ABNA0417164300",  # check digits swapped
        "NL91ABNA0417614300",  # two digits swapped
        "BE68539007547043",
        "GB82WEST1234569876543",  # one short
        "NL91",
        "NL91ABNA04171643.0",
    ],
)
def test_mod97_refuses_changed_or_broken_ibans(iban: str) -> None:
    assert not mod97(iban)


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "1234.56.782", "123 456 782"])
def test_the_11_proef_accepts_known_valid_bsns(bsn: str) -> None:
    assert elfproef(bsn)


@pytest.mark.parametrize(
    "bsn", ["123456789", "111222334", "000000000", "12345678", "1234567820", "12345678a"]
)
def test_the_11_proef_refuses_invalid_bsns(bsn: str) -> None:
    assert not elfproef(bsn)


def test_an_iban_that_fails_mod97_is_not_found() -> None:
    assert _found("Rekening NL91 ABNA 0417 1643 01 van de stichting.") == []
    assert _found("Code AB12CDEF3456789012 in het systeem.") == []


def test_a_bsn_that_fails_the_11_proef_is_not_found() -> None:
    assert _found("Het nummer 123456789 staat op de lijst.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Het bedrag is € 123456782 volgens de raming.",
        "De kosten zijn 123456782 euro.",
        "Kenmerk 2014/123456782.",
        "Het registratienummer 1123456782 is nieuw.",  # ten digits
        "Een getal van 123456782,50 in de tabel.",
        "De reeks 120 123 456 782 in de tabel.",
        "RSIN 123456782 van de stichting.",
    ],
)
def test_nine_digits_that_are_part_of_something_else_are_no_bsn(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text", ["Bel 14 023 voor een afspraak.", "Via 14 0235 bereikt u de gemeente Zandvoort."]
)
def test_the_municipal_short_number_is_no_personal_phone_number(text: str) -> None:
    assert _found(text) == []


def test_a_phone_number_broken_at_its_hyphen_by_a_line_is_found_whole() -> None:
    assert _found("Bel mevrouw Kok op 023- 5114567 na vijf uur.") == [
        ("telefoonnummer", "023- 5114567")
    ]


@pytest.mark.parametrize(
    "number", ["+31-6-12345678", "06-12 34 56 78", "06 - 12345678", "+31 23 511 4567"]
)
def test_phone_numbers_written_in_other_common_ways_are_found(number: str) -> None:
    assert _found(f"Contact: {number}.") == [("telefoonnummer", number)]


def test_two_dates_in_a_row_are_no_phone_number() -> None:
    assert _found("Besloten op 06-03-2014 06-04-2014 en 05-03-2014 0 keer.") == []


def test_an_email_address_broken_at_a_hyphen_by_a_line_is_found_whole() -> None:
    assert _found("Mail naar jan-piet@gemeente- haarlem.nl voor vragen.") == [
        ("e-mailadres", "jan-piet@gemeente- haarlem.nl")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Het gebied rond postcode 2011 SV krijgt nieuwe bestrating.",
        "De postcodes 2011 SV en 2012 AB liggen in het centrum.",
        "Postcode 2011 SV: 12% van de woningen is een huurwoning.",
    ],
)
def test_a_postcode_without_a_house_number_is_not_found(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize("letters", ["SA", "SD", "SS"])
def test_postcodes_with_letters_that_do_not_exist_are_not_found(letters: str) -> None:
    assert _found(f"De Grote Houtstraat 12, 2011 {letters} Haarlem.") == []
    assert _found(f"Het adres is 2011 {letters} 12.") == []


def test_a_postbus_is_no_home_address() -> None:
    assert _found("Antwoordnummer 1234, 2000 VB Haarlem; Postbus 511, 2003 PB Haarlem.") == []


def test_a_page_with_several_items_gives_them_in_the_order_of_the_text() -> None:
    page = (
        "Aanvrager: mevrouw A. Jansen, Zijlweg 7a, 2013 DK Haarlem, telefoon 06-12345678, "
        "e-mail a.jansen@example.nl, BSN 123456782, rekening NL91 ABNA 0417 1643 00."
    )
    assert _found(page) == [
        ("adres", "Zijlweg 7a, 2013 DK"),
        ("telefoonnummer", "06-12345678"),
        ("e-mailadres", "a.jansen@example.nl"),
        ("BSN", "123456782"),
        ("IBAN", "NL91 ABNA 0417 1643 00"),
    ]


def test_the_digits_of_an_iban_are_not_found_again_as_a_phone_number() -> None:
    assert _found("IBAN NL91 ABNA 0417 1643 00.") == [("IBAN", "NL91 ABNA 0417 1643 00")]


def test_the_passage_gives_whole_words_around_the_finding() -> None:
    text = (
        "Het college heeft op 11 maart 2014 besloten. Voor vragen kunt u bellen met "
        "06-12345678 tussen negen en vijf uur, of een brief sturen aan de afdeling."
    )
    (finding,) = find(text)
    assert passage(text, finding, width=20) == "…kunt u bellen met 06-12345678 tussen negen en…"
    assert passage(text, finding, width=1000) == text
    short = "Bel 06-12345678"
    assert passage(short, find(short)[0]) == short


def test_a_page_of_repeated_words_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    for page in ("Grote Markt " * 3000, "NL12 " * 3000, "1234 AB " * 3000, "06 " * 5000):
        find(page)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("nl91abna0417164300", "IBAN"),
        ("BSN 111.222.333", "BSN"),
        ("BSN 111-222-333", "BSN"),
        ("06.12.34.56.78", "telefoonnummer"),
        ("(06)12345678", "telefoonnummer"),
        ("06/12345678", "telefoonnummer"),
        ("jan.jansen(at)example.nl", "e-mailadres"),
        ("8011pk 12", "adres"),
    ],
)
def test_the_eight_formats_the_guard_missed_are_found(written: str, kind: str) -> None:
    """Issue 25: a tester's formats; the item (without its label) is found whole."""
    item = written.removeprefix("BSN ")
    assert _found(f"Volgens het formulier: {written}, zie de bijlage.") == [(kind, item)]


@pytest.mark.parametrize(
    "text",
    [
        "mailto:jan.jansen@example.nl",
        "mailto:jan.jansen%40example.nl?subject=Zijlweg",
        "https://example.nl/contact?to=jan.jansen%40example.nl",
    ],
)
def test_an_email_address_in_a_uri_is_found(text: str) -> None:
    """What the channel scan gives of a link annotation or a bookmark's action."""
    (finding,) = find(text)
    assert finding.kind == "e-mailadres"
    assert finding.text.replace("%40", "@") == "jan.jansen@example.nl"


@pytest.mark.parametrize(
    "text",
    [
        "Totaal lasten 852.419.193 in 2015.",  # 11-proef holds; an amount without a label
        "Het verzoek heeft zaaknummer 111.222.333 in het zaaksysteem.",
    ],
)
def test_nine_digits_grouped_as_thousands_are_a_bsn_only_with_a_label(text: str) -> None:
    assert _found(text) == []
    labelled = text.replace("zaaknummer", "BSN").replace("lasten", "BSN")
    assert [kind for kind, _ in _found(labelled)] == ["BSN"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2014 de 12 grootste gemeenten.",
        "Sinds 2014 is 12 procent gerenoveerd.",
        "Tussen 2013 en 2014 steeg het met 12.",
        "Een dosis van 2500mg 2 keer per dag.",
    ],
)
def test_four_digits_and_two_lowercase_letters_that_are_a_word_are_no_postcode(
    text: str,
) -> None:
    assert _found(text) == []


def test_look_at_a_website_is_no_spoken_email_address() -> None:
    assert _found("Look at haarlem.nl and at www.example.nl for the report.") == []


@pytest.mark.parametrize(
    "page",
    [
        "jan (at) " * 3000,
        "a.b- " * 3000,
        "jan at x dot " * 3000,
        "8011 pk " * 3000,
        "06.12. " * 3000,
        "nl12 " * 3000,
        "BSN 111.222. " * 3000,
    ],
)
def test_a_page_of_repeated_obfuscation_fragments_is_read_in_linear_time(page: str) -> None:
    started = time.perf_counter()
    find(page)
    assert time.perf_counter() - started < 2


def test_a_digest_that_starts_with_ten_digits_is_no_phone_number() -> None:
    """A build record's SHA-256 began '0313196228…': read as a telephone number, it stopped
    a publish in CI, depending on the code's own digest. Digits running on into letters
    are no phone number; the same digits on their own are."""
    assert find("sha256: 0313196228ab45cd90e1f2") == []
    assert [f.kind for f in find("bel 0313196228 voor een afspraak")] == [PHONE]
