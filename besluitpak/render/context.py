"""What a template sees: the case's fields and the document's own data.

Kept apart from docx.py (and its Word libraries) because the cache key of every document
needs it before anything is rendered, and a build starts LibreOffice as soon as the keys are
known.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from besluitpak.casefile import lak, refs
from besluitpak.casefile.case import Case, Document, thaw

__all__ = ["context_for", "ready_made_properties"]


def context_for(case: Case, document: Document, *, public: bool = False) -> dict[str, Any]:
    """Everything a template may use: the case's fields, then the document's own data.

    With ``public``, the steller's personal data is left out.
    """
    meta = case.meta
    steller = {"naam": "", "telefoon": None, "email": None} if public else meta.steller.model_dump()
    context: dict[str, Any] = {
        "gemeente": meta.gemeente.model_dump(),
        "kenmerk": meta.kenmerk,
        "onderwerp": meta.onderwerp,
        "collegevergadering": meta.collegevergadering,
        "portefeuillehouder": meta.portefeuillehouder,
        "afdeling": meta.afdeling,
        "steller": steller,
        "embargo_tot": meta.embargo_tot,
        "bijlagen": [
            {"nummer": b.number, "id": b.id, "titel": b.titel, "openbaar": b.openbaar}
            for b in case.bijlagen
        ],
        "document": {
            "titel": document.titel,
            "label": document.label,
            "nummer": document.number,
            "id": document.id,
        },
        "bijlage": refs.template_function(case.numbers, _name(document.template)),
    }
    context.update(lak.mark_all(thaw(document.data or {}), public=public))
    return context


def _name(template: Path | None) -> str:
    return template.name if template else "?"


def ready_made_properties(case: Case, document: Document) -> dict[str, str]:
    """The core properties every document gets (part of the cache key)."""
    return {
        "title": document.titel,
        "subject": case.meta.onderwerp,
        "author": case.meta.gemeente.naam,
        "last_modified_by": case.meta.gemeente.naam,
        "language": "nl-NL",
        "keywords": f"collegebesluit {case.meta.kenmerk}",
        "comments": "",
    }
