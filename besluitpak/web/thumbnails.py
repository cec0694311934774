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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
    """Thumbnails of every page of each PDF (skipped when they exist), the PDFs side by side."""
    wanted = [p for p in pdfs if p.suffix.lower() == ".pdf"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(_make_one, wanted))


def _make_one(pdf: Path) -> None:
    data = pdf.read_bytes()  # one reading: the digest and the pages are of the same bytes
    folder = _root() / hashlib.sha256(data).hexdigest()
    if (folder / "done").exists():
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
    try:
        given, source = work / "given.pdf", work / "source.pdf"
        given.write_bytes(data)
        # In processes of their own, at a lower priority: a build beside them keeps the
        # CPU and this process's interpreter lock.
        for command in (
            [sys.executable, "-m", "besluitpak.web.thumbnails", str(given), str(source)],
            ["pdftoppm", "-png", "-r", str(RESOLUTION), str(source), str(work / "page")],
        ):
            subprocess.run(
                ["nice", "-n", "10", *command], check=True, capture_output=True, timeout=300
            )
        given.unlink()
        source.unlink()
        for png in work.glob("page-*.png"):
            number = int(png.stem.rsplit("-", 1)[1])
            png.rename(work / f"page-{number:04d}.png")
        (work / "done").touch()
        with contextlib.suppress(OSError):  # another worker made them first
            work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def without_output_intent(given: Path, target: Path) -> None:
    """A copy of ``given`` without its OutputIntent: poppler colour-manages every page
    against a PDF/A OutputIntent (7× slower), which a 30 dpi thumbnail does not show."""
    import pikepdf

    with pikepdf.open(given) as document:
        if "/OutputIntents" in document.Root:
            del document.Root["/OutputIntents"]
        document.save(target)


if __name__ == "__main__":
    without_output_intent(Path(sys.argv[1]), Path(sys.argv[2]))
