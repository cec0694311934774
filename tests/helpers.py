"""What the tests share: the repository's paths, the CLI runner, small editing and build
helpers, and reading PDFs back with tools no one here wrote (poppler's pdftotext and
pdffonts, qpdf). Fixtures live in conftest.py; everything else is imported from here."""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from xml.etree import ElementTree

from click.testing import CliRunner, Result
from lxml import etree

from besluitpak.cli import main

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
"""The test suite's folder: its data (corpus/, personal/, cases/) is found from here."""
CASES = ROOT / "tests" / "cases"
MINIMAL = CASES / "minimal"
"""A small valid case: one generated bijlage, a ready-made PDF and a ready-made .docx."""
SEED = ROOT / "tests" / "golden" / "collegevoorstel-gebiedsgericht-werken-2014.txt"
"""The text the reference case must reproduce (a golden file)."""
BESLUITPAK = str(Path(sys.executable).parent / "besluitpak")
"""The installed command, for tests that need a process of its own (signals, concurrency)."""


# --- running the CLI ----------------------------------------------------------------------------


def cli(*args: str | Path) -> Result:
    """Run the besluitpak CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def build_bundle(case: Path, out: Path, *extra: str) -> Path:
    """Build ``case`` into ``out``; the last file listed (the openbaar bundle)."""
    result = cli("build", case, "--out", out, *extra)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip().splitlines()[-1])


# --- files --------------------------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shipped_xsds() -> Traversable:
    """The folder of XML Schemas the package ships (``besluitpak/data/xsd``), read as
    package data: the tests read nothing outside the repository."""
    return importlib.resources.files("besluitpak") / "data" / "xsd"


def shipped_xsd(name: str) -> Traversable:
    """One of the XML Schemas the package ships."""
    return shipped_xsds() / name


def xml_schema(name: str) -> etree.XMLSchema:
    """A shipped XSD, compiled; its imports and includes are found beside it."""
    with importlib.resources.as_file(shipped_xsd(name)) as path:
        return etree.XMLSchema(etree.parse(str(path)))


# --- reading PDFs back --------------------------------------------------------------------------


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, as poppler's pdftotext extracts it (cached per file version)."""
    return list(_page_texts(pdf, pdf.stat().st_mtime_ns))


@functools.cache
def _page_texts(pdf: Path, _version: int) -> tuple[str, ...]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


def folded(text: str) -> str:
    """``text`` with every run of whitespace one space."""
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
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    html = html.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ElementTree.fromstring(html)
    pages = []
    for page in root.iter("page"):
        words = [
            Word(
                w.text or "",
                float(w.get("xMin", 0)),
                float(w.get("yMin", 0)),
                float(w.get("xMax", 0)),
                float(w.get("yMax", 0)),
            )
            for w in page.iter("word")
        ]
        pages.append((float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def unembedded(pdf: Path) -> list[str]:
    """Fonts pdffonts reports as not embedded."""
    out = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    missing = []
    for line in out:
        fields = line.split()
        # name type [type2] encoding emb sub uni object ID: emb is the 5th from the end
        if len(fields) >= 7 and fields[-5] != "yes":
            missing.append(fields[0])
    return missing


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["qpdf", "--check", str(pdf)], capture_output=True, text=True, check=False
    )


OUTLOUD = Path(sys.executable).parent / "outloud"


def outloud_rules(pdf: Path) -> dict[str, list[str]]:
    """outloud's findings by severity: {'error': [rule ids], 'warning': [...]}"""
    done = subprocess.run(
        [str(OUTLOUD), "--json", "-", "--fail-on", "never", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    findings = json.loads(done.stdout)["results"][0]["findings"]
    found: dict[str, list[str]] = {"error": [], "warning": []}
    for finding in findings:
        found.setdefault(finding["severity"], []).append(finding["rule"])
    return found
