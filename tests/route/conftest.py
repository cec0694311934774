"""A workspace for the route tests: the page's private folder, the reference route template
(routes.yaml of the repository) beside a copy of the minimal case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, ROOT


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "werkruimte"
    root.mkdir()
    (root / ".besluitpak").mkdir()
    shutil.copy(ROOT / "routes.yaml", root / "routes.yaml")
    shutil.copytree(MINIMAL, root / "proef")
    return root
