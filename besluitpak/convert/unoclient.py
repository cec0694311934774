"""One ``unoserver`` instance (LibreOffice kept warm behind an XML-RPC port: ``unoserver
--interface HOST --port PORT``), spoken to over XML-RPC.

A document is sent as bytes and its PDF comes back as bytes, so a server needs neither the
workspace nor the cache. The export filter is the local workers' (PDF/A-2b, tagged, PDF/UA,
bookmarks: :data:`~besluitpak.convert.libreoffice.EXPORT_FILTER`), given as unoserver's
filter options. :mod:`~besluitpak.convert.unoserver` shares a build's documents out over a
pool of them.
"""

from __future__ import annotations

import http.client
import re
import socket
import time
import xmlrpc.client
from dataclasses import dataclass
from typing import Any

from besluitpak.convert import libreoffice
from besluitpak.errors import ConversionError

API = "3"
"""The unoserver XML-RPC API this client speaks (unoserver 2 and 3)."""
FILTER = "writer_pdf_Export"
HEALTH_TIMEOUT = 3.0
"""Seconds a server may take to answer ``info()``."""


def filter_options() -> list[str]:
    """:data:`~besluitpak.convert.libreoffice.EXPORT_FILTER`'s properties as unoserver's
    ``Name=value`` options."""
    found = re.findall(r'"(\w+)":\{"type":"(\w+)","value":"([^"]*)"\}', libreoffice.EXPORT_FILTER)
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
