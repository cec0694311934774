"""The page's and the worker's today, read in one place: ``$BESLUITPAK_TODAY`` (YYYY-MM-DD)
when set (tests, a rehearsal of a planned publication), else the system clock."""

from __future__ import annotations

import datetime as dt
import os

TODAY = "BESLUITPAK_TODAY"


def today() -> dt.date:
    written = os.environ.get(TODAY, "").strip()
    if written:
        try:
            return dt.date.fromisoformat(written)
        except ValueError:
            raise ValueError(f"${TODAY}: expected a date YYYY-MM-DD, got {written!r}") from None
    return dt.date.today()
