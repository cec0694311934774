"""The fonts besluitpak draws with itself (cover, contents, stamps): Carlito, embedded.

reportlab's built-in Helvetica is never embedded and so breaks PDF/A; we register the
TrueType files the set-up installs (``fonts-crosextra-carlito``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from besluitpak.casefile import fontcheck
from besluitpak.errors import AssemblyError

REGULAR = "Carlito"
BOLD = "Carlito-Bold"
INSTALL = "sudo apt-get install fonts-crosextra-carlito"


def _find(style: str) -> Path:
    found = fontcheck.font_file("Carlito", style)
    if found is None:
        raise AssemblyError(
            f"the font Carlito ({style}) is not installed; install it with: {INSTALL}"
        )
    return found


def path(style: str = "Regular") -> Path:
    """The TrueType file of Carlito in ``style`` (Regular, Bold)."""
    return _find(style)


@functools.cache
def register() -> tuple[str, str]:
    """Register Carlito regular and bold with reportlab; return their names."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(_find("Regular"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(_find("Bold"))))
    return REGULAR, BOLD
