"""Make the pictures of the reference bundle that the README and docs/ show.

    .venv/bin/python tools/readme_picture.py

renders two pages of out/collegebesluit-2014-123456-intern.pdf with poppler's pdftoppm at
60 dpi: the table of contents (docs/img/bundle-contents.png) and a bijlage's first page with
its stamp and a table (docs/img/bundle-page.png). When the bundle is missing it is built
first (build.py). Run it again after a change to the house style, and commit the pictures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "out" / "collegebesluit-2014-123456-intern.pdf"
IMAGES = ROOT / "docs" / "img"
PAGES = {"bundle-contents": 2, "bundle-page": 12}
"""Picture name → page of the reference bundle (page 12: bijlage 2's first page)."""


def main() -> None:
    if not BUNDLE.exists():
        subprocess.run([sys.executable, "build.py"], cwd=ROOT, check=True)
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, page in PAGES.items():
        stem = IMAGES / name
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile",
             str(BUNDLE), str(stem)],
            check=True,
        )  # fmt: skip
        print(stem.with_suffix(".png").relative_to(ROOT))


if __name__ == "__main__":
    main()
