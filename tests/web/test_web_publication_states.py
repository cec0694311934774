"""The publication's states on the page and in the worker: the page shows the state and its
changes, the publishing role alone may plan, publish now or withdraw (each a job); the worker
finds a planned publication on its day by its clock (``$BESLUITPAK_TODAY``) and publishes it
with nobody logged in; a withdrawn file's address answers with the notice (410)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import besluitpak
from besluitpak.publication import states
from besluitpak.web import scheduled
from besluitpak.web.models import Job
from tests.helpers import BESLUITPAK
from tests.web.conftest import PASSWORD
from tests.web.test_web_jobs import Installation
from tests.web.workspaces import make_workspace

PAGE = "/zaken/gebied/publicatie/"
KENMERK = "collegebesluit-2026-000777"
DAY = "2099-01-01"  # the end of gebied's embargo
REDEN = "De rechtbank vraagt een nieuwe beoordeling"

QUEUE = """
import sys
from pathlib import Path
from besluitpak.web import commandline
commandline.setup(Path(sys.argv[1]))
from django.contrib.auth.models import User
from besluitpak.web import jobs
user = User.objects.get(username="secretariaat")
print(jobs.request(sys.argv[2], sys.argv[3], user=user, reason=sys.argv[4]).pk)
"""
"""Queue a job with its reason as the page does (jobs.request), in a process of its own."""


def _plan(out: Path, day: str = DAY) -> None:
    """A gepland publication as ``publish --gepland-op`` records it (without its build)."""
    states.record(
        out,
        states.Change(staat="gepland", tijd=states.now(), door="sanne", kenmerk="2026/000777",
                      gepland_op=day),
    )  # fmt: skip


def test_the_page_shows_the_planned_state_and_only_the_publishing_role_its_buttons(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    _plan(workspace / "gebied" / "out" / "openbaar")
    page = client_as("secretariaat").get(PAGE).content.decode()
    assert "<strong>Gepland</strong>: wordt op 1 januari 2099 vanzelf gepubliceerd" in page
    assert "Publicatie plannen" in page and "Eerder publiceren kan met Publiceren" in page
    assert "sanne" in page  # who planned it, in the changes
    other = client_as("beleidsadviseur").get(PAGE).content.decode()
    assert "<strong>Gepland</strong>" in other and "sanne" in other
    assert "Publicatie plannen" not in other and "Eerder publiceren" not in other
    for role in ("beleidsadviseur", "archivaris"):
        client = client_as(role)
        assert client.post(PAGE + "plannen/", {"plannen-datum": DAY}).status_code == 403
        assert client.post(PAGE + "intrekken/", {"intrekken-reden": REDEN}).status_code == 403
    assert not Job.objects.exists()
    done = states.Change(staat="gepubliceerd", tijd=states.now(), door="w", kenmerk="2026/000777")
    states.record(workspace / "gebied" / "out" / "openbaar", done)
    page = client_as("secretariaat").get(PAGE).content.decode()
    assert "Intrekken" in page and 'id="id_intrekken-reden"' in page
    assert page.count('id="id_reden"') == 1 and "Publicatie plannen" not in page


def test_a_withdrawal_needs_a_reason_and_a_plan_a_day(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("secretariaat")
    client.post(PAGE + "intrekken/", {"intrekken-reden": "  "})
    client.post(PAGE + "plannen/", {"plannen-datum": "morgen"})
    assert not Job.objects.exists()
    client.post(PAGE + "intrekken/", {"intrekken-reden": f"  {REDEN} "})
    client.post(PAGE + "plannen/", {"plannen-datum": DAY})
    made = {job.kind: job.reason for job in Job.objects.all()}
    assert made == {"withdraw": REDEN, "schedule": DAY}


def test_the_worker_queues_a_planned_publication_once_when_its_clock_reaches_the_day(
    workspace: Path, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plan(workspace / "gebied" / "out" / "openbaar")
    monkeypatch.setenv("BESLUITPAK_TODAY", "2098-12-31")
    assert scheduled.queue_due() == []
    monkeypatch.setenv("BESLUITPAK_TODAY", DAY)
    [job] = scheduled.queue_due()
    assert (job.case, job.kind, job.requested_by_name) == (
        "gebied",
        "release",
        f"sanne (gepland op {DAY})",
    )
    assert scheduled.queue_due() == []  # one waits already


# --- the real worker, with LibreOffice ---------------------------------------------------------


@pytest.fixture
def installation(tmp_path: Path) -> Iterator[Installation]:
    """The test workspace (SQLite) with the publishing role, made by ``besluitpak users add``."""
    root = make_workspace(tmp_path / "worker" / "werkruimte")  # beside the page's workspace
    made = Installation(root, "", tmp_path / "cache")
    add = [BESLUITPAK, "users", "add", "secretariaat", "--rol", "secretariaat"]
    made.run(*add, "--workspace", str(root), "--password-stdin", stdin=PASSWORD + "\n")
    yield made
    for process in made.workers:
        made.stop(process, signal.SIGKILL)


def _files(out: Path) -> list[str]:
    """The case's PDFs in the folder (the inventarislijst stays, rewritten)."""
    return sorted(p.name for p in out.glob(f"{KENMERK}-*.pdf"))


def _logged(installation: Installation, event: str) -> list[dict[str, Any]]:
    return [entry for entry in installation.audit() if entry["event"] == event]


@pytest.mark.libreoffice
def test_a_planned_publication_appears_on_its_day_with_nobody_acting_and_a_withdrawal_leaves_the_notice(  # noqa: E501
    installation: Installation, client_as: Callable[[str], Client], settings: Any
) -> None:
    root = installation.root
    out = root / "gebied" / "out" / "openbaar"
    installation.run(BESLUITPAK, "publish", str(root / "gebied" / "besluitpak.yaml"), "--out",
                     str(out), "--gepland-op", DAY, "--door", "sanne")  # fmt: skip
    assert _files(out) == []  # built, not public
    installation.env["BESLUITPAK_TODAY"] = "2098-12-31"
    assert installation.worker(batch=True).wait(timeout=120) == 0
    assert besluitpak.publication_state(out) == "gepland" and _files(out) == []

    installation.env |= {"BESLUITPAK_TODAY": DAY, "BESLUITPAK_SCHEDULE_EVERY": "0.2"}
    installation.worker()  # nobody asks: the worker looks by itself
    installation.wait(lambda: bool(_logged(installation, "published")), why="the release")
    assert besluitpak.publication_state(out) == "gepubliceerd"
    assert f"{KENMERK}-openbaar.pdf" in _files(out)
    [entry] = _logged(installation, "published")
    assert entry["username"] == f"sanne (gepland op {DAY})" and entry["case"] == "gebied"

    installation.run(sys.executable, "-c", QUEUE, str(root), "gebied", "withdraw", REDEN)
    installation.wait(lambda: bool(_logged(installation, "withdrawn")), why="the withdrawal")
    assert besluitpak.publication_state(out) == "ingetrokken" and _files(out) == []
    [withdrawn] = _logged(installation, "withdrawn")
    assert withdrawn["detail"]["reden"] == REDEN and withdrawn["username"] == "secretariaat"

    settings.WORKSPACE = root  # the page reads the folder the worker wrote
    answer = client_as("archivaris").get(f"{PAGE}bestand/{KENMERK}-openbaar.pdf")
    assert answer.status_code == 410
    assert REDEN in answer.content.decode() and "Publicatie ingetrokken" in answer.content.decode()
    page = client_as("archivaris").get(PAGE).content.decode()
    assert "<strong>Ingetrokken</strong>" in page and REDEN in page


def test_an_unreadable_state_log_never_stops_the_worker(
    workspace: Path, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = workspace / "gebied" / "out" / "openbaar"
    _plan(out)
    with states.log_file(out).open("a", encoding="utf-8") as log:
        log.write("{not json\n")
    monkeypatch.setenv("BESLUITPAK_TODAY", DAY)
    with pytest.raises(besluitpak.BesluitpakError, match=r"staat\.jsonl: line 2"):
        scheduled.queue_due()
    scheduled.check()  # logged, not raised
    assert not Job.objects.exists()
