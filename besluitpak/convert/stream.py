"""Streaming production of PDFs: LibreOffice starts first, the documents are written while
it starts, and each PDF is handed out as soon as it is finished.

A :class:`Task` is one PDF to make. ``make`` writes its source — a rendered .docx, a
prepared ready-made document — or, for a ready-made PDF (``convert=False``), the cleaned PDF
itself. :class:`Production` takes the tasks whose PDF is not in the cache, starts the
LibreOffice workers on the paths their sources will have, calls each ``make`` (so the Word
libraries load and the templates are filled while LibreOffice starts), then streams the
conversions, storing each PDF in the cache. A failing task is reported as a
:class:`Result` with its error; with ``isolate``, a failed LibreOffice batch is converted
again one document at a time, so a failure concerns only its own document.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from besluitpak import events
from besluitpak.convert.backend import Conversion, Converter
from besluitpak.convert.cache import Cache
from besluitpak.errors import BesluitpakError, ConversionError
from besluitpak.events import OnEvent

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Task:
    """One PDF to make."""

    key: str
    """The cache key (for a ready-made PDF, which is not cached: any unique name)."""
    name: str
    """File stem in the work folder; unique among the tasks."""
    suffix: str
    """What ``make`` writes: ``.docx``/``.odt`` (then converted) or ``.pdf``."""
    make: Callable[[Path], Sequence[str]]
    """Writes the source (or the PDF) to the given path; returns warnings."""
    label: str
    """How the user knows the document: ``bijlage 3 (opgave-oost, bijlagen/oost.yaml)``."""
    record: tuple[tuple[str, str], ...] = ()
    """Kept beside the cached PDF (document id, kenmerk), for people looking at the cache."""

    @property
    def convert(self) -> bool:
        return self.suffix != ".pdf"


@dataclass(frozen=True, kw_only=True)
class Result:
    """What became of one task."""

    task: Task
    pdf: Path | None = None
    error: BesluitpakError | None = None
    cached: bool = False
    """Taken from the cache."""
    seconds: float = 0.0
    """For a conversion: since the workers started."""
    warnings: tuple[str, ...] = ()


@dataclass(kw_only=True)
class Production:
    """LibreOffice workers (or a unoserver pool) converting the tasks' sources, started
    before they are written.

    Use as a context manager: leaving it (also by an error or Ctrl-C) ends every
    LibreOffice it started.
    """

    tasks: Sequence[Task]
    work: Path
    store: Cache
    converter: Converter
    """Who converts (the local LibreOffice workers or a unoserver pool), chosen by the
    caller."""
    jobs: int | None = None
    isolate: bool = False
    emit: OnEvent = field(default=lambda _: None)
    """Told when the conversions begin and end (StageStarted/StageFinished ``convert``)."""
    _todo: list[Task] = field(default_factory=list)
    _unwritten: list[Path] = field(default_factory=list)
    _conversion: Conversion | None = None
    _started: float = 0.0

    def __enter__(self) -> Production:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._conversion is not None:
            self._conversion.abort()

    def _source(self, task: Task) -> Path:
        return self.work / "src" / f"{task.name}{task.suffix}"

    def start(self) -> list[Result]:
        """Take what the cache has; start LibreOffice on the rest (paths not written yet)."""
        found = []
        for task in self.tasks:
            hit = self.store.get(task.key) if task.convert else None
            if hit is not None:
                found.append(Result(task=task, pdf=hit, cached=True))
            else:
                self._todo.append(task)
        sources = [self._source(t) for t in self._todo if t.convert]
        self._started = time.perf_counter()
        self._conversion = self.converter.start(sources, self.work / "pdf", jobs=self.jobs)
        return found

    @property
    def to_convert(self) -> list[Task]:
        return [task for task in self._todo if task.convert]

    def write(self) -> Iterator[Result]:
        """Write every source while LibreOffice starts (each whole, under its final name),
        then the ready-made PDFs while it converts; a task that fails is yielded with its
        error (re-raised without ``isolate``)."""
        for task in sorted(self._todo, key=lambda t: not t.convert):
            target = (
                self._source(task) if task.convert else self.work / "ready" / f"{task.name}.pdf"
            )
            try:
                warnings = self._make(task, target)
            except BesluitpakError as e:
                if not self.isolate:
                    raise
                self._unwritten.append(target)
                yield Result(task=task, error=e)
                continue
            if not task.convert:
                yield Result(task=task, pdf=target, warnings=tuple(warnings))
            elif warnings:
                yield Result(task=task, warnings=tuple(warnings))

    def _make(self, task: Task, target: Path) -> Sequence[str]:
        scratch = self.work / "writing" / f"{task.name}{task.suffix}"
        scratch.parent.mkdir(parents=True, exist_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        warnings = task.make(scratch)
        os.replace(scratch, target)  # LibreOffice sees all of it or nothing
        return warnings

    def converted(self) -> Iterator[Result]:
        """Each conversion as soon as it is finished, its PDF stored in the cache."""
        assert self._conversion is not None, "start() first"
        by_source = {self._source(t): t for t in self.to_convert}
        wanted = {s: t for s, t in by_source.items() if s not in self._unwritten}
        arrived: set[Path] = set()
        self.emit(events.StageStarted(stage="convert"))
        try:
            with contextlib.closing(self._conversion.completed(skip=self._unwritten)) as done:
                for source, pdf in done:
                    arrived.add(source)
                    if len(arrived) == len(wanted):  # said before the last one is used
                        self._finished()
                    yield self._store(wanted[source], pdf)
        except ConversionError as e:
            if not self.isolate:
                raise self._named(e) from None
            log.debug("a LibreOffice batch failed (%s); converting one at a time", e)
            for source, task in wanted.items():
                if source not in arrived:
                    yield self._alone(source, task)
            self._finished()
        if not wanted:
            self._finished()

    def _finished(self) -> None:
        self.emit(
            events.StageFinished(stage="convert", seconds=time.perf_counter() - self._started)
        )

    def _alone(self, source: Path, task: Task) -> Result:
        try:
            conversion = self.converter.start([source], self.work / "pdf", jobs=1)
            [(_, pdf)] = conversion.finish().items()
        except ConversionError as e:
            return Result(task=task, error=self._named(e))
        return self._store(task, pdf)

    def _store(self, task: Task, pdf: Path) -> Result:
        stored = self.store.put(task.key, pdf, dict(task.record))
        return Result(task=task, pdf=stored, seconds=time.perf_counter() - self._started)

    def _named(self, error: ConversionError) -> ConversionError:
        """The same error, naming the documents as the user knows them, not work files."""
        message = str(error)
        for task in self.to_convert:
            message = message.replace(self._source(task).name, task.label)
        return ConversionError(message, failed=error.failed)
