"""Tracked changes and comments in a ready-made .docx or .odt, handled on purpose.

LibreOffice prints a document as it is shown: an insertion underlined, a deletion struck
through, a comment in the margin. A deletion or a reviewer's note printed in a public edition
is a leak, so a ready-made Word or OpenDocument file is never converted as it came: its
comments are removed (both editions, with a warning), and its tracked changes are accepted or
rejected as the case file says (``wijzigingen: aanvaarden`` or ``verwerpen``) on the XML
itself, before LibreOffice sees it. Without that choice a document with tracked changes is
refused, with the counts (:func:`refusal`). What is written is counted again: a mark left
over is an error, never a document printed with it.

Every part is read with a hardened parser (no entities resolved, no network, no huge trees).
The .docx transformation lives here; the .odt one in :mod:`besluitpak.render.odf_revisions`.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.errors import ReadyMadeError

Choice = Literal["aanvaarden", "verwerpen"]
"""What the case file's ``wijzigingen`` asks: accept every change, or reject every one."""

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

UNREADABLE = (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError)
"""What reading a document that is no sound zip of XML raises."""

COMMENT_PARTS = re.compile(r"word/(comments[A-Za-z]*|people)\.xml")
"""The comments, their extensions (ids, threads, dates) and the people who wrote them."""


@dataclass(frozen=True, kw_only=True)
class Found:
    """What a ready-made document holds of tracked changes and comments."""

    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    formatting: int = 0
    """Changes of formatting (bold, a style, page layout) recorded with their old value."""
    comments: int = 0

    @property
    def changes(self) -> int:
        return self.insertions + self.deletions + self.moves + self.formatting

    def __add__(self, other: Found) -> Found:
        return Found(
            insertions=self.insertions + other.insertions,
            deletions=self.deletions + other.deletions,
            moves=self.moves + other.moves,
            formatting=self.formatting + other.formatting,
            comments=self.comments + other.comments,
        )

    def described(self) -> str:
        """``3 insertions, 2 deletions and 1 formatting change``."""
        pieces = [
            _counted(n, word)
            for n, word in (
                (self.insertions, "insertion"),
                (self.deletions, "deletion"),
                (self.moves, "move"),
                (self.formatting, "formatting change"),
            )
            if n
        ]
        if len(pieces) < 2:
            return "".join(pieces)
        return f"{', '.join(pieces[:-1])} and {pieces[-1]}"


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def parse(data: bytes) -> etree._Element:
    """An XML part, read without resolving entities, without the network, within limits."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    return etree.fromstring(data, parser)


def serialize(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


# --- tree surgery shared with the .odt side -----------------------------------------------------


def remove(element: etree._Element) -> None:
    """Take ``element`` out with what it holds; the text after it stays."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def unwrap(element: etree._Element) -> None:
    """Put what ``element`` holds in its place (its text and children), dropping the element."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    children = list(element)
    previous = element.getprevious()
    if element.text:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.text
        else:
            parent.text = (parent.text or "") + element.text
    last = children[-1] if children else None
    tail = element.tail
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if tail:
        if last is not None:
            last.tail = (last.tail or "") + tail
        else:
            before = parent[index - 1] if index > 0 else None
            if before is not None:
                before.tail = (before.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


# --- Word ---------------------------------------------------------------------------------------


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


def drop_entities(root: etree._Element) -> None:
    """Entity references are never resolved, nor written (their declaration is not)."""
    for entity in list(root.iter(etree.Entity)):
        remove(entity)


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


def clean_word(source: Path, choice: Choice | None) -> bytes:
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
    _check_clean(written, source)
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


def _check_clean(written: bytes, source: Path) -> None:
    """What is written holds no change and no comment: checked on the bytes, not assumed."""
    left = Found()
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        for name in archive.namelist():
            if COMMENT_PARTS.fullmatch(name):
                raise ReadyMadeError(f"{source}: the comments part {name} could not be removed")
            if _word_xml(name):
                root = parse(archive.read(name))
                left += count_word_part(root)
                deleted = sum(1 for _ in root.iter(w("delText"), w("delInstrText")))
                left += Found(deletions=deleted)
    if left.changes or left.comments:
        raise ReadyMadeError(
            f"{source}: {left.described() or _counted(left.comments, 'comment')} "
            f"could not be resolved; accept or reject the changes in Word and save it again"
        )


# --- what the build asks -----------------------------------------------------------------------


def scan(path: Path) -> Found:
    """Tracked changes and comments in the ready-made .docx or .odt at ``path``."""
    if path.suffix.lower() == ".odt":
        from besluitpak.render import odf_revisions

        return odf_revisions.scan(path)
    return scan_word(path)


def refusal(where: str, found: Found) -> str:
    """The message refusing a document with tracked changes and no ``wijzigingen``."""
    return (
        f"{where}: expected a document without tracked changes, got {found.described()}; "
        f"accept or reject them in Word or Writer and save it again, or set "
        f"'wijzigingen: aanvaarden' (or 'verwerpen') for this bijlage in the case file"
    )


def cleaned(
    path: Path, choice: Choice | None, where: str, *, clear: tuple[float, float] | None = None
) -> bytes:
    """The ready-made .docx or .odt at ``path`` as it is converted: without comments, and
    with its tracked changes accepted or rejected as ``choice`` says. A document with
    tracked changes and no choice is refused, naming ``where`` and the counts. ``clear``:
    an .odt's pages get top and bottom margins at least this wide (points)."""
    try:
        found = scan(path)
        if found.changes and choice is None:
            raise ReadyMadeError(refusal(where, found))
        if path.suffix.lower() == ".odt":
            from besluitpak.render import odf_revisions

            return odf_revisions.clean(path, choice, clear=clear)
        return clean_word(path, choice)
    except UNREADABLE as e:
        raise ReadyMadeError(f"{where}: cannot read this document: {e}") from None


def document_warnings(case: Case, document: Document) -> list[str]:
    """The build's warning about a ready-made .docx or .odt's comments (see :func:`warnings`)."""
    if document.kind is not Kind.READY_WORD or document.bestand is None:
        return []
    return warnings(case.where(document), document.bestand)


def warnings(where: str, path: Path) -> list[str]:
    """A warning that the comments of the ready-made document at ``path`` are left out of
    both editions (empty: it has none, or it cannot be read, which the build reports)."""
    try:
        comments = _comments(path, path.stat().st_mtime_ns, path.stat().st_size)
    except OSError:
        return []
    if not comments:
        return []
    return [
        f"{where}: {_counted(comments, 'comment')} removed from both editions; "
        f"comments in a ready-made document are never printed"
    ]


@functools.cache
def _comments(path: Path, _mtime: int, _size: int) -> int:
    try:
        return scan(path).comments
    except UNREADABLE:
        return 0
