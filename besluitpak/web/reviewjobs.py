"""The job of the review page: the case's suggested redactions (``besluitpak.suggest``, kept
as the listing the reviewer decides on) and the pages of each document's public PDF they
were found on as PNG at 72 dpi (one pixel a PDF point, so a suggestion's boxes lay over them
as they are), made by poppler's pdftoppm in the worker, never in a request."""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings

from besluitpak.editing import reviewlist
from besluitpak.editing.workspace import private_folder
from besluitpak.web import thumbnails
from besluitpak.web.models import Job
from besluitpak.web.progress import Progress

RESOLUTION = 72
"""Dots per inch of a review page: a pixel is a PDF point."""


def pages_folder(name: str, document: str) -> Path:
    """Where the page images of ``document`` of case ``name`` are kept."""
    return private_folder(Path(settings.WORKSPACE)) / "review" / name / document


def page_image(name: str, document: str, page: int) -> Path | None:
    found = pages_folder(name, document) / f"page-{page:04d}.png"
    return found if found.is_file() else None


def size(png: Path) -> tuple[int, int]:
    """A PNG's width and height in pixels (its IHDR)."""
    with png.open("rb") as f:
        header = f.read(24)
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def suggest(job: Job, progress: Progress) -> dict[str, Any]:
    folder = Path(settings.WORKSPACE) / job.case
    kept = pages_folder(job.case, ".pdf")
    shutil.rmtree(kept, ignore_errors=True)
    try:
        found = reviewlist.current(folder, keep=kept)
        render_pages(job.case, {pdf.stem: pdf for pdf in kept.glob("*.pdf")})
    finally:
        shutil.rmtree(kept, ignore_errors=True)
    return {"suggestions": len(found), "pages": found.pages}


def render_pages(name: str, pdfs: Mapping[str, Path]) -> None:
    """The pages of each document's public PDF (id -> PDF) as PNG at 72 dpi: the pages the
    suggestions' boxes were measured on."""
    for ident, source in pdfs.items():
        target = pages_folder(name, ident)
        fresh = target.with_name(f".{ident}.new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(RESOLUTION), str(source), str(fresh / "page")],
            check=True,
            capture_output=True,
            timeout=300,
        )
        thumbnails.renumber(fresh)
        shutil.rmtree(target, ignore_errors=True)  # the pages of a search before
        fresh.rename(target)
