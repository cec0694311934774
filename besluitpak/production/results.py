"""What a build reports back: per document, per package, per target of a batch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from besluitpak.errors import BesluitpakError
    from besluitpak.production.plan import Target
    from besluitpak.publication.editions import EditionPlan


@dataclass(frozen=True, kw_only=True)
class DocumentResult:
    """One document of one edition, and where its PDF came from."""

    id: str
    edition: str
    cached: bool
    """Taken from the cache (inputs unchanged) rather than rendered and converted."""


@dataclass(frozen=True, kw_only=True)
class BuildResult:
    """What a build wrote."""

    kenmerk: str
    files: tuple[Path, ...]
    """The bundles (or, with ``only``, the single documents), in order."""
    pages: int
    seconds: float
    plans: tuple[EditionPlan, ...] = ()
    """What each edition holds (withheld bijlagen, embargo)."""
    documents: tuple[DocumentResult, ...] = ()
    up_to_date: bool = False
    """Nothing was done: every output was already built from these inputs."""
    warnings: tuple[str, ...] = ()
    """What was taken anyway, but deserves a look (a repaired PDF, a scan without text…)."""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What became of one target in a batch: built, or failed with a reason."""

    target: Target
    result: BuildResult | None = None
    error: BesluitpakError | None = None
