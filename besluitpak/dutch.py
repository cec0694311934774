"""Dutch formatting for dates, amounts and numbers, as the documents print them."""

from __future__ import annotations

import datetime as dt

MONTHS = (
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
)

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def datum(value: dt.date | str) -> str:
    """``2014-03-11`` -> ``11 maart 2014``."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dag(value: dt.date) -> str:
    """``2014-10-06`` -> ``maandag 6 oktober 2014``."""
    return f"{WEEKDAYS[value.weekday()]} {datum(value)}"


def getal(value: int | float, decimals: int = 0) -> str:
    """``1234567`` -> ``1.234.567``; with decimals, a decimal comma: ``1.234,50``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def bedrag(value: int | float) -> str:
    """``125000`` -> ``€ 125.000``; cents only when there are any: ``€ 12,50``."""
    decimals = 0 if float(value).is_integer() else 2
    return f"€ {getal(value, decimals)}"
