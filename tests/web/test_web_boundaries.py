"""Workspace boundaries: a symbolic link that leaves the workspace (a case's ``out/``, a
bijlage's file) is neither read nor written through, with a Dutch message on the page and
in the job; an uploaded Word document whose XML declares entities (billion laughs) or names
an external entity (XXE) is refused at upload, with the reason in Dutch."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import besluitpak
from besluitpak.web import jobs
from besluitpak.web.models import Job
from tests.helpers import MINIMAL

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
"""


def _docx_with(prolog: str, *, entity: str) -> bytes:
    """The minimal case's brief.docx with ``prolog`` before its document.xml's root and the
    entity used in its text."""
    source = zipfile.ZipFile(MINIMAL / "bijlagen" / "brief.docx")
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                text = data.decode("utf-8")
                body = text[text.index("<w:document") :]
                body = body.replace("<w:t>", f"<w:t>&{entity};", 1)
                data = (prolog + body).encode("utf-8")
            target.writestr(entry, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("prolog", "entity", "reason"),
    [
        (LAUGHS, "lol4", "definieert XML-entiteiten"),
        (XXE, "xxe", "verwijst naar een externe entiteit of DTD (XXE)"),
    ],
    ids=["billion-laughs", "xxe"],
)
def test_a_word_document_with_xml_entities_is_refused_at_upload(
    client_as: Callable[[str], Client], workspace: Path, prolog: str, entity: str, reason: str
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    data = _docx_with(prolog, entity=entity)
    client = client_as("secretariaat")
    response = client.post(
        "/zaken/gebied/bijlagen/nieuw/",
        {
            "kant-en-klaar-id": "brief",
            "kant-en-klaar-titel": "Brief",
            "bron": "bestand",
            "kant-en-klaar-bestand": SimpleUploadedFile("brief.docx", data),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Niet geüpload: het onderdeel word/document.xml van het document" in page
    assert reason in page
    assert case_file.read_bytes() == before
    assert not list((workspace / "gebied" / "bijlagen").glob("brief.*"))
    # The same for a new file of an existing ready-made bijlage.
    replaced = client.post(
        "/zaken/gebied/bijlagen/kaart/bestand/",
        {"bestand": SimpleUploadedFile("kaart.docx", data)},
        follow=True,
    )
    assert reason in replaced.content.decode()
    assert case_file.read_bytes() == before


def test_a_sound_word_document_is_still_taken(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/nieuw/",
        {
            "kant-en-klaar-id": "brief",
            "kant-en-klaar-titel": "Brief",
            "bron": "bestand",
            "kant-en-klaar-bestand": SimpleUploadedFile(
                "brief.docx", (MINIMAL / "bijlagen" / "brief.docx").read_bytes()
            ),
        },
    )
    assert response.status_code == 302
    assert (workspace / "gebied" / "bijlagen" / "brief.docx").is_file()


def _bundle(workspace: Path) -> str:
    return besluitpak.bundle_name(
        besluitpak.load_case(workspace / "proef" / "besluitpak.yaml"), "intern"
    )


def test_a_symlinked_out_folder_is_neither_read_nor_written(
    client_as: Callable[[str], Client], users: dict[str, User], workspace: Path, tmp_path: Path
) -> None:
    name = _bundle(workspace)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    shutil.copy(MINIMAL / "bijlagen" / "kaart.pdf", elsewhere / name)
    client = client_as("secretariaat")
    assert "klaar om te bouwen" in client.get("/zaken/proef/").content.decode()  # cached
    (workspace / "proef" / "out").symlink_to(elsewhere)

    page = client.get("/zaken/proef/").content.decode()

    assert "Buiten de werkruimte: proef/out is een symbolische link" in page
    assert str(tmp_path) not in page
    assert client.get("/zaken/proef/editie/intern.pdf").status_code == 404
    assert client.post("/zaken/proef/bouwen/").status_code == 302
    assert not Job.objects.exists()  # refused: the case is not valid

    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])  # queued before
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("Buiten de werkruimte: proef/out is een symbolische link")
    assert "/" + str(tmp_path).strip("/") not in job.message
    assert sorted(p.name for p in elsewhere.iterdir()) == [name]  # nothing written there


def test_a_bijlage_linked_to_a_server_file_is_not_read(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    kaart = workspace / "proef" / "bijlagen" / "kaart.pdf"
    kaart.unlink()
    kaart.symlink_to("/etc/passwd")
    client = client_as("beleidsadviseur")
    page = client.get("/zaken/proef/").content.decode()
    assert "Buiten de werkruimte: proef/bijlagen/kaart.pdf is een symbolische link" in page
    assert "root:" not in page and "/etc/passwd" not in page


def test_a_link_that_stays_in_the_workspace_is_followed(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    kaart = workspace / "proef" / "bijlagen" / "kaart.pdf"
    kaart.unlink()
    kaart.symlink_to(workspace / "gebied" / "bijlagen" / "kaart.pdf")
    page = client_as("beleidsadviseur").get("/zaken/proef/").content.decode()
    assert "Buiten de werkruimte" not in page  # (the loader has its own rules for links)
