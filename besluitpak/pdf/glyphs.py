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
MARKED_KEYS = ("/ActualText", "/Alt", "/E")
"""Text a marked-content property list may carry."""
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
        return FontMap(name=name, width=1, unicode=_encoding(font) | unicode)
    collection = False
    if not unicode:
        width = 2
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, Array) and len(descendants):
            info = descendants[0].get("/CIDSystemInfo")
            ordering = str(info.get("/Ordering", "")) if isinstance(info, Dictionary) else ""
            collection = bool(ordering) and "Identity" not in ordering
    return FontMap(name=name, width=width, unicode=unicode, collection=collection)


@dataclass
class Shown:
    """What one page (or appearance stream) shows."""

    text: list[str] = field(default_factory=list)
    marked: list[tuple[str, str]] = field(default_factory=list)
    """(``/ActualText``, its text) of marked-content property lists."""
    unmapped: dict[str, set[int]] = field(default_factory=dict)
    """Font name -> the codes shown that have no Unicode (a font without any map: all of
    them)."""

    @property
    def joined(self) -> str:
        return " ".join("".join(self.text).split())


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
    text = shown.text
    decode: Any = None
    unmapped: set[int] = set()
    string = pikepdf.String
    for instruction in pikepdf.parse_content_stream(stream, _OPERATORS):
        op = str(instruction.operator)
        operands = instruction.operands
        if op == "Tj" or op == "'" or op == '"':
            if decode is not None and operands and isinstance(operands[-1], string):
                text.append(decode(bytes(operands[-1]), unmapped))
        elif op == "TJ" and decode is not None and operands:
            _shown_array(text, operands[0], decode, unmapped)
        elif op == "Tf" and operands and isinstance(operands[0], Name):
            font = font_dict.get(operands[0])
            current = _cached(font, fonts) if isinstance(font, Dictionary) else None
            decode = current.decode if current is not None else None
            if current is not None:
                unmapped = shown.unmapped.setdefault(current.name, set())
        elif op in ("BDC", "DP") and len(operands) == 2:
            _marked(shown, operands[1], resources)
        elif op == "Do" and operands and depth < _DEPTH:
            _form(operands[0], resources, shown, seen=seen, depth=depth, fonts=fonts)
        if op in _BREAKS:
            text.append(" ")


def _shown_array(text: list[str], items: Any, decode: Any, unmapped: set[int]) -> None:
    """The strings of a TJ array, a space where it moves on by more than a quarter em."""
    if not isinstance(items, Array):
        return
    for item in items:
        if isinstance(item, pikepdf.String):
            text.append(decode(bytes(item), unmapped))
        elif _number(item) < -250:
            text.append(" ")


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
    for key in MARKED_KEYS:
        value = properties.get(key)
        if isinstance(value, pikepdf.String) and str(value).strip():
            shown.marked.append((key, str(value)))


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
