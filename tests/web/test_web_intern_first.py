"""A build job writes the intern edition first, and the page shows its download link as soon
as it is written, while the public edition is still being built: each edition is marked as
built before the last change by its own file, never a stale one as current. The page asks
for a young job's progress often, an old one's once a second."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

import besluitpak
from besluitpak.web import inturn
from besluitpak.web.models import Job
from tests.helpers import MINIMAL

HTMX = {"HX-Request": "true"}
STALE = "gebouwd vóór de laatste wijziging"


def _edition_line(answer: str, edition: str) -> str:
    """The paragraph of ``answer`` with ``edition``'s download link."""
    start = answer.index(f'href="/zaken/proef/editie/{edition}.pdf"')
    return answer[start : answer.index("</p>", start)]


def _bundles(workspace: Path) -> dict[str, Path]:
    """Both editions of ``proef`` as if built (copies of a PDF), an hour ago."""
    case = besluitpak.load_case(workspace / "proef" / "besluitpak.yaml")
    out = workspace / "proef" / "out"
    out.mkdir(exist_ok=True)
    made = {}
    for edition in besluitpak.EDITIONS:
        made[edition] = out / besluitpak.bundle_name(case, edition)
        shutil.copy(MINIMAL / "bijlagen" / "kaart.pdf", made[edition])
        _touch(made[edition], seconds_ago=3600)
    return made


def _touch(path: Path, *, seconds_ago: float) -> None:
    moment = dt.datetime.now().timestamp() - seconds_ago
    os.utime(path, (moment, moment))


def _running(progress: dict[str, object], *, created_ago: float = 0.0) -> Job:
    job = Job.objects.create(
        case="proef",
        kind="build",
        status="running",
        requested_by_name="secretariaat",
        progress=progress,
    )
    if created_ago:
        created = timezone.now() - dt.timedelta(seconds=created_ago)
        Job.objects.filter(pk=job.pk).update(created=created)
    return job


def test_the_intern_edition_s_link_shows_while_the_public_one_is_still_being_built(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    client = client_as("secretariaat")
    built = _bundles(workspace)
    _touch(workspace / "proef" / "besluitpak.yaml", seconds_ago=60)  # changed since
    _running({"stage": "omzetten naar PDF"})
    answer = client.get("/zaken/proef/taak/", headers=HTMX).content.decode()
    assert "hx-swap-oob" not in answer  # nothing written yet: only the progress

    built["intern"].write_bytes(built["intern"].read_bytes())  # the intern one written now
    Job.objects.update(progress={"stage": "samenstellen", "built": ["intern"]})
    answer = client.get("/zaken/proef/taak/", headers=HTMX).content.decode()
    assert "<strong>Bouwen</strong>: bezig (samenstellen)" in answer
    assert 'id="gebouwd" hx-swap-oob="true"' in answer
    assert STALE not in _edition_line(answer, "intern")
    assert STALE in _edition_line(answer, "openbaar")  # the public one is not yet rebuilt
    assert "gebouwd (gewijzigd sindsdien)" in answer  # the case: not all of it is current
    assert 'hx-get="/zaken/proef/taak/"' in answer  # the page keeps asking

    page = client.get("/zaken/proef/").content.decode()  # the full page says the same
    assert STALE not in _edition_line(page, "intern")
    assert STALE in _edition_line(page, "openbaar")


def test_a_young_job_is_asked_for_often_and_an_old_one_once_a_second(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    client = client_as("secretariaat")
    job = _running({"stage": "invullen"})
    answer = client.get("/zaken/proef/taak/", headers=HTMX).content.decode()
    assert 'hx-trigger="every 250ms"' in answer
    Job.objects.filter(pk=job.pk).update(created=timezone.now() - dt.timedelta(minutes=2))
    answer = client.get("/zaken/proef/taak/", headers=HTMX).content.decode()
    assert 'hx-trigger="every 1s"' in answer


@pytest.mark.libreoffice
def test_editions_built_in_turn_are_those_of_one_build_and_the_intern_one_comes_first(
    tmp_path: Path,
) -> None:
    case = besluitpak.load_case(MINIMAL / "besluitpak.yaml")
    together = besluitpak.build(case, out=tmp_path / "together")
    seen: dict[str, list[str]] = {}

    def built(edition: str) -> None:  # what is written when the job says it
        seen[edition] = sorted(p.name for p in (tmp_path / "in-turn").glob("*.pdf"))

    files, pages = inturn.build(
        case, out=tmp_path / "in-turn", on_event=lambda event: None, built=built
    )
    intern, openbaar = (besluitpak.bundle_name(case, e) for e in ("intern", "openbaar"))
    assert list(seen) == ["intern", "openbaar"]
    assert seen["intern"] == [intern]  # the public edition not yet there
    assert seen["openbaar"] == sorted([intern, openbaar])
    assert [p.name for p in files] == [p.name for p in together.files]
    assert pages == together.pages
    for ours, theirs in zip(files, together.files, strict=True):
        assert ours.read_bytes() == theirs.read_bytes()
