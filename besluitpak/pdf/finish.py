"""What every PDF besluitpak writes gets before it is written (the bundle, its documents, the
inventory, the meeting's agenda, vergadermap and besluitenlijst): repairs, tab order, metadata
with the PDF/A-2 and PDF/UA-1 identification, its claims checked and withheld where a check
fails (or, with ``strict``, nothing written), no PDF/A claim while a font is not embedded,
and an atomic, deterministic save."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf
from pikepdf import Name

from besluitpak.errors import StrictError
from besluitpak.files import shown_name, write_atomic
from besluitpak.pdf import claims, inspect, metadata, repair, signed, standard_fonts
from besluitpak.pdf.claims import Claims
from besluitpak.pdf.inspect.memo import PageMemo
from besluitpak.release import __version__


@dataclass(frozen=True, kw_only=True)
class Described:
    """What the metadata says of a PDF."""

    title: str
    subject: str
    author: str
    """``Gemeente Haarlem``."""
    keywords: tuple[str, ...]
    day: dt.date
    """The date it is of: the collegevergadering."""
    producer: str = f"besluitpak {__version__}; pikepdf"
    own: tuple[tuple[str, str], ...] = ()
    """besluitpak's own properties (kenmerk, editie, vergadering, status…), in XMP and Info."""


def finish(
    pdf: pikepdf.Pdf,
    out: Path,
    *,
    described: Described,
    untagged: bool = False,
    where: Callable[[int], str] = lambda page: f"pagina {page}",
    strict: bool = False,
    what: str | None = None,
    memo: PageMemo | None = None,
) -> Claims:
    """Finish and write ``pdf`` to ``out``; the claims it makes, and why no more.

    ``untagged``: a ready-made PDF without tags has only the coarse structure given to it,
    so it claims PDF/A-2u, not 2a. ``where`` names the document of a page (1-based) in the
    messages; ``what`` names the file a failed write leaves unchanged (by default ``out``);
    ``memo``: the per-page check results of its documents' pages, kept for the next build.
    """
    signed.refuse_signed(pdf, what or shown_name(out))  # a signed file is never written into
    signed.refuse_overwrite(out)
    repair.repair(pdf, memo)
    for page in pdf.pages:
        if "/Annots" in page.obj:
            page.obj.Tabs = Name.S
    level = "U" if untagged else "A"

    def set_metadata(conformance: str, *, ua: bool) -> None:
        metadata.set_metadata(
            pdf,
            title=described.title,
            author=described.author,
            subject=described.subject,
            keywords="; ".join(described.keywords),
            day=described.day,
            producer=described.producer,
            conformance=conformance,
            own=dict(described.own),
            ua=ua,
        )

    set_metadata(level, ua=True)
    decided = _fonts_checked(
        claims.decide(inspect.checks(pdf, memo), level=level, where=where), pdf, where=where
    )
    if decided.withheld:
        if strict:
            raise StrictError(
                f"{shown_name(out)}: --strict: nothing written, because it would make no claim it "
                f"cannot keep: {'; '.join(decided.withheld)}"
            )
        set_metadata(decided.pdfa, ua=decided.pdfua)
    buffer = io.BytesIO()  # qpdf aborts the process on a full disk; Python reports it
    pdf.save(
        buffer,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    write_atomic(out, buffer.getvalue(), what=what or f"the previous {out.name}")
    return decided


def _fonts_checked(decided: Claims, pdf: pikepdf.Pdf, *, where: Callable[[int], str]) -> Claims:
    """``decided`` without its PDF/A claim when a font is not embedded (PDF/A-2 6.2.11.4):
    one a ready-made bijlage names and no installed font can stand in for (see
    :mod:`besluitpak.pdf.standard_fonts`); the line says which, and in which document."""
    missing = standard_fonts.unembedded(pdf)
    if not missing:
        return decided
    fonts = "; ".join(
        f"{name} ({', '.join(dict.fromkeys(where(page) for page in pages))})"
        for name, pages in sorted(missing.items())
    )
    lines = [line for line in decided.withheld if not line.startswith("claimed PDF/A-2")]
    lines.append(f"not claimed: PDF/A-2, because fonts are not embedded: {fonts}")
    return replace(decided, pdfa="", withheld=tuple(lines))
