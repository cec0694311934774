"""A document's data as a form, made from its template's JSON Schema, and the form's answer
back as data.

Every input is named by the key path the CLI's problems use (``kerncijfers[2].waarde``), so a
problem lands next to its field. A list sends its number of rows in ``_rijen:<key>``; rows
are added and removed on the data (:func:`add_row`, :func:`remove_row`) and the form made
again. Values the form cannot turn into the schema's type (``abc`` for a whole number) are
kept as typed, so the loader refuses them in the CLI's words.

How the schema is read (which input, label and help a part gets; the key paths) is
:mod:`formschema`. The schemas' ``description`` is English (editors read it too); a property
may carry the page's Dutch words beside it in two annotations the validator ignores:
``x-toelichting``, the help text shown instead of the description, and ``x-label``, the
label instead of one made from the key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from besluitpak.editing.formschema import (
    child_key,
    help_of,
    item_key,
    item_schema,
    key_parts,
    kind_of,
    label_of,
    long_text,
    properties,
)

ROWS = "_rijen:"
"""Prefix of the hidden input that gives a list's number of rows."""

_WIDE = 60
_TABLE_COLUMNS = 4


@dataclass(frozen=True, kw_only=True)
class Field:
    """One part of the form: a value (``kind`` text, textarea, integer, number, money, date,
    boolean, select), a mapping (``group``) or a list (``list``)."""

    kind: str
    key: str
    """The CLI's key path (``kerncijfers[2].waarde``); the input's name; ``""``: the root."""
    label: str
    help: str = ""
    required: bool = False
    value: str = ""
    """What the input shows (``1.250`` for an amount)."""
    checked: bool = False
    choices: tuple[str, ...] = ()
    children: tuple[Field, ...] = ()
    """A group's properties, a list's rows."""
    errors: tuple[str, ...] = ()
    table: bool = False
    """A list of small mappings, shown as a table with a row per item."""
    columns: tuple[Field, ...] = ()
    """A table's column headers (the item's properties)."""
    number: int = 0
    """A row's number (1-based) in its list."""
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The last part of the key: ``waarde`` of ``kerncijfers[2].waarde``."""
        parts = key_parts(self.key)
        return str(parts[-1]) if parts else ""

    @property
    def id(self) -> str:
        return "id_" + (re.sub(r"[^A-Za-z0-9]+", "-", self.key).strip("-") or "data")

    @property
    def error_id(self) -> str:
        return f"{self.id}_error"

    @property
    def help_id(self) -> str:
        return f"{self.id}_helptext"

    @property
    def described_by(self) -> str:
        """The ids ``aria-describedby`` names: the help text and the error, where shown."""
        ids = [self.help_id] if self.help else []
        return " ".join([*ids, self.error_id] if self.errors else ids)

    @property
    def rows_name(self) -> str:
        return ROWS + self.key

    @property
    def scalar(self) -> bool:
        return self.kind not in {"group", "list"}

    @property
    def has_errors(self) -> bool:
        """This part or one inside it shows an error."""
        return bool(self.errors) or any(child.has_errors for child in self.children)


# --- data -> fields ----------------------------------------------------------------------


def fields(
    schema: Mapping[str, Any], data: Any, *, errors: Mapping[str, list[str]] | None = None
) -> Field:
    """The form of ``data`` (the root, a group); ``errors`` by key path go beside their
    field."""
    return _field(schema, data, key="", label="", required=True, errors=errors or {})


def _field(
    schema: Mapping[str, Any],
    value: Any,
    *,
    key: str,
    label: str,
    required: bool,
    errors: Mapping[str, list[str]],
    number: int = 0,
) -> Field:
    kind = kind_of(schema, key=key, value=value)
    common: dict[str, Any] = {
        "key": key,
        "label": label,
        "help": help_of(schema),
        "required": required,
        "errors": tuple(errors.get(key, ())),
        "number": number,
    }
    if kind == "group":
        values = value if isinstance(value, Mapping) else {}
        needed = set(schema.get("required", ()))
        children = tuple(
            _field(
                sub,
                values.get(name),
                key=child_key(key, name),
                label=label_of(name, sub),
                required=name in needed,
                errors=errors,
            )
            for name, sub in properties(schema).items()
        )
        return Field(kind=kind, children=children, **common)
    if kind == "list":
        return _list(schema, value, common=common, errors=errors)
    if kind == "select":
        choices = tuple(str(c) for c in schema.get("enum", ()))
        shown = _shown(value)
        if shown and shown not in choices:
            choices = (*choices, shown)
        return Field(kind=kind, value=shown, choices=choices, **common)
    if kind == "boolean":
        return Field(kind=kind, checked=value is True, **common)
    if kind == "money":
        return Field(kind=kind, value=format_amount(value), **common)
    return Field(kind=kind, value=_shown(value), **common)


def _list(
    schema: Mapping[str, Any],
    value: Any,
    *,
    common: dict[str, Any],
    errors: Mapping[str, list[str]],
) -> Field:
    key = common["key"]
    item = item_schema(schema)
    singular = common["label"]
    rows = tuple(
        _field(
            item,
            entry,
            key=item_key(key, index),
            label=f"{singular}, rij {index + 1}",
            required=True,
            errors=errors,
            number=index + 1,
        )
        for index, entry in enumerate(value if isinstance(value, list) else [])
    )
    if kind_of(item) == "text" and (long_text(schema, key, None) or any(_wide(r) for r in rows)):
        rows = tuple(_as_textarea(row) for row in rows)
    columns = tuple(
        _field(sub, None, key=name, label=label_of(name, sub), required=False, errors={})
        for name, sub in properties(item).items()
    )
    table = (
        kind_of(item) == "group"
        and 0 < len(columns) <= _TABLE_COLUMNS
        and all(c.scalar and c.kind != "textarea" for c in columns)
    )
    if table:  # a column with a long value is a column of text areas
        wide = {c.name for row in rows for c in row.children if _wide(c)}
        rows = tuple(
            replace(
                row, children=tuple(_as_textarea(c) if c.name in wide else c for c in row.children)
            )
            for row in rows
        )
    return Field(kind="list", children=rows, table=table, columns=columns, **common)


def _as_textarea(row: Field) -> Field:
    return replace(row, kind="textarea") if row.kind == "text" else row


def _wide(field: Field) -> bool:
    """A text too long to read whole in a one-line input."""
    return field.kind == "textarea" or (field.kind == "text" and len(field.value) > _WIDE)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def format_amount(value: Any) -> str:
    """``1250`` -> ``1.250`` (whole euros as the Dutch write them); other values as given."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return _shown(value)


# --- the form's answer -> data -----------------------------------------------------------


def parse(schema: Mapping[str, Any], form: Mapping[str, Any], *, key: str = "") -> Any:
    """The data the form sends (``request.POST``), shaped by ``schema``; an optional key
    left empty is left out."""
    kind = kind_of(schema)
    if kind == "group":
        needed = set(schema.get("required", ()))
        result: dict[str, Any] = {}
        for name, sub in properties(schema).items():
            value = parse(sub, form, key=child_key(key, name))
            if name not in needed and value in ("", [], None):
                continue
            result[name] = value
        return result
    if kind == "list":
        count = _count(form.get(ROWS + key))
        item = item_schema(schema)
        return [parse(item, form, key=item_key(key, index)) for index in range(count)]
    if kind == "boolean":
        return form.get(key) is not None
    text = str(form.get(key, "")).replace("\r\n", "\n")
    if kind == "money":
        return parse_amount(text)
    if kind in {"integer", "number"}:
        return _number(text, kind=kind)
    if kind == "select":
        return next((c for c in schema.get("enum", ()) if str(c) == text), text)
    return text


def _count(text: Any) -> int:
    try:
        return max(0, min(int(str(text)), 10_000))
    except ValueError:
        return 0


def _number(text: str, *, kind: str) -> Any:
    """A whole number or a number as typed (``12``, ``12,5``); else the text, which the
    loader refuses in the CLI's words."""
    cleaned = text.strip().replace(",", ".")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return int(number) if kind == "integer" and number.is_integer() else number


_DUTCH_AMOUNT = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")


def parse_amount(text: str) -> Any:
    """``€ 1.250``, ``1250`` or ``1.250,00`` -> ``1250``; anything else as typed."""
    cleaned = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if _DUTCH_AMOUNT.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")
    if cleaned.endswith((",-", ",00")):
        cleaned = cleaned[: cleaned.rindex(",")]
    return _number(cleaned, kind="integer") if cleaned else text


def keep_unknown(schema: Mapping[str, Any], old: Any, new: Any) -> Any:
    """``new`` with the keys of ``old`` the schema does not describe (the form cannot show
    them; the loader names them), so a save never drops what a person wrote."""
    kind = kind_of(schema)
    if kind == "group" and isinstance(old, Mapping) and isinstance(new, dict):
        known = properties(schema)
        for name, value in old.items():
            if name not in known:
                new[name] = value
            elif name in new:
                new[name] = keep_unknown(known[name], value, new[name])
    elif kind == "list" and isinstance(old, list) and isinstance(new, list):
        item = item_schema(schema)
        for index in range(min(len(old), len(new))):
            new[index] = keep_unknown(item, old[index], new[index])
    return new


# --- rows --------------------------------------------------------------------------------


def _schema_at(schema: Mapping[str, Any], parts: list[str | int]) -> Mapping[str, Any]:
    for part in parts:
        schema = item_schema(schema) if isinstance(part, int) else properties(schema)[part]
    return schema


def _value_at(data: Any, parts: list[str | int]) -> Any:
    for part in parts:
        data = data[part]
    return data


def empty(schema: Mapping[str, Any]) -> Any:
    """A new row's value: empty text, a mapping of empty required values, an empty list."""
    kind = kind_of(schema)
    if kind == "group":
        needed = schema.get("required", ())
        return {name: empty(sub) for name, sub in properties(schema).items() if name in needed}
    if kind == "list":
        return [empty(item_schema(schema))] if schema.get("minItems", 0) else []
    if kind == "boolean":
        return False
    return ""


def add_row(schema: Mapping[str, Any], data: Any, key: str) -> bool:
    """Append an empty row to the list at ``key`` in ``data``; False when there is none."""
    parts = key_parts(key)
    try:
        target = _value_at(data, parts)
        sub = _schema_at(schema, parts)
    except (KeyError, IndexError, TypeError):
        return False
    if not isinstance(target, list) or kind_of(sub) != "list":
        return False
    target.append(empty(item_schema(sub)))
    return True


def remove_row(data: Any, key: str) -> bool:
    """Remove the row ``key`` (``kerncijfers[2]``) from ``data``; False when there is none."""
    parts = key_parts(key)
    if not parts or not isinstance(parts[-1], int):
        return False
    try:
        target = _value_at(data, parts[:-1])
        if not isinstance(target, list):
            return False
        del target[parts[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    return True


def changed_keys(old: Any, new: Any, *, key: str = "") -> list[str]:
    """The key paths whose values differ (for the audit log)."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        names = list(dict.fromkeys([*old, *new]))
        return [
            changed
            for name in names
            for changed in changed_keys(old.get(name), new.get(name), key=child_key(key, name))
        ]
    if isinstance(old, list) and isinstance(new, list):
        found = [
            changed
            for index in range(min(len(old), len(new)))
            for changed in changed_keys(old[index], new[index], key=item_key(key, index))
        ]
        return [key, *found] if len(old) != len(new) else found
    same = type(old) is type(new) and old == new
    return [] if same or (old is None and new is None) else [key]
