"""The web tests' workspace, made without Django (the browser tests and scripts use it too)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import MINIMAL, ROOT

HERE = Path(__file__).resolve().parent


def make_workspace(root: Path) -> Path:
    """``root`` with the cases ``proef`` (tests/cases/minimal) and ``gebied`` (a
    collegevoorstel, a gebiedsopgave with a JSON Schema, a ready-made PDF)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(MINIMAL, root / "proef")
    gebied = root / "gebied"
    shutil.copytree(HERE / "cases" / "gebied", gebied)
    (gebied / "templates").mkdir()
    (gebied / "bijlagen").mkdir(exist_ok=True)  # git keeps no empty folder: a clone has none
    for name in ("collegevoorstel", "gebiedsopgave"):
        for suffix in (".docx", ".schema.json"):
            shutil.copy(ROOT / "templates" / f"{name}{suffix}", gebied / "templates")
    shutil.copy(ROOT / "bijlagen" / "gebiedsopgave-centrum.yaml", gebied / "bijlagen")
    shutil.copy(MINIMAL / "bijlagen" / "kaart.pdf", gebied / "bijlagen")
    return root
