"""The fonts besluitpak draws with itself (cover, contents, stamps): Carlito, embedded.

reportlab's built-in Helvetica is never embedded and so breaks PDF/A; we register the
TrueType files the set-up installs (``fonts-crosextra-carlito``).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from besluitpak.errors import AssemblyError

REGULAR = "Carlito"
BOLD = "Carlito-Bold"
_KNOWN = Path("/usr/share/fonts/truetype/crosextra")
INSTALL = "sudo apt-get install fonts-crosextra-carlito"


def _find(style: str) -> Path:
    candidate = _KNOWN / f"Carlito-{style}.ttf"
    if candidate.exists():
        return candidate
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"Carlito:style={style}"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and "carlito" in found.lower() and Path(found).exists():
            return Path(found)
    raise AssemblyError(f"the font Carlito ({style}) is not installed; install it with: {INSTALL}")


def path(style: str = "Regular") -> Path:
    """The TrueType file of Carlito in ``style`` (Regular, Bold)."""
    return _find(style)


@functools.cache
def register() -> tuple[str, str]:
    """Register Carlito regular and bold with reportlab; return their names."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(_find("Regular"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(_find("Bold"))))
    return REGULAR, BOLD
