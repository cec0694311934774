"""The collegevergadering on the page: the list of meetings, a meeting's page, recording an
outcome into the vergadering file (kept byte for byte elsewhere, refused in the CLI's words),
the jobs it starts (run for real with ``jobs.execute``) and their downloads, every view for
every role, through Django's test client."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from besluitpak.web import jobs
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.roles import ROLES
from tests.helpers import page_texts
from tests.web.workspaces import add_meeting

Event = AuditEntry.Event
PAGE = "/vergaderingen/2026-50/"
KEY = "vergadering:2026-50"


@pytest.fixture
def meeting(workspace: Path) -> Path:
    """The workspace's vergadering file ``vergaderingen/2026-50.yaml`` (proef, gebied)."""
    return add_meeting(workspace)


def _may(role: str, codename: str) -> bool:
    return codename in ROLES[role]


# --- every view for every role ------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_role_sees_the_list_and_the_page_of_a_meeting(
    role: str, meeting: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as(role)
    listing = client.get("/vergaderingen/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert f'href="{PAGE}">15 december 2026</a>' in text
    assert "2026-50" in text and ">2</td>" in text
    assert 'href="/vergaderingen/">Vergaderingen</a>' in text  # in the navigation
    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<a class="utrecht-link" href="/zaken/proef/">Proef met besluitpak</a>' in html
    assert '<a class="utrecht-link" href="/zaken/gebied/">Gebiedsopgave Centrum' in html
    assert "hamerstuk" in html and "bespreekstuk" in html and "nog niet vastgelegd" in html
    assert (">Agenda bouwen</button>" in html) == _may(role, "run_meeting")
    assert (">Besluitenlijst (definitief)</button>" in html) == _may(role, "run_meeting")
    assert ('action="/vergaderingen/2026-50/punten/1/"' in html) == _may(role, "run_meeting")
    assert (">Vergadering archiveren</button>" in html) == _may(role, "archive_case")


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_action_is_allowed_by_its_permission_only(
    role: str, meeting: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as(role)
    before = meeting.read_bytes()
    actions = {
        f"{PAGE}punten/1/": ("run_meeting", {"punt-1-uitkomst": "conform"}),
        f"{PAGE}maken/agenda/": ("run_meeting", {}),
        f"{PAGE}maken/voorlopig/": ("run_meeting", {}),
        f"{PAGE}maken/definitief/": ("run_meeting", {}),
        f"{PAGE}archiveren/": ("archive_case", {}),
    }
    for address, (codename, values) in actions.items():
        response = client.post(address, values)
        expected = 302 if _may(role, codename) else 403
        assert response.status_code == expected, (address, response.status_code)
    assert (meeting.read_bytes() != before) == _may(role, "run_meeting")
    assert client.get(f"{PAGE}taak/").status_code == 200
    assert client.get(f"{PAGE}maken/agenda/").status_code == 405


def test_an_anonymous_request_is_sent_to_the_login_form(db: None, meeting: Path) -> None:
    for address in ("/vergaderingen/", PAGE, f"{PAGE}taak/", f"{PAGE}bestand/x.pdf"):
        response = Client().get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/?next=")


def test_a_name_outside_the_meetings_is_not_found(
    meeting: Path, workspace: Path, client_as: Callable[[str], Client]
) -> None:
    (meeting.parent / "link.yaml").symlink_to(meeting)
    (workspace / "buiten.yaml").write_text(meeting.read_text())
    client = client_as("secretariaat")
    for name in ("..", "%2e%2e", "link", ".2026-50", "nergens", "..%2Fbuiten", "2026-50.yaml"):
        assert client.get(f"/vergaderingen/{name}/").status_code == 404, name
    listing = client.get("/vergaderingen/").content.decode()
    assert "/vergaderingen/link/" not in listing
    assert client.post(f"{PAGE}punten/3/", {"punt-3-uitkomst": "conform"}).status_code == 404
    assert client.post(f"{PAGE}maken/iets/").status_code == 404


def test_a_workspace_without_meetings_says_so(
    workspace: Path, client_as: Callable[[str], Client]
) -> None:
    page = client_as("beleidsadviseur").get("/vergaderingen/").content.decode()
    assert "Er zijn nog geen vergaderingen" in page


# --- recording an outcome -----------------------------------------------------------------------


def test_an_outcome_is_written_back_keeping_the_rest_of_the_file(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    before = meeting.read_text()
    client = client_as("secretariaat")
    response = client.post(f"{PAGE}punten/1/", {"punt-1-uitkomst": "conform"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#punt-1"
    assert meeting.read_text() == before.replace(
        "    soort: hamerstuk\n", "    soort: hamerstuk\n    uitkomst: conform\n"
    )
    entry = AuditEntry.objects.get(event=Event.OUTCOME_RECORDED)
    assert entry.case == KEY and entry.username == "secretariaat"
    assert entry.detail == {"agendapunt": 1, "uitkomst": "conform", "besluitpunten": []}
    assert "conform" in client.get(PAGE).content.decode()


def test_gewijzigd_writes_the_adopted_besluitpunten_one_per_paragraph(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    before = meeting.read_text()
    punten = "De gebiedsopgave vast te\nstellen.\r\n\r\nDe kaart ({bijlage:kaart}) te herzien."
    response = client_as("secretariaat").post(
        f"{PAGE}punten/2/", {"punt-2-uitkomst": "gewijzigd", "punt-2-besluitpunten": punten}
    )
    assert response.status_code == 302, response.content.decode()
    assert meeting.read_text() == before.replace(
        "    uitkomst: conform\n",
        "    uitkomst: gewijzigd\n"
        "    besluitpunten:\n"
        "      - De gebiedsopgave vast te stellen.\n"
        "      - De kaart ({bijlage:kaart}) te herzien.\n",
    )
    page = client_as("archivaris").get(PAGE).content.decode()
    agenda = page[page.index('id="agenda"') : page.index('id="maken"')]
    assert re.search(r"De kaart \(bijlage \d+\) te herzien\.", agenda)  # as the list prints it
    assert "{bijlage:kaart}" not in agenda
    form = client_as("secretariaat").get(PAGE).content.decode()
    assert "De kaart ({bijlage:kaart}) te herzien." in form  # as written, to edit
    back = client_as("secretariaat").post(f"{PAGE}punten/2/", {"punt-2-uitkomst": "conform"})
    assert back.status_code == 302
    assert meeting.read_text() == before  # the blank line that ends the item comes back too


def test_a_redacted_passage_in_the_adopted_besluitpunten_is_shown_marked_not_as_markup(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    punten = "Mevrouw {lak:5.1.2e}J. Jansen{/lak} <b>te</b> horen."
    response = client_as("secretariaat").post(
        f"{PAGE}punten/2/", {"punt-2-uitkomst": "gewijzigd", "punt-2-besluitpunten": punten}
    )
    assert response.status_code == 302, response.content.decode()
    page = client_as("archivaris").get(PAGE).content.decode()
    agenda = page[page.index('id="agenda"') : page.index('id="maken"')]
    assert (
        'Mevrouw <mark class="bp-lak">J. Jansen<span class="bp-lak__grond"> (gelakt, artikel '
        "5.1.2e Woo)</span></mark> &lt;b&gt;te&lt;/b&gt; horen." in agenda
    )
    assert "{lak:" not in agenda and "{/lak}" not in agenda


def test_gewijzigd_without_besluitpunten_is_refused_beside_the_field_and_nothing_is_written(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    before = meeting.read_bytes()
    response = client_as("secretariaat").post(f"{PAGE}punten/1/", {"punt-1-uitkomst": "gewijzigd"})
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split('id="id_punt-1-besluitpunten_error"')[1].split("</div>")[0]
    assert (
        "bij de uitkomst ‘gewijzigd’ horen de besluitpunten zoals het college ze vaststelde "
        "(een lijst), maar die ontbreken" in error
    )
    assert "2026-50.yaml" not in error  # no file:line beside the field
    assert 'aria-invalid="true"' in page
    assert meeting.read_bytes() == before
    assert not AuditEntry.objects.filter(event=Event.OUTCOME_RECORDED).exists()


def test_a_reference_to_an_unknown_bijlage_is_refused_in_the_cli_words(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    before = meeting.read_bytes()
    response = client_as("secretariaat").post(
        f"{PAGE}punten/1/",
        {"punt-1-uitkomst": "gewijzigd", "punt-1-besluitpunten": "Zie {bijlage:notiite}."},
    )
    page = response.content.decode()
    assert "reference to unknown bijlage id &#x27;notiite&#x27;" in page
    assert "did you mean &#x27;notitie&#x27;?" in page
    assert meeting.read_bytes() == before


def test_a_meeting_with_problems_shows_them_relative_to_the_workspace_and_starts_nothing(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    meeting.write_text(meeting.read_text().replace("../gebied", "../bestaat-niet"))
    client = client_as("secretariaat")
    page = client.get(PAGE).content.decode()
    assert (
        "vergaderingen/2026-50.yaml:13: agenda[1].zaak: expected a case folder or case file, "
        "got &#x27;../bestaat-niet&#x27;: not found" in page
    )
    assert str(meeting.parent) not in page
    response = client.post(f"{PAGE}maken/agenda/")
    assert response.status_code == 302
    assert not Job.objects.exists()
    assert "Deze vergadering heeft problemen" in client.get(PAGE).content.decode()


# --- jobs ---------------------------------------------------------------------------------------


def test_a_job_is_queued_under_the_meeting_key_and_polled_while_it_waits(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as("secretariaat")
    response = client.post(f"{PAGE}maken/voorlopig/")
    assert response["Location"] == f"{PAGE}#taak"
    job = Job.objects.get()
    assert (job.case, job.kind, job.status) == (KEY, Job.Kind.MEETING_VOORLOPIG, "queued")
    assert client.post(f"{PAGE}maken/voorlopig/").status_code == 302
    assert Job.objects.count() == 1  # the same job, still waiting
    waiting = client.get(f"{PAGE}taak/").content.decode()
    assert f'hx-get="{PAGE}taak/"' in waiting and "in de wachtrij" in waiting
    fragment = client.post(f"{PAGE}maken/agenda/", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="taak"') and "Agenda bouwen" in fragment
    requested = AuditEntry.objects.filter(event=Event.MEETING_REQUESTED, case=KEY)
    assert sorted(e.detail["job"] for e in requested) == [
        "meeting_agenda",
        "meeting_voorlopig",
        "meeting_voorlopig",
    ]


def test_a_job_on_a_meeting_with_a_missing_outcome_fails_in_the_cli_words(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as("secretariaat")
    client.post(f"{PAGE}maken/definitief/")
    job = Job.objects.get()
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "vergaderingen/2026-50.yaml:9: agenda[0]: required key 'uitkomst' is missing" in (
        job.message
    )
    assert str(meeting.parent) not in job.message
    failed = AuditEntry.objects.get(event=Event.JOB_FAILED)
    assert failed.case == KEY and failed.detail["job"] == "meeting_definitief"


def test_a_download_is_confined_to_the_meeting_out_folder(
    meeting: Path, workspace: Path, client_as: Callable[[str], Client]
) -> None:
    out = workspace / "vergaderingen" / "out" / "2026-50"
    out.mkdir(parents=True)
    pdf = workspace / "proef" / "bijlagen" / "kaart.pdf"
    (out / "agenda-2026-50.pdf").write_bytes(pdf.read_bytes())
    (out / "besluitenlijst-2026-50-voorlopig.docx").write_bytes(b"docx")
    (out / "pakketten").mkdir()
    (out / "pakketten" / "x.pdf").write_bytes(pdf.read_bytes())
    (out / ".verborgen.pdf").write_bytes(pdf.read_bytes())
    (out / "link.pdf").symlink_to(pdf)
    client = client_as("beleidsadviseur")
    page = client.get(PAGE).content.decode()
    assert f'href="{PAGE}bestand/agenda-2026-50.pdf">Agenda</a>' in page
    assert "link.pdf" not in page and "verborgen" not in page
    found = client.get(f"{PAGE}bestand/agenda-2026-50.pdf")
    assert found.status_code == 200 and found["Content-Type"] == "application/pdf"
    assert b"".join(found.streaming_content) == pdf.read_bytes()  # type: ignore[attr-defined]
    for file in (
        "besluitenlijst-2026-50-voorlopig.docx",
        "pakketten/x.pdf",
        ".verborgen.pdf",
        "link.pdf",
        "..%2F..%2F..%2Fproef%2Fbijlagen%2Fkaart.pdf",
        "%2e%2e/2026-50.yaml",
        "nergens.pdf",
    ):
        assert client.get(f"{PAGE}bestand/{file}").status_code == 404, file


@pytest.mark.libreoffice
def test_the_provisional_besluitenlijst_is_made_by_a_job_and_holds_back_the_embargoed_item(
    meeting: Path, client_as: Callable[[str], Client]
) -> None:
    client = client_as("secretariaat")
    client.post(f"{PAGE}punten/1/", {"punt-1-uitkomst": "conform"})
    client.post(f"{PAGE}maken/voorlopig/")
    job = Job.objects.get()
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert job.result["later"] == [2]  # gebied is under embargo until 2099
    name = "besluitenlijst-2026-50-voorlopig.pdf"
    assert f"vergaderingen/out/2026-50/{name}" in job.result["files"]
    page = client.get(PAGE).content.decode()
    assert f'href="{PAGE}bestand/{name}">Besluitenlijst (voorlopig)</a>' in page
    download = client.get(f"{PAGE}bestand/{name}")
    assert download.status_code == 200
    pdf = meeting.parent / "out" / "2026-50" / name
    assert b"".join(download.streaming_content) == pdf.read_bytes()  # type: ignore[attr-defined]
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Proef met besluitpak" in text
    assert "Het college stelt de notitie over de proef vast." in text
    assert "Gebiedsopgave Centrum" not in text
    assert "wordt later openbaar gemaakt" in text
    done = AuditEntry.objects.get(event=Event.LIST_WRITTEN)
    assert done.case == KEY and done.fingerprint == job.result["fingerprint"]
    status = client.get(f"{PAGE}taak/").content.decode()
    assert "klaar" in status and "hx-get" not in status
    assert "Onder embargo, alleen met nummer vermeld: agendapunt 2." in status


@pytest.mark.libreoffice
def test_the_agenda_and_the_archive_are_made_by_jobs_with_their_downloads(
    meeting: Path, workspace: Path, client_as: Callable[[str], Client]
) -> None:
    secretariaat, archivaris = client_as("secretariaat"), client_as("archivaris")
    secretariaat.post(f"{PAGE}punten/1/", {"punt-1-uitkomst": "conform"})
    secretariaat.post(f"{PAGE}maken/agenda/")
    agenda = Job.objects.get(kind=Job.Kind.MEETING_AGENDA)
    jobs.execute(agenda.pk)
    agenda.refresh_from_db()
    assert agenda.status == Job.Status.DONE, agenda.message
    page = archivaris.get(PAGE).content.decode()
    for label, name in (
        ("Agenda", "agenda-2026-50.pdf"),
        ("Vergadermap", "vergadermap-2026-50.pdf"),
    ):
        assert f'href="{PAGE}bestand/{name}">{label}</a>' in page
    text = " ".join(
        " ".join(page_texts(meeting.parent / "out" / "2026-50" / "agenda-2026-50.pdf")).split()
    )
    assert "Proef met besluitpak" in text
    archivaris.post(f"{PAGE}archiveren/")
    archived = Job.objects.get(kind=Job.Kind.MEETING_ARCHIVE)
    assert archived.requested_by_name == "archivaris"
    jobs.execute(archived.pk)
    archived.refresh_from_db()
    assert archived.status == Job.Status.DONE, archived.message
    assert archived.result["new"] and set(archived.result["cases"]) == {"1", "2"}
    assert (workspace / archived.result["version"] / "vergadering.json.sha256").is_file()
    # every manifest the job wrote names the person and role who asked for it
    meeting_manifest = workspace / archived.result["version"] / "vergadering.json"
    case_manifests = sorted((workspace / "archief").glob("*/v*/manifest.json"))
    assert len(case_manifests) == 2
    for manifest in (meeting_manifest, *case_manifests):
        assert json.loads(manifest.read_text())["user"] == "archivaris (archivaris)", manifest
    entry = AuditEntry.objects.get(event=Event.MEETING_ARCHIVED)
    assert entry.case == KEY and entry.fingerprint == archived.result["fingerprint"] != ""
    assert not (workspace / "proef" / "out").exists()  # the meeting builds in its own folder


def test_the_migration_gives_run_meeting_to_the_secretariaat_keeping_an_administrators_changes(
    db: None,
) -> None:
    import importlib

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module("besluitpak.web.migrations.0004_meetings")
    state = MigrationLoader(connection).project_state(("besluitpak_web", "0004_meetings"))
    group = Group.objects.get(name="secretariaat")
    group.permissions.remove(*group.permissions.filter(codename__in=["run_meeting", "view_audit"]))
    migration.grant_run_meeting(state.apps, None)
    held = set(group.permissions.values_list("codename", flat=True))
    assert "run_meeting" in held and "view_audit" not in held  # the administrator's change kept
    group.delete()
    migration.grant_run_meeting(state.apps, None)
    assert not Group.objects.filter(name="secretariaat").exists()  # not made again


def test_outcomes_saved_at_the_same_moment_are_all_written(meeting: Path) -> None:
    """Two people record the outcomes of two items at once, many times over: every save
    reads the file another has just written, none is lost."""
    import threading

    from besluitpak.editing import meetings

    root, name = meeting.parent.parent, meeting.stem
    rounds = 12
    order = {1: ["conform", "aangehouden"], 2: ["teruggetrokken", "conform"]}
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def record(nummer: int) -> None:
        try:
            start.wait()
            for round_ in range(rounds):
                uitkomst = order[nummer][round_ % 2]
                assert (
                    meetings.record_outcome(
                        root, name, nummer=nummer, uitkomst=uitkomst, besluitpunten=()
                    )
                    == []
                )
        except BaseException as e:  # reported below, in the test's thread
            failures.append(e)

    threads = [threading.Thread(target=record, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    text = meeting.read_text(encoding="utf-8")
    last = {n: order[n][(rounds - 1) % 2] for n in order}
    first, second = text.split("  - zaak: '../gebied'")
    assert f"uitkomst: {last[1]}" in first
    assert f"uitkomst: {last[2]}" in second
