"""Which converter turns the Word documents into PDFs: the local LibreOffice workers
(default) or a pool of remote ``unoserver`` instances — chosen once per build.

A backend is named by a spec: ``local`` (or empty) for the LibreOffice workers of
:mod:`~besluitpak.convert.workers`, ``unoserver://HOST:PORT[,HOST:PORT…]`` for the pool of
:mod:`~besluitpak.convert.unoserver` (:func:`parse`). :func:`choose` makes the one value a
build passes down, a :class:`Converter`: the backend, its identity (what every fingerprint
records: which LibreOffice makes the PDFs, and the export filter), asked once, and how long
a conversion may take. Nothing below asks again or looks the converter up.
"""

from __future__ import annotations

import contextlib
import os
import types
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from besluitpak.convert import early, libreoffice, workers
from besluitpak.errors import ConversionError

ENVIRONMENT = "BESLUITPAK_CONVERTER"
"""The converter spec a build uses when its settings name none; empty: the local workers."""


class Conversion(Protocol):
    """Conversions under way (see :class:`besluitpak.convert.workers.Conversion`)."""

    def completed(self, *, skip: Sequence[Path] = ()) -> Generator[tuple[Path, Path], None, None]:
        """Each source with its PDF as soon as it is finished; raises ConversionError."""
        ...

    def finish(self, *, skip: Sequence[Path] = ()) -> dict[Path, Path]:
        """Wait for all; the PDF of each source."""
        ...

    def abort(self) -> None:
        """Stop what still runs."""
        ...


class Backend(Protocol):
    """Word documents to tagged PDF/A-2b with LibreOffice's PDF export filter."""

    @property
    def spec(self) -> str:
        """How the backend is named: ``local`` or ``unoserver://…``."""
        ...

    def version(self) -> str:
        """``LibreOffice 7.4.7.2 …``: the LibreOffice that makes the PDFs; ConversionError
        saying how to fix it when it cannot convert."""
        ...

    def start(
        self, sources: Sequence[Path], out_dir: Path, *, jobs: int | None, timeout: float
    ) -> Conversion:
        """Start converting ``sources`` (which may still be being written) to
        ``out_dir/<stem>.pdf``."""
        ...


class Local:
    """The local LibreOffice workers, each on its own locked, tuned profile."""

    spec = "local"

    def version(self) -> str:
        libreoffice.soffice()  # looked for at every build: its version is remembered
        return libreoffice.version()

    def start(
        self, sources: Sequence[Path], out_dir: Path, *, jobs: int | None, timeout: float
    ) -> Conversion:
        return workers.Conversion(sources, out_dir, jobs=jobs, timeout=timeout)


LOCAL = Local()

_warm: list[Backend] = []
"""The local converter kept warm by this process (:func:`besluitpak.convert.warm.kept`)."""


def keep_warm(warm: Backend | None) -> None:
    """From now on the local converter is ``warm`` (None: the cold workers again)."""
    _warm[:] = [warm] if warm is not None else []


@contextlib.contextmanager
def early_start(spec: str | None = None, jobs: int | None = 1) -> Iterator[None]:
    """While inside, ``jobs`` local LibreOffices (None: one per worker a build starts)
    start now, before the build knows what it converts (:mod:`~besluitpak.convert.early`),
    when ``spec`` (None: ``$BESLUITPAK_CONVERTER``) names the cold local workers; ended on
    leaving if unused."""
    text = os.environ.get(ENVIRONMENT, "") if spec is None else spec
    wanted = text.strip() in {"", "local"} and not _warm
    if wanted and jobs is None:
        from besluitpak.convert.workers import default_jobs

        jobs = default_jobs()
    with early.started(wanted, count=jobs or 1):
        yield


def parse(spec: str) -> Backend:
    """The backend ``spec`` names; ConversionError saying what was expected (no server is
    asked: a spec is checked before any work). ``local`` is the warm local converter while
    this process keeps one."""
    text = spec.strip()
    if text in {"", "local"}:
        return _warm[0] if _warm else LOCAL
    if text.startswith("unoserver://"):
        from besluitpak.convert.unoserver import Pool

        return Pool.from_spec(text)
    raise ConversionError(
        f"--converter: expected local or unoserver://HOST:PORT[,HOST:PORT…], got {spec!r}"
    )


@dataclass(frozen=True, kw_only=True)
class Converter:
    """The converter of a build, chosen once (:func:`choose`) and passed down: who converts,
    and what it is."""

    backend: Backend
    identity: Mapping[str, str]
    """What every fingerprint records of it: ``libreoffice`` (the version that makes the
    PDFs) and ``filter`` (the export filter)."""
    timeout: float
    """Seconds a conversion may take (``$BESLUITPAK_TIMEOUT``, read when chosen)."""

    @property
    def spec(self) -> str:
        return self.backend.spec

    @property
    def version(self) -> str:
        """``LibreOffice 7.4.7.2 …`` (``… (unoserver)`` for a pool)."""
        return self.identity["libreoffice"]

    def start(self, sources: Sequence[Path], out_dir: Path, *, jobs: int | None) -> Conversion:
        """Start converting ``sources`` (which may still be being written) to
        ``out_dir/<stem>.pdf``; ``jobs``: local workers (None: one per core, at most four)."""
        return self.backend.start(sources, out_dir, jobs=jobs, timeout=self.timeout)


def choose(spec: str | None = None) -> Converter:
    """The converter ``spec`` names (None: ``$BESLUITPAK_CONVERTER``, else the local
    workers), its identity asked now: ConversionError before any work when it cannot
    convert (no LibreOffice, no unoserver answering)."""
    backend = parse(os.environ.get(ENVIRONMENT, "") if spec is None else spec)
    identity = {"libreoffice": backend.version(), "filter": libreoffice.EXPORT_FILTER}
    return Converter(
        backend=backend,
        identity=types.MappingProxyType(identity),
        timeout=workers.default_timeout(),
    )
