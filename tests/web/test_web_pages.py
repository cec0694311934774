"""The page shell, the list of cases and a case's own fields, through Django's test client."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.test import Client

from besluitpak.editing import versions, yamledit


def test_an_anonymous_request_is_sent_to_the_login_form(db: None, workspace: Path) -> None:
    response = Client().get("/zaken/proef/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=/zaken/proef/")
    form = Client().get(response["Location"]).content.decode()
    assert 'name="username"' in form and 'name="password"' in form


def test_the_list_links_each_case_by_its_onderwerp(client_as: Callable[[str], Client]) -> None:
    page = client_as("archivaris").get("/").content.decode()
    assert '<a class="utrecht-link" href="/zaken/proef/">Proef met besluitpak</a>' in page
    assert "Gebiedsopgave Centrum vaststellen" in page
    assert "klaar om te bouwen" in page


def test_a_case_with_problems_shows_them_in_the_list(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    case_file.write_text(case_file.read_text().replace("2020-06-02", "2020-02-30"))
    page = client_as("beleidsadviseur").get("/").content.decode()
    assert "1 probleem" in page


def test_saving_a_field_keeps_the_rest_of_the_file(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    before = case_file.read_text()
    client = client_as("beleidsadviseur")
    values = _form_values(case_file)
    values["afdeling"] = "Afdeling Proef en Toets"
    response = client.post("/zaken/proef/", values)
    assert response.status_code == 302, response.content.decode()
    after = case_file.read_text()
    assert after == before.replace("afdeling: Proefafdeling", "afdeling: Afdeling Proef en Toets")


def test_a_post_without_the_forms_version_never_undoes_a_change_made_since(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    """A post that names no version (made by hand, or cut short) cannot say what its person
    saw: it is merged as made from an unknown version, so someone else's change since is a
    conflict shown on the page, never silently reverted to the post's old value."""
    case_file = workspace / "proef" / "besluitpak.yaml"
    values = _form_values(case_file)
    del values[versions.FIELD]
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("afdeling: Proefafdeling", "afdeling: Elders"), "utf-8")
    values["onderwerp"] = "Een ander onderwerp"
    response = client_as("secretariaat").post("/zaken/proef/", values)
    assert response.status_code == 200
    assert "afdeling: Elders" in case_file.read_text(encoding="utf-8")


def test_a_bad_value_is_refused_in_the_cli_words_and_nothing_is_written(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    before = case_file.read_bytes()
    values = _form_values(case_file)
    values["kenmerk"] = "2020 000123"
    response = client_as("secretariaat").post("/zaken/proef/", values)
    assert response.status_code == 200
    page = response.content.decode()
    assert "verwacht een kenmerk zoals 2014/123456" in page  # the CLI's message, in Dutch
    assert "maar hier staat de tekst ‘2020 000123’" in page and "expected" not in page
    assert 'aria-invalid="true"' in page and 'id="id_kenmerk_error"' in page
    assert case_file.read_bytes() == before


def test_an_archivaris_sees_the_fields_but_cannot_save_them(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("archivaris")
    page = client.get("/zaken/proef/").content.decode()
    assert "Proefafdeling" in page and ">Opslaan<" not in page
    values = _form_values(workspace / "proef" / "besluitpak.yaml")
    assert client.post("/zaken/proef/", values).status_code == 403


def test_a_name_outside_the_workspace_is_not_found(
    client_as: Callable[[str], Client], workspace: Path, tmp_path: Path
) -> None:
    (workspace / "link").symlink_to(workspace / "proef")
    client = client_as("secretariaat")
    for name in ("..", "%2e%2e", "link", ".besluitpak", "nergens", "proef%2F..%2F.."):
        assert client.get(f"/zaken/{name}/").status_code == 404, name


def _form_values(case_file: Path) -> dict[str, str]:
    data = yamledit.load(case_file)
    steller = data.get("steller", {})
    return {
        "onderwerp": data["onderwerp"],
        "kenmerk": str(data["kenmerk"]),
        "collegevergadering": str(data["collegevergadering"]),
        "portefeuillehouder": data["portefeuillehouder"],
        "afdeling": data["afdeling"],
        "embargo_tot": str(data.get("embargo_tot", "")),
        "steller_naam": steller.get("naam", ""),
        "steller_telefoon": steller.get("telefoon", ""),
        "steller_email": steller.get("email", ""),
        versions.FIELD: versions.digest(case_file.read_bytes()),  # as the page's form carries it
    }
