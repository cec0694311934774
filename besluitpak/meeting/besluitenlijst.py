"""The besluitenlijst: per agenda item its number, onderwerp, a short public summary and the
decision, filled into its own Word template (``templates/besluitenlijst.docx``, in the house
style) with docxtpl as every template is, converted by LibreOffice and finished as a tagged
PDF/A-2 + PDF/UA-1 document.

An item whose case is under embargo on the list's day appears with its number and "Besluit
wordt later openbaar gemaakt." only: nothing of its onderwerp, kenmerk or content reaches the
template. Withheld bijlagen are named with their ground, never shown.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.resources
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak import dutch, events
from besluitpak.casefile import lak
from besluitpak.errors import TemplateError
from besluitpak.events import OnEvent
from besluitpak.files import file_hash, write_atomic
from besluitpak.meeting.agenda import file_stem, meeting_of
from besluitpak.meeting.load import Item, Vergadering, require_uitkomst
from besluitpak.meeting.schema import Uitkomst
from besluitpak.pdf.meeting import finish_besluitenlijst
from besluitpak.pdf.signed import refuse_overwrite
from besluitpak.production import document as one_document
from besluitpak.publication.diwoo import tooi_gemeente
from besluitpak.publication.editions import withheld_on
from besluitpak.settings import BuildSettings

LATER = "Besluit wordt later openbaar gemaakt."
"""The neutral line an item under embargo shows instead of its content."""

BESLUIT = {
    Uitkomst.CONFORM: "Conform besloten",
    Uitkomst.GEWIJZIGD: "Gewijzigd besloten",
    Uitkomst.AANGEHOUDEN: "Aangehouden",
    Uitkomst.TERUGGETROKKEN: "Teruggetrokken",
}


class LijstStatus(enum.Enum):
    """Which besluitenlijst: the provisional one of the day, or the definitive one."""

    VOORLOPIG = "voorlopig"
    DEFINITIEF = "definitief"


@dataclass(frozen=True, kw_only=True)
class Besluitenlijst:
    """What ``besluitpak vergadering besluitenlijst`` wrote."""

    pdf: Path
    docx: Path
    diwoo: Path
    status: LijstStatus
    today: dt.date
    later: tuple[int, ...]
    """The items held back (under embargo on ``today``)."""
    warnings: tuple[str, ...] = ()


def default_template() -> Path:
    """``templates/besluitenlijst.docx`` of the repository (or the installed copy's)."""
    here = Path(str(importlib.resources.files("besluitpak"))).parent / "templates"
    return here / "besluitenlijst.docx"


def context(vergadering: Vergadering, *, status: LijstStatus, today: dt.date) -> dict[str, Any]:
    """What the template is given (described by ``besluitenlijst.schema.json``)."""
    require_uitkomst(vergadering)
    meta = vergadering.meta
    punten = [_punt(item, today) for item in vergadering.items]
    later = [p["nummer"] for p in punten if p["later_openbaar"]]
    toelichting = []
    if status is LijstStatus.VOORLOPIG:
        toelichting.append(
            "Dit is de voorlopige besluitenlijst; de definitieve lijst volgt na vaststelling "
            "in de volgende vergadering."
        )
    if later:
        shown = _opsomming([str(n) for n in later])
        toelichting.append(
            f"Het besluit bij agendapunt {shown} wordt openbaar gemaakt zodra de "
            f"betrokkenen zijn geïnformeerd."
            if len(later) == 1
            else f"De besluiten bij de agendapunten {shown} worden openbaar gemaakt zodra "
            f"de betrokkenen zijn geïnformeerd."
        )
    return {
        "gemeente": {"naam": meta.gemeente.naam},
        "vergadering": {
            "nummer": meta.nummer,
            "datum": meta.datum.isoformat(),
            "dag": dutch.dag(meta.datum),
        },
        "status": status.value,
        "aanwezig": ", ".join(meta.aanwezig),
        "afwezig": ", ".join(meta.afwezig),
        "toelichting": toelichting,
        "punten": punten,
    }


def _opsomming(parts: Sequence[str]) -> str:
    """``3``, ``3 en 5``, ``3, 5 en 7``."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} en {parts[-1]}"


def _punt(item: Item, today: dt.date) -> dict[str, Any]:
    if item.under_embargo(today):
        return {"nummer": item.nummer, "kop": f"Agendapunt {item.nummer}", "later_openbaar": True}
    meta = item.case.meta
    uitkomst = item.uitkomst
    assert uitkomst is not None  # require_uitkomst
    decided = uitkomst in (Uitkomst.CONFORM, Uitkomst.GEWIJZIGD)
    bijlagen = []
    for document in item.case.bijlagen:
        line = f"Bijlage {document.number}: {document.titel}"
        if withheld_on(document, today):
            line += f" — niet openbaar ({document.grond})"
        bijlagen.append(line)
    return {
        "nummer": item.nummer,
        "kop": f"Agendapunt {item.nummer}: {meta.onderwerp}",
        "later_openbaar": False,
        "kenmerk": meta.kenmerk,
        "portefeuillehouder": meta.portefeuillehouder,
        "soort": item.soort.value,
        "besluit": BESLUIT[uitkomst],
        # the list is public: a redacted passage reaches the template as its ground only
        "samenvatting": lak.mark(item.punt.samenvatting or "", public=True),
        "besluitpunten": [lak.mark(p, public=True) for p in item.besluitpunten] if decided else [],
        "bijlagen": bijlagen,
    }


def render(context_: dict[str, Any], template: Path, out: Path) -> Path:
    """Fill ``template`` with ``context_`` into ``out`` (.docx), as every template is
    filled (strict, sandboxed, autoescaping Jinja) and saved (:func:`package.save`: the
    same bytes every time)."""
    import jinja2
    from docxtpl import DocxTemplate

    from besluitpak.render import docx, package, redact

    if not template.exists():
        raise TemplateError(f"{template}: the besluitenlijst template is not there")
    tpl = DocxTemplate(str(template))
    try:
        tpl.render(context_, jinja_env=docx.make_environment(), autoescape=True)
    except jinja2.TemplateError as e:
        raise TemplateError(f"{template}: cannot render the besluitenlijst: {e}") from None
    redact.apply(tpl.docx, public=True, shown=str(template))
    properties = tpl.docx.core_properties
    properties.title = f"Besluitenlijst collegevergadering {context_['vergadering']['dag']}"
    properties.author = f"Gemeente {context_['gemeente']['naam']}"
    properties.language = "nl-NL"
    package.save(tpl, out, shown=str(template))
    return out


def write_besluitenlijst(
    vergadering: Vergadering,
    *,
    out: Path,
    status: LijstStatus,
    today: dt.date,
    template: Path | None = None,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
) -> Besluitenlijst:
    """The besluitenlijst as .docx and PDF, and its DiWoo record, into ``out``. Converted as
    a build converts a document: by the converter ``settings`` name, its PDF from the cache
    when nothing it follows from changed (``settings.use_cache``), ``on_event`` told."""
    from besluitpak.convert import backend
    from besluitpak.meeting import diwoo, shipping

    settings = settings or BuildSettings()
    filled = context(vergadering, status=status, today=today)  # the file's own problems first
    tooi_gemeente(vergadering.items[0].case)  # before any file, when its record cannot be
    converter = backend.choose(settings.converter)  # fail fast when it cannot convert
    template = template or default_template()
    name = f"besluitenlijst-{file_stem(vergadering)}-{status.value}"
    out.mkdir(parents=True, exist_ok=True)
    docx_out, pdf_out = out / f"{name}.docx", out / f"{name}.pdf"
    refuse_overwrite(pdf_out)  # a signed besluitenlijst stays as it was signed
    with tempfile.TemporaryDirectory(prefix="besluitpak-lijst-") as folder:
        work = Path(folder)
        source = render(filled, template, work / f"{name}.docx")
        converted = one_document.make_pdf(
            _described(vergadering, filled, template, source),
            work=work,
            settings=settings,
            converter=converter,
            emit=events.emitter(on_event),
        )
        staged = work / f"{name}.pdf"
        withheld = finish_besluitenlijst(
            converted,
            staged,
            meeting=meeting_of(vergadering),
            status=status.value,
            strict=settings.strict,
        )
        personal = shipping.check(vergadering, shipping.read(staged, source), today=today)
        write_atomic(pdf_out, staged.read_bytes(), what=f"the previous {pdf_out.name}")
        write_atomic(docx_out, source.read_bytes(), what=f"the previous {docx_out.name}")
    later = tuple(p["nummer"] for p in filled["punten"] if p["later_openbaar"])
    record = diwoo.write_record(vergadering, filled, pdf_out, status=status, today=today)
    return Besluitenlijst(
        pdf=pdf_out,
        docx=docx_out,
        diwoo=record,
        status=status,
        today=today,
        later=later,
        warnings=(*withheld, *personal),
    )


def _described(
    vergadering: Vergadering, filled: dict[str, Any], template: Path, source: Path
) -> one_document.Source:
    """The list's source as the production knows it: its PDF follows from what the template
    was filled with and the template's bytes (and the tools)."""
    return one_document.Source(
        path=source,
        basis={"besluitenlijst": filled, "template": file_hash(template)},
        kenmerk=f"vergadering {vergadering.meta.nummer}",
        document="besluitenlijst",
        edition="openbaar",
        label=f"the besluitenlijst ({template.name})",
    )
