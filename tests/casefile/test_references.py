"""References to bijlagen by id (besluitpak.casefile.refs): found in any text, replaced by
the phrase for the current numbering, and an unknown id never passes in silence.

Fast tier: pure functions, no files.
"""

from __future__ import annotations

import pytest

from besluitpak.casefile import refs
from besluitpak.errors import TemplateError

# The reference case's numbering, shortened: ten bijlagen, then an eleventh.
NUMBERS = {
    "opgave-centrum": 1,
    "programma-centrum": 2,
    "opgave-noord": 3,
    "programma-noord": 4,
    "opgave-oost": 5,
    "programma-oost": 6,
    "opgave-zuid": 7,
    "programma-zuid": 8,
    "opgave-schalkwijk": 9,
    "programma-schalkwijk": 10,
    "voorbeeld-vormgeving": 11,
}


def test_find_yields_every_reference_with_its_range_end() -> None:
    text = (
        "Vast te stellen ({bijlage:opgave-centrum..programma-schalkwijk}); "
        "zie als voorbeeld {bijlage:voorbeeld-vormgeving}."
    )
    assert list(refs.find(text)) == [
        ("opgave-centrum", "programma-schalkwijk"),
        ("voorbeeld-vormgeving", None),
    ]


def test_find_ignores_text_without_references() -> None:
    assert list(refs.find("Bijlage 3 en {een accolade} en {{ jinja }}.")) == []


def test_a_single_reference_becomes_its_number() -> None:
    text = "(zie als voorbeeld {bijlage:voorbeeld-vormgeving})"
    assert refs.substitute(text, NUMBERS) == "(zie als voorbeeld bijlage 11)"


def test_a_range_of_ten_reads_tot_en_met() -> None:
    text = "De gebiedsopgaven ({bijlage:opgave-centrum..programma-schalkwijk})."
    assert refs.substitute(text, NUMBERS) == "De gebiedsopgaven (bijlage 1 tot en met 10)."


def test_a_range_of_two_neighbours_reads_en() -> None:
    assert refs.substitute("{bijlage:opgave-noord..programma-noord}", NUMBERS) == "bijlage 3 en 4"


def test_a_range_from_an_id_to_itself_is_one_bijlage() -> None:
    assert refs.phrase(NUMBERS, "opgave-oost", "opgave-oost") == "bijlage 5"


def test_a_range_written_backwards_still_counts_up() -> None:
    """After reordering the bijlagen a range's ends may have swapped places."""
    assert refs.phrase(NUMBERS, "programma-schalkwijk", "opgave-centrum") == (
        "bijlage 1 tot en met 10"
    )
    assert refs.phrase(NUMBERS, "programma-noord", "opgave-noord") == "bijlage 3 en 4"


def test_the_phrase_follows_the_numbering_it_is_given() -> None:
    text = "De kaart ({bijlage:kaart}) en de brief ({bijlage:brief})."
    assert refs.substitute(text, {"kaart": 1, "brief": 2}) == (
        "De kaart (bijlage 1) en de brief (bijlage 2)."
    )
    assert refs.substitute(text, {"brief": 1, "kaart": 2}) == (
        "De kaart (bijlage 2) en de brief (bijlage 1)."
    )


def test_every_reference_in_a_text_is_replaced() -> None:
    text = "{bijlage:opgave-zuid}, {bijlage:programma-zuid} en {bijlage:opgave-zuid}"
    assert refs.substitute(text, NUMBERS) == "bijlage 7, bijlage 8 en bijlage 7"


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("{bijlage:opgave-west}", "opgave-west"),
        ("{bijlage:opgave-west..programma-noord}", "opgave-west"),
        ("{bijlage:opgave-noord..programma-west}", "programma-west"),
    ],
    ids=["single", "range start", "range end"],
)
def test_an_unknown_id_is_refused_and_named(text: str, unknown: str) -> None:
    with pytest.raises(refs.UnknownBijlage) as raised:
        refs.substitute(text, NUMBERS)
    assert raised.value.args == (unknown,)


def test_substitute_all_replaces_in_nested_data_and_keeps_the_rest() -> None:
    data = {
        "besluitpunten": ["Vast te stellen ({bijlage:opgave-centrum..programma-oost})."],
        "tabel": [{"naam": "Voorbeeld", "bijlage": "{bijlage:voorbeeld-vormgeving}"}],
        "bedrag": 125000,
        "openbaar": True,
    }
    assert refs.substitute_all(data, NUMBERS) == {
        "besluitpunten": ["Vast te stellen (bijlage 1 tot en met 6)."],
        "tabel": [{"naam": "Voorbeeld", "bijlage": "bijlage 11"}],
        "bedrag": 125000,
        "openbaar": True,
    }
    assert data["besluitpunten"] == [
        "Vast te stellen ({bijlage:opgave-centrum..programma-oost})."
    ]  # a copy: the input is unchanged


def test_strings_gives_every_text_with_its_key_path() -> None:
    data = {"titel": "T", "rijen": [{"naam": "A", "aantal": 3}, "los"], "leeg": None}
    assert list(refs.strings(data)) == [
        (("titel",), "T"),
        (("rijen", 0, "naam"), "A"),
        (("rijen", 1), "los"),
    ]


def test_the_template_function_gives_the_phrase() -> None:
    bijlage = refs.template_function(NUMBERS, "voorstel.docx")
    assert bijlage("voorbeeld-vormgeving") == "bijlage 11"
    assert bijlage("opgave-centrum", "programma-schalkwijk") == "bijlage 1 tot en met 10"


def test_the_template_function_names_the_template_and_the_known_ids() -> None:
    bijlage = refs.template_function({"notitie": 1, "kaart": 2, "brief": 3}, "voorstel.docx")
    with pytest.raises(TemplateError) as raised:
        bijlage("notitie", "onbekend")
    assert str(raised.value) == (
        "voorstel.docx: bijlage('onbekend'): expected the id of a bijlage of this case "
        "(brief, kaart, notitie), got 'onbekend'"
    )


def test_the_template_function_of_a_case_without_bijlagen_says_none() -> None:
    bijlage = refs.template_function({}, "voorstel.docx")
    with pytest.raises(TemplateError, match=r"of this case \(none\), got 'kaart'$"):
        bijlage("kaart")
