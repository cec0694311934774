"""One-page PDFs (pikepdf, raw content streams) that draw a secret under a redaction box in
ways other than plain text: a soft-mask group, a tiling pattern, a shading, a Type 3 glyph
whose procedure draws above its em box, outlined text and a signature as vector paths, a
JPEG 2000 image, an inline image; a page whose words are also drawn as an image or outlines.
``OPEN`` is the page's public line; ``BOX`` the box over the secret."""

from __future__ import annotations

import binascii
import io
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name
from PIL import Image

OPEN = "Dit is de openbare tekst van de brief."
BOX = (90.0, 590.0, 300.0, 650.0)
"""Over what each PDF hides (PDF points, from the bottom-left)."""
_LINE = f"BT /F1 12 Tf 72 780 Td ({OPEN}) Tj ET\n".encode()


def helvetica() -> Dictionary:
    return Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding
    )


def one_page(path: Path, content: bytes) -> Path:
    """A one-page A4 PDF drawing the public line, then ``content``."""
    return _save_with(pikepdf.new(), path, content, Dictionary())


def soft_mask(path: Path, secret: str) -> Path:
    """A luminosity soft mask whose group draws ``secret`` under the box."""
    pdf = pikepdf.new()
    group = pdf.make_stream(
        f"1 g 0 0 595 842 re f 0 g BT /F1 30 Tf 100 600 Td ({secret}) Tj ET".encode(),
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 595, 842]),
        Group=Dictionary(S=Name.Transparency, CS=Name.DeviceGray),
        Resources=Dictionary(Font=Dictionary(F1=helvetica())),
    )
    mask = Dictionary(Type=Name.Mask, S=Name.Luminosity, G=group)
    resources = Dictionary(ExtGState=Dictionary(GS1=Dictionary(Type=Name.ExtGState, SMask=mask)))
    return _save_with(pdf, path, b"q /GS1 gs 0 0 1 rg 90 590 200 50 re f Q\n", resources)


def tiling(
    path: Path, secret: str, *, at: tuple[float, float] = (100, 600), text: bool = False
) -> Path:
    """A tiling pattern whose cell shows ``secret``, filling a rectangle at ``at`` (or the
    glyphs of a word there, ``text``)."""
    pdf = pikepdf.new()
    x, y = at
    cell = pdf.make_stream(
        f"BT /F1 20 Tf 5 12 Td ({secret}) Tj ET".encode(),
        Type=Name.Pattern,
        PatternType=1,
        PaintType=1,
        TilingType=1,
        BBox=Array([0, 0, 200, 40]),
        XStep=200,
        YStep=40,
        Matrix=Array([1, 0, 0, 1, x, y]),
        Resources=Dictionary(Font=Dictionary(F1=helvetica())),
    )
    resources = Dictionary(Pattern=Dictionary(P1=cell))
    shape = f"BT /F1 30 Tf {x} {y + 5} Td (Woord) Tj ET" if text else f"{x} {y} 200 40 re f"
    content = f"/Pattern cs /P1 scn {shape}\n".encode()
    return _save_with(pdf, path, content, resources)


def shading(path: Path) -> Path:
    """An axial shading painted over a clip under the box."""
    pdf = pikepdf.new()
    function = Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0]), C1=Array([1]), N=1)
    axial = Dictionary(
        ShadingType=2, ColorSpace=Name.DeviceGray, Coords=Array([100, 0, 300, 0]), Function=function
    )
    resources = Dictionary(Shading=Dictionary(Sh1=axial))
    return _save_with(pdf, path, b"q 100 600 200 40 re W n /Sh1 sh Q\n", resources)


def type3(path: Path, secret: str, procedure: str | None = None) -> Path:
    """A Type 3 glyph 'A' (``d0``, FontBBox [0 0 0 0]) whose procedure shows ``secret``
    1.5 em above the glyph's origin; the glyph is drawn at (100, 600), 20 pt."""
    pdf = pikepdf.new()
    body = procedure or f"1000 0 d0 BT /F1 400 Tf 0 1500 Td ({secret}) Tj ET"
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type3,
        FontBBox=Array([0, 0, 0, 0]),
        FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
        CharProcs=Dictionary(A=pdf.make_stream(body.encode())),
        Encoding=Dictionary(Type=Name.Encoding, Differences=Array([65, Name.A])),
        FirstChar=65,
        LastChar=65,
        Widths=Array([1000]),
        Resources=Dictionary(Font=Dictionary(F1=helvetica())),
    )
    resources = Dictionary(Font=Dictionary(T3=pdf.make_indirect(font)))
    return _save_with(pdf, path, b"BT /T3 20 Tf 100 600 Td (A) Tj ET\n", resources)


OUTLINE_INSIDE = [(110.0, 600.0), (140.0, 630.0), (150.0, 600.0)]
OUTLINE_OUTSIDE = [(400.0, 600.0), (430.0, 630.0), (450.0, 600.0)]
BAND = (50.0, 610.0, 500.0, 20.0)
"""x, y, w, h of a filled band crossing the box (cut, its ends kept)."""


def paths(path: Path) -> Path:
    """Outlined 'letters' (filled subpaths) inside the box and one outside it, a signature
    (a stroked curve) reaching into the box, and a grey band crossing it."""
    inside = " ".join(
        f"{x} {y} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(OUTLINE_INSIDE)
    )
    outside = " ".join(
        f"{x} {y} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(OUTLINE_OUTSIDE)
    )
    content = (
        f"0 g {inside} h {outside} h f\n"
        "2 w 0 G 60 560 m 120 660 200 520 260 610 c S\n"
        f"0.5 g {' '.join(str(v) for v in BAND)} re f\n"
    ).encode()
    return one_page(path, content)


def jpx(path: Path) -> Path:
    """A JPEG 2000 image (which qpdf cannot decode) at (100, 600), 400 × 80 pt."""
    pdf = pikepdf.new()
    data = io.BytesIO()
    Image.new("L", (40, 8), 128).save(data, "JPEG2000")
    image = pdf.make_stream(
        data.getvalue(),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=40,
        Height=8,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
        Filter=Name.JPXDecode,
    )
    resources = Dictionary(XObject=Dictionary(Im1=image))
    return _save_with(pdf, path, b"q 400 0 0 80 100 600 cm /Im1 Do Q\n", resources)


def _save_with(pdf: pikepdf.Pdf, path: Path, content: bytes, resources: Dictionary) -> Path:
    fonts = Dictionary(F1=pdf.make_indirect(helvetica()))
    for key, value in dict(resources.get("/Font", Dictionary()).items()).items():
        fonts[key] = value
    resources.Font = fonts
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 595, 842]),
        Resources=resources,
        Contents=pdf.make_stream(_LINE + content),
    )
    pdf.pages.append(pikepdf.Page(pdf.make_indirect(page)))
    pdf.save(path)
    return path


def clipped(path: Path) -> Path:
    """A clip of the whole page (kept, cut around the box); outlined 'letters' inside the
    box used as a clip for a blue fill; a band turned 90° by ``cm`` crossing the box."""
    inside = " ".join(
        f"{x} {y} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(OUTLINE_INSIDE)
    )
    content = (
        "q 0 0 595 842 re W n\n"
        f"q {inside} h W n 0 0 1 rg 0 0 595 842 re f Q\n"
        "q 0 1 -1 0 595 0 cm 0.5 g 600 300 20 300 re f Q\n"
        "Q\n"
    ).encode()
    return one_page(path, content)


INLINE_AT = (100.0, 560.0, 500.0, 640.0)
"""Where :func:`inline_image` draws (half of it, top part, under :data:`BOX`)."""


def inline_image(path: Path, filters: str) -> Path:
    """A 200 × 40 grey (200) inline image (``BI … ID … EI``) at :data:`INLINE_AT`, its data
    encoded with ``filters`` ("", "/Fl", "/AHx" or "[/AHx /Fl]")."""
    samples = bytes([200]) * (200 * 40)
    data = {
        "": samples,
        "/Fl": zlib.compress(samples),
        "/AHx": binascii.hexlify(samples) + b">",
        "[/AHx /Fl]": binascii.hexlify(zlib.compress(samples)) + b">",
    }[filters]
    head = f"/F {filters} " if filters else ""
    content = (
        f"q 400 0 0 80 100 560 cm BI /W 200 /H 40 /CS /G /BPC 8 {head}ID ".encode()
        + data
        + b"\nEI Q\n"
    )
    return one_page(path, content)


def _circle(cx: float, cy: float, r: float) -> str:
    """A circle of 4 Bézier curves (as a letter 'o' is drawn in an outline font)."""
    k = r * 0.5523
    return (
        f"{cx + r} {cy} m {cx + r} {cy + k} {cx + k} {cy + r} {cx} {cy + r} c "
        f"{cx - k} {cy + r} {cx - r} {cy + k} {cx - r} {cy} c "
        f"{cx - r} {cy - k} {cx - k} {cy - r} {cx} {cy - r} c "
        f"{cx + k} {cy - r} {cx + r} {cy - k} {cx + r} {cy} c h"
    )


def unread(path: Path, word: str, *, image: str = "", letters: int = 0) -> Path:
    """``word`` as text at (100, 610); a table of rules and cells and one round dot (which are
    no letters); ``image``: "xobject", "inline" or "form" (an image inside a form) drawn at
    (100, 400); ``letters``: that many filled 'o' outlines (4 curves each) at (100, 300)."""
    pdf = pikepdf.new()
    gray = pdf.make_stream(
        zlib.compress(bytes([90]) * 64),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=8,
        Height=8,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
        Filter=Name.FlateDecode,
    )
    form = pdf.make_stream(
        b"q 200 0 0 40 0 0 cm /Im1 Do Q",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 200, 40]),
        Resources=Dictionary(XObject=Dictionary(Im1=gray)),
    )
    drawn = {
        "": b"",
        "xobject": b"q 200 0 0 40 100 400 cm /Im1 Do Q\n",
        "inline": b"q 200 0 0 40 100 400 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x5a\nEI Q\n",
        "form": b"q 1 0 0 1 100 400 cm /Fm1 Do Q\n",
    }[image]
    outlines = " ".join(_circle(110 + 25 * i, 300, 10) for i in range(letters))
    content = (
        f"BT /F1 14 Tf 100 610 Td (Brief aan {word} over de weg.) Tj ET\n"
        "0.5 w 72 200 m 520 200 l S 72 150 200 40 re f 300 150 200 40 re S\n"
        f"{_circle(60, 100, 3)} f\n" + (f"0 g {outlines} f\n" if letters else "")
    ).encode() + drawn
    resources = Dictionary(XObject=Dictionary(Im1=gray, Fm1=form))
    return _save_with(pdf, path, content, resources)
