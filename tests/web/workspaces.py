"""The web tests' workspace, made without Django (the browser tests and scripts use it too)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import MINIMAL, ROOT

HERE = Path(__file__).resolve().parent


def make_workspace(root: Path) -> Path:
    """``root`` with the cases ``proef`` (tests/cases/minimal) and ``gebied`` (a
    collegevoorstel, a gebiedsopgave with a JSON Schema, a ready-made PDF), and the private
    folder the page makes when it starts (``.besluitpak/``: it makes ``root`` a workspace, whose
    edit lock and kept versions the terminal's edits share)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".besluitpak").mkdir(mode=0o700, exist_ok=True)
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


MEETING = """\
# The collegevergadering of the web tests: the cases proef and gebied.
gemeente:
  naam: Haarlem
  cbs_code: "0392"
datum: 2026-12-15
nummer: "2026-50"

agenda:
  - zaak: ../proef  # the minimal case
    soort: hamerstuk
    samenvatting: >-
      Het college stelt de notitie over de proef vast.
  - zaak: '../gebied'
    soort: bespreekstuk
    uitkomst: conform

aanwezig:
  - burgemeester A. Proef
  - wethouder B. Toets
afwezig:
  - wethouder C. Elders (verlof)
"""
"""``vergaderingen/2026-50.yaml``: proef (no outcome yet) and gebied (under embargo)."""


def add_meeting(root: Path) -> Path:
    """The workspace ``root`` with the meeting :data:`MEETING`; its case ``proef`` becomes one
    of Haarlem, as a meeting's cases are all of its gemeente."""
    case_file = root / "proef" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(
        text.replace("naam: Proefdorp", "naam: Haarlem").replace('"9999"', '"0392"'),
        encoding="utf-8",
    )
    folder = root / "vergaderingen"
    folder.mkdir(exist_ok=True)
    (folder / "2026-50.yaml").write_text(MEETING, encoding="utf-8")
    return folder / "2026-50.yaml"
