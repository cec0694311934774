"""A case's record of route actions: ``besluitpak.route.jsonl`` beside its case file, one
JSON object a line, only ever appended to. Each line names the SHA-256 of the line before
(``vorige``), so a line changed in place breaks the chain at the line after it; the archive
keeps the record with each version, and ``verify`` checks that an earlier version's lines are
a prefix of a later one's.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from besluitpak import chained
from besluitpak.casefile.schema import Model
from besluitpak.casefile.yamlsrc import format_key
from besluitpak.chained import line_hash, next_link, read_lines
from besluitpak.errors import CaseError, Problem

SUFFIX = ".route.jsonl"
Wat = Literal["indienen", "advies", "paraaf", "terugsturen"]


class Action(Model):
    """One action on a case's route, as one line of its record."""

    nr: int = Field(ge=1)
    """The line's number, from 1."""
    tijd: dt.datetime
    """When (UTC)."""
    wat: Wat
    """``indienen``, ``advies``, ``paraaf`` or ``terugsturen``."""
    door: str = Field(min_length=1)
    """Who acted (a person's name or user name)."""
    als: str | None = None
    """The function they acted in (``juridisch``, ``teammanager Wijken``)."""
    namens: str | None = None
    """The function they acted for, as a substitute (delegation): both are recorded."""
    oordeel: Literal["akkoord", "bezwaar"] | None = None
    """An advice's judgement."""
    opmerking: str = ""
    """The comment, or the reason a proposal was sent back."""
    pakket: str | None = None
    """The fingerprint of the package version they saw: the digest of its inputs."""
    bestanden: dict[str, str] = Field(default_factory=dict)
    """That package's inputs: path in the case -> SHA-256 (what changed since is their
    difference)."""
    vorige: str = ""
    """The SHA-256 of the line before ("" on the first line)."""

    @property
    def voor(self) -> str:
        """The function the action counts for: ``namens`` when given, else ``als``."""
        return self.namens or self.als or ""


def record_file(case_file: Path) -> Path:
    """The record of the case whose case file is ``case_file``: beside it."""
    return case_file.with_name(case_file.stem + SUFFIX)


def parse(lines: list[bytes], *, shown: Path) -> tuple[list[Action], list[Problem]]:
    """The actions of ``lines`` and every problem with them, each at its line of ``shown``:
    not JSON, not an action, a number out of turn, or a chain broken (a line rewritten)."""
    actions: list[Action] = []
    problems: list[Problem] = []
    previous = ""
    for number, line in enumerate(lines, start=1):

        def problem(key: str, message: str, number: int = number) -> None:
            problems.append(Problem(file=shown, line=number, key=key, message=message))

        try:
            data: Any = json.loads(line)
            action = Action.model_validate(data)
        except ValueError as e:
            if isinstance(e, ValidationError):
                for item in e.errors():
                    problem(
                        format_key(tuple(item["loc"])), f"{item['msg']}, got {item.get('input')!r}"
                    )
            else:
                problem("", f"expected one JSON object, got text that is not JSON ({e})")
            previous = line_hash(line)
            continue
        if action.nr != number:
            problem("nr", f"expected {number} (the line's number), got {action.nr}")
        if action.vorige != previous:
            problem(
                "vorige",
                f"expected {previous[:16] or 'nothing'}… (the SHA-256 of line "
                f"{number - 1}), got {action.vorige[:16] or 'nothing'}…: a line before it "
                "was changed",
            )
        previous = line_hash(line)
        actions.append(action)
    return actions, problems


def read(path: Path, *, shown: Path | None = None) -> list[Action]:
    """The actions in the record at ``path``; :class:`CaseError` with every problem."""
    actions, problems = parse(read_lines(path), shown=shown or path)
    if problems:
        raise CaseError(problems, what="the route record")
    return actions


def line_of(action: Action) -> bytes:
    """An action as its line (compact JSON, keys in the model's order), with a newline."""
    text = json.dumps(action.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def append(path: Path, action: dict[str, Any]) -> Action:
    """Append ``action`` (without ``nr`` and ``vorige``: they are filled in) to the record at
    ``path``, flushed to disk; the caller holds the case's edit lock."""
    read(path)  # a broken record is refused, never added to
    lines = read_lines(path)
    made = Action.model_validate({**action, **next_link(lines)})
    chained.append(path, line_of(made))
    return made
