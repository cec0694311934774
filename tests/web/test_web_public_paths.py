"""The web page's public files go through the same edition plan as the CLI's: a case with a
marker in every kind of withheld content (tests/public_output.py), built and published by
the page's own jobs (the buttons, then the job's body as the worker runs it), and every
public file it serves fetched through the page: no marker in any byte of any of them,
while the intern bundle it serves holds them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from besluitpak.web import jobs
from besluitpak.web.models import Job
from tests.public_output import leak_case, leaks, markers_in
from tests.publication.test_woo_publication import PASSAGE_NOTITIE, PASSAGE_VOORSTEL, STELLER

pytestmark = pytest.mark.libreoffice


def _run(client: Client, url: str, kind: str) -> None:
    """Press the button at ``url`` and run the job it queued, as the worker does."""
    assert client.post(url, {"reden": ""}).status_code == 302
    job = Job.objects.filter(kind=kind).latest("pk")
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    for thread in threading.enumerate():  # the build's thumbnails, made after the job
        if thread.name == "thumbnails":
            thread.join()


def _fetch(client: Client, url: str, to: Path) -> Path:
    response = client.get(url)
    assert response.status_code == 200, url
    to.write_bytes(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    return to


def test_the_web_page_serves_no_withheld_content_in_any_public_file(
    client_as: Callable[[str], Client], workspace: Path, tmp_path: Path
) -> None:
    leak_case(workspace / "proef")
    client = client_as("secretariaat")
    _run(client, "/zaken/proef/bouwen/", Job.Kind.BUILD)
    _run(client, "/zaken/proef/publiceren/", Job.Kind.PUBLISH)
    served = tmp_path / "served"
    served.mkdir()
    intern = _fetch(client, "/zaken/proef/editie/intern.pdf", served / "intern.pdf")
    public = [_fetch(client, "/zaken/proef/editie/openbaar.pdf", served / "openbaar.pdf")]
    folder = workspace / "proef" / "out" / "openbaar"
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".pdf", ".xml", ".csv"))
    assert len(names) >= 8  # 5 public documents, the bundle, the inventarislijst, sitemaps
    for name in names:
        url = f"/zaken/proef/publicatie/bestand/{name}"
        public.append(_fetch(client, url, served / name))
    assert leaks(public, tmp_path) == {}
    assert leaks(sorted(p for p in folder.iterdir() if p.is_file()), tmp_path) == {}
    assert {PASSAGE_VOORSTEL, PASSAGE_NOTITIE, STELLER} <= set(markers_in(intern, tmp_path))
