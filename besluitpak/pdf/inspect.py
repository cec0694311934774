"""``besluitpak inspect``: what a PDF claims, and what was checked behind each claim.

For archivists (is this the file it says it is?) and for the tests. Each check reads the
file itself; none trusts what besluitpak meant to write. PDF/A-2 is checked as far as it can
be without a full validator (see README: what is and is not checked).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
from lxml import etree
from pikepdf import Array, Dictionary, Name

from besluitpak.errors import UnreadablePdfError

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

FORBIDDEN_ACTIONS = {
    "/Launch",
    "/Sound",
    "/Movie",
    "/ResetForm",
    "/ImportData",
    "/JavaScript",
    "/Hide",
    "/SetOCGState",
    "/Rendition",
    "/Trans",
    "/GoTo3DView",
    "/GoToR",
    "/GoToE",
}


@dataclass(frozen=True)
class Check:
    """One claim and what was found behind it."""

    area: str
    name: str
    ok: bool
    detail: str


@dataclass
class Report:
    """Everything ``inspect`` found about one file."""

    path: str
    claims: dict[str, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "claims": self.claims,
            "checks": [asdict(check) for check in self.checks],
        }


def checks(pdf: pikepdf.Pdf) -> list[Check]:
    """Every check on an open PDF (the build checks its bundle before it saves it)."""
    context = _Context(pdf)
    found: list[Check] = []
    for func in CHECKS:
        found.extend(_run(func, context))
    return found


def inspect(path: Path) -> Report:
    """Open ``path`` and run every check. A file that is not a readable PDF at all is an
    :class:`UnreadablePdfError`; a part of the file that a check cannot read is that check's
    FAIL, with the reason, and the other checks still run."""
    pdf = _open(path)
    with pdf:
        report = Report(path=str(path))
        context = _Context(pdf)
        report.checks.extend(_opened(pdf))
        for func in CHECKS:
            report.checks.extend(_run(func, context))
        report.claims = context.claims()
    return report


def _open(path: Path) -> pikepdf.Pdf:
    """The PDF at ``path``, or an error saying in one line why there is none."""
    if not path.exists():
        raise UnreadablePdfError(f"{path}: no such file")
    if path.is_dir():
        raise UnreadablePdfError(f"{path}: expected a PDF file, got a folder")
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as e:
        raise UnreadablePdfError(f"{path}: cannot read the file: {e.strerror or e}") from e
    if not head:
        raise UnreadablePdfError(f"{path}: expected a PDF, got an empty file (0 bytes)")
    if b"%PDF-" not in head:
        looks = "a web page (HTML)" if head.lstrip()[:1] == b"<" else "something else"
        raise UnreadablePdfError(f"{path}: not a readable PDF: expected a PDF, got {looks}")
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as e:
        raise UnreadablePdfError(f"{path}: the PDF is encrypted with a password") from e
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as e:
        raise UnreadablePdfError(f"{path}: not a readable PDF: {_qpdf_message(e, path)}") from e
    try:
        pdf.Root.get("/Type")
    except (pikepdf.PdfError, AttributeError, TypeError, ValueError, RuntimeError) as e:
        pdf.close()
        raise UnreadablePdfError(f"{path}: not a readable PDF: it has no catalog") from e
    return pdf


def _qpdf_message(error: Exception, path: Path) -> str:
    """qpdf's words without the file name it puts in front, on one line."""
    text = " ".join(str(error).split())
    for prefix in (f"{path}: ", f"{path.resolve()}: "):
        text = text.removeprefix(prefix)
    return text or type(error).__name__


def _opened(pdf: pikepdf.Pdf) -> Iterator[Check]:
    """Did qpdf have to repair the file to read it (a broken xref, a bad offset)?"""
    repairs = [" ".join(w.split()) for w in pdf.get_warnings() if w.strip()]
    yield Check(
        "file",
        "readable without repair",
        not repairs,
        f"damaged, repaired on reading: {repairs[0][:160]}"
        + (f" (and {len(repairs) - 1} more)" if len(repairs) > 1 else "")
        if repairs
        else "cross-reference table and objects intact",
    )


class _Unreadable(Exception):
    """A part of the file is missing or of the wrong type; the message says which, in a
    reader's words (``page 3: /Resources is a number, not a dictionary``)."""


PARTS = {
    "identification": ("identification", "XMP identification"),
    "metadata": ("metadata", "metadata"),
    "viewing": ("metadata", "viewer settings and language"),
    "output_intent": ("archival", "OutputIntent"),
    "fonts": ("fonts", "fonts"),
    "safety": ("archival", "objects and names"),
    "structure": ("structure", "structure tree"),
    "semantics": ("structure", "structure elements"),
    "links": ("annotations", "annotations"),
    "navigation": ("navigation", "bookmarks and page labels"),
}
"""For each check, its area and the part of the file it reads (for a FAIL when it cannot)."""


def _run(func: CheckFn, c: _Context) -> list[Check]:
    """The checks ``func`` makes; if the file defeats it midway, those it made and a FAIL
    saying which part could not be read, and why."""
    found: list[Check] = []
    try:
        found.extend(func(c))
    except Exception as e:  # a damaged file can make any read fail: report it, go on
        log.debug("inspect: %s could not read the file", func.__name__, exc_info=True)
        area, part = PARTS.get(func.__name__, (func.__name__, func.__name__.replace("_", " ")))
        found.append(Check(area, f"{part} readable", False, f"cannot read it: {_reason(e)}"))
    return found


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

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.xmp: Any = None
        self.xmp_error = ""
        self.stamped: int | None = None
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


def _pdf_date_to_iso(value: str) -> str:
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})", value)
    if not match:
        return value
    y, mo, d, h, mi, s = (int(g) for g in match.groups())
    return dt.datetime(y, mo, d, h, mi, s).strftime("%Y-%m-%dT%H:%M:%S")


@check
def identification(c: _Context) -> Iterator[Check]:
    part, level = c.xmp_text("pdfaid:part"), c.xmp_text("pdfaid:conformance")
    yield Check(
        "identification",
        "PDF/A-2 identification in XMP",
        part == "2" and level in {"A", "B", "U"},
        f"pdfaid:part={part}, conformance={level}",
    )
    ua = c.xmp_text("pdfuaid:part")
    schemas = (
        c.xmp.xpath("//pdfaSchema:namespaceURI/text()", namespaces=NS) if c.xmp is not None else []
    )
    yield Check(
        "identification",
        "PDF/UA-1 identification in XMP",
        ua == "1" and "http://www.aiim.org/pdfua/ns/id/" in schemas,
        f"pdfuaid:part={ua}; extension schema declares pdfuaid: "
        f"{'yes' if 'http://www.aiim.org/pdfua/ns/id/' in schemas else 'no'}",
    )


def _info(pdf: pikepdf.Pdf) -> Dictionary:
    """The Info dictionary (empty when there is none), or why it cannot be read."""
    info = pdf.trailer.get("/Info")
    return Dictionary() if info is None else _dict(info, "the trailer's /Info")


@check
def metadata(c: _Context) -> Iterator[Check]:
    yield Check(
        "metadata",
        "XMP present and well-formed",
        c.xmp is not None,
        c.xmp_error or ("parsed" if c.xmp is not None else "no /Metadata stream"),
    )
    info = _info(c.pdf)
    pairs = [
        ("/Title", "dc:title"),
        ("/Author", "dc:creator"),
        ("/Subject", "dc:description"),
        ("/Keywords", "pdf:Keywords"),
        ("/Producer", "pdf:Producer"),
    ]
    mismatches = []
    for key, path in pairs:
        if key in info and _text(info[key]) != (c.xmp_text(path) or ""):
            mismatches.append(f"{key} {_text(info[key])!r} vs {path} {c.xmp_text(path)!r}")
    for key, path in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if key in info and not (c.xmp_text(path) or "").startswith(
            _pdf_date_to_iso(_text(info[key]))
        ):
            mismatches.append(f"{key} vs {path}")
    yield Check(
        "metadata",
        "Info dictionary matches XMP",
        not mismatches,
        "; ".join(mismatches) or "title, author, subject, keywords, producer, dates",
    )


@check
def viewing(c: _Context) -> Iterator[Check]:
    info = _info(c.pdf)
    title = _text(info.get("/Title")) or c.xmp_text("dc:title") or ""
    prefs = _entry_dict(c.pdf.Root, "/ViewerPreferences", "")
    shown = prefs.get("/DisplayDocTitle") == True  # noqa: E712
    yield Check(
        "metadata",
        "title shown by viewers",
        bool(title) and shown,
        f"title {title!r}; DisplayDocTitle={shown}",
    )
    lang = c.pdf.Root.get("/Lang")
    text = str(lang) if isinstance(lang, pikepdf.String) else ""
    found = text or ("missing" if lang is None else f"is {_kind(lang)}, not text")
    yield Check("metadata", "document language", bool(text), f"/Lang {found}")


@check
def output_intent(c: _Context) -> Iterator[Check]:
    intents = _entry_array(c.pdf.Root, "/OutputIntents", "")
    ok, detail = False, "no OutputIntent"
    for index, intent in enumerate(intents):
        where = f"/OutputIntents[{index}]"
        intent = _dict(intent, where)
        if intent.get("/S") != Name.GTS_PDFA1 or "/DestOutputProfile" not in intent:
            continue
        profile = intent.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream):
            ok, detail = False, f"{where}/DestOutputProfile is {_kind(profile)}, not a stream"
            continue
        icc = profile.read_bytes()
        components = profile.get("/N", 0)
        ok = (
            icc[36:40] == b"acsp"
            and icc[16:20] == b"RGB "
            and _number(components, f"{where}/DestOutputProfile/N") == 3
        )
        detail = (
            f"GTS_PDFA1 {_text(intent.get('/OutputConditionIdentifier'))}, ICC "
            f"{len(icc)} bytes, colour space {icc[16:20].decode(errors='replace')}"
        )
    yield Check("archival", "OutputIntent with an embedded ICC profile", ok, detail)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[str, Dictionary]]:
    """Every font the pages use (also inside form XObjects), once, with where it is used."""
    seen: set[tuple[int, int]] = set()

    def visit(resources: Dictionary, where: str) -> Iterator[tuple[str, Dictionary]]:
        for key, font in _entry_dict(resources, "/Font", where).items():
            font = _dict(font, f"{where}/Font{key}")
            if not font.is_indirect or font.objgen not in seen:
                seen.add(font.objgen)
                yield f"{where}/Font{key}", font
        for key, xobject in _entry_dict(resources, "/XObject", where).items():
            if (
                isinstance(xobject, pikepdf.Stream)
                and xobject.get("/Subtype") == Name.Form
                and "/Resources" in xobject
                and xobject.objgen not in seen
            ):
                seen.add(xobject.objgen)
                inner = f"{where}/XObject{key}"
                yield from visit(_dict(xobject.get("/Resources"), f"{inner}/Resources"), inner)

    for number, page in enumerate(pdf.pages, start=1):
        if "/Resources" in page.obj:
            where = f"page {number}: "
            yield from visit(_dict(page.obj.get("/Resources"), f"{where}/Resources"), where)


@check
def fonts(c: _Context) -> Iterator[Check]:
    not_embedded, no_unicode, no_gid_map, count = [], [], [], 0
    for where, font in _fonts(c.pdf):
        count += 1
        base = font.get("/BaseFont")
        name = str(base).lstrip("/") if isinstance(base, Name) else "?"
        if font.get("/Subtype") == Name.Type3:
            continue
        descendants = _entry_array(font, "/DescendantFonts", where)
        owner = _dict(descendants[0], f"{where}/DescendantFonts[0]") if descendants else font
        descriptor = _entry_dict(owner, "/FontDescriptor", where)
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            not_embedded.append(name)
        standard = font.get("/Encoding") in (
            Name.WinAnsiEncoding,
            Name.MacRomanEncoding,
            Name.StandardEncoding,
        )
        page = where.split(":", 1)[0].replace("page ", "p.")
        if "/ToUnicode" not in font and not standard:
            no_unicode.append(f"{name} ({page})")
        if owner.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in owner:
            no_gid_map.append(f"{name} ({page})")
    yield Check(
        "fonts",
        "every font embedded",
        not not_embedded,
        f"{count} fonts" + (f"; not embedded: {', '.join(not_embedded)}" if not_embedded else ""),
    )
    yield Check(
        "fonts",
        "every font maps to Unicode",
        not no_unicode,
        "ToUnicode or a standard encoding"
        + (f"; missing: {', '.join(no_unicode)}" if no_unicode else ""),
    )
    yield Check(
        "fonts",
        "every CID font has a glyph map",
        not no_gid_map,
        "CIDToGIDMap on every CIDFontType2"
        + (f"; missing: {', '.join(no_gid_map)}" if no_gid_map else ""),
    )


def _action(obj: Any) -> str:
    """The action type ``/S`` of a dictionary, as text ('' when it has none or a wrong one)."""
    kind = obj.get("/S")
    return str(kind) if isinstance(kind, Name) else ""


@check
def safety(c: _Context) -> Iterator[Check]:
    yield Check(
        "archival",
        "not encrypted",
        not c.pdf.is_encrypted,
        "encrypted" if c.pdf.is_encrypted else "no /Encrypt",
    )
    scripts, actions, external = [], [], []
    for obj in c.pdf.objects:
        if not isinstance(obj, Dictionary | pikepdf.Stream):
            continue
        action = _action(obj)
        if "/JS" in obj or action == "/JavaScript":
            scripts.append(str(obj.objgen))
        if action in FORBIDDEN_ACTIONS and action != "/JavaScript":
            actions.append(action)
        if isinstance(obj, pikepdf.Stream) and (
            "/F" in obj.stream_dict or "/FFilter" in obj.stream_dict
        ):
            external.append("external stream")
        if "/Ref" in obj and obj.get("/Subtype") == Name.Form:
            external.append("reference XObject")
        if "/OPI" in obj:
            external.append("OPI")
    names = _entry_dict(c.pdf.Root, "/Names", "")
    if "/JavaScript" in names:
        scripts.append("document JavaScript")
    if "/EmbeddedFiles" in names:
        external.append("embedded files")
    yield Check(
        "archival",
        "no JavaScript",
        not scripts,
        f"found in {', '.join(scripts)}" if scripts else "none",
    )
    yield Check(
        "archival",
        "no forbidden actions",
        not actions,
        ", ".join(sorted(set(actions))) or "none (no Launch, GoToR, Sound, Movie…)",
    )
    yield Check(
        "archival",
        "no external references or attachments",
        not external,
        ", ".join(sorted(set(external))) or "none",
    )


def _kids(element: Any) -> list[Any]:
    """An element's /K as a list (PDF allows one kid or an array); none for a non-element."""
    if not isinstance(element, Dictionary):
        return []
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _role(element: Any) -> Any:
    """An element's structure type /S, or None when it is not an element."""
    return element.get("/S") if isinstance(element, Dictionary) else None


def _same(a: Any, b: Any) -> bool:
    """Are ``a`` and ``b`` the same indirect object?"""
    return (
        isinstance(a, pikepdf.Object)
        and isinstance(b, pikepdf.Object)
        and a.is_indirect
        and b.is_indirect
        and a.objgen == b.objgen
    )


def _owns(element: Any, page: pikepdf.Object, mcid: int) -> bool:
    if not isinstance(element, Dictionary):
        return False
    for kid in _kids(element):
        if isinstance(kid, int) and not isinstance(kid, bool):
            if kid == mcid and _same(element.get("/Pg"), page):
                return True
        elif (
            isinstance(kid, Dictionary)
            and kid.get("/Type") == Name.MCR
            and kid.get("/MCID") == mcid
            and _same(kid.get("/Pg", element.get("/Pg")), page)
        ):
            return True
    return False


_MARKED: dict[bytes, tuple[frozenset[int], int]] = {}
"""What :func:`_marked` found, by the digest of a page's content: a bundle rebuilt after
one changed bijlage has the same content streams on most of its pages."""


def _content_digest(page: pikepdf.Page) -> bytes | None:
    contents = page.obj.get("/Contents")
    streams = [contents] if isinstance(contents, pikepdf.Stream) else contents
    if not isinstance(streams, (Array, list)):
        return None
    digest = hashlib.blake2b(digest_size=20)
    for stream in streams:
        if not isinstance(stream, pikepdf.Stream):
            return None
        digest.update(stream.read_bytes())
        digest.update(b"\0")
    return digest.digest()


def _marked(page: pikepdf.Page, where: str) -> tuple[set[int], int]:
    """MCIDs on a page, and how many pagination artifacts it draws (remembered by the
    digest of the page's content, in this process)."""
    try:
        digest = _content_digest(page)
    except pikepdf.PdfError:
        digest = None
    if digest is not None and digest in _MARKED:
        known, pagination = _MARKED[digest]
        return set(known), pagination
    mcids, pagination = _parse_marked(page, where)
    if digest is not None:
        if len(_MARKED) > 20_000:
            _MARKED.clear()
        _MARKED[digest] = (frozenset(mcids), pagination)
    return mcids, pagination


def _parse_marked(page: pikepdf.Page, where: str) -> tuple[set[int], int]:
    mcids: set[int] = set()
    pagination = 0
    try:
        instructions = pikepdf.parse_content_stream(page, "BDC")  # only those: 3x faster
    except pikepdf.PdfError as e:
        raise _Unreadable(f"{where}its content stream is damaged: {_qpdf_text(e)}") from e
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operands, operator = instruction.operands, instruction.operator
        if str(operator) != "BDC" or len(operands) < 2:
            continue
        props = operands[1]
        if isinstance(props, Dictionary):
            if "/MCID" in props:
                mcids.add(_number(props.get("/MCID"), f"{where}an /MCID"))
            if operands[0] == Name.Artifact and props.get("/Type") == Name.Pagination:
                pagination += 1
    return mcids, pagination


def _qpdf_text(error: Exception) -> str:
    return " ".join(str(error).split())[:160]


def _reachability(pdf: pikepdf.Pdf, parent_tree: dict[int, Any]) -> tuple[list[str], int, int]:
    """The marked content no structure element owns (``p.3 MCID 4``), the number of pages
    with marked content, and the number of pages with pagination artifacts."""
    unreachable, pages_with_content, stamped = [], 0, 0
    for number, page in enumerate(pdf.pages, start=1):
        mcids, pagination = _marked(page, f"page {number}: ")
        stamped += 1 if pagination else 0
        if not mcids:
            continue
        pages_with_content += 1
        key = page.obj.get("/StructParents")
        elements = (
            parent_tree.get(_number(key, f"page {number}: /StructParents"))
            if key is not None
            else None
        )
        for mcid in sorted(mcids):
            if (
                elements is None
                or not isinstance(elements, Array)
                or mcid >= len(elements)
                or not _owns(elements[mcid], page.obj, mcid)
            ):
                unreachable.append(f"p.{number} MCID {mcid}")
    return unreachable, pages_with_content, stamped


def _parent_tree(tree: Dictionary) -> dict[int, Any]:
    node = tree.get("/ParentTree")
    return {} if node is None else _number_tree(node, "/StructTreeRoot/ParentTree")


@check
def structure(c: _Context) -> Iterator[Check]:
    pdf = c.pdf
    tree = _struct_tree(pdf)
    marked = _entry_dict(pdf.Root, "/MarkInfo", "").get("/Marked") == True  # noqa: E712
    yield Check(
        "structure",
        "tagged (StructTreeRoot, MarkInfo)",
        tree is not None and marked,
        f"StructTreeRoot {'present' if tree is not None else 'missing'}, Marked={marked}",
    )
    if tree is None:
        return
    if c.roles_error:
        yield Check("structure", "role map readable", False, c.roles_error)
    top = _kids(tree)
    one_document = len(top) == 1 and c.standard(_role(top[0])) == "/Document"
    parts = [k for k in _kids(top[0]) if c.standard(_role(k)) == "/Part"] if one_document else []
    yield Check(
        "structure",
        "one Document element",
        one_document,
        f"{len(parts)} Part elements under it"
        if parts
        else f"top level: {', '.join(str(_role(k)) for k in top[:5]) or 'empty'}",
    )
    parent_tree = _parent_tree(tree)
    unreachable, pages_with_content, stamped = _reachability(pdf, parent_tree)
    c.stamped = stamped
    yield Check(
        "structure",
        "every page's marked content reachable from the tree",
        not unreachable,
        f"{pages_with_content} pages checked"
        + (f"; unreachable: {', '.join(unreachable[:5])}" if unreachable else ""),
    )
    keys = list(parent_tree)
    next_key = _number(tree.get("/ParentTreeNextKey", 0), "/StructTreeRoot/ParentTreeNextKey")
    yield Check(
        "structure",
        "ParentTree consistent",
        not keys or next_key > max(keys),
        f"{len(keys)} keys, ParentTreeNextKey {next_key}",
    )


def _walk(element: Any, seen: set[tuple[int, int]] | None = None) -> Iterator[Dictionary]:
    """Every structure element under ``element``, each once (a loop is followed once)."""
    seen = set() if seen is None else seen
    todo = [element]
    while todo:
        current = todo.pop()
        if not isinstance(current, Dictionary) or "/S" not in current:
            continue
        if current.is_indirect:
            if current.objgen in seen:
                continue
            seen.add(current.objgen)
        yield current
        todo.extend(reversed(_kids(current)))


@check
def semantics(c: _Context) -> Iterator[Check]:
    tree = _struct_tree(c.pdf)
    if tree is None:
        return
    top = _kids(tree)
    document = top[0] if top and isinstance(top[0], Dictionary) else tree
    units = [k for k in _kids(document) if c.standard(_role(k)) == "/Part"] or [document]
    jumps = []
    for unit in units:
        level = 0
        for element in _walk(unit):
            kind = c.standard(_role(element))
            if re.fullmatch(r"/H[1-6]", kind):
                new = int(kind[2])
                if new > level + 1:
                    jumps.append(f"{_text(unit.get('/T')) or '?'}: H{level} -> H{new}")
                level = new
    yield Check(
        "structure",
        "headings in order per document",
        not jumps,
        "; ".join(jumps[:3]) or f"{len(units)} documents",
    )
    headers = no_scope = tables = 0
    bad_lists = 0
    for element in _walk(document):
        kind = c.standard(_role(element))
        if kind == "/Table":
            tables += 1
        elif kind == "/TH":
            headers += 1
            raw = element.get("/A")
            attrs = list(raw) if isinstance(raw, Array) else [raw] if raw is not None else []
            if not any(isinstance(a, Dictionary) and "/Scope" in a for a in attrs):
                no_scope += 1
        elif kind == "/L" and any(
            isinstance(k, Dictionary)
            and "/S" in k
            and c.standard(_role(k)) not in ("/LI", "/Caption")
            for k in _kids(element)
        ):
            bad_lists += 1
    yield Check(
        "structure",
        "table header cells have a scope",
        no_scope == 0,
        f"{tables} tables, {headers} TH" + (f", {no_scope} without /Scope" if no_scope else ""),
    )
    yield Check(
        "structure",
        "lists are L/LI",
        bad_lists == 0,
        f"{bad_lists} lists with other children" if bad_lists else "ok",
    )
    yield _note_ids(c, document)


def _note_ids(c: _Context, document: Any) -> Check:
    """PDF/UA 7.9: every Note has an /ID, and no two the same."""
    ids: list[str] = []
    missing = []
    for element in _walk(document):
        if c.standard(_role(element)) != "/Note":
            continue
        value = _text(element.get("/ID"))
        if value:
            ids.append(value)
        else:
            page = element.get("/Pg")
            number = next((n for n, p in enumerate(c.pdf.pages, 1) if _same(p.obj, page)), None)
            missing.append(f"p.{number}" if number else "?")
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    detail = f"{len(ids) + len(missing)} notes"
    if missing:
        detail += f"; without an ID on {', '.join(missing[:5])}"
    if doubles:
        detail += f"; IDs used twice: {', '.join(doubles[:5])}"
    return Check("structure", "every note has its own ID", not missing and not doubles, detail)


def _scan_links(c: _Context) -> tuple[list[str], list[str], list[str], int]:
    """Pages with annotations but no /Tabs /S, with links outside the structure tree, with
    links without a description; and the number of links."""
    tree = _struct_tree(c.pdf)
    parent_tree = _parent_tree(tree) if tree is not None else {}
    no_tabs: list[str] = []
    untagged: list[str] = []
    no_text: list[str] = []
    count = 0
    for number, page in enumerate(c.pdf.pages, start=1):
        where = f"page {number}: "
        annots = _entry_array(page.obj, "/Annots", where)
        if len(annots) and page.obj.get("/Tabs") != Name.S:
            no_tabs.append(str(number))
        for index, annot in enumerate(annots):
            annot = _dict(annot, f"{where}/Annots[{index}]")
            if annot.get("/Subtype") != Name.Link:
                continue
            count += 1
            key = annot.get("/StructParent")
            element = (
                parent_tree.get(_number(key, f"{where}a link's /StructParent"))
                if key is not None
                else None
            )
            if not _link_in_tree(c, element, annot):
                untagged.append(str(number))
            has_alt = isinstance(element, Dictionary) and "/Alt" in element
            if not _text(annot.get("/Contents")) and not has_alt:
                no_text.append(str(number))
    return no_tabs, untagged, no_text, count


def _link_in_tree(c: _Context, element: Any, annot: pikepdf.Object) -> bool:
    """Is ``element`` a Link structure element that holds ``annot`` by an OBJR?"""
    return (
        isinstance(element, Dictionary)
        and c.standard(_role(element)) == "/Link"
        and any(
            isinstance(k, Dictionary)
            and k.get("/Type") == Name.OBJR
            and _same(k.get("/Obj"), annot)
            for k in _kids(element)
        )
    )


@check
def links(c: _Context) -> Iterator[Check]:
    no_tabs, untagged, no_text, count = _scan_links(c)
    yield Check(
        "annotations",
        "pages with annotations use structure order (/Tabs /S)",
        not no_tabs,
        f"pages without: {', '.join(no_tabs)}" if no_tabs else "ok",
    )
    yield Check(
        "annotations",
        "every link is in the structure tree",
        not untagged,
        f"{count} links"
        + (f"; untagged on pages {', '.join(sorted(set(untagged)))}" if untagged else ""),
    )
    yield Check(
        "annotations",
        "every link has a description",
        not no_text,
        f"missing on pages {', '.join(sorted(set(no_text)))}" if no_text else "ok",
    )


def _bookmarks(pdf: pikepdf.Pdf) -> Check:
    try:
        with pdf.open_outline() as outline:
            top = list(outline.root)
            nested = sum(len(item.children) for item in top)
            broken = [
                item.title for item in top if item.destination is None and item.action is None
            ]
    except Exception as e:  # a damaged outline can fail in many ways: report it, go on
        log.debug("inspect: the outline could not be read", exc_info=True)
        reason = _qpdf_text(e) if isinstance(e, pikepdf.OutlineStructureError) else _reason(e)
        return Check("navigation", "bookmarks", False, f"broken outline: {reason}")
    return Check(
        "navigation",
        "bookmarks",
        bool(top) and not broken,
        f"{len(top)} top-level, {nested} nested"
        + (f"; without target: {', '.join(broken[:3])}" if broken else ""),
    )


def _stamped(pdf: pikepdf.Pdf) -> int:
    """Pages that draw a pagination artifact (pages whose content is damaged count not)."""
    count = 0
    for number, page in enumerate(pdf.pages, start=1):
        try:
            count += 1 if _marked(page, f"page {number}: ")[1] else 0
        except _Unreadable:
            continue  # the structure check reports the damaged page
    return count


@check
def navigation(c: _Context) -> Iterator[Check]:
    pdf = c.pdf
    yield _bookmarks(pdf)
    labels = pdf.Root.get("/PageLabels")
    ranges = (
        len(_entry_array(_dict(labels, "/PageLabels"), "/Nums", "/PageLabels")) // 2
        if labels is not None
        else 0
    )
    yield Check(
        "navigation",
        "page labels",
        labels is not None,
        f"{ranges} ranges" if labels is not None else "no /PageLabels",
    )
    pages = len(pdf.pages)
    stamped = c.stamped if c.stamped is not None else _stamped(pdf)
    yield Check(
        "furniture",
        "page numbers and labels are artifacts",
        stamped == 0 or stamped >= pages - 1,
        f"{stamped} of {pages} pages carry a pagination artifact",
    )


def render_text(report: Report) -> str:
    """The report as a person reads it."""
    lines = [f"{report.path}"]
    claims = report.claims
    lines.append(
        f"  claims: {claims.get('pdfa')}, {claims.get('pdfua')}, "
        f"language {claims.get('language') or '?'}, {claims.get('pages')} pages"
    )
    lines.append(f"  title:  {claims.get('title')}")
    for area in dict.fromkeys(item.area for item in report.checks):
        lines.append(f"  {area}")
        for item in report.checks:
            if item.area == area:
                lines.append(f"    [{'ok' if item.ok else 'FAIL'}] {item.name}: {item.detail}")
    failed = len(report.failed())
    lines.append(
        f"  all {len(report.checks)} checks passed"
        if not failed
        else f"  {failed} of {len(report.checks)} checks FAILED"
    )
    return "\n".join(lines)
