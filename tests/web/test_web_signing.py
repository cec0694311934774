"""Signing the definitive besluitenlijst from the page (issue 31): only the secretariaat sees
the button and may post it; the job signs as burgemeester (B-T) and secretaris (B-LTA) with the
worker's keys (a test PKI served over HTTP, PKCS#12 files), through the public API; the page
shows each signature's signer, time and level afterwards, in Dutch. No LibreOffice: the
definitive list is the finished inventarislijst (tagged, PDF/A-2a, PDF/UA-1) put in its place."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client

import besluitpak
from besluitpak.web import jobs
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.roles import ROLES
from tests.helpers import sha256
from tests.pdf.test_table_pdf import _finish, _table
from tests.signing.conftest import env_for
from tests.signing.pki import Pki, running
from tests.web.workspaces import add_meeting

PAGE = "/vergaderingen/2026-50/"
KEY = "vergadering:2026-50"
LIST = "besluitenlijst-2026-50-definitief.pdf"
BUTTON = ">Besluitenlijst ondertekenen</button>"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pki]:
    with running(tmp_path_factory.mktemp("pki")) as served:
        yield served


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("unsigned") / LIST
    _finish(_table(), out)
    return out


@pytest.fixture
def keys(pki: Pki, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The worker's environment: keys of the burgemeester and the secretaris."""
    env = env_for(pki, burgemeester="burgemeester", secretaris="secretaris")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def lijst(workspace: Path, unsigned: Path) -> Path:
    """The meeting, with its definitive besluitenlijst made."""
    add_meeting(workspace)
    out = workspace / "vergaderingen" / "out" / "2026-50"
    out.mkdir(parents=True)
    shutil.copyfile(unsigned, out / LIST)
    return out / LIST


@pytest.mark.parametrize("role", sorted(ROLES))
def test_only_the_secretariaat_sees_and_may_use_the_sign_button(
    role: str, lijst: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as(role)
    page = client.get(PAGE).content.decode()
    may = "run_meeting" in ROLES[role]
    assert (BUTTON in page) == may
    assert "De definitieve besluitenlijst is nog niet ondertekend." in page
    response = client.post(f"{PAGE}ondertekenen/")
    assert response.status_code == (302 if may else 403)
    assert Job.objects.filter(kind=Job.Kind.MEETING_SIGN).exists() == may
    assert client.get(f"{PAGE}ondertekenen/").status_code == 405  # a POST only


def test_the_secretariaat_signs_and_the_page_shows_signer_time_and_level(
    keys: dict[str, str], lijst: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as("secretariaat")
    fragment = client.post(f"{PAGE}ondertekenen/", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="taak"') and "Besluitenlijst ondertekenen" in fragment
    job = Job.objects.get(kind=Job.Kind.MEETING_SIGN)
    assert job.case == KEY
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    checks = {c.field: c for c in besluitpak.check_signatures(lijst, environ=keys)}
    assert set(checks) == {"burgemeester", "secretaris", "archieftijdstempel"}
    assert all(c.ok for c in checks.values()), [c.line() for c in checks.values()]
    assert checks["burgemeester"].signer == "A. van Proefdorp"
    assert checks["secretaris"].level == "PAdES B-LTA"
    answer = client.get(f"{PAGE}taak/").content.decode()
    assert f"{LIST} is ondertekend door de burgemeester en de secretaris." in answer
    assert 'id="documenten" hx-swap-oob="true"' in answer
    page = client.get(PAGE).content.decode()
    assert BUTTON not in page and "nog niet ondertekend" not in page
    when = checks["burgemeester"].time
    assert when is not None
    assert (
        f"Ondertekend als burgemeester door A. van Proefdorp, "
        f"{when:%d-%m-%Y %H:%M} UTC, PAdES B-LTA: geldig" in page
    )
    assert "Ondertekend als secretaris door B. de Vries" in page
    assert "Archieftijdstempel van Proef Time Stamping Authority" in page
    signed = AuditEntry.objects.get(event=AuditEntry.Event.LIST_SIGNED)
    assert signed.case == KEY and signed.username == "secretariaat"
    assert [s["signer"] for s in signed.detail["signatures"]][:2] == [
        "A. van Proefdorp",
        "B. de Vries",
    ]


def test_without_a_definitive_list_the_job_fails_in_dutch_and_no_button_shows(
    keys: dict[str, str], workspace: Path, client_as: Callable[[str], Client]
) -> None:
    add_meeting(workspace)
    client = client_as("secretariaat")
    assert BUTTON not in client.get(PAGE).content.decode()
    client.post(f"{PAGE}ondertekenen/")
    job = Job.objects.get(kind=Job.Kind.MEETING_SIGN)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    answer = client.get(f"{PAGE}taak/").content.decode()
    assert "er is nog geen definitieve besluitenlijst om te ondertekenen" in answer


def test_without_keys_on_the_worker_the_job_fails_and_the_list_stays_unsigned(
    lijst: Path, client_as: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BESLUITPAK_SIGN_BURGEMEESTER_PKCS12", raising=False)
    monkeypatch.delenv("BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_MODULE", raising=False)
    before = sha256(lijst)
    client = client_as("secretariaat")
    client.post(f"{PAGE}ondertekenen/")
    job = Job.objects.get(kind=Job.Kind.MEETING_SIGN)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "no key for the burgemeester" in job.message
    assert sha256(lijst) == before
    assert BUTTON in client.get(PAGE).content.decode()
