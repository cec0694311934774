"""The text of a shipped file that is not read as a PDF, as the guard searches it: an XML
document's text nodes and attribute values (XMP too), a JSON document's keys and strings, and
bytes decoded by their byte-order mark (UTF-8, else Latin-1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def xml_text(data: bytes) -> str:
    """The text nodes and attribute values of an XML document, ``|`` between them; the
    bytes as text when they are no XML."""
    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return data.decode("utf-8", errors="replace")
    if root is None:
        return data.decode("utf-8", errors="replace")
    parts = [" ".join(v for v in node.attrib.values()) for node in root.iter()]
    parts += [text for text in root.itertext()]
    return " | ".join(" ".join(p.split()) for p in parts if p.strip())


def json_strings(value: Any) -> Iterator[str]:
    """Every key and string in a loaded JSON value, in document order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def decode(data: bytes) -> str:
    """``data`` as text: by its byte-order mark, else UTF-8, else Latin-1."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
