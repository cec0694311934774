"""Jinja's errors while reading or filling a Word template, said with the template, the name
that is wrong and the paragraph it stands in (``(near: '…')``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from besluitpak.casefile.case import Case, Document
from besluitpak.errors import BesluitpakError, TemplateError
from besluitpak.render import filters

Sources = Iterable[tuple[str, str]]
"""The Jinja source of each part of a template (``body``, ``header``, …), as docxtpl renders
it."""


def syntax_error(
    template: Path,
    e: jinja2.TemplateSyntaxError,
    tpl: DocxTemplate,
    *,
    env: jinja2.Environment,
    sources: Sources,
) -> TemplateError:
    """A template whose Jinja does not parse: an unknown filter or test by its name, else
    Jinja's message and the paragraph that does not parse."""
    unknown = filters.unknown_names(env, sources)
    if unknown:
        return unknown_name(template, unknown[0], env=env)
    near = _broken_paragraph(tpl, env) or _near(getattr(e, "docx_context", None))
    return TemplateError(f"{template}: template syntax error: {e.message}{near}").coded(
        "template-syntax", template=template.name
    )


def undefined(document: Document, tpl: DocxTemplate, e: jinja2.UndefinedError) -> TemplateError:
    """A variable the template uses and its data does not give, with the paragraph."""
    assert document.template is not None
    return TemplateError(
        f"{document.template}: undefined variable while rendering "
        f"{document.short_label.lower()} ({document.id}): {e.message}"
        f"{_undefined_context(tpl, str(e.message))}"
    ).coded("template-undefined", template=document.template.name, name=_undefined_name(e))


def _undefined_name(e: jinja2.UndefinedError) -> str:
    """The name Jinja says is undefined (``'x' is undefined``, ``… has no attribute 'x'``)."""
    found = re.findall(r"'([^']*)'", str(e.message))
    return found[-1] if found else ""


def unknown_name(
    template: Path, unknown: filters.Unknown, *, env: jinja2.Environment
) -> TemplateError:
    """A template that uses a filter or test that does not exist."""
    return TemplateError(f"{template}: {unknown.message(env)}").coded(
        f"template-unknown-{unknown.kind}",
        template=template.name,
        name=unknown.name,
        near=unknown.text[:160],
    )


def _broken_paragraph(tpl: DocxTemplate, env: jinja2.Environment) -> str:
    """The first paragraph whose own Jinja does not parse (block tags set aside)."""
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


def filter_failure(
    case: Case,
    document: Document,
    tpl: DocxTemplate,
    failure: filters.FilterFailure,
    *,
    template: str,
) -> BesluitpakError:
    """A house filter got a value of the wrong kind: the value's place in the data, or,
    when the template computed it, the template (``template``, as shown) and the paragraph."""
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
