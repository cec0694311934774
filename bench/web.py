"""Benchmark of the web page, in one run, printed as ratios against the named baseline.

    .venv/bin/python bench/web.py [--rounds 30] [--edits 3]

On a fresh copy of the reference workspace (the reference case as ``werkruimte/`` holds it)
a real ``besluitpak serve`` (waitress, the worker, SQLite) is started and driven over HTTP
as a browser would (login, CSRF token, form posts):

- **page load**: every page a person opens (the list, the case, a bijlage's data form, the
  archive, the logbook) is fetched ``--rounds`` times after one warm-up; p50 and p95 per page
  and over all. Goal: p95 < 150 ms.
- **save one field → rebuilt bundle**: one kerncijfer of a gebiedsopgave is changed in its
  form, saved, Bouwen pressed, and the job polled until the bundles are written (median of
  ``--edits``), against the baseline: a cold ``besluitpak build`` of the same case from the
  command line (a new process, an empty cache). Goal: ≥ 2× faster.

A benchmark, not a test: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = "gebiedsgericht-werken"
DOCUMENT = "opgave-centrum"
FIELD = "kerncijfers[0].waarde"
USER, PASSWORD = "bench", "een-lang-benchmarkwachtwoord"


class Form(HTMLParser):
    """The fields of the forms on a page, as a browser would post them."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.values = action, False, {}  # type: ignore[var-annotated]
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("action", "") == self.action and a.get("method") == "post"
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            self.values[name] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea, self.values[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif (
            tag == "option"
            and self._select
            and ("selected" in a or self._select not in self.values)
        ):
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return str(response.read().decode())

    def post(self, path: str, values: dict[str, str], *, htmx: bool = False) -> str:
        """A form's POST (``htmx``: as an htmx button sends it, answered with a fragment)."""
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({**values, "csrfmiddlewaretoken": token}).encode()
        headers = {"Referer": self.base + path, **({"HX-Request": "true"} if htmx else {})}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        with self.opener.open(request, timeout=60) as response:
            return str(response.read().decode())

    def form(self, path: str) -> dict[str, str]:
        parser = Form(path)
        parser.feed(self.get(path))
        return parser.values


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def besluitpak(*args: str, env: dict[str, str], stdin: str = "") -> None:
    done = subprocess.run(
        [sys.executable, "-m", "besluitpak", *args],
        input=stdin, text=True, env=env, capture_output=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"besluitpak {' '.join(args)}: exit {done.returncode}\n{done.stderr}")


def workspace(root: Path) -> Path:
    case = root / "werkruimte" / CASE
    case.mkdir(parents=True)
    shutil.copy(ROOT / "besluitpak.yaml", case)
    shutil.copytree(ROOT / "templates", case / "templates")
    shutil.copytree(ROOT / "bijlagen", case / "bijlagen")
    return case.parent


def cold_cli(root: Path, env: dict[str, str]) -> float:
    """The baseline: ``besluitpak build`` in a new process with an empty cache."""
    target = root / "cold"
    shutil.copytree(root / "werkruimte" / CASE, target, ignore=shutil.ignore_patterns("out"))
    cache = root / "cold-cache"
    started = time.perf_counter()
    besluitpak("-q", "build", str(target), "--out", str(target / "out"),
               env={**env, "BESLUITPAK_CACHE": str(cache)})  # fmt: skip
    return time.perf_counter() - started


def job(browser: Browser) -> tuple[int, str]:
    """The case's current job: its number and status."""
    found = re.search(r'data-job="(\d+)" data-status="(\w+)"', browser.get(f"/zaken/{CASE}/taak/"))
    return (int(found.group(1)), found.group(2)) if found else (0, "")


def wait_for_job(browser: Browser, *, after: int) -> None:
    """Poll until a job newer than ``after`` is done."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        number, status = job(browser)
        if number > after and status in {"done", "failed"}:
            if status == "failed":
                raise SystemExit(browser.get(f"/zaken/{CASE}/taak/"))
            return
        time.sleep(0.05)
    raise SystemExit("build did not finish in 10 minutes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--edits", type=int, default=3)
    options = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="besluitpak-web-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BESLUITPAK_CACHE=str(root / "cache"), BESLUITPAK_SECURE_COOKIES="0")
    space = workspace(root)
    besluitpak("users", "add", USER, "--rol", "secretariaat", "--workspace", str(space),
               "--password-stdin", env=env, stdin=PASSWORD + "\n")  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "besluitpak", "serve", "--workspace", str(space),
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        for _ in range(300):
            try:
                browser.get("/inloggen/")
                break
            except OSError:
                time.sleep(0.1)
        browser.post("/inloggen/", {"username": USER, "password": PASSWORD})
        print("first build (fills the cache the page builds from) …", flush=True)
        browser.post(f"/zaken/{CASE}/bouwen/", {})
        wait_for_job(browser, after=0)
        report_pages(browser, options.rounds)
        report_edit(browser, root, env, options.edits)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def report_pages(browser: Browser, rounds: int) -> None:
    pages = {
        "list": "/",
        "case": f"/zaken/{CASE}/",
        "data form": f"/zaken/{CASE}/documenten/{DOCUMENT}/",
        "archive": f"/zaken/{CASE}/archief/",
        "logbook": "/logboek/",
    }
    every: list[float] = []
    print(f"\npage load ({rounds} rounds after a warm-up; goal p95 < 150 ms)")
    for label, path in pages.items():
        browser.get(path)
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            browser.get(path)
            times.append(time.perf_counter() - started)
        every += times
        print(f"  {label:10s} p50 {_ms(statistics.median(times))}  p95 {_ms(_p95(times))}")
    print(f"  {'all':10s} p50 {_ms(statistics.median(every))}  p95 {_ms(_p95(every))}"
          f"  ({_p95(every) / 0.150:.2f}× the 150 ms goal)")  # fmt: skip


def report_edit(browser: Browser, root: Path, env: dict[str, str], edits: int) -> None:
    path = f"/zaken/{CASE}/documenten/{DOCUMENT}/"
    times = []
    for number in range(edits):
        values = browser.form(path)
        values[FIELD] = f"{17000 + number:,}".replace(",", ".")
        before, _ = job(browser)
        started = time.perf_counter()
        browser.post(path, values)
        browser.post(f"/zaken/{CASE}/bouwen/", {})
        wait_for_job(browser, after=before)
        times.append(time.perf_counter() - started)
    web = statistics.median(times)
    cold = cold_cli(root, env)
    print("\nsave one field → rebuilt bundle available (goal ≥ 2× faster than the baseline)")
    print(f"  baseline: cold CLI build       {cold:6.2f} s")
    print(f"  web: save, Bouwen, job done    {web:6.2f} s  (median of {edits})")
    print(f"  ratio                          {cold / web:6.2f}× faster")


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


if __name__ == "__main__":
    main()
