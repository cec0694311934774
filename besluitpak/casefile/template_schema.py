"""A template's data checked against the JSON Schema beside it (``<template>.schema.json``).

jsonschema's errors are worded in the users' terms ("expected X, got Y"), each at its key and
line; data that passed a schema once is remembered as passing it (an empty proof file in the
cache), so loading an unchanged case does not import jsonschema at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from besluitpak import codes
from besluitpak.casefile import validation
from besluitpak.casefile.yamlsrc import KeyPath, Source, unquoted
from besluitpak.codes import describe
from besluitpak.errors import Problem
from besluitpak.files import cache_home
from besluitpak.fingerprint import code_version


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


def schema_problems(source: Source, template: Path) -> list[Problem]:
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
