"""The case file's schema: one declarative model per section, every field documented.

The docstring under each field is its documentation: it appears in ``besluitpak schema`` (the
JSON Schema editors use for completion) and in the documentation
(docs/reference/case-schema.md, generated from it). Key names are the users' vocabulary.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from besluitpak.codes import Refusal

KENMERK_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$"
"""Any registration number: letters, digits and ``/ - . _``, starting with a letter or digit,
at most 64 characters (``2014/123456``, ``Z-2026-000123``, ``UTR.2026.804711``)."""
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
URL_PATTERN = r"^https?://\S+$"


class Model(BaseModel):
    """The base of every file's schema: no unknown keys, frozen, each field's docstring its
    description (the JSON Schema editors show)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        strict=False,
        str_strip_whitespace=False,
    )


class Gemeente(Model):
    """The municipality whose college decides."""

    naam: str = Field(min_length=1)
    """Name of the gemeente as printed on the cover, e.g. ``Haarlem``."""

    cbs_code: str = Field(pattern=r"^\d{4}$")
    """Four-digit CBS code (quote it: ``"0392"``); used for the publisher in DiWoo metadata."""


class Steller(Model):
    """The civil servant who wrote the proposal. Personal data: left out of the public edition."""

    naam: str = Field(min_length=1)
    """Full name."""

    telefoon: str | None = None
    """Direct phone number."""

    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    """E-mail address."""


class Toegestaan(Model):
    """A passage the personal-data guard may let through, and why."""

    tekst: str = Field(min_length=1)
    """The text as it stands in the document, e.g. ``J. Wienen`` or ``Grote Markt 2, 2011 RD``."""

    reden: str = Field(min_length=1)
    """Why it may be public, e.g. ``burgemeester: openbaar uit hoofde van zijn functie``."""


class Openbaar(Model):
    """Exceptions for the public edition, each with its reason."""

    steller_toegestaan: str | None = Field(default=None, min_length=1)
    """Why the steller's name, phone or e-mail may appear in the public edition's text
    (without it, publishing stops when they do)."""

    toegestaan: list[Toegestaan] = Field(default_factory=list)
    """Passages the personal-data guard found that may be public anyway, each with its
    reason (the name of a wethouder, the gemeente's own address…)."""


PAGINAS_PATTERN = r"^\s*\d+\s*(-\s*\d+\s*)?(,\s*\d+\s*(-\s*\d+\s*)?)*$"


class Lak(Model):
    """What the public edition withholds of a ready-made document, and on what ground: whole
    pages (``paginas``), or on one page (``pagina``) every occurrence of some words
    (``woorden``) or what lies in a box (``vak``). Words and boxes are removed from the
    page, not covered: the public edition has a black box naming the ground in their place."""

    paginas: str | None = Field(default=None, pattern=PAGINAS_PATTERN)
    """The document's own page numbers: ``3``, ``3-4`` or ``1, 3-4``."""

    pagina: int | None = None
    """The one page (from 1) whose ``woorden`` or ``vak`` are withheld."""

    woorden: str | None = Field(default=None, min_length=1)
    """Words withheld on ``pagina``: every occurrence there, case-free, as whole words (a
    name, ``Jan de Vries``; spaces match any space or line break between the words). In a
    ready-made .docx or .odt they are replaced in the whole document before conversion."""

    vak: list[float] | None = None
    """A box withheld on ``pagina``: ``[x0, y0, x1, y1]`` in PDF points (1/72 inch) with the
    origin at the bottom left of the page as the PDF draws it, before any rotation the page
    has for display (the page's MediaBox coordinates); x0 < x1, y0 < y1."""

    grond: str
    """The Woo ground, e.g. ``5.1.2e`` (eerbiediging van de persoonlijke levenssfeer)."""

    @field_validator("paginas")
    @classmethod
    def _in_order(cls, paginas: str) -> str:
        for start, end in page_ranges(paginas):
            if start < 1:
                raise Refusal(
                    f"expected page numbers from 1 (a document's first page), got text {paginas!r}",
                    "lak-page-from-one",
                    paginas=paginas,
                )
            if end < start:
                raise Refusal(
                    f"expected each range from low to high, like {end}-{start}, "
                    f"got text {paginas!r}",
                    "lak-range-order",
                    paginas=paginas,
                    meant=f"{end}-{start}",
                )
        return paginas

    @field_validator("pagina")
    @classmethod
    def _from_one(cls, pagina: int | None) -> int | None:
        if pagina is not None and pagina < 1:
            raise Refusal(
                f"expected page numbers from 1 (a document's first page), got the number {pagina}",
                "lak-page-from-one",
                paginas=str(pagina),
            )
        return pagina

    @field_validator("vak")
    @classmethod
    def _box(cls, vak: list[float] | None) -> list[float] | None:
        if vak is not None and (len(vak) != 4 or not (vak[0] < vak[2] and vak[1] < vak[3])):
            raise Refusal(
                f"expected a box [x0, y0, x1, y1] with x0 < x1 and y0 < y1, got {vak}",
                "lak-box-order",
            )
        return vak

    @field_validator("grond")
    @classmethod
    def _known(cls, grond: str) -> str:
        from besluitpak.casefile import lak

        problem = lak.ground_problem(grond)
        if problem is not None:
            raise Refusal(problem, "unknown-ground", known=lak.known(), ground=grond)
        return grond

    @model_validator(mode="after")
    def _one_form(self) -> Lak:
        on_page = self.woorden is not None or self.vak is not None
        if (self.paginas is None) == (self.pagina is None) or (self.pagina is None) == on_page:
            raise Refusal(
                "expected either paginas, or pagina with woorden or vak, got "
                + (
                    ", ".join(
                        k
                        for k in ("paginas", "pagina", "woorden", "vak")
                        if getattr(self, k) is not None
                    )
                    or "none of them"
                ),
                "lak-form",
            )
        if self.woorden is not None and self.vak is not None:
            raise Refusal("expected either woorden or vak on a page, got both", "lak-form")
        if self.woorden is not None and not self.woorden.strip():
            raise Refusal("expected words in woorden, got only spaces", "lak-form")
        return self

    @property
    def pages(self) -> tuple[int, ...]:
        """The whole pages withheld (1-based), in order, each once; none for words or a box."""
        if self.paginas is None:
            return ()
        found = {page for start, end in page_ranges(self.paginas) for page in range(start, end + 1)}
        return tuple(sorted(found))

    @property
    def shown(self) -> str:
        """What it withholds, in the case file's words: ``paginas 3-4``, ``pagina 2: woorden``."""
        if self.paginas is not None:
            return f"paginas {self.paginas}"
        return f"pagina {self.pagina}: {'woorden' if self.woorden is not None else 'vak'}"


def page_ranges(text: str) -> list[tuple[int, int]]:
    """``"1, 3-4"`` as ``[(1, 1), (3, 4)]``."""
    ranges = []
    for piece in text.split(","):
        first, _, last = piece.partition("-")
        ranges.append((int(first), int(last or first)))
    return ranges


class Voorstel(Model):
    """The collegevoorstel: its Word template and the content of its sections."""

    template: str
    """Path of the Word template (.docx), relative to the case file."""

    data: str | dict[str, Any]
    """The sections' content: inline (a mapping) or the path of a YAML file, relative to the case
    file. Which keys it needs is set by the template's schema (``<template>.schema.json``)."""


class Bijlage(Model):
    """One bijlage: generated from a template and data, or a ready-made file."""

    id: str = Field(pattern=ID_PATTERN)
    """Short stable name (lowercase letters, digits, hyphens) used to refer to this bijlage:
    ``{bijlage:<id>}`` in data, ``bijlage('<id>')`` in templates."""

    titel: str = Field(min_length=1)
    """Title, as shown in the table of contents and bookmarks."""

    template: str | None = None
    """Word template (.docx) for a generated bijlage, relative to the case file."""

    data: str | dict[str, Any] | None = None
    """Data for the template: the path of a YAML file under ``bijlagen/``, or inline."""

    bestand: str | None = None
    """A ready-made document (.docx, .odt or .pdf) instead of template + data."""

    openbaar: bool = True
    """False: withheld from the public edition (a placeholder page takes its place)."""

    grond: str | None = None
    """Legal ground for withholding, e.g. ``art. 55 Gemeentewet``; required when not openbaar."""

    geheim_tot: dt.date | None = None
    """Date until which the bijlage stays secret; after it, the public edition includes it."""

    lakken: list[Lak] = Field(default_factory=list)
    """What the public edition withholds of a ready-made document: whole pages, each replaced
    there by a page naming the ground, e.g. ``[{paginas: "3-4", grond: "5.1.2e"}]``; or words
    or a box on a page, removed and painted over with the ground, e.g.
    ``[{pagina: 2, woorden: "Jan de Vries", grond: "5.1.2e"}]`` or
    ``[{pagina: 2, vak: [72, 700, 300, 720], grond: "5.1.2e"}]``."""

    wijzigingen: Literal["aanvaarden", "verwerpen"] | None = None
    """Tracked changes in a ready-made .docx or .odt: ``aanvaarden`` converts it as if every
    change were accepted (insertions kept, deleted text gone), ``verwerpen`` as if every one
    were rejected. Without it, a document with tracked changes is refused, with the counts.
    Deleted text reaches neither edition; comments are always left out (with a warning)."""

    @model_validator(mode="after")
    def _source_and_ground(self) -> Bijlage:
        generated = self.template is not None or self.data is not None
        if generated and self.bestand is not None:
            raise Refusal(
                "expected either template + data or bestand, got both", "bijlage-source-both"
            )
        if not generated and self.bestand is None:
            raise Refusal(
                "expected either template + data or bestand, got neither",
                "bijlage-source-neither",
            )
        if generated and (self.template is None or self.data is None):
            missing = "data" if self.data is None else "template"
            raise Refusal(
                f"expected template and data together, got no {missing}",
                "bijlage-template-data-apart",
                missing=missing,
            )
        if not self.openbaar and not self.grond:
            raise Refusal(
                "expected a grond (legal ground) for a bijlage that is not openbaar",
                "bijlage-grond-needed",
            )
        if self.lakken and self.bestand is None:
            raise Refusal(
                "expected lakken only on a ready-made document (bestand); in generated text, "
                "mark the passage itself: {lak:5.1.2e}…{/lak}",
                "lakken-only-bestand",
            )
        if self.wijzigingen is not None and not str(self.bestand or "").lower().endswith(
            (".docx", ".odt")
        ):
            raise Refusal(
                "expected wijzigingen only on a ready-made .docx or .odt (bestand): other "
                "documents hold no tracked changes",
                "wijzigingen-only-docx-odt",
            )
        if self.lakken and not self.openbaar:
            raise Refusal(
                "expected lakken only on an openbaar bijlage: one that is not openbaar is "
                "withheld as a whole",
                "lakken-only-openbaar",
            )
        return self


class CaseFile(Model):
    """One decision package (besluitpak): the collegevoorstel and its bijlagen."""

    gemeente: Gemeente
    """The municipality: name and CBS code."""

    kenmerk: str = Field(pattern=KENMERK_PATTERN)
    """Registration number (zaaknummer) as the gemeente writes it: letters, digits and
    ``/ - . _``, starting with a letter or digit, at most 64 characters, e.g. ``2014/123456``,
    ``Z-2026-000123`` or ``UTR.2026.804711``; printed on every page. In file and folder names
    ``/`` and ``.`` become ``-``."""

    onderwerp: str = Field(min_length=1)
    """Subject line of the proposal."""

    collegevergadering: dt.date
    """Date of the college meeting (``2014-03-11``)."""

    portefeuillehouder: str = Field(min_length=1)
    """The wethouder responsible."""

    afdeling: str = Field(min_length=1)
    """The department that prepared the proposal."""

    steller: Steller
    """Who wrote the proposal (personal data)."""

    embargo_tot: dt.date | None = None
    """Optional date: nothing is published before it."""

    publicatie_url: str | None = Field(default=None, pattern=URL_PATTERN)
    """Web folder where the public edition will be published, e.g.
    ``https://example.haarlem.nl/woo/collegebesluiten``; used in the DiWoo metadata."""

    openbaar: Openbaar | None = None
    """Exceptions for the public edition, e.g. ``openbaar: {steller_toegestaan: "…"}``."""

    voorstel: Voorstel
    """The collegevoorstel."""

    bijlagen: list[Bijlage] = Field(default_factory=list)
    """The bijlagen, in order: bijlage 1 is the first."""

    route: str | None = Field(default=None, min_length=1)
    """The paraafroute the proposal follows: the name of a route template in ``routes.yaml``
    beside the cases (default: that file's ``standaard``, or, without the file, a paraaf by
    the teammanager then the afdelingshoofd); ``besluitpak route status`` shows where it is."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the case file, for yaml-language-server and other editors."""
    schema = CaseFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "besluitpak case file"
    return schema
