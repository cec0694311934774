"""The release of a public edition: its DiWoo sitemap entry and a build record beside it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from besluitpak.errors import CaseError
from besluitpak.files import write_atomic
from besluitpak.publication.diwoo import diwoo_sitemap, tooi_gemeente

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case
    from besluitpak.publication.editions import EditionPlan


def publication_url(case: Case) -> str:
    """The case's ``publicatie_url``, or a located error: publish cannot do without it.
    A wrong CBS code is found here too, before any work."""
    url = case.meta.publicatie_url
    if url is None:
        raise CaseError(
            [
                case.source.problem(
                    (),
                    "required key 'publicatie_url' is missing: "
                    "publish needs the web folder where the "
                    "bundle will stand (for DiWoo)",
                )
            ]
        )
    tooi_gemeente(case)
    return url


def write_release(
    case: Case, plan: EditionPlan, bundle: Path, *, today: dt.date, tools: dict[str, str]
) -> tuple[Path, Path]:
    """Write ``<bundle>.diwoo.xml`` and ``<bundle>.record.json`` beside the published
    bundle; return both paths."""
    url = f"{publication_url(case).rstrip('/')}/{bundle.name}"
    sitemap = bundle.with_suffix(".diwoo.xml")
    write_atomic(sitemap, diwoo_sitemap(case, plan, url=url, lastmod=today))
    record = _record(case, plan, bundle, url=url, today=today, tools=tools)
    record_path = bundle.with_suffix(".record.json")
    write_atomic(record_path, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())
    return sitemap, record_path


def _record(
    case: Case, plan: EditionPlan, bundle: Path, *, url: str, today: dt.date, tools: dict[str, str]
) -> dict[str, Any]:
    override = plan.override
    embargo = case.meta.embargo_tot
    return {
        "kenmerk": case.meta.kenmerk,
        "edition": plan.name,
        "bundle": bundle.name,
        "sha256": hashlib.sha256(bundle.read_bytes()).hexdigest(),
        "url": url,
        "today": today.isoformat(),
        "embargo_tot": embargo.isoformat() if embargo else None,
        "override": None
        if override is None
        else {"reden": override.reden, "user": override.user, "time": override.time},
        "withheld": [
            {
                "bijlage": d.number,
                "grond": d.grond,
                "geheim_tot": d.geheim_tot.isoformat() if d.geheim_tot else None,
            }
            for d in plan.withheld
        ],
        "released": [
            {"bijlage": d.number, "geheim_tot": d.geheim_tot.isoformat() if d.geheim_tot else None}
            for d in plan.released
        ],
        **tools,
    }
