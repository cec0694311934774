"""A content-addressed cache of converted documents.

The key is what determines a document's PDF: the template's bytes, the values of the
variables it uses (canonical JSON), the LibreOffice export options, and the besluitpak and
LibreOffice versions — never the .docx bytes, which differ by zip timestamps. An entry is a
PDF and a small record holding its SHA-256; it is written to a temporary name and renamed,
so a crash never leaves a half entry under a real name, and an entry whose bytes do not
match its record is thrown away and rebuilt. Two builds may share the cache: they write the
same bytes under the same key.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak import fingerprint
from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.convert import libreoffice as convert
from besluitpak.files import cache_home, file_hash, remembered, sha256
from besluitpak.render.context import context_for, ready_made_properties

log = logging.getLogger(__name__)

FORMAT = 2
"""Bumped whenever what besluitpak does to a document before conversion changes."""


def folder() -> Path:
    """``$BESLUITPAK_CACHE/documents`` or ``~/.cache/besluitpak/documents``."""
    return cache_home() / "documents"


MEMOS = ("variables", "valid")
"""Folders beside the documents: the variables each template uses, and proofs that data
passed its template's schema (see _used_variables and case._known_valid)."""


def clear_memos() -> int:
    """Forget what was remembered of templates and data; the number of entries removed."""
    removed = 0
    for name in MEMOS:
        memo = cache_home() / name
        if memo.is_dir():
            removed += sum(1 for entry in memo.iterdir() if entry.is_file())
            shutil.rmtree(memo, ignore_errors=True)
    return removed


@functools.cache
def _used_variables(template: Path, digest: str) -> frozenset[str]:
    """The variables a template uses, remembered by the template's hash: finding them
    means parsing the template with docxtpl, which a build whose documents all come from
    the cache (or one that starts LibreOffice early) should not wait for."""

    def find() -> str:
        from besluitpak.render import docx as render  # docxtpl is slow to import: only when needed

        return json.dumps(sorted(render.variables(template)))

    known = remembered(
        cache_home() / "variables" / f"{digest}.json", fingerprint.code_version(), find
    )
    return frozenset(json.loads(known))


def key_for(case: Case, document: Document, *, public: bool) -> str | None:
    """The cache key of a document's PDF, or None when it is not converted (a PDF)."""
    basis: dict[str, Any] = {"format": FORMAT}
    if document.kind is Kind.READY_PDF:
        return None
    if document.template is not None:
        digest = file_hash(document.template)
        used = _used_variables(document.template, digest)
        context = context_for(case, document, public=public)
        values = {
            name: context[name]
            for name in sorted(used)
            if name in context and not callable(context[name])
        }
        if "bijlage" in used:
            values["bijlage()"] = case.numbers
        basis.update(template=digest, values=values)
    elif document.bestand is not None and document.suffix == ".docx":
        basis.update(
            bestand=file_hash(document.bestand), properties=ready_made_properties(case, document)
        )
    elif document.bestand is not None:
        basis.update(bestand=file_hash(document.bestand))
    if document.wijzigingen is not None:  # a ready-made .docx or .odt's changes accepted or not
        basis.update(wijzigingen=document.wijzigingen)
    return fingerprint.document_key(basis, tools=fingerprint.tools(convert.identity()))


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
