"""A new generated bijlage's first data: a copy of the data of a bijlage made from the same
template, else the least its template's JSON Schema accepts, with :data:`TO_FILL` where the
person must write."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak.editing import yamledit
from besluitpak.editing.workspace import OutsideWorkspace, inside, normal

TO_FILL = "IN TE VULLEN"
"""The text a new bijlage's skeleton data holds where the person must write."""


@dataclass(frozen=True, kw_only=True)
class FirstData:
    """A new bijlage's data file: its text, and what the person must still do."""

    text: str
    to_fill: list[str]
    """Where the data holds :data:`TO_FILL` (``kerncijfers[0].waarde``), or a note."""
    copied_from: str = ""
    """The id of the bijlage whose data was copied, when one was."""


def first_data(folder: Path, bijlagen: CommentedSeq, *, ident: str, template: str) -> FirstData:
    """The data of new bijlage ``ident`` made from ``template`` in the case ``folder``."""
    text, copied_from = _data_like(folder, bijlagen, template)
    if text is not None:
        note = f"de gegevens zijn gekopieerd van bijlage {copied_from!r}: pas ze aan"
        return FirstData(text=text, to_fill=[note], copied_from=copied_from)
    skeleton = _skeleton(_schema(folder / template))
    to_fill = [where for where, value in _leaves(skeleton) if value == TO_FILL]
    return FirstData(text=_skeleton_text(ident, template, skeleton), to_fill=to_fill)


def _data_like(folder: Path, bijlagen: CommentedSeq, template: str) -> tuple[str | None, str]:
    """The data text of the first bijlage made from ``template``, and its id."""
    for node in bijlagen:
        if not isinstance(node, CommentedMap) or normal(str(node.get("template"))) != template:
            continue
        value = node.get("data")
        if isinstance(value, str):
            try:
                return inside(folder, value).read_text(encoding="utf-8"), str(node.get("id"))
            except (OutsideWorkspace, OSError, UnicodeDecodeError):
                continue
        if isinstance(value, dict):
            return yamledit.dumps(copy.deepcopy(value)), str(node.get("id"))
    return None, ""


def _schema(template: Path) -> dict[str, Any]:
    sidecar = template.with_suffix(".schema.json")
    if sidecar.is_symlink() or not sidecar.is_file():
        return {}
    try:
        loaded = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _skeleton(schema: dict[str, Any]) -> Any:
    """The least data ``schema`` accepts, with :data:`TO_FILL` where a text is needed."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties", {})
        return {
            key: _skeleton(properties.get(key, {}))
            for key in schema.get("required", [])
            if isinstance(key, str)
        }
    if kind == "array":
        items = schema.get("items", {})
        return [_skeleton(items if isinstance(items, dict) else {})] * max(
            int(schema.get("minItems", 0)), 1
        )
    if kind in {"integer", "number"}:
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    return TO_FILL


def _leaves(value: Any, where: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [
            leaf
            for key, item in value.items()
            for leaf in _leaves(item, f"{where}.{key}" if where else key)
        ]
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, f"{where}[{i}]")]
    return [(where, value)]


def _skeleton_text(ident: str, template: str, skeleton: Any) -> str:
    header = (
        f"# De gegevens van bijlage {yamledit.comment_line(ident)} "
        f"({yamledit.comment_line(template)}).\n# Vul in waar {TO_FILL} staat.\n"
    )
    if not skeleton:
        return header + "{}\n"
    return header + yamledit.dumps(yamledit.merge(CommentedMap(), copy.deepcopy(skeleton)))
