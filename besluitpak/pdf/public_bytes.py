"""What a public copy's content streams and pictures may carry besides what they draw.

A content stream can hide text where no reader shows it: an operator a reader does not know
(inside ``BX … EX``), a marked-content point's property list (``DP``), a private key of an
inline image, a marked sequence's property dictionary. A JPEG can carry a comment, EXIF
(author, camera, place), XMP and Photoshop data, a JPEG 2000 XML and UUID boxes and comments.
The copy keeps, of each, only what is listed here: the operators of ISO 32000 that draw or
set state (:data:`OPERATORS`), the keys of :data:`INLINE_IMAGE_KEYS` and :data:`MARK_KEYS`,
and of a JPEG or JPEG 2000 the segments and boxes a decoder needs.
"""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary

OPERATORS = frozenset(
    {
        *("w", "J", "j", "M", "d", "ri", "i", "gs", "q", "Q", "cm"),
        *("m", "l", "c", "v", "y", "h", "re", "S", "s", "f", "F", "f*"),
        *("B", "B*", "b", "b*", "n", "W", "W*", "BT", "ET"),
        *("Tc", "Tw", "Tz", "TL", "Tf", "Tr", "Ts", "Td", "TD", "Tm", "T*"),
        *("Tj", "TJ", "'", '"', "d0", "d1"),
        *("CS", "cs", "SC", "SCN", "sc", "scn", "G", "g", "RG", "rg", "K", "k"),
        *("sh", "Do", "BMC", "BDC", "EMC"),
    }
)
"""The operators a copied content stream keeps (not MP and DP, which mark nothing visible
and may carry a property list; not BX/EX and what is between them unknown)."""
INLINE_IMAGE_KEYS = {
    **{"/W": "/W", "/Width": "/W", "/H": "/H", "/Height": "/H"},
    **{"/BPC": "/BPC", "/BitsPerComponent": "/BPC", "/CS": "/CS", "/ColorSpace": "/CS"},
    **{"/D": "/D", "/Decode": "/D", "/DP": "/DP", "/DecodeParms": "/DP"},
    **{"/F": "/F", "/Filter": "/F", "/IM": "/IM", "/ImageMask": "/IM"},
    **{"/I": "/I", "/Interpolate": "/I", "/Intent": "/Intent"},
}
"""The keys an inline image keeps (either spelling, written abbreviated)."""
MARK_KEYS = ("/MCID", "/ActualText", "/Alt", "/E", "/Lang", "/Type", "/Subtype", "/BBox")
"""What a marked sequence's property list keeps: its id, the words that replace its content
(content of a kept page), and what makes it an artifact."""
_JPEG_KEEP = {0xC0 + n for n in range(16) if n != 8} | {0xDB, 0xDD, 0xDA}
"""JPEG segments a decoder needs: frames, Huffman and arithmetic tables, quantisation,
restart interval, scans (and Adobe's APP14, which says how colours are stored)."""


def inline_image(instruction: pikepdf.ContentStreamInlineImage) -> bytes | None:
    """An inline image with only :data:`INLINE_IMAGE_KEYS`, as content-stream bytes (its
    JPEG data cleaned); None if it cannot be read."""
    image = instruction.iimage
    try:
        entries = image.obj
        data = image.read_raw_bytes()
    except (pikepdf.PdfError, ValueError):
        return None
    kept = Dictionary()
    for key, value in entries.items():
        short = INLINE_IMAGE_KEYS.get(key)
        if short is not None and not isinstance(value, pikepdf.String):
            kept[short] = value
    if _is_jpeg(kept.get("/F")):
        cleaned = clean_jpeg(data)
        if cleaned is None:
            return None
        data = cleaned
    body = kept.unparse().strip()[2:-2].strip()  # the entries, without << >>
    return b"BI\n" + body + b"\nID " + data + b"\nEI\n"


def _is_jpeg(filters: Any) -> bool:
    listed = list(filters) if isinstance(filters, Array) else [filters]
    return any(str(f) in ("/DCTDecode", "/DCT") for f in listed)


def mark_properties(properties: Any) -> Any:
    """A marked sequence's inline property list with only :data:`MARK_KEYS` (a name, which
    refers to the resources, as it is)."""
    if not isinstance(properties, Dictionary):
        return properties
    kept = Dictionary()
    for key in MARK_KEYS:
        value = properties.get(key)
        if isinstance(value, Array):
            value = Array([v for v in value if isinstance(v, int | float) or _number(v)])
        elif isinstance(value, Dictionary | pikepdf.Stream):
            continue
        if value is not None:
            kept[key] = value
    return kept


def _number(value: Any) -> bool:
    from decimal import Decimal

    return isinstance(value, Decimal)


def clean_jpeg(data: bytes) -> bytes | None:
    """A JPEG with only the segments a decoder needs (see ``_JPEG_KEEP``): no comment, no
    EXIF, XMP, ICC or Photoshop data; None if it is not a JPEG this reads."""
    if data[:2] != b"\xff\xd8":
        return None
    out = bytearray(b"\xff\xd8")
    index = 2
    while index + 1 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker == 0xD9:
            out += b"\xff\xd9"
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += data[index : index + 2]
            index += 2
            continue
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        segment = data[index : index + 2 + length]
        if len(segment) < 4 or length < 2:
            return None
        adobe = marker == 0xEE and segment[4:9] == b"Adobe"
        if marker in _JPEG_KEEP or adobe:
            out += segment
        index += 2 + length
        if marker == 0xDA:
            end = _scan_end(data, index)
            out += data[index:end]
            index = end
    out += b"\xff\xd9"
    return bytes(out)


_JP2_KEEP = {b"jP  ", b"ftyp", b"rreq", b"jp2h", b"jp2c"}
"""JPEG 2000 boxes a decoder needs: signature, file type, reader requirements, header (image
size, colour, palette) and the codestream; not XML, UUID (XMP), IPR or other boxes."""


def clean_jpx(data: bytes) -> bytes | None:
    """A JPEG 2000 image with only the boxes a decoder needs and no comment in its
    codestream's main header; None if it is not one this reads."""
    if data[:4] == b"\xff\x4f\xff\x51":  # a bare codestream
        return _clean_codestream(data)
    out = bytearray()
    index = 0
    while index + 8 <= len(data):
        length = int.from_bytes(data[index : index + 4], "big")
        kind = data[index + 4 : index + 8]
        header = 8
        if length == 1:  # a 64-bit length follows
            length, header = int.from_bytes(data[index + 8 : index + 16], "big"), 16
        elif length == 0:  # to the end of the file
            length = len(data) - index
        if length < header or index + length > len(data):
            return None
        box = data[index : index + length]
        if kind == b"jp2c":
            codestream = _clean_codestream(box[header:])
            if codestream is None:
                return None
            box = (8 + len(codestream)).to_bytes(4, "big") + b"jp2c" + codestream
        if kind in _JP2_KEEP:
            out += box
        index += length
    return bytes(out) if out[4:8] == b"jP  " else None


def _clean_codestream(data: bytes) -> bytes | None:
    """A JPEG 2000 codestream without the comments (COM) of its main header."""
    if data[:2] != b"\xff\x4f":
        return None
    out = bytearray(data[:2])
    index = 2
    while index + 4 <= len(data):
        marker = data[index : index + 2]
        if marker == b"\xff\x90":  # the first tile: the main header ends
            return bytes(out + data[index:])
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if length < 2:
            return None
        if marker != b"\xff\x64":
            out += data[index : index + 2 + length]
        index += 2 + length
    return None


def _scan_end(data: bytes, index: int) -> int:
    """Where the entropy-coded data of a scan starting at ``index`` ends (the next marker
    that is no stuffed byte and no restart)."""
    while index + 1 < len(data):
        if data[index] == 0xFF and data[index + 1] != 0x00 and not 0xD0 <= data[index + 1] <= 0xD7:
            return index
        index += 1
    return len(data)


def serialize(instructions: list[Any]) -> bytes:
    """Kept instructions (and inline images already written as bytes) as a content stream."""
    parts: list[bytes] = []
    run: list[Any] = []
    for item in instructions:
        if isinstance(item, bytes):
            if run:
                parts.append(pikepdf.unparse_content_stream(run))
                run = []
            parts.append(item)
        else:
            run.append(item)
    if run:
        parts.append(pikepdf.unparse_content_stream(run))
    return b"\n".join(parts)
