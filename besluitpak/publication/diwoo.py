"""DiWoo: the metadata the national Woo-index harvests, validated against the official XSD.

The gemeente's TOOI identifier comes from the DiWoo value lists shipped in the package
(``besluitpak/data/xsd``), so a wrong CBS code is a located error, not a wrong record.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from besluitpak.errors import CaseError, PublishError

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case

DIWOO = "https://standaarden.overheid.nl/diwoo/metadata/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
TOOI = "https://identifier.overheid.nl/tooi"
KERN = f"{TOOI}/def/thes/kern"
INFORMATIECATEGORIE = (f"{KERN}/c_3a248e3a", "agenda’s en besluitenlijsten bestuurscolleges")
DOCUMENTSOORT_BESLUIT = (f"{KERN}/c_465163c9", "besluit")
DOCUMENTSOORT_VERGADERSTUK = (f"{KERN}/c_7f9dffa7", "vergaderstuk")
"""What a bijlage is: the value list has no "bijlage"; a vergaderstuk is a document put
before the meeting."""
VASTSTELLING = (f"{KERN}/c_641ecd76", "vaststelling")
HEEFT_BIJLAGE = (f"{KERN}/c_05f4a5f3", "heeft bijlage")
LANGUAGE_NLD = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
FORMAT_PDF = ("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF")


@functools.cache
def _gemeenten() -> dict[str, str]:
    """TOOI gemeente URI -> label, from the DiWoo value list shipped in the package."""
    from lxml import etree

    path = resources.files("besluitpak").joinpath("data", "xsd", "diwoo-metadata-lijsten.xsd")
    tree = etree.parse(str(path))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    found = {}
    for enum in tree.xpath("//xs:simpleType[@name='gemeentelijst']//xs:enumeration", namespaces=ns):
        label = "".join(enum.itertext()).strip()
        found[enum.get("value")] = label
    return found


def tooi_gemeente(case: Case) -> tuple[str, str]:
    """The gemeente's TOOI identifier and name, or a located error."""
    code = case.meta.gemeente.cbs_code
    uri = f"{TOOI}/id/gemeente/gm{code}"
    label = _gemeenten().get(uri)
    if label is None:
        raise CaseError(
            [
                case.source.problem(
                    ("gemeente", "cbs_code"),
                    f"expected the CBS code of a gemeente in the TOOI list, got {code!r} "
                    f"(no {uri})",
                )
            ]
        )
    return uri, label


def element(parent: Any, tag: str, text: str | None = None, resource: str | None = None) -> Any:
    """A DiWoo ``tag`` under ``parent``, with its text and its ``resource`` (a TOOI URI)."""
    from lxml import etree

    element = etree.SubElement(parent, f"{{{DIWOO}}}{tag}")
    if resource is not None:
        element.set("resource", resource)
    if text is not None:
        element.text = text
    return element


@dataclass(frozen=True, kw_only=True)
class Record:
    """One published document as the Woo-index sees it: its URL and what DiWoo says of it."""

    url: str
    identifier: str
    titel: str
    documentsoort: tuple[str, str]
    """TOOI URI and label."""
    part_of: tuple[str, str] | None = None
    """The besluit this bijlage belongs to: (URL, title)."""
    parts: tuple[tuple[str, str], ...] = ()
    """The besluit's public bijlagen: (URL, title) each."""
    ingetrokken: tuple[str, str | None] | None = None
    """Withdrawn: the reason, and its TOOI URI when it is one of DiWoo's list."""


def document(
    parent: Any,
    *,
    identifier: str,
    publisher: tuple[str, str],
    titel: str,
    documentsoort: tuple[str, str],
    creatiedatum: dt.date,
    aggregatiekenmerk: str,
) -> tuple[Any, Any]:
    """A ``diwoo:Document`` of the gemeente (``publisher``: its TOOI URI and name) under
    ``parent``, begun in the order the XSD wants up to its ``aggregatiekenmerk``; its DiWoo
    element and its classificatiecollectie (for trefwoorden)."""
    uri, name = publisher
    diwoo = element(element(parent, "Document"), "DiWoo")
    element(element(diwoo, "identifiers"), "identifier", identifier)
    element(diwoo, "publisher", name, uri)
    element(diwoo, "verantwoordelijke", name, uri)
    element(element(diwoo, "titelcollectie"), "officieleTitel", titel)
    classes = element(diwoo, "classificatiecollectie")
    element(
        element(classes, "informatiecategorieen"),
        "informatiecategorie",
        INFORMATIECATEGORIE[1],
        INFORMATIECATEGORIE[0],
    )
    element(
        element(classes, "documentsoorten"), "documentsoort", documentsoort[1], documentsoort[0]
    )
    element(diwoo, "creatiedatum", creatiedatum.isoformat())
    element(diwoo, "language", LANGUAGE_NLD[1], LANGUAGE_NLD[0])
    element(diwoo, "format", FORMAT_PDF[1], FORMAT_PDF[0])
    element(diwoo, "aggregatiekenmerk", aggregatiekenmerk)
    return diwoo, classes


def _record(parent: Any, case: Case, record: Record, publisher: tuple[str, str]) -> None:
    """A ``diwoo:Document`` for ``record`` under ``parent``, in the order the XSD wants."""
    uri, name = publisher
    meta = case.meta
    diwoo, _ = document(
        parent,
        identifier=record.identifier,
        publisher=publisher,
        titel=record.titel,
        documentsoort=record.documentsoort,
        creatiedatum=meta.collegevergadering,
        aggregatiekenmerk=meta.kenmerk,
    )
    if record.part_of is not None:
        element(diwoo, "isPartOf", record.part_of[1], record.part_of[0])
    if record.parts:
        parts = element(diwoo, "hasParts")
        for url, title in record.parts:
            element(parts, "hasPart", title, url)
    handling = element(element(diwoo, "documenthandelingen"), "documenthandeling")
    element(handling, "soortHandeling", VASTSTELLING[1], VASTSTELLING[0])
    element(handling, "atTime", f"{meta.collegevergadering.isoformat()}T00:00:00")
    element(handling, "wasAssociatedWith", name, uri)
    if record.parts:
        relations = element(diwoo, "documentrelaties")
        for url, title in record.parts:
            relation = element(relations, "documentrelatie")
            element(relation, "role", HEEFT_BIJLAGE[1], HEEFT_BIJLAGE[0])
            element(relation, "relation", title, url)
    if record.ingetrokken is not None:
        element(diwoo, "redenVerwijderingVervanging", *record.ingetrokken)


def sitemap(case: Case, records: Sequence[Record], *, lastmod: dt.date) -> bytes:
    """The sitemap the Woo-index harvests: one ``url`` per published document, each with
    its DiWoo record; every record validated against the official XSD."""
    from lxml import etree

    publisher = tooi_gemeente(case)
    urlset = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "diwoo": DIWOO})
    for record in records:
        entry = etree.SubElement(urlset, f"{{{SITEMAP}}}url")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = record.url
        etree.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = lastmod.isoformat()
        _record(entry, case, record, publisher)
    xml: bytes = etree.tostring(urlset, xml_declaration=True, encoding="utf-8", pretty_print=True)
    validate_diwoo(xml)
    return xml


def sitemap_index(sitemaps: Sequence[str], *, lastmod: dt.date) -> bytes:
    """A sitemap index listing ``sitemaps`` (their URLs), each with its ``lastmod``."""
    from lxml import etree

    index = etree.Element(f"{{{SITEMAP}}}sitemapindex", nsmap={None: SITEMAP})
    for url in sitemaps:
        entry = etree.SubElement(index, f"{{{SITEMAP}}}sitemap")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = url
        etree.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = lastmod.isoformat()
    xml: bytes = etree.tostring(index, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return xml


@functools.cache
def _diwoo_schema() -> Any:
    from lxml import etree

    path = resources.files("besluitpak").joinpath("data", "xsd", "diwoo-metadata.xsd")
    return etree.XMLSchema(etree.parse(str(path)))


def validate_diwoo(xml: bytes) -> None:
    """Every diwoo:Document in ``xml`` must validate against the DiWoo XSD."""
    from lxml import etree

    root = etree.fromstring(xml)
    for document in root.iter(f"{{{DIWOO}}}Document"):
        schema = _diwoo_schema()
        if not schema.validate(etree.ElementTree(document)):
            first = schema.error_log[0]
            raise PublishError(
                f"DiWoo metadata does not validate: line {first.line}: {first.message}"
            )
