"""One document made as a build makes each of its own: its PDF taken from the document cache
under its key, or its source converted by the run's converter and stored in the cache, told
with the same events. The meeting's besluitenlijst is made so
(:func:`besluitpak.meeting.besluitenlijst.write_besluitenlijst`): the same cache,
``--no-cache``, ``--jobs``, ``--converter`` and progress as a case's documents.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak import events, fingerprint
from besluitpak.convert.backend import Converter
from besluitpak.convert.cache import Cache
from besluitpak.convert.cache import folder as cache_folder
from besluitpak.convert.stream import Production, Task
from besluitpak.events import OnEvent
from besluitpak.settings import BuildSettings


@dataclass(frozen=True, kw_only=True)
class Source:
    """A document's source, written already, and what its PDF follows from."""

    path: Path
    """The .docx (or .odt) to convert."""
    basis: Mapping[str, Any]
    """Everything the PDF follows from besides the tools (a template's hash and the values
    it was filled with): with the tools, the document's cache key."""
    kenmerk: str
    """Whose document it is, as the events name it (``vergadering 2014-10``)."""
    document: str
    """Its id in the events (``besluitenlijst``)."""
    edition: str
    """``intern`` or ``openbaar``."""
    label: str
    """How the user knows it, in a conversion error."""


def make_pdf(
    source: Source,
    *,
    work: Path,
    settings: BuildSettings,
    converter: Converter,
    emit: OnEvent,
) -> Path:
    """The PDF of ``source`` (under ``work`` or in the cache), from the cache when its key
    is there and ``settings.use_cache``; else converted, stored and reported."""
    key = fingerprint.document_key(source.basis, tools=fingerprint.tools(converter.identity))
    task = Task(
        key=key,
        name=f"{source.path.stem}-{key[:8]}",
        suffix=source.path.suffix,
        label=source.label,
        make=lambda target: _copy(source.path, target),
        record=(("document", source.document), ("kenmerk", source.kenmerk)),
    )
    store = Cache(cache_folder() if settings.use_cache else None)
    named = {"kenmerk": source.kenmerk, "document": source.document, "edition": source.edition}
    with Production(
        tasks=[task], work=work, store=store, converter=converter, jobs=settings.jobs, emit=emit
    ) as production:
        found = production.start()
        if found:
            emit(events.DocumentFromCache(**named))
            assert found[0].pdf is not None
            return found[0].pdf
        for _ in production.write():  # a copy: no warnings, an error is raised
            pass
        emit(events.ConversionPlanned(converting=(source.label,), cached=0))
        [result] = list(production.converted())
    assert result.pdf is not None  # without isolate, a failed conversion raised
    emit(events.DocumentConverted(**named, seconds=result.seconds))
    return result.pdf


def _copy(source: Path, target: Path) -> list[str]:
    shutil.copyfile(source, target)
    return []
