"""Stage 6: the versioned archive an archivist can trust.

Each archived version is a folder ``archief/<kenmerk>/vNNN/`` holding the editions, a
snapshot of every input (``invoer/``), MDTO 1.0.1 records (``mdto/``) and a manifest with
the SHA-256 and size of every file, the tool versions and the build options. A version is
written in a hidden folder and renamed into place under a lock, then made read-only: an
interrupted run leaves no half version, two runs never take the same number, and nothing
is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import platform
import shutil
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from besluitpak import fingerprint
from besluitpak.archival import trail
from besluitpak.archival.layout import (
    MANIFEST,
    SEAL,
    SNAPSHOT,
    Build,
    kenmerk_folder,
    read_manifest,
    versions,
)
from besluitpak.archival.mdto import write_mdto
from besluitpak.archival.sealing import SIGNED, seal
from besluitpak.casefile.case import Case
from besluitpak.errors import ArchiveError
from besluitpak.files import sha256
from besluitpak.publication.editions import EDITIONS, plan_edition


@dataclass(frozen=True, kw_only=True)
class Archived:
    """The result of ``archive``: the version folder, and whether it is new."""

    version: Path
    new: bool


def _fingerprint(case: Case, today: dt.date, tools: dict[str, str]) -> dict[str, Any]:
    """What decides a version's content: the inputs' bytes and what each edition holds."""
    plans = [plan_edition(case, name, today=today) for name in EDITIONS]
    identity = fingerprint.archive_fingerprint(case, plans, tools=tools)
    route = trail.record_bytes(case)
    if route:  # the route record grew: a new version keeps it (none: as before)
        identity["route"] = hashlib.sha256(route).hexdigest()
    return identity


def _relative(case: Case, path: Path) -> str:
    return path.resolve().relative_to(case.root).as_posix()


def archive(
    case: Case,
    *,
    archief: Path,
    today: dt.date,
    build: Build,
    tools: dict[str, str],
    door: str | None = None,
) -> Archived:
    """Store the case's editions, made by ``build``, as its next version, unless the latest
    is identical; ``tools`` is the toolchain's fingerprint (see fingerprint.tools); ``door``
    is who archives, as the manifest records it (default: the OS user, user@host)."""
    folder = kenmerk_folder(archief, case.meta.kenmerk)
    trail.refuse_broken(case, folder)  # a cut-off or shortened route record: nothing kept
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot create the archive folder: {e.strerror}") from e
    identity = _fingerprint(case, today, tools)
    existing = versions(folder)
    if existing and read_manifest(existing[-1]).get("fingerprint") == identity:
        return Archived(version=existing[-1], new=False)

    staging = folder / f".tmp-{uuid.uuid4().hex}"
    try:
        _write_version(case, staging, today=today, build=build, identity=identity, door=door)
        with VersionLock(folder):
            _clean_leftovers(folder, keep=staging)
            existing = versions(folder)
            if existing and read_manifest(existing[-1]).get("fingerprint") == identity:
                return Archived(version=existing[-1], new=False)  # another run was first
            number = int(existing[-1].name[1:]) + 1 if existing else 1
            target = folder / f"v{number:03d}"
            _chain(staging, existing[-1] if existing else None, number)
            _seal(staging)
            _freeze(staging)
            os.rename(staging, target)  # atomic: the version appears whole or not at all
        return Archived(version=target, new=True)
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot write the version: {e.strerror or e}") from e
    finally:
        if staging.exists():
            _unfreeze(staging)
            shutil.rmtree(staging, ignore_errors=True)


def refuse_broken_route(case: Case, archief: Path) -> None:
    """Refuse (:class:`CaseError`, file and line) a route record that is cut off, broken or
    shorter than the latest archived version's, before anything is built or written."""
    trail.refuse_broken(case, kenmerk_folder(archief, case.meta.kenmerk))


class VersionLock:
    """An exclusive lock on an archive folder (a kenmerk's, a meeting's) while a version
    number is taken: a second run waits (``folder/.lock``, an flock the kernel frees when
    the holder dies)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / ".lock"
        self._lock = FileLock(self.path)

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *_: object) -> None:
        self._lock.release()


def _clean_leftovers(folder: Path, *, keep: Path) -> None:
    """Remove work that an interrupted run left (under the lock, so never a live one's)."""
    for leftover in folder.glob(".tmp-*"):
        if leftover != keep and not _in_use(leftover):
            _unfreeze(leftover)
            shutil.rmtree(leftover, ignore_errors=True)


def _in_use(staging: Path) -> bool:
    owner = staging / ".owner"
    try:
        pid = int(owner.read_text())
        os.kill(pid, 0)
        return True
    except (OSError, ValueError):
        return False


def _write_version(
    case: Case,
    staging: Path,
    *,
    today: dt.date,
    build: Build,
    identity: dict[str, Any],
    door: str | None = None,
) -> None:
    staging.mkdir()
    (staging / ".owner").write_text(str(os.getpid()))
    bundles, plans = build(staging / ".build")
    outputs = []
    for bundle in bundles:
        target = staging / bundle.name
        shutil.copyfile(bundle, target)
        outputs.append(target)
    shutil.rmtree(staging / ".build")
    signed = seal(outputs)  # before any checksum is taken; nothing without a configured key
    snapshot = staging / SNAPSHOT
    for source in case.inputs:
        relative = _relative(case, source)
        (snapshot / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, snapshot / relative)
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0)
    write_mdto(case, staging, outputs, moment=moment, route=trail.keep(case, staging))
    manifest = {
        "kenmerk": case.meta.kenmerk,
        "onderwerp": case.meta.onderwerp,
        "created": moment.isoformat(),
        "user": door or f"{getpass.getuser()}@{socket.gethostname()}",
        "options": {"editions": list(EDITIONS), "today": today.isoformat()},
        "embargo": {
            "embargo_tot": case.meta.embargo_tot.isoformat() if case.meta.embargo_tot else None,
            "active": any(p.embargo is not None for p in plans),
        },
        "editions": [
            {
                "name": p.name,
                "file": _bundle_file(bundles, p.name),
                "withheld": [{"bijlage": d.number, "grond": d.grond} for d in p.withheld],
            }
            for p in plans
        ],
        "inputs": [
            {
                "path": f"{SNAPSHOT}/{_relative(case, p)}",
                "role": _role(case, p),
                "sha256": sha256(p),
                "size": p.stat().st_size,
            }
            for p in sorted(case.inputs)
        ],
        "tools": _tools(identity["tools"]),
        "fingerprint": identity,
        **({SIGNED: signed} if signed else {}),
    }
    (staging / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _chain(staging: Path, previous: Path | None, number: int) -> None:
    """Number the manifest, link it to the previous one, and list every file's checksum."""
    path = staging / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["version"] = f"v{number:03d}"
    manifest["previous"] = (
        None
        if previous is None
        else {"version": previous.name, "manifest_sha256": sha256(previous / MANIFEST)}
    )
    (staging / ".owner").unlink(missing_ok=True)
    manifest["files"] = [
        {"path": p.relative_to(staging).as_posix(), "sha256": sha256(p), "size": p.stat().st_size}
        for p in sorted(staging.rglob("*"))
        if p.is_file() and p.name not in (MANIFEST, SEAL)
    ]
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _seal(staging: Path) -> None:
    """Write the manifest's SHA-256 beside it, as ``sha256sum`` writes it: the next version's
    manifest covers this one, and the seal covers the newest (record it outside the archive)."""
    (staging / SEAL).write_text(f"{sha256(staging / MANIFEST)}  {MANIFEST}\n", encoding="ascii")


def _freeze(folder: Path) -> None:
    for path in folder.rglob("*"):
        path.chmod(0o444 if path.is_file() else 0o555)
    folder.chmod(0o555)


def _unfreeze(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)


def _role(case: Case, path: Path) -> str:
    if path.resolve() == case.path:
        return "case"
    for document in case.documents:
        if document.template is not None and path.resolve() == document.template:
            return "template"
        if document.data_file is not None and path.resolve() == document.data_file:
            return "data"
        if document.bestand is not None and path.resolve() == document.bestand:
            return "bestand"
    return "input"


def _tools(tools: dict[str, str]) -> dict[str, Any]:
    """The tools that made the version, as the manifest records them."""
    libraries = dict(entry.rsplit("-", 1) for entry in fingerprint.library_versions())
    return {**tools, "python": platform.python_version(), "libraries": libraries}


def _bundle_file(bundles: Sequence[Path], edition: str) -> str:
    return next(b.name for b in bundles if b.name.endswith(f"-{edition}.pdf"))
