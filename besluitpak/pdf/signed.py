"""Whether a PDF carries signatures, and the refusal to write into one that does: a signed
file is never written into afterwards (a stamp, a repair, new metadata would break its
signatures). Only :mod:`besluitpak.signing` adds to a signed file, as an incremental update."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.errors import OutputError


def signature_fields(pdf: pikepdf.Pdf) -> list[str]:
    """The names of the fields that hold a signature or a document timestamp."""
    form = pdf.Root.get("/AcroForm")
    fields = form.get("/Fields") if isinstance(form, Dictionary) else None
    if not isinstance(fields, Array):
        return []
    return [
        str(field.get("/T", "?"))
        for field in fields
        if isinstance(field, Dictionary)
        and field.get("/FT") == Name.Sig
        and isinstance(field.get("/V"), Dictionary)
    ]


def refuse_signed(pdf: pikepdf.Pdf, what: str) -> None:
    """Raise when ``pdf`` (named ``what``) is signed: nothing writes into a signed file."""
    signed = signature_fields(pdf)
    if signed:
        raise OutputError(
            f"{what}: signed ({', '.join(signed)}); besluitpak does not write into a signed "
            "PDF, since that would break its signatures: sign after the last change"
        )


def refuse_overwrite(out: Path) -> None:
    """Raise when the file at ``out`` is a signed PDF that a write would replace."""
    if not out.is_file() or out.suffix.lower() != ".pdf":
        return
    try:
        with pikepdf.open(out) as existing:
            signed = signature_fields(existing)
    except pikepdf.PdfError:
        return
    if signed:
        raise OutputError(
            f"{out}: signed ({', '.join(signed)}); besluitpak does not write over a signed "
            "PDF: move it away first if it must be made again"
        ).coded("signed-no-overwrite", file=str(out))
