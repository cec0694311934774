"""A proposal's way to the college, computed from the workspace's route template (the
reference routes.yaml: advices juridisch + financiën, paraaf teammanager Wijken, paraaf
afdelingshoofd), its record of actions and a clock the test sets."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from pathlib import Path

import pytest

from besluitpak.editing import route
from besluitpak.errors import CaseError
from besluitpak.route import record
from tests.helpers import ROOT, cli

MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def day(n: int) -> dt.datetime:
    return MONDAY + dt.timedelta(days=n)


def stands(status: route.RouteStatus) -> dict[str, str]:
    return {slot.wie: slot.stand for step in status.steps for slot in step.slots}


def submit_and_advise(case: Path) -> None:
    """Submitted on Monday 2 March, juridisch advises on Tuesday; financiën stays silent
    (its termijn, 5 werkdagen, ends on Monday 9 March; silence means akkoord)."""
    route.indienen(case, door="P. Tester", now=MONDAY)
    route.advies(
        case,
        door="J. Jurist",
        als="juridisch",
        oordeel="akkoord",
        opmerking="Geen juridische bezwaren.",
        now=day(1),
    )


def test_a_walk_from_concept_through_parallel_advices_and_parafen_to_geparafeerd(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    assert route.route_status(case, today=MONDAY.date()).status == "concept"
    submit_and_advise(case)
    waiting = route.route_status(case, today=dt.date(2026, 3, 9))
    assert waiting.status == "in advies"
    assert [(s.wie, s.stand, s.termijn) for s in waiting.waiting] == [
        ("financiën", "open", dt.date(2026, 3, 9))
    ]
    with pytest.raises(route.RouteRefused, match="does not wait for a paraaf"):
        route.paraaf(case, door="T. Manager", als="teammanager Wijken", now=day(7))
    silent = route.route_status(case, today=dt.date(2026, 3, 10))
    assert silent.status == "ter parafering"
    assert stands(silent)["financiën"] == "stilzwijgend"
    assert stands(silent)["juridisch"] == "gegeven"
    route.paraaf(case, door="T. Manager", als="teammanager Wijken", now=day(8))
    done = route.paraaf(
        case,
        door="R. Vervanger",
        als="teammanager Ruimte",
        namens="afdelingshoofd",
        opmerking="Bij afwezigheid.",
        now=day(9),
    )
    assert done.status == "geparafeerd" and done.agendeerbaar
    assert done.label == "geparafeerd (agendeerbaar)"
    last = done.steps[-1].slots[0].action
    assert last is not None and (last.door, last.als, last.namens) == (
        "R. Vervanger",
        "teammanager Ruimte",
        "afdelingshoofd",
    )
    lines = (case / "besluitpak.route.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["wat"] for line in lines] == ["indienen", "advies", "paraaf", "paraaf"]
    assert (workspace / ".besluitpak" / "locks" / "edit-proef.lock").exists()  # the page's lock


def test_silence_under_blokkeert_keeps_the_route_waiting_past_the_termijn(
    workspace: Path,
) -> None:
    text = (workspace / "routes.yaml").read_text(encoding="utf-8")
    (workspace / "routes.yaml").write_text(text.replace("akkoord", "blokkeert"), encoding="utf-8")
    case = workspace / "proef"
    submit_and_advise(case)
    late = route.route_status(case, today=dt.date(2026, 4, 1))
    assert late.status == "in advies"
    assert stands(late)["financiën"] == "verlopen"
    after = route.advies(
        case,
        door="F. Controller",
        als="financiën",
        oordeel="bezwaar",
        opmerking="Dekking ontbreekt.",
        now=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
    )
    assert after.status == "ter parafering"  # an advice does not bind: a bezwaar is shown


def test_a_proposal_sent_back_with_a_reason_is_concept_and_starts_a_new_round(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    submit_and_advise(case)
    back = route.terugsturen(
        case, door="F. Controller", als="financiën", reden="Financiële paragraaf ontbreekt.",
        now=day(2),
    )  # fmt: skip
    assert back.status == "concept" and not back.agendeerbaar
    assert back.teruggestuurd is not None
    assert back.teruggestuurd.opmerking == "Financiële paragraaf ontbreekt."
    with pytest.raises(route.RouteRefused, match="does not wait for an advice"):
        route.advies(case, door="F. Controller", als="financiën", oordeel="akkoord", now=day(3))
    again = route.indienen(case, door="P. Tester", now=day(3))
    assert stands(again)["juridisch"] == "open"  # the old round's advice no longer counts


def test_a_change_after_a_paraaf_asks_that_paraaf_again_naming_the_changed_file(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    submit_and_advise(case)
    route.paraaf(case, door="T. Manager", als="teammanager Wijken", now=day(8))
    route.paraaf(case, door="A. Hoofd", als="afdelingshoofd", now=day(9))
    notitie = case / "bijlagen" / "notitie.yaml"
    notitie.write_text(notitie.read_text(encoding="utf-8") + "\n# bijgewerkt\n", encoding="utf-8")
    status = route.route_status(case, today=day(10).date())
    assert status.status == "ter parafering"
    tm, ah = (step.slots[0] for step in status.steps[1:])
    assert (tm.stand, tm.gewijzigd) == ("opnieuw", ("bijlagen/notitie.yaml",))
    assert ah.stand == "wacht"
    result = cli("route", "status", case, "--today", "2026-03-12")
    assert "gewijzigd sinds de paraaf: bijlagen/notitie.yaml" in result.output
    again = route.paraaf(case, door="T. Manager", als="teammanager Wijken", now=day(11))
    assert stands(again)["afdelingshoofd"] == "opnieuw"


def test_the_steller_and_the_submitter_may_not_initial_their_own_proposal(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    route.indienen(case, door="S. Indiener", now=MONDAY)
    before = (case / "besluitpak.route.jsonl").read_bytes()
    for door in ("P. Tester", "s.  indiener"):
        result = cli(
            "route",
            "paraaf",
            case,
            "--als",
            "teammanager Wijken",
            "--door",
            door,
            "--nu",
            "2026-03-20T10:00",
        )
        assert result.exit_code == 1, result.output
        assert "may not initial it" in result.output and "Traceback" not in result.output
    assert (case / "besluitpak.route.jsonl").read_bytes() == before
    for door in ("P. Tester", "S. Indiener"):  # nor is it among their tasks
        found = route.tasks(
            workspace, door=door, functies=["teammanager Wijken"], today=dt.date(2026, 3, 20)
        )
        assert found == []
    other = route.tasks(
        workspace, door="T. Manager", functies=["teammanager Wijken"], today=dt.date(2026, 3, 20)
    )
    assert [t.slot.wie for t in other] == ["teammanager Wijken"]


def test_the_cli_walks_and_refuses_out_of_turn_in_one_line(workspace: Path) -> None:
    case = workspace / "proef"
    refused = cli("route", "paraaf", case, "--als", "afdelingshoofd", "--door", "A. Hoofd")
    assert refused.exit_code == 1
    assert "the case is concept; it does not wait for a paraaf now" in refused.output
    assert (
        cli("route", "indienen", case, "--door", "P. Tester", "--nu", "2026-03-02T09:00").exit_code
        == 0
    )
    twice = cli("route", "indienen", case, "--door", "P. Tester", "--nu", "2026-03-03T09:00")
    assert twice.exit_code == 1 and "expected a case in status concept, got in advies" in (
        twice.output
    )
    shown = cli("route", "status", case, "--json", "--today", "2026-03-03")
    data = json.loads(shown.stdout)
    assert data["status"] == "in advies" and data["template"] == "wijken"
    assert [s["functie"] for s in data["steps"][0]["slots"]] == ["juridisch", "financiën"]
    back = cli(
        "route",
        "terugsturen",
        case,
        "--reden",
        "Te laat.",
        "--door",
        "F. Controller",
        "--als",
        "financiën",
        "--nu",
        "2026-03-03T10:00",
    )
    assert back.exit_code == 0 and "teruggestuurd door F. Controller: Te laat." in back.output


def test_a_rewritten_line_of_the_record_is_refused_at_its_line(workspace: Path) -> None:
    case = workspace / "proef"
    submit_and_advise(case)
    route.paraaf(case, door="T. Manager", als="teammanager Wijken", now=day(8))
    path = case / "besluitpak.route.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("akkoord", "bezwaar")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CaseError, match=r"besluitpak.route.jsonl:3: vorige: expected"):
        route.route_status(case, today=day(9).date())
    result = cli("route", "paraaf", case, "--als", "afdelingshoofd", "--door", "A. Hoofd")
    assert result.exit_code == 1 and "a line before it was changed" in result.output


VERGADERING = """\
gemeente:
  naam: Proefdorp
  cbs_code: "9999"
datum: 2026-03-17
nummer: "2026-11"
agenda:
  - zaak: ../proef
    soort: hamerstuk
"""


@pytest.mark.parametrize(
    ("uitkomst", "status", "label", "agendeerbaar"),
    [
        ("", "geagendeerd", "geagendeerd", False),
        ("conform", "besloten", "besloten (conform)", False),
        ("gewijzigd", "besloten", "besloten (gewijzigd)", False),
        ("aangehouden", "aangehouden", "aangehouden (weer agendeerbaar)", True),
        ("teruggetrokken", "teruggetrokken", "teruggetrokken", False),
    ],
)
def test_the_meetings_outcome_closes_the_route(
    workspace: Path, uitkomst: str, status: str, label: str, agendeerbaar: bool
) -> None:
    case = workspace / "proef"
    submit_and_advise(case)
    route.paraaf(case, door="T. Manager", als="teammanager Wijken", now=day(8))
    route.paraaf(case, door="A. Hoofd", als="afdelingshoofd", now=day(9))
    (workspace / "vergaderingen").mkdir()
    text = VERGADERING + (f"    uitkomst: {uitkomst}\n" if uitkomst else "")
    if uitkomst == "gewijzigd":
        text += "    besluitpunten: [Anders besloten.]\n"
    (workspace / "vergaderingen" / "2026-11.yaml").write_text(text, encoding="utf-8")
    found = route.route_status(case, today=dt.date(2026, 3, 18))
    assert (found.status, found.label, found.agendeerbaar) == (status, label, agendeerbaar)
    assert found.agendering is not None and found.agendering.nummer == "2026-11"


def test_mijn_taken_lists_what_waits_for_a_person_never_their_own_paraaf(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    submit_and_advise(case)
    tasks = route.tasks(
        workspace, door="F. Controller", functies=["financiën"], today=dt.date(2026, 3, 4)
    )
    assert [(t.case, t.slot.wie, t.slot.termijn) for t in tasks] == [
        ("proef", "financiën", dt.date(2026, 3, 9))
    ]
    assert (
        route.tasks(
            workspace,
            door="T. Manager",
            functies=["teammanager Wijken"],
            today=dt.date(2026, 3, 10),
        )[0].slot.wie
        == "teammanager Wijken"
    )
    assert (
        route.tasks(
            workspace, door="P. Tester", functies=["teammanager Wijken"], today=dt.date(2026, 3, 10)
        )
        == []
    )


def test_two_parafen_at_once_are_written_one_after_the_other_under_the_edit_lock(
    workspace: Path,
) -> None:
    case = workspace / "proef"
    submit_and_advise(case)
    outcomes: list[str] = []

    def initial(door: str) -> None:
        try:
            route.paraaf(case, door=door, als="teammanager Wijken", now=day(8))
            outcomes.append("saved")
        except route.RouteRefused as e:
            outcomes.append(str(e))

    threads = [threading.Thread(target=initial, args=(name,)) for name in ("T. Een", "T. Twee")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [
        "paraaf: teammanager Wijken has already been given in this round",
        "saved",
    ]
    assert len(record.read(case / "besluitpak.route.jsonl")) == 3


def test_the_reference_case_on_its_own_reads_its_outcome_from_a_named_vergadering(
    reference: Path,
) -> None:
    shutil.copy(ROOT / "routes.yaml", reference / "routes.yaml")
    (reference / "vergadering").mkdir()
    shutil.copy(ROOT / "vergadering" / "vergadering.yaml", reference / "vergadering")
    concept = cli("route", "status", reference, "--json")
    assert json.loads(concept.stdout)["status"] == "concept"
    shown = cli(
        "route",
        "status",
        reference,
        "--json",
        "--vergadering",
        reference / "vergadering" / "vergadering.yaml",
    )
    data = json.loads(shown.stdout)
    assert (data["status"], data["uitkomst"], data["label"]) == (
        "besloten",
        "gewijzigd",
        "besloten (gewijzigd)",
    )
    assert data["vergadering"] == {
        "nummer": "2014-10",
        "datum": "2014-03-11",
        "agendapunt": 3,
        "uitkomst": "gewijzigd",
    }
