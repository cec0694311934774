"""How the benchmark runs besluitpak: in fresh processes from a work folder of its own, its
leftovers ended by their id, the time and the resident memory of the process tree measured."""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from office import libreoffice_version, product_version, soffice, tune_profile

BESLUITPAK = str(Path(sys.executable).parent / "besluitpak")


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

    def build(self, *cases: Path, out: Path, both: bool = False) -> None:
        """``besluitpak build``: the intern edition, or ``both`` (as the web page builds)."""
        editions = () if both else ("--edition", "intern")
        self.besluitpak("build", *cases, "--out", out, *editions)

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
    sum (MiB) of their resident sizes (RSS, every 20 ms), ``peak_pss`` the largest sum of
    their proportional sizes (PSS, every 0.1 s: a page shared by n processes — LibreOffice's
    libraries, a forked worker's inherited heap — counted 1/n in each, so the sum is the
    memory the tree takes; summed RSS counts every shared page once per process)."""

    def __init__(self) -> None:
        self.peak = 0.0
        self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        last_pss = 0.0
        while not self._stop.is_set():
            rss, tree = _tree_rss(os.getpid())
            self.peak = max(self.peak, rss)
            if time.monotonic() - last_pss >= 0.1:
                last_pss = time.monotonic()
                self.peak_pss = max(self.peak_pss, sum(map(_pss, tree)))
            time.sleep(0.02)


def _pss(pid: int) -> float:
    """The proportional set size of ``pid`` (MiB); 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


_PARENTS: dict[int, int] = {}
"""Each process's parent, read once (a process seen again is not read again): the sampler
reads /proc/PID/statm of the tree only, not every process's stat every 20 ms (which took a
fifth of a core on this machine, from the builds it measures)."""


def _tree_rss(root: int) -> tuple[float, list[int]]:
    """The summed RSS of the processes below ``root`` (MiB), and their ids."""
    children: dict[int, list[int]] = {}
    running = {int(name) for name in os.listdir("/proc") if name.isdigit()}
    for gone in set(_PARENTS) - running:
        del _PARENTS[gone]
    for pid in running:
        if pid not in _PARENTS:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                _PARENTS[pid] = int(stat[1])
            except (OSError, IndexError, ValueError):
                continue
        children.setdefault(_PARENTS[pid], []).append(pid)
    total, todo, tree = 0, list(children.get(root, [])), []
    while todo:
        pid = todo.pop()
        tree.append(pid)
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        todo.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20, tree


def measure(
    label: str,
    runs: int,
    action: Callable[[int], object],
    before: Callable[[int], object] | None = None,
) -> tuple[float, float]:
    """Median seconds and peak MiB of ``action`` (``before`` runs untimed first)."""
    times, peaks, pss = [], [], []
    for run in range(runs):
        if before:
            before(run)
        with PeakMemory() as memory:
            start = time.perf_counter()
            action(run)
            times.append(time.perf_counter() - start)
        peaks.append(memory.peak)
        pss.append(memory.peak_pss)
    median = statistics.median(times)
    print(
        f"  {label:<55} {median:7.2f} s  peak {max(peaks):5.0f} MiB (PSS {max(pss):.0f})  "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})",
        flush=True,
    )
    return median, max(peaks)


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
