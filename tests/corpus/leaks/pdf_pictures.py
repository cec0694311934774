"""kanalen.pdf, pictures that carry more than their pixels: a kept photo with an XMP (APP1)
and an IPTC (APP13) segment, and a kept JPEG 2000 picture with a codestream comment and an
XML box."""

from __future__ import annotations

import io
import struct

import pikepdf
from pikepdf import Dictionary, Name
from PIL import Image

from tests.corpus.leaks.pdf_base import stream, xmp


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _photo_with_segments() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (40, 160, 90)).save(buffer, format="JPEG", quality=80)
    jpeg = buffer.getvalue()
    xmp_app1 = _segment(
        0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp("LEAKPDFJPEGXMP").encode("utf-8")
    )
    iptc = b"\x1c\x02\x50" + struct.pack(">H", 15) + b"LEAKPDFJPEGIPTC"  # 2:80 By-line
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    app13 = _segment(0xED, b"Photoshop 3.0\x00" + resource)
    return jpeg[:2] + xmp_app1 + app13 + jpeg[2:]


def _jpx_with_boxes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 200, 30)).save(
        buffer, format="JPEG2000", irreversible=False, comment=b"LEAKPDFJPXCOMMENT"
    )
    xml = b"<gegevens>LEAKPDFJPXXMLBOX</gegevens>"
    return buffer.getvalue() + struct.pack(">I", len(xml) + 8) + b"xml " + xml


def pictures(pdf: pikepdf.Pdf, resources: Dictionary) -> None:
    """Both drawn on kept page 3."""
    image = {"Type": Name.XObject, "Subtype": Name.Image, "Width": 16, "Height": 16}
    resources.XObject.KeptPhotoSegments = pikepdf.Stream(
        pdf,
        _photo_with_segments(),
        ColorSpace=Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
        **image,
    )
    resources.XObject.KeptJpx = pikepdf.Stream(
        pdf, _jpx_with_boxes(), Filter=Name.JPXDecode, **image
    )
    pdf.pages[2].contents_add(
        stream(
            pdf,
            "q 40 0 0 40 420 300 cm /KeptPhotoSegments Do Q\n"
            "q 40 0 0 40 470 300 cm /KeptJpx Do Q\n",
        )
    )
