"""The size of a public copy with many withheld pages against the intern one (issue 25).

A 300-page ready-made PDF (a few lines of text in an embedded font and a picture on every
page) with 100 pages withheld: its public copy (:func:`besluitpak.pdf.public_copy.public_copy`)
should be at most 1.5 times the size of the document as the intern edition takes it. Both are
written the way the assembler writes a bundle (compressed, object streams), so the ratio
compares like with like.

    .venv/bin/python bench/withheld_size.py [--pages 300] [--withheld 100] [--no-pictures]
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts
from besluitpak.pdf.public_copy import public_copy

GOAL = 1.5


def _picture(seed: int) -> ImageReader:
    """A small noisy picture, different on every page (as photos are)."""
    from PIL import Image

    rng = random.Random(seed)
    image = Image.new("RGB", (64, 48))
    image.putdata([(rng.randrange(256), rng.randrange(256), 128) for _ in range(64 * 48)])
    return ImageReader(image)


def source(path: Path, pages: int, *, pictures: bool = True) -> None:
    regular, _ = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    for page in range(1, pages + 1):
        canvas.setFont(regular, 11)
        for line in range(8):
            canvas.drawString(72, 760 - 16 * line, f"Pagina {page}, regel {line + 1}: tekst.")
        if pictures:
            canvas.drawImage(_picture(page), 72, 400, width=256, height=192)
        canvas.showPage()
    canvas.save()


def written(path: Path) -> int:
    """The size of ``path`` saved as the assembler saves a bundle."""
    buffer = io.BytesIO()
    with pikepdf.open(path) as pdf:
        pdf.save(
            buffer,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return len(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--withheld", type=int, default=100)
    parser.add_argument("--no-pictures", action="store_true", help="text only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        intern, public = Path(folder) / "intern.pdf", Path(folder) / "openbaar.pdf"
        source(intern, args.pages, pictures=not args.no_pictures)
        step = max(1, args.pages // args.withheld)
        grounds = {page: "5.1.2e" for page in range(2, args.pages + 1, step)}
        grounds = dict(list(grounds.items())[: args.withheld])
        public_copy(intern, public, grounds=grounds, titel="Meting")
        intern_size, public_size = written(intern), written(public)
    ratio = public_size / intern_size
    print(f"pages: {args.pages}, withheld: {len(grounds)}")
    print(f"intern:   {intern_size / 1e6:.2f} MB")
    print(f"openbaar: {public_size / 1e6:.2f} MB")
    print(f"ratio:    {ratio:.2f} (goal <= {GOAL})")


if __name__ == "__main__":
    main()
