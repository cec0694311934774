"""A document's data as a form made from its template's JSON Schema, through Django's test
client: the form is read back from the page as a browser would send it."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
from django.test import Client

from besluitpak.editing import formschema, schemaform
from besluitpak.web.models import AuditEntry

OPGAVE = "/zaken/gebied/documenten/opgave-centrum/"
VOORSTEL = "/zaken/gebied/documenten/collegevoorstel/"


class _Form(HTMLParser):
    """The values a browser sends for the page's data form (without a submit button)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.inputs: dict[str, dict[str, str | None]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and "bp-data" in (a.get("class") or ""):
            self._in_form = True
        if tag == "option" and self._select is not None and "selected" in a:
            self.values[self._select] = a.get("value") or ""
        name = a.get("name")
        if not self._in_form or name is None:
            return
        if tag in {"input", "textarea", "select"}:
            self.inputs[name] = a | {"tag": tag}
        if tag == "input" and a.get("type") not in {"submit", "checkbox"}:
            self.values[name] = a.get("value") or ""
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.values[name] = "on"
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            text = self.values[self._textarea] + data
            self.values[self._textarea] = text


def form_of(page: str) -> _Form:
    parser = _Form()
    parser.feed(page)
    for name, value in parser.values.items():  # the browser drops the newline after <textarea>
        if parser.inputs[name]["tag"] == "textarea" and value.startswith("\n"):
            parser.values[name] = value[1:]
    return parser


def _get(client: Client, url: str) -> tuple[str, _Form]:
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()
    page = response.content.decode()
    return page, form_of(page)


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_gebiedsopgave_shows_each_kerncijfer_in_its_field(
    client_as: Callable[[str], Client],
) -> None:
    page, form = _get(client_as("beleidsadviseur"), OPGAVE)
    assert form.values["kerncijfers[0].waarde"] == "16.900"
    assert form.values["kerncijfers[2].indicator"] == "Aandeel corporatiewoningen"
    assert form.values["_rijen:kerncijfers"] == "8"
    assert form.inputs["inleiding[0]"]["tag"] == "textarea"  # "Paragraphs of …"
    assert form.inputs["stadsdeel"]["tag"] == "input"
    assert "Rij toevoegen" in page and "Verwijderen" in page and "Opslaan en bouwen" in page


def test_saving_a_kerncijfer_changes_exactly_its_line(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    data_file = workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    before = data_file.read_text()
    client = client_as("beleidsadviseur")
    _, form = _get(client, OPGAVE)
    values = form.values | {"kerncijfers[2].waarde": "22 %", "_actie": "opslaan"}
    response = client.post(OPGAVE, values)
    assert response.status_code == 302, response.content.decode()
    assert _diff(before, data_file.read_text()) == ['-    waarde: "21 %"', '+    waarde: "22 %"']
    entry = AuditEntry.objects.get(event=AuditEntry.Event.DATA_EDITED)
    assert entry.case == "gebied"
    assert entry.detail == {"document": "opgave-centrum", "fields": ["kerncijfers[2].waarde"]}
    page = client.get(response["Location"]).content.decode()
    assert "opgeslagen" in page and 'value="22 %"' in page


def test_an_empty_waarde_is_refused_beside_its_field_in_the_cli_words(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    data_file = workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    before = data_file.read_bytes()
    client = client_as("secretariaat")
    _, form = _get(client, OPGAVE)
    response = client.post(OPGAVE, form.values | {"kerncijfers[2].waarde": ""})
    assert response.status_code == 200
    page = response.content.decode()
    refused = form_of(page)
    assert refused.inputs["kerncijfers[2].waarde"]["aria-invalid"] == "true"
    error_id = "id_kerncijfers-2-waarde_error"
    assert error_id in (refused.inputs["kerncijfers[2].waarde"]["aria-describedby"] or "")
    start = page.index(f'id="{error_id}"')
    error = page[start : start + 300]
    assert "verwacht tekst die niet leeg is, maar hier staat de tekst ‘’" in error  # in Dutch
    assert "gebiedsopgave-centrum.yaml:17" in page[start : start + 300]
    assert refused.values["kerncijfers[2].waarde"] == ""  # the person's value, kept
    assert refused.values["kerncijfers[3].waarde"] == "58 %"
    assert data_file.read_bytes() == before
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.DATA_EDITED).exists()


def test_a_row_is_added_and_removed_without_saving_until_opslaan(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    data_file = workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml"
    before = data_file.read_text()
    client = client_as("beleidsadviseur")
    _, form = _get(client, OPGAVE)

    added = client.post(OPGAVE, form.values | {"_toevoegen": "kerncijfers"})
    assert added.status_code == 200
    grown = form_of(added.content.decode())
    assert grown.values["_rijen:kerncijfers"] == "9"
    assert grown.values["kerncijfers[8].indicator"] == ""
    assert data_file.read_text() == before

    grown.values |= {"kerncijfers[8].indicator": "Hofjes", "kerncijfers[8].waarde": "21"}
    removed = client.post(OPGAVE, grown.values | {"_verwijderen": "kerncijfers[0]"})
    shrunk = form_of(removed.content.decode())
    assert shrunk.values["_rijen:kerncijfers"] == "8"
    assert shrunk.values["kerncijfers[0].waarde"] == "10.300"
    assert shrunk.values["kerncijfers[7].indicator"] == "Hofjes"
    assert data_file.read_text() == before

    saved = client.post(OPGAVE, shrunk.values | {"_actie": "opslaan"})
    assert saved.status_code == 302, saved.content.decode()
    changed = _diff(before, data_file.read_text())
    assert changed == [
        '-  - indicator: "Inwoners (1 januari 2014)"',
        '-    waarde: "16.900"',
        '+  - indicator: "Hofjes"',  # in the style of the rows around it
        '+    waarde: "21"',
    ]


def test_a_list_of_paragraphs_adds_an_empty_paragraph(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("beleidsadviseur")
    _, form = _get(client, OPGAVE)
    added = form_of(client.post(OPGAVE, form.values | {"_toevoegen": "partners"}).content.decode())
    count = int(form.values["_rijen:partners"])
    assert added.values["_rijen:partners"] == str(count + 1)
    assert added.values[f"partners[{count}]"] == ""


def test_an_enum_is_a_select_of_its_choices(client_as: Callable[[str], Client]) -> None:
    page, form = _get(client_as("beleidsadviseur"), OPGAVE)
    assert form.inputs["pijlers[0].naam"]["tag"] == "select"
    assert form.values["pijlers[0].naam"] == "Fysiek"
    select = page[page.index('name="pijlers[0].naam"') :].split("</select>")[0]
    assert [f'value="{n}"' in select for n in ("Fysiek", "Sociaal", "Economisch")] == [True] * 3


def test_a_bad_integer_is_refused_in_the_cli_words(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    schema_file = workspace / "gebied" / "templates" / "gebiedsopgave.schema.json"
    schema = json.loads(schema_file.read_text())
    schema["properties"]["kerncijfers"]["items"]["properties"]["rang"] = {"type": "integer"}
    schema_file.write_text(json.dumps(schema))
    client = client_as("beleidsadviseur")
    _, form = _get(client, OPGAVE)
    assert form.inputs["kerncijfers[0].rang"]["type"] == "number"
    response = client.post(OPGAVE, form.values | {"kerncijfers[0].rang": "veel"})
    page = response.content.decode()
    start = page.index('id="id_kerncijfers-0-rang_error"')
    assert "verwacht een geheel getal, maar hier staat de tekst ‘veel’" in page[start : start + 300]


def test_the_inline_voorstel_data_of_the_case_file_is_edited_in_place(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_text()
    client = client_as("beleidsadviseur")
    _, form = _get(client, VOORSTEL)
    assert form.values["besluitpunten[1]"] == "Kennis te nemen van de kaart ({bijlage:kaart})."
    assert form.values["inleiding[0].alineas[0]"].startswith("De gebiedsopgave")
    values = form.values | {"uitvoering[0]": "Het gebiedsteam Centrum voert de opgave uit."}
    response = client.post(VOORSTEL, values)
    assert response.status_code == 302, response.content.decode()
    assert _diff(before, case_file.read_text()) == [
        "-      - Het gebiedsteam voert de opgave uit.",
        "+      - Het gebiedsteam Centrum voert de opgave uit.",
    ]


def test_an_unknown_reference_in_the_voorstel_is_shown_beside_its_besluitpunt(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    before = case_file.read_bytes()
    client = client_as("beleidsadviseur")
    _, form = _get(client, VOORSTEL)
    values = form.values | {"besluitpunten[1]": "Kennis te nemen van de kaart ({bijlage:kart})."}
    page = client.post(VOORSTEL, values).content.decode()
    start = page.index('id="id_besluitpunten-1_error"')
    assert "reference to unknown bijlage id &#x27;kart&#x27;" in page[start : start + 400]
    assert case_file.read_bytes() == before


def test_opslaan_en_bouwen_saves_then_queues_a_build(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("secretariaat")
    _, form = _get(client, OPGAVE)
    response = client.post(
        OPGAVE, form.values | {"stadsdeel": "Centrum (binnenstad)", "_actie": "bouwen"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/zaken/gebied/#taak"
    assert AuditEntry.objects.filter(event=AuditEntry.Event.BUILD_REQUESTED).exists()
    assert (
        "stadsdeel: Centrum (binnenstad)"
        in (workspace / "gebied" / "bijlagen" / "gebiedsopgave-centrum.yaml").read_text()
    )


def test_an_archivaris_sees_the_data_but_cannot_save_it(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    client = client_as("archivaris")
    response = client.get(OPGAVE)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="16.900"' in page and "disabled" in page
    assert ">Opslaan<" not in page and "Rij toevoegen" not in page
    assert client.post(OPGAVE, {"stadsdeel": "Noord"}).status_code == 403


def test_an_unknown_or_ready_made_document_has_no_data_form(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("secretariaat")
    assert client.get("/zaken/gebied/documenten/kaart/").status_code == 404
    assert client.get("/zaken/gebied/documenten/nergens/").status_code == 404
    assert client.get("/zaken/nergens/documenten/collegevoorstel/").status_code == 404


def test_a_template_without_a_schema_gets_a_form_read_off_its_data(
    client_as: Callable[[str], Client],
) -> None:
    _, form = _get(client_as("secretariaat"), "/zaken/proef/documenten/collegevoorstel/")
    assert form.values["besluitpunten[0]"] == "De notitie vast te stellen ({bijlage:notitie})."


def test_amounts_are_read_as_the_dutch_write_them() -> None:
    assert schemaform.parse_amount("1.250") == 1250
    assert schemaform.parse_amount("1250") == 1250
    assert schemaform.parse_amount("€ 12.500,00") == 12500
    assert schemaform.parse_amount("veel") == "veel"
    assert schemaform.format_amount(1250000) == "1.250.000"
    schema = {"type": "integer", "format": "euro"}
    assert formschema.kind_of(schema) == "money"
    assert schemaform.parse(
        {"type": "object", "properties": {"bedrag": schema}}, {"bedrag": "2.500"}
    ) == {"bedrag": 2500}


class _Page(HTMLParser):
    """The ids on a page, the links of its Inhoud in order, and its Naar boven links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.toc: list[tuple[str, str]] = []
        self.top_links: list[str] = []
        self._in_toc = False
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "nav" and a.get("id") == "inhoudsopgave":
            self._in_toc = True
        if tag == "a":
            self._href, self._text = a.get("href"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_toc = False
        if tag == "a" and self._href is not None:
            if self._in_toc:
                self.toc.append((self._href, self._text))
            elif self._text == "Naar boven":
                self.top_links.append(self._href)
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data


def _page_of(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ("collegevoorstel", "gebiedsopgave", "gebiedsprogramma")


def _properties(schema: dict[str, Any], key: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, sub in schema.get("items", schema).get("properties", {}).items():
        found += [(key + name, sub), *_properties(sub, f"{key}{name}.")]
    return found


def test_every_described_property_of_the_templates_has_a_dutch_toelichting() -> None:
    for name in SCHEMAS:
        schema = json.loads((ROOT / "templates" / f"{name}.schema.json").read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        missing = [
            key
            for key, sub in _properties(schema)
            if "description" in sub and not sub.get(formschema.HELP, "").strip()
        ]
        assert missing == [], f"{name}.schema.json: x-toelichting missing for {missing}"


def test_the_help_texts_are_the_dutch_toelichting_not_the_english_description(
    client_as: Callable[[str], Client],
) -> None:
    page, _ = _get(client_as("beleidsadviseur"), OPGAVE)
    start = page.index('id="id_stadsdeel_helptext"')
    assert "De naam van het stadsdeel, bijvoorbeeld Zuid-West." in page[start : start + 200]
    assert "Name of the stadsdeel" not in page and "Paragraphs of" not in page
    start = page.index('id="id_pijlers-0-naam_helptext"')
    assert "Fysiek, Sociaal of Economisch." in page[start : start + 200]


def test_an_x_label_names_the_field_its_rows_and_its_link_in_the_inhoud(
    client_as: Callable[[str], Client],
) -> None:
    page, _ = _get(client_as("beleidsadviseur"), VOORSTEL)
    legend = '<legend class="utrecht-form-fieldset__legend">Toelichting bij de bijlagen</legend>'
    assert legend in page
    assert 'for="id_bijlagen-toelichting-0">Toelichting bij de bijlagen, rij 1<' in page
    assert 'for="id_inleiding-0-kop">Tussenkop (niet verplicht)<' in page
    assert ("#id_bijlagen-toelichting", "Toelichting bij de bijlagen") in _page_of(page).toc
    assert "Bijlagen toelichting" not in page


def test_labels_and_help_come_from_the_annotations_else_the_key_and_description() -> None:
    schema = {
        "type": "object",
        "properties": {
            "beoogd_resultaat": {"type": "string", "x-label": "Wat we willen bereiken"},
            "periode": {"type": "string", "description": "Period.", "x-toelichting": "Periode."},
            "stadsdeel": {"type": "string", "description": "Name of the stadsdeel."},
            "rijen": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"waarde": {"type": "string", "x-label": "Getal"}},
                },
            },
        },
    }
    root = schemaform.fields(schema, {"rijen": [{"waarde": "1"}]})
    shown = {f.key: (f.label, f.help) for f in root.children}
    assert shown["beoogd_resultaat"] == ("Wat we willen bereiken", "")
    assert shown["periode"] == ("Periode", "Periode.")
    assert shown["stadsdeel"] == ("Stadsdeel", "Name of the stadsdeel.")
    rijen = root.children[3]
    assert [c.label for c in rijen.columns] == ["Getal"]
    assert rijen.children[0].children[0].label == "Getal"


def test_the_inhoud_links_every_section_and_each_section_leads_back_up(
    client_as: Callable[[str], Client],
) -> None:
    for url in (OPGAVE, VOORSTEL):
        page, _ = _get(client_as("beleidsadviseur"), url)
        found = _page_of(page)
        targets = [href.removeprefix("#") for href, _ in found.toc]
        assert all(href.startswith("#") for href, _ in found.toc)
        assert set(targets) <= set(found.ids), set(targets) - set(found.ids)
        ordered = [i for i in found.ids if i in targets]
        assert ordered == targets  # the Inhoud in the form's order
        sections = [t for t in targets if re.search(f'<fieldset [^>]*id="{t}"', page)]
        assert len(found.top_links) == len(sections) > 0
        assert set(found.top_links) == {"#inhoudsopgave"} and "inhoudsopgave" in found.ids
    opgave = _page_of(_get(client_as("archivaris"), OPGAVE)[0])  # read only: the same way round
    assert [t for _, t in opgave.toc][:4] == ["Stadsdeel", "Periode", "Inleiding", "Karakter"]
    assert len(opgave.top_links) == 5


def test_the_inhoud_marks_a_section_whose_field_was_refused(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("secretariaat")
    _, form = _get(client, OPGAVE)
    page = client.post(OPGAVE, form.values | {"kerncijfers[2].waarde": ""}).content.decode()
    start = page.index('id="inhoudsopgave"')
    toc = page[start : page.index("</nav>", start)]
    assert toc.count("(heeft een probleem)") == 1
    assert 'href="#id_kerncijfers">Kerncijfers</a> <span class="bp-toc__problem">' in toc
