"""What every PDF of a meeting gets before it is written, as the bundle does (see
:func:`besluitpak.pdf.assemble`): repairs, tab order, metadata with the PDF/A-2 and PDF/UA-1
identification, its claims checked and withheld where a check fails, a font check, and an
atomic, deterministic save."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Name

from besluitpak import __version__
from besluitpak.errors import AssemblyError, StrictError
from besluitpak.files import write_atomic
from besluitpak.pdf import claims, inspect, repair
from besluitpak.pdf import structure as pdfstruct


@dataclass(frozen=True, kw_only=True)
class Described:
    """What the metadata says of a meeting's PDF."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...]
    day: dt.date
    own: tuple[tuple[str, str], ...] = ()
    """besluitpak's own properties (vergadering, status…), in XMP and Info."""


def finish(
    pdf: pikepdf.Pdf,
    out: Path,
    *,
    described: Described,
    untagged: bool = False,
    where: Callable[[int], str] = lambda page: f"pagina {page}",
    strict: bool = False,
) -> tuple[str, ...]:
    """Finish and write ``pdf`` to ``out``; the claims it does not make, and why."""
    repair.repair(pdf)
    for page in pdf.pages:
        if "/Annots" in page.obj:
            page.obj.Tabs = Name.S
    level = "U" if untagged else "A"

    def set_metadata(conformance: str, *, ua: bool) -> None:
        pdfstruct.set_metadata(
            pdf,
            title=described.title,
            author=described.author,
            subject=described.subject,
            keywords="; ".join(described.keywords),
            day=described.day,
            producer=f"besluitpak {__version__}; pikepdf",
            conformance=conformance,
            own=dict(described.own),
            ua=ua,
        )

    set_metadata(level, ua=True)
    decided = claims.decide(inspect.checks(pdf), level=level, where=where)
    if decided.withheld:
        if strict:
            raise StrictError(
                f"{out.name}: --strict: nothing written, because it would make no claim it "
                f"cannot keep: {'; '.join(decided.withheld)}"
            )
        set_metadata(decided.pdfa, ua=decided.pdfua)
    missing = pdfstruct.unembedded_fonts(pdf)
    if missing:
        raise AssemblyError(f"{out.name}: fonts not embedded: {', '.join(missing)}")
    buffer = io.BytesIO()
    pdf.save(
        buffer,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    write_atomic(out, buffer.getvalue(), what=f"the previous {out.name}")
    return tuple(decided.withheld)
