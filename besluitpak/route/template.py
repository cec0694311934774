"""Route templates: ``routes.yaml`` in the workspace, beside the cases (or, for a case on its
own, in its folder); validated like the case file, every problem at once, each at its line.

A template is an ordered list of steps; each step is an advice round (several advices in
parallel, each with a termijn and what silence means) or a paraaf (a named person, or anyone
with a function). A case names its template (``route:`` in its case file) or gets the file's
``standaard``; without a routes.yaml, :data:`DEFAULT` applies.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from besluitpak.casefile import validation, yamlsrc
from besluitpak.casefile.schema import Model
from besluitpak.errors import CaseError, Problem

ROUTES_FILE = "routes.yaml"
TERMIJN_PATTERN = r"^[1-9][0-9]{0,2} (werkdag|werkdagen|dag|dagen)$"


class Stilzwijgend(enum.Enum):
    """What silence past an advice's termijn means."""

    AKKOORD = "akkoord"
    """Counted as agreed."""
    GEEN_BEZWAAR = "geen-bezwaar"
    """Counted as no objection."""
    BLOKKEERT = "blokkeert"
    """The route waits for the advice."""


class StapStatus(enum.Enum):
    """The case's status while a step is open."""

    IN_ADVIES = "in advies"
    TER_PARAFERING = "ter parafering"


class Advies(Model):
    """One advice asked in an advice step (all of a step's advices run at the same time)."""

    functie: str = Field(min_length=1)
    """Who advises: a function, e.g. ``juridisch``, ``financiën``, ``communicatie``."""

    termijn: str = Field(pattern=TERMIJN_PATTERN)
    """How long the advice may take from the step's start: ``5 werkdagen`` (Monday to
    Friday) or ``10 dagen`` (calendar days)."""

    stilzwijgend: Stilzwijgend
    """What silence past the termijn means: ``akkoord`` (counted as agreed),
    ``geen-bezwaar`` (counted as no objection) or ``blokkeert`` (the route waits for it)."""

    def deadline(self, start: dt.date) -> dt.date:
        """The last day of the termijn, counted from ``start`` (the step's first day)."""
        count, unit = self.termijn.split()
        return add_days(start, int(count), working=unit.startswith("werkdag"))


class Paraaf(Model):
    """One paraaf: a named person or anyone with a function initials the proposal."""

    functie: str | None = Field(default=None, min_length=1)
    """The function whose holder (or a substitute, ``namens``) initials, e.g.
    ``teammanager Wijken`` or ``afdelingshoofd``."""

    persoon: str | None = Field(default=None, min_length=1)
    """Or one named person, e.g. ``J. Jansen``."""

    @model_validator(mode="after")
    def _one_of(self) -> Paraaf:
        if (self.functie is None) == (self.persoon is None):
            given = "both" if self.functie else "neither"
            raise ValueError(f"expected either functie or persoon, got {given}")
        return self


class Stap(Model):
    """One step of the route: an advice round or a paraaf, and the status it leads to."""

    naam: str | None = Field(default=None, min_length=1)
    """The step's name as shown (default: from what it asks)."""

    advies: list[Advies] | None = Field(default=None, min_length=1)
    """The advices of this step, asked at the same time."""

    paraaf: Paraaf | None = None
    """The paraaf of this step."""

    status: StapStatus | None = None
    """The case's status while this step is open (default: ``in advies`` for an advice
    step, ``ter parafering`` for a paraaf)."""

    @model_validator(mode="after")
    def _kind(self) -> Stap:
        if (self.advies is None) == (self.paraaf is None):
            given = "both" if self.advies else "neither"
            raise ValueError(f"expected either advies or paraaf, got {given}")
        if self.advies:
            seen = [a.functie for a in self.advies]
            twice = sorted({f for f in seen if seen.count(f) > 1})
            if twice:
                raise ValueError(f"expected each functie once per step, got {twice[0]!r} twice")
        return self

    @property
    def soort(self) -> Literal["advies", "paraaf"]:
        return "advies" if self.advies is not None else "paraaf"

    @property
    def label(self) -> str:
        if self.naam:
            return self.naam
        if self.paraaf is not None:
            return f"Paraaf {self.paraaf.functie or self.paraaf.persoon}"
        return "Advies " + ", ".join(a.functie for a in self.advies or [])

    @property
    def leads_to(self) -> str:
        if self.status is not None:
            return self.status.value
        return "in advies" if self.soort == "advies" else "ter parafering"


class Route(Model):
    """One route template: its steps in order."""

    omschrijving: str | None = None
    """What the route is for, e.g. ``Collegevoorstellen van team Wijken``."""

    stappen: list[Stap] = Field(min_length=1)
    """The steps, in order; the case is geparafeerd (agendeerbaar) when the last is done."""


class RoutesFile(Model):
    """The route templates of a workspace (``routes.yaml`` beside the cases)."""

    standaard: str = Field(min_length=1)
    """The template a case gets when its case file names none (``route:``)."""

    routes: dict[str, Route] = Field(min_length=1)
    """The templates by name, e.g. ``wijken: {stappen: [...]}``."""

    @model_validator(mode="after")
    def _known_default(self) -> RoutesFile:
        if self.standaard not in self.routes:
            known = ", ".join(self.routes)
            raise ValueError(
                f"expected standaard to name one of the routes ({known}), got {self.standaard!r}"
            )
        return self


DEFAULT = Route(
    omschrijving="Standaardroute: paraaf van de teammanager, dan van het afdelingshoofd",
    stappen=[
        Stap(paraaf=Paraaf(functie="teammanager")),
        Stap(paraaf=Paraaf(functie="afdelingshoofd")),
    ],
)
"""The route of a case whose workspace has no routes.yaml."""

_PATTERNS = {
    "termijn": 'expected a termijn like "5 werkdagen" or "10 dagen", got {got}',
}


@dataclass(frozen=True, kw_only=True)
class Chosen:
    """The template a case follows: its name, the route, and the file it came from."""

    name: str
    route: Route
    file: Path | None
    """``routes.yaml``, or None for the built-in default."""


def load_routes(path: Path) -> RoutesFile:
    """Load and validate ``path`` (a routes.yaml); :class:`CaseError` with every problem."""
    try:
        source = yamlsrc.load(path)
    except CaseError as e:
        raise CaseError(e.problems, what="the route templates") from None
    try:
        return RoutesFile.model_validate(source.data)
    except ValidationError as e:
        problems = validation.problems(e, source, model=RoutesFile, patterns=_PATTERNS)
        raise CaseError(problems, what="the route templates") from None


def choose(
    routes_file: Path, wanted: str | None, *, case_file: Path, line: int | None = None
) -> Chosen:
    """The template named ``wanted`` (a case's ``route:``, at ``line`` of ``case_file``) in
    ``routes_file``, or its standaard; the built-in default when there is no such file."""
    if not routes_file.is_file():
        if wanted is not None:
            raise CaseError(
                [
                    Problem(
                        file=case_file,
                        line=line,
                        key="route",
                        message=f"expected no route without a {ROUTES_FILE} beside the cases "
                        f"({routes_file}), got {wanted!r}",
                    )
                ]
            )
        return Chosen(name="standaard", route=DEFAULT, file=None)
    loaded = load_routes(routes_file)
    name = wanted or loaded.standaard
    if name not in loaded.routes:
        known = ", ".join(loaded.routes)
        raise CaseError(
            [
                Problem(
                    file=case_file,
                    line=line,
                    key="route",
                    message=f"expected one of the routes in {routes_file} ({known}), got {name!r}",
                )
            ]
        )
    return Chosen(name=name, route=loaded.routes[name], file=routes_file)


def functies(routes_file: Path) -> list[str]:
    """The functions the templates in ``routes_file`` name (the built-in default's when there
    is no such file), in their order, each once."""
    routes = load_routes(routes_file).routes.values() if routes_file.is_file() else [DEFAULT]
    found: dict[str, str] = {}
    for route in routes:
        for stap in route.stappen:
            asked = [a.functie for a in stap.advies or []]
            asked += [stap.paraaf.functie] if stap.paraaf and stap.paraaf.functie else []
            for functie in asked:
                found.setdefault(functie.casefold(), functie)
    return list(found.values())


def add_days(start: dt.date, count: int, *, working: bool) -> dt.date:
    """``start`` plus ``count`` days, or working days (Monday to Friday) when ``working``."""
    if not working:
        return start + dt.timedelta(days=count)
    day = start
    while count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def json_schema() -> dict[str, Any]:
    """The JSON Schema of routes.yaml, for yaml-language-server and other editors."""
    schema = RoutesFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "besluitpak route templates"
    return schema
