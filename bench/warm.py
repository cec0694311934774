"""Watch rebuilds after a data change, on a warm LibreOffice (``--warm``, the default) and on
a cold one started for each rebuild (``--cold``), in one run.

    .venv/bin/python bench/warm.py [--rebuilds 5] [--pythonpath DIR]

A copy of the reference case is watched (``besluitpak watch --edition intern``); one
bijlage's data is changed, and the time from the change to watch's "rebuilt in" line is
taken, ``--rebuilds`` times each way; the medians are printed. A benchmark, not a test: the
machine is shared and noisy.

Then what a web worker's job runs, in one long-lived process: ``besluitpak.build`` of the
case after a data change (default settings, as :mod:`besluitpak.web.jobs` calls it), cold,
then inside ``besluitpak.keep_converter_warm()`` as ``besluitpak worker`` keeps it.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import BESLUITPAK, ROOT, change_one_bijlage, copy_reference


def rebuilds(case: Path, out: Path, env: dict[str, str], count: int, mode: str) -> list[float]:
    """Seconds from each of ``count`` data changes to watch's "rebuilt in" line."""
    process = subprocess.Popen(
        [
            *(BESLUITPAK, "watch", str(case), "--out", str(out), "--edition", "intern"),
            *("--interval", "0.05", "--max-rebuilds", str(count), mode),
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)

    def until(prefix: str) -> None:
        while not (line := lines.get(timeout=180)).startswith(prefix):
            if line.startswith("error:"):
                raise SystemExit(line)

    threading.Thread(target=read, daemon=True).start()
    seconds = []
    try:
        until("watching")
        for run in range(count):
            change_one_bijlage(case, 1000 * (mode == "--warm") + run)
            start = time.perf_counter()
            until("rebuilt in")
            seconds.append(time.perf_counter() - start)
            time.sleep(0.3)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return seconds


JOB = """
import statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import besluitpak
from benchmark import change_one_bijlage
case, out, count = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
def builds(offset):
    times, converts = [], []
    def seen(event):
        if isinstance(event, besluitpak.events.StageFinished) and event.stage == "convert":
            converts.append(event.seconds)
    for run in range(count):
        change_one_bijlage(case.parent, offset + run)
        start = time.perf_counter()
        besluitpak.build(besluitpak.load_case(case), out=out, on_event=seen)
        times.append(time.perf_counter() - start)
    return times, converts
for mode, offset in (("cold", 2000), ("warm", 3000)):
    if mode == "warm":
        with besluitpak.keep_converter_warm() as warm:
            assert warm is not None and warm.wait(60), "no warm LibreOffice"
            times, converts = builds(offset)
    else:
        builds(offset - 100)  # imports and first-use costs, untimed
        times, converts = builds(offset)
    for what, figures in (("build", times), ("its convert stage", converts)):
        runs = ", ".join(f"{t:.2f}" for t in figures)
        print(f"  worker job {mode:<5} one bijlage changed, {what}: median "
              f"{statistics.median(figures):.2f} s (runs: {runs})")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuilds", type=int, default=5)
    parser.add_argument("--pythonpath", type=Path, default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="besluitpak-warm-") as folder:
        work = Path(folder)
        env = dict(os.environ, BESLUITPAK_CACHE=str(work / "cache"))
        if options.pythonpath:
            env["PYTHONPATH"] = str(options.pythonpath)
        case = copy_reference(ROOT, work / "case")
        for mode in ("--cold", "--warm"):
            times = rebuilds(case, work / "out", env, options.rebuilds, mode)
            print(
                f"  watch {mode[2:]:<5} one bijlage changed: median "
                f"{statistics.median(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})",
                flush=True,
            )
        here = str(Path(__file__).resolve().parent)
        subprocess.run(
            [
                sys.executable,
                "-c",
                JOB,
                here,
                str(case / "besluitpak.yaml"),
                str(work / "job"),
                str(options.rebuilds),
            ],
            env=env,
            check=True,
        )


if __name__ == "__main__":
    main()
