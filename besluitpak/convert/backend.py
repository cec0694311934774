"""Which converter turns the Word documents into PDFs: the local LibreOffice workers
(default) or a pool of remote ``unoserver`` instances.

A converter is named by a spec: ``local`` (or empty) for the LibreOffice workers of
:mod:`~besluitpak.convert.libreoffice`, ``unoserver://HOST:PORT[,HOST:PORT…]`` for the pool of
:mod:`~besluitpak.convert.unoserver`. The process's converter is ``$BESLUITPAK_CONVERTER``
(what ``--converter`` sets); :func:`use` puts another in place for one build. Both give
the same answers: :meth:`Converter.identity` (what every fingerprint records: which
LibreOffice made the PDFs, and the export filter) and :meth:`Converter.start` (the
conversions, streamed as they finish).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from besluitpak.errors import ConversionError

ENVIRONMENT = "BESLUITPAK_CONVERTER"
"""The process's converter spec (set by ``--converter``); empty: the local workers."""


class Conversion(Protocol):
    """Conversions under way (see :class:`besluitpak.convert.libreoffice.Conversion`)."""

    def completed(self, *, skip: Sequence[Path] = ()) -> Generator[tuple[Path, Path], None, None]:
        """Each source with its PDF as soon as it is finished; raises ConversionError."""
        ...

    def finish(self, *, skip: Sequence[Path] = ()) -> dict[Path, Path]:
        """Wait for all; the PDF of each source."""
        ...

    def abort(self) -> None:
        """Stop what still runs."""
        ...


class Converter(Protocol):
    """Word documents to tagged PDF/A-2b with LibreOffice's PDF export filter."""

    @property
    def spec(self) -> str:
        """How the converter is named: ``local`` or ``unoserver://…``."""
        ...

    def check(self) -> None:
        """Fail fast (ConversionError saying how to fix it) when it cannot convert."""
        ...

    def version(self) -> str:
        """``LibreOffice 7.4.7.2 …``: the LibreOffice that makes the PDFs."""
        ...

    def identity(self) -> dict[str, str]:
        """What every fingerprint records of the converter: ``libreoffice`` and ``filter``."""
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

    def check(self) -> None:
        from besluitpak.convert import libreoffice

        libreoffice.soffice()

    def version(self) -> str:
        from besluitpak.convert import libreoffice

        return libreoffice.local_version()

    def identity(self) -> dict[str, str]:
        from besluitpak.convert import libreoffice

        return {"libreoffice": self.version(), "filter": libreoffice.EXPORT_FILTER}

    def start(
        self, sources: Sequence[Path], out_dir: Path, *, jobs: int | None, timeout: float
    ) -> Conversion:
        from besluitpak.convert import workers

        return workers.Conversion(sources, out_dir, jobs=jobs, timeout=timeout)


LOCAL = Local()


@functools.lru_cache(maxsize=16)
def parse(spec: str) -> Converter:
    """The converter ``spec`` names (one object per spec, so its health and version checks
    are shared by the builds of a process)."""
    text = spec.strip()
    if text in {"", "local"}:
        return LOCAL
    if text.startswith("unoserver://"):
        from besluitpak.convert.unoserver import Pool

        return Pool.from_spec(text)
    raise ConversionError(
        f"--converter: expected local or unoserver://HOST:PORT[,HOST:PORT…], got {spec!r}"
    )


_CURRENT: contextvars.ContextVar[Converter | None] = contextvars.ContextVar(
    "besluitpak_converter", default=None
)


def current() -> Converter:
    """The converter of this build: the one :func:`use` put in place, else
    ``$BESLUITPAK_CONVERTER``, else the local workers."""
    chosen = _CURRENT.get()
    return chosen if chosen is not None else parse(os.environ.get(ENVIRONMENT, ""))


@contextlib.contextmanager
def use(spec: str | None) -> Iterator[Converter]:
    """Convert with ``spec`` inside the block (None: leave the current converter)."""
    if spec is None:
        yield current()
        return
    token = _CURRENT.set(parse(spec))
    try:
        yield current()
    finally:
        _CURRENT.reset(token)
