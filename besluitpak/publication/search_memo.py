"""What the guard's search found in each document, remembered, so that a rebuild after one
changed bijlage searches only that bijlage's channels again.

:func:`besluitpak.publication.guard.search` reads a sequence of channels: the cover's
texts, then every channel of each document in turn. Its findings are keyed by the document
(the key of a finding starts with it), so a document's findings do not depend on the other
documents' channels; only their ORDER in the result does (all channels but the raw content
streams first, document by document, then the content streams). So :func:`hits` cuts the
channels into runs of one document, searches each run's two phases on their own (or takes
them from the cache) and hands them out in the order a single search makes them: the caller
keeps the first finding of each key, as before, and gets the same list.

A run's record is keyed by the bytes searched — every channel's document, page, kind and
text — and by everything else the search reads (:func:`salt`): the steller and the case
file's ``openbaar`` exceptions, the withheld texts (:class:`Secrets`), besluitpak's code.
A changed text, steller or withheld passage is therefore never answered from an older
search: what was not searched for these bytes is searched.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from besluitpak.errors import OutputError
from besluitpak.files import write_atomic
from besluitpak.publication.channels import CONTENT_READINGS

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case
    from besluitpak.publication.channels import Channel
    from besluitpak.publication.secrets import Secrets

T = TypeVar("T")

FORMAT = 1
"""Bumped whenever what a record holds changes shape."""

Key = tuple[str, ...]
Search = Callable[[Sequence["Channel"]], list[tuple[Key, T]]]
"""The search of some channels: each finding with its key, the first of a key only."""


def salt(case: Case, allowed: Sequence[str], secrets: Secrets | None) -> str:
    """A digest of everything the search reads besides the channels themselves."""
    from besluitpak import fingerprint

    withheld: list[Any] = []
    if secrets is not None:
        withheld = [
            [[s, p.pattern, p.flags] for s, p in secrets.passages],
            sorted([list(phrase), where] for phrase, where in secrets.phrases.items()),
            [[s, p.pattern, p.flags] for s, p in secrets.ids],
            list(secrets.shown_ids),
        ]
    return fingerprint.digest(
        [
            FORMAT,
            fingerprint.code_version(),
            repr(case.meta.steller),
            repr(case.meta.openbaar),
            list(allowed),
            secrets is not None,
            withheld,
        ]
    )


def runs(found: Sequence[Channel]) -> list[list[Channel]]:
    """``found`` cut into runs of consecutive channels of one document."""
    return [list(run) for _, run in itertools.groupby(found, key=lambda c: c.document)]


def hits(
    found: Sequence[Channel],
    search: Search[T],
    *,
    store: Path | None,
    salt: str,
    encode: Callable[[T], dict[str, Any]],
    decode: Callable[[dict[str, Any]], T],
) -> Iterator[tuple[Key, T]]:
    """The findings of ``found`` in the order one search of them all makes them: every
    channel but the raw content streams first, then those; each run's from ``store`` when
    it searched these very channels before (none kept without a ``store``)."""
    phases = [_phases(run, search, store, salt, encode, decode) for run in runs(found)]
    for phase in (0, 1):
        for both in phases:
            yield from both[phase]


def _phases(
    run: list[Channel],
    search: Search[T],
    store: Path | None,
    salt: str,
    encode: Callable[[T], dict[str, Any]],
    decode: Callable[[dict[str, Any]], T],
) -> tuple[list[tuple[Key, T]], list[tuple[Key, T]]]:
    """The findings of one document's run: those of its channels but the raw content
    streams, and those of its raw content streams."""
    first = [c for c in run if c.channel not in CONTENT_READINGS]
    later = [c for c in run if c.channel in CONTENT_READINGS]
    path = _path(store, run, salt) if store is not None else None
    if path is not None:
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
            record = json.loads(path.read_text(encoding="utf-8"))
            return _decoded(record["first"], decode), _decoded(record["later"], decode)
    both = search(first), search(later)
    if path is not None:
        record = {name: [[list(k), encode(v)] for k, v in found] for name, found in
                  zip(("first", "later"), both, strict=True)}  # fmt: skip
        with contextlib.suppress(OutputError, OSError):
            write_atomic(path, json.dumps(record).encode(), what="the cache")
    return both


def _decoded(items: Any, decode: Callable[[dict[str, Any]], T]) -> list[tuple[Key, T]]:
    if not isinstance(items, list):
        raise ValueError("not a list of findings")
    decoded = []
    for key, value in items:
        if not isinstance(key, list) or not all(isinstance(part, str) for part in key):
            raise ValueError("not a finding's key")
        decoded.append((tuple(key), decode(value)))
    return decoded


def _path(store: Path, run: Sequence[Channel], salt: str) -> Path:
    """The record of a run: keyed by its channels as searched (document, page, kind, text)
    and the ``salt``."""
    channels = [[c.document, c.page, c.channel, c.text] for c in run]
    text = json.dumps([salt, channels], ensure_ascii=True, separators=(",", ":"))
    return store / f"guard-found-v{FORMAT}" / f"{hashlib.sha256(text.encode()).hexdigest()}.json"
