"""Tracked changes and comments in a ready-made .docx (see :mod:`besluitpak.render.revisions`).

Accepting keeps what ``w:ins`` and ``w:moveTo`` hold and drops ``w:del`` and ``w:moveFrom``
with their deleted text; rejecting does the reverse (``w:delText`` becomes ``w:t`` again). A
paragraph mark that is gone joins its paragraph to the next; a table row or cell that is
gone is removed; a property change (``w:rPrChange``, ``w:pPrChange``, ``w:sectPrChange``…)
is dropped when accepted and its recorded old properties restored when rejected. Every
WordprocessingML part is handled (body, headers, footers, notes, styles, numbering);
comments go with their anchors, parts, relationships and content types.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from besluitpak.errors import ReadyMadeError
from besluitpak.render.revisions import (
    Choice,
    Found,
    counted,
    drop_entities,
    parse,
    remove,
    serialize,
    unwrap,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


PROPERTY_CHANGES = tuple(
    w(name)
    for name in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblGridChange",
        "tcPrChange",
        "trPrChange",
        "tblPrExChange",
        "numberingChange",
    )
)
CONTAINERS = (w("ins"), w("del"), w("moveFrom"), w("moveTo"))
CELL_MARKS = (w("cellIns"), w("cellDel"), w("cellMerge"))
RANGE_MARKS = tuple(
    w(f"{kind}Range{end}")
    for kind in (
        "moveFrom",
        "moveTo",
        "customXmlIns",
        "customXmlDel",
        "customXmlMoveFrom",
        "customXmlMoveTo",
    )
    for end in ("Start", "End")
)
COMMENT_MARKS = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
KEPT_ON_RESTORE = {
    w(name) for name in ("rPr", "sectPr", "headerReference", "footerReference", "ins", "del")
} | set(CELL_MARKS)
"""Children of a properties element that its recorded old properties do not hold: they stay
when a property change is rejected."""
COMMENT_PARTS = re.compile(r"word/(comments[A-Za-z]*|people)\.xml")
"""The comments, their extensions (ids, threads, dates) and the people who wrote them."""


def count_word_part(root: etree._Element) -> Found:
    """Tracked changes and comment anchors in one part of a .docx."""
    tags = [element.tag for element in root.iter(*CONTAINERS, *PROPERTY_CHANGES, *CELL_MARKS)]
    return Found(
        insertions=tags.count(w("ins")) + tags.count(w("cellIns")),
        deletions=tags.count(w("del")) + tags.count(w("cellDel")),
        moves=tags.count(w("moveFrom")),
        formatting=sum(tags.count(t) for t in PROPERTY_CHANGES) + tags.count(w("cellMerge")),
        comments=sum(1 for _ in root.iter(w("commentReference"))),
    )


def _restore(change: etree._Element) -> None:
    """Reject a property change: the recorded old properties take the current ones' place."""
    parent = change.getparent()
    assert parent is not None
    old = list(change[0]) if len(change) and isinstance(change[0].tag, str) else []
    current = [c for c in parent if c is not change and c.tag not in KEPT_ON_RESTORE]
    index = parent.index(current[0]) if current else 0
    for child in current:
        parent.remove(child)
    remove(change)
    for offset, child in enumerate(old):
        parent.insert(index + offset, child)


def _marks(root: etree._Element, accept: bool) -> list[etree._Element]:
    """Handle the changes recorded on a paragraph mark, a table row, a cell or a math run;
    returns the paragraphs whose mark is gone (they join the next paragraph)."""
    joined: list[etree._Element] = []
    for mark in list(root.iter(w("ins"), w("del"), *CELL_MARKS)):
        parent = mark.getparent()
        if parent is None:
            continue
        gone = (
            mark.tag in (w("del"), w("cellDel")) if accept else mark.tag in (w("ins"), w("cellIns"))
        )
        holder = parent.getparent()
        if parent.tag == w("rPr") and holder is not None:
            remove(mark)
            if gone and holder.tag == w("pPr") and holder.getparent() is not None:
                joined.append(holder.getparent())
            elif gone and holder.tag != w("pPr"):
                remove(holder)  # a math run, inserted or deleted as a whole
        elif parent.tag in (w("trPr"), w("tcPr")) and holder is not None:
            remove(holder if gone and mark.tag != w("cellMerge") else mark)
    return joined


def _join(paragraphs: Iterable[etree._Element]) -> None:
    """A paragraph whose mark was deleted (or inserted, when rejecting) runs on into the next
    one: its content moves to the start of that paragraph, which keeps its own properties."""
    for paragraph in reversed(list(paragraphs)):
        following = paragraph.getnext()
        content = [c for c in paragraph if c.tag != w("pPr")]
        if following is None or following.tag != w("p"):
            continue  # the last paragraph of a cell or the body stays
        at = 1 if len(following) and following[0].tag == w("pPr") else 0
        for child in reversed(content):
            following.insert(at, child)
        remove(paragraph)


def _text_kept(container: etree._Element) -> None:
    """Deleted text that is kept (a rejected deletion) becomes ordinary text again."""
    for element in container.iter(w("delText"), w("delInstrText")):
        element.tag = w("t") if element.tag == w("delText") else w("instrText")


def clean_word_part(root: etree._Element, accept: bool) -> None:
    """Accept or reject every tracked change in one part, and take out its comment anchors."""
    drop_entities(root)
    for change in list(root.iter(*PROPERTY_CHANGES)):
        if accept:
            remove(change)
        else:
            _restore(change)
    joined = _marks(root, accept)
    removed = (w("del"), w("moveFrom")) if accept else (w("ins"), w("moveTo"))
    for container in list(root.iter(*CONTAINERS)):
        if container.tag in removed:
            remove(container)
        else:
            _text_kept(container)
            unwrap(container)
    for mark in list(root.iter(*RANGE_MARKS, *COMMENT_MARKS)):
        run = mark.getparent()
        alone = run is not None and all(c is mark or c.tag == w("rPr") for c in run)
        remove(run if mark.tag == w("commentReference") and alone and run is not None else mark)
    _join(joined)
    for table in list(root.iter(w("tbl"))):
        if table.find(w("tr")) is None:  # every row of it deleted
            remove(table)


def _settings(root: etree._Element) -> None:
    for element in list(root.iter(w("trackRevisions"))):
        remove(element)


def _part_rels(root: etree._Element, gone: set[str], base: str) -> None:
    for rel in list(root.iter(f"{{{RELS}}}Relationship")):
        target = posixpath.normpath(posixpath.join(base, rel.get("Target", "")))
        if rel.get("TargetMode") != "External" and target in gone:
            remove(rel)


def _content_types(root: etree._Element, gone: set[str]) -> None:
    for override in list(root.iter(f"{{{TYPES}}}Override")):
        if override.get("PartName", "").lstrip("/") in gone:
            remove(override)


def scan_word(path: Path) -> Found:
    """What the .docx at ``path`` holds of tracked changes and comments."""
    found = Found()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if COMMENT_PARTS.fullmatch(name) or not _word_xml(name):
                continue
            found += count_word_part(parse(archive.read(name)))
        comments = [n for n in archive.namelist() if n == "word/comments.xml"]
        if comments:
            listed = sum(1 for _ in parse(archive.read(comments[0])).iter(w("comment")))
            found = Found(**{**found.__dict__, "comments": max(found.comments, listed)})
    return found


def _word_xml(name: str) -> bool:
    return name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name


def clean_word(source: Path, choice: Choice | None, where: str = "") -> bytes:
    """The .docx at ``source`` with every tracked change accepted or rejected and every
    comment removed (anchors, parts, relationships, content types), as bytes."""
    accept = choice != "verwerpen"
    with zipfile.ZipFile(source) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    gone = {info.filename for info, _ in entries if COMMENT_PARTS.fullmatch(info.filename)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename in gone:
                continue
            edit = _word_edit(info.filename, gone, accept)
            if edit is not None:
                root = parse(data)
                edit(root)
                data = serialize(root)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    written = out.getvalue()
    _check_clean(written, where or str(source))
    return written


def _word_edit(name: str, gone: set[str], accept: bool) -> Callable[[etree._Element], None] | None:
    if name == "[Content_Types].xml":
        return functools.partial(_content_types, gone=gone)
    if name.endswith(".rels"):
        base = posixpath.dirname(posixpath.dirname(name))
        return functools.partial(_part_rels, gone=gone, base=base)
    if name == "word/settings.xml":
        return _settings
    if _word_xml(name):
        return functools.partial(clean_word_part, accept=accept)
    return None


def _check_clean(written: bytes, where: str) -> None:
    """What is written holds no change and no comment: checked on the bytes, not assumed."""
    left = Found()
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        for name in archive.namelist():
            if COMMENT_PARTS.fullmatch(name):
                raise ReadyMadeError(
                    f"{where}: the comments part {name} could not be removed"
                ).coded("comments-not-removed", where=where)
            if _word_xml(name):
                root = parse(archive.read(name))
                left += count_word_part(root)
                deleted = sum(1 for _ in root.iter(w("delText"), w("delInstrText")))
                left += Found(deletions=deleted)
    if left.changes or left.comments:
        raise ReadyMadeError(
            f"{where}: {left.described() or counted(left.comments, 'comment')} "
            f"could not be resolved; accept or reject the changes in Word and save it again"
        ).coded("changes-not-resolved", where=where, **left.counts())
