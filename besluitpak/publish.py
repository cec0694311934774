"""Editions and publication: what may be published, and when.

*intern* holds everything. *openbaar* replaces every withheld bijlage by a placeholder
page, leaves out the steller's personal data and scrubs internal metadata; while the
embargo runs it is marked on every page. The final public edition (``publish``) cannot be
made before the embargo date except by an explicit override, which is recorded.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import socket
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from besluitpak import dutch
from besluitpak.errors import BesluitpakError, CaseError

if TYPE_CHECKING:  # only named in annotations: `besluitpak build` with nothing to do
    from besluitpak.case import Case, Document  # must not load the case model

EDITIONS = ("intern", "openbaar")
DIWOO = "https://standaarden.overheid.nl/diwoo/metadata/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
TOOI = "https://identifier.overheid.nl/tooi"
KERN = f"{TOOI}/def/thes/kern"
INFORMATIECATEGORIE = (f"{KERN}/c_3a248e3a", "agenda’s en besluitenlijsten bestuurscolleges")
DOCUMENTSOORT_BESLUIT = (f"{KERN}/c_465163c9", "besluit")
VASTSTELLING = (f"{KERN}/c_641ecd76", "vaststelling")
HEEFT_BIJLAGE = (f"{KERN}/c_05f4a5f3", "heeft bijlage")
LANGUAGE_NLD = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
FORMAT_PDF = ("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF")


class EmbargoError(BesluitpakError):
    """Raised when the final public edition is asked for before the embargo date."""


@dataclass(frozen=True, kw_only=True)
class Override:
    """An explicit, recorded publication before the embargo date."""

    reden: str
    user: str
    time: str

    @classmethod
    def now(cls, reden: str) -> Override:
        user = f"{getpass.getuser()}@{socket.gethostname()}"
        moment = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        return cls(reden=reden, user=user, time=moment)


@dataclass(frozen=True, kw_only=True)
class EditionPlan:
    """What one edition of a case holds on a given day."""

    name: str
    public: bool
    today: dt.date
    withheld: tuple[Document, ...] = ()
    """Replaced by a placeholder page."""
    released: tuple[Document, ...] = ()
    """Were secret, but geheim_tot has passed: included, and the contents says so."""
    embargo: dt.date | None = None
    """Set while the embargo runs on this edition: every page is marked."""
    override: Override | None = None
    notes: dict[str, str] = field(default_factory=dict)
    """Per document id: what the contents says after the title."""

    def notices(self) -> tuple[str, ...]:
        lines = []
        if self.embargo is not None:
            lines.append(f"EMBARGO — niet openbaar vóór {dutch.datum(self.embargo)}")
        if self.override is not None:
            lines.append(f"Gepubliceerd vóór het embargo: {self.override.reden}")
        return tuple(lines)

    def summary(self) -> list[str]:
        """What this edition holds, for the person building it (English, like the CLI)."""
        lines = []
        if self.embargo:
            lines.append(f"under embargo until {dutch.datum(self.embargo)}: every page is "
                         f"marked")
        for document in self.withheld:
            lines.append(f"bijlage {document.number} withheld ({document.grond})")
        for document in self.released:
            lines.append(f"bijlage {document.number} included: secret until "
                         f"{dutch.datum(document.geheim_tot) if document.geheim_tot else '?'}")
        if self.override:
            lines.append(f"published before the embargo: {self.override.reden} "
                         f"({self.override.user}, {self.override.time})")
        return lines

    def own_metadata(self) -> dict[str, str]:
        """Recorded in the PDF's XMP and Info dictionary."""
        own = {}
        if self.embargo is not None:
            own["embargoTot"] = self.embargo.isoformat()
        if self.override is not None:
            own["embargoOverride"] = (f"{self.override.reden} (door {self.override.user} "
                                      f"op {self.override.time})")
        if self.withheld:
            own["nietOpenbaar"] = ", ".join(f"bijlage {d.number}" for d in self.withheld)
        return own


def withheld_on(document: Document, today: dt.date) -> bool:
    """Is this document secret on ``today``?"""
    if document.openbaar:
        return False
    return document.geheim_tot is None or today < document.geheim_tot


def plan_edition(case: Case, name: str, *, today: dt.date, final: bool = False,
                 override: Override | None = None) -> EditionPlan:
    """What edition ``name`` holds on ``today``.

    ``final`` asks for the public edition as it is published: refused while the embargo
    runs unless ``override`` is given.
    """
    if name not in EDITIONS:
        raise BesluitpakError(f"edition: expected one of {', '.join(EDITIONS)}, got {name!r}")
    if name == "intern":
        notes = {d.id: f"niet openbaar ({d.grond})" for d in case.bijlagen if not d.openbaar}
        return EditionPlan(name=name, public=False, today=today, notes=notes)
    embargo_tot = case.meta.embargo_tot
    running = embargo_tot is not None and today < embargo_tot
    if final and running and override is None:
        assert embargo_tot is not None
        raise EmbargoError(
            f"{case.path.name}: embargo_tot: the public edition may not be published before "
            f"{dutch.datum(embargo_tot)} (today is {dutch.datum(today)}); to publish anyway, "
            f"give --force with --reden \"…\": the reason, your name and the time are recorded")
    withheld = tuple(d for d in case.bijlagen if withheld_on(d, today))
    released = tuple(d for d in case.bijlagen if not d.openbaar and not withheld_on(d, today))
    notes = {d.id: f"niet openbaar ({d.grond})" for d in withheld}
    for document in released:
        assert document.geheim_tot is not None
        notes[document.id] = f"openbaar sinds {dutch.datum(document.geheim_tot)}"
    return EditionPlan(name=name, public=True, today=today, withheld=withheld,
                       released=released, embargo=embargo_tot if running and not final
                       else None, override=override if running else None, notes=notes)


def placeholder_lines(document: Document) -> tuple[str, list[str]]:
    """The heading and lines of a withheld bijlage's placeholder page."""
    lines = ["Deze bijlage is niet openbaar.", f"Grond: {document.grond}."]
    if document.geheim_tot is not None:
        lines.append(f"Geheim tot {dutch.datum(document.geheim_tot)}.")
    else:
        lines.append("Geheim zonder einddatum.")
    return f"Bijlage {document.number} — {document.titel}", lines


# --- DiWoo ------------------------------------------------------------------------------------

@functools.cache
def _gemeenten() -> dict[str, str]:
    """TOOI gemeente URI -> label, from the DiWoo value list shipped in the package."""
    from lxml import etree

    path = resources.files("besluitpak").joinpath("data", "xsd", "diwoo-metadata-lijsten.xsd")
    tree = etree.parse(str(path))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    found = {}
    for enum in tree.xpath("//xs:simpleType[@name='gemeentelijst']//xs:enumeration",
                           namespaces=ns):
        label = "".join(enum.itertext()).strip()
        found[enum.get("value")] = label
    return found


def tooi_gemeente(case: Case) -> tuple[str, str]:
    """The gemeente's TOOI identifier and name, or a located error."""
    code = case.meta.gemeente.cbs_code
    uri = f"{TOOI}/id/gemeente/gm{code}"
    label = _gemeenten().get(uri)
    if label is None:
        raise CaseError([case.source.problem(
            ("gemeente", "cbs_code"),
            f"expected the CBS code of a gemeente in the TOOI list, got {code!r} "
            f"(no {uri})")])
    return uri, label


def _el(parent: Any, tag: str, text: str | None = None, resource: str | None = None) -> Any:
    from lxml import etree

    element = etree.SubElement(parent, f"{{{DIWOO}}}{tag}")
    if resource is not None:
        element.set("resource", resource)
    if text is not None:
        element.text = text
    return element


def diwoo_sitemap(case: Case, plan: EditionPlan, *, url: str, lastmod: dt.date) -> bytes:
    """A sitemap entry with DiWoo metadata for the public bundle at ``url``."""
    from lxml import etree

    publisher, name = tooi_gemeente(case)
    meta = case.meta
    urlset = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "diwoo": DIWOO})
    entry = etree.SubElement(urlset, f"{{{SITEMAP}}}url")
    etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = url
    etree.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = lastmod.isoformat()
    document = _el(entry, "Document")
    diwoo = _el(document, "DiWoo")
    _el(_el(diwoo, "identifiers"), "identifier", meta.kenmerk)
    _el(diwoo, "publisher", name, publisher)
    _el(diwoo, "verantwoordelijke", name, publisher)
    _el(_el(diwoo, "titelcollectie"), "officieleTitel", f"Collegebesluit {meta.onderwerp}")
    classes = _el(diwoo, "classificatiecollectie")
    _el(_el(classes, "informatiecategorieen"), "informatiecategorie",
        INFORMATIECATEGORIE[1], INFORMATIECATEGORIE[0])
    _el(_el(classes, "documentsoorten"), "documentsoort", DOCUMENTSOORT_BESLUIT[1],
        DOCUMENTSOORT_BESLUIT[0])
    _el(diwoo, "creatiedatum", meta.collegevergadering.isoformat())
    _el(diwoo, "language", LANGUAGE_NLD[1], LANGUAGE_NLD[0])
    _el(diwoo, "format", FORMAT_PDF[1], FORMAT_PDF[0])
    _el(diwoo, "aggregatiekenmerk", meta.kenmerk)
    public = [d for d in case.bijlagen if d not in plan.withheld]
    if public:
        parts = _el(diwoo, "hasParts")
        for bijlage in public:
            _el(parts, "hasPart", f"Bijlage {bijlage.number}: {bijlage.titel}",
                f"{url}#nameddest=bijlage-{bijlage.number}")
    handling = _el(_el(diwoo, "documenthandelingen"), "documenthandeling")
    _el(handling, "soortHandeling", VASTSTELLING[1], VASTSTELLING[0])
    _el(handling, "atTime", f"{meta.collegevergadering.isoformat()}T00:00:00")
    _el(handling, "wasAssociatedWith", name, publisher)
    if public:
        relations = _el(diwoo, "documentrelaties")
        for bijlage in public:
            relation = _el(relations, "documentrelatie")
            _el(relation, "role", HEEFT_BIJLAGE[1], HEEFT_BIJLAGE[0])
            _el(relation, "relation", f"Bijlage {bijlage.number}: {bijlage.titel}",
                f"{url}#nameddest=bijlage-{bijlage.number}")
    xml: bytes = etree.tostring(urlset, xml_declaration=True, encoding="utf-8",
                                pretty_print=True)
    validate_diwoo(xml)
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
            raise BesluitpakError(f"DiWoo metadata does not validate: line {first.line}: "
                                  f"{first.message}")
