"""What a PDF claims (its XMP identification) and whether its bytes still support it: checked
on the signed bytes before they are written, as every claim besluitpak makes."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

from besluitpak.errors import SigningError
from besluitpak.pdf import claims, inspect


@dataclass(frozen=True, kw_only=True)
class Claimed:
    pdfa: str
    """``2a``, ``2u``, ``2b`` or ``""``."""
    pdfua: bool
    version: str
    """The PDF version it declares (header or catalog); signing may raise 1.4 to 1.7 (the ESIC
    extension PAdES declares), never to 2.0 (SHA-256, not 384 or 512)."""

    def __str__(self) -> str:
        parts = [f"PDF/A-{self.pdfa}" if self.pdfa else "no PDF/A"]
        parts.append("PDF/UA-1" if self.pdfua else "no PDF/UA")
        return ", ".join(parts)


def claimed(data: bytes) -> Claimed:
    """The claims in the XMP of the PDF ``data``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        part, level = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
        return Claimed(
            pdfa=f"{part}{str(level).lower()}" if part else "",
            pdfua=meta.get("pdfuaid:part") == "1",
            version=max(pdf.pdf_version, str(pdf.Root.get("/Version", "/1.0"))[1:]),
        )


def kept(before: Claimed, data: bytes, *, what: str) -> Claimed:
    """The claims of the signed ``data``, raising unless they are ``before``'s and its bytes
    still support them (the same checks as :func:`besluitpak.pdf.finish.finish`)."""
    after = claimed(data)
    if after.version >= "2.0":
        raise SigningError(f"{what}: signing would declare PDF {after.version}; PDF/A-2 is PDF 1.7")
    if (after.pdfa, after.pdfua) != (before.pdfa, before.pdfua):
        raise SigningError(f"{what}: signing changed the claims from {before} to {after}")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        level = before.pdfa[-1:].upper() or "B"
        decided = claims.decide(inspect.checks(pdf), level=level, where=lambda p: f"pagina {p}")
    lost = (before.pdfa and decided.pdfa != level) or (before.pdfua and not decided.pdfua)
    if lost:
        raise SigningError(
            f"{what}: nothing written: signed, it would not keep its claims ({before}): "
            + "; ".join(decided.withheld)
        )
    return after
