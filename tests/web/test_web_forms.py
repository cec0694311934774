"""The page's forms check what they can before the case file is touched: an uploaded file
is read and checked by the form, and every problem of a form is shown at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.helpers import MINIMAL


def test_replacing_a_file_without_choosing_one_is_refused_and_changes_nothing(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    client = client_as("beleidsadviseur")
    for sent in ({}, {"bestand": SimpleUploadedFile("leeg.pdf", b"")}):
        response = client.post("/zaken/gebied/bijlagen/kaart/bestand/", sent, follow=True)
        assert "Niet geüpload: kies een bestand." in response.content.decode()
    assert case_file.read_bytes() == before
    assert (workspace / "gebied" / "bijlagen" / "kaart.pdf").is_file()


def test_a_refused_upload_is_said_in_dutch_and_the_file_is_kept(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    kaart = workspace / "gebied" / "bijlagen" / "kaart.pdf"
    before = kaart.read_bytes()
    upload = SimpleUploadedFile("kaart.pdf", b"geen pdf maar tekst")
    response = client_as("beleidsadviseur").post(
        "/zaken/gebied/bijlagen/kaart/bestand/", {"bestand": upload}, follow=True
    )
    page = response.content.decode()
    assert "Niet geüpload: " in page and "nieuw bestand opgeslagen" not in page
    assert kaart.read_bytes() == before


def test_a_new_ready_made_bijlage_shows_the_missing_title_and_the_refused_file_at_once(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    upload = SimpleUploadedFile("notitie.pdf", b"geen pdf maar tekst")
    page = (
        client_as("secretariaat")
        .post(
            "/zaken/gebied/bijlagen/nieuw/",
            {
                "bron": "bestand",
                "kant-en-klaar-id": "notitie",
                "kant-en-klaar-titel": "",
                "kant-en-klaar-bestand": upload,
            },
        )
        .content.decode()
    )
    assert 'id="id_kant-en-klaar-titel_error"' in page
    assert 'id="id_kant-en-klaar-bestand_error"' in page and "Niet geüpload: " in page
    assert case_file.read_bytes() == before
    assert not (workspace / "gebied" / "bijlagen" / "notitie.pdf").exists()


def test_a_new_ready_made_bijlage_records_the_name_the_file_was_sent_with(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    from besluitpak.web.models import AuditEntry

    upload = SimpleUploadedFile(
        "Notitie van de wethouder.pdf", (MINIMAL / "bijlagen" / "kaart.pdf").read_bytes()
    )
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/nieuw/",
        {
            "bron": "bestand",
            "kant-en-klaar-id": "notitie",
            "kant-en-klaar-titel": "Notitie",
            "kant-en-klaar-bestand": upload,
        },
    )
    assert response.status_code == 302
    assert (workspace / "gebied" / "bijlagen" / "notitie.pdf").is_file()
    uploaded = AuditEntry.objects.filter(event=AuditEntry.Event.FILE_UPLOADED).get()
    assert uploaded.detail["name"] == "Notitie van de wethouder.pdf"
    assert uploaded.detail["file"] == "bijlagen/notitie.pdf"
