"""Where an archive keeps what: a folder per kenmerk, a folder per version, the manifest."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from besluitpak.casefile.case import Case
from besluitpak.errors import ArchiveError
from besluitpak.files import safe_name
from besluitpak.publication.editions import EditionPlan

MDTO_NS = "https://www.nationaalarchief.nl/mdto"
MANIFEST = "manifest.json"
SEAL = "manifest.json.sha256"
"""The newest manifest's own checksum, in ``sha256sum`` format, so ``sha256sum -c`` checks it."""
MEETING_MANIFEST = "vergadering.json"
"""A meeting version's manifest (``archief/vergaderingen/<nummer>/vNNN/``): its files, and each
decided case's version with the SHA-256 of that version's manifest."""
MEETING_SEAL = "vergadering.json.sha256"
SNAPSHOT = "invoer"
PRONOM = {
    "A": ("fmt/476", "Acrobat PDF/A - Portable Document Format 2a"),
    "U": ("fmt/478", "Acrobat PDF/A - Portable Document Format 2u"),
    "B": ("fmt/477", "Acrobat PDF/A - Portable Document Format 2b"),
}
VERSION_NAME = re.compile(r"^v(\d{3,})$")

log = logging.getLogger(__name__)


def kenmerk_folder(archief: Path, kenmerk: str) -> Path:
    return archief / safe_name(kenmerk)


def versions(folder: Path) -> list[Path]:
    """The finished versions in a kenmerk's folder, oldest first (hidden work is ignored)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and VERSION_NAME.match(p.name)]
    return sorted(found, key=lambda p: int(p.name[1:]))


def read_manifest(version: Path) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
        return loaded
    except (OSError, ValueError) as e:
        raise ArchiveError(f"{version / MANIFEST}: cannot read the manifest: {e}").coded(
            "archive-manifest-unreadable", file=str(version / MANIFEST)
        ) from e


Build = Callable[[Path], tuple[Sequence[Path], Sequence[EditionPlan]]]
"""Builds both editions of the case into a folder: the bundles and what each holds."""

Rebuild = Callable[[Case, Path, dt.date], Sequence[Path]]
"""Builds a case (from an archived snapshot) as of a day, without the cache: the bundles."""
