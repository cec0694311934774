"""The pipeline, in one readable function: load → render → convert → assemble.

Work happens in a private temporary folder; finished bundles are moved into place only at
the end, so a failed or interrupted build leaves the previous bundle untouched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import importlib
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from besluitpak import __version__, convert, state
from besluitpak.case import Case, Document
from besluitpak.errors import BesluitpakError, CaseError, ConversionError, OutputError, Problem
from besluitpak.files import file_hash, write_atomic
from besluitpak.publish import (
    EDITIONS,
    EditionPlan,
    Override,
    diwoo_sitemap,
    placeholder_lines,
    plan_edition,
)
from besluitpak.versions import code_version

if TYPE_CHECKING:
    from besluitpak.assemble import Part
    from besluitpak.cache import Cache

# The stages that need docxtpl, pikepdf and reportlab are imported where they are used: a
# build whose inputs did not change never needs them, and their import is most of its time.

Progress = Callable[[str], None]


@dataclass(frozen=True, kw_only=True)
class Built:
    """What a build wrote."""

    files: tuple[Path, ...]
    pages: int
    seconds: float
    timings: tuple[tuple[str, float], ...]
    plans: tuple[EditionPlan, ...] = ()
    up_to_date: bool = False
    """Nothing was done: every output was already built from these inputs."""
    warnings: tuple[str, ...] = ()
    """What was taken anyway, but deserves a look (a repaired PDF, a scan without text…)."""


def _quiet(_: str) -> None:
    pass


def safe_kenmerk(kenmerk: str) -> str:
    """``2014/123456`` -> ``2014-123456``: safe in file and folder names."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", kenmerk).strip("-")


def bundle_name(case: Case, edition: str) -> str:
    return f"collegebesluit-{safe_kenmerk(case.meta.kenmerk)}-{edition}.pdf"


def document_name(case: Case, document: Document) -> str:
    """``collegebesluit-2014-123456-bijlage-03-opgave-noord.pdf``."""
    what = "collegevoorstel" if document.number is None else \
        f"bijlage-{document.number:02d}-{document.id}"
    return f"collegebesluit-{safe_kenmerk(case.meta.kenmerk)}-{what}.pdf"


def producer() -> str:
    return f"besluitpak {__version__}; {convert.version()}; pikepdf"


@dataclass(frozen=True, kw_only=True)
class Request:
    """One package to build: which case, where, which editions, as of which day."""

    case: Case
    out: Path
    only: tuple[str, ...] = ()
    editions: tuple[str, ...] = EDITIONS
    today: dt.date
    final: bool = False
    override: Override | None = None


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What became of one request in a batch: built, or failed with a reason."""

    request: Request
    built: Built | None = None
    error: BesluitpakError | None = None


def build(case: Case, *, out: Path, jobs: int | None = None, only: Sequence[str] = (),
          editions: Sequence[str] = EDITIONS, today: dt.date | None = None,
          final: bool = False, override: Override | None = None, no_cache: bool = False,
          progress: Progress = _quiet) -> Built:
    """Build the editions of ``case`` into the folder ``out`` and return what was written.

    With ``only``: just those documents, each as its own finished PDF (intern). ``final``
    asks for the public edition as published (refused under embargo without ``override``).
    """
    request = Request(case=case, out=out, only=tuple(only), editions=tuple(editions),
                      today=today or dt.date.today(), final=final, override=override)
    [outcome] = build_many([request], jobs=jobs, no_cache=no_cache, progress=progress,
                           isolate=False)
    assert outcome.built is not None
    return outcome.built


def build_many(requests: Sequence[Request], *, jobs: int | None = None,
               no_cache: bool = False, progress: Progress = _quiet,
               isolate: bool = True) -> list[Outcome]:
    """Build many packages in one run, sharing the LibreOffice workers.

    With ``isolate``, a package that fails is reported in its Outcome and the others go on;
    without, the first error is raised.
    """
    started = time.perf_counter()
    convert.soffice()  # fail fast, before any work, when LibreOffice is missing
    with contextlib.ExitStack() as locks:
        for folder in sorted({r.out.resolve() for r in requests}):
            locks.enter_context(_output_lock(folder, progress))
        return _build_locked(requests, jobs=jobs, no_cache=no_cache, progress=progress,
                             isolate=isolate, started=started)


@contextlib.contextmanager
def _output_lock(folder: Path, progress: Progress) -> Iterator[None]:
    """One build at a time writes into a folder: a second one waits, never interleaves."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / ".besluitpak.lock").open("w")
    except OSError as e:
        raise OutputError(f"{folder}: cannot write here: {e.strerror}") from e
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"waiting: another build is writing to {folder}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_locked(requests: Sequence[Request], *, jobs: int | None, no_cache: bool,
                  progress: Progress, isolate: bool, started: float) -> list[Outcome]:
    outcomes: dict[int, Outcome] = {}
    pending: list[tuple[int, _Plan]] = []
    for index, request in enumerate(requests):
        try:
            plan = _plan(request, no_cache=no_cache)
        except BesluitpakError as e:
            if not isolate:
                raise
            outcomes[index] = Outcome(request=request, error=e)
            continue
        if plan.up_to_date:
            progress(state.up_to_date_message(request.case.meta.kenmerk))
            _remember_run(plan)
            outcomes[index] = Outcome(request=request, built=Built(
                files=tuple(plan.targets), pages=0, seconds=time.perf_counter() - started,
                timings=(), plans=tuple(plan.editions), up_to_date=True))
        else:
            pending.append((index, plan))
    if pending:
        with tempfile.TemporaryDirectory(prefix="besluitpak-") as tmp:
            _work(pending, Path(tmp), outcomes, jobs=jobs, no_cache=no_cache,
                  progress=progress, isolate=isolate, started=started)
        _leave_libreoffice_warm()
    return [outcomes[index] for index in range(len(requests))]


def describe_request(case: Case, only: Sequence[str]) -> str:
    """``collegevoorstel and 11 bijlagen``, or the documents asked for."""
    return ", ".join(only) if only else f"collegevoorstel and {len(case.bijlagen)} bijlagen"


def _remember_run(plan: _Plan) -> None:
    """Let the next ``build`` of the same case into the same folder find out without
    loading the case that nothing changed (see state.py). Not for a publication."""
    request, case = plan.request, plan.request.case
    if request.final or request.override is not None:
        return
    state.remember_run(request.out, state.Run(case=case.path, editions=request.editions,
                                              only=request.only),
                       today=request.today, inputs=[*case.inputs, *case.schemas],
                       targets=plan.targets, kenmerk=case.meta.kenmerk,
                       what=describe_request(case, request.only),
                       notes=[f"{p.name}: {line}" for p in plan.editions for line in p.summary()])


def _leave_libreoffice_warm() -> None:
    """After the work, not during it: the next build (one bijlage edited) finds a warm
    LibreOffice and skips its start-up (see warm.py)."""
    from besluitpak import warm

    if warm.enabled():
        warm.start()


@dataclass(kw_only=True)
class _Plan:
    request: Request
    wanted: set[str]
    editions: list[EditionPlan]
    targets: list[Path]
    key: str
    up_to_date: bool
    pdfs: dict[Variant, Path] = dataclasses.field(default_factory=dict)
    timings: list[tuple[str, float]] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)


def _plan(request: Request, *, no_cache: bool) -> _Plan:
    case = request.case
    wanted = _wanted(case, request.only)
    editions = [] if wanted else [plan_edition(case, name, today=request.today,
                                               final=request.final, override=request.override)
                                  for name in request.editions]
    targets = [request.out / document_name(case, d) for d in case.documents
               if d.id in wanted] + [request.out / bundle_name(case, p.name) for p in editions]
    key = _inputs_key(case, editions, wanted)
    return _Plan(request=request, wanted=wanted, editions=editions, targets=targets, key=key,
                 up_to_date=not no_cache and state.up_to_date(request.out, targets, key))


def _work(pending: list[tuple[int, _Plan]], work: Path, outcomes: dict[int, Outcome], *,
          jobs: int | None, no_cache: bool, progress: Progress, isolate: bool,
          started: float) -> None:
    """Render and convert what all pending packages need (together); assemble each package
    as soon as its documents are in, while LibreOffice converts the others'."""
    from besluitpak import cache

    store = cache.Cache(None if no_cache else cache.folder())
    plans = dict(pending)

    def assemble_one(index: int) -> None:
        plan = plans[index]
        try:
            outcomes[index] = _assemble(index, plan, work, progress=progress,
                                        started=started, batch=len(pending) > 1)
        except BesluitpakError as e:
            if not isolate:
                raise
            outcomes[index] = Outcome(request=plan.request, error=e)

    failed = _prepare_pdfs(pending, work, store, jobs=jobs, progress=progress,
                           isolate=isolate, on_ready=assemble_one)
    for index, error in failed.items():
        outcomes[index] = Outcome(request=plans[index].request, error=error)


def _assemble(index: int, plan: _Plan, work: Path, *, progress: Progress, started: float,
              batch: bool) -> Outcome:
    """Assemble one package's files from its documents' PDFs and remember what was built."""
    from besluitpak.assemble import Options, Part, assemble, assemble_document

    request, case = plan.request, plan.request.case
    begin = time.perf_counter()
    files: list[Path] = []
    pages = 0
    for document in case.documents:
        if document.id in plan.wanted:
            target = request.out / document_name(case, document)
            part = Part(document=document, pdf=plan.pdfs[("intern", document.id)])
            pages += assemble_document(case, part, target, options=Options(
                edition="intern", producer=producer()))
            files.append(target)
    for edition in plan.editions:
        target = request.out / bundle_name(case, edition.name)
        parts = [_part(case, edition, d, plan.pdfs, work / f"case-{index}")
                 for d in case.documents]
        options = Options(edition=edition.name, producer=producer(),
                          public=edition.public, notices=edition.notices(),
                          own=tuple(edition.own_metadata().items()),
                          watermark=edition.notices()[0] if edition.embargo else None)
        pages += assemble(case, parts, target, options=options).total
        files.append(target)
    elapsed = time.perf_counter() - begin
    progress(f"{'assemble':<9} {elapsed:6.2f} s" + (f"  {case.meta.kenmerk}" if batch else ""))
    state.remember(request.out, files, plan.key)
    _remember_run(plan)
    return Outcome(request=request, built=Built(
        files=tuple(files), pages=pages, seconds=time.perf_counter() - started,
        timings=(*plan.timings, ("assemble", elapsed)), plans=tuple(plan.editions),
        warnings=tuple(dict.fromkeys(plan.warnings))))


def _inputs_key(case: Case, plans: Sequence[EditionPlan], wanted: set[str]) -> str:
    """Everything the outputs depend on: every input file's bytes, what each edition holds
    today, the tool versions and options."""
    fingerprint = {
        "besluitpak": code_version(), "libreoffice": convert.version(),
        "filter": convert.EXPORT_FILTER,
        "inputs": {str(path): file_hash(path) for path in sorted(case.inputs)},
        "only": sorted(wanted),
        "plans": [{"name": p.name, "public": p.public, "embargo": str(p.embargo),
                   "withheld": [d.id for d in p.withheld],
                   "released": [d.id for d in p.released],
                   "override": dataclasses.asdict(p.override) if p.override else None}
                  for p in plans],
    }
    return hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()


def publish(case: Case, *, out: Path, jobs: int | None = None, today: dt.date | None = None,
            override: Override | None = None, no_cache: bool = False,
            progress: Progress = _quiet) -> Built:
    """The final public edition, its DiWoo sitemap entry and a build record."""
    today = today or dt.date.today()
    assert case.meta.publicatie_url is not None
    plan_edition(case, "openbaar", today=today, final=True, override=override)  # refuse early
    built = build(case, out=out, jobs=jobs, editions=("openbaar",), today=today, final=True,
                  override=override, no_cache=no_cache, progress=progress)
    bundle = built.files[0]
    plan = built.plans[0]
    url = f"{case.meta.publicatie_url.rstrip('/')}/{bundle.name}"
    sitemap = bundle.with_suffix(".diwoo.xml")
    write_atomic(sitemap, diwoo_sitemap(case, plan, url=url, lastmod=today))
    record = {
        "kenmerk": case.meta.kenmerk,
        "edition": plan.name,
        "bundle": bundle.name,
        "sha256": hashlib.sha256(bundle.read_bytes()).hexdigest(),
        "url": url,
        "today": today.isoformat(),
        "embargo_tot": case.meta.embargo_tot.isoformat() if case.meta.embargo_tot else None,
        "override": dataclasses.asdict(override) if override else None,
        "withheld": [{"bijlage": d.number, "grond": d.grond,
                      "geheim_tot": d.geheim_tot.isoformat() if d.geheim_tot else None}
                     for d in plan.withheld],
        "released": [{"bijlage": d.number, "geheim_tot": d.geheim_tot.isoformat()
                      if d.geheim_tot else None} for d in plan.released],
        "besluitpak": __version__,
        "libreoffice": convert.version(),
    }
    record_path = bundle.with_suffix(".record.json")
    write_atomic(record_path, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())
    return dataclasses.replace(built, files=(bundle, sitemap, record_path))


def _wanted(case: Case, only: Sequence[str]) -> set[str]:
    unknown = sorted(set(only) - {d.id for d in case.documents})
    if unknown:
        known = ", ".join(d.id for d in case.documents)
        raise CaseError([Problem(file=case.path, line=None, key="--only",
                                 message=f"expected a document id ({known}), got "
                                         f"{', '.join(map(repr, unknown))}")])
    return set(only)


Variant = tuple[str, str]
"""(``intern`` or ``openbaar``, document id)."""


@dataclass
class _Job:
    case: Case
    owners: set[int]
    document: Document
    public: bool
    variants: list[tuple[int, Variant]]


def _prepare_pdfs(pending: list[tuple[int, _Plan]], work: Path, store: Cache, *,
                  jobs: int | None, progress: Progress, isolate: bool,
                  on_ready: Callable[[int], None]) -> dict[int, BesluitpakError]:
    """Fill each plan's ``pdfs``: every document each edition needs, from the cache where the
    inputs are unchanged, else rendered and converted (each distinct document once, all
    packages together) and cached; ``on_ready(index)`` as soon as a package has all its
    documents. Returns the packages that failed, with why.

    The public variant of a document differs only when its template uses the steller's
    personal data; withheld bijlagen are not rendered for a public edition at all."""
    from besluitpak import cache

    begin = time.perf_counter()
    todo: dict[str, _Job] = {}
    ready_made: list[tuple[int, Variant, Document]] = []
    hits = 0
    failed: dict[int, BesluitpakError] = {}
    plans = dict(pending)
    needs: dict[int, set[Variant]] = {}  # what each package waits for
    for index, plan in pending:
        case = plan.request.case
        needed = _needed(case, plan)
        needs[index] = {variant for variant, _, _ in needed}
        for variant, document, public in needed:
            key = cache.key_for(case, document, public=public)
            if key is None:  # a ready-made PDF: checked once LibreOffice is under way
                ready_made.append((index, variant, document))
                continue
            hit = store.get(key)
            if hit is not None:
                plan.pdfs[variant] = hit
                hits += 1
                continue
            job = todo.setdefault(key, _Job(case=case, owners=set(), document=document,
                                            public=public, variants=[]))
            job.owners.add(index)
            job.variants.append((index, variant))
    planned = {key: work / "docx" / f"{job.document.stem}-{key[:8]}{_suffix(job.document)}"
               for key, job in todo.items()}
    conversion = _start_conversion(list(planned.values()), work / "pdf", jobs=jobs)
    unrendered: list[Path] = []
    try:
        from besluitpak import render  # its Word libraries load while LibreOffice starts

        for key, job in todo.items():  # while LibreOffice starts
            try:
                ready = render.prepare(job.case, job.document, work / "rendering",
                                       public=job.public, stem=planned[key].stem)
                planned[key].parent.mkdir(parents=True, exist_ok=True)
                os.replace(ready, planned[key])  # LibreOffice sees all of it or nothing
            except BesluitpakError as e:
                if not isolate:
                    raise
                failed.update(dict.fromkeys(job.owners, e))
                unrendered.append(planned[key])
        for index, variant, document in ready_made:  # while LibreOffice converts: each
            plan = plans[index]                       # checked, cleaned, used as it is
            try:
                plan.pdfs[variant] = _ready_pdf(plan.request.case, document, work,
                                                plan.warnings)
            except BesluitpakError as e:
                if not isolate:
                    raise
                failed[index] = e
    except BaseException:
        if conversion is not None:
            conversion.abort()
        raise
    elapsed = time.perf_counter() - begin
    for _, plan in pending:
        plan.timings.append(("render", elapsed))
    progress(f"{'render':<9} {elapsed:6.2f} s")
    if todo:  # the PDF libraries load (~0.15 s) while we wait for LibreOffice, not after
        threading.Thread(target=importlib.import_module, args=("besluitpak.assemble",),
                         daemon=True).start()
    names = ", ".join(sorted({j.document.short_label.lower() + f" ({j.document.id})"
                              for j in todo.values()}))
    progress(f"          {len(todo)} document(s) to convert, {hits} from the cache"
             + (f": {names}" if todo and len(todo) <= 4 else ""))
    begin = time.perf_counter()
    wanted = {key: path for key, path in planned.items() if path not in unrendered}
    keys = {path: key for key, path in wanted.items()}
    arrived: set[Path] = set()
    done: set[int] = set()

    def hand_over(indexes: Iterable[int]) -> None:
        for index in indexes:
            if index not in failed and index not in done and needs[index] <= set(
                    plans[index].pdfs):
                done.add(index)
                plans[index].timings.append(("convert", time.perf_counter() - begin))
                on_ready(index)

    def converted(source: Path, pdf: Path) -> None:
        key = keys[source]
        job = todo[key]
        stored = store.put(key, pdf, {"document": job.document.id,
                                      "kenmerk": job.case.meta.kenmerk})
        for index, variant in job.variants:
            plans[index].pdfs[variant] = stored
        arrived.add(source)
        if len(arrived) == len(wanted):
            progress(f"{'convert':<9} {time.perf_counter() - begin:6.2f} s")
        hand_over(index for index, _ in job.variants)

    hand_over(plans)  # packages whose documents all came from the cache
    try:
        if conversion is None:
            for source, pdf in _convert_warm(list(wanted.values()), work / "pdf", jobs=jobs,
                                             progress=progress).items():
                converted(source, pdf)
        else:
            with contextlib.closing(conversion.completed(skip=unrendered)) as stream:
                for source, pdf in stream:
                    converted(source, pdf)
    except ConversionError as e:
        if not isolate:
            raise _named(e, todo, planned) from None
        for key, path in wanted.items():  # one at a time: find out which packages it concerns
            if path in arrived:
                continue
            try:
                for source, pdf in convert.convert([path], work / "pdf", jobs=1).items():
                    converted(source, pdf)
            except BesluitpakError as one:
                failed.update(dict.fromkeys(todo[key].owners, one))
    if len(arrived) < len(wanted) or not wanted:
        progress(f"{'convert':<9} {time.perf_counter() - begin:6.2f} s")
    hand_over(plans)
    return failed


def _ready_pdf(case: Case, document: Document, work: Path, warnings: list[str]) -> Path:
    """A ready-made PDF, checked and cleaned once per build (see ready.py)."""
    from besluitpak import ready

    target = work / "ready" / f"{pipeline_id(case)}-{document.id}.pdf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        report = ready.Report()
        ready.prepare_pdf(case, document, target, report)
        warnings.extend(report.warnings)
    return target


def pipeline_id(case: Case) -> str:
    return hashlib.sha256(str(case.path).encode()).hexdigest()[:8]


def _needed(case: Case, plan: _Plan) -> list[tuple[Variant, Document, bool]]:
    needed: list[tuple[Variant, Document, bool]] = []
    intern = plan.wanted or ({d.id for d in case.documents}
                             if any(not p.public for p in plan.editions) else set())
    needed += [(("intern", d.id), d, False) for d in case.documents if d.id in intern]
    for edition in plan.editions:
        if edition.public:
            needed += [(("openbaar", d.id), d, True) for d in case.documents
                       if d not in edition.withheld]
    return needed


def _named(error: ConversionError, todo: dict[str, _Job],
           planned: dict[str, Path]) -> ConversionError:
    """The same error, naming the documents as the user knows them instead of work files."""
    message = str(error)
    for key, path in planned.items():
        job = todo[key]
        source = job.document.data_file or job.document.bestand or job.document.template
        where = _shown(job.case, source) if source else job.document.id
        message = message.replace(path.name, f"{job.document.short_label.lower()} "
                                             f"({job.document.id}, {where})")
    return ConversionError(message, failed=error.failed)


def _shown(case: Case, path: Path) -> str:
    try:
        return path.relative_to(case.root).as_posix()
    except ValueError:
        return str(path)


def _suffix(document: Document) -> str:
    return ".docx" if document.template is not None or document.bestand is None else \
        document.bestand.suffix.lower()


def _start_conversion(planned: list[Path], out_dir: Path, *,
                      jobs: int | None) -> convert.Conversion | None:
    """Start the LibreOffice batches now (they start while we render), or None when a warm
    LibreOffice will take these few documents once they are rendered."""
    from besluitpak import warm

    if not planned:
        return convert.start([], out_dir)
    if len(planned) <= warm.MAX_WARM_DOCUMENTS and warm.running() and warm.enabled():
        return None
    return convert.start(planned, out_dir, jobs=jobs)


def _convert_warm(sources: list[Path], out_dir: Path, *, jobs: int | None,
                  progress: Progress) -> dict[Path, Path]:
    """The warm LibreOffice converts; if it cannot, the batch path does."""
    from besluitpak import warm

    done = warm.convert(sources, out_dir)
    if done is not None:
        progress("          converted by the warm LibreOffice")
        return done
    return convert.convert(sources, out_dir, jobs=jobs)


def _part(case: Case, plan: EditionPlan, document: Document,
          pdfs: dict[Variant, Path], work: Path) -> Part:
    from besluitpak import frontmatter
    from besluitpak.assemble import Part

    note = plan.notes.get(document.id, "")
    if document in plan.withheld:
        heading, lines = placeholder_lines(document)
        path = work / "pdf" / f"placeholder-{document.id}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        frontmatter.placeholder(heading, lines).save(path)
        return Part(document=document, pdf=path, note=note)
    return Part(document=document, pdf=pdfs[(plan.name, document.id)], note=note)
