"""How to build: every option of a build, in one frozen value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from besluitpak.convert import backend
from besluitpak.publication.editions import EDITIONS, Override


@dataclass(frozen=True, kw_only=True)
class BuildSettings:
    """The options of a build; the defaults are what ``besluitpak build`` does."""

    editions: tuple[str, ...] = EDITIONS
    """Which editions to assemble: ``intern`` (everything) and/or ``openbaar``."""
    only: tuple[str, ...] = ()
    """Just these documents (ids), each as its own finished PDF of each edition in
    ``editions``, without a bundle: the intern one as ``document_name``, the public one as
    the public bundle has it (``…-openbaar.pdf``); a bijlage that edition withholds is
    refused."""
    today: dt.date = field(default_factory=dt.date.today)
    """The day to build as: what is withheld and whether the embargo runs depend on it."""
    jobs: int | None = None
    """LibreOffice workers; None: one per core (at most four)."""
    converter: str | None = None
    """Who converts: ``local`` (the LibreOffice workers here) or
    ``unoserver://HOST:PORT[,HOST:PORT…][?timeout=SECONDS]`` (a pool of unoserver
    instances, :mod:`besluitpak.convert.backend`); ``--converter`` fills it. None:
    ``$BESLUITPAK_CONVERTER`` when that is set (the default of a process, such as a web
    worker's), else the local workers. A spec that names no converter is refused when the
    settings are made (ConversionError); no server is asked before the build."""
    use_cache: bool = True
    """Read and write the cache of converted documents (and the up-to-date check)."""
    strict: bool = False
    """Fail (StrictError) instead of only warning, when anything warned."""
    final: bool = False
    """The public edition as published: refused under embargo without ``override``."""
    override: Override | None = None
    """An explicit, recorded publication before the embargo date."""

    def __post_init__(self) -> None:
        if self.converter is not None:
            backend.parse(self.converter)  # refused now, not halfway through a build
