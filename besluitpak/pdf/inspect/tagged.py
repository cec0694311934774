"""The checks of the structure tree: every page's marked content owned by an element,
the ParentTree reaching them, and elements that mean what PDF/UA asks of them."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.errors import OutputError
from besluitpak.files import write_atomic
from besluitpak.pdf.inspect import memo
from besluitpak.pdf.inspect.base import (
    Check,
    _Context,
    _entry_dict,
    _number,
    _number_tree,
    _struct_tree,
    _text,
    _Unreadable,
    check,
)


def _kids(element: Any) -> list[Any]:
    """An element's /K as a list (PDF allows one kid or an array); none for a non-element."""
    if not isinstance(element, Dictionary):
        return []
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _role(element: Any) -> Any:
    """An element's structure type /S, or None when it is not an element."""
    return element.get("/S") if isinstance(element, Dictionary) else None


def _same(a: Any, b: Any) -> bool:
    """Are ``a`` and ``b`` the same indirect object?"""
    return (
        isinstance(a, pikepdf.Object)
        and isinstance(b, pikepdf.Object)
        and a.is_indirect
        and b.is_indirect
        and a.objgen == b.objgen
    )


def _owns(element: Any, page: pikepdf.Object, mcid: int) -> bool:
    if not isinstance(element, Dictionary):
        return False
    for kid in _kids(element):
        if isinstance(kid, int) and not isinstance(kid, bool):
            if kid == mcid and _same(element.get("/Pg"), page):
                return True
        elif (
            isinstance(kid, Dictionary)
            and kid.get("/Type") == Name.MCR
            and kid.get("/MCID") == mcid
            and _same(kid.get("/Pg", element.get("/Pg")), page)
        ):
            return True
    return False


_MARKED: dict[bytes, tuple[frozenset[int], int]] = {}
"""What :func:`_marked` found, by the digest of a page's content: a bundle rebuilt after
one changed bijlage has the same content streams on most of its pages."""
_FORMAT = 1
"""Bumped whenever what :func:`_marked` keeps on disk changes shape."""


def _content_digest(page: pikepdf.Page) -> bytes | None:
    contents = page.obj.get("/Contents")
    streams = [contents] if isinstance(contents, pikepdf.Stream) else contents
    if not isinstance(streams, (Array, list)):
        return None
    digest = hashlib.blake2b(digest_size=20)
    for stream in streams:
        if not isinstance(stream, pikepdf.Stream):
            return None
        digest.update(stream.read_bytes())
        digest.update(b"\0")
    return digest.digest()


def _marked(page: pikepdf.Page, where: str, store: Path | None = None) -> tuple[set[int], int]:
    """MCIDs on a page, and how many pagination artifacts it draws (remembered by the
    digest of the page's content, in this process and, with a ``store``, on disk with
    besluitpak's code: a rebuild reads again only the pages whose content changed)."""
    try:
        digest = _content_digest(page)
    except pikepdf.PdfError:
        digest = None
    if digest is not None and digest in _MARKED:
        known, pagination = _MARKED[digest]
        return set(known), pagination
    record = _record(store, digest) if store is not None and digest is not None else None
    if record is not None:
        with contextlib.suppress(OSError, ValueError, TypeError):
            mcids_kept, pagination = json.loads(record.read_text(encoding="utf-8"))
            mcids = {int(mcid) for mcid in mcids_kept}
            _remember(digest, mcids, int(pagination))
            return mcids, int(pagination)
    mcids, pagination = _parse_marked(page, where)
    _remember(digest, mcids, pagination)
    if record is not None:
        with contextlib.suppress(OutputError, OSError):
            write_atomic(record, json.dumps([sorted(mcids), pagination]).encode(), what="the cache")
    return mcids, pagination


def _remember(digest: bytes | None, mcids: set[int], pagination: int) -> None:
    if digest is not None:
        if len(_MARKED) > 20_000:
            _MARKED.clear()
        _MARKED[digest] = (frozenset(mcids), pagination)


def _record(store: Path, digest: bytes) -> Path:
    """Where what :func:`_parse_marked` read of a page's content is kept: by its digest and
    besluitpak's code."""
    from besluitpak import fingerprint

    key = hashlib.sha256(fingerprint.code_version().encode() + b"\0" + digest).hexdigest()
    return store / f"marked-v{_FORMAT}" / f"{key}.json"


def _parse_marked(page: pikepdf.Page, where: str) -> tuple[set[int], int]:
    mcids: set[int] = set()
    pagination = 0
    try:
        instructions = pikepdf.parse_content_stream(page, "BDC")  # only those: 3x faster
    except pikepdf.PdfError as e:
        raise _Unreadable(f"{where}its content stream is damaged: {_qpdf_text(e)}") from e
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operands, operator = instruction.operands, instruction.operator
        if str(operator) != "BDC" or len(operands) < 2:
            continue
        props = operands[1]
        if isinstance(props, Dictionary):
            if "/MCID" in props:
                mcids.add(_number(props.get("/MCID"), f"{where}an /MCID"))
            if operands[0] == Name.Artifact and props.get("/Type") == Name.Pagination:
                pagination += 1
    return mcids, pagination


def _qpdf_text(error: Exception) -> str:
    return " ".join(str(error).split())[:160]


def _reachability(
    c: _Context, parent_tree: dict[int, Any], store: Path | None = None
) -> tuple[list[str], int, int]:
    """The marked content no structure element owns (``p.3 MCID 4``), the number of pages
    with marked content, and the number of pages with pagination artifacts; per page, kept
    per document with the memo's (a document's pages and their elements are its own)."""
    numbers = {page.obj.objgen: number for number, page in enumerate(c.pdf.pages, start=1)}

    def reached(page: pikepdf.Page) -> tuple[list[int], int, int]:
        number = numbers[page.obj.objgen]
        mcids, pagination = _marked(page, f"page {number}: ", store)
        key = page.obj.get("/StructParents")
        elements = (
            parent_tree.get(_number(key, f"page {number}: /StructParents"))
            if key is not None and mcids
            else None
        )
        lost = [
            mcid
            for mcid in sorted(mcids)
            if not isinstance(elements, Array)
            or mcid >= len(elements)
            or not _owns(elements[mcid], page.obj, mcid)
        ]
        return lost, 1 if mcids else 0, 1 if pagination else 0

    found = memo.per_page(c.pdf, c.memo, "reached", reached, encode=list, decode=_reached)
    unreachable = [f"p.{n} MCID {mcid}" for n, (lost, _, _) in enumerate(found, 1) for mcid in lost]
    return unreachable, sum(f[1] for f in found), sum(f[2] for f in found)


def _reached(kept: Any) -> tuple[list[int], int, int]:
    lost, content, pagination = kept  # a record of another shape: read afresh
    if not all(isinstance(n, int) for n in [*lost, content, pagination]):
        raise ValueError("not a reachability record")
    return list(lost), int(content), int(pagination)


def _parent_tree(tree: Dictionary) -> dict[int, Any]:
    node = tree.get("/ParentTree")
    return {} if node is None else _number_tree(node, "/StructTreeRoot/ParentTree")


@check
def structure(c: _Context) -> Iterator[Check]:
    pdf = c.pdf
    tree = _struct_tree(pdf)
    marked = _entry_dict(pdf.Root, "/MarkInfo", "").get("/Marked") == True  # noqa: E712
    yield Check(
        "structure",
        "tagged (StructTreeRoot, MarkInfo)",
        tree is not None and marked,
        f"StructTreeRoot {'present' if tree is not None else 'missing'}, Marked={marked}",
    )
    if tree is None:
        return
    if c.roles_error:
        yield Check("structure", "role map readable", False, c.roles_error)
    top = _kids(tree)
    one_document = len(top) == 1 and c.standard(_role(top[0])) == "/Document"
    parts = [k for k in _kids(top[0]) if c.standard(_role(k)) == "/Part"] if one_document else []
    yield Check(
        "structure",
        "one Document element",
        one_document,
        f"{len(parts)} Part elements under it"
        if parts
        else f"top level: {', '.join(str(_role(k)) for k in top[:5]) or 'empty'}",
    )
    parent_tree = _parent_tree(tree)
    store = c.memo.store if c.memo is not None else None
    unreachable, pages_with_content, stamped = _reachability(c, parent_tree, store)
    c.stamped = stamped
    yield Check(
        "structure",
        "every page's marked content reachable from the tree",
        not unreachable,
        f"{pages_with_content} pages checked"
        + (f"; unreachable: {', '.join(unreachable[:5])}" if unreachable else ""),
    )
    keys = list(parent_tree)
    next_key = _number(tree.get("/ParentTreeNextKey", 0), "/StructTreeRoot/ParentTreeNextKey")
    yield Check(
        "structure",
        "ParentTree consistent",
        not keys or next_key > max(keys),
        f"{len(keys)} keys, ParentTreeNextKey {next_key}",
    )


def _walk(element: Any, seen: set[tuple[int, int]] | None = None) -> Iterator[Dictionary]:
    """Every structure element under ``element``, each once (a loop is followed once)."""
    seen = set() if seen is None else seen
    todo = [element]
    while todo:
        current = todo.pop()
        if not isinstance(current, Dictionary) or "/S" not in current:
            continue
        if current.is_indirect:
            if current.objgen in seen:
                continue
            seen.add(current.objgen)
        yield current
        todo.extend(reversed(_kids(current)))


@check
def semantics(c: _Context) -> Iterator[Check]:
    tree = _struct_tree(c.pdf)
    if tree is None:
        return
    top = _kids(tree)
    document = top[0] if top and isinstance(top[0], Dictionary) else tree
    parts = [k for k in _kids(document) if c.standard(_role(k)) == "/Part"]
    units = parts or [document]
    levels = memo.per_part(
        c.memo if parts else None,
        [_text(unit.get("/T")) for unit in units],
        "headings",
        lambda index: _jumps(c, units[index]),
        salt=[sorted(c.roles.items()), c.roles_error],  # a Part's roles are the bundle's
        valid=lambda kept: all(_pair(jump) for jump in kept),
    )
    jumps = [
        f"{_text(unit.get('/T')) or '?'}: H{level} -> H{new}"
        for unit, found in zip(units, levels, strict=True)
        for level, new in found
    ]
    yield Check(
        "structure",
        "headings in order per document",
        not jumps,
        "; ".join(jumps[:3]) or f"{len(units)} documents",
    )
    from besluitpak.pdf.inspect.census import Census, census, counted  # it walks with _walk

    whole = census(c)
    if whole is None:  # not one top element: the first (or none) walked, as ever
        counts, found = counted(c, _walk(document))
        whole = Census(counts=counts, notes=found)
    tables, headers, no_scope = whole.tables, whole.headers, whole.no_scope
    bad_lists, notes = whole.bad_lists, whole.notes
    yield Check(
        "structure",
        "table header cells have a scope",
        no_scope == 0,
        f"{tables} tables, {headers} TH" + (f", {no_scope} without /Scope" if no_scope else ""),
    )
    yield Check(
        "structure",
        "lists are L/LI",
        bad_lists == 0,
        f"{bad_lists} lists with other children" if bad_lists else "ok",
    )
    yield _note_ids(c, notes)


def _jumps(c: _Context, unit: Any) -> list[list[int]]:
    """The heading levels skipped in one document's elements: ``[[1, 3]]`` for H1 -> H3."""
    found = []
    level = 0
    for element in _walk(unit):
        kind = c.standard(_role(element))
        if re.fullmatch(r"/H[1-6]", kind):
            new = int(kind[2])
            if new > level + 1:
                found.append([level, new])
            level = new
    return found


def _pair(jump: Any) -> bool:
    return (
        isinstance(jump, list)
        and len(jump) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in jump)
    )


def _note_ids(c: _Context, notes: list[Dictionary]) -> Check:
    """PDF/UA 7.9: every Note (the Note elements of the tree, in its order) has an /ID,
    and no two the same."""
    ids: list[str] = []
    missing = []
    for element in notes:
        value = _text(element.get("/ID"))
        if value:
            ids.append(value)
        else:
            page = element.get("/Pg")
            number = next((n for n, p in enumerate(c.pdf.pages, 1) if _same(p.obj, page)), None)
            missing.append(f"p.{number}" if number else "?")
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    detail = f"{len(ids) + len(missing)} notes"
    if missing:
        detail += f"; without an ID on {', '.join(missing[:5])}"
    if doubles:
        detail += f"; IDs used twice: {', '.join(doubles[:5])}"
    return Check("structure", "every note has its own ID", not missing and not doubles, detail)
