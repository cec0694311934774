"""The house's limits: every module of besluitpak can be read in one sitting (at most 400
lines) and every function at once (at most 60 lines, from its ``def`` line to its last).

Fast tier: reads the source with ``ast``, imports nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "besluitpak"
MODULE_LINES = 400
FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_no_module_is_over_400_lines() -> None:
    lines = {_name(path): len(path.read_text(encoding="utf-8").splitlines()) for path in _modules()}
    over = [f"{name}: {count} lines" for name, count in lines.items() if count > MODULE_LINES]
    assert not over, f"modules over {MODULE_LINES} lines:\n" + "\n".join(over)


def test_no_function_is_over_60_lines() -> None:
    over = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                count = node.end_lineno - node.lineno + 1
                if count > FUNCTION_LINES:
                    over.append(f"{_name(path)}:{node.lineno} {node.name}: {count} lines")
    assert not over, f"functions over {FUNCTION_LINES} lines:\n" + "\n".join(over)
