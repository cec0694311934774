"""What the page shows of a case: valid or its problems, built, under embargo, published,
archived — read from the workspace's files through the public API, cached until a file of
the case changes."""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from besluitpak.archival import layout
from besluitpak.casefile.case import Case, load_case
from besluitpak.dutch import datum
from besluitpak.editing.workspace import (
    ARCHIEF,
    CASE_FILE,
    OUT,
    PRIVATE,
    PUBLISHED,
    LinkOutside,
    check_links,
)
from besluitpak.errors import BesluitpakError, CaseError, Problem
from besluitpak.production.plan import bundle_name

EDITIONS = ("intern", "openbaar")


@dataclass(frozen=True, kw_only=True)
class CaseStatus:
    """One case as the list and the case page show it."""

    name: str
    """The case folder's name (its address in the page)."""
    onderwerp: str
    kenmerk: str
    case: Case | None
    """The loaded case; None when it has problems."""
    problems: tuple[Problem, ...] = ()
    error: str = ""
    """A problem that is not about one field (an unreadable file …)."""
    bundles: tuple[tuple[str, Path], ...] = ()
    """(edition, PDF) of the built editions, as ``besluitpak build`` left them in ``out/``."""
    stale: bool = False
    """An input changed after the last build."""
    embargo_tot: dt.date | None = None
    published: Path | None = None
    versions: int = 0

    @property
    def valid(self) -> bool:
        return self.case is not None

    def under_embargo(self, today: dt.date) -> bool:
        return self.embargo_tot is not None and today < self.embargo_tot

    def labels(self, today: dt.date, *, build_failed: bool = False) -> list[str]:
        """The states, in the page's words (problems / ready / built / embargo / …);
        ``build_failed``: the last build ended in an error (said until one succeeds)."""
        if not self.valid:
            count = len(self.problems) or 1
            return [f"{count} {'probleem' if count == 1 else 'problemen'}"]
        labels = ["gebouwd" + (" (gewijzigd sindsdien)" if self.stale else "")]
        if not self.bundles:
            labels = ["klaar om te bouwen"]
        if build_failed:
            labels = ["bouwen mislukt"]
        if self.embargo_tot is not None and self.under_embargo(today):
            labels.append(f"onder embargo tot {datum(self.embargo_tot)}")
        if self.published is not None:
            labels.append("gepubliceerd")
        if self.versions:
            labels.append(f"gearchiveerd v{self.versions:03d}")
        return labels


_lock = threading.Lock()
_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], CaseStatus]] = {}


def _stamp(folder: Path, root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file of the case (and its builds and archive) with its mtime and size."""
    seen = []
    for path in sorted(folder.rglob("*")):
        if path.relative_to(folder).parts[0] == PRIVATE:
            continue  # a case on its own keeps its edit state there: no change of the case
        if path.is_symlink():  # a link made or changed (a folder's too) is a change
            seen.append((f"{path} -> {os.readlink(path)}", 0, 0))
        elif path.is_file():
            stat = path.stat()
            seen.append((str(path), stat.st_mtime_ns, stat.st_size))
    archief = root / ARCHIEF
    if archief.is_dir():
        for path in sorted(archief.iterdir()):
            seen.append((str(path), path.stat().st_mtime_ns, 0))
    return tuple(seen)


def case_status(root: Path, name: str) -> CaseStatus:
    """The status of case ``name`` in the workspace ``root`` (cached while nothing changed)."""
    folder = root / name
    stamp = _stamp(folder, root)
    with _lock:
        hit = _cache.get(folder)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    status = _read(root, name)
    with _lock:
        _cache[folder] = (stamp, status)
    return status


def _read(root: Path, name: str) -> CaseStatus:
    folder = root / name
    try:
        check_links(root, folder, shallow=root / ARCHIEF)
    except LinkOutside as e:
        onderwerp, kenmerk = _raw_titles(folder, name)
        return CaseStatus(name=name, onderwerp=onderwerp, kenmerk=kenmerk, case=None, error=str(e))
    try:
        case = load_case(folder / CASE_FILE)
    except CaseError as e:
        onderwerp, kenmerk = _raw_titles(folder, name)
        return CaseStatus(
            name=name,
            onderwerp=onderwerp,
            kenmerk=kenmerk,
            case=None,
            problems=tuple(e.problems),
        )
    except BesluitpakError as e:
        onderwerp, kenmerk = _raw_titles(folder, name)
        return CaseStatus(name=name, onderwerp=onderwerp, kenmerk=kenmerk, case=None, error=str(e))
    bundles = tuple(
        (edition, folder / OUT / bundle_name(case, edition))
        for edition in EDITIONS
        if (folder / OUT / bundle_name(case, edition)).is_file()
    )
    newest_input = max(p.stat().st_mtime_ns for p in case.inputs)
    oldest_bundle = min((p.stat().st_mtime_ns for _, p in bundles), default=0)
    published = folder / PUBLISHED / bundle_name(case, "openbaar")
    return CaseStatus(
        name=name,
        onderwerp=case.meta.onderwerp,
        kenmerk=case.meta.kenmerk,
        case=case,
        bundles=bundles,
        stale=bool(bundles) and newest_input > oldest_bundle,
        embargo_tot=case.meta.embargo_tot,
        published=published if published.is_file() else None,
        versions=len(layout.versions(layout.kenmerk_folder(root / ARCHIEF, case.meta.kenmerk))),
    )


def _raw_titles(folder: Path, name: str) -> tuple[str, str]:
    """Onderwerp and kenmerk of a case with problems, read as plainly as possible."""
    import yaml

    try:
        data = yaml.safe_load((folder / CASE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        data = {}
    onderwerp = data.get("onderwerp")
    kenmerk = data.get("kenmerk")
    return (
        onderwerp if isinstance(onderwerp, str) and onderwerp.strip() else name,
        str(kenmerk) if kenmerk is not None else "",
    )
