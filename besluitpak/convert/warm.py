"""A converter kept warm where a process lives long (``besluitpak watch``, the web page's
worker): the local LibreOffice, already started, behind a ``unoserver`` this process starts
and stops (:func:`kept`).

A cold conversion starts a LibreOffice for every build (~0.4 s before the first PDF of a
one-document change, measured); a warm one answers in ~0.17 s. The warm server runs the
same LibreOffice program as the local workers (``--executable`` is theirs, its profile one
of their tuned, locked profiles) with the same export filter, and its PDFs differ from a
local worker's only where two local runs differ too (creation date, document ID, the
OutputIntent's ICC date: all replaced at assembly). So the warm converter has the local
workers' identity: the cache and the outputs are shared with the command line, byte for byte.

While :func:`kept` is active, :func:`besluitpak.convert.backend.choose` gives it for the
local converter. It converts a few documents on the warm server (one at a time there); a
build with more to convert than :data:`AT_MOST` per server, or before the server answers
(it takes some seconds to start), uses the cold local workers as before. Without a
``unoserver`` program (``$BESLUITPAK_UNOSERVER``, the one setup.sh installs beside the
venv, or one on PATH), nothing is kept warm.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from besluitpak.convert import backend, libreoffice, workers
from besluitpak.convert.backend import Conversion
from besluitpak.convert.unoclient import Server, ServerDown, free_port, wait_for
from besluitpak.convert.unoserver import Pool
from besluitpak.errors import ConversionError
from besluitpak.files import cache_home

log = logging.getLogger(__name__)

UNOSERVER = "BESLUITPAK_UNOSERVER"
"""The environment variable naming the ``unoserver`` program to keep warm."""
AT_MOST = 4
"""Documents per warm server a build converts there; with more, the cold local workers
(which convert in parallel) are as fast."""
START = 60.0
"""Seconds a warm server may take to start and convert its first document."""


def program() -> str | None:
    """The ``unoserver`` program: ``$BESLUITPAK_UNOSERVER``, else setup.sh's (beside the
    venv's python), else one on PATH; None when there is none."""
    override = os.environ.get(UNOSERVER, "").strip()
    if override:
        return shutil.which(override)
    beside = Path(sys.prefix) / "unoserver" / "bin" / "unoserver"
    if os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("unoserver")


@dataclass
class Instance:
    """One unoserver this process started, on a worker profile it holds."""

    server: Server
    process: subprocess.Popen[bytes]
    ready: threading.Event = field(default_factory=threading.Event)
    """Set once it answered with the local LibreOffice and converted a first document."""

    def answers(self) -> bool:
        """Whether it converts now, warm."""
        return self.ready.is_set() and self.process.poll() is None

    def warm_up(self, seconds: float = START) -> None:
        """Wait for it to answer, check it runs the local LibreOffice, and have it convert
        a one-line document (Writer, the Word import and the PDF export load now, not at
        the first real document); then it is :attr:`ready`. Run in the background."""
        try:
            info = wait_for(self.server, seconds=seconds)
            ours, theirs = libreoffice.version(), str(info.get("libreoffice_version", "?"))
            if theirs not in ours:  # another program answers on the port: never used
                log.warning("warm converter %s runs %s, not %s", self.server, theirs, ours)
                return
            with tempfile.TemporaryDirectory(prefix="besluitpak-warm-") as folder:
                document = workers.warmup_document(Path(folder))
                self.server.convert(document.read_bytes(), timeout=seconds)
        except (ServerDown, ConversionError, OSError) as e:
            log.warning("warm converter %s did not start (%s): converting cold", self.server, e)
            return
        self.ready.set()

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def launch(command: str, profile: Path, logs: Path) -> Instance:
    """Start ``command`` (a unoserver) on 127.0.0.1 with the local LibreOffice on
    ``profile``; it answers some seconds later."""
    server = Server("127.0.0.1", free_port())
    arguments = [
        command,
        "--interface",
        server.host,
        "--port",
        str(server.port),
        "--uno-port",
        str(free_port()),
        "--executable",
        libreoffice.soffice(),
        "--user-installation",
        str(profile),
    ]
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", LC_ALL="C.UTF-8")
    with (logs / f"unoserver-{server.port}.log").open("wb") as out:
        process = subprocess.Popen(
            ["sh", "-c", _GROUP_ENDS_WITH_ME, "unoserver", *arguments],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
            preexec_fn=_end_with_parent,
        )
    return Instance(server=server, process=process)


_GROUP_ENDS_WITH_ME = 'trap "kill -KILL 0" TERM INT HUP; "$@" & wait $!'
"""The shell the unoserver runs under, leader of its process group: told to stop (by
:meth:`Instance.stop`, or by the kernel when the process that started it dies), it kills
the whole group at once: unoserver, oosplash and soffice.bin. unoserver's own SIGTERM
handler waits for its LibreOffice, and one killed while it started left unoserver, oosplash
and a zombie soffice.bin running for good."""


def _end_with_parent() -> None:
    """In the child: SIGTERM when the process that started it dies, even by SIGKILL
    (Linux ``prctl(PR_SET_PDEATHSIG)``, kept across exec), so that no LibreOffice outlives
    its watch or worker."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Warm:
    """The local converter, warm when its servers answer (a :class:`Backend`)."""

    instances: list[Instance] = field(default_factory=list)
    spec = "local"

    def version(self) -> str:
        return backend.LOCAL.version()

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for a server to answer; whether one does."""
        deadline = time.monotonic() + seconds
        while not self.answering():
            if time.monotonic() > deadline or not any(
                instance.process.poll() is None for instance in self.instances
            ):
                return False
            time.sleep(0.2)
        return True

    def answering(self) -> list[Server]:
        return [instance.server for instance in self.instances if instance.answers()]

    def start(
        self, sources: Sequence[Path], out_dir: Path, *, jobs: int | None, timeout: float
    ) -> Conversion:
        """On the warm servers when they answer and the documents are few; else on the
        cold local workers."""
        servers = self.answering()
        if servers and 0 < len(sources) <= AT_MOST * len(servers):
            pool = Pool(servers=tuple(servers), document_timeout=timeout)
            return pool.start(sources, out_dir, jobs=jobs, timeout=timeout)
        return backend.LOCAL.start(sources, out_dir, jobs=jobs, timeout=timeout)


@contextlib.contextmanager
def kept(count: int = 1) -> Iterator[Warm | None]:
    """Keep ``count`` warm servers while inside (started now, answering some seconds
    later): the local converter of every build meanwhile. Yields None (and keeps nothing
    warm) for ``count`` 0, or without a unoserver program or a LibreOffice."""
    command = program()
    try:
        libreoffice.soffice()
    except ConversionError:
        command = None
    if command is None or count < 1:
        log.info("no unoserver or LibreOffice: conversions start LibreOffice cold")
        yield None
        return
    warm = Warm()
    with contextlib.ExitStack() as held:
        profiles = held.enter_context(libreoffice.worker_profiles(count))
        logs = cache_home() / "profiles"  # beside the profiles, which exist now
        try:
            for profile in profiles:
                instance = launch(command, profile, logs)
                warm.instances.append(instance)
                threading.Thread(target=instance.warm_up, name="warm-up", daemon=True).start()
            held.callback(backend.keep_warm, None)
            backend.keep_warm(warm)
            yield warm
        finally:
            for instance in warm.instances:
                instance.stop()
