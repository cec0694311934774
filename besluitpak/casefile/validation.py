"""Pydantic's errors in the users' words, each at its key and line in the YAML source.

The case file (:mod:`besluitpak.casefile.case`) and the vergadering file
(:mod:`besluitpak.meeting.load`) are both validated by pydantic models; :func:`problems` turns
the one error pydantic raises into every problem it found, each located and worded as
"expected X, got Y".
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from besluitpak import codes
from besluitpak.casefile.yamlsrc import KeyPath, Source, unquoted
from besluitpak.codes import describe
from besluitpak.errors import Problem

KIND_MESSAGES = {
    "string_type": ("expected-text", "expected text, got {got}"),
    "bool_type": ("expected-bool", "expected true or false, got {got}"),
    "bool_parsing": ("expected-bool", "expected true or false, got {got}"),
    "list_type": ("expected-list", "expected a list, got {got}"),
    "model_type": ("expected-mapping", "expected a mapping (key: value lines), got {got}"),
    "dict_type": ("expected-mapping", "expected a mapping (key: value lines), got {got}"),
    "model_attributes_type": (
        "expected-mapping",
        "expected a mapping (key: value lines), got {got}",
    ),
    "string_too_short": ("expected-nonempty-text", "expected non-empty text, got {got}"),
    "too_short": ("expected-item", "expected at least one item, got {got}"),
}
"""The users' words for a pydantic error, by its type: (code, message)."""

Said = tuple[str, str, dict[str, str]]
"""A message with its code and parameters (:mod:`besluitpak.codes`)."""

_UNION_WORDS = {"str": "text (a file path)", "dict[str,any]": "a mapping"}
"""The users' words for the branches of a union pydantic names in its error's location."""


def problems(
    error: ValidationError,
    source: Source,
    *,
    model: type[BaseModel],
    patterns: Mapping[str, str],
) -> list[Problem]:
    """Every problem in ``error`` (``source`` validated as ``model``), once each.

    ``patterns`` says, by a field's name, what a text that does not match its pattern should
    look like (``"expected a kenmerk like …, got {got}"``).
    """
    found: dict[tuple[KeyPath, str], Problem] = {}
    unions: dict[KeyPath, list[str]] = {}
    for item in error.errors():
        loc: KeyPath = tuple(item["loc"])
        kind = item["type"]
        if kind == "missing":
            path = loc[:-1]
            said: Said = (
                f"required key {loc[-1]!r} is missing",
                "missing-key",
                {"key": str(loc[-1])},
            )
        elif kind == "extra_forbidden":
            parent = model_at(model, loc[:-1])
            allowed = list(parent.model_fields) if parent else []
            path, said = loc, unknown_key_said(str(loc[-1]), allowed)
        else:
            path, is_union = _real_path(source.data, loc)
            if is_union:
                unions.setdefault(path, []).append(str(loc[len(path)]))
                continue
            said = _message(item, source, path, patterns)
        message, code, params = said
        found[(path, message)] = source.problem(path, message, code=code, params=params)
    for path, tags in unions.items():
        node: Any = source.data
        for part in path:
            node = node[part]
        kinds = list(dict.fromkeys(tags))
        wanted = " or ".join(_UNION_WORDS.get(t, t) for t in kinds)
        message = f"expected {wanted}, got {describe(node)}"
        params = {"kinds": ",".join(kinds), **codes.got(node)}
        found[(path, message)] = source.problem(path, message, code="expected-kinds", params=params)
    return list(found.values())


def unknown_key(key: str, allowed: list[str]) -> str:
    """The message for ``key`` that is none of ``allowed``, with the likeliest meant."""
    return unknown_key_said(key, allowed)[0]


def unknown_key_said(key: str, allowed: list[str]) -> Said:
    """:func:`unknown_key` with its code and parameters."""
    hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if hint:
        message = f"unknown key {key!r}; did you mean {hint[0]!r}?"
        return message, "unknown-key-hint", {"key": key, "hint": hint[0]}
    listed = ", ".join(allowed)
    message = f"unknown key {key!r}; expected one of: {listed}"
    return message, "unknown-key", {"key": key, "allowed": listed}


def model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model that describes the mapping at ``path`` in a file validated as ``model``."""
    keyed = False  # the part before was a mapping of models by name (``routes: {wijken: …}``)
    for part in path:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = model.model_fields.get(part)
        found = _find_model(field.annotation) if field is not None else None
        if found is None or field is None:
            return None
        keyed = typing.get_origin(field.annotation) is dict
        model = found
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def _real_path(data: Any, loc: tuple[Any, ...]) -> tuple[KeyPath, bool]:
    """The longest prefix of ``loc`` present in ``data``; True when the rest is union tags."""
    node = data
    for depth, part in enumerate(loc):
        present = (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        )
        if present:
            node = node[part]
        else:
            return tuple(loc[:depth]), depth < len(loc) - 1 or not isinstance(node, dict)
    return tuple(loc), False


def _message(
    item: Mapping[str, Any], source: Source, path: KeyPath, patterns: Mapping[str, str]
) -> Said:
    kind, value = item["type"], item.get("input")
    found = codes.got(value)
    got = found["got"]
    written = source.as_written(path)
    if kind == "string_type" and written is not None and value is not None:
        message = f"expected text, got {unquoted(written, value)}"
        return message, "expected-text-unquoted", {"written": written}
    if kind == "string_pattern_mismatch":
        field = str(item["loc"][-1]) if item["loc"] else ""
        if field in patterns:
            return patterns[field].format(got=got), f"expected-pattern-{field}", found
        return f"expected text of another form, got {got}", "expected-form", found
    if kind.startswith("date"):
        return f"expected a real date like 2014-03-11, got {got}", "expected-date", found
    if kind == "value_error":
        refusal = (item.get("ctx") or {}).get("error")
        said = str(item["msg"]).removeprefix("Value error, ")
        if isinstance(refusal, codes.Refusal):
            return said, refusal.code, dict(refusal.params)
        return said, "", {}
    if kind == "enum":
        options = str((item.get("ctx") or {}).get("expected", ""))
        options = options.replace("'", "").replace(" or ", ", ")
        return (
            f"expected one of {options}, got {got}",
            "expected-one-of",
            {
                "options": options,
                **found,
            },
        )
    if kind == "string_too_long":
        limit = str((item.get("ctx") or {}).get("max_length", ""))
        return f"{item['msg']}, got {got}", "too-long", {"max": limit, **found}
    if kind in KIND_MESSAGES:
        code, message = KIND_MESSAGES[kind]
        return message.format(got=got), code, found
    return f"{item['msg']}, got {got}", "", {}
