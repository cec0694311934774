"""A value typed on the command line, read as one YAML value, and a key path checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from besluitpak.editing import values
from besluitpak.editing.values import KeyPathError
from tests.web.workspaces import make_workspace


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026-03-11", dt.date(2026, 3, 11)),
        ("12", 12),
        ("true", True),
        ("ja", "ja"),  # YAML 1.2: only true/false are booleans
        ("no", "no"),
        ("Besluit: iets", "Besluit: iets"),  # a mapping when read: kept as typed
        ("- een", "- een"),
        ("2026-13-01", "2026-13-01"),  # no date: the loader says so in its words
        ("", ""),
        ("# opmerking", "# opmerking"),
    ],
)
def test_a_typed_value_is_one_yaml_value_else_the_text(text: str, value: object) -> None:
    assert values.typed(text) == value
    assert type(values.typed(text)) is type(value)


@pytest.mark.parametrize("key", ["", "[0]", "bijlagen[1]titel", "a..b", "a[x]"])
def test_a_key_that_is_no_key_path_is_refused(key: str) -> None:
    with pytest.raises(KeyPathError, match="expected a key path like onderwerp"):
        values.check_key(key)


def test_a_key_path_round_trips_through_its_parts() -> None:
    parts = values.check_key("voorstel.data.besluitpunten[1]")
    assert parts == ["voorstel", "data", "besluitpunten", 1]
    assert values.key_path(parts) == "voorstel.data.besluitpunten[1]"


def test_set_value_in_a_nested_list_keeps_the_other_lines_byte_for_byte(tmp_path: Path) -> None:
    folder = make_workspace(tmp_path / "w") / "gebied"
    path = folder / "besluitpak.yaml"
    before = path.read_text(encoding="utf-8")
    problems = values.set_value(folder, "voorstel.data.uitvoering[0]", "Het team voert uit.")
    assert problems == []
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "      - Het gebiedsteam voert de opgave uit.", "      - Het team voert uit."
    )
