"""Stage 2: fill the Word templates with the case's data (docxtpl), and write what the
converter is given for every document (:func:`write_source`; ready-made ones are prepared in
:mod:`~besluitpak.render.ready_made`).

Jinja runs sandboxed, with autoescaping (``&`` and ``<`` in data stay text, never broken XML)
and strict undefined variables (a missing value names the template and the variable; the
messages are worded in :mod:`~besluitpak.render.template_errors`).
"""

from __future__ import annotations

import functools
import re
import shutil
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.errors import Problem, TemplateError
from besluitpak.render import (
    filters,
    package,
    public_word,
    redact,
    revisions,
    template_errors,
    word_redact,
)
from besluitpak.render.context import context_for
from besluitpak.render.ready_made import allow_listed, prepare_ready_made, prepare_ready_odt
from besluitpak.render.word_links import link_addresses

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


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
    env = make_environment()
    try:
        used: set[str] = tpl.get_undeclared_template_variables(env)
        unknown = filters.unknown_names(env, _sources(tpl))
    except jinja2.TemplateSyntaxError as e:
        raise template_errors.syntax_error(
            template, e, tpl, env=env, sources=_sources(tpl)
        ) from None
    if unknown:
        raise template_errors.unknown_name(template, unknown[0], env=env)
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


def render_document(case: Case, document: Document, out: Path, *, public: bool = False) -> Path:
    """Render one generated document to ``out`` (.docx); for the public edition, rebuilt
    from what Word prints (:mod:`~besluitpak.render.public_word`)."""
    assert document.template is not None
    tpl = _open(document.template)
    context = context_for(case, document, public=public)
    env = make_environment()
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except filters.FilterFailure as e:
        shown = _shown(case, document.template)
        raise template_errors.filter_failure(case, document, tpl, e, template=shown) from None
    except jinja2.TemplateSyntaxError as e:
        raise template_errors.syntax_error(
            document.template, e, tpl, env=env, sources=_sources(tpl)
        ) from None
    except jinja2.UndefinedError as e:
        raise template_errors.undefined(document, tpl, e) from None
    except jinja2.TemplateError as e:
        unknown = filters.unknown_names(env, _sources(tpl))
        if unknown:  # in an {% if %}, Jinja finds an unknown filter only when it runs
            raise template_errors.unknown_name(document.template, unknown[0], env=env) from None
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
    package.set_core_properties(tpl.docx, case, document)
    link_addresses(tpl.docx)
    package.save(tpl, out, shown=str(document.template))
    if public:  # the house template's unprinted parts (variables, properties) stay in the house
        shown = _shown(case, document.template)
        out.write_bytes(allow_listed(public_word.public_copy, out.read_bytes(), shown))
    return out


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
        if public:
            word_redact.apply(case, document, target)
    elif document.suffix == ".odt":
        prepare_ready_odt(case, document, target)
        if public:
            word_redact.apply(case, document, target)
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
        if all(item.paginas is not None for item in document.lakken):
            pages = ", ".join(str(item.paginas) for item in document.lakken)
            return (
                f"has withheld pages (lakken: paginas {pages}), which the public edition "
                f"replaces in the PDF; {how}"
            )
        shown = "; ".join(item.shown for item in document.lakken)
        return f"has withheld parts (lakken: {shown}), which the public edition removes; {how}"
    if document.kind is Kind.READY_PDF:
        return f"a ready-made PDF is no Word document; its public copy is a PDF, {how}"
    return ""
