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
The .docx transformation lives in :mod:`besluitpak.render.word_revisions`, the .odt one in
:mod:`besluitpak.render.odf_revisions`; this module has what they share and what the build
asks.
"""

from __future__ import annotations

import functools
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.errors import ReadyMadeError

Choice = Literal["aanvaarden", "verwerpen"]
"""What the case file's ``wijzigingen`` asks: accept every change, or reject every one."""
UNREADABLE = (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError)
"""What reading a document that is no sound zip of XML raises."""


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
            counted(n, word)
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

    def counts(self, *, comments: bool = True) -> dict[str, str]:
        """The counts as a coded message's parameters (the page says them in Dutch);
        the comments as none where the message is about the changes only."""
        return {
            "insertions": str(self.insertions),
            "deletions": str(self.deletions),
            "moves": str(self.moves),
            "formatting": str(self.formatting),
            "comments": str(self.comments if comments else 0),
        }


def counted(n: int, word: str) -> str:
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


def drop_entities(root: etree._Element) -> None:
    """Entity references are never resolved, nor written (their declaration is not)."""
    for entity in list(root.iter(etree.Entity)):
        remove(entity)


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


# --- what the build asks -----------------------------------------------------------------------


def scan(path: Path) -> Found:
    """Tracked changes and comments in the ready-made .docx or .odt at ``path``."""
    if path.suffix.lower() == ".odt":
        from besluitpak.render import odf_revisions

        return odf_revisions.scan(path)
    from besluitpak.render import word_revisions

    return word_revisions.scan_word(path)


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
            raise ReadyMadeError(refusal(where, found)).coded(
                "tracked-changes", where=where, **found.counts(comments=False)
            )
        if path.suffix.lower() == ".odt":
            from besluitpak.render import odf_revisions

            return odf_revisions.clean(path, choice, clear=clear, where=where)
        from besluitpak.render import word_revisions

        return word_revisions.clean_word(path, choice, where)
    except UNREADABLE as e:
        raise ReadyMadeError(f"{where}: cannot read this document: {e}").coded(
            "unreadable-document", where=where
        ) from None


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
        f"{where}: {counted(comments, 'comment')} removed from both editions; "
        f"comments in a ready-made document are never printed"
    ]


@functools.cache
def _comments(path: Path, _mtime: int, _size: int) -> int:
    try:
        return scan(path).comments
    except UNREADABLE:
        return 0
