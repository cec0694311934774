"""The packages of a build: what each needs, which tasks make it, and its assembly.

A :class:`Plan` is decided before any work (editions, targets, the fingerprint, whether it
is up to date). :class:`Packages` turns the plans into conversion tasks — each distinct
document once, however many packages or editions need it — collects the results as they
arrive, and says when a package has all its documents. :meth:`Package.assemble` writes it.

The public variant of a document differs only when its template uses the steller's
personal data (the cache key says so); a withheld bijlage is not rendered for a public
edition at all.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from besluitpak import __version__, events, fingerprint, state
from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.convert import cache, libreoffice
from besluitpak.convert.stream import Result, Task
from besluitpak.errors import BesluitpakError, CaseError, Problem
from besluitpak.events import OnEvent
from besluitpak.files import cache_home, safe_name
from besluitpak.publication import guard
from besluitpak.publication.editions import EditionPlan, placeholder_lines, plan_edition
from besluitpak.settings import BuildSettings

if TYPE_CHECKING:
    from besluitpak.pdf.assemble import Layout, Options, Part
    from besluitpak.publication.secrets import Secrets

T = TypeVar("T")
Variant = tuple[str, str]
"""(``intern`` or ``openbaar``, document id)."""


def bundle_name(case: Case, edition: str) -> str:
    """``collegebesluit-2014-123456-intern.pdf``."""
    return f"collegebesluit-{safe_name(case.meta.kenmerk)}-{edition}.pdf"


def document_name(case: Case, document: Document) -> str:
    """``collegebesluit-2014-123456-bijlage-03-opgave-noord.pdf``."""
    what = (
        "collegevoorstel"
        if document.number is None
        else f"bijlage-{document.number:02d}-{document.id}"
    )
    return f"collegebesluit-{safe_name(case.meta.kenmerk)}-{what}.pdf"


def single_name(case: Case, document: Document, edition: str) -> str:
    """What ``build --only`` writes: the intern edition under :func:`document_name`, the
    public one beside it as ``…-bijlage-03-opgave-noord-openbaar.pdf``."""
    name = document_name(case, document)
    return name if edition == "intern" else name.removesuffix(".pdf") + f"-{edition}.pdf"


def describe_request(case: Case, only: Sequence[str]) -> str:
    """``collegevoorstel and 11 bijlagen``, or the documents asked for."""
    return ", ".join(only) if only else f"collegevoorstel and {len(case.bijlagen)} bijlagen"


def producer() -> str:
    return f"besluitpak {__version__}; {libreoffice.version()}; pikepdf"


@dataclass(frozen=True, kw_only=True)
class Target:
    """One package to build: which case, into which folder."""

    case: Case
    out: Path


@dataclass(frozen=True, kw_only=True)
class DocumentResult:
    """One document of one edition, and where its PDF came from."""

    id: str
    edition: str
    cached: bool
    """Taken from the cache (inputs unchanged) rather than rendered and converted."""


@dataclass(frozen=True, kw_only=True)
class Need:
    """One document that one edition of a package needs."""

    edition: str
    document: Document
    public: bool

    @property
    def variant(self) -> Variant:
        return (self.edition, self.document.id)


@dataclass(frozen=True, kw_only=True)
class Plan:
    """One package, decided before any work."""

    index: int
    case: Case
    out: Path
    settings: BuildSettings
    editions: tuple[EditionPlan, ...]
    targets: tuple[Path, ...]
    key: str
    """The fingerprint of everything the targets are built from."""
    needs: tuple[Need, ...]
    up_to_date: bool

    @property
    def kenmerk(self) -> str:
        return self.case.meta.kenmerk

    def remember_run(self) -> None:
        """Let the next ``build`` of the same case into the same folder find out without
        loading the case that nothing changed (see state.py). Not for a publication."""
        settings, case = self.settings, self.case
        if settings.final or settings.override is not None:
            return
        state.remember_run(
            self.out,
            state.Run(case=case.path, editions=settings.editions, only=settings.only),
            today=settings.today,
            inputs=[*case.inputs, *case.schemas],
            targets=self.targets,
            kenmerk=self.kenmerk,
            what=describe_request(case, settings.only),
            notes=[f"{p.name}: {line}" for p in self.editions for line in p.summary()],
        )


def plan_package(index: int, case: Case, out: Path, *, settings: BuildSettings) -> Plan:
    """What to build for ``case`` into ``out``, and whether it is already there."""
    only = _known_ids(case, settings.only)
    editions = tuple(
        plan_edition(
            case, name, today=settings.today, final=settings.final, override=settings.override
        )
        for name in settings.editions
    )
    if only:  # each document of each edition on its own, from that edition's plan
        _refuse_withheld(case, only, editions)
        targets = tuple(
            out / single_name(case, d, p.name)
            for p in editions
            for d in case.documents
            if d.id in only
        )
    else:
        targets = tuple(out / bundle_name(case, p.name) for p in editions)
    key = fingerprint.bundle_key(
        case, editions, only, tools=fingerprint.tools(libreoffice.identity())
    )
    return Plan(
        index=index,
        case=case,
        out=out,
        settings=settings,
        editions=editions,
        targets=targets,
        key=key,
        needs=_needs(case, only, editions),
        up_to_date=settings.use_cache and state.up_to_date(out, targets, key),
    )


def _known_ids(case: Case, only: Sequence[str]) -> tuple[str, ...]:
    unknown = sorted(set(only) - {d.id for d in case.documents})
    if unknown:
        known = ", ".join(d.id for d in case.documents)
        raise CaseError(
            [
                Problem(
                    file=case.path,
                    line=None,
                    key="--only",
                    message=f"expected a document id ({known}), got "
                    f"{', '.join(map(repr, unknown))}",
                )
            ]
        )
    return tuple(dict.fromkeys(only))


def _refuse_withheld(case: Case, only: Sequence[str], editions: Sequence[EditionPlan]) -> None:
    """A public edition of one document that edition withholds does not exist: refused,
    before any work. (Its placeholder page belongs to the bundle; a file of its own would
    carry the bijlage's id, which nothing public may, in its name.)"""
    problems = [
        Problem(
            file=case.path,
            line=None,
            key="--only",
            message=f"{d.short_label.lower()} ({d.id}): not openbaar (grond {d.grond}): "
            f"the {edition.name} edition has only its placeholder page, in the bundle; build "
            f"it with --edition intern, or the bundle with --edition {edition.name}",
        )
        for edition in editions
        if edition.public
        for d in edition.withheld
        if d.id in only
    ]
    if problems:
        raise CaseError(problems)


def _needs(case: Case, only: Sequence[str], editions: Sequence[EditionPlan]) -> tuple[Need, ...]:
    """What each edition needs converted: its documents (only those asked for), never one
    it withholds; the public edition's in their public variant."""
    return tuple(
        Need(edition=edition.name, document=d, public=edition.public)
        for edition in editions
        for d in case.documents
        if (not only or d.id in only) and d not in edition.withheld
    )


@dataclass(kw_only=True)
class Package:
    """One package while it is built: the PDFs of its documents as they arrive."""

    plan: Plan
    work: Path
    pdfs: dict[Variant, Path] = field(default_factory=dict)
    cached: dict[Variant, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    assembly_warnings: list[str] = field(default_factory=list)
    """Found while assembling: claims an output does not make and why, personal data."""
    error: BesluitpakError | None = None
    done: bool = False

    @property
    def target(self) -> Target:
        return Target(case=self.plan.case, out=self.plan.out)

    @property
    def complete(self) -> bool:
        return all(need.variant in self.pdfs for need in self.plan.needs)

    def documents(self) -> tuple[DocumentResult, ...]:
        return tuple(
            DocumentResult(id=doc_id, edition=edition, cached=cached)
            for (edition, doc_id), cached in self.cached.items()
        )

    def assemble(self) -> tuple[list[Path], int]:
        """Write the package's files from its documents' PDFs: the files and their pages."""
        from besluitpak.pdf.assemble import Options, Part, assemble, assemble_document

        plan, case = self.plan, self.plan.case
        files: list[Path] = []
        pages = 0
        for edition in plan.editions if plan.settings.only else ():
            for document in case.documents:
                if document.id not in plan.settings.only:
                    continue
                target = plan.out / single_name(case, document, edition.name)
                if edition.public:  # the same part, guard and options as the bundle's
                    part = self._part(edition, document)
                    self._guard([part], edition.notices())
                    options = self._options(edition)
                else:
                    part = Part(document=document, pdf=self.pdfs[("intern", document.id)])
                    options = Options(edition="intern", producer=producer())
                pages += self._shipped(
                    edition,
                    target,
                    functools.partial(assemble_document, case, part, options=options),
                    functools.partial(_alone, part),
                )
                files.append(target)
        for edition in () if plan.settings.only else plan.editions:
            target = plan.out / bundle_name(case, edition.name)
            parts = [self._part(edition, document) for document in case.documents]
            notices = edition.notices()
            if edition.public:
                self._guard(parts, notices)
            options = self._options(edition)
            laid_out = self._shipped(
                edition,
                target,
                functools.partial(assemble, case, parts, options=options),
                functools.partial(_owner, parts),
            )
            pages += laid_out.total
            files.append(target)
            self.assembly_warnings += [f"{target.name}: {line}" for line in laid_out.withheld]
            if edition.public and plan.settings.final:  # publish: each document on its own too
                for part in parts:
                    if part.document not in edition.withheld:
                        alone = plan.out / document_name(case, part.document)
                        pages += self._shipped(
                            edition,
                            alone,
                            functools.partial(assemble_document, case, part, options=options),
                            functools.partial(_alone, part),
                        )
                        files.append(alone)
        return files, pages

    def _options(self, edition: EditionPlan) -> Options:
        """How ``edition`` is finished: the bundle and every single document of it alike."""
        from besluitpak.pdf.assemble import Options

        notices = edition.notices()
        return Options(
            edition=edition.name,
            producer=producer(),
            public=edition.public,
            notices=notices,
            own=tuple(edition.own_metadata().items()),
            watermark=notices[0] if edition.embargo else None,
            strict=self.plan.settings.strict,
        )

    def _guard(self, parts: Sequence[Part], notices: Sequence[str]) -> None:
        """Stop the public edition on the steller's data and on text of what it withholds,
        and a publication on any personal data the case does not allow; a build only warns
        about the latter. Every channel of each document is read (see guard.scan)."""
        plan, case = self.plan, self.plan.case
        cache = cache_home() if plan.settings.use_cache else None
        found = guard.scan(
            case,
            parts=[(p.document.short_label.lower(), p.pdf) for p in parts],
            texts=[case.meta.onderwerp, *(p.document.titel for p in parts), *notices],
            cache=cache,
            secrets=self._secrets(cache),
        )
        self._refuse_or_warn(found)

    def _secrets(self, cache: Path | None) -> Secrets:
        """The texts the public edition withholds: {lak} passages, withheld bijlagen, and
        the withheld pages of ready-made PDFs (read from the whole public-variant PDF)."""
        edition = next(e for e in self.plan.editions if e.public)
        lakken = {
            d.id: self.pdfs[(edition.name, d.id)]
            for d in self.plan.case.documents
            if d.lakken and (edition.name, d.id) in self.pdfs
        }
        return guard.secrets_of(self.plan.case, edition, lakken=lakken, cache=cache)

    def _refuse_or_warn(self, found: Sequence[guard.Found]) -> None:
        settings = self.plan.settings
        guard.stop(
            self.plan.case,
            found,
            publishing=settings.final,
            everything=settings.final or settings.strict,
        )
        documents = self.plan.case.documents
        titles = {d.short_label.lower(): f"{d.short_label}: {d.titel}" for d in documents}
        for finding in found:
            if guard.warning(finding) not in self.assembly_warnings:
                self.assembly_warnings.append(guard.warning(finding, titles))

    def _shipped(
        self,
        edition: EditionPlan,
        target: Path,
        write: Callable[[Path], T],
        owner: Callable[[T], Callable[[int], tuple[str, int | None]]],
    ) -> T:
        """``write(path)`` a file of ``edition``; a public one is written beside ``target``
        first and read back, every channel of it, before it takes ``target``'s place: what
        ships is what was checked (the parts were checked before; this adds what assembly
        made: bookmarks, metadata, the cover)."""
        if not edition.public:
            return write(target)
        staged = target.with_name(f".{target.name}.unchecked")
        try:
            result = write(staged)
            cache = cache_home() if self.plan.settings.use_cache else None
            found = guard.written(
                self.plan.case, staged, owner=owner(result), secrets=self._secrets(cache)
            )
            self._refuse_or_warn(found)
            staged.replace(target)
        finally:
            staged.unlink(missing_ok=True)
        return result

    def _part(self, edition: EditionPlan, document: Document) -> Part:
        from besluitpak.pdf import frontmatter
        from besluitpak.pdf.assemble import Part

        note = edition.notes.get(document.id, "")
        if document in edition.withheld:
            heading, lines = placeholder_lines(document)
            path = self.work / f"case-{self.plan.index}" / f"placeholder-{document.id}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            frontmatter.placeholder(heading, lines).save(path)
            return Part(document=document, pdf=path, note=note)
        pdf = self.pdfs[(edition.name, document.id)]
        if edition.public and (document.lakken or document.kind is Kind.READY_PDF):
            pdf = self._withhold_pages(document, pdf)  # rebuilt, never cleaned (public_copy)
        return Part(document=document, pdf=pdf, note=note)

    def _withhold_pages(self, document: Document, pdf: Path) -> Path:
        """The public copy of a ready-made document (see :mod:`besluitpak.pdf.public_copy`),
        its ``lakken`` pages replaced by pages naming their ground."""
        from besluitpak.pdf import withhold

        case = self.plan.case
        total = withhold.page_count(pdf)
        grounds: dict[int, str] = {}
        problems = []
        for index, item in enumerate(document.lakken):
            beyond = [page for page in item.pages if page > total]
            if beyond:
                assert document.number is not None
                problems.append(
                    case.source.problem(
                        ("bijlagen", document.number - 1, "lakken", index, "paginas"),
                        f"expected pages of {case.where(document)}, which has {total}, got "
                        f"{', '.join(map(str, beyond))}",
                    )
                )
            grounds |= dict.fromkeys(item.pages, item.grond)
        if problems:
            raise CaseError(problems)
        if len(grounds) == total:
            self.assembly_warnings.append(
                f"{case.where(document)}: every page is withheld (lakken); a document withheld "
                f"whole is written with openbaar: false and its grond, so that it is "
                f"niet openbaar instead of deels openbaar"
            )
        out = self.work / f"case-{self.plan.index}" / f"lakken-{document.id}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        withhold.withhold_pages(pdf, out, grounds=grounds, titel=document.titel)
        return out


def _owner(parts: Sequence[Part], laid_out: Layout) -> Callable[[int], tuple[str, int | None]]:
    """Which document a bundle page (1-based) is of, and its page there."""

    def owner(page: int) -> tuple[str, int | None]:
        for part, first, count in zip(
            parts, laid_out.first_pages, laid_out.page_counts, strict=True
        ):
            if first <= page < first + count:
                return part.document.short_label.lower(), page - first + 1
        return "the cover or contents", page

    return owner


def _alone(part: Part, _pages: int) -> Callable[[int], tuple[str, int | None]]:
    """A document on its own (of ``_pages`` pages): its pages are its own."""
    return lambda page: (part.document.short_label.lower(), page)


class Packages:
    """All packages of a build, and the tasks that make their documents."""

    def __init__(self, plans: Iterable[Plan], work: Path) -> None:
        self._packages = [Package(plan=plan, work=work) for plan in plans]
        self._tasks: dict[str, Task] = {}
        self._owners: dict[str, list[tuple[Package, Need]]] = {}
        for package in self._packages:
            for need in package.plan.needs:
                task = _task(package.plan.case, need)
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


def _task(case: Case, need: Need) -> Task:
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
    key = cache.key_for(case, document, public=need.public)
    assert key is not None  # only a ready-made PDF has none
    return Task(
        key=key,
        name=f"{document.stem}-{key[:8]}",
        suffix=document.suffix,
        label=label,
        make=functools.partial(_source, case, document, need.public),
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
