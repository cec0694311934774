"""The publication page (the inventarislijst of ``<zaak>/out/openbaar/``, its downloads),
the beoordeling of each document on the case page, and "Persoonsgegeven toestaan", through
Django's test client.

The fast tests write a publication folder themselves, as ``publish`` leaves it; one test
(LibreOffice) publishes the case for real and follows every link of the page.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import besluitpak
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.roles import ROLES

KENMERK = "collegebesluit-2026-000777"
BASE = "https://example.haarlem.nl/woo/collegebesluiten"
INVENTORY = (
    "nummer,titel,datum,beoordeling,gronden,link\r\n"
    f"1,Collegevoorstel: Gebiedsopgave Centrum vaststellen,15 december 2026,deels openbaar,"
    f"5.1.2e,{BASE}/{KENMERK}-collegevoorstel.pdf\r\n"
    f"2,Bijlage 1: Gebiedsopgave stadsdeel Centrum,15 december 2026,openbaar,,"
    f"{BASE}/{KENMERK}-bijlage-01-opgave-centrum.pdf\r\n"
    "3,Bijlage 2: Kaart van het stadsdeel,15 december 2026,niet openbaar,"
    "art. 55 Gemeentewet,\r\n"
)
PAGE = "/zaken/gebied/publicatie/"
FILES = "/zaken/gebied/publicatie/bestand/"


def _published(workspace: Path) -> Path:
    """The case ``gebied``'s publication folder, as ``publish`` writes it (small stand-ins
    for its PDFs)."""
    folder = workspace / "gebied" / "out" / "openbaar"
    folder.mkdir(parents=True)
    pdf = workspace / "gebied" / "bijlagen" / "kaart.pdf"
    for name in (
        f"{KENMERK}-openbaar.pdf",
        f"{KENMERK}-collegevoorstel.pdf",
        f"{KENMERK}-bijlage-01-opgave-centrum.pdf",
        "inventarislijst.pdf",
    ):
        shutil.copy(pdf, folder / name)
    (folder / "inventarislijst.csv").write_text(INVENTORY, encoding="utf-8", newline="")
    (folder / "sitemap.xml").write_text('<?xml version="1.0"?><urlset/>\n')
    (folder / "sitemapindex.xml").write_text('<?xml version="1.0"?><sitemapindex/>\n')
    (folder / "robots.txt").write_text("User-agent: *\n")
    (folder / f"{KENMERK}-openbaar.record.json").write_text("{}\n")
    (folder / ".besluitpak-state.json").write_text("{}\n")
    return folder


# --- the page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(ROLES))
def test_a_case_not_yet_published_says_so_to_every_role(
    role: str, client_as: Callable[[str], Client]
) -> None:
    response = client_as(role).get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "nog niet gepubliceerd" in page
    assert "<table" not in page.split('id="toestaan"')[0]
    assert ('action="/zaken/gebied/publicatie/toestaan/"' in page) == (
        "publish_case" in ROLES[role]
    )


@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_inventarislijst_is_an_accessible_table_with_a_link_per_public_document(
    role: str, client_as: Callable[[str], Client], workspace: Path
) -> None:
    _published(workspace)
    page = client_as(role).get(PAGE).content.decode()
    assert "nog niet gepubliceerd" not in page
    assert '<caption class="utrecht-table__caption">De documenten van collegebesluit ' in page
    assert page.count('<th scope="col"') == 6  # no allowed passages yet
    for header in ("Nummer", "Titel", "Datum", "Beoordeling", "Gronden", "Bestand"):
        assert f">{header}</th>" in page
    assert f'href="{FILES}{KENMERK}-collegevoorstel.pdf"' in page
    assert f'href="{FILES}{KENMERK}-bijlage-01-opgave-centrum.pdf"' in page
    assert ">deels openbaar<" in page and ">5.1.2e<" in page
    assert ">niet openbaar<" in page and "art. 55 Gemeentewet" in page
    assert "eerbiediging van de persoonlijke levenssfeer" in page  # the ground explained
    for file in (
        f"{KENMERK}-openbaar.pdf",
        "inventarislijst.pdf",
        "inventarislijst.csv",
        "sitemap.xml",
        "sitemapindex.xml",
    ):
        assert f'href="{FILES}{file}"' in page, file


def test_the_case_page_links_the_publication(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    page = client_as("archivaris").get("/zaken/gebied/").content.decode()
    assert f'href="{PAGE}">Publicatie (nog niet gepubliceerd)</a>' in page
    _published(workspace)
    page = client_as("archivaris").get("/zaken/gebied/").content.decode()
    assert f'href="{PAGE}">Publicatie: inventarislijst en bestanden</a>' in page


def test_a_failed_publication_shows_the_guards_findings_beside_the_form(
    client_as: Callable[[str], Client], users: dict[str, User]
) -> None:
    message = (
        "personal data in the public edition: collegevoorstel, page 2: e-mail address in "
        "'mail j.jansen@example.nl voor'; mark it {lak:5.1.2e}…{/lak} or allow it in "
        "openbaar.toegestaan with a reason"
    )
    Job.objects.create(
        case="gebied",
        kind=Job.Kind.PUBLISH,
        status=Job.Status.FAILED,
        requested_by=users["secretariaat"],
        requested_by_name="secretariaat",
        message=message,
    )
    page = client_as("secretariaat").get(PAGE).content.decode()
    assert "Het laatste publiceren is mislukt" in page
    assert "page 2: e-mail address in &#x27;mail j.jansen@example.nl voor&#x27;" in page


# --- the downloads -----------------------------------------------------------------------------


def test_each_published_file_is_served_with_its_type(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = _published(workspace)
    client = client_as("beleidsadviseur")
    for name, kind in (
        (f"{KENMERK}-collegevoorstel.pdf", "application/pdf"),
        ("inventarislijst.pdf", "application/pdf"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("inventarislijst.csv", "text/csv; charset=utf-8"),
    ):
        response = client.get(FILES + name)
        assert response.status_code == 200, name
        assert response["Content-Type"] == kind, name
        assert b"".join(response.streaming_content) == (folder / name).read_bytes()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "asked",
    [
        "robots.txt",  # there, but not a kind the download serves
        f"{KENMERK}-openbaar.record.json",
        ".besluitpak-state.json",
        "bestaat-niet.pdf",
        "../../besluitpak.yaml",
        "../../bijlagen/kaart.pdf",
        "..%2f..%2fbijlagen%2fkaart.pdf",
        "/etc/passwd",
        "sub/x.pdf",
        "weg.pdf",  # a link out of the folder
        "map/kaart.pdf",  # through a linked folder
    ],
)
def test_the_download_refuses_anything_but_a_published_file(
    asked: str, client_as: Callable[[str], Client], workspace: Path, tmp_path: Path
) -> None:
    folder = _published(workspace)
    outside = tmp_path / "buiten"
    outside.mkdir()
    shutil.copy(workspace / "gebied" / "bijlagen" / "kaart.pdf", outside / "kaart.pdf")
    (folder / "weg.pdf").symlink_to(outside / "kaart.pdf")
    (folder / "map").symlink_to(outside)
    (folder / "sub").mkdir()
    shutil.copy(outside / "kaart.pdf", folder / "sub" / "x.pdf")
    response = client_as("secretariaat").get(FILES + asked)
    assert response.status_code == 404, asked


def test_a_publication_folder_that_is_a_link_is_not_served(
    client_as: Callable[[str], Client], workspace: Path, tmp_path: Path
) -> None:
    folder = _published(workspace)
    moved = tmp_path / "elders"
    shutil.move(folder, moved)
    folder.symlink_to(moved, target_is_directory=True)
    client = client_as("secretariaat")
    assert client.get(FILES + f"{KENMERK}-collegevoorstel.pdf").status_code == 404
    assert client.get(PAGE).status_code == 404


# --- Persoonsgegeven toestaan ------------------------------------------------------------------


ALLOW = "/zaken/gebied/publicatie/toestaan/"


def test_an_allowed_passage_goes_into_the_case_file_keeping_its_comments_and_the_log(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_text()
    reden = "wethouder: openbaar uit hoofde van zijn functie"
    response = client_as("secretariaat").post(
        ALLOW, {"tekst": "  Wethouder   Wijkzaken ", "reden": reden}
    )
    assert response.status_code == 302
    assert response["Location"] == PAGE + "#toestaan"
    after = case_file.read_text()
    assert after.startswith(before.rstrip("\n").split("\nbijlagen:")[0])  # comments kept
    assert "# A small case for the web tests" in after
    case = besluitpak.load_case(case_file)  # the CLI's loader reads it
    assert case.meta.openbaar is not None
    [allowed] = case.meta.openbaar.toegestaan
    assert (allowed.tekst, allowed.reden) == ("Wethouder Wijkzaken", reden)
    entry = AuditEntry.objects.get(event=AuditEntry.Event.PASSAGE_ALLOWED)
    assert (entry.case, entry.username, entry.role) == ("gebied", "secretariaat", "secretariaat")
    assert entry.detail == {"tekst": "Wethouder Wijkzaken", "reden": reden}
    page = client_as("archivaris").get(PAGE).content.decode()
    assert '<td class="utrecht-table__cell">Wethouder Wijkzaken</td>' in page


def test_a_second_passage_is_added_after_the_first(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("secretariaat")
    client.post(ALLOW, {"tekst": "Grote Markt 2, 2011 RD", "reden": "het stadhuis"})
    client.post(ALLOW, {"tekst": "023 511 5115", "reden": "het algemene nummer"})
    case = besluitpak.load_case(workspace / "gebied" / "besluitpak.yaml")
    assert case.meta.openbaar is not None
    assert [a.tekst for a in case.meta.openbaar.toegestaan] == [
        "Grote Markt 2, 2011 RD",
        "023 511 5115",
    ]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"tekst": "", "reden": "waarom"}, "tekst"),
        ({"tekst": "J. Wienen", "reden": "   "}, "reden"),
    ],
)
def test_a_passage_without_text_or_reason_is_refused_beside_its_field(
    values: dict[str, str], field: str, client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    response = client_as("secretariaat").post(ALLOW, values)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and 'aria-invalid="true"' in page
    assert case_file.read_bytes() == before
    assert not AuditEntry.objects.exists()


def test_a_passage_already_allowed_is_not_added_twice(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("secretariaat")
    client.post(ALLOW, {"tekst": "J. Wienen", "reden": "burgemeester"})
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    response = client.post(ALLOW, {"tekst": "J. Wienen", "reden": "nog eens"})
    assert response.status_code == 200
    assert "„J. Wienen” is al toegestaan." in response.content.decode()
    assert case_file.read_bytes() == before


@pytest.mark.parametrize("role", sorted(ROLES))
def test_only_a_role_that_publishes_may_allow_a_passage(
    role: str, client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    response = client_as(role).post(ALLOW, {"tekst": "J. Wienen", "reden": "burgemeester"})
    if "publish_case" in ROLES[role]:
        assert response.status_code == 302
        assert case_file.read_bytes() != before
    else:
        assert response.status_code == 403
        assert case_file.read_bytes() == before


# --- the beoordeling on the case page ----------------------------------------------------------


def _withhold(workspace: Path) -> None:
    """gebied with a redacted passage in its collegevoorstel and the kaart kept secret."""
    case_file = workspace / "gebied" / "besluitpak.yaml"
    text = case_file.read_text()
    text = text.replace(
        "De gebiedsopgave voor stadsdeel Centrum is klaar.",
        "De gebiedsopgave voor stadsdeel Centrum is klaar; {lak:5.1.2e}mevrouw J. Jansen{/lak} "
        "sprak in.",
    )
    text = text.replace(
        "    bestand: bijlagen/kaart.pdf",
        "    bestand: bijlagen/kaart.pdf\n    openbaar: false\n    grond: art. 55 Gemeentewet",
    )
    case_file.write_text(text)


def test_the_case_page_shows_each_documents_beoordeling(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    _withhold(workspace)
    page = client_as("beleidsadviseur").get("/zaken/gebied/").content.decode()
    voorstel = page.split('class="utrecht-paragraph bp-voorstel"', 1)[1].split("</p>", 1)[0]
    assert "Woo: deels openbaar (5.1.2e)" in voorstel
    opgave = page.split('id="bijlage-opgave-centrum"', 1)[1].split("</li>", 1)[0]
    assert "Woo: openbaar<" in opgave
    kaart = page.split('id="bijlage-kaart"', 1)[1].split("</li>", 1)[0]
    assert "Woo: niet openbaar (art. 55 Gemeentewet)" in kaart


def test_a_redacted_passage_in_the_besluitpunten_is_shown_as_the_intern_edition_marks_it(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    text = case_file.read_text()
    assert "De gebiedsopgave Centrum vast" in text
    case_file.write_text(
        text.replace(
            "De gebiedsopgave Centrum vast", "De {lak:5.2}gebiedsopgave{/lak} Centrum vast"
        )
    )
    page = client_as("beleidsadviseur").get("/zaken/gebied/").content.decode()
    punten = page.split('id="besluitpunten"', 1)[1].split("</ol>", 1)[0]
    assert (
        '<mark class="bp-lak">gebiedsopgave<span class="bp-lak__grond"> (gelakt, artikel 5.2 Woo)'
        in punten
    )
    assert "{lak:" not in punten


def test_the_beoordeling_stays_beside_a_bijlage_after_reordering(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    _withhold(workspace)
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/volgorde/",
        {"volgorde": ["kaart", "opgave-centrum"]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    section = response.content.decode()
    assert section.index('id="bijlage-kaart"') < section.index('id="bijlage-opgave-centrum"')
    kaart = section.split('id="bijlage-kaart"', 1)[1].split("</li>", 1)[0]
    assert "Bijlage 1: Kaart van het stadsdeel" in kaart
    assert "Woo: niet openbaar (art. 55 Gemeentewet)" in kaart
    assert "Woo: deels openbaar (5.1.2e)" in section


# --- for real ----------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_a_real_publication_is_listed_and_every_link_of_the_page_downloads(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    folder = workspace / "gebied"
    case = besluitpak.load_case(folder / "besluitpak.yaml")
    override = besluitpak.Override(reden="proef", user="secretariaat", time="2026-01-01T00:00:00")
    besluitpak.publish(
        case,
        out=folder / "out" / "openbaar",
        settings=besluitpak.BuildSettings(override=override, today=dt.date(2026, 12, 15)),
    )
    client = client_as("archivaris")
    page = client.get(PAGE).content.decode()
    assert "nog niet gepubliceerd" not in page
    assert page.count('<tr class="utrecht-table__row">') == 1 + 3  # header + three documents
    links = sorted(
        {part.split('"', 1)[0] for part in page.split(f'href="{FILES}')[1:]},
    )
    assert links == sorted(
        [
            f"{KENMERK}-collegevoorstel.pdf",
            f"{KENMERK}-bijlage-01-opgave-centrum.pdf",
            f"{KENMERK}-bijlage-02-kaart.pdf",
            f"{KENMERK}-openbaar.pdf",
            "inventarislijst.pdf",
            "inventarislijst.csv",
            "sitemap.xml",
            "sitemapindex.xml",
        ]
    )
    for link in links:
        response = client.get(FILES + link)
        assert response.status_code == 200, link
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert body == (folder / "out" / "openbaar" / link).read_bytes(), link
        if link.endswith(".pdf"):
            assert body.startswith(b"%PDF-"), link
