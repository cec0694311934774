"""The besluitenlijst's DiWoo record: a sitemap entry the national Woo-index harvests,
informatiecategorie "agenda's en besluitenlijsten bestuurscolleges", documentsoort
besluitenlijst, validated against the DiWoo XSD shipped in the package.

Built with the publication stage's own pieces (:mod:`besluitpak.publication.diwoo`). An item
under embargo is left out of the record as it is out of the list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from besluitpak import dutch
from besluitpak.files import write_atomic
from besluitpak.publication.diwoo import (
    DIWOO,
    KERN,
    SITEMAP,
    VASTSTELLING,
    document,
    element,
    tooi_gemeente,
    validate_diwoo,
)

if TYPE_CHECKING:
    from besluitpak.meeting.besluitenlijst import LijstStatus
    from besluitpak.meeting.load import Vergadering

DOCUMENTSOORT_BESLUITENLIJST = (f"{KERN}/c_d4a4792f", "besluitenlijst")
"""TOOI: "Een document dat de op een vergadering genomen besluiten (kort) samenvat"."""


def publication_url(vergadering: Vergadering, pdf: Path) -> str:
    """Where the list will stand: the vergadering's ``publicatie_url``, else the first
    case's, with the PDF's name."""
    base = vergadering.meta.publicatie_url or next(
        (i.case.meta.publicatie_url for i in vergadering.items if i.case.meta.publicatie_url),
        None,
    )
    if base is None:
        return pdf.name
    return f"{base.rstrip('/')}/{pdf.name}"


def sitemap(
    vergadering: Vergadering,
    filled: dict[str, Any],
    pdf: Path,
    *,
    status: LijstStatus,
    today: dt.date,
) -> bytes:
    """The DiWoo sitemap entry of the besluitenlijst ``pdf`` (``filled``: its context)."""
    from lxml import etree

    meta = vergadering.meta
    publisher, name = tooi_gemeente(vergadering.items[0].case)  # every case is the gemeente's
    url = publication_url(vergadering, pdf)
    urlset = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "diwoo": DIWOO})
    entry = etree.SubElement(urlset, f"{{{SITEMAP}}}url")
    etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = url
    etree.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = today.isoformat()
    diwoo, classes = document(
        entry,
        identifier=f"besluitenlijst-{meta.nummer}-{status.value}",
        publisher=(publisher, name),
        titel=f"Besluitenlijst collegevergadering {dutch.datum(meta.datum)} ({status.value})",
        documentsoort=DOCUMENTSOORT_BESLUITENLIJST,
        creatiedatum=meta.datum,
        aggregatiekenmerk=f"collegevergadering-{meta.nummer}",
    )
    onderwerpen = [p["kop"] for p in filled["punten"] if not p["later_openbaar"]]
    if onderwerpen:
        trefwoorden = element(classes, "trefwoorden")
        for kop in onderwerpen:
            element(trefwoorden, "trefwoord", kop)
    handling = element(element(diwoo, "documenthandelingen"), "documenthandeling")
    element(handling, "soortHandeling", VASTSTELLING[1], VASTSTELLING[0])
    element(handling, "atTime", f"{meta.datum.isoformat()}T00:00:00")
    element(handling, "wasAssociatedWith", name, publisher)
    xml: bytes = etree.tostring(urlset, xml_declaration=True, encoding="utf-8", pretty_print=True)
    validate_diwoo(xml)
    return xml


def write_record(
    vergadering: Vergadering,
    filled: dict[str, Any],
    pdf: Path,
    *,
    status: LijstStatus,
    today: dt.date,
) -> Path:
    """Write the record beside ``pdf`` as ``<name>.diwoo.xml``; its path."""
    target = pdf.with_suffix(".diwoo.xml")
    write_atomic(target, sitemap(vergadering, filled, pdf, status=status, today=today))
    return target
