"""The house's figures at one git revision, for the closing note of a refactor: modules over
400 lines, functions over 60, upward imports, hand-written locks, modules over 300 lines.

Run: .venv/bin/python tools/house_figures.py [REVISION]   (default HEAD)

The revision's ``besluitpak/`` is unpacked with ``git archive`` into a temporary folder; the
working tree, the index and the worktree list are not touched. Imports are judged by the
contracts of the working tree's pyproject.toml ([tool.importlinter]), the house as it is meant
to be, so a revision before the contracts is measured by the same rule:

- an *upward import* is a direct import the contract ``layers`` or ``api-on-top`` forbids: a
  module importing a layer above its own or an independent sibling of its layer, or a module
  other than the interfaces importing the public API (``besluitpak/__init__.py``);
- an *import past a contract* is a direct import a ``forbidden`` or ``protected`` contract
  forbids (the CLI or the web page reaching behind the API, the converter knowing a case).

Modules of an older revision whose home moved are judged where they live now (FORMER_HOMES).
Imports the contracts ignore are ignored here too; type-checking imports count or not as
``exclude_type_checking_imports`` says.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "besluitpak"
FORMER_HOMES = {
    "besluitpak.packages": "besluitpak.production.assembly",
    "besluitpak.state": "besluitpak.production.state",
}
"""Modules of older revisions -> where their code lives now (issue 27's moves)."""


@dataclass(frozen=True, kw_only=True)
class Import:
    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} (l.{self.line})"


def unpack(revision: str, into: Path) -> str:
    """``besluitpak/`` of ``revision`` in ``into``; returns the revision's one-line summary."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, PACKAGE],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    meeting = into / PACKAGE / "meeting"
    if meeting.is_dir() and not (meeting / "__init__.py").exists():
        (meeting / "__init__.py").write_text("")  # before issue 27 it was a namespace package
    return subprocess.run(
        ["git", "log", "-1", "--format=%h %s", revision],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()[:100]


def line_counts(package: Path) -> dict[str, int]:
    """Each module's path (``besluitpak/...``) -> its number of lines."""
    return {
        str(path.relative_to(package.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(package.rglob("*.py"))
    }


def long_functions(package: Path, limit: int) -> list[str]:
    """Functions longer than ``limit`` lines, from the ``def`` line to the last."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                count = (node.end_lineno or node.lineno) - node.lineno + 1
                if count > limit:
                    where = path.relative_to(package.parent)
                    found.append(f"{where}:{node.lineno} {node.name}: {count} lines")
    return found


def lock_sites(package: Path) -> list[str]:
    """Every ``import fcntl`` (or ``from fcntl import``): a lock written by hand."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if "fcntl" in names:
                found.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    return found


def _pattern(expression: str) -> re.Pattern[str]:
    """import-linter's module expression (``*`` one part, ``**`` any parts) as a regex."""
    parts = [
        "[^.]+" if part == "*" else ".+" if part == "**" else re.escape(part)
        for part in expression.split(".")
    ]
    return re.compile(r"\.".join(parts) + "$")


def _matches(name: str, expressions: list[str], *, as_packages: bool = True) -> bool:
    for expression in expressions:
        if _pattern(expression).match(name):
            return True
        if as_packages and "*" not in expression and name.startswith(expression + "."):
            return True
    return False


def _ignored(contract: dict[str, Any], found: Import) -> bool:
    for expression in contract.get("ignore_imports", []):
        importer, _, imported = (part.strip() for part in expression.partition("->"))
        if _pattern(importer).match(found.importer) and _pattern(imported).match(found.imported):
            return True
    return False


def _home(module: str) -> str:
    for former, now in FORMER_HOMES.items():
        if module == former or module.startswith(former + "."):
            return now + module.removeprefix(former)
    return module


def direct_imports(tree: Path, *, exclude_type_checking: bool) -> Iterator[Import]:
    """Every direct import between two modules of the package in ``tree``, with its line."""
    sys.path.insert(0, str(tree))
    graph = grimp.build_graph(
        PACKAGE, exclude_type_checking_imports=exclude_type_checking, cache_dir=None
    )
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                yield Import(
                    importer=_home(importer),
                    imported=_home(imported),
                    line=int(detail["line_number"]),
                )


def _layer_of(module: str, layers: list[list[str]], container: str) -> tuple[int, str] | None:
    """(rank from the bottom, the layer's member) holding ``module``, if a layer does."""
    for rank, layer in enumerate(reversed(layers)):
        for member in layer:
            name = f"{container}.{member}"
            if module == name or module.startswith(name + "."):
                return rank, member
    return None


def _parse_layers(contract: dict[str, Any]) -> list[tuple[list[str], bool]]:
    """Each layer (top first) as its members and whether they are independent siblings."""
    parsed = []
    for raw in contract["layers"]:
        independent = ":" not in raw
        members = [m.strip().strip("()") for m in re.split(r"[|:]", raw)]
        parsed.append((members, independent))
    return parsed


def breaks_layers(contract: dict[str, Any], found: Import) -> bool:
    layers = _parse_layers(contract)
    [container] = contract["containers"]
    members = [members for members, _ in layers]
    below = _layer_of(found.importer, members, container)
    above = _layer_of(found.imported, members, container)
    if below is None or above is None or _ignored(contract, found):
        return False
    if above[0] > below[0]:
        return True
    independent = layers[len(layers) - 1 - below[0]][1]
    return above[0] == below[0] and above[1] != below[1] and independent


def breaks_forbidden(contract: dict[str, Any], found: Import) -> bool:
    as_packages = contract.get("as_packages", True)
    return (
        _matches(found.importer, contract["source_modules"], as_packages=as_packages)
        and _matches(found.imported, contract["forbidden_modules"], as_packages=as_packages)
        and not _ignored(contract, found)
    )


def breaks_protected(contract: dict[str, Any], found: Import) -> bool:
    as_packages = contract.get("as_packages", True)
    protected = contract["protected_modules"]
    return (
        _matches(found.imported, protected, as_packages=as_packages)
        and not _matches(found.importer, protected, as_packages=as_packages)
        and not _matches(found.importer, contract["allowed_importers"], as_packages=as_packages)
        and not _ignored(contract, found)
    )


CHECKS = {"layers": breaks_layers, "forbidden": breaks_forbidden, "protected": breaks_protected}
UPWARD = {"layers", "api-on-top"}
"""The contracts whose broken imports point up; the others' go past the public API."""


def judge(imports: list[Import], contracts: list[dict[str, Any]]) -> dict[str, list[Import]]:
    """Each contract's id -> the direct imports that break it."""
    return {
        contract["id"]: [i for i in imports if CHECKS[contract["type"]](contract, i)]
        for contract in contracts
    }


def _section(title: str, lines: list[str]) -> None:
    print(f"{title}: {len(lines)}")
    for line in lines:
        print(f"  {line}")


def _imports(tree: Path, linter: dict[str, Any]) -> tuple[list[Import], list[Import]]:
    """(the imports the contracts judge, the imports only under ``if TYPE_CHECKING:``)."""
    loaded = list(direct_imports(tree, exclude_type_checking=True))
    every = list(direct_imports(tree, exclude_type_checking=False))
    typing_only = [i for i in every if i not in set(loaded)]
    return (loaded if linter["exclude_type_checking_imports"] else every), typing_only


def _upward(broken: dict[str, list[Import]]) -> list[str]:
    return sorted({str(i) for key in UPWARD for i in broken.get(key, [])})


def main(revision: str) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    linter = config["tool"]["importlinter"]
    with tempfile.TemporaryDirectory(prefix="house-figures-") as folder:
        tree = Path(folder)
        print(f"revision {unpack(revision, tree)}")
        package = tree / PACKAGE
        lines = line_counts(package)
        imports, typing_only = _imports(tree, linter)
        broken = judge(imports, linter["contracts"])
        _section("modules over 400 lines", [f"{m}: {n}" for m, n in lines.items() if n > 400])
        _section("functions over 60 lines", long_functions(package, 60))
        _section("upward imports (contracts layers, api-on-top)", _upward(broken))
        for key, found in broken.items():
            if key not in UPWARD:
                _section(f"imports past contract {key}", [str(i) for i in found])
        if linter["exclude_type_checking_imports"]:
            typing_broken = _upward(judge(typing_only, linter["contracts"]))
            _section("upward imports under `if TYPE_CHECKING:` (not judged)", typing_broken)
        _section("hand-written locks (import fcntl)", lock_sites(package))
        over = sorted(((n, m) for m, n in lines.items() if n > 300), reverse=True)
        _section("modules over 300 lines", [f"{m}: {n}" for n, m in over])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "HEAD")
