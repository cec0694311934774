"""Page thumbnails of built editions: PNGs made by poppler's pdftoppm in the worker (never in
a request), after the job is done, kept in the workspace's private folder by the PDF's
SHA-256."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings

from besluitpak.editing.workspace import private_folder
from besluitpak.files import file_hash

RESOLUTION = 30
"""Dots per inch: an A4 page becomes about 250 × 350 pixels."""


def _root() -> Path:
    return private_folder(Path(settings.WORKSPACE)) / "thumbnails"


def folder_for(pdf: Path) -> Path:
    return _root() / file_hash(pdf)


def pages(pdf: Path) -> list[Path]:
    """The thumbnails of ``pdf`` in page order (none yet: [])."""
    folder = folder_for(pdf)
    if not (folder / "done").exists():
        return []
    return sorted(folder.glob("page-*.png"))


def make(pdfs: Sequence[Path]) -> None:
    """Thumbnails of every page of each PDF (skipped when they exist): the OutputIntents
    taken off in one process, then poppler's pdftoppm on the PDFs side by side."""
    wanted: dict[Path, Path] = {}  # the folder of a PDF's thumbnails -> its work folder
    try:
        for pdf in (p for p in pdfs if p.suffix.lower() == ".pdf"):
            data = pdf.read_bytes()  # one reading: the digest and the pages of the same bytes
            folder = _root() / hashlib.sha256(data).hexdigest()
            if (folder / "done").exists() or folder in wanted:
                continue
            folder.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
            wanted[folder] = work
            (work / "given.pdf").write_bytes(data)
        if not wanted:
            return
        # In processes of their own, at a lower priority: a build beside them keeps the CPU
        # and this process's interpreter lock.
        pairs = [str(w / name) for w in wanted.values() for name in ("given.pdf", "source.pdf")]
        subprocess.run(_nice(sys.executable, "-m", "besluitpak.web.nointent", *pairs), **_RUN)
        # pdftoppm on the PDFs side by side: processes, not a thread pool, which refuses
        # work once the worker's main thread has ended (this runs after a --batch job)
        running = [
            (folder, work, subprocess.Popen(_nice("pdftoppm", "-png", "-r", str(RESOLUTION),
                                                  str(work / "source.pdf"), str(work / "page")),
                                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            for folder, work in wanted.items()
        ]  # fmt: skip
        for folder, work, process in running:
            _, errors = process.communicate(timeout=300)
            if process.returncode != 0:
                raise subprocess.CalledProcessError(process.returncode, process.args, stderr=errors)
            _pages(folder, work)
    finally:
        for work in wanted.values():
            shutil.rmtree(work, ignore_errors=True)


_RUN: dict[str, Any] = {"check": True, "capture_output": True, "timeout": 300}


def _pages(folder: Path, work: Path) -> None:
    """Make the work folder of ``folder``'s thumbnails, pdftoppm done, the folder itself."""
    source = work / "source.pdf"
    (work / "given.pdf").unlink()
    source.unlink()
    renumber(work)
    (work / "done").touch()
    with contextlib.suppress(OSError):  # another worker made them first
        work.rename(folder)


def renumber(folder: Path) -> None:
    """pdftoppm's ``page-1.png`` (or ``page-01.png``: its digits follow the page count)
    as ``page-0001.png``, so that the names sort in page order."""
    for png in folder.glob("page-*.png"):
        number = int(png.stem.rsplit("-", 1)[1])
        png.rename(folder / f"page-{number:04d}.png")


def _nice(*command: str) -> list[str]:
    """``command`` at a lower priority: a build beside it keeps the CPU."""
    return ["nice", "-n", "10", *command]
