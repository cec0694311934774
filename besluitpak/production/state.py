"""What an output folder remembers of the builds that wrote it (``.besluitpak-state.json``).

For each file written: the key of everything it was built from, and its SHA-256. For each
way a case was built (case file, editions, documents): which input files it read, with
their hashes, and on which day. The second lets ``besluitpak build`` on unchanged inputs
answer "up to date" without loading the case at all; any doubt falls back to the full
check, which loads and validates the case and compares the key of its inputs.

Kept free of the case model and the Word and PDF libraries: this is the whole of a build
that has nothing to do.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak import fingerprint
from besluitpak.casefile import paths
from besluitpak.convert import backend
from besluitpak.files import file_hash, write_atomic
from besluitpak.publication.editions import EDITIONS

log = logging.getLogger(__name__)

STATE_FILE = ".besluitpak-state.json"


@dataclass(frozen=True, kw_only=True)
class Run:
    """One way of building a case: what the quick check compares."""

    case: Path
    """The case file."""
    editions: tuple[str, ...]
    only: tuple[str, ...]
    converter: Mapping[str, str]
    """The identity of the converter (:attr:`besluitpak.convert.backend.Converter.identity`)."""

    def signature(self) -> str:
        """The run and everything besides the input files that the outputs depend on."""
        return fingerprint.run_signature(
            self.case,
            editions=self.editions,
            only=self.only,
            tools=fingerprint.tools(self.converter),
        )


def _read(out: Path) -> dict[str, Any]:
    try:
        loaded = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": {}, "runs": {}}
    if not isinstance(loaded, dict):
        return {"files": {}, "runs": {}}
    if "files" not in loaded:  # written by besluitpak before runs were remembered
        loaded = {"files": loaded}
    loaded.setdefault("runs", {})
    return loaded


def _write(out: Path, state: dict[str, Any]) -> None:
    write_atomic(out / STATE_FILE, json.dumps(state, indent=1, sort_keys=True).encode())


def built_from(out: Path, targets: Sequence[Path], key: str) -> bool:
    """Were all ``targets`` built from inputs with this key, and are they unchanged since?"""
    files = _read(out)["files"]
    for target in targets:
        entry = files.get(target.name)
        if (
            not isinstance(entry, dict)
            or entry.get("key") != key
            or not target.exists()
            or file_hash(target) != entry.get("sha256")
        ):
            return False
    return True


def remember(out: Path, files: Sequence[Path], key: str) -> None:
    """Record the key and hash of each file just written."""
    state = _read(out)
    for path in files:
        state["files"][path.name] = {"key": key, "sha256": file_hash(path)}
    _write(out, state)


def remember_run(
    out: Path,
    run: Run,
    *,
    today: dt.date,
    inputs: Sequence[Path],
    targets: Sequence[Path],
    kenmerk: str,
    what: str,
    notes: Sequence[str],
) -> None:
    """Record which input files (with their hashes) gave ``targets`` today.

    A file that may exist but did not (a template's JSON Schema) is recorded as None: if
    it appears, the run is no longer the same."""
    state = _read(out)
    state["runs"][run.signature()] = {
        "date": today.isoformat(),
        "kenmerk": kenmerk,
        "what": what,
        "notes": list(notes),
        "inputs": {str(path): file_hash(path) if path.exists() else None for path in inputs},
        "targets": {target.name: file_hash(target) for target in targets},
    }
    _write(out, state)


@dataclass(frozen=True, kw_only=True)
class LastBuild:
    """The last build of a case into a folder, still current: what :func:`up_to_date`
    answers."""

    kenmerk: str
    what: str
    notes: tuple[str, ...]
    """What each edition holds (``openbaar: bijlage 3 withheld (…)``)."""
    files: tuple[Path, ...]


def up_to_date(
    case: Path,
    *,
    out: Path,
    editions: Sequence[str] = EDITIONS,
    only: Sequence[str] = (),
    today: dt.date | None = None,
    converter: str | None = None,
) -> LastBuild | None:
    """The last build of ``case`` (a case file, or a folder holding ``besluitpak.yaml``)
    into ``out`` with these options, if it is still current: nothing it read has changed,
    it was today, and its files are as it wrote them. None when in any doubt; then
    :func:`besluitpak.build` decides (it loads the case and compares the key of all its
    inputs, and does nothing either if they are unchanged).

    Loads neither the case model nor the Word and PDF libraries: ``besluitpak build`` on
    unchanged inputs is done in a tenth of a second. ``editions``, ``only`` and
    ``converter`` (its spec) as in :class:`besluitpak.BuildSettings`.
    """
    run = Run(
        case=paths.case_file(case),
        editions=tuple(editions),
        only=tuple(only),
        converter=backend.choose(converter).identity,
    )
    return _last_build(out, run, today=today or dt.date.today())


def _last_build(out: Path, run: Run, *, today: dt.date) -> LastBuild | None:
    """The last build of ``run`` into ``out``, if nothing it read has changed since, it was
    today (what an edition holds depends on the day) and its files are as it wrote them;
    else None (then the full check decides)."""
    state = _read(out)
    try:
        entry = state["runs"][run.signature()]
        if entry["date"] != today.isoformat():
            return None
        for name, digest in entry["inputs"].items():
            path = Path(name)
            if (file_hash(path) if path.exists() else None) != digest:
                return None
        targets = [out / name for name in entry["targets"]]
        for target in targets:  # as this run left them: not touched, nor since rewritten by
            if not target.exists() or file_hash(target) != entry["targets"][target.name]:
                return None  # another run (publish, --only)
        return LastBuild(
            kenmerk=str(entry["kenmerk"]),
            what=str(entry["what"]),
            notes=tuple(str(line) for line in entry["notes"]),
            files=tuple(targets),
        )
    except (KeyError, TypeError, AttributeError, OSError) as e:
        log.debug("%s: no usable record of this run (%s): the full check decides", out, e)
        return None
