"""The examples the docs show are what besluitpak prints: the error example of README.md and
docs/getting-started.md is run on a copy of the reference case with the lines it shows, and
its output compared line for line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, cli

SHOWN = re.compile(
    r"\$ sed -n (\d+),(\d+)p besluitpak\.yaml[^\n]*\n(.*?)\n"
    r"\$ besluitpak check; echo \"exit \$\?\"\n(.*?)\nexit (\d+)\n",
    re.DOTALL,
)
"""The example: the case file's lines as mistyped, then what ``check`` prints and its exit."""


@pytest.mark.parametrize("doc", ["README.md", "docs/getting-started.md"])
def test_the_error_example_is_what_check_prints_for_the_lines_it_shows(
    doc: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = SHOWN.search((ROOT / doc).read_text(encoding="utf-8"))
    assert found, f"{doc}: no error example"
    first, last, lines, printed, status = found.groups()
    case = tmp_path / "zaak"
    case.mkdir()
    for part in ("bijlagen", "templates"):
        shutil.copytree(ROOT / part, case / part)
    text = (ROOT / "besluitpak.yaml").read_text(encoding="utf-8").splitlines()
    text[int(first) - 1 : int(last)] = lines.splitlines()
    (case / "besluitpak.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    monkeypatch.chdir(case)  # as the example runs it: in the case folder
    result = cli("check")
    assert result.exit_code == int(status)
    assert result.stderr.splitlines() == printed.splitlines()
