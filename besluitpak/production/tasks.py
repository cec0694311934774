"""The tasks that make a build's documents, each distinct document once, however many
packages or editions need it, and the packages that wait for each.

A task's key is its cache key (:func:`besluitpak.production.keys.document_key`): what made
its source and the tools, the build's converter among them. A ready-made PDF is checked and
cleaned afresh every time (its key names the case and the document). :class:`Packages`
collects the results as they arrive and says when a package has all its documents.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from besluitpak import events, fingerprint
from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.convert.stream import Result, Task
from besluitpak.events import OnEvent
from besluitpak.production import keys
from besluitpak.production.assembly import Package
from besluitpak.production.plan import Need, Plan


class Packages:
    """All packages of a build, and the tasks that make their documents."""

    def __init__(self, plans: Iterable[Plan], work: Path) -> None:
        self._packages = [Package(plan=plan, work=work) for plan in plans]
        self._tasks: dict[str, Task] = {}
        self._owners: dict[str, list[tuple[Package, Need]]] = {}
        for package in self._packages:
            tools = fingerprint.tools(package.plan.converter.identity)
            for need in package.plan.needs:
                task = _task(package.plan.case, need, tools)
                self._tasks.setdefault(task.key, task)
                self._owners.setdefault(task.key, []).append((package, need))

    def tasks(self) -> list[Task]:
        return list(self._tasks.values())

    def describe(self, tasks: Sequence[Task]) -> tuple[str, ...]:
        """``bijlage 1 (notitie)`` for each task, as the user knows the document."""
        return tuple(
            sorted(
                {
                    f"{need.document.short_label.lower()} ({need.document.id})"
                    for task in tasks
                    for _, need in self._owners[task.key]
                }
            )
        )

    def deliver(self, result: Result, emit: OnEvent) -> Iterator[Package]:
        """Record ``result`` for every package that needs it; the packages it completed."""
        for package, need in self._owners[result.task.key]:
            if package.error is not None or package.done:
                continue
            _report(package, need, result, emit)
            if result.error is not None:
                package.error = result.error
                continue
            if result.pdf is None:  # a source written, with warnings; its PDF comes later
                continue
            package.pdfs[need.variant] = result.pdf
            package.cached[need.variant] = result.cached
            if package.complete:
                package.done = True
                yield package

    def failed(self) -> list[Package]:
        return [package for package in self._packages if package.error is not None]


def _report(package: Package, need: Need, result: Result, emit: OnEvent) -> None:
    from besluitpak.render import leftovers, revisions  # tags, comments in a ready-made file

    kenmerk, doc_id = package.plan.kenmerk, need.document.id
    case, document = package.plan.case, need.document
    held = (*leftovers.warnings(case, document), *revisions.document_warnings(case, document))
    for warning in (*result.warnings, *held):
        if warning not in package.warnings:
            package.warnings.append(warning)
            emit(events.BuildWarning(message=warning, kenmerk=kenmerk))
    if result.pdf is None:
        return
    if result.cached:
        emit(events.DocumentFromCache(kenmerk=kenmerk, document=doc_id, edition=need.edition))
    elif result.task.convert:
        emit(
            events.DocumentConverted(
                kenmerk=kenmerk, document=doc_id, edition=need.edition, seconds=result.seconds
            )
        )
    else:
        emit(events.DocumentRendered(kenmerk=kenmerk, document=doc_id, edition=need.edition))


@functools.cache
def _case_id(path: Path) -> str:
    return hashlib.sha256(str(path).encode()).hexdigest()[:8]


def _task(case: Case, need: Need, tools: fingerprint.Tools) -> Task:
    """The task that makes ``need``'s PDF: render (or prepare) and convert, or, for a
    ready-made PDF, check and clean it."""
    document = need.document
    label = _label(case, document)
    if document.kind is Kind.READY_PDF:
        name = f"{_case_id(case.path)}-{document.id}"
        return Task(
            key=f"ready-{name}",
            name=name,
            suffix=".pdf",
            label=label,
            make=functools.partial(_ready_pdf, case, document),
        )
    key = keys.document_key(case, document, public=need.public, tools=tools)
    assert key is not None  # only a ready-made PDF has none
    return Task(
        key=key,
        name=f"{document.stem}-{key[:8]}",
        suffix=document.suffix,
        label=label,
        make=functools.partial(
            _source, case, document, keys.source_public(case, document, public=need.public)
        ),
        record=(("document", document.id), ("kenmerk", case.meta.kenmerk)),
    )


def _label(case: Case, document: Document) -> str:
    """``bijlage 3 (opgave-oost, bijlagen/oost.yaml)``: for messages."""
    where = document.id
    if document.origin is not None:
        try:
            where = document.origin.relative_to(case.root).as_posix()
        except ValueError:
            where = str(document.origin)
    return f"{document.short_label.lower()} ({document.id}, {where})"


def _source(case: Case, document: Document, public: bool, target: Path) -> list[str]:
    from besluitpak.render import docx  # the Word libraries load while LibreOffice starts

    docx.write_source(case, document, target, public=public)
    return []


def _ready_pdf(case: Case, document: Document, target: Path) -> list[str]:
    from besluitpak.pdf import readymade

    return readymade.prepare_pdf(case, document, target)
