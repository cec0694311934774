"""No name or file a person gives can leave the workspace or pass for what it is not:
``../``, absolute paths, ``%2e%2e``, backslashes, a symlinked bijlagen/ folder, a zip bomb, a
program renamed .pdf, an oversized file — each refused with a clear message, nothing written."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from besluitpak.editing import uploads
from tests.helpers import MINIMAL

PDF = (MINIMAL / "bijlagen" / "kaart.pdf").read_bytes()
DOCX = (MINIMAL / "bijlagen" / "brief.docx").read_bytes()


def _files(root: Path) -> dict[Path, bytes]:
    return {
        p: p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink() and ".besluitpak" not in p.parts
    }


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the workspace that nothing may ever write into."""
    folder = tmp_path / "buiten"
    folder.mkdir()
    return folder


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _word(**extra: bytes) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org'
            b'/wordprocessingml/2006/main"/>',  # well-formed: every XML part is parsed
            **extra,
        }
    )


def _add(client: Client, name: str, filename: str, data: bytes, ident: str = "nieuw") -> str:
    upload = SimpleUploadedFile(filename, data, content_type="application/pdf")
    response = client.post(
        f"/zaken/{name}/bijlagen/nieuw/",
        {
            "kant-en-klaar-id": ident,
            "kant-en-klaar-titel": "Nieuwe bijlage",
            "bron": "bestand",
            "kant-en-klaar-bestand": upload,
        },
    )
    assert response.status_code == 200, "expected the form again, with the refusal"
    return response.content.decode()


# --- the content decides ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"MZ\x90\x00" + b"\x00" * 500, "dit is een Windows-programma (.exe)"),
        (b"%PDF-1.7\nnot really a pdf", "begint als een PDF maar is niet te lezen"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "een oud Office-bestand (.doc)"),
        (_zip({"readme.txt": b"hallo"}), "geen Word-document en geen OpenDocument-tekst"),
        (_word(**{"../../evil.txt": b"x"}), "onderdeel met de naam ‘../../evil.txt’"),
        (_word(**{"/etc/evil": b"x"}), "onderdeel met de naam ‘/etc/evil’"),
        (_word(**{"word\\..\\..\\evil": b"x"}), "dat buiten het document wijst"),
        (_word(**{"word/media/zeros.bin": b"\x00" * 8_000_000}), "een ‘zipbom’"),
        (_word(**{"word/vbaProject.bin": b"macro"}), "zonder macro&#x27;s"),
    ],
    ids=[
        "exe-as-pdf",
        "fake-pdf",
        "doc",
        "zip",
        "dotdot",
        "absolute",
        "backslash",
        "bomb",
        "macros",
    ],
)
def test_an_upload_that_is_not_a_sound_pdf_docx_or_odt_is_refused(
    client_as: Callable[[str], Client], workspace: Path, data: bytes, words: str
) -> None:
    before = _files(workspace)
    page = _add(client_as("secretariaat"), "gebied", "plan.pdf", data)
    assert "Niet geüpload: " in page and "expected" not in page  # in Dutch
    assert words in page
    assert _files(workspace) == before


def test_an_empty_upload_is_refused(client_as: Callable[[str], Client], workspace: Path) -> None:
    before = _files(workspace)
    page = _add(client_as("secretariaat"), "gebied", "plan.pdf", b"")
    assert "Het verstuurde bestand is leeg" in page
    assert _files(workspace) == before
    with pytest.raises(uploads.UploadRefused, match="got an empty file"):
        uploads.check(b"")


def test_a_zip_bomb_is_stopped_even_when_its_headers_understate_it() -> None:
    bomb = bytearray(_word(**{"word/media/zeros.bin": b"\x00" * 8_000_000}))
    # shrink the declared size in both headers to 1 KB: zipfile then stops at 1 KB and
    # the CRC fails, so it cannot pass as small
    data = bytes(bomb)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entry = archive.getinfo("word/media/zeros.bin")
    packed = entry.file_size.to_bytes(4, "little")
    assert data.count(packed) >= 2
    lied = data.replace(packed, (1024).to_bytes(4, "little"))
    with pytest.raises(uploads.UploadRefused, match=r"cannot be unpacked|zip bomb"):
        uploads.check(lied)


def test_an_odt_is_known_by_its_mimetype_entry() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", uploads.ODT_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "content.xml",
            b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            b'office:1.0"/>',
        )
    assert uploads.check(out.getvalue()).suffix == ".odt"
    assert uploads.check(DOCX).suffix == ".docx"
    assert uploads.check(PDF).suffix == ".pdf"


def test_an_oversized_file_is_refused_before_it_is_read(
    client_as: Callable[[str], Client], workspace: Path, settings: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = 1000
    before = _files(workspace)
    page = _add(client_as("secretariaat"), "gebied", "kaart.pdf", PDF)
    assert "het bestand is te groot: hoogstens 1000 bytes" in page
    assert _files(workspace) == before
    response = client_as("beleidsadviseur").post(
        "/zaken/gebied/bijlagen/kaart/bestand/",
        {"bestand": SimpleUploadedFile("kaart.pdf", PDF)},
        follow=True,
    )
    assert (
        "Niet geüpload: het bestand is te groot: hoogstens 1000 bytes" in response.content.decode()
    )
    assert _files(workspace) == before


def test_reading_stops_at_the_limit_whatever_the_file_claims() -> None:
    class Lying:
        size = 10
        name = "x.pdf"

        def chunks(self, size: int) -> Any:
            for _ in range(100):
                yield b"x" * 1000

    with pytest.raises(uploads.UploadRefused, match="at most 5000 bytes"):
        uploads.read(Lying(), limit=5000)


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ident",
    ["../buiten", "/tmp/evil", "%2e%2e", "..\\buiten", "bijlagen/../../x", "Kaart", "-x"],
)
def test_a_new_bijlage_id_that_is_a_path_is_refused(
    client_as: Callable[[str], Client], workspace: Path, outside: Path, ident: str
) -> None:
    before = _files(workspace)
    page = _add(client_as("secretariaat"), "gebied", "kaart.pdf", PDF, ident=ident)
    assert "verwacht een id van kleine letters, cijfers en streepjes" in page
    assert _files(workspace) == before and not any(outside.iterdir())


@pytest.mark.parametrize(
    "address",
    [
        "/zaken/..%2fbuiten/bijlagen/volgorde/",
        "/zaken/%2e%2e/bijlagen/volgorde/",
        "/zaken/..%5cbuiten/bijlagen/volgorde/",
        "/zaken/%2ftmp/bijlagen/volgorde/",
        "/zaken/gebied/bijlagen/..%2f..%2fproef/verwijderen/",
        "/zaken/gebied/bijlagen/%2e%2e/bestand/",
    ],
)
def test_an_address_naming_a_path_outside_is_not_found_or_refused(
    client_as: Callable[[str], Client], workspace: Path, address: str
) -> None:
    before = _files(workspace)
    response = client_as("secretariaat").post(
        address, {"bevestig": "ja", "bestand": SimpleUploadedFile("x.pdf", PDF)}
    )
    assert response.status_code in {302, 404}
    if response.status_code == 302:
        assert response["Location"].startswith("/zaken/gebied/")
    assert _files(workspace) == before


def test_a_symlinked_bijlagen_folder_is_refused(
    client_as: Callable[[str], Client], workspace: Path, outside: Path
) -> None:
    folder = workspace / "gebied"
    for path in (folder / "bijlagen").iterdir():
        (outside / path.name).write_bytes(path.read_bytes())
    for path in (folder / "bijlagen").iterdir():
        path.unlink()
    (folder / "bijlagen").rmdir()
    (folder / "bijlagen").symlink_to(outside, target_is_directory=True)
    before = _files(outside)
    client = client_as("secretariaat")
    page = _add(client, "gebied", "plan.pdf", PDF)
    assert "goes through a symbolic link" in page
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/kaart/bestand/", {"bestand": SimpleUploadedFile("kaart.pdf", PDF)}
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Niet geüpload" in m and "goes through a symbolic link" in m for m in said), said
    assert _files(outside) == before


@pytest.mark.parametrize(
    ("naam", "words"),
    [
        ("../buiten", "verwacht een mapnaam van letters, cijfers"),
        ("/tmp/zaak", "verwacht een mapnaam van letters, cijfers"),
        ("..", "verwacht een mapnaam van letters, cijfers"),
        ("%2e%2e", "verwacht een mapnaam van letters, cijfers"),
        ("zaak\\buiten", "verwacht een mapnaam van letters, cijfers"),
        (".besluitpak", "verwacht een mapnaam van letters, cijfers"),
        ("archief", "verwacht een mapnaam van letters, cijfers"),
        ("link", "bestaat al"),
    ],
)
def test_a_new_case_name_that_is_a_path_is_refused(
    client_as: Callable[[str], Client], workspace: Path, outside: Path, naam: str, words: str
) -> None:
    (workspace / "link").symlink_to(outside, target_is_directory=True)
    before = sorted(p.name for p in workspace.iterdir())
    page = (
        client_as("secretariaat")
        .post(
            "/zaken/nieuw/",
            {
                "onderwerp": "Een zaak",
                "naam": naam,
                "kenmerk": "2026/1",
                "collegevergadering": "2026-12-22",
                "portefeuillehouder": "W",
                "afdeling": "A",
                "basis": "proef",
            },
        )
        .content.decode()
    )
    assert words in page
    assert sorted(p.name for p in workspace.iterdir()) == before
    assert not any(outside.iterdir())


def test_a_basis_outside_the_workspace_is_refused(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    page = (
        client_as("secretariaat")
        .post(
            "/zaken/nieuw/",
            {
                "onderwerp": "Een zaak",
                "kenmerk": "2026/1",
                "collegevergadering": "2026-12-22",
                "portefeuillehouder": "W",
                "afdeling": "A",
                "basis": "../proef",
            },
        )
        .content.decode()
    )
    assert "Selecteer een geldige keuze" in page
    assert not (workspace / "een-zaak").exists()
