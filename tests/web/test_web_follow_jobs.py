"""The page follows its jobs: when a job has ended, its last progress answer brings the parts
of the page it changed (states, editions with download links and thumbnails, archive and
publication links, a meeting's documents) for htmx to swap in by their id, and its status
says what happened. Thumbnails have the edition's fingerprint in their address."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from django.test import Client
from django.utils import timezone

import besluitpak
from besluitpak.web import thumbnails
from besluitpak.web.models import Job
from tests.helpers import MINIMAL
from tests.web.workspaces import add_meeting

HTMX = {"HX-Request": "true"}


def _built(workspace: Path, pdf: Path) -> list[Path]:
    """Both editions of ``proef`` as if built: copies of ``pdf`` where the build puts them."""
    case = besluitpak.load_case(workspace / "proef" / "besluitpak.yaml")
    out = workspace / "proef" / "out"
    out.mkdir(exist_ok=True)
    made = []
    for edition in ("intern", "openbaar"):
        target = out / besluitpak.bundle_name(case, edition)
        shutil.copy(pdf, target)
        made.append(target)
    return made


def _job(users: dict[str, object], case: str, kind: str, status: str, **fields: object) -> Job:
    return Job.objects.create(
        case=case,
        kind=kind,
        status=status,
        requested_by_name="secretariaat",
        finished=None if status in ("queued", "running") else timezone.now(),
        **fields,
    )


def test_the_last_progress_answer_of_a_build_swaps_in_the_editions_and_the_state(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    client = client_as("secretariaat")
    page = client.get("/zaken/proef/").content.decode()
    assert '<div id="gebouwd">' in page and 'id="edities"' not in page
    assert "klaar om te bouwen" in page

    running = _job(users, "proef", "build", "running", progress={"stage": "omzetten naar PDF"})
    answer = client.get("/zaken/proef/taak/", headers=HTMX).content.decode()
    assert "bezig (omzetten naar PDF)" in answer
    assert "hx-swap-oob" not in answer  # nothing changed yet: only the progress

    _built(workspace, MINIMAL / "bijlagen" / "kaart.pdf")
    Job.objects.filter(pk=running.pk).update(status="done", finished=timezone.now())
    answer = client.get("/zaken/proef/taak/", headers=HTMX).content.decode()
    assert "<strong>Bouwen</strong>: klaar ·" in answer
    assert "omzetten naar PDF" not in answer
    assert 'id="zaakstatus" hx-swap-oob="true"' in answer
    assert 'id="gebouwd" hx-swap-oob="true"' in answer
    assert 'id="archieflink" hx-swap-oob="true"' in answer
    assert 'id="publicatielink" hx-swap-oob="true"' in answer
    assert "klaar om te bouwen" not in answer and ">gebouwd<" in answer
    assert 'href="/zaken/proef/editie/openbaar.pdf"' in answer
    assert 'href="/zaken/proef/#edities"' in answer and 'id="edities"' in answer
    # The thumbnails are still being made: the page keeps asking, and says so.
    assert 'hx-get="/zaken/proef/taak/"' in answer
    assert "nog als plaatjes klaargezet" in answer


def test_a_thumbnail_address_carries_the_fingerprint_of_the_edition_it_shows(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    client = client_as("beleidsadviseur")
    _job(users, "proef", "build", "done")
    first = _built(workspace, MINIMAL / "bijlagen" / "kaart.pdf")
    thumbnails.make(first)
    answer = client.get("/zaken/proef/taak/", headers=HTMX).content.decode()
    fingerprint = hashlib.sha256(first[1].read_bytes()).hexdigest()[:16]
    old = f"/zaken/proef/editie/openbaar/{fingerprint}/page-0001.png"
    assert f'src="{old}"' in answer
    assert 'hx-get="/zaken/proef/taak/"' not in answer  # all there: the polling stops
    shown = client.get(old)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert shown["Cache-Control"] == "private, max-age=31536000, immutable"
    assert b"".join(shown.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]

    rebuilt = _built(workspace, workspace / "gebied" / "bijlagen" / "kaart.pdf")
    with rebuilt[1].open("ab") as pdf:
        pdf.write(b"\n% rebuilt\n")  # other bytes, the same pages
    thumbnails.make(rebuilt)
    page = client.get("/zaken/proef/").content.decode()
    again = hashlib.sha256(rebuilt[1].read_bytes()).hexdigest()[:16]
    assert again != fingerprint
    assert f'src="/zaken/proef/editie/openbaar/{again}/page-0001.png"' in page
    assert old not in page
    assert client.get(old).status_code == 404  # the old picture is not served as the new


def test_a_failed_job_says_mislukt_without_its_last_stage(
    client_as: Callable[[str], Client], users: dict[str, object]
) -> None:
    _job(users, "proef", "archive", "failed", progress={"stage": "samenstellen"}, message="kapot")
    answer = client_as("secretariaat").get("/zaken/proef/taak/", headers=HTMX).content.decode()
    assert "<strong>Archiveren</strong>: mislukt ·" in answer
    assert "samenstellen" not in answer


def test_the_last_progress_answer_of_a_meeting_job_swaps_in_its_documents(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    add_meeting(workspace)
    client = client_as("secretariaat")
    page = client.get("/vergaderingen/2026-50/").content.decode()
    assert '<div id="documenten">' in page and "Nog niets gemaakt." in page
    job = _job(users, "vergadering:2026-50", "meeting_agenda", "running")
    answer = client.get("/vergaderingen/2026-50/taak/", headers=HTMX).content.decode()
    assert "hx-swap-oob" not in answer
    out = workspace / "vergaderingen" / "out" / "2026-50"
    out.mkdir(parents=True)
    shutil.copy(MINIMAL / "bijlagen" / "kaart.pdf", out / "agenda-2026-50.pdf")
    Job.objects.filter(pk=job.pk).update(status="done", finished=timezone.now())
    answer = client.get("/vergaderingen/2026-50/taak/", headers=HTMX).content.decode()
    assert 'id="documenten" hx-swap-oob="true"' in answer
    assert 'href="/vergaderingen/2026-50/bestand/agenda-2026-50.pdf"' in answer
