"""Stage 1: load a case file and its data files, validate everything, report all problems at once.

The result is a :class:`Case`: frozen, with every path resolved and checked, every bijlage
numbered, and every ``{bijlage:id}`` reference known to resolve.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import enum
import functools
import hashlib
import json
import re
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from besluitpak import codes
from besluitpak.casefile import fontcheck, lak, refs, validation, yamlsrc
from besluitpak.casefile.paths import case_file
from besluitpak.casefile.schema import Bijlage, CaseFile, Lak
from besluitpak.casefile.yamlsrc import KeyPath, Source, unquoted
from besluitpak.codes import describe
from besluitpak.errors import CaseError, Problem
from besluitpak.files import cache_home
from besluitpak.fingerprint import code_version

VOORSTEL_ID = "collegevoorstel"
TEMPLATE_SUFFIXES = (".docx",)
BESTAND_SUFFIXES = (".docx", ".odt", ".pdf")
DATA_SUFFIXES = (".yaml", ".yml")


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

    problems: list[Problem] = [*_control_characters(source), *_meta_problems(meta, source)]
    numbers = {b.id: n for n, b in enumerate(meta.bijlagen, start=1)}

    inputs: list[Path] = [path.resolve()]
    documents: list[Document] = []
    resolver = _Resolver(root=root, source=source, problems=problems, inputs=inputs)

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
    resolver: _Resolver, index: int, bijlage: Bijlage, kenmerk: str, numbers: Mapping[str, int]
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


_WRONG_KIND = {
    ".dotx": ": a Word template file cannot be filled directly; open it in Word and save it "
    "as a .docx document",
    ".dotm": ": a Word template with macros; save it as a .docx document without macros",
    ".docm": ": a Word document with macros; save it as a .docx document without macros",
    ".doc": ": the old Word format; save it as a .docx document",
}


@dataclass(kw_only=True)
class _Resolver:
    """Checks paths and data files named by the case, collecting problems."""

    root: Path
    source: Source
    problems: list[Problem]
    inputs: list[Path]

    def path(self, key: KeyPath, value: str, suffixes: tuple[str, ...]) -> Path | None:
        where = Path(value)
        problem = None
        if where.is_absolute() or value.startswith("~"):
            problem = f"expected a path relative to the case folder, got absolute path {value!r}"
        else:
            resolved = (self.root / where).resolve()
            if not resolved.is_relative_to(self.root):
                problem = (
                    f"expected a path inside the case folder {self.root}, got {value!r}, "
                    f"which leads outside it"
                )
            elif not resolved.exists():
                problem = f"file not found: {value}"
            elif resolved.is_dir():
                problem = f"expected a file, got directory {value!r}"
            elif resolved.suffix.lower() not in suffixes:
                problem = (
                    f"expected a {' or '.join(suffixes)} file, got {value!r}"
                    + _WRONG_KIND.get(resolved.suffix.lower(), "")
                )
            else:
                self.inputs.append(resolved)
                return resolved
        self.problems.append(self.source.problem(key, problem))
        return None

    def data(
        self,
        key: KeyPath,
        value: str | dict[str, Any],
        template: Path | None,
        numbers: Mapping[str, int],
    ) -> tuple[dict[str, Any] | None, Path | None]:
        if isinstance(value, dict):
            data_source, data_file = self.source.sub(key), None
        else:
            data_file = self.path(key, value, DATA_SUFFIXES)
            if data_file is None:
                return None, None
            try:
                data_source = yamlsrc.load(data_file, display=self._shown(data_file))
            except CaseError as e:
                self.problems.extend(e.problems)
                return None, data_file
        before = len(self.problems)
        if data_file is not None:
            self.problems.extend(_control_characters(data_source))
        if template is not None:
            self.problems.extend(_schema_problems(data_source, template))
        self.problems.extend(_text_problems(data_source, numbers))
        if len(self.problems) > before:
            return None, data_file
        return refs.substitute_all(data_source.data, numbers), data_file

    def _shown(self, file: Path) -> Path:
        """Data files are named relative to the case folder in messages."""
        try:
            return file.relative_to(self.root)
        except ValueError:
            return file


def _text_problems(source: Source, numbers: Mapping[str, int]) -> Iterator[Problem]:
    """What is wrong with the markup in a document's texts: a reference written loosely or
    to an unknown bijlage, a redaction with an unknown ground or without its end."""
    for sub_key, text in refs.strings(source.data):
        split = _split_tag(sub_key, text)
        if split is not None:
            yield source.problem(sub_key[:-1], split)
            continue
        for written, meant in refs.malformed(text):
            yield source.problem(
                sub_key,
                f"expected a reference like {{bijlage:kaart}} (no spaces), got "
                f"{written!r}, which would be printed as it stands; did you mean {meant}?",
            )
        for problem in lak.problems(text):
            yield source.problem(sub_key, problem)
        for first, last in refs.find(text):
            for ident in (first, last):
                if ident is not None and ident not in numbers:
                    yield source.problem(sub_key, _unknown_id_message(ident, numbers))


_SPLIT_TAG = re.compile(r"\{(lak|bijlage)$")


def _split_tag(sub_key: KeyPath, value: str) -> str | None:
    """The message for a text YAML split at ``{lak: …`` or ``{bijlage: …`` (a colon and a
    space make a mapping of a plain line), or None."""
    key = sub_key[-1] if sub_key else None
    match = _SPLIT_TAG.search(key) if isinstance(key, str) else None
    if match is None:
        return None
    tag, meant = match.group(1), value.split("}", 1)[0].strip()
    return (
        f"expected text, got a mapping: YAML read the line as 'key: value' at the space after "
        f"'{{{tag}:'; write {{{tag}:{meant}}} without the space"
    )


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _control_characters(source: Source) -> Iterator[Problem]:
    """Characters a Word document (XML 1.0) cannot hold, and characters no installed font
    can show: refused, never a corrupt .docx or a PDF with empty boxes."""
    for path, text in refs.strings(source.data):
        match = _CONTROL.search(text)
        if match:
            yield source.problem(
                path,
                f"expected text without control characters, got "
                f"U+{ord(match.group()):04X} at position "
                f"{match.start() + 1}; remove it (a Word document "
                f"cannot hold it)",
                code="control-character",
                params={"char": f"U+{ord(match.group()):04X}", "position": str(match.start() + 1)},
            )
            continue
        missing = fontcheck.unshowable(text)
        if missing:
            shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:3])
            yield source.problem(
                path,
                f"expected text the installed fonts can show, got "
                f"{shown}; leave it out or install a font that has "
                f"it (e.g. fonts-noto-cjk for Chinese or Japanese)",
                code="unshowable-characters",
                params={"chars": shown},
            )


def _unknown_id_message(ident: str, numbers: Mapping[str, int]) -> str:
    hint = difflib.get_close_matches(ident, list(numbers), n=1)
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    return (
        f"reference to unknown bijlage id {ident!r}: expected one of the case's "
        f"bijlage ids{suggestion}"
    )


# --- template data schemas (templates/<name>.schema.json) ------------------------------------


def schema_path(template: Path) -> Path:
    """Where a template's JSON Schema lies: ``gebiedsopgave.schema.json`` beside it."""
    return template.with_suffix(".schema.json")


def template_schema(template: Path) -> dict[str, Any] | None:
    """The JSON Schema beside a template (``gebiedsopgave.schema.json``), if there is one."""
    sidecar = schema_path(template)
    if not sidecar.exists():
        return None
    loaded: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
    return loaded


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
}


@functools.cache
def _validator(sidecar: Path, mtime_ns: int) -> Any:
    """One validator per schema file (and version of it): ten bijlagen, two schemas."""
    import jsonschema  # ~0.1 s to import: only when some data is not known to be valid

    schema = json.loads(sidecar.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _known_valid(sidecar: Path, data: Any) -> Path:
    """Where the proof lies that ``data`` passed ``sidecar``'s schema: an empty file named by
    the hash of both and of the code that checked (validating the same data against the
    same schema again can only give the same answer)."""
    digest = hashlib.sha256(sidecar.read_bytes())
    digest.update(
        json.dumps(
            data, sort_keys=True, default=lambda value: [type(value).__name__, str(value)]
        ).encode()
    )  # a date is not the text of one
    digest.update(code_version().encode())
    return cache_home() / "valid" / digest.hexdigest()


def _schema_problems(source: Source, template: Path) -> list[Problem]:
    """What is wrong with ``source``'s data by the JSON Schema beside ``template``, in the
    users' terms; nothing when there is no schema or the data is known to pass it."""
    sidecar = schema_path(template)
    if not sidecar.exists():
        return []
    proof = _known_valid(sidecar, source.data)
    if proof.exists():
        return []
    validator = _validator(sidecar, sidecar.stat().st_mtime_ns)
    problems = [
        problem
        for error in validator.iter_errors(source.data)
        for problem in _schema_error_problems(source, error)
    ]
    if not problems:
        with contextlib.suppress(OSError):  # only a shortcut: without it we check again
            proof.parent.mkdir(parents=True, exist_ok=True)
            proof.touch()
    return problems


def _schema_error_problems(source: Source, error: Any) -> list[Problem]:
    """One jsonschema error as problems: one per unknown key, else one."""
    path: KeyPath = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema_part = error.schema if isinstance(error.schema, dict) else {}
        allowed = list(schema_part.get("properties", {}))
        said = [
            (extra, validation.unknown_key_said(extra, allowed))
            for extra in error.instance
            if extra not in allowed
        ]
        return [
            source.problem((*path, extra), message, code=code, params=params)
            for extra, (message, code, params) in said
        ]
    written = source.as_written(path)
    wanted = error.validator_value if error.validator == "type" else None
    if written is not None and error.instance is not None and wanted in ("string", ["string"]):
        message = f"expected text, got {unquoted(written, error.instance)}"
        return [
            source.problem(
                path, message, code="expected-text-unquoted", params={"written": written}
            )
        ]
    message, code, params = _SCHEMA_MESSAGES.get(error.validator, _schema_as_given)(error)
    return [source.problem(path, message, code=code, params=params)]


def _schema_required(error: Any) -> validation.Said:
    missing = str(error.message).split("'")[1]
    return f"required key {missing!r} is missing", "missing-key", {"key": missing}


def _schema_type(error: Any) -> validation.Said:
    types_ = error.validator_value
    names = [str(t) for t in (types_ if isinstance(types_, list) else [types_])]
    wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in names)
    message = f"expected {wanted}, got {describe(error.instance)}"
    return message, "expected-kinds", {"kinds": ",".join(names), **codes.got(error.instance)}


def _schema_enum(error: Any) -> validation.Said:
    options = ", ".join(str(v) for v in error.validator_value)
    message = f"expected one of {options}, got {describe(error.instance)}"
    return message, "expected-one-of", {"options": options, **codes.got(error.instance)}


def _schema_items(error: Any) -> validation.Said:
    bound = "at least" if error.validator == "minItems" else "at most"
    message = f"expected {bound} {error.validator_value} items, got {len(error.instance)}"
    code = "expected-at-least-items" if error.validator == "minItems" else "expected-at-most-items"
    return message, code, {"count": str(error.validator_value), "found": str(len(error.instance))}


def _schema_min_length(error: Any) -> validation.Said:
    message = f"expected non-empty text, got {describe(error.instance)}"
    return message, "expected-nonempty-text", codes.got(error.instance)


def _schema_as_given(error: Any) -> validation.Said:
    return f"{error.message}", "", {}


_SCHEMA_MESSAGES: dict[str, Callable[[Any], validation.Said]] = {
    "required": _schema_required,
    "type": _schema_type,
    "enum": _schema_enum,
    "minItems": _schema_items,
    "maxItems": _schema_items,
    "minLength": _schema_min_length,
}
"""The users' words for a jsonschema error, by the keyword that failed; any other keyword
keeps jsonschema's own message."""


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
