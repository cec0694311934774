"""What every check of :mod:`besluitpak.pdf.inspect` stands on: the :class:`Check` it
yields, typed reads that say which part of a file is wrong (``page 3: /Resources is a
number, not a dictionary``), the parts several checks read once (:class:`_Context`),
and the registry the checks join with ``@check``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pikepdf
from lxml import etree
from pikepdf import Array, Dictionary, Name

if TYPE_CHECKING:
    from besluitpak.pdf.inspect.memo import PageMemo

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaSchema": "http://www.aiim.org/pdf/a/ns/schema#",
    "pdfaExtension": "http://www.aiim.org/pdf/a/ns/extension/",
}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    """One claim and what was found behind it."""

    area: str
    name: str
    ok: bool
    detail: str


class _Unreadable(Exception):
    """A part of the file is missing or of the wrong type; the message says which, in a
    reader's words (``page 3: /Resources is a number, not a dictionary``)."""


def _reason(error: Exception) -> str:
    """Why a part could not be read, without Python's own words."""
    if isinstance(error, _Unreadable):
        return str(error)
    if isinstance(error, RecursionError):
        return "its objects refer to each other in a loop, or nest too deeply"
    if isinstance(error, pikepdf.PdfError):
        return f"damaged data: {' '.join(str(error).split())[:160]}"
    return "an object in it is missing or has the wrong type"


def _kind(value: Any) -> str:
    """A PDF reader's word for what ``value`` is: ``a number``, ``an array``…"""
    if isinstance(value, pikepdf.Stream):
        return "a stream"
    if isinstance(value, Dictionary):
        return "a dictionary"
    if isinstance(value, Array):
        return "an array"
    if isinstance(value, Name):
        return f"the name {value}"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, pikepdf.String | str):
        return "a string"
    if value is None:
        return "missing"
    return "an object of another kind"


def _dict(value: Any, where: str) -> Dictionary:
    """``value`` if it is a dictionary, else why not."""
    if not isinstance(value, Dictionary):
        raise _Unreadable(f"{where} is {_kind(value)}, not a dictionary")
    return value


def _entry_dict(parent: Any, key: str, where: str) -> Dictionary:
    """``parent[key]`` as a dictionary, an empty one when absent."""
    value = parent.get(key)
    return Dictionary() if value is None else _dict(value, f"{where}{key}")


def _entry_array(parent: Any, key: str, where: str) -> Array:
    """``parent[key]`` as an array, an empty one when absent."""
    value = parent.get(key)
    if value is None:
        return Array()
    if not isinstance(value, Array):
        raise _Unreadable(f"{where}{key} is {_kind(value)}, not an array")
    return value


def _number(value: Any, where: str) -> int:
    """``value`` as a whole number, else why not."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or value != int(value):
        raise _Unreadable(f"{where} is {_kind(value)}, not a whole number")
    return int(value)


def _struct_tree(pdf: pikepdf.Pdf) -> Dictionary | None:
    """The StructTreeRoot, None if there is none, or why it cannot be read."""
    tree = pdf.Root.get("/StructTreeRoot")
    return None if tree is None else _dict(tree, "/StructTreeRoot")


def _number_tree(node: Any, where: str) -> dict[int, Any]:
    """Every key and value of a PDF number tree (the ParentTree), read defensively: a
    loop in /Kids is followed once, and a malformed node is an error saying where."""
    items: dict[int, Any] = {}
    seen: set[tuple[int, int]] = set()
    todo = [(node, where)]
    while todo:
        current, at = todo.pop()
        current = _dict(current, at)
        if current.is_indirect:
            if current.objgen in seen:
                continue
            seen.add(current.objgen)
        nums = _entry_array(current, "/Nums", at)
        if len(nums) % 2:
            raise _Unreadable(f"{at}/Nums has an odd number of entries ({len(nums)})")
        for index in range(0, len(nums), 2):
            items[_number(nums[index], f"{at}/Nums[{index}]")] = nums[index + 1]
        kids = _entry_array(current, "/Kids", at)
        todo.extend((kid, f"{at}/Kids[{n}]") for n, kid in reversed(list(enumerate(kids))))
    return items


class _Context:
    """What several checks need, read once; a part that cannot be read is remembered with
    the reason, for the check that needs it to report."""

    def __init__(self, pdf: pikepdf.Pdf, memo: PageMemo | None = None) -> None:
        self.pdf = pdf
        self.memo = memo
        """The documents' pages whose per-page results may be remembered (the build's)."""
        self.xmp: Any = None
        self.xmp_error = ""
        self.stamped: int | None = None
        self.census: Any = None
        """The structure tree's elements counted once (:mod:`besluitpak.pdf.inspect.census`)."""
        try:
            self._read_xmp()
        except Exception as e:  # a damaged file can make any read fail: remember why
            self.xmp, self.xmp_error = None, f"cannot read it: {_reason(e)}"
        self.roles: dict[str, str] = {}
        self.roles_error = ""
        try:
            tree = _struct_tree(pdf)
            if tree is not None:
                rolemap = _entry_dict(tree, "/RoleMap", "/StructTreeRoot")
                self.roles = {str(k): str(v) for k, v in rolemap.items()}
        except Exception as e:  # a damaged file can make any read fail: remember why
            self.roles_error = f"cannot read it: {_reason(e)}"

    def _read_xmp(self) -> None:
        metadata = self.pdf.Root.get("/Metadata")
        if metadata is None:
            return
        if not isinstance(metadata, pikepdf.Stream):
            raise _Unreadable(f"/Metadata is {_kind(metadata)}, not a stream")
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            self.xmp = etree.fromstring(metadata.read_bytes(), parser)
        except etree.XMLSyntaxError as e:
            self.xmp_error = str(e)

    def xmp_text(self, path: str) -> str | None:
        if self.xmp is None:
            return None
        found = self.xmp.xpath(f"//{path}", namespaces=NS)
        if not found:
            return None
        node = found[0]
        return str(node if isinstance(node, str) else "".join(node.itertext())).strip()

    def standard(self, kind: Any) -> str:
        name = str(kind)
        seen = set()
        while name in self.roles and name not in seen:
            seen.add(name)
            name = self.roles[name]
        return name

    def claims(self) -> dict[str, str]:
        """What the file says it is; ``?`` for what cannot be read."""
        part, level = self.xmp_text("pdfaid:part"), self.xmp_text("pdfaid:conformance")
        ua = self.xmp_text("pdfuaid:part")
        return {
            "title": self._info("/Title"),
            "author": self._info("/Author"),
            "language": _read(lambda: _text(self.pdf.Root.get("/Lang"))),
            "pages": _read(lambda: str(len(self.pdf.pages))),
            "pdfa": f"PDF/A-{part}{(level or '').lower()}" if part else "none",
            "pdfua": f"PDF/UA-{ua}" if ua else "none",
            "producer": self._info("/Producer"),
        }

    def _info(self, key: str) -> str:
        return _read(lambda: _text(self.pdf.docinfo.get(key)))


def _text(value: Any) -> str:
    """A text entry as text; nothing for an absent one, and no repr for a wrong kind."""
    if value is None:
        return ""
    if isinstance(value, pikepdf.String | str):
        return str(value)
    return f"({_kind(value)}, not text)"


def _read(get: Callable[[], str]) -> str:
    """``get()``, or ``?`` when the file defeats it (a claim is shown, never a crash)."""
    try:
        return get()
    except Exception:  # a damaged file can make any read fail; the checks say why
        log.debug("inspect: a claim could not be read", exc_info=True)
        return "?"


CheckFn = Callable[[_Context], Iterator[Check]]
CHECKS: list[CheckFn] = []


def check(func: CheckFn) -> CheckFn:
    CHECKS.append(func)
    return func
