"""Tracked changes and comments in a ready-made .odt (see :mod:`besluitpak.render.revisions`).

An OpenDocument text records its changes in ``text:tracked-changes``: one
``text:changed-region`` per change, holding an insertion's author, a deletion's author *and
the deleted text*, or a format change. In the text, an insertion or a format change is the
range between ``text:change-start`` and ``text:change-end``; a deletion is one point,
``text:change``. Accepting drops the regions (and with them the deleted text) and the marks;
rejecting takes out each inserted range and puts each deletion's text back at its point.
ODF keeps no old formatting, so a rejected format change keeps the current formatting.
Comments (``office:annotation`` and ``office:annotation-end``) are removed either way.

The same pass keeps the pages' headers and footers out of the bands the bundle stamps
(:func:`keep_clear`): in ODF a header starts at the page's top margin.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from besluitpak.errors import ReadyMadeError
from besluitpak.render.revisions import Choice, Found, drop_entities, parse, remove, serialize

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
POINTS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, "px": 0.75}
PARTS = ("content.xml", "styles.xml")
"""The body, and the master pages (headers and footers)."""


def t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


PARAGRAPHS = (t("p"), t("h"))
ANNOTATIONS = (f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end")


def _regions(roots: list[etree._Element]) -> dict[str, etree._Element]:
    """Each changed region's kind element (``text:insertion``, ``text:deletion``,
    ``text:format-change``) by its id."""
    found = {}
    for root in roots:
        for region in root.iter(t("changed-region")):
            kinds = [c for c in region if isinstance(c.tag, str)]
            for key in (region.get(t("id")), region.get(XML_ID)):
                if key and kinds:
                    found[key] = kinds[0]
    return found


def _count(roots: list[etree._Element]) -> Found:
    kinds = [kind.tag for kind in _regions(roots).values()]
    marks = [m for root in roots for m in root.iter(t("change"), t("change-start"))]
    unrecorded = sum(1 for m in marks if m.get(t("change-id")) not in _regions(roots))
    return Found(
        insertions=kinds.count(t("insertion")),
        deletions=kinds.count(t("deletion")) + unrecorded,
        formatting=kinds.count(t("format-change")),
        comments=sum(1 for root in roots for _ in root.iter(f"{{{OFFICE}}}annotation")),
    )


def scan(path: Path) -> Found:
    """What the .odt at ``path`` holds of tracked changes and comments."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        return _count([parse(archive.read(name)) for name in PARTS if name in names])


def _ancestors(element: etree._Element) -> list[etree._Element]:
    chain = [element]
    while (parent := chain[-1].getparent()) is not None:
        chain.append(parent)
    return chain


def _paragraph(element: etree._Element) -> etree._Element | None:
    return next((a for a in _ancestors(element) if a.tag in PARAGRAPHS), None)


def _append(target: etree._Element, source: etree._Element) -> None:
    """Move ``source``'s text and children to the end of ``target``; drop ``source``."""
    if len(target):
        target[-1].tail = (target[-1].tail or "") + (source.text or "")
    else:
        target.text = (target.text or "") + (source.text or "")
    for child in list(source):
        target.append(child)
    source.text = None
    remove(source)


def _remove_range(start: etree._Element, end: etree._Element) -> None:
    """Take out everything between the marks ``start`` and ``end`` (and the marks); when
    they stood in two sibling paragraphs, those run on into one."""
    up, down = _ancestors(start), _ancestors(end)
    common = next(a for a in up if a in down)
    first = up[up.index(common) - 1]
    last = down[down.index(common) - 1]
    node = start
    while True:  # what follows the start, up to the level both marks share
        node.tail = None
        if node is first:
            break
        parent = node.getparent()
        assert parent is not None
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent
    for sibling in list(first.itersiblings()):
        if sibling is last:
            break
        common.remove(sibling)
    node = end
    while node is not last:  # what precedes the end, from that level down
        parent = node.getparent()
        assert parent is not None
        for sibling in list(node.itersiblings(preceding=True)):
            parent.remove(sibling)
        parent.text = None
        node = parent
    start_paragraph, end_paragraph = _paragraph(start), _paragraph(end)
    remove(start)
    remove(end)
    joined = start_paragraph is first and end_paragraph is last and first is not last
    if joined and start_paragraph is not None and end_paragraph is not None:
        _append(start_paragraph, end_paragraph)


def _split(paragraph: etree._Element, mark: etree._Element) -> etree._Element:
    """Cut ``paragraph`` at ``mark``: what follows the mark moves into a new paragraph
    (inside copies of the spans it stood in), inserted after it and returned."""
    node = mark
    moved: etree._Element | None = None
    while node is not paragraph:
        parent = node.getparent()
        assert parent is not None
        shell = etree.Element(parent.tag, attrib=dict(parent.attrib))
        if moved is None:
            shell.text = node.tail
        else:
            shell.append(moved)
            moved.tail = node.tail
        node.tail = None
        for sibling in list(node.itersiblings()):
            shell.append(sibling)
        moved, node = shell, parent
    assert moved is not None
    paragraph.addnext(moved)
    moved.tail, paragraph.tail = paragraph.tail, None
    return moved


def _inline(mark: etree._Element, source: etree._Element) -> None:
    """Put ``source``'s text and children right after ``mark``."""
    parent = mark.getparent()
    assert parent is not None
    after = mark.tail
    mark.tail = source.text
    index = parent.index(mark)
    children = list(source)
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)
    last = children[-1] if children else mark
    last.tail = (last.tail or "") + (after or "")


def _restore(mark: etree._Element, deletion: etree._Element) -> None:
    """Reject a deletion: its text goes back where it was taken out. Deleted text within a
    paragraph goes back inline; deleted paragraph breaks split the paragraph again."""
    info = f"{{{OFFICE}}}change-info"
    blocks = [c for c in deletion if isinstance(c.tag, str) and c.tag != info]
    paragraph = _paragraph(mark)
    if paragraph is None or not blocks:
        remove(mark)
        return
    if len(blocks) == 1 and blocks[0].tag in PARAGRAPHS:
        _inline(mark, blocks[0])
        remove(mark)
        return
    rest = _split(paragraph, mark)
    head = blocks[0] if blocks[0].tag in PARAGRAPHS else None
    tail = blocks[-1] if len(blocks) > 1 and blocks[-1].tag in PARAGRAPHS else None
    middle = blocks[(head is not None) : len(blocks) - (tail is not None)]
    if head is not None:
        _inline(mark, head)
    remove(mark)
    at = paragraph
    for block in middle:
        at.addnext(block)
        at = block
    if tail is not None:
        rest.attrib.clear()
        rest.attrib.update(dict(tail.attrib))
        _inline_front(rest, tail)


def _inline_front(target: etree._Element, source: etree._Element) -> None:
    """Put ``source``'s text and children at the start of ``target``."""
    children = list(source)
    text = target.text
    target.text = source.text
    for offset, child in enumerate(children):
        target.insert(offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + (text or "")
    else:
        target.text = (target.text or "") + (text or "")


def _apply(roots: list[etree._Element], accept: bool) -> None:
    for root in roots:
        drop_entities(root)
    regions = _regions(roots)
    for root in roots:
        for start in list(root.iter(t("change-start"))):
            key = start.get(t("change-id"))
            end = next(
                (e for e in root.iter(t("change-end")) if e.get(t("change-id")) == key), None
            )
            kind = regions.get(key or "")
            if not accept and end is not None and kind is not None and kind.tag == t("insertion"):
                _remove_range(start, end)
        for point in list(root.iter(t("change"))):
            kind = regions.get(point.get(t("change-id")) or "")
            if not accept and kind is not None and kind.tag == t("deletion"):
                _restore(point, kind)
            else:
                remove(point)
        for element in list(root.iter(t("change-start"), t("change-end"), *ANNOTATIONS)):
            remove(element)
        for element in list(root.iter(t("tracked-changes"))):
            remove(element)


def _points(length: str | None) -> float:
    """An ODF length (``0.4925in``, ``1.25cm``, ``35pt``) in points; 0 when unreadable."""
    match = re.fullmatch(r"\s*(-?[0-9]*\.?[0-9]+)\s*([a-z]+)\s*", length or "")
    if match is None or match.group(2) not in POINTS:
        return 0.0
    return abs(float(match.group(1))) * POINTS[match.group(2)]


def keep_clear(root: etree._Element, top: float, bottom: float) -> int:
    """Every page layout's top and bottom margin at least ``top`` and ``bottom`` points: a
    header begins at the top margin and a footer ends at the bottom one, so they stay clear
    of the stamp; the text moves with them. Returns how many margins grew."""
    grown = 0
    for layout in root.iter(f"{{{STYLE}}}page-layout-properties"):
        for name, least in (("margin-top", top), ("margin-bottom", bottom)):
            key = f"{{{FO}}}{name}"
            if _points(layout.get(key)) < least:
                layout.set(key, f"{least:.2f}pt")
                grown += 1
    return grown


def clean(
    source: Path,
    choice: Choice | None,
    *,
    clear: tuple[float, float] | None = None,
    where: str = "",
) -> bytes:
    """The .odt at ``source`` with its changes accepted or rejected and its comments gone;
    with ``clear`` (top and bottom, in points), its pages' margins at least that wide."""
    accept = choice != "verwerpen"
    with zipfile.ZipFile(source) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    parts = {info.filename: parse(data) for info, data in entries if info.filename in PARTS}
    _apply(list(parts.values()), accept)
    if clear is not None and "styles.xml" in parts:
        keep_clear(parts["styles.xml"], *clear)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info, data in sorted(entries, key=lambda e: e[0].filename != "mimetype"):
            if info.filename in parts:
                data = serialize(parts[info.filename])
            stored = info.filename == "mimetype"
            kind = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, data, compress_type=kind)
    written = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        left = _count([parse(archive.read(name)) for name in parts])
        marks = sum(
            1
            for name in parts
            for _ in parse(archive.read(name)).iter(t("change"), t("change-start"), t("change-end"))
        )
    if left.changes or left.comments or marks:
        raise ReadyMadeError(
            f"{where or source}: {left.described() or 'a tracked change or comment'} could not be "
            f"resolved; accept or reject the changes in Writer and save it again"
        ).coded("changes-not-resolved", where=str(where or source), **left.counts())
    return written
