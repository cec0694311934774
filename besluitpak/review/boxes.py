"""Where a page's words stand: poppler's word boxes (``pdftotext -bbox``), read from the
same copy as the guard's page text (every optional-content layer drawn, see
:func:`besluitpak.publication.channels.pdftotext_pages`), so that the n-th word of a page's
text is the n-th box."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class Box:
    """A word's box on its page, in PDF points from the page's top left corner (as poppler
    gives them; the page is ``width`` by ``height``)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, kw_only=True)
class PageWords:
    """The words of one page, in the order of its text, and their boxes."""

    width: float
    height: float
    words: tuple[str, ...]
    boxes: tuple[Box, ...]


def pages(pdf: Path) -> list[PageWords]:
    """The words and boxes of each page of ``pdf``. Raises ``OSError``,
    ``subprocess.CalledProcessError`` or ``pikepdf.PdfError``."""
    import pikepdf
    from lxml import etree

    with tempfile.TemporaryDirectory(prefix="besluitpak-boxes-") as work:
        plain = Path(work) / "plain.pdf"
        with pikepdf.open(pdf) as document:
            for key in ("/OutputIntents", "/OCProperties"):
                if key in document.Root:
                    del document.Root[key]
            document.save(plain)
        done = subprocess.run(
            ["pdftotext", "-bbox", "-enc", "UTF-8", str(plain), "-"],
            capture_output=True,
            check=True,
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(done.stdout, parser)
    found = []
    for page in root.iter("{*}page"):
        words, boxes = [], []
        for word in page.iter("{*}word"):
            text = "".join(word.itertext())
            for piece in text.split():  # as the page text is split
                words.append(piece)
                boxes.append(
                    Box(
                        x0=float(word.get("xMin")),
                        y0=float(word.get("yMin")),
                        x1=float(word.get("xMax")),
                        y1=float(word.get("yMax")),
                    )
                )
        found.append(
            PageWords(
                width=float(page.get("width")),
                height=float(page.get("height")),
                words=tuple(words),
                boxes=tuple(boxes),
            )
        )
    return found


def of_span(text: str, start: int, end: int, page: PageWords) -> tuple[Box, ...]:
    """The boxes of the words of ``text[start:end]``, ``text`` being the page's
    whitespace-normalised text: by position where the page's words are its words, else
    the occurrence of the same words nearest to it; none when they are not on the page."""
    tokens = text.split(" ")
    first = text.count(" ", 0, start)
    last = text.count(" ", 0, max(start, end - 1))
    if tuple(tokens) == page.words:
        return page.boxes[first : last + 1]
    wanted = tuple(tokens[first : last + 1])
    size = len(wanted)
    places = [
        index
        for index in range(len(page.words) - size + 1)
        if page.words[index : index + size] == wanted
    ]
    if not places:
        return ()
    nearest = min(places, key=lambda index: abs(index - first))
    return page.boxes[nearest : nearest + size]
