"""The text inside the streams that are no text of their own: font programs, colour
profiles, functions and an image's own metadata.

:func:`besluitpak.publication.leftovers.streams` reads every stream that holds text, and
leaves these out because their bytes are a program or numbers. Yet each can carry words: a
TrueType font's ``name`` table (UTF-16), a CFF font's FullName and Notice, a Type 1
font's FontInfo, an ICC profile's description (ASCII or UTF-16), a PostScript calculator
function's comments, a JPEG's EXIF and comment segments. A withheld word copied into one
of them ships with the font, the profile or the image, unseen by every page-text reader.

:func:`strings` yields, per stream, the readable runs found in it: the text records of what
can be parsed (a font's names and glyph names, through fontTools), else runs of at least
four printable characters, in single bytes and in UTF-16 either way round. The channels are
named in :data:`CHANNELS`; their text is searched for what is withheld and for the steller,
not by the personal-data matchers, which on bytes that are numbers would find phone
numbers where there are none.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
from collections.abc import Iterator

import pikepdf
from pikepdf import Name

from besluitpak.errors import OutputError
from besluitpak.files import cache_home, write_atomic
from besluitpak.pdf import jpeg_bare

FONT, PROFILE, FUNCTION, IMAGE = "font program", "colour profile", "function", "image metadata"
CHANNELS = frozenset({FONT, PROFILE, FUNCTION, IMAGE})
"""The channels :func:`strings` yields."""

_RUNS = (
    (re.compile(rb"[\x20-\x7e\xa0-\xff]{4,}"), "latin-1"),
    (re.compile(rb"(?:\x00[\x20-\x7e\xa0-\xff]){4,}"), "utf-16-be"),
    (re.compile(rb"(?:[\x20-\x7e\xa0-\xff]\x00){4,}"), "utf-16-le"),
)
_JPEG_TEXT = {0xFE, *range(0xE0, 0xF0)}
"""JPEG segments that carry text: COM and the APPn (JFIF, EXIF, XMP, ICC, Adobe…)."""


def strings(pdf: pikepdf.Pdf) -> Iterator[tuple[str, str]]:
    """(channel, text) for every font program, colour profile, function and image of
    ``pdf`` that holds readable text."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        kind = _kind(obj)
        if kind is None:
            continue
        try:
            data = obj.read_raw_bytes() if kind == IMAGE else obj.read_bytes()
        except pikepdf.PdfError:
            continue
        if kind == FONT:
            found = _font_text_kept(data)
        elif kind == IMAGE:
            found = runs(_image_metadata(data))
        else:
            found = runs(data)
        if found:
            yield kind, " ".join(found)


def _kind(stream: pikepdf.Stream) -> str | None:
    if any(key in stream for key in ("/Length1", "/Length2", "/Length3")):
        return FONT
    if stream.stream_dict.get("/Subtype") in (Name.Type1C, Name.CIDFontType0C, Name.OpenType):
        return FONT
    if stream.stream_dict.get("/Subtype") == Name.Image:
        return IMAGE
    if "/FunctionType" in stream:
        return FUNCTION
    if ("/N" in stream and "/Alternate" in stream) or _icc(stream):
        return PROFILE
    return None


def _icc(stream: pikepdf.Stream) -> bool:
    """An ICC profile without /Alternate: ``acsp`` at byte 36 of its data."""
    if "/N" not in stream:
        return False
    try:
        return stream.read_bytes()[36:40] == b"acsp"
    except pikepdf.PdfError:
        return False


def runs(data: bytes) -> list[str]:
    """The runs of four or more printable characters in ``data``: single bytes (Latin-1)
    and UTF-16, big- and little-endian."""
    found = []
    for pattern, encoding in _RUNS:
        found += [m.group(0).decode(encoding, errors="replace") for m in pattern.finditer(data)]
    return found


def _font_text_kept(data: bytes) -> list[str]:
    """:func:`_font_text`, kept in the cache by the program's SHA-256: a bundle's fonts are
    its documents', read before (~3 ms a font through fontTools, ~40 fonts a bundle)."""
    memo = cache_home() / "program-text-v1" / f"{hashlib.sha256(data).hexdigest()}.json"
    with contextlib.suppress(OSError, ValueError):
        kept = json.loads(memo.read_text(encoding="utf-8"))
        if isinstance(kept, list) and all(isinstance(text, str) for text in kept):
            return kept
    found = _font_text(data)
    with contextlib.suppress(OutputError):
        write_atomic(memo, json.dumps(found).encode(), what="the cache")
    return found


def _font_text(data: bytes) -> list[str]:
    """A font program's text: its names, its CFF strings and its glyph names where fontTools
    reads it; else (and besides, for a Type 1 program's clear and encrypted parts) its
    printable runs."""
    from fontTools.ttLib import TTFont, TTLibError

    if data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf"):
        try:
            font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False)
            return _sfnt_text(font)
        except (TTLibError, Exception):  # damaged: read its bytes
            return runs(data)
    if data[:1] == b"\x01" and len(data) > 4:  # a bare CFF program
        return _cff_text(data) or runs(data)
    return runs(data) + runs(_eexec(data))


def _sfnt_text(font: object) -> list[str]:
    from fontTools.ttLib import TTFont

    assert isinstance(font, TTFont)
    found: list[str] = []
    if "name" in font:
        for record in font["name"].names:
            try:
                found.append(record.toUnicode())
            except UnicodeDecodeError:
                found += runs(record.string)
    if "CFF " in font:
        found += _cff_strings(font["CFF "].cff)
    with contextlib.suppress(Exception):  # no glyph names to read
        found += [name for name in font.getGlyphOrder() if len(name) >= 3]
    return found


def _cff_text(data: bytes) -> list[str]:
    from fontTools.cffLib import CFFFontSet

    cff = CFFFontSet()
    try:
        cff.decompile(io.BytesIO(data), None)
        return _cff_strings(cff)
    except Exception:  # damaged: its bytes are read instead
        return []


def _cff_strings(cff: object) -> list[str]:
    from fontTools.cffLib import CFFFontSet

    assert isinstance(cff, CFFFontSet)
    found: list[str] = [*cff.fontNames, *cff.strings.strings]
    for top in cff.topDictIndex:
        found += [name for name in getattr(top, "charset", None) or [] if len(name) >= 3]
    return found


def _eexec(data: bytes) -> bytes:
    """The eexec-encrypted part of a Type 1 program, decrypted (its FontInfo may be there)."""
    start = data.find(b"eexec")
    if start < 0:
        return b""
    body = data[start + 5 :].lstrip(b"\r\n \t")
    if re.fullmatch(rb"[0-9A-Fa-f\s]{8,}", body[:64]):
        body = bytes.fromhex(re.sub(rb"[^0-9A-Fa-f]", b"", body)[: len(body) // 2 * 2].decode())
    key, out = 55665, bytearray()
    for byte in body:
        out.append(byte ^ (key >> 8))
        key = ((byte + key) * 52845 + 22719) & 0xFFFF
    return bytes(out[4:])


def _image_metadata(data: bytes) -> bytes:
    """What an image's encoded bytes carry besides the picture: a JPEG's comment and
    application segments, a JPEG 2000 file's boxes other than its codestream."""
    if data.startswith(b"\xff\xd8"):  # as a public edition ships it (pdf.metadata)
        return _jpeg_segments(jpeg_bare.bare(data) or data)
    if data[4:8] == b"jP  ":
        return _jp2_boxes(data)
    return b""


def _jp2_boxes(data: bytes) -> bytes:
    """The bytes of a JPEG 2000 file's boxes, its codestream (``jp2c``) left out."""
    found, at = bytearray(), 0
    while at + 8 <= len(data):
        length, kind = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
        header = 8
        if length == 1 and at + 16 <= len(data):
            length, header = int.from_bytes(data[at + 8 : at + 16], "big"), 16
        elif length == 0:
            length = len(data) - at
        if length < header:
            break
        if kind != b"jp2c":
            found += data[at + header : at + length] + b"\n"
        at += length
    return bytes(found)


def _jpeg_segments(data: bytes) -> bytes:
    """The bytes of a JPEG's comment and application segments, up to its scan."""
    found, at = bytearray(), 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the picture itself follows
            break
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if marker in _JPEG_TEXT:
            found += data[at + 4 : at + 2 + length] + b"\n"
        at += 2 + length
    return bytes(found)
