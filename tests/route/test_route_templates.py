"""Route templates are validated like the case file: every problem at once, each at its file,
line and key, in the form "expected X, got Y"; the CLI refuses in one line, exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from besluitpak.errors import CaseError
from besluitpak.route.template import DEFAULT, choose, load_routes
from tests.helpers import ROOT, cli

BROKEN = """\
standaard: wijken
routes:
  wijken:
    stappen:
      - advies:
          - functie: juridisch
            termijn: vijf dagen
            stilzwijgend: misschien
      - paraaf:
          functie: teammanager
          persoon: J. Jansen
      - paraaf: {}
        advies: []
      - paraaf:
          functie: afdelingshoofd
        kleur: rood
"""


def test_the_reference_route_template_loads_with_its_steps() -> None:
    routes = load_routes(ROOT / "routes.yaml")
    wijken = routes.routes[routes.standaard]
    assert [s.label for s in wijken.stappen] == [
        "Advies juridisch en financiën",
        "Paraaf teammanager Wijken",
        "Paraaf afdelingshoofd",
    ]
    assert {a.functie: a.stilzwijgend.value for a in wijken.stappen[0].advies or []} == {
        "juridisch": "geen-bezwaar",
        "financiën": "akkoord",
    }


def test_every_problem_of_a_template_is_reported_at_once_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "routes.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(CaseError) as raised:
        load_routes(path)
    shown = [str(p) for p in raised.value.problems]
    assert any(
        s.startswith(f"{path}:7: routes.wijken.stappen[0].advies[0].termijn: expected a termijn")
        and "got text 'vijf dagen'" in s
        for s in shown
    ), shown
    assert any(
        ":8: routes.wijken.stappen[0].advies[0].stilzwijgend: expected one of" in s for s in shown
    ), shown
    assert any(
        ":9: routes.wijken.stappen[1].paraaf: expected either functie or persoon, got both" in s
        for s in shown
    ), shown
    assert any(":16: routes.wijken.stappen[3].kleur: unknown key 'kleur'" in s for s in shown), (
        shown
    )
    assert len(shown) >= 5, shown


def test_a_case_without_routes_file_gets_the_default_and_a_named_route_is_refused(
    tmp_path: Path,
) -> None:
    case = tmp_path / "besluitpak.yaml"
    chosen = choose(tmp_path / "routes.yaml", None, case_file=case)
    assert chosen.route is DEFAULT and chosen.file is None
    with pytest.raises(CaseError, match=r"besluitpak.yaml:12: route: expected no route"):
        choose(tmp_path / "routes.yaml", "wijken", case_file=case, line=12)


def test_an_unknown_route_in_the_case_file_is_located_at_its_line(workspace: Path) -> None:
    case = workspace / "proef" / "besluitpak.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "route: wijk\n", encoding="utf-8")
    result = cli("route", "status", workspace / "proef")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = case.read_text(encoding="utf-8").splitlines()
    assert f"besluitpak.yaml:{len(lines)}: route: expected one of the routes in" in result.output
    assert "got 'wijk'" in result.output


def test_a_broken_routes_file_stops_the_cli_with_every_problem(workspace: Path) -> None:
    (workspace / "routes.yaml").write_text(BROKEN, encoding="utf-8")
    result = cli("route", "status", workspace / "proef")
    assert result.exit_code == 1
    assert "problems in the route templates" in result.output
    assert "routes.yaml:7: routes.wijken.stappen[0].advies[0].termijn" in result.output


def test_the_route_schema_documents_every_field_for_editors() -> None:
    result = cli("route", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    advies = schema["$defs"]["Advies"]["properties"]
    assert "werkdagen" in advies["termijn"]["description"]
    assert set(advies) == {"functie", "termijn", "stilzwijgend"}
    for model in schema["$defs"].values():
        for name, field in model.get("properties", {}).items():
            assert field.get("description"), f"{model['title']}.{name} has no description"
