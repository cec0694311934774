"""``besluitpak verify``: the integrity of archived versions (checksums, sizes, the manifest
chain up to the newest manifest's seal, MDTO) and, apart from it, the conformance of the
archived PDFs (inspect's PDF/A and PDF/UA checks). The checks of one version against its
manifest are in :mod:`~besluitpak.archival.checks`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from besluitpak.archival import sealing, trail
from besluitpak.archival.checks import (
    CASE,
    MEETING,
    Kind,
    bestand_problems,
    chain_problems,
    file_problems,
    input_problems,
    mdto_problems,
    name_problems,
    shape_problems,
)
from besluitpak.archival.layout import (
    MANIFEST,
    MEETING_MANIFEST,
    SNAPSHOT,
    VERSION_NAME,
    Rebuild,
    read_manifest,
)
from besluitpak.archival.mdto import mdto_problem
from besluitpak.casefile.case import load_case
from besluitpak.codes import Coded
from besluitpak.errors import ArchiveError, BesluitpakError
from besluitpak.files import sha256


@dataclass(frozen=True, kw_only=True)
class Verification:
    """What ``verify`` checked and found. ``problems`` are integrity failures (a file, size,
    checksum, manifest, seal or MDTO record that is not what was archived): the archive cannot
    be trusted. ``findings`` are conformance failures of the archived PDFs (inspect's PDF/A and
    PDF/UA checks): the archive is intact, the bundles fall short of a claim; ``inspected``
    the PDFs those checks ran on. ``warnings`` are
    what could not be checked; ``seals`` the newest manifest's SHA-256 per kenmerk folder."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    inspected: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seals: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The archive is intact (conformance findings aside)."""
        return not self.problems

    @property
    def conforms(self) -> bool:
        return not self.findings


def verify(path: Path, *, rebuild: Rebuild | None = None) -> Verification:
    """Verify a version folder, a kenmerk's folder, a whole archief, or one bundle PDF."""
    result = Verification()
    if path.is_file():
        _verify_file(path, result)
    elif (path / MANIFEST).exists():
        _verify_version(path, result, rebuild=rebuild)
        _newest_seal(path.parent, result)
    elif (path / MEETING_MANIFEST).exists():
        _verify_meetings([path], result, rebuild=rebuild)
    elif path.is_dir():
        found = {kind: _found(path, kind) for kind in (CASE, MEETING)}
        if not any(found.values()):
            result.problems.append(f"{path}: no archived versions found")
        for version in found[CASE]:
            _verify_version(version, result, rebuild=rebuild)
        for folder in sorted({v.parent for v in found[CASE]}):
            _newest_seal(folder, result)
        done = set(found[CASE])
        _verify_meetings(found[MEETING], result, rebuild=rebuild, done=done)
    else:
        result.problems.append(f"{path}: no such file or folder")
    return result


def _found(path: Path, kind: Kind) -> list[Path]:
    """The finished version folders of ``kind`` below ``path`` (hidden work left out)."""
    return [
        manifest.parent
        for manifest in sorted(path.rglob(kind.manifest))
        if VERSION_NAME.match(manifest.parent.name)
        and not any(p.startswith(".tmp-") for p in manifest.relative_to(path).parts)
    ]


def _verify_meetings(
    versions: list[Path],
    result: Verification,
    *,
    rebuild: Rebuild | None,
    done: set[Path] | None = None,
) -> None:
    """Check each meeting version, then each case version it names (once; those in
    ``done`` were checked already)."""
    done = set() if done is None else done
    for version in versions:
        for case_version in _verify_meeting_version(version, result):
            if case_version not in done:
                done.add(case_version)
                _verify_version(case_version, result, rebuild=rebuild)
                _newest_seal(case_version.parent, result)
    for folder in sorted({v.parent for v in versions}):
        _newest_seal(folder, result, MEETING)


def _verify_version(version: Path, result: Verification, *, rebuild: Rebuild | None) -> None:
    """Check one version folder: its files against the manifest, its MDTO records, and its
    link to the previous version; then, if asked and all that holds, rebuild it."""
    try:
        manifest = read_manifest(version)
    except ArchiveError as e:
        result.problems.append(Coded(str(e), e.code, **e.params) if e.code else str(e))
        return
    shape = list(shape_problems(version / MANIFEST, manifest))
    if shape:
        result.problems.extend(shape)
        return
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    before = len(result.problems)
    _seal_problems(version, result)
    result.problems.extend(name_problems(version, manifest))
    result.problems.extend(file_problems(version, manifest["files"]))
    result.problems.extend(input_problems(version, manifest, listed))
    result.problems.extend(mdto_problems(version, manifest, listed))
    result.problems.extend(chain_problems(version, manifest))
    _signatures(version, manifest, result)
    if len(result.problems) == before:
        result.checked.append(
            Coded(
                f"{version}: {len(listed)} files, sizes and checksums as listed",
                "archive-checked",
                version=str(version),
                count=str(len(listed)),
            )
        )
    _conformance(version, manifest, result)
    if rebuild is not None and not any(str(version) in p for p in result.problems):
        _verify_rebuild(version, manifest, result, rebuild)


def _verify_meeting_version(version: Path, result: Verification) -> list[Path]:
    """Check one meeting version: its files against ``vergadering.json``, its seal, its MDTO
    records, its link to the previous version, and each decided case's archived version
    against the SHA-256 the meeting recorded of its manifest. Returns those case versions."""
    path = version / MEETING_MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        result.problems.append(
            Coded(
                f"{path}: cannot read the manifest: {e}",
                "archive-manifest-unreadable",
                file=str(path),
            )
        )
        return []
    shape = list(shape_problems(path, manifest, keys=("files",)))
    if shape:
        result.problems.extend(shape)
        return []
    listed = {entry["path"]: entry for entry in manifest["files"]}
    before = len(result.problems)
    _seal_problems(version, result, MEETING)
    result.problems.extend(name_problems(version, manifest, MEETING))
    result.problems.extend(file_problems(version, manifest["files"], MEETING))
    for record in sorted((version / "mdto").glob("*.xml")):
        problem = mdto_problem(record.read_bytes())
        entry = listed.get(record.name.removesuffix(".xml"))
        if problem:
            result.problems.append(f"{record}: not valid MDTO: {problem}")
        elif entry is not None:
            result.problems.extend(bestand_problems(record, entry, manifest.get("created")))
    result.problems.extend(chain_problems(version, manifest, MEETING))
    _signatures(version, manifest, result)
    cases, problems = _meeting_cases(version, manifest)
    result.problems.extend(problems)
    if len(result.problems) == before:
        result.checked.append(
            Coded(
                f"{version}: {len(listed)} files, sizes and checksums as listed; "
                f"{len(cases)} case versions as the meeting recorded them",
                "archive-checked-meeting",
                version=str(version),
                count=str(len(listed)),
                cases=str(len(cases)),
            )
        )
    for name in sorted(listed):
        if name.endswith(".pdf") and (version / name).exists():
            _inspect(version / name, result)
    return cases


def _meeting_cases(version: Path, manifest: dict[str, Any]) -> tuple[list[Path], list[str]]:
    """The case versions a meeting version names (relative to the archief it is in), and
    what is wrong with them: missing, or a manifest other than the one the meeting saw."""
    path = version / MEETING_MANIFEST
    archief = version.parent.parent.parent  # archief/vergaderingen/<nummer>/vNNN
    agenda = manifest.get("agenda", [])
    found: list[Path] = []
    problems: list[str] = []
    for index, entry in enumerate(agenda if isinstance(agenda, list) else []):
        named = entry.get("case_version") if isinstance(entry, dict) else None
        if not isinstance(named, str):
            continue
        case_version = archief / named
        if not (case_version / MANIFEST).exists() or ".." in Path(named).parts:
            problems.append(
                Coded(
                    f"{path}: agenda[{index}].case_version: expected the archived version "
                    f"{named} in {archief}, got nothing there",
                    "archive-meeting-case-missing",
                    file=str(path),
                    version=named,
                )
            )
        elif sha256(case_version / MANIFEST) != entry.get("case_manifest_sha256"):
            problems.append(
                Coded(
                    f"{case_version / MANIFEST}: not the manifest the meeting archived with it "
                    f"(agenda[{index}] of {path}): the case's version was changed",
                    "archive-meeting-case-changed",
                    file=str(case_version / MANIFEST),
                )
            )
        else:
            found.append(case_version)
    return found, problems


def _seal_problems(version: Path, result: Verification, kind: Kind = CASE) -> None:
    """The manifest against its seal: a changed manifest fails; no seal (a version archived
    before seals were written) is a warning, since the newest manifest is then unguarded."""
    seal = version / kind.seal
    if not seal.exists():
        if _newest(version.parent) != version:
            return  # the next version's manifest covers this one
        result.warnings.append(
            Coded(
                f"{seal}: no seal (archived before seals were written): a change to this "
                "manifest is found only if a later version's manifest covers it",
                "archive-no-seal",
                file=str(seal),
            )
        )
        return
    try:
        written = seal.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or "not text"
        result.problems.append(
            Coded(
                f"{seal}: cannot read the seal: {reason}", "archive-seal-unreadable", file=str(seal)
            )
        )
        return
    if len(written) != 2 or written[1] != kind.manifest or len(written[0]) != 64:
        result.problems.append(
            Coded(
                f"{seal}: expected '<sha256>  {kind.manifest}', got '{' '.join(written)[:80]}'",
                "archive-seal-form",
                file=str(seal),
                manifest=kind.manifest,
            )
        )
    elif written[0] != sha256(version / kind.manifest):
        result.problems.append(
            Coded(
                f"{version / kind.manifest}: does not match its seal {kind.seal} (the manifest "
                "was changed)",
                "archive-seal-mismatch",
                file=str(version / kind.manifest),
                seal=kind.seal,
            )
        )


def _newest_seal(folder: Path, result: Verification, kind: Kind = CASE) -> None:
    """The newest version's seal, to be recorded outside the archive; a case's folder is
    checked once here for its route records across its versions (:mod:`.trail`)."""
    if kind is CASE and folder.is_dir():
        result.problems.extend(trail.problems(folder))
    newest = _newest(folder)
    if newest is not None and (newest / kind.seal).exists() and (newest / kind.manifest).exists():
        result.seals.append(f"{newest}: {sha256(newest / kind.manifest)}")


def _signatures(version: Path, manifest: dict[str, Any], result: Verification) -> None:
    """Every signature of every PDF in the version (:mod:`~besluitpak.archival.sealing`)."""
    found = sealing.check(version, manifest)
    result.checked.extend(found.checked)
    result.problems.extend(found.problems)
    result.warnings.extend(found.warnings)


def _newest(folder: Path) -> Path | None:
    found = [v for v in folder.iterdir() if v.is_dir() and VERSION_NAME.match(v.name)]
    return max(found, key=lambda v: int(v.name[1:])) if found else None


def _conformance(version: Path, manifest: dict[str, Any], result: Verification) -> None:
    """inspect's checks on each archived edition: findings, not integrity problems."""
    for edition in manifest["editions"]:
        pdf = version / edition["file"]
        if pdf.exists():
            _inspect(pdf, result)


def _inspect(pdf: Path, result: Verification) -> None:
    from besluitpak.pdf.inspect import inspect

    try:
        report = inspect(pdf)
    except BesluitpakError as e:
        result.problems.append(str(e))
        return
    for check in report.failed():
        result.findings.append(
            Coded(
                f"{pdf}: {check.name}: {check.detail}",
                "archive-pdf-finding",
                file=str(pdf),
            )
        )
    result.inspected.append(f"{pdf}: {len(report.checks)} checks")


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
        before_seal = sealing.unsealed(manifest)  # a sealed bundle is compared as built
        for bundle in rebuild(case, work / "out", today):
            archived = version / bundle.name
            same = archived.exists() and sha256(bundle) == (
                before_seal.get(bundle.name) or sha256(archived)
            )
            if not same:
                result.problems.append(
                    f"{archived}: a rebuild from the snapshot gives other "
                    f"bytes (SHA-256 {sha256(bundle)[:16]}…)"
                )
            else:
                result.checked.append(f"{archived.name}: rebuilt, same SHA-256")


def _verify_file(path: Path, result: Verification) -> None:
    manifest_path = path.parent / MANIFEST
    if manifest_path.exists():
        try:
            manifest = read_manifest(path.parent)
        except ArchiveError as e:
            result.problems.append(str(e))
            return
        shape = list(shape_problems(manifest_path, manifest))
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
    _inspect(path, result)
