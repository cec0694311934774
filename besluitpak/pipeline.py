"""The pipeline, in one readable function: load → render → convert → assemble.

Work happens in a private temporary folder; finished bundles are moved into place only at
the end, so a failed or interrupted build leaves the previous bundle untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from besluitpak import __version__, convert, frontmatter, render
from besluitpak.assemble import Options, Part, assemble, assemble_document
from besluitpak.case import Case, Document
from besluitpak.errors import CaseError, Problem
from besluitpak.publish import (
    EDITIONS,
    EditionPlan,
    Override,
    diwoo_sitemap,
    placeholder_lines,
    plan_edition,
)

Progress = Callable[[str], None]


@dataclass(frozen=True, kw_only=True)
class Built:
    """What a build wrote."""

    files: tuple[Path, ...]
    pages: int
    seconds: float
    timings: tuple[tuple[str, float], ...]
    plans: tuple[EditionPlan, ...] = ()


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


def build(case: Case, *, out: Path, jobs: int | None = None, only: Sequence[str] = (),
          editions: Sequence[str] = EDITIONS, today: dt.date | None = None,
          final: bool = False, override: Override | None = None,
          progress: Progress = _quiet) -> Built:
    """Build the editions of ``case`` into the folder ``out`` and return what was written.

    With ``only``: just those documents, each as its own finished PDF (intern). ``final``
    asks for the public edition as published (refused under embargo without ``override``).
    """
    started = time.perf_counter()
    timings: list[tuple[str, float]] = []
    today = today or dt.date.today()
    convert.soffice()  # fail fast, before any work, when LibreOffice is missing
    wanted = _wanted(case, only)
    plans = [] if wanted else [plan_edition(case, name, today=today, final=final,
                                            override=override) for name in editions]

    def step(name: str, begin: float) -> None:
        elapsed = time.perf_counter() - begin
        timings.append((name, elapsed))
        progress(f"{name:<9} {elapsed:6.2f} s")

    with tempfile.TemporaryDirectory(prefix="besluitpak-") as tmp:
        work = Path(tmp)

        begin = time.perf_counter()
        sources = _render(case, plans, wanted, work)
        step("render", begin)

        begin = time.perf_counter()
        pdfs = _convert_all(sources, work / "pdf", jobs=jobs)
        step("convert", begin)

        begin = time.perf_counter()
        files: list[Path] = []
        pages = 0
        if wanted:
            options = Options(edition="intern", producer=producer())
            for document in case.documents:
                if document.id in wanted:
                    target = out / document_name(case, document)
                    part = Part(document=document, pdf=pdfs[("intern", document.id)])
                    pages += assemble_document(case, part, target, options=options)
                    files.append(target)
        for plan in plans:
            target = out / bundle_name(case, plan.name)
            parts = [_part(case, plan, document, pdfs, work) for document in case.documents]
            options = Options(edition=plan.name, producer=producer(), public=plan.public,
                              notices=plan.notices(), own=tuple(plan.own_metadata().items()),
                              watermark=plan.notices()[0] if plan.embargo else None)
            pages += assemble(case, parts, target, options=options).total
            files.append(target)
        step("assemble", begin)

    return Built(files=tuple(files), pages=pages, seconds=time.perf_counter() - started,
                 timings=tuple(timings), plans=tuple(plans))


def publish(case: Case, *, out: Path, jobs: int | None = None, today: dt.date | None = None,
            override: Override | None = None, progress: Progress = _quiet) -> Built:
    """The final public edition, its DiWoo sitemap entry and a build record."""
    today = today or dt.date.today()
    assert case.meta.publicatie_url is not None
    plan_edition(case, "openbaar", today=today, final=True, override=override)  # refuse early
    built = build(case, out=out, jobs=jobs, editions=("openbaar",), today=today, final=True,
                  override=override, progress=progress)
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


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


def _render(case: Case, plans: Sequence[EditionPlan], wanted: set[str],
            work: Path) -> dict[Variant, render.Rendered]:
    """Render what the editions need. A public variant (without the steller's personal data)
    is kept only where it differs from the internal one; withheld bijlagen are not rendered
    for a public edition at all."""
    sources: dict[Variant, render.Rendered] = {}
    intern = wanted or ({d.id for d in case.documents}
                        if any(not p.public for p in plans) else set())
    for item in render.render_case(case, work / "intern", only=dict.fromkeys(intern, True)):
        sources[("intern", item.document.id)] = item
    for plan in plans:
        if not plan.public:
            continue
        public_ids = {d.id for d in case.documents} - {d.id for d in plan.withheld}
        for item in render.render_case(case, work / "openbaar", public=True,
                                       only=dict.fromkeys(public_ids, True),
                                       suffix="-openbaar"):
            twin = sources.get(("intern", item.document.id))
            same = twin is not None and render.same_content(twin.path, item.path)
            sources[("openbaar", item.document.id)] = twin if same and twin else item
    return sources


def _part(case: Case, plan: EditionPlan, document: Document,
          pdfs: dict[Variant, Path], work: Path) -> Part:
    note = plan.notes.get(document.id, "")
    if document in plan.withheld:
        heading, lines = placeholder_lines(document)
        path = work / "pdf" / f"placeholder-{document.id}.pdf"
        frontmatter.placeholder(heading, lines).save(path)
        return Part(document=document, pdf=path, note=note)
    return Part(document=document, pdf=pdfs[(plan.name, document.id)], note=note)


def _convert_all(sources: dict[Variant, render.Rendered], out_dir: Path, *,
                 jobs: int | None) -> dict[Variant, Path]:
    """PDF per variant: Word files converted (each once), ready-made PDFs taken as they are."""
    out_dir.mkdir(parents=True, exist_ok=True)
    unique = {item.path: item for item in sources.values()}
    to_convert = [p for p in unique if p.suffix.lower() in convert.CONVERTIBLE]
    converted = convert.convert(to_convert, out_dir, jobs=jobs)
    result: dict[Variant, Path] = {}
    for variant, item in sources.items():
        if item.path in converted:
            result[variant] = converted[item.path]
        else:
            copy = out_dir / item.path.name
            if not copy.exists():
                shutil.copyfile(item.path, copy)
            result[variant] = copy
    return result


def document_of(case: Case, ident: str) -> Document:
    for document in case.documents:
        if document.id == ident:
            return document
    raise KeyError(ident)
