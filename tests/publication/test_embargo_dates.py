"""Embargo and secrecy dates at their boundaries (besluitpak.publication.editions): what the
public edition holds the day before, the day of and the day after ``embargo_tot`` and a
bijlage's ``geheim_tot``. Both dates are the first day on which it is public.

Fast tier: the minimal case is loaded (no LibreOffice) and the editions are planned.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from besluitpak.casefile.case import Case, Document, load_case
from besluitpak.errors import BesluitpakError, EmbargoError
from besluitpak.publication.editions import Override, plan_edition, withheld_on
from tests.helpers import edit

EMBARGO_TOT = dt.date(2020, 6, 16)
GEHEIM_TOT = dt.date(2020, 9, 1)
DAY = dt.timedelta(days=1)
OVERRIDE = Override(reden="Raadsvragen", user="tester@proef", time="2020-06-15T09:00:00+00:00")


@pytest.fixture
def case(minimal: Path) -> Case:
    """The minimal case under embargo until 16 juni 2020, with bijlage 1 (notitie) secret
    until 1 september 2020 and bijlage 3 (brief) secret without an end."""
    path = minimal / "besluitpak.yaml"
    edit(path, "afdeling: Proefafdeling", f"afdeling: Proefafdeling\nembargo_tot: {EMBARGO_TOT}")
    edit(
        path,
        "    data: bijlagen/notitie.yaml",
        "    data: bijlagen/notitie.yaml\n    openbaar: false\n"
        f"    grond: art. 55 Gemeentewet\n    geheim_tot: {GEHEIM_TOT}",
    )
    edit(
        path,
        "    bestand: bijlagen/brief.docx",
        "    bestand: bijlagen/brief.docx\n    openbaar: false\n    grond: art. 10 lid 2 Woo",
    )
    return load_case(minimal)


def _ids(documents: tuple[Document, ...]) -> list[str]:
    return [d.id for d in documents]


# --- embargo_tot --------------------------------------------------------------------------------


def test_the_day_before_the_embargo_ends_every_page_is_marked(case: Case) -> None:
    plan = plan_edition(case, "openbaar", today=EMBARGO_TOT - DAY)
    assert plan.embargo == EMBARGO_TOT
    assert plan.notices() == ("EMBARGO — niet openbaar vóór 16 juni 2020",)
    assert plan.own_metadata()["embargoTot"] == "2020-06-16"


def test_on_the_embargo_date_the_public_edition_is_unmarked(case: Case) -> None:
    plan = plan_edition(case, "openbaar", today=EMBARGO_TOT)
    assert plan.embargo is None
    assert plan.notices() == ()
    assert "embargoTot" not in plan.own_metadata()


def test_the_day_after_the_embargo_the_public_edition_is_unmarked(case: Case) -> None:
    assert plan_edition(case, "openbaar", today=EMBARGO_TOT + DAY).embargo is None


def test_publishing_the_day_before_the_embargo_ends_is_refused(case: Case) -> None:
    with pytest.raises(EmbargoError) as raised:
        plan_edition(case, "openbaar", today=EMBARGO_TOT - DAY, final=True)
    assert str(raised.value) == (
        "besluitpak.yaml: embargo_tot: the public edition may not be published before "
        '16 juni 2020 (today is 15 juni 2020); to publish anyway, give --force with --reden "…": '
        "the reason, your name and the time are recorded"
    )


@pytest.mark.parametrize("today", [EMBARGO_TOT, EMBARGO_TOT + DAY], ids=["day of", "day after"])
def test_publishing_from_the_embargo_date_on_is_allowed(case: Case, today: dt.date) -> None:
    plan = plan_edition(case, "openbaar", today=today, final=True)
    assert plan.public and plan.embargo is None and plan.override is None


def test_publishing_early_with_an_override_is_recorded_and_unmarked(case: Case) -> None:
    plan = plan_edition(case, "openbaar", today=EMBARGO_TOT - DAY, final=True, override=OVERRIDE)
    assert plan.override == OVERRIDE
    assert plan.embargo is None  # the published file carries no embargo mark
    assert plan.notices() == ("Gepubliceerd vóór het embargo: Raadsvragen",)
    assert plan.own_metadata()["embargoOverride"] == (
        "Raadsvragen (door tester@proef op 2020-06-15T09:00:00+00:00)"
    )


def test_an_override_on_the_embargo_date_is_not_needed_and_not_recorded(case: Case) -> None:
    plan = plan_edition(case, "openbaar", today=EMBARGO_TOT, final=True, override=OVERRIDE)
    assert plan.override is None
    assert "embargoOverride" not in plan.own_metadata()


def test_the_internal_edition_is_never_under_embargo(case: Case) -> None:
    plan = plan_edition(case, "intern", today=EMBARGO_TOT - DAY)
    assert not plan.public
    assert plan.embargo is None and plan.withheld == () and plan.released == ()
    assert dict(plan.notes) == {
        "notitie": "niet openbaar (art. 55 Gemeentewet)",
        "brief": "niet openbaar (art. 10 lid 2 Woo)",
    }


def test_an_unknown_edition_is_refused(case: Case) -> None:
    with pytest.raises(BesluitpakError, match=r"expected one of intern, openbaar, got 'extern'"):
        plan_edition(case, "extern", today=EMBARGO_TOT)


# --- geheim_tot ---------------------------------------------------------------------------------


def test_the_day_before_geheim_tot_the_bijlage_is_withheld(case: Case) -> None:
    notitie = case.bijlagen[0]
    assert withheld_on(notitie, GEHEIM_TOT - DAY)
    plan = plan_edition(case, "openbaar", today=GEHEIM_TOT - DAY)
    assert _ids(plan.withheld) == ["notitie", "brief"]
    assert plan.released == ()
    assert plan.notes["notitie"] == "niet openbaar (art. 55 Gemeentewet)"
    assert plan.own_metadata()["nietOpenbaar"] == "bijlage 1, bijlage 3"


@pytest.mark.parametrize("today", [GEHEIM_TOT, GEHEIM_TOT + DAY], ids=["day of", "day after"])
def test_from_geheim_tot_on_the_bijlage_is_released(case: Case, today: dt.date) -> None:
    notitie = case.bijlagen[0]
    assert not withheld_on(notitie, today)
    plan = plan_edition(case, "openbaar", today=today)
    assert _ids(plan.withheld) == ["brief"]
    assert _ids(plan.released) == ["notitie"]
    assert plan.notes["notitie"] == "openbaar sinds 1 september 2020"
    assert "bijlage 1 included: secret until 1 september 2020" in plan.summary()


@pytest.mark.parametrize("today", [dt.date(2020, 6, 2), dt.date(2999, 12, 31)])
def test_a_bijlage_secret_without_an_end_date_stays_withheld(case: Case, today: dt.date) -> None:
    assert withheld_on(case.bijlagen[2], today)


@pytest.mark.parametrize("today", [dt.date(1900, 1, 1), EMBARGO_TOT - DAY])
def test_an_openbaar_bijlage_is_never_withheld(case: Case, today: dt.date) -> None:
    kaart = case.bijlagen[1]
    assert kaart.openbaar
    assert not withheld_on(kaart, today)
    assert "kaart" not in _ids(plan_edition(case, "openbaar", today=today).withheld)
