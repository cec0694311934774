"""The definitive besluitenlijst as the meeting's archive takes it: made now, or, when the one
in the out folder is signed, that file as it was signed, byte for byte (issue 31: nothing
rewrites a signed list; the burgemeester's and secretaris's signatures go into the archive
and the publication with it).

A signed list is taken only when it still says what a list made now says: the list is made
again in a temporary folder and each page's content compared with the signed file's (signing
adds fields and their stamps, never page content). A list signed before an outcome changed,
or before an embargo ended, is refused with what to do; its .docx and DiWoo record are the
ones made now (unsigned; their content is the list's)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pikepdf

from besluitpak.errors import ArchiveError
from besluitpak.events import OnEvent
from besluitpak.files import write_atomic
from besluitpak.meeting.agenda import file_stem
from besluitpak.meeting.besluitenlijst import LijstStatus, write_besluitenlijst
from besluitpak.meeting.load import Vergadering
from besluitpak.pdf.signed import signature_fields
from besluitpak.settings import BuildSettings


def signed_fields(pdf: Path) -> list[str]:
    """The signed fields of ``pdf`` (none: not there, not a PDF, or unsigned)."""
    if not pdf.is_file():
        return []
    try:
        with pikepdf.open(pdf) as opened:
            return signature_fields(opened)
    except pikepdf.PdfError:
        return []


def _pages(pdf: Path) -> list[bytes]:
    with pikepdf.open(pdf) as opened:
        return [
            pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page))
            for page in opened.pages
        ]


def definitive(
    vergadering: Vergadering,
    *,
    out: Path,
    settings: BuildSettings,
    on_event: OnEvent | None = None,
) -> list[Path]:
    """The definitive besluitenlijst's PDF, .docx and DiWoo record in ``out``."""
    pdf = out / f"besluitenlijst-{file_stem(vergadering)}-{LijstStatus.DEFINITIEF.value}.pdf"
    signed = signed_fields(pdf)
    if not signed:
        lijst = write_besluitenlijst(
            vergadering,
            out=out,
            status=LijstStatus.DEFINITIEF,
            today=settings.today,
            settings=settings,
            on_event=on_event,
        )
        return [lijst.pdf, lijst.docx, lijst.diwoo]
    with tempfile.TemporaryDirectory(prefix="besluitpak-ondertekend-") as folder:
        now = write_besluitenlijst(
            vergadering,
            out=Path(folder),
            status=LijstStatus.DEFINITIEF,
            today=settings.today,
            settings=settings,
            on_event=on_event,
        )
        if _pages(now.pdf) != _pages(pdf):
            raise ArchiveError(
                f"{pdf}: signed ({', '.join(signed)}), but it no longer says what the "
                f"besluitenlijst of {vergadering.path.name} says on {settings.today.isoformat()}"
                " (an outcome changed, or an embargo ended, after it was signed): move it away,"
                " make the definitive list again and have it signed"
            ).coded("signed-list-outdated", file=str(pdf))
        for made in (now.docx, now.diwoo):
            write_atomic(out / made.name, made.read_bytes(), what=f"the previous {made.name}")
    return [pdf, out / now.docx.name, out / now.diwoo.name]
