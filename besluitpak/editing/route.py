"""A case's paraafroute, for the command line, Python and the web page: the status computed
(:func:`route_status`), and the actions that move it (:func:`indienen`, :func:`advies`,
:func:`paraaf`, :func:`terugsturen`), each checked against the status and appended to the
case's record under the case's edit lock, the same lock the page takes.

Whom the person is (``door``) and which functions they hold (``functies``) is the caller's
word: the terminal passes ``--door`` or $USER, the page its logged-in person and the
functions the admin linked to them. An action the status does not allow is refused with
:class:`RouteRefused` (a message in the CLI's words), and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak.casefile import yamlsrc
from besluitpak.casefile.case import Case, load_case
from besluitpak.casefile.paths import case_file
from besluitpak.editing import meetings
from besluitpak.editing.edits import locked
from besluitpak.editing.workspace import edit_root
from besluitpak.errors import BesluitpakError, CaseError
from besluitpak.route import record, template
from besluitpak.route.outcomes import agenderingen
from besluitpak.route.package import Package, package_of
from besluitpak.route.status import RouteStatus, Slot, compute, matches, same_name

__all__ = [
    "RouteRefused",
    "RouteStatus",
    "Task",
    "advies",
    "indienen",
    "paraaf",
    "route_status",
    "tasks",
    "terugsturen",
]


class RouteRefused(BesluitpakError):
    """Raised when an action is not allowed in the case's current route status (or by the
    person who asks it); nothing is written."""


@dataclass(frozen=True, kw_only=True)
class _State:
    case_file: Path
    case: Case | None
    chosen: template.Chosen
    status: RouteStatus


def _case_file(folder: Path) -> Path:
    found = case_file(folder)
    if not found.is_file():
        raise BesluitpakError(f"{folder}: expected a case folder holding besluitpak.yaml")
    return found


def _wanted(path: Path, case: Case | None) -> tuple[str | None, int | None]:
    """The case's ``route:`` and its line (read as written when the case has problems)."""
    source = case.source if case is not None else yamlsrc.load(path)
    data = source.data if isinstance(source.data, dict) else {}
    wanted = data.get("route")
    return (str(wanted) if wanted is not None else None), source.line_of(("route",))


def route_root(folder: Path) -> Path:
    """The folder whose ``routes.yaml`` and ``vergaderingen/`` the case in ``folder``
    follows: its workspace (the folder above it) when that holds a ``.besluitpak/`` or a
    ``routes.yaml`` (a workspace the page has not opened yet is one too), else the case
    folder itself (a case on its own)."""
    if (folder.parent / template.ROUTES_FILE).is_file():
        return folder.parent
    return edit_root(folder)


def vergadering_files(folder: Path) -> list[Path]:
    """The vergadering files of the workspace the case is in (none for a case on its own)."""
    root = route_root(folder)
    if root == folder:
        return []
    return [meetings.meeting_file(root, name) for name in meetings.names(root)]


def _state(folder: Path, *, today: dt.date, vergaderingen: Iterable[Path] = ()) -> _State:
    path = _case_file(folder)
    try:
        case: Case | None = load_case(path)
    except CaseError:
        case = None
    package: Package | None = package_of(case) if case is not None else None
    wanted, line = _wanted(path, case)
    chosen = template.choose(
        route_root(folder) / template.ROUTES_FILE, wanted, case_file=path, line=line
    )
    actions = record.read(record.record_file(path))
    files = [*vergadering_files(folder), *vergaderingen]
    status = compute(
        chosen,
        actions,
        package=package,
        agenderingen=agenderingen(path, files),
        today=today,
        steller=case.meta.steller.naam if case is not None else "",
    )
    return _State(case_file=path, case=case, chosen=chosen, status=status)


def route_status(
    folder: Path, *, today: dt.date | None = None, vergaderingen: Sequence[Path] = ()
) -> RouteStatus:
    """The route status of the case in ``folder`` on ``today`` (default: today);
    ``vergaderingen``: vergadering files besides the workspace's ``vergaderingen/``."""
    return _state(folder, today=today or dt.date.today(), vergaderingen=vergaderingen).status


def _now(now: dt.datetime | None) -> dt.datetime:
    moment = now or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _act(
    folder: Path,
    now: dt.datetime | None,
    vergaderingen: Sequence[Path],
    check: Any,
    action: dict[str, Any],
    gezien: str | None = None,
) -> RouteStatus:
    """Under the case's edit lock: the status now, ``check(state)`` (raises to refuse), the
    package ``gezien`` (when given) still the package now, then ``action`` appended with the
    package seen; the status after it."""
    moment = _now(now)
    with locked(folder):
        state = _state(folder, today=moment.date(), vergaderingen=vergaderingen)
        check(state)
        package = state.status.package
        if gezien is not None and package is not None:
            _refuse_changed(gezien, package, str(action["wat"]))
        if package is None and action["wat"] != "terugsturen":
            raise RouteRefused(
                f"{state.case_file}: the package has problems: run 'besluitpak check' and "
                f"fix them before '{action['wat']}'"
            ).coded("route-package-problems", wat=str(action["wat"]))
        record.append(
            record.record_file(state.case_file),
            {
                **action,
                "tijd": moment,
                "pakket": package.fingerprint if package else None,
                "bestanden": dict(package.files) if package else {},
            },
        )
        return _state(folder, today=moment.date(), vergaderingen=vergaderingen).status


SHORTEST_PAKKET = 8
"""How many leading characters of a package fingerprint name it (``--pakket``)."""


def _refuse_changed(gezien: str, package: Package, wat: str) -> None:
    """Refuse an action on a package that changed since the person saw it (``gezien``: its
    fingerprint, or the first :data:`SHORTEST_PAKKET` or more characters of it)."""
    seen = gezien.strip().casefold()
    if len(seen) >= SHORTEST_PAKKET and package.fingerprint.startswith(seen):
        return
    refused = RouteRefused(
        f"pakket: expected the package you saw ({seen[:16] or 'none'}), got a changed "
        f"package ({package.fingerprint[:16]}): look at it again ('besluitpak route status') "
        f"before {'you send it back' if wat == 'terugsturen' else f'your {wat}'}; "
        "nothing was recorded"
    )
    if wat == "terugsturen":
        raise refused.coded("route-package-changed-return")
    raise refused.coded("route-package-changed", wat=wat)


def indienen(
    folder: Path,
    *,
    door: str,
    opmerking: str = "",
    now: dt.datetime | None = None,
    vergaderingen: Sequence[Path] = (),
) -> RouteStatus:
    """Submit the case (concept, or sent back): its route starts at the first step."""

    def check(state: _State) -> None:
        if state.status.status != "concept":
            raise RouteRefused(
                f"indienen: expected a case in status concept, got {state.status.label}"
            ).coded("route-not-concept", label=state.status.label)

    return _act(
        folder,
        now,
        vergaderingen,
        check,
        {"wat": "indienen", "door": door, "als": "steller", "opmerking": opmerking},
    )


def _refuse_unheld(als: str, functies: Collection[str] | None) -> None:
    if functies is not None and als.casefold() not in {f.casefold() for f in functies}:
        held = ", ".join(functies) or "none"
        raise RouteRefused(f"als: expected one of your functions ({held}), got {als!r}").coded(
            "route-unheld", als=als, held=held
        )


def _slot_for(state: _State, soort: str, action: dict[str, Any]) -> Slot:
    """The open slot of the current step that ``action`` would fill, or a refusal."""
    status = state.status
    step = status.current
    wat = "an advice" if soort == "advies" else "a paraaf"
    if step is None or step.soort != soort:
        raise RouteRefused(
            f"{soort}: the case is {status.label}; it does not wait for {wat} now"
        ).coded("route-not-waiting", soort=soort, label=status.label)
    probe = record.Action.model_validate({**action, "nr": 1, "tijd": dt.datetime.now(dt.UTC)})
    for slot in step.slots:
        if matches(probe, functie=slot.functie, persoon=slot.persoon) and not slot.done:
            return slot
    for done in (s for earlier in status.steps for s in earlier.slots if s.done):
        if done.soort == soort and matches(probe, functie=done.functie, persoon=done.persoon):
            raise RouteRefused(f"{soort}: {done.wie} has already been given in this round").coded(
                "route-already-given", soort=soort, wie=done.wie
            )
    asked = ", ".join(s.wie for s in step.slots if not s.done)
    voor = action.get("namens") or action.get("als")
    raise RouteRefused(
        f"{soort}: the step {step.naam!r} waits for {asked}, not for {voor!r} "
        f"(by {action['door']!r})"
    ).coded("route-not-asked", soort=soort, stap=step.naam, asked=asked, voor=str(voor))


def advies(
    folder: Path,
    *,
    door: str,
    als: str,
    oordeel: str,
    opmerking: str = "",
    namens: str | None = None,
    functies: Collection[str] | None = None,
    pakket: str | None = None,
    now: dt.datetime | None = None,
    vergaderingen: Sequence[Path] = (),
) -> RouteStatus:
    """Give the advice of function ``als`` (or ``namens`` a function, as its substitute):
    ``akkoord`` or ``bezwaar``, with a comment. An advice does not bind: a bezwaar is shown
    to whoever initials next, the route goes on. ``pakket``: the fingerprint of the package
    the person looked at; refused, nothing written, when the package is no longer that."""
    if oordeel not in ("akkoord", "bezwaar"):
        raise RouteRefused(f"oordeel: expected akkoord or bezwaar, got {oordeel!r}").coded(
            "route-oordeel", oordeel=str(oordeel)
        )
    _refuse_unheld(als, functies)
    action = {
        "wat": "advies",
        "door": door,
        "als": als,
        "namens": namens,
        "oordeel": oordeel,
        "opmerking": opmerking,
    }
    return _act(
        folder, now, vergaderingen, lambda s: _slot_for(s, "advies", action), action, pakket
    )


def paraaf(
    folder: Path,
    *,
    door: str,
    als: str,
    namens: str | None = None,
    opmerking: str = "",
    functies: Collection[str] | None = None,
    pakket: str | None = None,
    now: dt.datetime | None = None,
    vergaderingen: Sequence[Path] = (),
) -> RouteStatus:
    """Initial the proposal as function ``als`` (or ``namens`` a function, as its
    substitute: both recorded). Refused for its steller and for whoever submitted it, and
    when the package is no longer ``pakket`` (the fingerprint of the one the person saw)."""
    _refuse_unheld(als, functies)
    action = {"wat": "paraaf", "door": door, "als": als, "namens": namens, "opmerking": opmerking}

    def check(state: _State) -> None:
        _slot_for(state, "paraaf", action)
        if not state.status.may_initial(door):
            raise RouteRefused(
                f"paraaf: {door} wrote or submitted this proposal and may not "
                "initial it; ask a colleague (or a substitute, --namens)"
            ).coded("route-own-proposal", door=door)

    return _act(folder, now, vergaderingen, check, action, pakket)


def terugsturen(
    folder: Path,
    *,
    door: str,
    reden: str,
    als: str | None = None,
    functies: Collection[str] | None = None,
    secretariaat: bool = False,
    pakket: str | None = None,
    now: dt.datetime | None = None,
    vergaderingen: Sequence[Path] = (),
) -> RouteStatus:
    """Send the proposal back to its steller with a reason: concept again; its advices and
    parafen so far no longer count (the next submission starts a new round). Only whoever
    the current step asks may (``functies``: the functions ``door`` holds or stands in for;
    default: ``als``), or the secretariat (``secretariaat``) once it is geparafeerd
    (:meth:`RouteStatus.may_return`, the page's check too). ``pakket``: as for
    :func:`paraaf`, refused when the package changed since the person saw it."""
    if not reden.strip():
        raise RouteRefused("reden: expected the reason the proposal is sent back, got none").coded(
            "route-no-reden"
        )
    held = list(functies) if functies is not None else ([als] if als else [])

    def check(state: _State) -> None:
        status = state.status
        if status.status not in ("in advies", "ter parafering", "geparafeerd", "aangehouden"):
            raise RouteRefused(
                f"terugsturen: the case is {status.label}; only a case "
                "on its route (in advies, ter parafering, geparafeerd, "
                "aangehouden) can be sent back"
            ).coded("route-not-on-route", label=status.label)
        if not status.may_return(door, functies=held, secretariaat=secretariaat):
            _refuse_return(status, door, als)

    return _act(
        folder,
        now,
        vergaderingen,
        check,
        {"wat": "terugsturen", "door": door, "als": als, "opmerking": reden},
        pakket,
    )


def _refuse_return(status: RouteStatus, door: str, als: str | None) -> None:
    """Refuse a sending back by someone the route does not ask now."""
    asked = ", ".join(s.wie for s in status.waiting) or "the secretariaat"
    raise RouteRefused(
        f"als: expected one of the functions the case waits for ({asked}), "
        f"got {repr(als) if als else 'none'} (by {door!r}): only they may send it back while it is "
        f"{status.label}"
    ).coded("route-not-returning", label=status.label, asked=asked)


@dataclass(frozen=True, kw_only=True)
class Task:
    """What waits for a person: a case, the slot, and its termijn."""

    case: str
    """The case folder's name in the workspace."""
    status: RouteStatus
    slot: Slot


def tasks(
    root: Path, *, door: str, functies: Collection[str], today: dt.date | None = None
) -> list[Task]:
    """ "Mijn taken": in every case of the workspace ``root``, the advices and parafen that
    wait for ``door`` or one of ``functies`` (never their own proposal's paraaf)."""
    from besluitpak.editing.workspace import case_names

    held = {f.casefold() for f in functies}
    found = []
    for name in case_names(root):
        try:
            status = route_status(root / name, today=today)
        except BesluitpakError:
            continue
        for slot in status.waiting:
            mine = (slot.persoon is not None and same_name(slot.persoon, door)) or (
                slot.functie is not None and slot.functie.casefold() in held
            )
            own = slot.soort == "paraaf" and not status.may_initial(door)
            if mine and not own:
                found.append(Task(case=name, status=status, slot=slot))
    return found
