"""Simple fonts' encodings as glyph names, and glyph names as characters.

A simple font (Type 1, TrueType) turns each one-byte code into a glyph name through its
/Encoding: a standard one (WinAnsiEncoding, MacRomanEncoding, StandardEncoding, PDF 32000-1
Annex D), changed by /Differences; the Adobe Glyph List says which character a name is.
"""

from __future__ import annotations

import functools
from typing import Any

from fontTools import agl
from fontTools.encodings.MacRoman import MacRoman
from fontTools.encodings.StandardEncoding import StandardEncoding
from pikepdf import Array, Dictionary, Name


@functools.cache
def win_ansi() -> tuple[str, ...]:
    """WinAnsiEncoding as glyph names (PDF 32000-1 Annex D): Windows-1252, with 240 and
    255 octal as ``space`` and ``hyphen``, undefined codes ``.notdef``."""
    names = []
    for code in range(256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            char = ""
        if code < 0x20 or code == 0x7F or not char:
            names.append(".notdef")
        else:
            special = {0xA0: "space", 0xAD: "hyphen"}.get(code)
            names.append(special or agl_name(ord(char)) or ".notdef")
    return tuple(names)


@functools.cache
def _legacy_names() -> dict[int, str]:
    """Character -> its first name in the full Adobe Glyph List."""
    found: dict[int, str] = {}
    for name, points in sorted(agl.LEGACY_AGL2UV.items()):
        if len(points) == 1:
            found.setdefault(points[0], name)
    return found


def agl_name(point: int) -> str | None:
    """The Adobe Glyph List's name of a character (``Euro``, ``twosuperior``), or None:
    only such names may stand in a TrueType font's /Differences (PDF/A-2 6.2.11.6)."""
    return agl.UV2AGL.get(point) or _legacy_names().get(point)


def _table(name: Any) -> tuple[str, ...] | None:
    if name == Name.WinAnsiEncoding:
        return win_ansi()
    if name == Name.MacRomanEncoding:
        return tuple(".notdef" if c < 0x20 or c == 0x7F else n for c, n in enumerate(MacRoman))
    if name == Name.StandardEncoding:
        return tuple(StandardEncoding)
    return None


def encoding(font: Dictionary) -> tuple[tuple[str, ...], set[int]] | None:
    """The font's code -> glyph name (256 of them) and the codes its /Differences set, or
    None when the encoding is none this module knows."""
    given = font.get("/Encoding")
    base = given.get("/BaseEncoding") if isinstance(given, Dictionary) else given
    table = _table(base if base is not None else Name.StandardEncoding)
    if table is None:
        return None
    names = list(table)
    own: set[int] = set()
    differences = given.get("/Differences") if isinstance(given, Dictionary) else None
    code = 0
    for item in differences if isinstance(differences, Array) else ():
        if isinstance(item, int):
            code = int(item)
        elif isinstance(item, Name) and 0 <= code < 256:
            names[code] = str(item)[1:]
            own.add(code)
            code += 1
    return tuple(names), own


def unicode_of(glyph: str) -> int | None:
    """The character of a glyph name (AGL, ``uniXXXX``, ``uXXXXX``), None if it has none."""
    if glyph == ".notdef":
        return None
    text = agl.toUnicode(glyph)
    return ord(text) if len(text) == 1 else None
