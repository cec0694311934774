"""The parts compose.py is made of, on a real case: the bijlagen list moved with its
comments (bijlagenlist), a new bijlage's first data (skeleton), a schema read for a form
(formschema)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import besluitpak
from besluitpak.editing import bijlagenlist, compose, formschema, skeleton, values, yamledit
from tests.web.workspaces import make_workspace


@pytest.fixture
def gebied(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "w") / "gebied"


def test_items_rebuilt_in_a_new_order_carry_the_comment_lines_above_them(gebied: Path) -> None:
    path = gebied / "besluitpak.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  - id: opgave-centrum\n", "  # de opgave\n  - id: opgave-centrum\n"
    )
    path.write_text(text.replace("  - id: kaart\n", "  # de kaart\n  - id: kaart\n"))
    data = compose.case_data(gebied)
    items, tail = bijlagenlist.items(data, data["bijlagen"])
    bijlagenlist.rebuild(data, data["bijlagen"], list(reversed(items)), tail)
    written = yamledit.dumps(data)
    assert "bijlagen:\n  # de kaart\n  - id: kaart\n" in written
    assert "  # de opgave\n  - id: opgave-centrum\n" in written
    assert written.startswith(text.split("bijlagen:")[0])  # nothing above the list changed


def test_a_new_bijlages_data_is_a_copy_of_one_made_from_the_same_template(gebied: Path) -> None:
    data = compose.case_data(gebied)
    first = skeleton.first_data(
        gebied, data["bijlagen"], ident="opgave-noord", template="templates/gebiedsopgave.docx"
    )
    assert first.copied_from == "opgave-centrum"
    assert first.text == (gebied / "bijlagen" / "gebiedsopgave-centrum.yaml").read_text()


def test_without_such_a_bijlage_the_data_is_the_least_the_schema_accepts(gebied: Path) -> None:
    data = compose.case_data(gebied)
    data["bijlagen"].pop(0)
    first = skeleton.first_data(
        gebied, data["bijlagen"], ident="opgave-noord", template="templates/gebiedsopgave.docx"
    )
    assert first.copied_from == ""
    parsed = yaml.safe_load(first.text)
    assert first.to_fill  # each a key path where the data says IN TE VULLEN
    for where in first.to_fill:
        assert values.value_at(parsed, formschema.key_parts(where)) == skeleton.TO_FILL
    assert first.text.startswith("# De gegevens van bijlage opgave-noord")
    assert skeleton.TO_FILL in first.text


def test_add_generated_with_given_data_writes_those_bytes_and_the_case_loads(
    gebied: Path,
) -> None:
    given = (gebied / "bijlagen" / "gebiedsopgave-centrum.yaml").read_bytes()
    added = compose.add_generated(
        gebied, ident="noord", titel="Noord", template="templates/gebiedsopgave.docx", data=given
    )
    assert added.problems == [] and added.files == ["bijlagen/noord.yaml"]
    assert (gebied / "bijlagen" / "noord.yaml").read_bytes() == given
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert [b.id for b in case.bijlagen] == ["opgave-centrum", "kaart", "noord"]


@pytest.mark.parametrize(
    ("schema", "kind"),
    [
        ({"type": "integer", "format": "euro"}, "money"),
        ({"type": "string", "format": "date"}, "date"),
        ({"enum": ["a", "b"]}, "select"),
        ({"type": "array", "items": {"type": "string"}}, "list"),
        ({"type": "object", "properties": {}}, "group"),
        ({"type": ["string", "null"], "description": "A paragraph."}, "textarea"),
    ],
)
def test_a_schema_part_gets_the_input_its_type_and_words_ask_for(
    schema: dict[str, object], kind: str
) -> None:
    assert formschema.kind_of(schema) == kind


def test_key_paths_are_the_clis_own() -> None:
    key = formschema.child_key(formschema.item_key("kerncijfers", 2), "waarde")
    assert key == "kerncijfers[2].waarde"
    assert formschema.key_parts(key) == ["kerncijfers", 2, "waarde"]
