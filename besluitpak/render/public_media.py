"""The pictures of a public Word or ODF copy, rebuilt from what draws them.

A photo carries more than its pixels: a JPEG's comment (COM) and EXIF (camera, serial number,
GPS position, the author), XMP and IPTC; a PNG's text chunks (``tEXt``, ``zTXt``, ``iTXt``), its
EXIF (``eXIf``) and time stamp. A picture is copied segment by segment (JPEG) or chunk by chunk
(PNG), keeping only what an allow-list names as needed to draw it; the pixels stay byte for
byte the same. A JFIF header keeps its density but not its thumbnail (a thumbnail may show what
a crop took away). A GIF, BMP or TIFF is redrawn as a PNG by Pillow, which writes no text;
an EMF keeps its records without its description and comments (:mod:`public_emf`). Another
kind of picture (WMF, SVG, SVM) passes as it is: :func:`clean` says so by returning None.
"""

from __future__ import annotations

import io
import struct

from besluitpak.render import public_emf

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT = frozenset(
    {
        b"IHDR",
        b"PLTE",
        b"IDAT",
        b"IEND",
        b"tRNS",
        b"gAMA",
        b"cHRM",
        b"sRGB",
        b"iCCP",
        b"sBIT",
        b"pHYs",
    }
)
"""The chunks that draw the picture (its colours, transparency, pixel size); no text."""
JPEG_FRAME = frozenset(range(0xC0, 0xD0)) | {0xDB, 0xDD, 0xDA, 0xDC}
"""Frame headers, Huffman and arithmetic tables, quantisation tables, restart interval, scan
headers and line count: what a decoder needs."""
JPEG_KEPT_APP = ((0xE2, b"ICC_PROFILE\x00"), (0xEE, b"Adobe"))
"""Application segments that change how pixels are decoded: the colour profile, and Adobe's
colour transform flag (a CMYK JPEG is drawn wrong without it)."""
JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
"""Markers without a length (TEM, RSTn)."""
REDRAWN = ("GIF", "BMP", "TIFF")


class NotAPicture(ValueError):
    """The bytes are not the picture their name or signature says."""


def clean(data: bytes, name: str = "") -> tuple[bytes, str] | None:
    """The picture ``data`` without metadata, and its media type; None when it is of a kind
    not rebuilt here (vector pictures). A picture that cannot be read is refused, naming
    ``name`` (its place in the package)."""
    try:
        return _clean(data)
    except (NotAPicture, OSError, ValueError, struct.error) as e:
        raise NotAPicture(
            f"{name or 'a picture'}: expected a picture that can be read, got {e}"
        ) from None


def _clean(data: bytes) -> tuple[bytes, str] | None:
    if data.startswith(PNG_SIGNATURE):
        return clean_png(data), "image/png"
    if data.startswith(b"\xff\xd8"):
        return clean_jpeg(data), "image/jpeg"
    if data[:4] in (b"GIF8", b"II*\x00", b"MM\x00*") or data[:2] == b"BM":
        return _redrawn(data), "image/png"
    if public_emf.is_emf(data):
        return public_emf.clean_emf(data), "image/x-emf"
    return None


def clean_png(data: bytes) -> bytes:
    """A PNG with only the chunks of :data:`PNG_KEPT`."""
    out = [PNG_SIGNATURE]
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):
            raise NotAPicture("a PNG chunk runs past the end of the file")
        if kind in PNG_KEPT:
            out.append(data[at:end])
        at = end
        if kind == b"IEND":
            break
    return b"".join(out)


def clean_jpeg(data: bytes) -> bytes:
    """A JPEG with only its decoding segments, a thumbnail-less JFIF header, the colour
    profile and the Adobe flag; the entropy-coded data is copied as it is."""
    out = [b"\xff\xd8"]
    at = 2
    while at < len(data):
        if data[at] != 0xFF:
            raise NotAPicture("a JPEG segment does not start with a marker")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            out.append(b"\xff\xd9")
            break
        if marker in JPEG_STANDALONE:
            out.append(data[at : at + 2])
            at += 2
            continue
        if at + 4 > len(data):
            raise NotAPicture("a JPEG segment runs past the end of the file")
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if at + 2 + length > len(data):
            raise NotAPicture("a JPEG segment runs past the end of the file")
        segment = data[at : at + 2 + length]
        at += 2 + length
        kept = _kept_segment(marker, segment)
        if kept:
            out.append(kept)
        if marker == 0xDA:  # the scan's data, up to the next marker that is no RSTn
            end = _scan_end(data, at)
            out.append(data[at:end])
            at = end
    return b"".join(out)


def _kept_segment(marker: int, segment: bytes) -> bytes:
    if marker in JPEG_FRAME:
        return segment
    body = segment[4:]
    if marker == 0xE0 and body.startswith(b"JFIF\x00") and len(body) >= 14:
        header = body[:12] + b"\x00\x00"  # no thumbnail
        return b"\xff\xe0" + struct.pack(">H", len(header) + 2) + header
    if any(marker == m and body.startswith(sign) for m, sign in JPEG_KEPT_APP):
        return segment
    return b""


def _scan_end(data: bytes, at: int) -> int:
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            at += 1
            continue
        return at


def _redrawn(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.format not in REDRAWN:
            raise NotAPicture(f"expected one of {', '.join(REDRAWN)}, got {image.format}")
        image.seek(0)
        frame = (
            image.convert("RGBA") if image.mode not in ("1", "L", "LA", "RGB", "RGBA") else image
        )
        buffer = io.BytesIO()
        frame.save(buffer, format="PNG")
    return buffer.getvalue()


def crop(data: bytes, sides: tuple[float, float, float, float], name: str = "") -> bytes | None:
    """The picture ``data`` cut down to what a crop shows: ``sides`` are the parts cut off on
    the left, top, right and bottom, as fractions of its width and height (LibreOffice draws
    a cropped picture by clipping the whole one, so what the crop hides would ship). The
    result has the kind ``data`` had, without metadata; None when ``data`` is no raster
    picture (a vector one keeps what it has)."""
    cleaned = clean(data, name)
    if cleaned is None or cleaned[1] not in ("image/png", "image/jpeg"):
        return None  # a vector picture (or one already redrawn) keeps its crop
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        left, top, right, bottom = (min(max(side, 0.0), 1.0) for side in sides)
        box = (
            round(width * left),
            round(height * top),
            max(round(width * (1 - right)), round(width * left) + 1),
            max(round(height * (1 - bottom)), round(height * top) + 1),
        )
        cut = image.crop(box)
        buffer = io.BytesIO()
        profile = image.info.get("icc_profile")
        if image.format == "JPEG":
            cut.save(buffer, format="JPEG", quality=95, icc_profile=profile)
        else:
            if cut.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                cut = cut.convert("RGBA")
            cut.save(buffer, format="PNG", icc_profile=profile)
    return buffer.getvalue()
