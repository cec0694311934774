"""The review page (fast tier: a listing laid down as the suggest job keeps it, the page images
made by pdftoppm): the pages with their boxes, a decision per suggestion and role, a box by
hand, four eyes, the logboek with the person; the suggest job queued only by a reviewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from django.test import Client

from besluitpak.editing import reviewlist, reviewlog
from besluitpak.review.boxes import Box
from besluitpak.review.suggestions import Suggestion, Suggestions
from besluitpak.web import reviewjobs
from besluitpak.web.models import AuditEntry, Job

PAGE = "/zaken/proef/lakken/"
ON_MAP = Suggestion(
    document="kaart",
    label="Bijlage 2",
    page=1,
    channel="content",
    start=0,
    end=15,
    boxes=(Box(x0=72.0, y0=90.5, x1=180.25, y1=104.0),),
    words="Proefdorp-Noord",
    kind="adres",
    context="[Proefdorp-Noord] kaart",
    fingerprint="00aa11bb22cc33dd",
)
IN_TEXT = Suggestion(
    document="notitie",
    label="Bijlage 1",
    page=1,
    channel="content",
    start=0,
    end=8,
    boxes=(),
    words="wijkraad",
    kind="persoon",
    context="met de [wijkraad].",
    fingerprint="44ee55ff66aa77bb",
)


@pytest.fixture
def listed(workspace: Path) -> Path:
    """The case ``proef`` with a listing of two suggestions and its map's page image."""
    folder = workspace / "proef"
    path = reviewlist._listing(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(Suggestions(kenmerk="2020/000123", items=(ON_MAP, IN_TEXT)).as_json())
    reviewjobs.render_pages("proef", {"kaart": folder / "bijlagen" / "kaart.pdf"})
    return folder


def test_each_role_sees_the_pages_with_boxes_and_only_a_reviewer_the_forms(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    for role in ("beleidsadviseur", "secretariaat", "archivaris"):
        page = client_as(role).get(PAGE).content.decode()
        assert '<rect class="bp-review-box bp-review-box--open" x="70.0" y="88.5"' in page
        assert 'width="112.2" height="17.5"' in page  # 2 points clear of the words all round
        assert "<strong>Proefdorp-Noord</strong> (adres)" in page
        assert "Publiceren wacht: 2 voorstel(len) zonder besluit" in page
        has_forms = role != "archivaris"
        assert ('value="accept"' in page) is has_forms, role
        assert ("Zelf een vak toevoegen in Bijlage 2" in page) is has_forms, role
    image = client_as("archivaris").get("/zaken/proef/lakken/pagina/kaart/1.png")
    assert image.status_code == 200 and b"".join(image.streaming_content)[:4] == b"\x89PNG"  # type: ignore[attr-defined]
    assert client_as("archivaris").get("/zaken/proef/lakken/pagina/kaart/9.png").status_code == 404


def test_a_reviewer_accepts_and_rejects_and_the_logboek_names_them(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    decide = PAGE + "besluit/"
    refused = client_as("archivaris").post(decide, {"fingerprint": ON_MAP.fingerprint})
    assert refused.status_code == 403
    client = client_as("beleidsadviseur")
    client.post(decide, {"fingerprint": IN_TEXT.fingerprint, "besluit": "reject", "reden": ""})
    assert not reviewlog.decisions(listed)  # a rejection needs a reason
    client.post(decide, {"fingerprint": ON_MAP.fingerprint, "besluit": "accept", "grond": "5.1.2e"})
    client.post(
        decide, {"fingerprint": IN_TEXT.fingerprint, "besluit": "reject", "reden": "een orgaan"}
    )
    case = yaml.safe_load((listed / "besluitpak.yaml").read_text(encoding="utf-8"))
    assert case["bijlagen"][1]["lakken"] == [
        {"pagina": 1, "woorden": "Proefdorp-Noord", "grond": "5.1.2e"}
    ]
    entries = AuditEntry.objects.filter(event=AuditEntry.Event.REVIEWED).order_by("id")
    assert [(e.username, e.detail["wat"]) for e in entries] == [
        ("beleidsadviseur", "accept"),
        ("beleidsadviseur", "reject"),
    ]
    page = client.get(PAGE).content.decode()
    assert "Alle 2 voorstel(len) zijn beoordeeld; publiceren kan." in page
    assert "Blijft openbaar: een orgaan · door beleidsadviseur" in page
    logged = "beleidsadviseur (beleidsadviseur) · lakvoorstel beoordeeld: „Proefdorp-Noord” gelakt"
    assert logged in page


def test_a_box_by_hand_and_a_second_reviewer_under_four_eyes(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    reviewlog.set_four_eyes(listed, on=True, door="beheer")
    first, second = client_as("beleidsadviseur"), client_as("secretariaat")
    added = first.post(
        PAGE + "vak/",
        {"document": "kaart", "pagina": "1", "woorden": " Kaart  van ", "grond": "5.1.2e"},
    )
    assert added.status_code == 302
    [decision] = reviewlog.decisions(listed)
    assert decision.wat == "add" and decision.woorden == "Kaart van"
    assert decision.door == "beleidsadviseur"
    page = first.get(PAGE).content.decode()
    assert "1 besluit(en) nog niet bevestigd" in page and 'id="bevestigen"' in page
    own = first.post(PAGE + "bevestigen/", follow=True).content.decode()
    assert "vier ogen vraagt een tweede persoon" in own and "four eyes" not in own
    second.post(PAGE + "bevestigen/")
    assert reviewlog.decisions(listed)[0].bevestigd_door == "secretariaat"
    confirmed = AuditEntry.objects.get(event=AuditEntry.Event.REVIEW_CONFIRMED)
    assert confirmed.username == "secretariaat" and confirmed.detail == {"nrs": [2]}
    assert "bevestigd door secretariaat" in second.get(PAGE).content.decode()


def test_only_a_reviewer_queues_the_search_for_suggestions(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    page = client_as("archivaris").get(PAGE).content.decode()
    assert "Er is nog niet gezocht naar lakvoorstellen." in page
    assert "Lakvoorstellen zoeken</button>" not in page
    assert client_as("archivaris").post(PAGE + "zoeken/").status_code == 403
    assert client_as("secretariaat").post(PAGE + "zoeken/").status_code == 302
    assert [(j.case, j.kind) for j in Job.objects.all()] == [("proef", "suggest")]
