"""What the adversary's PDF generators share: fonts, a canvas, small objects (grey images
whose samples are a marker, streams, XMP packets, JavaScript actions)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name, String
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts

LIBERATION_BOLD = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")


DATE = "D:20200101120000Z"


def register() -> tuple[str, str, str]:
    regular, bold = fonts.register()
    if "LeakOnly" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LeakOnly", str(LIBERATION_BOLD)))
    return regular, bold, "LeakOnly"


def new_canvas(buffer: io.BytesIO) -> tuple[Canvas, str, str, str]:
    regular, bold, only = register()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, initialFontName=regular)
    return canvas, regular, bold, only


def grey_image(pdf: pikepdf.Pdf, marker: str) -> pikepdf.Stream:
    """An image whose samples are the marker's bytes (a 1-pixel-high grey strip)."""
    data = marker.encode("ascii")
    return pikepdf.Stream(
        pdf,
        zlib.compress(data, 9),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=len(data),
        Height=1,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
        Filter=Name.FlateDecode,
    )


def stream(pdf: pikepdf.Pdf, text: str, **keys: object) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, text.encode("ascii"))
    for key, value in keys.items():
        stream[Name("/" + key)] = value
    return stream


def xmp(marker: str) -> str:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{marker}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{marker}</rdf:li></rdf:Seq></dc:creator>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def js(pdf: pikepdf.Pdf, marker: str) -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(f"app.alert('{marker}');"))


def form_named(resources: pikepdf.Object, fragment: str) -> pikepdf.Object:
    for key, value in resources.XObject.items():
        if fragment in key:
            return value
    raise KeyError(fragment)
