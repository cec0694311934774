"""The real services the load test and the unoserver tests run against, started here on
127.0.0.1 and ended by their process group: Debian's redis-server and unoserver instances
(``unoserver`` from the venv setup.sh makes beside .venv, on Debian's python3-uno)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from besluitpak.convert import unoclient

ROOT = Path(__file__).resolve().parents[2]
UNOSERVER = ROOT / ".venv" / "unoserver" / "bin" / "unoserver"
"""Made by setup.sh: a venv on /usr/bin/python3 (which has Debian's uno module)."""


def unoserver_program() -> str:
    """The unoserver script: setup.sh's, else one on PATH."""
    if UNOSERVER.exists():
        return str(UNOSERVER)
    found = shutil.which("unoserver")
    if found is None:
        raise RuntimeError(f"unoserver: expected {UNOSERVER} (run ./setup.sh), got none")
    return found


def redis_program() -> str:
    found = shutil.which("redis-server")
    if found is None:
        raise RuntimeError("redis-server: not installed (run ./setup.sh: apt redis-server)")
    return found


def _port_open(port: int) -> bool:
    with contextlib.closing(socket.socket()) as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Service:
    """One server process in its own process group (it and its children end together)."""

    name: str
    command: list[str]
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.command,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.starts += 1

    def kill(self) -> None:
        """SIGKILL to the whole group: as if the machine died."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        elif self.process is not None:
            with contextlib.suppress(ProcessLookupError):  # its children, if any are left
                os.killpg(self.process.pid, signal.SIGKILL)


def redis(folder: Path) -> Service:
    """A redis-server on a free port, keeping nothing on disk."""
    port = unoclient.free_port()
    command = [
        redis_program(),
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(folder),
    ]
    service = Service("redis", command, port, folder / f"redis-{port}.log")
    service.start()
    deadline = time.monotonic() + 20
    while not _port_open(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"redis-server did not start: see {service.log}")
        time.sleep(0.05)
    return service


@dataclass
class Unoservers:
    """Several unoserver instances, each with its own LibreOffice and profile."""

    folder: Path
    services: list[Service] = field(default_factory=list)

    @property
    def spec(self) -> str:
        return "unoserver://" + ",".join(f"127.0.0.1:{s.port}" for s in self.services)

    def add(self) -> Service:
        port, uno_port = unoclient.free_port(), unoclient.free_port()
        profile = Path(tempfile.mkdtemp(prefix="besluitpak-unoserver-", dir=self.folder))
        command = [
            unoserver_program(),
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--uno-port",
            str(uno_port),
            "--user-installation",
            str(profile),
        ]
        service = Service("unoserver", command, port, self.folder / f"unoserver-{port}.log")
        service.start()
        self.services.append(service)
        return service

    def wait(self, service: Service, *, seconds: float = 60) -> None:
        unoclient.wait_for(unoclient.Server("127.0.0.1", service.port), seconds=seconds)

    def restart(self, service: Service) -> None:
        service.kill()
        service.start()
        self.wait(service)

    def stop(self) -> None:
        for service in self.services:
            service.stop()


@contextlib.contextmanager
def unoservers(folder: Path, count: int) -> Iterator[Unoservers]:
    """``count`` running unoserver instances (they start in parallel, ~7 s)."""
    pool = Unoservers(folder)
    try:
        started = [pool.add() for _ in range(count)]
        for service in started:
            pool.wait(service)
        yield pool
    finally:
        pool.stop()
