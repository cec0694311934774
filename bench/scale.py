"""Scale: many cases in one command (batch), and one case the size of a large package (60
bijlagen; a 500-page ready-made PDF) against the 12-document reference case."""

from __future__ import annotations

import itertools
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cases import copy_reference, many_bijlagen, page_count, with_long_pdf
from harness import Bench, PeakMemory, measure

if TYPE_CHECKING:
    from benchmark import Setup

BIJLAGEN = 60
LONG_PAGES = 500


@dataclass(frozen=True, kw_only=True)
class Scale:
    """Cold builds of both editions (as the web page builds): the reference case, the one
    with BIJLAGEN bijlagen and the one with a LONG_PAGES-page ready-made PDF."""

    reference: float
    reference_documents: int
    reference_pages: int
    many: float
    documents: int
    many_pages: int
    long: float
    long_mib: float
    long_pages: int


def batch(
    bench: Bench, reference: Path, sizes: list[int], runs: int, documents: int
) -> list[float]:
    """Cold ``besluitpak build A B C …`` of copies of the reference case with distinct
    kenmerken, the sizes taken in turn; documents/s per size."""
    print(
        f"\nbatch: copies of the reference case with distinct kenmerken, one `besluitpak "
        f"build A B C …`, cold, median of {runs} runs, the sizes taken in turn"
    )
    cases = {
        size: [
            copy_reference(
                reference, bench.work / f"batch-{size}" / f"case-{index:02d}",
                kenmerk=f"2014/{200000 + index}",
            )
            for index in range(size)
        ]
        for size in sizes
    }  # fmt: skip
    walls: dict[int, list[float]] = {size: [] for size in sizes}
    cpus: dict[int, list[float]] = {size: [] for size in sizes}
    peaks: dict[int, float] = dict.fromkeys(sizes, 0.0)
    for run_index in range(runs):  # in turn, so a busy spell on the machine hits every size
        for size in sizes:
            bench.clear()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            with PeakMemory() as memory:
                bench.build(*cases[size], out=bench.work / f"batch-out-{size}-{run_index}")
            walls[size].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[size].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            peaks[size] = max(peaks[size], memory.peak)
    return _report_batch(sizes, walls, cpus, peaks, documents)


def _report_batch(
    sizes: list[int],
    walls: dict[int, list[float]],
    cpus: dict[int, list[float]],
    peaks: dict[int, float],
    documents: int,
) -> list[float]:
    results = []
    for size in sizes:
        count = size * documents
        wall, cpu = statistics.median(walls[size]), statistics.median(cpus[size])
        results.append((size, wall, cpu, count / wall))
        print(
            f"  {size:3d} cases, {count:4d} documents: {wall:6.2f} s "
            f"({', '.join(f'{t:.2f}' for t in walls[size])})  {count / wall:5.1f} "
            f"documents/s  CPU {cpu:5.1f} s  peak {peaks[size]:4.0f} MiB"
        )

    def verdict(growth: float, work_growth: float) -> str:
        return "linear or better" if growth <= work_growth * 1.05 else "worse than linear"

    for (small, t_small, c_small, _), (large, t_large, c_large, _) in itertools.pairwise(results):
        work_growth = large / small
        print(
            f"  {small} -> {large} cases: time x{t_large / t_small:.2f} "
            f"({verdict(t_large / t_small, work_growth)}), CPU x{c_large / c_small:.2f} "
            f"({verdict(c_large / c_small, work_growth)}) for x{work_growth:.1f} the work"
        )
    print(
        "  (CPU: besluitpak and its LibreOffice workers together; on this shared machine "
        "both move by ±20 % between runs)"
    )
    return [rate for *_, rate in results]


def _cold(bench: Bench, label: str, case: Path, runs: int, name: str) -> tuple[float, float, int]:
    """Median seconds and peak MiB of a cold build of both editions; the pages built."""
    seconds, mib = measure(
        label,
        runs,
        lambda run: bench.build(case, out=bench.work / f"{name}-{run}", both=True),
        before=lambda run: bench.clear(),
    )
    return seconds, mib, page_count(sorted((bench.work / f"{name}-0").glob("*.pdf")))


def scale(bench: Bench, reference: Path, runs: int, setup: Setup) -> Scale:
    work = bench.work
    print("\nsize of a package: cold builds of both editions (intern and openbaar)")
    many = many_bijlagen(reference, work / "many-bijlagen", BIJLAGEN)
    # The ready-made PDF is made of the gebiedsopgaven as LibreOffice converted them for the
    # naive pipeline: real text on every page, and none of a withheld passage (a ready-made
    # PDF with a withheld text in it is refused for the public edition, rightly).
    sources = sorted((work / "warmup-naive" / "pdf").glob("*-opgave-*.pdf"))
    long = with_long_pdf(reference, work / "long-pdf", sources, LONG_PAGES)
    ref_s, _, ref_pages = _cold(
        bench, f"reference case, {len(setup.documents)} documents", setup.case, runs, "ref-both"
    )
    documents = BIJLAGEN + 1
    many_s, _, many_pages = _cold(
        bench, f"{BIJLAGEN} bijlagen, {documents} documents", many, runs, "many"
    )
    long_s, long_mib, _ = _cold(
        bench, f"reference case + a {LONG_PAGES}-page ready-made PDF", long, runs, "long"
    )
    return Scale(
        reference=ref_s,
        reference_documents=len(setup.documents),
        reference_pages=ref_pages,
        many=many_s,
        documents=documents,
        many_pages=many_pages,
        long=long_s,
        long_mib=long_mib,
        long_pages=LONG_PAGES,
    )
