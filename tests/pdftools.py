"""Reading PDFs back with tools no one here wrote: poppler (pdftotext, pdffonts), qpdf, pypdf."""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, as poppler's pdftotext extracts it (cached per file version)."""
    return list(_page_texts(pdf, pdf.stat().st_mtime_ns))


@functools.cache
def _page_texts(pdf: Path, _version: int) -> tuple[str, ...]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


def folded(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def page_words(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """(width, height, words with boxes; y from the top) of every page (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    html = html.replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "")
    root = ElementTree.fromstring(html)
    pages = []
    for page in root.iter("page"):
        words = [Word(w.text or "", float(w.get("xMin", 0)), float(w.get("yMin", 0)),
                      float(w.get("xMax", 0)), float(w.get("yMax", 0)))
                 for w in page.iter("word")]
        pages.append((float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def unembedded(pdf: Path) -> list[str]:
    """Fonts pdffonts reports as not embedded."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    missing = []
    for line in out:
        fields = line.split()
        # name type [type2] encoding emb sub uni object ID: emb is the 5th from the end
        if len(fields) >= 7 and fields[-5] != "yes":
            missing.append(fields[0])
    return missing


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True,
                          check=False)
