"""Benchmark: besluitpak against the naive pipeline, measured in one run, printed as ratios.

    .venv/bin/python bench/benchmark.py [--runs 3] [--batch 5,10,20]

The naive pipeline is what one would write first: docxtpl render, one
``soffice --convert-to pdf`` per file, pypdf append, building one bundle. besluitpak is run
as a user runs it, ``besluitpak build --edition intern`` in a fresh process (so Python's
start and imports are counted), on a copy of the reference case. Each figure is the median
of ``--runs`` runs. Peak memory is the largest sum of the resident memory of the process
tree, sampled every 20 ms. A benchmark, not a test: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
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
from besluitpak import convert, pipeline, render, warm  # noqa: E402

BESLUITPAK = [str(Path(sys.executable).parent / "besluitpak")]


class PeakMemory:
    """Samples the resident memory of this process tree (``itself``: with this process, as
    for the in-process naive pipeline; else only what it started, as for a besluitpak
    command); ``peak`` is the largest sum (MiB)."""

    def __init__(self, *, itself: bool = True) -> None:
        self.itself = itself
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
            self.peak = max(self.peak, _tree_rss(os.getpid(), itself=self.itself))
            time.sleep(0.02)


def _tree_rss(root: int, *, itself: bool = True) -> float:
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
        if pid != root or itself:
            total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def naive(case: case_mod.Case, work: Path, *, profile_name: str = "bench-naive-profile") -> Path:
    """docxtpl render, one soffice per file (one persistent profile, as a user's), pypdf append."""
    rendered = render.render_case(case, work / "docx")
    profile = (convert.cache_home() / profile_name).as_uri()
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


def cli_build(case: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([*BESLUITPAK, "build", str(case), "--out", str(out), "--edition", "intern",
                    *extra], check=True, capture_output=True, env=env)


def measure(label: str, runs: int, action: Callable[[int], object],
            before: Callable[[int], object] | None = None,
            itself: bool = False) -> tuple[float, float]:
    """Median seconds and peak MiB of ``action`` (``before`` runs untimed first)."""
    times, peaks = [], []
    for run in range(runs):
        if before:
            before(run)
        with PeakMemory(itself=itself) as memory:
            start = time.perf_counter()
            action(run)
            times.append(time.perf_counter() - start)
        peaks.append(memory.peak)
    median = statistics.median(times)
    print(f"  {label:<52} {median:7.2f} s  peak {max(peaks):5.0f} MiB  "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)})", flush=True)
    return median, max(peaks)


def copy_reference(target: Path, kenmerk: str | None = None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "besluitpak.yaml", target)
    shutil.copytree(ROOT / "templates", target / "templates", dirs_exist_ok=True)
    shutil.copytree(ROOT / "bijlagen", target / "bijlagen", dirs_exist_ok=True)
    if kenmerk:
        case = target / "besluitpak.yaml"
        case.write_text(case.read_text(encoding="utf-8").replace("kenmerk: 2014/123456",
                                                                 f"kenmerk: {kenmerk}"),
                        encoding="utf-8")
    return target


def change_one_bijlage(case: Path, value: int) -> None:
    data = case / "bijlagen" / "gebiedsprogramma-noord.yaml"
    text = data.read_text(encoding="utf-8")
    start = text.index("bedrag: ") + len("bedrag: ")
    end = text.index("\n", start)
    data.write_text(text[:start] + str(100000 + value) + text[end:], encoding="utf-8")


def clear_cache_and_stop_libreoffice() -> None:
    shutil.rmtree(convert.cache_home() / "documents", ignore_errors=True)
    warm.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", default="5,10,20",
                        help="batch sizes (copies of the reference case with varied data)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bp-bench-"))
    os.environ["BESLUITPAK_CACHE"] = str(work / "cache")
    case_dir = copy_reference(work / "case")
    case = case_mod.load_case(case_dir)
    print(f"reference case: {len(case.documents)} documents; {convert.version()}; "
          f"{os.cpu_count()} cores; warm LibreOffice "
          f"{'available' if warm.enabled() else 'NOT available (no python3-uno)'}; "
          f"median of {args.runs} runs")
    # warm the file cache and the LibreOffice profiles once, for both sides alike
    naive(case, work / "warmup-naive")
    cli_build(case_dir, work / "warmup")
    clear_cache_and_stop_libreoffice()

    naive_s, _ = measure("naive: render, soffice per file, pypdf append", args.runs,
                         lambda run: naive(case, work / f"naive-{run}"), itself=True)
    # For reference, not the baseline: the naive pipeline on a profile tuned as besluitpak's
    # workers are (LibreOffice skips its graphics render tests at each start, see convert.py).
    convert.tune_profile(convert.cache_home() / "bench-naive-tuned")
    naive(case, work / "warmup-naive-tuned", profile_name="bench-naive-tuned")
    tuned_s, _ = measure("naive, on a tuned profile (for reference)", args.runs,
                         lambda run: naive(case, work / f"naive-tuned-{run}",
                                           profile_name="bench-naive-tuned"), itself=True)
    cold_s, cold_mib = measure(
        "cold build (empty cache, no LibreOffice running)", args.runs,
        lambda run: cli_build(case_dir, work / f"cold-{run}"),
        before=lambda run: clear_cache_and_stop_libreoffice())
    both_s, _ = measure(
        "cold build, both editions (intern + openbaar)", 1,
        lambda run: subprocess.run([*BESLUITPAK, "build", str(case_dir), "--out",
                                    str(work / "both")], check=True, capture_output=True),
        before=lambda run: clear_cache_and_stop_libreoffice())
    cli_build(case_dir, work / "incremental")  # cache filled; leaves LibreOffice warm
    time.sleep(3)  # let the warm LibreOffice come up, as it does between two edits
    one_s, _ = measure("one bijlage's data changed", args.runs,
                       lambda run: cli_build(case_dir, work / "incremental"),
                       before=lambda run: change_one_bijlage(case_dir, run))
    cold_one_s, _ = measure(
        "one bijlage's data changed, LibreOffice not warm", args.runs,
        lambda run: cli_build(case_dir, work / "incremental",
                              env=dict(os.environ, BESLUITPAK_WARM="0")),
        before=lambda run: change_one_bijlage(case_dir, 50 + run))
    same_s, _ = measure("nothing changed", args.runs,
                        lambda run: cli_build(case_dir, work / "incremental"))
    warm.start(wait=True)

    def watch_rebuild(run: int) -> None:  # what `watch` does after a save, in-process
        pipeline.build(case_mod.load_case(case_dir), out=work / "incremental",
                       editions=("intern",))

    watch_s, _ = measure("watch: rebuild after one bijlage changed (warm)", args.runs,
                         watch_rebuild, before=lambda run: change_one_bijlage(case_dir, 90 + run),
                         itself=True)

    print()
    print(f"  cold build vs naive:          {naive_s / cold_s:6.1f}x   (goal >= 5x; "
          f"vs the naive pipeline on a tuned profile: {tuned_s / cold_s:.1f}x)")
    print(f"  one bijlage changed vs naive: {naive_s / one_s:6.1f}x   (goal >= 10x; "
          f"without a warm LibreOffice: {naive_s / cold_one_s:.1f}x)")
    print(f"  nothing changed vs naive:     {naive_s / same_s:6.1f}x   (goal >= 30x)")
    print(f"  watch rebuild vs naive:       {naive_s / watch_s:6.1f}x   ({watch_s:.2f} s)")
    print(f"  both editions, cold:          {both_s:6.2f} s")
    print(f"  peak memory, cold build with two workers: {cold_mib:.0f} MiB   (goal < 600 MiB)")

    print(f"\nbatch: copies of the reference case with varied data, shared workers, "
          f"cold, median of {args.runs} runs, the sizes taken in turn")
    sizes = [int(n) for n in args.batch.split(",")]
    for size in sizes:
        for index in range(size):
            copy_reference(work / f"batch-{size}" / f"case-{index:02d}",
                           kenmerk=f"2014/{200000 + index}")
    walls: dict[int, list[float]] = {size: [] for size in sizes}
    cpus: dict[int, list[float]] = {size: [] for size in sizes}
    peaks: dict[int, float] = dict.fromkeys(sizes, 0.0)
    for run in range(args.runs):  # in turn, so a busy spell on the machine hits every size
        for size in sizes:
            clear_cache_and_stop_libreoffice()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            with PeakMemory(itself=False) as memory:
                done = subprocess.run([*BESLUITPAK, "build", str(work / f"batch-{size}"),
                                       "--out", str(work / f"batch-out-{size}-{run}"),
                                       "--edition", "intern"],
                                      capture_output=True, text=True, check=False)
            walls[size].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[size].append(after.ru_utime + after.ru_stime - before.ru_utime -
                              before.ru_stime)
            peaks[size] = max(peaks[size], memory.peak)
            assert done.returncode == 0, done.stderr[-2000:]
    results = []
    for size in sizes:
        documents = size * len(case.documents)
        wall, cpu = statistics.median(walls[size]), statistics.median(cpus[size])
        results.append((size, wall, cpu))
        print(f"  {size:3d} cases, {documents:4d} documents: {wall:6.2f} s "
              f"({', '.join(f'{t:.2f}' for t in walls[size])})  {documents / wall:5.1f} "
              f"documents/s  CPU {cpu:5.1f} s  peak {peaks[size]:4.0f} MiB")

    def verdict(growth: float, work_growth: float) -> str:
        return "linear or better" if growth <= work_growth * 1.05 else "worse than linear"

    for (small, t_small, c_small), (large, t_large, c_large) in itertools.pairwise(results):
        work_growth = large / small
        print(f"  {small} -> {large} cases: time x{t_large / t_small:.2f} "
              f"({verdict(t_large / t_small, work_growth)}), CPU x{c_large / c_small:.2f} "
              f"({verdict(c_large / c_small, work_growth)}) for x{work_growth:.1f} the work")
    print("  (CPU: besluitpak and its LibreOffice workers together; on this shared machine "
          "both move by ±20 % between runs)")
    clear_cache_and_stop_libreoffice()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
