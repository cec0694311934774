"""A publication's change of state in the archive's manifest chain.

Each change (gepland, gepubliceerd, ingetrokken) becomes the case's next version: the newest
version's files as they are (editions, snapshot, MDTO records), plus ``publicatie/`` with the
change itself (``staat.json``: who, when, why) and the publication's files at that moment
(``publicatie/bestanden/``: what went public, or what a withdrawal took away). The manifest
is the previous one with the change under ``publicatie``, numbered, linked, listed and sealed
as ``archive`` does it: ``verify`` checks it like any version, and the archive keeps every
file that was ever public.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from besluitpak.archival.layout import MANIFEST, SEAL, kenmerk_folder, read_manifest, versions
from besluitpak.archival.store import (
    VersionLock,
    _chain,
    _clean_leftovers,
    _freeze,
    _seal,
    _unfreeze,
)
from besluitpak.errors import ArchiveError

FOLDER = "publicatie"


def record_change(
    archief: Path, kenmerk: str, change: dict[str, Any], files: Sequence[Path]
) -> Path:
    """Store ``change`` (a state change as JSON) with the publication's ``files`` as the
    kenmerk's next version; the case must have been archived once (``archive``)."""
    folder = kenmerk_folder(archief, kenmerk)
    if not versions(folder):
        raise ArchiveError(
            f"{folder}: nothing archived of {kenmerk}: archive the case first "
            "(besluitpak archive), then its publication's changes join its versions"
        )
    staging = folder / f".tmp-{uuid.uuid4().hex}"
    try:
        with VersionLock(folder):
            _clean_leftovers(folder, keep=staging)
            newest = versions(folder)[-1]
            _copy_version(newest, staging)
            _add_change(staging, change, files)
            number = int(newest.name[1:]) + 1
            target = folder / f"v{number:03d}"
            _chain(staging, newest, number)
            _seal(staging)
            _freeze(staging)
            os.rename(staging, target)
        return target
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot write the version: {e.strerror or e}") from e
    finally:
        if staging.exists():
            _unfreeze(staging)
            shutil.rmtree(staging, ignore_errors=True)


def _copy_version(version: Path, staging: Path) -> None:
    shutil.copytree(version, staging, copy_function=shutil.copyfile)
    _unfreeze(staging)
    for path in staging.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
    (staging / SEAL).unlink(missing_ok=True)
    (staging / ".owner").write_text(str(os.getpid()))


def _add_change(staging: Path, change: dict[str, Any], files: Sequence[Path]) -> None:
    """The change and the files into ``publicatie/`` (the previous change's files replaced:
    the version before keeps them), the change into the manifest."""
    target = staging / FOLDER
    if target.exists():
        shutil.rmtree(target)
    (target / "bestanden").mkdir(parents=True)
    for path in files:
        shutil.copyfile(path, target / "bestanden" / path.name)
    text = json.dumps(change, indent=2, ensure_ascii=False) + "\n"
    (target / "staat.json").write_text(text, encoding="utf-8")
    manifest = read_manifest(staging)
    manifest["publicatie"] = change
    (staging / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def state_history(archief: Path, kenmerk: str) -> list[dict[str, Any]]:
    """The publication's changes the archive holds, oldest first (version, change)."""
    found: list[dict[str, Any]] = []
    for version in versions(kenmerk_folder(archief, kenmerk)):
        change = read_manifest(version).get("publicatie")
        if isinstance(change, dict) and change not in [f["change"] for f in found]:
            found.append({"version": version.name, "change": change})
    return found
