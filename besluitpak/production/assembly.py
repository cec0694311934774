"""A package whose documents are all in, assembled into its files.

:meth:`Package.assemble` writes the bundles (or, with ``only``, the single documents) of
each edition it was planned with. What a public edition ships is checked on its bytes
before it takes its place (:meth:`Package._shipped`); a withheld bijlage is a placeholder
page; a ready-made document's withheld pages are rebuilt as pages naming their ground.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from besluitpak.casefile.case import Document, Kind
from besluitpak.convert.backend import Converter
from besluitpak.errors import BesluitpakError, CaseError, StrictError
from besluitpak.files import cache_home, staged
from besluitpak.production import editions
from besluitpak.production.plan import (
    Plan,
    Target,
    Variant,
    bundle_name,
    document_name,
    single_name,
)
from besluitpak.production.results import DocumentResult
from besluitpak.publication import guard, refusals
from besluitpak.publication.channels import Channel
from besluitpak.publication.editions import EditionPlan, placeholder_lines
from besluitpak.release import __version__

if TYPE_CHECKING:
    from besluitpak.pdf import redact_plan
    from besluitpak.pdf.assemble import Layout, Options, Part
    from besluitpak.publication.secrets import Secrets

T = TypeVar("T")


def producer(converter: Converter) -> str:
    """``besluitpak 0.1.0; LibreOffice 7.4.7.2 …; pikepdf``: what made a package's PDFs."""
    return f"besluitpak {__version__}; {converter.version}; pikepdf"


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
    public_copies: dict[Path, Path] = field(default_factory=dict)
    """A ready-made document's PDF → its public copy (made before anything is written)."""
    redaction_warnings: list[str] = field(default_factory=list)
    """What the public copies' redaction warns of (``--strict`` refuses it)."""

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
        from besluitpak.pdf.assemble import Options, Part, assemble_document

        plan, case = self.plan, self.plan.case
        files: list[Path] = []
        pages = 0
        self._public_copies()
        self._public_names()
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
                    options = Options(edition="intern", producer=producer(plan.converter))
                pages += self._shipped(
                    edition,
                    target,
                    functools.partial(assemble_document, case, part, options=options),
                    functools.partial(_alone, part),
                )
                files.append(target)
        if not plan.settings.only:
            for written, laid_out, warnings in editions.each(self._bundle, plan.editions):
                files += written
                pages += laid_out
                self.assembly_warnings += warnings
        return files, pages

    def _bundle(self, edition: EditionPlan) -> tuple[list[Path], int, list[str]]:
        """The bundle of ``edition`` (and, when publishing, each public document on its own):
        its files, their pages, and the warnings found. Run beside the other editions' (see
        :mod:`besluitpak.production.editions`), on a copy with its own warnings."""
        from besluitpak.pdf.assemble import assemble, assemble_document

        alone_too = edition.public and self.plan.settings.final
        own = replace(self, assembly_warnings=[])
        plan, case = self.plan, self.plan.case
        target = plan.out / bundle_name(case, edition.name)
        parts = [own._part(edition, document) for document in case.documents]
        if edition.public:
            own._guard(parts, edition.notices())
        options = own._options(edition)
        laid_out = own._shipped(
            edition,
            target,
            functools.partial(assemble, case, parts, options=options),
            functools.partial(_owner, parts),
        )
        files, pages = [target], laid_out.total
        own.assembly_warnings += [f"{target.name}: {line}" for line in laid_out.withheld]
        for part in parts if alone_too else ():  # publish: each document on its own too
            if part.document not in edition.withheld:
                alone = plan.out / document_name(case, part.document)
                pages += own._shipped(
                    edition,
                    alone,
                    functools.partial(assemble_document, case, part, options=options),
                    functools.partial(_alone, part),
                )
                files.append(alone)
        return files, pages, own.assembly_warnings

    def _options(self, edition: EditionPlan) -> Options:
        """How ``edition`` is finished: the bundle and every single document of it alike."""
        from besluitpak.pdf.assemble import Options

        notices = edition.notices()
        return Options(
            edition=edition.name,
            producer=producer(self.plan.converter),
            public=edition.public,
            notices=notices,
            own=tuple(edition.own_metadata().items()),
            watermark=notices[0] if edition.embargo else None,
            strict=self.plan.settings.strict,
            checks_cache=cache_home() / "page-checks" if self.plan.settings.use_cache else None,
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

    def _public_names(self) -> None:
        """The names of the public files this package writes, read before any is written: a
        document's id is in its file's name, and a name refused after its siblings were in
        place would leave a publication half written."""
        plan, case = self.plan, self.plan.case
        edition = next((e for e in plan.editions if e.public), None)
        if edition is None:
            return
        if plan.settings.only:
            names = [single_name(case, d, edition.name) for d in case.documents
                     if d.id in plan.settings.only]  # fmt: skip
        else:
            names = [bundle_name(case, edition.name)]
            if plan.settings.final:  # publish: each public document on its own too
                names += [document_name(case, d) for d in case.documents
                          if d not in edition.withheld]  # fmt: skip
        read = [Channel(document=n, page=None, channel="file name", text=n) for n in names]
        cache = cache_home() if plan.settings.use_cache else None
        self._refuse_or_warn(guard.search(case, read, secrets=self._secrets(cache)))

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
            if refusals.warning(finding) not in self.assembly_warnings:
                self.assembly_warnings.append(refusals.warning(finding, titles))

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
        checked = staged(target)
        try:
            result = write(checked)
            cache = cache_home() if self.plan.settings.use_cache else None
            found = guard.written(
                self.plan.case,
                checked,
                owner=owner(result),
                secrets=self._secrets(cache),
                cache=cache,
                name=target.name,
            )
            self._refuse_or_warn(found)
            checked.replace(target)
        finally:
            checked.unlink(missing_ok=True)
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

    def _public_copies(self) -> None:
        """The public copies of the ready-made documents, made first: a ``lakken`` entry
        that cannot be applied stops the build before any edition is written, and so does,
        with ``--strict``, what their redaction warns of (all documents' warnings named)."""
        only = self.plan.settings.only
        for edition in self.plan.editions:
            for document in self.plan.case.documents if edition.public else ():
                pdf = self.pdfs.get((edition.name, document.id))
                wanted = not only or document.id in only
                ready = document.lakken or document.kind is Kind.READY_PDF
                if pdf is not None and wanted and ready and document not in edition.withheld:
                    self._withhold_pages(document, pdf)
        if self.redaction_warnings and self.plan.settings.strict:  # every document's, at once
            said = "; ".join(dict.fromkeys(self.redaction_warnings))
            raise StrictError(f"{self.plan.kenmerk}: --strict: nothing written: {said}")

    def _withhold_pages(self, document: Document, pdf: Path) -> Path:
        """The public copy of a ready-made document (see :mod:`besluitpak.pdf.public_copy`),
        its ``lakken`` pages replaced by pages naming their ground (made once)."""
        if pdf not in self.public_copies:
            self.public_copies[pdf] = self._public_copy(document, pdf)
        return self.public_copies[pdf]

    def _public_copy(self, document: Document, pdf: Path) -> Path:
        from besluitpak.pdf import public_copy, withhold

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
        plan = self._redaction(document, pdf)
        for index, key, message in plan.missing:
            assert document.number is not None
            problems.append(
                case.source.problem(
                    ("bijlagen", document.number - 1, "lakken", index, key), message
                )
            )
        if problems:
            raise CaseError(problems)
        # an image under a box left out whole; images or outlines on a page with woorden
        lines = [f"{case.where(document)}: {warning}" for warning in plan.warnings]
        self.redaction_warnings += lines
        self.assembly_warnings += lines
        if len(grounds) == total:
            self.assembly_warnings.append(
                f"{case.where(document)}: every page is withheld (lakken); a document withheld "
                f"whole is written with openbaar: false and its grond, so that it is "
                f"niet openbaar instead of deels openbaar"
            )
        out = self.work / f"case-{self.plan.index}" / f"lakken-{document.id}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        public_copy.public_copy(
            pdf, out, grounds=grounds, titel=document.titel, boxes=plan.boxes, hidden=plan.hidden
        )
        return out

    def _redaction(self, document: Document, pdf: Path) -> redact_plan.Plan:
        """The redaction boxes of ``document``'s words and boxes (``lakken``) on ``pdf``."""
        from besluitpak.pdf import redact_plan

        if all(item.pagina is None for item in document.lakken):
            return redact_plan.Plan()
        # a .docx or .odt had its words replaced before conversion (render.word_redact)
        return redact_plan.boxes(pdf, document.lakken, words=document.kind is Kind.READY_PDF)


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
