"""The bijlagen list of a case file's round-trip data, its items moved with the comments
that belong to each: the comment at the end of an item's line, and the comment lines above
it (ruamel keeps those at the end of the item before, or under ``bijlagen:`` for the first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken


@dataclass(kw_only=True)
class Item:
    node: CommentedMap
    own: str
    """The comment on the item's last line (``# …\\n``), or ``\\n``."""
    before: str
    """The comment lines above the item (ruamel keeps them at the end of the item before)."""
    column: int = 0
    """Where the item's own comment stands on its line."""


def _slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comment after ``node``'s last line: (container, key, position)."""
    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        deeper = _slot(node[key])
        if deeper is not None and _token(deeper) is not None:
            return deeper
        return node, key, 2
    if isinstance(node, CommentedSeq) and node:
        index = len(node) - 1
        deeper = _slot(node[index])
        if deeper is not None and _token(deeper) is not None:
            return deeper
        return node, index, 0
    return None


def _token(slot: tuple[Any, Any, int]) -> CommentToken | None:
    container, key, position = slot
    entry = container.ca.items.get(key)
    if not entry or len(entry) <= position:
        return None
    token = entry[position]
    return token if isinstance(token, CommentToken) else None


def _trailing(node: Any) -> tuple[str, int]:
    slot = _slot(node)
    token = _token(slot) if slot is not None else None
    if token is None:
        return "", 0
    return str(token.value), int(token.column)


def _set_trailing(node: Any, text: str, column: int) -> None:
    slot = _slot(node)
    if slot is None:
        return
    container, key, position = slot
    if text in {"", "\n"}:
        entry = container.ca.items.get(key)
        if entry and len(entry) > position:
            entry[position] = None
        return
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    entry[position] = CommentToken(text, CommentMark(column), None)


def _split(text: str) -> tuple[str, str]:
    """A trailing comment as (the item's own end-of-line part, the lines after it)."""
    if not text:
        return "", ""
    first, newline, rest = text.partition("\n")
    return first + newline, rest


def _header(data: CommentedMap) -> str:
    """The comment lines between ``bijlagen:`` and its first item (they belong to it)."""
    entry = data.ca.items.get("bijlagen")
    tokens = entry[3] if entry and len(entry) > 3 and entry[3] else []
    return "".join(
        " " * int(t.column) + str(t.value) if str(t.value).strip() else str(t.value)
        for t in tokens
        if isinstance(t, CommentToken)
    )


def _set_header(data: CommentedMap, text: str) -> None:
    tokens = []
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        tokens.append(CommentToken(stripped, CommentMark(len(line) - len(stripped)), None))
    entry = data.ca.items.setdefault("bijlagen", [None, None, None, None])
    while len(entry) < 4:
        entry.append(None)
    entry[3] = tokens or None
    bijlagen = data["bijlagen"]
    if isinstance(bijlagen, CommentedSeq) and bijlagen.ca.comment:
        bijlagen.ca.comment = None


def items(data: CommentedMap, bijlagen: CommentedSeq) -> tuple[list[Item], str]:
    """The items with their comments, and the comment lines after the list."""
    trailing = [_trailing(node) for node in bijlagen]
    parts = [_split(text) for text, _ in trailing]
    items = []
    for index, node in enumerate(bijlagen):
        before = parts[index - 1][1] if index else _header(data)
        items.append(Item(node=node, own=parts[index][0], before=before, column=trailing[index][1]))
    tail = parts[-1][1] if parts else ""
    return items, tail


def rebuild(data: CommentedMap, bijlagen: CommentedSeq, items: list[Item], tail: str) -> None:
    """Lay ``items`` (in their new order) into the list, each with its comments."""
    for index, item in enumerate(items):
        after = items[index + 1].before if index + 1 < len(items) else tail
        own = item.own or ("\n" if after else "")
        _set_trailing(item.node, own + after, item.column)
    if items or _header(data):
        _set_header(data, items[0].before if items else "")
    bijlagen[:] = [item.node for item in items]
    bijlagen.ca.items.clear()


def append(data: CommentedMap, bijlagen: CommentedSeq, entry: CommentedMap) -> None:
    """Add ``entry`` at the end of the list, the comments after the list kept after it."""
    bijlagen.fa.set_block_style()  # an empty list was written [] (flow style)
    found, tail = items(data, bijlagen)
    found.append(Item(node=entry, own="", before=""))
    rebuild(data, bijlagen, found, tail)
