"""The vergadering file's schema: one declarative model per section, every field documented.

As in the case file (:mod:`besluitpak.casefile.schema`), the docstring under each field is its
documentation, and the key names are the secretariat's vocabulary.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from pydantic import Field, model_validator

from besluitpak.casefile.schema import URL_PATTERN, Gemeente, Model
from besluitpak.codes import Refusal

NUMMER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$"
"""A meeting number as the gemeente writes it: ``2026-10``, ``48``, ``BW/2026/10``."""


class Soort(enum.Enum):
    """How an item is dealt with in the meeting."""

    HAMERSTUK = "hamerstuk"
    """Decided without discussion."""
    BESPREEKSTUK = "bespreekstuk"
    """Discussed in the meeting."""


class Uitkomst(enum.Enum):
    """What the college decided on an item (filled in after the meeting)."""

    CONFORM = "conform"
    """Decided as proposed: the voorstel's besluitpunten."""
    GEWIJZIGD = "gewijzigd"
    """Decided with changed besluitpunten (given in ``besluitpunten``)."""
    AANGEHOUDEN = "aangehouden"
    """Held over to a later meeting; no decision."""
    TERUGGETROKKEN = "teruggetrokken"
    """Withdrawn by the portefeuillehouder; no decision."""


class Agendapunt(Model):
    """One item of the agenda: a case folder and how it is (and was) dealt with."""

    zaak: str = Field(min_length=1)
    """The case: its folder (holding ``besluitpak.yaml``) or its case file, relative to the
    vergadering file, e.g. ``zaken/subsidie`` or ``..``."""

    soort: Soort
    """``hamerstuk`` (decided without discussion) or ``bespreekstuk`` (discussed)."""

    uitkomst: Uitkomst | None = None
    """After the meeting: ``conform``, ``gewijzigd``, ``aangehouden`` or ``teruggetrokken``;
    the besluitenlijst needs it for every item."""

    besluitpunten: list[str] | None = None
    """Only with ``uitkomst: gewijzigd``: the besluitpunten as the college adopted them; they
    replace the voorstel's in the version that is archived (``{bijlage:id}`` may be used)."""

    samenvatting: str | None = Field(default=None, min_length=1)
    """A short public summary for the besluitenlijst (one or two sentences); without it the
    besluitenlijst shows the onderwerp and the besluitpunten only."""

    @model_validator(mode="after")
    def _besluitpunten_with_gewijzigd(self) -> Agendapunt:
        if self.uitkomst is Uitkomst.GEWIJZIGD and not self.besluitpunten:
            raise Refusal(
                "expected the adopted besluitpunten (a list) with uitkomst gewijzigd, got none",
                "besluitpunten-needed",
            )
        if self.besluitpunten is not None and self.uitkomst is not Uitkomst.GEWIJZIGD:
            shown = self.uitkomst.value if self.uitkomst else "none"
            raise Refusal(
                f"expected besluitpunten only with uitkomst gewijzigd, got uitkomst {shown}",
                "besluitpunten-only-gewijzigd",
                uitkomst=shown,
            )
        return self


class VergaderingFile(Model):
    """One collegevergadering: its agenda and, after the meeting, what was decided."""

    gemeente: Gemeente
    """The municipality, as in each case file: name and CBS code."""

    datum: dt.date
    """The day of the meeting (``2026-03-10``)."""

    nummer: str = Field(pattern=NUMMER_PATTERN)
    """The meeting's number as the gemeente writes it (quote it: ``"2026-10"``); in file
    names ``/`` and ``.`` become ``-``."""

    agenda: list[Agendapunt] = Field(min_length=1)
    """The items in agenda order: the first is agendapunt 1."""

    aanwezig: list[str] = Field(default_factory=list)
    """Who attended (burgemeester, wethouders, secretaris), as printed."""

    afwezig: list[str] = Field(default_factory=list)
    """Who was absent (with a reason if you like: ``"wethouder Jansen (ziek)"``)."""

    publicatie_url: str | None = Field(default=None, pattern=URL_PATTERN)
    """Web folder where the besluitenlijst will stand (for its DiWoo record); default: the
    first case's ``publicatie_url``."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the vergadering file, for yaml-language-server and other editors."""
    schema = VergaderingFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "besluitpak vergadering file"
    return schema
