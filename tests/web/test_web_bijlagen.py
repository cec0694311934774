"""Composing the package on the page: bijlagen put in order (dragged or moved a place),
removed, added (generated or ready-made), a ready-made file replaced, a new case made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import besluitpak
from besluitpak.editing import skeleton
from besluitpak.web.models import AuditEntry
from tests.helpers import MINIMAL

Event = AuditEntry.Event
HTMX = {"HX-Request": "true"}


def _order(case_file: Path) -> list[str]:
    return [b.id for b in besluitpak.load_case(case_file).bijlagen]


def _events(event: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(event=event))


def test_dragging_rewrites_only_the_order_and_the_besluitpunten_say_the_new_numbers(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    text = case_file.read_text().replace(
        "  - id: kaart\n", "  # De kaart komt van de gemeente.\n  - id: kaart  # de kaart\n"
    )
    case_file.write_text(text)
    response = client_as("secretariaat").post(
        "/zaken/proef/bijlagen/volgorde/", {"volgorde": ["kaart", "brief", "notitie"]}, headers=HTMX
    )
    assert response.status_code == 200
    section = response.content.decode()
    assert section.startswith('<section aria-labelledby="bijlagen"')
    assert "Bijlage 1: Kaart van het proefgebied" in section
    assert "Bijlage 3: Notitie over de proef" in section
    assert "De notitie vast te stellen (bijlage 3)." in section
    assert "Kennis te nemen van de kaart en de brief (bijlage 1 en 2)." in section
    head, _, items = text.partition("bijlagen:\n")
    notitie, kaart, brief = (
        items[: items.index("  # De kaart")],
        items[items.index("  # De kaart") : items.index("  - id: brief")],
        items[items.index("  - id: brief") :],
    )
    assert case_file.read_text() == head + "bijlagen:\n" + kaart + brief + notitie
    assert _events(Event.BIJLAGEN_ORDERED)[0].detail == {"volgorde": ["kaart", "brief", "notitie"]}


def test_the_case_page_offers_the_list_to_drag_with_buttons_for_keyboards(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert '<ol class="bp-bijlagen" data-sortable' in page
    assert 'hx-post="/zaken/proef/bijlagen/volgorde/"' in page
    assert 'action="/zaken/proef/bijlagen/volgorde/"' in page
    assert 'hx-target="#bijlagen-sectie" hx-swap="outerHTML"' in page
    assert '<input type="hidden" name="volgorde" value="notitie">' in page
    assert 'name="omhoog" value="kaart"' in page and 'name="omlaag" value="kaart"' in page
    assert "data-sortable-handle" in page
    assert 'href="/zaken/proef/bijlagen/kaart/verwijderen/"' in page
    assert "Kant-en-klaar bestand: kaart.pdf" in page
    assert 'action="/zaken/proef/bijlagen/kaart/bestand/"' in page
    assert "De notitie vast te stellen (bijlage 1)." in page


def test_omhoog_and_omlaag_move_a_bijlage_one_place(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    client = client_as("secretariaat")
    now = ["notitie", "kaart", "brief"]
    response = client.post(
        "/zaken/proef/bijlagen/volgorde/", {"volgorde": now, "omlaag": "notitie"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/zaken/proef/#bijlagen"
    assert _order(case_file) == ["kaart", "notitie", "brief"]
    now = _order(case_file)
    client.post("/zaken/proef/bijlagen/volgorde/", {"volgorde": now, "omhoog": "brief"})
    assert _order(case_file) == ["kaart", "brief", "notitie"]
    client.post("/zaken/proef/bijlagen/volgorde/", {"omhoog": "kaart"})  # first stays first
    assert _order(case_file) == ["kaart", "brief", "notitie"]


def test_an_order_that_lost_a_bijlage_is_refused(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    before = case_file.read_bytes()
    response = client_as("secretariaat").post(
        "/zaken/proef/bijlagen/volgorde/", {"volgorde": ["kaart", "notitie"]}, headers=HTMX
    )
    assert "Volgorde niet opgeslagen" in response.content.decode()
    assert "expected each of the case&#x27;s bijlage ids once" in response.content.decode()
    assert case_file.read_bytes() == before


def test_removing_a_bijlage_a_text_refers_to_is_refused_in_the_cli_words(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    client = client_as("secretariaat")
    confirm = client.get("/zaken/gebied/bijlagen/kaart/verwijderen/").content.decode()
    assert "kan nu niet worden verwijderd" in confirm and "Ja, verwijderen" not in confirm
    assert "reference to unknown bijlage id &#x27;kaart&#x27;" in confirm
    assert client.post("/zaken/gebied/bijlagen/kaart/verwijderen/").status_code == 200  # no ja
    page = client.post(
        "/zaken/gebied/bijlagen/kaart/verwijderen/", {"bevestig": "ja"}, follow=True
    ).content.decode()
    assert "Bijlage 2 (Kaart van het stadsdeel) niet verwijderd" in page
    assert "reference to unknown bijlage id &#x27;kaart&#x27;" in page
    assert case_file.read_bytes() == before
    assert (workspace / "gebied" / "bijlagen" / "kaart.pdf").is_file()
    assert not _events(Event.BIJLAGE_REMOVED)


def test_removing_an_unreferenced_bijlage_removes_it_and_its_file(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    case_file = folder / "besluitpak.yaml"
    case_file.write_text(case_file.read_text().replace(" ({bijlage:kaart})", ""))
    confirm = client_as("secretariaat").get("/zaken/gebied/bijlagen/kaart/verwijderen/")
    page = confirm.content.decode()
    assert "Ja, verwijderen" in page and 'name="bevestig" value="ja"' in page
    assert "Ook bijlagen/kaart.pdf wordt verwijderd" in page
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/kaart/verwijderen/", {"bevestig": "ja"}
    )
    assert response.status_code == 302
    assert _order(case_file) == ["opgave-centrum"]
    assert "kaart" not in case_file.read_text().split("bijlagen:\n")[-1]
    assert not (folder / "bijlagen" / "kaart.pdf").exists()
    assert _events(Event.BIJLAGE_REMOVED)[0].detail == {
        "id": "kaart",
        "files": ["bijlagen/kaart.pdf"],
    }


def test_a_file_another_bijlage_uses_is_kept_when_one_is_removed(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    case_file = folder / "besluitpak.yaml"
    case_file.write_text(
        case_file.read_text()
        + "  - id: kaart-twee\n    titel: Dezelfde kaart\n    bestand: bijlagen/kaart.pdf\n"
    )
    client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/kaart-twee/verwijderen/", {"bevestig": "ja"}
    )
    assert _order(case_file) == ["opgave-centrum", "kaart"]
    assert (folder / "bijlagen" / "kaart.pdf").is_file()


def test_a_generated_bijlage_gets_the_data_of_one_with_its_template(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    page = client_as("secretariaat").get("/zaken/gebied/bijlagen/nieuw/").content.decode()
    assert '<option value="templates/gebiedsopgave.docx">gebiedsopgave.docx</option>' in page
    assert 'name="kant-en-klaar-bestand"' in page and 'enctype="multipart/form-data"' in page
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/nieuw/",
        {
            "gegenereerd-id": "opgave-noord",
            "gegenereerd-titel": "Gebiedsopgave stadsdeel Noord",
            "bron": "template",
            "gegenereerd-template": "templates/gebiedsopgave.docx",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Bijlage 3 (Gebiedsopgave stadsdeel Noord) toegevoegd." in page
    assert "gekopieerd van bijlage 1 (Gebiedsopgave stadsdeel Centrum)" in page
    assert "bijlagen/opgave-noord.yaml" not in page  # no file paths in the message
    assert (folder / "bijlagen" / "opgave-noord.yaml").read_bytes() == (
        folder / "bijlagen" / "gebiedsopgave-centrum.yaml"
    ).read_bytes()
    assert _order(folder / "besluitpak.yaml") == ["opgave-centrum", "kaart", "opgave-noord"]
    assert "Bijlage 3: Gebiedsopgave stadsdeel Noord" in page
    assert _events(Event.BIJLAGE_ADDED)[0].detail["id"] == "opgave-noord"


def test_a_generated_bijlage_without_a_sibling_gets_a_skeleton_to_fill_in(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/nieuw/",
        {
            "gegenereerd-id": "tweede-voorstel",
            "gegenereerd-titel": "Een tweede voorstel",
            "bron": "template",
            "gegenereerd-template": "templates/collegevoorstel.docx",
        },
        follow=True,
    )
    page = response.content.decode()
    data = (folder / "bijlagen" / "tweede-voorstel.yaml").read_text()
    assert skeleton.TO_FILL in data and "# Vul in waar IN TE VULLEN staat." in data
    assert "Vul de gegevens in: overal staat nu" in page and "besluitpunten[0]" in page
    besluitpak.load_case(folder / "besluitpak.yaml")


def test_a_ready_made_bijlage_is_stored_under_its_id_with_the_suffix_of_its_content(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    upload = SimpleUploadedFile(
        "Plattegrond (definitief).bin", (MINIMAL / "bijlagen" / "kaart.pdf").read_bytes()
    )
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/nieuw/",
        {
            "kant-en-klaar-id": "plattegrond",
            "kant-en-klaar-titel": "Plattegrond",
            "bron": "bestand",
            "kant-en-klaar-bestand": upload,
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert (folder / "bijlagen" / "plattegrond.pdf").is_file()
    case = besluitpak.load_case(folder / "besluitpak.yaml")
    assert case.bijlagen[-1].bestand == (folder / "bijlagen" / "plattegrond.pdf").resolve()
    assert _events(Event.FILE_UPLOADED)[0].detail["file"] == "bijlagen/plattegrond.pdf"


def test_an_id_that_is_taken_or_malformed_is_refused_next_to_the_field(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("secretariaat")
    for ident, words in (
        ("kaart", "verwacht een id dat geen andere bijlage heeft"),
        ("Kaart Centrum", "verwacht een id van kleine letters, cijfers en streepjes"),
    ):
        page = client.post(
            "/zaken/gebied/bijlagen/nieuw/",
            {
                "gegenereerd-id": ident,
                "gegenereerd-titel": "X",
                "bron": "template",
                "gegenereerd-template": "templates/gebiedsopgave.docx",
            },
        ).content.decode()
        assert words in page and 'id="id_gegenereerd-id_error"' in page


def test_replacing_a_ready_made_pdf_by_a_docx_changes_its_file(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    upload = SimpleUploadedFile(
        "kaart-nieuw.pdf", (MINIMAL / "bijlagen" / "brief.docx").read_bytes()
    )
    response = client_as("beleidsadviseur").post(
        "/zaken/gebied/bijlagen/kaart/bestand/", {"bestand": upload}, follow=True
    )
    assert "Bijlage 2 (Kaart van het stadsdeel): nieuw bestand opgeslagen." in (
        response.content.decode()
    )
    assert (folder / "bijlagen" / "kaart.docx").read_bytes() == (
        MINIMAL / "bijlagen" / "brief.docx"
    ).read_bytes()
    assert not (folder / "bijlagen" / "kaart.pdf").exists()
    assert "bestand: bijlagen/kaart.docx" in (folder / "besluitpak.yaml").read_text()
    assert _events(Event.FILE_UPLOADED)[0].detail["name"] == "kaart-nieuw.pdf"


def test_a_new_case_takes_the_basis_without_its_bijlagen(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("secretariaat")
    page = client.get("/zaken/nieuw/").content.decode()
    assert '<option value="gebied">' in page
    response = client.post(
        "/zaken/nieuw/",
        {
            "onderwerp": "Gebiedsopgave Noord vaststellen",
            "naam": "",
            "kenmerk": "2026/000999",
            "collegevergadering": "2026-12-22",
            "portefeuillehouder": "Wethouder Noord",
            "afdeling": "Gebiedsgericht werken",
            "basis": "gebied",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/zaken/gebiedsopgave-noord-vaststellen/"
    folder = workspace / "gebiedsopgave-noord-vaststellen"
    case = besluitpak.load_case(folder / "besluitpak.yaml")
    assert case.meta.gemeente.naam == "Haarlem" and case.meta.kenmerk == "2026/000999"
    assert case.bijlagen == ()
    assert (folder / "templates" / "gebiedsopgave.docx").is_file()
    assert "{bijlage:" not in (folder / "besluitpak.yaml").read_text()
    assert case.voorstel.data is not None
    assert case.voorstel.data["besluitpunten"][0] == "De gebiedsopgave Centrum vast te stellen."
    assert _events(Event.CASE_CREATED)[0].case == "gebiedsopgave-noord-vaststellen"


def test_a_new_case_refuses_a_folder_that_exists(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    before = (workspace / "proef" / "besluitpak.yaml").read_bytes()
    page = (
        client_as("secretariaat")
        .post(
            "/zaken/nieuw/",
            {
                "onderwerp": "Nog een proef",
                "naam": "proef",
                "kenmerk": "2026/1",
                "collegevergadering": "2026-12-22",
                "portefeuillehouder": "W",
                "afdeling": "A",
                "basis": "gebied",
            },
        )
        .content.decode()
    )
    assert "verwacht een nieuwe mapnaam, maar de map ‘proef’ bestaat al" in page
    assert (workspace / "proef" / "besluitpak.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("role", "method", "address", "data"),
    [
        ("beleidsadviseur", "post", "/zaken/proef/bijlagen/volgorde/", {"omlaag": "notitie"}),
        ("archivaris", "post", "/zaken/proef/bijlagen/volgorde/", {"omlaag": "notitie"}),
        ("beleidsadviseur", "get", "/zaken/proef/bijlagen/nieuw/", {}),
        (
            "beleidsadviseur",
            "post",
            "/zaken/proef/bijlagen/nieuw/",
            {"bron": "template", "gegenereerd-id": "x"},
        ),
        ("beleidsadviseur", "get", "/zaken/proef/bijlagen/kaart/verwijderen/", {}),
        ("beleidsadviseur", "post", "/zaken/proef/bijlagen/kaart/verwijderen/", {"bevestig": "ja"}),
        ("archivaris", "post", "/zaken/proef/bijlagen/kaart/bestand/", {}),
        ("beleidsadviseur", "get", "/zaken/nieuw/", {}),
        ("archivaris", "post", "/zaken/nieuw/", {"onderwerp": "X"}),
    ],
)
def test_a_role_without_the_permission_is_refused(
    client_as: Callable[[str], Client],
    workspace: Path,
    role: str,
    method: str,
    address: str,
    data: dict[str, str],
) -> None:
    before = {
        p: p.read_bytes()
        for p in workspace.rglob("*")
        if p.is_file() and ".besluitpak" not in p.parts
    }
    response = getattr(client_as(role), method)(address, data)
    assert response.status_code == 403
    after = {
        p: p.read_bytes()
        for p in workspace.rglob("*")
        if p.is_file() and ".besluitpak" not in p.parts
    }
    assert after == before


def test_a_beleidsadviseur_sees_no_ordering_but_may_replace_a_file(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("beleidsadviseur").get("/zaken/proef/").content.decode()
    assert "data-sortable" not in page and ">Omhoog<" not in page and "Verwijderen" not in page
    assert "Bijlage toevoegen" not in page
    assert 'action="/zaken/proef/bijlagen/kaart/bestand/"' in page
    archivaris = client_as("archivaris").get("/zaken/proef/").content.decode()
    assert "/bestand/" not in archivaris and "Bijlage 2: Kaart van het proefgebied" in archivaris


def test_a_missing_ready_made_file_can_be_uploaded_while_the_case_has_problems(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    (folder / "bijlagen" / "kaart.pdf").unlink()
    client = client_as("secretariaat")
    page = client.get("/zaken/gebied/bijlagen/").content.decode()
    assert "Bijlage 2: Kaart van het stadsdeel" in page
    assert "ontbreekt: bijlagen/kaart.pdf" in page
    assert 'href="/zaken/gebied/bijlagen/kaart/verwijderen/"' in page
    upload = SimpleUploadedFile("kaart.pdf", (MINIMAL / "bijlagen" / "kaart.pdf").read_bytes())
    response = client.post("/zaken/gebied/bijlagen/kaart/bestand/", {"bestand": upload})
    assert response.status_code == 302
    assert _order(folder / "besluitpak.yaml") == ["opgave-centrum", "kaart"]
    assert (folder / "bijlagen" / "kaart.pdf").is_file()


def test_a_case_with_problems_links_to_its_bijlagen_as_written(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    (workspace / "gebied" / "bijlagen" / "kaart.pdf").unlink()
    page = client_as("secretariaat").get("/zaken/gebied/").content.decode()
    assert 'href="/zaken/gebied/bijlagen/"' in page and "data-sortable" not in page
