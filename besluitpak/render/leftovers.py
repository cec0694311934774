"""Template tags left in a ready-made document (``{{ titel }}``, ``{%p if %}``).

A ready-made .docx or .odt bijlage is converted as it is, never filled in, so a tag in it
means the sender forgot something: it would be printed as it stands. The text is read per
paragraph — Word splits a tag over several runs, so the runs of a paragraph are joined — from
the body, headers, footers, footnotes and endnotes of a .docx and from the content and the
master pages (headers, footers) of an .odt.

Light on purpose (zipfile and lxml only): it runs for every ready-made Word bijlage of every
build, also when its PDF comes from the cache.
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from besluitpak.casefile.case import Case, Document, Kind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
"""A Jinja/docxtpl tag: ``{{ x }}``, ``{{p sub }}``, ``{% if %}``, ``{%tr for %}``, ``{# #}``."""

SHOWN = 8
"""How many distinct tags a warning lists before it says how many more there are."""


@dataclass(frozen=True, kw_only=True)
class Leftover:
    """One template tag found in a ready-made document."""

    tag: str
    part: str
    """Where: ``body``, ``header``, ``footer``, ``footnotes``, ``endnotes``."""
    paragraph: str


def _docx_part(name: str) -> str | None:
    """What a part of a .docx holds, for messages; None for parts without text."""
    match = re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name)
    if match is None:
        return None
    kind = re.sub(r"\d+$", "", match.group(1))
    return "body" if kind == "document" else kind


def _odt_part(name: str) -> str | None:
    return {"content.xml": "body", "styles.xml": "header or footer"}.get(name)


def _paragraphs(
    root: etree._Element, paragraph_tags: set[str], text_tag: str | None
) -> Iterator[str]:
    """The text of every paragraph under ``root``: its own text, not that of a paragraph
    nested in it (a text box). With ``text_tag``, only the text of such elements counts
    (``w:t`` in Word: not field codes, not deleted text)."""
    pieces: dict[etree._Element, list[str]] = {}

    def walk(element: etree._Element, paragraph: etree._Element | None) -> None:
        if element.tag in paragraph_tags:
            paragraph = element
            pieces[paragraph] = []
        own = text_tag is None or element.tag == text_tag
        if paragraph is not None and own and element.text:
            pieces[paragraph].append(element.text)
        for child in element:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                continue
            walk(child, paragraph)
            if paragraph is not None and text_tag is None and child.tail:
                pieces[paragraph].append(child.tail)

    walk(root, None)
    for texts in pieces.values():
        yield "".join(texts)


def scan(path: Path) -> list[Leftover]:
    """Every template tag in the ready-made document at ``path`` (.docx or .odt).

    A file that is not a readable zip of XML yields nothing here: the converter reports it
    (and a ready-made .docx was checked to be a zip before)."""
    return list(_scan(path, path.stat().st_mtime_ns, path.stat().st_size))


@functools.cache
def _scan(path: Path, _mtime: int, _size: int) -> tuple[Leftover, ...]:
    odt = path.suffix.lower() == ".odt"
    found: list[Leftover] = []
    try:
        with zipfile.ZipFile(path) as archive:
            named = [(_odt_part(n) if odt else _docx_part(n), n) for n in archive.namelist()]
            for part, name in sorted((p, n) for p, n in named if p is not None):  # body first
                root = etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False))
                if odt:
                    texts = _paragraphs(root, {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}, None)
                else:
                    texts = _paragraphs(root, {f"{{{W}}}p"}, f"{{{W}}}t")
                for text in texts:
                    found.extend(
                        Leftover(tag=m.group(), part=part, paragraph=" ".join(text.split()))
                        for m in TAG.finditer(text)
                    )
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError):
        return ()  # not a document we can read: the conversion says so, naming the bijlage
    return tuple(found)


def warnings(case: Case, document: Document) -> list[str]:
    """A warning naming the bijlage, its file and the tags left in it (empty: none)."""
    if document.kind is not Kind.READY_WORD or document.bestand is None:
        return []
    found = scan(document.bestand)
    if not found:
        return []
    distinct = list(dict.fromkeys((f.tag, f.part) for f in found))
    shown = ", ".join(
        f"{' '.join(tag.split())!r}" + ("" if part == "body" else f" (in the {part})")
        for tag, part in distinct[:SHOWN]
    )
    more = f" and {len(distinct) - SHOWN} more" if len(distinct) > SHOWN else ""
    count = len(distinct)
    return [
        f"{case.where(document)}: {count} template tag{'s' if count != 1 else ''} left in "
        f"this ready-made document, printed as {'they stand' if count != 1 else 'it stands'}: "
        f"{shown}{more}; a ready-made file is not filled in: complete its text, or make it "
        f"a bijlage with a template and data"
    ]
