"""Page thumbnails of built editions: PNGs made by poppler's pdftoppm in the worker (never in
a request), kept in the workspace's private folder by the PDF's SHA-256."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from besluitpak.web import conf

RESOLUTION = 30
"""Dots per inch: an A4 page becomes about 250 × 350 pixels."""


def folder_for(pdf: Path) -> Path:
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    return conf.private_folder(Path(settings.WORKSPACE)) / "thumbnails" / digest


def pages(pdf: Path) -> list[Path]:
    """The thumbnails of ``pdf`` in page order (none yet: [])."""
    folder = folder_for(pdf)
    if not (folder / "done").exists():
        return []
    return sorted(folder.glob("page-*.png"))


def make(pdfs: Sequence[Path]) -> None:
    """Thumbnails of every page of each PDF (skipped when they exist)."""
    for pdf in pdfs:
        if pdf.suffix.lower() != ".pdf":
            continue
        folder = folder_for(pdf)
        if (folder / "done").exists():
            continue
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf), str(work / "page")],
                check=True,
                capture_output=True,
                timeout=300,
            )
            for png in work.glob("page-*.png"):
                number = int(png.stem.rsplit("-", 1)[1])
                png.rename(work / f"page-{number:04d}.png")
            (work / "done").touch()
            with contextlib.suppress(OSError):  # another worker made them first
                work.rename(folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)
