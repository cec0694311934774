"""What a kept page draws, and nothing more: content streams filtered, resources rebuilt.

The public copy of a ready-made PDF (:mod:`besluitpak.pdf.public_copy`) is a new PDF. For
each kept page this module parses the content stream, drops what a reader would not see, and
copies into the new PDF only the resources the remaining instructions name — fonts,
XObjects, graphics states, colour spaces, patterns, shadings, property lists — never a
resource dictionary as a whole. A page that shares its ``/Resources`` with a withheld page
therefore brings none of that page's images or forms along.

Optional content follows the rule of :mod:`besluitpak.pdf.public_layers`: hidden content is
removed (what it shows; graphics- and text-state operators stay so the rest of the page draws
as before; the filter is :mod:`besluitpak.pdf.public_filter`), visible layers become ordinary
content, and no ``/OC`` key is copied.

Form XObjects, tiling patterns and Type 3 glyphs are content streams too and go through the
same filter. Images keep only the keys that describe their pixels. Leaf resources (fonts,
colour spaces, functions, shadings, graphics states) are copied with what they hold, but
never through a key that leads away from drawing (metadata, application data, annotations,
pages, structure, files, actions), and an object of such a type is never copied.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import public_bytes
from besluitpak.pdf.public_filter import ContentFilter, Instruction, lookup
from besluitpak.pdf.public_layers import Visibility

CATEGORIES = (
    "/Font",
    "/XObject",
    "/ExtGState",
    "/ColorSpace",
    "/Pattern",
    "/Shading",
    "/Properties",
)
"""The resource categories a copied content stream may use (not /ProcSet: obsolete)."""

_NOT_COPIED = frozenset(
    {
        *("/Metadata", "/PieceInfo", "/LastModified", "/OC", "/StructParent", "/StructParents"),
        *("/OPI", "/Alternates", "/EF", "/RF", "/AA", "/A", "/JS", "/Parent", "/P"),
        *("/Annots", "/Ref", "/Name", "/ID", "/Measure", "/PtData"),
    }
)
"""Keys a leaf resource is never copied through."""
_NEVER_TYPES = frozenset(
    {
        *("/Page", "/Pages", "/Catalog", "/Annot", "/StructElem", "/StructTreeRoot", "/MCR"),
        *("/OBJR", "/Filespec", "/EmbeddedFile", "/OCG", "/OCMD", "/Outlines", "/Action"),
        *("/Metadata", "/Sig", "/XRef", "/ObjStm"),
    }
)
"""Types of object that are never part of what a page draws."""
_IMAGE_KEYS = (
    *("/Type", "/Subtype", "/Width", "/Height", "/ColorSpace", "/BitsPerComponent"),
    *("/Intent", "/ImageMask", "/Decode", "/Interpolate", "/SMaskInData", "/Matte"),
)
_FORM_KEYS = ("/Type", "/Subtype", "/FormType", "/BBox", "/Matrix", "/Group")
_PATTERN_KEYS = (
    *("/Type", "/PatternType", "/PaintType", "/TilingType", "/BBox", "/XStep", "/YStep"),
    "/Matrix",
)


class Copier:
    """Copies what kept pages draw from ``source`` into ``out``, each object once."""

    def __init__(self, source: pikepdf.Pdf, out: pikepdf.Pdf) -> None:
        self.out = out
        self.visibility = Visibility(source.Root)
        self.contents = ContentFilter(self.visibility)
        self.copied: dict[tuple[int, int], pikepdf.Object] = {}
        """Source object id → its copy (streams and dictionaries copied so far)."""
        self.marked: dict[tuple[int, int], set[int]] = {}
        """Source form XObject id → the marked-content ids its copy still holds."""

    def content(
        self, streams: Iterable[Instruction], resources: Any
    ) -> tuple[bytes, Dictionary, set[int]]:
        """A content stream's kept instructions, the resources they use, their MCIDs."""
        resources = resources if isinstance(resources, Dictionary) else Dictionary()
        filtered = self.contents.keep(streams, resources)
        new = self._resources(resources, filtered.used)
        return public_bytes.serialize(filtered.instructions), new, filtered.mcids

    def _resources(self, resources: Dictionary, used: dict[str, set[str]]) -> Dictionary:
        new = Dictionary()
        for category in CATEGORIES:
            entries = Dictionary()
            for name in sorted(used.get(category, ())):
                value = lookup(resources, category, Name(name))
                if value is None:
                    continue
                if category == "/XObject":
                    copied = self._xobject(value, resources)
                elif category == "/Properties":
                    copied = self._property_list(value)
                else:
                    copied = self.copy(value)
                if copied is not None:
                    entries[name] = copied
            if len(entries):
                new[category] = entries
        return new

    def _property_list(self, value: pikepdf.Object) -> pikepdf.Object | None:
        """A marked-content property list: its MCID and the words that replace what it
        marks (a span's /ActualText on a kept page is kept content), nothing else."""
        if not isinstance(value, Dictionary):
            return None
        kept = Dictionary()
        for key in ("/MCID", "/ActualText", "/Alt", "/E", "/Lang", "/Type", "/Subtype"):
            if key in value and not isinstance(value[key], Dictionary | Array):
                kept[key] = value[key]
        return kept

    def _xobject(self, value: pikepdf.Object, scope: Dictionary) -> pikepdf.Object | None:
        if not isinstance(value, pikepdf.Stream) or self.visibility.hidden(value.get("/OC")):
            return None
        if value.get("/Subtype") == Name.Form:
            return self._form(value, scope)
        if value.get("/Subtype") == Name.Image:
            return self._image(value)
        return None  # PostScript XObjects: forbidden in PDF/A

    def _form(
        self, form: pikepdf.Stream, scope: Dictionary, keys: Sequence[str] = _FORM_KEYS
    ) -> pikepdf.Object:
        """A form XObject (or a tiling pattern, with its ``keys``) through the filter."""
        if form.objgen in self.copied:
            return self.copied[form.objgen]
        new = self.out.make_stream(b"")
        self.copied[form.objgen] = new
        resources = form.get("/Resources", scope)
        try:
            data, used, mcids = self.content(pikepdf.parse_content_stream(form), resources)
        except pikepdf.PdfError:
            data, used, mcids = b"", Dictionary(), set()  # unreadable: draws nothing
        new.write(data)
        for key in keys:
            if key in form:
                new[key] = self.copy(form[key])
        new.Resources = used
        self.marked[form.objgen] = mcids
        return new

    def _image(self, image: pikepdf.Stream) -> pikepdf.Object:
        if image.objgen in self.copied:
            return self.copied[image.objgen]
        new = self.out.make_stream(b"")
        self.copied[image.objgen] = new
        self._pixels(image, new)
        for key in _IMAGE_KEYS:
            if key in image:
                new[key] = self.copy(image[key])
        for key in ("/SMask", "/Mask"):
            mask = image.get(key)
            if isinstance(mask, pikepdf.Stream):
                new[key] = self._image(mask)
            elif isinstance(mask, Array):
                new[key] = self.copy(mask)
        return new

    def _pixels(self, image: pikepdf.Stream, new: pikepdf.Stream) -> None:
        """An image's data: as encoded, but a JPEG or JPEG 2000 without its comments and
        metadata (one this cannot clean is decoded, and written compressed without loss)."""
        filters = image.get("/Filter")
        listed = [str(f) for f in (filters if isinstance(filters, Array) else [filters])]
        cleaners = {"/DCTDecode": public_bytes.clean_jpeg, "/DCT": public_bytes.clean_jpeg}
        cleaners["/JPXDecode"] = public_bytes.clean_jpx
        if not any(f in cleaners for f in listed):
            self._raw(image, new)
            return
        cleaned = None
        if len(listed) == 1:
            cleaned = cleaners[listed[0]](image.read_raw_bytes())
        if cleaned is not None:
            parms = image.get("/DecodeParms")
            new.write(
                cleaned,
                filter=Name(listed[0]),
                decode_parms=self.copy(parms) if parms is not None else None,
                type_check=False,
            )
            return
        try:
            new.write(image.read_bytes(pikepdf.StreamDecodeLevel.all))
        except pikepdf.PdfError:
            new.write(b"")  # undecodable: an empty picture rather than one with metadata

    def _raw(self, source: pikepdf.Stream, new: pikepdf.Stream) -> None:
        """The stream's data as it is encoded (an image is not decoded and encoded again)."""
        filters = source.get("/Filter")
        parms = source.get("/DecodeParms")
        new.write(
            source.read_raw_bytes(),
            filter=self.copy(filters) if filters is not None else None,
            decode_parms=self.copy(parms) if parms is not None else None,
            type_check=False,
        )

    def copy(self, value: Any) -> Any:
        """A leaf resource (or a value in one) copied into ``out`` (see the module's rule);
        None for what is never copied."""
        if isinstance(value, pikepdf.Stream):
            return self._stream(value)
        if isinstance(value, Dictionary):
            if str(value.get("/Type", "")) in _NEVER_TYPES:
                return None
            if value.is_indirect and value.objgen in self.copied:
                return self.copied[value.objgen]
            new = self.out.make_indirect(Dictionary()) if value.is_indirect else Dictionary()
            if value.is_indirect:
                self.copied[value.objgen] = new
            if value.get("/Subtype") == Name.Type3:
                self._type3(value, new)
                return new
            for key, item in value.items():
                if key not in _NOT_COPIED:
                    copied = self.copy(item)
                    if copied is not None:
                        new[key] = copied
            return new
        if isinstance(value, Array):
            return Array([self.copy(item) for item in value])
        return _plain(value)

    def _stream(self, stream: pikepdf.Stream) -> pikepdf.Object | None:
        if stream.get("/Subtype") == Name.Form:
            return self._form(stream, Dictionary())
        if stream.get("/Subtype") == Name.Image:
            return self._image(stream)
        if stream.get("/PatternType") == 1:
            return self._form(stream, Dictionary(), _PATTERN_KEYS)
        if str(stream.get("/Type", "")) in _NEVER_TYPES or stream.get("/Subtype") == Name.XML:
            return None
        if stream.objgen in self.copied:
            return self.copied[stream.objgen]
        new = self.out.make_stream(b"")
        self.copied[stream.objgen] = new
        self._raw(stream, new)
        for key, item in stream.stream_dict.items():
            if key not in _NOT_COPIED and key not in ("/Length", "/Filter", "/DecodeParms"):
                copied = self.copy(item)
                if copied is not None:
                    new[key] = copied
        return new

    def _type3(self, font: pikepdf.Object, new: pikepdf.Object) -> None:
        """A Type 3 font: its glyph procedures through the filter, its resources rebuilt."""
        resources = font.get("/Resources")
        resources = resources if isinstance(resources, Dictionary) else Dictionary()
        used: dict[str, set[str]] = {}
        procs = Dictionary()
        for glyph, proc in font.get("/CharProcs", Dictionary()).items():
            if not isinstance(proc, pikepdf.Stream):
                continue
            try:
                filtered = self.contents.keep(pikepdf.parse_content_stream(proc), resources)
            except pikepdf.PdfError:
                continue
            for category, names in filtered.used.items():
                used.setdefault(category, set()).update(names)
            procs[glyph] = self.out.make_stream(public_bytes.serialize(filtered.instructions))
        for key, item in font.items():
            if key not in _NOT_COPIED and key not in ("/CharProcs", "/Resources"):
                copied = self.copy(item)
                if copied is not None:
                    new[key] = copied
        new.CharProcs = procs
        new.Resources = self._resources(resources, used)


def _plain(value: Any) -> Any:
    """A number, name, string, boolean or null (which belong to no PDF) as it is; anything
    else is not copied."""
    if isinstance(value, Dictionary | Array | pikepdf.Stream):
        return None
    if isinstance(value, Name):
        return Name(str(value))
    if isinstance(value, pikepdf.String):
        return pikepdf.String(bytes(value))
    return value
