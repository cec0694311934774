"""The standard fonts a ready-made PDF names without embedding them, embedded.

Countless generators write Helvetica, Times-Roman and Courier (and Arial, Times New Roman,
Courier New) without the font program: every viewer brings its own. PDF/A wants the program
in the file. Each such font becomes the metric-compatible Liberation font (Sans, Serif, Mono:
``fonts-liberation2``), as other PDF/A converters do: a TrueType subset of the glyphs its
encoding reaches, the codes keeping their glyphs (WinAnsiEncoding with the Differences that
say where the old encoding differs; PDF/A-2 allows no other for a non-symbolic TrueType
font), the widths read from the embedded program (PDF/A-2 6.2.11.5) and a ToUnicode map.

What has no free font with its metrics (Symbol, ZapfDingbats, any other family) stays as
it is; :func:`unembedded` names it, with its pages, for the claim the bundle then cannot make.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from fontTools.ttLib import TTFont, TTLibError
from pikepdf import Array, Dictionary, Name

from besluitpak.casefile import fontcheck
from besluitpak.pdf import resource_walk
from besluitpak.pdf.font_encodings import agl_name, unicode_of, win_ansi
from besluitpak.pdf.font_encodings import encoding as encoding_of

_FAMILIES = {
    "helvetica": "LiberationSans",
    "arial": "LiberationSans",
    "times": "LiberationSerif",
    "timesroman": "LiberationSerif",
    "timesnewroman": "LiberationSerif",
    "courier": "LiberationMono",
    "couriernew": "LiberationMono",
}
"""A font family's name (lower case, without spaces and ``MT``/``PS``) -> the Liberation
family with its metrics."""
_SHAPES = {
    "": "Regular",
    "regular": "Regular",
    "bold": "Bold",
    "italic": "Italic",
    "bolditalic": "BoldItalic",
}
"""A style (lower case, Oblique as Italic, without Roman) -> the Liberation file's."""
_SIMPLE = (Name.Type1, Name.MMType1, Name.TrueType)
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True, kw_only=True)
class Embedded:
    """What :func:`embed` did to a PDF's fonts."""

    embedded: tuple[str, ...]
    """The fonts now embedded from Liberation (their names as the PDF gave them)."""
    left: tuple[str, ...]
    """The fonts still not embedded, each with why: ``Symbol (no free font has its
    metrics)``."""


def embed(pdf: pikepdf.Pdf) -> Embedded:
    """Embed every non-embedded simple font of ``pdf`` that Liberation can stand in for."""
    done: dict[str, None] = {}
    left: dict[str, None] = {}
    shared = _Shared(pdf=pdf)
    for font, _page in _fonts(pdf):
        if _is_embedded(font):
            continue
        name = _name(font)
        why = _replace(shared, font)
        if why is None:
            done[name] = None
        else:
            left[f"{name} ({why})"] = None
    return Embedded(embedded=tuple(done), left=tuple(left))


def unembedded(pdf: pikepdf.Pdf) -> dict[str, list[int]]:
    """The fonts used on the pages (in forms and annotations too) without their program:
    name -> the pages (1-based) whose resources hold it."""
    found: dict[str, list[int]] = {}
    for font, page in _fonts(pdf):
        if not _is_embedded(font):
            pages = found.setdefault(_name(font), [])
            if page not in pages:
                pages.append(page)
    return found


# --- finding the fonts -------------------------------------------------------------------------


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[Dictionary, int]]:
    """Every font of the pages, of every resource dictionary they reach (forms, patterns,
    soft masks, Type 3 fonts, annotations' appearances: :mod:`resource_walk`), with the page
    (1-based) it is met on: a font shared by pages comes once for each."""
    for number, page in enumerate(pdf.pages, start=1):
        walked: set[tuple[int, int]] = set()
        met: set[tuple[int, int]] = set()
        for _where, resources in resource_walk.page_resources(page.obj, seen=walked):
            for _key, font in resource_walk.fonts(resources):
                if font.is_indirect:
                    if font.objgen in met:
                        continue
                    met.add(font.objgen)
                yield font, number


def _is_embedded(font: Dictionary) -> bool:
    if font.get("/Subtype") == Name.Type3:
        return True  # its glyphs are content streams in the PDF
    owner = font
    descendants = font.get("/DescendantFonts")
    if (
        isinstance(descendants, Array)
        and len(descendants)
        and isinstance(descendants[0], Dictionary)
    ):
        owner = descendants[0]
    descriptor = owner.get("/FontDescriptor")
    return isinstance(descriptor, Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _name(font: Dictionary) -> str:
    base = font.get("/BaseFont")
    return str(base)[1:] if isinstance(base, Name) else "?"


# --- which Liberation font ---------------------------------------------------------------------


def stand_in(name: str) -> Path | None:
    """The Liberation font file with the metrics of the font ``name`` (``Helvetica-Bold``,
    ``Arial,Italic``, ``TimesNewRomanPS-BoldMT``), or None when there is none (Symbol,
    ZapfDingbats, another family) or it is not installed."""
    family, _, style = _SUBSET_TAG.sub("", name).replace(" ", "").replace(",", "-").partition("-")
    family = re.sub(r"(PS)?MT$|PS$", "", family).lower()
    style = re.sub(r"(PS)?MT$", "", style).lower()
    liberation = _FAMILIES.get(family)
    shape = _SHAPES.get(style.replace("oblique", "italic").replace("roman", ""))
    if liberation is None or shape is None:  # Narrow, Light, Black…: other metrics
        return None
    return fontcheck.font_file(liberation, shape)


# --- the embedded font ---------------------------------------------------------------------------


@dataclass(kw_only=True)
class _Shared:
    """What the fonts of one PDF share (a generator may write a font dictionary a page):
    a font program per file and characters, a ToUnicode map per code table."""

    pdf: pikepdf.Pdf
    descriptors: dict[tuple[Path, frozenset[int]], pikepdf.Object] = field(default_factory=dict)
    cmaps: dict[tuple[tuple[int, int], ...], pikepdf.Object] = field(default_factory=dict)


def _replace(shared: _Shared, font: Dictionary) -> str | None:
    """Make ``font`` the Liberation font with its metrics; why not, or None when done."""
    if font.get("/Subtype") not in _SIMPLE:
        return f"a font of type {font.get('/Subtype')}: none stands in for it"
    path = stand_in(_name(font))
    if path is None:
        return "no free font has its metrics"
    encoded = encoding_of(font)
    if encoded is None:
        return f"its encoding {font.get('/Encoding')} is not a standard one"
    try:
        codes = _codes(*encoded, program=_program(path))
        if isinstance(codes, str):
            return codes
        key = (path, frozenset(codes.values()))
        if key not in shared.descriptors:
            shared.descriptors[key] = _descriptor(shared.pdf, path, key[1])
    except (OSError, TTLibError, KeyError, ValueError, AssertionError) as e:
        return f"{path.name} could not be embedded: {e}"
    table = tuple(sorted(codes.items()))
    if table not in shared.cmaps:
        shared.cmaps[table] = shared.pdf.make_stream(_to_unicode(codes))
    _rewrite(font, shared.descriptors[key], path, codes)
    font.ToUnicode = shared.cmaps[table]
    return None


def _codes(names: tuple[str, ...], own: set[int], *, program: TTFont) -> dict[int, int] | str:
    """Code -> character of the embedded font: every code the font's encoding reaches a
    glyph of ``program`` with, and the other codes WinAnsiEncoding (the new font's base
    encoding) reaches one with, so that its widths and glyphs are the program's (PDF/A-2
    6.2.11.5); why not, when a name of the font's /Differences has no glyph there."""
    cmap = program.getBestCmap()
    codes: dict[int, int] = {}
    for code, glyph in enumerate(names):
        point = unicode_of(glyph)
        if point is not None and point in cmap and agl_name(point):
            codes[code] = point
        elif code in own and glyph != ".notdef":
            return f"no glyph for /{glyph} in {program['name'].getDebugName(6)}"
    if not codes:
        return "its encoding reaches no glyph"
    for code, glyph in enumerate(win_ansi()):
        point = unicode_of(glyph)
        if code not in codes and point is not None and point in cmap:
            codes[code] = point
    return codes


def _rewrite(
    font: Dictionary, descriptor: pikepdf.Object, path: Path, codes: dict[int, int]
) -> None:
    """The font dictionary of the embedded TrueType font: the same codes for the same
    characters, the widths of the program ``path``."""
    program = _program(path)
    scale = 1000 / program["head"].unitsPerEm
    cmap, metrics = program.getBestCmap(), program["hmtx"].metrics
    first, last = min(codes), max(codes)
    widths = [
        round(metrics[cmap[codes[c]]][0] * scale) if c in codes else 0
        for c in range(first, last + 1)
    ]
    win = win_ansi()
    differences: list[Any] = []
    for code in sorted(codes):
        if unicode_of(win[code]) != codes[code]:
            differences += [code, Name("/" + str(agl_name(codes[code])))]
    keep = font.get("/Name")
    for key in list(font.keys()):
        del font[key]
    font.Type = Name.Font
    font.Subtype = Name.TrueType
    font.BaseFont = descriptor.FontName
    if keep is not None:
        font.Name = keep
    font.FirstChar, font.LastChar = first, last
    font.Widths = Array(widths)
    font.FontDescriptor = descriptor
    font.Encoding = (
        Dictionary(Type=Name.Encoding, BaseEncoding=Name.WinAnsiEncoding, Differences=differences)
        if differences
        else Name.WinAnsiEncoding
    )


@functools.cache
def _program(path: Path) -> TTFont:
    return TTFont(str(path), recalcTimestamp=False)


@functools.cache
def _subset(path: Path, points: frozenset[int]) -> bytes:
    """The TrueType program of ``path`` with only the glyphs of ``points``, unhinted."""
    from fontTools.subset import Options, Subsetter  # ~0.1 s; only a PDF that needs it pays

    font = TTFont(str(path), recalcTimestamp=False)
    options = Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG", "kern", "FFTM"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _descriptor(pdf: pikepdf.Pdf, path: Path, points: frozenset[int]) -> pikepdf.Object:
    """The FontDescriptor, with the subset program, of ``path`` for ``points``."""
    program = _program(path)
    head, post, hhea, os2 = program["head"], program["post"], program["hhea"], program["OS/2"]
    scale = 1000 / head.unitsPerEm
    data = _subset(path, points)
    tag = "".join(
        chr(ord("A") + b % 26) for b in hashlib.sha256(data).digest()[:6]
    )  # a subset's name starts with six capitals of its own (PDF 32000-1 9.6.4)
    postscript = program["name"].getDebugName(6) or path.stem
    fixed, serif = "Mono" in path.stem, "Serif" in path.stem
    italic = post.italicAngle != 0
    flags = 32 | (1 if fixed else 0) | (2 if serif else 0) | (64 if italic else 0)
    stream = pdf.make_stream(data)
    stream.Length1 = len(data)
    descriptor = pdf.make_indirect(
        Dictionary(
            Type=Name.FontDescriptor,
            FontName=Name(f"/{tag}+{postscript}"),
            Flags=flags,
            FontBBox=Array(
                [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
            ),
            ItalicAngle=float(post.italicAngle),
            Ascent=round(hhea.ascent * scale),
            Descent=round(hhea.descent * scale),
            CapHeight=round(getattr(os2, "sCapHeight", hhea.ascent) * scale),
            StemV=140 if os2.usWeightClass >= 600 else 80,
            FontFile2=stream,
        )
    )
    return descriptor


def _to_unicode(codes: dict[int, int]) -> bytes:
    """A ToUnicode CMap: each one-byte code -> its character."""
    from besluitpak.pdf.public_cmap import write_cmap

    mapping = {code: _text(point) for code, point in sorted(codes.items())}
    return write_cmap(mapping, 1, name="Adobe-Identity-UCS")


def _text(point: int) -> str:
    """A character as its ToUnicode entry says it; a ligature (``fi``) as its letters, so
    that search and screen readers meet the word."""
    char = chr(point)
    if 0xFB00 <= point <= 0xFB06:
        char = unicodedata.normalize("NFKC", char)
    return char
