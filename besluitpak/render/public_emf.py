"""An EMF picture (Windows enhanced metafile, as Word keeps a pasted chart or logo) without
the text it carries but does not draw.

An EMF is a list of drawing records. Its header names the program and the picture (often the
original file's name), and comment records carry whatever a program put there (a group's
description, another format of the same picture, private data). The copy keeps every record,
with the header's description and the data of each comment blanked (same sizes, so every
offset stays right), except the comments that hold EMF+ drawing records, which draw.
"""

from __future__ import annotations

import struct

HEADER, COMMENT, EOF_RECORD = 1, 70, 14
SIGNATURE = b" EMF"
EMF_PLUS = 0x2B464D45
"""The identifier of a comment that holds EMF+ records ("EMF+")."""


def is_emf(data: bytes) -> bool:
    return len(data) >= 88 and data[:4] == b"\x01\x00\x00\x00" and data[40:44] == SIGNATURE


def clean_emf(data: bytes) -> bytes:
    """``data`` with its description and non-drawing comments blanked."""
    out = bytearray(data)
    at = 0
    while at + 8 <= len(out):
        kind, size = struct.unpack_from("<II", out, at)
        if size < 8 or size % 4 or at + size > len(out):
            raise ValueError("an EMF record runs past the end of the picture")
        if kind == HEADER:
            _blank_description(out, at, size)
        elif kind == COMMENT and size >= 16:
            (identifier,) = struct.unpack_from("<I", out, at + 12)
            if identifier != EMF_PLUS:
                out[at + 12 : at + size] = bytes(size - 12)
        at += size
        if kind == EOF_RECORD:
            break
    return bytes(out)


def _blank_description(out: bytearray, at: int, size: int) -> None:
    count, offset = struct.unpack_from("<II", out, at + 60)
    start, end = at + offset, at + offset + 2 * count
    if count and offset >= 88 and end <= at + size:
        out[start:end] = bytes(end - start)
