"""The pipeline: plan → render → convert → assemble → write, one package or many at once.

:func:`build_many` reads as the pipeline. Work happens in a private temporary folder;
finished files are moved into place only at the end, so a failed or interrupted build
leaves the previous bundle untouched. Rendering and conversion overlap inside the
streaming converter (:mod:`besluitpak.convert.stream`); each package is assembled as soon
as its documents are in, while LibreOffice converts the others'.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from besluitpak import events, fingerprint
from besluitpak.archival import layout, store
from besluitpak.archival import verify as verification
from besluitpak.casefile.case import Case
from besluitpak.convert import backend
from besluitpak.convert.backend import Converter
from besluitpak.convert.cache import Cache
from besluitpak.convert.cache import folder as cache_folder
from besluitpak.convert.stream import Production
from besluitpak.errors import BesluitpakError, Problem, StrictError
from besluitpak.events import OnEvent
from besluitpak.production import state
from besluitpak.production.assembly import Package
from besluitpak.production.lock import output_locks
from besluitpak.production.plan import Plan, Target, document_name, plan_editions, plan_package
from besluitpak.production.results import BuildResult, Outcome
from besluitpak.production.tasks import Packages
from besluitpak.publication import release
from besluitpak.publication.editions import EDITIONS, EditionPlan, plan_edition
from besluitpak.settings import BuildSettings

if TYPE_CHECKING:
    from besluitpak.render.docx import NotRendered, Rendered


def check(case: Case) -> list[Problem]:
    """What rendering would find wrong: every variable a template uses that its data does
    not give, every ready-made .docx or .odt with tracked changes the case file does not say
    what to do with, every ready-made PDF a build would refuse (empty, locked, damaged, no
    pages) (the case and its data files were checked when loaded)."""
    from besluitpak.pdf import readymade
    from besluitpak.render import docx

    return [*docx.preflight(case), *readymade.preflight(case)]


def render_documents(
    case: Case, *, out: Path, public: bool = False, today: dt.date | None = None
) -> tuple[tuple[Rendered, ...], tuple[NotRendered, ...]]:
    """Write into ``out`` what the converter is given for each document: generated ones
    rendered, ready-made ones prepared or copied. With ``public``, as the public edition has
    them on ``today`` (default: the clock); what that edition has no Word document of is
    not written, and the second part says which and why."""
    from besluitpak.render import docx

    plan = plan_edition(case, "openbaar", today=today or dt.date.today())
    written = docx.render_case(case, out, public=public, withheld=plan.withheld)
    return written, docx.not_rendered(case, withheld=plan.withheld) if public else ()


def prime(case: Case, *, convert: bool = True) -> None:
    """Ready a process that lives long (``besluitpak watch``) for its first rebuild of
    ``case``: the Word and PDF libraries imported, and with ``convert`` the largest of the
    case's Word documents rendered and converted once on the converter a build uses now,
    the PDF thrown away, so that a warm LibreOffice has loaded this case's fonts, styles and
    filters before the advisor's first save (the first rebuild in watch was ~0.25 s slower
    than the next). Anything that goes wrong is left for that rebuild to report."""
    from besluitpak.render import docx

    importlib.import_module("besluitpak.pdf.assemble")
    if not convert:
        return
    with tempfile.TemporaryDirectory(prefix="besluitpak-prime-") as folder:
        work = Path(folder)
        try:
            written = docx.render_case(case, work / "docx")
            sources = [item.path for item in written if item.path.suffix == ".docx"]
            if sources:
                largest = max(sources, key=lambda path: path.stat().st_size)
                backend.choose(None).backend.start(
                    [largest], work / "pdf", jobs=1, timeout=60
                ).finish()
        except (BesluitpakError, OSError):
            return


def build(
    case: Case, *, out: Path, settings: BuildSettings | None = None, on_event: OnEvent | None = None
) -> BuildResult:
    """Build the editions of ``case`` into the folder ``out``; raise on the first error."""
    return _build(Target(case=case, out=out), settings or BuildSettings(), on_event)


def _build(
    target: Target,
    settings: BuildSettings,
    on_event: OnEvent | None,
    editions: tuple[EditionPlan, ...] | None = None,
    converter: Converter | None = None,
) -> BuildResult:
    """One package, its editions planned already if ``editions`` are given, converted by
    ``converter`` if given (else the one ``settings`` name)."""
    [outcome] = _run(
        [(target, editions)],
        settings=settings,
        on_event=on_event,
        isolate=False,
        converter=converter,
    )
    if outcome.error is not None:
        raise outcome.error
    assert outcome.result is not None
    return outcome.result


def build_many(
    targets: Sequence[Target],
    *,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
    isolate: bool = True,
) -> list[Outcome]:
    """Build many packages in one run, sharing the LibreOffice workers.

    With ``isolate``, a package that fails is reported in its Outcome and the others go on;
    without, the first error is raised.
    """
    return _run(
        [(target, None) for target in targets],
        settings=settings or BuildSettings(),
        on_event=on_event,
        isolate=isolate,
    )


def _run(
    targets: Sequence[tuple[Target, tuple[EditionPlan, ...] | None]],
    *,
    settings: BuildSettings,
    on_event: OnEvent | None,
    isolate: bool,
    converter: Converter | None = None,
) -> list[Outcome]:
    """Plan every target (with the editions planned already, if given), then make what is
    not up to date: each folder locked while this run writes into it. The converter is
    chosen once, here (unless the caller chose it), before any work: no converter that
    answers fails fast."""
    emit = events.emitter(on_event)
    started = time.perf_counter()
    converter = converter or backend.choose(settings.converter)
    with output_locks([target.out for target, _ in targets], emit):
        plans, outcomes = _plan(
            targets, settings=settings, converter=converter, isolate=isolate, emit=emit
        )
        pending = [plan for plan in plans if not plan.up_to_date]
        if pending:
            with tempfile.TemporaryDirectory(prefix="besluitpak-") as work:
                outcomes |= _produce(
                    pending,
                    Path(work),
                    settings=settings,
                    converter=converter,
                    emit=emit,
                    isolate=isolate,
                    started=started,
                )
    return [outcomes[index] for index in range(len(targets))]


def _plan(
    targets: Sequence[tuple[Target, tuple[EditionPlan, ...] | None]],
    *,
    settings: BuildSettings,
    converter: Converter,
    isolate: bool,
    emit: OnEvent,
) -> tuple[list[Plan], dict[int, Outcome]]:
    """Plan every target: what to build, and whether it is already up to date."""
    plans, outcomes = [], {}
    for index, (target, editions) in enumerate(targets):
        try:
            plan = plan_package(
                index,
                target.case,
                target.out,
                settings=settings,
                converter=converter,
                editions=editions,
            )
        except BesluitpakError as e:
            if not isolate:
                raise
            outcomes[index] = Outcome(target=target, error=e)
            continue
        if plan.up_to_date:
            emit(events.UpToDate(kenmerk=plan.kenmerk))
            plan.remember_run()
            outcomes[index] = Outcome(
                target=target,
                result=BuildResult(
                    kenmerk=plan.kenmerk,
                    files=plan.targets,
                    pages=0,
                    up_to_date=True,
                    seconds=0.0,
                    plans=plan.editions,
                ),
            )
        plans.append(plan)
    return plans, outcomes


def _produce(
    plans: Sequence[Plan],
    work: Path,
    *,
    settings: BuildSettings,
    converter: Converter,
    emit: OnEvent,
    isolate: bool,
    started: float,
) -> dict[int, Outcome]:
    """Render and convert what the packages need (each distinct document once), and
    assemble each package as soon as its documents are in."""
    packages = Packages(plans, work)
    store = Cache(cache_folder() if settings.use_cache else None)
    with Production(
        tasks=packages.tasks(),
        work=work,
        store=store,
        converter=converter,
        jobs=settings.jobs,
        isolate=isolate,
        emit=emit,
    ) as production:
        results = production.start()  # cache look-ups; LibreOffice starts
        emit(events.StageStarted(stage="render"))
        begin = time.perf_counter()
        results += production.write()  # render while LibreOffice starts
        emit(events.StageFinished(stage="render", seconds=time.perf_counter() - begin))
        if production.to_convert:
            _preload("besluitpak.pdf.assemble")  # while LibreOffice converts, not after
        emit(
            events.ConversionPlanned(
                converting=packages.describe(production.to_convert),
                cached=sum(result.cached for result in results),
            )
        )
        outcomes: dict[int, Outcome] = {}
        for result in itertools.chain(results, production.converted()):  # convert
            for package in packages.deliver(result, emit):  # assemble what is complete
                outcomes[package.plan.index] = _finish(
                    package, settings=settings, emit=emit, isolate=isolate, started=started
                )
    for package in packages.failed():
        outcomes[package.plan.index] = Outcome(target=package.target, error=package.error)
    return outcomes


def _finish(
    package: Package, *, settings: BuildSettings, emit: OnEvent, isolate: bool, started: float
) -> Outcome:
    """Assemble and write one package whose documents are all in."""
    plan = package.plan
    try:
        if settings.strict and package.warnings:
            raise StrictError(
                f"{plan.kenmerk}: --strict: {len(package.warnings)} warning(s), "
                f"nothing written; first: {package.warnings[0]}"
            )
        emit(events.StageStarted(stage="assemble", kenmerk=plan.kenmerk))
        begin = time.perf_counter()
        files, pages = package.assemble()
        for line in package.assembly_warnings:
            emit(events.BuildWarning(message=line, kenmerk=plan.kenmerk))
            package.warnings.append(line)
        emit(
            events.StageFinished(
                stage="assemble", kenmerk=plan.kenmerk, seconds=time.perf_counter() - begin
            )
        )
        state.remember(plan.out, files, plan.key)
        plan.remember_run()
    except BesluitpakError as e:
        if not isolate:
            raise
        return Outcome(target=package.target, error=e)
    return Outcome(
        target=package.target,
        result=BuildResult(
            kenmerk=plan.kenmerk,
            files=tuple(files),
            pages=pages,
            seconds=time.perf_counter() - started,
            plans=plan.editions,
            documents=package.documents(),
            warnings=tuple(dict.fromkeys(package.warnings)),
        ),
    )


def _preload(module: str) -> None:
    """Import ``module`` in the background (the PDF libraries take ~0.15 s)."""
    threading.Thread(target=importlib.import_module, args=(module,), daemon=True).start()


def publish(
    case: Case, *, out: Path, settings: BuildSettings | None = None, on_event: OnEvent | None = None
) -> BuildResult:
    """The publication folder: the final public edition as a bundle and as one PDF per
    public document, their DiWoo records in a sitemap, the inventarislijst and a build
    record.

    Refused before the embargo date unless ``settings.override`` says why (recorded).
    """
    settings = replace(settings or BuildSettings(), editions=("openbaar",), only=(), final=True)
    release.publication_url(case)  # refuse before any work: no URL, a wrong CBS code
    editions = plan_editions(case, settings)  # refuse before any work: the embargo
    converter = backend.choose(settings.converter)  # once: the build and the record agree
    built = _build(Target(case=case, out=out), settings, on_event, editions, converter)
    tools = fingerprint.tools(converter.identity)
    [plan] = built.plans
    bundle, *documents = built.files
    named = {document_name(case, d): d.id for d in case.documents}
    published = release.items(case, plan, {named[path.name]: path for path in documents})
    extra = release.write_release(
        case,
        plan,
        bundle=bundle,
        published=published,
        today=settings.today,
        tools=tools,
    )
    return replace(built, files=(bundle, *documents, *extra))


def archive(
    case: Case,
    *,
    archief: Path,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
    door: str | None = None,
) -> store.Archived:
    """Build both editions and store them as the case's next archived version, unless the
    latest version holds the same; ``door``: who archives, for the manifest (default: the
    OS user)."""
    settings = replace(
        settings or BuildSettings(), editions=EDITIONS, only=(), final=False, override=None
    )

    store.refuse_broken_route(case, archief)  # before LibreOffice is even asked
    converter = backend.choose(settings.converter)  # once: the build and the manifest agree

    def build_editions(out: Path) -> tuple[Sequence[Path], Sequence[EditionPlan]]:
        built = _build(Target(case=case, out=out), settings, on_event, converter=converter)
        return built.files, built.plans

    return store.archive(
        case,
        archief=archief,
        today=settings.today,
        build=build_editions,
        tools=fingerprint.tools(converter.identity),
        door=door,
    )


def versions(archief: Path, kenmerk: str) -> list[Path]:
    """The archived version folders of ``kenmerk`` in ``archief``, oldest first (none: [])."""
    return layout.versions(layout.kenmerk_folder(archief, kenmerk))


def verify(path: Path, *, rebuild: bool = False) -> verification.Verification:
    """Verify a version folder, a kenmerk's folder, a whole archief or one bundle PDF;
    with ``rebuild``, also rebuild each version from its snapshot and compare the bytes."""

    def rebuild_one(case: Case, out: Path, today: dt.date) -> Sequence[Path]:
        settings = BuildSettings(today=today, use_cache=False)
        return build(case, out=out, settings=settings).files

    return verification.verify(path, rebuild=rebuild_one if rebuild else None)
