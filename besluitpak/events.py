"""What a build tells while it works: typed, frozen events passed to ``on_event``.

The CLI turns them into its progress lines, the web page into live progress. Warnings are
events too, and also go to :mod:`logging` (logger ``besluitpak``), so a program that only
configures logging sees them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("besluitpak")


@dataclass(frozen=True, kw_only=True)
class StageStarted:
    """A stage begins: ``plan``, ``render``, ``convert``, ``assemble`` or ``write``."""

    stage: str
    kenmerk: str = ""
    """The case it concerns; empty when it concerns every case of the run."""


@dataclass(frozen=True, kw_only=True)
class StageFinished:
    """A stage ended, after ``seconds``."""

    stage: str
    seconds: float
    kenmerk: str = ""


@dataclass(frozen=True, kw_only=True)
class DocumentRendered:
    """A document's source was written (rendered, or a ready-made one prepared)."""

    kenmerk: str
    document: str
    """The document's id (``collegevoorstel``, ``opgave-noord``)."""
    edition: str
    """``intern`` or ``openbaar``: the public variant leaves the steller out."""


@dataclass(frozen=True, kw_only=True)
class DocumentConverted:
    """LibreOffice finished a document (``seconds`` after the workers started)."""

    kenmerk: str
    document: str
    edition: str
    seconds: float


@dataclass(frozen=True, kw_only=True)
class DocumentFromCache:
    """A document's PDF came from the cache: its inputs are unchanged."""

    kenmerk: str
    document: str
    edition: str


@dataclass(frozen=True, kw_only=True)
class ConversionPlanned:
    """How much LibreOffice has to do: ``converting`` documents, ``cached`` from the cache."""

    converting: tuple[str, ...]
    """Who the documents are, as the user knows them."""
    cached: int


@dataclass(frozen=True, kw_only=True)
class Waiting:
    """The build waits for something (another build writing to the same folder)."""

    message: str


@dataclass(frozen=True, kw_only=True)
class UpToDate:
    """Nothing to do: every output of this case was built from these inputs."""

    kenmerk: str


@dataclass(frozen=True, kw_only=True)
class BuildWarning:
    """Something was taken anyway but deserves a look (a repaired PDF, a scan…)."""

    message: str
    kenmerk: str = ""


Event = (
    StageStarted
    | StageFinished
    | DocumentRendered
    | DocumentConverted
    | DocumentFromCache
    | ConversionPlanned
    | Waiting
    | UpToDate
    | BuildWarning
)
"""Every kind of event."""

OnEvent = Callable[[Event], None]


def emitter(on_event: OnEvent | None) -> OnEvent:
    """``on_event`` (or nothing), with warnings also logged."""

    def emit(event: Event) -> None:
        if isinstance(event, BuildWarning):
            log.warning("%s", event.message)
        elif isinstance(event, Waiting):
            log.info("%s", event.message)
        if on_event is not None:
            on_event(event)

    return emit
