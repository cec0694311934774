"""A case's route status, computed from its template, its record of actions, its package as
it is now, the meetings' outcomes and the day: never stored, so the terminal, the page and
the archive cannot disagree about it.

Statuses: ``concept`` (not submitted, or sent back), ``in advies``, ``ter parafering``,
``geparafeerd`` (agendeerbaar), ``geagendeerd``, ``besloten`` (with the outcome ``conform`` or
``gewijzigd``), ``aangehouden`` (agendeerbaar again) and ``teruggetrokken``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from besluitpak.route.outcomes import Agendering
from besluitpak.route.package import Package, changed
from besluitpak.route.record import Action
from besluitpak.route.template import Advies, Chosen, Stap

AGENDEERBAAR = ("geparafeerd", "aangehouden")


@dataclass(frozen=True, kw_only=True)
class Slot:
    """One advice or paraaf a step asks, and where it stands."""

    soort: str
    """``advies`` or ``paraaf``."""
    functie: str | None
    persoon: str | None
    stand: str
    """``open``, ``gegeven``, ``stilzwijgend`` (silence counted by the template's rule),
    ``verlopen`` (past its termijn, the route waits), ``opnieuw`` (the package changed since
    the paraaf: asked again) or ``wacht`` (an earlier step is not done)."""
    action: Action | None = None
    """The action that gave it (also the old paraaf when asked again)."""
    termijn: dt.date | None = None
    """An advice's last day."""
    stilzwijgend: str | None = None
    """An advice's rule for silence."""
    gewijzigd: tuple[str, ...] = ()
    """Asked again: the files whose SHA-256 differs from the package the paraaf saw."""

    @property
    def done(self) -> bool:
        return self.stand in ("gegeven", "stilzwijgend")

    @property
    def wie(self) -> str:
        return self.functie or self.persoon or ""


@dataclass(frozen=True, kw_only=True)
class Step:
    """One step of the route as it stands."""

    naam: str
    soort: str
    status: str
    """The case's status while this step is open."""
    slots: tuple[Slot, ...]
    current: bool = False

    @property
    def done(self) -> bool:
        return all(s.done for s in self.slots)


@dataclass(frozen=True, kw_only=True)
class RouteStatus:
    """Where a case is on its way to the college."""

    status: str
    uitkomst: str | None
    """With ``besloten``: ``conform`` or ``gewijzigd``."""
    agendeerbaar: bool
    template: str
    steps: tuple[Step, ...]
    actions: tuple[Action, ...]
    ingediend: Action | None
    """The submission of the current round (None: concept)."""
    teruggestuurd: Action | None
    """The last sending back, when the case is concept again because of it."""
    agendering: Agendering | None
    package: Package | None
    """The package now (None: the case has problems)."""
    notes: tuple[str, ...] = ()
    steller: str = ""
    """The case's steller (``steller.naam``): may not initial the proposal, nor may
    whoever submitted it (:attr:`ingediend`)."""

    def may_initial(self, door: str) -> bool:
        """Whether ``door`` may initial this proposal: not its steller, not its submitter."""
        indiener = self.ingediend.door if self.ingediend else ""
        return not any(name and same_name(door, name) for name in (self.steller, indiener))

    def may_return(
        self, door: str, *, functies: Collection[str], secretariaat: bool = False
    ) -> bool:
        """Whether ``door``, holding (or standing in for) ``functies``, may send the proposal
        back: whoever the current step asks (by function or by name), or the secretariat
        (``secretariaat``) once it is geparafeerd or aangehouden."""
        if self.status in AGENDEERBAAR:
            return secretariaat
        held = {f.casefold() for f in functies}
        return any(
            (s.functie is not None and s.functie.casefold() in held)
            or (s.persoon is not None and same_name(door, s.persoon))
            for s in self.waiting
        )

    @property
    def current(self) -> Step | None:
        return next((s for s in self.steps if s.current), None)

    @property
    def waiting(self) -> tuple[Slot, ...]:
        """What the route waits for now: the current step's slots not done."""
        step = self.current
        return tuple(s for s in step.slots if not s.done) if step else ()

    def as_dict(self) -> dict[str, Any]:
        """Everything as plain JSON values (``besluitpak route status --json``)."""
        agendering = self.agendering
        return {
            "status": self.status,
            "label": self.label,
            "uitkomst": self.uitkomst,
            "agendeerbaar": self.agendeerbaar,
            "template": self.template,
            "pakket": self.package.fingerprint if self.package else None,
            "steps": [
                {
                    "naam": step.naam,
                    "soort": step.soort,
                    "status": step.status,
                    "current": step.current,
                    "slots": [_slot_dict(slot) for slot in step.slots],
                }
                for step in self.steps
            ],
            "teruggestuurd": _action_dict(self.teruggestuurd),
            "vergadering": None
            if agendering is None
            else {
                "nummer": agendering.nummer,
                "datum": agendering.datum.isoformat() if agendering.datum else None,
                "agendapunt": agendering.agendapunt,
                "uitkomst": agendering.uitkomst,
            },
            "actions": [_action_dict(a) for a in self.actions],
            "notes": list(self.notes),
        }

    @property
    def label(self) -> str:
        if self.status == "besloten" and self.uitkomst:
            return f"besloten ({self.uitkomst})"
        if self.status == "geparafeerd":
            return "geparafeerd (agendeerbaar)"
        if self.status == "aangehouden":
            return "aangehouden (weer agendeerbaar)"
        return self.status


def compute(
    chosen: Chosen,
    actions: Sequence[Action],
    *,
    package: Package | None,
    agenderingen: Sequence[Agendering] = (),
    today: dt.date,
    steller: str = "",
) -> RouteStatus:
    """The route status of a case following ``chosen`` with these ``actions``."""
    ingediend, teruggestuurd, start = None, None, len(actions)
    for index, action in enumerate(actions):
        if action.wat == "indienen":
            ingediend, teruggestuurd, start = action, None, index + 1
        elif action.wat == "terugsturen":
            ingediend, teruggestuurd = None, action
    round_ = list(actions[start:]) if ingediend is not None else []
    steps = _steps(chosen.route.stappen, round_, ingediend, package, today)
    current = next((s for s in steps if s.current), None)
    status = "concept" if ingediend is None else (current.status if current else "geparafeerd")
    notes: list[str] = []
    if package is None:
        notes.append("the package has problems ('besluitpak check'): parafen cannot be judged")
    agendering = agenderingen[-1] if agenderingen else None
    status, uitkomst = _meeting(status, agendering, notes)
    return RouteStatus(
        status=status,
        uitkomst=uitkomst,
        agendeerbaar=status in AGENDEERBAAR,
        template=chosen.name,
        steps=tuple(steps),
        actions=tuple(actions),
        ingediend=ingediend,
        teruggestuurd=teruggestuurd,
        agendering=agendering,
        package=package,
        notes=tuple(notes),
        steller=steller,
    )


def _meeting(
    status: str, agendering: Agendering | None, notes: list[str]
) -> tuple[str, str | None]:
    """The status once the meetings are counted: their outcome closes the route."""
    if agendering is None:
        return status, None
    uitkomst = agendering.uitkomst
    if uitkomst in ("conform", "gewijzigd"):
        return "besloten", uitkomst
    if uitkomst == "teruggetrokken":
        return "teruggetrokken", None
    if uitkomst == "aangehouden":
        return ("aangehouden" if status == "geparafeerd" else status), None
    if status != "geparafeerd":
        notes.append(f"on the agenda of vergadering {agendering.nummer} while {status}")
    return "geagendeerd", None


def _steps(
    stappen: Sequence[Stap],
    round_: Sequence[Action],
    ingediend: Action | None,
    package: Package | None,
    today: dt.date,
) -> list[Step]:
    steps: list[Step] = []
    start = ingediend.tijd.date() if ingediend else None
    open_found = ingediend is None
    for stap in stappen:
        if open_found or start is None:
            slots = [_waiting(stap, a) for a in _asked(stap)]
            steps.append(_step(stap, slots, current=False))
            continue
        slots = [_slot(stap, asked, round_, package, start, today) for asked in _asked(stap)]
        step = _step(stap, slots, current=not all(s.done for s in slots))
        steps.append(step)
        if step.current:
            open_found = True
        else:
            start = max([start, *(_done_on(s) for s in slots)])
    return steps


def _asked(stap: Stap) -> list[Advies | None]:
    return list(stap.advies) if stap.advies is not None else [None]


def _step(stap: Stap, slots: list[Slot], *, current: bool) -> Step:
    return Step(
        naam=stap.label, soort=stap.soort, status=stap.leads_to, slots=tuple(slots), current=current
    )


def _waiting(stap: Stap, advies: Advies | None) -> Slot:
    if advies is not None:
        return Slot(
            soort="advies",
            functie=advies.functie,
            persoon=None,
            stand="wacht",
            stilzwijgend=advies.stilzwijgend.value,
        )
    paraaf = stap.paraaf
    assert paraaf is not None
    return Slot(soort="paraaf", functie=paraaf.functie, persoon=paraaf.persoon, stand="wacht")


def _done_on(slot: Slot) -> dt.date:
    if slot.action is not None and slot.stand == "gegeven":
        return slot.action.tijd.date()
    return slot.termijn or dt.date.min


def matches(action: Action, *, functie: str | None, persoon: str | None = None) -> bool:
    """Whether ``action`` counts for the function (``als`` or ``namens``) or person."""
    if persoon is not None:
        return same_name(action.door, persoon)
    return action.voor.casefold() == (functie or "").casefold()


def same_name(first: str, second: str) -> bool:
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def _slot(
    stap: Stap,
    advies: Advies | None,
    round_: Sequence[Action],
    package: Package | None,
    start: dt.date,
    today: dt.date,
) -> Slot:
    if advies is not None:
        given = [
            a
            for a in round_
            if a.wat == "advies" and matches(a, functie=advies.functie, persoon=None)
        ]
        termijn = advies.deadline(start)
        base = Slot(
            soort="advies",
            functie=advies.functie,
            persoon=None,
            stand="open",
            termijn=termijn,
            stilzwijgend=advies.stilzwijgend.value,
        )
        if given:
            return _with(base, stand="gegeven", action=given[-1])
        if today > termijn:
            silent = advies.stilzwijgend.value != "blokkeert"
            return _with(base, stand="stilzwijgend" if silent else "verlopen")
        return base
    paraaf = stap.paraaf
    assert paraaf is not None
    base = Slot(soort="paraaf", functie=paraaf.functie, persoon=paraaf.persoon, stand="open")
    given = [
        a
        for a in round_
        if a.wat == "paraaf" and matches(a, functie=paraaf.functie, persoon=paraaf.persoon)
    ]
    if not given:
        return base
    last = given[-1]
    if package is None or last.pakket == package.fingerprint:
        return _with(base, stand="gegeven", action=last)
    return _with(
        base, stand="opnieuw", action=last, gewijzigd=changed(last.bestanden, package.files)
    )


def _with(slot: Slot, **changes: object) -> Slot:
    from dataclasses import replace

    return replace(slot, **changes)  # type: ignore[arg-type]


def _action_dict(action: Action | None) -> dict[str, Any] | None:
    if action is None:
        return None
    return action.model_dump(mode="json", exclude={"bestanden", "vorige"})


def _slot_dict(slot: Slot) -> dict[str, Any]:
    return {
        "soort": slot.soort,
        "functie": slot.functie,
        "persoon": slot.persoon,
        "stand": slot.stand,
        "termijn": slot.termijn.isoformat() if slot.termijn else None,
        "stilzwijgend": slot.stilzwijgend,
        "gewijzigd": list(slot.gewijzigd),
        "action": _action_dict(slot.action),
    }
