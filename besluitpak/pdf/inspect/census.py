"""One walk of the structure tree for the checks that count kinds of element (figures
without alternative text, table header cells without a scope, lists with other children,
the Note elements), shared by those checks instead of a walk each.

In a build (a :class:`~besluitpak.pdf.inspect.memo.PageMemo`), what one document's Part
holds is kept per Part like the heading jumps (:func:`~besluitpak.pdf.inspect.memo.per_part`:
the document's PDF, the edition, the code, the Part's title and the bundle's role map), so a
rebuild walks only the Parts that changed and what assembly made (the cover, the contents).
A Part holding Note elements is always walked: its notes are needed as elements (their IDs
are checked across the whole bundle). Without a memo (``besluitpak inspect``) the tree is
walked from its one top element exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pikepdf import Array, Dictionary

from besluitpak.pdf.inspect import memo
from besluitpak.pdf.inspect.base import _Context, _struct_tree, _text
from besluitpak.pdf.inspect.tagged import _kids, _role, _walk

_FIELDS = 7
"""figures, figures without /Alt, tables, TH, TH without /Scope, bad lists, notes."""


@dataclass(kw_only=True)
class Census:
    """What the elements under the tree's one top element are, counted in one walk."""

    counts: list[int] = field(default_factory=lambda: [0] * _FIELDS)
    notes: list[Dictionary] = field(default_factory=list)

    @property
    def figures(self) -> int:
        return self.counts[0]

    @property
    def without_alt(self) -> int:
        return self.counts[1]

    @property
    def tables(self) -> int:
        return self.counts[2]

    @property
    def headers(self) -> int:
        return self.counts[3]

    @property
    def no_scope(self) -> int:
        return self.counts[4]

    @property
    def bad_lists(self) -> int:
        return self.counts[5]

    def add(self, counts: list[int], notes: list[Dictionary]) -> None:
        self.counts = [a + b for a, b in zip(self.counts, counts, strict=True)]
        self.notes += notes


def census(c: _Context) -> Census | None:
    """The census of the tree's one top element, made once per check run (None: the tree
    has not exactly one top element, or none; the checks then walk it their own way)."""
    if c.census is None:
        tree = _struct_tree(c.pdf)
        top = _kids(tree) if tree is not None else []
        if len(top) != 1 or not isinstance(top[0], Dictionary):
            return None
        c.census = _taken(c, top[0])
    found = c.census
    assert isinstance(found, Census)
    return found


def _taken(c: _Context, document: Dictionary) -> Census:
    whole = Census()
    kids = _kids(document) if "/S" in document else []
    parts = [k for k in kids if c.standard(_role(k)) == "/Part"]
    if c.memo is None or not parts:
        whole.add(*counted(c, _walk(document)))
        return whole
    walked: dict[int, list[Dictionary]] = {}

    def part_alone(index: int) -> list[int]:
        counts, walked[index] = counted(c, _walk(parts[index]))
        return counts

    kept = memo.per_part(
        c.memo,
        [_text(part.get("/T")) for part in parts],
        "census",
        part_alone,
        salt=[sorted(c.roles.items()), c.roles_error],  # a Part's roles are the bundle's
        valid=lambda counts: _fits(counts) and counts[-1] == 0,  # notes: walked afresh
    )
    by_part = {part.objgen: index for index, part in enumerate(parts) if part.is_indirect}
    whole.add(*counted(c, [document]))
    seen: set[tuple[int, int]] = {document.objgen} if document.is_indirect else set()
    for kid in kids:
        index = by_part.get(kid.objgen) if isinstance(kid, Dictionary) else None
        if index is None:
            whole.add(*counted(c, _walk(kid, seen)))
        elif kid.objgen not in seen:  # a Part is an indirect element: counted once
            seen.add(kid.objgen)
            whole.add(kept[index], walked.get(index, []))
    return whole


def figures(c: _Context, tops: list[Any]) -> tuple[int, int]:
    """The Figure elements under ``tops`` and those without alternative text."""
    found = census(c)
    if found is not None:
        return found.figures, found.without_alt
    total = without = 0
    for top in tops:  # not one top element: each walked on its own, as ever
        counts, _ = counted(c, _walk(top))
        total, without = total + counts[0], without + counts[1]
    return total, without


def _fits(counts: Any) -> bool:
    return (
        isinstance(counts, list)
        and len(counts) == _FIELDS
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts)
    )


def counted(c: _Context, elements: Iterable[Dictionary]) -> tuple[list[int], list[Dictionary]]:
    """The counts of ``elements`` (see :data:`_FIELDS`) and their Note elements, in order."""
    figures = without = tables = headers = no_scope = bad_lists = 0
    notes = []
    for element in elements:
        kind = c.standard(_role(element))
        if kind == "/Figure":
            figures += 1
            without += 0 if "/Alt" in element or "/ActualText" in element else 1
        elif kind == "/Note":
            notes.append(element)
        elif kind == "/Table":
            tables += 1
        elif kind == "/TH":
            headers += 1
            raw = element.get("/A")
            attrs = list(raw) if isinstance(raw, Array) else [raw] if raw is not None else []
            no_scope += 0 if any(isinstance(a, Dictionary) and "/Scope" in a for a in attrs) else 1
        elif kind == "/L" and any(
            isinstance(k, Dictionary)
            and "/S" in k
            and c.standard(_role(k)) not in ("/LI", "/Caption")
            for k in _kids(element)
        ):
            bad_lists += 1
    return [figures, without, tables, headers, no_scope, bad_lists, len(notes)], notes
