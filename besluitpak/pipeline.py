"""The pipeline, in one readable function: load → render → convert → assemble.

Work happens in a private temporary folder; finished bundles are moved into place only at
the end, so a failed or interrupted build leaves the previous bundle untouched.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from besluitpak import __version__, convert, render
from besluitpak.assemble import Options, Part, assemble
from besluitpak.case import Case, Document

Progress = Callable[[str], None]


@dataclass(frozen=True, kw_only=True)
class Built:
    """What a build wrote."""

    bundle: Path
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


def producer() -> str:
    return f"besluitpak {__version__}; {convert.version()}; pikepdf"


def build(case: Case, *, out: Path, jobs: int | None = None,
          progress: Progress = _quiet) -> Built:
    """Build the bundle of ``case`` into the folder ``out``; return where it is."""
    started = time.perf_counter()
    timings: list[tuple[str, float]] = []
    convert.soffice()  # fail fast, before any work, when LibreOffice is missing

    def step(name: str, begin: float) -> None:
        elapsed = time.perf_counter() - begin
        timings.append((name, elapsed))
        progress(f"{name:<9} {elapsed:6.2f} s")

    with tempfile.TemporaryDirectory(prefix="besluitpak-") as tmp:
        work = Path(tmp)

        begin = time.perf_counter()
        rendered = render.render_case(case, work / "docx")
        step("render", begin)

        begin = time.perf_counter()
        pdfs = _convert_all(rendered, work / "pdf", jobs=jobs)
        step("convert", begin)

        begin = time.perf_counter()
        target = out / bundle_name(case, "intern")
        plan = assemble(case, [Part(document=d, pdf=pdfs[d.id]) for d in case.documents],
                        target, options=Options(edition="intern", producer=producer()))
        step("assemble", begin)

    return Built(bundle=target, pages=plan.total, seconds=time.perf_counter() - started,
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
