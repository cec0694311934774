"""The web page's Bouwen after a data change, measured through the page's own endpoints.

A real ``besluitpak serve`` (waitress, its worker, SQLite) on a copy of the reference case as
a workspace, with one user, driven over HTTP as a browser would (login, CSRF token, form
posts; the browser parts are bench/web.py's): one kerncijfer of a gebiedsopgave is changed
in its data form, Bouwen is pressed, and the job status endpoint (what the page polls) is
asked until it shows the rebuilt intern edition's download link, not marked as built before
the change (the job may still be building the public edition). The time runs from the
form's POST to that answer; the downloaded PDF is checked afterwards, and the job waited
for until it is done (as between two edits), untimed.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

from cases import copy_reference
from harness import BESLUITPAK, Bench
from web import CASE, DOCUMENT, FIELD, PASSWORD, USER, Browser, free_port

STALE = "gebouwd vóór de laatste wijziging"
DATA = "bijlagen/gebiedsopgave-centrum.yaml"
"""The data file of DOCUMENT, where the saved value must arrive."""


class Server:
    """``besluitpak serve`` on a temporary workspace, in a process group of its own."""

    def __init__(self, bench: Bench, reference: Path) -> None:
        root = bench.work / "web"
        self.space = root / "werkruimte"
        self.case = copy_reference(reference, self.space / CASE)
        self.env = {k: v for k, v in bench.env.items() if k != "DATABASE_URL"}
        self.env.update(BESLUITPAK_CACHE=str(root / "cache"), BESLUITPAK_SECURE_COOKIES="0")
        self.log = root / "serve.log"
        subprocess.run(
            [BESLUITPAK, "users", "add", USER, "--rol", "secretariaat",
             "--workspace", str(self.space), "--password-stdin"],
            input=PASSWORD + "\n", text=True, cwd=bench.work, env=self.env,
            capture_output=True, check=True,
        )  # fmt: skip
        port = free_port()
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [BESLUITPAK, "serve", "--workspace", str(self.space), "--port", str(port)],
                cwd=bench.work, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.browser = Browser(f"http://127.0.0.1:{port}")

    def login(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                self.browser.get("/inloggen/")
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(
                        f"besluitpak serve did not answer:\n{self.log_tail()}"
                    ) from None
                time.sleep(0.1)
        self.browser.post("/inloggen/", {"username": USER, "password": PASSWORD})

    def stop(self) -> None:
        """End the server and its worker: the process group this benchmark started."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:]


def current_job(page: str) -> tuple[int, str]:
    found = re.search(r'data-job="(\d+)" data-status="(\w+)"', page)
    return (int(found[1]), found[2]) if found else (0, "")


def intern_current(page: str) -> bool:
    """Whether ``page`` shows the intern edition's download link, not marked as built
    before the last change (the page marks each edition by its own file)."""
    link = f'href="/zaken/{CASE}/editie/intern.pdf"'
    if link not in page:
        return False
    line = page[page.index(link) :]
    return STALE not in line[: line.find("</p>")]


def until_download(server: Server, *, after: int, done: bool = False) -> str:
    """Poll the job status endpoint until a job newer than ``after`` shows the intern
    edition's download link, built after the change (the job may still build the public
    edition); with ``done``, until that job is done too."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        page = server.browser.get(f"/zaken/{CASE}/taak/")
        number, status = current_job(page)
        if number > after and status == "failed":
            raise SystemExit(f"the web build failed:\n{page[-2000:]}")
        ended = status == "done" or not done
        if number > after and status in ("running", "done") and ended and intern_current(page):
            return f"/zaken/{CASE}/editie/intern.pdf"
        time.sleep(0.05)
    raise SystemExit("the web build did not finish in 10 minutes")


def web_rebuilds(bench: Bench, reference: Path, runs: int) -> list[float]:
    """Seconds from saving one data value to the rebuilt edition's download link, per run
    (after a first Bouwen that fills the cache, as on a page in use)."""
    server = Server(bench, reference)
    try:
        server.login()
        before, _ = current_job(server.browser.get(f"/zaken/{CASE}/taak/"))
        server.browser.post(f"/zaken/{CASE}/bouwen/", {})
        until_download(server, after=before, done=True)
        return [_one_edit(server, 17000 + run) for run in range(runs)]
    finally:
        server.stop()


def _one_edit(server: Server, value: int) -> float:
    path = f"/zaken/{CASE}/documenten/{DOCUMENT}/"
    values = server.browser.form(path)
    shown = f"{value:,}".replace(",", ".")
    values[FIELD] = shown
    before, _ = current_job(server.browser.get(f"/zaken/{CASE}/taak/"))
    started = time.perf_counter()
    server.browser.post(path, values)
    server.browser.post(f"/zaken/{CASE}/bouwen/", {}, htmx=True)  # the page's Bouwen button
    download = until_download(server, after=before)
    seconds = time.perf_counter() - started
    if shown not in (server.case / DATA).read_text(encoding="utf-8"):
        raise SystemExit(f"the form's save did not reach {DATA} (value {shown})")
    with server.browser.opener.open(server.browser.base + download, timeout=60) as response:
        if not response.read(5).startswith(b"%PDF-"):
            raise SystemExit(f"{download}: not a PDF")
    until_download(server, after=before, done=True)  # as between two edits: not timed
    return seconds
