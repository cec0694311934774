"""A ready-made .docx or .odt made ready for conversion: checked that it opens, its comments
removed, its tracked changes accepted or rejected as the case file says, and rebuilt from an
allow-list of what Word or Writer prints (:mod:`~besluitpak.render.public_word`,
:mod:`~besluitpak.render.public_odf`), for both editions alike."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError

from besluitpak.casefile.case import Case, Document
from besluitpak.errors import ReadyMadeError, TemplateError
from besluitpak.render import clearance, package, public_odf, public_word, revisions
from besluitpak.render.word_links import link_addresses, unlink_remote_images

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE file: a password-protected .docx, or an old .doc."""


def check_word(case: Case, document: Document) -> None:
    """A ready-made .docx must be a Word document we can open: not empty, not encrypted."""
    assert document.bestand is not None
    where = case.where(document)
    head = document.bestand.read_bytes()[:8]
    if not head:
        raise ReadyMadeError(f"{where}: the file is empty (0 bytes)").coded(
            "document-empty", where=where
        )
    if head == OLE_SIGNATURE:
        raise ReadyMadeError(
            f"{where}: the document is protected with a password (or saved "
            f"in the old .doc format); save it as .docx without a password"
        ).coded("document-protected-or-doc", where=where)
    if not zipfile.is_zipfile(document.bestand):
        raise ReadyMadeError(
            f"{where}: expected a Word document (.docx, a zip archive), got a file that is not one"
        ).coded("document-not-docx", where=where)


def prepare_ready_made(case: Case, document: Document, out: Path) -> Path:
    """A ready-made .docx gets what a rendered one gets: linked addresses and core
    properties that say what it is (not who edited it). Its comments are removed, its
    tracked changes accepted or rejected as the case file says (refused when it says
    nothing), and its header and footer kept clear of the bundle's stamp. Then the package
    is rebuilt from an allow-list of what Word prints (:mod:`~besluitpak.render.public_word`:
    no hidden text, field codes, glossary, variables, custom XML, custom properties, picture
    metadata or author-given names), for both editions alike."""
    assert document.bestand is not None
    check_word(case, document)
    where = case.where(document)
    choice = _choice(document)
    try:
        cleaned = revisions.cleaned(document.bestand, choice, where)
        docx = DocxDocument(io.BytesIO(cleaned))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise TemplateError(
            f"{document.bestand}: {document.short_label} is not a readable Word document: {e}"
        ).coded("unreadable-document", where=where) from e
    package.repair_core_properties(docx)
    package.set_core_properties(docx, case, document)
    link_addresses(docx)
    unlink_remote_images(docx)
    clearance.clear_of_stamp(docx)
    package.save(docx, out, shown=where)
    out.write_bytes(allow_listed(public_word.public_copy, out.read_bytes(), where))
    return out


def _choice(document: Document) -> revisions.Choice | None:
    if document.wijzigingen == "aanvaarden":
        return "aanvaarden"
    if document.wijzigingen == "verwerpen":
        return "verwerpen"
    return None


def prepare_ready_odt(case: Case, document: Document, out: Path) -> Path:
    """A ready-made .odt as it is converted: without comments, its tracked changes accepted
    or rejected as the case file says (refused when it says nothing), rebuilt from an
    allow-list of what Writer shows (:mod:`~besluitpak.render.public_odf`: no hidden
    paragraphs, text or sections, which LibreOffice would print, no field codes, metadata,
    thumbnail or author-given names), for both editions alike."""
    assert document.bestand is not None
    clear = (clearance.TOP_CLEAR, clearance.BOTTOM_CLEAR)
    where = case.where(document)
    cleaned = revisions.cleaned(document.bestand, _choice(document), where, clear=clear)
    out.write_bytes(allow_listed(public_odf.public_copy, cleaned, where))
    return out


def allow_listed(rebuild: Callable[[bytes], bytes], data: bytes, where: str) -> bytes:
    """``data`` rebuilt by ``rebuild`` (:mod:`~besluitpak.render.public_word` or
    :mod:`~besluitpak.render.public_odf`); a part it cannot read is named with ``where``."""
    try:
        return rebuild(data)
    except (*revisions.UNREADABLE, ValueError) as e:  # a picture's NotAPicture too
        raise ReadyMadeError(f"{where}: cannot read this document: {e}").coded(
            "unreadable-document", where=where
        ) from None
