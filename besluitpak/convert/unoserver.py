"""Conversion on a pool of remote ``unoserver`` instances (LibreOffice kept warm behind an
XML-RPC port: ``unoserver --interface HOST --port PORT``).

Each document is sent as bytes and its PDF comes back as bytes, so a server needs neither
the workspace nor the cache. The export filter is the local workers' (PDF/A-2b, tagged,
PDF/UA, bookmarks: :data:`~besluitpak.convert.libreoffice.EXPORT_FILTER`), given as
unoserver's filter options. A server answers one request at a time, so the pool sends
each healthy server one document at a time, from one shared list: a server that stops
answering (refused, reset, or no answer within the per-document timeout) gives its
document back to the others, and is asked again (its health checked) once a second while
work remains. A document that timed out on two servers fails on its own.

The fingerprint says which LibreOffice made the PDFs: the servers' version, as they report
it (all servers of a pool must run the same one).
"""

from __future__ import annotations

import contextlib
import http.client
import math
import os
import queue
import re
import socket
import threading
import time
import xmlrpc.client
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from besluitpak.convert.libreoffice import EXPORT_FILTER
from besluitpak.errors import ConversionError

API = "3"
"""The unoserver XML-RPC API this client speaks (unoserver 2 and 3)."""
FILTER = "writer_pdf_Export"
DEFAULT_DOCUMENT_TIMEOUT = float(os.environ.get("BESLUITPAK_DOCUMENT_TIMEOUT", "60"))
"""Seconds one document may take on one server (``?timeout=`` in the spec overrides)."""
HEALTH_TIMEOUT = 3.0
"""Seconds a server may take to answer ``info()``."""
TRIES = 2
"""Servers a document that times out is tried on before it fails."""


def filter_options() -> list[str]:
    """:data:`EXPORT_FILTER`'s properties as unoserver's ``Name=value`` options."""
    found = re.findall(r'"(\w+)":\{"type":"(\w+)","value":"([^"]*)"\}', EXPORT_FILTER)
    return [f"{name}={value}" for name, _, value in found]


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a socket timeout (the standard one waits for ever)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: Any) -> http.client.HTTPConnection:
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


class ServerDown(Exception):
    """The server did not answer (refused, reset, timed out): try another."""


@dataclass(frozen=True)
class Server:
    """One unoserver: ``host:port``."""

    host: str
    port: int

    def __str__(self) -> str:
        """``host:port``, an IPv6 address in brackets (``[::1]:2003``), as in a URL."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(
            f"http://{self}", transport=_Transport(timeout), allow_none=True
        )

    def info(self, *, timeout: float = HEALTH_TIMEOUT) -> dict[str, Any]:
        """The server's ``info()`` (its unoserver, API and LibreOffice versions)."""
        try:
            with self._proxy(timeout) as proxy:
                info = proxy.info()
        except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as e:
            raise ServerDown(f"{self}: no answer ({e})") from e
        except xmlrpc.client.Fault as e:
            raise ServerDown(f"{self}: {e.faultString}") from e
        if not isinstance(info, dict) or str(info.get("api")) != API:
            got = info.get("api") if isinstance(info, dict) else info
            raise ServerDown(f"{self}: expected unoserver API {API}, got {got!r}")
        return info

    def convert(self, data: bytes, *, timeout: float) -> bytes:
        """The PDF of the document ``data``. Raises :class:`ServerDown` when the server
        did not answer, ConversionError when it answered that it could not convert."""
        try:
            with self._proxy(timeout) as proxy:
                result = proxy.convert(
                    None,  # inpath: the server may not see our files
                    xmlrpc.client.Binary(data),
                    None,  # outpath: send the PDF back
                    "pdf",
                    FILTER,
                    filter_options(),
                    False,  # update_index: `soffice --convert-to` does not either
                    None,
                    None,
                )
        except TimeoutError as e:
            raise ServerDown(f"{self}: no PDF within {timeout:.0f} s") from e
        except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as e:
            raise ServerDown(f"{self}: no answer ({e})") from e
        except xmlrpc.client.Fault as e:
            raise ConversionError(f"{self}: {_fault(e)}") from None
        pdf = bytes(result.data) if isinstance(result, xmlrpc.client.Binary) else b""
        if not pdf.startswith(b"%PDF-"):
            raise ConversionError(f"{self}: expected a PDF back, got {len(pdf)} bytes")
        return pdf


def _fault(fault: xmlrpc.client.Fault) -> str:
    """The last line of the server's traceback: what LibreOffice said."""
    lines = [line for line in str(fault.faultString).strip().splitlines() if line.strip()]
    return lines[-1] if lines else "conversion failed"


@dataclass(frozen=True, kw_only=True)
class Pool:
    """Several unoserver instances that share the documents of a build."""

    servers: tuple[Server, ...]
    document_timeout: float = DEFAULT_DOCUMENT_TIMEOUT
    _known: dict[str, tuple[float, str]] = field(default_factory=dict, compare=False)
    """``version`` remembered for a few seconds (the fingerprint asks for it often)."""

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
        timeout = DEFAULT_DOCUMENT_TIMEOUT
        if "timeout" in options:
            written = options["timeout"][-1]
            try:
                timeout = float(written)
            except ValueError:
                timeout = math.nan  # refused below, with the rest that is no timeout
            if not 0 < timeout < math.inf:
                raise ConversionError(
                    f"--converter {spec}: expected timeout=SECONDS (more than 0), got {written!r}"
                )
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

    def check(self) -> None:
        self.version()

    def version(self) -> str:
        """``LibreOffice 7.4.7.2 (unoserver)``: what the servers run (they must agree)."""
        remembered = self._known.get("version")
        if remembered is not None and time.monotonic() - remembered[0] < 5:
            return remembered[1]
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
        self._known["version"] = (time.monotonic(), answer)
        return answer

    def identity(self) -> dict[str, str]:
        return {"libreoffice": self.version(), "filter": EXPORT_FILTER}

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


def wait_for(server: Server, *, seconds: float) -> dict[str, Any]:
    """The server's ``info()`` once it answers (a starting unoserver takes ~7 s)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return server.info(timeout=1.0)
        except ServerDown:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def free_port() -> int:
    """A TCP port nobody listens on now (for starting servers in tests and benchmarks)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
