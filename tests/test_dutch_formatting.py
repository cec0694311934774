"""Dutch formatting (besluitpak.dutch): dates, amounts and numbers as the documents print
them. Fast tier: pure functions."""

from __future__ import annotations

import datetime as dt

import pytest

from besluitpak import dutch


def test_a_date_is_day_month_name_and_year() -> None:
    assert dutch.datum(dt.date(2014, 3, 11)) == "11 maart 2014"


def test_an_iso_date_text_is_read_first() -> None:
    assert dutch.datum("2014-03-11") == "11 maart 2014"


def test_the_day_has_no_leading_zero() -> None:
    assert dutch.datum(dt.date(2020, 6, 2)) == "2 juni 2020"


@pytest.mark.parametrize(
    ("month", "name"),
    list(
        enumerate(
            [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ],
            start=1,
        )
    ),
)
def test_every_month_has_its_dutch_name_in_lower_case(month: int, name: str) -> None:
    assert dutch.datum(dt.date(2021, month, 28)) == f"28 {name} 2021"


def test_a_text_that_is_no_date_is_refused() -> None:
    with pytest.raises(ValueError):
        dutch.datum("11-03-2014")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (999, "999"), (1000, "1.000"), (1234, "1.234"), (1234567, "1.234.567")],
)
def test_thousands_are_grouped_with_points(value: int, shown: str) -> None:
    assert dutch.getal(value) == shown


def test_a_negative_number_keeps_its_sign() -> None:
    assert dutch.getal(-1234) == "-1.234"


def test_decimals_follow_a_comma() -> None:
    assert dutch.getal(1234.5, 2) == "1.234,50"
    assert dutch.getal(3.14159, 3) == "3,142"


def test_without_decimals_a_fraction_is_rounded() -> None:
    assert dutch.getal(1234.6) == "1.235"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (125000, "€ 125.000"),
        (125000.0, "€ 125.000"),
        (1_250_000, "€ 1.250.000"),
        (0, "€ 0"),
    ],
)
def test_a_whole_amount_has_no_cents(value: float, shown: str) -> None:
    assert dutch.bedrag(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(12.5, "€ 12,50"), (1234567.89, "€ 1.234.567,89"), (0.05, "€ 0,05")]
)
def test_an_amount_with_cents_shows_two_decimals(value: float, shown: str) -> None:
    assert dutch.bedrag(value) == shown
