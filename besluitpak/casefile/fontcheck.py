"""Which characters the installed fonts can show (fontconfig), so text that would print as
empty boxes is refused with a clear message instead."""

from __future__ import annotations

import bisect
import functools
import shutil
import subprocess
import unicodedata
from pathlib import Path


@functools.cache
def _ranges() -> tuple[list[int], list[int]] | None:
    """Start and end code points of everything some installed font covers, merged."""
    if shutil.which("fc-list") is None:
        return None
    listing = subprocess.run(
        ["fc-list", "--format", "%{charset}\\n"], capture_output=True, text=True, check=False
    ).stdout
    spans = []
    for token in listing.split():
        first, _, last = token.partition("-")
        try:
            spans.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    if not spans:
        return None
    spans.sort()
    starts, ends = [spans[0][0]], [spans[0][1]]
    for start, end in spans[1:]:
        if start <= ends[-1] + 1:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def unshowable(text: str) -> list[str]:
    """The distinct characters of ``text`` that no installed font has (in order)."""
    if text.isascii():
        return []
    ranges = _ranges()
    if ranges is None:  # no fontconfig: nothing to check against
        return []
    starts, ends = ranges
    missing: dict[str, None] = {}
    for char in text:
        point = ord(char)
        if point < 0x80 or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp", "Cc"):
            continue  # joiners, direction marks and spaces need no glyph of their own
        index = bisect.bisect_right(starts, point) - 1
        if index < 0 or point > ends[index]:
            missing[char] = None
    return list(missing)


_KNOWN = (
    Path("/usr/share/fonts/truetype/crosextra"),
    Path("/usr/share/fonts/truetype/liberation2"),
)
"""Where Debian puts Carlito (``fonts-crosextra-carlito``) and Liberation
(``fonts-liberation2``)."""


@functools.cache
def font_file(family: str, style: str) -> Path | None:
    """The TrueType file of ``family`` in ``style`` (``Carlito``, ``Bold``; ``BoldItalic``),
    or None when it is not installed: where Debian puts it, else where fontconfig says."""
    for folder in _KNOWN:
        candidate = folder / f"{family}-{style}.ttf"
        if candidate.exists():
            return candidate
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{family}:style={_spaced(style)}"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and family.lower() in found.lower() and Path(found).exists():
            return Path(found)
    return None


def _spaced(style: str) -> str:
    """``Bold Italic`` for ``BoldItalic``: fontconfig's name of the style."""
    return "".join(f" {c}" if c.isupper() and i else c for i, c in enumerate(style))
