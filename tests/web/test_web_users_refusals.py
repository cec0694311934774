"""``besluitpak users`` refuses what it cannot use, in one line and before it asks anything:
a route function no route template names, a workspace that is not a folder, and the end of
input where a password was expected."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import ROOT
from tests.web.test_web_cli import run
from tests.web.workspaces import make_workspace

PASSWORD = "een-lang-wachtwoord-1"


def test_users_functie_refuses_a_function_no_route_template_names(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path / "werkruimte")
    where = str(workspace)
    run("users", "add", "tom", "--rol", "beleidsadviseur", "--workspace", where,
        "--password-stdin", stdin=f"{PASSWORD}\n")  # fmt: skip
    builtin = run("users", "functie", "tom", "teammanager Wijken", "--workspace", where)
    assert builtin.returncode == 1 and "Traceback" not in builtin.stderr
    assert builtin.stderr.strip() == (
        "error: FUNCTIE: expected one of the functions of the built-in route (no routes.yaml) "
        "(teammanager, afdelingshoofd), got 'teammanager Wijken'"
    )
    shutil.copy(ROOT / "routes.yaml", workspace / "routes.yaml")
    typo = run("users", "functie", "tom", "jurdisch", "--workspace", where)
    assert typo.returncode == 1
    assert typo.stderr.strip() == (
        "error: FUNCTIE: expected one of the functions of routes.yaml (juridisch, financiën, "
        "teammanager Wijken, afdelingshoofd), got 'jurdisch'"
    )
    linked = run("users", "functie", "tom", "Teammanager  wijken", "--workspace", where)
    assert linked.stdout.strip() == "tom: teammanager Wijken added"  # as routes.yaml spells it
    assert run("users", "list", "--workspace", where).stdout.splitlines() == [
        "tom  beleidsadviseur  never  functies: teammanager Wijken"
    ]
    gone = run("users", "functie", "tom", "oude functie", "--weg", "--workspace", where)
    assert gone.returncode == 0  # unlinking needs no template: an old name can be removed


def test_users_add_checks_the_workspace_before_asking_for_a_password(tmp_path: Path) -> None:
    refused = run("users", "add", "piet", "--rol", "secretariaat", "--workspace",
                  str(tmp_path / "nergens"), stdin=f"{PASSWORD}\n")  # fmt: skip
    assert refused.returncode == 1
    assert "Password" not in refused.stdout + refused.stderr  # nothing was asked
    assert refused.stderr.strip() == (
        f"error: --workspace: expected a folder of case folders, got {tmp_path / 'nergens'}"
    )


def test_users_add_at_the_end_of_input_says_so_without_an_internal_error(tmp_path: Path) -> None:
    workspace = str(make_workspace(tmp_path / "werkruimte"))
    ended = run("users", "add", "piet", "--rol", "secretariaat", "--workspace", workspace)
    assert ended.returncode == 1
    assert "internal error" not in ended.stderr and "Traceback" not in ended.stderr
    assert ended.stderr.strip().endswith(  # no terminal to type it at (and no input)
        "error: password: expected a terminal to type it at, got none: give it on standard "
        "input with --password-stdin"
    )
    assert run("users", "list", "--workspace", workspace).stdout == ""
