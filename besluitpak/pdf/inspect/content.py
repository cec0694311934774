"""What outloud checks of a tagged file that the structure checks did not: everything a
page paints is tagged content or an artifact (outloud TAG-001, ISO 14289-1 7.1), also inside
a form XObject it draws untagged (TXT-011), and every Figure has alternative text (FIG-001,
7.3). A ready-made PDF that is tagged only in part (a tag tree with a few elements, most of
its text outside them) passed every other check and claimed PDF/UA-1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from besluitpak.pdf.inspect import census, memo
from besluitpak.pdf.inspect.base import Check, _Context, _struct_tree, check
from besluitpak.pdf.inspect.tagged import _kids

_TEXT = {"Tj", "TJ", "'", '"'}
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
_DEPTH = 8  # form XObjects within form XObjects


def _tagged(properties: Any, resources: Any) -> bool:
    """Whether a ``BDC``'s properties (given, or named in the resources' /Properties)
    hold an MCID."""
    if isinstance(properties, Name) and isinstance(resources, Dictionary):
        named = resources.get("/Properties")
        properties = named.get(properties) if isinstance(named, Dictionary) else None
    return isinstance(properties, Dictionary) and "/MCID" in properties


def _untagged(
    stream: Any, resources: Any, *, covered: bool, seen: set[tuple[int, int]], depth: int = 0
) -> int:
    """How many text runs, paths, shadings and images ``stream`` (a page or a form XObject)
    paints outside any marked content with an MCID and outside any /Artifact; ``covered``:
    the stream is drawn inside such content."""
    stack: list[bool] = []
    count = 0
    for instruction in pikepdf.parse_content_stream(stream):
        inside = covered or any(stack)
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            count += 0 if inside else 1
            continue
        operands, operator = instruction.operands, str(instruction.operator)
        if operator == "BMC":
            stack.append(bool(operands) and operands[0] == Name.Artifact)
        elif operator == "BDC":
            artifact = bool(operands) and operands[0] == Name.Artifact
            stack.append(artifact or (len(operands) > 1 and _tagged(operands[1], resources)))
        elif operator == "EMC":
            if stack:
                stack.pop()
        elif operator in _TEXT or operator in _PAINT:
            count += 0 if inside else 1
        elif operator == "Do" and operands:
            count += _drawn(operands[0], resources, inside=inside, seen=seen, depth=depth)
    return count


def _drawn(
    name: Any, resources: Any, *, inside: bool, seen: set[tuple[int, int]], depth: int
) -> int:
    """An XObject drawn by ``Do``: an image counts when it is drawn outside tagged content,
    a form by what it paints itself outside it."""
    objects = resources.get("/XObject") if isinstance(resources, Dictionary) else None
    drawn = objects.get(name) if isinstance(objects, Dictionary) else None
    if not isinstance(drawn, pikepdf.Stream):
        return 0
    if drawn.get("/Subtype") != Name.Form:
        return 0 if inside else 1
    if inside or depth >= _DEPTH or drawn.objgen in seen:
        return 0
    seen.add(drawn.objgen)
    own = drawn.get("/Resources", resources)
    return _untagged(drawn, own, covered=False, seen=seen, depth=depth + 1)


@check
def tagged_content(c: _Context) -> Iterator[Check]:
    tree = _struct_tree(c.pdf)
    if tree is None:
        return  # an untagged file fails the structure checks already
    untagged: list[str] = []
    total = 0
    counts = memo.per_page(
        c.pdf,
        c.memo,
        "untagged",
        lambda page: _untagged(page.obj, page.resources, covered=False, seen=set()),
        decode=int,
    )
    for number, found in enumerate(counts, start=1):
        if found:
            untagged.append(str(number))
            total += found
    yield Check(
        "structure",
        "everything painted is tagged or an artifact",
        not untagged,
        f"{total} text run(s), path(s) or image(s) outside any tag or artifact "
        f"on p.{', '.join(untagged[:12])}"
        if untagged
        else f"{len(c.pdf.pages)} pages",
    )
    figures, without = census.figures(c, _kids(tree))
    yield Check(
        "structure",
        "every Figure has alternative text",
        without == 0,
        f"{without} of {figures} without /Alt" if without else f"{figures} figure(s)",
    )
