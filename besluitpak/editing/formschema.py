"""A template's JSON Schema read for a form: which input each part gets, its label and help
text (the page's Dutch annotations ``x-label`` and ``x-toelichting`` first), a schema read
off the data where the template has none, and the key paths the CLI's problems use
(``kerncijfers[2].waarde``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

HELP = "x-toelichting"
"""The annotation with a property's Dutch help text (else its ``description`` is shown)."""
LABEL = "x-label"
"""The annotation with a property's Dutch label (else the label is made from its key)."""

_LONG_WORDS = ("paragraph", "alinea", "sentence", "zinnen")
_LONG_KEYS = {"alineas", "toelichting", "omschrijving"}
_LONG_TEXT = 100
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


# --- which input --------------------------------------------------------------------


def kind_of(schema: Mapping[str, Any], *, key: str = "", value: Any = None) -> str:
    """Which input a schema part gets."""
    if "enum" in schema:
        return "select"
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or "properties" in schema:
        return "group"
    if kind == "array":
        return "list"
    if kind in {"integer", "number"} and _money(schema):
        return "money"
    if kind in {"integer", "number", "boolean"}:
        return str(kind)
    if schema.get("format") == "date":
        return "date"
    if long_text(schema, key, value):
        return "textarea"
    return "text"


def _texts(schema: Mapping[str, Any]) -> str:
    """The description and the Dutch help text, for the words that choose an input."""
    return f"{schema.get('description', '')} {schema.get(HELP, '')}".lower()


def _money(schema: Mapping[str, Any]) -> bool:
    return schema.get("format") == "euro" or "euro" in _texts(schema)


def long_text(schema: Mapping[str, Any], key: str, value: Any) -> bool:
    description = _texts(schema)
    last = key_parts(key)[-1] if key else ""
    if any(word in description for word in _LONG_WORDS) or last in _LONG_KEYS:
        return True
    return isinstance(value, str) and (len(value) > _LONG_TEXT or "\n" in value.strip("\n"))


def infer_schema(data: Any) -> dict[str, Any]:
    """A schema read off the data itself, for a template without one."""
    if isinstance(data, Mapping):
        return {
            "type": "object",
            "properties": {str(k): infer_schema(v) for k, v in data.items()},
            "required": [str(k) for k in data],
        }
    if isinstance(data, list):
        return {"type": "array", "items": infer_schema(data[0]) if data else {"type": "string"}}
    if isinstance(data, bool):
        return {"type": "boolean"}
    if isinstance(data, int):
        return {"type": "integer"}
    if isinstance(data, float):
        return {"type": "number"}
    if isinstance(data, dt.date):
        return {"type": "string", "format": "date"}
    return {"type": "string"}


def item_schema(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    items = schema.get("items", {"type": "string"})
    return items if isinstance(items, Mapping) else {"type": "string"}


def properties(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    properties = schema.get("properties", {})
    return properties if isinstance(properties, Mapping) else {}


# --- key paths ---------------------------------------------------------------------------


def child_key(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name


def item_key(parent: str, index: int) -> str:
    return f"{parent}[{index}]"


def key_parts(key: str) -> list[str | int]:
    return [int(index) if index else name for name, index in _PART.findall(key)]


def label_of(key: str, schema: Mapping[str, Any] | None = None) -> str:
    """The schema's ``x-label``, else the key as words: ``beoogd_resultaat`` -> ``Beoogd
    resultaat`` (the keys are Dutch already)."""
    label = (schema or {}).get(LABEL)
    if isinstance(label, str) and label.strip():
        return label.strip()
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def help_of(schema: Mapping[str, Any]) -> str:
    """The schema's Dutch ``x-toelichting``, else its ``description``."""
    for name in (HELP, "description"):
        text = schema.get(name)
        if isinstance(text, str) and text.strip():
            return text.strip()
    return ""
