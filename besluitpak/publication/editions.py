"""Editions and publication: what may be published, and when.

*intern* holds everything. *openbaar* replaces every withheld bijlage by a placeholder
page, leaves out the steller's personal data and scrubs internal metadata; while the
embargo runs it is marked on every page. The final public edition (``publish``) cannot be
made before the embargo date except by an explicit override, which is recorded.
"""

from __future__ import annotations

import datetime as dt
import getpass
import socket
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from besluitpak import dutch
from besluitpak.errors import BesluitpakError, EmbargoError

if TYPE_CHECKING:  # only named in annotations: `besluitpak build` with nothing to do
    from besluitpak.casefile.case import Case, Document  # must not load the case model

EDITIONS = ("intern", "openbaar")


@dataclass(frozen=True, kw_only=True)
class Override:
    """An explicit, recorded publication before the embargo date."""

    reden: str
    user: str
    time: str

    @classmethod
    def now(cls, reden: str) -> Override:
        user = f"{getpass.getuser()}@{socket.gethostname()}"
        moment = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        return cls(reden=reden, user=user, time=moment)


@dataclass(frozen=True, kw_only=True)
class EditionPlan:
    """What one edition of a case holds on a given day."""

    name: str
    public: bool
    today: dt.date
    withheld: tuple[Document, ...] = ()
    """Replaced by a placeholder page."""
    released: tuple[Document, ...] = ()
    """Were secret, but geheim_tot has passed: included, and the contents says so."""
    embargo: dt.date | None = None
    """Set while the embargo runs on this edition: every page is marked."""
    override: Override | None = None
    notes: Mapping[str, str] = field(default_factory=lambda: types.MappingProxyType({}))
    """Per document id: what the contents says after the title."""

    def notices(self) -> tuple[str, ...]:
        lines = []
        if self.embargo is not None:
            lines.append(f"EMBARGO — niet openbaar vóór {dutch.datum(self.embargo)}")
        if self.override is not None:
            lines.append(f"Gepubliceerd vóór het embargo: {self.override.reden}")
        return tuple(lines)

    def summary(self) -> list[str]:
        """What this edition holds, for the person building it (English, like the CLI)."""
        lines = []
        if self.embargo:
            lines.append(f"under embargo until {dutch.datum(self.embargo)}: every page is marked")
        for document in self.withheld:
            lines.append(f"bijlage {document.number} withheld ({document.grond})")
        for document in self.released:
            lines.append(
                f"bijlage {document.number} included: secret until "
                f"{dutch.datum(document.geheim_tot) if document.geheim_tot else '?'}"
            )
        if self.override:
            lines.append(
                f"published before the embargo: {self.override.reden} "
                f"({self.override.user}, {self.override.time})"
            )
        return lines

    def own_metadata(self) -> dict[str, str]:
        """Recorded in the PDF's XMP and Info dictionary."""
        own = {}
        if self.embargo is not None:
            own["embargoTot"] = self.embargo.isoformat()
        if self.override is not None:
            own["embargoOverride"] = (
                f"{self.override.reden} (door {self.override.user} op {self.override.time})"
            )
        if self.withheld:
            own["nietOpenbaar"] = ", ".join(f"bijlage {d.number}" for d in self.withheld)
        return own


@dataclass(frozen=True, kw_only=True)
class Beoordeling:
    """What the public edition makes of one document, as the Woo inventory says it."""

    status: str
    """``openbaar``, ``deels openbaar`` or ``niet openbaar``."""
    gronden: tuple[str, ...] = ()
    """The grounds of what is withheld: Woo article codes, or a bijlage's own grond."""

    def text(self) -> str:
        """``deels openbaar (5.1.2e)``, ``niet openbaar (art. 55 Gemeentewet)``, ``openbaar``."""
        return f"{self.status} ({', '.join(self.gronden)})" if self.gronden else self.status


def beoordeling(document: Document, *, today: dt.date) -> Beoordeling:
    """Openbaar, deels openbaar (redacted passages, withheld pages) or niet openbaar (a
    secret bijlage) on ``today``."""
    if withheld_on(document, today):
        return Beoordeling(status="niet openbaar", gronden=(document.grond or "",))
    if document.grounds:
        return Beoordeling(status="deels openbaar", gronden=document.grounds)
    return Beoordeling(status="openbaar")


def withheld_on(document: Document, today: dt.date) -> bool:
    """Is this document secret on ``today``?"""
    if document.openbaar:
        return False
    return document.geheim_tot is None or today < document.geheim_tot


def plan_edition(
    case: Case, name: str, *, today: dt.date, final: bool = False, override: Override | None = None
) -> EditionPlan:
    """What edition ``name`` holds on ``today``.

    ``final`` asks for the public edition as it is published: refused while the embargo
    runs unless ``override`` is given.
    """
    if name not in EDITIONS:
        raise BesluitpakError(f"edition: expected one of {', '.join(EDITIONS)}, got {name!r}")
    if name == "intern":
        notes = {
            d.id: f"wordt deels openbaar ({', '.join(d.grounds)})"
            for d in case.documents
            if d.grounds
        }
        notes |= {d.id: f"niet openbaar ({d.grond})" for d in case.bijlagen if not d.openbaar}
        return EditionPlan(
            name=name, public=False, today=today, notes=types.MappingProxyType(notes)
        )
    embargo_tot = case.meta.embargo_tot
    running = embargo_tot is not None and today < embargo_tot
    if final and running and override is None:
        assert embargo_tot is not None
        raise EmbargoError(
            f"{case.path.name}: embargo_tot: the public edition may not be published before "
            f"{dutch.datum(embargo_tot)} (today is {dutch.datum(today)}); to publish anyway, "
            f'give --force with --reden "…": the reason, your name and the time are recorded'
        )
    withheld = tuple(d for d in case.bijlagen if withheld_on(d, today))
    released = tuple(d for d in case.bijlagen if not d.openbaar and not withheld_on(d, today))
    notes = {d.id: beoordeling(d, today=today).text() for d in case.documents if d.grounds}
    notes |= {d.id: f"niet openbaar ({d.grond})" for d in withheld}
    for document in released:
        assert document.geheim_tot is not None
        since = f"openbaar sinds {dutch.datum(document.geheim_tot)}"
        notes[document.id] = f"{notes[document.id]}; {since}" if document.id in notes else since
    return EditionPlan(
        name=name,
        public=True,
        today=today,
        withheld=withheld,
        released=released,
        embargo=embargo_tot if running and not final else None,
        override=override if running else None,
        notes=types.MappingProxyType(notes),
    )


def placeholder_lines(document: Document) -> tuple[str, list[str]]:
    """The heading and lines of a withheld bijlage's placeholder page."""
    lines = ["Deze bijlage is niet openbaar.", f"Grond: {document.grond}."]
    if document.geheim_tot is not None:
        lines.append(f"Geheim tot {dutch.datum(document.geheim_tot)}.")
    else:
        lines.append("Geheim zonder einddatum.")
    return f"Bijlage {document.number} — {document.titel}", lines
