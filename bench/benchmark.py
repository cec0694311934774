"""Benchmark: besluitpak against the naive pipeline and the floor, in one run, printed as ratios.

    .venv/bin/python bench/benchmark.py [--runs 3] [--batch 5,10,20] [--pythonpath DIR]

besluitpak is driven only through its command line, in fresh processes, as a user runs it
(``besluitpak build``, ``render``, ``watch``, ``cache clear``), so Python's start and
imports are counted and nothing here depends on the package's internals. ``--pythonpath
DIR`` puts an other checkout of the package first on every besluitpak process's
PYTHONPATH (e.g. ``git worktree add /tmp/bp-before <commit>``): the "before" figures of a
change are measured by this same script, with the same venv, on the same reference case.

The naive pipeline is what one would write first: docxtpl render (``besluitpak render``,
in its own process, timed), one ``soffice --convert-to pdf`` per file on a profile as
LibreOffice makes it, pypdf append into one bundle. The floor is the least any tool can
do with LibreOffice on two cores: the rendered documents converted by two tuned
LibreOffice batch processes started at the same moment, each given half of them in one
call with besluitpak's export filter, and nothing else: no render, no assembly.

Each figure is the median of ``--runs`` runs. Peak memory is the largest sum of the
resident memory of the process tree below this script, sampled every 20 ms. A benchmark,
not a test: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import queue
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parents[1]
BESLUITPAK = str(Path(sys.executable).parent / "besluitpak")

EXPORT_FILTER = (  # a copy of EXPORT_FILTER in besluitpak/convert/libreoffice.py
    "pdf:writer_pdf_Export:{"
    '"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"},'
    '"ExportFormFields":{"type":"boolean","value":"false"}'
    "}"
)
CONVERTIBLE = (".docx", ".odt", ".doc", ".rtf")
WORKER_FLAGS = (
    "--headless",
    "--invisible",
    "--norestore",
    "--nologo",
    "--nodefault",
    "--nolockcheck",
)
"""How besluitpak starts its workers (besluitpak/convert/workers.py), for the floor."""


class Bench:
    """Where this run works, and how its besluitpak and LibreOffice processes are started."""

    def __init__(self, work: Path, pythonpath: Path | None) -> None:
        self.work = work
        self.cache = work / "cache"
        self.env = dict(os.environ, BESLUITPAK_CACHE=str(self.cache))
        if pythonpath is not None:
            self.env["PYTHONPATH"] = str(pythonpath)
        self.soffice = soffice()
        self.ended = 0
        """Background processes that besluitpak left running, ended by the benchmark."""

    def besluitpak(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        # Run from the work folder: a Python started in a checkout would import the
        # package of that folder first, whatever PYTHONPATH says.
        done = subprocess.run(
            [BESLUITPAK, *map(str, args)],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"besluitpak {' '.join(map(str, args))} failed "
                f"({done.returncode}):\n{done.stderr[-3000:]}"
            )
        return done

    def build(self, *cases: Path, out: Path) -> None:
        self.besluitpak("build", *cases, "--out", out, "--edition", "intern")

    def render(self, case: Path, out: Path) -> list[Path]:
        """``besluitpak render``: the documents of the case, in bundle order."""
        lines = self.besluitpak("render", case, "--out", out).stdout.splitlines()
        return [Path(line[line.index(str(out)) :]) for line in lines if str(out) in line]

    def clear(self) -> None:
        """An empty cache and no LibreOffice of an earlier build still running."""
        self.end_leftovers()
        self.besluitpak("cache", "clear")

    def end_leftovers(self) -> None:
        """End the processes an earlier command left running in the background (such as a
        warm LibreOffice): ours, by their id, known by this run's folder on their command
        line (their profile or socket is in its cache)."""
        mine = [pid for pid in _processes_mentioning(str(self.work)) if pid != os.getpid()]
        self.ended += len(mine)
        for pid in mine:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while mine and time.monotonic() < deadline:
            mine = [pid for pid in mine if _alive(pid)]
            time.sleep(0.05)
        for pid in mine:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)

    def profile(self, name: str, *, tuned: bool) -> Path:
        """A LibreOffice profile of this run (tuned as besluitpak tunes its workers)."""
        path = self.cache / "bench-profiles" / name
        if tuned:
            tune_profile(path, product_version(libreoffice_version(self.soffice)))
        return path


def soffice() -> str:
    """The LibreOffice that besluitpak finds: ``$BESLUITPAK_SOFFICE``, else on PATH."""
    for name in (os.environ.get("BESLUITPAK_SOFFICE"), "soffice", "libreoffice"):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise SystemExit("LibreOffice (soffice) not found on PATH")


def libreoffice_version(program: str) -> str:
    done = subprocess.run(
        [program, "--version"], capture_output=True, text=True, check=False, timeout=120
    )
    return done.stdout.strip() or f"unknown LibreOffice ({program})"


def product_version(version: str) -> str:
    """``7.4`` for LibreOffice 7.4.7.2: what LibreOffice records as the last version seen."""
    match = re.search(r"(\d+)\.(\d+)", version)
    return f"{match[1]}.{match[2]}" if match else "0.0"


_TUNING = {  # a copy of _TUNING in besluitpak/convert/libreoffice.py
    "/org.openoffice.Office.Java/VirtualMachine": ("Enable", "false"),
    "/org.openoffice.Office.Common/Misc": ("UseOpenCL", "false"),
    "/org.openoffice.Office.Common/Save/Document": ("AutoSave", "false"),
}


def tune_profile(profile: Path, product: str) -> None:
    """A small copy of tune_profile in besluitpak/convert/libreoffice.py: record the version
    LibreOffice last ran as (``ooSetupLastVersion``), so it skips its graphics render tests
    at each start, and switch off Java, OpenCL and autosave."""
    settings = {**_TUNING, "/org.openoffice.Setup/Product": ("ooSetupLastVersion", product)}
    registry = profile / "user" / "registrymodifications.xcu"
    try:
        text = registry.read_text(encoding="utf-8")
    except OSError:
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
            'xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n</oor:items>\n'
        )
    for path, (name, value) in settings.items():
        text = re.sub(
            rf'<item oor:path="{re.escape(path)}"><prop oor:name="{name}" '
            rf'oor:op="fuse"><value>[^<]*</value></prop></item>\n?',
            "",
            text,
        )
        text = text.replace(
            "</oor:items>",
            f'<item oor:path="{path}"><prop oor:name="{name}" '
            f'oor:op="fuse"><value>{value}</value></prop></item>\n'
            "</oor:items>",
        )
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(text, encoding="utf-8")


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != os.getuid():
                continue
            if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class PeakMemory:
    """Samples the resident memory of the processes below this one; ``peak`` is the largest
    sum (MiB)."""

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
    total, todo = 0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def naive(bench: Bench, case: Path, work: Path, profile: Path) -> Path:
    """docxtpl render, one soffice per file (one persistent profile, as a user's), pypdf
    append into one bundle."""
    pdfs = []
    for document in bench.render(case, work / "docx"):
        if document.suffix == ".pdf":
            pdfs.append(document)
            continue
        subprocess.run(
            [
                bench.soffice,
                f"-env:UserInstallation={profile.resolve().as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "pdf"),
                str(document),
            ],
            check=True,
            capture_output=True,
        )
        pdfs.append(work / "pdf" / f"{document.stem}.pdf")
    writer = pypdf.PdfWriter()
    for pdf in pdfs:
        writer.append(str(pdf))
    out = work / "naive.pdf"
    writer.write(str(out))
    return out


def halves(documents: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Half the documents each, about equal in bytes: largest first, dealt 0, 1, 1, 0, 0…"""
    ordered = sorted(documents, key=lambda p: (-p.stat().st_size, p.name))
    first = [p for i, p in enumerate(ordered) if i % 4 in (0, 3)]
    second = [p for i, p in enumerate(ordered) if i % 4 in (1, 2)]
    return first, second


def floor(
    bench: Bench, batches: Sequence[Sequence[Path]], profiles: Sequence[Path], out: Path
) -> None:
    """Each batch converted by its own LibreOffice on its own tuned profile, all started at
    the same moment, in one ``soffice --convert-to`` call each; nothing else."""
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", LC_ALL="C.UTF-8")
    processes = [
        subprocess.Popen(
            [
                bench.soffice,
                f"-env:UserInstallation={p.resolve().as_uri()}",
                *WORKER_FLAGS,
                "--convert-to",
                EXPORT_FILTER,
                "--outdir",
                str(out),
                *map(str, batch),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for batch, p in zip(batches, profiles, strict=True)
    ]
    codes = [process.wait() for process in processes]
    missing = [
        d.name
        for batch in batches
        for d in batch
        if not (out / f"{d.stem}.pdf").is_file() or (out / f"{d.stem}.pdf").stat().st_size == 0
    ]
    if any(codes) or missing:
        raise RuntimeError(f"floor: LibreOffice exit codes {codes}, not converted: {missing}")


def watch_rebuild(bench: Bench, case: Path, out: Path, value: int) -> tuple[float, str] | None:
    """``besluitpak watch --max-rebuilds 1``: seconds from one bijlage's change to the
    "rebuilt" line, and what watch said it took; None if this besluitpak cannot."""
    process = subprocess.Popen(
        [
            BESLUITPAK,
            "watch",
            str(case),
            "--out",
            str(out),
            "--edition",
            "intern",
            "--interval",
            "0.1",
            "--max-rebuilds",
            "1",
        ],
        cwd=bench.work,
        env=bench.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    said: list[str] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    def until(prefixes: tuple[str, ...], timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if line is None:
                return None
            said.append(line)
            if line.startswith(prefixes):
                return line

    threading.Thread(target=read, daemon=True).start()
    try:
        if until(("watching",), 180) is None:
            print(f"    watch did not start watching: {''.join(said)[-500:].strip()}")
            return None
        change_one_bijlage(case, value)
        start = time.perf_counter()
        line = until(("rebuilt in", "error:"), 180)
        seconds = time.perf_counter() - start
        if line is None or not line.startswith("rebuilt in"):
            print(f"    watch did not rebuild: {''.join(said)[-500:].strip()}")
            return None
        process.wait(timeout=60)
        return seconds, line.split(":", 1)[0].strip()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def measure(
    label: str,
    runs: int,
    action: Callable[[int], object],
    before: Callable[[int], object] | None = None,
) -> tuple[float, float]:
    """Median seconds and peak MiB of ``action`` (``before`` runs untimed first)."""
    times, peaks = [], []
    for run in range(runs):
        if before:
            before(run)
        with PeakMemory() as memory:
            start = time.perf_counter()
            action(run)
            times.append(time.perf_counter() - start)
        peaks.append(memory.peak)
    median = statistics.median(times)
    print(
        f"  {label:<55} {median:7.2f} s  peak {max(peaks):5.0f} MiB  "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})",
        flush=True,
    )
    return median, max(peaks)


def copy_reference(source: Path, target: Path, kenmerk: str | None = None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "besluitpak.yaml", target)
    shutil.copytree(source / "templates", target / "templates", dirs_exist_ok=True)
    shutil.copytree(source / "bijlagen", target / "bijlagen", dirs_exist_ok=True)
    if kenmerk:
        case = target / "besluitpak.yaml"
        text = case.read_text(encoding="utf-8")
        if "kenmerk: 2014/123456" not in text:
            raise SystemExit(f"{source}: no 'kenmerk: 2014/123456' to vary for the batch")
        case.write_text(
            text.replace("kenmerk: 2014/123456", f"kenmerk: {kenmerk}"), encoding="utf-8"
        )
    return target


def change_one_bijlage(case: Path, value: int) -> None:
    data = case / "bijlagen" / "gebiedsprogramma-noord.yaml"
    text = data.read_text(encoding="utf-8")
    start = text.index("bedrag: ") + len("bedrag: ")
    end = text.index("\n", start)
    data.write_text(text[:start] + str(100000 + value) + text[end:], encoding="utf-8")


def describe_tree(bench: Bench) -> str:
    """Which besluitpak the commands run: its folder, commit and version."""
    done = subprocess.run(
        [sys.executable, "-c", "import besluitpak; print(besluitpak.__file__)"],
        cwd=bench.work,
        env=bench.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"besluitpak does not import:\n{done.stderr[-2000:]}")
    tree = Path(done.stdout.strip()).resolve().parents[1]

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(tree), *args], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "HEAD") or "unknown commit (not a git checkout)"
    dirty = " + uncommitted changes" if git("status", "--porcelain", "--", "besluitpak") else ""
    version = bench.besluitpak("--version").stdout.strip()
    return f"{tree} at {commit}{dirty} ({version})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--batch",
        default="5,10,20",
        help="batch sizes (copies of the reference case with distinct kenmerken)",
    )
    parser.add_argument(
        "--pythonpath",
        type=Path,
        default=None,
        metavar="DIR",
        help="PYTHONPATH of every besluitpak process: measure the package of "
        "that checkout (default: the venv's)",
    )
    parser.add_argument(
        "--case",
        type=Path,
        default=ROOT,
        metavar="DIR",
        help="the folder with the reference case (besluitpak.yaml, templates, "
        "bijlagen); default: this checkout's",
    )
    args = parser.parse_args()
    pythonpath = args.pythonpath.resolve() if args.pythonpath else None
    work = Path(tempfile.mkdtemp(prefix="bp-bench-"))
    bench = Bench(work, pythonpath)
    try:
        run(bench, args.runs, [int(n) for n in args.batch.split(",")], args.case.resolve())
    finally:
        bench.end_leftovers()
        shutil.rmtree(work, ignore_errors=True)


def run(bench: Bench, runs: int, sizes: list[int], reference: Path) -> None:
    work = bench.work
    case_dir = copy_reference(reference, work / "case")
    print(f"besluitpak: {describe_tree(bench)}")
    print(f"LibreOffice: {libreoffice_version(bench.soffice)} ({bench.soffice})")
    # warm the file cache and the LibreOffice profiles once, for every side alike
    documents = bench.render(case_dir, work / "documents")
    convertible = [d for d in documents if d.suffix in CONVERTIBLE]
    print(
        f"reference case: {reference}, {len(documents)} documents "
        f"({len(convertible)} to convert); {os.cpu_count()} cores; median of {runs} runs"
    )
    plain = bench.profile("naive", tuned=False)
    tuned = bench.profile("naive-tuned", tuned=True)
    floor_profiles = [bench.profile(f"floor-{i}", tuned=True) for i in range(2)]
    batches = halves(convertible)
    naive(bench, case_dir, work / "warmup-naive", plain)
    naive(bench, case_dir, work / "warmup-naive-tuned", tuned)
    floor(bench, batches, floor_profiles, work / "warmup-floor")
    for profile in (tuned, *floor_profiles):  # as tuned after LibreOffice's first start
        bench.profile(profile.name, tuned=True)
    bench.build(case_dir, out=work / "warmup")
    bench.end_leftovers()

    naive_s, _ = measure(
        "naive: render, soffice per file, pypdf append",
        runs,
        lambda run: naive(bench, case_dir, work / f"naive-{run}", plain),
    )
    # For reference, not the baseline: the naive pipeline on a profile tuned as besluitpak's
    # workers are (LibreOffice skips its graphics render tests at each start).
    tuned_s, _ = measure(
        "naive, on a tuned profile (for reference)",
        runs,
        lambda run: naive(bench, case_dir, work / f"naive-tuned-{run}", tuned),
    )
    floor_s, floor_mib = measure(
        f"floor: 2 tuned LibreOffice batches of {len(batches[0])}+{len(batches[1])}, in parallel",
        runs,
        lambda run: floor(bench, batches, floor_profiles, work / f"floor-{run}"),
    )
    cold_s, cold_mib = measure(
        "cold build (empty cache, no LibreOffice running)",
        runs,
        lambda run: bench.build(case_dir, out=work / f"cold-{run}"),
        before=lambda run: bench.clear(),
    )
    bench.build(case_dir, out=work / "incremental")  # the cache filled, as before an edit

    def edit(value: int) -> None:
        change_one_bijlage(case_dir, value)
        time.sleep(2)  # as between two edits (and the same for every besluitpak)

    one_s, _ = measure(
        "one bijlage's data changed",
        runs,
        lambda run: bench.build(case_dir, out=work / "incremental"),
        before=lambda run: edit(run),
    )
    same_s, _ = measure(
        "nothing changed", runs, lambda run: bench.build(case_dir, out=work / "incremental")
    )
    watched = [
        watch_rebuild(bench, case_dir, work / "incremental", 90 + run) for run in range(runs)
    ]
    watch_s: float | None = None
    if all(watched):
        watch_times = [w[0] for w in watched if w]
        watch_s = statistics.median(watch_times)
        print(
            f"  {'watch: rebuild after one bijlage changed':<55} {watch_s:7.2f} s  "
            f"(from the save to its line; runs: "
            f"{', '.join(f'{t:.2f}' for t in watch_times)}; watch said: "
            f"{'; '.join(w[1] for w in watched if w)})",
            flush=True,
        )
    else:
        print(
            f"  {'watch: rebuild after one bijlage changed':<55} not measured "
            "(watch --max-rebuilds did not work)"
        )
    bench.end_leftovers()

    print()
    print(
        f"  cold build vs naive:          {naive_s / cold_s:6.1f}x   (goal >= 5x; "
        f"vs the naive pipeline on a tuned profile: {tuned_s / cold_s:.1f}x)"
    )
    print(
        f"  cold build vs floor:          {cold_s / floor_s:6.2f}x  (goal ≤ 1.5x; floor "
        f"{floor_s:.2f} s, peak {floor_mib:.0f} MiB)"
    )
    print(f"  one bijlage changed vs naive: {naive_s / one_s:6.1f}x   (goal >= 10x)")
    print(f"  nothing changed vs naive:     {naive_s / same_s:6.1f}x   (goal >= 30x)")
    if watch_s is not None:
        print(f"  watch rebuild vs naive:       {naive_s / watch_s:6.1f}x   ({watch_s:.2f} s)")
    print(f"  peak memory, cold build with two workers: {cold_mib:.0f} MiB   (goal < 600 MiB)")

    print(
        f"\nbatch: copies of the reference case with distinct kenmerken, one `besluitpak "
        f"build A B C …`, cold, median of {runs} runs, the sizes taken in turn"
    )
    cases: dict[int, list[Path]] = {
        size: [
            copy_reference(
                reference,
                work / f"batch-{size}" / f"case-{index:02d}",
                kenmerk=f"2014/{200000 + index}",
            )
            for index in range(size)
        ]
        for size in sizes
    }
    walls: dict[int, list[float]] = {size: [] for size in sizes}
    cpus: dict[int, list[float]] = {size: [] for size in sizes}
    peaks: dict[int, float] = dict.fromkeys(sizes, 0.0)
    for run_index in range(runs):  # in turn, so a busy spell on the machine hits every size
        for size in sizes:
            bench.clear()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            with PeakMemory() as memory:
                bench.build(*cases[size], out=work / f"batch-out-{size}-{run_index}")
            walls[size].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[size].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            peaks[size] = max(peaks[size], memory.peak)
    results = []
    for size in sizes:
        count = size * len(documents)
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
    bench.end_leftovers()
    if bench.ended:
        print(
            f"\n({bench.ended} background process(es) that besluitpak left running were "
            "ended by the benchmark before the cold builds and at the end)"
        )

    watch_part = f", watch {naive_s / watch_s:.1f}x" if watch_s is not None else ""
    rates = "/".join(f"{rate:.1f}" for *_, rate in results)
    print(
        f"\nsummary vs naive ({naive_s:.2f} s): cold {naive_s / cold_s:.1f}x, one bijlage "
        f"changed {naive_s / one_s:.1f}x, nothing changed {naive_s / same_s:.1f}x"
        f"{watch_part}; cold vs floor {cold_s / floor_s:.2f}x; peak {cold_mib:.0f} MiB; "
        f"batch {'/'.join(map(str, sizes))}: {rates} documents/s"
    )


if __name__ == "__main__":
    main()
