"""Cropped pictures in a ready-made .odt, cut down to what the crop shows.

Writer crops a picture with its frame style's ``fo:clip="rect(top, right, bottom, left)"``:
lengths cut off the picture at its own size (its pixels at its resolution, 96 dpi when it
names none, as LibreOffice reads it). The file keeps the whole picture, and LibreOffice
embeds the whole picture in the PDF and clips it, so what the crop hides would ship. The copy
gets a picture of only the shown part, under a name of its own, and a style without the
clip (when every frame of that style could be cut; a vector picture keeps its clip).
"""

from __future__ import annotations

import io
import re

from lxml import etree

from besluitpak.render import public_media
from besluitpak.render.odf_revisions import POINTS
from besluitpak.render.public_odf_package import q

LENGTH = re.compile(r"(-?[0-9]*\.?[0-9]+)\s*([a-z]+)")
DEFAULT_DPI = 96.0


def _clips(roots: tuple[etree._Element, ...]) -> dict[str, etree._Element]:
    """The graphic styles that crop, by name: their ``style:graphic-properties``."""
    found = {}
    for root in roots:
        for style in root.iter(q("style:style")):
            props = style.find(q("style:graphic-properties"))
            if props is not None and "rect" in props.get(q("fo:clip"), ""):
                found[style.get(q("style:name"), "")] = props
    return found


def _points(rect: str) -> tuple[float, float, float, float] | None:
    """``rect(top, right, bottom, left)`` in points; None when it is not four lengths."""
    lengths = LENGTH.findall(rect)
    if len(lengths) != 4 or any(unit not in POINTS for _, unit in lengths):
        return None
    top, right, bottom, left = (max(float(v), 0.0) * POINTS[unit] for v, unit in lengths)
    return top, right, bottom, left


def _fractions(data: bytes, clip: tuple[float, float, float, float]) -> tuple[float, ...]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        dpi = image.info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI)
    x_dpi, y_dpi = (float(d) or DEFAULT_DPI for d in dpi[:2])
    wide, high = width / x_dpi * 72, height / y_dpi * 72  # points
    top, right, bottom, left = clip
    return left / wide, top / high, right / wide, bottom / high


def crop_pictures(roots: tuple[etree._Element, ...], entries: dict[str, bytes]) -> int:
    """Replace the picture of each cropped frame by one of what it shows (a new entry in
    ``entries``); the clip goes from each style whose frames were all cut. Returns how many."""
    clips = _clips(roots)
    uncut = set()
    made = 0
    for root in roots:
        for frame in root.iter(q("draw:frame")):
            props = clips.get(frame.get(q("draw:style-name"), ""))
            if props is None:
                continue
            if not _cut(frame, props, entries):
                uncut.add(frame.get(q("draw:style-name"), ""))
                continue
            made += 1
    for name, props in clips.items():
        if name not in uncut:
            props.attrib.pop(q("fo:clip"), None)
    return made


def _cut(frame: etree._Element, props: etree._Element, entries: dict[str, bytes]) -> bool:
    image = frame.find(q("draw:image"))
    href = image.get(q("xlink:href"), "").removeprefix("./") if image is not None else ""
    clip = _points(props.get(q("fo:clip"), ""))
    if image is None or clip is None or href not in entries:
        return False
    if not any(clip):
        return True
    try:
        sides = _fractions(entries[href], clip)
    except OSError:  # not a raster picture Pillow reads
        return False
    cut = public_media.crop(entries[href], (sides[0], sides[1], sides[2], sides[3]), href)
    if cut is None:
        return False
    suffix = "jpeg" if cut.startswith(b"\xff\xd8") else "png"
    count = 1
    while (name := f"Pictures/bijgesneden{count}.{suffix}") in entries:
        count += 1
    entries[name] = cut
    image.set(q("xlink:href"), name)
    return True
