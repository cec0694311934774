"""``besluitpak inspect``: what a PDF claims, and what was checked behind each claim.

For archivists (is this the file it says it is?) and for the tests. Each check reads the
file itself; none trusts what besluitpak meant to write. PDF/A-2 is checked as far as it can
be without a full validator (see README: what is and is not checked).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from lxml import etree
from pikepdf import Array, Dictionary, Name

from besluitpak.errors import BesluitpakError
from besluitpak.pdf.structure import number_tree_items

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


def inspect(path: Path) -> Report:
    """Open ``path`` and run every check; a file that is not a readable PDF is an error."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as e:
        raise BesluitpakError(f"{path}: the PDF is encrypted with a password") from e
    except (pikepdf.PdfError, OSError) as e:
        raise BesluitpakError(f"{path}: not a readable PDF: {e}") from e
    with pdf:
        report = Report(path=str(path))
        context = _Context(pdf)
        for check in CHECKS:
            report.checks.extend(check(context))
        report.claims = context.claims()
    return report


class _Context:
    """What several checks need, read once."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.xmp: Any = None
        self.xmp_error = ""
        if "/Metadata" in pdf.Root:
            try:
                parser = etree.XMLParser(resolve_entities=False, no_network=True)
                self.xmp = etree.fromstring(pdf.Root.Metadata.read_bytes(), parser)
            except etree.XMLSyntaxError as e:
                self.xmp_error = str(e)
        self.roles = {}
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            self.roles = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}

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
        info = self.pdf.docinfo
        part, level = self.xmp_text("pdfaid:part"), self.xmp_text("pdfaid:conformance")
        return {
            "title": str(info.get("/Title", "")),
            "author": str(info.get("/Author", "")),
            "language": str(self.pdf.Root.get("/Lang", "")),
            "pages": str(len(self.pdf.pages)),
            "pdfa": f"PDF/A-{part}{(level or '').lower()}" if part else "none",
            "pdfua": f"PDF/UA-{self.xmp_text('pdfuaid:part')}"
            if self.xmp_text("pdfuaid:part")
            else "none",
            "producer": str(info.get("/Producer", "")),
        }


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


@check
def metadata(c: _Context) -> Iterator[Check]:
    yield Check(
        "metadata",
        "XMP present and well-formed",
        c.xmp is not None,
        c.xmp_error or ("parsed" if c.xmp is not None else "no /Metadata stream"),
    )
    info = c.pdf.docinfo
    pairs = [
        ("/Title", "dc:title"),
        ("/Author", "dc:creator"),
        ("/Subject", "dc:description"),
        ("/Keywords", "pdf:Keywords"),
        ("/Producer", "pdf:Producer"),
    ]
    mismatches = []
    for key, path in pairs:
        if key in info and str(info[key]) != (c.xmp_text(path) or ""):
            mismatches.append(f"{key} {str(info[key])!r} vs {path} {c.xmp_text(path)!r}")
    for key, path in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if key in info and not (c.xmp_text(path) or "").startswith(
            _pdf_date_to_iso(str(info[key]))
        ):
            mismatches.append(f"{key} vs {path}")
    yield Check(
        "metadata",
        "Info dictionary matches XMP",
        not mismatches,
        "; ".join(mismatches) or "title, author, subject, keywords, producer, dates",
    )
    title = str(info.get("/Title", "")) or c.xmp_text("dc:title") or ""
    prefs = c.pdf.Root.get("/ViewerPreferences", Dictionary())
    yield Check(
        "metadata",
        "title shown by viewers",
        bool(title) and bool(prefs.get("/DisplayDocTitle", False)),
        f"title {title!r}; DisplayDocTitle={bool(prefs.get('/DisplayDocTitle', False))}",
    )
    lang = str(c.pdf.Root.get("/Lang", ""))
    yield Check("metadata", "document language", bool(lang), f"/Lang {lang or 'missing'}")


@check
def output_intent(c: _Context) -> Iterator[Check]:
    intents = c.pdf.Root.get("/OutputIntents", Array())
    ok, detail = False, "no OutputIntent"
    for intent in intents:
        if intent.get("/S") == Name.GTS_PDFA1 and "/DestOutputProfile" in intent:
            icc = intent.DestOutputProfile.read_bytes()
            ok = (
                icc[36:40] == b"acsp"
                and icc[16:20] == b"RGB "
                and int(intent.DestOutputProfile.get("/N", 0)) == 3
            )
            detail = (
                f"GTS_PDFA1 {intent.get('/OutputConditionIdentifier', '')}, ICC "
                f"{len(icc)} bytes, colour space {icc[16:20].decode(errors='replace')}"
            )
    yield Check("archival", "OutputIntent with an embedded ICC profile", ok, detail)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    seen: set[tuple[int, int]] = set()

    def visit(resources: pikepdf.Object) -> Iterator[pikepdf.Object]:
        for font in resources.get("/Font", Dictionary()).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for xobject in resources.get("/XObject", Dictionary()).values():
            if (
                xobject.get("/Subtype") == Name.Form
                and "/Resources" in xobject
                and xobject.objgen not in seen
            ):
                seen.add(xobject.objgen)
                yield from visit(xobject.Resources)

    for page in pdf.pages:
        if "/Resources" in page.obj:
            yield from visit(page.obj.Resources)


@check
def fonts(c: _Context) -> Iterator[Check]:
    not_embedded, no_unicode, count = [], [], 0
    for font in _fonts(c.pdf):
        count += 1
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        if font.get("/Subtype") == Name.Type3:
            continue
        owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = owner.get("/FontDescriptor", Dictionary())
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            not_embedded.append(name)
        standard = font.get("/Encoding") in (
            Name.WinAnsiEncoding,
            Name.MacRomanEncoding,
            Name.StandardEncoding,
        )
        if "/ToUnicode" not in font and not standard:
            no_unicode.append(name)
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
        if "/JS" in obj or obj.get("/S") == Name.JavaScript:
            scripts.append(str(obj.objgen))
        if obj.get("/S") in FORBIDDEN_ACTIONS and obj.get("/S") != Name.JavaScript:
            actions.append(str(obj.get("/S")))
        if isinstance(obj, pikepdf.Stream) and (
            "/F" in obj.stream_dict or "/FFilter" in obj.stream_dict
        ):
            external.append("external stream")
        if "/Ref" in obj and obj.get("/Subtype") == Name.Form:
            external.append("reference XObject")
        if "/OPI" in obj:
            external.append("OPI")
    names = c.pdf.Root.get("/Names", Dictionary())
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


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _owns(element: pikepdf.Object, page: pikepdf.Object, mcid: int) -> bool:
    for kid in _kids(element):
        if (
            isinstance(kid, int)
            and kid == mcid
            and "/Pg" in element
            and element.Pg.objgen == page.objgen
        ):
            return True
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR and int(kid.MCID) == mcid:
            owner = kid.get("/Pg", element.get("/Pg"))
            if owner is not None and owner.objgen == page.objgen:
                return True
    return False


def _marked(page: pikepdf.Page) -> tuple[set[int], int]:
    """MCIDs on a page, and how many pagination artifacts it draws."""
    mcids: set[int] = set()
    pagination = 0
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operands, operator = instruction.operands, instruction.operator
        if str(operator) != "BDC" or len(operands) < 2:
            continue
        props = operands[1]
        if isinstance(props, Dictionary):
            if "/MCID" in props:
                mcids.add(int(props.MCID))
            if operands[0] == Name.Artifact and props.get("/Type") == Name.Pagination:
                pagination += 1
    return mcids, pagination


def _reachability(pdf: pikepdf.Pdf, parent_tree: dict[Any, Any]) -> tuple[list[str], int, int]:
    """The marked content no structure element owns (``p.3 MCID 4``), the number of pages
    with marked content, and the number of pages with pagination artifacts."""
    unreachable, pages_with_content, stamped = [], 0, 0
    for number, page in enumerate(pdf.pages, start=1):
        mcids, pagination = _marked(page)
        stamped += 1 if pagination else 0
        if not mcids:
            continue
        pages_with_content += 1
        key = page.obj.get("/StructParents")
        elements = parent_tree.get(int(key)) if key is not None else None
        for mcid in sorted(mcids):
            if (
                elements is None
                or not isinstance(elements, Array)
                or mcid >= len(elements)
                or not _owns(elements[mcid], page.obj, mcid)
            ):
                unreachable.append(f"p.{number} MCID {mcid}")
    return unreachable, pages_with_content, stamped


@check
def structure(c: _Context) -> Iterator[Check]:
    pdf = c.pdf
    tree = pdf.Root.get("/StructTreeRoot")
    marked = bool(pdf.Root.get("/MarkInfo", Dictionary()).get("/Marked", False))
    yield Check(
        "structure",
        "tagged (StructTreeRoot, MarkInfo)",
        tree is not None and marked,
        f"StructTreeRoot {'present' if tree is not None else 'missing'}, Marked={marked}",
    )
    if tree is None:
        return
    top = _kids(tree)
    parts = (
        [k for k in _kids(top[0]) if c.standard(k.get("/S")) == "/Part"]
        if len(top) == 1 and c.standard(top[0].get("/S")) == "/Document"
        else []
    )
    yield Check(
        "structure",
        "one Document element",
        len(top) == 1 and c.standard(top[0].get("/S")) == "/Document",
        f"{len(parts)} Part elements under it"
        if parts
        else f"top level: {', '.join(str(k.get('/S')) for k in top[:5])}",
    )
    parent_tree = dict(number_tree_items(tree.get("/ParentTree", Dictionary())))
    unreachable, pages_with_content, stamped = _reachability(pdf, parent_tree)
    yield Check(
        "structure",
        "every page's marked content reachable from the tree",
        not unreachable,
        f"{pages_with_content} pages checked"
        + (f"; unreachable: {', '.join(unreachable[:5])}" if unreachable else ""),
    )
    keys = [int(k) for k in parent_tree]
    next_key = int(tree.get("/ParentTreeNextKey", 0))
    yield Check(
        "structure",
        "ParentTree consistent",
        not keys or next_key > max(keys),
        f"{len(keys)} keys, ParentTreeNextKey {next_key}",
    )
    c.stamped = stamped  # type: ignore[attr-defined]


def _walk(element: pikepdf.Object, depth: int = 0) -> Iterator[pikepdf.Object]:
    if not isinstance(element, Dictionary) or "/S" not in element or depth > 200:
        return
    yield element
    for kid in _kids(element):
        yield from _walk(kid, depth + 1)


@check
def semantics(c: _Context) -> Iterator[Check]:
    tree = c.pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return
    document = _kids(tree)[0] if _kids(tree) else tree
    units = [k for k in _kids(document) if c.standard(k.get("/S")) == "/Part"] or [document]
    jumps = []
    for unit in units:
        level = 0
        for element in _walk(unit):
            kind = c.standard(element.S)
            if re.fullmatch(r"/H[1-6]", kind):
                new = int(kind[2])
                if new > level + 1:
                    jumps.append(f"{unit.get('/T', '?')}: H{level} -> H{new}")
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
        kind = c.standard(element.S)
        if kind == "/Table":
            tables += 1
        elif kind == "/TH":
            headers += 1
            raw = element.get("/A")
            attrs = list(raw) if isinstance(raw, Array) else [raw] if raw is not None else []
            if not any(isinstance(a, Dictionary) and "/Scope" in a for a in attrs):
                no_scope += 1
        elif kind == "/L" and any(
            isinstance(k, Dictionary) and "/S" in k and c.standard(k.S) not in ("/LI", "/Caption")
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


def _scan_links(c: _Context) -> tuple[list[str], list[str], list[str], int]:
    """Pages with annotations but no /Tabs /S, with links outside the structure tree, with
    links without a description; and the number of links."""
    tree = c.pdf.Root.get("/StructTreeRoot")
    parent_tree = (
        dict(number_tree_items(tree.ParentTree))
        if tree is not None and "/ParentTree" in tree
        else {}
    )
    no_tabs: list[str] = []
    untagged: list[str] = []
    no_text: list[str] = []
    count = 0
    for number, page in enumerate(c.pdf.pages, start=1):
        annots = page.obj.get("/Annots", Array())
        if len(annots) and page.obj.get("/Tabs") != Name.S:
            no_tabs.append(str(number))
        for annot in annots:
            if annot.get("/Subtype") != Name.Link:
                continue
            count += 1
            key = annot.get("/StructParent")
            element = parent_tree.get(int(key)) if key is not None else None
            if not _link_in_tree(c, element, annot):
                untagged.append(str(number))
            if not str(annot.get("/Contents", "")) and "/Alt" not in (element or {}):
                no_text.append(str(number))
    return no_tabs, untagged, no_text, count


def _link_in_tree(c: _Context, element: Any, annot: pikepdf.Object) -> bool:
    """Is ``element`` a Link structure element that holds ``annot`` by an OBJR?"""
    return (
        isinstance(element, Dictionary)
        and c.standard(element.get("/S")) == "/Link"
        and any(
            isinstance(k, Dictionary)
            and k.get("/Type") == Name.OBJR
            and k.Obj.objgen == annot.objgen
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


@check
def navigation(c: _Context) -> Iterator[Check]:
    pdf = c.pdf
    try:
        with pdf.open_outline() as outline:
            top = list(outline.root)
            nested = sum(len(item.children) for item in top)
            broken = [
                item.title for item in top if item.destination is None and item.action is None
            ]
    except pikepdf.OutlineStructureError as e:
        yield Check("navigation", "bookmarks", False, f"broken outline: {e}")
        return
    yield Check(
        "navigation",
        "bookmarks",
        bool(top) and not broken,
        f"{len(top)} top-level, {nested} nested"
        + (f"; without target: {', '.join(broken[:3])}" if broken else ""),
    )
    labels = pdf.Root.get("/PageLabels")
    yield Check(
        "navigation",
        "page labels",
        labels is not None,
        f"{len(labels.get('/Nums', [])) // 2} ranges" if labels is not None else "no /PageLabels",
    )
    pages = len(pdf.pages)
    stamped = getattr(c, "stamped", 0)
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
