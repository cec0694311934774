"""Ended sessions and stale tabs: a form sent with a stale CSRF token or after the session
ended gets a Dutch page that keeps the input to send again (after signing in there); an
htmx request that meets the sign-in page navigates the whole page (HX-Redirect)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from tests.web.conftest import PASSWORD
from tests.web.formread import form_values

CASE = "/zaken/proef/"


def _afdeling(workspace: Path) -> str:
    return str(yaml.safe_load((workspace / "proef" / "besluitpak.yaml").read_text())["afdeling"])


def test_a_stale_tab_s_form_is_kept_on_a_dutch_page_and_sent_again(
    users: dict[str, User], workspace: Path
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretariaat"])
    values = form_values(client.get(CASE).content.decode(), CASE)
    values["csrfmiddlewaretoken"] = "x" * 64  # the token of a tab opened before a new login
    values["afdeling"] = "Afdeling <Ruimte> & Wonen"

    response = client.post(CASE, values, HTTP_ORIGIN="http://testserver")

    page = response.content.decode()
    assert response.status_code == 403
    assert "Uw sessie is verlopen of de pagina is verouderd" in page
    assert "CSRF-verificatie" not in page and "DEBUG" not in page
    assert _afdeling(workspace) == "Proefafdeling"
    again = form_values(page, CASE)
    assert again["afdeling"] == "Afdeling <Ruimte> & Wonen"
    assert again["csrfmiddlewaretoken"] != values["csrfmiddlewaretoken"]
    assert client.post(CASE, again).status_code == 302
    assert _afdeling(workspace) == "Afdeling <Ruimte> & Wonen"


def test_a_form_another_site_made_up_is_not_offered_to_send_again(
    users: dict[str, User], workspace: Path
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretariaat"])
    response = client.post(CASE, {"afdeling": "Overgenomen"}, HTTP_ORIGIN="https://elders.example")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Uw sessie is verlopen of de pagina is verouderd" in page
    assert "Overgenomen" not in page and "Opnieuw versturen" not in page


def test_a_form_sent_after_the_session_ended_is_kept_through_signing_in(
    users: dict[str, User], workspace: Path
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretariaat"])
    values = form_values(client.get(CASE).content.decode(), CASE)
    values["afdeling"] = "Afdeling Ruimte"
    del client.cookies[settings.SESSION_COOKIE_NAME]  # the session ended

    response = client.post(CASE, values)

    page = response.content.decode()
    assert response.status_code == 403
    assert "log opnieuw in en verstuur hem dan opnieuw" in page
    sign_in = form_values(page, "/inloggen/opnieuw/")
    assert sign_in["bewaard:afdeling"] == "Afdeling Ruimte"
    assert sign_in["_terug"] == CASE
    wrong = client.post("/inloggen/opnieuw/", {**sign_in, "username": "secretariaat"})
    assert "bewaard:afdeling" in wrong.content.decode()  # a wrong password keeps it too
    signed_in = client.post(
        "/inloggen/opnieuw/", {**sign_in, "username": "secretariaat", "password": PASSWORD}
    )
    assert _afdeling(workspace) == "Proefafdeling"  # nothing is sent without the person
    resend = form_values(signed_in.content.decode(), CASE)
    assert resend["afdeling"] == "Afdeling Ruimte"
    assert client.post(CASE, resend).status_code == 302
    assert _afdeling(workspace) == "Afdeling Ruimte"


def test_the_resend_page_sends_only_to_a_path_of_this_site(
    users: dict[str, User], workspace: Path
) -> None:
    response = Client().post(
        "/inloggen/opnieuw/",
        {
            "_terug": "https://elders.example/zaken/",
            "username": "secretariaat",
            "password": PASSWORD,
        },
    )
    assert "elders.example" not in response.content.decode()


def test_an_htmx_request_after_the_session_ended_navigates_the_whole_page(
    users: dict[str, User], workspace: Path
) -> None:
    response = Client().get(
        "/zaken/proef/taak/",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/zaken/proef/",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/inloggen/?next=%2Fzaken%2Fproef%2F"
    assert response.content == b""


def test_an_htmx_button_after_the_session_ended_navigates_to_the_page_that_keeps_it(
    users: dict[str, User], workspace: Path
) -> None:
    client = Client()
    response = client.post(
        "/zaken/proef/bouwen/",
        {"csrfmiddlewaretoken": "x"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/zaken/proef/",
    )
    assert response.status_code == 200 and response.content == b""
    assert response["HX-Redirect"].startswith("/inloggen/opnieuw/?bewaard=")
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "log opnieuw in en verstuur hem dan opnieuw" in page
    sign_in = form_values(page, "/inloggen/opnieuw/")
    assert sign_in["_terug"] == "/zaken/proef/bouwen/"
    signed_in = client.post(
        "/inloggen/opnieuw/", {**sign_in, "username": "secretariaat", "password": PASSWORD}
    )
    assert "Opnieuw versturen" in signed_in.content.decode()
    resend = form_values(signed_in.content.decode(), "/zaken/proef/bouwen/")
    assert resend["csrfmiddlewaretoken"]  # the form that sends the button again


def test_an_htmx_button_from_a_stale_tab_keeps_its_input_for_this_browser_only(
    users: dict[str, User], workspace: Path
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretariaat"])
    response = client.post(
        "/zaken/proef/bijlagen/volgorde/",
        {"csrfmiddlewaretoken": "x" * 64, "volgorde": ["b", "a"], "omlaag": "a"},
        HTTP_HX_REQUEST="true",
        HTTP_ORIGIN="http://testserver",
    )
    assert response["HX-Redirect"].startswith("/inloggen/opnieuw/?bewaard=")
    page = client.get(response["HX-Redirect"]).content.decode()
    again = form_values(page, "/zaken/proef/bijlagen/volgorde/")
    assert again["omlaag"] == "a" and "Opnieuw versturen" in page

    other = Client()  # the same address in another browser: nothing to send
    other.force_login(users["secretariaat"])
    elsewhere = other.get(response["HX-Redirect"])
    assert elsewhere.status_code == 400
    assert "Opnieuw versturen" not in elsewhere.content.decode()
    tampered = client.get(response["HX-Redirect"][:-3] + "abc")
    assert tampered.status_code == 400


def test_signing_out_after_the_session_ended_goes_to_the_sign_in_page(
    users: dict[str, User], workspace: Path
) -> None:
    response = Client().post("/uitloggen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
