"""The archive's manifest records who archived: the person and role from the page, the
``--door`` name (or the OS user) from the command line."""

from __future__ import annotations

import getpass
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from besluitpak.web import jobs
from besluitpak.web.models import Job

pytestmark = pytest.mark.libreoffice


def _manifest(archief: Path, version: str = "v001") -> dict[str, object]:
    loaded = json.loads((archief / "2020-000123" / version / "manifest.json").read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_archiving_from_the_page_records_the_person_and_role(db: None, workspace: Path) -> None:
    sanne = User.objects.create_user("sanne", password="een-lang-proefwachtwoord")
    sanne.groups.set([Group.objects.get(name="secretariaat")])
    client = Client()
    client.force_login(sanne)
    assert client.post("/zaken/proef/archiveren/").status_code == 302
    job = Job.objects.get(kind=Job.Kind.ARCHIVE)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert _manifest(workspace / "archief")["user"] == "sanne (secretariaat)"
    status = client.get("/zaken/proef/taak/").content.decode()
    assert "Collegevoorstel: " in status  # the progress names documents by title
    assert "collegevoorstel (intern)" not in status
    page = client.get("/zaken/proef/archief/").content.decode()
    assert "sanne (secretariaat)" in page


def _archive(case: Path, archief: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "besluitpak", "archive", str(case), "--archief", str(archief),
         *extra],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip


def test_archiving_from_the_command_line_records_the_door_name_or_the_os_user(
    workspace: Path, tmp_path: Path
) -> None:
    case, archief = workspace / "proef", tmp_path / "archief"
    done = _archive(case, archief, "--door", "  Piet   Jansen ")
    assert done.returncode == 0, done.stderr
    assert _manifest(archief)["user"] == "Piet Jansen"

    case_file = case / "besluitpak.yaml"
    case_file.write_text(case_file.read_text().replace("Proefafdeling", "Afdeling Proef"))
    done = _archive(case, archief)
    assert done.returncode == 0, done.stderr
    assert _manifest(archief, "v002")["user"] == f"{getpass.getuser()}@{socket.gethostname()}"

    empty = _archive(case, archief, "--door", " ")
    assert empty.returncode == 1
    assert empty.stderr.startswith("error: --door: expected a name")
