"""Schema messages: a bad case file, loaded with load_case, raises a CaseError whose problems
each name the file, the line and the key, and say what was expected and what was found.

Fast tier: only the case model (pydantic, PyYAML); each test breaks one thing in a copy of
the minimal case. (test_bad_input.py checks the same through ``besluitpak check``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from besluitpak.casefile.case import load_case
from besluitpak.errors import CaseError, Problem
from tests.helpers import edit


def problems(case: Path) -> list[Problem]:
    """The problems load_case reports; it must report some."""
    with pytest.raises(CaseError) as raised:
        load_case(case)
    return raised.value.problems


def only_problem(case: Path) -> Problem:
    [problem] = problems(case)
    return problem


# (what to replace in besluitpak.yaml, by what, then the line, key and message expected)
CASE_FILE_MISTAKES = {
    "a list for text": (
        "onderwerp: Proef met besluitpak",
        "onderwerp: [a, b]",
        6,
        "onderwerp",
        "expected text, got a list",
    ),
    "a number for text": (
        "onderwerp: Proef met besluitpak",
        "onderwerp: 12",
        6,
        "onderwerp",
        "expected text, got 12 (unquoted, YAML reads it as a number); to mean the text, "
        'write it in quotes: "12"',
    ),
    "nothing for text": (
        "onderwerp: Proef met besluitpak",
        "onderwerp:",
        6,
        "onderwerp",
        "expected text, got nothing (an empty value)",
    ),
    "an impossible date": (
        "collegevergadering: 2020-06-02",
        "collegevergadering: 2020-02-30",
        7,
        "collegevergadering",
        "expected a real date like 2014-03-11, got text '2020-02-30'",
    ),
    "a date with a time": (
        "collegevergadering: 2020-06-02",
        "collegevergadering: 2020-06-02 10:00",
        7,
        "collegevergadering",
        "expected a real date like 2014-03-11, got text '2020-06-02 10:00'",
    ),
    "a kenmerk of the wrong form": (
        "kenmerk: 2020/000123",
        "kenmerk: 2020 123",
        5,
        "kenmerk",
        "expected a kenmerk like 2014/123456, Z-2026-000123 or UTR.2026.804711 (letters, "
        "digits and / - . _, starting with a letter or digit, at most 64 characters), "
        "got text '2020 123'",
    ),
    "a CBS code of three digits": (
        'cbs_code: "9999"',
        'cbs_code: "392"',
        4,
        "gemeente.cbs_code",
        "expected a four-digit CBS code in quotes, like \"0392\", got text '392'",
    ),
    "an e-mail address without @": (
        "email: p.tester@proef.example",
        "email: tester",
        13,
        "steller.email",
        "expected an e-mail address, got text 'tester'",
    ),
    "a nested required key missing": (
        "  naam: Proefdorp\n",
        "",
        2,
        "gemeente",
        "required key 'naam' is missing",
    ),
    "an unknown key with no near miss": (
        "  template: templates/voorstel.docx",
        "  template: templates/voorstel.docx\n  opmaak: strak",
        16,
        "voorstel.opmaak",
        "unknown key 'opmaak'; expected one of: template, data",
    ),
    "a number for a path or a mapping": (
        "    data: bijlagen/notitie.yaml",
        "    data: 12",
        26,
        "bijlagen[0].data",
        "expected text (a file path) or a mapping, got the number 12",
    ),
    "an id with capitals": (
        "  - id: kaart",
        "  - id: Kaart",
        27,
        "bijlagen[1].id",
        "expected an id of lowercase letters, digits and hyphens, like 'opgave-centrum', "
        "got text 'Kaart'",
    ),
    "an empty title": (
        "    titel: Kaart van het proefgebied",
        "    titel: ''",
        28,
        "bijlagen[1].titel",
        "expected non-empty text, got text ''",
    ),
    "a bijlage with neither template nor bestand": (
        "    bestand: bijlagen/kaart.pdf\n",
        "",
        27,
        "bijlagen[1]",
        "expected either template + data or bestand, got neither",
    ),
    "a template without data": (
        "    data: bijlagen/notitie.yaml\n",
        "",
        23,
        "bijlagen[0]",
        "expected template and data together, got no data",
    ),
    "a secret bijlage without a ground": (
        "    bestand: bijlagen/kaart.pdf",
        "    bestand: bijlagen/kaart.pdf\n    openbaar: false",
        27,
        "bijlagen[1]",
        "expected a grond (legal ground) for a bijlage that is not openbaar",
    ),
    "an impossible geheim_tot": (
        "    bestand: bijlagen/kaart.pdf",
        "    bestand: bijlagen/kaart.pdf\n    openbaar: false\n    grond: art. 55 Gemeentewet\n"
        "    geheim_tot: 2020-13-01",
        32,
        "bijlagen[1].geheim_tot",
        "expected a real date like 2014-03-11, got text '2020-13-01'",
    ),
    "a word for true or false": (
        "    bestand: bijlagen/kaart.pdf",
        "    bestand: bijlagen/kaart.pdf\n    openbaar: nee\n    grond: art. 55 Gemeentewet",
        30,
        "bijlagen[1].openbaar",
        "expected true or false, got text 'nee'",
    ),
    "text for the list of bijlagen": (
        "bijlagen:\n",
        "bijlagen: geen\nrest:\n",
        22,
        "bijlagen",
        "expected a list, got text 'geen'",
    ),
}


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "message"),
    list(CASE_FILE_MISTAKES.values()),
    ids=list(CASE_FILE_MISTAKES),
)
def test_a_mistake_in_the_case_file_names_line_key_and_what_was_expected(
    minimal: Path, old: str, new: str, line: int, key: str, message: str
) -> None:
    edit(minimal / "besluitpak.yaml", old, new)
    found = [p for p in problems(minimal) if p.key != "rest"]  # rest: only to keep the YAML
    assert [(p.line, p.key, p.message) for p in found] == [(line, key, message)]
    assert found[0].file == (minimal / "besluitpak.yaml").resolve()


def test_a_problem_reads_file_line_key_message(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", "kenmerk: 2020 123")
    problem = only_problem(minimal)
    assert str(problem) == (
        f"{(minimal / 'besluitpak.yaml').resolve()}:5: kenmerk: expected a kenmerk like "
        "2014/123456, Z-2026-000123 or UTR.2026.804711 (letters, digits and / - . _, starting "
        "with a letter or digit, at most 64 characters), got text '2020 123'"
    )


def test_a_problem_in_a_data_file_names_that_file_relative_to_the_case(minimal: Path) -> None:
    edit(minimal / "bijlagen" / "notitie.yaml", 'waarde: "120"', 'waarde: "{bijlage:kaarten}"')
    problem = only_problem(minimal)
    assert problem.file == Path("bijlagen/notitie.yaml")
    assert (problem.line, problem.key) == (7, "rijen[0].waarde")
    assert problem.message == (
        "reference to unknown bijlage id 'kaarten': expected one of the case's bijlage ids; "
        "did you mean 'kaart'?"
    )


def test_an_unknown_key_suggests_the_near_miss_and_the_required_key_is_missing(
    minimal: Path,
) -> None:
    edit(minimal / "besluitpak.yaml", "afdeling:", "afdelin:")
    found = {(p.line, p.key, p.message) for p in problems(minimal)}
    assert found == {
        (9, "afdelin", "unknown key 'afdelin'; did you mean 'afdeling'?"),
        (2, "", "required key 'afdeling' is missing"),  # the mapping's first line
    }


def test_a_duplicate_key_names_the_line_of_its_second_occurrence(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", "kenmerk: 2020/000123\nkenmerk: 1")
    problem = only_problem(minimal)
    assert (problem.line, problem.key) == (6, "kenmerk")
    assert problem.message == "duplicate key: it is given more than once"


def test_broken_yaml_names_the_line_and_what_the_parser_expected(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "afdeling: Proefafdeling", "afdeling: [Proef")
    problem = only_problem(minimal)
    assert problem.line == 10  # where the parser finds the list unclosed
    assert problem.message.startswith("invalid YAML: while parsing a flow sequence")
    assert "expected ',' or ']'" in problem.message  # libyaml and PyYAML both say it


def test_every_problem_is_reported_at_once_in_line_order(minimal: Path) -> None:
    case = minimal / "besluitpak.yaml"
    edit(case, "steller:\n", "steller:\n  functie: beleid\n")
    edit(case, "kenmerk: 2020/000123", "kenmerk: -123")
    edit(case, "collegevergadering: 2020-06-02", "collegevergadering: morgen")
    with pytest.raises(CaseError) as raised:
        load_case(minimal)
    error = raised.value
    assert [(p.line, p.key) for p in error.problems] == [
        (5, "kenmerk"),
        (7, "collegevergadering"),
        (11, "steller.functie"),
    ]
    lines = str(error).splitlines()
    assert lines[0] == "3 problems in the case:"
    assert lines[1:] == [f"  {p}" for p in error.problems]


def test_one_problem_is_counted_in_the_singular(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "kenmerk: 2020/000123", "kenmerk: 2020 123")
    with pytest.raises(CaseError, match=r"^1 problem in the case:\n"):
        load_case(minimal)


def test_a_date_where_text_belongs_is_shown_as_the_user_wrote_it(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", "onderwerp: Proef met besluitpak", "onderwerp: 2020-01-01")
    message = only_problem(minimal).message
    assert message.startswith("expected text, got ")
    assert "datetime" not in message


def test_an_unquoted_cbs_code_with_a_leading_zero_is_shown_as_written(minimal: Path) -> None:
    edit(minimal / "besluitpak.yaml", 'cbs_code: "9999"', "cbs_code: 0123")
    problem = only_problem(minimal)
    assert problem.key == "gemeente.cbs_code"
    assert "0123" in problem.message
