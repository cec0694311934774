"""No lost update: every edit form carries the version of the file it was made from; a save
from an old page merges what the person changed into the file as it is now, and a field both
changed is a conflict shown with both values (nothing written)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from django.test import Client

from besluitpak.web.models import AuditEntry
from tests.web.formread import form_values
from tests.web.workspaces import add_meeting

CASE = "/zaken/proef/"
OPGAVE = "/zaken/gebied/documenten/opgave-centrum/"


def _case(workspace: Path) -> dict[str, object]:
    loaded = yaml.safe_load((workspace / "proef" / "besluitpak.yaml").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _edits(event: str = AuditEntry.Event.CASE_EDITED) -> list[tuple[str, list[str]]]:
    entries = AuditEntry.objects.filter(event=event).order_by("id")
    return [(e.username, e.detail["fields"]) for e in entries]


def test_two_people_saving_different_fields_from_one_version_keep_both_changes(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    sanne, bram = client_as("secretariaat"), client_as("beleidsadviseur")
    first = form_values(sanne.get(CASE).content.decode(), CASE)
    second = form_values(bram.get(CASE).content.decode(), CASE)
    assert first["_versie"] == second["_versie"] and len(first["_versie"]) == 64

    first["afdeling"] = "Afdeling Ruimte"
    assert sanne.post(CASE, first).status_code == 302
    second["portefeuillehouder"] = "Wethouder Nieuw"
    response = bram.post(CASE, second)

    assert response.status_code == 302
    case = _case(workspace)
    assert case["afdeling"] == "Afdeling Ruimte"
    assert case["portefeuillehouder"] == "Wethouder Nieuw"
    assert _edits() == [("secretariaat", ["afdeling"]), ("beleidsadviseur", ["portefeuillehouder"])]


def test_two_people_changing_one_field_get_a_conflict_with_both_values(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    sanne, bram = client_as("secretariaat"), client_as("beleidsadviseur")
    first = form_values(sanne.get(CASE).content.decode(), CASE)
    second = form_values(bram.get(CASE).content.decode(), CASE)
    first["afdeling"] = "Afdeling Ruimte"
    sanne.post(CASE, first)
    written = (workspace / "proef" / "besluitpak.yaml").read_bytes()
    second["afdeling"] = "Afdeling Wonen"
    second["steller_naam"] = "B. Adviseur"

    response = bram.post(CASE, second)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert "Uw waarde: „Afdeling Wonen”; nu in het bestand: „Afdeling Ruimte”" in page
    assert (workspace / "proef" / "besluitpak.yaml").read_bytes() == written
    again = form_values(page, CASE)
    assert again["afdeling"] == "Afdeling Wonen"  # the person's input is kept
    assert again["steller_naam"] == "B. Adviseur"
    assert _edits() == [("secretariaat", ["afdeling"])]

    # Saved again from the conflict page (its version is the file now): the person's choice.
    assert bram.post(CASE, again).status_code == 302
    case = _case(workspace)
    assert case["afdeling"] == "Afdeling Wonen"
    assert case["steller"] == {
        "naam": "B. Adviseur",
        "telefoon": "0123 456 789",
        "email": "p.tester@proef.example",
    }
    assert _edits()[-1] == ("beleidsadviseur", ["afdeling", "steller_naam"])


def test_a_change_by_the_command_line_while_the_page_is_open_is_merged(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("beleidsadviseur")
    values = form_values(client.get(CASE).content.decode(), CASE)
    case_file = workspace / "proef" / "besluitpak.yaml"
    case_file.write_text(case_file.read_text("utf-8").replace("Proefafdeling", "Ander"), "utf-8")
    values["kenmerk"] = "2020/000999"

    assert client.post(CASE, values).status_code == 302
    case = _case(workspace)
    assert (case["afdeling"], case["kenmerk"]) == ("Ander", "2020/000999")


def test_a_page_whose_version_is_no_longer_known_refuses_every_difference(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("beleidsadviseur")
    values = form_values(client.get(CASE).content.decode(), CASE)
    case_file = workspace / "proef" / "besluitpak.yaml"
    case_file.write_text(case_file.read_text("utf-8").replace("Proefafdeling", "Ander"), "utf-8")
    values["_versie"] = "0" * 64

    response = client.post(CASE, values)

    assert response.status_code == 200
    assert "nu in het bestand: „Ander”" in response.content.decode()
    assert _case(workspace)["afdeling"] == "Ander"


def test_two_people_editing_a_bijlage_s_data_keep_both_changes_or_see_the_conflict(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    sanne, bram = client_as("secretariaat"), client_as("beleidsadviseur")
    first = form_values(sanne.get(OPGAVE).content.decode(), OPGAVE)
    second = form_values(bram.get(OPGAVE).content.decode(), OPGAVE)
    third = dict(second)
    first["stadsdeel"] = "Centrum-Noord"
    assert sanne.post(OPGAVE, first).status_code == 302
    second["periode"] = "2015-2019"
    assert bram.post(OPGAVE, second).status_code == 302
    data_file = workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    data = yaml.safe_load(data_file.read_text("utf-8"))
    assert (data["stadsdeel"], data["periode"]) == ("Centrum-Noord", "2015-2019")
    assert _edits(AuditEntry.Event.DATA_EDITED) == [
        ("secretariaat", ["stadsdeel"]),
        ("beleidsadviseur", ["periode"]),
    ]

    written = data_file.read_bytes()
    third["stadsdeel"] = "Centrum-Zuid"
    response = bram.post(OPGAVE, third)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Uw waarde: „Centrum-Zuid”; nu in het bestand: „Centrum-Noord”" in page
    assert data_file.read_bytes() == written
    shown = form_values(page, OPGAVE)
    assert shown["stadsdeel"] == "Centrum-Zuid"
    assert shown["periode"] == "2015-2019"  # the other's change, not the old text


def test_two_secretaries_recording_outcomes_of_one_meeting_keep_both(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    meeting = add_meeting(workspace)
    page_url = "/vergaderingen/2026-50/"
    first_url, second_url = f"{page_url}punten/1/", f"{page_url}punten/2/"
    sanne, piet = client_as("secretariaat"), client_as("secretariaat")
    first = form_values(sanne.get(page_url).content.decode(), first_url)
    second = form_values(piet.get(page_url).content.decode(), second_url)
    same = form_values(piet.get(page_url).content.decode(), first_url)
    first["punt-1-uitkomst"] = "conform"
    assert sanne.post(first_url, first).status_code == 302
    second["punt-2-uitkomst"] = "aangehouden"
    assert piet.post(second_url, second).status_code == 302
    agenda = yaml.safe_load(meeting.read_text("utf-8"))["agenda"]
    assert [p.get("uitkomst") for p in agenda] == ["conform", "aangehouden"]

    same["punt-1-uitkomst"] = "aangehouden"
    response = piet.post(first_url, same)
    assert response.status_code == 200
    assert "Uw waarde: „aangehouden”; nu in het bestand: „conform”" in response.content.decode()
    assert yaml.safe_load(meeting.read_text("utf-8"))["agenda"][0]["uitkomst"] == "conform"


def test_an_order_made_from_an_old_page_is_refused_when_the_bijlagen_changed(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    sanne, piet = client_as("secretariaat"), client_as("secretariaat")
    order_url = "/zaken/proef/bijlagen/volgorde/"
    first = form_values(sanne.get(CASE).content.decode(), order_url)
    old = form_values(piet.get(CASE).content.decode(), order_url)
    assert sanne.post(order_url, {**first, "omlaag": "notitie"}).status_code == 302
    written = (workspace / "proef" / "besluitpak.yaml").read_bytes()

    response = piet.post(order_url, {**old, "omlaag": "kaart"}, HTTP_HX_REQUEST="true")

    assert "iemand anders heeft de bijlagen intussen gewijzigd" in response.content.decode()
    assert (workspace / "proef" / "besluitpak.yaml").read_bytes() == written


def test_removing_a_bijlage_someone_changed_since_the_page_was_opened_is_refused(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    text = case_file.read_text("utf-8")
    case_file.write_text(text.replace(" ({bijlage:kaart})", ""), "utf-8")  # no reference left
    client = client_as("secretariaat")
    url = "/zaken/gebied/bijlagen/kaart/verwijderen/"
    values = form_values(client.get(url).content.decode(), url)
    text = case_file.read_text("utf-8")
    case_file.write_text(text.replace("Kaart van het stadsdeel", "Nieuwe kaart"), "utf-8")
    written = case_file.read_bytes()

    response = client.post(url, {**values, "bevestig": "ja"}, follow=True)

    assert "Bijlage 2 (Nieuwe kaart) niet verwijderd: iemand anders heeft haar intussen" in (
        response.content.decode()
    )
    assert case_file.read_bytes() == written
    again = form_values(response.content.decode(), url)  # the confirmation, made anew
    assert client.post(url, {**again, "bevestig": "ja"}).status_code == 302
    assert "id: kaart" not in case_file.read_text("utf-8")
