"""``besluitpak history`` and ``diff``: what changed between archived versions."""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak.archival.layout import MANIFEST, SNAPSHOT, kenmerk_folder, read_manifest, versions
from besluitpak.casefile.case import load_case
from besluitpak.errors import ArchiveError


@dataclass(frozen=True, kw_only=True)
class RecordedSignature:
    """One signature (or document timestamp) of an archived PDF, as the manifest's ``signed``
    records it when the version was archived (not a check: ``verify`` checks)."""

    file: str
    """The PDF, relative to the version folder."""
    role: str
    """The signature field: ``organisatie``, ``burgemeester``, ``archieftijdstempel``..."""
    kind: str
    """``signature`` or ``document timestamp``."""
    signer: str
    time: str | None
    """ISO time its timestamp proves (None: none)."""
    level: str


def recorded_signatures(manifest: dict[str, Any]) -> tuple[RecordedSignature, ...]:
    """Who signed what in a version, from its manifest (nothing signed: ())."""
    found = []
    for entry in manifest.get("signed", []):
        if not isinstance(entry, dict):
            continue
        for one in entry.get("signatures", []):
            if isinstance(one, dict):
                found.append(
                    RecordedSignature(
                        file=str(entry.get("file", "")),
                        role=str(one.get("role", "")),
                        kind=str(one.get("kind", "")),
                        signer=str(one.get("signer", "")),
                        time=str(one["time"]) if one.get("time") else None,
                        level=str(one.get("level", "")),
                    )
                )
    return tuple(found)


@dataclass(frozen=True, kw_only=True)
class VersionEntry:
    """One archived version as ``history`` reads it from its manifest (for the web page)."""

    name: str
    """The version folder's name, ``v001``."""
    folder: Path
    created: str
    """When it was archived (the manifest's ISO time)."""
    user: str
    """Who archived it, as the manifest says (``user@host``)."""
    editions: tuple[str, ...]
    embargo_tot: str | None
    embargo_active: bool
    changed: tuple[str, ...]
    """Inputs whose bytes changed since the previous version (paths in the case)."""
    added: tuple[str, ...]
    removed: tuple[str, ...]
    first: bool
    rebuilt_for: str
    """Same inputs, other options: the day it was rebuilt for (else "")."""
    summary: str
    """What changed, in the CLI's words."""
    files: tuple[str, ...]
    """Every file of the version, relative to its folder, in order."""
    signed: tuple[RecordedSignature, ...] = ()
    """Who signed or sealed which PDF, as the manifest records it."""

    @property
    def number(self) -> int:
        return int(self.name[1:])


def version_history(archief: Path, kenmerk: str) -> list[VersionEntry]:
    """The archived versions of ``kenmerk``, oldest first (none: [])."""
    entries, previous = [], None
    for version in versions(kenmerk_folder(archief, kenmerk)):
        manifest = read_manifest(version)
        embargo = manifest.get("embargo", {})
        changed, added, removed = _differences(previous, manifest)
        summary = _summary(previous, manifest)
        entries.append(
            VersionEntry(
                name=version.name,
                folder=version,
                created=str(manifest.get("created", "")),
                user=str(manifest.get("user", "")),
                editions=tuple(e["name"] for e in manifest.get("editions", [])),
                embargo_tot=embargo.get("embargo_tot") or None,
                embargo_active=bool(embargo.get("active")),
                changed=changed,
                added=added,
                removed=removed,
                first=previous is None,
                rebuilt_for=summary.removeprefix("rebuilt for ")
                if summary.startswith("rebuilt for ")
                else "",
                summary=summary,
                files=tuple(
                    p.relative_to(version).as_posix()
                    for p in sorted(version.rglob("*"))
                    if p.is_file() and not p.is_symlink()
                ),
                signed=recorded_signatures(manifest),
            )
        )
        previous = manifest
    return entries


def _inputs(manifest: dict[str, Any] | None) -> dict[str, str]:
    if manifest is None:
        return {}
    return {i["path"]: i["sha256"] for i in manifest.get("inputs", [])}


def history(archief: Path, kenmerk: str) -> list[str]:
    """One line per version: number, date, user, editions, embargo, what changed."""
    found = version_history(archief, kenmerk)
    if not found:
        folder = kenmerk_folder(archief, kenmerk)
        raise ArchiveError(f"{folder}: no archived versions of {kenmerk}")
    lines = []
    for entry in found:
        state = (
            "no embargo"
            if not entry.embargo_tot
            else (
                f"embargo until {entry.embargo_tot}"
                f"{' (running)' if entry.embargo_active else ' (passed)'}"
            )
        )
        lines.append(
            f"{entry.name}  {entry.created[:16].replace('T', ' ')}  "
            f"{entry.user}  {'+'.join(entry.editions)}  {state}  {entry.summary}"
        )
    return lines


def _differences(
    before: dict[str, Any] | None, after: dict[str, Any]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The inputs changed, added and removed from ``before`` to ``after`` (paths in the case;
    nothing is "added" to a first version)."""
    old, new = _inputs(before), _inputs(after)
    return (
        tuple(_short(p) for p in new if p in old and old[p] != new[p]),
        tuple(_short(p) for p in new if before is not None and p not in old),
        tuple(_short(p) for p in old if p not in new),
    )


def _summary(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """What changed, in the CLI's words."""
    if before is None:
        return "first version"
    changed, added, removed = _differences(before, after)
    parts = [
        f"changed {', '.join(changed)}" if changed else "",
        f"added {', '.join(added)}" if added else "",
        f"removed {', '.join(removed)}" if removed else "",
    ]
    text = "; ".join(p for p in parts if p)
    if not text and before.get("options") != after.get("options"):
        text = f"rebuilt for {after['options']['today']}"
    return text or "same inputs"


def _short(path: str) -> str:
    return path.removeprefix(f"{SNAPSHOT}/")


def _version_path(archief: Path, kenmerk: str, name: str) -> Path:
    version = kenmerk_folder(archief, kenmerk) / name
    if not (version / MANIFEST).exists():
        known = ", ".join(v.name for v in versions(kenmerk_folder(archief, kenmerk))) or "none"
        raise ArchiveError(f"{version}: no such version of {kenmerk} (versions: {known})")
    return version


@dataclass(frozen=True)
class _Document:
    title: str
    pages: int
    content: str
    """Hash of the pages' own drawing (the stamps are apart): equal means unchanged."""
    pdf: Path
    first: int

    def text(self) -> list[str]:
        """Its pages' text (poppler), read only when the document changed."""
        done = subprocess.run(
            [
                "pdftotext",
                "-layout",
                "-f",
                str(self.first + 1),
                "-l",
                str(self.first + self.pages),
                str(self.pdf),
                "-",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [" ".join(p.split()) for p in done.split("\f") if p.strip()]


def _documents(version: Path) -> dict[str, _Document]:
    """The documents of the intern edition of a version, by id."""
    import pikepdf

    manifest = read_manifest(version)
    case = load_case(version / SNAPSHOT)
    intern = version / next(e["file"] for e in manifest["editions"] if e["name"] == "intern")
    result = {}
    with pikepdf.open(intern) as pdf:
        names = pdf.Root.Names.Dests.Names
        index: dict[tuple[int, int], int] = {
            page.obj.objgen: number for number, page in enumerate(pdf.pages)
        }
        starts = sorted(
            (index[names[i + 1][0].objgen], str(names[i])) for i in range(0, len(names), 2)
        )
        for position, (first, name) in enumerate(starts):
            last = starts[position + 1][0] if position + 1 < len(starts) else len(pdf.pages)
            digest = hashlib.sha256()
            for page in pdf.pages[first:last]:
                contents = page.obj.Contents
                for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
                    digest.update(stream.read_bytes())
            ident = (
                "collegevoorstel"
                if name == "collegevoorstel"
                else case.bijlagen[int(name.split("-")[1]) - 1].id
            )
            title = next(d.titel for d in case.documents if d.id == ident)
            result[ident] = _Document(
                title=title, pages=last - first, content=digest.hexdigest(), pdf=intern, first=first
            )
    return result


def diff(archief: Path, kenmerk: str, first: str, second: str) -> Iterator[str]:
    """What changed between two versions, per document, as readable lines."""
    old_version = _version_path(archief, kenmerk, first)
    new_version = _version_path(archief, kenmerk, second)
    old_manifest, new_manifest = read_manifest(old_version), read_manifest(new_version)
    yield f"{kenmerk}: {first} -> {second}"
    yield f"  inputs: {_summary(old_manifest, new_manifest)}"
    old_docs, new_docs = _documents(old_version), _documents(new_version)
    for ident, document in new_docs.items():
        if ident not in old_docs:
            yield f"  added: {ident} ({document.title}), {document.pages} pages"
    for ident, document in old_docs.items():
        if ident not in new_docs:
            yield f"  removed: {ident} ({document.title})"
    unchanged = 0
    for ident, document in new_docs.items():
        old = old_docs.get(ident)
        if old is None:
            continue
        if old.content == document.content and old.title == document.title:
            unchanged += 1
            continue
        lines_old, lines_new = _lines(old.text()), _lines(document.text())
        yield (f"  changed: {ident} ({document.title}): {old.pages} -> {document.pages} pages")
        for line in difflib.unified_diff(lines_old, lines_new, lineterm="", n=0):
            if not line.startswith(("---", "+++", "@@")):
                yield f"    {line}"
    yield f"  unchanged: {unchanged} document(s)"


def _lines(pages: list[str]) -> list[str]:
    """Text as sentences, without the page furniture (which changes with page numbers)."""
    text = " ".join(pages)
    text = re.sub(r"pagina \d+ van \d+", "", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
