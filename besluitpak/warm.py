"""A warm LibreOffice shared by builds: its start-up is paid once, not per build.

The first build that converts starts ``unoworker.py`` in the background (under the system
Python that has ``python3-uno``); it keeps one LibreOffice running and stops after ten idle
minutes. Later builds that convert a few documents (one bijlage edited) hand them to it
and skip LibreOffice's second-long start. Anything wrong with the warm path — no
``python3-uno``, a crashed worker, an error — falls back to the batch path, which always
works. ``BESLUITPAK_WARM=0`` turns it off; ``besluitpak server stop`` stops it.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from besluitpak.convert import cache_home, soffice, tune_profile
from besluitpak.errors import BesluitpakError
from besluitpak.files import remembered

IDLE_SECONDS = 600.0
MAX_WARM_DOCUMENTS = 4
"""More documents than this go to the parallel batch path, which is faster for many."""


def _python() -> str:
    return os.environ.get("BESLUITPAK_UNO_PYTHON", "/usr/bin/python3")


def enabled() -> bool:
    return os.environ.get("BESLUITPAK_WARM", "1") != "0" and _uno_available(_python())


@functools.cache
def _uno_available(python: str) -> bool:
    """Can ``python`` import uno? Asking starts a Python, so the answer is remembered until
    that Python or LibreOffice changes."""
    try:
        stamp = f"{python}:{os.stat(python).st_mtime_ns}:{os.stat(soffice()).st_mtime_ns}"
    except (OSError, BesluitpakError):
        return False

    def ask() -> str:
        try:
            done = subprocess.run([python, "-c", "import uno"], capture_output=True,
                                  timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return "no"
        return "yes" if done.returncode == 0 else "no"

    return remembered(cache_home() / "uno-available.txt", stamp, ask) == "yes"


def _folder() -> Path:
    return cache_home() / "server"


def socket_path() -> Path:
    return _folder() / "worker.sock"


def running() -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(1)
            probe.connect(str(socket_path()))
        return True
    except OSError:
        return False


def start(*, wait: bool = False, idle: float = IDLE_SECONDS) -> bool:
    """Start the warm worker unless one runs; with ``wait``, until it serves. True if it
    serves (or will)."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if running():
            return True
        log = (folder / "worker.log").open("ab")
        tune_profile(folder / "profile")
        profile = (folder / "profile").resolve().as_uri()
        process = subprocess.Popen(
            [_python(), str(Path(__file__).with_name("unoworker.py")), "--socket",
             str(socket_path()), "--profile", profile, "--soffice", soffice(),
             "--idle", str(idle)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
            close_fds=True, env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"))
        log.close()
        (folder / "worker.pid").write_text(str(process.pid))
        if not wait:
            return True
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if running():
                return True
            time.sleep(0.05)
    return False


def stop() -> bool:
    """Ask the warm worker to stop (or end one still starting); True if one was there."""
    if not running():
        return _end_starting_worker()
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX,
                                                     socket.SOCK_STREAM) as client:
        client.connect(str(socket_path()))
        client.sendall(b'{"stop": true}\n')
    deadline = time.monotonic() + 15
    while running() and time.monotonic() < deadline:
        time.sleep(0.05)
    _end_starting_worker()
    return True


def _end_starting_worker() -> bool:
    """A worker that has not opened its socket yet cannot be asked: end its process group."""
    pid_file = _folder() / "worker.pid"
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return False
    pid_file.unlink(missing_ok=True)
    try:
        os.killpg(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return False
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    return True


def convert(sources: Sequence[Path], out_dir: Path, *, timeout: float = 120.0
            ) -> dict[Path, Path] | None:
    """Convert with the warm worker; None when it cannot (the caller falls back)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[Path, Path] = {}
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(str(socket_path()))
            stream = client.makefile("rwb")
            for source in sources:
                target = out_dir / f"{source.stem}.pdf"
                request = {"src": str(source.resolve()), "out": str(target.resolve())}
                stream.write(json.dumps(request).encode() + b"\n")
                stream.flush()
                answer = json.loads(stream.readline() or b"{}")
                if not answer.get("ok") or not target.exists() or not target.stat().st_size:
                    return None
                results[source] = target
    except (OSError, ValueError):
        return None
    return results
