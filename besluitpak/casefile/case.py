"""Stage 1: load a case file and its data files, validate everything, report all problems at once.

The result is a :class:`Case`: frozen, with every path resolved and checked, every bijlage
numbered, and every ``{bijlage:id}`` reference known to resolve. The checks it runs live
beside it: the files the case names (:mod:`~besluitpak.casefile.resolver`), the texts
(:mod:`~besluitpak.casefile.texts`) and a template's data schema
(:mod:`~besluitpak.casefile.template_schema`).
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from besluitpak.casefile import lak, refs, validation, yamlsrc
from besluitpak.casefile.paths import case_file
from besluitpak.casefile.resolver import BESTAND_SUFFIXES, TEMPLATE_SUFFIXES, Resolver
from besluitpak.casefile.schema import Bijlage, CaseFile, Lak
from besluitpak.casefile.template_schema import schema_path
from besluitpak.casefile.texts import control_characters
from besluitpak.casefile.yamlsrc import KeyPath, Source
from besluitpak.errors import CaseError, Problem

VOORSTEL_ID = "collegevoorstel"


class Kind(enum.Enum):
    """What a document is made from; decided once, when the case is loaded."""

    GENERATED = "generated"
    """Rendered from a Word template and its data, then converted."""
    READY_WORD = "ready-word"
    """A ready-made .docx or .odt: prepared (links, properties), then converted."""
    READY_PDF = "ready-pdf"
    """A ready-made PDF: checked and cleaned, not converted."""


FrozenData = Mapping[str, Any]
"""Template data, deeply read-only: mappings are MappingProxyType, lists are tuples."""


def freeze(value: Any) -> Any:
    """``value`` with every dict made a read-only mapping and every list a tuple."""
    if isinstance(value, Mapping):
        return types.MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value


def thaw(value: Any) -> Any:
    """The plain dicts and lists back (a copy), for Jinja and JSON."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value


@dataclass(frozen=True, kw_only=True)
class Document:
    """One document of the package: the collegevoorstel or a bijlage, ready to render."""

    id: str
    """``collegevoorstel`` or the bijlage's id."""
    number: int | None
    """The bijlage's number (1-based), None for the collegevoorstel."""
    titel: str
    label: str
    """On every page: ``Collegevoorstel`` or ``Bijlage 3 bij collegebesluit 2014/123456``."""
    kind: Kind
    template: Path | None
    """The Word template (generated documents)."""
    data: FrozenData | None
    """Template data with every ``{bijlage:id}`` reference already replaced by its phrase."""
    data_file: Path | None
    """The YAML file the data came from; None when it is inline in the case file."""
    bestand: Path | None
    """The ready-made file (ready-made documents)."""
    openbaar: bool = True
    grond: str | None = None
    geheim_tot: dt.date | None = None
    lakken: tuple[Lak, ...] = ()
    """Pages of a ready-made document withheld from the public edition."""
    wijzigingen: str | None = None
    """A ready-made .docx or .odt's tracked changes: ``aanvaarden``, ``verwerpen`` or None
    (refused when it has any)."""

    @property
    def grounds(self) -> tuple[str, ...]:
        """The Woo grounds of what the public edition withholds of this document (its
        redacted passages and pages), in order, each once."""
        found = lak.grounds(thaw(self.data)) if self.data is not None else []
        found += [item.grond for item in self.lakken]
        return tuple(dict.fromkeys(found))

    @property
    def generated(self) -> bool:
        return self.kind is Kind.GENERATED

    @property
    def suffix(self) -> str:
        """What the converter is given: ``.docx`` for a generated document, else the
        ready-made file's own (``.docx``, ``.odt``, ``.pdf``)."""
        if self.bestand is None:
            return ".docx"
        return self.bestand.suffix.lower()

    @property
    def origin(self) -> Path | None:
        """The file a person edits to change this document: data, ready-made file or
        template."""
        return self.data_file or self.bestand or self.template

    @property
    def short_label(self) -> str:
        """``Collegevoorstel`` or ``Bijlage 3``."""
        return "Collegevoorstel" if self.number is None else f"Bijlage {self.number}"

    @property
    def stem(self) -> str:
        """``00-collegevoorstel``, ``03-opgave-oost``: position and id, for file names."""
        return f"{self.number or 0:02d}-{self.id}"


@dataclass(frozen=True, kw_only=True)
class Case:
    """A validated decision package."""

    path: Path
    root: Path
    source: Source
    """The parsed case file, with the line of every key (for messages after loading)."""
    meta: CaseFile
    documents: tuple[Document, ...]
    inputs: tuple[Path, ...]
    """Every file the package is built from (case file, data, templates, bestanden)."""

    def shown(self, path: Path) -> str:
        """``path`` as messages show it: relative to the case folder where it is inside."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def where(self, document: Document) -> str:
        """``bijlagen/kaart.pdf (bijlage 2, kaart)``: a document's file, in messages."""
        shown = self.shown(document.origin) if document.origin else "?"
        return f"{shown} ({document.short_label.lower()}, {document.id})"

    @property
    def voorstel(self) -> Document:
        return self.documents[0]

    @property
    def bijlagen(self) -> tuple[Document, ...]:
        return self.documents[1:]

    @property
    def numbers(self) -> dict[str, int]:
        return {d.id: d.number for d in self.bijlagen if d.number is not None}

    @property
    def schemas(self) -> tuple[Path, ...]:
        """The JSON Schema beside each template, whether there is one or not: the data is
        checked against it, so its appearing or changing changes the case."""
        return tuple(
            dict.fromkeys(schema_path(d.template) for d in self.documents if d.template is not None)
        )


def find_case(path: Path) -> Path:
    """A folder means its ``besluitpak.yaml``."""
    return case_file(path)


def load_case(path: Path) -> Case:
    """Load and validate the case file at ``path`` and every file it names.

    Raises :class:`CaseError` listing every problem found.
    """
    path = find_case(path)
    source = yamlsrc.load(path)
    root = path.resolve().parent
    try:
        meta = CaseFile.model_validate(source.data)
    except ValidationError as e:
        raise CaseError(
            validation.problems(e, source, model=CaseFile, patterns=_PATTERN_MESSAGES)
        ) from None

    problems: list[Problem] = [*control_characters(source), *_meta_problems(meta, source)]
    numbers = {b.id: n for n, b in enumerate(meta.bijlagen, start=1)}

    inputs: list[Path] = [path.resolve()]
    documents: list[Document] = []
    resolver = Resolver(root=root, source=source, problems=problems, inputs=inputs)

    voorstel_template = resolver.path(
        ("voorstel", "template"), meta.voorstel.template, TEMPLATE_SUFFIXES
    )
    voorstel_data, voorstel_file = resolver.data(
        ("voorstel", "data"), meta.voorstel.data, voorstel_template, numbers
    )
    documents.append(
        Document(
            id=VOORSTEL_ID,
            number=None,
            titel=meta.onderwerp,
            label="Collegevoorstel",
            kind=Kind.GENERATED,
            template=voorstel_template,
            data=freeze(voorstel_data),
            data_file=voorstel_file,
            bestand=None,
        )
    )

    for index, bijlage in enumerate(meta.bijlagen):
        documents.append(_bijlage_document(resolver, index, bijlage, meta.kenmerk, numbers))

    if problems:
        raise CaseError(problems)
    return Case(
        path=path.resolve(),
        root=root,
        source=source,
        meta=meta,
        documents=tuple(documents),
        inputs=tuple(dict.fromkeys(inputs)),
    )


def _meta_problems(meta: CaseFile, source: Source) -> Iterator[Problem]:
    """What the schema cannot check: bijlage ids used twice, an embargo ending before the
    decision was taken."""
    seen: dict[str, int] = {}
    for index, bijlage in enumerate(meta.bijlagen):
        if bijlage.id in seen:
            yield source.problem(
                ("bijlagen", index, "id"),
                f"duplicate bijlage id {bijlage.id!r}: expected a unique id, "
                f"also used by bijlage {seen[bijlage.id] + 1}",
            )
        seen.setdefault(bijlage.id, index)
    for path, text in refs.strings(source.data):
        in_data = path[:2] == ("voorstel", "data") or (
            path[:1] == ("bijlagen",) and path[2:3] == ("data",)
        )
        if not in_data and lak.LAK.search(text):
            yield source.problem(
                path,
                "expected plain text: a redaction {lak:…} can stand only in a document's "
                "data, not in the case file's own fields (they are printed on the cover, "
                "the contents and the bookmarks)",
            )
    if meta.embargo_tot is not None and meta.embargo_tot < meta.collegevergadering:
        yield source.problem(
            ("embargo_tot",),
            f"expected a date on or after the collegevergadering "
            f"({meta.collegevergadering.isoformat()}), got {meta.embargo_tot.isoformat()}",
            code="embargo-before-meeting",
            params={
                "vergadering": meta.collegevergadering.isoformat(),
                "embargo": meta.embargo_tot.isoformat(),
            },
        )


def _bijlage_document(
    resolver: Resolver, index: int, bijlage: Bijlage, kenmerk: str, numbers: Mapping[str, int]
) -> Document:
    key: KeyPath = ("bijlagen", index)
    template = data = data_file = bestand = None
    if bijlage.template is not None and bijlage.data is not None:
        template = resolver.path((*key, "template"), bijlage.template, TEMPLATE_SUFFIXES)
        data, data_file = resolver.data((*key, "data"), bijlage.data, template, numbers)
    elif bijlage.bestand is not None:
        bestand = resolver.path((*key, "bestand"), bijlage.bestand, BESTAND_SUFFIXES)
    number = index + 1
    if bestand is None:
        kind = Kind.GENERATED
    else:
        kind = Kind.READY_PDF if bestand.suffix.lower() == ".pdf" else Kind.READY_WORD
    return Document(
        id=bijlage.id,
        number=number,
        titel=bijlage.titel,
        label=f"Bijlage {number} bij collegebesluit {kenmerk}",
        kind=kind,
        template=template,
        data=freeze(data),
        data_file=data_file,
        bestand=bestand,
        openbaar=bijlage.openbaar,
        grond=bijlage.grond,
        geheim_tot=bijlage.geheim_tot,
        lakken=tuple(bijlage.lakken),
        wijzigingen=bijlage.wijzigingen,
    )


# --- translating pydantic's errors into the users' terms -------------------------------------


_PATTERN_MESSAGES = {
    "paginas": 'expected page numbers like "3", "3-4" or "1, 3-4", got {got}',
    "kenmerk": "expected a kenmerk like 2014/123456, Z-2026-000123 or UTR.2026.804711 "
    "(letters, digits and / - . _, starting with a letter or digit, at most 64 characters), "
    "got {got}",
    "publicatie_url": "expected the web address of a folder, starting with http:// or "
    "https:// and without spaces (like https://www.haarlem.nl/woo/collegebesluiten), "
    "got {got}",
    "cbs_code": 'expected a four-digit CBS code in quotes, like "0392", got {got}',
    "id": "expected an id of lowercase letters, digits and hyphens, like 'opgave-centrum', "
    "got {got}",
    "email": "expected an e-mail address, got {got}",
}
"""What a field that does not match its pattern should look like, by the field's name."""
