"""A JPEG image of a public edition without what its camera or editor wrote beside the
picture: only the segments that decode it are kept (an allow-list).

A DCT image in a PDF is a whole JPEG file, passed through by LibreOffice and by most
generators as it came: its EXIF (APP1: the camera's owner, a caption, GPS, a thumbnail of the
uncropped photo), XMP (APP1), IPTC (APP13), comments (COM), a JFIF thumbnail (APP0) and
other applications' data. The picture needs none of it: the PDF's image dictionary gives
its size and colour space. :func:`bare` keeps the frame and scan headers, the tables, the
restart intervals, the Adobe segment (APP14, which says how its colours are transformed)
and the scans; every other segment goes.
"""

from __future__ import annotations

import re

_DECODES = frozenset(
    {
        *range(0xC0, 0xD0),  # frames, Huffman tables (C4), arithmetic coding (CC)
        0xDB,  # quantisation tables
        0xDD,  # restart interval
        0xDE,  # hierarchical progression
        0xDF,  # expand reference
        0xEE,  # APP14: Adobe (colour transform)
    }
)
"""Segments before (and between) the scans that decoding needs."""
_MARKER = re.compile(rb"\xff(?![\x00\xd0-\xd7\xff])")
"""A marker in entropy-coded data: 0xFF not stuffed (00), not a restart, not fill."""


def bare(data: bytes) -> bytes | None:
    """``data`` (a JPEG file) with only the segments that decode it; None when it is not
    a JPEG that can be read to its end (the caller keeps or refuses it)."""
    if not data.startswith(b"\xff\xd8"):
        return None
    out, at = bytearray(b"\xff\xd8"), 2
    while at < len(data):
        if data[at] != 0xFF:
            return None
        while at + 1 < len(data) and data[at + 1] == 0xFF:  # fill bytes
            at += 1
        if at + 1 >= len(data):
            return None
        marker = data[at + 1]
        if marker == 0xD9:  # end of image
            return bytes(out + b"\xff\xd9")
        if at + 4 > len(data):
            return None
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if end > len(data):
            return None
        if marker == 0xDA:  # a scan: its header, then entropy-coded data to the next marker
            found = _MARKER.search(data, end)
            scan_end = found.start() if found else len(data)
            out += data[at:scan_end]
            at = scan_end
            continue
        if marker in _DECODES:
            out += data[at:end]
        at = end
    return None
