"""The archive page shows, per archived version, each sealed PDF's signatures (issue 31, item
4): signer, role, time, level as the manifest records them, and after "Verifiëren" whether
each one holds; a sealed PDF changed by one byte shows as invalid, in Dutch. The version is
archived once per module with the organisation's key (a test PKI served over HTTP, a PKCS#12
file) and copied into each test's workspace. No LibreOffice: the bundles are the finished
inventarislijst (tagged, PDF/A-2a, PDF/UA-1), standing in for what a build makes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client

from besluitpak.casefile.case import load_case
from besluitpak.web import jobs
from besluitpak.web.models import Job
from tests.helpers import MINIMAL
from tests.pdf.test_table_pdf import _finish, _table
from tests.signing.conftest import env_for
from tests.signing.pki import Pki, running
from tests.signing.test_archive_sealed import INTERN, OPENBAAR, _archive

PAGE = "/zaken/proef/archief/"
KENMERK = "2020-000123"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pki]:
    with running(tmp_path_factory.mktemp("pki")) as served:
        yield served


@pytest.fixture(scope="module")
def sealed_archive(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The case's kenmerk folder with v001, archived on a station with the organisation's key."""
    unsigned = tmp_path_factory.mktemp("unsigned") / "bundle.pdf"
    _finish(_table(), unsigned)
    folder = tmp_path_factory.mktemp("case") / "case"
    shutil.copytree(MINIMAL, folder)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env_for(pki, organisatie="organisatie").items():
            patch.setenv(name, value)
        version = _archive(load_case(folder / "besluitpak.yaml"), folder / "archief", unsigned)
    return version.parent


@pytest.fixture
def archived(
    sealed_archive: Path, workspace: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The sealed v001 in the workspace's archive, and the worker trusting the test PKI."""
    monkeypatch.setenv("BESLUITPAK_TRUST_ANCHORS", str(pki.root))
    target = workspace / "archief" / KENMERK
    shutil.copytree(sealed_archive, target)
    return target / "v001"


def _seal_time(version: Path) -> str:
    manifest = json.loads((version / "manifest.json").read_text())
    seal = next(s for s in manifest["signed"][0]["signatures"] if s["role"] == "organisatie")
    return f"{dt.datetime.fromisoformat(seal['time']).astimezone(dt.UTC):%d-%m-%Y %H:%M} UTC"


def _verified(client: Client) -> str:
    client.post(f"{PAGE}verifieren/")
    job = Job.objects.get(kind=Job.Kind.VERIFY)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    return str(client.get(PAGE).content.decode())


def _seal_line(version: Path, verdict: str) -> str:
    when = _seal_time(version)
    return f"Zegel van de organisatie, Gemeente Proefdorp, {when}, PAdES B-LTA: {verdict}"


def test_the_archive_page_shows_each_seal_and_after_verify_that_it_holds(
    archived: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as("archivaris")
    page = client.get(PAGE).content.decode()
    assert "Handtekeningen en zegels in v001" in page
    for name in (INTERN, OPENBAAR):
        assert f"{name}\n" in page
    unchecked = _seal_line(archived, "nog niet gecontroleerd")
    assert page.count(unchecked) == 2, page
    assert page.count("Archieftijdstempel van Proef Time Stamping Authority") == 2
    page = _verified(client)
    assert page.count(_seal_line(archived, "geldig")) == 2
    assert "ongeldig" not in page and "nog niet gecontroleerd" not in page


def test_a_sealed_pdf_changed_by_one_byte_shows_its_seal_invalid_after_verify(
    archived: Path, client_as: Callable[[str], Client]
) -> None:
    changed = archived / INTERN
    changed.chmod(0o644)
    data = bytearray(changed.read_bytes())
    data[data.index(b"stream", len(data) // 4) + 20] ^= 0x01  # covered by the seal
    changed.write_bytes(bytes(data))
    page = _verified(client_as("archivaris"))
    assert "Integriteit: problemen gevonden" in page
    invalid = _seal_line(archived, "<strong>ongeldig</strong>")
    assert page.count(invalid) == 1, page
    failure = f"v001/{INTERN}: de handtekening of het zegel ‘organisatie’ klopt niet"
    assert failure in page
    assert page.count(_seal_line(archived, "geldig")) == 1  # the public edition is untouched
    listed = page.index("Handtekeningen en zegels in v001")
    assert page.index(invalid) < page.index(f"{OPENBAAR}\n", listed)  # under the intern edition
