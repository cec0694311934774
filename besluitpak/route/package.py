"""The package version a person saw: the digest of a case's inputs, as the archive's
fingerprint keys them (path in the case folder -> SHA-256), so an archived version's
``fingerprint.inputs`` gives the same digest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from besluitpak.casefile.case import Case
from besluitpak.files import file_hash
from besluitpak.fingerprint import digest


@dataclass(frozen=True, kw_only=True)
class Package:
    """A package version: its fingerprint and its inputs' SHA-256 by path in the case."""

    fingerprint: str
    files: Mapping[str, str] = field(default_factory=dict)


def package_of(case: Case) -> Package:
    """The package version of ``case`` now."""
    files = {
        path.resolve().relative_to(case.root).as_posix(): file_hash(path)
        for path in sorted(case.inputs)
    }
    return Package(fingerprint=inputs_digest(files), files=files)


def inputs_digest(files: Mapping[str, Any]) -> str:
    """The fingerprint of a package with these inputs (path -> SHA-256)."""
    return digest(dict(files))


def changed(before: Mapping[str, str], now: Mapping[str, str]) -> tuple[str, ...]:
    """The paths whose SHA-256 differs between two package versions (added or removed too)."""
    return tuple(sorted(p for p in {*before, *now} if before.get(p) != now.get(p)))
