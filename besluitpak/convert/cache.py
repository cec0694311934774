"""A content-addressed cache of converted documents.

Entries are kept under a key the caller computes (the build's middle,
:mod:`besluitpak.production.keys`, from what determines the PDF); this module knows
nothing of what a key is made of. An entry is a PDF and a small record holding its SHA-256;
it is written to a temporary name and renamed, so a crash never leaves a half entry under a
real name, and an entry whose bytes do not match its record is thrown away and rebuilt. Two
builds may share the cache: they write the same bytes under the same key.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from besluitpak.files import cache_home, sha256

log = logging.getLogger(__name__)


def folder() -> Path:
    """``$BESLUITPAK_CACHE/documents`` or ``~/.cache/besluitpak/documents``."""
    return cache_home() / "documents"


MEMOS = ("variables", "valid")
"""Folders beside the documents: the variables each template uses (remembered by
:mod:`besluitpak.production.keys`), and proofs that data passed its template's schema
(remembered by the case model)."""


def clear_memos() -> int:
    """Forget what was remembered of templates and data; the number of entries removed."""
    removed = 0
    for name in MEMOS:
        memo = cache_home() / name
        if memo.is_dir():
            removed += sum(1 for entry in memo.iterdir() if entry.is_file())
            shutil.rmtree(memo, ignore_errors=True)
    return removed


@dataclass(frozen=True)
class Cache:
    """Converted documents by key; ``root`` None means no caching."""

    root: Path | None

    def _paths(self, key: str) -> tuple[Path, Path]:
        assert self.root is not None
        base = self.root / key[:2] / key
        return base.with_suffix(".pdf"), base.with_suffix(".json")

    def get(self, key: str) -> Path | None:
        """The cached PDF for ``key``; a missing, truncated or altered entry is None."""
        if self.root is None:
            return None
        pdf, record = self._paths(key)
        try:
            expected = json.loads(record.read_text(encoding="utf-8"))["sha256"]
            if pdf.stat().st_size and sha256(pdf) == expected:
                return pdf
        except (OSError, ValueError, KeyError, TypeError) as e:
            log.debug("cache entry %s missing or broken (%s): converting again", key[:12], e)
        for path in (pdf, record):  # broken: throw away, it will be rebuilt
            path.unlink(missing_ok=True)
        return None

    def put(self, key: str, source: Path, meta: Mapping[str, str]) -> Path:
        """Store ``source`` under ``key`` (atomically) and return the cached path."""
        if self.root is None:
            return source
        pdf, record = self._paths(key)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        digest = sha256(source)
        for target, write in (
            (pdf, lambda tmp: shutil.copyfile(source, tmp)),
            (
                record,
                lambda tmp: Path(tmp).write_text(
                    json.dumps({"sha256": digest, **meta}), encoding="utf-8"
                ),
            ),
        ):
            handle, tmp = tempfile.mkstemp(dir=pdf.parent, prefix=".tmp-")
            os.close(handle)
            try:
                write(tmp)
                os.replace(tmp, target)
            finally:
                Path(tmp).unlink(missing_ok=True)
        return pdf

    def clear(self) -> tuple[int, int]:
        """Remove every entry; return (entries, bytes) removed."""
        if self.root is None or not self.root.exists():
            return 0, 0
        entries = size = 0
        for path in self.root.rglob("*"):
            if path.is_file():
                size += path.stat().st_size
                entries += path.suffix == ".pdf"
        shutil.rmtree(self.root, ignore_errors=True)
        return entries, size
