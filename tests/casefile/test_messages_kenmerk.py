"""Messages a newcomer can act on: what the user wrote is shown (not what YAML made of it),
any registration number is a kenmerk, and every name made from a kenmerk is safe.

Fast tier: only the case model; each test changes one thing in a copy of the minimal case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from besluitpak.casefile.case import load_case
from besluitpak.errors import CaseError, Problem
from besluitpak.files import safe_name
from tests.helpers import edit


def only_problem(case: Path) -> Problem:
    with pytest.raises(CaseError) as raised:
        load_case(case)
    [problem] = raised.value.problems
    return problem


def test_an_unquoted_octal_cbs_code_is_shown_as_written_and_told_to_be_quoted(
    minimal: Path,
) -> None:
    edit(minimal / "besluitpak.yaml", 'cbs_code: "9999"', "cbs_code: 0344")
    problem = only_problem(minimal)
    assert (problem.line, problem.key) == (4, "gemeente.cbs_code")
    assert problem.message == (
        "expected text, got 0344 (unquoted, YAML reads it as the number 228); "
        'to mean the text, write it in quotes: "0344"'
    )


def test_an_unquoted_number_as_kenmerk_is_shown_as_written(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", "kenmerk: 0123456")
    assert only_problem(minimal).message == (
        "expected text, got 0123456 (unquoted, YAML reads it as the number 42798); "
        'to mean the text, write it in quotes: "0123456"'
    )


def test_a_date_where_text_belongs_names_what_was_written(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "onderwerp: Proef met besluitpak", "onderwerp: 2020-01-01")
    assert only_problem(minimal).message == (
        "expected text, got 2020-01-01 (unquoted, YAML reads it as a date); to mean the text, "
        'write it in quotes: "2020-01-01"'
    )


@pytest.mark.parametrize(
    "kenmerk", ["2014/123456", "Z-2026-000123", "UTR.2026.804711", "zaak_12", "A1"]
)
def test_a_registration_number_of_any_gemeente_is_accepted(minimal: Path, kenmerk: str) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", f'kenmerk: "{kenmerk}"')
    assert load_case(minimal).meta.kenmerk == kenmerk


@pytest.mark.parametrize("kenmerk", [".2026", "-12", "2026 12", "a" * 65, "zaak#1", "../x"])
def test_a_kenmerk_of_another_form_says_what_is_allowed_with_examples(
    minimal: Path, kenmerk: str
) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", f'kenmerk: "{kenmerk}"')
    problem = only_problem(minimal)
    assert problem.key == "kenmerk"
    assert problem.message.startswith(
        "expected a kenmerk like 2014/123456, Z-2026-000123 or UTR.2026.804711 (letters, "
        "digits and / - . _, starting with a letter or digit, at most 64 characters), got text"
    )


@pytest.mark.parametrize(
    ("kenmerk", "name"),
    [
        ("2014/123456", "2014-123456"),
        ("Z-2026-000123", "Z-2026-000123"),
        ("UTR.2026.804711", "UTR-2026-804711"),
        ("zaak_12", "zaak_12"),
        ("a..b", "a-b"),
        ("1./.2", "1-2"),
    ],
)
def test_a_name_made_from_a_kenmerk_has_no_slash_no_dot_and_no_dotdot(
    kenmerk: str, name: str
) -> None:
    assert safe_name(kenmerk) == name


def test_a_wrong_publicatie_url_is_explained_in_words_not_a_regex(minimal: Path) -> None:
    edit(
        minimal / "besluitpak.yaml",
        "afdeling: Proefafdeling",
        "afdeling: Proefafdeling\npublicatie_url: www.proefdorp.nl/woo",
    )
    problem = only_problem(minimal)
    assert problem.key == "publicatie_url"
    assert problem.message == (
        "expected the web address of a folder, starting with http:// or https:// and without "
        "spaces (like https://www.haarlem.nl/woo/collegebesluiten), got text "
        "'www.proefdorp.nl/woo'"
    )
    assert "^" not in problem.message and "\\S" not in problem.message


def test_a_loosely_written_reference_is_a_located_problem_with_the_form_meant(
    minimal: Path,
) -> None:
    edit(minimal / "bijlagen" / "notitie.yaml", 'waarde: "120"', 'waarde: "zie {bijlage: kaart}"')
    problem = only_problem(minimal)
    assert (problem.file, problem.line, problem.key) == (
        Path("bijlagen/notitie.yaml"),
        7,
        "rijen[0].waarde",
    )
    assert problem.message == (
        "expected a reference like {bijlage:kaart} (no spaces), got '{bijlage: kaart}', which "
        "would be printed as it stands; did you mean {bijlage:kaart}?"
    )
