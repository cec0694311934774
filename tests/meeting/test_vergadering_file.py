"""The vergadering file: loaded with every case, numbered in agenda order, and every
problem of a bad file at once with its file and line (exit 1, no traceback). Fast tier:
nothing here converts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from lxml import etree

from besluitpak.errors import CaseError
from besluitpak.meeting import diwoo
from besluitpak.meeting.besluitenlijst import LATER, LijstStatus, context
from besluitpak.meeting.load import load_vergadering
from besluitpak.meeting.schema import Soort, Uitkomst
from besluitpak.publication.diwoo import DIWOO
from tests.helpers import ROOT, cli, edit

SOURCE = ROOT / "tests" / "vergadering"
CASES = ("parkeren", "speeltuin", "embargo", "bibliotheek", "markt")
DAY = dt.date(2020, 6, 2)
AFTER_EMBARGO = dt.date(2020, 6, 16)


def copy_vergadering(target: Path) -> Path:
    """tests/vergadering copied to ``target``, each case with the repository's collegevoorstel
    template (a case's paths may not leave its folder); the vergadering file's path."""
    shutil.copytree(SOURCE, target)
    for name in CASES:
        templates = target / name / "templates"
        templates.mkdir()
        for suffix in (".docx", ".schema.json"):
            shutil.copy(ROOT / "templates" / f"collegevoorstel{suffix}", templates)
    return target / "vergadering.yaml"


@pytest.fixture
def vergadering_file(tmp_path: Path) -> Path:
    return copy_vergadering(tmp_path / "vergadering")


def test_items_are_numbered_in_agenda_order(vergadering_file: Path) -> None:
    loaded = load_vergadering(vergadering_file.parent)  # a folder means its vergadering.yaml
    assert [i.nummer for i in loaded.items] == [1, 2, 3, 4, 5]
    assert [i.case.meta.kenmerk for i in loaded.items] == [f"2020/00020{n}" for n in range(1, 6)]
    assert [i.soort for i in loaded.items] == [
        Soort.HAMERSTUK,
        Soort.BESPREEKSTUK,
        Soort.BESPREEKSTUK,
        Soort.BESPREEKSTUK,
        Soort.HAMERSTUK,
    ]
    assert {i.uitkomst for i in loaded.items} == set(Uitkomst)


def test_reordering_the_agenda_renumbers_the_items(vergadering_file: Path) -> None:
    text = vergadering_file.read_text(encoding="utf-8")
    first = "  - zaak: parkeren\n    soort: hamerstuk\n    uitkomst: conform\n"
    first += "    samenvatting: Het college stelt de parkeernota vast.\n"
    assert first in text
    moved = text.replace(first, "").replace("aanwezig:", first + "aanwezig:", 1)  # to the end
    vergadering_file.write_text(moved, encoding="utf-8")
    loaded = load_vergadering(vergadering_file)
    assert [i.case.meta.onderwerp for i in loaded.items][-1] == "Parkeernota 2020"
    assert loaded.items[-1].nummer == 5
    assert loaded.items[0].case.meta.onderwerp == "Renovatie speeltuin Oost"


def test_the_adopted_besluitpunten_replace_the_voorstels_with_references_written_out(
    vergadering_file: Path,
) -> None:
    loaded = load_vergadering(vergadering_file)
    gewijzigd, conform = loaded.items[1], loaded.items[0]
    assert gewijzigd.besluitpunten == ("De speeltuin GEWIJZIGDPUNT te renoveren (bijlage 1).",)
    assert conform.besluitpunten == ("De parkeernota PARKEERPUNT vast te stellen.",)


def test_every_problem_of_a_bad_file_comes_at_once_with_its_line(vergadering_file: Path) -> None:
    edit(vergadering_file, 'nummer: "2020-22"', 'nummer: "2020 22"')
    edit(
        vergadering_file,
        "soort: hamerstuk\n    uitkomst: conform",
        "soort: hamer\n    uitkomst: conform",
    )
    edit(vergadering_file, "uitkomst: aangehouden", "uitkomst: aangehouden\n    besluitpunten: [x]")
    edit(vergadering_file, "afwezig:", "afwezigen:")
    result = cli("vergadering", "check", vergadering_file)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "error: 4 problems in the vergadering:"
    shown = str(vergadering_file)
    assert f"  {shown}:7: nummer: expected a meeting number like" in lines[1]
    assert f"  {shown}:10: agenda[0].soort: expected one of hamerstuk, bespreekstuk" in lines[2]
    assert f"{shown}:22: agenda[3]: expected besluitpunten only with uitkomst gewijzigd" in lines[3]
    assert f"{shown}:30: afwezigen: unknown key 'afwezigen'; did you mean 'afwezig'?" in lines[4]


def test_a_bad_file_stops_every_command_before_any_work(vergadering_file: Path) -> None:
    edit(vergadering_file, "datum: 2020-06-02", "datum: 2020-02-30")
    out = vergadering_file.parent / "out"
    commands: list[list[str | Path]] = [
        ["agenda", vergadering_file, "--out", out],
        ["besluitenlijst", vergadering_file, "--voorlopig", "--out", out],
        ["archive", vergadering_file, "--archief", out / "archief", "--out", out],
    ]
    for command in commands:
        result = cli("vergadering", *command)
        assert result.exit_code == 1, command
        assert "Traceback" not in result.output
        assert (
            f"{vergadering_file}:6: datum: expected a real date like 2014-03-11, "
            f"got text '2020-02-30'" in result.stderr
        )
    assert not out.exists()


def test_problems_in_the_file_and_in_its_cases_come_together(vergadering_file: Path) -> None:
    edit(vergadering_file, "zaak: markt", "zaak: markten")
    edit(vergadering_file, "({bijlage:tekening})", "({bijlage:tekenig})")
    edit(vergadering_file.parent / "parkeren" / "besluitpak.yaml", "afdeling:", "afdelin:")
    with pytest.raises(CaseError) as raised:
        load_vergadering(vergadering_file)
    shown = [str(p) for p in raised.value.problems]
    assert any(
        "parkeren/besluitpak.yaml:8: afdelin: unknown key 'afdelin'; did you mean 'afdeling'?" in s
        for s in shown
    ), shown
    assert any(
        s.endswith(
            "vergadering.yaml:17: agenda[1].besluitpunten[0]: reference to unknown bijlage id "
            "'tekenig': expected one of the bijlage ids of 2020/000202; did you mean 'tekening'?"
        )
        for s in shown
    ), shown
    assert any(
        s.endswith(
            "vergadering.yaml:25: agenda[4].zaak: expected a case folder or case file, "
            "got 'markten': not found"
        )
        for s in shown
    ), shown


def test_a_file_that_fails_its_schema_still_has_its_cases_checked(vergadering_file: Path) -> None:
    edit(vergadering_file, "datum: 2020-06-02", "datum: 2-6-2020")
    edit(vergadering_file, "zaak: markt", "zaak: markten")
    edit(vergadering_file.parent / "parkeren" / "besluitpak.yaml", "afdeling:", "afdelin:")
    result = cli("vergadering", "check", vergadering_file)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "error: 4 problems in the vergadering:"
    shown = str(vergadering_file)
    assert lines[1:] == [
        f"  {vergadering_file.parent}/parkeren/besluitpak.yaml:1: required key 'afdeling' is "
        "missing",
        f"  {vergadering_file.parent}/parkeren/besluitpak.yaml:8: afdelin: unknown key "
        "'afdelin'; did you mean 'afdeling'?",
        f"  {shown}:6: datum: expected a real date like 2014-03-11, got text '2-6-2020'",
        f"  {shown}:25: agenda[4].zaak: expected a case folder or case file, got 'markten': "
        "not found",
    ]


@pytest.mark.parametrize(
    ("zaak", "message"),
    [
        ("vergadering.yaml", "expected a case, got 'vergadering.yaml': the vergadering file "
                             "itself"),
        ("ander.yaml", "expected a case, got 'ander.yaml': a vergadering file"),
        ("notities.txt", "expected a case folder or a case file (.yaml), got the file "
                         "'notities.txt'"),
        ("leeg", "expected a case folder holding besluitpak.yaml, got folder 'leeg'"),
    ],
)  # fmt: skip
def test_a_zaak_that_names_no_case_says_what_it_names(
    vergadering_file: Path, zaak: str, message: str
) -> None:
    folder = vergadering_file.parent
    shutil.copy(vergadering_file, folder / "ander.yaml")
    (folder / "notities.txt").write_text("kenmerk: 2020/1\n", encoding="utf-8")
    (folder / "leeg").mkdir()
    edit(vergadering_file, "zaak: markt", f"zaak: {zaak}")
    with pytest.raises(CaseError) as raised:
        load_vergadering(vergadering_file)
    [problem] = raised.value.problems
    assert (problem.line, problem.key, problem.message) == (25, "agenda[4].zaak", message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a mapping (key: value lines), got an empty file"),
        ("agenda: []\n", "expected at least one item, got an empty list"),
    ],
)
def test_an_empty_file_or_agenda_is_a_problem_of_the_vergadering(
    tmp_path: Path, text: str, message: str
) -> None:
    file = tmp_path / "vergadering.yaml"
    file.write_text(text, encoding="utf-8")
    result = cli("vergadering", "check", file)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("error: ")
    assert "problem" in result.stderr and "in the vergadering:" in result.stderr
    assert message in result.stderr


def test_gewijzigd_without_besluitpunten_is_refused(vergadering_file: Path) -> None:
    edit(
        vergadering_file,
        "      - De speeltuin GEWIJZIGDPUNT te renoveren ({bijlage:tekening}).\n",
        "",
    )
    edit(vergadering_file, "    besluitpunten:\n", "")
    with pytest.raises(CaseError) as raised:
        load_vergadering(vergadering_file)
    [problem] = raised.value.problems
    assert problem.key == "agenda[1]"
    assert "expected the adopted besluitpunten (a list) with uitkomst gewijzigd" in problem.message


def test_a_case_on_the_agenda_twice_is_refused(vergadering_file: Path) -> None:
    edit(vergadering_file, "zaak: markt", "zaak: parkeren")
    with pytest.raises(CaseError) as raised:
        load_vergadering(vergadering_file)
    [problem] = raised.value.problems
    assert problem.line == 25
    assert "got 'parkeren' again (also agendapunt 1)" in problem.message


def test_the_besluitenlijst_needs_every_outcome(vergadering_file: Path) -> None:
    edit(vergadering_file, "    uitkomst: teruggetrokken\n", "")
    loaded = load_vergadering(vergadering_file)  # before the meeting: no outcome yet is fine
    with pytest.raises(CaseError) as raised:
        context(loaded, status=LijstStatus.VOORLOPIG, today=DAY)
    [problem] = raised.value.problems
    assert problem.key == "agenda[4]"
    assert "required key 'uitkomst' is missing" in problem.message


def test_an_item_under_embargo_gives_the_template_its_number_and_nothing_else(
    vergadering_file: Path,
) -> None:
    loaded = load_vergadering(vergadering_file)
    provisional = context(loaded, status=LijstStatus.VOORLOPIG, today=DAY)
    assert provisional["punten"][2] == {
        "nummer": 3,
        "kop": "Agendapunt 3",
        "later_openbaar": True,
    }
    assert "EMBARGOMARKER" not in repr(provisional)
    assert "2020/000203" not in repr(provisional)
    definitive = context(loaded, status=LijstStatus.DEFINITIEF, today=AFTER_EMBARGO)
    assert definitive["punten"][2]["kop"] == "Agendapunt 3: EMBARGOMARKER-ONDERWERP verkoop kavel"
    assert definitive["punten"][2]["besluitpunten"] == ["De kavel EMBARGOMARKER-PUNT te verkopen."]
    # the lists differ exactly by the embargoed item (and the status and its note)
    for index in (0, 1, 3, 4):
        assert provisional["punten"][index] == definitive["punten"][index]
    assert LATER.endswith(".")


def test_every_outcome_in_the_besluitenlijst_data(vergadering_file: Path) -> None:
    punten = context(
        load_vergadering(vergadering_file), status=LijstStatus.DEFINITIEF, today=AFTER_EMBARGO
    )["punten"]
    assert [p["besluit"] for p in punten] == [
        "Conform besloten",
        "Gewijzigd besloten",
        "Conform besloten",
        "Aangehouden",
        "Teruggetrokken",
    ]
    assert punten[0]["besluitpunten"] == ["De parkeernota PARKEERPUNT vast te stellen."]
    assert punten[1]["besluitpunten"] == ["De speeltuin GEWIJZIGDPUNT te renoveren (bijlage 1)."]
    assert punten[3]["besluitpunten"] == [] and punten[4]["besluitpunten"] == []
    assert punten[1]["bijlagen"] == [
        "Bijlage 1: Ontwerptekening speeltuin — niet openbaar (art. 5.1 lid 2 sub i Woo)"
    ]


def test_the_context_matches_the_templates_schema(vergadering_file: Path) -> None:
    import json

    import jsonschema

    schema = json.loads((ROOT / "templates" / "besluitenlijst.schema.json").read_text("utf-8"))
    loaded = load_vergadering(vergadering_file)
    for status, today in ((LijstStatus.VOORLOPIG, DAY), (LijstStatus.DEFINITIEF, AFTER_EMBARGO)):
        jsonschema.validate(context(loaded, status=status, today=today), schema)


def test_the_diwoo_record_validates_and_leaves_the_embargoed_item_out(
    vergadering_file: Path,
) -> None:
    loaded = load_vergadering(vergadering_file)
    filled = context(loaded, status=LijstStatus.VOORLOPIG, today=DAY)
    xml = diwoo.sitemap(loaded, filled, Path("lijst.pdf"), status=LijstStatus.VOORLOPIG, today=DAY)
    assert b"EMBARGOMARKER" not in xml
    root = etree.fromstring(xml)
    ns = {"diwoo": DIWOO}
    [soort] = root.xpath("//diwoo:documentsoort", namespaces=ns)
    assert (soort.text, soort.get("resource")) == (
        "besluitenlijst",
        diwoo.DOCUMENTSOORT_BESLUITENLIJST[0],
    )
    [categorie] = root.xpath("//diwoo:informatiecategorie", namespaces=ns)
    assert categorie.text == "agenda’s en besluitenlijsten bestuurscolleges"


def test_the_reference_vergadering_loads() -> None:
    loaded = load_vergadering(ROOT / "vergadering")
    assert [i.case.meta.kenmerk for i in loaded.items][2] == "2014/123456"  # zaak: ..
    assert sum(1 for i in loaded.items if i.case.meta.embargo_tot) == 2
    assert any(not d.openbaar for i in loaded.items for d in i.case.bijlagen)


def test_the_schema_command_prints_the_vergadering_files_schema() -> None:
    import json

    result = cli("vergadering", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert set(schema["required"]) >= {"gemeente", "datum", "nummer", "agenda"}


@pytest.mark.parametrize("where", ["inline", "data file"])
def test_the_decided_version_of_a_gewijzigd_case_is_a_copy_with_the_adopted_besluitpunten(
    vergadering_file: Path, tmp_path: Path, where: str
) -> None:
    import yaml

    from besluitpak.meeting.archive import decided_case

    case_file = vergadering_file.parent / "speeltuin" / "besluitpak.yaml"
    if where == "data file":
        data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        (case_file.parent / "voorstel.yaml").write_text(
            "# the voorstel's sections\n" + yaml.safe_dump(data["voorstel"]["data"]),
            encoding="utf-8",
        )
        data["voorstel"]["data"] = "voorstel.yaml"
        case_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = {p: p.read_bytes() for p in case_file.parent.rglob("*") if p.is_file()}
    item = load_vergadering(vergadering_file).items[1]
    decided = decided_case(item, work=tmp_path / "besloten")
    assert decided.root == (tmp_path / "besloten" / "2020-000202").resolve()
    assert decided.voorstel.data is not None
    assert list(decided.voorstel.data["besluitpunten"]) == [
        "De speeltuin GEWIJZIGDPUNT te renoveren (bijlage 1)."
    ]
    assert {p: p.read_bytes() for p in case_file.parent.rglob("*") if p.is_file()} == before
    conform = load_vergadering(vergadering_file).items[0]
    assert decided_case(conform, work=tmp_path / "besloten") is conform.case


def test_a_wrong_redaction_in_a_samenvatting_or_an_adopted_besluitpunt_is_located(
    vergadering_file: Path,
) -> None:
    edit(
        vergadering_file,
        "Het college stelt de parkeernota vast.",
        "Het college stelt de parkeernota met {lak:5.1.9z}iets{/lak} vast.",
    )
    edit(vergadering_file, "De speeltuin GEWIJZIGDPUNT", "De speeltuin {lak:5.1.2e}open")
    with pytest.raises(CaseError) as caught:
        load_vergadering(vergadering_file)
    found = {(p.key, p.message.split(" (")[0].split(",")[0]) for p in caught.value.problems}
    assert any(key == "agenda[0].samenvatting" and "Woo ground" in m for key, m in found), found
    assert ("agenda[1].besluitpunten[0]", "expected {/lak} after the redacted passage") in found
