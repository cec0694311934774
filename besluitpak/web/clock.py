"""The page's and the worker's today, read in one place: ``$BESLUITPAK_TODAY`` (YYYY-MM-DD)
when set (tests, a rehearsal of a planned publication; ``@FILE``: the date written in FILE,
read each time), else the system clock."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

TODAY = "BESLUITPAK_TODAY"


def today() -> dt.date:
    written = os.environ.get(TODAY, "").strip()
    if written.startswith("@"):  # a rehearsal that moves the day without a restart
        written = Path(written[1:]).read_text(encoding="utf-8").strip()
    if written:
        try:
            return dt.date.fromisoformat(written)
        except ValueError:
            raise ValueError(f"${TODAY}: expected a date YYYY-MM-DD, got {written!r}") from None
    return dt.date.today()
