"""The words of ``lakken`` replaced in a ready-made .docx or .odt before its public edition is
converted.

A ready-made Word or Writer document has no pages before LibreOffice lays it out, so its
``woorden`` are replaced in the whole document, whatever ``pagina`` says: every occurrence,
case-free, as whole words (spaces match any run of spaces), in any Unicode form
(:mod:`besluitpak.casefile.lak_words`: ``Mu\u0308ller`` typed decomposed is ``Müller``),
becomes ``[gelakt: 5.1.2e]``. The
document is read after it has been prepared (:mod:`besluitpak.render.ready_made`: tracked
changes accepted or rejected as the case file says, comments gone, hidden text gone, fields
frozen to the text they show, rebuilt from an allow-list), and every XML part of the package
is searched — body, headers, footers, footnotes, endnotes, text boxes, shapes (DrawingML
``a:t``), equations, document properties:

- text is matched per paragraph (``w:p``, ``a:p``, ``text:p``, ``text:h``), across the runs
  and spans it is split into; the first piece of a match takes the marker, the others lose
  their part of it;
- the text of an element outside any paragraph (a document property, a picture's
  ``svg:title``) and every attribute value (a picture's description and title, ``descr``)
  are matched as they stand.

The words of the ``woorden`` are looked for again in the written package; what is still there
(cut by something that is not text, such as a field's code) is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from besluitpak.casefile import lak_words
from besluitpak.errors import CaseError, ReadyMadeError
from besluitpak.render.revisions import parse, serialize

if TYPE_CHECKING:
    from pathlib import Path

    from besluitpak.casefile.case import Case, Document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
PARAGRAPHS = frozenset({f"{{{_W}}}p", f"{{{_A}}}p", f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"})
_OOXML_TEXT = frozenset({f"{{{_W}}}t", f"{{{_A}}}t", f"{{{_M}}}t"})
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_APART = PARAGRAPHS | {f"{{{_TEXT}}}note"}
"""What a paragraph's text does not run through: a nested paragraph (a text box's, a note's
body, read on its own) and a note (its citation number would join the word before it)."""


@dataclass(frozen=True, kw_only=True)
class Words:
    """One ``lakken`` entry's words and ground."""

    woorden: str
    grond: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """The words in :func:`lak_words.fold`-ed text (see :meth:`spans`)."""
        return lak_words.pattern(self.woorden)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the words are in ``text`` as it stands."""
        return lak_words.spans(self.pattern, text)

    def subn(self, text: str) -> tuple[str, int]:
        """``text`` with the words replaced by the marker, and how many times."""
        found = self.spans(text)
        for start, end in reversed(found):
            text = text[:start] + self.marker + text[end:]
        return text, len(found)

    @property
    def marker(self) -> str:
        return f"[gelakt: {self.grond}]"


def of(document: Document) -> list[tuple[int, Words]]:
    """The ``lakken`` entries of ``document`` with words: (index in lakken, words)."""
    return [
        (index, Words(woorden=item.woorden, grond=item.grond))
        for index, item in enumerate(document.lakken)
        if item.woorden is not None
    ]


def apply(case: Case, document: Document, target: Path) -> None:
    """Replace the ``woorden`` of ``document``'s ``lakken`` in the prepared package at
    ``target``: words found nowhere are a located problem of their entry (a lak that
    removes nothing would let a typo through unnoticed); words still there after the
    replacement refuse the document."""
    entries = of(document)
    if not entries:
        return
    words = [w for _, w in entries]
    data, counts = redact(target.read_bytes(), words)
    assert document.number is not None  # a ready-made document is a bijlage
    problems = [
        case.source.problem(
            ("bijlagen", document.number - 1, "lakken", index, "woorden"),
            f"expected words that are in the document, got text {w.woorden!r}, which is not there",
        )
        for (index, w), count in zip(entries, counts, strict=True)
        if not count
    ]
    if problems:
        raise CaseError(problems)
    still = left(data, words)
    if still:
        where = case.where(document)
        raise ReadyMadeError(
            f"{where}: the words {', '.join(map(repr, still))} (lakken) are split by something "
            f"that is not text (a field, a drawing) and could not be replaced; retype them"
        )
    target.write_bytes(data)


def redact(data: bytes, words: Sequence[Words]) -> tuple[bytes, list[int]]:
    """The package ``data`` with ``words`` replaced in every XML part, and how many times
    each was found."""
    counts = [0] * len(words)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w") as written:
        for info in archive.infolist():
            body = archive.read(info)
            if info.filename.endswith((".xml", ".rels")) and body.strip():
                root = parse(body)
                found = [_replace(root, w) for w in words]
                if any(found):
                    body = serialize(root)
                counts = [a + b for a, b in zip(counts, found, strict=True)]
            written.writestr(info, body)
    return out.getvalue(), counts


def left(data: bytes, words: Sequence[Words]) -> list[str]:
    """The ``woorden`` still found in a package's text (each paragraph, element and
    attribute as :func:`redact` reads them)."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = parse(archive.read(name))
            texts = [_joined(p) for p in _paragraphs(root)] + list(_loose(root))
            found += [w.woorden for w in words if any(w.spans(t) for t in texts)]
    return sorted(set(found))


def _replace(root: etree._Element, words: Words) -> int:
    count = 0
    for paragraph in _paragraphs(root):
        count += _in_paragraph(paragraph, words)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for key, value in element.attrib.items():
            new, n = words.subn(value)
            if n:
                element.set(key, new)
                count += n
        if _outside(element):
            for slot in ("text", "tail"):
                new, n = words.subn(getattr(element, slot) or "")
                if n:
                    setattr(element, slot, new)
                    count += n
    return count


def _paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    for element in root.iter():
        if element.tag in PARAGRAPHS:
            yield element


def _outside(element: etree._Element | None) -> bool:
    """Whether ``element`` is outside every paragraph (and not in one itself)."""
    node = element
    while node is not None:
        if node.tag in PARAGRAPHS:
            return False
        node = node.getparent()
    return True


def _loose(root: etree._Element) -> Iterator[str]:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        yield from element.attrib.values()
        if _outside(element) and element.text:
            yield element.text


def _slots(paragraph: etree._Element) -> list[tuple[etree._Element, str]]:
    """Where a paragraph's own text is, in order: (element, ``text`` or ``tail``); nested
    paragraphs (a text box, a note's body) are left to themselves."""
    slots: list[tuple[etree._Element, str]] = []
    odf = paragraph.tag.startswith(f"{{{_TEXT}}}")

    def visit(element: etree._Element) -> None:
        if element is not paragraph and element.tag in _APART:
            return
        if odf or element.tag in _OOXML_TEXT:
            slots.append((element, "text"))
        for child in element:
            if isinstance(child.tag, str):
                visit(child)
            if odf:
                slots.append((child, "tail"))

    visit(paragraph)
    return slots


def _joined(paragraph: etree._Element) -> str:
    return "".join(getattr(e, s) or "" for e, s in _slots(paragraph))


def _in_paragraph(paragraph: etree._Element, words: Words) -> int:
    """Replace ``words`` in one paragraph's text, across its runs; how many times."""
    slots = _slots(paragraph)
    pieces = [getattr(e, s) or "" for e, s in slots]
    matches = words.spans("".join(pieces))
    for match_start, match_end in reversed(matches):
        offset = 0
        marked = False
        for index, piece in enumerate(pieces):
            start, end = offset, offset + len(piece)
            offset = end
            if end <= match_start or start >= match_end:
                continue
            cut_from = max(match_start - start, 0)
            cut_to = min(match_end - start, len(piece))
            middle = "" if marked else words.marker
            marked = True
            pieces[index] = piece[:cut_from] + middle + piece[cut_to:]
    for (element, slot), piece in zip(slots, pieces, strict=True):
        if (getattr(element, slot) or "") != piece:
            setattr(element, slot, piece)
            if slot == "text" and element.tag in _OOXML_TEXT:
                element.set(_SPACE, "preserve")
    return len(matches)
