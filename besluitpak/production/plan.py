"""What a build makes, decided before any work: the targets, their names, what each edition
of a package needs, the fingerprint of its inputs, and whether it is already up to date.

The public variant of a document differs only when its template uses the steller's
personal data (the cache key says so); a withheld bijlage is not rendered for a public
edition at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from besluitpak import fingerprint
from besluitpak.casefile.case import Case, Document
from besluitpak.convert.backend import Converter
from besluitpak.errors import CaseError, Problem
from besluitpak.files import safe_name
from besluitpak.production import state
from besluitpak.publication.editions import EditionPlan, plan_edition
from besluitpak.settings import BuildSettings

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


@dataclass(frozen=True, kw_only=True)
class Target:
    """One package to build: which case, into which folder."""

    case: Case
    out: Path

    @classmethod
    def in_subfolder(cls, case: Case, folder: Path) -> Target:
        """One of many cases built into ``folder``: into a subfolder named by its kenmerk."""
        return cls(case=case, out=folder / safe_name(case.meta.kenmerk))


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
    converter: Converter
    """Who converts, chosen once for the build (its identity is part of ``key``)."""
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
        loading the case that nothing changed (see :mod:`.state`). Not for a publication."""
        settings, case = self.settings, self.case
        if settings.final or settings.override is not None:
            return
        state.remember_run(
            self.out,
            state.Run(
                case=case.path,
                editions=settings.editions,
                only=settings.only,
                converter=self.converter.identity,
            ),
            today=settings.today,
            inputs=[*case.inputs, *case.schemas],
            targets=self.targets,
            kenmerk=self.kenmerk,
            what=describe_request(case, settings.only),
            notes=[f"{p.name}: {line}" for p in self.editions for line in p.summary()],
        )


def plan_editions(case: Case, settings: BuildSettings) -> tuple[EditionPlan, ...]:
    """What each edition ``settings`` asks for holds today; refused before any work if one
    may not be made (a publication before the embargo)."""
    return tuple(
        plan_edition(
            case, name, today=settings.today, final=settings.final, override=settings.override
        )
        for name in settings.editions
    )


def plan_package(
    index: int,
    case: Case,
    out: Path,
    *,
    settings: BuildSettings,
    converter: Converter,
    editions: tuple[EditionPlan, ...] | None = None,
) -> Plan:
    """What to build for ``case`` into ``out``, and whether it is already there; with the
    ``editions`` planned already (:func:`plan_editions`), if given."""
    only = _known_ids(case, settings.only)
    if editions is None:
        editions = plan_editions(case, settings)
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
    key = fingerprint.bundle_key(case, editions, only, tools=fingerprint.tools(converter.identity))
    return Plan(
        index=index,
        case=case,
        out=out,
        settings=settings,
        converter=converter,
        editions=editions,
        targets=targets,
        key=key,
        needs=_needs(case, only, editions),
        up_to_date=settings.use_cache and state.built_from(out, targets, key),
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
