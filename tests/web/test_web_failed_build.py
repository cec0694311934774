"""A build that failed: the case's state (the page header, the case list) says so until a
build succeeds, instead of "klaar om te bouwen" or "gebouwd"."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from besluitpak.web.models import Job


def _build(case: str, status: str) -> Job:
    return Job.objects.create(
        case=case,
        kind=Job.Kind.BUILD,
        status=status,
        requested_by_name="secretariaat",
        finished=timezone.now(),
        message="bijlagen/brief.docx: kapot",
    )


def _states(page: str) -> list[str]:
    header = re.search(r'<p class="utrecht-paragraph" id="zaakstatus".*?</p>', page, re.S)
    assert header is not None
    return re.findall(r'<span class="bp-state[^"]*">([^<]*)</span>', header.group(0))


def test_after_a_failed_build_the_header_says_bouwen_mislukt_until_a_build_succeeds(
    client_as: Callable[[str], Client], users: dict[str, object]
) -> None:
    client = client_as("secretariaat")
    assert _states(client.get("/zaken/proef/").content.decode()) == ["klaar om te bouwen"]

    _build("proef", Job.Status.FAILED)
    page = client.get("/zaken/proef/").content.decode()
    assert _states(page) == ["bouwen mislukt"]
    answer = client.get("/zaken/proef/taak/", headers={"HX-Request": "true"}).content.decode()
    assert _states(answer) == ["bouwen mislukt"]  # the job's last answer swaps the header in
    listed = client.get("/").content.decode()
    assert "bouwen mislukt" in listed
    assert _states(client.get("/zaken/gebied/").content.decode())[0] == "klaar om te bouwen"

    _build("proef", Job.Status.DONE)
    page = client.get("/zaken/proef/").content.decode()
    assert "bouwen mislukt" not in page
    assert "bouwen mislukt" not in client.get("/").content.decode()


def test_a_later_archiving_does_not_hide_a_failed_build(
    client_as: Callable[[str], Client], users: dict[str, object]
) -> None:
    _build("proef", Job.Status.FAILED)
    Job.objects.create(
        case="proef", kind=Job.Kind.ARCHIVE, status=Job.Status.DONE, requested_by_name="x"
    )
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert _states(page) == ["bouwen mislukt"]
