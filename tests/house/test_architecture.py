"""The house's layers hold: import-linter's contracts (pyproject.toml, [tool.importlinter])
pass on the package, and a deliberate wrong import breaks the contract that forbids it.

Fast tier: the real ``lint-imports`` reads the source; nothing of besluitpak is imported.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers import ROOT

LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
STAGES = ["casefile", "render", "convert", "pdf", "publication", "archival"]
"""The stages in pipeline order, each with its number in its package's docstring."""


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the contracts of ``cwd/pyproject.toml`` on the ``besluitpak``
    found first on ``cwd`` (no cache left behind, lines not wrapped)."""
    env = {**os.environ, "PYTHONPATH": str(cwd), "COLUMNS": "300", "NO_COLOR": "1"}
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _verdicts(output: str) -> dict[str, str]:
    """Each contract's name -> ``KEPT`` or ``BROKEN``, as lint-imports lists them."""
    found = {}
    for line in output.splitlines():
        for verdict in ("KEPT", "BROKEN"):
            name, _, rest = line.partition(f" {verdict}")
            if name != line and (rest == "" or rest.startswith(" (")):
                found[name.strip()] = verdict
    return found


def _contract_names() -> dict[str, str]:
    """Each contract's id -> its name, from pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return {contract["id"]: contract["name"] for contract in contracts}


def test_the_package_keeps_every_import_contract() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    verdicts = _verdicts(result.stdout)
    assert verdicts == dict.fromkeys(_contract_names().values(), "KEPT"), result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        pytest.param(
            "convert/cache.py",
            "from besluitpak.render import docx",
            {"convert-knows-no-case", "layers"},
            id="the-converter-imports-render",
        ),
        pytest.param(
            "convert/cache.py",
            "from besluitpak.casefile import case",
            {"convert-knows-no-case"},
            id="the-converter-imports-the-case-below-it",
        ),
        pytest.param(
            "pdf/__init__.py",
            "from besluitpak.render import context",
            {"layers"},
            id="pdf-imports-its-sibling-render",
        ),
        pytest.param(
            "casefile/__init__.py",
            "from besluitpak.production import plan",
            {"layers"},
            id="a-stage-imports-the-production-above-it",
        ),
        pytest.param(
            "pdf/__init__.py",
            "import besluitpak",
            {"api-on-top"},
            id="a-stage-imports-the-public-api",
        ),
        pytest.param(
            "cli/build.py",
            "from besluitpak.pdf import assemble",
            {"cli-through-api"},
            id="the-cli-imports-pdf-internals",
        ),
        pytest.param(
            "cli/__init__.py",
            "from besluitpak.web import urls",
            {"web-edge"},
            id="a-second-cli-module-imports-the-web-app",
        ),
        pytest.param(
            "web/__init__.py",
            "from besluitpak.pdf import assemble",
            {"web-through-api"},
            id="the-web-page-imports-pdf-internals",
        ),
    ],
)
def test_a_wrong_import_breaks_the_contract_that_forbids_it(
    tmp_path: Path, module: str, wrong_import: str, broken: set[str]
) -> None:
    _copy_the_package(tmp_path)
    imported = _imported(wrong_import)
    assert (tmp_path / (imported.replace(".", "/") + ".py")).exists() or (
        tmp_path / imported.replace(".", "/") / "__init__.py"
    ).exists(), f"{imported}: no such module to import wrongly"
    target = tmp_path / "besluitpak" / module
    source = target.read_text(encoding="utf-8")
    target.write_text(f"{source}\n{wrong_import}\n", encoding="utf-8")
    line = source.count("\n") + 2
    importer = "besluitpak." + module.removesuffix(".py").removesuffix("/__init__")
    importer = importer.replace("/", ".")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert _verdicts(result.stdout) == {
        name: "BROKEN" if id_ in broken else "KEPT" for id_, name in _contract_names().items()
    }, result.stdout
    assert f"{importer} -> {imported} (l.{line})" in result.stdout, result.stdout


def test_a_module_in_no_layer_breaks_the_layers_contract(tmp_path: Path) -> None:
    _copy_the_package(tmp_path)
    (tmp_path / "besluitpak" / "shortcuts.py").write_text("from besluitpak import errors\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert _verdicts(result.stdout) == {
        name: "BROKEN" if id_ == "layers" else "KEPT" for id_, name in _contract_names().items()
    }, result.stdout
    listed = result.stdout.partition("not listed as layers:")[2].split()
    assert listed[:2] == ["-", "besluitpak.shortcuts"], result.stdout


def _copy_the_package(tmp_path: Path) -> None:
    """The package's Python source and pyproject.toml (with the contracts) in ``tmp_path``."""
    shutil.copytree(
        ROOT / "besluitpak",
        tmp_path / "besluitpak",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "locale", "data"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)


def _imported(statement: str) -> str:
    """``from a.b import c`` -> ``a.b.c``; ``import a`` -> ``a``."""
    words = statement.split()
    return f"{words[1]}.{words[3]}" if words[0] == "from" else words[1]


def test_every_stage_says_its_job() -> None:
    for number, stage in enumerate(STAGES, start=1):
        init = ROOT / "besluitpak" / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and doc.startswith(f"Stage {number}, "), f"besluitpak/{stage}: {doc!r}"
