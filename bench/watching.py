"""``besluitpak watch`` measured from a bijlage's save to its "rebuilt" line."""

from __future__ import annotations

import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

from cases import change_one_bijlage
from harness import BESLUITPAK, Bench


class Lines:
    """The lines a process writes to a pipe, read in a thread, waited for by prefix."""

    def __init__(self, stream: IO[str]) -> None:
        self.said: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)

    def until(self, prefixes: tuple[str, ...], timeout: float) -> str | None:
        """The first line starting with one of ``prefixes``; None at the end or timeout."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if line is None:
                return None
            self.said.append(line)
            if line.startswith(prefixes):
                return line

    def tail(self) -> str:
        return "".join(self.said)[-500:].strip()


def watch_rebuild(bench: Bench, case: Path, out: Path, value: int) -> tuple[float, str] | None:
    """``besluitpak watch --max-rebuilds 1``: seconds from one bijlage's change to the
    "rebuilt" line, and what watch said it took; None if this besluitpak cannot."""
    process = subprocess.Popen(
        [BESLUITPAK, "watch", str(case), "--out", str(out), "--edition", "intern",
         "--interval", "0.1", "--max-rebuilds", "1"],
        cwd=bench.work, env=bench.env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    lines = Lines(process.stderr)
    try:
        if lines.until(("watching",), 180) is None:
            print(f"    watch did not start watching: {lines.tail()}")
            return None
        change_one_bijlage(case, value)
        start = time.perf_counter()
        line = lines.until(("rebuilt in", "error:"), 180)
        seconds = time.perf_counter() - start
        if line is None or not line.startswith("rebuilt in"):
            print(f"    watch did not rebuild: {lines.tail()}")
            return None
        process.wait(timeout=60)
        return seconds, line.split(":", 1)[0].strip()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
