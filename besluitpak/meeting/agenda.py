"""The agenda and the vergadermap: every package built, one bundle of the meeting.

The packages are built with :func:`besluitpak.build_many`, sharing the LibreOffice workers as
a batch does. Then the **agenda** (one entry per item: number, onderwerp, soort,
portefeuillehouder, kenmerk, first page) and the **vergadermap** (the agenda followed by
each package's internal edition) are drawn by the PDF stage (:mod:`besluitpak.pdf.agenda`,
:mod:`besluitpak.pdf.meeting`); this module says what they hold and skips them when
nothing they are made from changed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from besluitpak import fingerprint
from besluitpak.casefile.case import Case
from besluitpak.errors import BesluitpakError
from besluitpak.events import OnEvent
from besluitpak.files import file_hash, safe_name
from besluitpak.meeting.load import Item, Vergadering
from besluitpak.pdf import meeting as meeting_pdf
from besluitpak.pdf.agenda import Agenda, Entry, Meeting
from besluitpak.pipeline import build_many
from besluitpak.production import state
from besluitpak.production.plan import Target
from besluitpak.settings import BuildSettings

EDITION = "intern"
"""The vergadermap is the college's: each package's internal edition."""


@dataclass(frozen=True, kw_only=True)
class AgendaResult:
    """What ``besluitpak vergadering agenda`` wrote."""

    agenda: Path
    vergadermap: Path
    packages: tuple[Path, ...]
    """Each item's bundle (internal edition), in agenda order."""
    first_pages: tuple[int, ...]
    """The printed page of each item's first page in the vergadermap."""
    pages: int
    """The vergadermap's pages."""
    seconds: float
    built: int
    """Packages built in this run (the others were up to date)."""
    warnings: tuple[str, ...] = ()


def file_stem(vergadering: Vergadering) -> str:
    """``2014-10``: the meeting's number as it appears in file names."""
    return safe_name(vergadering.meta.nummer)


def meeting_of(vergadering: Vergadering) -> Meeting:
    """The meeting as its PDFs name it."""
    meta = vergadering.meta
    return Meeting(gemeente=meta.gemeente.naam, nummer=meta.nummer, day=meta.datum)


def agenda_of(vergadering: Vergadering) -> Agenda:
    """What the agenda says: each item's number, onderwerp and details, who is present."""
    return Agenda(
        meeting=meeting_of(vergadering),
        entries=tuple(
            Entry(
                nummer=item.nummer,
                onderwerp=item.case.meta.onderwerp,
                detail=f"{item.soort.value.capitalize()} · {item.case.meta.portefeuillehouder}"
                f" · kenmerk {item.case.meta.kenmerk}",
            )
            for item in vergadering.items
        ),
        aanwezig=tuple(vergadering.meta.aanwezig),
        afwezig=tuple(vergadering.meta.afwezig),
    )


def packages_folder(out: Path) -> Path:
    return out / "pakketten"


def build_packages(
    vergadering: Vergadering,
    *,
    out: Path,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
    chosen: Sequence[tuple[Item, Case]] | None = None,
    editions: tuple[str, ...] = (EDITION,),
) -> tuple[tuple[Path, ...], int, tuple[str, ...]]:
    """Build every item's package (``chosen``: these items, each with the case to build for
    it, e.g. as decided) into ``out/pakketten/<kenmerk>/`` in one run, sharing the workers;
    the first edition's bundles, how many were built, the warnings. Raises one error naming
    every item that failed."""
    settings = replace(settings or BuildSettings(), editions=editions, only=())
    pairs = list(chosen) if chosen is not None else [(i, i.case) for i in vergadering.items]
    targets = [
        Target(case=case, out=packages_folder(out) / safe_name(case.meta.kenmerk))
        for _, case in pairs
    ]
    outcomes = build_many(targets, settings=settings, on_event=on_event)
    failed = [
        f"agendapunt {item.nummer} ({item.case.meta.kenmerk}): {outcome.error}"
        for (item, _), outcome in zip(pairs, outcomes, strict=True)
        if outcome.error is not None
    ]
    if failed:
        raise BesluitpakError(
            f"{len(failed)} of {len(outcomes)} packages failed:\n  " + "\n  ".join(failed)
        )
    bundles: list[Path] = []
    warnings: list[str] = []
    built = 0
    for outcome in outcomes:
        assert outcome.result is not None
        bundles.append(outcome.result.files[0])
        built += not outcome.result.up_to_date
        warnings += outcome.result.warnings
    return tuple(bundles), built, tuple(warnings)


def build_agenda(
    vergadering: Vergadering,
    *,
    out: Path,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
) -> AgendaResult:
    """Build every package, then the agenda and the vergadermap into ``out``."""
    started = time.perf_counter()
    settings = settings or BuildSettings()
    bundles, built, warnings = build_packages(
        vergadering, out=out, settings=settings, on_event=on_event
    )
    stem = file_stem(vergadering)
    agenda_pdf, vergadermap_pdf = out / f"agenda-{stem}.pdf", out / f"vergadermap-{stem}.pdf"
    outputs = [agenda_pdf, vergadermap_pdf]
    key = _key(vergadering, bundles, strict=settings.strict)
    withheld: tuple[str, ...] = ()
    if settings.use_cache and state.built_from(out, outputs, key):
        firsts, total = meeting_pdf.layout(agenda_pdf, bundles)
    else:
        agenda = agenda_of(vergadering)
        firsts, total, withheld = meeting_pdf.write_vergadermap(
            agenda, bundles, vergadermap_pdf, strict=settings.strict
        )
        withheld += meeting_pdf.write_agenda(agenda, firsts, agenda_pdf, strict=settings.strict)
        state.remember(out, outputs, key)
    return AgendaResult(
        agenda=agenda_pdf,
        vergadermap=vergadermap_pdf,
        packages=bundles,
        first_pages=firsts,
        pages=total,
        seconds=time.perf_counter() - started,
        built=built,
        warnings=(*warnings, *withheld),
    )


def _key(vergadering: Vergadering, bundles: Sequence[Path], *, strict: bool) -> str:
    """The agenda and the vergadermap follow from the vergadering file, the bundles' bytes
    and the code: the same key, the same files (remembered in the output folder's state, as
    a build's files are: :mod:`besluitpak.production.state`)."""
    return fingerprint.digest(
        {
            "besluitpak": fingerprint.code_version(),
            "vergadering": file_hash(vergadering.path),
            "bundles": [file_hash(bundle) for bundle in bundles],
            "strict": strict,
        }
    )
