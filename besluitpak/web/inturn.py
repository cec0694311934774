"""A build job's editions one after the other, the intern edition first.

A person who pressed Bouwen after a change waits for the intern edition: its download link
is what they open. Built with the public edition in one build, it waits for both (measured
on the reference case after one changed data value, 2 shared cores: the intern edition
alone ~1.7 s, both ~3.5 s, and the job no sooner done). So the job builds the intern
edition, says so in its progress (the page then shows its link, no longer marked as built
before the last change), and then the public one; the job is done when both are. The
files are byte for byte those of one build of both editions (each edition's bundle depends
only on the case and its own plan), in the same order, with the same pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import besluitpak

FIRST = "intern"
"""The edition the person waits for."""


def order(editions: tuple[str, ...]) -> tuple[str, ...]:
    """``editions`` with :data:`FIRST` first, the others in their order."""
    return tuple(sorted(editions, key=lambda edition: edition != FIRST))


def build(
    case: besluitpak.Case,
    *,
    out: Path,
    on_event: Callable[[besluitpak.Event], None],
    built: Callable[[str], None],
) -> tuple[list[Path], int]:
    """Build each edition of ``case`` into ``out`` in :func:`order`, calling ``built`` with
    its name once it is written: the files (in the editions' order) and their pages."""
    files: dict[str, list[Path]] = {}
    pages = 0
    for edition in order(besluitpak.EDITIONS):
        result = besluitpak.build(
            case,
            out=out,
            settings=besluitpak.BuildSettings(editions=(edition,)),
            on_event=on_event,
        )
        files[edition] = list(result.files)
        pages += result.pages
        built(edition)
    return [path for edition in besluitpak.EDITIONS for path in files[edition]], pages
