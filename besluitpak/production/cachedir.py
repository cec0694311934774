"""The document cache as its user sees it: where it is, how large, and clearing it.

The cache itself (keys, entries, their checks) is :mod:`besluitpak.convert.cache`; this is
what ``besluitpak cache info`` and ``cache clear`` ask of it through the public API.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class CacheContents:
    """What the cache of converted documents holds (or held, when cleared)."""

    folder: Path
    documents: int
    """Cached converted documents (PDFs)."""
    size: int
    """Their bytes (when cleared: every file's)."""
    memos: int = 0
    """Remembered template variable lists and data checks (counted when cleared)."""


def cache_info() -> CacheContents:
    """Where the cache is (``$BESLUITPAK_CACHE`` or ``~/.cache/besluitpak``) and how large."""
    from besluitpak.convert import cache

    root = cache.folder()
    files = list(root.rglob("*.pdf")) if root.exists() else []
    return CacheContents(
        folder=root, documents=len(files), size=sum(p.stat().st_size for p in files)
    )


def clear_cache() -> CacheContents:
    """Remove every cached document, and what was remembered of templates and data; what
    was removed."""
    from besluitpak.convert import cache

    root = cache.folder()
    documents, size = cache.Cache(root).clear()
    return CacheContents(folder=root, documents=documents, size=size, memos=cache.clear_memos())
