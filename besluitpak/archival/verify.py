"""``besluitpak verify``: checksums, sizes, the manifest chain and MDTO of archived versions,
and the structure of a single archived bundle."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from besluitpak.archival.layout import (
    MANIFEST,
    SNAPSHOT,
    VERSION_NAME,
    Rebuild,
    read_manifest,
)
from besluitpak.archival.mdto import mdto_problem
from besluitpak.casefile.case import load_case
from besluitpak.errors import ArchiveError, BesluitpakError
from besluitpak.files import sha256


@dataclass
class Verification:
    """What ``verify`` checked, and what it found wrong."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(path: Path, *, rebuild: Rebuild | None = None) -> Verification:
    """Verify a version folder, a kenmerk's folder, a whole archief, or one bundle PDF."""
    result = Verification()
    if path.is_file():
        _verify_file(path, result)
    elif (path / MANIFEST).exists():
        _verify_version(path, result, rebuild=rebuild)
    elif path.is_dir():
        found = [
            v
            for v in sorted(path.rglob(MANIFEST))
            if VERSION_NAME.match(v.parent.name)
            and not any(p.startswith(".tmp-") for p in v.relative_to(path).parts)
        ]
        if not found:
            result.problems.append(f"{path}: no archived versions found")
        for manifest in found:
            _verify_version(manifest.parent, result, rebuild=rebuild)
    else:
        result.problems.append(f"{path}: no such file or folder")
    return result


def _verify_version(version: Path, result: Verification, *, rebuild: Rebuild | None) -> None:
    """Check one version folder: its files against the manifest, its MDTO records, and its
    link to the previous version; then, if asked and all that holds, rebuild it."""
    try:
        manifest = read_manifest(version)
    except ArchiveError as e:
        result.problems.append(str(e))
        return
    shape = list(_shape_problems(version / MANIFEST, manifest))
    if shape:
        result.problems.extend(shape)
        return
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    result.problems.extend(_file_problems(version, listed))
    result.problems.extend(_mdto_problems(version, manifest))
    result.problems.extend(_chain_problems(version, manifest))
    result.checked.append(f"{version}: {len(listed)} files")
    if rebuild is not None and not any(str(version) in p for p in result.problems):
        _verify_rebuild(version, manifest, result, rebuild)


_FIELDS: dict[str, dict[str, type]] = {
    "files": {"path": str, "sha256": str, "size": int},
    "editions": {"file": str},
}


def _shape_problems(path: Path, manifest: Any) -> Iterator[str]:
    """The keys verify reads, missing or of the wrong type, as ``file: key: expected X, got Y``."""
    from besluitpak.casefile.yamlsrc import describe

    if not isinstance(manifest, dict):
        yield f"{path}: expected a JSON object, got {describe(manifest)}"
        return
    for key, fields in _FIELDS.items():
        entries = manifest.get(key)
        if not isinstance(entries, list):
            yield f"{path}: {key}: expected a list, got {describe(entries)}"
            continue
        for index, entry in enumerate(entries):
            for name, kind in fields.items():
                value = entry.get(name) if isinstance(entry, dict) else None
                if not isinstance(value, kind) or isinstance(value, bool):
                    word = "text" if kind is str else "a whole number"
                    yield f"{path}: {key}[{index}].{name}: expected {word}, got {describe(value)}"
    previous = manifest.get("previous")
    if previous is not None and not (
        isinstance(previous, dict)
        and isinstance(previous.get("version"), str)
        and isinstance(previous.get("manifest_sha256"), str)
    ):
        yield (
            f"{path}: previous: expected nothing or a version and its manifest_sha256, "
            f"got {describe(previous)}"
        )


def _file_problems(version: Path, listed: dict[str, dict[str, Any]]) -> Iterator[str]:
    """Files missing, not listed, or changed, compared with the manifest's list."""
    present = {
        p.relative_to(version).as_posix()
        for p in version.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    for missing in sorted(set(listed) - present):
        yield f"{version / missing}: missing (listed in the manifest)"
    for extra in sorted(present - set(listed)):
        yield f"{version / extra}: not listed in the manifest"
    for relative in sorted(set(listed) & present):
        entry = listed[relative]
        file = version / relative
        if file.stat().st_size != entry["size"] or sha256(file) != entry["sha256"]:
            yield f"{file}: checksum does not match the manifest (the file was changed)"


def _mdto_problems(version: Path, manifest: dict[str, Any]) -> Iterator[str]:
    """MDTO records that do not validate, and records whose checksum is not their PDF's."""
    for record in sorted((version / "mdto").glob("*.xml")):
        problem = mdto_problem(record.read_bytes())
        if problem:
            yield f"{record}: not valid MDTO: {problem}"
    for edition in manifest.get("editions", []):
        pdf = version / edition["file"]
        record = version / "mdto" / f"{edition['file']}.xml"
        if pdf.exists() and record.exists() and sha256(pdf) not in record.read_text():
            yield f"{record}: its checksum is not that of {pdf.name}"


def _chain_problems(version: Path, manifest: dict[str, Any]) -> Iterator[str]:
    """The previous version's manifest, if this one names one, must be there unchanged."""
    previous = manifest.get("previous")
    if not previous:
        return
    before = version.parent / previous["version"] / MANIFEST
    if not before.exists() or sha256(before) != previous["manifest_sha256"]:
        yield (
            f"{version / MANIFEST}: the previous version's manifest "
            f"({previous['version']}) is missing or changed"
        )


def _verify_rebuild(
    version: Path, manifest: dict[str, Any], result: Verification, rebuild: Rebuild
) -> None:
    with tempfile.TemporaryDirectory(prefix="besluitpak-rebuild-") as tmp:
        work = Path(tmp)
        shutil.copytree(version / SNAPSHOT, work / SNAPSHOT)
        for path in (work / SNAPSHOT).rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        case = load_case(work / SNAPSHOT)
        today = dt.date.fromisoformat(manifest["options"]["today"])
        for bundle in rebuild(case, work / "out", today):
            archived = version / bundle.name
            same = archived.exists() and sha256(archived) == sha256(bundle)
            if not same:
                result.problems.append(
                    f"{archived}: a rebuild from the snapshot gives other "
                    f"bytes (SHA-256 {sha256(bundle)[:16]}…)"
                )
            else:
                result.checked.append(f"{archived.name}: rebuilt, same SHA-256")


def _verify_file(path: Path, result: Verification) -> None:
    from besluitpak.pdf.inspect import inspect

    manifest_path = path.parent / MANIFEST
    if manifest_path.exists():
        try:
            manifest = read_manifest(path.parent)
        except ArchiveError as e:
            result.problems.append(str(e))
            return
        shape = list(_shape_problems(manifest_path, manifest))
        if shape:
            result.problems.extend(shape)
            return
        entries = {e["path"]: e for e in manifest["files"]}
        entry = entries.get(path.name)
        if entry is None:
            result.problems.append(f"{path}: not listed in {manifest_path}")
        elif sha256(path) != entry["sha256"]:
            result.problems.append(
                f"{path}: checksum does not match the manifest (the file was changed)"
            )
        else:
            result.checked.append(f"{path}: checksum matches the manifest")
    try:
        report = inspect(path)
    except BesluitpakError as e:
        result.problems.append(str(e))
        return
    for check in report.failed():
        result.problems.append(f"{path}: {check.name}: {check.detail}")
    result.checked.append(f"{path}: {len(report.checks)} structure checks")
