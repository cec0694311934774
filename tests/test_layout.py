"""The package's layout shows the pipeline: every import points down the stages.

Fast tier: reads the source with ``ast``, imports nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "besluitpak"

HELPERS = {"errors", "codes", "files", "dutch", "fingerprint", "events", "housestyle"}
"""Below every stage: they import no stage at all."""
STAGES = ["casefile", "render", "convert", "pdf", "publication", "archival"]
"""In pipeline order: a stage may import its own modules and earlier stages only."""
ABOVE = {"pipeline", "production", "settings", "meeting", "__init__"}
"""The orchestration and the public API: may import every stage."""
EDITING = {"editing"}
"""Editing a case's and a vergadering's files: above the pipeline, below the public API."""
INTERFACES = {"cli", "__main__", "web"}
"""The command line and the web page, on top: they call the public API."""
WEB_MAY_USE = {"", "errors", "codes", "files", "dutch", "editing", "web"}
"""What the web page imports besides the public API (``besluitpak`` itself): the helpers
(among them the message codes it words in Dutch), and ``besluitpak.editing``, which reads,
changes and writes the case and vergadering files (and gives the case file's rules its
forms apply: ids, references, key paths, lak markup)."""


def _rank(module: str) -> int:
    """0 for the helpers, 1..6 for the stages, 7 above them, 8 the interfaces."""
    parts = module.split(".")
    if parts[0] in HELPERS:
        return 0
    if parts[0] in STAGES:
        return STAGES.index(parts[0]) + 1
    if parts[0] in INTERFACES:
        return len(STAGES) + 2
    if parts[0] in EDITING:
        return len(STAGES) + 1
    assert parts[0] in ABOVE, f"besluitpak.{module}: a module in no known layer"
    return len(STAGES) + 1


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        name = ".".join(relative.parts)
        found.append(
            (
                name.removesuffix(".__init__") if relative.parts != ("__init__",) else "__init__",
                path,
            )
        )
    return found


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every besluitpak module ``path`` imports (outside ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If)
        and isinstance(block.test, ast.Name)
        and block.test.id == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("besluitpak")
        ):
            base = node.module.removeprefix("besluitpak").lstrip(".")
            for alias in node.names:
                target = f"{base}.{alias.name}" if base else alias.name
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name.removeprefix("besluitpak."))
                for a in node.names
                if a.name.startswith("besluitpak.")
            ]
    return found


def _layer(target: str) -> str:
    """``casefile.case.Case`` -> ``casefile``; ``__version__`` (from the package) -> helper."""
    head = target.split(".")[0]
    return "errors" if head.startswith("__") else head


@pytest.mark.parametrize(("name", "path"), _modules(), ids=[n for n, _ in _modules()])
def test_every_import_points_down_the_stages(name: str, path: Path) -> None:
    own = _rank(name)
    wrong = [
        f"line {line}: imports besluitpak.{target}"
        for line, target in _imports(path)
        if _rank(_layer(target)) > own
    ]
    assert not wrong, f"besluitpak/{path.relative_to(PACKAGE)} (layer {own}): {wrong}"


@pytest.mark.parametrize(
    ("name", "path"),
    [(n, p) for n, p in _modules() if n.startswith("web")],
    ids=[n for n, _ in _modules() if n.startswith("web")],
)
def test_the_web_page_knows_no_converter_or_pdf_internals(name: str, path: Path) -> None:
    wrong = [
        f"line {line}: imports besluitpak.{target}"
        for line, target in _imports(path)
        if target.split(".")[0] not in WEB_MAY_USE and not _public(target)
    ]
    assert not wrong, f"besluitpak/{path.relative_to(PACKAGE)}: {wrong}"


def _public(target: str) -> bool:
    """``from besluitpak import events``: a name the package itself exports."""
    import besluitpak

    return "." not in target and target in besluitpak.__all__


def test_every_stage_says_its_job() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and doc.startswith(f"Stage {STAGES.index(stage) + 1}, "), stage
