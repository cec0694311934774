"""A warm LibreOffice: one soffice kept running, driven over UNO, serving conversions.

This file runs under the *system* Python, the one Debian's ``python3-uno`` is built for,
and uses only the standard library and ``uno``. besluitpak starts it (see ``warm.py``); it
listens on a Unix socket for one JSON request per line — ``{"src": "/a.docx", "out":
"/a.pdf"}`` — converts with the same PDF/A-2, tagged, PDF/UA export options as the batch
path, and answers ``{"ok": true}`` or ``{"ok": false, "error": "…"}``. It stops LibreOffice
and exits after ``--idle`` seconds without a request, or on ``{"stop": true}``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import time
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

FILTER_DATA = (("SelectPdfVersion", 2), ("UseTaggedPDF", True), ("PDFUACompliance", True),
               ("ExportBookmarks", True), ("ExportNotes", False), ("ExportFormFields", False))


def prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


class Office:
    """One soffice process on a private profile, and a UNO connection to it."""

    def __init__(self, soffice: str, profile: str, pipe: str) -> None:
        self.soffice, self.profile, self.pipe = soffice, profile, pipe
        self.process: subprocess.Popen[bytes] | None = None
        self.desktop: Any = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.soffice, f"-env:UserInstallation={self.profile}", "--headless", "--invisible",
             "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("LibreOffice did not start") from None
                time.sleep(0.05)
        self.desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def convert(self, src: str, out: str) -> None:
        if not self.alive():
            self.start()
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue",
                              tuple(prop(k, v) for k, v in FILTER_DATA))
        document = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(src), "_blank", 0,
            (prop("Hidden", True), prop("ReadOnly", True), prop("UpdateDocMode", 0)))
        if document is None:
            raise RuntimeError(f"LibreOffice could not open {os.path.basename(src)}")
        try:
            partial = out + ".partial.pdf"
            document.storeToURL(uno.systemPathToFileUrl(partial), (
                prop("FilterName", "writer_pdf_Export"),
                uno.createUnoStruct("com.sun.star.beans.PropertyValue", "FilterData", 0,
                                    filter_data, 0)))
            os.replace(partial, out)
        finally:
            document.close(True)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            if self.desktop is not None:
                self.desktop.terminate()
            else:
                os.killpg(self.process.pid, signal.SIGTERM)
        except Exception:
            pass
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def _terminate(*_: object) -> None:
    raise SystemExit(0)


def serve(args: argparse.Namespace) -> None:
    signal.signal(signal.SIGTERM, _terminate)
    office = Office(args.soffice, args.profile, f"besluitpak-{os.getpid()}")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        office.start()
        if os.path.exists(args.socket):
            os.unlink(args.socket)
        server.bind(args.socket + ".tmp")
        os.replace(args.socket + ".tmp", args.socket)  # ready only once LibreOffice is up
        server.listen(8)
        server.settimeout(5)
        last = time.monotonic()
        while time.monotonic() - last < args.idle:
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection, connection.makefile("rwb") as stream:
                for line in stream:
                    request = json.loads(line)
                    if request.get("stop"):
                        return
                    answer: dict[str, object]
                    try:
                        office.convert(request["src"], request["out"])
                        answer = {"ok": True}
                    except Exception as e:  # report, keep serving
                        answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
                        if not office.alive():
                            office.process = None
                    stream.write(json.dumps(answer).encode() + b"\n")
                    stream.flush()
            last = time.monotonic()
    finally:
        server.close()
        if os.path.exists(args.socket):
            os.unlink(args.socket)
        office.stop()
        if office.process is not None and office.process.poll() is None:
            os.killpg(office.process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True)
    parser.add_argument("--profile", required=True, help="file:// URL of a private profile")
    parser.add_argument("--soffice", default="soffice")
    parser.add_argument("--idle", type=float, default=600.0)
    serve(parser.parse_args())


if __name__ == "__main__":
    main()
