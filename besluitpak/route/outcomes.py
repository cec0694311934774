"""What the vergadering files say about a case: on whose agenda it stands, and the outcome
(``uitkomst``) recorded there. Read from the files' data as written (not loaded with their
cases: a listing of many cases stays cheap); the latest meeting by date counts."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from besluitpak.casefile import yamlsrc
from besluitpak.casefile.paths import case_file
from besluitpak.errors import CaseError

UITKOMSTEN = ("conform", "gewijzigd", "aangehouden", "teruggetrokken")


@dataclass(frozen=True, kw_only=True)
class Agendering:
    """The case on one vergadering's agenda."""

    vergadering: Path
    datum: dt.date | None
    nummer: str
    agendapunt: int
    uitkomst: str | None
    """``conform``, ``gewijzigd``, ``aangehouden``, ``teruggetrokken``, or None (not yet)."""


def agenderingen(case: Path, vergaderingen: Iterable[Path]) -> list[Agendering]:
    """Every agenda item of ``vergaderingen`` that names the case file ``case``, oldest
    meeting first (a file that cannot be read is passed over)."""
    target = case.resolve()
    found = []
    for path in vergaderingen:
        try:
            data = yamlsrc.load(path).data
        except CaseError:
            continue
        agenda = data.get("agenda")
        for index, punt in enumerate(agenda if isinstance(agenda, list) else []):
            zaak = punt.get("zaak") if isinstance(punt, dict) else None
            if not isinstance(zaak, str) or not zaak.strip():
                continue
            named = case_file(Path(os.path.normpath(path.parent / zaak)))
            if named.resolve() != target:
                continue
            uitkomst = str(punt.get("uitkomst") or "")
            datum = data.get("datum")
            found.append(
                Agendering(
                    vergadering=path,
                    datum=datum if isinstance(datum, dt.date) else None,
                    nummer=str(data.get("nummer") or path.stem),
                    agendapunt=index + 1,
                    uitkomst=uitkomst if uitkomst in UITKOMSTEN else None,
                )
            )
    return sorted(found, key=lambda a: (a.datum or dt.date.min, str(a.vergadering)))
