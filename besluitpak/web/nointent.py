"""``python -m besluitpak.web.nointent GIVEN TARGET [GIVEN TARGET …]``: a copy of each PDF
without its OutputIntent, for the thumbnails (:mod:`besluitpak.web.thumbnails`).

Poppler colour-manages every page against a PDF/A OutputIntent (7× slower), which a 30 dpi
thumbnail does not show. Run in a process of its own, at a lower priority, beside a build:
so it imports pikepdf and nothing else (26 MiB, where importing the web app took 46 MiB),
and copies every PDF of a job in one process."""

from __future__ import annotations

import sys
from pathlib import Path


def without_output_intent(given: Path, target: Path) -> None:
    import pikepdf

    with pikepdf.open(given) as document:
        if "/OutputIntents" in document.Root:
            del document.Root["/OutputIntents"]
        document.save(target)


if __name__ == "__main__":
    pairs = sys.argv[1:]
    for index in range(0, len(pairs) - 1, 2):
        without_output_intent(Path(pairs[index]), Path(pairs[index + 1]))
