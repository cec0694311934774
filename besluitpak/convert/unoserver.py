"""Conversion on a pool of remote ``unoserver`` instances (:mod:`~besluitpak.convert.unoclient`
speaks to each).

A server answers one request at a time, so the pool sends each healthy server one document
at a time, from one shared list: a server that stops answering (refused, reset, or no answer
within the per-document timeout) gives its document back to the others, and is asked again
(its health checked) once a second while work remains. A document that timed out on two
servers fails on its own.

The fingerprint says which LibreOffice made the PDFs: the servers' version, as they report
it (all servers of a pool must run the same one).
"""

from __future__ import annotations

import contextlib
import math
import os
import queue
import threading
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from besluitpak.convert.unoclient import Server, ServerDown
from besluitpak.errors import ConversionError

DOCUMENT_TIMEOUT = "BESLUITPAK_DOCUMENT_TIMEOUT"
"""The environment variable that says how many seconds one document may take on one server
(default 60; ``?timeout=`` in the spec overrides it)."""
TRIES = 2
"""Servers a document that times out is tried on before it fails."""


def _seconds(written: str, *, expected: str) -> float:
    """``written`` as a number of seconds (more than 0); else ConversionError saying what
    was ``expected``."""
    try:
        seconds = float(written)
    except ValueError:
        seconds = math.nan  # refused below, with the rest that is no timeout
    if not 0 < seconds < math.inf:
        raise ConversionError(f"{expected} (more than 0), got {written!r}")
    return seconds


@dataclass(frozen=True, kw_only=True)
class Pool:
    """Several unoserver instances that share the documents of a build."""

    servers: tuple[Server, ...]
    document_timeout: float = 60.0
    """Seconds one document may take on one server."""

    @classmethod
    def from_spec(cls, spec: str) -> Pool:
        """``unoserver://HOST:PORT[,HOST:PORT…][?timeout=SECONDS]``."""
        parts = urlsplit(spec)
        servers = []
        for address in parts.netloc.split(","):
            host, _, port = address.strip().rpartition(":")
            if not host or not port.isdigit():
                raise ConversionError(
                    f"--converter {spec}: expected HOST:PORT for each server, got {address!r}"
                )
            server = Server(host.strip("[]"), int(port))
            if not 0 < server.port < 65536:
                raise ConversionError(
                    f"--converter {spec}: expected a port from 1 to 65535, got {address!r}"
                )
            if server in servers:
                raise ConversionError(
                    f"--converter {spec}: expected each server once, got {address!r} twice"
                )
            servers.append(server)
        options = parse_qs(parts.query)
        unknown = sorted(set(options) - {"timeout"})
        if unknown:
            raise ConversionError(
                f"--converter {spec}: expected no option but timeout=SECONDS, got {unknown[0]!r}"
            )
        if "timeout" in options:
            expected = f"--converter {spec}: expected timeout=SECONDS"
            timeout = _seconds(options["timeout"][-1], expected=expected)
        else:  # read now, not when besluitpak was imported
            written = os.environ.get(DOCUMENT_TIMEOUT, "").strip() or "60"
            timeout = _seconds(written, expected=f"{DOCUMENT_TIMEOUT}: expected SECONDS")
        return cls(servers=tuple(servers), document_timeout=timeout)

    @property
    def spec(self) -> str:
        return "unoserver://" + ",".join(map(str, self.servers))

    def health(self) -> dict[Server, dict[str, Any] | str]:
        """Each server's ``info()``, or why it did not answer."""
        found: dict[Server, dict[str, Any] | str] = {}
        for server in self.servers:
            try:
                found[server] = server.info()
            except ServerDown as e:
                found[server] = str(e)
        return found

    def healthy(self) -> list[Server]:
        """The servers that answer; ConversionError when none does."""
        health = self.health()
        alive = [server for server, info in health.items() if isinstance(info, dict)]
        if not alive:
            reasons = "; ".join(str(info) for info in health.values())
            raise ConversionError(f"no unoserver answered ({reasons})")
        return alive

    def version(self) -> str:
        """``LibreOffice 7.4.7.2 (unoserver)``: what the servers run (they must agree);
        ConversionError when none answers."""
        versions = {
            str(info.get("libreoffice_version", "?"))
            for info in self.health().values()
            if isinstance(info, dict)
        }
        if not versions:
            self.healthy()  # raises, saying why each did not answer
        if len(versions) > 1:
            raise ConversionError(
                f"--converter {self.spec}: expected one LibreOffice version on all servers, "
                f"got {', '.join(sorted(versions))}"
            )
        answer = f"LibreOffice {versions.pop()} (unoserver)"
        return answer

    def start(
        self, sources: Sequence[Path], out_dir: Path, *, jobs: int | None, timeout: float
    ) -> PoolConversion:
        """Nothing to start (the servers are warm): the documents are sent by
        :meth:`PoolConversion.completed`, once written. ``jobs`` is not used: each healthy
        server takes one document at a time; ``timeout`` bounds the whole conversion."""
        stems = [s.stem for s in sources]
        if len(set(stems)) != len(stems):
            raise ConversionError("two documents to convert have the same file name")
        return PoolConversion(self, list(sources), out_dir, timeout)


@dataclass
class _Outcome:
    source: Path
    pdf: Path | None = None
    error: str = ""


class PoolConversion:
    """The documents of one build, shared out over the pool's servers."""

    def __init__(self, pool: Pool, sources: list[Path], out_dir: Path, timeout: float) -> None:
        self.pool, self.sources, self.out_dir, self.timeout = pool, sources, out_dir, timeout
        self._stop = threading.Event()

    def finish(self, *, skip: Sequence[Path] = ()) -> dict[Path, Path]:
        return dict(self.completed(skip=skip))

    def abort(self) -> None:
        """Send no more documents (one on its way to a server is finished there)."""
        self._stop.set()

    def completed(self, *, skip: Sequence[Path] = ()) -> Generator[tuple[Path, Path], None, None]:
        """Each source with its PDF as soon as a server sent it back; ConversionError
        naming the documents that failed, after all others are in."""
        todo = [source for source in self.sources if source not in set(skip)]
        if not todo:
            return
        self.out_dir.mkdir(parents=True, exist_ok=True)
        work: queue.Queue[tuple[Path, tuple[str, ...]]] = queue.Queue()
        for source in todo:
            work.put((source, ()))
        done: queue.Queue[_Outcome] = queue.Queue()
        remaining = [len(todo)]
        lock = threading.Lock()
        deadline = time.monotonic() + self.timeout
        servers = self.pool.healthy()
        threads = [
            threading.Thread(
                target=self._serve,
                args=(server, work, done, remaining, lock, deadline),
                name=f"unoserver {server}",
                daemon=True,
            )
            for server in servers
        ]
        for thread in threads:
            thread.start()
        failed: list[_Outcome] = []
        try:
            for _ in todo:
                try:
                    outcome = done.get(timeout=max(0.1, deadline - time.monotonic()) + 5)
                except queue.Empty:
                    raise ConversionError(
                        f"unoserver: not every document converted within {self.timeout:.0f} s",
                        failed=tuple(todo),
                    ) from None
                if outcome.pdf is None:
                    failed.append(outcome)
                else:
                    yield outcome.source, outcome.pdf
        finally:
            self._stop.set()
        if failed:
            names = ", ".join(outcome.source.name for outcome in failed)
            reasons = "; ".join(dict.fromkeys(outcome.error for outcome in failed))
            raise ConversionError(
                f"LibreOffice (unoserver) could not convert {names}: {reasons}",
                failed=tuple(outcome.source for outcome in failed),
                reason=reasons,
            )

    def _serve(
        self,
        server: Server,
        work: queue.Queue[tuple[Path, tuple[str, ...]]],
        done: queue.Queue[_Outcome],
        remaining: list[int],
        lock: threading.Lock,
        deadline: float,
    ) -> None:
        """One server's loop: take a document, convert it, hand out the PDF; after the
        server failed, give the document back and wait for the server to answer again."""
        while not self._stop.is_set():
            with lock:
                if remaining[0] == 0:
                    return
            try:
                source, tried = work.get(timeout=0.2)
            except queue.Empty:
                continue
            if time.monotonic() > deadline:
                self._settle(done, remaining, lock, _Outcome(source, error="timed out"))
                continue
            try:
                pdf = self._convert(server, source)
            except ServerDown as e:
                tried = (*tried, str(e))
                if "no PDF within" in str(e) and len(tried) >= TRIES:
                    self._settle(done, remaining, lock, _Outcome(source, error="; ".join(tried)))
                else:
                    work.put((source, tried))  # to a server that answers
                self._wait_until_healthy(server, remaining, lock)
            except (ConversionError, OSError) as e:
                self._settle(done, remaining, lock, _Outcome(source, error=str(e)))
            else:
                self._settle(done, remaining, lock, _Outcome(source, pdf=pdf))

    def _wait_until_healthy(
        self, server: Server, remaining: list[int], lock: threading.Lock
    ) -> None:
        while not self._stop.is_set():
            with lock:
                if remaining[0] == 0:
                    return
            with contextlib.suppress(ServerDown):
                server.info(timeout=1.0)
                return
            time.sleep(1.0)

    @staticmethod
    def _settle(
        done: queue.Queue[_Outcome], remaining: list[int], lock: threading.Lock, outcome: _Outcome
    ) -> None:
        with lock:
            remaining[0] -= 1
        done.put(outcome)

    def _convert(self, server: Server, source: Path) -> Path:
        """Convert ``source`` on ``server``; its PDF written whole (then renamed)."""
        pdf = server.convert(source.read_bytes(), timeout=self.pool.document_timeout)
        target = self.out_dir / f"{source.stem}.pdf"
        scratch = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        scratch.write_bytes(pdf)
        os.replace(scratch, target)
        return target
