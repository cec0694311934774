"""The archive's page (versions, their files, verify, diff) and the audit log."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import besluitpak
from besluitpak.web import audit, jobs
from besluitpak.web.models import AuditEntry, Job

Event = AuditEntry.Event


@pytest.fixture
def archived(workspace: Path) -> Path:
    """The case ``proef`` archived twice: v001, then v002 after an edit of the case file."""
    case_file = workspace / "proef" / "besluitpak.yaml"
    besluitpak.archive(besluitpak.load_case(case_file), archief=workspace / "archief")
    case_file.write_text(case_file.read_text().replace("Proefafdeling", "Afdeling Proef"))
    besluitpak.archive(besluitpak.load_case(case_file), archief=workspace / "archief")
    return workspace / "archief" / "2020-000123"


@pytest.mark.libreoffice
def test_the_archive_page_lists_versions_files_and_a_diff(
    archived: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as("beleidsadviseur")
    page = client.get("/zaken/proef/archief/").content.decode()
    assert page.index(">v002<") < page.index(">v001<")  # newest first
    assert "eerste versie" in page and "gewijzigd: besluitpak.yaml" in page
    assert "intern, openbaar" in page
    link = "/zaken/proef/archief/v001/collegebesluit-2020-000123-intern.pdf"
    assert f'href="{link}"' in page
    assert 'href="/zaken/proef/archief/v002/invoer/besluitpak.yaml"' in page
    assert ">Verifiëren</button>" not in page  # a beleidsadviseur may not verify
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body == (archived / "v001" / "collegebesluit-2020-000123-intern.pdf").read_bytes()

    diff = client.get("/zaken/proef/archief/", {"van": "v001", "naar": "v002"})
    text = diff.content.decode()
    assert "Verschil v001 → v002" in text
    assert "inputs: changed besluitpak.yaml" in text and "unchanged: 4 document(s)" in text
    refused = client.get("/zaken/proef/archief/", {"van": "v001", "naar": "v009"})
    assert "Kies twee versies uit de lijst." in refused.content.decode()


@pytest.mark.libreoffice
def test_only_the_files_a_version_lists_can_be_downloaded(
    archived: Path, client_as: Callable[[str], Client], workspace: Path
) -> None:
    (workspace / "geheim.txt").write_text("niet voor jou")
    (archived / "v001" / "link.pdf").symlink_to(workspace / "geheim.txt")
    client = client_as("archivaris")
    for path in (
        "v001/link.pdf",
        "v001/../../../geheim.txt",
        "v001/%2e%2e/%2e%2e/%2e%2e/geheim.txt",
        "v003/manifest.json",
        "v001//etc/passwd",
        "..%2F..%2Fgeheim.txt/x",
        "v001/.lock",
    ):
        assert client.get(f"/zaken/proef/archief/{path}").status_code == 404, path
    manifest = client.get("/zaken/proef/archief/v001/manifest.json")
    b"".join(manifest.streaming_content)  # type: ignore[attr-defined]
    assert manifest.status_code == 200 and "attachment" in manifest["Content-Disposition"]


@pytest.mark.libreoffice
def test_verify_runs_as_a_job_and_shows_integrity_conformance_and_the_seal(
    archived: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as("archivaris")
    assert ">Verifiëren</button>" in client.get("/zaken/proef/archief/").content.decode()
    response = client.post("/zaken/proef/archief/verifieren/")
    assert response.status_code == 302
    assert response["Location"] == "/zaken/proef/archief/#verificatie"
    job = Job.objects.get(case="proef", kind=Job.Kind.VERIFY)
    assert job.requested_by_name == "archivaris"
    waiting = client.get("/zaken/proef/archief/verificatie/").content.decode()
    assert 'hx-get="/zaken/proef/archief/verificatie/"' in waiting  # polls while it waits
    jobs.execute(job.pk)
    page = client.get("/zaken/proef/archief/").content.decode()
    assert "Integriteit: in orde" in page
    assert "PDF/A en PDF/UA: geen bevindingen" in page
    seal = (archived / "v002" / "manifest.json.sha256").read_text().split()[0]
    assert seal in page
    entry = AuditEntry.objects.get(event=Event.VERIFIED)
    assert entry.username == "archivaris" and entry.case == "proef"
    assert entry.fingerprint == seal
    assert f"archief/2020-000123/v002: {seal}" in page and str(archived) not in page


def test_nothing_archived_says_so_and_verify_is_refused(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("archivaris")
    assert "Er is nog niets gearchiveerd." in client.get("/zaken/proef/archief/").content.decode()
    response = client.post("/zaken/proef/archief/verifieren/", follow=True)
    assert "Er is nog niets gearchiveerd om te verifiëren." in response.content.decode()
    assert not Job.objects.filter(kind=Job.Kind.VERIFY).exists()


def test_the_audit_log_shows_newest_first_with_the_override_reason(
    client_as: Callable[[str], Client], users: dict[str, User]
) -> None:
    fingerprint = "ab" * 32
    audit.record(Event.BUILT, user=users["beleidsadviseur"], case="proef", fingerprint="cd" * 32)
    audit.record(
        Event.PUBLISHED,
        user=users["secretariaat"],
        case="gebied",
        fingerprint=fingerprint,
        reden="Raadsinformatie vooraf",
        files=["gebied/out/openbaar/collegebesluit-x-openbaar.pdf"],
    )
    page = client_as("secretariaat").get("/logboek/").content.decode()
    assert page.index(">gepubliceerd<") < page.index(">gebouwd<")
    assert f'title="{fingerprint}">{fingerprint[:12]}…</code>' in page
    assert f">{fingerprint}</code>" in page  # the full value, one keyboard press away
    assert "<dt>reden</dt><dd>Raadsinformatie vooraf</dd>" in page
    assert "collegebesluit-x-openbaar.pdf" in page and "gebied/out/openbaar" not in page
    assert '<td class="utrecht-table__cell">secretariaat</td>' in page


def test_the_audit_log_filters_by_case_and_pages_by_fifty(
    client_as: Callable[[str], Client], users: dict[str, User]
) -> None:
    for number in range(51):
        audit.record(Event.BUILT, user=users["beleidsadviseur"], case="proef", run=number)
    audit.record(Event.BUILT, user=users["beleidsadviseur"], case="gebied")
    client = client_as("archivaris")
    first = client.get("/logboek/", {"zaak": "proef"}).content.decode()
    assert len(re.findall(r"<dt>run</dt>", first)) == 50
    assert "<dd>50</dd>" in first and "<dd>0</dd>" not in first
    assert 'href="?zaak=proef&amp;pagina=2"' in first
    assert ">gebied</a>" not in first
    second = client.get("/logboek/", {"zaak": "proef", "pagina": "2"}).content.decode()
    assert len(re.findall(r"<dt>run</dt>", second)) == 1 and "<dd>0</dd>" in second
    everything = client.get("/logboek/").content.decode()
    assert ">gebied</a>" in everything
    assert client_as("beleidsadviseur").get("/logboek/").status_code == 403
