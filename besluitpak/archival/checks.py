"""The checks ``verify`` runs on one archived version folder against its manifest, each a
generator of problems (``file: key: expected X, got Y``, coded for the web page): the
manifest's shape, its version names, its files' sizes and checksums, its inputs, its MDTO
records and its link to the previous version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak.archival.layout import (
    MANIFEST,
    MDTO_NS,
    MEETING_MANIFEST,
    MEETING_SEAL,
    SEAL,
    SNAPSHOT,
    VERSION_NAME,
)
from besluitpak.archival.mdto import mdto_problem
from besluitpak.codes import Coded
from besluitpak.files import sha256


@dataclass(frozen=True)
class Kind:
    """What a version folder is the version of: its manifest's and its seal's names."""

    manifest: str
    seal: str


CASE = Kind(MANIFEST, SEAL)
MEETING = Kind(MEETING_MANIFEST, MEETING_SEAL)


_FIELDS: dict[str, dict[str, type]] = {
    "files": {"path": str, "sha256": str, "size": int},
    "editions": {"file": str},
}


def shape_problems(
    path: Path, manifest: Any, *, keys: tuple[str, ...] = ("files", "editions")
) -> Iterator[str]:
    """The keys verify reads, missing or of the wrong type, as ``file: key: expected X, got Y``."""
    from besluitpak.codes import describe

    if not isinstance(manifest, dict):
        yield Coded(
            f"{path}: expected a JSON object, got {describe(manifest)}",
            "archive-manifest-shape",
            file=str(path),
        )
        return
    for key in keys:
        fields, entries = _FIELDS[key], manifest.get(key)
        if not isinstance(entries, list):
            yield Coded(
                f"{path}: {key}: expected a list, got {describe(entries)}",
                "archive-manifest-shape",
                file=str(path),
            )
            continue
        for index, entry in enumerate(entries):
            for name, kind in fields.items():
                value = entry.get(name) if isinstance(entry, dict) else None
                if not isinstance(value, kind) or isinstance(value, bool):
                    word = "text" if kind is str else "a whole number"
                    yield Coded(
                        f"{path}: {key}[{index}].{name}: expected {word}, got {describe(value)}",
                        "archive-manifest-shape",
                        file=str(path),
                    )
    previous = manifest.get("previous")
    if previous is not None and not (
        isinstance(previous, dict)
        and isinstance(previous.get("version"), str)
        and isinstance(previous.get("manifest_sha256"), str)
    ):
        yield Coded(
            f"{path}: previous: expected nothing or a version and its manifest_sha256, "
            f"got {describe(previous)}",
            "archive-manifest-shape",
            file=str(path),
        )


def name_problems(version: Path, manifest: dict[str, Any], kind: Kind = CASE) -> Iterator[str]:
    """``version`` must be the folder's name, ``previous`` the version before it."""
    if manifest.get("version") != version.name:
        yield Coded(
            f"{version / kind.manifest}: version: expected {version.name} (the folder's name), "
            f"got {manifest.get('version')!s}",
            "archive-version-name",
            file=str(version / kind.manifest),
            version=version.name,
        )
    number = int(match.group(1)) if (match := VERSION_NAME.match(version.name)) else None
    previous = manifest.get("previous")
    named = previous["version"] if previous else None
    expected = f"v{number - 1:03d}" if number is not None and number > 1 else None
    if number is not None and named != expected:
        yield Coded(
            f"{version / kind.manifest}: previous.version: expected {expected or 'nothing'}, "
            f"got {named or 'nothing'}",
            "archive-previous-name",
            file=str(version / kind.manifest),
            expected=expected or "",
            found=str(named or ""),
        )


def file_problems(version: Path, files: list[dict[str, Any]], kind: Kind = CASE) -> Iterator[str]:
    """Files missing, not listed, or changed, compared with the manifest's list."""
    path = version / kind.manifest
    listed = {entry["path"] for entry in files}
    present = {
        p.relative_to(version).as_posix()
        for p in version.rglob("*")
        if p.is_file() and p.name not in (kind.manifest, kind.seal)
    }
    for missing in sorted(listed - present):
        where = str(version / missing)
        yield Coded(f"{where}: missing (listed in the manifest)", "archive-missing", file=where)
    for extra in sorted(present - listed):
        where = str(version / extra)
        yield Coded(f"{where}: not listed in the manifest", "archive-unlisted", file=where)
    for index, entry in enumerate(files):
        file = version / entry["path"]
        if entry["path"] not in present:
            continue
        size = file.stat().st_size
        if size != entry["size"]:
            yield Coded(
                f"{path}: files[{index}].size: expected {size} (the size of {entry['path']}), "
                f"got {entry['size']}",
                "archive-size",
                file=str(file),
                size=str(size),
                listed=str(entry["size"]),
            )
        elif sha256(file) != entry["sha256"]:
            yield Coded(
                f"{file}: checksum does not match the manifest (the file was changed)",
                "archive-checksum",
                file=str(file),
            )


def input_problems(
    version: Path, manifest: dict[str, Any], listed: dict[str, dict[str, Any]]
) -> Iterator[str]:
    """Each of ``inputs[]`` must be a file of the snapshot, with the checksum and size listed."""
    path = version / MANIFEST
    inputs = manifest.get("inputs", [])
    if not isinstance(inputs, list):
        yield f"{path}: inputs: expected a list, got {type(inputs).__name__}"
        return
    snapshot = {p for p in listed if p.startswith(f"{SNAPSHOT}/")}
    named = set()
    for index, entry in enumerate(inputs):
        name = entry.get("path") if isinstance(entry, dict) else None
        file = listed.get(name) if isinstance(name, str) else None
        if file is None or name not in snapshot:
            yield Coded(
                f"{path}: inputs[{index}].path: expected a file of {SNAPSHOT}/, got {name}",
                "archive-input-not-in-snapshot",
                file=str(path),
                name=str(name),
            )
            continue
        named.add(name)
        for key in ("sha256", "size"):
            if entry.get(key) != file[key]:
                yield Coded(
                    f"{path}: inputs[{index}].{key}: expected {file[key]} "
                    f"(as files[] lists {name}), got {entry.get(key)}",
                    "archive-input-differs",
                    file=str(path),
                    name=str(name),
                )
    for extra in sorted(snapshot - named):
        where = str(version / extra)
        yield Coded(
            f"{where}: in the snapshot but not among the manifest's inputs",
            "archive-snapshot-extra",
            file=where,
        )


def mdto_problems(
    version: Path, manifest: dict[str, Any], listed: dict[str, dict[str, Any]]
) -> Iterator[str]:
    """MDTO records that do not validate (official XSD), and bestand records whose size,
    checksum or checksum date is not what the manifest says."""
    valid = set()
    for record in sorted((version / "mdto").glob("*.xml")):
        problem = mdto_problem(record.read_bytes())
        if problem:
            yield Coded(
                f"{record}: not valid MDTO: {problem}", "archive-mdto-invalid", file=str(record)
            )
        else:
            valid.add(record)
    for edition in manifest["editions"]:
        record = version / "mdto" / f"{edition['file']}.xml"
        entry = listed.get(edition["file"])
        if record not in valid or entry is None:
            continue
        yield from bestand_problems(record, entry, manifest.get("created"))


def bestand_problems(record: Path, entry: dict[str, Any], created: Any) -> Iterator[str]:
    from lxml import etree

    ns = {"m": MDTO_NS}
    document = etree.parse(str(record))
    expected = {"omvang": str(entry["size"]), "checksumWaarde": entry["sha256"]}
    for tag, value in expected.items():
        found = document.findtext(f".//m:{tag}", namespaces=ns)
        if found != value:
            yield Coded(
                f"{record}: {tag}: expected {value} (as the manifest lists it), got {found}",
                "archive-mdto-field",
                file=str(record),
                field=tag,
                value=value,
                found=str(found),
            )
    datum = document.findtext(".//m:checksumDatum", namespaces=ns)
    try:
        same = dt.datetime.fromisoformat(str(created)).replace(tzinfo=None) == (
            dt.datetime.fromisoformat(str(datum))
        )
    except ValueError:
        same = False
    if not same:
        yield Coded(
            f"{record}: checksumDatum: expected {created} (the manifest's created), got {datum}",
            "archive-mdto-date",
            file=str(record),
        )


def chain_problems(version: Path, manifest: dict[str, Any], kind: Kind = CASE) -> Iterator[str]:
    """The previous version's manifest, if this one names one, must be there unchanged."""
    previous = manifest.get("previous")
    if not previous:
        return
    before = version.parent / previous["version"] / kind.manifest
    if not before.exists() or sha256(before) != previous["manifest_sha256"]:
        yield Coded(
            f"{version / kind.manifest}: the previous version's manifest "
            f"({previous['version']}) is missing or changed",
            "archive-chain",
            file=str(version / kind.manifest),
            previous=str(previous["version"]),
        )
