"""The review page's pictures and refusals (fast tier, the Django test client): a box drawn
as its decision (open, gelakt, openbaar — not by colour alone; one outline per line of
words) with a legend for every role,
a box added by hand drawn gelakt where its words stand on the ready-made PDF, the outline
colours' contrast against the white page, and each refusal of the library said in Dutch."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from besluitpak.editing import reviewlist, reviewlog
from besluitpak.review.boxes import Box
from besluitpak.review.suggestions import Suggestion, Suggestions
from besluitpak.web import reviewjobs
from tests.helpers import ROOT
from tests.web.test_web_review import IN_TEXT, ON_MAP

PAGE = "/zaken/proef/lakken/"
CSS = ROOT / "besluitpak" / "web" / "static" / "besluitpak_web" / "app.css"
OFF_PAGE = Suggestion(
    document="kaart",
    label="Bijlage 2",
    page=None,
    channel="bookmark",
    start=0,
    end=5,
    boxes=(),
    words="Kaart",
    kind="persoon",
    context="[Kaart]",
    fingerprint="88aa99bb00cc11dd",
)
TITLE = Suggestion(
    document="kaart",
    label="Bijlage 2",
    page=1,
    channel="content",
    start=11,
    end=26,
    boxes=(  # pdftotext -bbox: two words on one line, drawn as one outline
        Box(x0=155.5, y0=128.4, x1=180.4, y1=146.4),
        Box(x0=184.5, y0=128.4, x1=275.4, y1=146.4),
    ),
    words="het proefgebied",
    kind="persoon",
    context="Kaart van [het proefgebied]",
    fingerprint="66aa77bb88cc99dd",
)
NOT_IN_DATA = Suggestion(
    document="notitie",
    label="Bijlage 1",
    page=1,
    channel="content",
    start=0,
    end=9,
    boxes=(),
    words="Zonnehoek",
    kind="adres",
    context="in [Zonnehoek]",
    fingerprint="22ee33ff44aa55bb",
)


@pytest.fixture
def listed(workspace: Path) -> Path:
    """The case ``proef`` with five suggestions and its map's page image."""
    folder = workspace / "proef"
    path = reviewlist._listing(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    found = Suggestions(
        kenmerk="2020/000123", items=(ON_MAP, TITLE, IN_TEXT, OFF_PAGE, NOT_IN_DATA)
    )
    path.write_text(found.as_json())
    reviewjobs.render_pages("proef", {"kaart": folder / "bijlagen" / "kaart.pdf"})
    return folder


def _pictures(page: str) -> str:
    """The pictures of the pages (not the legend's or a decision's little sample boxes)."""
    return "".join(re.findall(r'<svg class="bp-review-page".*?</svg>', page, re.S))


def _states(page: str) -> list[str]:
    return re.findall(r'<rect class="bp-review-box bp-review-box--(\w+)" x=', _pictures(page))


def _decide(client: Client, suggestion: Suggestion, besluit: str = "accept") -> str:
    data = {"fingerprint": suggestion.fingerprint, "besluit": besluit, "grond": "5.1.2e"}
    if besluit == "reject":
        data["reden"] = "een orgaan"
    answer = client.post(PAGE + "besluit/", data, follow=True)
    return answer.content.decode()


def _add(client: Client, pagina: str, woorden: str) -> str:
    data = {"document": "kaart", "pagina": pagina, "woorden": woorden, "grond": "5.1.2e"}
    return client.post(PAGE + "vak/", data, follow=True).content.decode()


def test_a_box_is_drawn_as_its_decision_with_a_legend_for_every_role(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    reviewer = client_as("beleidsadviseur")
    assert _states(reviewer.get(PAGE).content.decode()) == ["open", "open"]
    _decide(reviewer, ON_MAP)
    assert _states(reviewer.get(PAGE).content.decode()) == ["accept", "open"]
    _decide(reviewer, TITLE, "reject")
    one_line = 'bp-review-box--reject" x="153.5" y="126.4" width="123.9" height="22.0"'
    assert one_line in reviewer.get(PAGE).content.decode()
    for role in ("beleidsadviseur", "secretariaat", "archivaris"):
        page = client_as(role).get(PAGE).content.decode()
        assert _states(page) == ["accept", "reject"], role
        legend = page[page.index('class="bp-review-legend"') :]
        legend = legend[: legend.index("</ul>")]
        for said in ("Voorstel zonder besluit", "Gelakt (zwart vlak)", "Blijft openbaar"):
            assert said in legend, role


def test_a_box_added_by_hand_is_drawn_gelakt_where_its_words_stand(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    client = client_as("beleidsadviseur")
    assert "gelakt" in _add(client, "1", "Kaart van")
    page = client.get(PAGE).content.decode()
    assert "met 2 gemarkeerde voorstel(len) en 1 vak(ken) met de hand" in page
    drawn = re.findall(
        r'bp-review-box--accept" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"',
        _pictures(page),
    )
    [(x, y, width, height)] = [tuple(float(v) for v in found) for found in drawn]
    # pdftotext -bbox: "Kaart" from x 80.0, "van" to 151.4, the line from y 128.4 to 146.4
    # (the redaction's box is the font's full height: a few points higher)
    assert 76 <= x <= 82 and 148 <= x + width <= 156, (x, width)
    assert 118 <= y <= 130 and 144 <= y + height <= 152, (y, height)
    assert "Bijlage 2, pagina 1: „Kaart van” (5.1.2e)" in page


def _contrast(hex_colour: str, background: tuple[float, float, float] = (1, 1, 1)) -> float:
    def luminance(rgb: tuple[float, ...]) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    rgb = tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    light, dark = sorted((luminance(rgb), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_each_look_of_a_box_stands_out_on_the_white_page_and_not_by_colour_alone() -> None:
    css = CSS.read_text(encoding="utf-8")
    rules = dict(re.findall(r"\.bp-review-box--(\w+) \{([^}]*)\}", css))
    assert set(rules) == {"open", "accept", "reject"}
    for state, rule in rules.items():
        [colour] = re.findall(r"stroke: (#[0-9a-f]{6})", rule)
        assert _contrast(colour) >= 4.5, (state, colour)  # WCAG 1.4.11 asks 3:1
    assert "fill: #" in rules["accept"] and "fill" not in rules["open"] + rules["reject"]
    assert "stroke-dasharray" in rules["reject"] and "dasharray" not in rules["open"]


def test_deciding_twice_on_a_suggestion_is_refused_in_dutch(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    client = client_as("beleidsadviseur")
    _decide(client, ON_MAP)
    again = _decide(client, ON_MAP, "reject")
    assert "Over dit voorstel is al besloten (besluit 1, door beleidsadviseur)" in again
    assert "already decided" not in again
    assert [d.wat for d in reviewlog.decisions(listed)] == ["accept"]


def test_words_not_on_the_page_of_a_box_by_hand_are_refused_in_dutch(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    page = _add(client_as("beleidsadviseur"), "1", "Nergens te vinden")
    assert "‘Nergens te vinden’ staat niet op pagina 1 van Bijlage 2" in page
    assert "expected" not in page and not reviewlog.decisions(listed)
    assert "Nergens" not in (listed / "besluitpak.yaml").read_text(encoding="utf-8")


def test_a_page_the_document_does_not_have_is_refused_in_dutch(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    page = _add(client_as("beleidsadviseur"), "9", "Kaart")
    assert "Bijlage 2 heeft 1 pagina(&#x27;s); pagina 9 bestaat niet" in page
    assert "expected" not in page and not reviewlog.decisions(listed)


def test_confirming_only_one_s_own_decisions_is_refused_in_dutch(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    reviewlog.set_four_eyes(listed, on=True, door="beheer")
    client = client_as("beleidsadviseur")
    _decide(client, ON_MAP)
    page = client.post(PAGE + "bevestigen/", follow=True).content.decode()
    assert "de 1 besluit(en) zonder bevestiging zijn van beleidsadviseur zelf" in page
    assert "four eyes" not in page


def test_confirming_when_all_is_confirmed_is_refused_in_dutch(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    reviewlog.set_four_eyes(listed, on=True, door="beheer")
    _decide(client_as("beleidsadviseur"), ON_MAP)
    second = client_as("secretariaat")
    second.post(PAGE + "bevestigen/")
    page = second.post(PAGE + "bevestigen/", follow=True).content.decode()
    assert "Niets voor secretariaat om te bevestigen: elk besluit is al bevestigd" in page
    assert "every decision" not in page


def test_accepting_words_that_are_on_no_page_is_refused_in_dutch(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    page = _decide(client_as("beleidsadviseur"), OFF_PAGE)
    said = "De woorden van Bijlage 2 staan niet op een pagina maar elders in de pdf, bladwijzer"
    assert said in page and "on no page" not in page
    assert not reviewlog.decisions(listed)


def test_accepting_words_that_are_not_in_the_data_is_refused_in_dutch(
    client_as: Callable[[str], Client], listed: Path
) -> None:
    page = _decide(client_as("beleidsadviseur"), NOT_IN_DATA)
    said = "‘Zonnehoek’ staat niet in de gegevens van Bijlage 1 (bijlagen/notitie.yaml)"
    assert said in page and "is not in its data" not in page
    assert not reviewlog.decisions(listed)
