"""Benchmark: besluitpak against the naive pipeline, measured in one run, printed as ratios.

    .venv/bin/python bench/benchmark.py [--runs 3]

The naive pipeline is what one would write first: docxtpl render, one
``soffice --convert-to pdf`` per file, pypdf append. Both run on the reference case on this
machine in the same run; each figure is the median of ``--runs`` runs. Peak memory is the
largest sum of the resident memory of this process and all its children, sampled every
20 ms. This is a benchmark, not a test: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from besluitpak import case as case_mod  # noqa: E402
from besluitpak import convert, pipeline, render  # noqa: E402


class PeakMemory:
    """Samples the resident memory of this process tree; ``peak`` is the largest sum (MiB)."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            time.sleep(0.02)


def _tree_rss(root: int) -> float:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parent = int(stat[1])
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
        rss[int(entry.name)] = pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def naive(case: case_mod.Case, work: Path) -> Path:
    """docxtpl render, one soffice per file (one persistent profile, as a user's), pypdf append."""
    rendered = render.render_case(case, work / "docx")
    profile = (convert.cache_home() / "bench-naive-profile").as_uri()
    pdfs = []
    for item in rendered:
        if item.path.suffix == ".pdf":
            pdfs.append(item.path)
            continue
        subprocess.run([convert.soffice(), f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work / "pdf"), str(item.path)],
                       check=True, capture_output=True)
        pdfs.append(work / "pdf" / f"{item.path.stem}.pdf")
    writer = pypdf.PdfWriter()
    for pdf in pdfs:
        writer.append(str(pdf))
    out = work / "naive.pdf"
    writer.write(str(out))
    return out


def measure(label: str, runs: int, action: Callable[[Path], object]) -> tuple[float, float]:
    """Median seconds and peak MiB of ``action`` over ``runs`` fresh work folders."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bp-bench-") as tmp, PeakMemory() as memory:
            start = time.perf_counter()
            action(Path(tmp))
            times.append(time.perf_counter() - start)
        peaks.append(memory.peak)
    median = statistics.median(times)
    print(f"  {label:<44} {median:7.2f} s   peak {max(peaks):6.0f} MiB   "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
    return median, max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()

    case = case_mod.load_case(ROOT / "besluitpak.yaml")
    print(f"reference case: {len(case.documents)} documents; {convert.version()}; "
          f"{os.cpu_count()} cores; median of {args.runs} runs")
    # warm the file cache and the LibreOffice profiles once, for both sides alike
    with tempfile.TemporaryDirectory() as tmp:
        pipeline.build(case, out=Path(tmp), jobs=args.jobs)
        naive(case, Path(tmp))

    naive_s, naive_mib = measure("naive (render, soffice per file, pypdf)", args.runs,
                                 lambda work: naive(case, work))
    full_s, full_mib = measure("besluitpak build (full)", args.runs,
                               lambda work: pipeline.build(case, out=work, jobs=args.jobs))
    print()
    print(f"  full build vs naive: {naive_s / full_s:5.1f}x faster   (goal >= 4x)")
    print(f"  peak memory: besluitpak {full_mib:.0f} MiB, naive {naive_mib:.0f} MiB")


if __name__ == "__main__":
    main()
