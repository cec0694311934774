"""MDTO 1.0.1 records: an informatieobject for the package and a bestand per PDF,
validated against the official XSD shipped in the package."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from besluitpak.archival.layout import MDTO_NS, PRONOM
from besluitpak.casefile.case import Case
from besluitpak.errors import ArchiveError, BesluitpakError
from besluitpak.files import sha256
from besluitpak.route.record import Action

log = logging.getLogger(__name__)


def _begrip(parent: Any, tag: str, label: str, lijst: str, code: str | None = None) -> None:
    from lxml import etree

    element = etree.SubElement(parent, f"{{{MDTO_NS}}}{tag}")
    etree.SubElement(element, f"{{{MDTO_NS}}}begripLabel").text = label
    if code:
        etree.SubElement(element, f"{{{MDTO_NS}}}begripCode").text = code
    lijst_el = etree.SubElement(element, f"{{{MDTO_NS}}}begripBegrippenlijst")
    etree.SubElement(lijst_el, f"{{{MDTO_NS}}}verwijzingNaam").text = lijst


def _verwijzing(
    parent: Any, tag: str, naam: str, kenmerk: str | None = None, bron: str | None = None
) -> None:
    from lxml import etree

    element = etree.SubElement(parent, f"{{{MDTO_NS}}}{tag}")
    etree.SubElement(element, f"{{{MDTO_NS}}}verwijzingNaam").text = naam
    if kenmerk:
        ident = etree.SubElement(element, f"{{{MDTO_NS}}}verwijzingIdentificatie")
        etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieKenmerk").text = kenmerk
        etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieBron").text = bron


def _identificatie(parent: Any, kenmerk: str) -> None:
    from lxml import etree

    ident = etree.SubElement(parent, f"{{{MDTO_NS}}}identificatie")
    etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieKenmerk").text = kenmerk
    etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieBron").text = "besluitpak archief"


def _archiefvormer(case: Case) -> tuple[str, str, str]:
    from besluitpak.publication.diwoo import tooi_gemeente

    try:
        uri, label = tooi_gemeente(case)
        return label, uri, "TOOI"
    except BesluitpakError as e:  # not in the TOOI list: the CBS code is still an identity
        log.debug("archiefvormer by CBS code: %s", e)
        return (
            f"gemeente {case.meta.gemeente.naam}",
            f"gm{case.meta.gemeente.cbs_code}",
            "CBS gemeentecode",
        )


_PLAIN_PDF = {
    "1.0": "fmt/14",
    "1.1": "fmt/15",
    "1.2": "fmt/16",
    "1.3": "fmt/17",
    "1.4": "fmt/18",
    "1.5": "fmt/19",
    "1.6": "fmt/20",
    "1.7": "fmt/276",
    "2.0": "fmt/1129",
}
"""PRONOM's plain PDF by version: for a PDF that makes no PDF/A claim (a ready-made bijlage
with a font nothing free stands in for)."""


def _format(pdf: Path) -> tuple[str | None, str]:
    """The PRONOM code and name of ``pdf``: PDF/A-2 at the level it claims, else PDF of its
    version (never a PDF/A it does not claim)."""
    import pikepdf

    with pikepdf.open(pdf) as opened:
        level = str(opened.open_metadata().get("pdfaid:conformance", ""))
        version = opened.pdf_version
    if level in PRONOM:
        return PRONOM[level]
    return _PLAIN_PDF.get(version), f"Acrobat PDF {version} - Portable Document Format"


def write_mdto(
    case: Case,
    staging: Path,
    outputs: list[Path],
    *,
    moment: dt.datetime,
    route: Sequence[Action] = (),
) -> None:
    """Write the MDTO records into ``staging/mdto``: ``informatieobject.xml`` for the
    package (``route``: its route actions, as events) and ``<pdf>.xml`` for each of
    ``outputs``, each validated before it is written."""
    folder = staging / "mdto"
    folder.mkdir()
    record = _informatieobject(case, outputs)
    _route_events(record[0], route)
    _write_xml(record, folder / "informatieobject.xml")
    for output in outputs:
        of = (f"Collegebesluit {case.meta.kenmerk}", case.meta.kenmerk)
        _write_xml(_bestand(output, moment, of=of), folder / f"{output.name}.xml")


def _informatieobject(case: Case, outputs: list[Path]) -> Any:
    """The package's record: what the decision is, who made it, its representations."""
    from lxml import etree

    meta = case.meta
    package_id = f"{meta.kenmerk}"
    root = etree.Element(f"{{{MDTO_NS}}}MDTO", nsmap={None: MDTO_NS})
    obj = etree.SubElement(root, f"{{{MDTO_NS}}}informatieobject")
    _identificatie(obj, package_id)
    etree.SubElement(
        obj, f"{{{MDTO_NS}}}naam"
    ).text = f"Collegebesluit {meta.kenmerk}: {meta.onderwerp}"
    _begrip(obj, "aggregatieniveau", "Archiefstuk", "Begrippenlijst Aggregatieniveaus MDTO")
    etree.SubElement(obj, f"{{{MDTO_NS}}}trefwoord").text = "collegebesluit"
    etree.SubElement(obj, f"{{{MDTO_NS}}}omschrijving").text = (
        f"Collegevoorstel met {len(case.bijlagen)} bijlagen, vastgesteld in de "
        f"collegevergadering van {meta.collegevergadering.isoformat()}."
    )
    etree.SubElement(obj, f"{{{MDTO_NS}}}taal").text = "nl"
    event = etree.SubElement(obj, f"{{{MDTO_NS}}}event")
    _begrip(event, "eventType", "Vaststelling", "Begrippenlijst EventTypeLijst MDTO")
    etree.SubElement(
        event, f"{{{MDTO_NS}}}eventTijd"
    ).text = f"{meta.collegevergadering.isoformat()}T00:00:00"
    _begrip(obj, "waardering", "Blijvend te bewaren", "Begrippenlijst Waarderingen MDTO", "B")
    for output in outputs:
        _verwijzing(
            obj,
            "heeftRepresentatie",
            output.name,
            f"{package_id}/{output.name}",
            "besluitpak archief",
        )
    naam, kenmerk, bron = _archiefvormer(case)
    _verwijzing(obj, "archiefvormer", naam, kenmerk, bron)
    _beperking_gebruik(obj, case)
    return root


_EVENT_TYPES = {
    "indienen": "Indiening",
    "advies": "Advies",
    "paraaf": "Parafering",
    "terugsturen": "Terugzending",
}


def _route_events(obj: Any, route: Sequence[Action]) -> None:
    """Each route action as an ``event`` after the Vaststelling: type, time, who (and for
    whom), and what came of it."""
    from lxml import etree

    waardering = obj.find(f"{{{MDTO_NS}}}waardering")
    for action in route:
        event = etree.Element(f"{{{MDTO_NS}}}event")
        _begrip(event, "eventType", _EVENT_TYPES[action.wat], "Begrippenlijst Route besluitpak")
        tijd = action.tijd.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
        etree.SubElement(event, f"{{{MDTO_NS}}}eventTijd").text = tijd
        wie = action.door + (f" ({action.als})" if action.als else "")
        wie += f" namens {action.namens}" if action.namens else ""
        _verwijzing(event, "eventVerantwoordelijkeActor", wie)
        resultaat = "; ".join(
            part
            for part in (
                action.oordeel,
                action.opmerking,
                f"pakket {action.pakket}" if action.pakket else "",
            )
            if part
        )
        if resultaat:
            etree.SubElement(event, f"{{{MDTO_NS}}}eventResultaat").text = resultaat
        waardering.addprevious(event)


def _beperking_gebruik(obj: Any, case: Case) -> None:
    """Openbaar, or openbaar met beperkingen: which bijlagen are withheld, and on what grond."""
    from lxml import etree

    withheld = [d for d in case.bijlagen if not d.openbaar]
    beperking = etree.SubElement(obj, f"{{{MDTO_NS}}}beperkingGebruik")
    _begrip(
        beperking,
        "beperkingGebruikType",
        "Openbaar met beperkingen" if withheld else "Openbaar",
        "Begrippenlijst BeperkingGebruik besluitpak",
    )
    if withheld:
        etree.SubElement(
            beperking, f"{{{MDTO_NS}}}beperkingGebruikNadereBeschrijving"
        ).text = "; ".join(f"bijlage {d.number}: {d.grond}" for d in withheld)


def _bestand(output: Path, moment: dt.datetime, *, of: tuple[str, str]) -> Any:
    """One PDF's record: its size, format (PRONOM), checksum, and the information object it
    represents (``of``: its name and identificatie)."""
    from lxml import etree

    naam, identificatie = of
    root = etree.Element(f"{{{MDTO_NS}}}MDTO", nsmap={None: MDTO_NS})
    bestand = etree.SubElement(root, f"{{{MDTO_NS}}}bestand")
    _identificatie(bestand, f"{identificatie}/{output.name}")
    etree.SubElement(bestand, f"{{{MDTO_NS}}}naam").text = output.name
    etree.SubElement(bestand, f"{{{MDTO_NS}}}omvang").text = str(output.stat().st_size)
    code, label = _format(output)
    _begrip(bestand, "bestandsformaat", label, "PRONOM-register", code)
    checksum = etree.SubElement(bestand, f"{{{MDTO_NS}}}checksum")
    _begrip(checksum, "checksumAlgoritme", "SHA-256", "Begrippenlijst ChecksumAlgoritme MDTO")
    etree.SubElement(checksum, f"{{{MDTO_NS}}}checksumWaarde").text = sha256(output)
    etree.SubElement(checksum, f"{{{MDTO_NS}}}checksumDatum").text = moment.replace(
        tzinfo=None
    ).isoformat()
    _verwijzing(bestand, "isRepresentatieVan", naam, identificatie, "besluitpak archief")
    return root


def _write_xml(root: Any, path: Path) -> None:
    from lxml import etree

    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    problem = mdto_problem(data)
    if problem:
        raise ArchiveError(f"{path.name}: MDTO record does not validate: {problem}")
    path.write_bytes(data)


def mdto_problem(data: bytes) -> str | None:
    """Why ``data`` is not a valid MDTO 1.0.1 record, or None."""
    from lxml import etree

    schema = etree.XMLSchema(
        etree.parse(str(resources.files("besluitpak").joinpath("data", "xsd", "MDTO-XML1.0.1.xsd")))
    )
    try:
        document = etree.fromstring(data)
    except etree.XMLSyntaxError as e:
        return str(e)
    if schema.validate(document):
        return None
    error = schema.error_log[0]
    return f"line {error.line}: {error.message}"


def write_meeting_mdto(
    folder: Path,
    *,
    identificatie: str,
    naam: str,
    omschrijving: str,
    datum: dt.date,
    vormer: Case,
    onderdelen: list[tuple[str, str]],
    outputs: list[Path],
    moment: dt.datetime,
) -> None:
    """MDTO records of a collegevergadering in ``folder``: ``informatieobject.xml`` for the
    meeting (a Dossier that ``bevatOnderdeel`` each case's record: ``onderdelen`` are their
    (kenmerk, naam)) and one ``bestand`` record per PDF of ``outputs``; each validated.
    ``vormer`` is any of its cases: the archiefvormer is their gemeente."""
    from lxml import etree

    folder.mkdir(parents=True, exist_ok=True)
    root = etree.Element(f"{{{MDTO_NS}}}MDTO", nsmap={None: MDTO_NS})
    obj = etree.SubElement(root, f"{{{MDTO_NS}}}informatieobject")
    _identificatie(obj, identificatie)
    etree.SubElement(obj, f"{{{MDTO_NS}}}naam").text = naam
    _begrip(obj, "aggregatieniveau", "Dossier", "Begrippenlijst Aggregatieniveaus MDTO")
    etree.SubElement(obj, f"{{{MDTO_NS}}}trefwoord").text = "collegevergadering"
    etree.SubElement(obj, f"{{{MDTO_NS}}}omschrijving").text = omschrijving
    etree.SubElement(obj, f"{{{MDTO_NS}}}taal").text = "nl"
    event = etree.SubElement(obj, f"{{{MDTO_NS}}}event")
    _begrip(event, "eventType", "Vaststelling", "Begrippenlijst EventTypeLijst MDTO")
    etree.SubElement(event, f"{{{MDTO_NS}}}eventTijd").text = f"{datum.isoformat()}T00:00:00"
    _begrip(obj, "waardering", "Blijvend te bewaren", "Begrippenlijst Waarderingen MDTO", "B")
    for kenmerk, titel in onderdelen:
        _verwijzing(obj, "bevatOnderdeel", titel, kenmerk, "besluitpak archief")
    for output in outputs:
        _verwijzing(
            obj,
            "heeftRepresentatie",
            output.name,
            f"{identificatie}/{output.name}",
            "besluitpak archief",
        )
    vormer_naam, vormer_kenmerk, bron = _archiefvormer(vormer)
    _verwijzing(obj, "archiefvormer", vormer_naam, vormer_kenmerk, bron)
    beperking = etree.SubElement(obj, f"{{{MDTO_NS}}}beperkingGebruik")
    _begrip(
        beperking,
        "beperkingGebruikType",
        "Openbaar met beperkingen",
        "Begrippenlijst BeperkingGebruik besluitpak",
    )
    etree.SubElement(
        beperking, f"{{{MDTO_NS}}}beperkingGebruikNadereBeschrijving"
    ).text = "De vergadermap bevat de interne edities; de besluitenlijst is openbaar."
    _write_xml(root, folder / "informatieobject.xml")
    for output in outputs:
        record = _bestand(output, moment, of=(naam, identificatie))
        _write_xml(record, folder / f"{output.name}.xml")
