"""Where a case file is: a folder stands for its ``besluitpak.yaml``.

Kept apart from the case model so the quick up-to-date check can find a case file without
loading pydantic.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_CASE = "besluitpak.yaml"
"""The case file a folder stands for."""


def case_file(path: Path) -> Path:
    """A folder means its ``besluitpak.yaml``."""
    return path / DEFAULT_CASE if path.is_dir() and (path / DEFAULT_CASE).exists() else path
