"""The pipeline, in one readable function: load → render → convert → assemble.

Work happens in a private temporary folder; finished bundles are moved into place only at
the end, so a failed or interrupted build leaves the previous bundle untouched.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from besluitpak import __version__, convert, render
from besluitpak.assemble import Options, Part, assemble, assemble_document
from besluitpak.case import Case, Document
from besluitpak.errors import CaseError, Problem

Progress = Callable[[str], None]


@dataclass(frozen=True, kw_only=True)
class Built:
    """What a build wrote."""

    files: tuple[Path, ...]
    pages: int
    seconds: float
    timings: tuple[tuple[str, float], ...]


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
          progress: Progress = _quiet) -> Built:
    """Build the bundle of ``case`` into the folder ``out`` (with ``only``: just those
    documents, each as its own finished PDF); return what was written."""
    started = time.perf_counter()
    timings: list[tuple[str, float]] = []
    convert.soffice()  # fail fast, before any work, when LibreOffice is missing
    wanted = {ident: True for ident in only} if only else None
    if wanted:
        unknown = sorted(set(wanted) - {d.id for d in case.documents})
        if unknown:
            known = ", ".join(d.id for d in case.documents)
            raise CaseError([Problem(file=case.path, line=None, key="--only",
                                     message=f"expected a document id ({known}), got "
                                             f"{', '.join(map(repr, unknown))}")])

    def step(name: str, begin: float) -> None:
        elapsed = time.perf_counter() - begin
        timings.append((name, elapsed))
        progress(f"{name:<9} {elapsed:6.2f} s")

    with tempfile.TemporaryDirectory(prefix="besluitpak-") as tmp:
        work = Path(tmp)

        begin = time.perf_counter()
        rendered = render.render_case(case, work / "docx", only=wanted)
        step("render", begin)

        begin = time.perf_counter()
        pdfs = _convert_all(rendered, work / "pdf", jobs=jobs)
        step("convert", begin)

        begin = time.perf_counter()
        options = Options(edition="intern", producer=producer())
        if wanted:
            files, pages = [], 0
            for item in rendered:
                target = out / document_name(case, item.document)
                pages += assemble_document(case, Part(document=item.document,
                                                      pdf=pdfs[item.document.id]),
                                           target, options=options)
                files.append(target)
        else:
            target = out / bundle_name(case, "intern")
            plan = assemble(case, [Part(document=d, pdf=pdfs[d.id]) for d in case.documents],
                            target, options=options)
            files, pages = [target], plan.total
        step("assemble", begin)

    return Built(files=tuple(files), pages=pages, seconds=time.perf_counter() - started,
                 timings=tuple(timings))


def _convert_all(rendered: tuple[render.Rendered, ...], out_dir: Path, *,
                 jobs: int | None) -> dict[str, Path]:
    """PDF per document id: Word files converted, ready-made PDFs taken as they are."""
    out_dir.mkdir(parents=True, exist_ok=True)
    to_convert = [r.path for r in rendered if r.path.suffix.lower() in convert.CONVERTIBLE]
    converted = convert.convert(to_convert, out_dir, jobs=jobs)
    result: dict[str, Path] = {}
    for item in rendered:
        if item.path in converted:
            result[item.document.id] = converted[item.path]
        else:
            copy = out_dir / item.path.name
            shutil.copyfile(item.path, copy)
            result[item.document.id] = copy
    return result


def document_of(case: Case, ident: str) -> Document:
    for document in case.documents:
        if document.id == ident:
            return document
    raise KeyError(ident)
