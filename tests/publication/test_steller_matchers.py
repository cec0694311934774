"""The steller's own data however it is written (besluitpak.publication.steller.MATCHERS and
besluitpak.publication.names): every item of the steller set (tests/personal/steller.txt) is
found and is no longer found once it is taken out of its sentence; nothing in the clean set
(another person sharing a part of the name, a number sharing digits) is found. Pure text, no
LibreOffice: the end-to-end stops are in test_steller_guard.py."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from besluitpak import load_case
from besluitpak.publication import names
from besluitpak.publication.measure import Planted, measure_steller, read_steller
from besluitpak.publication.steller import MATCHERS, forbidden
from tests.helpers import MINIMAL, TESTS, edit

HERE = TESTS / "personal"
PLANTED = read_steller((HERE / "steller.txt").read_text(encoding="utf-8"))
CLEAN = read_steller((HERE / "steller_clean.txt").read_text(encoding="utf-8"), marked=False)


def _id(item: Planted) -> str:
    return f"{item.value}:{item.sentence[item.start : item.end]}"


def test_the_steller_set_covers_every_field_and_way_of_writing_a_name() -> None:
    fields = [item.kind for item in PLANTED]
    assert fields.count("steller.naam") >= 40
    assert fields.count("steller.telefoon") >= 10
    assert fields.count("steller.email") >= 8
    assert len(CLEAN) >= 25
    sentences = [item.sentence for item in PLANTED]
    assert any(unicodedata.is_normalized("NFC", s) is False for s in sentences)  # a real NFD
    assert any("\u00ad" in s for s in sentences)  # a real soft hyphen


@pytest.mark.parametrize("item", PLANTED, ids=[_id(p) for p in PLANTED])
def test_a_planted_steller_item_is_found_and_only_because_of_it(item: Planted) -> None:
    found = MATCHERS[item.kind](item.value)
    assert found(item.sentence)
    assert not found(item.without())


@pytest.mark.parametrize("item", CLEAN, ids=[f"{c.value}:{c.sentence}" for c in CLEAN])
def test_a_clean_sentence_is_not_taken_for_the_stellers_data(item: Planted) -> None:
    assert not MATCHERS[item.kind](item.value)(item.sentence)


def test_the_measurement_of_the_steller_sets_misses_nothing_and_finds_nothing_else() -> None:
    assert measure_steller(PLANTED, CLEAN) == ([], [])


def test_the_steller_measurement_names_a_miss_and_a_wrong_find() -> None:
    planted = read_steller("steller.naam | Renée Zqkstra | Zie «Renée Jansen».")
    clean = read_steller("steller.naam | Renée Zqkstra | R. Zqkstra schreef.", marked=False)
    assert measure_steller(planted, clean) == (planted, clean)


def test_a_steller_line_that_is_not_understood_is_refused_with_its_line_number() -> None:
    with pytest.raises(ValueError, match=r"line 2: expected 'field \| value \| sentence"):
        read_steller("# comment\nsteller.naam | Zie «R. Zqkstra».")
    with pytest.raises(ValueError, match=r"line 1: .*field one of steller.naam"):
        read_steller("steller.adres | Zijlweg 1 | «Zijlweg 1»")


@pytest.mark.parametrize(
    ("particles", "surname", "alone"),
    [
        ([], "zqkstra", True),  # five letters or more, no word
        (["de"], "vries", True),
        (["van", "der"], "berg", True),  # "der": no sentence says it
        ([], "visser", False),  # a common word
        (["de"], "boer", False),  # four letters
        ([], "kok", False),
        ([], "zqkstra-de vries", True),
    ],
)
def test_the_surname_alone_is_the_name_only_when_it_is_distinctive(
    particles: list[str], surname: str, alone: bool
) -> None:
    assert names.distinctive(particles, surname) is alone


def test_a_name_is_found_at_its_place_in_the_text_as_given() -> None:
    text = unicodedata.normalize("NFD", "Opgesteld door Renée Zqkstra, afdeling Wonen.")
    ((start, end),) = names.matcher("Renée Zqkstra")(text)
    assert unicodedata.normalize("NFC", text[start:end]) == "Renée Zqkstra"


def test_folding_drops_accents_case_and_invisible_characters() -> None:
    assert names.fold("RENÉE Zqk\u00adstra Yılmaz Søren ’t") == "renee zqkstra yilmaz soren 't"


def test_the_minimal_cases_steller_gives_three_forbidden_entries() -> None:
    entries = forbidden(load_case(MINIMAL))
    assert [entry.field for entry in entries] == [
        "steller.naam",
        "steller.telefoon",
        "steller.email",
    ]
    texts = ["TESTER, P. schreef dit.", "Bel +31 123 456 789.", "mailto:p.tester%40proef.example"]
    assert [entry.found_in(text) for entry, text in zip(entries, texts, strict=True)] == [
        True,
        True,
        True,
    ]


def test_steller_toegestaan_forbids_nothing(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "voorstel:\n",
        'openbaar:\n  steller_toegestaan: "de steller is woordvoerder"\nvoorstel:\n',
    )
    assert forbidden(load_case(minimal)) == ()


@pytest.mark.parametrize(
    "page",
    ["van der " * 3000, "R. A. " * 3000, "J.W. " * 3000, "Zqk- " * 3000, "Berg, J. " * 3000],
)
def test_a_page_of_repeated_name_parts_is_read_in_linear_time(page: str) -> None:
    started = time.perf_counter()
    for name in ("Jan Willem van der Berg", "Renée Anna Zqkstra", "R.A. Zqkstra"):
        MATCHERS["steller.naam"](name)(page)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("field", "value", "uri"),
    [
        ("steller.naam", "Renée Zqkstra", "https://example.nl/contact?naam=Ren%C3%A9e+Zqkstra"),
        ("steller.email", "a.devries@haarlem.example", "mailto:a%2Edevries%40haarlem.example"),
        ("steller.email", "a.devries@haarlem.example", "mailto:a.devries@haarlem.example?cc=x"),
        ("steller.telefoon", "023 511 4567", "tel:+31235114567"),
    ],
)
def test_the_stellers_data_in_a_link_target_is_found(field: str, value: str, uri: str) -> None:
    """What the channel scan gives of a link annotation or a bookmark's action."""
    assert MATCHERS[field](value)(uri)
    other = uri.replace("Zqkstra", "Jansen").replace("devries", "jansen").replace("4567", "4568")
    assert not MATCHERS[field](value)(other)
