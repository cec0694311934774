"""The cache key of a document's PDF: what determines it, as plain values.

The key is the template's bytes, the values of the variables it uses (canonical JSON), the
LibreOffice export options, and the besluitpak and LibreOffice versions (the converter's
identity, passed in as ``tools``) — never the .docx bytes, which differ by zip timestamps.
The cache (:mod:`besluitpak.convert.cache`) only stores PDFs under these keys.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from besluitpak import fingerprint
from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.files import cache_home, file_hash, remembered
from besluitpak.render.context import context_for, ready_made_properties

FORMAT = 3
"""Bumped whenever what besluitpak does to a document before conversion changes."""


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


def _values(case: Case, document: Document, *, public: bool) -> dict[str, Any]:
    """The values of the variables ``document``'s template uses, in an edition."""
    assert document.template is not None
    used = _used_variables(document.template, file_hash(document.template))
    context = context_for(case, document, public=public)
    values = {
        name: context[name]
        for name in sorted(used)
        if name in context and not callable(context[name])
    }
    if "bijlage" in used:
        values["bijlage()"] = case.numbers
    return values


def source_public(case: Case, document: Document, *, public: bool) -> bool:
    """Whether the source of ``document`` for an edition (``public``) is rendered as the
    public edition has it: always for the public edition, and for the intern one when the
    values its template uses are the same in both. Then both editions share one
    conversion, and it is the public edition's allow-listed copy
    (:mod:`besluitpak.render.public_word`), whichever edition needed it first: it prints what
    the intern one prints, and which variant a cache entry holds no longer depends on which
    edition was built first (an archive's rebuild gave other bytes: its tags' style names
    differed)."""
    if public or document.template is None:
        return public
    return _values(case, document, public=False) == _values(case, document, public=True)


def document_key(
    case: Case, document: Document, *, public: bool, tools: fingerprint.Tools
) -> str | None:
    """The cache key of a document's PDF, or None when it is not converted (a PDF);
    ``tools``: :func:`besluitpak.fingerprint.tools` of the build's converter."""
    basis: dict[str, Any] = {"format": FORMAT}
    if document.kind is Kind.READY_PDF:
        return None
    if document.template is not None:
        digest = file_hash(document.template)
        values = _values(case, document, public=public)
        rendered = "openbaar" if source_public(case, document, public=public) else "intern"
        basis.update(template=digest, values=values, rendered=rendered)
    elif document.bestand is not None and document.suffix == ".docx":
        basis.update(
            bestand=file_hash(document.bestand), properties=ready_made_properties(case, document)
        )
    elif document.bestand is not None:
        basis.update(bestand=file_hash(document.bestand))
    if document.wijzigingen is not None:  # a ready-made .docx or .odt's changes accepted or not
        basis.update(wijzigingen=document.wijzigingen)
    words = [(item.woorden, item.grond) for item in document.lakken if item.woorden is not None]
    if public and words and document.bestand is not None:  # replaced before conversion
        basis.update(woorden=words)
    return fingerprint.document_key(basis, tools=tools)
