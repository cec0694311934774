"""The text a page's content streams show, decoded glyph by glyph through each font's
ToUnicode CMap or its encoding, with every optional-content layer on.

Two readers use it: the personal-data scan of what ships (text that no viewer shows by
default, in a hidden layer or an annotation's appearance, is text all the same) and
``inspect``, which must know whether every glyph shown maps to Unicode (PDF/UA-1 7.21.7,
outloud's TXT-003). Marked content is not interpreted: ``BDC /OC`` (a layer) does not
hide what it wraps here, and the ``/ActualText``, ``/Alt`` and ``/E`` of marked-content
property lists are collected as they are met.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

_ENCODINGS = {"/WinAnsiEncoding": "cp1252", "/MacRomanEncoding": "mac_roman"}
_UNICODE_CMAPS = {"UCS2": "utf-16-be", "UTF16": "utf-16-be", "UTF32": "utf-32-be", "UTF8": "utf-8"}
"""Predefined CMaps whose codes are Unicode (``UniGB-UCS2-H``, ``UniJIS-UTF16-V``…)."""
_DEPTH = 8
"""How deep form XObjects are followed (a loop or an absurd nesting stops there)."""


@dataclass(frozen=True, kw_only=True)
class FontMap:
    """How one font's codes become text."""

    name: str
    width: int
    """Bytes per code: 1 for a simple font, usually 2 for a Type0 font."""
    unicode: dict[int, str]
    """code -> text, from /ToUnicode and (simple fonts) the encoding."""
    collection: bool = False
    """Read through a registered CID collection (Adobe-Japan1…) rather than a map: its
    codes are not judged here, and not decoded."""
    encoded: dict[int, str] = field(default_factory=dict)
    """code -> text as the font's encoding alone says (a simple font's /Encoding), without
    its ToUnicode map: a map can lie about what the glyphs show."""
    unicode_cmap: str = ""
    """The codec of a Type0 font whose predefined CMap is Unicode (``UniJIS-UCS2-H``):
    its codes are the text, whether or not poppler has the collection's language pack."""

    def by_encoding(self, raw: bytes) -> str:
        """The text of one shown string as its encoding says (see :attr:`encoded`)."""
        if self.unicode_cmap:
            return raw.decode(self.unicode_cmap, errors="ignore")
        if self.width != 1:
            return ""
        get = self.encoded.get
        return "".join(get(code, "") for code in raw)

    def decode(self, raw: bytes, unmapped: set[int]) -> str:
        """The text of one shown string; the codes without text are added to ``unmapped``."""
        if self.width == 1:
            codes: Any = raw
        elif self.width == 2:
            codes = [ord(c) for c in raw[: len(raw) // 2 * 2].decode("utf-16-be", "surrogatepass")]
        else:
            step = self.width
            codes = [
                int.from_bytes(raw[i : i + step], "big")
                for i in range(0, len(raw) - step + 1, step)
            ]
        get = self.unicode.get
        texts = [get(code) for code in codes]
        if None in texts:
            if not self.collection:
                unmapped.update(
                    code for code, text in zip(codes, texts, strict=True) if text is None
                )
            texts = [text for text in texts if text is not None]
        return "".join(texts)  # type: ignore[arg-type]


def _hex_text(digits: bytes) -> str:
    data = bytes.fromhex(digits.decode("ascii"))
    if len(data) % 2:
        data = b"\x00" + data
    return data.decode("utf-16-be", errors="replace")


_HEX = rb"<([0-9A-Fa-f\s]*)>"
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_RANGE = re.compile(_HEX + rb"\s*" + _HEX + rb"\s*(" + _HEX + rb"|\[[^\]]*\])")
_PAIR = re.compile(_HEX + rb"\s*" + _HEX)
_SPACE = re.compile(rb"begincodespacerange\s*" + _HEX)


def _clean(hexa: bytes) -> bytes:
    return re.sub(rb"\s", b"", hexa)


def parse_tounicode(data: bytes) -> tuple[dict[int, str], int]:
    """The code -> text map of a ToUnicode CMap, and its code width in bytes."""
    space = _SPACE.search(data)
    width = max(1, len(_clean(space.group(1))) // 2) if space else 0
    unicode: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        for src, dst in _PAIR.findall(block):
            src = _clean(src)
            width = width or max(1, len(src) // 2)
            unicode[int(src or b"0", 16)] = _hex_text(_clean(dst))
    for block in _BFRANGE.findall(data):
        for low, high, target, single in _RANGE.findall(block):
            low, high = _clean(low), _clean(high)
            width = width or max(1, len(low) // 2)
            first, last = int(low or b"0", 16), int(high or b"0", 16)
            if last - first > 0xFFFF:
                continue
            if target.startswith(b"["):
                for offset, dst in enumerate(re.findall(_HEX, target)):
                    unicode[first + offset] = _hex_text(_clean(dst))
                continue
            base = _hex_text(_clean(single))
            for offset in range(last - first + 1):
                if base:
                    unicode[first + offset] = base[:-1] + chr(min(ord(base[-1]) + offset, 0x10FFFF))
    return unicode, width or 1


def _glyph(name: str) -> str | None:
    from fontTools import agl

    text = agl.toUnicode(name)
    return text or None


def _encoding(font: Dictionary) -> dict[int, str]:
    """code -> text of a simple font's /Encoding (base encoding and /Differences)."""
    encoding = font.get("/Encoding")
    base: str | None = None
    differences: Any = None
    if isinstance(encoding, Name):
        base = str(encoding)
    elif isinstance(encoding, Dictionary):
        given = encoding.get("/BaseEncoding")
        base = str(given) if isinstance(given, Name) else None
        differences = encoding.get("/Differences")
    descriptor = font.get("/FontDescriptor")
    flags = descriptor.get("/Flags", 0) if isinstance(descriptor, Dictionary) else 0
    flags = int(flags) if isinstance(flags, int) else 0
    symbolic = bool(flags & 4) and not bool(flags & 32)
    out: dict[int, str] = {}
    if base is not None or not symbolic:
        codec = _ENCODINGS.get(base or "", "latin-1")  # StandardEncoding: near enough
        for code in range(32, 256):
            char = bytes([code]).decode(codec, errors="ignore")
            if char and char.isprintable():
                out[code] = char
    if isinstance(differences, Array):
        code = 0
        for item in differences:
            if isinstance(item, Name):
                text = _glyph(str(item)[1:])
                if text is not None:
                    out[code] = text
                code += 1
            elif isinstance(item, int):
                code = int(item)
    return out


def font_map(font: Dictionary) -> FontMap:
    """How ``font``'s codes become text."""
    base = font.get("/BaseFont")
    name = str(base).lstrip("/") if isinstance(base, Name) else "?"
    unicode: dict[int, str] = {}
    width = 1
    tounicode = font.get("/ToUnicode")
    if isinstance(tounicode, pikepdf.Stream):
        try:
            unicode, width = parse_tounicode(tounicode.read_bytes())
        except (pikepdf.PdfError, ValueError):
            unicode, width = {}, 1
    if font.get("/Subtype") != Name.Type0:
        encoded = _encoding(font)
        return FontMap(name=name, width=1, unicode=encoded | unicode, encoded=encoded)
    collection = False
    if not unicode:
        width = 2
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, Array) and len(descendants):
            info = descendants[0].get("/CIDSystemInfo")
            ordering = str(info.get("/Ordering", "")) if isinstance(info, Dictionary) else ""
            collection = bool(ordering) and "Identity" not in ordering
    cmap = str(font.get("/Encoding", ""))
    codec = next((c for k, c in _UNICODE_CMAPS.items() if k in cmap), "")
    return FontMap(
        name=name, width=width, unicode=unicode, collection=collection, unicode_cmap=codec
    )


@dataclass
class Shown:
    """What one page (or appearance stream) shows."""

    text: list[str] = field(default_factory=list)
    marked: list[tuple[str, str]] = field(default_factory=list)
    """(``/ActualText``, its text) of marked-content property lists."""
    unmapped: dict[str, set[int]] = field(default_factory=dict)
    """Font name -> the codes shown that have no Unicode (a font without any map: all of
    them; a font the resources do not define: all, under ``/F9 (not defined)``)."""
    encoded: list[str] = field(default_factory=list)
    """The same strings as the fonts' encodings alone say (:meth:`FontMap.by_encoding`);
    a string in a font the resources do not define as its bytes (a reader shows it in a
    substitute font)."""

    @property
    def joined(self) -> str:
        return " ".join("".join(self.text).split())

    @property
    def joined_by_encoding(self) -> str:
        return " ".join("".join(self.encoded).split())


_BREAKS = {"Td", "TD", "Tm", "T*", "'", '"', "BT", "ET"}


_OPERATORS = "Tf Tj TJ ' \" BDC DP Do Td TD Tm T* BT ET"
"""The operators read (qpdf leaves out the others before Python sees them)."""


def show(
    stream: Any,
    resources: Any,
    *,
    fonts: dict[tuple[int, int], FontMap] | None = None,
    skip: Sequence[pikepdf.Object] = (),
) -> Shown:
    """The text ``stream`` (a page, or a form XObject with its resources) shows; ``fonts``
    remembers the fonts read, for the next page of the same file; the forms in ``skip``
    are not read (a page's stamp, read on its own)."""
    shown = Shown()
    seen = {form.objgen for form in skip}
    _walk(stream, resources, shown, seen=seen, depth=0, fonts={} if fonts is None else fonts)
    return shown


def page_shown(
    page: pikepdf.Page,
    *,
    fonts: dict[tuple[int, int], FontMap] | None = None,
    skip: Sequence[pikepdf.Object] = (),
) -> Shown:
    return show(page, page.obj.get("/Resources"), fonts=fonts, skip=skip)


def _walk(
    stream: Any,
    resources: Any,
    shown: Shown,
    *,
    seen: set[tuple[int, int]],
    depth: int,
    fonts: dict[tuple[int, int], FontMap],
) -> None:
    resources = resources if isinstance(resources, Dictionary) else Dictionary()
    font_dict = resources.get("/Font")
    font_dict = font_dict if isinstance(font_dict, Dictionary) else Dictionary()
    current: FontMap | None = None
    unmapped: set[int] = set()
    string = pikepdf.String
    for instruction in pikepdf.parse_content_stream(stream, _OPERATORS):
        op = str(instruction.operator)
        operands = instruction.operands
        if op == "Tj" or op == "'" or op == '"':
            if operands and isinstance(operands[-1], string):
                _shown(shown, current, [operands[-1]], unmapped)
        elif op == "TJ" and operands and isinstance(operands[0], Array):
            _shown(shown, current, list(operands[0]), unmapped)
        elif op == "Tf" and operands and isinstance(operands[0], Name):
            font = font_dict.get(operands[0])
            if isinstance(font, Dictionary):
                current = _cached(font, fonts)
            else:  # not defined: a reader draws it in a substitute font, as its bytes
                name = f"{operands[0]} (not defined)"
                current = FontMap(name=name, width=1, unicode={}, encoded=_BYTES)
            unmapped = shown.unmapped.setdefault(current.name, set())
        elif op in ("BDC", "DP") and len(operands) == 2:
            _marked(shown, operands[1], resources)
        elif op == "Do" and operands and depth < _DEPTH:
            _form(operands[0], resources, shown, seen=seen, depth=depth, fonts=fonts)
        if op in _BREAKS:
            shown.text.append(" ")
            shown.encoded.append(" ")


_BYTES = {code: chr(code) for code in range(32, 256) if chr(code).isprintable()}
"""A string's bytes as Latin-1: what a reader shows of text in a font it does not have."""


def _shown(shown: Shown, font: FontMap | None, items: list[Any], unmapped: set[int]) -> None:
    """The strings of a Tj (one) or a TJ array, in ``font``: a space where a TJ moves on by
    more than a quarter em. Without a ``Tf`` before, nothing is shown."""
    if font is None:
        return
    for item in items:
        if isinstance(item, pikepdf.String):
            raw = bytes(item)
            shown.text.append(font.decode(raw, unmapped))
            shown.encoded.append(font.by_encoding(raw))
        elif _number(item) < -250:
            shown.text.append(" ")
            shown.encoded.append(" ")


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _cached(font: Dictionary, fonts: dict[tuple[int, int], FontMap]) -> FontMap:
    if not font.is_indirect:
        return font_map(font)
    if font.objgen not in fonts:
        fonts[font.objgen] = font_map(font)
    return fonts[font.objgen]


def _marked(shown: Shown, properties: Any, resources: Dictionary) -> None:
    if isinstance(properties, Name):
        named = resources.get("/Properties")
        properties = named.get(properties) if isinstance(named, Dictionary) else None
    if not isinstance(properties, Dictionary):
        return
    for key, value in properties.items():  # /ActualText, /Alt, /E, /Lang, anything
        for text in _strings(value, depth=0):
            if text.strip():
                shown.marked.append((key, text))


def _strings(value: Any, *, depth: int) -> Iterator[str]:
    """The strings in a property list's value (in arrays and dictionaries within it)."""
    if isinstance(value, pikepdf.String):
        try:
            yield str(value)
        except (UnicodeDecodeError, ValueError):
            yield bytes(value).decode("latin-1")
    elif isinstance(value, Array | Dictionary) and depth < _DEPTH and not value.is_indirect:
        items = value.values() if isinstance(value, Dictionary) else value
        for item in items:
            yield from _strings(item, depth=depth + 1)


def _form(
    name: Any,
    resources: Dictionary,
    shown: Shown,
    *,
    seen: set[tuple[int, int]],
    depth: int,
    fonts: dict[tuple[int, int], FontMap],
) -> None:
    xobjects = resources.get("/XObject")
    xobject = xobjects.get(name) if isinstance(xobjects, Dictionary) else None
    if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != Name.Form:
        return
    if xobject.objgen in seen:
        return
    seen.add(xobject.objgen)
    inner = xobject.get("/Resources", resources)
    _walk(xobject, inner, shown, seen=seen, depth=depth + 1, fonts=fonts)
    seen.discard(xobject.objgen)


def appearances(annotation: Dictionary) -> Iterator[pikepdf.Stream]:
    """Every appearance stream of an annotation (/AP /N, /R, /D, and their states)."""
    ap = annotation.get("/AP")
    if not isinstance(ap, Dictionary):
        return
    for key in ("/N", "/R", "/D"):
        entry = ap.get(key)
        if isinstance(entry, pikepdf.Stream):
            yield entry
        elif isinstance(entry, Dictionary):
            yield from (s for s in entry.values() if isinstance(s, pikepdf.Stream))
