"""An image under a redaction box: its samples there set to 0, written anew without loss.

Used by :class:`besluitpak.pdf.public_redact.Redactor`; an image that cannot be decoded here
(a JPEG 2000 or JBIG2 stream qpdf does not decode) gives None: it is left out whole, and the
redactor says so. An inline image (``BI … ID … EI``) is first made an image XObject
(:func:`inline_xobject`), so its pixels are cut the same way.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf.redact_paint import invert as _invert
from besluitpak.pdf.redact_text import Matrix, Rect, bounds, number

_IMAGE_KEYS = (
    *("/Type", "/Subtype", "/Width", "/Height", "/ColorSpace", "/BitsPerComponent"),
    *("/Intent", "/ImageMask", "/Decode", "/Interpolate"),
)
_DEVICE = (Name.DeviceGray, Name.DeviceRGB, Name.DeviceCMYK)


def cut_image(
    pdf: pikepdf.Pdf, image: pikepdf.Stream, ctm: Matrix, rects: Sequence[Rect]
) -> pikepdf.Object | None:
    """``image`` (drawn with ``ctm``) with its samples under ``rects`` set to 0, written anew
    without loss; None when it cannot be decoded (then it is left out)."""
    width, height = int(number(image.get("/Width"))), int(number(image.get("/Height")))
    try:
        data = bytearray(image.read_bytes(pikepdf.StreamDecodeLevel.all))
    except pikepdf.PdfError:
        return None
    if width <= 0 or height <= 0 or len(data) < height:
        return None
    row = len(data) // height
    inverse = _invert(ctm)
    if inverse is None:
        return None
    for rect in rects:
        _zero(data, row, height, bounds(inverse, rect))
    new = pdf.make_stream(zlib.compress(bytes(data)))
    new.Filter = Name.FlateDecode
    for key in _IMAGE_KEYS:
        if key in image:
            new[key] = image[key]
    for key in ("/SMask", "/Mask"):
        mask = image.get(key)
        if isinstance(mask, pikepdf.Stream):
            cut = cut_image(pdf, mask, ctm, rects)
            if cut is None:
                return None
            new[key] = cut
        elif isinstance(mask, Array):
            new[key] = mask
    return new


def inline_xobject(
    pdf: pikepdf.Pdf, instruction: pikepdf.ContentStreamInlineImage, resources: Any
) -> pikepdf.Stream | None:
    """The inline image of ``instruction`` as an image XObject (its abbreviations expanded,
    its data as it was, a named colour space taken from ``resources``); None when it cannot
    be read."""
    try:
        image = instruction.iimage
        stream = pdf.make_stream(image.read_raw_bytes(), image.obj)
    except (pikepdf.PdfError, ValueError, TypeError):
        return None
    stream.Type, stream.Subtype = Name.XObject, Name.Image
    space = stream.get("/ColorSpace")
    if isinstance(space, Name) and space not in _DEVICE:
        spaces = resources.get("/ColorSpace") if isinstance(resources, Dictionary) else None
        named = spaces.get(str(space)) if isinstance(spaces, Dictionary) else None
        if named is None:
            return None
        stream.ColorSpace = named
    return stream


def _zero(data: bytearray, row: int, height: int, area: Rect) -> None:
    """The samples of ``data`` (``height`` rows of ``row`` bytes) inside ``area`` (in the
    image's unit square, y up) set to 0, whole bytes outward."""
    u0, v0, u1, v1 = max(area[0], 0.0), max(area[1], 0.0), min(area[2], 1.0), min(area[3], 1.0)
    if u0 >= u1 or v0 >= v1:
        return
    first, last = math.floor(u0 * row), math.ceil(u1 * row)
    top, bottom = math.floor((1 - v1) * height), math.ceil((1 - v0) * height)
    for y in range(max(top, 0), min(bottom, height)):
        data[y * row + first : y * row + last] = bytes(last - first)
