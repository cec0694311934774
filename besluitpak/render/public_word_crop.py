"""Cropped pictures in a ready-made .docx, cut down to what the crop shows.

Word crops a picture by saying how much of each side to hide (``a:srcRect`` in the picture's
fill, in thousandths of a percent; ``croptop`` ... on an older VML picture); the file keeps
the whole picture, and LibreOffice embeds the whole picture in the PDF and clips it. What
the crop hides (a face, a name, the rest of a letter) would ship. The copy gets a picture of
only the shown part, under a name of its own (the uncropped picture goes unless the text
shows it elsewhere), and no crop.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator

from lxml import etree

from besluitpak.render import public_media
from besluitpak.render.revisions import parse, serialize

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
V = "urn:schemas-microsoft-com:vml"
SIDES = ("l", "t", "r", "b")
VML_SIDES = ("cropleft", "croptop", "cropright", "cropbottom")


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def resolve(part: str, target: str) -> str:
    """The package name ``target`` (relative to ``part``) points to."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target)).lstrip("/")


Sides = tuple[float, float, float, float]


def _cropped(
    tree: etree._Element,
) -> Iterator[tuple[etree._Element, str, Sides, list[tuple[etree._Element, str]]]]:
    """Each cropped picture: the element naming it, the attribute with its relationship id,
    the fractions cut off (left, top, right, bottom) and the attributes that say so."""
    for fill in tree.iter("{*}blipFill"):
        blip, rect = fill.find(f"{{{A}}}blip"), fill.find(f"{{{A}}}srcRect")
        if blip is not None and rect is not None:
            sides = _fractions(rect, SIDES, lambda v: int(v) / 100_000)
            yield blip, f"{{{R}}}embed", sides, [(rect, k) for k in SIDES]
    for data in tree.iter(f"{{{V}}}imagedata"):  # an older (VML) picture
        sides = _fractions(data, VML_SIDES, _vml_fraction)
        yield data, f"{{{R}}}id", sides, [(data, k) for k in VML_SIDES]


def _vml_fraction(value: str) -> float:
    """``0.25`` or ``16384f`` (a fraction in 1/65536)."""
    return int(value[:-1]) / 65_536 if value.endswith("f") else float(value)


def _fractions(
    element: etree._Element, keys: tuple[str, ...], read: Callable[[str], float]
) -> Sides:
    values = []
    for key in keys:
        try:
            values.append(max(read(element.get(key, "0")), 0.0))
        except ValueError:
            values.append(0.0)
    return values[0], values[1], values[2], values[3]


def crop_pictures(
    entries: dict[str, bytes], types: dict[str, str], part: str, tree: etree._Element
) -> int:
    """Replace each cropped picture of ``part`` (its XML ``tree``) by one of what it shows:
    a new entry in ``entries`` (its content type in ``types``) and a new relationship in the
    part's ``.rels``. Returns how many."""
    rels_path = rels_name(part)
    if rels_path not in entries:
        return 0
    rels = parse(entries[rels_path])
    by_id = {r.get("Id"): r for r in rels.iter(f"{{{RELS}}}Relationship")}
    made = 0
    for picture, key, sides, crop_marks in list(_cropped(tree)):
        rel = by_id.get(picture.get(key))
        if rel is None or rel.get("TargetMode") == "External":
            continue
        source = resolve(part, rel.get("Target", ""))
        if not any(sides) or source not in entries:
            continue
        cut = public_media.crop(entries[source], sides, source)
        if cut is None:
            continue
        made += 1
        jpeg = cut.startswith(b"\xff\xd8")
        name = _free(entries, f"word/media/bijgesneden{made}.{'jpeg' if jpeg else 'png'}")
        entries[name], types[name] = cut, "image/jpeg" if jpeg else "image/png"
        ident = _free_id(by_id, f"rIdBijgesneden{made}")
        copy = etree.SubElement(rels, f"{{{RELS}}}Relationship")
        copy.set("Id", ident)
        copy.set("Type", rel.get("Type", ""))
        copy.set("Target", posixpath.relpath(name, posixpath.dirname(part)))
        by_id[ident] = copy
        picture.set(key, ident)
        for element, side in crop_marks:
            element.attrib.pop(side, None)
    if made:
        entries[rels_path] = serialize(rels)
    return made


def _free(entries: dict[str, bytes], name: str) -> str:
    stem, suffix = posixpath.splitext(name)
    count = 1
    while name in entries:
        count += 1
        name = f"{stem}-{count}{suffix}"
    return name


def _free_id(taken: dict[str | None, etree._Element], ident: str) -> str:
    base, count = ident, 1
    while ident in taken:
        count += 1
        ident = f"{base}x{count}"
    return ident
