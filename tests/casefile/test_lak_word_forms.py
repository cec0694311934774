"""Withheld words are found however the text writes them (F5 of the issue 29 adversarial
review): decomposed, precomposed, in capitals, with a spacing accent, a soft hyphen or a
ligature; as whole words only; the span given in the text as it stands."""

from __future__ import annotations

import unicodedata

import pytest

from besluitpak.casefile import lak_words


@pytest.mark.parametrize(
    "written",
    [
        "M\u00fcller",  # precomposed
        "Mu\u0308ller",  # decomposed (NFD), as typed in a Word file
        "MU\u0308LLER",
        "Mu\u00a8ller",  # a spacing diaeresis, as a PDF's own ¨ glyph reads
        "M\u00fcl\u00adler",  # a soft hyphen
        "\uff2d\u00fcller",  # a full-width M (NFKD)
    ],
)
def test_a_name_is_found_in_any_of_its_forms(written: str) -> None:
    text = f"De heer {written} sprak in."
    [(start, end)] = lak_words.spans(lak_words.pattern("Müller"), text)
    assert text[:start] == "De heer " and text[end:] == " sprak in."


def test_a_ligature_and_a_decomposed_search_word_match_too() -> None:
    assert lak_words.spans(lak_words.pattern("Ka\ufb04e"), "bij Kaffle thuis") == [(4, 10)]
    nfd = unicodedata.normalize("NFD", "Renée Dupré")
    assert lak_words.spans(lak_words.pattern(nfd), "met RENÉE  DUPRÉ.") == [(4, 16)]


def test_only_whole_words_are_found() -> None:
    words = lak_words.pattern("Müller")
    assert lak_words.spans(words, "Müllers en Mu\u0308llerstraat en Bemüller") == []


def test_the_accents_after_the_last_letter_go_with_the_span() -> None:
    text = "Rene\u0301 zei"
    assert lak_words.spans(lak_words.pattern("René"), text) == [(0, 5)]


def test_a_cyrillic_or_greek_look_alike_letter_is_read_as_its_latin_letter() -> None:
    """Adversary round 5: ``Brоuwerskamp`` with a Cyrillic о (U+043E) shipped in page text
    and in a bookmark. A reader sees Brouwerskamp; so do the redaction and the guard."""
    words = lak_words.pattern("Brouwerskamp")
    for spelled in ("Br\u043euwerskamp", "\u0392ROUWERSKAMP", "Brouw\u0435rsk\u0430mp"):
        assert lak_words.spans(words, f"de heer {spelled} woont") == [(8, 20)], spelled
    assert lak_words.fold("Het Ηuis") == "het huis"  # Greek capital eta
    assert lak_words.spans(words, "de heer Brouwerskampen") == []  # still whole words


def test_the_steller_guard_reads_look_alike_letters_too() -> None:
    from besluitpak.publication import names

    assert names.fold("R\u0435n\u0435\u0435 Zqkstr\u0430") == names.fold("Renee Zqkstra")
