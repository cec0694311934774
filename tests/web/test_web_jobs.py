"""Jobs: builds, publications and archivings run in the background, by the real worker.

The worker tests run ``besluitpak worker`` as a process against a workspace whose database is
a real file made by ``besluitpak users add`` (or, when DATABASE_URL names a PostgreSQL server,
a fresh database of its own on that server), and read the database as it is. The others run
a job's body in the test (``jobs.execute``) on the test database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from besluitpak.web import jobs
from besluitpak.web.models import AuditEntry, Job
from tests.helpers import BESLUITPAK
from tests.web.conftest import PASSWORD
from tests.web.live import database
from tests.web.workspaces import make_workspace

Event = AuditEntry.Event
INTERN = "collegebesluit-2020-000123-intern.pdf"
OPENBAAR = "collegebesluit-2020-000123-openbaar.pdf"
BUILD_LEAVES = {INTERN, OPENBAAR, ".besluitpak.lock", ".besluitpak-state.json"}
"""What a finished build leaves in out/ (and nothing else: no half-written file)."""

REQUEST = """
import sys
from pathlib import Path
from besluitpak.web import commandline
commandline.setup(Path(sys.argv[1]))
from django.contrib.auth.models import User
from besluitpak.web import jobs
user = User.objects.get(username=sys.argv[2])
print(" ".join(str(jobs.request("proef", kind, user=user).pk) for kind in sys.argv[3:]))
"""
"""Queue jobs as the page does (jobs.request), in a process of its own."""


class Installation:
    """A workspace with its own database and the processes that work on it."""

    def __init__(self, root: Path, database_url: str, cache: Path) -> None:
        self.root = root
        self.database_url = database_url
        self.env = {**os.environ, "BESLUITPAK_CACHE": str(cache)}
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.workers: list[subprocess.Popen[bytes]] = []
        self._logs = 0

    def run(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run(
            args, input=stdin, env=self.env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def request(self, *kinds: str, user: str = "secretariaat") -> list[int]:
        out = self.run(sys.executable, "-c", REQUEST, str(self.root), user, *kinds)
        return [int(pk) for pk in out.split()]

    def worker(self, *, batch: bool = False) -> subprocess.Popen[bytes]:
        """A worker in a session of its own (so it dies with its LibreOffice)."""
        self._logs += 1
        with (self.root.parent / f"worker-{self._logs}.log").open("wb") as log:
            process = subprocess.Popen(
                [BESLUITPAK, "worker", "--workspace", str(self.root), *(["--batch"] * batch)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.workers.append(process)
        return process

    def stop(self, process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
        if process.poll() is None:
            os.killpg(process.pid, sig)
        process.wait(timeout=60)

    def rows(self, sql: str) -> list[dict[str, Any]]:
        """The answer of one SELECT, read from the database as it is now."""
        if not self.database_url:
            path = self.root / ".besluitpak" / "besluitpak.sqlite3"
            with sqlite3.connect(path, timeout=20) as connection:
                connection.row_factory = sqlite3.Row
                found = [dict(row) for row in connection.execute(sql)]
            for row in found:
                for key in ("progress", "result", "detail"):
                    if isinstance(row.get(key), str):
                        row[key] = json.loads(row[key])
                for key in ("started", "finished", "created", "when"):
                    if isinstance(row.get(key), str):
                        row[key] = dt.datetime.fromisoformat(row[key])
            return found
        import psycopg
        from psycopg.rows import dict_row

        with psycopg.connect(self.database_url, row_factory=dict_row) as connection:
            return list(connection.execute(sql.encode()).fetchall())

    def job(self, pk: int) -> dict[str, Any]:
        return self.rows(f"SELECT * FROM besluitpak_web_job WHERE id = {int(pk)}")[0]

    def jobs(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM besluitpak_web_job ORDER BY id")

    def audit(self) -> list[dict[str, Any]]:
        return self.rows('SELECT * FROM besluitpak_web_auditentry ORDER BY "when", id')

    def wait(self, what: Callable[[], bool], *, timeout: float = 180, why: str = "") -> None:
        end = time.monotonic() + timeout
        while not what():
            if time.monotonic() > end:
                logs = [p.read_text() for p in sorted(self.root.parent.glob("worker-*.log"))]
                raise AssertionError(f"waited {timeout} s for {why}; workers said: {logs}")
            time.sleep(0.05)


@pytest.fixture
def database_url() -> Iterator[str]:
    """ "" (SQLite in the workspace) or, when DATABASE_URL names a PostgreSQL server, a fresh
    database on it, dropped afterwards (tests/web/live.py's, as the browser tests use)."""
    with database(dict(os.environ)) as env:
        yield env.get("DATABASE_URL", "")


@pytest.fixture
def installation(tmp_path: Path, database_url: str) -> Iterator[Installation]:
    """The test workspace with a user per role, made by ``besluitpak users add`` (which makes
    the database), and a fresh cache (so a build converts and takes a few seconds)."""
    root = make_workspace(tmp_path / "werkruimte")
    made = Installation(root, database_url, tmp_path / "cache")
    for role in ("secretariaat", "beleidsadviseur"):
        add = [BESLUITPAK, "users", "add", role, "--rol", role, "--workspace", str(root)]
        made.run(*add, "--password-stdin", stdin=PASSWORD + "\n")
    yield made
    for process in made.workers:
        made.stop(process, signal.SIGKILL)


def _out_files(root: Path) -> set[str]:
    out = root / "proef" / "out"
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def _fingerprint(root: Path, files: list[Path]) -> str:
    listing = "".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(root).as_posix()}\n"
        for p in sorted(files, key=lambda p: p.relative_to(root).as_posix())
    )
    return hashlib.sha256(listing.encode()).hexdigest()


@pytest.mark.libreoffice
def test_the_worker_builds_both_editions_with_thumbnails_and_an_audit_entry(
    installation: Installation,
) -> None:
    [pk] = installation.request("build")
    worker = installation.worker(batch=True)
    assert worker.wait(timeout=300) == 0
    job = installation.job(pk)
    assert (job["status"], job["attempts"], job["message"]) == ("done", 1, "")
    root = installation.root
    pdfs = [root / "proef" / "out" / INTERN, root / "proef" / "out" / OPENBAAR]
    assert _out_files(root) == BUILD_LEAVES
    for pdf in pdfs:
        folder = root / ".besluitpak" / "thumbnails" / hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert (folder / "done").exists() and (folder / "page-0001.png").is_file(), pdf.name
    [built] = [e for e in installation.audit() if e["event"] == Event.BUILT]
    assert (built["username"], built["role"], built["case"]) == (
        "secretariaat",
        "secretariaat",
        "proef",
    )
    assert built["fingerprint"] == _fingerprint(root, pdfs)
    assert built["detail"]["files"] == ["proef/out/" + INTERN, "proef/out/" + OPENBAAR]


@pytest.mark.libreoffice
def test_a_job_survives_a_killed_worker_and_finishes_exactly_once(
    installation: Installation,
) -> None:
    [pk] = installation.request("build")
    first = installation.worker()
    installation.wait(
        lambda: installation.job(pk)["progress"].get("stage") not in (None, ""),
        why="the build to be under way",
    )
    installation.stop(first, signal.SIGKILL)
    assert installation.job(pk)["status"] == "running"  # as the dead worker left it
    second = installation.worker(batch=True)
    assert second.wait(timeout=300) == 0
    job = installation.job(pk)
    assert (job["status"], job["attempts"]) == ("done", 2)
    assert len(installation.jobs()) == 1
    assert [e["event"] for e in installation.audit()] == [Event.BUILT]
    root = installation.root
    assert _out_files(root) == BUILD_LEAVES
    for name in (INTERN, OPENBAAR):
        installation.run(BESLUITPAK, "verify", str(root / "proef" / "out" / name))


@pytest.mark.libreoffice
def test_two_workers_never_work_on_one_case_at_once(installation: Installation) -> None:
    workers = [installation.worker(), installation.worker()]
    pks = installation.request("build", "archive")
    installation.wait(
        lambda: all(installation.job(pk)["status"] == "done" for pk in pks),
        timeout=300,
        why="both jobs",
    )
    for worker in workers:
        installation.stop(worker)
    a, b = (installation.job(pk) for pk in pks)
    assert a["finished"] <= b["started"] or b["finished"] <= a["started"], (a, b)
    assert (a["attempts"], b["attempts"]) == (1, 1)


@pytest.mark.libreoffice
def test_an_edit_made_during_a_build_is_built_next(installation: Installation) -> None:
    worker = installation.worker()
    [pk] = installation.request("build", user="beleidsadviseur")
    installation.wait(
        lambda: installation.job(pk)["progress"].get("stage") not in (None, ""),
        why="the build to be under way",
    )
    notitie = installation.root / "proef" / "bijlagen" / "notitie.yaml"
    notitie.write_text(notitie.read_text().replace("een jaar", "twee jaar"))
    installation.wait(
        lambda: [j["status"] for j in installation.jobs()] == ["done", "done"],
        timeout=300,
        why="the build and its follow-up",
    )
    installation.stop(worker)
    first, follow_up = installation.jobs()
    assert follow_up["requested_by_name"] == "beleidsadviseur"
    assert follow_up["started"] >= first["finished"]
    intern = installation.root / "proef" / "out" / INTERN
    text = subprocess.run(
        ["pdftotext", str(intern), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "De proef loopt twee jaar" in " ".join(text.split())


def _embargo(workspace: Path) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    text = case_file.read_text()
    later = dt.date.today() + dt.timedelta(days=30)
    extra = f"embargo_tot: {later}\npublicatie_url: https://proefdorp.example/besluiten/\n"
    text = text.replace('cbs_code: "9999"', 'cbs_code: "0392"')  # publish checks it (TOOI)
    case_file.write_text(text.replace("afdeling:", extra + "afdeling:", 1))


def test_publishing_before_the_embargo_without_a_reason_is_refused(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    _embargo(workspace)
    client = client_as("secretariaat")
    response = client.post("/zaken/proef/publiceren/", {"reden": "  "}, follow=True)
    assert "Publiceren geweigerd: de zaak is onder embargo tot" in response.content.decode()
    assert not Job.objects.exists()
    assert not (workspace / "proef" / "out" / "openbaar").exists()


@pytest.mark.libreoffice
def test_publishing_before_the_embargo_with_a_reason_is_recorded(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    _embargo(workspace)
    reason = "Vooraf aan de raad gezonden op verzoek van de burgemeester"
    client = client_as("secretariaat")
    assert client.post("/zaken/proef/publiceren/", {"reden": reason}).status_code == 302
    job = Job.objects.get(kind=Job.Kind.PUBLISH)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    entry = AuditEntry.objects.get(event=Event.PUBLISHED)
    assert entry.detail["reden"] == reason and entry.username == "secretariaat"
    assert len(entry.fingerprint) == 64
    published = workspace / "proef" / "out" / "openbaar"
    recorded = [
        p.name
        for p in published.rglob("*")
        if p.is_file() and p.suffix != ".pdf" and reason in p.read_text(errors="replace")
    ]
    pdf_text = subprocess.run(
        ["pdftotext", str(published / OPENBAAR), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert recorded or reason in " ".join(pdf_text.split()), sorted(published.rglob("*"))
    page = client.get("/logboek/").content.decode()
    assert f"<dt>reden</dt><dd>{reason}</dd>" in page


@pytest.mark.libreoffice
def test_archiving_twice_without_a_change_makes_no_new_version(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("archivaris")
    for _ in range(2):
        assert client.post("/zaken/proef/archiveren/").status_code == 302
        jobs.execute(Job.objects.filter(kind=Job.Kind.ARCHIVE).first().pk)  # type: ignore[union-attr]
    first, second = Job.objects.filter(kind=Job.Kind.ARCHIVE).order_by("created")
    assert first.result["version"] == "v001" and first.result["new"] is True
    assert second.result["version"] == "v001" and second.result["new"] is False
    page = client.get("/zaken/proef/").content.decode()
    assert "Opgeslagen als v001 (niets nieuws: de invoer is die van deze versie)" in page
    assert sorted(p.name for p in (workspace / "archief" / "2020-000123").glob("v*")) == ["v001"]
    entries = AuditEntry.objects.filter(event=Event.ARCHIVED).order_by("when", "id")
    assert [e.detail["new"] for e in entries] == [True, False]
    assert (
        entries[0].fingerprint
        == (
            (workspace / "archief" / "2020-000123" / "v001" / "manifest.json.sha256")
            .read_text()
            .split()[0]
        )
    )
