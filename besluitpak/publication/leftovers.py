"""What the named channels of :mod:`besluitpak.publication.channels` leave: every other
string in a PDF, and the text of every other stream.

An allow-list of places can only be proven complete by also reading what lies outside it:
a private key (``/PieceInfo``), a form XObject no page draws, a stream of another
application's data. Strings are read from each object as qpdf writes it (which escapes every
parenthesis in a string); a stream is read as a form (through its fonts) when it is one, as
text when its bytes are text, and not at all when it is an image, a font program, a colour
profile or the page content already read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import glyphs

_STRING = re.compile(rb"(/[^\s/<>\[\]()]+)?\s*(?:\(((?:\\.|[^\\()])*)\)|<([0-9A-Fa-f\s]*)>)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def strings(
    pdf: pikepdf.Pdf, *, known: Set[str], names: set[str] | None = None
) -> Iterator[tuple[str, str]]:
    """Every string in the file not yet yielded, named by the key that holds it (read from
    each object as qpdf writes it, which escapes every parenthesis in a string); with
    ``names``, every name of the objects added to it (:func:`names_in`)."""
    for obj in pdf.objects:
        value = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        if not isinstance(value, Dictionary | Array):
            continue
        written = value.unparse(resolved=True)
        if names is not None:
            names.update(names_in(written))
        for match in _STRING.finditer(written):
            key, literal, hexa = match.groups()
            raw = _unescape(literal) if literal is not None else _unhex(hexa)
            text = _pdf_text(raw)
            if text not in known and _readable(text) and _not_binary(raw):
                yield (
                    (f"other string {key.decode(errors='replace')}" if key else "other string"),
                    text,
                )


_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_STRING_OR_COMMENT = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|%[^\r\n]*", re.S)


def names_in(written: bytes) -> set[str]:
    """The names in PDF syntax (an object as qpdf writes it, or a content stream), ``#xx``
    decoded: a dictionary's keys and values, a marked-content tag, a resource's or a
    colorant's name. Names are text a generator chose, and a withheld word may be one."""
    bare = _STRING_OR_COMMENT.sub(b" ", written)
    return {
        re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode(
            "utf-8", errors="replace"
        )
        for raw in _NAME.findall(bare)
    }


def content_names(pdf: pikepdf.Pdf) -> set[str]:
    """The names the content streams use (pages, forms, patterns, Type 3 glyphs: every
    stream that is not an image, a font program, a colour profile or a file): a tag
    (``/GEHEIM BMC``) or an operand (``/Naam ri``) is in no dictionary."""
    found: set[str] = set()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        kind, subtype = obj.stream_dict.get("/Type"), obj.stream_dict.get("/Subtype")
        if kind in _SKIP_TYPES or subtype == Name.Image or any(k in obj for k in _SKIP_KEYS):
            continue
        try:
            data = obj.read_bytes()
        except pikepdf.PdfError:
            continue
        if _not_binary(data[:4096]):
            found |= names_in(data)
    return found


def _not_binary(raw: bytes) -> bool:
    """Text rather than a file identifier or a hash: mostly ASCII letters, digits and
    spaces (random bytes are so only a third of the time), or marked as UTF-16."""
    if raw.startswith(b"\xfe\xff"):
        return True
    plain = sum(1 for b in raw if 0x20 <= b < 0x7F or b in (9, 10, 13))
    return plain >= 0.8 * len(raw)


def _unhex(hexa: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", hexa).decode()
    return bytes.fromhex(digits + "0" * (len(digits) % 2))


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8) & 0xFF])
        if code[:1] in (b"\r", b"\n"):
            return b""
        return _ESCAPES.get(code, code)

    return re.sub(rb"\\([0-7]{1,3}|\r\n?|.)", one, literal, flags=re.S)


def _pdf_text(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    return raw.decode("pdfdoc", errors="replace")


def _readable(text: str) -> bool:
    """Text rather than bytes (a file identifier, a hash)."""
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return len(text) >= 3 and printable == len(text)


_SKIP_KEYS = ("/Length1", "/Length2", "/Length3", "/N", "/FunctionType", "/ShadingType")
"""Font programs, colour profiles, functions and shadings: no text."""
_SKIP_TYPES = {Name.Metadata, Name.EmbeddedFile, Name.XRef, Name.ObjStm}
"""Read elsewhere (XMP, attachments) or structure of the file itself."""


def streams(pdf: pikepdf.Pdf, *, drawn: str) -> Iterator[tuple[str, str]]:
    """The text of every stream that is not a page's content (``drawn``: what the pages'
    content streams showed, so a form they draw is not read twice)."""
    contents = {c.objgen for page in pdf.pages for c in _contents(page)}
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.objgen in contents:
            continue
        kind, subtype = obj.stream_dict.get("/Type"), obj.stream_dict.get("/Subtype")
        if kind in _SKIP_TYPES or subtype == Name.Image or any(k in obj for k in _SKIP_KEYS):
            continue
        if subtype == Name.Form:
            text = glyphs.show(obj, obj.get("/Resources")).joined
            if text and text not in drawn:
                yield "form XObject", text
            continue
        try:
            data = obj.read_bytes()
        except pikepdf.PdfError:
            continue
        if b"begincmap" in data[:400] or not _not_binary(data[:4096]):
            continue  # a CMap maps the characters a font shows; it is no text of its own
        yield "other stream", data.decode("utf-8", errors="replace")


def _contents(page: pikepdf.Page) -> list[pikepdf.Stream]:
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    if isinstance(contents, Array):
        return [c for c in contents if isinstance(c, pikepdf.Stream)]
    return []
