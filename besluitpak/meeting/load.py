"""Load a vergadering file and every case it names; report all problems at once.

The file is read as a case file is (:mod:`besluitpak.casefile.yamlsrc`: the line of every
key, duplicate keys found), validated against :mod:`besluitpak.meeting.schema`, and each
agenda item's case is loaded with :func:`besluitpak.load_case`. Problems in the vergadering
file and in the cases come together, each with its file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from besluitpak.casefile import lak, refs, validation, yamlsrc
from besluitpak.casefile.case import Case, load_case
from besluitpak.casefile.paths import case_file
from besluitpak.casefile.yamlsrc import KeyPath, Source
from besluitpak.errors import CaseError, Problem
from besluitpak.meeting.schema import Agendapunt, Soort, Uitkomst, VergaderingFile

DEFAULT_FILE = "vergadering.yaml"
"""The vergadering file a folder stands for."""


@dataclass(frozen=True, kw_only=True)
class Item:
    """One agenda item: its number, its case and what the file says about it."""

    nummer: int
    """1, 2, 3 … in the order of ``agenda``."""
    case: Case
    punt: Agendapunt

    @property
    def soort(self) -> Soort:
        return self.punt.soort

    @property
    def uitkomst(self) -> Uitkomst | None:
        return self.punt.uitkomst

    def under_embargo(self, today: dt.date) -> bool:
        """Its case's embargo has not ended on ``today``: nothing of it may be published."""
        embargo = self.case.meta.embargo_tot
        return embargo is not None and today < embargo

    @property
    def besluitpunten(self) -> tuple[str, ...]:
        """What the college decided: the adopted besluitpunten when ``gewijzigd``, else the
        voorstel's (with every ``{bijlage:id}`` already written out)."""
        if self.punt.besluitpunten is not None:
            return tuple(refs.substitute(p, self.case.numbers) for p in self.punt.besluitpunten)
        data = self.case.voorstel.data or {}
        found = data.get("besluitpunten", ())
        return tuple(str(p) for p in found) if isinstance(found, tuple | list) else ()


@dataclass(frozen=True, kw_only=True)
class Vergadering:
    """A validated vergadering: the file's data and the loaded case of every item."""

    path: Path
    root: Path
    """The folder of the vergadering file: ``zaak`` paths are relative to it."""
    source: Source
    meta: VergaderingFile
    items: tuple[Item, ...]

    @property
    def inputs(self) -> tuple[Path, ...]:
        """The vergadering file and every input of every case."""
        return tuple(dict.fromkeys([self.path, *(p for i in self.items for p in i.case.inputs)]))

    def problem(self, path: KeyPath, message: str) -> Problem:
        return self.source.problem(path, message)


def find_vergadering(path: Path) -> Path:
    """A folder means its ``vergadering.yaml``."""
    return path / DEFAULT_FILE if path.is_dir() and (path / DEFAULT_FILE).exists() else path


def load_vergadering(path: Path) -> Vergadering:
    """Load and validate the vergadering file at ``path`` and every case it names.

    Raises :class:`CaseError` listing every problem found, in the file and in the cases.
    """
    path = find_vergadering(path)
    try:
        source = yamlsrc.load(path)
    except CaseError as e:
        raise CaseError(e.problems, what="the vergadering") from None
    root = path.resolve().parent
    meta: VergaderingFile | None = None
    problems: list[Problem] = []
    try:
        meta = VergaderingFile.model_validate(source.data)
    except ValidationError as e:
        problems += validation.problems(e, source, model=VergaderingFile, patterns=_PATTERNS)
    items: list[Item] = []
    seen: dict[Path, int] = {}
    kenmerken: dict[str, int] = {}
    for index, zaak, punt in _agenda(source.data, meta):
        key: KeyPath = ("agenda", index, "zaak")
        case = _case(root, zaak, source, key, problems)
        if case is None:
            continue
        if case.path in seen:
            problems.append(
                source.problem(
                    key,
                    f"expected each case once on the agenda, got {zaak!r} again "
                    f"(also agendapunt {seen[case.path] + 1})",
                )
            )
            continue
        seen[case.path] = index
        kenmerk = case.meta.kenmerk
        if kenmerk in kenmerken:
            problems.append(
                source.problem(
                    key,
                    f"expected a different kenmerk for each item, got {kenmerk} again "
                    f"(also agendapunt {kenmerken[kenmerk] + 1})",
                )
            )
        kenmerken.setdefault(kenmerk, index)
        if meta is None or punt is None:
            continue  # the file's own problems above; its cases are checked all the same
        problems.extend(_gemeente_problems(source, key, meta, case))
        problems.extend(_reference_problems(source, index, punt, case))
        items.append(Item(nummer=index + 1, case=case, punt=punt))
    if problems or meta is None:
        raise CaseError(problems, what="the vergadering")
    return Vergadering(path=path.resolve(), root=root, source=source, meta=meta, items=tuple(items))


def _gemeente_problems(
    source: Source, key: KeyPath, meta: VergaderingFile, case: Case
) -> list[Problem]:
    """A case of another gemeente than the vergadering's."""
    if case.meta.gemeente.cbs_code == meta.gemeente.cbs_code:
        return []
    return [
        source.problem(
            key,
            f"expected a case of gemeente {meta.gemeente.naam} "
            f"({meta.gemeente.cbs_code}), got one of {case.meta.gemeente.naam} "
            f"({case.meta.gemeente.cbs_code})",
        )
    ]


def _agenda(
    data: object, meta: VergaderingFile | None
) -> Iterator[tuple[int, str, Agendapunt | None]]:
    """(index, zaak, the validated item) of every agenda item; when the file did not
    validate, every item whose ``zaak`` is text, without the item, so that the cases are
    checked too and every problem is reported at once."""
    if meta is not None:
        for index, punt in enumerate(meta.agenda):
            yield index, punt.zaak, punt
        return
    agenda = data.get("agenda") if isinstance(data, dict) else None
    for index, item in enumerate(agenda if isinstance(agenda, list) else []):
        zaak = item.get("zaak") if isinstance(item, dict) else None
        if isinstance(zaak, str) and zaak.strip():
            yield index, zaak, None


def _case(
    root: Path, zaak: str, source: Source, key: KeyPath, problems: list[Problem]
) -> Case | None:
    """The case at ``zaak`` (relative to the vergadering file), or None with a problem."""
    where = Path(zaak).expanduser()
    target = case_file(where if where.is_absolute() else root / where)
    if not target.exists():
        problems.append(
            source.problem(key, f"expected a case folder or case file, got {zaak!r}: not found")
        )
        return None
    if target.is_dir():
        problems.append(
            source.problem(
                key, f"expected a case folder holding besluitpak.yaml, got folder {zaak!r}"
            )
        )
        return None
    if target.resolve() == source.file.resolve():
        problems.append(
            source.problem(key, f"expected a case, got {zaak!r}: the vergadering file itself")
        )
        return None
    if target.suffix.lower() not in (".yaml", ".yml"):
        problems.append(
            source.problem(
                key, f"expected a case folder or a case file (.yaml), got the file {zaak!r}"
            )
        )
        return None
    try:
        return load_case(target)
    except CaseError as e:
        if _is_vergadering(target):
            problems.append(
                source.problem(key, f"expected a case, got {zaak!r}: a vergadering file")
            )
        else:
            problems.extend(e.problems)
        return None


def _is_vergadering(path: Path) -> bool:
    """Whether ``path`` reads as a vergadering file (an agenda, no kenmerk): named as a
    case by mistake, its problems as a case would say nothing useful."""
    try:
        data = yamlsrc.load(path).data
    except CaseError:
        return False
    return isinstance(data, dict) and "agenda" in data and "kenmerk" not in data


def _reference_problems(
    source: Source, index: int, punt: Agendapunt, case: Case
) -> Iterator[Problem]:
    """Every ``{bijlage:id}`` in the adopted besluitpunten must name a bijlage of the case,
    and every ``{lak:…}`` there and in the samenvatting must be well formed (the
    besluitenlijst is public: a passage it cannot read would be printed)."""
    numbers = case.numbers
    if punt.samenvatting:
        for problem in lak.problems(punt.samenvatting):
            yield source.problem(("agenda", index, "samenvatting"), problem)
    for number, text in enumerate(punt.besluitpunten or ()):
        key: KeyPath = ("agenda", index, "besluitpunten", number)
        for problem in lak.problems(text):
            yield source.problem(key, problem)
        for written, meant in refs.malformed(text):
            yield source.problem(
                key,
                f"expected a reference like {{bijlage:kaart}} (no spaces), got {written!r}; "
                f"did you mean {meant}?",
            )
        for first, last in refs.find(text):
            for ident in (first, last):
                if ident is not None and ident not in numbers:
                    hint = difflib.get_close_matches(ident, list(numbers), n=1)
                    yield source.problem(
                        key,
                        f"reference to unknown bijlage id {ident!r}: expected one of the "
                        f"bijlage ids of {case.meta.kenmerk}"
                        + (f"; did you mean {hint[0]!r}?" if hint else ""),
                    )


def require_uitkomst(vergadering: Vergadering) -> None:
    """Every item's ``uitkomst`` is filled in (the besluitenlijst needs them all)."""
    problems = [
        vergadering.problem(
            ("agenda", item.nummer - 1),
            "required key 'uitkomst' is missing: the besluitenlijst needs the outcome of "
            "every item (conform, gewijzigd, aangehouden or teruggetrokken)",
        )
        for item in vergadering.items
        if item.uitkomst is None
    ]
    if problems:
        raise CaseError(problems, what="the vergadering")


# --- what a text that does not match its pattern should look like -------------------------


_PATTERNS = {
    "nummer": 'expected a meeting number like "2026-10" (letters, digits and / - . _), got {got}',
    "cbs_code": 'expected a four-digit CBS code in quotes, like "0392", got {got}',
    "publicatie_url": "expected the web address of a folder, starting with http:// or "
    "https:// and without spaces, got {got}",
}


def problems_of(path: Path) -> Iterator[Problem]:
    """Every problem of the vergadering file at ``path`` and its cases (none: it loads)."""
    try:
        load_vergadering(path)
    except CaseError as e:
        yield from e.problems
