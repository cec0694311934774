"""Stage 2: fill the Word templates with the case's data (docxtpl).

Jinja runs sandboxed, with autoescaping (``&`` and ``<`` in data stay text, never broken XML)
and strict undefined variables (a missing value names the template and the variable).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import shutil
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.errors import BesluitpakError, Problem, ReadyMadeError, TemplateError
from besluitpak.render import (
    clearance,
    filters,
    package,
    public_odf,
    public_word,
    redact,
    revisions,
)
from besluitpak.render.context import context_for, ready_made_properties

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE file: a password-protected .docx, or an old .doc."""


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """A document as a Word (or ready-made) file, ready for conversion."""

    document: Document
    path: Path


class _Environment(SandboxedEnvironment):
    """Sandboxed, strict, autoescaping; and it compiles each distinct template source once:
    ten bijlagen from one Word template are one compilation, not ten."""

    def __init__(self) -> None:
        super().__init__(
            undefined=jinja2.StrictUndefined, autoescape=True, keep_trailing_newline=True
        )
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(
        self, source: Any, globals: Any = None, template_class: Any = None
    ) -> jinja2.Template:
        if not isinstance(source, str) or globals or template_class:
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


@functools.cache
def make_environment() -> SandboxedEnvironment:
    """The Jinja environment every template renders in (one per process)."""
    env = _Environment()
    filters.install(env)
    return env


def _open(template: Path) -> DocxTemplate:
    if not zipfile.is_zipfile(template):
        raise TemplateError(
            f"{template}: expected a Word .docx file (a zip archive), got a file "
            f"that is not one; save it again as .docx in Word or LibreOffice"
        ).coded("template-not-docx", template=template.name)
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise TemplateError(f"{template}: cannot read this Word template: {e}").coded(
            "template-unreadable", template=template.name
        ) from e
    package.repair_core_properties(tpl.docx)
    body = tpl.docx.element.body
    changes = len(body.findall(".//" + qn("w:ins"))) + len(body.findall(".//" + qn("w:del")))
    if changes:
        raise TemplateError(
            f"{template}: the template has {changes} tracked change(s); "
            f"accept or reject all changes in Word (Review > Accept all) and "
            f"save it again"
        ).coded("template-tracked-changes", template=template.name, count=str(changes))
    return tpl


def variables(template: Path) -> set[str]:
    """The top-level variables a template uses."""
    tpl = _open(template)
    try:
        used: set[str] = tpl.get_undeclared_template_variables(make_environment())
        unknown = filters.unknown_names(make_environment(), _sources(tpl))
    except jinja2.TemplateSyntaxError as e:
        raise _syntax_error(template, e, tpl) from None
    if unknown:
        raise _unknown(template, unknown[0])
    return used


def _sources(tpl: DocxTemplate) -> Iterator[tuple[str, str]]:
    """The Jinja source of each part docxtpl renders, as it renders it (one line per
    paragraph): the body, headers, footers and footnotes."""
    yield "body", _one_line_per_paragraph(tpl.patch_xml(tpl.get_xml()))
    for uri, part_name in ((tpl.HEADER_URI, "header"), (tpl.FOOTER_URI, "footer")):
        for _, part in tpl.get_headers_footers(uri):
            yield part_name, _one_line_per_paragraph(tpl.patch_xml(tpl.get_part_xml(part)))
    for part in tpl.docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            yield "footnotes", _one_line_per_paragraph(tpl.patch_xml(part.blob.decode("utf-8")))


def _one_line_per_paragraph(xml: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def preflight(case: Case) -> list[Problem]:
    """For each template: the variables it uses that its data lacks; for each ready-made
    .docx or .odt: tracked changes the case file does not say what to do with (empty list:
    all fine)."""
    problems: list[Problem] = [*_unresolved_changes(case)]
    checked: set[tuple[Path, str]] = set()
    for document in case.documents:
        if document.template is None or (document.template, document.id) in checked:
            continue
        checked.add((document.template, document.id))
        available = set(context_for(case, document)) | set(make_environment().globals)
        missing = sorted(variables(document.template) - available)
        for name in missing:
            where = document.data_file.name if document.data_file else "its data"
            problems.append(
                Problem(
                    file=Path(_shown(case, document.template)),
                    line=None,
                    key="",
                    message=f"uses variable {name!r}, which {where} (for "
                    f"{document.short_label.lower()}, id {document.id!r}) does not give",
                    code="template-variable-missing",
                    params={"name": name, "ident": document.id},
                )
            )
    return problems


def _unresolved_changes(case: Case) -> Iterator[Problem]:
    """A ready-made .docx or .odt with tracked changes and no ``wijzigingen``, located at
    its ``bestand`` in the case file (the build refuses it when it gets there)."""
    for document in case.bijlagen:
        if document.kind is not Kind.READY_WORD or document.bestand is None:
            continue
        if document.wijzigingen is not None or document.number is None:
            continue
        try:
            found = revisions.scan(document.bestand)
        except revisions.UNREADABLE:
            continue  # not readable: the build says so, naming the bijlage
        if found.changes:
            key = ("bijlagen", document.number - 1, "bestand")
            where = case.shown(document.bestand)
            yield case.source.problem(
                key,
                revisions.refusal(where, found),
                code="tracked-changes",
                params={"where": where, **found.counts(comments=False)},
            )


def _shown(case: Case, path: Path) -> str:
    try:
        return str(path.relative_to(case.root))
    except ValueError:
        return str(path)


def _syntax_error(
    template: Path, e: jinja2.TemplateSyntaxError, tpl: DocxTemplate
) -> TemplateError:
    unknown = filters.unknown_names(make_environment(), _sources(tpl))
    if unknown:
        return _unknown(template, unknown[0])
    near = _broken_paragraph(tpl) or _near(getattr(e, "docx_context", None))
    return TemplateError(f"{template}: template syntax error: {e.message}{near}").coded(
        "template-syntax", template=template.name
    )


def _undefined_name(e: jinja2.UndefinedError) -> str:
    """The name Jinja says is undefined (``'x' is undefined``, ``… has no attribute 'x'``)."""
    found = re.findall(r"'([^']*)'", str(e.message))
    return found[-1] if found else ""


def _unknown(template: Path, unknown: filters.Unknown) -> TemplateError:
    """A template that uses a filter or test that does not exist."""
    return TemplateError(f"{template}: {unknown.message(make_environment())}").coded(
        f"template-unknown-{unknown.kind}",
        template=template.name,
        name=unknown.name,
        near=unknown.text[:160],
    )


def _broken_paragraph(tpl: DocxTemplate) -> str:
    """The first paragraph whose own Jinja does not parse (block tags set aside)."""
    env = make_environment()
    for text in _all_paragraphs(tpl):
        inline = re.sub(r"\{%.*?%\}", "", text)
        if "{" not in inline and "}" not in inline:
            continue
        try:
            env.parse(inline)
        except jinja2.TemplateSyntaxError:
            return f" (near: {text[:160]!r})"
    return ""


def _near(lines: Any) -> str:
    if not lines:
        return ""
    text = " ".join(" ".join(str(x).split()) for x in lines).strip()
    return f" (near: {text[:160]!r})" if text else ""


def _undefined_context(tpl: DocxTemplate, message: str) -> str:
    match = re.search(r"has no attribute '([^']+)'", message) or re.search(
        r"'([^']+)' is undefined", message
    )
    if not match:
        return ""
    name = match.group(1)
    for paragraph in _all_paragraphs(tpl):
        if name in paragraph:
            return f" (near: {paragraph[:160]!r})"
    return ""


def _all_paragraphs(tpl: DocxTemplate) -> list[str]:
    texts = [p.text for p in tpl.docx.paragraphs]
    for table in tpl.docx.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def render_document(case: Case, document: Document, out: Path, *, public: bool = False) -> Path:
    """Render one generated document to ``out`` (.docx); for the public edition, rebuilt
    from what Word prints (:mod:`~besluitpak.render.public_word`)."""
    assert document.template is not None
    tpl = _open(document.template)
    context = context_for(case, document, public=public)
    try:
        tpl.render(context, jinja_env=make_environment(), autoescape=True)
    except filters.FilterFailure as e:
        raise _filter_failure(case, document, tpl, e) from None
    except jinja2.TemplateSyntaxError as e:
        raise _syntax_error(document.template, e, tpl) from None
    except jinja2.UndefinedError as e:
        raise TemplateError(
            f"{document.template}: undefined variable while rendering "
            f"{document.short_label.lower()} ({document.id}): {e.message}"
            f"{_undefined_context(tpl, str(e.message))}"
        ).coded(
            "template-undefined", template=document.template.name, name=_undefined_name(e)
        ) from None
    except jinja2.TemplateError as e:
        unknown = filters.unknown_names(make_environment(), _sources(tpl))
        if unknown:  # in an {% if %}, Jinja finds an unknown filter only when it runs
            raise _unknown(document.template, unknown[0]) from None
        raise TemplateError(
            f"{document.template}: cannot render {document.short_label.lower()} "
            f"({document.id}): {e}"
        ).coded("template-render-failed", template=document.template.name) from None
    except TemplateError:
        raise
    except (TypeError, ValueError, AttributeError) as e:
        raise TemplateError(
            f"{document.template}: cannot render {document.short_label.lower()} "
            f"({document.id}): {e}"
        ).coded("template-render-failed", template=document.template.name) from e
    redact.apply(tpl.docx, public=public, shown=_shown(case, document.template))
    _set_properties(tpl.docx, case, document)
    link_addresses(tpl.docx)
    package.save(tpl, out, shown=str(document.template))
    if public:  # the house template's unprinted parts (variables, properties) stay in the house
        shown = _shown(case, document.template)
        out.write_bytes(_public_copy(public_word.public_copy, out.read_bytes(), shown))
    return out


def _filter_failure(
    case: Case, document: Document, tpl: DocxTemplate, failure: filters.FilterFailure
) -> BesluitpakError:
    """A house filter got a value of the wrong kind: the value's place in the data, or,
    when the template computed it, the template and the paragraph."""
    assert document.template is not None
    template = _shown(case, document.template)
    near = _paragraph_with(tpl, rf"\|\s*{failure.name}\b")
    located = filters.locate(case, document, failure, template=template, near=near)
    if located is not None:
        return located
    return TemplateError(
        f"{template}: cannot render {document.short_label.lower()} ({document.id}): {failure}{near}"
    )


def _paragraph_with(tpl: DocxTemplate, pattern: str) -> str:
    """`` (near: '…')``: the first paragraph of the template matching ``pattern``."""
    for paragraph in _all_paragraphs(tpl):
        if re.search(pattern, paragraph):
            return f" (near: {paragraph[:160]!r})"
    return ""


def check_word(case: Case, document: Document) -> None:
    """A ready-made .docx must be a Word document we can open: not empty, not encrypted."""
    assert document.bestand is not None
    where = case.where(document)
    head = document.bestand.read_bytes()[:8]
    if not head:
        raise ReadyMadeError(f"{where}: the file is empty (0 bytes)").coded(
            "document-empty", where=where
        )
    if head == OLE_SIGNATURE:
        raise ReadyMadeError(
            f"{where}: the document is protected with a password (or saved "
            f"in the old .doc format); save it as .docx without a password"
        ).coded("document-protected-or-doc", where=where)
    if not zipfile.is_zipfile(document.bestand):
        raise ReadyMadeError(
            f"{where}: expected a Word document (.docx, a zip archive), got a file that is not one"
        ).coded("document-not-docx", where=where)


def prepare_ready_made(case: Case, document: Document, out: Path) -> Path:
    """A ready-made .docx gets what a rendered one gets: linked addresses and core
    properties that say what it is (not who edited it). Its comments are removed, its
    tracked changes accepted or rejected as the case file says (refused when it says
    nothing), and its header and footer kept clear of the bundle's stamp. Then the package
    is rebuilt from an allow-list of what Word prints (:mod:`~besluitpak.render.public_word`:
    no hidden text, field codes, glossary, variables, custom XML, custom properties, picture
    metadata or author-given names), for both editions alike."""
    assert document.bestand is not None
    check_word(case, document)
    where = case.where(document)
    choice = _choice(document)
    try:
        cleaned = revisions.cleaned(document.bestand, choice, where)
        docx = DocxDocument(io.BytesIO(cleaned))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise TemplateError(
            f"{document.bestand}: {document.short_label} is not a readable Word document: {e}"
        ).coded("unreadable-document", where=where) from e
    package.repair_core_properties(docx)
    _set_properties(docx, case, document)
    link_addresses(docx)
    unlink_remote_images(docx)
    clearance.clear_of_stamp(docx)
    package.save(docx, out, shown=where)
    out.write_bytes(_public_copy(public_word.public_copy, out.read_bytes(), where))
    return out


def _choice(document: Document) -> revisions.Choice | None:
    if document.wijzigingen == "aanvaarden":
        return "aanvaarden"
    if document.wijzigingen == "verwerpen":
        return "verwerpen"
    return None


def prepare_ready_odt(case: Case, document: Document, out: Path) -> Path:
    """A ready-made .odt as it is converted: without comments, its tracked changes accepted
    or rejected as the case file says (refused when it says nothing), rebuilt from an
    allow-list of what Writer shows (:mod:`~besluitpak.render.public_odf`: no hidden
    paragraphs, text or sections, which LibreOffice would print, no field codes, metadata,
    thumbnail or author-given names), for both editions alike."""
    assert document.bestand is not None
    clear = (clearance.TOP_CLEAR, clearance.BOTTOM_CLEAR)
    where = case.where(document)
    cleaned = revisions.cleaned(document.bestand, _choice(document), where, clear=clear)
    out.write_bytes(_public_copy(public_odf.public_copy, cleaned, where))
    return out


def _public_copy(rebuild: Callable[[bytes], bytes], data: bytes, where: str) -> bytes:
    """``data`` rebuilt by ``rebuild`` (:mod:`~besluitpak.render.public_word` or
    :mod:`~besluitpak.render.public_odf`); a part it cannot read is named with ``where``."""
    try:
        return rebuild(data)
    except (*revisions.UNREADABLE, ValueError) as e:  # a picture's NotAPicture too
        raise ReadyMadeError(f"{where}: cannot read this document: {e}").coded(
            "unreadable-document", where=where
        ) from None


def unlink_remote_images(docx: Any) -> int:
    """Drop images linked from the web (``r:link`` to an external target): LibreOffice would
    try to fetch them while converting. Embedded images stay. Returns how many."""
    part = docx.part
    remote = {
        rel_id for rel_id, rel in part.rels.items() if rel.is_external and rel.reltype == RT.IMAGE
    }
    count = 0
    for blip in part.element.iter(qn("a:blip")):
        link = blip.get(qn("r:link"))
        if link in remote:
            del blip.attrib[qn("r:link")]
            count += 1
    for rel_id in remote:
        del part.rels[rel_id]
    return count


def _set_properties(docx: Any, case: Case, document: Document) -> None:
    """Core properties say what the document is, not who last edited the template."""
    props = docx.core_properties
    for name, value in ready_made_properties(case, document).items():
        setattr(props, name, value)
    stamp = dt.datetime.combine(case.meta.collegevergadering, dt.time(0, 0))
    props.created = stamp
    props.modified = stamp
    props.revision = 1


_ADDRESS = re.compile(
    r"(https?://[^\s<>()]+|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>()]*)?"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)


def _href(address: str) -> str:
    if "@" in address and "://" not in address:
        return f"mailto:{address}"
    return address if "://" in address else f"https://{address}"


def link_addresses(docx: Any) -> int:
    """Make every web or e-mail address in the text a real hyperlink (screen readers and
    PDF/UA want a link annotation over an address). Returns how many were linked."""
    body = docx.element.body
    part = docx.part
    count = 0
    for run in list(body.iter(qn("w:r"))):
        if run.getparent().tag == qn("w:hyperlink"):
            continue
        texts = run.findall(qn("w:t"))
        if len(texts) != 1 or not texts[0].text:
            continue
        text = texts[0].text
        pieces: list[tuple[str, str | None]] = []
        last = 0
        for match in _ADDRESS.finditer(text):
            address = match.group().rstrip(".,;:!?")
            end = match.start() + len(address)
            pieces.append((text[last : match.start()], None))
            pieces.append((address, _href(address)))
            last = end
        if not any(href for _, href in pieces):
            continue
        pieces.append((text[last:], None))
        parent = run.getparent()
        before, after = _split_off_extras(run)
        index = parent.index(run)
        if before is not None:
            parent.insert(index, before)
            index += 1
        if after is not None:
            parent.insert(index + 1, after)
        for offset, (piece, href) in enumerate(p for p in pieces if p[0]):
            new_run = copy.deepcopy(run)
            new_run.find(qn("w:t")).text = piece
            new_run.find(qn("w:t")).set(qn("xml:space"), "preserve")
            if href is None:
                parent.insert(index + offset, new_run)
                continue
            props = new_run.find(qn("w:rPr"))
            if props is None:
                props = OxmlElement("w:rPr")
                new_run.insert(0, props)
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), "Hyperlink")
            props.insert(0, style)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), part.relate_to(href, RT.HYPERLINK, is_external=True))
            link.append(new_run)
            parent.insert(index + offset, link)
            count += 1
        parent.remove(run)
    return count


def _split_off_extras(run: Any) -> tuple[Any, Any]:
    """Move what a run holds besides its text (a tab, a break) into plain runs of their own,
    before and after it, so a link made of the text does not start with a tab (the
    underline began a centimetre before the address). Returns those runs (or None)."""
    text = run.find(qn("w:t"))
    props = run.find(qn("w:rPr"))
    extras = [child for child in run if child is not text and child is not props]
    if not extras:
        return None, None
    position = list(run).index(text)
    made: list[Any] = []
    for side in (
        [c for c in extras if list(run).index(c) < position],
        [c for c in extras if list(run).index(c) > position],
    ):
        if not side:
            made.append(None)
            continue
        plain = OxmlElement("w:r")
        if props is not None:
            plain.append(copy.deepcopy(props))
        for child in side:
            plain.append(child)  # moves it out of the run
        made.append(plain)
    return made[0], made[1]


def output_name(document: Document, suffix: str, variant: str = "") -> str:
    """``00-collegevoorstel.docx``, ``03-opgave-oost.docx``: position and id."""
    return f"{document.stem}{variant}{suffix}"


def write_source(case: Case, document: Document, target: Path, *, public: bool) -> None:
    """Write to ``target`` what the converter is given for ``document``: rendered from its
    template, or the ready-made .docx or .odt prepared and rebuilt from what it shows (the
    same for both editions: it holds nothing Word or Writer hides, and the pages ``lakken``
    names are the same pages in both)."""
    if document.kind is Kind.GENERATED:
        render_document(case, document, target, public=public)
    elif document.suffix == ".docx":
        prepare_ready_made(case, document, target)
    elif document.suffix == ".odt":
        prepare_ready_odt(case, document, target)
    else:
        assert document.bestand is not None  # a ready-made document has one
        shutil.copyfile(document.bestand, target)


@dataclass(frozen=True, kw_only=True)
class NotRendered:
    """A document ``render --openbaar`` does not write, and why (said to the user)."""

    document: Document
    reason: str


def render_case(
    case: Case, out_dir: Path, *, public: bool = False, withheld: Collection[Document] = ()
) -> tuple[Rendered, ...]:
    """Write into ``out_dir`` what the converter is given for each document
    (``besluitpak render``): generated ones rendered, ready-made ones prepared or copied.

    ``public``: as the public edition has them, written by the same :func:`write_source` the
    build uses for that edition; ``withheld`` is what that edition's plan withholds (the
    caller plans the edition). What it has no Word document of is not written
    (:func:`not_rendered` says why)."""
    skipped = (
        {item.document.id for item in not_rendered(case, withheld=withheld)} if public else set()
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = []
    for document in case.documents:
        if document.id in skipped:
            continue
        path = out_dir / output_name(document, document.suffix)
        write_source(case, document, path, public=public)
        rendered.append(Rendered(document=document, path=path))
    return tuple(rendered)


def not_rendered(case: Case, *, withheld: Collection[Document]) -> tuple[NotRendered, ...]:
    """What ``render --openbaar`` does not write, given what the public edition's plan
    withholds: a withheld bijlage (a placeholder page in the bundle), a ready-made document
    with withheld pages and a ready-made PDF (the public edition makes them as PDFs)."""
    found = ((d, _not_public_source(d, withheld)) for d in case.documents)
    return tuple(NotRendered(document=d, reason=reason) for d, reason in found if reason)


def _not_public_source(document: Document, withheld: Collection[Document]) -> str:
    """Why the public edition has no source file of ``document`` to show ("": it has)."""
    if document in withheld:
        return (
            f"not openbaar (grond {document.grond}): the public edition has only a "
            f"placeholder page, made when the bundle is assembled"
        )
    how = f"build it with: besluitpak build --only {document.id} --edition openbaar"
    if document.lakken:
        pages = ", ".join(item.paginas for item in document.lakken)
        return (
            f"has withheld pages (lakken: paginas {pages}), which the public edition "
            f"replaces in the PDF; {how}"
        )
    if document.kind is Kind.READY_PDF:
        return f"a ready-made PDF is no Word document; its public copy is a PDF, {how}"
    return ""
